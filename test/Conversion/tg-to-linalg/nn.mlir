// Convolutions and pooling: the input is padded by tensor.pad (zeros, -inf for a maximum) only when
// there are pads; then the named linalg convolution or pooling op with the strides and dilations
// (depthwise and grouped forms included), or a linalg.generic whose input map reads
// `out * stride + tap * dilation` where no named op fits (grouped 1-D/3-D convolutions, 3-D and unsigned
// pooling). Sums of 16-bit floats accumulate in f32. SAME padding with dynamic sizes is computed from
// tensor.dim at run time. A transposed convolution convolves the input spread out by the strides with
// the flipped kernel. An average divides by a constant count, or by a count computed per output element
// when windows reach into excluded padding. Channels-last (`layout = "nhwc"`) convolutions and pools
// use the NHWC named ops (conv_2d_nhwc_hwcf, depthwise_conv_2d_nhwc_hwc, pooling_nhwc_*).
// RUN: tg-opt %s --tg-to-linalg --split-input-file | filecheck %s

// CHECK-LABEL: func.func @conv_padded
// CHECK-SAME:    (%[[X:.*]]: tensor<1x3x8x8xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>)
// CHECK:         %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 0, 1]
// CHECK:           tensor.yield %{{.*}} : f32
// CHECK:         } : tensor<1x3x8x8xf32> to tensor<1x3x9x10xf32>
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x4x4x8xf32>)
// CHECK:         %[[Y:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
// CHECK-SAME:      ins(%[[P]], %[[W]] : tensor<1x3x9x10xf32>, tensor<4x3x3x3xf32>) outs(%[[ACC]] : tensor<1x4x4x8xf32>)
// CHECK:         return %[[Y]]
func.func @conv_padded(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x4x8xf32> {
  %0 = "tg.conv"(%x, %w) {strides = array<i64: 2, 1>, pads = array<i64: 1, 1, 0, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32>
}

// -----

// No pads, no tensor.pad; f16 accumulates in an f32 tensor, rounded once after.
// CHECK-LABEL: func.func @conv_f16
// CHECK-NOT:     tensor.pad
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x4x3x3xf32>)
// CHECK:         %[[Y:.*]] = linalg.conv_2d_nchw_fchw {{.*}} ins(%arg0, %arg1 : tensor<1x3x5x5xf16>, tensor<4x3x3x3xf16>) outs(%[[ACC]] : tensor<1x4x3x3xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[Y]] : tensor<1x4x3x3xf32>) outs(%{{.*}} : tensor<1x4x3x3xf16>)
// CHECK:           arith.truncf %{{.*}} : f32 to f16
func.func @conv_f16(%x: tensor<1x3x5x5xf16>, %w: tensor<4x3x3x3xf16>) -> tensor<1x4x3x3xf16> {
  %0 = "tg.conv"(%x, %w) : (tensor<1x3x5x5xf16>, tensor<4x3x3x3xf16>) -> tensor<1x4x3x3xf16>
  return %0 : tensor<1x4x3x3xf16>
}

// -----

// CHECK-LABEL: func.func @conv_1d_and_3d
// CHECK:         linalg.conv_1d_ncw_fcw {dilations = dense<2> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
// CHECK:         linalg.conv_3d_ncdhw_fcdhw {dilations = dense<1> : tensor<3xi64>, strides = dense<[1, 2, 1]> : tensor<3xi64>}
func.func @conv_1d_and_3d(%x: tensor<1x2x9xf32>, %w: tensor<3x2x3xf32>, %v: tensor<1x2x4x5x4xf32>, %k: tensor<3x2x2x2x2xf32>) -> (tensor<1x3x5xf32>, tensor<1x3x3x2x3xf32>) {
  %0 = "tg.conv"(%x, %w) {dilations = array<i64: 2>} : (tensor<1x2x9xf32>, tensor<3x2x3xf32>) -> tensor<1x3x5xf32>
  %1 = "tg.conv"(%v, %k) {strides = array<i64: 1, 2, 1>} : (tensor<1x2x4x5x4xf32>, tensor<3x2x2x2x2xf32>) -> tensor<1x3x3x2x3xf32>
  return %0, %1 : tensor<1x3x5xf32>, tensor<1x3x3x2x3xf32>
}

// -----

// One filter per channel: the weight loses its unit dim for the depthwise op.
// CHECK-LABEL: func.func @depthwise
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %arg1 {{\[}}[0, 1], [2], [3]] : tensor<8x1x3x3xf32> into tensor<8x3x3xf32>
// CHECK:         linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%arg0, %[[FLAT]] : tensor<1x8x5x5xf32>, tensor<8x3x3xf32>)
func.func @depthwise(%x: tensor<1x8x5x5xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x3x3xf32> {
  %0 = "tg.conv"(%x, %w) {groups = 8 : i64} : (tensor<1x8x5x5xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x3x3xf32>
  return %0 : tensor<1x8x3x3xf32>
}

// -----

// Groups: channels split by expand_shape (the batch stays dynamic), the grouped named op, and the
// result collapsed back.
// CHECK-LABEL: func.func @grouped
// CHECK-DAG:     %[[IN:.*]] = tensor.expand_shape %arg0 {{\[}}[0], [1, 2], [3], [4]] output_shape [%{{.*}}, 2, 4, 5, 5] : tensor<?x8x5x5xf32> into tensor<?x2x4x5x5xf32>
// CHECK-DAG:     %[[WG:.*]] = tensor.expand_shape %arg1 {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 3, 4, 3, 3] : tensor<6x4x3x3xf32> into tensor<2x3x4x3x3xf32>
// CHECK-DAG:     %[[ACC:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] {{.*}} into tensor<?x2x3x3x3xf32>
// CHECK:         %[[Y:.*]] = linalg.conv_2d_ngchw_gfchw {{.*}} ins(%[[IN]], %[[WG]] : {{.*}}) outs(%[[ACC]] : tensor<?x2x3x3x3xf32>)
// CHECK:         tensor.collapse_shape %[[Y]] {{\[}}[0], [1, 2], [3], [4]] : tensor<?x2x3x3x3xf32> into tensor<?x6x3x3xf32>
func.func @grouped(%x: tensor<?x8x5x5xf32>, %w: tensor<6x4x3x3xf32>) -> tensor<?x6x3x3xf32> {
  %0 = "tg.conv"(%x, %w) {groups = 2 : i64} : (tensor<?x8x5x5xf32>, tensor<6x4x3x3xf32>) -> tensor<?x6x3x3xf32>
  return %0 : tensor<?x6x3x3xf32>
}

// -----

// A grouped 1-D convolution has no named op: loops (n, g, f, o, c, k), the input read at o*2 + k*2.
// CHECK-DAG:   #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4, d3 * 2 + d5 * 2)>
// CHECK-DAG:   #[[WT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d1, d2, d4, d5)>
// CHECK-DAG:   #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @grouped_1d
// CHECK:         linalg.generic {indexing_maps = [#[[IN]], #[[WT]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME:      ins(%{{.*}}, %{{.*}} : tensor<1x2x2x9xf32>, tensor<2x3x2x3xf32>) outs(%{{.*}} : tensor<1x2x3x3xf32>)
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:         tensor.collapse_shape %{{.*}} : tensor<1x2x3x3xf32> into tensor<1x6x3xf32>
func.func @grouped_1d(%x: tensor<1x4x9xf32>, %w: tensor<6x2x3xf32>) -> tensor<1x6x3xf32> {
  %0 = "tg.conv"(%x, %w) {groups = 2 : i64, strides = array<i64: 2>, dilations = array<i64: 2>} : (tensor<1x4x9xf32>, tensor<6x2x3xf32>) -> tensor<1x6x3xf32>
  return %0 : tensor<1x6x3xf32>
}

// -----

// SAME padding on dynamic sizes: total = max((ceil(h / 2) - 1) * 2 + 3 - h, 0), half of it before
// (rounded down, same_upper) and the rest after; the output size comes from the padded input.
// CHECK-LABEL: func.func @same_upper_dynamic
// CHECK:         %[[H:.*]] = tensor.dim %arg0, %c2
// CHECK:         %[[A:.*]] = arith.addi %[[H]], %c1
// CHECK:         %[[OUT:.*]] = arith.floordivsi %[[A]], %c2
// CHECK:         %[[TOTAL:.*]] = arith.maxsi
// CHECK:         %[[BEFORE:.*]] = arith.floordivsi %[[TOTAL]], %c2
// CHECK:         %[[AFTER:.*]] = arith.subi %[[TOTAL]], %[[BEFORE]] : index
// CHECK:         %[[P:.*]] = tensor.pad %arg0 low[0, 0, %[[BEFORE]], %{{.*}}] high[0, 0, %[[AFTER]], %{{.*}}]
// CHECK:         } : tensor<?x3x?x?xf32> to tensor<?x3x?x?xf32>
// CHECK:         linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[P]], %arg1 : tensor<?x3x?x?xf32>, tensor<4x3x3x3xf32>)
func.func @same_upper_dynamic(%x: tensor<?x3x?x?xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x4x?x?xf32> {
  %0 = "tg.conv"(%x, %w) {auto_pad = "same_upper", strides = array<i64: 2, 2>} : (tensor<?x3x?x?xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x?x?xf32>
  return %0 : tensor<?x4x?x?xf32>
}

// -----

// A transposed convolution: the input spread by the strides (an insert_slice with strides 2 into
// zeros), padded by extent - 1 - pads (+ output_padding after), and convolved with the weight flipped
// and its channel dims swapped (a generic that reads weight[g*C/G + c, f, 2 - kh, 2 - kw]).
// CHECK-LABEL: func.func @conv_transpose
// CHECK:         %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x2x5x5xf32>)
// CHECK:         %[[S:.*]] = tensor.insert_slice %arg0 into %[[Z]][0, 0, 0, 0] [1, 2, 3, 3] [1, 1, 2, 2] : tensor<1x2x3x3xf32> into tensor<1x2x5x5xf32>
// CHECK:         %[[P:.*]] = tensor.pad %[[S]] low[0, 0, 1, 1] high[0, 0, 3, 3]
// CHECK:         %[[F:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<4x2x3x3xf32>)
// CHECK:           %[[KH:.*]] = linalg.index 2 : index
// CHECK:           %[[KW:.*]] = linalg.index 3 : index
// CHECK:           %[[FH:.*]] = arith.subi %c2{{.*}}, %[[KH]] : index
// CHECK:           %[[FW:.*]] = arith.subi %c2{{.*}}, %[[KW]] : index
// CHECK:           tensor.extract %arg1[%{{.*}}, %{{.*}}, %[[FH]], %[[FW]]] : tensor<2x4x3x3xf32>
// CHECK:         linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[P]], %[[F]] : tensor<1x2x9x9xf32>, tensor<4x2x3x3xf32>) outs(%{{.*}} : tensor<1x4x7x7xf32>)
func.func @conv_transpose(%x: tensor<1x2x3x3xf32>, %w: tensor<2x4x3x3xf32>) -> tensor<1x4x7x7xf32> {
  %0 = "tg.conv_transpose"(%x, %w) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>, output_padding = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x4x3x3xf32>) -> tensor<1x4x7x7xf32>
  return %0 : tensor<1x4x7x7xf32>
}

// -----

// Pads larger than the kernel extent remove rows (an extract_slice after the pad); a negative pad adds
// zeros; stride 1 spreads nothing.
// CHECK-LABEL: func.func @conv_transpose_crop
// CHECK-NOT:     tensor.insert_slice
// CHECK:         %[[P:.*]] = tensor.pad %arg0 low[0, 0, 0, 2] high[0, 0, 2, 3]
// CHECK:         %[[C:.*]] = tensor.extract_slice %[[P]][0, 0, 1, 0] [1, 1, 4, 8] [1, 1, 1, 1] : tensor<1x1x5x8xf32> to tensor<1x1x4x8xf32>
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}} ins(%[[C]], %{{.*}} : tensor<1x1x4x8xf32>, tensor<2x1x3x3xf32>) outs(%{{.*}} : tensor<1x2x2x6xf32>)
func.func @conv_transpose_crop(%x: tensor<1x1x3x3xf32>, %w: tensor<1x2x3x3xf32>) -> tensor<1x2x2x6xf32> {
  %0 = "tg.conv_transpose"(%x, %w) {pads = array<i64: 3, 0, 0, -1>} : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x2x6xf32>
  return %0 : tensor<1x2x2x6xf32>
}

// -----

// A fixed output_shape over a dynamic input: the crops are the full output less it, computed at run
// time ((h - 1) * 3 + 3 - 10 here, the larger half before), so the pad amounts are values; the result
// is cast to the static type.
// CHECK-LABEL: func.func @conv_transpose_output_shape
// CHECK:         %[[H:.*]] = tensor.dim %arg0, %c2
// CHECK:         %[[SPREAD:.*]] = tensor.insert_slice %arg0 into %{{.*}} [1, 1, 3, 2]
// CHECK:         %[[TOTAL:.*]] = arith.subi %{{.*}}, %c10
// CHECK:         %[[HALF:.*]] = arith.floordivsi %[[TOTAL]], %c2
// CHECK:         %[[BEGIN:.*]] = arith.subi %[[TOTAL]], %[[HALF]] : index
// CHECK:         tensor.pad %[[SPREAD]] low[0, 0, %{{.*}}, %{{.*}}] high[0, 0, %{{.*}}, %{{.*}}]
// CHECK:         tensor.extract_slice
// CHECK:         %[[Y:.*]] = linalg.conv_2d_nchw_fchw {{.*}} outs(%{{.*}} : tensor<1x2x?x?xf32>)
// CHECK:         tensor.cast %[[Y]] : tensor<1x2x?x?xf32> to tensor<1x2x10x8xf32>
func.func @conv_transpose_output_shape(%x: tensor<1x1x?x?xf32>, %w: tensor<1x2x3x3xf32>) -> tensor<1x2x10x8xf32> {
  %0 = "tg.conv_transpose"(%x, %w) {strides = array<i64: 3, 2>, output_shape = array<i64: 10, 8>} : (tensor<1x1x?x?xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x10x8xf32>
  return %0 : tensor<1x2x10x8xf32>
}

// -----

// Max pooling pads with -inf and starts from -inf.
// CHECK-LABEL: func.func @max_pool_padded
// CHECK:         %[[P:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 0, 0]
// CHECK:           %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK:           tensor.yield %[[NEGINF]] : f32
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x2x3x3xf32>)
// CHECK:         %[[WINDOW:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK:         linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[P]], %[[WINDOW]] : tensor<1x2x7x7xf32>, tensor<3x3xf32>) outs(%[[INIT]] : tensor<1x2x3x3xf32>)
func.func @max_pool_padded(%x: tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32> {
  %0 = "tg.max_pool"(%x) {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>} : (tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// Unsigned bytes (stored as i8) compare unsigned, in a generic; the identity is 0.
// CHECK-DAG:   #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)>
// CHECK-LABEL: func.func @max_pool_unsigned
// CHECK-SAME:    (%[[X:.*]]: tensor<1x2x4x4xi8>) -> tensor<1x2x2x2xi8>
// CHECK:         %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK:         linalg.generic {indexing_maps = [#[[IN]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[X]], %{{.*}} : tensor<1x2x4x4xi8>, tensor<2x2xi8>)
// CHECK:           arith.maxui
// CHECK-NOT:     linalg.pooling_nchw_max
func.func @max_pool_unsigned(%x: tensor<1x2x4x4xui8>) -> tensor<1x2x2x2xui8> {
  %0 = "tg.max_pool"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x4x4xui8>) -> tensor<1x2x2x2xui8>
  return %0 : tensor<1x2x2x2xui8>
}

// -----

// 3-D pooling is a generic over (n, c, od, oh, ow, kd, kh, kw).
// CHECK-DAG:   #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2 + d5, d3 * 2 + d6, d4 * 2 + d7)>
// CHECK-LABEL: func.func @max_pool_3d
// CHECK:         linalg.generic {indexing_maps = [#[[IN]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK:           arith.maximumf
func.func @max_pool_3d(%x: tensor<1x1x4x4x4xf32>) -> tensor<1x1x3x2x2xf32> {
  %0 = "tg.max_pool"(%x) {kernel = array<i64: 2, 2, 2>, strides = array<i64: 1, 2, 2>} : (tensor<1x1x4x4x4xf32>) -> tensor<1x1x3x2x2xf32>
  return %0 : tensor<1x1x3x2x2xf32>
}

// -----

// ceil_mode adds a last window that reaches past the input: the pad grows at the end (5 -> 6).
// CHECK-LABEL: func.func @max_pool_ceil
// CHECK:         tensor.pad %arg0 low[0, 0, 0, 0] high[0, 0, 1, 1]
// CHECK:         } : tensor<1x1x5x5xf32> to tensor<1x1x6x6xf32>
// CHECK:         linalg.pooling_nchw_max {{.*}} outs(%{{.*}} : tensor<1x1x3x3xf32>)
func.func @max_pool_ceil(%x: tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32> {
  %0 = "tg.max_pool"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// Without pads every window is full: the sum divided by the constant 4.
// CHECK-LABEL: func.func @avg_pool_plain
// CHECK-NOT:     tensor.pad
// CHECK:         %[[SUM:.*]] = linalg.pooling_nchw_sum {{.*}} ins(%arg0, %{{.*}} : tensor<?x2x6x6xf32>, tensor<2x2xf32>) outs(%{{.*}} : tensor<?x2x3x3xf32>)
// CHECK:         %[[FOUR:.*]] = arith.constant 4.000000e+00 : f32
// CHECK:         linalg.generic {{.*}} ins(%[[SUM]] : tensor<?x2x3x3xf32>)
// CHECK:           arith.divf %{{.*}}, %[[FOUR]] : f32
func.func @avg_pool_plain(%x: tensor<?x2x6x6xf32>) -> tensor<?x2x3x3xf32> {
  %0 = "tg.avg_pool"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<?x2x6x6xf32>) -> tensor<?x2x3x3xf32>
  return %0 : tensor<?x2x3x3xf32>
}

// -----

// Pads excluded from the count: each output divides by the product, over its spatial dims, of the taps
// inside the input, clamp(6 - o, 0, 3) - clamp(1 - o, 0, 3) for a 3-tap window with one pad before.
// CHECK-LABEL: func.func @avg_pool_exclude_pad
// CHECK:         %[[SUM:.*]] = linalg.pooling_nchw_sum
// CHECK:         linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x2x5x5xf32>)
// CHECK:           %[[OH:.*]] = linalg.index 2 : index
// CHECK:           arith.subi %c1{{.*}}, %[[OH]] : index
// CHECK:           arith.subi %c6{{.*}}, %[[OH]] : index
// CHECK:           %[[OW:.*]] = linalg.index 3 : index
// CHECK:           %[[COUNT:.*]] = arith.muli
// CHECK:           %[[N:.*]] = arith.index_cast %[[COUNT]] : index to i64
// CHECK:           %[[F:.*]] = arith.sitofp %[[N]] : i64 to f32
// CHECK:           arith.divf %{{.*}}, %[[F]] : f32
func.func @avg_pool_exclude_pad(%x: tensor<1x2x5x5xf32>) -> tensor<1x2x5x5xf32> {
  %0 = "tg.avg_pool"(%x) {kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x5x5xf32>) -> tensor<1x2x5x5xf32>
  return %0 : tensor<1x2x5x5xf32>
}

// -----

// Pads counted: the constant 9; f16 sums in f32 and is rounded once.
// CHECK-LABEL: func.func @avg_pool_include_pad_f16
// CHECK:         %[[SUM:.*]] = linalg.pooling_nchw_sum {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x2x7x7xf16>, tensor<3x3xf16>) outs(%{{.*}} : tensor<1x2x5x5xf32>)
// CHECK:         %[[NINE:.*]] = arith.constant 9.000000e+00 : f32
// CHECK:         linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x2x5x5xf32>) outs(%{{.*}} : tensor<1x2x5x5xf16>)
// CHECK:           %[[Q:.*]] = arith.divf %{{.*}}, %[[NINE]] : f32
// CHECK:           arith.truncf %[[Q]] : f32 to f16
// CHECK-NOT:       linalg.index
func.func @avg_pool_include_pad_f16(%x: tensor<1x2x5x5xf16>) -> tensor<1x2x5x5xf16> {
  %0 = "tg.avg_pool"(%x) {kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = true} : (tensor<1x2x5x5xf16>) -> tensor<1x2x5x5xf16>
  return %0 : tensor<1x2x5x5xf16>
}

// -----

// The indices of the maxima: one generic with two outputs (maximum, row-major index), a tap replacing
// them when it is inside the input and greater, or equal with a smaller index.
// CHECK-LABEL: func.func @max_pool_indices
// CHECK:         %[[MAXIMA:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x2x2x2xf32>)
// CHECK:         %[[INDICES:.*]] = linalg.fill ins(%{{.*}} : i64) outs(%{{.*}} : tensor<1x2x2x2xi64>)
// CHECK:         %[[R:.*]]:2 = linalg.generic {{.*}} outs(%[[MAXIMA]], %[[INDICES]] : tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>)
// CHECK:           arith.cmpi sge
// CHECK:           arith.cmpi slt
// CHECK:           %[[FLAT:.*]] = arith.index_cast %{{.*}} : index to i64
// CHECK:           %[[EQUAL:.*]] = arith.cmpf oeq
// CHECK:           %[[SMALLER:.*]] = arith.cmpi slt, %[[FLAT]]
// CHECK:           %[[TIE:.*]] = arith.andi %[[EQUAL]], %[[SMALLER]] : i1
// CHECK:           %[[GREATER:.*]] = arith.cmpf ogt
// CHECK:           %[[BETTER:.*]] = arith.ori %[[GREATER]], %[[TIE]] : i1
// CHECK:           %[[TAKE:.*]] = arith.andi %{{.*}}, %[[BETTER]] : i1
// CHECK:           %[[V:.*]] = arith.select %[[TAKE]], %{{.*}}, %{{.*}} : f32
// CHECK:           %[[I:.*]] = arith.select %[[TAKE]], %[[FLAT]], %{{.*}} : i64
// CHECK:           linalg.yield %[[V]], %[[I]] : f32, i64
// CHECK:         return %[[R]]#1
func.func @max_pool_indices(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xi64> {
  %0 = "tg.max_pool_indices"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xi64>
  return %0 : tensor<1x2x2x2xi64>
}

// -----

// Column-major indices are renumbered by a second generic.
// CHECK-LABEL: func.func @max_pool_indices_column_major
// CHECK:         %[[R:.*]]:2 = linalg.generic
// CHECK:         linalg.generic {{.*}} ins(%[[R]]#1 : tensor<1x1x2x2xi64>)
// CHECK:           arith.remsi
func.func @max_pool_indices_column_major(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xi64> {
  %0 = "tg.max_pool_indices"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, column_major = true} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xi64>
  return %0 : tensor<1x1x2x2xi64>
}

// -----

// Channels last: the pads go on dims 1 and 2, and the HWCF weight feeds linalg.conv_2d_nhwc_hwcf
// as it is.
// CHECK-LABEL: func.func @conv_nhwc
// CHECK:         %[[P:.*]] = tensor.pad %arg0 low[0, 1, 1, 0] high[0, 0, 1, 0]
// CHECK:         } : tensor<?x8x8x3xf32> to tensor<?x9x10x3xf32>
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x4x8x4xf32>)
// CHECK:         %[[Y:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
// CHECK-SAME:      ins(%[[P]], %arg1 : tensor<?x9x10x3xf32>, tensor<3x3x3x4xf32>) outs(%[[ACC]] : tensor<?x4x8x4xf32>)
// CHECK:         return %[[Y]]
func.func @conv_nhwc(%x: tensor<?x8x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<?x4x8x4xf32> {
  %0 = "tg.conv"(%x, %w) {strides = array<i64: 2, 1>, pads = array<i64: 1, 1, 0, 1>, layout = "nhwc"} : (tensor<?x8x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<?x4x8x4xf32>
  return %0 : tensor<?x4x8x4xf32>
}

// -----

// Depthwise channels last: the weight [KH, KW, 1, C] loses its unit dim.
// CHECK-LABEL: func.func @depthwise_nhwc
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %arg1 {{\[}}[0], [1], [2, 3]] : tensor<3x3x1x8xf32> into tensor<3x3x8xf32>
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwc {{.*}} ins(%arg0, %[[FLAT]] : tensor<1x5x5x8xf32>, tensor<3x3x8xf32>) outs(%{{.*}} : tensor<1x3x3x8xf32>)
func.func @depthwise_nhwc(%x: tensor<1x5x5x8xf32>, %w: tensor<3x3x1x8xf32>) -> tensor<1x3x3x8xf32> {
  %0 = "tg.conv"(%x, %w) {groups = 8 : i64, layout = "nhwc"} : (tensor<1x5x5x8xf32>, tensor<3x3x1x8xf32>) -> tensor<1x3x3x8xf32>
  return %0 : tensor<1x3x3x8xf32>
}

// -----

// Grouped channels last: the channel dims split into [G, C/G] (input), [G, F/G] (weight and result),
// then a generic over (n, g, f, oh, ow, c, kh, kw) with the groups innermost but one.
// CHECK-DAG:   #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d3 + d6, d4 + d7, d1, d5)>
// CHECK-DAG:   #[[WT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d6, d7, d5, d1, d2)>
// CHECK-DAG:   #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d3, d4, d1, d2)>
// CHECK-LABEL: func.func @grouped_nhwc
// CHECK-DAG:     tensor.expand_shape %arg0 {{\[}}[0], [1], [2], [3, 4]] output_shape [1, 5, 5, 2, 4]
// CHECK-DAG:     tensor.expand_shape %arg1 {{\[}}[0], [1], [2], [3, 4]] output_shape [3, 3, 4, 2, 3]
// CHECK:         %[[Y:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[WT]], #[[OUT]]]
// CHECK:         tensor.collapse_shape %[[Y]] {{\[}}[0], [1], [2], [3, 4]] : tensor<1x3x3x2x3xf32> into tensor<1x3x3x6xf32>
func.func @grouped_nhwc(%x: tensor<1x5x5x8xf32>, %w: tensor<3x3x4x6xf32>) -> tensor<1x3x3x6xf32> {
  %0 = "tg.conv"(%x, %w) {groups = 2 : i64, layout = "nhwc"} : (tensor<1x5x5x8xf32>, tensor<3x3x4x6xf32>) -> tensor<1x3x3x6xf32>
  return %0 : tensor<1x3x3x6xf32>
}

// -----

// Pooling channels last: linalg.pooling_nhwc_max and pooling_nhwc_sum; the average's count reads the
// output's spatial positions at dims 1 and 2.
// CHECK-LABEL: func.func @pools_nhwc
// CHECK:         %[[P:.*]] = tensor.pad %arg0 low[0, 1, 1, 0] high[0, 0, 0, 0]
// CHECK:           tensor.yield %{{.*}} : f32
// CHECK:         linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[P]], %{{.*}} : tensor<1x7x7x2xf32>, tensor<3x3xf32>) outs(%{{.*}} : tensor<1x3x3x2xf32>)
// CHECK:         %[[SUM:.*]] = linalg.pooling_nhwc_sum {{.*}} outs(%{{.*}} : tensor<1x3x3x2xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x3x3x2xf32>)
// CHECK:           linalg.index 1 : index
// CHECK:           linalg.index 2 : index
// CHECK-NOT:       linalg.index
// CHECK:           arith.divf
func.func @pools_nhwc(%x: tensor<1x6x6x2xf32>) -> (tensor<1x3x3x2xf32>, tensor<1x3x3x2xf32>) {
  %0 = "tg.max_pool"(%x) {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>, layout = "nhwc"} : (tensor<1x6x6x2xf32>) -> tensor<1x3x3x2xf32>
  %1 = "tg.avg_pool"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>, layout = "nhwc"} : (tensor<1x6x6x2xf32>) -> tensor<1x3x3x2xf32>
  return %0, %1 : tensor<1x3x3x2xf32>, tensor<1x3x3x2xf32>
}

// -----

// Unsigned maxima channels last: a generic over (n, c, oh, ow, kh, kw) reading [n, oh*2 + kh, ow*2 + kw, c].
// CHECK-DAG:   #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d2 * 2 + d4, d3 * 2 + d5, d1)>
// CHECK-DAG:   #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d2, d3, d1)>
// CHECK-LABEL: func.func @max_pool_nhwc_unsigned
// CHECK:         linalg.generic {indexing_maps = [#[[IN]], #{{.*}}, #[[OUT]]]
// CHECK:           arith.maxui
// CHECK-NOT:     linalg.pooling_nhwc_max
func.func @max_pool_nhwc_unsigned(%x: tensor<1x4x4x2xui8>) -> tensor<1x2x2x2xui8> {
  %0 = "tg.max_pool"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, layout = "nhwc"} : (tensor<1x4x4x2xui8>) -> tensor<1x2x2x2xui8>
  return %0 : tensor<1x2x2x2xui8>
}
