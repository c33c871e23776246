// Threads for the ops no kernel's loop holds: the elementwise ops and reductions of a softmax or a
// layer norm, an elementwise group of a batch-1 image. On several threads, --tg-cpu-schedule gives
// such an op, when it moves enough bytes to repay a parallel region (cpu_schedule.py:
// `parallel_blocks_sizes`), an scf.forall that splits its dim 0 into %n0 blocks or its dim 1 into %n1
// (the other is 0: not split; the split dim is a parallel one). The blocks' loops stay what they were:
// LLVM vectorizes the innermost dim, as it does on one thread.
//
// @parallel_blocks_main runs it on every linalg.generic tagged tg.strategy = "parallel_blocks", with
// dim 1 in two blocks:
//   mlir-opt payload.mlir --transform-preload-library=transform-library-paths=passes \
//     --transform-interpreter=entry-point=parallel_blocks_main --canonicalize
module attributes {transform.with_named_sequence} {
  transform.named_sequence @tg_parallel_blocks(%op: !transform.any_op {transform.consumed},
      %n0: !transform.param<i64> {transform.readonly}, %n1: !transform.param<i64> {transform.readonly}) -> !transform.any_op {
    %block, %blocks = transform.structured.tile_using_forall %op num_threads [%n0, %n1]
      : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    transform.yield %blocks : !transform.any_op
  }

  transform.named_sequence @parallel_blocks_main(%root: !transform.any_op {transform.readonly}) {
    %ops = transform.structured.match attributes {tg.strategy = "parallel_blocks"} in %root : (!transform.any_op) -> !transform.any_op
    %zero = transform.param.constant 0 : i64 -> !transform.param<i64>
    %two = transform.param.constant 2 : i64 -> !transform.param<i64>
    transform.foreach %ops : !transform.any_op {
    ^bb0(%op: !transform.any_op):
      %blocks = transform.include @tg_parallel_blocks failures(propagate) (%op, %zero, %two)
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> !transform.any_op
    }
    transform.yield
  }
}
