// tg-to-linalg lowers only well-formed tg ops: an ill-formed one is refused with an error at its
// location and nothing is lowered. (tg-opt checks tg ops when it loads IR, as the pass does first, so
// the diagnostics are the same whichever reports them.) Every bad op is reported, not only the first.
// RUN: tg-opt %s --tg-to-linalg --split-input-file --verify-diagnostics

// A 0-d operand has no matrix or vector to contract.
func.func @matmul_rank0(%x: tensor<f32>, %y: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'tg.matmul' op operands must have rank 1 or more}}
  %0 = "tg.matmul"(%x, %y) : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Batch dims 2 and 3 cannot broadcast (the generic lowering would index out of bounds).
func.func @matmul_batch_mismatch(%x: tensor<2x4x5xf32>, %y: tensor<3x5x6xf32>) -> tensor<3x4x6xf32> {
  // expected-error @+1 {{'tg.matmul' op shapes [2] and [3] do not broadcast}}
  %0 = "tg.matmul"(%x, %y) : (tensor<2x4x5xf32>, tensor<3x5x6xf32>) -> tensor<3x4x6xf32>
  return %0 : tensor<3x4x6xf32>
}

// -----

// Bools are storage only: no arithmetic on them.
func.func @add_bool(%x: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{'tg.add' op operand 'lhs': element type i1 is not one of f16, bf16, f32, f64, i8, i16, i32, i64}}
  %0 = "tg.add"(%x, %x) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// A mean of booleans is not a number tg computes.
func.func @mean_i1(%x: tensor<4x3xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{'tg.reduce_mean' op operand 'input': element type i1 is not one of}}
  %0 = "tg.reduce_mean"(%x) {axes = array<i64: 1>} : (tensor<4x3xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

func.func @reduce_axis_out_of_range(%x: tensor<4x3xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tg.reduce_sum' op axis 2 is out of range for rank 2}}
  %0 = "tg.reduce_sum"(%x) {axes = array<i64: 2>} : (tensor<4x3xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// keepdims decides the result shape; a result type that ignores it is refused.
func.func @keepdims_wrong_result(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tg.reduce_sum' op result 'result' has type tensor<2x3xf32>, but the operands give tensor<2x1xf32>}}
  %0 = "tg.reduce_sum"(%x) {axes = array<i64: 1>, keepdims = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @transpose_wrong_result(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tg.transpose' op result 'result' has type tensor<2x3xf32>, but the operands give tensor<3x2xf32>}}
  %0 = "tg.transpose"(%x) {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @softmax_axis_i32(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tg.softmax' op attribute 'axis': expected an i64 integer, got 1 : i32}}
  %0 = "tg.softmax"(%x) {axis = 1 : i32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @reshape_element_count(%x: tensor<2x4xf32>) -> tensor<3x3xf32> {
  // expected-error @+1 {{'tg.reshape' op 8 elements do not fit the shape tensor<3x3xf32>}}
  %0 = "tg.reshape"(%x) : (tensor<2x4xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// Two bad ops in one function: both are reported.
func.func @two_errors(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tg.matmul' op contracted dims differ: 3 (lhs) and 2 (rhs)}}
  %0 = "tg.matmul"(%x, %x) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // expected-error @+1 {{'tg.exp' op result 'result' has type tensor<3x2xf32>, but the operands give tensor<2x3xf32>}}
  %1 = "tg.exp"(%0) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Ops nested in regions and in private functions are checked too.
func.func private @nested(%x: tensor<4xf32>, %p: i1) -> tensor<4xf32> {
  %0 = scf.if %p -> tensor<4xf32> {
    // expected-error @+1 {{'tg.transpose' op perm [0, 1] is not a permutation of the 1 dims}}
    %1 = "tg.transpose"(%x) {perm = array<i64: 0, 1>} : (tensor<4xf32>) -> tensor<4xf32>
    scf.yield %1 : tensor<4xf32>
  } else {
    scf.yield %x : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

// Fusion groups (tg.fusion_group) that no single loop nest computes, as tg-fuse never marks them:
// the first offending op of each group is reported, and nothing is lowered.
func.func @group_two_anchors(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %0 = "tg.matmul"(%x, %w) {tg.fusion_group = 0 : i64} : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %1 = "tg.add"(%0, %b) {tg.fusion_group = 0 : i64} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  // expected-error @+1 {{fusion group 0 cannot be one loop nest: it has more than one matmul or convolution (2)}}
  %2 = "tg.matmul"(%1, %w) {tg.fusion_group = 0 : i64} : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %3 = "tg.exp"(%2) {tg.fusion_group = 1 : i64} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %4 = "tg.matmul"(%3, %w) : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %5 = "tg.exp"(%4) {tg.fusion_group = 1 : i64} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  // expected-error @+1 {{fusion group 1 cannot be one loop nest: its 'tg.reduce_sum' is not its last op}}
  %6 = "tg.reduce_sum"(%5) {axes = array<i64: 1>, tg.fusion_group = 1 : i64} : (tensor<4x8xf32>) -> tensor<4xf32>
  %7 = "tg.matmul"(%x, %w) {tg.fusion_group = 1 : i64} : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  return %7 : tensor<4x8xf32>
}

// -----

func.func @group_not_elementwise(%x: tensor<4x8xf32>) -> tensor<8xf32> {
  %0 = "tg.exp"(%x) {tg.fusion_group = 2 : i64} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  // expected-error @+1 {{fusion group 2 cannot be one loop nest: its 'tg.reduce_sum' is not its last op}}
  %1 = "tg.reduce_sum"(%0) {axes = array<i64: 0>, tg.fusion_group = 2 : i64} : (tensor<4x8xf32>) -> tensor<8xf32>
  %2 = "tg.exp"(%1) {tg.fusion_group = 2 : i64} : (tensor<8xf32>) -> tensor<8xf32>
  // expected-error @+1 {{fusion group 3 cannot be one loop nest: 'tg.transpose' is neither elementwise, a matmul or convolution, nor a reduction}}
  %3 = "tg.transpose"(%x) {perm = array<i64: 1, 0>, tg.fusion_group = 3 : i64} : (tensor<4x8xf32>) -> tensor<8x4xf32>
  %4 = "tg.exp"(%3) {tg.fusion_group = 3 : i64} : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return %2 : tensor<8xf32>
}

// -----

func.func @group_anchor_then_reduction(%x: tensor<4x8xf32>, %w: tensor<8x8xf32>) -> tensor<4xf32> {
  %0 = "tg.matmul"(%x, %w) {tg.fusion_group = 4 : i64} : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  // expected-error @+1 {{fusion group 4 cannot be one loop nest: its 'tg.reduce_sum' follows a 'tg.matmul' (a reduction's group is elementwise ops)}}
  %1 = "tg.reduce_sum"(%0) {axes = array<i64: 1>, tg.fusion_group = 4 : i64} : (tensor<4x8xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// One group number in two functions (each function's groups numbered from 0, say).
func.func @group_in_two_functions_a(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "tg.exp"(%x) {tg.fusion_group = 0 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "tg.tanh"(%0) {tg.fusion_group = 0 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

func.func @group_in_two_functions_b(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{fusion group 0 cannot be one loop nest: its ops are in more than one block (or function)}}
  %0 = "tg.exp"(%x) {tg.fusion_group = 0 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "tg.tanh"(%0) {tg.fusion_group = 0 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
