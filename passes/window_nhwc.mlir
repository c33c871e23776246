// The kernel of depthwise convolutions and pools, channels last: linalg.depthwise_conv_2d_nhwc_hwc,
// linalg.pooling_nhwc_{max,sum,...} over (n, oh, ow, c, kh, kw), each channel on its own:
// out[n, oh, ow, c] = out[n, oh, ow, c] (+ or max) in[n, oh*s + kh, ow*s + kw, c] (* W[kh, kw, c]).
//
// Loops, outermost first:
//   n, blocks of rows    an scf.forall (what threads share)
//   oh (one row), ow tiles of OW, c tiles of C
//                        an OW x C tile of the output lives in registers across kh
//   kh                   one step: a 1-D window over kw (decomposed from the 2-D one), which
//                        vectorizes into KW vector FMAs (or max) per output column, C lanes wide
// The sizes divide their dims (codegen/cpu_schedule.py picks them from machine.py).
//
// @window_nhwc_main runs it on every depthwise conv and max pool with the sizes of a 112 x 112 x 32
// MobileNet layer, then @tg_vector_cleanup (vector_cleanup.mlir):
//   mlir-opt payload.mlir --transform-preload-library=transform-library-paths=passes \
//     --transform-interpreter=entry-point=window_nhwc_main --canonicalize --cse --canonicalize
module attributes {transform.with_named_sequence} {
  transform.named_sequence @tg_window_nhwc(%op: !transform.any_op {transform.consumed},
      %rows: !transform.param<i64> {transform.readonly}, %ow: !transform.param<i64> {transform.readonly},
      %c: !transform.param<i64> {transform.readonly}) -> !transform.any_op {
    %block, %row_blocks = transform.structured.tile_using_forall %op tile_sizes [1, %rows, 0, 0, 0, 0]
      : (!transform.any_op, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    %tile, %oh_loop, %ow_loop, %c_loop = transform.structured.tile_using_for %block tile_sizes [0, 1, %ow, %c, 0, 0]
      : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    %step, %kh_loop = transform.structured.tile_using_for %tile tile_sizes [0, 0, 0, 0, 1, 0]
      : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %window_1d = transform.structured.decompose %step : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %window_1d : !transform.any_op
    transform.yield %row_blocks : !transform.any_op
  }

  // Defined in vector_cleanup.mlir.
  transform.named_sequence private @tg_vector_cleanup(%root: !transform.any_op {transform.readonly})

  transform.named_sequence @window_nhwc_main(%root: !transform.any_op {transform.readonly}) {
    %ops = transform.structured.match ops{["linalg.depthwise_conv_2d_nhwc_hwc", "linalg.pooling_nhwc_max"]} in %root
      : (!transform.any_op) -> !transform.any_op
    %rows = transform.param.constant 112 : i64 -> !transform.param<i64>
    %ow = transform.param.constant 8 : i64 -> !transform.param<i64>
    %c = transform.param.constant 32 : i64 -> !transform.param<i64>
    transform.foreach %ops : !transform.any_op {
    ^bb0(%one: !transform.any_op):
      %block_loop = transform.include @tg_window_nhwc failures(propagate) (%one, %rows, %ow, %c)
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>) -> !transform.any_op
    }
    transform.include @tg_vector_cleanup failures(propagate) (%root) : (!transform.any_op) -> ()
    transform.yield
  }
}
