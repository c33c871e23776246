// tg-run on bad input ends with one clear message on stderr and exit status 1, never a traceback:
// an array of the wrong rank or dim, a literal that is not an array, and IR that fails verification
// (the message points at the op).
// RUN: not tg-run %s --input '[1, 2, 3]' 2>&1 | filecheck %s --check-prefix=ERR
// RUN: not tg-run %s --input '[[1, 2]]' 2>&1 | filecheck %s --check-prefix=DIM
// RUN: not tg-run %s --input 'ones' 2>&1 | filecheck %s --check-prefix=LITERAL
// RUN: not tg-run %inputs/invalid-matmul.mlir --input 1 --input 2 2>&1 | filecheck %s --check-prefix=IR

// ERR:     tg-run: error: argument #0 of @row_sums: expected rank 2 (tensor<?x3xf32>), got shape (3,)
// ERR-NOT: Traceback

// DIM:     tg-run: error: argument #0 of @row_sums: dim 1 must be 3 (tensor<?x3xf32>), got shape (1, 2)
// DIM-NOT: Traceback

// LITERAL: tg-run: error: --input 'ones' is neither a .npy file nor a literal array of f32

// IR:      invalid-matmul.mlir:4:8: error: 'tg.matmul' op contracted dims differ: 3 (lhs) and 4 (rhs)
// IR-NOT:  Traceback
func.func @row_sums(%x: tensor<?x3xf32>) -> tensor<?xf32> {
  %0 = "tg.reduce_sum"(%x) {axes = array<i64: 1>} : (tensor<?x3xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
