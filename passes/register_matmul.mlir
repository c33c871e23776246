// The register-tiled matmul kernel for products whose operands are both computed (attention's
// Q x K^T and softmax x V, a dense layer whose weights are an input): `linalg.matmul` (m, n, k) and
// `linalg.batch_matmul` (b, m, n, k) as --tg-register-matmuls tags them. Nothing is packed: a k step
// reads one contiguous NR-wide row of B.
//
// Loops, outermost first:
//   m blocks of Mb (batches of Bb)   an scf.forall (what threads share)
//   b                                one matrix at a time (batch_matmul)
//   k blocks of Kb                   the Kb x NR panel of B stays in L1 ...
//   n panels of NR                   ... while every MR-row tile of A streams past it
//   m tiles of MR                    an MR x NR tile of C lives in registers across the k loop
//   k                                one k: MR broadcasts of A, NR / lanes loads of B, MR * NR / lanes FMAs
// Rows past the last multiple of MR take the same path one row at a time. NR divides n (the sizes
// function picks it so), so every vector is whole.
//
// @register_matmul_main runs it on every tagged op with the sizes codegen/register_matmul.py picks for
// a 32-register AVX-512 core and 128 x 128 x 64 products, then @tg_vector_cleanup
// (vector_cleanup.mlir), as --tg-cpu-schedule does:
//   mlir-opt payload.mlir --transform-preload-library=transform-library-paths=passes \
//     --transform-interpreter=entry-point=register_matmul_main --canonicalize --cse --canonicalize
module attributes {transform.with_named_sequence} {
  transform.named_sequence @tg_register_matmul(%matmul: !transform.any_op {transform.consumed},
      %mb: !transform.param<i64> {transform.readonly}, %kb: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}, %mr: !transform.param<i64> {transform.readonly}) -> !transform.any_op {
    %generic = transform.structured.generalize %matmul : (!transform.any_op) -> !transform.any_op
    %row_block, %m_blocks = transform.structured.tile_using_forall %generic tile_sizes [%mb, 0, 0]
      : (!transform.any_op, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    %blocked, %k_blocks = transform.structured.tile_using_for %row_block tile_sizes [0, 0, %kb]
      : (!transform.any_op, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    %paneled, %panels = transform.structured.tile_using_for %blocked tile_sizes [0, %nr, 0]
      : (!transform.any_op, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    %tiled, %rows = transform.structured.tile_using_for %paneled tile_sizes [%mr, 0, 0]
      : (!transform.any_op, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    transform.include @tg_register_rows_remainder failures(suppress) (%rows) : (!transform.any_op) -> ()
    %tiles = transform.structured.match ops{["linalg.generic"]} in %k_blocks : (!transform.any_op) -> !transform.any_op
    transform.foreach %tiles : !transform.any_op {
    ^bb0(%tile: !transform.any_op):
      %step, %k_loop = transform.structured.tile_using_for %tile tile_sizes [0, 0, 1]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    }
    transform.include @tg_register_steps failures(propagate) (%k_blocks) : (!transform.any_op) -> ()
    transform.yield %m_blocks : !transform.any_op
  }

  transform.named_sequence @tg_register_batch_matmul(%matmul: !transform.any_op {transform.consumed},
      %bb: !transform.param<i64> {transform.readonly}, %kb: !transform.param<i64> {transform.readonly},
      %nr: !transform.param<i64> {transform.readonly}, %mr: !transform.param<i64> {transform.readonly}) -> !transform.any_op {
    %generic = transform.structured.generalize %matmul : (!transform.any_op) -> !transform.any_op
    %batch_block, %b_blocks = transform.structured.tile_using_forall %generic tile_sizes [%bb, 0, 0, 0]
      : (!transform.any_op, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    %one, %b_loop = transform.structured.tile_using_for %batch_block tile_sizes [1, 0, 0, 0]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %blocked, %k_blocks = transform.structured.tile_using_for %one tile_sizes [0, 0, 0, %kb]
      : (!transform.any_op, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    %paneled, %panels = transform.structured.tile_using_for %blocked tile_sizes [0, 0, %nr, 0]
      : (!transform.any_op, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    %tiled, %rows = transform.structured.tile_using_for %paneled tile_sizes [0, %mr, 0, 0]
      : (!transform.any_op, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    transform.include @tg_register_batch_rows_remainder failures(suppress) (%rows) : (!transform.any_op) -> ()
    %tiles = transform.structured.match ops{["linalg.generic"]} in %k_blocks : (!transform.any_op) -> !transform.any_op
    transform.foreach %tiles : !transform.any_op {
    ^bb0(%tile: !transform.any_op):
      %step, %k_loop = transform.structured.tile_using_for %tile tile_sizes [0, 0, 0, 1]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    }
    transform.include @tg_register_steps failures(propagate) (%k_blocks) : (!transform.any_op) -> ()
    transform.yield %b_blocks : !transform.any_op
  }

  // b, k (and m in a remainder row) are 1 in a step: drop them, so that a step is the outer product
  // of a column of A and a row of B added to the MR x NR tile of C; then vectorize the steps.
  transform.named_sequence @tg_register_steps(%k_blocks: !transform.any_op {transform.readonly}) {
    transform.apply_patterns to %k_blocks {
      transform.apply_patterns.linalg.fold_unit_extent_dims_via_slices
      transform.apply_patterns.canonicalization
    } : !transform.any_op
    %steps = transform.structured.match ops{["linalg.generic"]} in %k_blocks : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %steps : !transform.any_op
    transform.yield
  }

  // Rows past the last multiple of MR, one at a time; when there are none the peeling fails and the
  // caller, which suppresses the failure, goes on.
  transform.named_sequence @tg_register_rows_remainder(%rows: !transform.any_op {transform.readonly}) {
    %row_loop = transform.cast %rows : !transform.any_op to !transform.op<"scf.for">
    %full, %remainder = transform.loop.peel %row_loop : (!transform.op<"scf.for">) -> (!transform.any_op, !transform.any_op)
    transform.foreach %remainder : !transform.any_op {
    ^bb0(%rest_loop: !transform.any_op):
      %rest = transform.structured.match ops{["linalg.generic"]} in %rest_loop : (!transform.any_op) -> !transform.any_op
      %row, %row_loop_1 = transform.structured.tile_using_for %rest tile_sizes [1, 0, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    }
    transform.yield
  }

  transform.named_sequence @tg_register_batch_rows_remainder(%rows: !transform.any_op {transform.readonly}) {
    %row_loop = transform.cast %rows : !transform.any_op to !transform.op<"scf.for">
    %full, %remainder = transform.loop.peel %row_loop : (!transform.op<"scf.for">) -> (!transform.any_op, !transform.any_op)
    transform.foreach %remainder : !transform.any_op {
    ^bb0(%rest_loop: !transform.any_op):
      %rest = transform.structured.match ops{["linalg.generic"]} in %rest_loop : (!transform.any_op) -> !transform.any_op
      %row, %row_loop_1 = transform.structured.tile_using_for %rest tile_sizes [0, 1, 0, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    }
    transform.yield
  }

  // Defined in vector_cleanup.mlir.
  transform.named_sequence private @tg_vector_cleanup(%root: !transform.any_op {transform.readonly})

  transform.named_sequence @register_matmul_main(%root: !transform.any_op {transform.readonly}) {
    %kb = transform.param.constant 256 : i64 -> !transform.param<i64>
    %nr = transform.param.constant 32 : i64 -> !transform.param<i64>
    %mr = transform.param.constant 8 : i64 -> !transform.param<i64>
    %mb = transform.param.constant 128 : i64 -> !transform.param<i64>
    %bb = transform.param.constant 1 : i64 -> !transform.param<i64>
    %matmuls = transform.structured.match attributes {tg.strategy = "register_matmul"} in %root : (!transform.any_op) -> !transform.any_op
    transform.foreach %matmuls : !transform.any_op {
    ^bb0(%matmul: !transform.any_op):
      %block_loop = transform.include @tg_register_matmul failures(propagate) (%matmul, %mb, %kb, %nr, %mr)
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>) -> !transform.any_op
    }
    %batched = transform.structured.match attributes {tg.strategy = "register_batch_matmul"} in %root : (!transform.any_op) -> !transform.any_op
    transform.foreach %batched : !transform.any_op {
    ^bb0(%matmul: !transform.any_op):
      %block_loop = transform.include @tg_register_batch_matmul failures(propagate) (%matmul, %bb, %kb, %nr, %mr)
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>) -> !transform.any_op
    }
    transform.include @tg_vector_cleanup failures(propagate) (%root) : (!transform.any_op) -> ()
    transform.yield
  }
}
