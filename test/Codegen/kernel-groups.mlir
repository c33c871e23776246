// Convolution and dense-layer fusion groups (the kernel, then bias + ReLU) through --tg-to-linalg's
// stages up to tg-bufferize: each block of the group's scf.forall runs the vectorized kernel straight
// into the output's block and then the epilogue on that same block, in place. No buffer holds the
// kernel's result; the only buffers are the ones a kernel needs for its input (a padded image, the
// gathered pixels of a strided 1x1 convolution), one a block, allocated before the kernel's loops.
// RUN: tg-opt %s --tg-to-linalg --tg-small-floats-to-apfloat --canonicalize --cse --tg-tile-fusion-groups --canonicalize --cse --tg-conv-to-matmul --tg-pack-weights --tg-register-matmuls --tg-cpu-schedule --canonicalize --cse --canonicalize --tg-bufferize --split-input-file | filecheck %s
// RUN: tg-opt %s --tg-to-linalg --tg-small-floats-to-apfloat --canonicalize --cse --tg-tile-fusion-groups=threads=2 --canonicalize --cse --tg-conv-to-matmul --tg-pack-weights --tg-register-matmuls --tg-cpu-schedule=threads=2 --canonicalize --cse --canonicalize --tg-bufferize --split-input-file | filecheck %s

// A 3x3 convolution without padding: no buffer at all.
// CHECK-LABEL: func.func @conv3x3_bias_relu
// CHECK-SAME:    (%{{.*}}: memref<2x9x9x16xf32>, %{{.*}}: memref<3x3x16x32xf32>, %[[OUT:.*]]: memref<2x7x7x32xf32>)
// CHECK-NOT:     memref.alloc
// CHECK:         scf.forall
// CHECK:           %[[BLOCK:.*]] = memref.subview %[[OUT]]
// CHECK-NOT:       memref.alloc
// CHECK:           scf.for {{.*}} iter_args(%{{.*}}) -> (vector<1x{{[0-9]+}}x{{[0-9]+}}xf32>)
// CHECK:             vector.fma
// CHECK-NOT:       memref.alloc
// CHECK:           linalg.generic {{.*}} outs(%[[BLOCK]] :
// CHECK:             arith.addf
// CHECK:             arith.maximumf
// CHECK-NOT:     memref.alloc
// CHECK:         return
func.func @conv3x3_bias_relu(%x: tensor<2x9x9x16xf32>, %w: tensor<3x3x16x32xf32>) -> tensor<2x7x7x32xf32> {
  %b = arith.constant dense<0.25> : tensor<1x1x1x32xf32>
  %0 = "tg.conv"(%x, %w) {layout = "nhwc", tg.fusion_group = 0 : i64} : (tensor<2x9x9x16xf32>, tensor<3x3x16x32xf32>) -> tensor<2x7x7x32xf32>
  %1 = "tg.add"(%0, %b) {tg.fusion_group = 0 : i64} : (tensor<2x7x7x32xf32>, tensor<1x1x1x32xf32>) -> tensor<2x7x7x32xf32>
  %2 = "tg.relu"(%1) {tg.fusion_group = 0 : i64} : (tensor<2x7x7x32xf32>) -> tensor<2x7x7x32xf32>
  return %2 : tensor<2x7x7x32xf32>
}

// -----

// Padded: one buffer a block, the padded image (or the block's rows of it, with their halo), filled
// and copied before the kernel's loops.
// CHECK-LABEL: func.func @conv3x3_padded_bias_relu
// CHECK-SAME:    (%{{.*}}: memref<2x8x8x16xf32>, %{{.*}}: memref<3x3x16x32xf32>, %[[OUT:.*]]: memref<2x8x8x32xf32>)
// CHECK-NOT:     memref.alloc
// CHECK:         scf.forall
// CHECK-NOT:       memref.alloc() {{.*}} : memref<{{.*}}x32xf32>
// CHECK:           memref.alloc() {{.*}} : memref<1x{{[0-9]+}}x10x16xf32>
// CHECK-NOT:       memref.alloc() {{.*}} : memref<{{.*}}x32xf32>
// CHECK:           memref.copy %{{.*}}, %{{.*}} : memref<1x{{[0-9?]+}}x8x16xf32, {{.*}}> to memref<1x{{[0-9?]+}}x8x16xf32, strided<[{{[0-9]+}}, 160, 16, 1], offset: {{[0-9?]+}}>>
// CHECK-NOT:       memref.alloc
// CHECK:           linalg.fill {{.*}} outs(%[[BLOCK:.*]] : memref<1x{{[0-9]+}}x8x32xf32, {{.*}}>)
// CHECK-NOT:       memref.alloc
// CHECK:           scf.for {{.*}} iter_args(%{{.*}}) -> (vector<1x{{[0-9]+}}x{{[0-9]+}}xf32>)
// CHECK:             vector.fma
// CHECK-NOT:       memref.alloc
// CHECK:           linalg.generic {{.*}} outs(%[[BLOCK]] :
// CHECK:             arith.maximumf
// CHECK-NOT:       memref.alloc
// CHECK:           memref.dealloc
// CHECK-NOT:     memref.alloc
// CHECK:         return
func.func @conv3x3_padded_bias_relu(%x: tensor<2x8x8x16xf32>, %w: tensor<3x3x16x32xf32>) -> tensor<2x8x8x32xf32> {
  %b = arith.constant dense<0.25> : tensor<1x1x1x32xf32>
  %0 = "tg.conv"(%x, %w) {layout = "nhwc", pads = array<i64: 1, 1, 1, 1>, tg.fusion_group = 0 : i64} : (tensor<2x8x8x16xf32>, tensor<3x3x16x32xf32>) -> tensor<2x8x8x32xf32>
  %1 = "tg.add"(%0, %b) {tg.fusion_group = 0 : i64} : (tensor<2x8x8x32xf32>, tensor<1x1x1x32xf32>) -> tensor<2x8x8x32xf32>
  %2 = "tg.relu"(%1) {tg.fusion_group = 0 : i64} : (tensor<2x8x8x32xf32>) -> tensor<2x8x8x32xf32>
  return %2 : tensor<2x8x8x32xf32>
}

// -----

// A 1x1 convolution: the packed matmul on the block's pixels as rows (collapsed views, no copy), its
// 32-wide register tiles written into the output block, then the epilogue there.
// CHECK-LABEL: func.func @conv1x1_bias_relu
// CHECK-SAME:    (%{{.*}}: memref<2x7x7x16xf32>, %[[OUT:.*]]: memref<2x7x7x32xf32>)
// CHECK-NOT:     memref.alloc
// CHECK:         scf.forall
// CHECK:           memref.subview %[[OUT]]
// CHECK-NOT:       memref.alloc
// CHECK:           memref.collapse_shape %{{.*}} {{\[}}[0, 1, 2], [3]]
// CHECK-NOT:       memref.alloc
// CHECK:           scf.for {{.*}} iter_args(%{{.*}}) -> (vector<{{[0-9]+}}x32xf32>)
// CHECK:             arith.addf %{{.*}}, %{{.*}} fastmath<contract> : vector<{{[0-9]+}}x32xf32>
// CHECK-NOT:       memref.alloc
// CHECK:           linalg.generic {{.*}} outs(%{{.*}} : memref<1x{{[0-9?]+}}x7x32xf32, {{.*}}>)
// CHECK:             arith.maximumf
// CHECK-NOT:     memref.alloc
// CHECK:         return
func.func @conv1x1_bias_relu(%x: tensor<2x7x7x16xf32>) -> tensor<2x7x7x32xf32> {
  %w = arith.constant dense<0.5> : tensor<1x1x16x32xf32>
  %b = arith.constant dense<0.25> : tensor<1x1x1x32xf32>
  %0 = "tg.conv"(%x, %w) {layout = "nhwc", tg.fusion_group = 0 : i64} : (tensor<2x7x7x16xf32>, tensor<1x1x16x32xf32>) -> tensor<2x7x7x32xf32>
  %1 = "tg.add"(%0, %b) {tg.fusion_group = 0 : i64} : (tensor<2x7x7x32xf32>, tensor<1x1x1x32xf32>) -> tensor<2x7x7x32xf32>
  %2 = "tg.relu"(%1) {tg.fusion_group = 0 : i64} : (tensor<2x7x7x32xf32>) -> tensor<2x7x7x32xf32>
  return %2 : tensor<2x7x7x32xf32>
}

// -----

// Stride 2: the block's pixels gathered into one contiguous buffer (the matmul's rows), nothing else.
// CHECK-LABEL: func.func @conv1x1_strided_bias_relu
// CHECK-SAME:    (%{{.*}}: memref<2x9x13x16xf32>, %[[OUT:.*]]: memref<2x5x7x32xf32>)
// CHECK-NOT:     memref.alloc
// CHECK:         scf.forall
// CHECK:           %[[ROWS:.*]] = memref.alloc({{.*}}) {{.*}} : memref<1x{{[0-9?]+}}x7x16xf32>
// CHECK-NOT:       memref.alloc
// CHECK:           scf.for {{.*}} iter_args(%{{.*}}) -> (vector<{{[0-9]+}}x32xf32>)
// CHECK-NOT:       memref.alloc
// CHECK:           linalg.generic {{.*}} outs(%{{.*}} : memref<1x{{[0-9?]+}}x7x32xf32, {{.*}}>)
// CHECK:             arith.maximumf
// CHECK-NOT:       memref.alloc
// CHECK:           memref.dealloc %[[ROWS]]
// CHECK-NOT:     memref.alloc
// CHECK:         return
func.func @conv1x1_strided_bias_relu(%x: tensor<2x9x13x16xf32>) -> tensor<2x5x7x32xf32> {
  %w = arith.constant dense<0.5> : tensor<1x1x16x32xf32>
  %b = arith.constant dense<0.25> : tensor<1x1x1x32xf32>
  %0 = "tg.conv"(%x, %w) {layout = "nhwc", strides = array<i64: 2, 2>, tg.fusion_group = 0 : i64} : (tensor<2x9x13x16xf32>, tensor<1x1x16x32xf32>) -> tensor<2x5x7x32xf32>
  %1 = "tg.add"(%0, %b) {tg.fusion_group = 0 : i64} : (tensor<2x5x7x32xf32>, tensor<1x1x1x32xf32>) -> tensor<2x5x7x32xf32>
  %2 = "tg.relu"(%1) {tg.fusion_group = 0 : i64} : (tensor<2x5x7x32xf32>) -> tensor<2x5x7x32xf32>
  return %2 : tensor<2x5x7x32xf32>
}

// -----

// A dense layer with a dynamic batch and N = 40 (a 32-wide panel and an 8-wide tail): both packed
// kernels and the epilogue on the group's block of rows, no buffer.
// CHECK-LABEL: func.func @dense_bias_relu
// CHECK-SAME:    (%{{.*}}: memref<?x64xf32>, %[[OUT:.*]]: memref<?x40xf32>)
// CHECK-NOT:     memref.alloc
// CHECK:         scf.forall
// CHECK:           %[[BLOCK:.*]] = memref.subview %[[OUT]]
// CHECK-NOT:       memref.alloc
// CHECK:           scf.for {{.*}} iter_args(%{{.*}}) -> (vector<{{[0-9]+}}x32xf32>)
// CHECK-NOT:       memref.alloc
// CHECK:           scf.for {{.*}} iter_args(%{{.*}}) -> (vector<{{[0-9]+}}x8xf32>)
// CHECK-NOT:       memref.alloc
// CHECK:           linalg.generic {{.*}} outs(%[[BLOCK]] :
// CHECK:             arith.maximumf
// CHECK-NOT:     memref.alloc
// CHECK:         return
func.func @dense_bias_relu(%x: tensor<?x64xf32>) -> tensor<?x40xf32> {
  %w = arith.constant dense<0.5> : tensor<64x40xf32>
  %b = arith.constant dense<0.25> : tensor<40xf32>
  %0 = "tg.matmul"(%x, %w) {tg.fusion_group = 0 : i64} : (tensor<?x64xf32>, tensor<64x40xf32>) -> tensor<?x40xf32>
  %1 = "tg.add"(%0, %b) {tg.fusion_group = 0 : i64} : (tensor<?x40xf32>, tensor<40xf32>) -> tensor<?x40xf32>
  %2 = "tg.relu"(%1) {tg.fusion_group = 0 : i64} : (tensor<?x40xf32>) -> tensor<?x40xf32>
  return %2 : tensor<?x40xf32>
}
