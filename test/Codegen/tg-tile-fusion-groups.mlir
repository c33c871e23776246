// RUN: tg-opt %s --tg-tile-fusion-groups --split-input-file | filecheck %s
// RUN: tg-opt %s --tg-tile-fusion-groups=threads=2 --split-input-file | filecheck %s --check-prefix=THREADS

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
// CHECK-NOT:     scf.forall (
func.func @unmarked(%x: tensor<16x8xf32>, %w: tensor<8x4xf32>) -> tensor<16x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<16x4xf32>) -> tensor<16x4xf32>
  %m = linalg.matmul ins(%x, %w : tensor<16x8xf32>, tensor<8x4xf32>) outs(%f : tensor<16x4xf32>) -> tensor<16x4xf32>
  return %m : tensor<16x4xf32>
}

// -----

// Threads share a group's blocks of rows when there are many rows ...
// CHECK-LABEL: func.func @rows_shared
// THREADS-LABEL: func.func @rows_shared
// THREADS:         scf.forall (%{{.*}}) in ({{[2-9]|[1-9][0-9]+}})
// THREADS:           linalg.matmul {{.*}} -> tensor<{{[0-9]+}}x512xf32>
// THREADS-NOT:     tg.serial
func.func @rows_shared(%x: tensor<1024x256xf32>, %w: tensor<256x512xf32>, %b: tensor<512xf32>) -> tensor<1024x512xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1024x512xf32>
  %f = linalg.fill {tg.fusion_producer = array<i64: 0, 1>} ins(%zero : f32) outs(%e : tensor<1024x512xf32>) -> tensor<1024x512xf32>
  %m = linalg.matmul {tg.fusion_producer = array<i64: 0, 0>} ins(%x, %w : tensor<1024x256xf32>, tensor<256x512xf32>) outs(%f : tensor<1024x512xf32>) -> tensor<1024x512xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%b : tensor<512xf32>) outs(%m : tensor<1024x512xf32>) attrs = {tg.fusion_root = 0 : i64} {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %in : f32
    linalg.yield %s : f32
  } -> tensor<1024x512xf32>
  return %r : tensor<1024x512xf32>
}

// -----

// ... but not when the weights outweigh the rows (49 x 512 times 512 x 2048): the group is one serial
// block of every row, and the kernel inside shares out its columns (tg-cpu-schedule); so does the
// epilogue after it, in a parallel loop of its own (on one thread: no such loop).
// CHECK-LABEL: func.func @columns_shared
// CHECK-COUNT-1: scf.forall (
// CHECK-NOT:     scf.forall (
// THREADS-LABEL: func.func @columns_shared
// THREADS:         scf.forall (%{{.*}}) in (1)
// THREADS:           %[[M:.*]] = linalg.matmul {{.*}} -> tensor<49x2048xf32>
// THREADS:           scf.forall (%[[J:.*]]) in (2) shared_outs(%[[OUT:.*]] = %[[M]])
// THREADS:             %[[COLUMNS:.*]] = affine.apply #{{.*}}(%[[J]])
// THREADS:             %[[BLOCK:.*]] = tensor.extract_slice %[[OUT]][0, %[[COLUMNS]]] [49, 1024] [1, 1]
// THREADS:             linalg.generic {{.*}} outs(%[[BLOCK]] : tensor<49x1024xf32>)
// THREADS:         } {tg.serial}
func.func @columns_shared(%x: tensor<49x512xf32>, %w: tensor<512x2048xf32>, %b: tensor<2048xf32>) -> tensor<49x2048xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<49x2048xf32>
  %f = linalg.fill {tg.fusion_producer = array<i64: 0, 1>} ins(%zero : f32) outs(%e : tensor<49x2048xf32>) -> tensor<49x2048xf32>
  %m = linalg.matmul {tg.fusion_producer = array<i64: 0, 0>} ins(%x, %w : tensor<49x512xf32>, tensor<512x2048xf32>) outs(%f : tensor<49x2048xf32>) -> tensor<49x2048xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%b : tensor<2048xf32>) outs(%m : tensor<49x2048xf32>) attrs = {tg.fusion_root = 0 : i64} {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %in : f32
    linalg.yield %s : f32
  } -> tensor<49x2048xf32>
  return %r : tensor<49x2048xf32>
}

// -----

// The same for a convolution whose filter outweighs its image (3x3 x 512 x 512, a 7 x 7 output):
// one serial block of every row; the kernel inside shares out its filters (tg-cpu-schedule).
// CHECK-LABEL: func.func @filters_shared
// THREADS-LABEL: func.func @filters_shared
// THREADS:         scf.forall (%{{.*}}, %{{.*}}) in (1, 1)
// THREADS:           linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x7x7x512xf32>
// THREADS:           scf.forall (%{{.*}}) in (2)
// THREADS:             linalg.generic {{.*}} outs(%{{.*}} : tensor<1x7x7x256xf32>)
// THREADS:         } {tg.serial}
func.func @filters_shared(%x: tensor<1x9x9x512xf32>, %w: tensor<3x3x512x512xf32>, %b: tensor<512xf32>) -> tensor<1x7x7x512xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x7x7x512xf32>
  %f = linalg.fill {tg.fusion_producer = array<i64: 0, 1>} ins(%zero : f32) outs(%e : tensor<1x7x7x512xf32>) -> tensor<1x7x7x512xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>, tg.fusion_producer = array<i64: 0, 0>}
       ins(%x, %w : tensor<1x9x9x512xf32>, tensor<3x3x512x512xf32>) outs(%f : tensor<1x7x7x512xf32>) -> tensor<1x7x7x512xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(n, h, w, c) -> (c)>, affine_map<(n, h, w, c) -> (n, h, w, c)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%b : tensor<512xf32>) outs(%c : tensor<1x7x7x512xf32>) attrs = {tg.fusion_root = 0 : i64} {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %in : f32
    linalg.yield %s : f32
  } -> tensor<1x7x7x512xf32>
  return %r : tensor<1x7x7x512xf32>
}
