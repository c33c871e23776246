// tg.transpose is linalg.transpose into a tensor.empty of the permuted sizes. tg.reshape is a view:
// tensor.collapse_shape to 1-D, then tensor.expand_shape to the result shape (a dynamic result dim is
// the element count divided by the static ones), so bufferization copies nothing; with several
// dynamic dims (a target read at run time), tensor.reshape. Slices with positive steps are views,
// concatenation and constant padding insert slices, broadcasts and tiles are generics with
// projection maps, and computed source indices (gathers, backward slices, mirrored padding, resize)
// are generics reading with tensor.extract. Bounds on dynamic dims are clamped at run time.
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

// -----

// Static dims of tg.shape are a constant.
// CHECK-LABEL: func.func @shape_static
// CHECK:         %[[C:.*]] = arith.constant dense<[3, 4]> : tensor<2xi64>
// CHECK-NOT:     tensor.dim
// CHECK:         return %[[C]]
func.func @shape_static(%x: tensor<?x3x4xf32>) -> tensor<2xi64> {
  %0 = "tg.shape"(%x) {start = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// A dynamic dim is read with tensor.dim when the function runs.
// CHECK-LABEL: func.func @shape_dynamic
// CHECK:         %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x3xf32>
// CHECK:         %[[D64:.*]] = arith.index_cast %[[D]] : index to i64
// CHECK:         %[[THREE:.*]] = arith.constant 3 : i64
// CHECK:         tensor.from_elements %[[D64]], %[[THREE]] : tensor<2xi64>
func.func @shape_dynamic(%x: tensor<?x3xf32>) -> tensor<2xi64> {
  %0 = "tg.shape"(%x) : (tensor<?x3xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// Concatenation inserts both operands into one new tensor (a negative axis counts from the end).
// CHECK-LABEL: func.func @concat
// CHECK:         %[[INIT:.*]] = tensor.empty(%{{.*}}) : tensor<?x5xf32>
// CHECK:         %[[A:.*]] = tensor.insert_slice %arg0 into %[[INIT]][0, 0] [%{{.*}}, 2] [1, 1] : tensor<?x2xf32> into tensor<?x5xf32>
// CHECK:         %[[B:.*]] = tensor.insert_slice %arg1 into %[[A]][0, 2] [%{{.*}}, 3] [1, 1] : tensor<?x3xf32> into tensor<?x5xf32>
// CHECK:         return %[[B]]
func.func @concat(%a: tensor<?x2xf32>, %b: tensor<?x3xf32>) -> tensor<?x5xf32> {
  %0 = "tg.concat"(%a, %b) {axis = -1 : i64} : (tensor<?x2xf32>, tensor<?x3xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// -----

// Along a dynamic dim the second operand goes at the first one's size (bools move as stored bytes).
// CHECK-LABEL: func.func @concat_dynamic_axis
// CHECK:         %[[N:.*]] = tensor.dim %arg0
// CHECK:         %[[M:.*]] = tensor.dim %arg1
// CHECK:         %[[SUM:.*]] = arith.addi %[[N]], %[[M]] : index
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[SUM]]) : tensor<?x4xi8>
// CHECK:         tensor.insert_slice %arg1 into %{{.*}}[%[[N]], 0] [%{{.*}}, 4] [1, 1] : tensor<?x4xi8> into tensor<?x4xi8>
func.func @concat_dynamic_axis(%a: tensor<?x4xi1>, %b: tensor<?x4xi1>) -> tensor<?x4xi1> {
  %0 = "tg.concat"(%a, %b) {axis = 0 : i64} : (tensor<?x4xi1>, tensor<?x4xi1>) -> tensor<?x4xi1>
  return %0 : tensor<?x4xi1>
}

// -----

// Known bounds on static dims: a static view (the end past the dim is clamped, -3 counts from the end).
// CHECK-LABEL: func.func @slice_static
// CHECK:         %[[S:.*]] = tensor.extract_slice %arg0[1, 5] [5, 3] [2, 1] : tensor<10x8xf32> to tensor<5x3xf32>
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[S]]
func.func @slice_static(%x: tensor<10x8xf32>) -> tensor<5x3xf32> {
  %s = arith.constant dense<[1, -3]> : tensor<2xi64>
  %e = arith.constant dense<[9223372036854775807, 8]> : tensor<2xi64>
  %0 = "tg.slice"(%x, %s, %e) {steps = array<i64: 2, 1>} : (tensor<10x8xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

// A dynamic dim: the bounds are clamped to it with index arithmetic.
// CHECK-LABEL: func.func @slice_dynamic_dim
// CHECK:         %[[D:.*]] = tensor.dim %arg0
// CHECK:         %[[END:.*]] = arith.addi %{{.*}}, %[[D]] : index
// CHECK:         %[[START:.*]] = arith.minsi %{{.*}}, %[[D]] : index
// CHECK:         arith.maxsi %[[END]]
// CHECK:         %[[COUNT:.*]] = arith.maxsi
// CHECK:         tensor.extract_slice %arg0[%[[START]], 0] [%[[COUNT]], 8] [1, 1] : tensor<?x8xf32> to tensor<?x8xf32>
func.func @slice_dynamic_dim(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %s = arith.constant dense<[1, 0]> : tensor<2xi64>
  %e = arith.constant dense<[-1, 8]> : tensor<2xi64>
  %0 = "tg.slice"(%x, %s, %e) : (tensor<?x8xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

// Bounds computed at run time are read from their tensor; a negative start counts from the end.
// CHECK-LABEL: func.func @slice_runtime_bounds
// CHECK:         %[[RAW:.*]] = tensor.extract %arg1[%{{.*}}] : tensor<1xi32>
// CHECK:         %[[START:.*]] = arith.index_cast %[[RAW]] : i32 to index
// CHECK:         %[[NEG:.*]] = arith.cmpi slt, %[[START]], %{{.*}} : index
// CHECK:         arith.select %[[NEG]]
// CHECK:         tensor.extract_slice %arg0[%{{.*}}] [%{{.*}}] [1] : tensor<?xf32> to tensor<?xf32>
func.func @slice_runtime_bounds(%x: tensor<?xf32>, %s: tensor<1xi32>) -> tensor<?xf32> {
  %e = arith.constant dense<100> : tensor<1xi32>
  %0 = "tg.slice"(%x, %s, %e) : (tensor<?xf32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// A negative step reads each element at first + step * i.
// CHECK-LABEL: func.func @slice_backward
// CHECK:         linalg.generic
// CHECK:           %[[I:.*]] = linalg.index 0 : index
// CHECK:           %[[J:.*]] = linalg.index 1 : index
// CHECK:           %[[STEP:.*]] = arith.constant -2 : index
// CHECK:           %[[OFF:.*]] = arith.muli %[[I]], %[[STEP]] : index
// CHECK:           %[[LAST:.*]] = arith.constant 5 : index
// CHECK:           %[[ROW:.*]] = arith.addi %[[LAST]], %[[OFF]] : index
// CHECK:           tensor.extract %arg0[%[[ROW]], %[[J]]] : tensor<6x4xf32>
func.func @slice_backward(%x: tensor<6x4xf32>) -> tensor<3x4xf32> {
  %s = arith.constant dense<[-1, 0]> : tensor<2xi64>
  %e = arith.constant dense<[-9223372036854775808, 4]> : tensor<2xi64>
  %0 = "tg.slice"(%x, %s, %e) {steps = array<i64: -2, 1>} : (tensor<6x4xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// An empty slice starts at 0: a static offset past the end would not verify.
// CHECK-LABEL: func.func @slice_empty
// CHECK:         tensor.extract_slice %arg0[0] [0] [1] : tensor<10xf32> to tensor<0xf32>
func.func @slice_empty(%x: tensor<10xf32>) -> tensor<0xf32> {
  %s = arith.constant dense<20> : tensor<1xi64>
  %e = arith.constant dense<30> : tensor<1xi64>
  %0 = "tg.slice"(%x, %s, %e) : (tensor<10xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<0xf32>
  return %0 : tensor<0xf32>
}

// -----

// Gather reads the indices through a projection map; each index counts from the end when negative
// and is clamped into the dim.
// CHECK-DAG:   #[[IDX:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG:   #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @gather
// CHECK:         linalg.generic {indexing_maps = [#[[IDX]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg1 : tensor<?x3xi64>)
// CHECK:         ^bb0(%[[IN:.*]]: i64, %{{.*}}: f32):
// CHECK:           %[[K:.*]] = linalg.index 2 : index
// CHECK:           %[[I:.*]] = arith.index_cast %[[IN]] : i64 to index
// CHECK:           arith.addi %[[I]], %{{.*}} : index
// CHECK:           arith.maxsi
// CHECK:           %[[ROW:.*]] = arith.minsi %{{.*}}, %{{.*}} : index
// CHECK:           tensor.extract %arg0[%[[ROW]], %[[K]]] : tensor<10x4xf32>
func.func @gather(%t: tensor<10x4xf32>, %i: tensor<?x3xi64>) -> tensor<?x3x4xf32> {
  %0 = "tg.gather"(%t, %i) : (tensor<10x4xf32>, tensor<?x3xi64>) -> tensor<?x3x4xf32>
  return %0 : tensor<?x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @gather_elements
// CHECK:         linalg.generic {{.*}} ins(%arg1 : tensor<3x2xi32>) outs(%{{.*}} : tensor<3x2xf32>)
// CHECK:           %[[ROW:.*]] = linalg.index 0 : index
// CHECK:           arith.index_cast %{{.*}} : i32 to index
// CHECK:           %[[COL:.*]] = arith.minsi
// CHECK:           tensor.extract %arg0[%[[ROW]], %[[COL]]] : tensor<3x5xf32>
func.func @gather_elements(%x: tensor<3x5xf32>, %i: tensor<3x2xi32>) -> tensor<3x2xf32> {
  %0 = "tg.gather_elements"(%x, %i) {axis = 1 : i64} : (tensor<3x5xf32>, tensor<3x2xi32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// Constant padding: a negative pad crops first (a view), then the input is inserted into a filled tensor.
// CHECK-LABEL: func.func @pad_constant
// CHECK:         %[[CROP:.*]] = tensor.extract_slice %arg0[0, 1] [%{{.*}}, 3] [1, 1] : tensor<?x4xf32> to tensor<?x3xf32>
// CHECK:         %[[V:.*]] = tensor.extract %arg1[] : tensor<f32>
// CHECK:         %[[FILL:.*]] = linalg.fill ins(%[[V]] : f32) outs(%{{.*}} : tensor<?x5xf32>)
// CHECK:         tensor.insert_slice %[[CROP]] into %[[FILL]][1, 0] [%{{.*}}, 3] [1, 1] : tensor<?x3xf32> into tensor<?x5xf32>
// CHECK-NOT:     linalg.generic
func.func @pad_constant(%x: tensor<?x4xf32>, %v: tensor<f32>) -> tensor<?x5xf32> {
  %0 = "tg.pad"(%x, %v) {pads = array<i64: 1, -1, 0, 2>} : (tensor<?x4xf32>, tensor<f32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}

// -----

// Reflection folds the index into a period of 2n - 2 (6 for n = 4), then mirrors the upper half.
// CHECK-LABEL: func.func @pad_reflect
// CHECK:         linalg.generic
// CHECK:           %[[J:.*]] = linalg.index 1 : index
// CHECK:           %[[SHIFTED:.*]] = arith.subi %[[J]], %{{.*}} : index
// CHECK:           %[[PERIOD:.*]] = arith.constant 6 : index
// CHECK:           arith.remsi %[[SHIFTED]], %[[PERIOD]] : index
// CHECK:           arith.cmpi slt
// CHECK:           %[[MIRROR:.*]] = arith.subi %{{.*}}, %{{.*}} : index
// CHECK:           %[[COL:.*]] = arith.select %{{.*}}, %{{.*}}, %[[MIRROR]] : index
// CHECK:           tensor.extract %arg0[%{{.*}}, %[[COL]]] : tensor<3x4xf32>
func.func @pad_reflect(%x: tensor<3x4xf32>, %v: tensor<f32>) -> tensor<3x7xf32> {
  %0 = "tg.pad"(%x, %v) {pads = array<i64: 0, 2, 0, 1>, mode = "reflect"} : (tensor<3x4xf32>, tensor<f32>) -> tensor<3x7xf32>
  return %0 : tensor<3x7xf32>
}

// -----

// Edge padding clamps the index into the (dynamic) dim; no crop when no pad is negative.
// CHECK-LABEL: func.func @pad_edge
// CHECK-NOT:     tensor.extract_slice
// CHECK:         %[[N:.*]] = tensor.dim %arg0
// CHECK:         linalg.generic
// CHECK:           %[[LAST:.*]] = arith.subi %[[N]], %{{.*}} : index
// CHECK:           arith.maxsi
// CHECK:           %[[I:.*]] = arith.minsi %{{.*}}, %[[LAST]] : index
// CHECK:           tensor.extract %arg0[%[[I]]] : tensor<?xi32>
func.func @pad_edge(%x: tensor<?xi32>, %v: tensor<i32>) -> tensor<?xi32> {
  %0 = "tg.pad"(%x, %v) {pads = array<i64: 2, 2>, mode = "edge"} : (tensor<?xi32>, tensor<i32>) -> tensor<?xi32>
  return %0 : tensor<?xi32>
}

// -----

// Wrapping takes the index modulo the dim, made non-negative.
// CHECK-LABEL: func.func @pad_wrap
// CHECK:           %[[R:.*]] = arith.remsi %{{.*}}, %{{.*}} : index
// CHECK:           %[[NEG:.*]] = arith.cmpi slt, %[[R]], %{{.*}} : index
// CHECK:           %[[UP:.*]] = arith.addi %[[R]], %{{.*}} : index
// CHECK:           %[[I:.*]] = arith.select %[[NEG]], %[[UP]], %[[R]] : index
// CHECK:           tensor.extract %arg0[%[[I]]] : tensor<4xf32>
func.func @pad_wrap(%x: tensor<4xf32>, %v: tensor<f32>) -> tensor<7xf32> {
  %0 = "tg.pad"(%x, %v) {pads = array<i64: 1, 2>, mode = "wrap"} : (tensor<4xf32>, tensor<f32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

// Static 1s broadcast through the indexing map: a plain copy loop, no index arithmetic.
// CHECK-DAG:   #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func.func @broadcast_static
// CHECK:         linalg.generic {indexing_maps = [#[[IN]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<3x1xf32>) outs(%{{.*}} : tensor<2x3x6xf32>)
// CHECK-NEXT:    ^bb0(%[[E:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      linalg.yield %[[E]] : f32
// CHECK-NOT:     tensor.extract
func.func @broadcast_static(%x: tensor<3x1xf32>) -> tensor<2x3x6xf32> {
  %0 = "tg.broadcast_to"(%x) : (tensor<3x1xf32>) -> tensor<2x3x6xf32>
  return %0 : tensor<2x3x6xf32>
}

// -----

// A dynamic input dim against a static result dim may be 1 at run time: the index is chosen then.
// CHECK-LABEL: func.func @broadcast_dynamic
// CHECK:         %[[D0:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x?xf32>
// CHECK:         %[[D1:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x?xf32>
// CHECK:         linalg.generic
// CHECK:           %[[J:.*]] = linalg.index 1 : index
// CHECK:           %[[K:.*]] = linalg.index 2 : index
// CHECK:           %[[ONE0:.*]] = arith.cmpi eq, %[[D0]], %{{.*}} : index
// CHECK:           %[[ROW:.*]] = arith.select %[[ONE0]], %{{.*}}, %[[J]] : index
// CHECK:           %[[ONE1:.*]] = arith.cmpi eq, %[[D1]], %{{.*}} : index
// CHECK:           %[[COL:.*]] = arith.select %[[ONE1]], %{{.*}}, %[[K]] : index
// CHECK:           tensor.extract %arg0[%[[ROW]], %[[COL]]] : tensor<?x?xf32>
func.func @broadcast_dynamic(%x: tensor<?x?xf32>) -> tensor<2x?x6xf32> {
  %0 = "tg.broadcast_to"(%x) : (tensor<?x?xf32>) -> tensor<2x?x6xf32>
  return %0 : tensor<2x?x6xf32>
}

// -----

// A target read at run time: a result dim is the target's, or the input's where the target says 1.
// CHECK-LABEL: func.func @broadcast_target
// CHECK:         %[[N:.*]] = tensor.dim %arg0
// CHECK:         %[[T0:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK:         %[[IS1:.*]] = arith.cmpi eq, %[[T0]], %{{.*}} : index
// CHECK:         %[[D0:.*]] = arith.select %[[IS1]], %[[N]], %[[T0]] : index
// CHECK:         tensor.empty(%[[D0]], %{{.*}}) : tensor<?x?xf32>
func.func @broadcast_target(%x: tensor<?x1xf32>, %t: tensor<2xi64>) -> tensor<?x?xf32> {
  %0 = "tg.broadcast_to"(%x, %t) : (tensor<?x1xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// A tile is a broadcast to (r0, n0, r1, n1) collapsed pairwise.
// CHECK-DAG:   #[[IN:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
// CHECK-LABEL: func.func @tile
// CHECK:         %[[B:.*]] = linalg.generic {indexing_maps = [#[[IN]], #{{.*}}], {{.*}}} ins(%arg0 : tensor<?x4xf32>) outs(%{{.*}} : tensor<2x?x3x4xf32>)
// CHECK:         tensor.collapse_shape %[[B]] {{\[}}[0, 1], [2, 3]] : tensor<2x?x3x4xf32> into tensor<?x12xf32>
func.func @tile(%x: tensor<?x4xf32>) -> tensor<?x12xf32> {
  %0 = "tg.tile"(%x) {repeats = array<i64: 2, 3>} : (tensor<?x4xf32>) -> tensor<?x12xf32>
  return %0 : tensor<?x12xf32>
}

// -----

// CHECK-LABEL: func.func @tile_once
// CHECK-NOT:     linalg.generic
// CHECK:         return %arg0
func.func @tile_once(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.tile"(%x) {repeats = array<i64: 1, 1>} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// The lower triangle below the diagonal: keep where column - row <= -1.
// CHECK-LABEL: func.func @trilu
// CHECK:           %[[ROW:.*]] = linalg.index 1 : index
// CHECK:           %[[COL:.*]] = linalg.index 2 : index
// CHECK:           %[[DIFF:.*]] = arith.subi %[[COL]], %[[ROW]] : index
// CHECK:           %[[K:.*]] = arith.constant -1 : index
// CHECK:           %[[KEEP:.*]] = arith.cmpi sle, %[[DIFF]], %[[K]] : index
// CHECK:           arith.select %[[KEEP]], %{{.*}}, %{{.*}} : f32
func.func @trilu(%x: tensor<?x4x5xf32>) -> tensor<?x4x5xf32> {
  %0 = "tg.trilu"(%x) {upper = false, k = -1 : i64} : (tensor<?x4x5xf32>) -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}

// -----

// A running sum is an scf.for along the axis carrying the sum (in f32 for f16) and the result; in
// reverse it walks from the end, and exclusive writes the sum before adding the column.
// CHECK-LABEL: func.func @cumsum
// CHECK:         %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?xf32>)
// CHECK:         scf.for %[[K:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[SUM:.*]] = %[[ZERO]], %[[OUT:.*]] = %{{.*}}) -> (tensor<?xf32>, tensor<?x5xf16>)
// CHECK:           %[[POS:.*]] = arith.subi %{{.*}}, %[[K]] : index
// CHECK:           %[[DEST:.*]] = tensor.extract_slice %[[OUT]][0, %[[POS]]] [%{{.*}}, 1] [1, 1] : tensor<?x5xf16> to tensor<?xf16>
// CHECK:           arith.truncf
// CHECK:           %[[WRITTEN:.*]] = tensor.insert_slice %{{.*}} into %[[OUT]][0, %[[POS]]]
// CHECK:           %[[COLUMN:.*]] = tensor.extract_slice %arg0[0, %[[POS]]] [%{{.*}}, 1] [1, 1] : tensor<?x5xf16> to tensor<?xf16>
// CHECK:           %[[NEXT:.*]] = linalg.generic {{.*}} ins(%[[COLUMN]] : tensor<?xf16>) outs(%[[SUM]] : tensor<?xf32>)
// CHECK:             arith.extf
// CHECK:             arith.addf
// CHECK:           scf.yield %[[NEXT]], %[[WRITTEN]] : tensor<?xf32>, tensor<?x5xf16>
func.func @cumsum(%x: tensor<?x5xf16>) -> tensor<?x5xf16> {
  %0 = "tg.cumsum"(%x) {axis = 1 : i64, exclusive = true, reverse = true} : (tensor<?x5xf16>) -> tensor<?x5xf16>
  return %0 : tensor<?x5xf16>
}

// -----

// Nearest: one index table per resized dim (half_pixel, round_prefer_floor), then one gather.
// CHECK-DAG:   #[[ROWS:.*]] = affine_map<(d0, d1, d2, d3) -> (d2)>
// CHECK-DAG:   #[[COLS:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @resize_nearest
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<4xindex>)
// CHECK:           math.floor
// CHECK:           arith.cmpf olt
// CHECK:           arith.fptosi
// CHECK:         %[[C:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<6xindex>)
// CHECK:         linalg.generic {indexing_maps = [#[[ROWS]], #[[COLS]], #{{.*}}], {{.*}} ins(%[[R]], %[[C]] : tensor<4xindex>, tensor<6xindex>)
// CHECK:         ^bb0(%[[I:.*]]: index, %[[J:.*]]: index, %{{.*}}: f32):
// CHECK:           tensor.extract %arg0[%{{.*}}, %{{.*}}, %[[I]], %[[J]]] : tensor<1x1x2x2xf32>
func.func @resize_nearest(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x6xf32> {
  %0 = "tg.resize"(%x) {scales = array<f64: 1.0, 1.0, 2.0, 3.0>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x4x6xf32>
  return %0 : tensor<1x1x4x6xf32>
}

// -----

// Linear: a [output, 2] table of weights and input indices, then a sum over the taps (a reduction dim).
// CHECK-DAG:   #[[TAPS:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG:   #[[OUT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @resize_linear
// CHECK:         %[[T:.*]]:2 = linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<4x2xf32>, tensor<4x2xindex>)
// CHECK:           math.absf
// CHECK:           arith.maximumf
// CHECK:           arith.truncf %{{.*}} : f64 to f32
// CHECK:         %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x?x4xf32>)
// CHECK:         linalg.generic {indexing_maps = [#[[TAPS]], #[[TAPS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[T]]#0, %[[T]]#1 : tensor<4x2xf32>, tensor<4x2xindex>) outs(%[[ZERO]] : tensor<?x?x4xf32>)
// CHECK:         ^bb0(%[[W:.*]]: f32, %[[K:.*]]: index, %[[SUM:.*]]: f32):
// CHECK:           %[[E:.*]] = tensor.extract %arg0[%{{.*}}, %{{.*}}, %[[K]]] : tensor<?x?x8xf32>
// CHECK:           %[[P:.*]] = arith.mulf %[[W]], %[[E]] : f32
// CHECK:           arith.addf %[[SUM]], %[[P]] : f32
func.func @resize_linear(%x: tensor<?x?x8xf32>) -> tensor<?x?x4xf32> {
  %0 = "tg.resize"(%x) {mode = "linear", sizes = array<i64: -1, -1, 4>} : (tensor<?x?x8xf32>) -> tensor<?x?x4xf32>
  return %0 : tensor<?x?x4xf32>
}

// -----

// Antialiased cubic downsampling by 0.4: 10 taps a sample, weights normalized by their row sums.
// CHECK-LABEL: func.func @resize_cubic_antialias
// CHECK:         %[[T:.*]]:2 = linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<3x10xf32>, tensor<3x10xindex>)
// CHECK:         %[[SUMS:.*]] = linalg.reduce ins(%[[T]]#0 : tensor<3x10xf32>) outs(%{{.*}} : tensor<3xf32>) dimensions = [1]
// CHECK:         %[[W:.*]] = linalg.generic {{.*}} ins(%[[T]]#0, %[[SUMS]] : tensor<3x10xf32>, tensor<3xf32>)
// CHECK:           arith.divf
// CHECK:         linalg.generic {{.*}} ins(%[[W]], %[[T]]#1 : tensor<3x10xf32>, tensor<3x10xindex>) outs(%{{.*}} : tensor<1x3xf32>)
func.func @resize_cubic_antialias(%x: tensor<1x8xf32>) -> tensor<1x3xf32> {
  %0 = "tg.resize"(%x) {mode = "cubic", antialias = true, scales = array<f64: 1.0, 0.4>} : (tensor<1x8xf32>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

// tf_crop_and_resize: after each dim's pass, samples outside the input take the extrapolation value.
// CHECK-LABEL: func.func @resize_crop
// CHECK:         %[[ROWS:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]{{.*}} outs(%{{.*}} : tensor<3x4xf32>)
// CHECK:         %[[FILL:.*]] = arith.constant 1.000000e+01 : f32
// CHECK:         linalg.generic {{.*}} ins(%[[ROWS]] : tensor<3x4xf32>)
// CHECK:           %[[OUTSIDE:.*]] = arith.ori
// CHECK:           arith.select %[[OUTSIDE]], %[[FILL]], %{{.*}} : f32
// CHECK:         %[[COLS:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]{{.*}} outs(%{{.*}} : tensor<3x3xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[COLS]] : tensor<3x3xf32>)
// CHECK:           arith.select %{{.*}}, %{{.*}}, %{{.*}} : f32
func.func @resize_crop(%x: tensor<4x4xf32>) -> tensor<3x3xf32> {
  %0 = "tg.resize"(%x) {mode = "linear", coordinate_transformation_mode = "tf_crop_and_resize", roi = array<f64: 0.0, 0.4, 1.0, 1.2>, sizes = array<i64: 3, 3>, extrapolation_value = 10.0} : (tensor<4x4xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// Scales of 1 resize nothing.
// CHECK-LABEL: func.func @resize_identity
// CHECK-NOT:     linalg.generic
// CHECK:         return %arg0
func.func @resize_identity(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.resize"(%x) {mode = "linear", scales = array<f64: 1.0, 1.0>} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// A target read at run time, with several dynamic result dims: tensor.reshape with the sizes in a
// tensor (0 copies the input dim, -1 is what the element count leaves).
// CHECK-LABEL: func.func @reshape_target
// CHECK:         %[[N0:.*]] = tensor.dim %arg0
// CHECK:         %[[T0:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK:         %[[ZERO:.*]] = arith.cmpi eq, %[[T0]], %{{.*}} : index
// CHECK:         arith.select %[[ZERO]], %[[N0]], %[[T0]] : index
// CHECK:         %[[COUNT:.*]] = arith.divui
// CHECK:         %[[SHAPE:.*]] = tensor.from_elements %{{.*}}, %{{.*}}, %{{.*}} : tensor<3xindex>
// CHECK:         tensor.reshape %arg0(%[[SHAPE]]) : (tensor<?x?x4xf32>, tensor<3xindex>) -> tensor<?x?x2xf32>
func.func @reshape_target(%x: tensor<?x?x4xf32>, %t: tensor<3xi64>) -> tensor<?x?x2xf32> {
  %0 = "tg.reshape"(%x, %t) : (tensor<?x?x4xf32>, tensor<3xi64>) -> tensor<?x?x2xf32>
  return %0 : tensor<?x?x2xf32>
}

// -----

// A constant target resolves at compile time what it can: [0, -1, 2] is [dim 0, count / (dim 0 * 2), 2].
// CHECK-LABEL: func.func @reshape_constant_target
// CHECK:         %[[N0:.*]] = tensor.dim %arg0
// CHECK-NOT:     arith.select
// CHECK:         %[[D1:.*]] = arith.divui
// CHECK:         %[[SHAPE:.*]] = tensor.from_elements %[[N0]], %[[D1]], %{{.*}} : tensor<3xindex>
// CHECK:         tensor.reshape %arg0(%[[SHAPE]])
func.func @reshape_constant_target(%x: tensor<?x?x4xf32>) -> tensor<?x?x2xf32> {
  %t = arith.constant dense<[0, -1, 2]> : tensor<3xi64>
  %0 = "tg.reshape"(%x, %t) : (tensor<?x?x4xf32>, tensor<3xi64>) -> tensor<?x?x2xf32>
  return %0 : tensor<?x?x2xf32>
}

// -----

// One dynamic result dim needs no target: the views of the static case.
// CHECK-LABEL: func.func @reshape_target_one_dynamic
// CHECK-NOT:     tensor.reshape
// CHECK:         tensor.collapse_shape
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [%{{.*}}, 2] : tensor<?xf32> into tensor<?x2xf32>
func.func @reshape_target_one_dynamic(%x: tensor<?x4xf32>, %t: tensor<2xi64>) -> tensor<?x2xf32> {
  %0 = "tg.reshape"(%x, %t) : (tensor<?x4xf32>, tensor<2xi64>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}
