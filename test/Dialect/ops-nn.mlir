// The nn ops parse, verify and print back unchanged, with tg-opt and with the upstream mlir-opt given
// only the generated IRDL file.
// RUN: tg-opt %s --split-input-file | filecheck %s
// RUN: tg-opt %s --split-input-file | tg-opt --split-input-file | filecheck %s
// RUN: mlir-opt --irdl-file=%tg_irdl %s --split-input-file | filecheck %s

// CHECK-LABEL: func.func @convolutions
// CHECK: "tg.conv"(%arg0, %arg1) {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x3x224x224xf32>, tensor<64x3x3x3xf32>) -> tensor<?x64x112x112xf32>
// CHECK: "tg.conv"(%arg0, %arg2) {auto_pad = "same_lower", dilations = array<i64: 2, 2>, groups = 3 : i64} : (tensor<?x3x224x224xf32>, tensor<6x1x3x3xf32>) -> tensor<?x6x224x224xf32>
// CHECK: "tg.conv_transpose"(%{{.*}}, %arg3) {groups = 1 : i64, output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x64x112x112xf32>, tensor<64x8x3x3xf32>) -> tensor<?x8x224x224xf32>
func.func @convolutions(%x: tensor<?x3x224x224xf32>, %w: tensor<64x3x3x3xf32>, %d: tensor<6x1x3x3xf32>, %t: tensor<64x8x3x3xf32>) -> (tensor<?x6x224x224xf32>, tensor<?x8x224x224xf32>) {
  %0 = "tg.conv"(%x, %w) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<?x3x224x224xf32>, tensor<64x3x3x3xf32>) -> tensor<?x64x112x112xf32>
  %1 = "tg.conv"(%x, %d) {groups = 3 : i64, auto_pad = "same_lower", dilations = array<i64: 2, 2>} : (tensor<?x3x224x224xf32>, tensor<6x1x3x3xf32>) -> tensor<?x6x224x224xf32>
  %2 = "tg.conv_transpose"(%0, %t) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>, groups = 1 : i64} : (tensor<?x64x112x112xf32>, tensor<64x8x3x3xf32>) -> tensor<?x8x224x224xf32>
  return %1, %2 : tensor<?x6x224x224xf32>, tensor<?x8x224x224xf32>
}

// -----

// Dynamic sizes leave dynamic output dims; 1-D and 3-D windows.
// CHECK-LABEL: func.func @dynamic_and_ranks
// CHECK: "tg.conv"(%arg0, %arg1) {auto_pad = "same_upper", strides = array<i64: 2>} : (tensor<?x?x?xf16>, tensor<?x?x?xf16>) -> tensor<?x?x?xf16>
// CHECK: "tg.max_pool"(%arg2) {ceil_mode = true, kernel = array<i64: 2, 2, 2>, strides = array<i64: 2, 2, 2>} : (tensor<1x4x5x5x5xi8>) -> tensor<1x4x3x3x3xi8>
// CHECK: "tg.conv_transpose"(%{{.*}}, %arg1) {output_shape = array<i64: 20>, strides = array<i64: 2>} : (tensor<?x?x?xf16>, tensor<?x?x?xf16>) -> tensor<?x?x20xf16>
func.func @dynamic_and_ranks(%x: tensor<?x?x?xf16>, %w: tensor<?x?x?xf16>, %v: tensor<1x4x5x5x5xi8>) -> (tensor<?x?x20xf16>, tensor<1x4x3x3x3xi8>) {
  %0 = "tg.conv"(%x, %w) {auto_pad = "same_upper", strides = array<i64: 2>} : (tensor<?x?x?xf16>, tensor<?x?x?xf16>) -> tensor<?x?x?xf16>
  %1 = "tg.max_pool"(%v) {kernel = array<i64: 2, 2, 2>, strides = array<i64: 2, 2, 2>, ceil_mode = true} : (tensor<1x4x5x5x5xi8>) -> tensor<1x4x3x3x3xi8>
  %2 = "tg.conv_transpose"(%0, %w) {output_shape = array<i64: 20>, strides = array<i64: 2>} : (tensor<?x?x?xf16>, tensor<?x?x?xf16>) -> tensor<?x?x20xf16>
  return %2, %1 : tensor<?x?x20xf16>, tensor<1x4x3x3x3xi8>
}

// -----

// CHECK-LABEL: func.func @pooling
// CHECK: "tg.max_pool"(%arg0) {kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x64x112x112xf32>) -> tensor<?x64x56x56xf32>
// CHECK: "tg.max_pool_indices"(%arg0) {column_major = true, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x64x112x112xf32>) -> tensor<?x64x56x56xi64>
// CHECK: "tg.avg_pool"(%arg0) {count_include_pad = true, dilations = array<i64: 1, 2>, kernel = array<i64: 2, 2>} : (tensor<?x64x112x112xf32>) -> tensor<?x64x111x110xf32>
func.func @pooling(%x: tensor<?x64x112x112xf32>) -> (tensor<?x64x56x56xf32>, tensor<?x64x56x56xi64>, tensor<?x64x111x110xf32>) {
  %0 = "tg.max_pool"(%x) {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<?x64x112x112xf32>) -> tensor<?x64x56x56xf32>
  %1 = "tg.max_pool_indices"(%x) {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, column_major = true} : (tensor<?x64x112x112xf32>) -> tensor<?x64x56x56xi64>
  %2 = "tg.avg_pool"(%x) {kernel = array<i64: 2, 2>, dilations = array<i64: 1, 2>, count_include_pad = true} : (tensor<?x64x112x112xf32>) -> tensor<?x64x111x110xf32>
  return %0, %1, %2 : tensor<?x64x56x56xf32>, tensor<?x64x56x56xi64>, tensor<?x64x111x110xf32>
}

// -----

// Channels last (2-D only): input [N, H, W, C], conv weight [KH, KW, C/groups, F].
// CHECK-LABEL: func.func @channels_last
// CHECK: "tg.conv"(%arg0, %arg1) {layout = "nhwc", pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x224x224x3xf32>, tensor<3x3x3x64xf32>) -> tensor<?x112x112x64xf32>
// CHECK: "tg.max_pool"(%{{.*}}) {kernel = array<i64: 3, 3>, layout = "nhwc", pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x112x112x64xf32>) -> tensor<?x56x56x64xf32>
// CHECK: "tg.avg_pool"(%{{.*}}) {kernel = array<i64: 2, 2>, layout = "nhwc", strides = array<i64: 2, 2>} : (tensor<?x56x56x64xf32>) -> tensor<?x28x28x64xf32>
func.func @channels_last(%x: tensor<?x224x224x3xf32>, %w: tensor<3x3x3x64xf32>) -> tensor<?x28x28x64xf32> {
  %0 = "tg.conv"(%x, %w) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, layout = "nhwc"} : (tensor<?x224x224x3xf32>, tensor<3x3x3x64xf32>) -> tensor<?x112x112x64xf32>
  %1 = "tg.max_pool"(%0) {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, layout = "nhwc"} : (tensor<?x112x112x64xf32>) -> tensor<?x56x56x64xf32>
  %2 = "tg.avg_pool"(%1) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, layout = "nhwc"} : (tensor<?x56x56x64xf32>) -> tensor<?x28x28x64xf32>
  return %2 : tensor<?x28x28x64xf32>
}
