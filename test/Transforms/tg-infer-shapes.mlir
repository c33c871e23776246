// RUN: tg-opt %s --tg-infer-shapes --split-input-file | filecheck %s

// Static inputs make every result static, the function result included.
// CHECK-LABEL: func.func @chain
// CHECK-SAME:    -> tensor<3x8xf32>
// CHECK:         "tg.matmul"{{.*}} -> tensor<3x8xf32>
// CHECK:         "tg.relu"{{.*}} -> tensor<3x8xf32>
// CHECK:         return %{{.*}} : tensor<3x8xf32>
func.func @chain(%x: tensor<3x4xf32>, %w: tensor<4x8xf32>) -> tensor<?x?xf32> {
  %0 = "tg.matmul"(%x, %w) : (tensor<3x4xf32>, tensor<4x8xf32>) -> tensor<?x?xf32>
  %1 = "tg.relu"(%0) : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %1 : tensor<?x?xf32>
}

// -----

// A dynamic input keeps its dim dynamic; the other dims become static.
// CHECK-LABEL: func.func @partly
// CHECK:         "tg.matmul"{{.*}} -> tensor<?x8xf32>
func.func @partly(%x: tensor<?x4xf32>, %w: tensor<4x8xf32>) -> tensor<?x?xf32> {
  %0 = "tg.matmul"(%x, %w) : (tensor<?x4xf32>, tensor<4x8xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// A non-tg user keeps the type it had, through a cast.
// CHECK-LABEL: func.func @foreign_user
// CHECK:         %[[E:.*]] = "tg.exp"{{.*}} -> tensor<3xf32>
// CHECK:         %[[C:.*]] = tensor.cast %[[E]] : tensor<3xf32> to tensor<?xf32>
// CHECK:         tensor.dim %[[C]]
func.func @foreign_user(%x: tensor<3xf32>) -> index {
  %0 = "tg.exp"(%x) : (tensor<3xf32>) -> tensor<?xf32>
  %c0 = arith.constant 0 : index
  %d = tensor.dim %0, %c0 : tensor<?xf32>
  return %d : index
}
