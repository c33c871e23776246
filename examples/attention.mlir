// A transformer self-attention block: four heads of 16 over a model width of 64 and sequences of 128,
// for any batch size, followed by the residual add and a layer norm.
//
//   q, k, v = x @ wq, x @ wk, x @ wv                 split into heads: [batch, 4, 128, 16]
//   p = softmax(q @ k^T / sqrt(16))                  [batch, 4, 128, 128]
//   h = merge_heads(p @ v) @ wo                      [batch, 128, 64]
//   y = layer_norm(x + h) * gamma + beta
func.func @attention(%x: tensor<?x128x64xf32>, %wq: tensor<64x64xf32>, %wk: tensor<64x64xf32>,
                     %wv: tensor<64x64xf32>, %wo: tensor<64x64xf32>, %gamma: tensor<64xf32>,
                     %beta: tensor<64xf32>) -> tensor<?x128x64xf32> {
  %q = "tg.matmul"(%x, %wq) : (tensor<?x128x64xf32>, tensor<64x64xf32>) -> tensor<?x128x64xf32>
  %k = "tg.matmul"(%x, %wk) : (tensor<?x128x64xf32>, tensor<64x64xf32>) -> tensor<?x128x64xf32>
  %v = "tg.matmul"(%x, %wv) : (tensor<?x128x64xf32>, tensor<64x64xf32>) -> tensor<?x128x64xf32>

  // Split the width into heads; keys are transposed for the score product.
  %q4 = "tg.reshape"(%q) : (tensor<?x128x64xf32>) -> tensor<?x128x4x16xf32>
  %qh = "tg.transpose"(%q4) {perm = array<i64: 0, 2, 1, 3>} : (tensor<?x128x4x16xf32>) -> tensor<?x4x128x16xf32>
  %k4 = "tg.reshape"(%k) : (tensor<?x128x64xf32>) -> tensor<?x128x4x16xf32>
  %kt = "tg.transpose"(%k4) {perm = array<i64: 0, 2, 3, 1>} : (tensor<?x128x4x16xf32>) -> tensor<?x4x16x128xf32>
  %v4 = "tg.reshape"(%v) : (tensor<?x128x64xf32>) -> tensor<?x128x4x16xf32>
  %vh = "tg.transpose"(%v4) {perm = array<i64: 0, 2, 1, 3>} : (tensor<?x128x4x16xf32>) -> tensor<?x4x128x16xf32>

  %scores = "tg.matmul"(%qh, %kt) : (tensor<?x4x128x16xf32>, tensor<?x4x16x128xf32>) -> tensor<?x4x128x128xf32>
  %scale = arith.constant dense<0.25> : tensor<f32>
  %scaled = "tg.mul"(%scores, %scale) : (tensor<?x4x128x128xf32>, tensor<f32>) -> tensor<?x4x128x128xf32>
  %p = "tg.softmax"(%scaled) {axis = -1 : i64} : (tensor<?x4x128x128xf32>) -> tensor<?x4x128x128xf32>
  %o = "tg.matmul"(%p, %vh) : (tensor<?x4x128x128xf32>, tensor<?x4x128x16xf32>) -> tensor<?x4x128x16xf32>

  // Merge the heads back and project.
  %ot = "tg.transpose"(%o) {perm = array<i64: 0, 2, 1, 3>} : (tensor<?x4x128x16xf32>) -> tensor<?x128x4x16xf32>
  %merged = "tg.reshape"(%ot) : (tensor<?x128x4x16xf32>) -> tensor<?x128x64xf32>
  %h = "tg.matmul"(%merged, %wo) : (tensor<?x128x64xf32>, tensor<64x64xf32>) -> tensor<?x128x64xf32>
  %r = "tg.add"(%x, %h) : (tensor<?x128x64xf32>, tensor<?x128x64xf32>) -> tensor<?x128x64xf32>

  // Layer norm over the width: (r - mean) / sqrt(var + 1e-5) * gamma + beta.
  %mean = "tg.reduce_mean"(%r) {axes = array<i64: -1>, keepdims = true} : (tensor<?x128x64xf32>) -> tensor<?x128x1xf32>
  %c = "tg.sub"(%r, %mean) : (tensor<?x128x64xf32>, tensor<?x128x1xf32>) -> tensor<?x128x64xf32>
  %sq = "tg.mul"(%c, %c) : (tensor<?x128x64xf32>, tensor<?x128x64xf32>) -> tensor<?x128x64xf32>
  %var = "tg.reduce_mean"(%sq) {axes = array<i64: -1>, keepdims = true} : (tensor<?x128x64xf32>) -> tensor<?x128x1xf32>
  %eps = arith.constant dense<1.0e-05> : tensor<f32>
  %ve = "tg.add"(%var, %eps) : (tensor<?x128x1xf32>, tensor<f32>) -> tensor<?x128x1xf32>
  %sd = "tg.sqrt"(%ve) : (tensor<?x128x1xf32>) -> tensor<?x128x1xf32>
  %n = "tg.div"(%c, %sd) : (tensor<?x128x64xf32>, tensor<?x128x1xf32>) -> tensor<?x128x64xf32>
  %g = "tg.mul"(%n, %gamma) : (tensor<?x128x64xf32>, tensor<64xf32>) -> tensor<?x128x64xf32>
  %y = "tg.add"(%g, %beta) : (tensor<?x128x64xf32>, tensor<64xf32>) -> tensor<?x128x64xf32>
  return %y : tensor<?x128x64xf32>
}
