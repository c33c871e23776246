// With threads, the blocks of a kernel that has the work for them are an OpenMP parallel loop: an
// omp.parallel region of `threads` threads around an omp.wsloop, lowered with the rest to the LLVM
// dialect (LLVM's OpenMP lowering turns them into calls of the runtime, libiomp5). On one thread there
// is no parallel region at all.
// RUN: tg-opt %s --tg-to-llvm=threads=2 | filecheck %s
// RUN: tg-opt %s --tg-to-llvm | filecheck %s --check-prefix=SERIAL

// CHECK-LABEL: llvm.func @attention_scores(
// CHECK:         %[[THREADS:.*]] = llvm.mlir.constant(2 : i32)
// CHECK:         omp.parallel num_threads(%[[THREADS]] : i32)
// CHECK:           omp.wsloop
// CHECK:             omp.loop_nest
// CHECK:               llvm.fmul %{{.*}}, %{{.*}} {fastmathFlags = #llvm.fastmath<contract>} : vector<32xf32>
// CHECK:           omp.terminator
// SERIAL-LABEL: llvm.func @attention_scores(
// SERIAL-NOT:     omp.
// SERIAL-LABEL: llvm.func @_mlir_ciface_attention_scores(
func.func @attention_scores(%q: tensor<1024x256xf32>, %k: tensor<256x256xf32>) -> tensor<1024x256xf32> {
  %0 = "tg.matmul"(%q, %k) : (tensor<1024x256xf32>, tensor<256x256xf32>) -> tensor<1024x256xf32>
  return %0 : tensor<1024x256xf32>
}
