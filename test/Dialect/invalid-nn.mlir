// The shape rules of the nn ops refuse malformed windows, channels and groups, and wrong result types,
// each error naming the op and its reason.
// RUN: tg-opt %s --split-input-file --verify-diagnostics

func.func @conv_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tg.conv' op weight must be F x C/groups x kernel (rank 4), got rank 3}}
  %0 = "tg.conv"(%x, %w) : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_no_spatial_dims(%x: tensor<1x3xf32>, %w: tensor<4x3xf32>) -> tensor<1x4xf32> {
  // expected-error @+1 {{'tg.conv' op input must be N x C x 1 to 3 spatial dims (rank 3 to 5), got rank 2}}
  %0 = "tg.conv"(%x, %w) : (tensor<1x3xf32>, tensor<4x3xf32>) -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

func.func @conv_channels(%x: tensor<1x3x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tg.conv' op weight has 2 channels per group, but the input 3 channels in 1 groups}}
  %0 = "tg.conv"(%x, %w) : (tensor<1x3x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_groups(%x: tensor<1x6x8x8xf32>, %w: tensor<3x3x3x3xf32>) -> tensor<1x3x6x6xf32> {
  // expected-error @+1 {{'tg.conv' op 3 filters do not split into 2 groups}}
  %0 = "tg.conv"(%x, %w) {groups = 2 : i64} : (tensor<1x6x8x8xf32>, tensor<3x3x3x3xf32>) -> tensor<1x3x6x6xf32>
  return %0 : tensor<1x3x6x6xf32>
}

// -----

func.func @conv_pads_length(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{'tg.conv' op pads has 2 entries, expected 4 (begins, then ends)}}
  %0 = "tg.conv"(%x, %w) {pads = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @conv_negative_pads(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x4x6xf32> {
  // expected-error @+1 {{'tg.conv' op pads must not be negative, got [-1, 0, -1, 0]}}
  %0 = "tg.conv"(%x, %w) {pads = array<i64: -1, 0, -1, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x6xf32>
  return %0 : tensor<1x4x4x6xf32>
}

// -----

func.func @conv_same_with_pads(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{'tg.conv' op pads must be empty with auto_pad = "same_upper"}}
  %0 = "tg.conv"(%x, %w) {auto_pad = "same_upper", pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @conv_unknown_auto_pad(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{'tg.conv' op attribute 'auto_pad': "valid" is not one of "none" or "same_upper" or "same_lower"}}
  %0 = "tg.conv"(%x, %w) {auto_pad = "valid"} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @conv_zero_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'tg.conv' op strides and dilations must be 1 or more}}
  %0 = "tg.conv"(%x, %w) {strides = array<i64: 0, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_kernel_too_large(%x: tensor<1x3x2x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x1x6xf32> {
  // expected-error @+1 {{'tg.conv' op conv leaves no output (the window is larger than the padded input)}}
  %0 = "tg.conv"(%x, %w) : (tensor<1x3x2x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x6xf32>
  return %0 : tensor<1x4x1x6xf32>
}

// -----

func.func @conv_wrong_result(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{'tg.conv' op result 'result' has type tensor<1x4x8x8xf32>, but the operands give tensor<1x4x6x6xf32>}}
  %0 = "tg.conv"(%x, %w) : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @conv_integers(%x: tensor<1x3x8x8xi32>, %w: tensor<4x3x3x3xi32>) -> tensor<1x4x6x6xi32> {
  // expected-error @+1 {{'tg.conv' op operand 'input': element type i32 is not one of f16, bf16, f32, f64}}
  %0 = "tg.conv"(%x, %w) : (tensor<1x3x8x8xi32>, tensor<4x3x3x3xi32>) -> tensor<1x4x6x6xi32>
  return %0 : tensor<1x4x6x6xi32>
}

// -----

func.func @conv_transpose_channels(%x: tensor<1x3x4x4xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x6x6xf32> {
  // expected-error @+1 {{'tg.conv_transpose' op input has 3 channels but the weight 4}}
  %0 = "tg.conv_transpose"(%x, %w) : (tensor<1x3x4x4xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x6x6xf32>
  return %0 : tensor<1x2x6x6xf32>
}

// -----

func.func @conv_transpose_output_padding(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x6x6xf32> {
  // expected-error @+1 {{'tg.conv_transpose' op output_padding must not be negative}}
  %0 = "tg.conv_transpose"(%x, %w) {output_padding = array<i64: -1, 0>} : (tensor<1x4x4x4xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x6x6xf32>
  return %0 : tensor<1x2x6x6xf32>
}

// -----

func.func @conv_transpose_cropped_away(%x: tensor<1x4x1x4xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x1x6xf32> {
  // expected-error @+1 {{'tg.conv_transpose' op conv_transpose leaves no output}}
  %0 = "tg.conv_transpose"(%x, %w) {pads = array<i64: 2, 0, 2, 0>} : (tensor<1x4x1x4xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x1x6xf32>
  return %0 : tensor<1x2x1x6xf32>
}

// -----

func.func @pool_kernel_length(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x7x8xf32> {
  // expected-error @+1 {{'tg.max_pool' op kernel has 1 entries, expected 2 (one per spatial dim)}}
  %0 = "tg.max_pool"(%x) {kernel = array<i64: 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x7x8xf32>
  return %0 : tensor<1x3x7x8xf32>
}

// -----

func.func @pool_no_kernel(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x7x7xf32> {
  // expected-error @+1 {{'tg.max_pool' op attribute "kernel" is expected but not provided}}
  %0 = "tg.max_pool"(%x) : (tensor<1x3x8x8xf32>) -> tensor<1x3x7x7xf32>
  return %0 : tensor<1x3x7x7xf32>
}

// -----

func.func @pool_zero_kernel(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error @+1 {{'tg.avg_pool' op kernel sizes must be 1 or more, got [0, 1]}}
  %0 = "tg.avg_pool"(%x) {kernel = array<i64: 0, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @avg_pool_integers(%x: tensor<1x3x8x8xi8>) -> tensor<1x3x7x7xi8> {
  // expected-error @+1 {{'tg.avg_pool' op operand 'input': element type i8 is not one of f16, bf16, f32, f64}}
  %0 = "tg.avg_pool"(%x) {kernel = array<i64: 2, 2>} : (tensor<1x3x8x8xi8>) -> tensor<1x3x7x7xi8>
  return %0 : tensor<1x3x7x7xi8>
}

// -----

func.func @pool_wrong_ceil_result(%x: tensor<1x1x5x5xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{'tg.max_pool' op result 'result' has type tensor<1x1x2x2xf32>, but the operands give tensor<1x1x3x3xf32>}}
  %0 = "tg.max_pool"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x1x5x5xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @indices_not_i64(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xi32> {
  // expected-error @+1 {{'tg.max_pool_indices' op result 'result' has type tensor<1x1x2x2xi32>, but the operands give tensor<1x1x2x2xi64>}}
  %0 = "tg.max_pool_indices"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xi32>
  return %0 : tensor<1x1x2x2xi32>
}

// -----

func.func @conv_transpose_output_shape_and_pads(%x: tensor<1x4x3x3xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x6x6xf32> {
  // expected-error @+1 {{'tg.conv_transpose' op pads must be empty with an output_shape}}
  %0 = "tg.conv_transpose"(%x, %w) {output_shape = array<i64: 6, 6>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x6x6xf32>
  return %0 : tensor<1x2x6x6xf32>
}

// -----

func.func @conv_transpose_output_shape_result(%x: tensor<1x4x?x?xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x5x6xf32> {
  // expected-error @+1 {{'tg.conv_transpose' op result 'result' has type tensor<1x2x5x6xf32>, but the operands give tensor<1x2x6x6xf32>}}
  %0 = "tg.conv_transpose"(%x, %w) {output_shape = array<i64: 6, 6>} : (tensor<1x4x?x?xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x5x6xf32>
  return %0 : tensor<1x2x5x6xf32>
}

// -----

func.func @conv_nhwc_1d(%x: tensor<1x8x3xf32>, %w: tensor<3x3x4xf32>) -> tensor<1x6x4xf32> {
  // expected-error @+1 {{'tg.conv' op layout "nhwc" takes an N x H x W x C input (rank 4), got rank 3}}
  %0 = "tg.conv"(%x, %w) {layout = "nhwc"} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x6x4xf32>
  return %0 : tensor<1x6x4xf32>
}

// -----

// Channels last, the weight is HWCF: its third dim must be the input's channels (per group).
func.func @conv_nhwc_channels(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x4x5xf32>) -> tensor<1x6x6x5xf32> {
  // expected-error @+1 {{'tg.conv' op weight has 4 channels per group, but the input 3 channels in 1 groups}}
  %0 = "tg.conv"(%x, %w) {layout = "nhwc"} : (tensor<1x8x8x3xf32>, tensor<3x3x4x5xf32>) -> tensor<1x6x6x5xf32>
  return %0 : tensor<1x6x6x5xf32>
}

// -----

func.func @max_pool_nhwc_3d(%x: tensor<1x4x4x4x2xf32>) -> tensor<1x2x2x2x2xf32> {
  // expected-error @+1 {{'tg.max_pool' op layout "nhwc" takes an N x H x W x C input (rank 4), got rank 5}}
  %0 = "tg.max_pool"(%x) {kernel = array<i64: 2, 2, 2>, strides = array<i64: 2, 2, 2>, layout = "nhwc"} : (tensor<1x4x4x4x2xf32>) -> tensor<1x2x2x2x2xf32>
  return %0 : tensor<1x2x2x2x2xf32>
}

// -----

func.func @avg_pool_layout(%x: tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32> {
  // expected-error @+1 {{'tg.avg_pool' op attribute 'layout': "chwn" is not one of "nchw" or "nhwc"}}
  %0 = "tg.avg_pool"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, layout = "chwn"} : (tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}
