// --tg-cpu-schedule: each op with a codegen strategy (tg.strategy, or a named linalg op the strategies
// take: NHWC convolutions, depthwise convolutions and pools, rank-4 transposes) is tiled and vectorized
// by its schedule in passes/, with sizes from the machine model. These checks pin what makes each
// kernel fast: an accumulator tile that is a loop-carried vector across the reduction loops (no
// write-back inside them) updated by vector multiply-adds; and they pin the ops a strategy refuses.
// The register tiles are the machine model's for this host (AVX-512: 16 floats a register, 32
// registers); the convolution and window patterns accept any tile size.
// RUN: tg-opt %s --tg-cpu-schedule --canonicalize --cse --canonicalize --split-input-file | filecheck %s
// RUN: tg-opt %s --tg-cpu-schedule=threads=2 --canonicalize --cse --canonicalize --split-input-file | filecheck %s --check-prefix=THREADS

#a = affine_map<(m, n1, k, n0) -> (m, k)>
#b = affine_map<(m, n1, k, n0) -> (n1, k, n0)>
#c = affine_map<(m, n1, k, n0) -> (m, n1, n0)>

// The packed matmul (--tg-pack-weights' generic): per 32-wide panel and 8 rows of A, an 8 x 32 tile of
// C read once into registers, carried through the k loop, one outer product a k (a broadcast column of
// A times a contiguous 32-wide row of the panel, a contractable multiply-add), written once.
// CHECK-LABEL: func.func @packed_matmul
// CHECK:         scf.for %{{.*}} = %c0 to %c2 step %c1
// CHECK:           scf.for %{{.*}} = %c0 to %c64 step %c8
// CHECK:             vector.transfer_read %{{.*}} : tensor<8x32xf32>, vector<8x32xf32>
// CHECK:             scf.for %{{.*}} = %c0 to %c96 step %c1 iter_args(%[[ACC:.*]] = %{{.*}}) -> (vector<8x32xf32>)
// CHECK-NOT:           vector.transfer_write
// CHECK:               vector.transfer_read %{{.*}} : tensor<8xf32>, vector<8xf32>
// CHECK:               vector.transfer_read %{{.*}} : tensor<32xf32>, vector<32xf32>
// CHECK:               %[[P:.*]] = arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : vector<8x32xf32>
// CHECK:               %[[S:.*]] = arith.addf %[[ACC]], %[[P]] fastmath<contract> : vector<8x32xf32>
// CHECK:               scf.yield %[[S]] : vector<8x32xf32>
// CHECK:             vector.transfer_write %{{.*}} : vector<8x32xf32>, tensor<8x32xf32>
// CHECK-NOT:     linalg.generic
// Too little work (393K multiply-adds) to repay waking a second thread: one thread even with two.
// THREADS-LABEL: func.func @packed_matmul
// THREADS-NOT:     scf.forall
// THREADS:         scf.for {{.*}} iter_args(%{{.*}}) -> (vector<8x32xf32>)
func.func @packed_matmul(%x: tensor<64x96xf32>, %wp: tensor<2x96x32xf32>, %c: tensor<64x2x32xf32>) -> tensor<64x2x32xf32> {
  %0 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
       ins(%x, %wp : tensor<64x96xf32>, tensor<2x96x32xf32>) outs(%c : tensor<64x2x32xf32>) attrs = {tg.strategy = "packed_matmul"} {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b fastmath<contract> : f32
    %s = arith.addf %acc, %p fastmath<contract> : f32
    linalg.yield %s : f32
  } -> tensor<64x2x32xf32>
  return %0 : tensor<64x2x32xf32>
}

// -----

#a = affine_map<(m, n1, k, n0) -> (m, k)>
#b = affine_map<(m, n1, k, n0) -> (n1, k, n0)>
#c = affine_map<(m, n1, k, n0) -> (m, n1, n0)>

// Enough work (1024 x 64 x 512 multiply-adds): the Mb-row blocks (at least one per thread) are an
// scf.forall that the threads share.
// CHECK-LABEL: func.func @packed_matmul_threads
// THREADS-LABEL: func.func @packed_matmul_threads
// THREADS:         scf.forall (%{{.*}}) in ({{[2-9]|[1-9][0-9]+}})
// THREADS:           scf.for {{.*}} iter_args(%{{.*}}) -> (vector<8x32xf32>)
func.func @packed_matmul_threads(%x: tensor<1024x512xf32>, %wp: tensor<2x512x32xf32>, %c: tensor<1024x2x32xf32>) -> tensor<1024x2x32xf32> {
  %0 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
       ins(%x, %wp : tensor<1024x512xf32>, tensor<2x512x32xf32>) outs(%c : tensor<1024x2x32xf32>) attrs = {tg.strategy = "packed_matmul"} {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b fastmath<contract> : f32
    %s = arith.addf %acc, %p fastmath<contract> : f32
    linalg.yield %s : f32
  } -> tensor<1024x2x32xf32>
  return %0 : tensor<1024x2x32xf32>
}

// -----

#a = affine_map<(m, n1, k, n0) -> (m, k)>
#b = affine_map<(m, n1, k, n0) -> (n1, k, n0)>
#c = affine_map<(m, n1, k, n0) -> (m, n1, n0)>

// A few rows times many weights (49 x 2048 x 512, ResNet-50's last 1x1 convolutions): on two threads
// each takes half of the 64 panels of B and every row, rather than half the rows and all of B. On one
// thread, all the panels are one block.
// CHECK-LABEL: func.func @packed_matmul_columns_threads
// CHECK-NOT:     scf.forall
// CHECK:         scf.for %{{.*}} = %c0 to %c64 step %c1
// THREADS-LABEL: func.func @packed_matmul_columns_threads
// THREADS:         scf.forall (%[[BLOCK:.*]]) in (2)
// THREADS:           %[[PANEL:.*]] = affine.apply #{{.*}}(%[[BLOCK]])
// THREADS:           tensor.extract_slice %{{.*}}[%[[PANEL]], 0, 0] [32, 512, 32] [1, 1, 1]
// THREADS:           tensor.extract_slice %{{.*}}[0, %[[PANEL]], 0] [49, 32, 32] [1, 1, 1]
// THREADS:           scf.for %{{.*}} = %c0 to %c32 step %c1
// THREADS:             scf.for {{.*}} iter_args(%{{.*}}) -> (vector<7x32xf32>)
func.func @packed_matmul_columns_threads(%x: tensor<49x512xf32>, %wp: tensor<64x512x32xf32>, %c: tensor<49x64x32xf32>) -> tensor<49x64x32xf32> {
  %0 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
       ins(%x, %wp : tensor<49x512xf32>, tensor<64x512x32xf32>) outs(%c : tensor<49x64x32xf32>) attrs = {tg.strategy = "packed_matmul"} {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b fastmath<contract> : f32
    %s = arith.addf %acc, %p fastmath<contract> : f32
    linalg.yield %s : f32
  } -> tensor<49x64x32xf32>
  return %0 : tensor<49x64x32xf32>
}

// -----

#a = affine_map<(m, n1, k, n0) -> (m, k)>
#b = affine_map<(m, n1, k, n0) -> (n1, k, n0)>
#c = affine_map<(m, n1, k, n0) -> (m, n1, n0)>

// 23 rows: 10-row register tiles, the 3 rows left peeled and run one at a time (one 32-wide row of C
// carried across k).
// CHECK-LABEL: func.func @packed_matmul_remainder
// CHECK:         scf.for {{.*}} iter_args(%{{.*}}) -> (vector<10x32xf32>)
// CHECK:           arith.addf %{{.*}}, %{{.*}} fastmath<contract> : vector<10x32xf32>
// CHECK:         scf.for {{.*}} iter_args(%[[ROW:.*]] = %{{.*}}) -> (vector<32xf32>)
// CHECK-NOT:       vector.transfer_write
// CHECK:           vector.broadcast %{{.*}} : f32 to vector<32xf32>
// CHECK:           %[[P:.*]] = arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : vector<32xf32>
// CHECK:           arith.addf %[[ROW]], %[[P]] fastmath<contract> : vector<32xf32>
// CHECK-NOT:     linalg.generic
func.func @packed_matmul_remainder(%x: tensor<23x16xf32>, %wp: tensor<1x16x32xf32>, %c: tensor<23x1x32xf32>) -> tensor<23x1x32xf32> {
  %0 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
       ins(%x, %wp : tensor<23x16xf32>, tensor<1x16x32xf32>) outs(%c : tensor<23x1x32xf32>) attrs = {tg.strategy = "packed_matmul"} {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b fastmath<contract> : f32
    %s = arith.addf %acc, %p fastmath<contract> : f32
    linalg.yield %s : f32
  } -> tensor<23x1x32xf32>
  return %0 : tensor<23x1x32xf32>
}

// -----

// The direct convolution: an OW x F tile of the output row in registers ([1, OW, F], read once),
// carried through the kh, kw and c loops, each step FMAs of a broadcast input value by F filter
// values, written once.
// CHECK-LABEL: func.func @direct_conv
// CHECK-NOT:     linalg.conv_2d_nhwc_hwcf
// CHECK:         vector.transfer_read %{{.*}} : tensor<1x{{[0-9]+}}x{{[0-9]+}}xf32>, vector<1x[[OW:[0-9]+]]x[[F:[0-9]+]]xf32>
// CHECK:         scf.for %{{.*}} = %c0 to %c3 step %c1 iter_args(%{{.*}}) -> (vector<1x[[OW]]x[[F]]xf32>)
// CHECK-NEXT:      scf.for %{{.*}} = %c0 to %c3 step %c1 iter_args(%{{.*}}) -> (vector<1x[[OW]]x[[F]]xf32>)
// CHECK-NEXT:        scf.for %{{.*}} = %c0 to %c8 step %c1 iter_args(%[[ACC:.*]] = %{{.*}}) -> (vector<1x[[OW]]x[[F]]xf32>)
// CHECK-NOT:           vector.transfer_write
// CHECK:               vector.extract %[[ACC]][0, 0] : vector<[[F]]xf32> from vector<1x[[OW]]x[[F]]xf32>
// CHECK:               vector.fma %{{.*}}, %{{.*}}, %{{.*}} : vector<[[F]]xf32>
// CHECK-NOT:           vector.transfer_write
// CHECK:               scf.yield %{{.*}} : vector<1x[[OW]]x[[F]]xf32>
// CHECK:         vector.transfer_write %{{.*}} : vector<1x[[OW]]x[[F]]xf32>, tensor<1x[[OW]]x[[F]]xf32>
// Too small (295K multiply-adds) for a second thread.
// THREADS-LABEL: func.func @direct_conv
// THREADS-NOT:     scf.forall
// THREADS:         vector.fma
func.func @direct_conv(%x: tensor<1x10x10x8xf32>, %w: tensor<3x3x8x64xf32>, %c: tensor<1x8x8x64xf32>) -> tensor<1x8x8x64xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x10x10x8xf32>, tensor<3x3x8x64xf32>) outs(%c : tensor<1x8x8x64xf32>) -> tensor<1x8x8x64xf32>
  return %0 : tensor<1x8x8x64xf32>
}

// -----

// A ResNet layer (115M multiply-adds): on two threads the output rows are shared out in two blocks.
// CHECK-LABEL: func.func @direct_conv_threads
// CHECK:         vector.fma
// THREADS-LABEL: func.func @direct_conv_threads
// THREADS:         scf.forall (%{{.*}}) in (2)
// THREADS:           vector.fma
func.func @direct_conv_threads(%x: tensor<1x58x58x64xf32>, %w: tensor<3x3x64x64xf32>, %c: tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x58x58x64xf32>, tensor<3x3x64x64xf32>) outs(%c : tensor<1x56x56x64xf32>) -> tensor<1x56x56x64xf32>
  return %0 : tensor<1x56x56x64xf32>
}

// -----

// A deep layer, 7 x 7 x 512 -> 512 (the 9.4 MB filter outweighs the image): on two threads each takes
// half of the filters, with every row, instead of half of the rows and all of the filter.
// CHECK-LABEL: func.func @direct_conv_filters_shared
// CHECK-NOT:     scf.forall
// CHECK:         vector.fma
// THREADS-LABEL: func.func @direct_conv_filters_shared
// THREADS:         scf.forall (%[[B:.*]]) in (2)
// THREADS:           %[[F0:.*]] = affine.apply #{{.*}}(%[[B]])
// THREADS:           tensor.extract_slice %{{.*}}[0, 0, 0, %[[F0]]] [3, 3, 512, 256]
// THREADS:           tensor.extract_slice %{{.*}}[0, 0, 0, %[[F0]]] [1, 7, 7, 256]
// THREADS:           vector.fma
func.func @direct_conv_filters_shared(%x: tensor<1x9x9x512xf32>, %w: tensor<3x3x512x512xf32>, %c: tensor<1x7x7x512xf32>) -> tensor<1x7x7x512xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x9x9x512xf32>, tensor<3x3x512x512xf32>) outs(%c : tensor<1x7x7x512xf32>) -> tensor<1x7x7x512xf32>
  return %0 : tensor<1x7x7x512xf32>
}

// -----

// Strided, with an odd output width (4 x 6 from 9 x 13) and 40 filters: the tile still divides its
// dims and vectorizes.
// CHECK-LABEL: func.func @direct_conv_strided
// CHECK-NOT:     linalg.conv_2d_nhwc_hwcf
// CHECK:         scf.for {{.*}} iter_args(%{{.*}}) -> (vector<1x[[OW:[0-9]+]]x[[F:[0-9]+]]xf32>)
// CHECK:           scf.for {{.*}} iter_args(%{{.*}}) -> (vector<1x[[OW]]x[[F]]xf32>)
// CHECK:             scf.for {{.*}} iter_args(%{{.*}}) -> (vector<1x[[OW]]x[[F]]xf32>)
// CHECK-NOT:           vector.transfer_write
// CHECK:               vector.fma %{{.*}}, %{{.*}}, %{{.*}} : vector<[[F]]xf32>
// CHECK:         vector.transfer_write %{{.*}} : vector<1x[[OW]]x[[F]]xf32>
func.func @direct_conv_strided(%x: tensor<1x9x13x5xf32>, %w: tensor<3x3x5x40xf32>, %c: tensor<1x4x6x40xf32>) -> tensor<1x4x6x40xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
       ins(%x, %w : tensor<1x9x13x5xf32>, tensor<3x3x5x40xf32>) outs(%c : tensor<1x4x6x40xf32>) -> tensor<1x4x6x40xf32>
  return %0 : tensor<1x4x6x40xf32>
}

// -----

// Depthwise (window_nhwc): an OW x C tile across kh, each kh a 1-D window along kw, vectorized over
// the channels: FMAs of input vectors by filter vectors (no broadcasts of scalars).
// CHECK-LABEL: func.func @depthwise
// CHECK-NOT:     linalg.depthwise_conv_2d_nhwc_hwc
// CHECK:         vector.transfer_read %{{.*}} : tensor<1x{{[0-9]+}}x{{[0-9]+}}xf32>, vector<1x[[OW:[0-9]+]]x[[C:[0-9]+]]xf32>
// CHECK:         scf.for %{{.*}} = %c0 to %c3 step %c1 iter_args(%[[ACC:.*]] = %{{.*}}) -> (vector<1x[[OW]]x[[C]]xf32>)
// CHECK-NOT:       vector.transfer_write
// CHECK:           vector.fma %{{.*}}, %{{.*}}, %{{.*}} : vector<1x1x[[C]]xf32>
// CHECK-NOT:       vector.transfer_write
// CHECK:           vector.insert_strided_slice %{{.*}}, %[[ACC]] {{.*}} : vector<1x1x[[C]]xf32> into vector<1x[[OW]]x[[C]]xf32>
// CHECK:           scf.yield %{{.*}} : vector<1x[[OW]]x[[C]]xf32>
// CHECK:         vector.transfer_write %{{.*}} : vector<1x[[OW]]x[[C]]xf32>
func.func @depthwise(%x: tensor<1x9x13x24xf32>, %w: tensor<3x3x24xf32>, %c: tensor<1x4x6x24xf32>) -> tensor<1x4x6x24xf32> {
  %0 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
       ins(%x, %w : tensor<1x9x13x24xf32>, tensor<3x3x24xf32>) outs(%c : tensor<1x4x6x24xf32>) -> tensor<1x4x6x24xf32>
  return %0 : tensor<1x4x6x24xf32>
}

// -----

// Max pool 3x3 stride 2 and a sum pool (an average pool's sum): the same tile, vector max / add.
// CHECK-LABEL: func.func @pools
// CHECK-NOT:     linalg.pooling_nhwc_max
// CHECK:         scf.for %{{.*}} = %c0 to %c3 step %c1 iter_args(%{{.*}}) -> (vector<1x[[OW:[0-9]+]]x[[C:[0-9]+]]xf32>)
// CHECK-NOT:       vector.transfer_write
// CHECK:           arith.maximumf %{{.*}}, %{{.*}} : vector<1x1x[[C]]xf32>
// CHECK:           scf.yield %{{.*}} : vector<1x[[OW]]x[[C]]xf32>
// CHECK:         vector.transfer_write %{{.*}} : vector<1x[[OW]]x[[C]]xf32>
// CHECK-NOT:     linalg.pooling_nhwc_sum
// CHECK:         scf.for %{{.*}} = %c0 to %c3 step %c1 iter_args(%{{.*}}) -> (vector<1x[[OW2:[0-9]+]]x[[C2:[0-9]+]]xf32>)
// CHECK-NOT:       vector.transfer_write
// CHECK:           arith.addf %{{.*}}, %{{.*}} : vector<1x[[OW2]]x[[C2]]xf32>
// CHECK:           scf.yield %{{.*}} : vector<1x[[OW2]]x[[C2]]xf32>
// CHECK:         vector.transfer_write %{{.*}} : vector<1x[[OW2]]x[[C2]]xf32>
func.func @pools(%x: tensor<1x9x9x16xf32>, %c: tensor<1x4x4x16xf32>, %y: tensor<1x7x7x20xf32>, %d: tensor<1x5x5x20xf32>) -> (tensor<1x4x4x16xf32>, tensor<1x5x5x20xf32>) {
  %k = tensor.empty() : tensor<3x3xf32>
  %0 = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
       ins(%x, %k : tensor<1x9x9x16xf32>, tensor<3x3xf32>) outs(%c : tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  %1 = linalg.pooling_nhwc_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%y, %k : tensor<1x7x7x20xf32>, tensor<3x3xf32>) outs(%d : tensor<1x5x5x20xf32>) -> tensor<1x5x5x20xf32>
  return %0, %1 : tensor<1x4x4x16xf32>, tensor<1x5x5x20xf32>
}

// -----

// A rank-4 transpose: blocks of up to a vector along both contiguous dims, moved by vector.transpose
// (shuffles), read and written whole.
// CHECK-LABEL: func.func @transpose
// CHECK-NOT:     linalg.transpose
// CHECK:         scf.for
// CHECK:           vector.transfer_read %{{.*}} : tensor<1x1x[[A:[0-9]+]]x[[B:[0-9]+]]xf32>, vector<1x1x[[A]]x[[B]]xf32>
// CHECK:           vector.transpose %{{.*}}, [0, 3, 1, 2] : vector<1x1x[[A]]x[[B]]xf32> to vector<1x[[B]]x1x[[A]]xf32>
// CHECK:           vector.transfer_write %{{.*}} : vector<1x[[B]]x1x[[A]]xf32>, tensor<1x[[B]]x1x[[A]]xf32>
// 64 KB to move: one thread even when there are two.
// THREADS-LABEL: func.func @transpose
// THREADS-NOT:     scf.forall
// THREADS:         vector.transpose
func.func @transpose(%x: tensor<2x8x16x32xf32>, %c: tensor<2x32x8x16xf32>) -> tensor<2x32x8x16xf32> {
  %0 = linalg.transpose ins(%x : tensor<2x8x16x32xf32>) outs(%c : tensor<2x32x8x16xf32>) permutation = [0, 3, 1, 2]
  return %0 : tensor<2x32x8x16xf32>
}

// -----

// An NHWC image back to NCHW, 1 MB to move: two threads share its channels, in two blocks of 16 (a
// multiple of the step's 16 channels); one thread moves them all in one loop nest.
// CHECK-LABEL: func.func @transpose_shared
// CHECK-NOT:     scf.forall
// CHECK:         vector.transpose
// THREADS-LABEL: func.func @transpose_shared
// THREADS:         scf.forall (%[[B:.*]]) in (2)
// THREADS:           %[[C:.*]] = affine.apply #{{.*}}(%[[B]])
// THREADS:           tensor.extract_slice %{{.*}}[0, 0, 0, %[[C]]] [1, 64, 64, 16]
// THREADS:           scf.for
// THREADS:             vector.transpose %{{.*}}, [0, 3, 1, 2] : vector<1x1x{{[0-9]+}}x16xf32> to vector<1x16x1x{{[0-9]+}}xf32>
// THREADS:         scf.forall.in_parallel
func.func @transpose_shared(%x: tensor<1x64x64x32xf32>, %c: tensor<1x32x64x64xf32>) -> tensor<1x32x64x64xf32> {
  %0 = linalg.transpose ins(%x : tensor<1x64x64x32xf32>) outs(%c : tensor<1x32x64x64xf32>) permutation = [0, 3, 1, 2]
  return %0 : tensor<1x32x64x64xf32>
}

// -----

// A softmax's ops outside any kernel's loop (each moves 512 KB or more): on two threads each gets a
// loop of two blocks of its first dim of at least two elements that is parallel (the heads: dim 0 is
// 1); the fill of the reduction's initial value stays whole. On one thread: no loop.
// CHECK-LABEL: func.func @parallel_blocks
// CHECK-NOT:     scf.forall
// CHECK:         return
// THREADS-LABEL: func.func @parallel_blocks
// THREADS:         %[[INIT:.*]] = linalg.fill
// THREADS:         scf.forall (%[[B:.*]]) in (2) shared_outs(%[[OUT:.*]] = %[[INIT]])
// THREADS:           %[[HEADS:.*]] = affine.apply #{{.*}}(%[[B]])
// THREADS:           tensor.extract_slice %{{.*}}[0, %[[HEADS]], 0, 0] [1, 4, 128, 128]
// THREADS:           linalg.reduce ins(%{{.*}} : tensor<1x4x128x128xf32>) outs(%{{.*}} : tensor<1x4x128xf32>) dimensions = [3]
// THREADS:         scf.forall (%{{.*}}) in (2)
// THREADS:           linalg.generic {{.*}} outs(%{{.*}} : tensor<1x4x128x128xf32>)
// THREADS:         scf.forall (%{{.*}}) in (2)
// THREADS:           linalg.exp {{.*}}ins(%{{.*}} : tensor<1x4x128x128xf32>)
// THREADS:         return
func.func @parallel_blocks(%x: tensor<1x8x128x128xf32>) -> tensor<1x8x128x128xf32> {
  %lowest = arith.constant 0xFF800000 : f32
  %empty = tensor.empty() : tensor<1x8x128xf32>
  %init = linalg.fill ins(%lowest : f32) outs(%empty : tensor<1x8x128xf32>) -> tensor<1x8x128xf32>
  %max = linalg.reduce ins(%x : tensor<1x8x128x128xf32>) outs(%init : tensor<1x8x128xf32>) dimensions = [3]
    (%in: f32, %acc: f32) {
      %m = arith.maximumf %in, %acc : f32
      linalg.yield %m : f32
    }
  %full = tensor.empty() : tensor<1x8x128x128xf32>
  %shifted = linalg.generic {indexing_maps = [affine_map<(n, h, i, j) -> (n, h, i, j)>, affine_map<(n, h, i, j) -> (n, h, i)>, affine_map<(n, h, i, j) -> (n, h, i, j)>],
                             iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x, %max : tensor<1x8x128x128xf32>, tensor<1x8x128xf32>) outs(%full : tensor<1x8x128x128xf32>) {
  ^bb0(%in: f32, %m: f32, %out: f32):
    %d = arith.subf %in, %m : f32
    linalg.yield %d : f32
  } -> tensor<1x8x128x128xf32>
  %exp = linalg.exp ins(%shifted : tensor<1x8x128x128xf32>) outs(%full : tensor<1x8x128x128xf32>) -> tensor<1x8x128x128xf32>
  return %exp : tensor<1x8x128x128xf32>
}

// -----

// Too few bytes (a 64 KB elementwise op), and an op whose outer dims are a reduction and a single
// element: no loop of blocks on two threads either.
// CHECK-LABEL: func.func @parallel_blocks_refused
// THREADS-LABEL: func.func @parallel_blocks_refused
// THREADS-NOT:     scf.forall
// THREADS:         return
func.func @parallel_blocks_refused(%x: tensor<128x128xf32>, %y: tensor<512x1x1024xf32>) -> (tensor<128x128xf32>, tensor<1x1024xf32>) {
  %full = tensor.empty() : tensor<128x128xf32>
  %exp = linalg.exp ins(%x : tensor<128x128xf32>) outs(%full : tensor<128x128xf32>) -> tensor<128x128xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x1024xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x1024xf32>) -> tensor<1x1024xf32>
  %sum = linalg.reduce ins(%y : tensor<512x1x1024xf32>) outs(%init : tensor<1x1024xf32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %a = arith.addf %in, %acc : f32
      linalg.yield %a : f32
    }
  return %exp, %sum : tensor<128x128xf32>, tensor<1x1024xf32>
}

// -----

// Refused, left as they are: a convolution whose output width is dynamic, an integer convolution, a
// depthwise convolution with 6 channels (no tile of at least 4 lanes divides them), a transpose with
// a dynamic dim, a transpose of rank 3.
// CHECK-LABEL: func.func @refused
// CHECK-NOT:     vector.
// CHECK-NOT:     tg.schedule
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}} outs(%{{.*}} : tensor<1x7x?x16xf32>)
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}} outs(%{{.*}} : tensor<1x7x7x16xi32>)
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwc {{.*}} outs(%{{.*}} : tensor<1x7x7x6xf32>)
// CHECK:         linalg.transpose ins(%{{.*}} : tensor<4x?x8x16xf32>)
// CHECK:         linalg.transpose ins(%{{.*}} : tensor<4x8x16xf32>)
// CHECK-NOT:     vector.
// CHECK-NOT:     tg.schedule
// CHECK:         return
func.func @refused(%x: tensor<1x9x?x8xf32>, %w: tensor<3x3x8x16xf32>, %c: tensor<1x7x?x16xf32>,
                   %xi: tensor<1x9x9x8xi32>, %wi: tensor<3x3x8x16xi32>, %ci: tensor<1x7x7x16xi32>,
                   %xd: tensor<1x9x9x6xf32>, %wd: tensor<3x3x6xf32>, %cd: tensor<1x7x7x6xf32>,
                   %t: tensor<4x?x8x16xf32>, %ct: tensor<4x16x?x8xf32>,
                   %t3: tensor<4x8x16xf32>, %ct3: tensor<16x4x8xf32>)
    -> (tensor<1x7x?x16xf32>, tensor<1x7x7x16xi32>, tensor<1x7x7x6xf32>, tensor<4x16x?x8xf32>, tensor<16x4x8xf32>) {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x9x?x8xf32>, tensor<3x3x8x16xf32>) outs(%c : tensor<1x7x?x16xf32>) -> tensor<1x7x?x16xf32>
  %1 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%xi, %wi : tensor<1x9x9x8xi32>, tensor<3x3x8x16xi32>) outs(%ci : tensor<1x7x7x16xi32>) -> tensor<1x7x7x16xi32>
  %2 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%xd, %wd : tensor<1x9x9x6xf32>, tensor<3x3x6xf32>) outs(%cd : tensor<1x7x7x6xf32>) -> tensor<1x7x7x6xf32>
  %3 = linalg.transpose ins(%t : tensor<4x?x8x16xf32>) outs(%ct : tensor<4x16x?x8xf32>) permutation = [0, 3, 1, 2]
  %4 = linalg.transpose ins(%t3 : tensor<4x8x16xf32>) outs(%ct3 : tensor<16x4x8xf32>) permutation = [2, 0, 1]
  return %0, %1, %2, %3, %4 : tensor<1x7x?x16xf32>, tensor<1x7x7x16xi32>, tensor<1x7x7x6xf32>, tensor<4x16x?x8xf32>, tensor<16x4x8xf32>
}
