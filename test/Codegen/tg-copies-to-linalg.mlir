// --tg-copies-to-linalg: a memref.copy whose source or target is strided (a padded image's interior,
// written by bufferization) becomes a linalg.copy, which lowers to loops LLVM vectorizes rather than
// the runtime's element-at-a-time memrefCopy; a copy between contiguous memrefs stays (one memcpy).
// RUN: tg-opt %s --tg-copies-to-linalg --split-input-file | filecheck %s

// Into the interior of a padded buffer (a strided subview).
// CHECK-LABEL: func.func @into_padded
// CHECK-SAME:    (%[[X:.*]]: memref<1x7x7x16xf32>, %[[P:.*]]: memref<1x9x9x16xf32>)
// CHECK:         %[[I:.*]] = memref.subview %[[P]][0, 1, 1, 0] [1, 7, 7, 16] [1, 1, 1, 1]
// CHECK-NOT:     memref.copy
// CHECK:         linalg.copy {{.*}}ins(%[[X]] : memref<1x7x7x16xf32>) outs(%[[I]] : memref<1x7x7x16xf32, strided<[1296, 144, 16, 1], offset: 160>>)
// CHECK-NOT:     memref.copy
func.func @into_padded(%x: memref<1x7x7x16xf32>, %p: memref<1x9x9x16xf32>) {
  %i = memref.subview %p[0, 1, 1, 0] [1, 7, 7, 16] [1, 1, 1, 1] : memref<1x9x9x16xf32> to memref<1x7x7x16xf32, strided<[1296, 144, 16, 1], offset: 160>>
  memref.copy %x, %i : memref<1x7x7x16xf32> to memref<1x7x7x16xf32, strided<[1296, 144, 16, 1], offset: 160>>
  return
}

// -----

// Out of a strided view (every other column), dynamic sizes: the source's layout is enough.
// CHECK-LABEL: func.func @from_strided
// CHECK-NOT:     memref.copy
// CHECK:         linalg.copy {{.*}}ins(%{{.*}} : memref<?x4xf32, strided<[8, 2]>>) outs(%{{.*}} : memref<?x4xf32>)
func.func @from_strided(%x: memref<?x8xf32>, %y: memref<?x4xf32>) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?x8xf32>
  %s = memref.subview %x[0, 0] [%n, 4] [1, 2] : memref<?x8xf32> to memref<?x4xf32, strided<[8, 2]>>
  memref.copy %s, %y : memref<?x4xf32, strided<[8, 2]>> to memref<?x4xf32>
  return
}

// -----

// Contiguous on both sides (identity layouts, static or dynamic): left as memref.copy.
// CHECK-LABEL: func.func @contiguous
// CHECK-NOT:     linalg.copy
// CHECK:         memref.copy %{{.*}}, %{{.*}} : memref<4x16xf32> to memref<4x16xf32>
// CHECK:         memref.copy %{{.*}}, %{{.*}} : memref<?x16xf32> to memref<?x16xf32>
// CHECK-NOT:     linalg.copy
func.func @contiguous(%a: memref<4x16xf32>, %b: memref<4x16xf32>, %c: memref<?x16xf32>, %d: memref<?x16xf32>) {
  memref.copy %a, %b : memref<4x16xf32> to memref<4x16xf32>
  memref.copy %c, %d : memref<?x16xf32> to memref<?x16xf32>
  return
}

// -----

// A fusion group's block written back into itself through a collapsed view: the same elements in the
// same places (only the unit dim's stride differs), so the copy goes.
// CHECK-LABEL: func.func @self_copy
// CHECK-NOT:     memref.copy
// CHECK-NOT:     linalg.copy
// CHECK:         return
func.func @self_copy(%buffer: memref<1x8x56x256xf32>, %row: index) {
  %block = memref.subview %buffer[0, %row, 0, 0] [1, 4, 56, 256] [1, 1, 1, 1] : memref<1x8x56x256xf32> to memref<1x4x56x256xf32, strided<[114688, 14336, 256, 1], offset: ?>>
  %rows = memref.collapse_shape %block [[0, 1, 2], [3]] : memref<1x4x56x256xf32, strided<[114688, 14336, 256, 1], offset: ?>> into memref<224x256xf32, strided<[256, 1], offset: ?>>
  %image = memref.expand_shape %rows [[0, 1, 2], [3]] output_shape [1, 4, 56, 256] : memref<224x256xf32, strided<[256, 1], offset: ?>> into memref<1x4x56x256xf32, strided<[57344, 14336, 256, 1], offset: ?>>
  memref.copy %image, %block : memref<1x4x56x256xf32, strided<[57344, 14336, 256, 1], offset: ?>> to memref<1x4x56x256xf32, strided<[114688, 14336, 256, 1], offset: ?>>
  return
}
