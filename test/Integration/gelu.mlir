// GELU, exact (erf) and tanh-approximated, end to end. Expected values from Python's math module in
// float64: x/2 * (1 + erf(x/sqrt(2))) and x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))).
// RUN: tg-run %s --entry gelu_exact --input '[-3, -1, -0.5, 0, 0.5, 1, 2, 3]' | filecheck %s --check-prefix=EXACT
// RUN: tg-run %s --entry gelu_tanh --input '[-3, -1, -0.5, 0, 0.5, 1, 2, 3]' | filecheck %s --check-prefix=TANH

// f32 erf is a polynomial within 6 ulps (--tg-approximate-math): digits past the sixth may differ.
// EXACT:      output #0: tensor<8xf32>
// EXACT-NEXT: {{^}}[-0.00405  -0.158655 -0.154269  0.        0.345731  0.841345  1.9545
// EXACT-NEXT: {{^}}  2.99595{{[0-9]?}}]
func.func @gelu_exact(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = "tg.gelu"(%x) : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// TANH:      output #0: tensor<8xf32>
// TANH-NEXT: {{^}}[-0.003637 -0.158808 -0.154286  0.        0.345714  0.841192  1.954598
// TANH-NEXT: {{^}}  2.996363]
func.func @gelu_tanh(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = "tg.gelu"(%x) {approximate = "tanh"} : (tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}
