// A two-layer perceptron classifying 784-pixel images into 10 classes, for any batch size:
// softmax(relu(x @ w1 + b1) @ w2 + b2).
//
//   tg-run examples/mlp.mlir --random-inputs --input-shape 32x784 --input-shape 784x256 \
//     --input-shape 256 --input-shape 256x10 --input-shape 10 --check
func.func @mlp(%x: tensor<?x784xf32>, %w1: tensor<784x256xf32>, %b1: tensor<256xf32>,
               %w2: tensor<256x10xf32>, %b2: tensor<10xf32>) -> tensor<?x10xf32> {
  %0 = "tg.matmul"(%x, %w1) : (tensor<?x784xf32>, tensor<784x256xf32>) -> tensor<?x256xf32>
  %1 = "tg.add"(%0, %b1) : (tensor<?x256xf32>, tensor<256xf32>) -> tensor<?x256xf32>
  %2 = "tg.relu"(%1) : (tensor<?x256xf32>) -> tensor<?x256xf32>
  %3 = "tg.matmul"(%2, %w2) : (tensor<?x256xf32>, tensor<256x10xf32>) -> tensor<?x10xf32>
  %4 = "tg.add"(%3, %b2) : (tensor<?x10xf32>, tensor<10xf32>) -> tensor<?x10xf32>
  %5 = "tg.softmax"(%4) {axis = -1 : i64} : (tensor<?x10xf32>) -> tensor<?x10xf32>
  return %5 : tensor<?x10xf32>
}
