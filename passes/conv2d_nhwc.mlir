// The direct convolution kernel, channels last: linalg.conv_2d_nhwc_hwcf over
// (n, oh, ow, f, kh, kw, c), out[n, oh, ow, f] += in[n, oh*s + kh, ow*s + kw, c] * W[kh, kw, c, f].
//
// Loops, outermost first:
//   n, blocks of rows    an scf.forall (what threads share), or blocks of %fb filters with every
//                        row when the filter outweighs the image (%fb = 0: all the filters)
//   f tiles of F,
//   c blocks of Cb       the KH x KW x Cb x F slice of W stays in L1 while the block's rows pass
//                        (deep layers: a 3x3 x 512 x 32 slice is 590 KB, re-read from memory for
//                        every row when not blocked)
//   oh (one row)
//   ow tiles of OW       an OW x F tile of the output lives in registers across kh, kw and c
//   kh, kw, c tiles of C one step: a 1-D convolution (decomposed from the 2-D one), which
//                        vectorizes into C outer products of OW inputs by F filter values
// With C = 1 (what machine.py picks) a step is OW broadcasts, F / lanes loads and OW * F / lanes
// FMAs, as in the matmul kernel; a whole KW x C x F slice of W per step (kw not tiled) was loaded
// at once by LLVM and spilled.
// The sizes divide their dims (codegen/cpu_schedule.py picks them from machine.py), so every tile
// is static and vectorizes.
//
// @conv2d_nhwc_main runs it on every linalg.conv_2d_nhwc_hwcf with the sizes of a 56 x 56 x 64 ->
// 64 layer on a 32-register AVX-512 core, then @tg_vector_cleanup (vector_cleanup.mlir):
//   mlir-opt payload.mlir --transform-preload-library=transform-library-paths=passes \
//     --transform-interpreter=entry-point=conv2d_nhwc_main --canonicalize --cse --canonicalize
module attributes {transform.with_named_sequence} {
  transform.named_sequence @tg_conv2d_nhwc(%conv: !transform.any_op {transform.consumed},
      %rows: !transform.param<i64> {transform.readonly}, %fb: !transform.param<i64> {transform.readonly},
      %ow: !transform.param<i64> {transform.readonly},
      %f: !transform.param<i64> {transform.readonly}, %c: !transform.param<i64> {transform.readonly},
      %cb: !transform.param<i64> {transform.readonly}) -> !transform.any_op {
    %block, %row_blocks = transform.structured.tile_using_forall %conv tile_sizes [1, %rows, 0, %fb, 0, 0, 0]
      : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> (!transform.any_op, !transform.any_op)
    %filters, %f_tiles, %c_blocks = transform.structured.tile_using_for %block tile_sizes [0, 0, 0, %f, 0, 0, %cb]
      : (!transform.any_op, !transform.param<i64>, !transform.param<i64>) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    %tile, %oh_loop, %ow_loop = transform.structured.tile_using_for %filters tile_sizes [0, 1, %ow, 0, 0, 0, 0]
      : (!transform.any_op, !transform.param<i64>) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    %step, %kh_loop, %kw_loop, %c_loop = transform.structured.tile_using_for %tile tile_sizes [0, 0, 0, 0, 1, 1, %c]
      : (!transform.any_op, !transform.param<i64>) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    %conv_1d = transform.structured.decompose %step : (!transform.any_op) -> !transform.any_op
    transform.structured.vectorize %conv_1d : !transform.any_op
    transform.yield %row_blocks : !transform.any_op
  }

  // Defined in vector_cleanup.mlir.
  transform.named_sequence private @tg_vector_cleanup(%root: !transform.any_op {transform.readonly})

  transform.named_sequence @conv2d_nhwc_main(%root: !transform.any_op {transform.readonly}) {
    %convs = transform.structured.match ops{["linalg.conv_2d_nhwc_hwcf"]} in %root : (!transform.any_op) -> !transform.any_op
    %rows = transform.param.constant 56 : i64 -> !transform.param<i64>
    %fb = transform.param.constant 0 : i64 -> !transform.param<i64>
    %ow = transform.param.constant 4 : i64 -> !transform.param<i64>
    %f = transform.param.constant 64 : i64 -> !transform.param<i64>
    %c = transform.param.constant 1 : i64 -> !transform.param<i64>
    %cb = transform.param.constant 16 : i64 -> !transform.param<i64>
    transform.foreach %convs : !transform.any_op {
    ^bb0(%one: !transform.any_op):
      %block_loop = transform.include @tg_conv2d_nhwc failures(propagate) (%one, %rows, %fb, %ow, %f, %c, %cb)
        : (!transform.any_op, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>, !transform.param<i64>) -> !transform.any_op
    }
    transform.include @tg_vector_cleanup failures(propagate) (%root) : (!transform.any_op) -> ()
    transform.yield
  }
}
