// RUN: tg-opt %s --tg-fuse --split-input-file | filecheck %s

// An elementwise chain whose links each have one use is one group.
// CHECK-LABEL: func.func @chain
// CHECK:         "tg.mul"{{.*}}tg.fusion_group = 0
// CHECK:         "tg.add"{{.*}}tg.fusion_group = 0
// CHECK:         "tg.tanh"{{.*}}tg.fusion_group = 0
func.func @chain(%x: tensor<?x8xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<?x8xf32> {
  %0 = "tg.mul"(%x, %s) : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xf32>
  %1 = "tg.add"(%0, %b) : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xf32>
  %2 = "tg.tanh"(%1) : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %2 : tensor<?x8xf32>
}

// -----

// A matmul heads its epilogue: bias, activation and residual add.
// CHECK-LABEL: func.func @epilogue
// CHECK:         "tg.matmul"{{.*}}tg.fusion_group = 0
// CHECK:         "tg.add"{{.*}}tg.fusion_group = 0
// CHECK:         "tg.relu"{{.*}}tg.fusion_group = 0
// CHECK:         "tg.add"{{.*}}tg.fusion_group = 0
func.func @epilogue(%x: tensor<?x64xf32>, %w: tensor<64x32xf32>, %b: tensor<32xf32>, %r: tensor<?x32xf32>) -> tensor<?x32xf32> {
  %0 = "tg.matmul"(%x, %w) : (tensor<?x64xf32>, tensor<64x32xf32>) -> tensor<?x32xf32>
  %1 = "tg.add"(%0, %b) : (tensor<?x32xf32>, tensor<32xf32>) -> tensor<?x32xf32>
  %2 = "tg.relu"(%1) : (tensor<?x32xf32>) -> tensor<?x32xf32>
  %3 = "tg.add"(%2, %r) : (tensor<?x32xf32>, tensor<?x32xf32>) -> tensor<?x32xf32>
  return %3 : tensor<?x32xf32>
}

// -----

// A reduction takes in its elementwise producer (the squares of a variance) and ends the group.
// CHECK-LABEL: func.func @variance
// CHECK:         "tg.mul"{{.*}}tg.fusion_group = 0
// CHECK:         "tg.reduce_mean"{{.*}}tg.fusion_group = 0
// CHECK:         "tg.sqrt"
// CHECK-NOT:     tg.fusion_group
// CHECK:         return
func.func @variance(%c: tensor<?x32xf32>) -> tensor<?x1xf32> {
  %0 = "tg.mul"(%c, %c) : (tensor<?x32xf32>, tensor<?x32xf32>) -> tensor<?x32xf32>
  %1 = "tg.reduce_mean"(%0) {axes = array<i64: -1>, keepdims = true} : (tensor<?x32xf32>) -> tensor<?x1xf32>
  %2 = "tg.sqrt"(%1) : (tensor<?x1xf32>) -> tensor<?x1xf32>
  return %2 : tensor<?x1xf32>
}

// -----

// A producer with a second use stays out (fusing it would mean computing it twice).
// CHECK-LABEL: func.func @shared_producer
// CHECK:         "tg.exp"(%arg0) :
// CHECK:         "tg.add"{{.*}}tg.fusion_group = 0
// CHECK:         "tg.sqrt"{{.*}}tg.fusion_group = 0
func.func @shared_producer(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %0 = "tg.exp"(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %1 = "tg.add"(%0, %0) : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %2 = "tg.sqrt"(%1) : (tensor<8xf32>) -> tensor<8xf32>
  return %0, %2 : tensor<8xf32>, tensor<8xf32>
}

// -----

// An intermediate that the consumer broadcasts would be read many times: no fusion.
// CHECK-LABEL: func.func @broadcast_intermediate
// CHECK-NOT:     tg.fusion_group
func.func @broadcast_intermediate(%x: tensor<8xf32>, %y: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = "tg.exp"(%x) : (tensor<8xf32>) -> tensor<8xf32>
  %1 = "tg.add"(%0, %y) : (tensor<8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}

// -----

// Nothing follows a reduction in its group, and a matmul is not an elementwise producer of one.
// CHECK-LABEL: func.func @reduction_ends
// CHECK-NOT:     tg.fusion_group
func.func @reduction_ends(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4xf32> {
  %0 = "tg.matmul"(%x, %w) : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %1 = "tg.reduce_sum"(%0) {axes = array<i64: 1>} : (tensor<4x8xf32>) -> tensor<4xf32>
  %2 = "tg.exp"(%1) : (tensor<4xf32>) -> tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// Two anchors never share a group: the second matmul starts its own.
// CHECK-LABEL: func.func @two_matmuls
// CHECK:         "tg.matmul"(%arg0, %arg1) :
// CHECK:         "tg.matmul"{{.*}}tg.fusion_group = 0
// CHECK:         "tg.relu"{{.*}}tg.fusion_group = 0
func.func @two_matmuls(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4x8xf32> {
  %0 = "tg.matmul"(%x, %w) : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %1 = "tg.matmul"(%0, %w) : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %2 = "tg.relu"(%1) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}
