// --tg-register-matmuls: a matmul or batch matmul whose operands are both computed becomes a
// contractable generic tagged for passes/register_matmul.mlir, which --tg-cpu-schedule runs: an
// MR x NR tile of C in vector registers across the k loop (an scf.for iter_arg), one outer product a k
// step (a broadcast column of A times a contiguous row of B, multiply-add contractable into FMAs).
// The sizes are the machine model's for this host (AVX-512: NR = 32 floats, two registers).
// RUN: tg-opt %s --tg-to-linalg --tg-register-matmuls --split-input-file | filecheck %s --check-prefix=TAG
// RUN: tg-opt %s --tg-to-linalg --canonicalize --cse --tg-tile-fusion-groups --canonicalize --cse --tg-pack-weights --tg-register-matmuls --tg-cpu-schedule --canonicalize --cse --canonicalize --tg-bufferize --split-input-file | filecheck %s

// Attention's scores: a 4-D batch product, a batch_matmul on the heads, 8 x 32 register tiles.
// TAG-LABEL: func.func @attention_scores
// TAG:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// TAG-SAME:      ins(%{{.*}}, %{{.*}} : tensor<8x128x64xf32>, tensor<8x64x128xf32>)
// TAG-SAME:      tg.strategy = "register_batch_matmul"
// TAG:           arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : f32
// TAG:           arith.addf %{{.*}}, %{{.*}} fastmath<contract> : f32
// TAG-NOT:     linalg.batch_matmul
// CHECK-LABEL: func.func @attention_scores
// CHECK:         scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK:           vector.transfer_read %{{.*}} : memref<8x32xf32, strided<[128, 1], offset: ?>>, vector<8x32xf32>
// CHECK:           scf.for %{{.*}} = %c0 to %c64 step %c1 iter_args(%[[ACC:.*]] = %{{.*}}) -> (vector<8x32xf32>)
// CHECK-NOT:         vector.transfer_write
// CHECK:             vector.transfer_read %{{.*}} : memref<32xf32, strided<[1], offset: ?>>, vector<32xf32>
// CHECK:             %[[P:.*]] = arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : vector<8x32xf32>
// CHECK:             arith.addf %[[ACC]], %[[P]] fastmath<contract> : vector<8x32xf32>
// CHECK:           vector.transfer_write %{{.*}} : vector<8x32xf32>, memref<8x32xf32, strided<[128, 1], offset: ?>>
func.func @attention_scores(%q: tensor<1x8x128x64xf32>, %k: tensor<1x8x64x128xf32>) -> tensor<1x8x128x128xf32> {
  %0 = "tg.matmul"(%q, %k) : (tensor<1x8x128x64xf32>, tensor<1x8x64x128xf32>) -> tensor<1x8x128x128xf32>
  return %0 : tensor<1x8x128x128xf32>
}

// -----

// In a fusion group (scores / 8) each head is a block of the group's scf.forall: the kernel, then the
// epilogue on the same tile, with no buffer of its own.
// CHECK-LABEL: func.func @scores_fused
// CHECK:         scf.forall (%{{.*}}) in (8) {
// CHECK-NOT:       memref.alloc
// CHECK:           scf.for %{{.*}} iter_args(%{{.*}}) -> (vector<8x32xf32>)
// CHECK:             arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : vector<8x32xf32>
// CHECK-NOT:       memref.alloc
// CHECK:           linalg.generic
// CHECK:             arith.divf
// CHECK:         }
func.func @scores_fused(%q: tensor<1x8x128x64xf32>, %k: tensor<1x8x64x128xf32>) -> tensor<1x8x128x128xf32> {
  %s = arith.constant dense<8.0> : tensor<f32>
  %0 = "tg.matmul"(%q, %k) {tg.fusion_group = 0 : i64} : (tensor<1x8x128x64xf32>, tensor<1x8x64x128xf32>) -> tensor<1x8x128x128xf32>
  %1 = "tg.div"(%0, %s) {tg.fusion_group = 0 : i64} : (tensor<1x8x128x128xf32>, tensor<f32>) -> tensor<1x8x128x128xf32>
  return %1 : tensor<1x8x128x128xf32>
}

// -----

// 23 rows: 10-row tiles, then the remainder peeled and run a row at a time (one 32-wide row of C).
// TAG-LABEL: func.func @rows_remainder
// TAG:         tg.strategy = "register_matmul"
// CHECK-LABEL: func.func @rows_remainder
// CHECK:         scf.for {{.*}} iter_args(%{{.*}}) -> (vector<10x32xf32>)
// CHECK:           arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : vector<10x32xf32>
// CHECK:         scf.for {{.*}} iter_args(%{{.*}}) -> (vector<32xf32>)
// CHECK:           arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : vector<32xf32>
func.func @rows_remainder(%a: tensor<23x16xf32>, %b: tensor<16x32xf32>) -> tensor<23x32xf32> {
  %0 = "tg.matmul"(%a, %b) : (tensor<23x16xf32>, tensor<16x32xf32>) -> tensor<23x32xf32>
  return %0 : tensor<23x32xf32>
}

// -----

// Not for this kernel: integers, a dynamic n, and (after --tg-pack-weights) constant weights.
// TAG-LABEL: func.func @not_tagged
// TAG-NOT:     tg.strategy
// TAG:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xi32>, tensor<8x16xi32>)
// TAG-NOT:     tg.strategy
// TAG:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8x?xf32>)
// CHECK-LABEL: func.func @not_tagged
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : memref<4x8xi32>, memref<8x16xi32>)
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : memref<4x8xf32>, memref<8x?xf32>)
func.func @not_tagged(%a: tensor<4x8xi32>, %b: tensor<8x16xi32>, %x: tensor<4x8xf32>, %y: tensor<8x?xf32>) -> (tensor<4x16xi32>, tensor<4x?xf32>, tensor<4x32xf32>) {
  %w = arith.constant dense<1.0> : tensor<8x32xf32>
  %0 = "tg.matmul"(%a, %b) : (tensor<4x8xi32>, tensor<8x16xi32>) -> tensor<4x16xi32>
  %1 = "tg.matmul"(%x, %y) : (tensor<4x8xf32>, tensor<8x?xf32>) -> tensor<4x?xf32>
  %2 = "tg.matmul"(%x, %w) : (tensor<4x8xf32>, tensor<8x32xf32>) -> tensor<4x32xf32>
  return %0, %1, %2 : tensor<4x16xi32>, tensor<4x?xf32>, tensor<4x32xf32>
}
