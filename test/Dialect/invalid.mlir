// tg-opt checks every tg op when it loads IR: IRDL catches missing operands and attributes, the shape
// rules catch the rest. Each error names the op and points at it.
// RUN: tg-opt %s --split-input-file --verify-diagnostics

func.func @no_broadcast(%x: tensor<2x3xf32>, %y: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tg.add' op shapes [2, 3] and [4] do not broadcast}}
  %0 = "tg.add"(%x, %y) : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @dtype_mismatch(%x: tensor<3xf32>, %y: tensor<3xf16>) -> tensor<3xf32> {
  // expected-error @+1 {{'tg.mul' op operand element types f32 and f16 differ}}
  %0 = "tg.mul"(%x, %y) : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @wrong_result_shape(%x: tensor<3xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tg.exp' op result 'result' has type tensor<4xf32>, but the operands give tensor<3xf32>}}
  %0 = "tg.exp"(%x) : (tensor<3xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @float_op_on_integers(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'tg.exp' op operand 'input': element type i32 is not one of f16, bf16, f32, f64}}
  %0 = "tg.exp"(%x) : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @missing_perm(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'tg.transpose' op attribute "perm" is expected but not provided}}
  %0 = "tg.transpose"(%x) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @bad_perm(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'tg.transpose' op perm [1, 1] is not a permutation of the 2 dims}}
  %0 = "tg.transpose"(%x) {perm = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @perm_wrong_kind(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{expected base attribute 'builtin.dense_array' but got 'builtin.array'}}
  %0 = "tg.transpose"(%x) {perm = [1, 0]} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @matmul_contraction(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{'tg.matmul' op contracted dims differ: 3 (lhs) and 4 (rhs)}}
  %0 = "tg.matmul"(%a, %b) : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @reshape_count(%x: tensor<2x3xf32>) -> tensor<7xf32> {
  // expected-error @+1 {{'tg.reshape' op 6 elements do not fit the shape tensor<7xf32>}}
  %0 = "tg.reshape"(%x) : (tensor<2x3xf32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

func.func @reshape_two_dynamic(%x: tensor<?x6xf32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'tg.reshape' op at most one result dim may be dynamic}}
  %0 = "tg.reshape"(%x) : (tensor<?x6xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @repeated_axes(%x: tensor<2x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'tg.reduce_sum' op axes [0, -2] repeat a dim}}
  %0 = "tg.reduce_sum"(%x) {axes = array<i64: 0, -2>} : (tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @axis_out_of_range(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tg.softmax' op axis 2 is out of range for rank 2}}
  %0 = "tg.softmax"(%x) {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @keepdims_not_bool(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tg.reduce_max' op attribute 'keepdims': expected true or false, got 1 : i64}}
  %0 = "tg.reduce_max"(%x) {axes = array<i64: 1>, keepdims = 1 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @unknown_gelu_form(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'tg.gelu' op attribute 'approximate': "erf" is not one of "none" or "tanh"}}
  %0 = "tg.gelu"(%x) {approximate = "erf"} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @unranked(%x: tensor<*xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{expected base type 'builtin.tensor' but got 'builtin.unranked_tensor'}}
  %0 = "tg.relu"(%x) : (tensor<*xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @not_a_tensor(%x: f32) -> f32 {
  // expected-error @+1 {{expected base type 'builtin.tensor' but got 'builtin.f32'}}
  %0 = "tg.relu"(%x) : (f32) -> f32
  return %0 : f32
}

// -----

func.func @unknown_op(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{unregistered operation 'tg.frobnicate' found in dialect ('tg')}}
  %0 = "tg.frobnicate"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Whatever the dynamic dim, 4 does not divide the 15 elements of the result.
func.func @reshape_never_fits(%x: tensor<?x4xf32>) -> tensor<3x5xf32> {
  // expected-error @+1 {{'tg.reshape' op tensor<3x5xf32> cannot hold a multiple of 4 elements, as tensor<?x4xf32> does}}
  %0 = "tg.reshape"(%x) : (tensor<?x4xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}
