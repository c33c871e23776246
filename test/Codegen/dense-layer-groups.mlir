// A dense layer on [batch, sequence, width] (the transformer's projections and feed-forward) is a 2-D
// packed matmul on the input collapsed to [batch * sequence, width], and its fusion group (bias, a
// residual of the result's shape) runs on the same collapsed view: one scf.forall whose blocks run the
// packed kernel (8 or 10 x 32 register tiles) and then the epilogue on the block, with no buffer but
// the group's. Only the group's result is expanded back to 3-D.
// RUN: tg-opt %s --tg-to-linalg --canonicalize --cse --tg-tile-fusion-groups --canonicalize --cse --tg-pack-weights --tg-register-matmuls --tg-cpu-schedule --canonicalize --cse --canonicalize --tg-bufferize --split-input-file | filecheck %s

// CHECK-LABEL: func.func @dense_bias_residual
// CHECK-SAME:    (%[[X:.*]]: memref<?x7x16xf32>, %[[R:.*]]: memref<?x7x32xf32>, %{{.*}}: memref<?x7x32xf32>)
// CHECK-DAG:     %[[X2:.*]] = memref.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : memref<?x7x16xf32> into memref<?x16xf32>
// CHECK-DAG:     %[[R2:.*]] = memref.collapse_shape %[[R]] {{\[}}[0, 1], [2]] : memref<?x7x32xf32> into memref<?x32xf32>
// CHECK-DAG:     %[[C:.*]] = memref.alloc(%{{.*}}) {{.*}} : memref<?x32xf32>
// CHECK:         scf.forall
// CHECK-NOT:       memref.alloc
// CHECK:           memref.subview %[[R2]]
// CHECK:           memref.subview %[[X2]]
// CHECK:           memref.subview %[[C]]
// CHECK-NOT:       memref.alloc
// CHECK:           scf.for {{.*}} iter_args(%{{.*}}) -> (vector<10x32xf32>)
// CHECK:             arith.mulf %{{.*}}, %{{.*}} fastmath<contract> : vector<10x32xf32>
// CHECK-NOT:       memref.alloc
// CHECK:           linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : memref<1x32xf32>, memref<?x32xf32, strided<[32, 1], offset: ?>>)
// CHECK:             arith.addf
// CHECK:             arith.addf
// CHECK:         memref.expand_shape %[[C]] {{\[}}[0, 1], [2]] output_shape [%{{.*}}, 7, 32] : memref<?x32xf32> into memref<?x7x32xf32>
func.func @dense_bias_residual(%x: tensor<?x7x16xf32>, %r: tensor<?x7x32xf32>) -> tensor<?x7x32xf32> {
  %w = arith.constant dense<0.5> : tensor<16x32xf32>
  %b = arith.constant dense<0.25> : tensor<32xf32>
  %0 = "tg.matmul"(%x, %w) {tg.fusion_group = 0 : i64} : (tensor<?x7x16xf32>, tensor<16x32xf32>) -> tensor<?x7x32xf32>
  %1 = "tg.add"(%0, %b) {tg.fusion_group = 0 : i64} : (tensor<?x7x32xf32>, tensor<32xf32>) -> tensor<?x7x32xf32>
  %2 = "tg.add"(%1, %r) {tg.fusion_group = 0 : i64} : (tensor<?x7x32xf32>, tensor<?x7x32xf32>) -> tensor<?x7x32xf32>
  return %2 : tensor<?x7x32xf32>
}

// -----

// An operand that broadcasts along some rows but not others ([?, 1, 32] against [?, 7, 32]) cannot
// be read on the collapsed view: the group keeps the 3-D epilogue, after the 2-D matmul expanded back.
// CHECK-LABEL: func.func @dense_row_broadcast
// CHECK:         linalg.generic {{.*}} ins(%{{.*}} : memref<?x1x32xf32>)
// CHECK-SAME:      outs(%{{.*}} : memref<?x7x32xf32>)
func.func @dense_row_broadcast(%x: tensor<?x7x16xf32>, %s: tensor<?x1x32xf32>) -> tensor<?x7x32xf32> {
  %w = arith.constant dense<0.5> : tensor<16x32xf32>
  %0 = "tg.matmul"(%x, %w) {tg.fusion_group = 0 : i64} : (tensor<?x7x16xf32>, tensor<16x32xf32>) -> tensor<?x7x32xf32>
  %1 = "tg.mul"(%0, %s) {tg.fusion_group = 0 : i64} : (tensor<?x7x32xf32>, tensor<?x1x32xf32>) -> tensor<?x7x32xf32>
  return %1 : tensor<?x7x32xf32>
}
