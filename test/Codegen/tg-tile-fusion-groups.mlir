// RUN: tg-opt %s --tg-tile-fusion-groups --split-input-file | filecheck %s

// The marked epilogue is tiled by rows into an scf.forall, and the marked fill and matmul are fused
// into it, epilogue's consumer-most producer first.
// CHECK-LABEL: func.func @epilogue
// CHECK:         scf.forall
// CHECK:           linalg.fill {tg.fusion_producer = array<i64: 0, 1>}
// CHECK:           linalg.matmul {tg.fusion_producer = array<i64: 0, 0>}
// CHECK:           linalg.generic {{.*}}tg.fusion_root = 0
// CHECK:           scf.forall.in_parallel
// CHECK-NOT:     linalg.matmul
func.func @epilogue(%x: tensor<16x8xf32>, %w: tensor<8x4xf32>, %b: tensor<4xf32>) -> tensor<16x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x4xf32>
  %f = linalg.fill {tg.fusion_producer = array<i64: 0, 1>} ins(%zero : f32) outs(%e : tensor<16x4xf32>) -> tensor<16x4xf32>
  %m = linalg.matmul {tg.fusion_producer = array<i64: 0, 0>} ins(%x, %w : tensor<16x8xf32>, tensor<8x4xf32>) outs(%f : tensor<16x4xf32>) -> tensor<16x4xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%b : tensor<4xf32>) outs(%m : tensor<16x4xf32>) attrs = {tg.fusion_root = 0 : i64} {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %in : f32
    linalg.yield %s : f32
  } -> tensor<16x4xf32>
  return %r : tensor<16x4xf32>
}

// -----

// Nothing marked: nothing tiled.
// CHECK-LABEL: func.func @unmarked
// CHECK-NOT:     scf.forall
func.func @unmarked(%x: tensor<16x8xf32>, %w: tensor<8x4xf32>) -> tensor<16x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<16x4xf32>) -> tensor<16x4xf32>
  %m = linalg.matmul ins(%x, %w : tensor<16x8xf32>, tensor<8x4xf32>) outs(%f : tensor<16x4xf32>) -> tensor<16x4xf32>
  return %m : tensor<16x4xf32>
}
