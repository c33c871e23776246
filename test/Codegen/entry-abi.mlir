// --tg-entry-abi gives public functions the runtime's calling convention: every input and result
// becomes a memref argument (results last, written in place), the function returns nothing and gets
// llvm.emit_c_interface. Inputs are read through `bufferization.to_tensor ... restrict`; each result
// is written with `materialize_in_destination ... restrict writable`. Private functions and
// declarations are left alone.
// RUN: tg-opt %s --tg-to-linalg --tg-entry-abi --split-input-file | filecheck %s

// CHECK-LABEL: func.func @mlp
// CHECK-SAME:    (%[[X:.*]]: memref<?x4xf32>, %[[W:.*]]: memref<4x8xf32>, %[[OUT:.*]]: memref<?x8xf32>) attributes {llvm.emit_c_interface} {
// CHECK-DAG:     %[[XT:.*]] = bufferization.to_tensor %[[X]] restrict : memref<?x4xf32> to tensor<?x4xf32>
// CHECK-DAG:     %[[WT:.*]] = bufferization.to_tensor %[[W]] restrict : memref<4x8xf32> to tensor<4x8xf32>
// CHECK:         linalg.matmul ins(%[[XT]], %[[WT]] : tensor<?x4xf32>, tensor<4x8xf32>)
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK:         bufferization.materialize_in_destination %[[R]] in restrict writable %[[OUT]] : (tensor<?x8xf32>, memref<?x8xf32>) -> ()
// CHECK-NEXT:    return{{$}}
func.func @mlp(%x: tensor<?x4xf32>, %w: tensor<4x8xf32>) -> tensor<?x8xf32> {
  %0 = "tg.matmul"(%x, %w) : (tensor<?x4xf32>, tensor<4x8xf32>) -> tensor<?x8xf32>
  %1 = "tg.relu"(%0) : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %1 : tensor<?x8xf32>
}

// -----

// Several results: one output argument each, in order. The private helper keeps tensors.
// CHECK-LABEL: func.func private @helper
// CHECK-SAME:    (%{{.*}}: tensor<4xf32>) -> tensor<4xf32>
// CHECK-NOT:     llvm.emit_c_interface
// CHECK-NOT:     bufferization.
// CHECK:         return %{{.*}} : tensor<4xf32>
// CHECK-LABEL: func.func @two_results
// CHECK-SAME:    (%[[X:.*]]: memref<4xf32>, %[[OUT0:.*]]: memref<4xf32>, %[[OUT1:.*]]: memref<f32>)
// CHECK-SAME:    attributes {llvm.emit_c_interface}
// CHECK:         %[[XT:.*]] = bufferization.to_tensor %[[X]] restrict
// CHECK:         %[[E:.*]] = call @helper(%[[XT]]) : (tensor<4xf32>) -> tensor<4xf32>
// CHECK:         %[[S:.*]] = linalg.reduce
// CHECK:         bufferization.materialize_in_destination %[[E]] in restrict writable %[[OUT0]] : (tensor<4xf32>, memref<4xf32>) -> ()
// CHECK-NEXT:    bufferization.materialize_in_destination %[[S]] in restrict writable %[[OUT1]] : (tensor<f32>, memref<f32>) -> ()
// CHECK-NEXT:    return{{$}}
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "tg.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @two_results(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<f32>) {
  %0 = call @helper(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "tg.reduce_sum"(%0) {axes = array<i64: 0>} : (tensor<4xf32>) -> tensor<f32>
  return %0, %1 : tensor<4xf32>, tensor<f32>
}

// -----

// Returning an argument: the output is materialized from the input's tensor (a copy once bufferized).
// CHECK-LABEL: func.func @identity
// CHECK-SAME:    (%[[X:.*]]: memref<2x3xf32>, %[[OUT:.*]]: memref<2x3xf32>) attributes {llvm.emit_c_interface}
// CHECK-NEXT:    %[[XT:.*]] = bufferization.to_tensor %[[X]] restrict : memref<2x3xf32> to tensor<2x3xf32>
// CHECK-NEXT:    bufferization.materialize_in_destination %[[XT]] in restrict writable %[[OUT]]
// CHECK-NEXT:    return{{$}}
func.func @identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}

// -----

// The same value returned twice is written to both outputs.
// CHECK-LABEL: func.func @same_result_twice
// CHECK-SAME:    (%{{.*}}: memref<4xf32>, %[[OUT0:.*]]: memref<4xf32>, %[[OUT1:.*]]: memref<4xf32>)
// CHECK:         %[[E:.*]] = linalg.exp
// CHECK:         bufferization.materialize_in_destination %[[E]] in restrict writable %[[OUT0]]
// CHECK:         bufferization.materialize_in_destination %[[E]] in restrict writable %[[OUT1]]
func.func @same_result_twice(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "tg.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %0 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Bools cross the boundary as bytes.
// CHECK-LABEL: func.func @bool_entry
// CHECK-SAME:    (%{{.*}}: memref<2x3xi8>, %{{.*}}: memref<3x2xi8>) attributes {llvm.emit_c_interface}
// CHECK:         linalg.transpose
// CHECK:         bufferization.materialize_in_destination %{{.*}} in restrict writable %{{.*}} : (tensor<3x2xi8>, memref<3x2xi8>) -> ()
func.func @bool_entry(%x: tensor<2x3xi1>) -> tensor<3x2xi1> {
  %0 = "tg.transpose"(%x) {perm = array<i64: 1, 0>} : (tensor<2x3xi1>) -> tensor<3x2xi1>
  return %0 : tensor<3x2xi1>
}

// -----

// A declaration has no body to rewrite.
// CHECK-LABEL: func.func private @external
// CHECK-SAME:    (tensor<4xf32>) -> tensor<4xf32>{{$}}
// CHECK-NOT:     memref
func.func private @external(tensor<4xf32>) -> tensor<4xf32>
