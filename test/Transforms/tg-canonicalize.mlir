// RUN: tg-opt %s --tg-canonicalize --split-input-file | filecheck %s
// RUN: tg-opt %s --tg-canonicalize="max-elements=4" --split-input-file | filecheck %s --check-prefix=CAPPED

// --- arithmetic identities ---------------------------------------------------------------------------

// x + 0 and 0 + x, with zeros that broadcast into x's shape without growing it.
// CHECK-LABEL: func.func @add_zero
// CHECK-NOT:     tg.add
// CHECK:         return %arg0
func.func @add_zero(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %zeros = arith.constant dense<0.0> : tensor<1x4xf32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %0 = "tg.add"(%x, %zeros) : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<?x4xf32>
  %1 = "tg.add"(%zero, %0) : (tensor<f32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %1 : tensor<?x4xf32>
}

// -----

// Zeros that broadcast x to a bigger shape: the add makes the result, it stays.
// CHECK-LABEL: func.func @add_zero_broadcasting
// CHECK:         "tg.add"(%arg0, %{{.*}}) : (tensor<4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
func.func @add_zero_broadcasting(%x: tensor<4xf32>) -> tensor<3x4xf32> {
  %zeros = arith.constant dense<0.0> : tensor<3x4xf32>
  %0 = "tg.add"(%x, %zeros) : (tensor<4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// A zero whose 1 would broadcast a dynamic dim of x, and a constant that is not all zeros, stay.
// CHECK-LABEL: func.func @add_not_zero
// CHECK:         "tg.add"(%arg0, %{{.*}}) : (tensor<?x?xf32>, tensor<1x4xf32>)
// CHECK:         "tg.add"(%arg1, %{{.*}}) : (tensor<2xi32>, tensor<2xi32>)
func.func @add_not_zero(%x: tensor<?x?xf32>, %i: tensor<2xi32>) -> (tensor<?x4xf32>, tensor<2xi32>) {
  %zeros = arith.constant dense<0.0> : tensor<1x4xf32>
  %c = arith.constant dense<[0, 1]> : tensor<2xi32>
  %0 = "tg.add"(%x, %zeros) : (tensor<?x?xf32>, tensor<1x4xf32>) -> tensor<?x4xf32>
  %1 = "tg.add"(%i, %c) : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0, %1 : tensor<?x4xf32>, tensor<2xi32>
}

// -----

// x - 0 goes; 0 - x is a negation and stays.
// CHECK-LABEL: func.func @sub_zero
// CHECK:         %[[NEG:.*]] = "tg.sub"(%{{.*}}, %arg0)
// CHECK-NEXT:    return %arg0, %[[NEG]]
func.func @sub_zero(%x: tensor<3xi64>) -> (tensor<3xi64>, tensor<3xi64>) {
  %zeros = arith.constant dense<[0, 0, 0]> : tensor<3xi64>
  %0 = "tg.sub"(%x, %zeros) : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  %1 = "tg.sub"(%zeros, %x) : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  return %0, %1 : tensor<3xi64>, tensor<3xi64>
}

// -----

// x * 1 and 1 * x go, for floats and integers.
// CHECK-LABEL: func.func @mul_one
// CHECK-NOT:     tg.mul
// CHECK:         return %arg0, %arg1
func.func @mul_one(%x: tensor<2x3xf16>, %i: tensor<2x3xui8>) -> (tensor<2x3xf16>, tensor<2x3xui8>) {
  %one = arith.constant dense<1.0> : tensor<3xf16>
  %ione = arith.constant dense<1> : tensor<ui8>
  %0 = "tg.mul"(%one, %x) : (tensor<3xf16>, tensor<2x3xf16>) -> tensor<2x3xf16>
  %1 = "tg.mul"(%i, %ione) : (tensor<2x3xui8>, tensor<ui8>) -> tensor<2x3xui8>
  return %0, %1 : tensor<2x3xf16>, tensor<2x3xui8>
}

// -----

// A scale that is not 1 everywhere stays.
// CHECK-LABEL: func.func @mul_not_one
// CHECK:         "tg.mul"
func.func @mul_not_one(%x: tensor<2xf32>) -> tensor<2xf32> {
  %c = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = "tg.mul"(%x, %c) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// x / 1 goes; 1 / x stays.
// CHECK-LABEL: func.func @div_one
// CHECK:         %[[RECIPROCAL:.*]] = "tg.div"(%{{.*}}, %arg0)
// CHECK-NEXT:    return %arg0, %[[RECIPROCAL]]
func.func @div_one(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>) {
  %one = arith.constant dense<1.0> : tensor<f32>
  %0 = "tg.div"(%x, %one) : (tensor<?xf32>, tensor<f32>) -> tensor<?xf32>
  %1 = "tg.div"(%one, %x) : (tensor<f32>, tensor<?xf32>) -> tensor<?xf32>
  return %0, %1 : tensor<?xf32>, tensor<?xf32>
}

// -----

// x / 1 where the 1 changes the shape (a rank-2 result from a rank-1 x) stays.
// CHECK-LABEL: func.func @div_one_broadcasting
// CHECK:         "tg.div"
func.func @div_one_broadcasting(%x: tensor<3xf32>) -> tensor<1x3xf32> {
  %one = arith.constant dense<1.0> : tensor<1x1xf32>
  %0 = "tg.div"(%x, %one) : (tensor<3xf32>, tensor<1x1xf32>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

// -(-x) is x, for integers too; a single negation stays.
// CHECK-LABEL: func.func @neg_of_neg
// CHECK:         %[[NEG:.*]] = "tg.neg"(%arg1)
// CHECK-NOT:     tg.neg
// CHECK:         return %arg0, %[[NEG]]
func.func @neg_of_neg(%x: tensor<4xi8>, %y: tensor<4xf32>) -> (tensor<4xi8>, tensor<4xf32>) {
  %0 = "tg.neg"(%x) : (tensor<4xi8>) -> tensor<4xi8>
  %1 = "tg.neg"(%0) : (tensor<4xi8>) -> tensor<4xi8>
  %2 = "tg.neg"(%y) : (tensor<4xf32>) -> tensor<4xf32>
  return %1, %2 : tensor<4xi8>, tensor<4xf32>
}

// -----

// Integer x - x is zeros: a constant for a static shape, a broadcast to x's shape for a dynamic one.
// CHECK-LABEL: func.func @sub_self
// CHECK-DAG:     %[[ZEROS:.*]] = arith.constant dense<0> : tensor<2x3xi32>
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant dense<0> : tensor<i64>
// CHECK:         %[[SHAPE:.*]] = "tg.shape"(%arg1)
// CHECK:         %[[DYNAMIC:.*]] = "tg.broadcast_to"(%[[ZERO]], %[[SHAPE]]) : (tensor<i64>, tensor<1xi64>) -> tensor<?xi64>
// CHECK:         return %[[ZEROS]], %[[DYNAMIC]]
func.func @sub_self(%x: tensor<2x3xi32>, %y: tensor<?xi64>) -> (tensor<2x3xi32>, tensor<?xi64>) {
  %0 = "tg.sub"(%x, %x) : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  %1 = "tg.sub"(%y, %y) : (tensor<?xi64>, tensor<?xi64>) -> tensor<?xi64>
  return %0, %1 : tensor<2x3xi32>, tensor<?xi64>
}

// -----

// Float x - x is NaN where x is inf or NaN: it stays.
// CHECK-LABEL: func.func @sub_self_float
// CHECK:         "tg.sub"(%arg0, %arg0)
func.func @sub_self_float(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "tg.sub"(%x, %x) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// --- transposes -----------------------------------------------------------------------------------

// -----

// A transpose and its inverse cancel; an identity transpose goes.
// CHECK-LABEL: func.func @transpose_inverse
// CHECK-NOT:     tg.transpose
// CHECK:         return %arg0, %arg1
func.func @transpose_inverse(%x: tensor<2x?x4xf32>, %y: tensor<5xi1>) -> (tensor<2x?x4xf32>, tensor<5xi1>) {
  %0 = "tg.transpose"(%x) {perm = array<i64: 1, 2, 0>} : (tensor<2x?x4xf32>) -> tensor<?x4x2xf32>
  %1 = "tg.transpose"(%0) {perm = array<i64: 2, 0, 1>} : (tensor<?x4x2xf32>) -> tensor<2x?x4xf32>
  %2 = "tg.transpose"(%y) {perm = array<i64: 0>} : (tensor<5xi1>) -> tensor<5xi1>
  return %1, %2 : tensor<2x?x4xf32>, tensor<5xi1>
}

// -----

// Two transposes that are not inverses compose into one; the first stays for its other user.
// CHECK-LABEL: func.func @transpose_compose
// CHECK:         %[[FIRST:.*]] = "tg.transpose"(%arg0) {perm = array<i64: 1, 2, 0>}
// CHECK:         %[[COMPOSED:.*]] = "tg.transpose"(%arg0) {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
// CHECK:         return %[[COMPOSED]], %[[FIRST]]
func.func @transpose_compose(%x: tensor<2x3x4xf32>) -> (tensor<4x2x3xf32>, tensor<3x4x2xf32>) {
  %0 = "tg.transpose"(%x) {perm = array<i64: 1, 2, 0>} : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  %1 = "tg.transpose"(%0) {perm = array<i64: 1, 2, 0>} : (tensor<3x4x2xf32>) -> tensor<4x2x3xf32>
  return %1, %0 : tensor<4x2x3xf32>, tensor<3x4x2xf32>
}

// -----

// A single transpose that moves dims stays.
// CHECK-LABEL: func.func @transpose_kept
// CHECK:         "tg.transpose"(%arg0) {perm = array<i64: 1, 0>}
func.func @transpose_kept(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = "tg.transpose"(%x) {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// --- reshapes -------------------------------------------------------------------------------------

// -----

// A chain of reshapes is one reshape; a reshape to the type it has goes.
// CHECK-LABEL: func.func @reshape_chain
// CHECK:         %[[R:.*]] = "tg.reshape"(%arg0) : (tensor<?x4xf32>) -> tensor<?x2x2xf32>
// CHECK-NOT:     tg.reshape
// CHECK:         return %[[R]], %arg1
func.func @reshape_chain(%x: tensor<?x4xf32>, %y: tensor<?x3xf32>) -> (tensor<?x2x2xf32>, tensor<?x3xf32>) {
  %0 = "tg.reshape"(%x) : (tensor<?x4xf32>) -> tensor<?xf32>
  %1 = "tg.reshape"(%0) : (tensor<?xf32>) -> tensor<2x?x2xf32>
  %2 = "tg.reshape"(%1) : (tensor<2x?x2xf32>) -> tensor<?x2x2xf32>
  %3 = "tg.reshape"(%y) : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %2, %3 : tensor<?x2x2xf32>, tensor<?x3xf32>
}

// -----

// A reshape whose intermediate result is used elsewhere stays for that user; the second reads the
// first one's input.
// CHECK-LABEL: func.func @reshape_shared
// CHECK:         %[[FLAT:.*]] = "tg.reshape"(%arg0) : (tensor<2x6xf32>) -> tensor<12xf32>
// CHECK:         %[[THREE:.*]] = "tg.reshape"(%arg0) : (tensor<2x6xf32>) -> tensor<3x4xf32>
// CHECK:         return %[[THREE]], %[[FLAT]]
func.func @reshape_shared(%x: tensor<2x6xf32>) -> (tensor<3x4xf32>, tensor<12xf32>) {
  %0 = "tg.reshape"(%x) : (tensor<2x6xf32>) -> tensor<12xf32>
  %1 = "tg.reshape"(%0) : (tensor<12xf32>) -> tensor<3x4xf32>
  return %1, %0 : tensor<3x4xf32>, tensor<12xf32>
}

// -----

// The second reshape's target copies input dims (ONNX's 0): they are the first reshape's, not x's.
// A reshape between equal types with two dynamic dims may still move elements: both stay.
// CHECK-LABEL: func.func @reshape_kept
// CHECK:         %[[FIRST:.*]] = "tg.reshape"(%arg0)
// CHECK:         "tg.reshape"(%[[FIRST]], %{{.*}})
// CHECK:         "tg.reshape"(%arg1, %arg2) : (tensor<?x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
func.func @reshape_kept(%x: tensor<2x6xf32>, %y: tensor<?x?xf32>, %t: tensor<2xi64>) -> (tensor<3x2x2xf32>, tensor<?x?xf32>) {
  %target = arith.constant dense<[0, 2, 2]> : tensor<3xi64>
  %0 = "tg.reshape"(%x) : (tensor<2x6xf32>) -> tensor<3x4xf32>
  %1 = "tg.reshape"(%0, %target) : (tensor<3x4xf32>, tensor<3xi64>) -> tensor<3x2x2xf32>
  %2 = "tg.reshape"(%y, %t) : (tensor<?x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %1, %2 : tensor<3x2x2xf32>, tensor<?x?xf32>
}

// --- casts ----------------------------------------------------------------------------------------

// -----

// f16 -> f32 -> f16 loses nothing: no cast is left. i8 -> i32 -> i64 is one cast; a cast to the
// same type goes.
// CHECK-LABEL: func.func @cast_chain
// CHECK:         %[[WIDE:.*]] = "tg.cast"(%arg1) : (tensor<3xi8>) -> tensor<3xi64>
// CHECK-NOT:     tg.cast
// CHECK:         return %arg0, %[[WIDE]], %arg2
func.func @cast_chain(%x: tensor<3xf16>, %i: tensor<3xi8>, %b: tensor<3xbf16>) -> (tensor<3xf16>, tensor<3xi64>, tensor<3xbf16>) {
  %0 = "tg.cast"(%x) : (tensor<3xf16>) -> tensor<3xf32>
  %1 = "tg.cast"(%0) : (tensor<3xf32>) -> tensor<3xf16>
  %2 = "tg.cast"(%i) : (tensor<3xi8>) -> tensor<3xi32>
  %3 = "tg.cast"(%2) : (tensor<3xi32>) -> tensor<3xi64>
  %4 = "tg.cast"(%b) : (tensor<3xbf16>) -> tensor<3xbf16>
  return %1, %3, %4 : tensor<3xf16>, tensor<3xi64>, tensor<3xbf16>
}

// -----

// Widened exactly, then cast on: one cast, with the second cast's attributes. An integer's way to an
// 8-bit float stays: the lowering converts integers only to the wider floats.
// CHECK-LABEL: func.func @cast_exact_widening
// CHECK:         %[[F16:.*]] = "tg.cast"(%arg0) : (tensor<4xui8>) -> tensor<4xf16>
// CHECK:         %[[KEPT:.*]] = "tg.cast"(%[[F16]]) {saturate = false} : (tensor<4xf16>) -> tensor<4xf8E4M3FN>
// CHECK:         %[[ONCE:.*]] = "tg.cast"(%arg0) : (tensor<4xui8>) -> tensor<4xf64>
// CHECK:         %[[SMALL:.*]] = "tg.cast"(%arg1) {saturate = false} : (tensor<4xf8E5M2>) -> tensor<4xf8E4M3FN>
// CHECK-NOT:     tg.cast
// CHECK:         return %[[KEPT]], %[[ONCE]], %[[SMALL]]
func.func @cast_exact_widening(%x: tensor<4xui8>, %y: tensor<4xf8E5M2>) -> (tensor<4xf8E4M3FN>, tensor<4xf64>, tensor<4xf8E4M3FN>) {
  %0 = "tg.cast"(%x) : (tensor<4xui8>) -> tensor<4xf16>
  %1 = "tg.cast"(%0) {saturate = false} : (tensor<4xf16>) -> tensor<4xf8E4M3FN>
  %2 = "tg.cast"(%0) : (tensor<4xf16>) -> tensor<4xf64>
  %3 = "tg.cast"(%y) : (tensor<4xf8E5M2>) -> tensor<4xf32>
  %4 = "tg.cast"(%3) {saturate = false} : (tensor<4xf32>) -> tensor<4xf8E4M3FN>
  return %1, %2, %4 : tensor<4xf8E4M3FN>, tensor<4xf64>, tensor<4xf8E4M3FN>
}

// -----

// Narrowing first casts round or wrap: f32 -> f16 -> f32, i32 -> i8 -> i32, i32 -> f16 -> f32 and
// f32 -> i32 -> f32 all keep both casts.
// CHECK-LABEL: func.func @cast_narrowing
// CHECK-COUNT-8: "tg.cast"
func.func @cast_narrowing(%x: tensor<3xf32>, %i: tensor<3xi32>) -> (tensor<3xf32>, tensor<3xi32>, tensor<3xf32>, tensor<3xf32>) {
  %0 = "tg.cast"(%x) : (tensor<3xf32>) -> tensor<3xf16>
  %1 = "tg.cast"(%0) : (tensor<3xf16>) -> tensor<3xf32>
  %2 = "tg.cast"(%i) : (tensor<3xi32>) -> tensor<3xi8>
  %3 = "tg.cast"(%2) : (tensor<3xi8>) -> tensor<3xi32>
  %4 = "tg.cast"(%i) : (tensor<3xi32>) -> tensor<3xf16>
  %5 = "tg.cast"(%4) : (tensor<3xf16>) -> tensor<3xf32>
  %6 = "tg.cast"(%x) : (tensor<3xf32>) -> tensor<3xi32>
  %7 = "tg.cast"(%6) : (tensor<3xi32>) -> tensor<3xf32>
  return %1, %3, %5, %7 : tensor<3xf32>, tensor<3xi32>, tensor<3xf32>, tensor<3xf32>
}

// --- broadcasts -----------------------------------------------------------------------------------

// -----

// A broadcast of a splat is a splat of the result type, unless that has more than max-elements.
// CHECK-LABEL: func.func @broadcast_of_splat
// CHECK:         %[[C:.*]] = arith.constant dense<2.500000e+00> : tensor<3x4xf32>
// CHECK-NOT:     tg.broadcast_to
// CHECK:         return %[[C]]
// CAPPED-LABEL: func.func @broadcast_of_splat
// CAPPED:         "tg.broadcast_to"
func.func @broadcast_of_splat() -> tensor<3x4xf32> {
  %c = arith.constant dense<2.5> : tensor<1xf32>
  %0 = "tg.broadcast_to"(%c) : (tensor<1xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// A dynamic result needs the broadcast.
// CHECK-LABEL: func.func @broadcast_kept
// CHECK:         "tg.broadcast_to"(%{{.*}}, %arg0) : (tensor<f32>, tensor<2xi64>) -> tensor<?x?xf32>
func.func @broadcast_kept(%shape: tensor<2xi64>) -> tensor<?x?xf32> {
  %s = arith.constant dense<7.0> : tensor<f32>
  %0 = "tg.broadcast_to"(%s, %shape) : (tensor<f32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// An elementwise op broadcasts by itself: a full-size splat operand becomes a scalar, a broadcast_to
// operand its input, when the other operand already has the result's shape.
// CHECK-LABEL: func.func @elementwise_broadcast_operand
// CHECK-DAG:     %[[S:.*]] = arith.constant dense<3.000000e+00> : tensor<f32>
// CHECK:         %[[M:.*]] = "tg.max"(%arg0, %[[S]]) : (tensor<?x4xf32>, tensor<f32>) -> tensor<?x4xf32>
// CHECK:         "tg.mul"(%[[M]], %arg1) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
// CHECK-NOT:     tg.broadcast_to
// CHECK-NOT:     tg.shape
func.func @elementwise_broadcast_operand(%x: tensor<?x4xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %c = arith.constant dense<3.0> : tensor<2x4xf32>
  %0 = "tg.max"(%x, %c) : (tensor<?x4xf32>, tensor<2x4xf32>) -> tensor<?x4xf32>
  %shape = "tg.shape"(%x) : (tensor<?x4xf32>) -> tensor<2xi64>
  %1 = "tg.broadcast_to"(%b, %shape) : (tensor<4xf32>, tensor<2xi64>) -> tensor<?x4xf32>
  %2 = "tg.mul"(%0, %1) : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %2 : tensor<?x4xf32>
}

// -----

// No other operand has the result's shape (the splat makes it), or the broadcast input has a dynamic
// dim (which broadcast_to may stretch and elementwise ops may not): nothing changes.
// CHECK-LABEL: func.func @elementwise_broadcast_kept
// CHECK:         "tg.add"(%arg0, %{{.*}}) : (tensor<4xf32>, tensor<3x4xf32>)
// CHECK:         %[[B:.*]] = "tg.broadcast_to"(%arg1) : (tensor<?xf32>) -> tensor<2x?xf32>
// CHECK:         "tg.sub"(%arg2, %[[B]])
func.func @elementwise_broadcast_kept(%x: tensor<4xf32>, %y: tensor<?xf32>, %z: tensor<2x?xf32>) -> (tensor<3x4xf32>, tensor<2x?xf32>) {
  %c = arith.constant dense<3.0> : tensor<3x4xf32>
  %0 = "tg.add"(%x, %c) : (tensor<4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %1 = "tg.broadcast_to"(%y) : (tensor<?xf32>) -> tensor<2x?xf32>
  %2 = "tg.sub"(%z, %1) : (tensor<2x?xf32>, tensor<2x?xf32>) -> tensor<2x?xf32>
  return %0, %2 : tensor<3x4xf32>, tensor<2x?xf32>
}

// --- shapes ---------------------------------------------------------------------------------------

// -----

// Shapes of static dims fold, and the arithmetic on them with them.
// CHECK-LABEL: func.func @shape_arithmetic
// CHECK:         %[[C:.*]] = arith.constant dense<[6, 8]> : tensor<2xi64>
// CHECK-NEXT:    return %[[C]]
func.func @shape_arithmetic(%x: tensor<?x3x4xf32>) -> tensor<2xi64> {
  %two = arith.constant dense<2> : tensor<i64>
  %0 = "tg.shape"(%x) {start = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<2xi64>
  %1 = "tg.mul"(%0, %two) : (tensor<2xi64>, tensor<i64>) -> tensor<2xi64>
  return %1 : tensor<2xi64>
}

// -----

// Dynamic dims are read where they come from: through an elementwise op, a transpose and the 0s of a
// reshape target; the ops that only fed the shape go.
// CHECK-LABEL: func.func @shape_at_source
// CHECK-NEXT:    %[[S:.*]] = "tg.shape"(%arg0) {end = 2 : i64} : (tensor<?x?x8xf32>) -> tensor<2xi64>
// CHECK-NEXT:    return %[[S]]
func.func @shape_at_source(%x: tensor<?x?x8xf32>) -> tensor<2xi64> {
  %target = arith.constant dense<[0, 0, 2, 4]> : tensor<4xi64>
  %0 = "tg.relu"(%x) : (tensor<?x?x8xf32>) -> tensor<?x?x8xf32>
  %1 = "tg.reshape"(%0, %target) : (tensor<?x?x8xf32>, tensor<4xi64>) -> tensor<?x?x2x4xf32>
  %2 = "tg.transpose"(%1) {perm = array<i64: 2, 0, 1, 3>} : (tensor<?x?x2x4xf32>) -> tensor<2x?x?x4xf32>
  %3 = "tg.shape"(%2) {start = 1 : i64, end = 3 : i64} : (tensor<2x?x?x4xf32>) -> tensor<2xi64>
  return %3 : tensor<2xi64>
}

// -----

// The dims of a flattening reshape and of a broadcast are the input's when they are provably equal.
// CHECK-LABEL: func.func @shape_through_reshape_and_broadcast
// CHECK:         %[[N:.*]] = "tg.shape"(%arg0) {end = 1 : i64} : (tensor<?x2x3xf32>) -> tensor<1xi64>
// CHECK:         %[[M:.*]] = "tg.shape"(%arg1) : (tensor<?xf32>) -> tensor<1xi64>
// CHECK:         return %[[N]], %[[M]]
func.func @shape_through_reshape_and_broadcast(%x: tensor<?x2x3xf32>, %y: tensor<?xf32>) -> (tensor<1xi64>, tensor<1xi64>) {
  %0 = "tg.reshape"(%x) : (tensor<?x2x3xf32>) -> tensor<?x6xf32>
  %1 = "tg.shape"(%0) {end = 1 : i64} : (tensor<?x6xf32>) -> tensor<1xi64>
  %2 = "tg.broadcast_to"(%y) : (tensor<?xf32>) -> tensor<5x?xf32>
  %3 = "tg.shape"(%2) {start = 1 : i64} : (tensor<5x?xf32>) -> tensor<1xi64>
  return %1, %3 : tensor<1xi64>, tensor<1xi64>
}

// -----

// Dims that are not one run of the source's dims, a matmul's dims, and a reshape that merges two
// dynamic dims: the shapes stay where they are.
// CHECK-LABEL: func.func @shape_kept
// CHECK:         %[[T:.*]] = "tg.transpose"(%arg0)
// CHECK:         "tg.shape"(%[[T]])
// CHECK:         %[[M:.*]] = "tg.matmul"(%arg1, %arg2)
// CHECK:         "tg.shape"(%[[M]])
// CHECK:         %[[R:.*]] = "tg.reshape"(%arg3)
// CHECK:         "tg.shape"(%[[R]])
func.func @shape_kept(%x: tensor<?x4x?xf32>, %a: tensor<?x3xf32>, %b: tensor<3x?xf32>, %c: tensor<?x?xf32>) -> (tensor<2xi64>, tensor<2xi64>, tensor<1xi64>) {
  %0 = "tg.transpose"(%x) {perm = array<i64: 0, 2, 1>} : (tensor<?x4x?xf32>) -> tensor<?x?x4xf32>
  %1 = "tg.shape"(%0) {end = 2 : i64} : (tensor<?x?x4xf32>) -> tensor<2xi64>
  %2 = "tg.matmul"(%a, %b) : (tensor<?x3xf32>, tensor<3x?xf32>) -> tensor<?x?xf32>
  %3 = "tg.shape"(%2) : (tensor<?x?xf32>) -> tensor<2xi64>
  %4 = "tg.reshape"(%c) : (tensor<?x?xf32>) -> tensor<?xf32>
  %5 = "tg.shape"(%4) : (tensor<?xf32>) -> tensor<1xi64>
  return %1, %3, %5 : tensor<2xi64>, tensor<2xi64>, tensor<1xi64>
}

// -----

// An elementwise result's dims are those of the operands that do not broadcast along them, aligned
// from the right.
// CHECK-LABEL: func.func @shape_through_broadcasting_add
// CHECK-NEXT:    %[[S:.*]] = "tg.shape"(%arg1) : (tensor<?xf32>) -> tensor<1xi64>
// CHECK-NEXT:    return %[[S]]
func.func @shape_through_broadcasting_add(%a: tensor<1x1xf32>, %b: tensor<?xf32>) -> tensor<1xi64> {
  %0 = "tg.add"(%a, %b) : (tensor<1x1xf32>, tensor<?xf32>) -> tensor<1x?xf32>
  %1 = "tg.shape"(%0) {start = 1 : i64} : (tensor<1x?xf32>) -> tensor<1xi64>
  return %1 : tensor<1xi64>
}

// -----

// Gathers, slices and joins of a shape's dims (ONNX's Shape -> Gather -> Unsqueeze -> Concat) that
// pick one run of dims are a shape of those dims.
// CHECK-LABEL: func.func @dims_picked_from_shape
// CHECK-DAG:     %[[FIRST:.*]] = "tg.shape"(%arg0) {end = 1 : i64} : (tensor<?x?x?xf32>) -> tensor<1xi64>
// CHECK-DAG:     %[[N:.*]] = "tg.reshape"(%[[FIRST]]) : (tensor<1xi64>) -> tensor<i64>
// CHECK-DAG:     %[[LAST:.*]] = "tg.shape"(%arg0) {start = 1 : i64} : (tensor<?x?x?xf32>) -> tensor<2xi64>
// CHECK-DAG:     %[[ALL:.*]] = "tg.shape"(%arg0) : (tensor<?x?x?xf32>) -> tensor<3xi64>
// CHECK-NOT:     tg.gather
// CHECK-NOT:     tg.slice
// CHECK-NOT:     tg.concat
// CHECK:         return %[[N]], %[[LAST]], %[[ALL]]
func.func @dims_picked_from_shape(%x: tensor<?x?x?xf32>) -> (tensor<i64>, tensor<2xi64>, tensor<3xi64>) {
  %zero = arith.constant dense<0> : tensor<i64>
  %one = arith.constant dense<1> : tensor<1xi64>
  %big = arith.constant dense<9223372036854775807> : tensor<1xi64>
  %s = "tg.shape"(%x) : (tensor<?x?x?xf32>) -> tensor<3xi64>
  %0 = "tg.gather"(%s, %zero) {axis = 0 : i64} : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  %1 = "tg.slice"(%s, %one, %big) : (tensor<3xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %2 = "tg.shape"(%x) {end = 1 : i64} : (tensor<?x?x?xf32>) -> tensor<1xi64>
  %3 = "tg.concat"(%2, %1) {axis = 0 : i64} : (tensor<1xi64>, tensor<2xi64>) -> tensor<3xi64>
  return %0, %1, %3 : tensor<i64>, tensor<2xi64>, tensor<3xi64>
}

// -----

// Dims out of order, a constant joined to a dim, and dims of two values: the ops stay.
// CHECK-LABEL: func.func @dims_picked_kept
// CHECK:         "tg.gather"
// CHECK:         "tg.concat"(%{{.*}}, %{{.*}})
// CHECK:         "tg.concat"(%{{.*}}, %{{.*}})
func.func @dims_picked_kept(%x: tensor<?x?x?xf32>, %y: tensor<?xf32>) -> (tensor<2xi64>, tensor<2xi64>, tensor<2xi64>) {
  %picks = arith.constant dense<[2, 0]> : tensor<2xi64>
  %minus = arith.constant dense<-1> : tensor<1xi64>
  %s = "tg.shape"(%x) : (tensor<?x?x?xf32>) -> tensor<3xi64>
  %0 = "tg.gather"(%s, %picks) {axis = 0 : i64} : (tensor<3xi64>, tensor<2xi64>) -> tensor<2xi64>
  %n = "tg.shape"(%x) {end = 1 : i64} : (tensor<?x?x?xf32>) -> tensor<1xi64>
  %1 = "tg.concat"(%n, %minus) {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %m = "tg.shape"(%y) : (tensor<?xf32>) -> tensor<1xi64>
  %2 = "tg.concat"(%n, %m) {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  return %0, %1, %2 : tensor<2xi64>, tensor<2xi64>, tensor<2xi64>
}

// --- dead code ------------------------------------------------------------------------------------

// -----

// What the rewrites leave unused goes, and so does what was unused to begin with.
// CHECK-LABEL: func.func @dead
// CHECK-NOT:     tg.
// CHECK:         return %arg0
func.func @dead(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "tg.exp"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  %1 = "tg.neg"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  %2 = "tg.neg"(%1) : (tensor<3xf32>) -> tensor<3xf32>
  return %2 : tensor<3xf32>
}
