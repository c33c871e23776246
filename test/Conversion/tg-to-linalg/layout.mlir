// tg.transpose is linalg.transpose into a tensor.empty of the permuted sizes. tg.reshape is a view:
// tensor.collapse_shape to 1-D, then tensor.expand_shape to the result shape (a dynamic result dim is
// the element count divided by the static ones), so bufferization copies nothing.
// RUN: tg-opt %s --tg-to-linalg --split-input-file | filecheck %s

// CHECK-LABEL: func.func @transpose_2d
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK:         %[[INIT:.*]] = tensor.empty() : tensor<3x2xf32>
// CHECK:         %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<2x3xf32>) outs(%[[INIT]] : tensor<3x2xf32>) permutation = [1, 0]
// CHECK-NOT:     linalg.generic
// CHECK-NOT:     tg.
// CHECK:         return %[[T]]
func.func @transpose_2d(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = "tg.transpose"(%x) {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// The dynamic dim moves with the permutation.
// CHECK-LABEL: func.func @transpose_dynamic
// CHECK-SAME:    (%[[X:.*]]: tensor<?x3x4xf32>)
// CHECK:         %[[C0:.*]] = arith.constant 0 : index
// CHECK:         %[[D0:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x3x4xf32>
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[D0]]) : tensor<4x?x3xf32>
// CHECK:         linalg.transpose ins(%[[X]] : tensor<?x3x4xf32>) outs(%[[INIT]] : tensor<4x?x3xf32>) permutation = [2, 0, 1]
func.func @transpose_dynamic(%x: tensor<?x3x4xf32>) -> tensor<4x?x3xf32> {
  %0 = "tg.transpose"(%x) {perm = array<i64: 2, 0, 1>} : (tensor<?x3x4xf32>) -> tensor<4x?x3xf32>
  return %0 : tensor<4x?x3xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_static
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK:         %[[R:.*]] = tensor.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [6, 4] : tensor<24xf32> into tensor<6x4xf32>
// CHECK-NOT:     linalg.
// CHECK:         return %[[R]]
func.func @reshape_static(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  %0 = "tg.reshape"(%x) : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

// The dynamic result dim is the element count over the static dims (16).
// CHECK-LABEL: func.func @reshape_dynamic
// CHECK-SAME:    (%[[X:.*]]: tensor<?x16xf32>)
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<?x16xf32> into tensor<?xf32>
// CHECK:         %[[N:.*]] = tensor.dim %[[FLAT]], %{{.*}} : tensor<?xf32>
// CHECK:         %[[C16:.*]] = arith.constant 16 : index
// CHECK:         %[[D:.*]] = arith.divui %[[N]], %[[C16]] : index
// CHECK:         tensor.expand_shape %[[FLAT]] {{\[}}[0, 1, 2]] output_shape [%[[D]], 4, 4] : tensor<?xf32> into tensor<?x4x4xf32>
func.func @reshape_dynamic(%x: tensor<?x16xf32>) -> tensor<?x4x4xf32> {
  %0 = "tg.reshape"(%x) : (tensor<?x16xf32>) -> tensor<?x4x4xf32>
  return %0 : tensor<?x4x4xf32>
}

// -----

// The dynamic dim need not lead.
// CHECK-LABEL: func.func @reshape_dynamic_last
// CHECK:         %[[C2:.*]] = arith.constant 2 : index
// CHECK:         %[[D:.*]] = arith.divui %{{.*}}, %[[C2]] : index
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [2, %[[D]]] : tensor<?xf32> into tensor<2x?xf32>
func.func @reshape_dynamic_last(%x: tensor<?x4xf32>) -> tensor<2x?xf32> {
  %0 = "tg.reshape"(%x) : (tensor<?x4xf32>) -> tensor<2x?xf32>
  return %0 : tensor<2x?xf32>
}

// -----

// A static result from a dynamic input: the flat tensor is cast to the known count before expanding.
// CHECK-LABEL: func.func @reshape_dynamic_to_static
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1]] : tensor<?x4xf32> into tensor<?xf32>
// CHECK:         %[[CAST:.*]] = tensor.cast %[[FLAT]] : tensor<?xf32> to tensor<12xf32>
// CHECK:         tensor.expand_shape %[[CAST]] {{\[}}[0, 1]] output_shape [2, 6] : tensor<12xf32> into tensor<2x6xf32>
func.func @reshape_dynamic_to_static(%x: tensor<?x4xf32>) -> tensor<2x6xf32> {
  %0 = "tg.reshape"(%x) : (tensor<?x4xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// Flattening to 1-D is the collapse alone.
// CHECK-LABEL: func.func @reshape_flatten
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1]] : tensor<2x3xi32> into tensor<6xi32>
// CHECK-NOT:     tensor.expand_shape
// CHECK:         return %[[FLAT]] : tensor<6xi32>
func.func @reshape_flatten(%x: tensor<2x3xi32>) -> tensor<6xi32> {
  %0 = "tg.reshape"(%x) : (tensor<2x3xi32>) -> tensor<6xi32>
  return %0 : tensor<6xi32>
}

// -----

// Reshaping to the same type is the identity.
// CHECK-LABEL: func.func @reshape_identity
// CHECK-SAME:    (%[[X:.*]]: tensor<3x4xf32>)
// CHECK-NEXT:    return %[[X]] : tensor<3x4xf32>
func.func @reshape_identity(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %0 = "tg.reshape"(%x) : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// A 1-D to 1-D reshape that only forgets the static size is a tensor.cast.
// CHECK-LABEL: func.func @reshape_to_dynamic_1d
// CHECK-NEXT:    %[[C:.*]] = tensor.cast %{{.*}} : tensor<6xf32> to tensor<?xf32>
// CHECK-NEXT:    return %[[C]]
func.func @reshape_to_dynamic_1d(%x: tensor<6xf32>) -> tensor<?xf32> {
  %0 = "tg.reshape"(%x) : (tensor<6xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// Rank 0 in and out: expand to tensor<1> first, collapse from tensor<1> last.
// CHECK-LABEL: func.func @reshape_rank0
// CHECK:         %[[ONE:.*]] = tensor.expand_shape %{{.*}} [] output_shape [1] : tensor<f32> into tensor<1xf32>
// CHECK:         tensor.expand_shape %[[ONE]] {{\[}}[0, 1]] output_shape [1, 1] : tensor<1xf32> into tensor<1x1xf32>
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1]] : tensor<1x1xf32> into tensor<1xf32>
// CHECK:         tensor.collapse_shape %[[FLAT]] [] : tensor<1xf32> into tensor<f32>
func.func @reshape_rank0(%x: tensor<f32>) -> tensor<f32> {
  %0 = "tg.reshape"(%x) : (tensor<f32>) -> tensor<1x1xf32>
  %1 = "tg.reshape"(%0) : (tensor<1x1xf32>) -> tensor<f32>
  return %1 : tensor<f32>
}

// -----

// transpose then reshape, as attention heads are split and merged.
// CHECK-LABEL: func.func @transpose_reshape
// CHECK:         %[[T:.*]] = linalg.transpose ins(%{{.*}} : tensor<?x4x8xf32>) outs(%{{.*}} : tensor<?x8x4xf32>) permutation = [0, 2, 1]
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %[[T]] {{\[}}[0, 1, 2]] : tensor<?x8x4xf32> into tensor<?xf32>
// CHECK:         tensor.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [%{{.*}}, 32] : tensor<?xf32> into tensor<?x32xf32>
// CHECK-NOT:     tg.
func.func @transpose_reshape(%x: tensor<?x4x8xf32>) -> tensor<?x32xf32> {
  %0 = "tg.transpose"(%x) {perm = array<i64: 0, 2, 1>} : (tensor<?x4x8xf32>) -> tensor<?x8x4xf32>
  %1 = "tg.reshape"(%0) : (tensor<?x8x4xf32>) -> tensor<?x32xf32>
  return %1 : tensor<?x32xf32>
}
