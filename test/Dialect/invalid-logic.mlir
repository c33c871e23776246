// Ill-formed comparisons, logic, selects and casts: each error names the op and points at it.
// RUN: tg-opt %s --split-input-file --verify-diagnostics

func.func @compare_unknown_predicate(%x: tensor<3xf32>) -> tensor<3xi1> {
  // expected-error @+1 {{'tg.compare' op attribute 'predicate': "lte" is not one of "eq" or "ne" or "lt" or "le" or "gt" or "ge"}}
  %0 = "tg.compare"(%x, %x) {predicate = "lte"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @compare_without_predicate(%x: tensor<3xf32>) -> tensor<3xi1> {
  // expected-error @+1 {{'tg.compare' op attribute "predicate" is expected but not provided}}
  %0 = "tg.compare"(%x, %x) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @compare_mixed_types(%x: tensor<3xf32>, %y: tensor<3xi32>) -> tensor<3xi1> {
  // expected-error @+1 {{'tg.compare' op operand element types f32 and i32 differ}}
  %0 = "tg.compare"(%x, %y) {predicate = "eq"} : (tensor<3xf32>, tensor<3xi32>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @compare_not_bool(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'tg.compare' op result 'result' has type tensor<3xf32>, but the operands give tensor<3xi1>}}
  %0 = "tg.compare"(%x, %x) {predicate = "eq"} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// The 8-bit floats are storage formats: cast them to compare them.
func.func @compare_f8(%x: tensor<3xf8E4M3FN>) -> tensor<3xi1> {
  // expected-error @+1 {{'tg.compare' op operand 'lhs': element type f8E4M3FN is not one of}}
  %0 = "tg.compare"(%x, %x) {predicate = "eq"} : (tensor<3xf8E4M3FN>, tensor<3xf8E4M3FN>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @and_integers(%x: tensor<3xi32>) -> tensor<3xi32> {
  // expected-error @+1 {{'tg.and' op operand 'lhs': element type i32 is not one of i1}}
  %0 = "tg.and"(%x, %x) : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @or_no_broadcast(%x: tensor<2x3xi1>, %y: tensor<2xi1>) -> tensor<2x3xi1> {
  // expected-error @+1 {{'tg.or' op shapes [2, 3] and [2] do not broadcast}}
  %0 = "tg.or"(%x, %y) : (tensor<2x3xi1>, tensor<2xi1>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// -----

func.func @not_float(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'tg.not' op operand 'input': element type f32 is not one of i1}}
  %0 = "tg.not"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @select_float_condition(%c: tensor<3xf32>, %x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'tg.select' op operand 'condition': element type f32 is not one of i1}}
  %0 = "tg.select"(%c, %x, %x) : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @select_mixed_values(%c: tensor<3xi1>, %x: tensor<3xf32>, %y: tensor<3xf16>) -> tensor<3xf32> {
  // expected-error @+1 {{'tg.select' op operand element types f32 and f16 differ}}
  %0 = "tg.select"(%c, %x, %y) : (tensor<3xi1>, tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @select_no_broadcast(%c: tensor<4xi1>, %x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tg.select' op shapes [4] and [2, 3] and [2, 3] do not broadcast}}
  %0 = "tg.select"(%c, %x, %x) : (tensor<4xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @cast_changes_shape(%x: tensor<3xf32>) -> tensor<4xf16> {
  // expected-error @+1 {{'tg.cast' op result 'result' has type tensor<4xf16>, but the operands give tensor<3xf16>}}
  %0 = "tg.cast"(%x) : (tensor<3xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func @cast_unknown_round_mode(%x: tensor<3xf32>) -> tensor<3xf8E8M0FNU> {
  // expected-error @+1 {{'tg.cast' op attribute 'round_mode': "zero" is not one of "up" or "nearest" or "down"}}
  %0 = "tg.cast"(%x) {round_mode = "zero"} : (tensor<3xf32>) -> tensor<3xf8E8M0FNU>
  return %0 : tensor<3xf8E8M0FNU>
}

// -----

func.func @cast_saturate_not_bool(%x: tensor<3xf32>) -> tensor<3xf8E4M3FN> {
  // expected-error @+1 {{'tg.cast' op attribute 'saturate': expected true or false, got 0 : i64}}
  %0 = "tg.cast"(%x) {saturate = 0} : (tensor<3xf32>) -> tensor<3xf8E4M3FN>
  return %0 : tensor<3xf8E4M3FN>
}
