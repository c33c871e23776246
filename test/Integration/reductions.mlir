// Reductions end to end, with and without keepdims, on x = [[1, 2, 3], [4, 5, 6]]: row sums kept as a
// column (6, 15), column means (2.5, 3.5, 4.5), the max of everything kept as 1x1 (6), the mean of
// everything as a scalar (21 / 6 = 3.5).
// RUN: tg-run %s --input '[[1, 2, 3], [4, 5, 6]]' | filecheck %s

// CHECK:      output #0: tensor<2x1xf32>
// CHECK-NEXT: {{^\[\[}} 6.]
// CHECK-NEXT: {{^}} [15.]]
// CHECK-NEXT: output #1: tensor<3xf32>
// CHECK-NEXT: {{^}}[2.5 3.5 4.5]
// CHECK-NEXT: output #2: tensor<1x1xf32>
// CHECK-NEXT: {{^\[\[}}6.]]
// CHECK-NEXT: output #3: tensor<f32>
// CHECK-NEXT: {{^}}3.5{{$}}
func.func @reductions(%x: tensor<?x3xf32>) -> (tensor<?x1xf32>, tensor<3xf32>, tensor<1x1xf32>, tensor<f32>) {
  %0 = "tg.reduce_sum"(%x) {axes = array<i64: 1>, keepdims = true} : (tensor<?x3xf32>) -> tensor<?x1xf32>
  %1 = "tg.reduce_mean"(%x) {axes = array<i64: 0>} : (tensor<?x3xf32>) -> tensor<3xf32>
  %2 = "tg.reduce_max"(%x) {axes = array<i64: 0, 1>, keepdims = true} : (tensor<?x3xf32>) -> tensor<1x1xf32>
  %3 = "tg.reduce_mean"(%x) {axes = array<i64: 0, 1>} : (tensor<?x3xf32>) -> tensor<f32>
  return %0, %1, %2, %3 : tensor<?x1xf32>, tensor<3xf32>, tensor<1x1xf32>, tensor<f32>
}
