// A dense layer end to end: relu(x @ w + b), compiled for the CPU and run by tg-run.
// Expected: row 0 is [1,2,3] @ w = [4, 5, 1, 0], plus b = [4.5, 4, 1, 0.25]; row 1 is [-1,0,1] @ w =
// [0, 1, 1, -2], plus b = [0.5, 0, 1, -1.75], relu clamps the last to 0.
// RUN: tg-run %s --input '[[1, 2, 3], [-1, 0, 1]]' --input '[[1, 0, -1, 2], [0, 1, 1, -1], [1, 1, 0, 0]]' --input '[0.5, -1, 0, 0.25]' | filecheck %s

// CHECK:      output #0: tensor<2x4xf32>
// CHECK-NEXT: {{^\[\[}}4.5  4.   1.   0.25]
// CHECK-NEXT: {{^}} [0.5  0.   1.   0.  ]]
func.func @mlp(%x: tensor<?x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.matmul"(%x, %w) : (tensor<?x3xf32>, tensor<3x4xf32>) -> tensor<?x4xf32>
  %1 = "tg.add"(%0, %b) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %2 = "tg.relu"(%1) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %2 : tensor<?x4xf32>
}
