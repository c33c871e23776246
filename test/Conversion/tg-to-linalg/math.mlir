// The math ops lower like the other elementwise ops (see elementwise.mlir): a named linalg op where one
// exists for the float case, otherwise a parallel linalg.generic whose body holds the scalar function.
// RUN: tg-opt %s --tg-to-linalg --split-input-file | filecheck %s

// Float abs, ceil, floor and erf have named linalg ops; a dynamic dim sizes each result.
// CHECK-LABEL: func.func @named_float
// CHECK-SAME:    (%[[X:.*]]: tensor<?x4xf32>)
// CHECK:         %[[D0:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x4xf32>
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[D0]]) : tensor<?x4xf32>
// CHECK:         %[[ABS:.*]] = linalg.abs ins(%[[X]] : tensor<?x4xf32>) outs(%[[INIT]] : tensor<?x4xf32>)
// CHECK:         %[[CEIL:.*]] = linalg.ceil ins(%[[ABS]] : tensor<?x4xf32>)
// CHECK:         %[[FLOOR:.*]] = linalg.floor ins(%[[CEIL]] : tensor<?x4xf32>)
// CHECK:         %[[ERF:.*]] = linalg.erf ins(%[[FLOOR]] : tensor<?x4xf32>)
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[ERF]]
func.func @named_float(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.abs"(%x) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %1 = "tg.ceil"(%0) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %2 = "tg.floor"(%1) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %3 = "tg.erf"(%2) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %3 : tensor<?x4xf32>
}

// -----

// The other functions are math ops in a generic; round is roundeven (halves to even), not math.round.
// CHECK-LABEL: func.func @float_functions
// CHECK:         linalg.generic
// CHECK:           math.roundeven %{{.*}} : f16
// CHECK:           math.sin
// CHECK:           math.cos
// CHECK:           math.tan
// CHECK:           math.asin
// CHECK:           math.acos
// CHECK:           math.atan
// CHECK:           math.sinh
// CHECK:           math.cosh
// CHECK:           math.asinh
// CHECK:           math.acosh
// CHECK:           math.atanh
// CHECK-NOT:     math.round %
func.func @float_functions(%x: tensor<8xf16>) -> tensor<8xf16> {
  %0 = "tg.round"(%x) : (tensor<8xf16>) -> tensor<8xf16>
  %1 = "tg.sin"(%0) : (tensor<8xf16>) -> tensor<8xf16>
  %2 = "tg.cos"(%1) : (tensor<8xf16>) -> tensor<8xf16>
  %3 = "tg.tan"(%2) : (tensor<8xf16>) -> tensor<8xf16>
  %4 = "tg.asin"(%3) : (tensor<8xf16>) -> tensor<8xf16>
  %5 = "tg.acos"(%4) : (tensor<8xf16>) -> tensor<8xf16>
  %6 = "tg.atan"(%5) : (tensor<8xf16>) -> tensor<8xf16>
  %7 = "tg.sinh"(%6) : (tensor<8xf16>) -> tensor<8xf16>
  %8 = "tg.cosh"(%7) : (tensor<8xf16>) -> tensor<8xf16>
  %9 = "tg.asinh"(%8) : (tensor<8xf16>) -> tensor<8xf16>
  %10 = "tg.acosh"(%9) : (tensor<8xf16>) -> tensor<8xf16>
  %11 = "tg.atanh"(%10) : (tensor<8xf16>) -> tensor<8xf16>
  return %11 : tensor<8xf16>
}

// -----

// Integer abs is math.absi, never linalg.abs; unsigned abs copies its (stored i8) input.
// CHECK-LABEL: func.func @abs_integers
// CHECK-NOT:     linalg.abs
// CHECK:         linalg.generic
// CHECK:         ^bb0(%[[A:.*]]: i32, %{{.*}}: i32):
// CHECK-NEXT:      %[[R:.*]] = math.absi %[[A]] : i32
// CHECK-NEXT:      linalg.yield %[[R]] : i32
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%{{.*}} : tensor<4xi8>) outs(%{{.*}} : tensor<4xi8>)
// CHECK:         ^bb0(%[[U:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT:      linalg.yield %[[U]] : i8
func.func @abs_integers(%x: tensor<4xi32>, %u: tensor<4xui8>) -> (tensor<4xi32>, tensor<4xui8>) {
  %0 = "tg.abs"(%x) : (tensor<4xi32>) -> tensor<4xi32>
  %1 = "tg.abs"(%u) : (tensor<4xui8>) -> tensor<4xui8>
  return %0, %1 : tensor<4xi32>, tensor<4xui8>
}

// -----

// Float sign selects 1 above zero, -1 below and the input otherwise (0, -0.0 and NaN stay).
// CHECK-LABEL: func.func @sign_float
// CHECK:         ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-DAG:       %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:       %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG:       %[[MINUS_ONE:.*]] = arith.constant -1.000000e+00 : f32
// CHECK:           %[[ABOVE:.*]] = arith.cmpf ogt, %[[X]], %[[ZERO]] : f32
// CHECK:           %[[BELOW:.*]] = arith.cmpf olt, %[[X]], %[[ZERO]] : f32
// CHECK:           %[[NOT_ABOVE:.*]] = arith.select %[[BELOW]], %[[MINUS_ONE]], %[[X]] : f32
// CHECK:           %[[SIGN:.*]] = arith.select %[[ABOVE]], %[[ONE]], %[[NOT_ABOVE]] : f32
// CHECK:           linalg.yield %[[SIGN]] : f32
func.func @sign_float(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = "tg.sign"(%x) : (tensor<?xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// Integer sign compares signed, or, for unsigned types, tests for zero.
// CHECK-LABEL: func.func @sign_integers
// CHECK:         arith.cmpi sgt, %{{.*}}, %{{.*}} : i64
// CHECK:         arith.cmpi slt, %{{.*}}, %{{.*}} : i64
// CHECK:         arith.cmpi ne, %{{.*}}, %{{.*}} : i16
// CHECK-NOT:     arith.cmpi sgt
func.func @sign_integers(%i: tensor<?xi64>, %u: tensor<?xui16>) -> (tensor<?xi64>, tensor<?xui16>) {
  %0 = "tg.sign"(%i) : (tensor<?xi64>) -> tensor<?xi64>
  %1 = "tg.sign"(%u) : (tensor<?xui16>) -> tensor<?xui16>
  return %0, %1 : tensor<?xi64>, tensor<?xui16>
}

// -----

// softplus is max(x, 0) + log1p(exp(-|x|)), the log1p written out so that tiny arguments survive.
// CHECK-LABEL: func.func @softplus
// CHECK:         ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[POS:.*]] = arith.maximumf %[[X]], %{{.*}} : f32
// CHECK:           %[[ABS:.*]] = math.absf %[[X]] : f32
// CHECK:           %[[NEG:.*]] = arith.negf %[[ABS]] : f32
// CHECK:           %[[E:.*]] = math.exp %[[NEG]] : f32
// CHECK:           %[[U:.*]] = arith.addf %[[ONE:.*]], %[[E]] : f32
// CHECK:           %[[LOG:.*]] = math.log %[[U]] : f32
// CHECK:           %[[UM1:.*]] = arith.subf %[[U]], %[[ONE]] : f32
// CHECK:           %[[RATIO:.*]] = arith.divf %[[E]], %[[UM1]] : f32
// CHECK:           %[[CORRECTED:.*]] = arith.mulf %[[LOG]], %[[RATIO]] : f32
// CHECK:           %[[EXACT:.*]] = arith.cmpf oeq, %[[U]], %[[ONE]] : f32
// CHECK:           %[[LOG1P:.*]] = arith.select %[[EXACT]], %[[E]], %[[CORRECTED]] : f32
// CHECK:           %[[R:.*]] = arith.addf %[[POS]], %[[LOG1P]] : f32
// CHECK:           linalg.yield %[[R]] : f32
// CHECK-NOT:     math.log1p
func.func @softplus(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = "tg.softplus"(%x) : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

// fmod = true is remf; numpy's mod moves a remainder whose sign differs from the divisor's by the
// divisor, and gives a zero remainder the divisor's sign.
// CHECK-LABEL: func.func @mod_float
// CHECK:         ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[R:.*]] = arith.remf %[[A]], %[[B]] : f32
// CHECK:           %[[R_NEG:.*]] = arith.cmpf olt, %[[R]], %[[ZERO:.*]] : f32
// CHECK:           %[[B_NEG:.*]] = arith.cmpf olt, %[[B]], %[[ZERO]] : f32
// CHECK:           %[[DIFFER:.*]] = arith.xori %[[R_NEG]], %[[B_NEG]] : i1
// CHECK:           %[[SUM:.*]] = arith.addf %[[R]], %[[B]] : f32
// CHECK:           %[[MOVED:.*]] = arith.select %[[DIFFER]], %[[SUM]], %[[R]] : f32
// CHECK:           %[[NONZERO:.*]] = arith.cmpf une, %[[R]], %[[ZERO]] : f32
// CHECK:           %[[SIGNED_ZERO:.*]] = math.copysign %[[R]], %[[B]] : f32
// CHECK:           %[[MOD:.*]] = arith.select %[[NONZERO]], %[[MOVED]], %[[SIGNED_ZERO]] : f32
// CHECK:           linalg.yield %[[MOD]] : f32
// CHECK:         ^bb0(%[[A2:.*]]: f32, %[[B2:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[FMOD:.*]] = arith.remf %[[A2]], %[[B2]] : f32
// CHECK-NEXT:      linalg.yield %[[FMOD]] : f32
func.func @mod_float(%x: tensor<6xf32>, %y: tensor<6xf32>) -> (tensor<6xf32>, tensor<6xf32>) {
  %0 = "tg.mod"(%x, %y) : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xf32>
  %1 = "tg.mod"(%x, %y) {fmod = true} : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xf32>
  return %0, %1 : tensor<6xf32>, tensor<6xf32>
}

// -----

// Integer remainders never trap: a divisor of 0 or -1 (whose remainder is 0) becomes 1 for remsi.
// With fmod = false the remainder then moves into the divisor's sign; with fmod = true it stays.
// CHECK-LABEL: func.func @mod_signed
// CHECK:         ^bb0(%[[A:.*]]: i8, %[[B:.*]]: i8, %{{.*}}: i8):
// CHECK-DAG:       %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK-DAG:       %[[ONE:.*]] = arith.constant 1 : i8
// CHECK-DAG:       %[[MINUS_ONE:.*]] = arith.constant -1 : i8
// CHECK:           %[[IS_ZERO:.*]] = arith.cmpi eq, %[[B]], %[[ZERO]] : i8
// CHECK:           %[[IS_MINUS_ONE:.*]] = arith.cmpi eq, %[[B]], %[[MINUS_ONE]] : i8
// CHECK:           %[[TRIVIAL:.*]] = arith.ori %[[IS_ZERO]], %[[IS_MINUS_ONE]] : i1
// CHECK:           %[[SAFE:.*]] = arith.select %[[TRIVIAL]], %[[ONE]], %[[B]] : i8
// CHECK:           %[[R:.*]] = arith.remsi %[[A]], %[[SAFE]] : i8
// CHECK:           arith.xori
// CHECK:           %[[SUM:.*]] = arith.addi %[[R]], %[[B]] : i8
// CHECK:           %[[MOD:.*]] = arith.select %{{.*}}, %[[SUM]], %[[R]] : i8
// CHECK:           linalg.yield %[[MOD]] : i8
// CHECK:         ^bb0(%{{.*}}: i8, %{{.*}}: i8, %{{.*}}: i8):
// CHECK:           %[[FMOD:.*]] = arith.remsi
// CHECK-NEXT:      linalg.yield %[[FMOD]] : i8
func.func @mod_signed(%x: tensor<6xi8>, %y: tensor<6xi8>) -> (tensor<6xi8>, tensor<6xi8>) {
  %0 = "tg.mod"(%x, %y) : (tensor<6xi8>, tensor<6xi8>) -> tensor<6xi8>
  %1 = "tg.mod"(%x, %y) {fmod = true} : (tensor<6xi8>, tensor<6xi8>) -> tensor<6xi8>
  return %0, %1 : tensor<6xi8>, tensor<6xi8>
}

// -----

// Unsigned remainders are remui (on the stored signless type), with x % 0 = 0; the divisor broadcasts.
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @mod_unsigned_broadcast
// CHECK:         linalg.generic {indexing_maps = [#[[$ID]], #[[$SCALAR]], #[[$ID]]]
// CHECK:         ^bb0(%[[A:.*]]: i32, %[[B:.*]]: i32, %{{.*}}: i32):
// CHECK:           %[[IS_ZERO:.*]] = arith.cmpi eq, %[[B]], %[[ZERO:.*]] : i32
// CHECK:           %[[SAFE:.*]] = arith.select %[[IS_ZERO]], %{{.*}}, %[[B]] : i32
// CHECK:           %[[R:.*]] = arith.remui %[[A]], %[[SAFE]] : i32
// CHECK:           %[[MOD:.*]] = arith.select %[[IS_ZERO]], %[[ZERO]], %[[R]] : i32
// CHECK:           linalg.yield %[[MOD]] : i32
// CHECK-NOT:     arith.remsi
func.func @mod_unsigned_broadcast(%x: tensor<?x3xui32>, %y: tensor<ui32>) -> tensor<?x3xui32> {
  %0 = "tg.mod"(%x, %y) : (tensor<?x3xui32>, tensor<ui32>) -> tensor<?x3xui32>
  return %0 : tensor<?x3xui32>
}

// -----

// An integer power loops over the exponent's bits (an scf.while inside the body), squaring the base;
// a negative exponent takes the magnitude and divides 1 by the result with the non-trapping division.
// CHECK-LABEL: func.func @pow_integers
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%{{.*}}, %{{.*}} : tensor<3xi32>, tensor<3xi64>) outs(%{{.*}} : tensor<3xi32>)
// CHECK:         ^bb0(%[[BASE:.*]]: i32, %[[EXP:.*]]: i64, %{{.*}}: i32):
// CHECK:           %[[NEGATIVE:.*]] = arith.cmpi slt, %[[EXP]], %{{.*}} : i64
// CHECK:           %[[MAGNITUDE:.*]] = arith.select %[[NEGATIVE]], %{{.*}}, %[[EXP]] : i64
// CHECK:           %[[LOOP:.*]]:3 = scf.while (%[[P:.*]] = %{{.*}}, %[[F:.*]] = %[[BASE]], %[[E:.*]] = %[[MAGNITUDE]]) : (i32, i32, i64) -> (i32, i32, i64)
// CHECK:             arith.cmpi ne, %[[E]], %{{.*}} : i64
// CHECK:             scf.condition
// CHECK:           } do {
// CHECK:             %[[BIT:.*]] = arith.trunci %{{.*}} : i64 to i1
// CHECK:             arith.muli
// CHECK:             arith.select %[[BIT]]
// CHECK:             arith.muli
// CHECK:             arith.shrui
// CHECK:             scf.yield
// CHECK:           arith.divsi %{{.*}}, %{{.*}} : i32
// CHECK:           %[[R:.*]] = arith.select %[[NEGATIVE]], %{{.*}}, %[[LOOP]]#0 : i32
// CHECK:           linalg.yield %[[R]] : i32
// CHECK-NOT:     math.ipowi
func.func @pow_integers(%x: tensor<3xi32>, %e: tensor<3xi64>) -> tensor<3xi32> {
  %0 = "tg.pow"(%x, %e) : (tensor<3xi32>, tensor<3xi64>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

// A float base with an integer exponent converts the exponent by its signedness; an integer base with
// a float exponent computes in f64 and truncates. Mixed types never make linalg.powf.
// CHECK-LABEL: func.func @pow_mixed
// CHECK-NOT:     linalg.powf
// CHECK:         ^bb0(%[[X:.*]]: f32, %[[U:.*]]: i32, %{{.*}}: f32):
// CHECK-NEXT:      %[[UF:.*]] = arith.uitofp %[[U]] : i32 to f32
// CHECK-NEXT:      %[[P:.*]] = math.powf %[[X]], %[[UF]] : f32
// CHECK-NEXT:      linalg.yield %[[P]] : f32
// CHECK:         ^bb0(%[[I:.*]]: i64, %[[F:.*]]: f32, %{{.*}}: i64):
// CHECK-NEXT:      %[[IF:.*]] = arith.sitofp %[[I]] : i64 to f64
// CHECK-NEXT:      %[[FF:.*]] = arith.extf %[[F]] : f32 to f64
// CHECK-NEXT:      %[[P2:.*]] = math.powf %[[IF]], %[[FF]] : f64
// CHECK-NEXT:      %[[R:.*]] = arith.fptosi %[[P2]] : f64 to i64
// CHECK-NEXT:      linalg.yield %[[R]] : i64
func.func @pow_mixed(%x: tensor<3xf32>, %e: tensor<3xui32>, %i: tensor<3xi64>, %f: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xi64>) {
  %0 = "tg.pow"(%x, %e) : (tensor<3xf32>, tensor<3xui32>) -> tensor<3xf32>
  %1 = "tg.pow"(%i, %f) : (tensor<3xi64>, tensor<3xf32>) -> tensor<3xi64>
  return %0, %1 : tensor<3xf32>, tensor<3xi64>
}
