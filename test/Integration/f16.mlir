// f16 inputs and outputs end to end. Sums accumulate in f32 and are rounded once: 2048 + 1 + 1 + 1 + 1
// is 2052 (exact in f16), where adding in f16 would stay at 2048 (2049 rounds back to 2048). The
// matmul [[0.5, 1.5], [2, -1]] @ [[1, 2], [3, 4]] = [[5, 7], [-1, 0]].
// RUN: tg-run %s --input '[[2048, 1, 1, 1, 1], [3, 0.5, 0.25, 0.125, 0.125]]' --input '[[0.5, 1.5], [2, -1]]' --input '[[1, 2], [3, 4]]' | filecheck %s

// CHECK:      output #0: tensor<2xf16>
// CHECK-NEXT: {{^}}[2.052e+03 4.000e+00]
// CHECK-NEXT: output #1: tensor<2x2xf16>
// CHECK-NEXT: {{^\[\[}} 5.  7.]
// CHECK-NEXT: {{^}} [-1.  0.]]
func.func @f16(%x: tensor<2x5xf16>, %a: tensor<2x2xf16>, %b: tensor<2x2xf16>) -> (tensor<2xf16>, tensor<2x2xf16>) {
  %0 = "tg.reduce_sum"(%x) {axes = array<i64: 1>} : (tensor<2x5xf16>) -> tensor<2xf16>
  %1 = "tg.matmul"(%a, %b) : (tensor<2x2xf16>, tensor<2x2xf16>) -> tensor<2x2xf16>
  return %0, %1 : tensor<2xf16>, tensor<2x2xf16>
}
