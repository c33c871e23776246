// The packed matmul kernel: C3[m, n1, n0] += A[m, k] * Bp[n1, k, n0], the linalg.generic that
// --tg-pack-weights makes of a matmul by constant weights (B packed into NR-wide panels).
//
// Loops, outermost first:
//   m blocks of Mb,     an scf.forall (what threads share); the Mb x Kb block of A stays in L2.
//   n1 blocks of Nb     Nb is 0 (all panels) unless threads share the columns: a few rows times many
//                       weights, where each thread should read only its part of Bp
//   k blocks of Kb      the Kb x NR panel of Bp stays in L1 ...
//   n1 (one panel)      ... while every MR-row tile of the block streams A past it
//   m tiles of MR       an MR x NR tile of C lives in registers across the k loop
//   k                   one k: MR broadcasts of A, NR / lanes loads of B, MR * NR / lanes FMAs
// A remainder of fewer than MR rows (m not a multiple of MR) takes the same path one row at a time.
//
// @packed_matmul_main runs it on every op tagged tg.strategy = "packed_matmul", with the sizes
// codegen/machine.py picks for a 32-register AVX-512 core, then @tg_vector_cleanup
// (vector_cleanup.mlir), as --tg-cpu-schedule does:
//   mlir-opt payload.mlir --transform-preload-library=transform-library-paths=passes \
//     --transform-interpreter=entry-point=packed_matmul_main --canonicalize --cse --canonicalize
module attributes {transform.with_named_sequence} {
  transform.named_sequence @tg_packed_matmul(%matmul: !transform.any_op {transform.consumed},
      %mb: !transform.param<i64> {transform.readonly}, %nb: !transform.param<i64> {transform.readonly},
      %kb: !transform.param<i64> {transform.readonly}, %mr: !transform.param<i64> {transform.readonly}) -> !transform.any_op {
    %row_block, %m_blocks = transform.structured.tile_using_forall %matmul tile_sizes [%mb, %nb, 0, 0]
      : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    %blocked, %k_blocks = transform.structured.tile_using_for %row_block tile_sizes [0, 0, %kb, 0]
      : (!transform.any_op, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    %paneled, %panels = transform.structured.tile_using_for %blocked tile_sizes [0, 1, 0, 0]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %tiled, %rows = transform.structured.tile_using_for %paneled tile_sizes [%mr, 0, 0, 0]
      : (!transform.any_op, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    transform.include @tg_rows_remainder failures(suppress) (%rows) : (!transform.any_op) -> ()
    %tiles = transform.structured.match ops{["linalg.generic"]} in %k_blocks : (!transform.any_op) -> !transform.any_op
    transform.foreach %tiles : !transform.any_op {
    ^bb0(%tile: !transform.any_op):
      %step, %k_loop = transform.structured.tile_using_for %tile tile_sizes [0, 0, 1, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    }
    // n1 and k are 1 in a step (and m in a remainder row): drop them, so that a step is the outer
    // product of a column of A and a row of Bp, added to the MR x NR tile of C.
    transform.apply_patterns to %k_blocks {
      transform.apply_patterns.linalg.fold_unit_extent_dims_via_slices
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    %steps = transform.structured.match ops{["linalg.generic"]} in %k_blocks : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %steps : !transform.any_op
    transform.yield %m_blocks : !transform.any_op
  }

  // Rows past the last multiple of MR (m dynamic or not a multiple of MR), one at a time; when there
  // are none the peeling fails and the caller, which suppresses the failure, goes on.
  transform.named_sequence @tg_rows_remainder(%rows: !transform.any_op {transform.readonly}) {
    %row_loop = transform.cast %rows : !transform.any_op to !transform.op<"scf.for">
    %full, %remainder = transform.loop.peel %row_loop : (!transform.op<"scf.for">) -> (!transform.any_op, !transform.any_op)
    transform.foreach %remainder : !transform.any_op {
    ^bb0(%rest_loop: !transform.any_op):
      %rest = transform.structured.match ops{["linalg.generic"]} in %rest_loop : (!transform.any_op) -> !transform.any_op
      %row, %row_loop_1 = transform.structured.tile_using_for %rest tile_sizes [1, 0, 0, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    }
    transform.yield
  }

  // Defined in vector_cleanup.mlir.
  transform.named_sequence private @tg_vector_cleanup(%root: !transform.any_op {transform.readonly})

  transform.named_sequence @packed_matmul_main(%root: !transform.any_op {transform.readonly}) {
    %matmuls = transform.structured.match attributes {tg.strategy = "packed_matmul"} in %root : (!transform.any_op) -> !transform.any_op
    %mb = transform.param.constant 128 : i64 -> !transform.param<i64>
    %nb = transform.param.constant 0 : i64 -> !transform.param<i64>
    %kb = transform.param.constant 256 : i64 -> !transform.param<i64>
    %mr = transform.param.constant 8 : i64 -> !transform.param<i64>
    transform.foreach %matmuls : !transform.any_op {
    ^bb0(%matmul: !transform.any_op):
      %block_loop = transform.include @tg_packed_matmul failures(propagate) (%matmul, %mb, %nb, %kb, %mr)
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>) -> !transform.any_op
    }
    transform.include @tg_vector_cleanup failures(propagate) (%root) : (!transform.any_op) -> ()
    transform.yield
  }
}
