// --split-input-file: each `// -----` chunk is parsed, verified and transformed on its own, and the
// outputs are printed joined by `// -----`. A chunk that fails prints nothing, the others still print,
// and the exit status is 1. Locations in every chunk are lines of this file, not of the chunk.
// RUN: not tg-opt %s --split-input-file --tg-to-linalg 2>/dev/null | filecheck %s --check-prefix=OK
// RUN: not tg-opt %s --split-input-file --tg-to-linalg 2>&1 >/dev/null | filecheck %s --check-prefix=ERR
// RUN: not tg-opt %s --split-input-file --mlir-print-debuginfo 2>/dev/null | filecheck %s --check-prefix=DBG

// OK:      module {
// OK-NEXT:   func.func @first
// OK:          linalg.exp
// OK:      {{^}}}
// OK-NEXT: // -----
// OK-NEXT: module {
// OK-NEXT:   func.func @second
// OK:          linalg.negf
// OK:      {{^}}}
// OK-NEXT: // -----
// OK-NEXT: #map =
// OK-NEXT: module {
// OK-NEXT:   func.func @after_the_bad_one
// OK:          linalg.generic
// OK:      {{^}}}
// OK-NEXT: // -----
// OK-NEXT: module {
// OK-NEXT:   func.func @located
// OK:          linalg.sqrt
// OK:      {{^}}}
// OK-NOT:  {{.}}

func.func @first(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "tg.exp"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @second(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "tg.neg"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// A later chunk: the error names this file's line and column, and this chunk prints nothing.
// ERR:     split-input-file.mlir:[[# @LINE + 2]]:8: error: 'tg.add' op shapes [2, 3] and [4] do not broadcast
func.func @bad(%x: tensor<2x3xf32>, %y: tensor<4xf32>) -> tensor<2x3xf32> {
  %0 = "tg.add"(%x, %y) : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// ERR-NOT: error

// -----

func.func @after_the_bad_one(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "tg.relu"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Printed locations are lines of this file too.
// DBG-LABEL: func.func @located
// DBG:       "tg.sqrt"(%arg0) : (tensor<3xf32>) -> tensor<3xf32> loc([[SQRT:#loc[0-9]*]])
// DBG:       [[SQRT]] = loc("{{.*}}split-input-file.mlir":[[# @LINE + 2]]:8)
func.func @located(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "tg.sqrt"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
