// tg.matmul: linalg.matmul / batch_matmul / matvec / vecmat / dot by operand ranks when no batch dim
// broadcasts (an N-D lhs times a 2-D rhs, and N-D times N-D, on collapsed views), otherwise a linalg.generic whose maps broadcast batch dims and drop the dims of 1-D
// operands. The accumulator is a zero linalg.fill; 16-bit floats accumulate in f32 and are rounded once.
// tg.einsum: one linalg.generic with a loop per label, the result's labels first (parallel) then the
// summed ones (reduction); a repeated label reads a diagonal; a static 1 against a larger label size
// reads element 0; with nothing summed there is no fill.
// RUN: tg-opt %s --tg-to-linalg --split-input-file | filecheck %s

// CHECK-LABEL: func.func @matmul_2d
// CHECK-SAME:    (%[[A:.*]]: tensor<?x64xf32>, %[[B:.*]]: tensor<64x10xf32>)
// CHECK:         %[[M:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x64xf32>
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[EMPTY:.*]] = tensor.empty(%[[M]]) : tensor<?x10xf32>
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<?x10xf32>)
// CHECK:         %[[C:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<?x64xf32>, tensor<64x10xf32>) outs(%[[ACC]] : tensor<?x10xf32>)
// CHECK-NOT:     tg.
// CHECK:         return %[[C]]
func.func @matmul_2d(%a: tensor<?x64xf32>, %b: tensor<64x10xf32>) -> tensor<?x10xf32> {
  %0 = "tg.matmul"(%a, %b) : (tensor<?x64xf32>, tensor<64x10xf32>) -> tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// -----

// CHECK-LABEL: func.func @batch_matmul
// CHECK-SAME:    (%[[A:.*]]: tensor<?x8x4xf32>, %[[B:.*]]: tensor<?x4x5xf32>)
// CHECK:         %[[BATCH:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x8x4xf32>
// CHECK:         tensor.empty(%[[BATCH]]) : tensor<?x8x5xf32>
// CHECK:         linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<?x8x4xf32>, tensor<?x4x5xf32>)
// CHECK-NOT:     linalg.generic
func.func @batch_matmul(%a: tensor<?x8x4xf32>, %b: tensor<?x4x5xf32>) -> tensor<?x8x5xf32> {
  %0 = "tg.matmul"(%a, %b) : (tensor<?x8x4xf32>, tensor<?x4x5xf32>) -> tensor<?x8x5xf32>
  return %0 : tensor<?x8x5xf32>
}

// -----

// CHECK-LABEL: func.func @matvec
// CHECK:         tensor.empty() : tensor<8xf32>
// CHECK:         linalg.matvec ins(%{{.*}}, %{{.*}} : tensor<8x4xf32>, tensor<4xf32>) outs(%{{.*}} : tensor<8xf32>)
func.func @matvec(%a: tensor<8x4xf32>, %v: tensor<4xf32>) -> tensor<8xf32> {
  %0 = "tg.matmul"(%a, %v) : (tensor<8x4xf32>, tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// CHECK-LABEL: func.func @vecmat
// CHECK:         linalg.vecmat ins(%{{.*}}, %{{.*}} : tensor<4xf32>, tensor<4x8xf32>) outs(%{{.*}} : tensor<8xf32>)
func.func @vecmat(%v: tensor<4xf32>, %b: tensor<4x8xf32>) -> tensor<8xf32> {
  %0 = "tg.matmul"(%v, %b) : (tensor<4xf32>, tensor<4x8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// Integers accumulate in their own type; the dot product of two vectors is a rank-0 tensor.
// CHECK-LABEL: func.func @dot_i32
// CHECK:         %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<i32>
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%[[ZERO]] : i32) outs(%[[EMPTY]] : tensor<i32>)
// CHECK:         linalg.dot ins(%{{.*}}, %{{.*}} : tensor<5xi32>, tensor<5xi32>) outs(%[[ACC]] : tensor<i32>)
func.func @dot_i32(%x: tensor<5xi32>, %y: tensor<5xi32>) -> tensor<i32> {
  %0 = "tg.matmul"(%x, %y) : (tensor<5xi32>, tensor<5xi32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// f16 operands go straight into linalg.matmul with an f32 accumulator; one truncf at the end.
// CHECK-LABEL: func.func @matmul_f16
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<2x3xf32>)
// CHECK:         %[[C:.*]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<2x4xf16>, tensor<4x3xf16>) outs(%[[ACC]] : tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK:         %[[OUT:.*]] = tensor.empty() : tensor<2x3xf16>
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[C]] : tensor<2x3xf32>) outs(%[[OUT]] : tensor<2x3xf16>)
// CHECK:           arith.truncf %{{.*}} : f32 to f16
// CHECK:         return %[[R]] : tensor<2x3xf16>
func.func @matmul_f16(%a: tensor<2x4xf16>, %b: tensor<4x3xf16>) -> tensor<2x3xf16> {
  %0 = "tg.matmul"(%a, %b) : (tensor<2x4xf16>, tensor<4x3xf16>) -> tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// -----

// A 3-D x 2-D product is a linalg.matmul on the lhs viewed as [batch * m, k] (a free collapse),
// expanded back: the packed and register-tiled matmul kernels run it.
// CHECK-LABEL: func.func @matmul_3d_2d
// CHECK-SAME:    (%[[A:.*]]: tensor<3x8x4xf32>, %[[B:.*]]: tensor<4x5xf32>)
// CHECK:         %[[A2:.*]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1], [2]] : tensor<3x8x4xf32> into tensor<24x4xf32>
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<24x5xf32>)
// CHECK:         %[[C:.*]] = linalg.matmul ins(%[[A2]], %[[B]] : tensor<24x4xf32>, tensor<4x5xf32>) outs(%[[ACC]] : tensor<24x5xf32>)
// CHECK:         %[[R:.*]] = tensor.expand_shape %[[C]] {{\[}}[0, 1], [2]] output_shape [3, 8, 5] : tensor<24x5xf32> into tensor<3x8x5xf32>
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[R]]
func.func @matmul_3d_2d(%a: tensor<3x8x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x8x5xf32> {
  %0 = "tg.matmul"(%a, %b) : (tensor<3x8x4xf32>, tensor<4x5xf32>) -> tensor<3x8x5xf32>
  return %0 : tensor<3x8x5xf32>
}

// -----

// A dynamic leading dim collapses into a dynamic row count; f16 accumulates in f32, rounded on the
// collapsed view, and the expansion takes its size from the lhs.
// CHECK-LABEL: func.func @matmul_dynamic_3d_2d
// CHECK-SAME:    (%[[A:.*]]: tensor<?x7x4xf16>, %[[B:.*]]: tensor<4x5xf16>)
// CHECK-DAG:     %[[A2:.*]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1], [2]] : tensor<?x7x4xf16> into tensor<?x4xf16>
// CHECK-DAG:     %[[D0:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x7x4xf16>
// CHECK:         linalg.matmul ins(%[[A2]], %[[B]] : tensor<?x4xf16>, tensor<4x5xf16>) outs(%{{.*}} : tensor<?x5xf32>)
// CHECK:         arith.truncf
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2]] output_shape [%[[D0]], 7, 5] : tensor<?x5xf16> into tensor<?x7x5xf16>
func.func @matmul_dynamic_3d_2d(%a: tensor<?x7x4xf16>, %b: tensor<4x5xf16>) -> tensor<?x7x5xf16> {
  %0 = "tg.matmul"(%a, %b) : (tensor<?x7x4xf16>, tensor<4x5xf16>) -> tensor<?x7x5xf16>
  return %0 : tensor<?x7x5xf16>
}

// -----

// Two dynamic dims collapse into one that memref.expand_shape cannot expand back (at most one dynamic
// size per group after bufferization): the product, a fresh contiguous tensor, is reshaped instead.
// CHECK-LABEL: func.func @matmul_two_dynamic_3d_2d
// CHECK-SAME:    (%[[A:.*]]: tensor<?x?x4xf32>, %[[B:.*]]: tensor<4x5xf32>)
// CHECK:         %[[A2:.*]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1], [2]] : tensor<?x?x4xf32> into tensor<?x4xf32>
// CHECK-DAG:     %[[D0:.*]] = tensor.dim %[[A]], %c0
// CHECK-DAG:     %[[D1:.*]] = tensor.dim %[[A]], %c1
// CHECK:         %[[C:.*]] = linalg.matmul ins(%[[A2]], %[[B]] : tensor<?x4xf32>, tensor<4x5xf32>)
// CHECK:         %[[SHAPE:.*]] = tensor.from_elements %[[D0]], %[[D1]], %{{.*}} : tensor<3xindex>
// CHECK:         tensor.reshape %[[C]](%[[SHAPE]]) : (tensor<?x5xf32>, tensor<3xindex>) -> tensor<?x?x5xf32>
// CHECK-NOT:     linalg.generic
func.func @matmul_two_dynamic_3d_2d(%a: tensor<?x?x4xf32>, %b: tensor<4x5xf32>) -> tensor<?x?x5xf32> {
  %0 = "tg.matmul"(%a, %b) : (tensor<?x?x4xf32>, tensor<4x5xf32>) -> tensor<?x?x5xf32>
  return %0 : tensor<?x?x5xf32>
}

// -----

// Attention's 4-D x 4-D product with equal batch dims: linalg.batch_matmul on the batch dims
// collapsed to one.
// CHECK-LABEL: func.func @batch_matmul_4d
// CHECK-SAME:    (%[[A:.*]]: tensor<?x8x16x4xf32>, %[[B:.*]]: tensor<?x8x4x16xf32>)
// CHECK-DAG:     %[[A3:.*]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1], [2], [3]] : tensor<?x8x16x4xf32> into tensor<?x16x4xf32>
// CHECK-DAG:     %[[B3:.*]] = tensor.collapse_shape %[[B]] {{\[}}[0, 1], [2], [3]] : tensor<?x8x4x16xf32> into tensor<?x4x16xf32>
// CHECK:         %[[C:.*]] = linalg.batch_matmul ins(%[[A3]], %[[B3]] : tensor<?x16x4xf32>, tensor<?x4x16xf32>) outs(%{{.*}} : tensor<?x16x16xf32>)
// CHECK:         tensor.expand_shape %[[C]] {{\[}}[0, 1], [2], [3]] output_shape [%{{.*}}, 8, 16, 16] : tensor<?x16x16xf32> into tensor<?x8x16x16xf32>
// CHECK-NOT:     linalg.generic
func.func @batch_matmul_4d(%a: tensor<?x8x16x4xf32>, %b: tensor<?x8x4x16xf32>) -> tensor<?x8x16x16xf32> {
  %0 = "tg.matmul"(%a, %b) : (tensor<?x8x16x4xf32>, tensor<?x8x4x16xf32>) -> tensor<?x8x16x16xf32>
  return %0 : tensor<?x8x16x16xf32>
}

// -----

// A batch dim of 1 against 3 broadcasts: the lhs reads batch 0.
// CHECK-DAG:   #[[$LHS:.*]] = affine_map<(d0, d1, d2, d3) -> (0, d1, d3)>
// CHECK-DAG:   #[[$RHS:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-LABEL: func.func @batch_broadcast_one
// CHECK-NOT:     linalg.batch_matmul
// CHECK:         linalg.generic {indexing_maps = [#[[$LHS]], #[[$RHS]], #{{.*}}]
func.func @batch_broadcast_one(%a: tensor<1x8x4xf32>, %b: tensor<3x4x5xf32>) -> tensor<3x8x5xf32> {
  %0 = "tg.matmul"(%a, %b) : (tensor<1x8x4xf32>, tensor<3x4x5xf32>) -> tensor<3x8x5xf32>
  return %0 : tensor<3x8x5xf32>
}

// -----

// Batch dims of 1 on both sides do not broadcast: batch_matmul.
// CHECK-LABEL: func.func @batch_both_one
// CHECK:         linalg.batch_matmul
// CHECK-NOT:     linalg.generic
func.func @batch_both_one(%a: tensor<1x8x4xf32>, %b: tensor<1x4x5xf32>) -> tensor<1x8x5xf32> {
  %0 = "tg.matmul"(%a, %b) : (tensor<1x8x4xf32>, tensor<1x4x5xf32>) -> tensor<1x8x5xf32>
  return %0 : tensor<1x8x5xf32>
}

// -----

// Rank 4 has no named op; leading batch dims broadcast right-aligned.
// CHECK-DAG:   #[[$LHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d4)>
// CHECK-DAG:   #[[$RHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>
// CHECK-DAG:   #[[$OUT:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @matmul_4d_3d
// CHECK:         linalg.generic {indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
func.func @matmul_4d_3d(%a: tensor<2x3x8x4xf32>, %b: tensor<3x4x5xf32>) -> tensor<2x3x8x5xf32> {
  %0 = "tg.matmul"(%a, %b) : (tensor<2x3x8x4xf32>, tensor<3x4x5xf32>) -> tensor<2x3x8x5xf32>
  return %0 : tensor<2x3x8x5xf32>
}

// -----

// A vector times a batch of matrices: the vector map has only the contracted dim; bf16 is extended to
// f32 in the body and the result rounded back. The dynamic batch comes from the rhs.
// CHECK-DAG:   #[[$VEC:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG:   #[[$MAT:.*]] = affine_map<(d0, d1, d2) -> (d0, d2, d1)>
// CHECK-DAG:   #[[$OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @vector_batch_bf16
// CHECK-SAME:    (%[[V:.*]]: tensor<4xbf16>, %[[B:.*]]: tensor<?x4x5xbf16>)
// CHECK:         %[[BATCH:.*]] = tensor.dim %[[B]], %{{.*}} : tensor<?x4x5xbf16>
// CHECK:         tensor.empty(%[[BATCH]]) : tensor<?x5xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[$VEC]], #[[$MAT]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK:         ^bb0(%[[X:.*]]: bf16, %[[Y:.*]]: bf16, %[[S:.*]]: f32):
// CHECK-NEXT:      %[[XF:.*]] = arith.extf %[[X]] : bf16 to f32
// CHECK-NEXT:      %[[YF:.*]] = arith.extf %[[Y]] : bf16 to f32
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[XF]], %[[YF]] : f32
// CHECK-NEXT:      arith.addf %[[S]], %[[P]] : f32
// CHECK:         arith.truncf %{{.*}} : f32 to bf16
// CHECK:         return %{{.*}} : tensor<?x5xbf16>
func.func @vector_batch_bf16(%v: tensor<4xbf16>, %b: tensor<?x4x5xbf16>) -> tensor<?x5xbf16> {
  %0 = "tg.matmul"(%v, %b) : (tensor<4xbf16>, tensor<?x4x5xbf16>) -> tensor<?x5xbf16>
  return %0 : tensor<?x5xbf16>
}

// -----

// A batch of matrices times a vector, on integers: muli and addi.
// CHECK-DAG:   #[[$MAT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG:   #[[$VEC:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG:   #[[$OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @batch_vector_i64
// CHECK-NOT:     linalg.matvec
// CHECK:         linalg.generic {indexing_maps = [#[[$MAT]], #[[$VEC]], #[[$OUT]]]
// CHECK:           arith.muli
// CHECK:           arith.addi
func.func @batch_vector_i64(%a: tensor<2x3x4xi64>, %v: tensor<4xi64>) -> tensor<2x3xi64> {
  %0 = "tg.matmul"(%a, %v) : (tensor<2x3x4xi64>, tensor<4xi64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// -----

// A batched matmul written as an einsum (spaces allowed): b, i, k parallel, j summed; bf16
// accumulates in f32 and is rounded once. The dynamic batch comes from the first operand.
// CHECK-DAG:   #[[$LHS:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG:   #[[$RHS:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG:   #[[$OUT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @einsum_batch_matmul
// CHECK-SAME:    (%[[A:.*]]: tensor<?x2x3xbf16>, %[[B:.*]]: tensor<?x3x4xbf16>)
// CHECK:         %[[BATCH:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?x2x3xbf16>
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[EMPTY:.*]] = tensor.empty(%[[BATCH]]) : tensor<?x2x4xf32>
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<?x2x4xf32>)
// CHECK:         %[[C:.*]] = linalg.generic {indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME:      ins(%[[A]], %[[B]] : tensor<?x2x3xbf16>, tensor<?x3x4xbf16>) outs(%[[ACC]] : tensor<?x2x4xf32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: bf16, %[[Y:.*]]: bf16, %[[OUT:.*]]: f32):
// CHECK-NEXT:      %[[XF:.*]] = arith.extf %[[X]] : bf16 to f32
// CHECK-NEXT:      %[[YF:.*]] = arith.extf %[[Y]] : bf16 to f32
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[XF]], %[[YF]] : f32
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[OUT]], %[[P]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         linalg.generic {{.*}} ins(%[[C]] : tensor<?x2x4xf32>) outs(%{{.*}} : tensor<?x2x4xbf16>)
// CHECK:           arith.truncf %{{.*}} : f32 to bf16
// CHECK-NOT:     tg.
func.func @einsum_batch_matmul(%a: tensor<?x2x3xbf16>, %b: tensor<?x3x4xbf16>) -> tensor<?x2x4xbf16> {
  %0 = "tg.einsum"(%a, %b) {equation = "bij, bjk -> bik"} : (tensor<?x2x3xbf16>, tensor<?x3x4xbf16>) -> tensor<?x2x4xbf16>
  return %0 : tensor<?x2x4xbf16>
}

// -----

// A transpose sums nothing: an all-parallel generic into an empty tensor, no fill, no addition.
// CHECK-DAG:   #[[$SWAP:.*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @einsum_transpose
// CHECK-NOT:     linalg.fill
// CHECK:         linalg.generic {indexing_maps = [#[[$SWAP]], #[[$ID]]], iterator_types = ["parallel", "parallel"]} ins(%{{.*}} : tensor<3x?xf64>) outs(%{{.*}} : tensor<?x3xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      linalg.yield %[[X]] : f64
func.func @einsum_transpose(%x: tensor<3x?xf64>) -> tensor<?x3xf64> {
  %0 = "tg.einsum"(%x) {equation = "ij->ji"} : (tensor<3x?xf64>) -> tensor<?x3xf64>
  return %0 : tensor<?x3xf64>
}

// -----

// A repeated label reads the diagonal: both dims of the operand map to one loop.
// CHECK-DAG:   #[[$DIAG:.*]] = affine_map<(d0, d1) -> (d0, d1, d1)>
// CHECK-LABEL: func.func @einsum_batch_diagonal
// CHECK:         linalg.generic {indexing_maps = [#[[$DIAG]], #{{.*}}], iterator_types = ["parallel", "parallel"]} ins(%{{.*}} : tensor<3x5x5xf64>) outs(%{{.*}} : tensor<3x5xf64>)
func.func @einsum_batch_diagonal(%x: tensor<3x5x5xf64>) -> tensor<3x5xf64> {
  %0 = "tg.einsum"(%x) {equation = "...ii ->...i"} : (tensor<3x5x5xf64>) -> tensor<3x5xf64>
  return %0 : tensor<3x5xf64>
}

// -----

// Implicit output: "i,i" sums i away, an inner product into a rank-0 integer accumulator.
// CHECK-DAG:   #[[$I:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG:   #[[$NONE:.*]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func.func @einsum_inner_product
// CHECK:         %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK:         linalg.fill ins(%[[ZERO]] : i32) outs(%{{.*}} : tensor<i32>)
// CHECK:         linalg.generic {indexing_maps = [#[[$I]], #[[$I]], #[[$NONE]]], iterator_types = ["reduction"]}
// CHECK:           arith.muli
// CHECK:           arith.addi
func.func @einsum_inner_product(%a: tensor<?xi32>, %b: tensor<?xi32>) -> tensor<i32> {
  %0 = "tg.einsum"(%a, %b) {equation = "i,i"} : (tensor<?xi32>, tensor<?xi32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// Ellipsis dims broadcast: the lhs's static 1 against the rhs's 5 reads element 0.
// CHECK-DAG:   #[[$LHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, d2, d4)>
// CHECK-DAG:   #[[$RHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>
// CHECK-LABEL: func.func @einsum_ellipsis_broadcast
// CHECK:         linalg.generic {indexing_maps = [#[[$LHS]], #[[$RHS]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME:      outs(%{{.*}} : tensor<2x5x2x4xf32>)
func.func @einsum_ellipsis_broadcast(%a: tensor<2x1x2x3xf32>, %b: tensor<5x3x4xf32>) -> tensor<2x5x2x4xf32> {
  %0 = "tg.einsum"(%a, %b) {equation = "...ij,...jk"} : (tensor<2x1x2x3xf32>, tensor<5x3x4xf32>) -> tensor<2x5x2x4xf32>
  return %0 : tensor<2x5x2x4xf32>
}

// -----

// "->" on a scalar is a rank-0 copy.
// CHECK-LABEL: func.func @einsum_scalar
// CHECK:         linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}], iterator_types = []} ins(%{{.*}} : tensor<f64>) outs(%{{.*}} : tensor<f64>)
func.func @einsum_scalar(%x: tensor<f64>) -> tensor<f64> {
  %0 = "tg.einsum"(%x) {equation = "->"} : (tensor<f64>) -> tensor<f64>
  return %0 : tensor<f64>
}
