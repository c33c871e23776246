// --tg-pack-weights: a float linalg.matmul by constant weights W [K, N] becomes a linalg.generic over
// (m, n1, k, n0) reading W packed as panels [N / NR, K, NR] and updating C viewed as [M, N / NR, NR],
// tagged tg.strategy = "packed_matmul" for --tg-cpu-schedule. Columns past the last full panel are
// power-of-two wide segments, each its own generic on a slice of C.
// NR is the machine model's (two vector registers): 32 floats on AVX-512, 16 on AVX2; the patterns
// accept both where the layout depends on it.
// RUN: tg-opt %s --tg-pack-weights --split-input-file | filecheck %s

// The generic: A[m, k] * Wp[n1, k, n0] summed over k into C3[m, n1, n0], a contractable multiply-add.
// CHECK-DAG:   #[[$A:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
// CHECK-DAG:   #[[$B:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-DAG:   #[[$C:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>

// K = 64, N = 40, M dynamic: the full panels on C's first 32 columns, then an 8-wide tail panel
// [1, 64, 8] on the last 8 (no padded panel); the matmul is gone.
// CHECK-LABEL: func.func @panel_and_tail
// CHECK-SAME:    (%[[X:.*]]: tensor<?x64xf32>, %[[C:.*]]: tensor<?x40xf32>)
// CHECK-NOT:     linalg.matmul
// CHECK:         %[[HEAD:.*]] = tensor.extract_slice %[[C]][0, 0] [%{{.*}}, 32] [1, 1] : tensor<?x40xf32> to tensor<?x32xf32>
// CHECK:         %[[W0:.*]] = arith.constant dense_resource<{{.*}}> : tensor<{{1x64x32|2x64x16}}xf32>
// CHECK:         %[[C0:.*]] = tensor.expand_shape %[[HEAD]] {{\[}}[0], [1, 2]]
// CHECK:         %[[P0:.*]] = linalg.generic {indexing_maps = [#[[$A]], #[[$B]], #[[$C]]], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
// CHECK-SAME:      ins(%[[X]], %[[W0]] : tensor<?x64xf32>, tensor<{{1x64x32|2x64x16}}xf32>)
// CHECK-SAME:      outs(%[[C0]] : tensor<?x{{1x32|2x16}}xf32>)
// CHECK-SAME:      {tg.strategy = "packed_matmul"}
// CHECK:           %[[M:.*]] = arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : f32
// CHECK:           arith.addf %{{.*}}, %[[M]] fastmath<contract> : f32
// CHECK:         %[[R0:.*]] = tensor.collapse_shape %[[P0]] {{\[}}[0], [1, 2]]
// CHECK:         %[[C1:.*]] = tensor.insert_slice %[[R0]] into %[[C]][0, 0] [%{{.*}}, 32] [1, 1]
// CHECK:         %[[TAIL:.*]] = tensor.extract_slice %[[C1]][0, 32] [%{{.*}}, 8] [1, 1] : tensor<?x40xf32> to tensor<?x8xf32>
// CHECK:         %[[W1:.*]] = arith.constant dense_resource<{{.*}}> : tensor<1x64x8xf32>
// CHECK:         %[[C2:.*]] = tensor.expand_shape %[[TAIL]] {{\[}}[0], [1, 2]] output_shape [%{{.*}}, 1, 8] : tensor<?x8xf32> into tensor<?x1x8xf32>
// CHECK:         %[[P1:.*]] = linalg.generic {indexing_maps = [#[[$A]], #[[$B]], #[[$C]]], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
// CHECK-SAME:      ins(%[[X]], %[[W1]] : tensor<?x64xf32>, tensor<1x64x8xf32>)
// CHECK-SAME:      outs(%[[C2]] : tensor<?x1x8xf32>)
// CHECK-SAME:      {tg.strategy = "packed_matmul"}
// CHECK:         %[[R1:.*]] = tensor.collapse_shape %[[P1]] {{\[}}[0], [1, 2]] : tensor<?x1x8xf32> into tensor<?x8xf32>
// CHECK:         %[[OUT:.*]] = tensor.insert_slice %[[R1]] into %[[C1]][0, 32] [%{{.*}}, 8] [1, 1]
// CHECK:         return %[[OUT]]
func.func @panel_and_tail(%x: tensor<?x64xf32>, %c: tensor<?x40xf32>) -> tensor<?x40xf32> {
  %w = arith.constant dense<0.5> : tensor<64x40xf32>
  %0 = linalg.matmul ins(%x, %w : tensor<?x64xf32>, tensor<64x40xf32>) outs(%c : tensor<?x40xf32>) -> tensor<?x40xf32>
  return %0 : tensor<?x40xf32>
}

// -----

// N = 1000 = 992 in full panels + an 8-wide tail.
// CHECK-LABEL: func.func @classifier
// CHECK-NOT:     linalg.matmul
// CHECK:         tensor.extract_slice %{{.*}}[0, 0] [1, 992] [1, 1] : tensor<1x1000xf32> to tensor<1x992xf32>
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%{{.*}}, %{{.*}} : tensor<1x16xf32>, tensor<{{31x16x32|62x16x16}}xf32>)
// CHECK-SAME:      outs(%{{.*}} : tensor<1x{{31x32|62x16}}xf32>)
// CHECK-SAME:      tg.strategy = "packed_matmul"
// CHECK:         tensor.extract_slice %{{.*}}[0, 992] [1, 8] [1, 1] : tensor<1x1000xf32> to tensor<1x8xf32>
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%{{.*}}, %{{.*}} : tensor<1x16xf32>, tensor<1x16x8xf32>)
// CHECK-SAME:      tg.strategy = "packed_matmul"
// CHECK-NOT:     linalg.generic
// CHECK:         return
func.func @classifier(%x: tensor<1x16xf32>, %c: tensor<1x1000xf32>) -> tensor<1x1000xf32> {
  %w = arith.constant dense<0.5> : tensor<16x1000xf32>
  %0 = linalg.matmul ins(%x, %w : tensor<1x16xf32>, tensor<16x1000xf32>) outs(%c : tensor<1x1000xf32>) -> tensor<1x1000xf32>
  return %0 : tensor<1x1000xf32>
}

// -----

// N a multiple of NR: one generic on all of C, no slices.
// CHECK-LABEL: func.func @whole_panels
// CHECK-SAME:    (%[[X:.*]]: tensor<4x3xf32>, %[[C:.*]]: tensor<4x64xf32>)
// CHECK-NOT:     tensor.extract_slice
// CHECK:         %[[C3:.*]] = tensor.expand_shape %[[C]] {{\[}}[0], [1, 2]] output_shape [4, {{2, 32|4, 16}}]
// CHECK:         %[[P:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[X]], %{{.*}} : tensor<4x3xf32>, tensor<{{2x3x32|4x3x16}}xf32>) outs(%[[C3]] : tensor<4x{{2x32|4x16}}xf32>)
// CHECK-SAME:      tg.strategy = "packed_matmul"
// CHECK-NOT:     tensor.insert_slice
// CHECK:         %[[R:.*]] = tensor.collapse_shape %[[P]] {{\[}}[0], [1, 2]] : tensor<4x{{2x32|4x16}}xf32> into tensor<4x64xf32>
// CHECK:         return %[[R]]
func.func @whole_panels(%x: tensor<4x3xf32>, %c: tensor<4x64xf32>) -> tensor<4x64xf32> {
  %w = arith.constant dense<0.5> : tensor<3x64xf32>
  %0 = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x64xf32>) outs(%c : tensor<4x64xf32>) -> tensor<4x64xf32>
  return %0 : tensor<4x64xf32>
}

// -----

// N = 10, narrower than a panel: segments of 8 and 2 columns.
// CHECK-LABEL: func.func @narrow
// CHECK:         tensor.extract_slice %{{.*}}[0, 0] [4, 8] [1, 1]
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<4x3xf32>, tensor<1x3x8xf32>)
// CHECK-SAME:      tg.strategy = "packed_matmul"
// CHECK:         tensor.extract_slice %{{.*}}[0, 8] [4, 2] [1, 1]
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<4x3xf32>, tensor<1x3x2xf32>)
// CHECK-SAME:      tg.strategy = "packed_matmul"
func.func @narrow(%x: tensor<4x3xf32>, %c: tensor<4x10xf32>) -> tensor<4x10xf32> {
  %w = arith.constant dense<0.5> : tensor<3x10xf32>
  %0 = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x10xf32>) outs(%c : tensor<4x10xf32>) -> tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

// Constant weights seen through a reshape (a 1x1 convolution's filter after --tg-conv-to-matmul).
// CHECK-LABEL: func.func @reshaped_constant
// CHECK-NOT:     linalg.matmul
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<4x3xf32>, tensor<{{1x3x32|2x3x16}}xf32>)
// CHECK-SAME:      tg.strategy = "packed_matmul"
func.func @reshaped_constant(%x: tensor<4x3xf32>, %c: tensor<4x32xf32>) -> tensor<4x32xf32> {
  %w4 = arith.constant dense<0.5> : tensor<1x1x3x32xf32>
  %w = tensor.collapse_shape %w4 [[0, 1, 2], [3]] : tensor<1x1x3x32xf32> into tensor<3x32xf32>
  %0 = linalg.matmul ins(%x, %w : tensor<4x3xf32>, tensor<3x32xf32>) outs(%c : tensor<4x32xf32>) -> tensor<4x32xf32>
  return %0 : tensor<4x32xf32>
}

// -----

// Not packed: weights that are computed (an argument), and integer weights.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT:     tg.strategy
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8x32xf32>)
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xi32>, tensor<8x32xi32>)
// CHECK-NOT:     tg.strategy
// CHECK-NOT:     linalg.generic
func.func @left_alone(%x: tensor<4x8xf32>, %y: tensor<8x32xf32>, %c: tensor<4x32xf32>, %i: tensor<4x8xi32>, %ci: tensor<4x32xi32>) -> (tensor<4x32xf32>, tensor<4x32xi32>) {
  %wi = arith.constant dense<2> : tensor<8x32xi32>
  %0 = linalg.matmul ins(%x, %y : tensor<4x8xf32>, tensor<8x32xf32>) outs(%c : tensor<4x32xf32>) -> tensor<4x32xf32>
  %1 = linalg.matmul ins(%i, %wi : tensor<4x8xi32>, tensor<8x32xi32>) outs(%ci : tensor<4x32xi32>) -> tensor<4x32xi32>
  return %0, %1 : tensor<4x32xf32>, tensor<4x32xi32>
}
