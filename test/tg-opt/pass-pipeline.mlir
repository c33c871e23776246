// --pass-pipeline mixes tgraph passes and upstream passes in one pipeline, with nested op anchors and
// upstream options; the same passes given as flags run in command-line order.
// RUN: tg-opt %s --pass-pipeline='builtin.module(tg-to-linalg, func.func(cse), canonicalize)' | filecheck %s
// RUN: tg-opt %s --tg-to-linalg --cse --canonicalize | filecheck %s
// RUN: tg-opt %s --pass-pipeline='builtin.module(tg-verify, tg-to-linalg, func.func(cse, canonicalize{max-iterations=2}))' | filecheck %s
// RUN: tg-opt %s --pass-pipeline='builtin.module(tg-to-linalg, func.func(cse))' | filecheck %s --check-prefix=NOCANON
// RUN: tg-opt %s --pass-pipeline='builtin.module(tg-to-linalg)' | filecheck %s --check-prefix=LOWERED
// RUN: tg-opt --pass-pipeline='builtin.module(tg-to-linalg, func.func(cse), canonicalize{max-iterations=1})' --dump-pipeline | filecheck %s --check-prefix=DUMP
// RUN: tg-opt --pass-pipeline='builtin.module(tg-verify, tg-bufferize)' --dump-pipeline | filecheck %s --check-prefix=EXPANDED

// DUMP: builtin.module(tg-to-linalg, func.func(cse), canonicalize{max-iterations=1})
// Named pipelines expand in place.
// EXPANDED: builtin.module(tg-verify, tg-fill-per-use, tg-entry-abi, eliminate-empty-tensors, {{.*}}, buffer-deallocation-pipeline)

// The two exps lower to identical linalg ops that cse merges.
// CHECK-LABEL: func.func @twice
// CHECK:         %[[EXP:.*]] = linalg.exp
// CHECK-NOT:     linalg.exp
// CHECK:         return %[[EXP]], %[[EXP]]
// NOCANON-LABEL: func.func @twice
// NOCANON-COUNT-1: linalg.exp
// NOCANON-NOT:   linalg.exp
// LOWERED-LABEL: func.func @twice
// LOWERED-COUNT-2: linalg.exp
// LOWERED-NOT:   tg.exp
func.func @twice(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = "tg.exp"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  %1 = "tg.exp"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}

// canonicalize (not cse) folds the arithmetic.
// CHECK-LABEL: func.func @fold
// CHECK-NEXT:    %[[C3:.*]] = arith.constant 3 : index
// CHECK-NEXT:    return %[[C3]]
// NOCANON-LABEL: func.func @fold
// NOCANON:         arith.addi
// NOCANON:         arith.addi
func.func @fold() -> index {
  %c1 = arith.constant 1 : index
  %0 = arith.addi %c1, %c1 : index
  %1 = arith.addi %0, %c1 : index
  return %1 : index
}
