// The layout ops check what IRDL cannot: bounds, shapes and target lengths, attribute values, and
// the element types of shape and index operands. Each error names the op and points at it.
// RUN: tg-opt %s --split-input-file --verify-diagnostics

func.func @reshape_target_length(%x: tensor<?x8xf32>, %t: tensor<2xi64>) -> tensor<?x?x2xf32> {
  // expected-error @+1 {{'tg.reshape' op the target shape has 2 dims but the result type tensor<?x?x2xf32> has 3}}
  %0 = "tg.reshape"(%x, %t) : (tensor<?x8xf32>, tensor<2xi64>) -> tensor<?x?x2xf32>
  return %0 : tensor<?x?x2xf32>
}

// -----

func.func @reshape_target_dynamic_length(%x: tensor<?x8xf32>, %t: tensor<?xi64>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'tg.reshape' op the target shape must be a 1-D tensor of static length, got tensor<?xi64>}}
  %0 = "tg.reshape"(%x, %t) : (tensor<?x8xf32>, tensor<?xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @reshape_two_minus_ones(%x: tensor<?x8xf32>) -> tensor<?x?xf32> {
  %t = arith.constant dense<[-1, -1]> : tensor<2xi64>
  // expected-error @+1 {{'tg.reshape' op the target shape [-1, -1] has more than one -1}}
  %0 = "tg.reshape"(%x, %t) : (tensor<?x8xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @reshape_target_contradicts(%x: tensor<4x8xf32>) -> tensor<?x4xf32> {
  %t = arith.constant dense<[-1, 2]> : tensor<2xi64>
  // expected-error @+1 {{'tg.reshape' op the target shape gives tensor<16x2xf32>, not tensor<?x4xf32>}}
  %0 = "tg.reshape"(%x, %t) : (tensor<4x8xf32>, tensor<2xi64>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

func.func @reshape_two_dynamic_without_target(%x: tensor<?x8xf32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'tg.reshape' op at most one result dim may be dynamic without a target operand}}
  %0 = "tg.reshape"(%x) : (tensor<?x8xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @reshape_float_target(%x: tensor<?x8xf32>, %t: tensor<2xf32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'tg.reshape' op operand 'target': element type f32 is not one of i32, i64}}
  %0 = "tg.reshape"(%x, %t) : (tensor<?x8xf32>, tensor<2xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @shape_length(%x: tensor<?x3x4xf32>) -> tensor<3xi64> {
  // expected-error @+1 {{'tg.shape' op result 'result' has type tensor<3xi64>, but the operands give tensor<2xi64>}}
  %0 = "tg.shape"(%x) {start = -2 : i64} : (tensor<?x3x4xf32>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

func.func @shape_i32(%x: tensor<?x3x4xf32>) -> tensor<3xi32> {
  // expected-error @+1 {{'tg.shape' op result 'result' has type tensor<3xi32>, but the operands give tensor<3xi64>}}
  %0 = "tg.shape"(%x) : (tensor<?x3x4xf32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @concat_other_dims(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'tg.concat' op operands differ in dim 1: tensor<2x3xf32> and tensor<2x4xf32>}}
  %0 = "tg.concat"(%a, %b) {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @concat_ranks(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<5x3xf32> {
  // expected-error @+1 {{'tg.concat' op operands have different ranks: tensor<2x3xf32> and tensor<3xf32>}}
  %0 = "tg.concat"(%a, %b) {axis = 0 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}

// -----

func.func @concat_axis(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'tg.concat' op axis 2 is out of range for rank 2}}
  %0 = "tg.concat"(%a, %b) {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @concat_no_axis(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'tg.concat' op attribute "axis" is expected but not provided}}
  %0 = "tg.concat"(%a, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @slice_bounds_length(%x: tensor<4x8xf32>, %b: tensor<1xi64>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'tg.slice' op starts has 1 entries; rank 2 needs 2}}
  %0 = "tg.slice"(%x, %b, %b) : (tensor<4x8xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @slice_zero_step(%x: tensor<4xf32>, %b: tensor<1xi64>) -> tensor<?xf32> {
  // expected-error @+1 {{'tg.slice' op steps must be nonzero}}
  %0 = "tg.slice"(%x, %b, %b) {steps = array<i64: 0>} : (tensor<4xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @slice_wrong_result(%x: tensor<10xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<-3> : tensor<1xi64>
  %e = arith.constant dense<100> : tensor<1xi64>
  // expected-error @+1 {{'tg.slice' op result 'result' has type tensor<4xf32>, but the operands give tensor<3xf32>}}
  %0 = "tg.slice"(%x, %s, %e) : (tensor<10xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @gather_float_indices(%x: tensor<5x4xf32>, %i: tensor<2xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'tg.gather' op operand 'indices': element type f32 is not one of i32, i64}}
  %0 = "tg.gather"(%x, %i) : (tensor<5x4xf32>, tensor<2xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @gather_axis(%x: tensor<5x4xf32>, %i: tensor<2xi64>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'tg.gather' op axis -3 is out of range for rank 2}}
  %0 = "tg.gather"(%x, %i) {axis = -3 : i64} : (tensor<5x4xf32>, tensor<2xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @gather_elements_rank(%x: tensor<5x4xf32>, %i: tensor<2xi64>) -> tensor<2xf32> {
  // expected-error @+1 {{'tg.gather_elements' op indices have rank 1, the input 2}}
  %0 = "tg.gather_elements"(%x, %i) : (tensor<5x4xf32>, tensor<2xi64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @gather_elements_larger(%x: tensor<5x4xf32>, %i: tensor<2x6xi64>) -> tensor<2x6xf32> {
  // expected-error @+1 {{'tg.gather_elements' op indices dim 1 is 6, larger than the input's 4}}
  %0 = "tg.gather_elements"(%x, %i) : (tensor<5x4xf32>, tensor<2x6xi64>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @pad_length(%x: tensor<3x4xf32>, %v: tensor<f32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'tg.pad' op pads has 2 entries; rank 2 needs 4 (all befores, then all afters)}}
  %0 = "tg.pad"(%x, %v) {pads = array<i64: 1, 0>} : (tensor<3x4xf32>, tensor<f32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @pad_fill_rank(%x: tensor<3xf32>, %v: tensor<1xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tg.pad' op the fill value must be a rank-0 tensor, got tensor<1xf32>}}
  %0 = "tg.pad"(%x, %v) {pads = array<i64: 1, 0>} : (tensor<3xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @pad_fill_type(%x: tensor<3xf32>, %v: tensor<i32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tg.pad' op operand element types f32 and i32 differ}}
  %0 = "tg.pad"(%x, %v) {pads = array<i64: 1, 0>} : (tensor<3xf32>, tensor<i32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @pad_crop_too_much(%x: tensor<3xf32>, %v: tensor<f32>) -> tensor<0xf32> {
  // expected-error @+1 {{'tg.pad' op pads -2 and -2 remove more than the 3 elements of dim 0}}
  %0 = "tg.pad"(%x, %v) {pads = array<i64: -2, -2>} : (tensor<3xf32>, tensor<f32>) -> tensor<0xf32>
  return %0 : tensor<0xf32>
}

// -----

func.func @pad_reflect_empty(%x: tensor<0xf32>, %v: tensor<f32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tg.pad' op reflect padding of dim 0 needs at least one element to copy}}
  %0 = "tg.pad"(%x, %v) {pads = array<i64: 1, 1>, mode = "reflect"} : (tensor<0xf32>, tensor<f32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @pad_mode(%x: tensor<3xf32>, %v: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tg.pad' op attribute 'mode': "symmetric" is not one of "constant" or "reflect" or "edge" or "wrap"}}
  %0 = "tg.pad"(%x, %v) {pads = array<i64: 1, 0>, mode = "symmetric"} : (tensor<3xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @broadcast_incompatible(%x: tensor<3x2xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{'tg.broadcast_to' op input dim 2 does not broadcast to 4}}
  %0 = "tg.broadcast_to"(%x) : (tensor<3x2xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @broadcast_lower_rank(%x: tensor<3x2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tg.broadcast_to' op cannot broadcast tensor<3x2xf32> to the lower rank of tensor<2xf32>}}
  %0 = "tg.broadcast_to"(%x) : (tensor<3x2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @tile_repeats(%x: tensor<3x2xf32>) -> tensor<6x2xf32> {
  // expected-error @+1 {{'tg.tile' op repeats has 1 entries; rank 2 needs 2}}
  %0 = "tg.tile"(%x) {repeats = array<i64: 2>} : (tensor<3x2xf32>) -> tensor<6x2xf32>
  return %0 : tensor<6x2xf32>
}

// -----

func.func @tile_negative(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'tg.tile' op repeats [1, -1] must not be negative}}
  %0 = "tg.tile"(%x) {repeats = array<i64: 1, -1>} : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @trilu_vector(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'tg.trilu' op expects rank 2 or more, got tensor<3xf32>}}
  %0 = "tg.trilu"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @cumsum_axis(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'tg.cumsum' op axis 1 is out of range for rank 1}}
  %0 = "tg.cumsum"(%x) {axis = 1 : i64} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @cumsum_bool(%x: tensor<3xi1>) -> tensor<3xi1> {
  // expected-error @+1 {{'tg.cumsum' op operand 'input': element type i1 is not one of f16, bf16, f32, f64, i8, i16, i32, i64, ui8, ui16, ui32, ui64}}
  %0 = "tg.cumsum"(%x) {axis = 0 : i64} : (tensor<3xi1>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @resize_scales_and_sizes(%x: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'tg.resize' op exactly one of 'scales' and 'sizes' must be given}}
  %0 = "tg.resize"(%x) {scales = array<f64: 2.0>, sizes = array<i64: 8>} : (tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @resize_nearest_antialias(%x: tensor<4xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tg.resize' op antialias applies to "linear" and "cubic" modes only}}
  %0 = "tg.resize"(%x) {antialias = true, scales = array<f64: 0.5>} : (tensor<4xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @resize_crop_without_roi(%x: tensor<4xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tg.resize' op "tf_crop_and_resize" needs a roi of 2 entries (starts, then ends)}}
  %0 = "tg.resize"(%x) {coordinate_transformation_mode = "tf_crop_and_resize", sizes = array<i64: 2>} : (tensor<4xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @resize_wrong_result(%x: tensor<5xf32>) -> tensor<11xf32> {
  // expected-error @+1 {{'tg.resize' op result 'result' has type tensor<11xf32>, but the operands give tensor<10xf32>}}
  %0 = "tg.resize"(%x) {scales = array<f64: 2.1>} : (tensor<5xf32>) -> tensor<11xf32>
  return %0 : tensor<11xf32>
}

// -----

func.func @resize_mode(%x: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'tg.resize' op attribute 'mode': "bilinear" is not one of "nearest" or "linear" or "cubic"}}
  %0 = "tg.resize"(%x) {mode = "bilinear", scales = array<f64: 2.0>} : (tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @resize_integer_scales(%x: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'tg.resize' op attribute 'scales': expected array<f64: ...>, got array<i64: 2>}}
  %0 = "tg.resize"(%x) {scales = array<i64: 2>} : (tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
