// The math ops parse, verify and print back unchanged, with tg-opt and with the upstream mlir-opt
// given only the generated IRDL file.
// RUN: tg-opt %s --split-input-file | filecheck %s
// RUN: tg-opt %s --split-input-file | tg-opt --split-input-file | filecheck %s
// RUN: mlir-opt --irdl-file=%tg_irdl %s --split-input-file | filecheck %s

// CHECK-LABEL: func.func @float_functions
// CHECK: "tg.ceil"(%arg0) : (tensor<?x4xf32>) -> tensor<?x4xf32>
// CHECK: "tg.floor"
// CHECK: "tg.round"
// CHECK: "tg.sin"
// CHECK: "tg.cos"
// CHECK: "tg.tan"
// CHECK: "tg.asin"
// CHECK: "tg.acos"
// CHECK: "tg.atan"
// CHECK: "tg.sinh"
// CHECK: "tg.cosh"
// CHECK: "tg.asinh"
// CHECK: "tg.acosh"
// CHECK: "tg.atanh"
// CHECK: "tg.erf"
// CHECK: "tg.softplus"
func.func @float_functions(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.ceil"(%x) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %1 = "tg.floor"(%0) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %2 = "tg.round"(%1) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %3 = "tg.sin"(%2) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %4 = "tg.cos"(%3) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %5 = "tg.tan"(%4) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %6 = "tg.asin"(%5) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %7 = "tg.acos"(%6) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %8 = "tg.atan"(%7) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %9 = "tg.sinh"(%8) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %10 = "tg.cosh"(%9) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %11 = "tg.asinh"(%10) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %12 = "tg.acosh"(%11) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %13 = "tg.atanh"(%12) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %14 = "tg.erf"(%13) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %15 = "tg.softplus"(%14) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %15 : tensor<?x4xf32>
}

// -----

// abs and sign take every numeric type.
// CHECK-LABEL: func.func @abs_sign
// CHECK: "tg.abs"(%arg0) : (tensor<3xi8>) -> tensor<3xi8>
// CHECK: "tg.sign"(%arg1) : (tensor<3xui64>) -> tensor<3xui64>
// CHECK: "tg.abs"(%arg2) : (tensor<3xbf16>) -> tensor<3xbf16>
func.func @abs_sign(%i: tensor<3xi8>, %u: tensor<3xui64>, %b: tensor<3xbf16>) -> (tensor<3xi8>, tensor<3xui64>, tensor<3xbf16>) {
  %0 = "tg.abs"(%i) : (tensor<3xi8>) -> tensor<3xi8>
  %1 = "tg.sign"(%u) : (tensor<3xui64>) -> tensor<3xui64>
  %2 = "tg.abs"(%b) : (tensor<3xbf16>) -> tensor<3xbf16>
  return %0, %1, %2 : tensor<3xi8>, tensor<3xui64>, tensor<3xbf16>
}

// -----

// mod broadcasts; fmod is optional (false when absent).
// CHECK-LABEL: func.func @mod
// CHECK: "tg.mod"(%arg0, %arg1) : (tensor<?x5xi32>, tensor<1xi32>) -> tensor<?x5xi32>
// CHECK: "tg.mod"(%arg0, %arg1) {fmod = true} : (tensor<?x5xi32>, tensor<1xi32>) -> tensor<?x5xi32>
func.func @mod(%x: tensor<?x5xi32>, %y: tensor<1xi32>) -> (tensor<?x5xi32>, tensor<?x5xi32>) {
  %0 = "tg.mod"(%x, %y) : (tensor<?x5xi32>, tensor<1xi32>) -> tensor<?x5xi32>
  %1 = "tg.mod"(%x, %y) {fmod = true} : (tensor<?x5xi32>, tensor<1xi32>) -> tensor<?x5xi32>
  return %0, %1 : tensor<?x5xi32>, tensor<?x5xi32>
}

// -----

// pow's exponent may have another numeric type than its base; the result has the base's.
// CHECK-LABEL: func.func @pow_mixed
// CHECK: "tg.pow"(%arg0, %arg1) : (tensor<3xi64>, tensor<f32>) -> tensor<3xi64>
// CHECK: "tg.pow"(%arg2, %arg0) : (tensor<3xf16>, tensor<3xi64>) -> tensor<3xf16>
func.func @pow_mixed(%i: tensor<3xi64>, %f: tensor<f32>, %h: tensor<3xf16>) -> (tensor<3xi64>, tensor<3xf16>) {
  %0 = "tg.pow"(%i, %f) : (tensor<3xi64>, tensor<f32>) -> tensor<3xi64>
  %1 = "tg.pow"(%h, %i) : (tensor<3xf16>, tensor<3xi64>) -> tensor<3xf16>
  return %0, %1 : tensor<3xi64>, tensor<3xf16>
}
