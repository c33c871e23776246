// Seeded random inputs (shapes given for the dynamic dims) checked against the NumPy reference of the
// tg ops: a two-layer MLP with a softmax head, batch 7.
// RUN: tg-run %s --random-inputs --seed 0 --input-shape 7x16 --input-shape 16x32 --input-shape 32 --input-shape 32x5 --check | filecheck %s

// CHECK:     output #0: tensor<7x5xf32>
// CHECK:     check: output #0 ok
// CHECK-NOT: FAILED
func.func @mlp_softmax(%x: tensor<?x16xf32>, %w1: tensor<16x32xf32>, %b1: tensor<32xf32>, %w2: tensor<32x5xf32>) -> tensor<?x5xf32> {
  %0 = "tg.matmul"(%x, %w1) : (tensor<?x16xf32>, tensor<16x32xf32>) -> tensor<?x32xf32>
  %1 = "tg.add"(%0, %b1) : (tensor<?x32xf32>, tensor<32xf32>) -> tensor<?x32xf32>
  %2 = "tg.gelu"(%1) : (tensor<?x32xf32>) -> tensor<?x32xf32>
  %3 = "tg.matmul"(%2, %w2) : (tensor<?x32xf32>, tensor<32x5xf32>) -> tensor<?x5xf32>
  %4 = "tg.softmax"(%3) {axis = -1 : i64} : (tensor<?x5xf32>) -> tensor<?x5xf32>
  return %4 : tensor<?x5xf32>
}
