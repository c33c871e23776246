// Named pipelines are plain pass lists: --dump-pipeline prints the expanded pipeline the flags make
// (named pipelines expanded in place, other passes kept in order) and exits without reading input.
// RUN: tg-opt %s --tg-to-llvm --dump-pipeline | filecheck %s
// RUN: tg-opt %s --tg-bufferize --dump-pipeline | filecheck %s --check-prefix=BUFFERIZE
// RUN: tg-opt %s --canonicalize --tg-bufferize --cse --dump-pipeline | filecheck %s --check-prefix=MIXED
// RUN: tg-opt %s --tg-to-llvm=threads=2 --dump-pipeline | filecheck %s --check-prefix=THREADS
// The printed text is itself a pipeline: running it gives LLVM, as --tg-to-llvm does.
// RUN: tg-opt %s --pass-pipeline='builtin.module(tg-to-linalg, tg-small-floats-to-apfloat, canonicalize, cse, tg-pad-in-place, tg-tile-fusion-groups, canonicalize, cse, tg-conv-to-matmul, tg-pack-weights, tg-register-matmuls, tg-cpu-schedule, tg-approximate-math, canonicalize, cse, canonicalize, tg-fill-per-use, tg-entry-abi, eliminate-empty-tensors, empty-tensor-to-alloc-tensor, one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map}, canonicalize, buffer-deallocation-pipeline, scf-forall-to-for, tg-copies-to-linalg, convert-linalg-to-loops, convert-vector-to-scf{full-unroll=true}, convert-bufferization-to-memref, expand-strided-metadata, lower-affine, convert-scf-to-cf, math-extend-to-supported-types, arith-expand{include-bf16=true}, convert-math-to-llvm, convert-math-to-libm, convert-vector-to-llvm, finalize-memref-to-llvm, convert-arith-to-llvm, convert-index-to-llvm, convert-func-to-llvm, convert-cf-to-llvm, convert-ub-to-llvm, reconcile-unrealized-casts)' | filecheck %s --check-prefix=RUN-EXPANDED

// The whole pipeline, exactly, on one line.
// CHECK: {{^}}builtin.module(tg-to-linalg, tg-small-floats-to-apfloat, canonicalize, cse, tg-pad-in-place, tg-tile-fusion-groups, canonicalize, cse, tg-conv-to-matmul, tg-pack-weights, tg-register-matmuls, tg-cpu-schedule, tg-approximate-math, canonicalize, cse, canonicalize, tg-fill-per-use, tg-entry-abi, eliminate-empty-tensors, empty-tensor-to-alloc-tensor, one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map}, canonicalize, buffer-deallocation-pipeline, scf-forall-to-for, tg-copies-to-linalg, convert-linalg-to-loops, convert-vector-to-scf{full-unroll=true}, convert-bufferization-to-memref, expand-strided-metadata, lower-affine, convert-scf-to-cf, math-extend-to-supported-types, arith-expand{include-bf16=true}, convert-math-to-llvm, convert-math-to-libm, convert-vector-to-llvm, finalize-memref-to-llvm, convert-arith-to-llvm, convert-index-to-llvm, convert-func-to-llvm, convert-cf-to-llvm, convert-ub-to-llvm, reconcile-unrealized-casts){{$}}
// CHECK-NOT: func.func

// BUFFERIZE:      {{^}}builtin.module(tg-fill-per-use, tg-entry-abi, eliminate-empty-tensors, empty-tensor-to-alloc-tensor,
// BUFFERIZE-SAME: one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map}, canonicalize, buffer-deallocation-pipeline){{$}}

// With threads, the fusion groups and kernels are blocked for them and scf.forall loops run on MLIR's
// OpenMP runtime instead of becoming serial loops.
// THREADS:      tg-tile-fusion-groups{threads=2}
// THREADS-SAME: tg-cpu-schedule{threads=2}
// THREADS-SAME: buffer-deallocation-pipeline, tg-nested-foralls-to-for, scf-forall-to-parallel, convert-scf-to-openmp{num-threads=2}, canonicalize, tg-copies-to-linalg, convert-linalg-to-loops
// THREADS-SAME: finalize-memref-to-llvm, convert-openmp-to-llvm, convert-arith-to-llvm
// THREADS-NOT:  scf-forall-to-for

// MIXED: {{^}}builtin.module(canonicalize, tg-fill-per-use, tg-entry-abi, {{.*}}, buffer-deallocation-pipeline, cse){{$}}

// RUN-EXPANDED-LABEL: llvm.func @exp(
// RUN-EXPANDED:         llvm.intr.exp
// RUN-EXPANDED-LABEL: llvm.func @_mlir_ciface_exp(
func.func @exp(%x: tensor<4xf64>) -> tensor<4xf64> {
  %0 = "tg.exp"(%x) : (tensor<4xf64>) -> tensor<4xf64>
  return %0 : tensor<4xf64>
}
