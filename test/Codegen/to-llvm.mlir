// --tg-to-llvm takes tg all the way to the LLVM dialect: no op of another dialect is left, each public
// function exists with expanded memref descriptors and as a `_mlir_ciface_` wrapper taking one pointer a
// descriptor, intermediates are malloc'd and freed, and math without an LLVM intrinsic calls libm.
// RUN: tg-opt %s --tg-to-llvm --split-input-file | filecheck %s
// RUN: tg-opt %s --tg-to-llvm --split-input-file | filecheck %s --check-prefix=ONLY-LLVM

// No op outside the llvm dialect (and no unresolved conversion cast) in any function.
// ONLY-LLVM-NOT: {{^ *(%[^ ]+ = )?"?(tg|linalg|memref|tensor|bufferization|arith|math|scf|cf|affine|func|vector)\.}}
// ONLY-LLVM-NOT: unrealized_conversion_cast

// CHECK-DAG:   llvm.func @malloc(i64) -> !llvm.ptr
// CHECK-DAG:   llvm.func @free(!llvm.ptr)
// CHECK-LABEL: llvm.func @mlp(
// CHECK-SAME:    attributes {llvm.emit_c_interface}
// CHECK:         llvm.call @malloc
// CHECK:         llvm.fmul
// CHECK:         llvm.fadd
// CHECK:         llvm.call @free
// CHECK:         llvm.return
// CHECK-LABEL: llvm.func @_mlir_ciface_mlp(%arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: !llvm.ptr, %arg3: !llvm.ptr) attributes {llvm.emit_c_interface}
// CHECK:         llvm.load %arg0 : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK:         llvm.call @mlp(
// CHECK-NOT:     linalg.
// CHECK-NOT:     memref.
func.func @mlp(%x: tensor<?x4xf32>, %w: tensor<4x8xf32>, %b: tensor<8xf32>) -> tensor<?x8xf32> {
  %0 = "tg.matmul"(%x, %w) : (tensor<?x4xf32>, tensor<4x8xf32>) -> tensor<?x8xf32>
  %1 = "tg.add"(%0, %b) : (tensor<?x8xf32>, tensor<8xf32>) -> tensor<?x8xf32>
  %2 = "tg.relu"(%1) : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %2 : tensor<?x8xf32>
}

// -----

// A single elementwise op needs no buffer; f64 exp is an LLVM intrinsic (f32 exp is arithmetic, see
// tg-approximate-math.mlir).
// CHECK-LABEL: llvm.func @single_exp(
// CHECK-NOT:     llvm.call @malloc
// CHECK:         llvm.intr.exp
// CHECK-NOT:     llvm.call @malloc
// CHECK-LABEL: llvm.func @_mlir_ciface_single_exp(%arg0: !llvm.ptr, %arg1: !llvm.ptr) attributes {llvm.emit_c_interface}
// CHECK:         llvm.call @single_exp(
func.func @single_exp(%x: tensor<?x8xf64>) -> tensor<?x8xf64> {
  %0 = "tg.exp"(%x) : (tensor<?x8xf64>) -> tensor<?x8xf64>
  return %0 : tensor<?x8xf64>
}

// -----

// f16 erf is computed in f32 by the libm function erff.
// CHECK:       llvm.func @erff(f32) -> f32
// CHECK-LABEL: llvm.func @gelu_f16(
// CHECK:         %[[WIDE:.*]] = llvm.fpext %{{.*}} : f16 to f32
// CHECK-NEXT:    %[[ERF:.*]] = llvm.call @erff(%[[WIDE]]) : (f32) -> f32
// CHECK-NEXT:    llvm.fptrunc %[[ERF]] {{.*}}: f32 to f16
// CHECK-LABEL: llvm.func @_mlir_ciface_gelu_f16(
func.func @gelu_f16(%x: tensor<4xf16>) -> tensor<4xf16> {
  %0 = "tg.gelu"(%x) : (tensor<4xf16>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// Bools are loaded and stored as bytes.
// CHECK-LABEL: llvm.func @transpose_bool(
// CHECK:         llvm.load %{{.*}} : !llvm.ptr -> i8
// CHECK:         llvm.store %{{.*}}, %{{.*}} : i8, !llvm.ptr
// CHECK-NOT:     i1, !llvm.ptr
// CHECK-LABEL: llvm.func @_mlir_ciface_transpose_bool(
func.func @transpose_bool(%x: tensor<2x3xi1>) -> tensor<3x2xi1> {
  %0 = "tg.transpose"(%x) {perm = array<i64: 1, 0>} : (tensor<2x3xi1>) -> tensor<3x2xi1>
  return %0 : tensor<3x2xi1>
}

// -----

// A private helper is lowered but gets no C wrapper; the entry with two results takes three pointers.
// CHECK-LABEL: llvm.func @helper(
// CHECK-SAME:    sym_visibility = "private"
// CHECK-LABEL: llvm.func @two_results(
// CHECK:         llvm.call @helper(
// CHECK-LABEL: llvm.func @_mlir_ciface_two_results(%arg0: !llvm.ptr, %arg1: !llvm.ptr, %arg2: !llvm.ptr) attributes {llvm.emit_c_interface}
// CHECK-NOT:     @_mlir_ciface_helper
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "tg.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @two_results(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<f32>) {
  %0 = call @helper(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "tg.reduce_sum"(%0) {axes = array<i64: 0>} : (tensor<4xf32>) -> tensor<f32>
  return %0, %1 : tensor<4xf32>, tensor<f32>
}
