// Comparisons, logic, select and casts parse, verify and print back unchanged, with tg-opt and with
// the upstream mlir-opt given only the generated IRDL file.
// RUN: tg-opt %s --split-input-file | filecheck %s
// RUN: tg-opt %s --split-input-file | tg-opt --split-input-file | filecheck %s
// RUN: mlir-opt --irdl-file=%tg_irdl %s --split-input-file | filecheck %s

// CHECK-LABEL: func.func @compare
// CHECK: "tg.compare"(%arg0, %arg1) {predicate = "lt"} : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xi1>
// CHECK: "tg.compare"(%arg2, %arg2) {predicate = "eq"} : (tensor<3xui16>, tensor<3xui16>) -> tensor<3xi1>
// CHECK: "tg.compare"(%{{.*}}, %{{.*}}) {predicate = "ne"} : (tensor<?x4xi1>, tensor<1x4xi1>) -> tensor<?x4xi1>
func.func @compare(%x: tensor<?x4xf32>, %y: tensor<4xf32>, %u: tensor<3xui16>, %b: tensor<1x4xi1>) -> (tensor<?x4xi1>, tensor<3xi1>) {
  %0 = "tg.compare"(%x, %y) {predicate = "lt"} : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xi1>
  %1 = "tg.compare"(%u, %u) {predicate = "eq"} : (tensor<3xui16>, tensor<3xui16>) -> tensor<3xi1>
  %2 = "tg.compare"(%0, %b) {predicate = "ne"} : (tensor<?x4xi1>, tensor<1x4xi1>) -> tensor<?x4xi1>
  return %2, %1 : tensor<?x4xi1>, tensor<3xi1>
}

// -----

// CHECK-LABEL: func.func @logic
// CHECK: "tg.and"(%arg0, %arg1) : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
// CHECK: "tg.or"
// CHECK: "tg.xor"
// CHECK: "tg.not"(%{{.*}}) : (tensor<2x3xi1>) -> tensor<2x3xi1>
func.func @logic(%x: tensor<2x3xi1>, %y: tensor<3xi1>) -> tensor<2x3xi1> {
  %0 = "tg.and"(%x, %y) : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
  %1 = "tg.or"(%0, %y) : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
  %2 = "tg.xor"(%1, %x) : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  %3 = "tg.not"(%2) : (tensor<2x3xi1>) -> tensor<2x3xi1>
  return %3 : tensor<2x3xi1>
}

// -----

// CHECK-LABEL: func.func @select
// CHECK: "tg.select"(%arg0, %arg1, %arg2) : (tensor<?x1xi1>, tensor<?x4xf32>, tensor<f32>) -> tensor<?x4xf32>
// CHECK: "tg.select"(%arg3, %arg4, %arg4) : (tensor<4xi1>, tensor<4xf8E4M3FN>, tensor<4xf8E4M3FN>) -> tensor<4xf8E4M3FN>
func.func @select(%c: tensor<?x1xi1>, %x: tensor<?x4xf32>, %y: tensor<f32>, %d: tensor<4xi1>, %z: tensor<4xf8E4M3FN>) -> (tensor<?x4xf32>, tensor<4xf8E4M3FN>) {
  %0 = "tg.select"(%c, %x, %y) : (tensor<?x1xi1>, tensor<?x4xf32>, tensor<f32>) -> tensor<?x4xf32>
  %1 = "tg.select"(%d, %z, %z) : (tensor<4xi1>, tensor<4xf8E4M3FN>, tensor<4xf8E4M3FN>) -> tensor<4xf8E4M3FN>
  return %0, %1 : tensor<?x4xf32>, tensor<4xf8E4M3FN>
}

// -----

// CHECK-LABEL: func.func @cast
// CHECK: "tg.cast"(%arg0) : (tensor<?x8xf32>) -> tensor<?x8xf16>
// CHECK: "tg.cast"(%arg0) {saturate = false} : (tensor<?x8xf32>) -> tensor<?x8xf8E5M2>
// CHECK: "tg.cast"(%arg0) {round_mode = "nearest", saturate = true} : (tensor<?x8xf32>) -> tensor<?x8xf8E8M0FNU>
// CHECK: "tg.cast"(%arg1) : (tensor<3xi4>) -> tensor<3xui2>
func.func @cast(%x: tensor<?x8xf32>, %i: tensor<3xi4>) -> (tensor<?x8xf16>, tensor<?x8xf8E5M2>, tensor<?x8xf8E8M0FNU>, tensor<3xui2>) {
  %0 = "tg.cast"(%x) : (tensor<?x8xf32>) -> tensor<?x8xf16>
  %1 = "tg.cast"(%x) {saturate = false} : (tensor<?x8xf32>) -> tensor<?x8xf8E5M2>
  %2 = "tg.cast"(%x) {round_mode = "nearest", saturate = true} : (tensor<?x8xf32>) -> tensor<?x8xf8E8M0FNU>
  %3 = "tg.cast"(%i) : (tensor<3xi4>) -> tensor<3xui2>
  return %0, %1, %2, %3 : tensor<?x8xf16>, tensor<?x8xf8E5M2>, tensor<?x8xf8E8M0FNU>, tensor<3xui2>
}
