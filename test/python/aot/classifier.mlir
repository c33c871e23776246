// A linear classifier with its weights inside, for any batch size: class probabilities
// softmax(x @ w + b) and the most probable class. The model of classifier_example.c (test_aot.py).
func.func @classify(%x: tensor<?x4xf32>) -> (tensor<?x3xf32>, tensor<?xi64>) {
  %w = arith.constant dense<[[0.5, -1.0, 0.25], [1.5, 0.0, -0.5], [-2.0, 1.0, 0.75], [0.125, 0.5, -1.25]]> : tensor<4x3xf32>
  %b = arith.constant dense<[0.1, -0.2, 0.3]> : tensor<3xf32>
  %0 = "tg.matmul"(%x, %w) : (tensor<?x4xf32>, tensor<4x3xf32>) -> tensor<?x3xf32>
  %1 = "tg.add"(%0, %b) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %2 = "tg.softmax"(%1) {axis = -1 : i64} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %3 = "tg.argmax"(%2) {axis = -1 : i64, keepdims = false} : (tensor<?x3xf32>) -> tensor<?xi64>
  return %2, %3 : tensor<?x3xf32>, tensor<?xi64>
}
