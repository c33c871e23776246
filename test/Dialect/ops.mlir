// Every tg op parses, verifies and prints back unchanged, with tg-opt and with the upstream mlir-opt
// given only the generated IRDL file.
// RUN: tg-opt %s --split-input-file | filecheck %s
// RUN: tg-opt %s --split-input-file | tg-opt --split-input-file | filecheck %s
// RUN: mlir-opt --irdl-file=%tg_irdl %s --split-input-file | filecheck %s

// CHECK-LABEL: func.func @binary
// CHECK: "tg.add"(%arg0, %arg1) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK: "tg.sub"(%{{.*}}, %arg1) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK: "tg.mul"
// CHECK: "tg.div"
// CHECK: "tg.max"
// CHECK: "tg.min"
// CHECK: "tg.pow"
func.func @binary(%x: tensor<?x4xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.add"(%x, %b) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = "tg.sub"(%0, %b) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %2 = "tg.mul"(%1, %b) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %3 = "tg.div"(%2, %b) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %4 = "tg.max"(%3, %b) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %5 = "tg.min"(%4, %b) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %6 = "tg.pow"(%5, %b) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  return %6 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @unary
// CHECK: "tg.neg"(%arg0) : (tensor<2x3xf16>) -> tensor<2x3xf16>
// CHECK: "tg.exp"
// CHECK: "tg.log"
// CHECK: "tg.sqrt"
// CHECK: "tg.tanh"
// CHECK: "tg.sigmoid"
// CHECK: "tg.relu"
// CHECK: "tg.gelu"(%{{.*}}) : (tensor<2x3xf16>)
// CHECK: "tg.gelu"(%{{.*}}) {approximate = "tanh"} : (tensor<2x3xf16>)
func.func @unary(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  %0 = "tg.neg"(%x) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %1 = "tg.exp"(%0) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %2 = "tg.log"(%1) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %3 = "tg.sqrt"(%2) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %4 = "tg.tanh"(%3) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %5 = "tg.sigmoid"(%4) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %6 = "tg.relu"(%5) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %7 = "tg.gelu"(%6) : (tensor<2x3xf16>) -> tensor<2x3xf16>
  %8 = "tg.gelu"(%7) {approximate = "tanh"} : (tensor<2x3xf16>) -> tensor<2x3xf16>
  return %8 : tensor<2x3xf16>
}

// -----

// CHECK-LABEL: func.func @matmuls
// CHECK: "tg.matmul"(%arg0, %arg1) : (tensor<?x8x64xbf16>, tensor<64x16xbf16>) -> tensor<?x8x16xbf16>
// CHECK: "tg.matmul"(%arg2, %arg2) : (tensor<5xi64>, tensor<5xi64>) -> tensor<i64>
func.func @matmuls(%a: tensor<?x8x64xbf16>, %b: tensor<64x16xbf16>, %v: tensor<5xi64>) -> (tensor<?x8x16xbf16>, tensor<i64>) {
  %0 = "tg.matmul"(%a, %b) : (tensor<?x8x64xbf16>, tensor<64x16xbf16>) -> tensor<?x8x16xbf16>
  %1 = "tg.matmul"(%v, %v) : (tensor<5xi64>, tensor<5xi64>) -> tensor<i64>
  return %0, %1 : tensor<?x8x16xbf16>, tensor<i64>
}

// -----

// CHECK-LABEL: func.func @layout
// CHECK: "tg.transpose"(%arg0) {perm = array<i64: 0, 2, 1>} : (tensor<?x3x4xi1>) -> tensor<?x4x3xi1>
// CHECK: "tg.reshape"(%{{.*}}) : (tensor<?x4x3xi1>) -> tensor<?x12xi1>
func.func @layout(%x: tensor<?x3x4xi1>) -> tensor<?x12xi1> {
  %0 = "tg.transpose"(%x) {perm = array<i64: 0, 2, 1>} : (tensor<?x3x4xi1>) -> tensor<?x4x3xi1>
  %1 = "tg.reshape"(%0) : (tensor<?x4x3xi1>) -> tensor<?x12xi1>
  return %1 : tensor<?x12xi1>
}

// -----

// CHECK-LABEL: func.func @reductions
// CHECK: "tg.reduce_sum"(%arg0) {axes = array<i64: 1>, keepdims = true} : (tensor<?x8xf32>) -> tensor<?x1xf32>
// CHECK: "tg.reduce_mean"(%arg0) {axes = array<i64: 0, 1>} : (tensor<?x8xf32>) -> tensor<f32>
// CHECK: "tg.reduce_max"(%arg0) {axes = array<i64: -1>, keepdims = false} : (tensor<?x8xf32>) -> tensor<?xf32>
// CHECK: "tg.softmax"(%arg0) {axis = -1 : i64} : (tensor<?x8xf32>) -> tensor<?x8xf32>
func.func @reductions(%x: tensor<?x8xf32>) -> (tensor<?x1xf32>, tensor<f32>, tensor<?xf32>, tensor<?x8xf32>) {
  %0 = "tg.reduce_sum"(%x) {axes = array<i64: 1>, keepdims = true} : (tensor<?x8xf32>) -> tensor<?x1xf32>
  %1 = "tg.reduce_mean"(%x) {axes = array<i64: 0, 1>} : (tensor<?x8xf32>) -> tensor<f32>
  %2 = "tg.reduce_max"(%x) {axes = array<i64: -1>, keepdims = false} : (tensor<?x8xf32>) -> tensor<?xf32>
  %3 = "tg.softmax"(%x) {axis = -1 : i64} : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %0, %1, %2, %3 : tensor<?x1xf32>, tensor<f32>, tensor<?xf32>, tensor<?x8xf32>
}
