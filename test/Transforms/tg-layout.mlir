// RUN: tg-opt %s --tg-layout=nhwc --split-input-file | filecheck %s
// RUN: tg-opt %s --tg-layout=layout=nhwc --split-input-file | filecheck %s
// RUN: tg-opt %s --tg-layout=layout=nchw --split-input-file | filecheck %s --check-prefix=KEEP

// layout=nchw changes nothing.
// KEEP-LABEL: func.func @resnet_block
// KEEP-NOT:     "tg.transpose"
// KEEP:         "tg.conv"(%arg0, %{{.*}}) {pads = array<i64: 1, 1, 1, 1>} : (tensor<?x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<?x4x8x8xf32>
// KEEP-NOT:     "tg.transpose"
// KEEP-NOT:     "nhwc"
// KEEP-LABEL: func.func @weight_to_hwcf

// A ResNet-style block runs channels last from end to end: one transpose after the input, one before
// the result. The weights are HWCF constants, the bias [1, 1, 1, C]; the residual add reads the
// transposed input the first conv reads.
// CHECK-LABEL: func.func @resnet_block
// CHECK:         %[[X:.*]] = "tg.transpose"(%arg0) {perm = array<i64: 0, 2, 3, 1>} : (tensor<?x4x8x8xf32>) -> tensor<?x8x8x4xf32>
// CHECK-NOT:     "tg.transpose"
// CHECK:         %[[W1:.*]] = arith.constant dense<5.000000e-01> : tensor<3x3x4x4xf32>
// CHECK:         %[[C1:.*]] = "tg.conv"(%[[X]], %[[W1]]) {layout = "nhwc", pads = array<i64: 1, 1, 1, 1>} : (tensor<?x8x8x4xf32>, tensor<3x3x4x4xf32>) -> tensor<?x8x8x4xf32>
// CHECK:         %[[B:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]]]]> : tensor<1x1x1x4xf32>
// CHECK:         %[[A1:.*]] = "tg.add"(%[[C1]], %[[B]]) : (tensor<?x8x8x4xf32>, tensor<1x1x1x4xf32>)
// CHECK:         %[[R1:.*]] = "tg.relu"(%[[A1]]) : (tensor<?x8x8x4xf32>)
// CHECK:         %[[C2:.*]] = "tg.conv"(%[[R1]], %{{.*}}) {layout = "nhwc", pads = array<i64: 1, 1, 1, 1>}
// CHECK:         %[[A2:.*]] = "tg.add"(%[[C2]], %[[X]]) : (tensor<?x8x8x4xf32>, tensor<?x8x8x4xf32>)
// CHECK:         %[[R2:.*]] = "tg.relu"(%[[A2]]) : (tensor<?x8x8x4xf32>)
// CHECK:         %[[Y:.*]] = "tg.transpose"(%[[R2]]) {perm = array<i64: 0, 3, 1, 2>} : (tensor<?x8x8x4xf32>) -> tensor<?x4x8x8xf32>
// CHECK:         return %[[Y]]
func.func @resnet_block(%x: tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32> {
  %w1 = arith.constant dense<0.5> : tensor<4x4x3x3xf32>
  %w2 = arith.constant dense<0.25> : tensor<4x4x3x3xf32>
  %b = arith.constant dense<[[[1.0]], [[2.0]], [[3.0]], [[4.0]]]> : tensor<4x1x1xf32>
  %0 = "tg.conv"(%x, %w1) {pads = array<i64: 1, 1, 1, 1>} : (tensor<?x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<?x4x8x8xf32>
  %1 = "tg.add"(%0, %b) : (tensor<?x4x8x8xf32>, tensor<4x1x1xf32>) -> tensor<?x4x8x8xf32>
  %2 = "tg.relu"(%1) : (tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32>
  %3 = "tg.conv"(%2, %w2) {pads = array<i64: 1, 1, 1, 1>} : (tensor<?x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<?x4x8x8xf32>
  %4 = "tg.add"(%3, %x) : (tensor<?x4x8x8xf32>, tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32>
  %5 = "tg.relu"(%4) : (tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32>
  return %5 : tensor<?x4x8x8xf32>
}

// -----

// A constant weight is transposed at compile time to HWCF: w[f, c, kh, kw] is at [kh, kw, c, f].
// CHECK-LABEL: func.func @weight_to_hwcf
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00, 3.000000e+00]], {{\[}}[2.000000e+00, 4.000000e+00]]]]> : tensor<1x2x1x2xf32>
// CHECK:         "tg.conv"(%{{.*}}, %[[W]]) {layout = "nhwc"} : (tensor<1x3x3x1xf32>, tensor<1x2x1x2xf32>) -> tensor<1x3x2x2xf32>
func.func @weight_to_hwcf(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x2xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0]]], [[[3.0, 4.0]]]]> : tensor<2x1x1x2xf32>
  %0 = "tg.conv"(%x, %w) : (tensor<1x1x3x3xf32>, tensor<2x1x1x2xf32>) -> tensor<1x2x3x2xf32>
  return %0 : tensor<1x2x3x2xf32>
}

// -----

// A weight that is an input gets a tg.transpose to HWCF instead.
// CHECK-LABEL: func.func @weight_argument
// CHECK-DAG:     %[[W:.*]] = "tg.transpose"(%arg1) {perm = array<i64: 2, 3, 1, 0>} : (tensor<4x3x3x3xf32>) -> tensor<3x3x3x4xf32>
// CHECK-DAG:     %[[X:.*]] = "tg.transpose"(%arg0) {perm = array<i64: 0, 2, 3, 1>}
// CHECK:         "tg.conv"(%[[X]], %[[W]]) {layout = "nhwc"}
func.func @weight_argument(%x: tensor<1x3x5x5xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %0 = "tg.conv"(%x, %w) : (tensor<1x3x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

// Pools, a batch norm left as mul and add (its constants permuted), then a global average pool and a
// flatten: the mean runs over dims 1 and 2, and the flatten reads its [N, 1, 1, C] result directly
// (the transpose back would only move unit dims): no transpose is left at the end.
// CHECK-LABEL: func.func @pools_and_flatten
// CHECK:         "tg.transpose"(%arg0) {perm = array<i64: 0, 2, 3, 1>}
// CHECK-NOT:     "tg.transpose"
// CHECK:         %[[M:.*]] = "tg.max_pool"(%{{.*}}) {kernel = array<i64: 2, 2>, layout = "nhwc", strides = array<i64: 2, 2>} : (tensor<?x8x8x3xf32>) -> tensor<?x4x4x3xf32>
// CHECK:         %[[S:.*]] = "tg.mul"(%[[M]], %{{.*}}) : (tensor<?x4x4x3xf32>, tensor<1x1x1x3xf32>)
// CHECK:         %[[T:.*]] = "tg.add"(%[[S]], %{{.*}}) : (tensor<?x4x4x3xf32>, tensor<1x1x1x3xf32>)
// CHECK:         %[[A:.*]] = "tg.avg_pool"(%[[T]]) {kernel = array<i64: 2, 2>, layout = "nhwc", pads = array<i64: 1, 1, 1, 1>} : (tensor<?x4x4x3xf32>) -> tensor<?x5x5x3xf32>
// CHECK:         %[[G:.*]] = "tg.reduce_mean"(%[[A]]) {axes = array<i64: 1, 2>, keepdims = true} : (tensor<?x5x5x3xf32>) -> tensor<?x1x1x3xf32>
// CHECK:         %[[F:.*]] = "tg.reshape"(%[[G]]) : (tensor<?x1x1x3xf32>) -> tensor<?x3xf32>
// CHECK:         return %[[F]]
func.func @pools_and_flatten(%x: tensor<?x3x8x8xf32>) -> tensor<?x3xf32> {
  %s = arith.constant dense<[[[2.0]], [[3.0]], [[4.0]]]> : tensor<3x1x1xf32>
  %t = arith.constant dense<[[[1.0]], [[1.0]], [[1.0]]]> : tensor<3x1x1xf32>
  %0 = "tg.max_pool"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<?x3x8x8xf32>) -> tensor<?x3x4x4xf32>
  %1 = "tg.mul"(%0, %s) : (tensor<?x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<?x3x4x4xf32>
  %2 = "tg.add"(%1, %t) : (tensor<?x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<?x3x4x4xf32>
  %3 = "tg.avg_pool"(%2) {kernel = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<?x3x4x4xf32>) -> tensor<?x3x5x5xf32>
  %4 = "tg.reduce_mean"(%3) {axes = array<i64: 2, 3>, keepdims = true} : (tensor<?x3x5x5xf32>) -> tensor<?x3x1x1xf32>
  %5 = "tg.reshape"(%4) : (tensor<?x3x1x1xf32>) -> tensor<?x3xf32>
  return %5 : tensor<?x3xf32>
}

// -----

// A reduction without keepdims whose kept dims stay in order needs no transpose after it; a softmax
// over the channels runs over the last dim, followed by the transpose back.
// CHECK-LABEL: func.func @reductions
// CHECK:         %[[Y:.*]] = "tg.conv"
// CHECK:         %[[S:.*]] = "tg.reduce_sum"(%[[Y]]) {axes = array<i64: 1, 2>} : (tensor<1x3x3x4xf32>) -> tensor<1x4xf32>
// CHECK:         %[[P:.*]] = "tg.softmax"(%[[Y]]) {axis = 3 : i64} : (tensor<1x3x3x4xf32>) -> tensor<1x3x3x4xf32>
// CHECK:         %[[B:.*]] = "tg.transpose"(%[[P]]) {perm = array<i64: 0, 3, 1, 2>}
// CHECK:         %[[M:.*]] = "tg.argmax"(%[[Y]]) {axis = 1 : i64} : (tensor<1x3x3x4xf32>) -> tensor<1x3x4xi64>
// CHECK:         %[[N:.*]] = "tg.transpose"(%[[M]]) {perm = array<i64: 0, 2, 1>} : (tensor<1x3x4xi64>) -> tensor<1x4x3xi64>
// CHECK:         return %[[S]], %[[B]], %[[N]]
func.func @reductions(%x: tensor<1x3x5x5xf32>, %w: tensor<4x3x3x3xf32>) -> (tensor<1x4xf32>, tensor<1x4x3x3xf32>, tensor<1x4x3xi64>) {
  %0 = "tg.conv"(%x, %w) : (tensor<1x3x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32>
  %1 = "tg.reduce_sum"(%0) {axes = array<i64: 2, -1>} : (tensor<1x4x3x3xf32>) -> tensor<1x4xf32>
  %2 = "tg.softmax"(%0) {axis = 1 : i64} : (tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  %3 = "tg.argmax"(%0) {axis = 2 : i64} : (tensor<1x4x3x3xf32>) -> tensor<1x4x3xi64>
  return %1, %2, %3 : tensor<1x4xf32>, tensor<1x4x3x3xf32>, tensor<1x4x3xi64>
}

// -----

// A reshape that mixes the channels with the spatial dims needs channels first: the transpose stays
// before it. So does an add with an input that has no channels-last copy.
// CHECK-LABEL: func.func @transpose_stays
// CHECK:         %[[Y:.*]] = "tg.conv"{{.*}}layout = "nhwc"
// CHECK:         %[[B:.*]] = "tg.transpose"(%[[Y]]) {perm = array<i64: 0, 3, 1, 2>}
// CHECK:         "tg.reshape"(%[[B]]) : (tensor<1x4x3x3xf32>) -> tensor<1x36xf32>
// CHECK:         "tg.add"(%[[B]], %arg2) : (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>)
func.func @transpose_stays(%x: tensor<1x3x5x5xf32>, %w: tensor<4x3x3x3xf32>, %y: tensor<1x4x3x3xf32>) -> (tensor<1x36xf32>, tensor<1x4x3x3xf32>) {
  %0 = "tg.conv"(%x, %w) : (tensor<1x3x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32>
  %1 = "tg.reshape"(%0) : (tensor<1x4x3x3xf32>) -> tensor<1x36xf32>
  %2 = "tg.add"(%0, %y) : (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %1, %2 : tensor<1x36xf32>, tensor<1x4x3x3xf32>
}

// -----

// 1-D and 3-D convolutions and pools, transposed convolutions and max_pool_indices stay channels first.
// CHECK-LABEL: func.func @stay_channels_first
// CHECK-NOT:     "tg.transpose"
// CHECK-NOT:     "nhwc"
// CHECK:         return
func.func @stay_channels_first(%x: tensor<1x2x9xf32>, %w: tensor<3x2x3xf32>, %v: tensor<1x2x4x4x4xf32>, %k: tensor<3x2x2x2x2xf32>, %i: tensor<1x2x4x4xf32>, %t: tensor<2x3x2x2xf32>) -> (tensor<1x3x7xf32>, tensor<1x3x3x3x3xf32>, tensor<1x2x2x2xi64>, tensor<1x3x5x5xf32>, tensor<1x2x4xf32>) {
  %0 = "tg.conv"(%x, %w) : (tensor<1x2x9xf32>, tensor<3x2x3xf32>) -> tensor<1x3x7xf32>
  %1 = "tg.conv"(%v, %k) : (tensor<1x2x4x4x4xf32>, tensor<3x2x2x2x2xf32>) -> tensor<1x3x3x3x3xf32>
  %2 = "tg.max_pool_indices"(%i) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xi64>
  %3 = "tg.conv_transpose"(%i, %t) : (tensor<1x2x4x4xf32>, tensor<2x3x2x2xf32>) -> tensor<1x3x5x5xf32>
  %4 = "tg.max_pool"(%x) {kernel = array<i64: 2>, strides = array<i64: 2>} : (tensor<1x2x9xf32>) -> tensor<1x2x4xf32>
  return %0, %1, %2, %3, %4 : tensor<1x3x7xf32>, tensor<1x3x3x3x3xf32>, tensor<1x2x2x2xi64>, tensor<1x3x5x5xf32>, tensor<1x2x4xf32>
}

// -----

// Transposes the graph already had cancel with the new ones: an NHWC input and an HWCF weight read
// as NCHW and FCHW by a conv whose result goes back to NHWC need no transpose at all.
// CHECK-LABEL: func.func @existing_transposes
// CHECK-NOT:     "tg.transpose"
// CHECK:         %[[Y:.*]] = "tg.conv"(%arg0, %arg1) {layout = "nhwc"} : (tensor<1x5x5x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x3x3x4xf32>
// CHECK-NEXT:    return %[[Y]]
func.func @existing_transposes(%x: tensor<1x5x5x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x3x3x4xf32> {
  %0 = "tg.transpose"(%x) {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x5x5x3xf32>) -> tensor<1x3x5x5xf32>
  %1 = "tg.transpose"(%w) {perm = array<i64: 3, 2, 0, 1>} : (tensor<3x3x3x4xf32>) -> tensor<4x3x3x3xf32>
  %2 = "tg.conv"(%0, %1) : (tensor<1x3x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32>
  %3 = "tg.transpose"(%2) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x4x3x3xf32>) -> tensor<1x3x3x4xf32>
  return %3 : tensor<1x3x3x4xf32>
}
