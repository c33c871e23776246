// RUN: tg-opt %s --tg-approximate-math | filecheck %s

// f32 erf, scalar or vector, becomes a clamp and a ratio of two polynomials in x^2: no libm call.
// CHECK-LABEL: func.func @scalar
// CHECK-NOT:     math.erf
// CHECK:         arith.maximumf
// CHECK:         arith.minimumf
// CHECK:         arith.mulf
// CHECK:         arith.divf
// CHECK-NOT:     math.erf
func.func @scalar(%x: f32) -> f32 {
  %0 = math.erf %x : f32
  return %0 : f32
}

// CHECK-LABEL: func.func @vector
// CHECK-NOT:     math.erf
// CHECK:         arith.divf %{{.*}}, %{{.*}} : vector<16xf32>
func.func @vector(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.erf %x : vector<16xf32>
  return %0 : vector<16xf32>
}

// f64 keeps its exact libm erf.
// CHECK-LABEL: func.func @double
// CHECK:         math.erf %{{.*}} : f64
func.func @double(%x: f64) -> f64 {
  %0 = math.erf %x : f64
  return %0 : f64
}

// f32 exp: n = floor(x / ln 2 + 1/2), a polynomial of the remainder, and 2^n assembled in the
// exponent bits as two factors; NaN is passed through.
// CHECK-LABEL: func.func @exp_scalar
// CHECK-NOT:     math.exp
// CHECK:         math.floor
// CHECK:         arith.fptosi %{{.*}} : f32 to i32
// CHECK:         arith.shli
// CHECK:         arith.bitcast %{{.*}} : i32 to f32
// CHECK:         arith.cmpf uno
// CHECK:         arith.select
// CHECK-NOT:     math.exp
func.func @exp_scalar(%x: f32) -> f32 {
  %0 = math.exp %x : f32
  return %0 : f32
}

// CHECK-LABEL: func.func @exp_vector
// CHECK-NOT:     math.exp
// CHECK:         arith.bitcast %{{.*}} : vector<16xi32> to vector<16xf32>
// CHECK-NOT:     math.exp
func.func @exp_vector(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.exp %x : vector<16xf32>
  return %0 : vector<16xf32>
}

// CHECK-LABEL: func.func @exp_double
// CHECK:         math.exp %{{.*}} : f64
func.func @exp_double(%x: f64) -> f64 {
  %0 = math.exp %x : f64
  return %0 : f64
}
