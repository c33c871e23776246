// The reduction, arg-reduction and contraction ops parse, verify and print back unchanged, with tg-opt
// and with the upstream mlir-opt given only the generated IRDL file.
// RUN: tg-opt %s --split-input-file | filecheck %s
// RUN: tg-opt %s --split-input-file | tg-opt --split-input-file | filecheck %s
// RUN: mlir-opt --irdl-file=%tg_irdl %s --split-input-file | filecheck %s

// CHECK-LABEL: func.func @reductions
// CHECK: "tg.reduce_prod"(%arg0) {axes = array<i64: 0>} : (tensor<3x?xi64>) -> tensor<?xi64>
// CHECK: "tg.reduce_min"(%arg0) {axes = array<i64: 0, 1>, keepdims = true} : (tensor<3x?xi64>) -> tensor<1x1xi64>
// CHECK: "tg.reduce_mean"(%arg0) {axes = array<i64: -1>} : (tensor<3x?xi64>) -> tensor<3xi64>
// CHECK: "tg.reduce_max"(%arg1) {axes = array<i64: 1>, keepdims = true} : (tensor<4x2xi1>) -> tensor<4x1xi1>
// CHECK: "tg.reduce_min"(%arg1) {axes = array<i64>} : (tensor<4x2xi1>) -> tensor<4x2xi1>
func.func @reductions(%x: tensor<3x?xi64>, %b: tensor<4x2xi1>) -> (tensor<?xi64>, tensor<1x1xi64>, tensor<3xi64>, tensor<4x1xi1>, tensor<4x2xi1>) {
  %0 = "tg.reduce_prod"(%x) {axes = array<i64: 0>} : (tensor<3x?xi64>) -> tensor<?xi64>
  %1 = "tg.reduce_min"(%x) {axes = array<i64: 0, 1>, keepdims = true} : (tensor<3x?xi64>) -> tensor<1x1xi64>
  %2 = "tg.reduce_mean"(%x) {axes = array<i64: -1>} : (tensor<3x?xi64>) -> tensor<3xi64>
  %3 = "tg.reduce_max"(%b) {axes = array<i64: 1>, keepdims = true} : (tensor<4x2xi1>) -> tensor<4x1xi1>
  %4 = "tg.reduce_min"(%b) {axes = array<i64>} : (tensor<4x2xi1>) -> tensor<4x2xi1>
  return %0, %1, %2, %3, %4 : tensor<?xi64>, tensor<1x1xi64>, tensor<3xi64>, tensor<4x1xi1>, tensor<4x2xi1>
}

// -----

// CHECK-LABEL: func.func @arg_reductions
// CHECK: "tg.argmax"(%arg0) {axis = 1 : i64, keepdims = true} : (tensor<?x10xf16>) -> tensor<?x1xi64>
// CHECK: "tg.argmin"(%arg0) {axis = -2 : i64, select_last_index = true} : (tensor<?x10xf16>) -> tensor<10xi64>
// CHECK: "tg.argmax"(%arg1) {axis = 0 : i64} : (tensor<7xui8>) -> tensor<i64>
func.func @arg_reductions(%x: tensor<?x10xf16>, %u: tensor<7xui8>) -> (tensor<?x1xi64>, tensor<10xi64>, tensor<i64>) {
  %0 = "tg.argmax"(%x) {axis = 1 : i64, keepdims = true} : (tensor<?x10xf16>) -> tensor<?x1xi64>
  %1 = "tg.argmin"(%x) {axis = -2 : i64, select_last_index = true} : (tensor<?x10xf16>) -> tensor<10xi64>
  %2 = "tg.argmax"(%u) {axis = 0 : i64} : (tensor<7xui8>) -> tensor<i64>
  return %0, %1, %2 : tensor<?x1xi64>, tensor<10xi64>, tensor<i64>
}

// -----

// CHECK-LABEL: func.func @einsums
// CHECK: "tg.einsum"(%arg0, %arg1) {equation = "bij, bjk -> bik"} : (tensor<?x2x3xf32>, tensor<?x3x4xf32>) -> tensor<?x2x4xf32>
// CHECK: "tg.einsum"(%arg1) {equation = "...ij->...i"} : (tensor<?x3x4xf32>) -> tensor<?x3xf32>
// CHECK: "tg.einsum"(%arg2, %arg2) {equation = "i,i"} : (tensor<5xi32>, tensor<5xi32>) -> tensor<i32>
func.func @einsums(%a: tensor<?x2x3xf32>, %b: tensor<?x3x4xf32>, %v: tensor<5xi32>) -> (tensor<?x2x4xf32>, tensor<?x3xf32>, tensor<i32>) {
  %0 = "tg.einsum"(%a, %b) {equation = "bij, bjk -> bik"} : (tensor<?x2x3xf32>, tensor<?x3x4xf32>) -> tensor<?x2x4xf32>
  %1 = "tg.einsum"(%b) {equation = "...ij->...i"} : (tensor<?x3x4xf32>) -> tensor<?x3xf32>
  %2 = "tg.einsum"(%v, %v) {equation = "i,i"} : (tensor<5xi32>, tensor<5xi32>) -> tensor<i32>
  return %0, %1, %2 : tensor<?x2x4xf32>, tensor<?x3xf32>, tensor<i32>
}
