// Upstream passes take their options as mlir-opt spells them, as flags or in a pipeline; a bad option
// is one error line naming the pipeline, before the input is read.
// RUN: tg-opt %s --canonicalize="max-iterations=1" | filecheck %s --check-prefix=FOLDED
// RUN: tg-opt %s --canonicalize="max-iterations=0" | filecheck %s --check-prefix=UNTOUCHED
// RUN: tg-opt %s --pass-pipeline='builtin.module(func.func(canonicalize{max-iterations=0}))' | filecheck %s --check-prefix=UNTOUCHED
// RUN: tg-opt %s --canonicalize="max-iterations=1 region-simplify=disabled" | filecheck %s --check-prefix=FOLDED
// RUN: tg-opt %s --tg-to-linalg --one-shot-bufferize="bufferize-function-boundaries" | filecheck %s --check-prefix=BOUNDARIES
// RUN: tg-opt %s --tg-to-linalg --one-shot-bufferize | filecheck %s --check-prefix=INSIDE
// RUN: not tg-opt %s --canonicalize="bogus=1" 2>&1 | filecheck %s --check-prefix=BOGUS
// RUN: not tg-opt %s --canonicalize="max-iterations=abc" 2>&1 | filecheck %s --check-prefix=BADVALUE
// RUN: not tg-opt %s --pass-pipeline='builtin.module(func.func(canonicalize{bogus=1}))' 2>&1 | filecheck %s --check-prefix=BOGUS-NESTED

// BOGUS:            {{^}}tg-opt: error: in pass pipeline 'canonicalize{bogus=1}': {{.*}}no such option bogus
// BOGUS-NOT:        {{.}}
// BADVALUE:         {{^}}tg-opt: error: in pass pipeline 'canonicalize{max-iterations=abc}': for the --max-iterations option: 'abc' value invalid for long argument!
// BADVALUE-NOT:     {{.}}
// BOGUS-NESTED:     {{^}}tg-opt: error: in pass pipeline 'func.func(canonicalize{bogus=1})': {{.*}}no such option bogus
// BOGUS-NESTED-NOT: {{.}}

// FOLDED-LABEL:    func.func @fold
// FOLDED-NEXT:       %[[C3:.*]] = arith.constant 3 : index
// FOLDED-NEXT:       return %[[C3]]
// UNTOUCHED-LABEL: func.func @fold
// UNTOUCHED-COUNT-2: arith.addi
func.func @fold() -> index {
  %c1 = arith.constant 1 : index
  %0 = arith.addi %c1, %c1 : index
  %1 = arith.addi %0, %c1 : index
  return %1 : index
}

// BOUNDARIES-LABEL: func.func @exp
// BOUNDARIES-SAME:    (%{{.*}}: memref<3xf32, strided<[?], offset: ?>>) -> memref<3xf32>
// BOUNDARIES:         linalg.exp ins(%{{.*}} : memref<3xf32, strided<[?], offset: ?>>) outs(%{{.*}} : memref<3xf32>)
// INSIDE-LABEL:     func.func @exp
// INSIDE-SAME:        (%{{.*}}: tensor<3xf32>) -> tensor<3xf32>
// INSIDE:             bufferization.to_buffer
// INSIDE:             bufferization.to_tensor
func.func @exp(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "tg.exp"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
