// The layout ops (shapes, reshapes, concatenation, slices, gathers, padding, broadcasts, tiles,
// triangles, running sums, resizes) parse, verify and print back unchanged, with tg-opt and with the
// upstream mlir-opt given only the generated IRDL file.
// RUN: tg-opt %s --split-input-file | filecheck %s
// RUN: tg-opt %s --split-input-file | tg-opt --split-input-file | filecheck %s
// RUN: mlir-opt --irdl-file=%tg_irdl %s --split-input-file | filecheck %s

// A shape computed at run time feeds a reshape with several dynamic dims.
// CHECK-LABEL: func.func @shapes
// CHECK: %[[S:.*]] = "tg.shape"(%arg0) {end = 1 : i64} : (tensor<?x?x8xf32>) -> tensor<1xi64>
// CHECK: %[[T:.*]] = "tg.concat"(%[[S]], %{{.*}}) {axis = 0 : i64} : (tensor<1xi64>, tensor<2xi64>) -> tensor<3xi64>
// CHECK: "tg.reshape"(%arg0, %[[T]]) : (tensor<?x?x8xf32>, tensor<3xi64>) -> tensor<?x?x4xf32>
// CHECK: "tg.reshape"(%arg0, %{{.*}}) {allowzero = true} : (tensor<?x?x8xf32>, tensor<3xi64>) -> tensor<?x?x4xf32>
// CHECK: "tg.reshape"(%arg0) : (tensor<?x?x8xf32>) -> tensor<?x8xf32>
func.func @shapes(%x: tensor<?x?x8xf32>) -> (tensor<?x?x4xf32>, tensor<?x?x4xf32>, tensor<?x8xf32>) {
  %rest = arith.constant dense<[-1, 4]> : tensor<2xi64>
  %0 = "tg.shape"(%x) {end = 1 : i64} : (tensor<?x?x8xf32>) -> tensor<1xi64>
  %1 = "tg.concat"(%0, %rest) {axis = 0 : i64} : (tensor<1xi64>, tensor<2xi64>) -> tensor<3xi64>
  %2 = "tg.reshape"(%x, %1) : (tensor<?x?x8xf32>, tensor<3xi64>) -> tensor<?x?x4xf32>
  %3 = "tg.reshape"(%x, %1) {allowzero = true} : (tensor<?x?x8xf32>, tensor<3xi64>) -> tensor<?x?x4xf32>
  %4 = "tg.reshape"(%x) : (tensor<?x?x8xf32>) -> tensor<?x8xf32>
  return %2, %3, %4 : tensor<?x?x4xf32>, tensor<?x?x4xf32>, tensor<?x8xf32>
}

// -----

// CHECK-LABEL: func.func @slices
// CHECK: "tg.slice"(%arg0, %{{.*}}, %{{.*}}) : (tensor<?x8xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x6xf32>
// CHECK: "tg.slice"(%arg0, %{{.*}}, %{{.*}}) {steps = array<i64: 1, -2>} : (tensor<?x8xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x4xf32>
// CHECK: "tg.slice"(%arg0, %arg1, %arg1) : (tensor<?x8xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<?x?xf32>
func.func @slices(%x: tensor<?x8xf32>, %b: tensor<2xi32>) -> (tensor<?x6xf32>, tensor<?x4xf32>, tensor<?x?xf32>) {
  %starts = arith.constant dense<[0, 1]> : tensor<2xi64>
  %ends = arith.constant dense<[9223372036854775807, -1]> : tensor<2xi64>
  %back = arith.constant dense<[0, -1]> : tensor<2xi64>
  %front = arith.constant dense<[9223372036854775807, -9223372036854775808]> : tensor<2xi64>
  %0 = "tg.slice"(%x, %starts, %ends) : (tensor<?x8xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x6xf32>
  %1 = "tg.slice"(%x, %back, %front) {steps = array<i64: 1, -2>} : (tensor<?x8xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x4xf32>
  %2 = "tg.slice"(%x, %b, %b) : (tensor<?x8xf32>, tensor<2xi32>, tensor<2xi32>) -> tensor<?x?xf32>
  return %0, %1, %2 : tensor<?x6xf32>, tensor<?x4xf32>, tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @gathers
// CHECK: "tg.gather"(%arg0, %arg1) {axis = 1 : i64} : (tensor<5x10xf16>, tensor<?xi32>) -> tensor<5x?xf16>
// CHECK: "tg.gather"(%arg0, %{{.*}}) : (tensor<5x10xf16>, tensor<i64>) -> tensor<10xf16>
// CHECK: "tg.gather_elements"(%arg0, %arg2) {axis = 1 : i64} : (tensor<5x10xf16>, tensor<5x3xi64>) -> tensor<5x3xf16>
func.func @gathers(%x: tensor<5x10xf16>, %i: tensor<?xi32>, %j: tensor<5x3xi64>) -> (tensor<5x?xf16>, tensor<10xf16>, tensor<5x3xf16>) {
  %last = arith.constant dense<-1> : tensor<i64>
  %0 = "tg.gather"(%x, %i) {axis = 1 : i64} : (tensor<5x10xf16>, tensor<?xi32>) -> tensor<5x?xf16>
  %1 = "tg.gather"(%x, %last) : (tensor<5x10xf16>, tensor<i64>) -> tensor<10xf16>
  %2 = "tg.gather_elements"(%x, %j) {axis = 1 : i64} : (tensor<5x10xf16>, tensor<5x3xi64>) -> tensor<5x3xf16>
  return %0, %1, %2 : tensor<5x?xf16>, tensor<10xf16>, tensor<5x3xf16>
}

// -----

// CHECK-LABEL: func.func @pads
// CHECK: "tg.pad"(%arg0, %arg1) {pads = array<i64: 1, 0, 2, -1>} : (tensor<3x4xi8>, tensor<i8>) -> tensor<6x3xi8>
// CHECK: "tg.pad"(%arg0, %arg1) {mode = "reflect", pads = array<i64: 2, 0, 2, 0>} : (tensor<3x4xi8>, tensor<i8>) -> tensor<7x4xi8>
// CHECK: "tg.pad"(%arg0, %arg1) {mode = "wrap", pads = array<i64: 0, 5, 0, 5>} : (tensor<3x4xi8>, tensor<i8>) -> tensor<3x14xi8>
func.func @pads(%x: tensor<3x4xi8>, %v: tensor<i8>) -> (tensor<6x3xi8>, tensor<7x4xi8>, tensor<3x14xi8>) {
  %0 = "tg.pad"(%x, %v) {pads = array<i64: 1, 0, 2, -1>} : (tensor<3x4xi8>, tensor<i8>) -> tensor<6x3xi8>
  %1 = "tg.pad"(%x, %v) {pads = array<i64: 2, 0, 2, 0>, mode = "reflect"} : (tensor<3x4xi8>, tensor<i8>) -> tensor<7x4xi8>
  %2 = "tg.pad"(%x, %v) {pads = array<i64: 0, 5, 0, 5>, mode = "wrap"} : (tensor<3x4xi8>, tensor<i8>) -> tensor<3x14xi8>
  return %0, %1, %2 : tensor<6x3xi8>, tensor<7x4xi8>, tensor<3x14xi8>
}

// -----

// CHECK-LABEL: func.func @broadcasts
// CHECK: "tg.broadcast_to"(%arg0) : (tensor<?x1xi1>) -> tensor<2x?x5xi1>
// CHECK: "tg.broadcast_to"(%arg0, %arg1) : (tensor<?x1xi1>, tensor<3xi64>) -> tensor<?x?x?xi1>
// CHECK: "tg.tile"(%arg0) {repeats = array<i64: 3, 2>} : (tensor<?x1xi1>) -> tensor<?x2xi1>
func.func @broadcasts(%x: tensor<?x1xi1>, %s: tensor<3xi64>) -> (tensor<2x?x5xi1>, tensor<?x?x?xi1>, tensor<?x2xi1>) {
  %0 = "tg.broadcast_to"(%x) : (tensor<?x1xi1>) -> tensor<2x?x5xi1>
  %1 = "tg.broadcast_to"(%x, %s) : (tensor<?x1xi1>, tensor<3xi64>) -> tensor<?x?x?xi1>
  %2 = "tg.tile"(%x) {repeats = array<i64: 3, 2>} : (tensor<?x1xi1>) -> tensor<?x2xi1>
  return %0, %1, %2 : tensor<2x?x5xi1>, tensor<?x?x?xi1>, tensor<?x2xi1>
}

// -----

// CHECK-LABEL: func.func @scans
// CHECK: "tg.trilu"(%arg0) : (tensor<?x4x4xf32>) -> tensor<?x4x4xf32>
// CHECK: "tg.trilu"(%arg0) {k = 1 : i64, upper = false} : (tensor<?x4x4xf32>) -> tensor<?x4x4xf32>
// CHECK: "tg.cumsum"(%arg0) {axis = -1 : i64, exclusive = true, reverse = true} : (tensor<?x4x4xf32>) -> tensor<?x4x4xf32>
func.func @scans(%x: tensor<?x4x4xf32>) -> (tensor<?x4x4xf32>, tensor<?x4x4xf32>, tensor<?x4x4xf32>) {
  %0 = "tg.trilu"(%x) : (tensor<?x4x4xf32>) -> tensor<?x4x4xf32>
  %1 = "tg.trilu"(%x) {upper = false, k = 1 : i64} : (tensor<?x4x4xf32>) -> tensor<?x4x4xf32>
  %2 = "tg.cumsum"(%x) {axis = -1 : i64, exclusive = true, reverse = true} : (tensor<?x4x4xf32>) -> tensor<?x4x4xf32>
  return %0, %1, %2 : tensor<?x4x4xf32>, tensor<?x4x4xf32>, tensor<?x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @resizes
// CHECK: "tg.resize"(%arg0) {scales = array<f64: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>} : (tensor<?x3x4x4xf32>) -> tensor<?x3x8x8xf32>
// CHECK: "tg.resize"(%arg0) {antialias = true, mode = "cubic", sizes = array<i64: -1, -1, 3, 2>} : (tensor<?x3x4x4xf32>) -> tensor<?x3x3x2xf32>
// CHECK: "tg.resize"(%arg0) {coordinate_transformation_mode = "tf_crop_and_resize", extrapolation_value = 1.000000e+01 : f64, mode = "linear", roi = array<f64: 0.000000e+00, 0.000000e+00, 0.000000e+00, 5.000000e-01, 1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00>, sizes = array<i64: -1, -1, 2, 2>} : (tensor<?x3x4x4xf32>) -> tensor<?x3x2x2xf32>
func.func @resizes(%x: tensor<?x3x4x4xf32>) -> (tensor<?x3x8x8xf32>, tensor<?x3x3x2xf32>, tensor<?x3x2x2xf32>) {
  %0 = "tg.resize"(%x) {scales = array<f64: 1.0, 1.0, 2.0, 2.0>} : (tensor<?x3x4x4xf32>) -> tensor<?x3x8x8xf32>
  %1 = "tg.resize"(%x) {mode = "cubic", antialias = true, sizes = array<i64: -1, -1, 3, 2>} : (tensor<?x3x4x4xf32>) -> tensor<?x3x3x2xf32>
  %2 = "tg.resize"(%x) {mode = "linear", coordinate_transformation_mode = "tf_crop_and_resize", roi = array<f64: 0.0, 0.0, 0.0, 0.5, 1.0, 1.0, 1.0, 1.0>, sizes = array<i64: -1, -1, 2, 2>, extrapolation_value = 10.0 : f64} : (tensor<?x3x4x4xf32>) -> tensor<?x3x2x2xf32>
  return %0, %1, %2 : tensor<?x3x8x8xf32>, tensor<?x3x3x2xf32>, tensor<?x3x2x2xf32>
}
