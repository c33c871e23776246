// The transpose kernel, for the rank-4 transposes of layouts (NCHW <-> NHWC) and attention heads:
// linalg.transpose tiled so that a step moves a T1 x T2 block whose rows are contiguous in the input
// and whose columns are contiguous in the output: T1 along the output's innermost dim, T2 along the
// output dim that is the input's innermost. A step vectorizes into one 2-D read, a
// vector.transpose (register shuffles) and one 2-D write, instead of one strided element at a time.
// Threads share blocks of %images x %rows of the output's dims 0 and 1 (an scf.forall; with their
// whole sizes, one block, which canonicalization removes).
//
// @transpose_main runs it on every linalg.transpose with 16 x 8 steps of a [0, 3, 1, 2] permutation,
// in blocks of one image and 16 rows of its dim 1, then @tg_vector_cleanup (vector_cleanup.mlir):
//   mlir-opt payload.mlir --transform-preload-library=transform-library-paths=passes \
//     --transform-interpreter=entry-point=transpose_main --canonicalize --cse --canonicalize
module attributes {transform.with_named_sequence} {
  transform.named_sequence @tg_transpose(%op: !transform.any_op {transform.consumed},
      %images: !transform.param<i64> {transform.readonly}, %rows: !transform.param<i64> {transform.readonly},
      %t0: !transform.param<i64> {transform.readonly}, %t1: !transform.param<i64> {transform.readonly},
      %t2: !transform.param<i64> {transform.readonly}, %t3: !transform.param<i64> {transform.readonly}) -> !transform.any_op {
    %rows_block, %row_blocks = transform.structured.tile_using_forall %op tile_sizes [%images, %rows, 0, 0]
      : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    %block, %loops:4 = transform.structured.tile_using_for %rows_block tile_sizes [%t0, %t1, %t2, %t3]
      : (!transform.any_op, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>)
      -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    transform.structured.vectorize %block : !transform.any_op
    transform.yield %row_blocks : !transform.any_op
  }

  // Defined in vector_cleanup.mlir.
  transform.named_sequence private @tg_vector_cleanup(%root: !transform.any_op {transform.readonly})

  transform.named_sequence @transpose_main(%root: !transform.any_op {transform.readonly}) {
    %ops = transform.structured.match ops{["linalg.transpose"]} in %root : (!transform.any_op) -> !transform.any_op
    %one = transform.param.constant 1 : i64 -> !transform.param<i64>
    %c = transform.param.constant 16 : i64 -> !transform.param<i64>
    %w = transform.param.constant 8 : i64 -> !transform.param<i64>
    transform.foreach %ops : !transform.any_op {
    ^bb0(%transpose: !transform.any_op):
      %block_loop = transform.include @tg_transpose failures(propagate) (%transpose, %one, %c, %one, %c, %one, %w)
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>) -> !transform.any_op
    }
    transform.include @tg_vector_cleanup failures(propagate) (%root) : (!transform.any_op) -> ()
    transform.yield
  }
}
