// The import of elementwise ONNX ops: one tg op per node, located at the node's name; initializers
// become constants; symbolic dims become dynamic.
// RUN: %python %S/Inputs/elementwise_models.py %t
// RUN: tg-import %t/add_broadcast.onnx --mlir-print-debuginfo | filecheck %s --check-prefix=ADD
// RUN: tg-import %t/add_broadcast.onnx --bind batch=8 | filecheck %s --check-prefix=BOUND
// RUN: tg-import %t/mean_of_three.onnx | filecheck %s --check-prefix=MEAN
// RUN: not tg-import %t/unsupported_ops.onnx 2>&1 | filecheck %s --check-prefix=REFUSED

// ADD-LABEL: func.func @main(%arg0: tensor<?x4xf32> {tg.dims = ["batch", ""], tg.name = "x"}
// ADD:         %[[B:.*]] = arith.constant dense<[0.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<4xf32>
// ADD:         "tg.add"(%arg0, %[[B]]) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32> loc(#[[LOC:.*]])
// ADD:       #[[LOC]] = loc("bias_add"(

// BOUND: func.func @main(%arg0: tensor<8x4xf32> {tg.name = "x"}) -> tensor<8x4xf32>

// Mean is the sum of the inputs divided by their count.
// MEAN:      %[[THREE:.*]] = arith.constant dense<3.000000e+00> : tensor<f32>
// MEAN:      %[[S1:.*]] = "tg.add"(%arg0, %arg1)
// MEAN:      %[[S2:.*]] = "tg.add"(%[[S1]], %arg2)
// MEAN:      "tg.div"(%[[S2]], %[[THREE]])

// Every unsupported op is named at once, with its count and nodes.
// REFUSED: tg-import: error: {{.*}}unsupported_ops.onnx: unsupported ONNX ops: Hardmax (2 nodes: h1, h2); LpNormalization (1 node: lp)
