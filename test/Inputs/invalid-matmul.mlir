// Input for test/Integration/bad-input.mlir: a matmul whose contracted dims differ (line 4).
func.func @bad(%x: tensor<2x3xf32>, %y: tensor<4x5xf32>) -> tensor<2x5xf32> {
  // The next op is ill-formed.
  %0 = "tg.matmul"(%x, %y) : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}
