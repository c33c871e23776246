// --tg-fill-per-use: a linalg.fill that several ops write into (CSE merged equal fills) becomes one
// fill per writer, so that bufferization writes each in place instead of copying the shared buffer; a
// fill that is also read (a slice of it, an insert into it) stays shared.
// RUN: tg-opt %s --tg-fill-per-use --split-input-file | filecheck %s
// RUN: tg-opt %s --tg-bufferize --split-input-file | filecheck %s --check-prefix=BUFFERS

// Two matmuls of one shape: each accumulates into a fill of its own.
// CHECK-LABEL: func.func @two_matmuls
// CHECK:         %[[F0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E:.*]] : tensor<4x8xf32>)
// CHECK-NEXT:    %[[F1:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<4x8xf32>)
// CHECK-NEXT:    linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x16xf32>, tensor<16x8xf32>) outs(%[[F0]] : tensor<4x8xf32>)
// CHECK-NEXT:    linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x16xf32>, tensor<16x8xf32>) outs(%[[F1]] : tensor<4x8xf32>)
// BUFFERS-LABEL: func.func @two_matmuls
// BUFFERS-NOT:     memref.copy
// BUFFERS-COUNT-2: linalg.fill
// BUFFERS-NOT:     memref.copy
func.func @two_matmuls(%a: tensor<4x16xf32>, %b: tensor<16x8xf32>, %c: tensor<16x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<4x8xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<4x8xf32>) -> tensor<4x8xf32>
  %0 = linalg.matmul ins(%a, %b : tensor<4x16xf32>, tensor<16x8xf32>) outs(%fill : tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = linalg.matmul ins(%a, %c : tensor<4x16xf32>, tensor<16x8xf32>) outs(%fill : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %0, %1 : tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

// The shared outputs of two loops (two kernels' blocks) and a loop's iteration argument (each loop
// copies its rows in: no copy of the filled buffer).
// CHECK-LABEL: func.func @loops
// CHECK-COUNT-3: linalg.fill
// CHECK-NOT:     linalg.fill
// BUFFERS-LABEL: func.func @loops
// BUFFERS-NOT:   memref.copy {{.*}} : memref<4x8xf32> to memref<4x8xf32>
// BUFFERS:       return
func.func @loops(%a: tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %empty = tensor.empty() : tensor<4x8xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<4x8xf32>) -> tensor<4x8xf32>
  %0 = scf.forall (%i) in (4) shared_outs(%out = %fill) -> (tensor<4x8xf32>) {
    %row = tensor.extract_slice %a[%i, 0] [1, 8] [1, 1] : tensor<4x8xf32> to tensor<1x8xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %row into %out[%i, 0] [1, 8] [1, 1] : tensor<1x8xf32> into tensor<4x8xf32>
    }
  }
  %1 = scf.forall (%i) in (4) shared_outs(%out = %fill) -> (tensor<4x8xf32>) {
    %row = tensor.extract_slice %a[%i, 0] [1, 8] [1, 1] : tensor<4x8xf32> to tensor<1x8xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %row into %out[%i, 0] [1, 8] [1, 1] : tensor<1x8xf32> into tensor<4x8xf32>
    }
  }
  %2 = scf.for %i = %c0 to %c4 step %c1 iter_args(%out = %fill) -> (tensor<4x8xf32>) {
    %row = tensor.extract_slice %a[%i, 0] [1, 8] [1, 1] : tensor<4x8xf32> to tensor<1x8xf32>
    %next = tensor.insert_slice %row into %out[%i, 0] [1, 8] [1, 1] : tensor<1x8xf32> into tensor<4x8xf32>
    scf.yield %next : tensor<4x8xf32>
  }
  return %0, %1, %2 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}

// -----

// One chain of updates: a kernel writes a slice of the fill, and the result is inserted back.
// CHECK-LABEL: func.func @slices_of_one_fill
// CHECK-COUNT-1: linalg.fill
// CHECK-NOT:     linalg.fill
func.func @slices_of_one_fill(%a: tensor<4x16xf32>, %b: tensor<16x6xf32>) -> tensor<4x8xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<4x8xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<4x8xf32>) -> tensor<4x8xf32>
  %left = tensor.extract_slice %fill[0, 0] [4, 6] [1, 1] : tensor<4x8xf32> to tensor<4x6xf32>
  %0 = linalg.matmul ins(%a, %b : tensor<4x16xf32>, tensor<16x6xf32>) outs(%left : tensor<4x6xf32>) -> tensor<4x6xf32>
  %1 = tensor.insert_slice %0 into %fill[0, 0] [4, 6] [1, 1] : tensor<4x6xf32> into tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}
