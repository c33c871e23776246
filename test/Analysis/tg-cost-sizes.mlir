// RUN: tg-opt %s --tg-cost="batch=4 n=9 peak-gflops=10 bandwidth-gbs=1" -o /dev/null 2>&1 | filecheck %s --check-prefix=SIZED
// RUN: not tg-opt %s --tg-cost -o /dev/null 2>&1 | filecheck %s --check-prefix=UNSIZED

// Dynamic dims given sizes by name (batch, from tg.dims) or as n (every unnamed dim): exact counts
// and times. 4 rows x 32 x 16 = 2048 MACs; 4 * 16 * 4 B in, 4 * 32 * 4 B out.
// SIZED-LABEL: @sized: 1 tg ops, batch=4, machine 10 GFLOP/s, 1 GB/s
// SIZED:       tg.matmul{{ +}}%0{{ +}}mm{{ +}}gemm{{ +}}tensor<4x32xf32>{{ +}}2048{{ +}}4096{{ +}}2.00 KiB{{ +}}768 B
func.func @sized(%x: tensor<?x16xf32> {tg.dims = ["batch", ""]}) -> tensor<?x32xf32> {
  %w = arith.constant dense<0.5> : tensor<16x32xf32>
  %0 = "tg.matmul"(%x, %w) : (tensor<?x16xf32>, tensor<16x32xf32>) -> tensor<?x32xf32> loc("mm")
  return %0 : tensor<?x32xf32>
}

// A stride-2 window over a dynamic spatial dim makes ceil-divisions: no polynomial fits, so the dim
// needs a size. With n = 9: (9 + 2 - 3) / 2 + 1 = 5, 25 outputs of 2 filters x 3 x 3 taps = 450 MACs.
// SIZED-LABEL: @strided: 1 tg ops, n=9
// SIZED:       tg.conv{{ +}}%0{{ +}}conv{{ +}}conv{{ +}}tensor<1x2x5x5xf32>{{ +}}450{{ +}}900
// UNSIZED:     error: @strided: the counts are not polynomials in n ({{.*}}): give sizes (n=...)
func.func @strided(%x: tensor<1x1x?x?xf32>) -> tensor<1x2x?x?xf32> {
  %w = arith.constant dense<0.5> : tensor<2x1x3x3xf32>
  %0 = "tg.conv"(%x, %w) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x1x?x?xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x?x?xf32> loc("conv")
  return %0 : tensor<1x2x?x?xf32>
}
