// RUN: tg-opt %s --tg-cost="peak-gflops=10 bandwidth-gbs=1" --split-input-file -o /dev/null 2>&1 | filecheck %s --check-prefix=TABLE
// RUN: tg-opt %s --tg-cost="format=json peak-gflops=10 bandwidth-gbs=1" --split-input-file -o /dev/null 2>&1 | filecheck %s --check-prefix=JSON
// RUN: tg-opt %s --tg-cost="format=csv peak-gflops=10 bandwidth-gbs=1" --split-input-file -o /dev/null 2>&1 | filecheck %s --check-prefix=CSV
// RUN: tg-opt %s --tg-cost --split-input-file 2>/dev/null | filecheck %s --check-prefix=IR
// RUN: not tg-opt %s --tg-cost="bogus=3" --split-input-file -o /dev/null 2>&1 | filecheck %s --check-prefix=UNKNOWN

// The pass reports and leaves the IR as it was.
// IR-LABEL: func.func @matmul
// IR:         "tg.matmul"
// IR-LABEL: func.func @dynamic
// IR:         "tg.matmul"(%arg0, %cst) : (tensor<?x16xf32>, tensor<16x32xf32>) -> tensor<?x32xf32>

// Sizes must name a dynamic dim.
// UNKNOWN: error: no dynamic dim is named 'bogus' (dims: none: every dim is static)
// UNKNOWN: error: no dynamic dim is named 'bogus' (dims: batch)

// Counts computed by hand: a machine of 10 GFLOP/s and 1 GB/s makes 1 FLOP 0.1 ns and 1 byte 1 ns.

// 8x16 times a 16x32 constant: 8*32*16 = 4096 MACs, 8192 FLOPs; the weight is 16*32*4 = 2048 B; the
// activations are 8*16*4 = 512 B read and 8*32*4 = 1024 B written. 8192 FLOPs / 3584 B = 2.29 FLOP/B:
// memory-bound, 3584 ns (computing would take 819 ns).
// TABLE-LABEL: @matmul: 1 tg ops, machine 10 GFLOP/s, 1 GB/s
// TABLE:       tg.matmul{{ +}}%0{{ +}}mm{{ +}}gemm{{ +}}tensor<8x32xf32>{{ +}}4096{{ +}}8192{{ +}}2.00 KiB{{ +}}1.50 KiB{{ +}}2.29{{ +}}memory{{ +}}3.58 us{{ +}}100.0%
// TABLE:       weights read: 512 elements, 2.00 KiB
// JSON-LABEL:  "function": "matmul"
// JSON:        "op": "tg.matmul",
// JSON:        "class": "gemm",
// JSON:        "macs": 4096,
// JSON-NEXT:   "flops": 8192,
// JSON-NEXT:   "weight_bytes": 2048,
// JSON-NEXT:   "activation_bytes": 1536,
// JSON-NEXT:   "bytes": 3584,
// JSON:        "time_s": 3.584e-06,
// JSON-NEXT:   "bound": "memory"
// CSV-LABEL:   function,op,value,node,class,group,result,macs,flops,weight_bytes,activation_bytes,intensity,bound,time_s
// CSV-NEXT:    matmul,tg.matmul,%0,mm,gemm,,tensor<8x32xf32>,4096,8192,2048,1536,2.28571,memory,3.584e-06
func.func @matmul(%x: tensor<8x16xf32>) -> tensor<8x32xf32> {
  %w = arith.constant dense<0.5> : tensor<16x32xf32>
  %0 = "tg.matmul"(%x, %w) : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32> loc("mm")
  return %0 : tensor<8x32xf32>
}

// -----

// One row against the same weight is a matrix-vector product: 32*16 = 512 MACs, and every weight
// byte is read for one use (1024 FLOPs for 2048 + 64 + 128 B: 0.46 FLOP/B).
// TABLE-LABEL: @gemv: 2 tg ops
// TABLE:       tg.matmul{{ +}}%0{{ +}}row{{ +}}gemv{{ +}}tensor<1x32xf32>{{ +}}512{{ +}}1024{{ +}}2.00 KiB{{ +}}192 B{{ +}}0.457{{ +}}memory{{ +}}2.24 us
// A 1-D right operand is a vector too: 16*32 = 512 MACs, all of them activations (2048 + 128 + 64 B).
// TABLE:       tg.matmul{{ +}}%1{{ +}}column{{ +}}gemv{{ +}}tensor<16xf32>{{ +}}512{{ +}}1024{{ +}}0 B{{ +}}2.19 KiB{{ +}}0.457{{ +}}memory{{ +}}2.24 us
// JSON-LABEL:  "function": "gemv"
// JSON:        "class": "gemv",
// JSON-NEXT:   "group": null,
// JSON-NEXT:   "result": "tensor<1x32xf32>",
// JSON-NEXT:   "macs": 512,
// JSON-NEXT:   "flops": 1024,
// JSON-NEXT:   "weight_bytes": 2048,
// JSON-NEXT:   "activation_bytes": 192,
func.func @gemv(%x: tensor<1x16xf32>, %m: tensor<16x32xf32>, %v: tensor<32xf32>) -> (tensor<1x32xf32>, tensor<16xf32>) {
  %w = arith.constant dense<0.5> : tensor<16x32xf32>
  %0 = "tg.matmul"(%x, %w) : (tensor<1x16xf32>, tensor<16x32xf32>) -> tensor<1x32xf32> loc("row")
  %1 = "tg.matmul"(%m, %v) : (tensor<16x32xf32>, tensor<32xf32>) -> tensor<16xf32> loc("column")
  return %0, %1 : tensor<1x32xf32>, tensor<16xf32>
}

// -----

// 3x3 convolution, stride 2, padding 1: 8x8 -> (8 + 2 - 3) / 2 + 1 = 4x4 outputs of 4 filters, each a
// window of 3 channels x 9 taps: 64 * 27 = 1728 MACs. Weights 4*3*3*3*4 = 432 B; activations
// 3*8*8*4 = 768 B in and 4*4*4*4 = 256 B out.
// TABLE-LABEL: @conv_stride_pad: 1 tg ops
// TABLE:       tg.conv{{ +}}%0{{ +}}conv{{ +}}conv{{ +}}tensor<1x4x4x4xf32>{{ +}}1728{{ +}}3456{{ +}}432 B{{ +}}1.00 KiB{{ +}}2.37{{ +}}memory{{ +}}1.46 us
// JSON-LABEL:  "function": "conv_stride_pad"
// JSON:        "class": "conv",
// JSON:        "macs": 1728,
// JSON-NEXT:   "flops": 3456,
// JSON-NEXT:   "weight_bytes": 432,
// JSON-NEXT:   "activation_bytes": 1024,
func.func @conv_stride_pad(%x: tensor<1x3x8x8xf32>) -> tensor<1x4x4x4xf32> {
  %w = arith.constant dense<0.5> : tensor<4x3x3x3xf32>
  %0 = "tg.conv"(%x, %w) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32> loc("conv")
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// Depthwise: 8 groups of one channel each; 8*10*10 = 800 outputs of 9 taps: 7200 MACs. Weights
// 8*9*4 = 288 B; activations 800*4 in and out = 6400 B.
// TABLE-LABEL: @depthwise: 1 tg ops
// TABLE:       tg.conv{{ +}}%0{{ +}}dw{{ +}}conv{{ +}}tensor<1x8x10x10xf32>{{ +}}7200{{ +}}14.4K{{ +}}288 B{{ +}}6.25 KiB{{ +}}2.15{{ +}}memory{{ +}}6.69 us
// JSON-LABEL:  "function": "depthwise"
// JSON:        "macs": 7200,
// JSON-NEXT:   "flops": 14400,
// JSON-NEXT:   "weight_bytes": 288,
// JSON-NEXT:   "activation_bytes": 6400,
func.func @depthwise(%x: tensor<1x8x10x10xf32>) -> tensor<1x8x10x10xf32> {
  %w = arith.constant dense<0.5> : tensor<8x1x3x3xf32>
  %0 = "tg.conv"(%x, %w) {groups = 8 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x10x10xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x10x10xf32> loc("dw")
  return %0 : tensor<1x8x10x10xf32>
}

// -----

// Softmax over 2x10: five operations an element (max, subtract, exp, sum, divide) = 100 FLOPs;
// 80 B in and 80 B out. A reduction, memory-bound.
// TABLE-LABEL: @softmax: 1 tg ops
// TABLE:       tg.softmax{{ +}}%0{{ +}}sm{{ +}}reduction{{ +}}tensor<2x10xf32>{{ +}}0{{ +}}100{{ +}}0 B{{ +}}160 B{{ +}}0.625{{ +}}memory{{ +}}160 ns
// JSON-LABEL:  "function": "softmax"
// JSON:        "class": "reduction",
// JSON:        "macs": 0,
// JSON-NEXT:   "flops": 100,
// JSON-NEXT:   "weight_bytes": 0,
// JSON-NEXT:   "activation_bytes": 160,
func.func @softmax(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  %0 = "tg.softmax"(%x) {axis = -1 : i64} : (tensor<2x10xf32>) -> tensor<2x10xf32> loc("sm")
  return %0 : tensor<2x10xf32>
}

// -----

// Sorted by estimated time: the 1 MiB transpose (1048576 ns) before the small matmul; a reshape is a
// view and moves nothing. Classes add up by time.
// TABLE-LABEL: @sorted: 3 tg ops
// TABLE-NEXT:  op{{ +}}value{{ +}}node{{ +}}class{{ +}}group{{ +}}result{{ +}}MACs{{ +}}FLOPs{{ +}}weights{{ +}}activations{{ +}}FLOP/B{{ +}}bound{{ +}}time{{ +}}share
// TABLE-NEXT:  tg.transpose{{ +}}%1{{ +}}t{{ +}}data movement{{ +}}tensor<256x512xf32>{{ +}}0{{ +}}0{{ +}}0 B{{ +}}1.00 MiB{{ +}}0{{ +}}memory{{ +}}1.05 ms
// TABLE-NEXT:  tg.matmul{{ +}}%0{{ +}}mm
// TABLE-NEXT:  tg.reshape{{ +}}%2{{ +}}r{{ +}}data movement{{ +}}tensor<131072xf32>{{ +}}0{{ +}}0{{ +}}0 B{{ +}}0 B{{ +}}-{{ +}}memory{{ +}}0 ns{{ +}}0.0%
// TABLE-NEXT:  total
// TABLE-NEXT:  time by class: data movement (2 ops) {{.*}}, gemm (1 ops)
func.func @sorted(%x: tensor<512x256xf32>, %a: tensor<4x4xf32>) -> (tensor<131072xf32>, tensor<4x4xf32>) {
  %0 = "tg.matmul"(%a, %a) : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32> loc("mm")
  %1 = "tg.transpose"(%x) {perm = array<i64: 1, 0>} : (tensor<512x256xf32>) -> tensor<256x512xf32> loc("t")
  %2 = "tg.reshape"(%1) : (tensor<256x512xf32>) -> tensor<131072xf32> loc("r")
  return %2, %0 : tensor<131072xf32>, tensor<4x4xf32>
}

// -----

// A fusion group keeps its intermediate in registers: the matmul writes nothing, the add reads only
// the bias (a weight) and writes the result.
// TABLE-LABEL: @fused: 2 tg ops
// TABLE:       tg.matmul{{ +}}%0{{ +}}mm{{ +}}gemm{{ +}}0{{ +}}tensor<8x32xf32>{{ +}}4096{{ +}}8192{{ +}}2.00 KiB{{ +}}512 B
// TABLE:       tg.add{{ +}}%1{{ +}}bias{{ +}}elementwise{{ +}}0{{ +}}tensor<8x32xf32>{{ +}}0{{ +}}256{{ +}}128 B{{ +}}1.00 KiB
func.func @fused(%x: tensor<8x16xf32>) -> tensor<8x32xf32> {
  %w = arith.constant dense<0.5> : tensor<16x32xf32>
  %b = arith.constant dense<0.25> : tensor<32xf32>
  %0 = "tg.matmul"(%x, %w) {tg.fusion_group = 0 : i64} : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32> loc("mm")
  %1 = "tg.add"(%0, %b) {tg.fusion_group = 0 : i64} : (tensor<8x32xf32>, tensor<32xf32>) -> tensor<8x32xf32> loc("bias")
  return %1 : tensor<8x32xf32>
}

// -----

// A dynamic dim without a size stays a symbol: the counts are polynomials in it, and no times are given.
// TABLE-LABEL: @dynamic: 1 tg ops, counts as polynomials in batch, machine 10 GFLOP/s, 1 GB/s
// TABLE:       tg.matmul{{ +}}%0{{ +}}mm{{ +}}gemm{{ +}}tensor<?x32xf32>{{ +}}512*batch{{ +}}1024*batch{{ +}}2.00 KiB{{ +}}192*batch B
// TABLE-NOT:   memory
// TABLE:       FLOPs by class: gemm (1 ops) 1024*batch
// JSON-LABEL:  "function": "dynamic"
// JSON:        "symbols": [
// JSON-NEXT:     "batch"
// JSON:        "macs": "512*batch",
// JSON-NEXT:   "flops": "1024*batch",
// JSON-NEXT:   "weight_bytes": 2048,
// JSON-NEXT:   "activation_bytes": "192*batch",
// CSV-LABEL:   function,op
// CSV:         dynamic,tg.matmul,%0,mm,gemm,,tensor<?x32xf32>,512*batch,1024*batch,2048,192*batch
func.func @dynamic(%x: tensor<?x16xf32> {tg.dims = ["batch", ""]}) -> tensor<?x32xf32> {
  %w = arith.constant dense<0.5> : tensor<16x32xf32>
  %0 = "tg.matmul"(%x, %w) : (tensor<?x16xf32>, tensor<16x32xf32>) -> tensor<?x32xf32> loc("mm")
  return %0 : tensor<?x32xf32>
}
