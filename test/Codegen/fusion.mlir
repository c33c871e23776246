// Fusion groups become one loop nest each, and their intermediates never reach memory.
// RUN: tg-opt %s --tg-fuse --tg-to-linalg --split-input-file | filecheck %s --check-prefix=LINALG
// RUN: tg-opt %s --tg-to-linalg --split-input-file | filecheck %s --check-prefix=NOFUSE
// RUN: tg-opt %s --split-input-file --pass-pipeline='builtin.module(tg-fuse, tg-to-linalg, tg-small-floats-to-apfloat, canonicalize, cse, tg-tile-fusion-groups, canonicalize, cse, tg-bufferize)' | filecheck %s --check-prefix=BUFFERS

// An elementwise chain is one generic computing every op in its body; the only buffer is the output.
// LINALG-LABEL: func.func @chain
// LINALG:         linalg.generic
// LINALG:           arith.mulf
// LINALG:           arith.addf
// LINALG:           math.tanh
// LINALG-NOT:     linalg.generic
// Without tg-fuse: an op, a loop nest and a tensor each.
// NOFUSE-LABEL: func.func @chain
// NOFUSE:         linalg.generic
// NOFUSE:         linalg.generic
// NOFUSE:         linalg.tanh
// BUFFERS-LABEL: func.func @chain
// BUFFERS-NOT:     memref.alloc
// BUFFERS:         linalg.generic
// BUFFERS-NOT:     linalg.generic
func.func @chain(%x: tensor<?x8xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<?x8xf32> {
  %0 = "tg.mul"(%x, %s) : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xf32>
  %1 = "tg.add"(%0, %b) : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xf32>
  %2 = "tg.tanh"(%1) : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %2 : tensor<?x8xf32>
}

// -----

// A matmul with its epilogue: the epilogue updates the matmul's output in place, both inside one
// scf.forall over row tiles; the result is written straight into the output argument.
// NOFUSE-LABEL: func.func @epilogue
// LINALG-LABEL: func.func @epilogue
// LINALG:         %[[MM:.*]] = linalg.matmul {tg.fusion_producer = array<i64: 0, 0>}
// LINALG:         linalg.generic {{.*}} outs(%[[MM]] : tensor<?x32xf32>) attrs = {tg.fusion_root = 0 : i64}
// LINALG:           arith.addf %out
// LINALG:           arith.maximumf
// BUFFERS-LABEL: func.func @epilogue
// BUFFERS-NOT:     memref.alloc
// BUFFERS:         scf.forall
// BUFFERS:           linalg.fill
// BUFFERS:           linalg.matmul
// BUFFERS:           linalg.generic
// BUFFERS-NOT:     memref.alloc
// BUFFERS:         return
func.func @epilogue(%x: tensor<?x64xf32>, %w: tensor<64x32xf32>, %b: tensor<32xf32>) -> tensor<?x32xf32> {
  %0 = "tg.matmul"(%x, %w) : (tensor<?x64xf32>, tensor<64x32xf32>) -> tensor<?x32xf32>
  %1 = "tg.add"(%0, %b) : (tensor<?x32xf32>, tensor<32xf32>) -> tensor<?x32xf32>
  %2 = "tg.relu"(%1) : (tensor<?x32xf32>) -> tensor<?x32xf32>
  return %2 : tensor<?x32xf32>
}

// -----

// Squares summed where they are computed: one generic with a reduction iterator, no tensor of squares.
// NOFUSE-LABEL: func.func @sum_of_squares
// LINALG-LABEL: func.func @sum_of_squares
// LINALG:         linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// LINALG:           arith.mulf %in, %in
// LINALG:           arith.addf
// LINALG-NOT:     linalg.reduce
// BUFFERS-LABEL: func.func @sum_of_squares
// BUFFERS-NOT:     memref.alloc
// BUFFERS:         return
func.func @sum_of_squares(%x: tensor<?x32xf32>) -> tensor<?xf32> {
  %0 = "tg.mul"(%x, %x) : (tensor<?x32xf32>, tensor<?x32xf32>) -> tensor<?x32xf32>
  %1 = "tg.reduce_sum"(%0) {axes = array<i64: 1>} : (tensor<?x32xf32>) -> tensor<?xf32>
  return %1 : tensor<?xf32>
}

// -----

// A depthwise convolution with its epilogue: the filter loses its unit dim by a collapse made outside
// the loop, which does not keep the group from being tiled (here, one block of all 8 rows): the
// convolution and its bias and clip write one buffer, the output.
// NOFUSE-LABEL: func.func @depthwise_epilogue
// LINALG-LABEL: func.func @depthwise_epilogue
// LINALG:         tensor.collapse_shape
// LINALG:         %[[DW:.*]] = linalg.depthwise_conv_2d_nhwc_hwc {{.*}}tg.fusion_producer = array<i64: 0, 0>
// LINALG:         linalg.generic {{.*}} outs(%[[DW]] : tensor<1x8x8x16xf32>) attrs = {tg.fusion_root = 0 : i64}
// BUFFERS-LABEL: func.func @depthwise_epilogue(
// BUFFERS-SAME:      %[[OUT:[a-z0-9]+]]: memref<1x8x8x16xf32>) attributes
// BUFFERS:         linalg.depthwise_conv_2d_nhwc_hwc {{.*}} outs(%[[OUT]] :
// BUFFERS:         linalg.generic {{.*}} outs(%[[OUT]] :
// BUFFERS:           arith.addf
// BUFFERS:           arith.maximumf
// BUFFERS:           arith.minimumf
// BUFFERS-NOT:     linalg.generic
// BUFFERS:         return
func.func @depthwise_epilogue(%x: tensor<1x8x8x16xf32>, %w: tensor<3x3x1x16xf32>, %b: tensor<1x1x1x16xf32>) -> tensor<1x8x8x16xf32> {
  %lo = arith.constant dense<0.0> : tensor<f32>
  %hi = arith.constant dense<6.0> : tensor<f32>
  %0 = "tg.conv"(%x, %w) {groups = 16 : i64, layout = "nhwc", pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x8x8x16xf32>, tensor<3x3x1x16xf32>) -> tensor<1x8x8x16xf32>
  %1 = "tg.add"(%0, %b) : (tensor<1x8x8x16xf32>, tensor<1x1x1x16xf32>) -> tensor<1x8x8x16xf32>
  %2 = "tg.max"(%1, %lo) : (tensor<1x8x8x16xf32>, tensor<f32>) -> tensor<1x8x8x16xf32>
  %3 = "tg.min"(%2, %hi) : (tensor<1x8x8x16xf32>, tensor<f32>) -> tensor<1x8x8x16xf32>
  return %3 : tensor<1x8x8x16xf32>
}

// -----

// A residual epilogue: tg-fuse joins the other branch's elementwise op (here a relu), which comes
// before the matmul in program order; the group is still one loop nest over the matmul's output.
// NOFUSE-LABEL: func.func @residual_before_anchor
// LINALG-LABEL: func.func @residual_before_anchor
// LINALG:         %[[MM:.*]] = linalg.matmul {tg.fusion_producer = array<i64: 0, 0>}
// LINALG:         linalg.generic {{.*}} outs(%[[MM]] : tensor<4x32xf32>) attrs = {tg.fusion_root = 0 : i64}
// LINALG:           arith.maximumf
// LINALG:           arith.addf
// BUFFERS-LABEL: func.func @residual_before_anchor
// BUFFERS:         linalg.matmul
// BUFFERS:         linalg.generic
// BUFFERS:         return
func.func @residual_before_anchor(%x: tensor<4x64xf32>, %w: tensor<64x32xf32>, %y: tensor<4x32xf32>) -> tensor<4x32xf32> {
  %0 = "tg.relu"(%y) {tg.fusion_group = 0 : i64} : (tensor<4x32xf32>) -> tensor<4x32xf32>
  %1 = "tg.matmul"(%x, %w) {tg.fusion_group = 0 : i64} : (tensor<4x64xf32>, tensor<64x32xf32>) -> tensor<4x32xf32>
  %2 = "tg.add"(%1, %0) {tg.fusion_group = 0 : i64} : (tensor<4x32xf32>, tensor<4x32xf32>) -> tensor<4x32xf32>
  return %2 : tensor<4x32xf32>
}
