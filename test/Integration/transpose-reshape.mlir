// transpose then reshape, end to end, on x = arange(12) as 2x3x2: swapping the last two dims makes
// each batch [[0, 2, 4], [1, 3, 5]] (+6 for the second), which the reshape flattens into rows of 6.
// RUN: tg-run %s --input '[[[0, 1], [2, 3], [4, 5]], [[6, 7], [8, 9], [10, 11]]]' | filecheck %s

// CHECK:      output #0: tensor<2x6xf32>
// CHECK-NEXT: {{^\[\[}} 0.  2.  4.  1.  3.  5.]
// CHECK-NEXT: {{^}} [ 6.  8. 10.  7.  9. 11.]]
func.func @transpose_reshape(%x: tensor<?x3x2xf32>) -> tensor<?x6xf32> {
  %0 = "tg.transpose"(%x) {perm = array<i64: 0, 2, 1>} : (tensor<?x3x2xf32>) -> tensor<?x2x3xf32>
  %1 = "tg.reshape"(%0) : (tensor<?x2x3xf32>) -> tensor<?x6xf32>
  return %1 : tensor<?x6xf32>
}
