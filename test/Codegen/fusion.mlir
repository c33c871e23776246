// Fusion groups become one loop nest each, and their intermediates never reach memory.
// RUN: tg-opt %s --tg-fuse --tg-to-linalg --split-input-file | filecheck %s --check-prefix=LINALG
// RUN: tg-opt %s --tg-to-linalg --split-input-file | filecheck %s --check-prefix=NOFUSE
// RUN: tg-opt %s --split-input-file --pass-pipeline='builtin.module(tg-fuse, tg-to-linalg, tg-small-floats-to-apfloat, canonicalize, cse, tg-tile-fusion-groups, canonicalize, cse, tg-bufferize)' | filecheck %s --check-prefix=BUFFERS

// An elementwise chain is one generic computing every op in its body; the only buffer is the output.
// LINALG-LABEL: func.func @chain
// LINALG:         linalg.generic
// LINALG:           arith.mulf
// LINALG:           arith.addf
// LINALG:           math.tanh
// LINALG-NOT:     linalg.generic
// Without tg-fuse: an op, a loop nest and a tensor each.
// NOFUSE-LABEL: func.func @chain
// NOFUSE:         linalg.generic
// NOFUSE:         linalg.generic
// NOFUSE:         linalg.tanh
// BUFFERS-LABEL: func.func @chain
// BUFFERS-NOT:     memref.alloc
// BUFFERS:         linalg.generic
// BUFFERS-NOT:     linalg.generic
func.func @chain(%x: tensor<?x8xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<?x8xf32> {
  %0 = "tg.mul"(%x, %s) : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xf32>
  %1 = "tg.add"(%0, %b) : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xf32>
  %2 = "tg.tanh"(%1) : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %2 : tensor<?x8xf32>
}

// -----

// A matmul with its epilogue: the epilogue updates the matmul's output in place, both inside one
// scf.forall over row tiles; the result is written straight into the output argument.
// NOFUSE-LABEL: func.func @epilogue
// LINALG-LABEL: func.func @epilogue
// LINALG:         %[[MM:.*]] = linalg.matmul {tg.fusion_producer = array<i64: 0, 0>}
// LINALG:         linalg.generic {{.*}} outs(%[[MM]] : tensor<?x32xf32>) attrs = {tg.fusion_root = 0 : i64}
// LINALG:           arith.addf %out
// LINALG:           arith.maximumf
// BUFFERS-LABEL: func.func @epilogue
// BUFFERS-NOT:     memref.alloc
// BUFFERS:         scf.forall
// BUFFERS:           linalg.fill
// BUFFERS:           linalg.matmul
// BUFFERS:           linalg.generic
// BUFFERS-NOT:     memref.alloc
// BUFFERS:         return
func.func @epilogue(%x: tensor<?x64xf32>, %w: tensor<64x32xf32>, %b: tensor<32xf32>) -> tensor<?x32xf32> {
  %0 = "tg.matmul"(%x, %w) : (tensor<?x64xf32>, tensor<64x32xf32>) -> tensor<?x32xf32>
  %1 = "tg.add"(%0, %b) : (tensor<?x32xf32>, tensor<32xf32>) -> tensor<?x32xf32>
  %2 = "tg.relu"(%1) : (tensor<?x32xf32>) -> tensor<?x32xf32>
  return %2 : tensor<?x32xf32>
}

// -----

// Squares summed where they are computed: one generic with a reduction iterator, no tensor of squares.
// NOFUSE-LABEL: func.func @sum_of_squares
// LINALG-LABEL: func.func @sum_of_squares
// LINALG:         linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// LINALG:           arith.mulf %in, %in
// LINALG:           arith.addf
// LINALG-NOT:     linalg.reduce
// BUFFERS-LABEL: func.func @sum_of_squares
// BUFFERS-NOT:     memref.alloc
// BUFFERS:         return
func.func @sum_of_squares(%x: tensor<?x32xf32>) -> tensor<?xf32> {
  %0 = "tg.mul"(%x, %x) : (tensor<?x32xf32>, tensor<?x32xf32>) -> tensor<?x32xf32>
  %1 = "tg.reduce_sum"(%0) {axes = array<i64: 1>} : (tensor<?x32xf32>) -> tensor<?xf32>
  return %1 : tensor<?xf32>
}
