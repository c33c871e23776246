// The math ops' rules reject what they cannot mean; each error names the op and points at it.
// RUN: tg-opt %s --split-input-file --verify-diagnostics

func.func @trig_on_integers(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'tg.sin' op operand 'input': element type i32 is not one of f16, bf16, f32, f64}}
  %0 = "tg.sin"(%x) : (tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @abs_on_bools(%x: tensor<3xi1>) -> tensor<3xi1> {
  // expected-error @+1 {{'tg.abs' op operand 'input': element type i1 is not one of f16, bf16, f32, f64, i8, i16, i32, i64, ui8, ui16, ui32, ui64}}
  %0 = "tg.abs"(%x) : (tensor<3xi1>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @round_changes_type(%x: tensor<3xf32>) -> tensor<3xi32> {
  // expected-error @+1 {{'tg.round' op result 'result' has type tensor<3xi32>, but the operands give tensor<3xf32>}}
  %0 = "tg.round"(%x) : (tensor<3xf32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @mod_types_differ(%x: tensor<3xi32>, %y: tensor<3xi64>) -> tensor<3xi32> {
  // expected-error @+1 {{'tg.mod' op operand element types i32 and i64 differ}}
  %0 = "tg.mod"(%x, %y) : (tensor<3xi32>, tensor<3xi64>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @mod_no_broadcast(%x: tensor<3x2xf32>, %y: tensor<3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'tg.mod' op shapes [3, 2] and [3] do not broadcast}}
  %0 = "tg.mod"(%x, %y) {fmod = true} : (tensor<3x2xf32>, tensor<3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @mod_fmod_not_bool(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'tg.mod' op attribute 'fmod': expected true or false, got 1 : i64}}
  %0 = "tg.mod"(%x, %x) {fmod = 1} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @pow_result_not_base(%x: tensor<3xi32>, %e: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'tg.pow' op result 'result' has type tensor<3xf32>, but the operands give tensor<3xi32>}}
  %0 = "tg.pow"(%x, %e) : (tensor<3xi32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @pow_bool_exponent(%x: tensor<3xf32>, %e: tensor<3xi1>) -> tensor<3xf32> {
  // expected-error @+1 {{'tg.pow' op operand 'rhs': element type i1 is not one of}}
  %0 = "tg.pow"(%x, %e) : (tensor<3xf32>, tensor<3xi1>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
