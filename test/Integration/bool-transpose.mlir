// Bool tensors end to end (stored as bytes inside): the transpose of [[T, F, T], [F, F, T]] is
// [[T, F], [F, F], [T, T]], returned as a NumPy bool array.
// RUN: tg-run %s --entry bool_transpose --input '[[True, False, True], [False, False, True]]' | filecheck %s
// A bool constant (not a splat) takes the same path with no inputs.
// RUN: tg-run %s --entry bool_constant | filecheck %s --check-prefix=CONST

// CHECK:      output #0: tensor<3x2xi1>
// CHECK-NEXT: {{^\[\[}} True False]
// CHECK-NEXT: {{^}} [False False]
// CHECK-NEXT: {{^}} [ True  True]]
func.func @bool_transpose(%x: tensor<2x3xi1>) -> tensor<3x2xi1> {
  %0 = "tg.transpose"(%x) {perm = array<i64: 1, 0>} : (tensor<2x3xi1>) -> tensor<3x2xi1>
  return %0 : tensor<3x2xi1>
}

// CONST:      output #0: tensor<3x2xi1>
// CONST-NEXT: {{^\[\[}} True False]
// CONST-NEXT: {{^}} [False False]
// CONST-NEXT: {{^}} [ True  True]]
func.func @bool_constant() -> tensor<3x2xi1> {
  %c = arith.constant dense<[[true, false, true], [false, false, true]]> : tensor<2x3xi1>
  %0 = "tg.transpose"(%c) {perm = array<i64: 1, 0>} : (tensor<2x3xi1>) -> tensor<3x2xi1>
  return %0 : tensor<3x2xi1>
}
