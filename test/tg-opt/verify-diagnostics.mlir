// --verify-diagnostics fails, naming the place, when an expected diagnostic is not produced or one is
// produced that no annotation expects; each chunk is checked on its own, with lines of this file.
// RUN: not tg-opt %s --split-input-file --verify-diagnostics 2>&1 >/dev/null | filecheck %s
// Without --verify-diagnostics the annotations are comments and the real errors print as usual.
// RUN: not tg-opt %s --split-input-file 2>&1 >/dev/null | filecheck %s --check-prefix=PLAIN

// An expected error on a valid op is not produced.
// CHECK: verify-diagnostics.mlir:[[# @LINE + 2]]: error: expected error "this never happens" was not produced
func.func @valid(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{this never happens}}
  %0 = "tg.exp"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// An error that no annotation expects.
// CHECK: verify-diagnostics.mlir:[[# @LINE + 3]]:8: error: unexpected error: 'tg.exp' op result 'result' has type tensor<4xf32>, but the operands give tensor<3xf32>
// PLAIN: verify-diagnostics.mlir:[[# @LINE + 2]]:8: error: 'tg.exp' op result 'result' has type tensor<4xf32>, but the operands give tensor<3xf32>
func.func @unexpected(%x: tensor<3xf32>) -> tensor<4xf32> {
  %0 = "tg.exp"(%x) : (tensor<3xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// An annotation that is met produces no message.
// CHECK-NOT: @met
// CHECK-NOT: operand element types f32 and f16 differ
// PLAIN: verify-diagnostics.mlir:[[# @LINE + 3]]:8: error: 'tg.mul' op operand element types f32 and f16 differ
func.func @met(%x: tensor<3xf32>, %y: tensor<3xf16>) -> tensor<3xf32> {
  // expected-error @+1 {{operand element types f32 and f16 differ}}
  %0 = "tg.mul"(%x, %y) : (tensor<3xf32>, tensor<3xf16>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// The right message on the wrong line: unexpected where it is, not produced where it was expected.
// CHECK: verify-diagnostics.mlir:[[# @LINE + 4]]:8: error: unexpected error: 'tg.add' op shapes [2, 3] and [4] do not broadcast
// CHECK: verify-diagnostics.mlir:[[# @LINE + 2]]: error: expected error "do not broadcast" was not produced
func.func @wrong_line(%x: tensor<2x3xf32>, %y: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{do not broadcast}}
  %0 = "tg.add"(%x, %y) : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A message that does not match the one produced.
// CHECK: verify-diagnostics.mlir:[[# @LINE + 4]]:8: error: unexpected error: 'tg.transpose' op perm [1, 1] is not a permutation of the 2 dims
// CHECK: verify-diagnostics.mlir:[[# @LINE + 2]]: error: expected error "perm [0, 0]" was not produced
func.func @wrong_message(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{perm [0, 0]}}
  %0 = "tg.transpose"(%x) {perm = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
// CHECK-NOT: error
