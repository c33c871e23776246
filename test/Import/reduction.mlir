// The import of ONNX reductions, arg-reductions, softmax and matrix products: ReduceSum/Mean/Prod/Max/Min,
// ArgMax/ArgMin, MatMul and Einsum map to one tg op (axes from an attribute or a constant input);
// the other Reduce* ops, LogSoftmax, Gemm and many-operand Einsum are decomposed.
// RUN: %python %S/Inputs/reduction_models.py %t
// RUN: tg-import %t/reduce_sum_axes_input.onnx | filecheck %s --check-prefix=SUM
// RUN: tg-import %t/reduce_max_axes_attribute.onnx | filecheck %s --check-prefix=MAX
// RUN: tg-import %t/reduce_mean_every_axis.onnx | filecheck %s --check-prefix=MEAN
// RUN: tg-import %t/reduce_sum_noop.onnx | filecheck %s --check-prefix=NOOP
// RUN: tg-import %t/reduce_min_prod_bool_int.onnx | filecheck %s --check-prefix=MINPROD
// RUN: tg-import %t/composed_reductions.onnx | filecheck %s --check-prefix=COMPOSED
// RUN: tg-import %t/reduce_log_sum_exp.onnx | filecheck %s --check-prefix=LSE
// RUN: tg-import %t/arg_reductions.onnx | filecheck %s --check-prefix=ARG
// RUN: tg-import %t/softmax_13.onnx | filecheck %s --check-prefix=SOFTMAX13
// RUN: tg-import %t/softmax_11.onnx | filecheck %s --check-prefix=SOFTMAX11
// RUN: tg-import %t/matmul_batched.onnx | filecheck %s --check-prefix=MATMUL
// RUN: tg-import %t/gemm_all_attributes.onnx | filecheck %s --check-prefix=GEMM
// RUN: tg-import %t/gemm_dynamic_bias.onnx | filecheck %s --check-prefix=GEMMDYN
// RUN: tg-import %t/gemm_linear.onnx | filecheck %s --check-prefix=LINEAR
// RUN: tg-import %t/gemm_no_bias_opset_7.onnx | filecheck %s --check-prefix=GEMM7
// RUN: tg-import %t/einsum_two.onnx | filecheck %s --check-prefix=EINSUM
// RUN: tg-import %t/einsum_three.onnx | filecheck %s --check-prefix=EINSUM3
// RUN: tg-import %t/l2_of_integers.onnx | filecheck %s --check-prefix=INTL2
// RUN: not tg-import %t/gemm_of_vectors.onnx 2>&1 | filecheck %s --check-prefix=REFUSED

// Opset 13 ReduceSum takes its axes from an input (a constant here); keepdims = 0 drops the dim.
// SUM: func.func @main(%arg0: tensor<?x3x4xf32> {tg.dims = ["n", "", ""], tg.name = "x"}) -> tensor<?x3xf32>
// SUM:   "tg.reduce_sum"(%arg0) {axes = array<i64: -1>, keepdims = false} : (tensor<?x3x4xf32>) -> tensor<?x3xf32>

// Opset 13 ReduceMax has axes as an attribute; keepdims defaults to 1.
// MAX:   "tg.reduce_max"(%arg0) {axes = array<i64: 1>, keepdims = true} : (tensor<?x3x4xf32>) -> tensor<?x1x4xf32>

// No axes reduce every dim.
// MEAN:  "tg.reduce_mean"(%arg0) {axes = array<i64: 0, 1, 2>, keepdims = true} : (tensor<?x3x4xf32>) -> tensor<1x1x1xf32>

// Empty axes with noop_with_empty_axes reduce nothing.
// NOOP:  "tg.reduce_sum"(%arg0) {axes = array<i64>, keepdims = true} : (tensor<?x3x4xf32>) -> tensor<?x3x4xf32>

// Opset 20 ReduceMin takes booleans (an and); ReduceProd takes integers.
// MINPROD: "tg.reduce_min"(%arg0) {axes = array<i64: 1>, keepdims = false} : (tensor<4x2xi1>) -> tensor<4xi1>
// MINPROD: "tg.reduce_prod"(%arg1) {axes = array<i64: 1>, keepdims = true} : (tensor<4x2xi32>) -> tensor<4x1xi32>

// ReduceSumSquare sums x*x; ReduceL1 sums |x|; ReduceL2 is the root of the sum of squares; ReduceLogSum
// the log of the sum.
// COMPOSED:      %[[SQUARE:.*]] = "tg.mul"(%arg0, %arg0)
// COMPOSED-NEXT: "tg.reduce_sum"(%[[SQUARE]]) {axes = array<i64: 1>, keepdims = false} : (tensor<?x3xf32>) -> tensor<?xf32>
// COMPOSED-NEXT: %[[ABS:.*]] = "tg.abs"(%arg0)
// COMPOSED-NEXT: "tg.reduce_sum"(%[[ABS]])
// COMPOSED-NEXT: %[[SQUARE2:.*]] = "tg.mul"(%arg0, %arg0)
// COMPOSED-NEXT: %[[TOTAL:.*]] = "tg.reduce_sum"(%[[SQUARE2]])
// COMPOSED-NEXT: "tg.sqrt"(%[[TOTAL]])
// COMPOSED-NEXT: %[[TOTAL2:.*]] = "tg.reduce_sum"(%arg0)
// COMPOSED-NEXT: "tg.log"(%[[TOTAL2]])

// ReduceLogSumExp shifts by the maximum, clamped to the finite range (so that an empty or infinite
// row does not give inf - inf), and adds it back; without keepdims the 1s go last.
// LSE:      %[[LOWEST:.*]] = arith.constant dense<-3.40282347E+38> : tensor<f32>
// LSE:      %[[LARGEST:.*]] = arith.constant dense<3.40282347E+38> : tensor<f32>
// LSE:      %[[MAXIMUM:.*]] = "tg.reduce_max"(%arg0) {axes = array<i64: 1>, keepdims = true} : (tensor<?x3x4xf32>) -> tensor<?x1x4xf32>
// LSE-NEXT: %[[BELOW:.*]] = "tg.min"(%[[MAXIMUM]], %[[LARGEST]])
// LSE-NEXT: %[[SHIFT:.*]] = "tg.max"(%[[BELOW]], %[[LOWEST]])
// LSE-NEXT: %[[SHIFTED:.*]] = "tg.sub"(%arg0, %[[SHIFT]]) : (tensor<?x3x4xf32>, tensor<?x1x4xf32>) -> tensor<?x3x4xf32>
// LSE-NEXT: %[[EXP:.*]] = "tg.exp"(%[[SHIFTED]])
// LSE-NEXT: %[[TOTAL:.*]] = "tg.reduce_sum"(%[[EXP]]) {axes = array<i64: 1>, keepdims = true}
// LSE-NEXT: %[[LOG:.*]] = "tg.log"(%[[TOTAL]])
// LSE-NEXT: %[[KEPT:.*]] = "tg.add"(%[[LOG]], %[[SHIFT]]) : (tensor<?x1x4xf32>, tensor<?x1x4xf32>) -> tensor<?x1x4xf32>
// LSE-NEXT: "tg.reduce_max"(%[[KEPT]]) {axes = array<i64: 1>, keepdims = false} : (tensor<?x1x4xf32>) -> tensor<?x4xf32>

// ArgMax keeps the dim by default; ArgMin with select_last_index.
// ARG: "tg.argmax"(%arg0) {axis = 1 : i64, keepdims = true, select_last_index = false} : (tensor<?x5xf32>) -> tensor<?x1xi64>
// ARG: "tg.argmin"(%arg0) {axis = -1 : i64, keepdims = false, select_last_index = true} : (tensor<?x5xf32>) -> tensor<?xi64>

// Opset 13 Softmax is tg.softmax along any axis; LogSoftmax (default axis -1) is x - max minus the
// log of the sum of the exponentials.
// SOFTMAX13:      "tg.softmax"(%arg0) {axis = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<?x3x4xf32>
// SOFTMAX13-NEXT: %[[MAXIMUM:.*]] = "tg.reduce_max"(%arg0) {axes = array<i64: 2>, keepdims = true}
// SOFTMAX13-NEXT: %[[SHIFTED:.*]] = "tg.sub"(%arg0, %[[MAXIMUM]])
// SOFTMAX13-NEXT: %[[EXP:.*]] = "tg.exp"(%[[SHIFTED]])
// SOFTMAX13-NEXT: %[[TOTAL:.*]] = "tg.reduce_sum"(%[[EXP]]) {axes = array<i64: 2>, keepdims = true}
// SOFTMAX13-NEXT: %[[LOG:.*]] = "tg.log"(%[[TOTAL]])
// SOFTMAX13-NEXT: "tg.sub"(%[[SHIFTED]], %[[LOG]]) : (tensor<?x3x4xf32>, tensor<?x3x1xf32>) -> tensor<?x3x4xf32>

// Before opset 13, Softmax with axis 1 normalizes over dims 1 and 2 together; with axis -1, over the
// last dim alone: tg.softmax.
// SOFTMAX11:      %[[MAXIMUM:.*]] = "tg.reduce_max"(%arg0) {axes = array<i64: 1, 2>, keepdims = true} : (tensor<?x3x4xf32>) -> tensor<?x1x1xf32>
// SOFTMAX11-NEXT: %[[SHIFTED:.*]] = "tg.sub"(%arg0, %[[MAXIMUM]])
// SOFTMAX11-NEXT: %[[EXP:.*]] = "tg.exp"(%[[SHIFTED]])
// SOFTMAX11-NEXT: %[[TOTAL:.*]] = "tg.reduce_sum"(%[[EXP]]) {axes = array<i64: 1, 2>, keepdims = true}
// SOFTMAX11-NEXT: "tg.div"(%[[EXP]], %[[TOTAL]]) : (tensor<?x3x4xf32>, tensor<?x1x1xf32>) -> tensor<?x3x4xf32>
// SOFTMAX11-NEXT: "tg.softmax"(%arg0) {axis = 2 : i64}

// MATMUL: "tg.matmul"(%arg0, %arg1) : (tensor<?x2x3xf32>, tensor<3x4xf32>) -> tensor<?x2x4xf32>

// Gemm: transposes, a matmul, alpha and beta as scalar products, C added with broadcasting.
// GEMM:      %[[BETA:.*]] = arith.constant dense<5.000000e-01> : tensor<f32>
// GEMM:      %[[ALPHA:.*]] = arith.constant dense<2.500000e-01> : tensor<f32>
// GEMM:      %[[AT:.*]] = "tg.transpose"(%arg0) {perm = array<i64: 1, 0>} : (tensor<3x?xf32>) -> tensor<?x3xf32>
// GEMM-NEXT: %[[BT:.*]] = "tg.transpose"(%arg1) {perm = array<i64: 1, 0>} : (tensor<5x3xf32>) -> tensor<3x5xf32>
// GEMM-NEXT: %[[AB:.*]] = "tg.matmul"(%[[AT]], %[[BT]]) : (tensor<?x3xf32>, tensor<3x5xf32>) -> tensor<?x5xf32>
// GEMM-NEXT: %[[SCALED:.*]] = "tg.mul"(%[[AB]], %[[ALPHA]])
// GEMM-NEXT: %[[C:.*]] = "tg.mul"(%arg2, %[[BETA]]) : (tensor<1x5xf32>, tensor<f32>) -> tensor<1x5xf32>
// GEMM-NEXT: "tg.add"(%[[SCALED]], %[[C]]) : (tensor<?x5xf32>, tensor<1x5xf32>) -> tensor<?x5xf32>

// A bias with dynamic dims (which may be 1 at run time) is broadcast to the product's shape first.
// GEMMDYN:      %[[AB:.*]] = "tg.matmul"(%arg0, %arg1) : (tensor<?x3xf32>, tensor<3x4xf32>) -> tensor<?x4xf32>
// GEMMDYN-NEXT: %[[SHAPE:.*]] = "tg.shape"(%[[AB]]) : (tensor<?x4xf32>) -> tensor<2xi64>
// GEMMDYN-NEXT: %[[C:.*]] = "tg.broadcast_to"(%arg2, %[[SHAPE]]) : (tensor<?x?xf32>, tensor<2xi64>) -> tensor<?x4xf32>
// GEMMDYN-NEXT: "tg.add"(%[[AB]], %[[C]]) : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>

// A layer's constant weights are transposed at import: the matmul reads the folded constant.
// LINEAR:     %[[WT:.*]] = arith.constant dense<{{\[}}[0.000000e+00, 3.000000e+00], [1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00]]> : tensor<3x2xf32>
// LINEAR:     %[[BIAS:.*]] = arith.constant dense<[5.000000e-01, -5.000000e-01]> : tensor<2xf32>
// LINEAR-NOT: tg.transpose
// LINEAR:     %[[Y:.*]] = "tg.matmul"(%arg0, %[[WT]]) : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
// LINEAR:     "tg.add"(%[[Y]], %[[BIAS]])

// beta = 0 drops C (opset 7, where C is required).
// GEMM7:     "tg.matmul"(%arg0, %arg1)
// GEMM7-NOT: tg.add
// GEMM7-NOT: tg.mul

// EINSUM: "tg.einsum"(%arg0, %arg1) {equation = "bij, bjk -> bik"} : (tensor<?x2x3xf32>, tensor<?x3x4xf32>) -> tensor<?x2x4xf32>

// EINSUM3:      %[[IK:.*]] = "tg.einsum"(%arg0, %arg1) {equation = "ij,jk->ik"} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// EINSUM3-NEXT: "tg.einsum"(%[[IK]], %arg2) {equation = "ik,kl->il"} : (tensor<2x4xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>

// ReduceL2 (and LogSum, LogSumExp) of integers compute in f64 and truncate back, as ONNX does.
// INTL2:      %[[WIDE:.*]] = "tg.cast"(%arg0) : (tensor<?x3x4xi32>) -> tensor<?x3x4xf64>
// INTL2-NEXT: %[[SQUARE:.*]] = "tg.mul"(%[[WIDE]], %[[WIDE]])
// INTL2-NEXT: %[[TOTAL:.*]] = "tg.reduce_sum"(%[[SQUARE]]) {axes = array<i64: 1>, keepdims = true}
// INTL2-NEXT: %[[ROOT:.*]] = "tg.sqrt"(%[[TOTAL]]) : (tensor<?x1x4xf64>) -> tensor<?x1x4xf64>
// INTL2-NEXT: "tg.cast"(%[[ROOT]]) : (tensor<?x1x4xf64>) -> tensor<?x1x4xi32>

// REFUSED: error: Gemm: A and B must be matrices
