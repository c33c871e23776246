// RUN: tg-opt %s --tg-fold-batchnorm --split-input-file | filecheck %s

// A batch norm after a bias-free conv (what the ONNX importer makes of Conv + BatchNormalization):
// the scale multiplies each filter, the shift becomes the conv's bias.
// CHECK-LABEL: func.func @conv_scale_shift
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[2.000000e+00]], {{\[}}[4.000000e+00]]], {{\[}}{{\[}}[1.500000e+00]], {{\[}}[2.000000e+00]]], {{\[}}{{\[}}[-5.000000e+00]], {{\[}}[-6.000000e+00]]]]> : tensor<3x2x1x1xf32>
// CHECK-DAG:     %[[T:.*]] = arith.constant dense<{{\[}}{{\[}}[1.000000e+00]], {{\[}}[0.000000e+00]], {{\[}}[3.000000e+00]]]> : tensor<3x1x1xf32>
// CHECK:         %[[Y:.*]] = "tg.conv"(%arg0, %[[W]]) {pads = array<i64: 0, 1, 0, 1>}
// CHECK:         %[[B:.*]] = "tg.add"(%[[Y]], %[[T]])
// CHECK-NOT:     "tg.mul"
// CHECK:         return %[[B]]
func.func @conv_scale_shift(%x: tensor<?x2x5x5xf32>) -> tensor<?x3x5x7xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]], [[[5.0]], [[6.0]]]]> : tensor<3x2x1x1xf32>
  %s = arith.constant dense<[[[2.0]], [[0.5]], [[-1.0]]]> : tensor<3x1x1xf32>
  %t = arith.constant dense<[[[1.0]], [[0.0]], [[3.0]]]> : tensor<3x1x1xf32>
  %0 = "tg.conv"(%x, %w) {pads = array<i64: 0, 1, 0, 1>} : (tensor<?x2x5x5xf32>, tensor<3x2x1x1xf32>) -> tensor<?x3x5x7xf32>
  %1 = "tg.mul"(%0, %s) : (tensor<?x3x5x7xf32>, tensor<3x1x1xf32>) -> tensor<?x3x5x7xf32>
  %2 = "tg.add"(%1, %t) : (tensor<?x3x5x7xf32>, tensor<3x1x1xf32>) -> tensor<?x3x5x7xf32>
  return %2 : tensor<?x3x5x7xf32>
}

// -----

// With a bias, a division by the scale and a subtracted shift: W / s and b / s - t, one add left.
// CHECK-LABEL: func.func @conv_bias_div_sub
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[5.000000e-01]], {{\[}}[1.000000e+00]]], {{\[}}{{\[}}[6.000000e+00]], {{\[}}[8.000000e+00]]], {{\[}}{{\[}}[-5.000000e+00]], {{\[}}[-6.000000e+00]]]]> : tensor<3x2x1x1xf32>
// CHECK-DAG:     %[[B:.*]] = arith.constant dense<{{\[}}{{\[}}[-5.000000e-01]], {{\[}}[4.000000e+00]], {{\[}}[-6.000000e+00]]]> : tensor<3x1x1xf32>
// CHECK:         %[[Y:.*]] = "tg.conv"(%arg0, %[[W]])
// CHECK:         %[[R:.*]] = "tg.add"(%[[Y]], %[[B]])
// CHECK-NOT:     "tg.div"
// CHECK-NOT:     "tg.sub"
// CHECK:         return %[[R]]
func.func @conv_bias_div_sub(%x: tensor<?x2x5x5xf32>) -> tensor<?x3x5x5xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]], [[[5.0]], [[6.0]]]]> : tensor<3x2x1x1xf32>
  %b = arith.constant dense<[[[1.0]], [[2.0]], [[3.0]]]> : tensor<3x1x1xf32>
  %s = arith.constant dense<[[[2.0]], [[0.5]], [[-1.0]]]> : tensor<3x1x1xf32>
  %t = arith.constant dense<[[[1.0]], [[0.0]], [[3.0]]]> : tensor<3x1x1xf32>
  %0 = "tg.conv"(%x, %w) : (tensor<?x2x5x5xf32>, tensor<3x2x1x1xf32>) -> tensor<?x3x5x5xf32>
  %1 = "tg.add"(%b, %0) : (tensor<3x1x1xf32>, tensor<?x3x5x5xf32>) -> tensor<?x3x5x5xf32>
  %2 = "tg.div"(%1, %s) : (tensor<?x3x5x5xf32>, tensor<3x1x1xf32>) -> tensor<?x3x5x5xf32>
  %3 = "tg.sub"(%2, %t) : (tensor<?x3x5x5xf32>, tensor<3x1x1xf32>) -> tensor<?x3x5x5xf32>
  return %3 : tensor<?x3x5x5xf32>
}

// -----

// A matmul (a Gemm with alpha = 2, then a batch norm over its columns): both scalings fold into W's
// columns, the shift into the bias.
// CHECK-LABEL: func.func @matmul_alpha_scale_shift
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[}}[2.000000e+00, -4.000000e+00], [6.000000e+00, -8.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG:     %[[B:.*]] = arith.constant dense<[2.500000e+00, -2.000000e+00]> : tensor<2xf32>
// CHECK:         %[[Y:.*]] = "tg.matmul"(%arg0, %[[W]])
// CHECK:         %[[R:.*]] = "tg.add"(%[[Y]], %[[B]])
// CHECK-NOT:     "tg.mul"
// CHECK:         return %[[R]]
func.func @matmul_alpha_scale_shift(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %alpha = arith.constant dense<2.0> : tensor<f32>
  %b = arith.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %s = arith.constant dense<[[1.0, -1.0]]> : tensor<1x2xf32>
  %t = arith.constant dense<[2.0, -1.0]> : tensor<2xf32>
  %0 = "tg.matmul"(%x, %w) : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
  %1 = "tg.mul"(%0, %alpha) : (tensor<?x2xf32>, tensor<f32>) -> tensor<?x2xf32>
  %2 = "tg.add"(%1, %b) : (tensor<?x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  %3 = "tg.mul"(%s, %2) : (tensor<1x2xf32>, tensor<?x2xf32>) -> tensor<?x2xf32>
  %4 = "tg.add"(%3, %t) : (tensor<?x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  return %4 : tensor<?x2xf32>
}

// -----

// Channels last: the channels are the last dim, and the HWCF weight's filters its last dim too.
// CHECK-LABEL: func.func @conv_nhwc
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[2.000000e+00, -3.000000e+00]]]]> : tensor<1x1x1x2xf32>
// CHECK:         "tg.conv"(%arg0, %[[W]]) {layout = "nhwc"}
// CHECK-NOT:     "tg.mul"
func.func @conv_nhwc(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32> {
  %w = arith.constant dense<[[[[1.0, 1.5]]]]> : tensor<1x1x1x2xf32>
  %s = arith.constant dense<[2.0, -2.0]> : tensor<2xf32>
  %0 = "tg.conv"(%x, %w) {layout = "nhwc"} : (tensor<1x4x4x1xf32>, tensor<1x1x1x2xf32>) -> tensor<1x4x4x2xf32>
  %1 = "tg.mul"(%0, %s) : (tensor<1x4x4x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  return %1 : tensor<1x4x4x2xf32>
}

// -----

// The scale is not a constant (a batch norm whose statistics are inputs): nothing folds.
// CHECK-LABEL: func.func @scale_not_constant
// CHECK:         "tg.conv"(%arg0, %{{.*}})
// CHECK:         "tg.mul"
// CHECK:         "tg.add"
func.func @scale_not_constant(%x: tensor<1x2x5x5xf32>, %s: tensor<3x1x1xf32>) -> tensor<1x3x5x5xf32> {
  %w = arith.constant dense<1.0> : tensor<3x2x1x1xf32>
  %t = arith.constant dense<1.0> : tensor<3x1x1xf32>
  %0 = "tg.conv"(%x, %w) : (tensor<1x2x5x5xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x5x5xf32>
  %1 = "tg.mul"(%0, %s) : (tensor<1x3x5x5xf32>, tensor<3x1x1xf32>) -> tensor<1x3x5x5xf32>
  %2 = "tg.add"(%1, %t) : (tensor<1x3x5x5xf32>, tensor<3x1x1xf32>) -> tensor<1x3x5x5xf32>
  return %2 : tensor<1x3x5x5xf32>
}

// -----

// A scale that varies along the rows as well as the channels is not a batch norm.
// CHECK-LABEL: func.func @scale_not_per_channel
// CHECK:         %[[Y:.*]] = "tg.conv"(%arg0, %{{.*}})
// CHECK:         "tg.mul"(%[[Y]], %{{.*}}) : (tensor<1x3x5x5xf32>, tensor<3x5x1xf32>)
func.func @scale_not_per_channel(%x: tensor<1x2x5x5xf32>) -> tensor<1x3x5x5xf32> {
  %w = arith.constant dense<1.0> : tensor<3x2x1x1xf32>
  %s = arith.constant dense<[[[1.0], [2.0], [3.0], [4.0], [5.0]], [[1.0], [2.0], [3.0], [4.0], [5.0]], [[1.0], [2.0], [3.0], [4.0], [5.0]]]> : tensor<3x5x1xf32>
  %0 = "tg.conv"(%x, %w) : (tensor<1x2x5x5xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x5x5xf32>
  %1 = "tg.mul"(%0, %s) : (tensor<1x3x5x5xf32>, tensor<3x5x1xf32>) -> tensor<1x3x5x5xf32>
  return %1 : tensor<1x3x5x5xf32>
}

// -----

// A matmul scaled per row (not per output column) keeps its scaling.
// CHECK-LABEL: func.func @matmul_scale_per_row
// CHECK:         %[[Y:.*]] = "tg.matmul"
// CHECK:         "tg.mul"(%[[Y]], %{{.*}}) : (tensor<3x2xf32>, tensor<3x1xf32>)
func.func @matmul_scale_per_row(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %s = arith.constant dense<[[1.0], [2.0], [3.0]]> : tensor<3x1xf32>
  %0 = "tg.matmul"(%x, %w) : (tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
  %1 = "tg.mul"(%0, %s) : (tensor<3x2xf32>, tensor<3x1xf32>) -> tensor<3x2xf32>
  return %1 : tensor<3x2xf32>
}

// -----

// The conv result is also returned: scaling its weights would change that use.
// CHECK-LABEL: func.func @conv_used_twice
// CHECK:         %[[Y:.*]] = "tg.conv"(%arg0, %[[W:.*]])
// CHECK:         %[[S:.*]] = "tg.mul"(%[[Y]], %{{.*}})
// CHECK:         return %[[S]], %[[Y]]
func.func @conv_used_twice(%x: tensor<1x2x5x5xf32>) -> (tensor<1x3x5x5xf32>, tensor<1x3x5x5xf32>) {
  %w = arith.constant dense<1.0> : tensor<3x2x1x1xf32>
  %s = arith.constant dense<[[[2.0]], [[0.5]], [[-1.0]]]> : tensor<3x1x1xf32>
  %0 = "tg.conv"(%x, %w) : (tensor<1x2x5x5xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x5x5xf32>
  %1 = "tg.mul"(%0, %s) : (tensor<1x3x5x5xf32>, tensor<3x1x1xf32>) -> tensor<1x3x5x5xf32>
  return %1, %0 : tensor<1x3x5x5xf32>, tensor<1x3x5x5xf32>
}

// -----

// The bias is an input, not a constant: (conv + b) * s cannot fold; nor can a conv whose weights are
// an input.
// CHECK-LABEL: func.func @bias_or_weight_not_constant
// CHECK:         %[[Y:.*]] = "tg.conv"(%arg0, %{{.*}})
// CHECK:         %[[A:.*]] = "tg.add"(%[[Y]], %arg1)
// CHECK:         "tg.mul"(%[[A]], %{{.*}})
// CHECK:         %[[Z:.*]] = "tg.conv"(%arg0, %arg2)
// CHECK:         "tg.mul"(%[[Z]], %{{.*}})
func.func @bias_or_weight_not_constant(%x: tensor<1x2x5x5xf32>, %b: tensor<3x1x1xf32>, %v: tensor<3x2x1x1xf32>) -> (tensor<1x3x5x5xf32>, tensor<1x3x5x5xf32>) {
  %w = arith.constant dense<1.0> : tensor<3x2x1x1xf32>
  %s = arith.constant dense<[[[2.0]], [[0.5]], [[-1.0]]]> : tensor<3x1x1xf32>
  %0 = "tg.conv"(%x, %w) : (tensor<1x2x5x5xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x5x5xf32>
  %1 = "tg.add"(%0, %b) : (tensor<1x3x5x5xf32>, tensor<3x1x1xf32>) -> tensor<1x3x5x5xf32>
  %2 = "tg.mul"(%1, %s) : (tensor<1x3x5x5xf32>, tensor<3x1x1xf32>) -> tensor<1x3x5x5xf32>
  %3 = "tg.conv"(%x, %v) : (tensor<1x2x5x5xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x5x5xf32>
  %4 = "tg.mul"(%3, %s) : (tensor<1x3x5x5xf32>, tensor<3x1x1xf32>) -> tensor<1x3x5x5xf32>
  return %2, %4 : tensor<1x3x5x5xf32>, tensor<1x3x5x5xf32>
}

// -----

// A bias-free conv with only a shift added is already conv + bias: nothing to fold, nothing changes.
// An integer matmul is not folded either (its scaling need not be exact in the weights).
// CHECK-LABEL: func.func @nothing_to_fold
// CHECK:         %[[Y:.*]] = "tg.conv"(%arg0, %{{.*}})
// CHECK:         "tg.add"(%[[Y]], %{{.*}})
// CHECK:         %[[M:.*]] = "tg.matmul"(%arg1, %{{.*}})
// CHECK:         "tg.mul"(%[[M]], %{{.*}})
func.func @nothing_to_fold(%x: tensor<1x2x5x5xf32>, %i: tensor<3x2xi32>) -> (tensor<1x3x5x5xf32>, tensor<3x2xi32>) {
  %w = arith.constant dense<1.0> : tensor<3x2x1x1xf32>
  %t = arith.constant dense<[[[2.0]], [[0.5]], [[-1.0]]]> : tensor<3x1x1xf32>
  %0 = "tg.conv"(%x, %w) : (tensor<1x2x5x5xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x5x5xf32>
  %1 = "tg.add"(%0, %t) : (tensor<1x3x5x5xf32>, tensor<3x1x1xf32>) -> tensor<1x3x5x5xf32>
  %k = arith.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>
  %s = arith.constant dense<[2, 3]> : tensor<2xi32>
  %2 = "tg.matmul"(%i, %k) : (tensor<3x2xi32>, tensor<2x2xi32>) -> tensor<3x2xi32>
  %3 = "tg.mul"(%2, %s) : (tensor<3x2xi32>, tensor<2xi32>) -> tensor<3x2xi32>
  return %1, %3 : tensor<1x3x5x5xf32>, tensor<3x2xi32>
}

// -----

// A weight of unknown width (an input with a dynamic dim): no per-column scaling can be told apart.
// CHECK-LABEL: func.func @dynamic_columns
// CHECK:         %[[M:.*]] = "tg.matmul"(%arg0, %arg1)
// CHECK:         %[[S:.*]] = "tg.mul"(%[[M]], %{{.*}})
// CHECK:         "tg.add"(%[[S]], %{{.*}})
func.func @dynamic_columns(%x: tensor<3x2xf32>, %w: tensor<2x?xf32>) -> tensor<3x?xf32> {
  %alpha = arith.constant dense<2.0> : tensor<f32>
  %b = arith.constant dense<1.0> : tensor<1xf32>
  %0 = "tg.matmul"(%x, %w) : (tensor<3x2xf32>, tensor<2x?xf32>) -> tensor<3x?xf32>
  %1 = "tg.mul"(%0, %alpha) : (tensor<3x?xf32>, tensor<f32>) -> tensor<3x?xf32>
  %2 = "tg.add"(%1, %b) : (tensor<3x?xf32>, tensor<1xf32>) -> tensor<3x?xf32>
  return %2 : tensor<3x?xf32>
}
