// softmax over rows, end to end. Expected from NumPy (exp(x - max) / sum), e.g. row 0 is
// [e^-2, e^-1, 1] / 1.503214; a constant row gives 1/3 each.
// RUN: tg-run %s --input '[[1, 2, 3], [0, 0, 0], [-1, 5, 2]]' | filecheck %s

// CHECK:      output #0: tensor<3x3xf32>
// CHECK-NEXT: {{^\[\[}}0.090031 0.244728 0.665241]
// CHECK-NEXT: {{^}} [0.333333 0.333333 0.333333]
// CHECK-NEXT: {{^}} [0.002356 0.95033  0.047314]]
func.func @softmax_rows(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = "tg.softmax"(%x) {axis = -1 : i64} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}
