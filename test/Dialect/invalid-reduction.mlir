// The reduction, arg-reduction and contraction ops' rules reject what they cannot mean; each error
// names the op and points at it.
// RUN: tg-opt %s --split-input-file --verify-diagnostics

func.func @axis_out_of_range(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tg.reduce_prod' op axis 2 is out of range for rank 2}}
  %0 = "tg.reduce_prod"(%x) {axes = array<i64: 2>} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @repeated_axes(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tg.reduce_min' op axes [1, -1] repeat a dim}}
  %0 = "tg.reduce_min"(%x) {axes = array<i64: 1, -1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @keepdims_shape(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tg.reduce_min' op result 'result' has type tensor<2xf32>, but the operands give tensor<2x1xf32>}}
  %0 = "tg.reduce_min"(%x) {axes = array<i64: 1>, keepdims = true} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Sums and products of booleans are not reductions tg has (max and min are: or and and).
func.func @sum_of_bools(%x: tensor<4xi1>) -> tensor<i1> {
  // expected-error @+1 {{'tg.reduce_prod' op operand 'input': element type i1 is not one of}}
  %0 = "tg.reduce_prod"(%x) {axes = array<i64: 0>} : (tensor<4xi1>) -> tensor<i1>
  return %0 : tensor<i1>
}

// -----

func.func @argmax_result_type(%x: tensor<2x3xf32>) -> tensor<2xi32> {
  // expected-error @+1 {{'tg.argmax' op result 'result' has type tensor<2xi32>, but the operands give tensor<2xi64>}}
  %0 = "tg.argmax"(%x) {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @argmin_axis_out_of_range(%x: tensor<2x3xf32>) -> tensor<2xi64> {
  // expected-error @+1 {{'tg.argmin' op axis -3 is out of range for rank 2}}
  %0 = "tg.argmin"(%x) {axis = -3 : i64} : (tensor<2x3xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// An empty dim has no largest element.
func.func @argmax_empty_dim(%x: tensor<2x0xf32>) -> tensor<2xi64> {
  // expected-error @+1 {{'tg.argmax' op dim 1 is empty: it has no extreme element}}
  %0 = "tg.argmax"(%x) {axis = 1 : i64} : (tensor<2x0xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

func.func @argmax_without_axis(%x: tensor<2x3xf32>) -> tensor<2xi64> {
  // expected-error @+1 {{'tg.argmax' op attribute "axis" is expected but not provided}}
  %0 = "tg.argmax"(%x) : (tensor<2x3xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

func.func @einsum_term_count(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tg.einsum' op equation 'ij,jk->i' has 2 operand terms for 1 operands}}
  %0 = "tg.einsum"(%x) {equation = "ij,jk->i"} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @einsum_term_rank(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tg.einsum' op term 'ijk' of equation 'ijk->i' does not fit an operand of rank 2}}
  %0 = "tg.einsum"(%x) {equation = "ijk->i"} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @einsum_label_sizes(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{'tg.einsum' op label 'j' has sizes 3 and 4}}
  %0 = "tg.einsum"(%a, %b) {equation = "ij,jk->ik"} : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @einsum_unknown_result_label(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tg.einsum' op result labels k of equation 'ij->k' label no operand dim}}
  %0 = "tg.einsum"(%x) {equation = "ij->k"} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @einsum_bad_character(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tg.einsum' op equation 'i1->i' has '1' where a letter or one '...' was expected}}
  %0 = "tg.einsum"(%x) {equation = "i1->i"} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @einsum_drops_ellipsis(%x: tensor<2x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'tg.einsum' op the result of equation '...i->i' must keep the dims of '...'}}
  %0 = "tg.einsum"(%x) {equation = "...i->i"} : (tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @einsum_types_differ(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<f32> {
  // expected-error @+1 {{'tg.einsum' op operand element types f32 and f16 differ}}
  %0 = "tg.einsum"(%a, %b) {equation = "i,i"} : (tensor<3xf32>, tensor<3xf16>) -> tensor<f32>
  return %0 : tensor<f32>
}
