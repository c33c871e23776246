// --tg-bufferize after tg-to-linalg and cleanup: the last op of each result computes straight into the
// caller's output argument (no alloc, no copy), intermediates get one alloc and one dealloc, inputs are
// read in place, and reshapes stay views.
// RUN: tg-opt %s --tg-to-linalg --canonicalize --cse --tg-bufferize --split-input-file | filecheck %s

// A single op writes into the output argument.
// CHECK-LABEL: func.func @single_op
// CHECK-SAME:    (%[[X:.*]]: memref<?x8xf32>, %[[OUT:.*]]: memref<?x8xf32>) attributes {llvm.emit_c_interface}
// CHECK-NOT:     memref.alloc
// CHECK-NOT:     memref.copy
// CHECK:         linalg.exp ins(%[[X]] : memref<?x8xf32>) outs(%[[OUT]] : memref<?x8xf32>)
// CHECK-NOT:     memref.alloc
// CHECK-NOT:     memref.copy
// CHECK-NOT:     bufferization.
// CHECK-NOT:     tensor.
// CHECK:         return
func.func @single_op(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = "tg.exp"(%x) : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

// An elementwise chain: one buffer for the intermediates (reused in place), the last op writes the
// output, the buffer is freed.
// CHECK-LABEL: func.func @elementwise_chain
// CHECK-SAME:    (%[[X:.*]]: memref<4x8xf32>, %[[B:.*]]: memref<8xf32>, %[[OUT:.*]]: memref<4x8xf32>)
// CHECK:         %[[TMP:.*]] = memref.alloc() {{.*}} : memref<4x8xf32>
// CHECK-NOT:     memref.alloc
// CHECK:         linalg.generic {{.*}} ins(%[[X]], %[[B]] : memref<4x8xf32>, memref<8xf32>) outs(%[[TMP]] : memref<4x8xf32>)
// CHECK:           arith.addf
// CHECK:         linalg.generic {{.*}} ins(%[[TMP]] : memref<4x8xf32>) outs(%[[TMP]] : memref<4x8xf32>)
// CHECK:           arith.maximumf
// CHECK:         linalg.exp ins(%[[TMP]] : memref<4x8xf32>) outs(%[[OUT]] : memref<4x8xf32>)
// CHECK-NOT:     memref.copy
// CHECK:         memref.dealloc %[[TMP]] : memref<4x8xf32>
// CHECK-NEXT:    return
func.func @elementwise_chain(%x: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %0 = "tg.add"(%x, %b) : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %1 = "tg.relu"(%0) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %2 = "tg.exp"(%1) : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}

// -----

// matmul + bias + relu with a dynamic batch: the accumulator is allocated with the batch size read from
// the input memref, filled, and freed after relu wrote the output.
// CHECK-LABEL: func.func @mlp
// CHECK-SAME:    (%[[X:.*]]: memref<?x4xf32>, %[[W:.*]]: memref<4x8xf32>, %[[B:.*]]: memref<8xf32>, %[[OUT:.*]]: memref<?x8xf32>)
// CHECK:         %[[N:.*]] = memref.dim %[[X]], %{{.*}} : memref<?x4xf32>
// CHECK:         %[[ACC:.*]] = memref.alloc(%[[N]]) {{.*}} : memref<?x8xf32>
// CHECK:         linalg.fill ins(%{{.*}} : f32) outs(%[[ACC]] : memref<?x8xf32>)
// CHECK:         linalg.matmul ins(%[[X]], %[[W]] : memref<?x4xf32>, memref<4x8xf32>) outs(%[[ACC]] : memref<?x8xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[ACC]], %[[B]] : memref<?x8xf32>, memref<8xf32>) outs(%[[ACC]] : memref<?x8xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[ACC]] : memref<?x8xf32>) outs(%[[OUT]] : memref<?x8xf32>)
// CHECK:         memref.dealloc %[[ACC]] : memref<?x8xf32>
func.func @mlp(%x: tensor<?x4xf32>, %w: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<?x8xf32> {
  %0 = "tg.matmul"(%x, %w) : (tensor<?x4xf32>, tensor<4x8xf32>) -> tensor<?x8xf32>
  %1 = "tg.add"(%0, %b) : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xf32>
  %2 = "tg.relu"(%1) : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %2 : tensor<?x8xf32>
}

// -----

// A matmul alone accumulates straight into the output: fill and matmul both write it.
// CHECK-LABEL: func.func @matmul_only
// CHECK-SAME:    (%[[A:.*]]: memref<2x4xf32>, %[[B:.*]]: memref<4x3xf32>, %[[OUT:.*]]: memref<2x3xf32>)
// CHECK-NOT:     memref.alloc
// CHECK:         linalg.fill ins(%{{.*}} : f32) outs(%[[OUT]] : memref<2x3xf32>)
// CHECK:         linalg.matmul ins(%[[A]], %[[B]] : memref<2x4xf32>, memref<4x3xf32>) outs(%[[OUT]] : memref<2x3xf32>)
// CHECK-NOT:     memref.dealloc
func.func @matmul_only(%a: tensor<2x4xf32>, %b: tensor<4x3xf32>) -> tensor<2x3xf32> {
  %0 = "tg.matmul"(%a, %b) : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Returning an input copies it into the output.
// CHECK-LABEL: func.func @identity
// CHECK-SAME:    (%[[X:.*]]: memref<2x3xf32>, %[[OUT:.*]]: memref<2x3xf32>)
// CHECK-NEXT:    memref.copy %[[X]], %[[OUT]] : memref<2x3xf32> to memref<2x3xf32>
// CHECK-NEXT:    return
func.func @identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}

// -----

// A reshape is a view (no alloc): a result that reshapes the input is the input written into the same
// reshape of the output (memref.expand_shape); only that copy moves data.
// CHECK-LABEL: func.func @reshape_view
// CHECK-SAME:    (%[[X:.*]]: memref<2x3xf32>, %[[OUT:.*]]: memref<6xf32>)
// CHECK-NOT:     memref.alloc
// CHECK:         %[[VIEW:.*]] = memref.expand_shape %[[OUT]] {{\[}}[0, 1]] output_shape [2, 3] : memref<6xf32> into memref<2x3xf32>
// CHECK:         memref.copy %[[X]], %[[VIEW]]
func.func @reshape_view(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  %0 = "tg.reshape"(%x) : (tensor<2x3xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// A reduction with keepdims (the reduced tensor expanded): the reduce writes into a collapsed view of
// the output, so nothing is allocated or copied.
// CHECK-LABEL: func.func @sum_keepdims
// CHECK-SAME:    (%[[X:.*]]: memref<4x8xf32>, %[[OUT:.*]]: memref<4x1xf32>)
// CHECK-NOT:     memref.alloc
// CHECK:         %[[VIEW:.*]] = memref.collapse_shape %[[OUT]] {{\[}}[0, 1]] : memref<4x1xf32> into memref<4xf32>
// CHECK:         linalg.fill ins(%{{.*}} : f32) outs(%[[VIEW]] : memref<4xf32>)
// CHECK:         linalg.reduce ins(%[[X]] : memref<4x8xf32>) outs(%[[VIEW]] : memref<4xf32>) dimensions = [1]
// CHECK-NOT:     memref.copy
// CHECK:         return
func.func @sum_keepdims(%x: tensor<4x8xf32>) -> tensor<4x1xf32> {
  %0 = "tg.reduce_sum"(%x) {axes = array<i64: 1>, keepdims = true} : (tensor<4x8xf32>) -> tensor<4x1xf32>
  return %0 : tensor<4x1xf32>
}

// -----

// A value that is both a result and the input of another result is written into its output once and
// read from there: no buffer at all.
// CHECK-LABEL: func.func @shared_intermediate
// CHECK-SAME:    (%[[X:.*]]: memref<4xf32>, %[[OUT0:.*]]: memref<4xf32>, %[[OUT1:.*]]: memref<4xf32>)
// CHECK:         linalg.exp ins(%[[X]] : memref<4xf32>) outs(%[[OUT0]] : memref<4xf32>)
// CHECK:         linalg.log ins(%[[OUT0]] : memref<4xf32>) outs(%[[OUT1]] : memref<4xf32>)
// CHECK-NOT:     memref.alloc
// CHECK-NOT:     memref.copy
func.func @shared_intermediate(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "tg.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "tg.log"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
