// --tg-entry-abi gives public functions the runtime's calling convention: every input and result
// becomes a memref argument (results last, written in place), the function returns nothing and gets
// llvm.emit_c_interface. Inputs are read through `bufferization.to_tensor ... restrict`; each result
// is written with `materialize_in_destination ... restrict writable`. Private functions and
// declarations are left alone.
// RUN: tg-opt %s --tg-to-linalg --tg-entry-abi --split-input-file | filecheck %s
// RUN: tg-opt %s --tg-to-linalg --tg-bufferize --split-input-file | filecheck %s --check-prefix=BUFFERS

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

// -----

// A result that is a reshape (a packed matmul's [M, N1, NR] panels collapsed to [M, N]) is the
// value before it, written into the same reshape of the output; the reshaped tensor.empty it is
// computed in becomes an empty of its own type, so that eliminate-empty-tensors, which follows
// values of one type only, reaches it: the kernel then writes the caller's array, nothing is
// allocated or copied.
// CHECK-LABEL: func.func @through_reshapes
// CHECK-SAME:    (%{{.*}}: memref<6x4xf32>, %[[OUT:.*]]: memref<6x64xf32>)
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<6x2x32xf32>
// CHECK:         %[[FILL:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[EMPTY]] : tensor<6x2x32xf32>)
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} outs(%[[FILL]] : tensor<6x2x32xf32>)
// CHECK:         %[[VIEW:.*]] = memref.expand_shape %[[OUT]] {{\[\[}}0], [1, 2]] output_shape [6, 2, 32] : memref<6x64xf32> into memref<6x2x32xf32>
// CHECK:         bufferization.materialize_in_destination %[[R]] in restrict writable %[[VIEW]] : (tensor<6x2x32xf32>, memref<6x2x32xf32>) -> ()
// BUFFERS-LABEL: func.func @through_reshapes
// BUFFERS-NOT:     memref.alloc
// BUFFERS-NOT:     memref.copy
// BUFFERS:         return
func.func @through_reshapes(%a: tensor<6x4xf32>) -> tensor<6x64xf32> {
  %b = arith.constant dense<1.0> : tensor<2x4x32xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<6x64xf32>
  %panels = tensor.expand_shape %empty [[0], [1, 2]] output_shape [6, 2, 32] : tensor<6x64xf32> into tensor<6x2x32xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%panels : tensor<6x2x32xf32>) -> tensor<6x2x32xf32>
  %c = linalg.generic {indexing_maps = [affine_map<(m, n1, k, n0) -> (m, k)>, affine_map<(m, n1, k, n0) -> (n1, k, n0)>, affine_map<(m, n1, k, n0) -> (m, n1, n0)>],
                       iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
      ins(%a, %b : tensor<6x4xf32>, tensor<2x4x32xf32>) outs(%fill : tensor<6x2x32xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<6x2x32xf32>
  %r = tensor.collapse_shape %c [[0], [1, 2]] : tensor<6x2x32xf32> into tensor<6x64xf32>
  return %r : tensor<6x64xf32>
}
