// Elementwise tg ops: a named linalg op when the operands and the result have one type and a named op
// exists for the element type; otherwise a parallel linalg.generic whose indexing maps broadcast
// (a static 1 read against a larger dim reads element 0) and whose body holds the scalar op.
// RUN: tg-opt %s --tg-to-linalg --split-input-file | filecheck %s

// CHECK-LABEL: func.func @add_same_shape
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<2x3xf32>)
// CHECK:         %[[INIT:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK:         %[[SUM:.*]] = linalg.add ins(%[[X]], %[[Y]] : tensor<2x3xf32>, tensor<2x3xf32>) outs(%[[INIT]] : tensor<2x3xf32>)
// CHECK-NOT:     linalg.generic
// CHECK-NOT:     tg.
// CHECK:         return %[[SUM]]
func.func @add_same_shape(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "tg.add"(%x, %y) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Integers have named add/sub/mul/max/min too.
// CHECK-LABEL: func.func @integer_named
// CHECK:         linalg.add ins({{.*}} : tensor<4xi32>, tensor<4xi32>)
// CHECK:         linalg.sub
// CHECK:         linalg.mul
// CHECK:         linalg.max
// CHECK:         linalg.min
// CHECK-NOT:     linalg.generic
func.func @integer_named(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  %0 = "tg.add"(%x, %y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %1 = "tg.sub"(%0, %y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %2 = "tg.mul"(%1, %y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %3 = "tg.max"(%2, %y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %4 = "tg.min"(%3, %y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %4 : tensor<4xi32>
}

// -----

// A dynamic dim is read with tensor.dim from an operand and sizes the result.
// CHECK-LABEL: func.func @sub_dynamic
// CHECK-SAME:    (%[[X:.*]]: tensor<?x4xf32>, %[[Y:.*]]: tensor<?x4xf32>)
// CHECK:         %[[C0:.*]] = arith.constant 0 : index
// CHECK:         %[[D0:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x4xf32>
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[D0]]) : tensor<?x4xf32>
// CHECK:         linalg.sub ins(%[[X]], %[[Y]] : tensor<?x4xf32>, tensor<?x4xf32>) outs(%[[INIT]] : tensor<?x4xf32>)
func.func @sub_dynamic(%x: tensor<?x4xf32>, %y: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.sub"(%x, %y) : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// A broadcasting operand must not make a named op: a generic reads row 0 of the 1x4 bias.
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$ROW:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @add_broadcast_row
// CHECK-SAME:    (%[[X:.*]]: tensor<?x4xf32>, %[[B:.*]]: tensor<1x4xf32>)
// CHECK-NOT:     linalg.add
// CHECK:         %[[D0:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x4xf32>
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[D0]]) : tensor<?x4xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%[[X]], %[[B]] : tensor<?x4xf32>, tensor<1x4xf32>) outs(%[[INIT]] : tensor<?x4xf32>)
// CHECK:         ^bb0(%[[A:.*]]: f32, %[[C:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[A]], %[[C]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK-NOT:     linalg.add
func.func @add_broadcast_row(%x: tensor<?x4xf32>, %b: tensor<1x4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.add"(%x, %b) : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// A missing leading dim is dropped from the map: the vector is indexed by the last loop only.
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$LAST:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @add_broadcast_rank
// CHECK-NOT:     linalg.add
// CHECK:         linalg.generic {indexing_maps = [#[[$ID]], #[[$LAST]], #[[$ID]]]
// CHECK:           arith.addf
func.func @add_broadcast_rank(%x: tensor<?x4xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.add"(%x, %b) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// An outer product of a column and a row, on integers: arith.muli in the body.
// CHECK-DAG:   #[[$COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG:   #[[$ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @mul_outer_i32
// CHECK:         tensor.empty() : tensor<2x3xi32>
// CHECK:         linalg.generic {indexing_maps = [#[[$COL]], #[[$ROW]], #[[$ID]]]
// CHECK:           arith.muli %{{.*}}, %{{.*}} : i32
// CHECK-NOT:     linalg.mul
func.func @mul_outer_i32(%x: tensor<2x1xi32>, %y: tensor<3xi32>) -> tensor<2x3xi32> {
  %0 = "tg.mul"(%x, %y) : (tensor<2x1xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// Both operands broadcast; the dynamic result dim comes from the operand that does not broadcast there.
// CHECK-DAG:   #[[$ROW:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-DAG:   #[[$COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @max_broadcast_both
// CHECK-SAME:    (%[[X:.*]]: tensor<1x4xf32>, %[[Y:.*]]: tensor<?x1xf32>)
// CHECK:         %[[D0:.*]] = tensor.dim %[[Y]], %{{.*}} : tensor<?x1xf32>
// CHECK:         tensor.empty(%[[D0]]) : tensor<?x4xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[$ROW]], #[[$COL]], #[[$ID]]]
// CHECK:           arith.maximumf
func.func @max_broadcast_both(%x: tensor<1x4xf32>, %y: tensor<?x1xf32>) -> tensor<?x4xf32> {
  %0 = "tg.max"(%x, %y) : (tensor<1x4xf32>, tensor<?x1xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Integer max and min in a generic use the signed comparisons.
// CHECK-LABEL: func.func @max_min_i8_broadcast
// CHECK:         linalg.generic
// CHECK:           arith.maxsi %{{.*}}, %{{.*}} : i8
// CHECK:         linalg.generic
// CHECK:           arith.minsi %{{.*}}, %{{.*}} : i8
func.func @max_min_i8_broadcast(%x: tensor<3x4xi8>, %y: tensor<4xi8>) -> tensor<3x4xi8> {
  %0 = "tg.max"(%x, %y) : (tensor<3x4xi8>, tensor<4xi8>) -> tensor<3x4xi8>
  %1 = "tg.min"(%0, %y) : (tensor<3x4xi8>, tensor<4xi8>) -> tensor<3x4xi8>
  return %1 : tensor<3x4xi8>
}

// -----

// A rank-0 operand is read through a map with no results.
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG:   #[[$SCALAR:.*]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func.func @div_by_scalar
// CHECK-NOT:     linalg.div
// CHECK:         linalg.generic {indexing_maps = [#[[$ID]], #[[$SCALAR]], #[[$ID]]]
// CHECK-SAME:      ins(%{{.*}}, %{{.*}} : tensor<4xf32>, tensor<f32>)
// CHECK:           arith.divf
func.func @div_by_scalar(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xf32> {
  %0 = "tg.div"(%x, %s) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @div_f32
// CHECK:         linalg.div ins(%{{.*}}, %{{.*}} : tensor<4xf32>, tensor<4xf32>)
func.func @div_f32(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "tg.div"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Integer division must not be linalg.div (arith.divsi traps on x/0 and INT_MIN/-1): the divisor is
// replaced by 1 for 0 and -1, x/-1 is computed as 0-x, and x/0 gives 0.
// CHECK-LABEL: func.func @div_i32
// CHECK-NOT:     linalg.div
// CHECK:         linalg.generic
// CHECK:         ^bb0(%[[A:.*]]: i32, %[[B:.*]]: i32, %{{.*}}: i32):
// CHECK-DAG:       %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-DAG:       %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-DAG:       %[[MINUS_ONE:.*]] = arith.constant -1 : i32
// CHECK:           %[[IS_ZERO:.*]] = arith.cmpi eq, %[[B]], %[[ZERO]] : i32
// CHECK:           %[[IS_MINUS_ONE:.*]] = arith.cmpi eq, %[[B]], %[[MINUS_ONE]] : i32
// CHECK:           %[[EITHER:.*]] = arith.ori %[[IS_ZERO]], %[[IS_MINUS_ONE]] : i1
// CHECK:           %[[SAFE:.*]] = arith.select %[[EITHER]], %[[ONE]], %[[B]] : i32
// CHECK:           %[[NEG:.*]] = arith.subi %[[ZERO]], %[[A]] : i32
// CHECK:           %[[Q:.*]] = arith.divsi %[[A]], %[[SAFE]] : i32
// CHECK:           %[[Q1:.*]] = arith.select %[[IS_MINUS_ONE]], %[[NEG]], %[[Q]] : i32
// CHECK:           %[[Q2:.*]] = arith.select %[[IS_ZERO]], %[[ZERO]], %[[Q1]] : i32
// CHECK:           linalg.yield %[[Q2]] : i32
// CHECK-NOT:     linalg.div
func.func @div_i32(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  %0 = "tg.div"(%x, %y) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// CHECK-LABEL: func.func @pow_named
// CHECK:         linalg.powf ins
// CHECK-NOT:     math.powf
func.func @pow_named(%x: tensor<?x4xf32>, %y: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.pow"(%x, %y) : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @pow_broadcast
// CHECK-NOT:     linalg.powf
// CHECK:         linalg.generic
// CHECK:           math.powf %{{.*}}, %{{.*}} : f32
func.func @pow_broadcast(%x: tensor<?x4xf32>, %e: tensor<f32>) -> tensor<?x4xf32> {
  %0 = "tg.pow"(%x, %e) : (tensor<?x4xf32>, tensor<f32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Float unary ops with a named linalg op use it, f16 included.
// CHECK-LABEL: func.func @unary_named
// CHECK:         linalg.negf ins(%{{.*}} : tensor<8xf16>) outs(%{{.*}} : tensor<8xf16>)
// CHECK:         linalg.exp
// CHECK:         linalg.log
// CHECK:         linalg.sqrt
// CHECK:         linalg.tanh
// CHECK-NOT:     linalg.generic
func.func @unary_named(%x: tensor<8xf16>) -> tensor<8xf16> {
  %0 = "tg.neg"(%x) : (tensor<8xf16>) -> tensor<8xf16>
  %1 = "tg.exp"(%0) : (tensor<8xf16>) -> tensor<8xf16>
  %2 = "tg.log"(%1) : (tensor<8xf16>) -> tensor<8xf16>
  %3 = "tg.sqrt"(%2) : (tensor<8xf16>) -> tensor<8xf16>
  %4 = "tg.tanh"(%3) : (tensor<8xf16>) -> tensor<8xf16>
  return %4 : tensor<8xf16>
}

// -----

// relu is max(x, 0) in a generic, not linalg.max against a filled tensor.
// CHECK-LABEL: func.func @relu
// CHECK-NOT:     linalg.max
// CHECK:         linalg.generic
// CHECK:         ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:           %[[R:.*]] = arith.maximumf %[[IN]], %[[ZERO]] : f32
// CHECK:           linalg.yield %[[R]]
func.func @relu(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = "tg.relu"(%x) : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

// Integer neg and relu have no named op: 0 - x and a signed max with 0.
// CHECK-LABEL: func.func @neg_relu_i64
// CHECK-NOT:     linalg.negf
// CHECK:         linalg.generic
// CHECK:           %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK:           arith.subi %[[ZERO]], %{{.*}} : i64
// CHECK:         linalg.generic
// CHECK:           %[[ZERO2:.*]] = arith.constant 0 : i64
// CHECK:           arith.maxsi %{{.*}}, %[[ZERO2]] : i64
func.func @neg_relu_i64(%x: tensor<4xi64>) -> tensor<4xi64> {
  %0 = "tg.neg"(%x) : (tensor<4xi64>) -> tensor<4xi64>
  %1 = "tg.relu"(%0) : (tensor<4xi64>) -> tensor<4xi64>
  return %1 : tensor<4xi64>
}

// -----

// sigmoid is 1 / (1 + exp(-x)).
// CHECK-LABEL: func.func @sigmoid
// CHECK:         linalg.generic
// CHECK:         ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:           %[[NEG:.*]] = arith.negf %[[IN]] : f32
// CHECK:           %[[EXP:.*]] = math.exp %[[NEG]] : f32
// CHECK:           %[[DEN:.*]] = arith.addf %[[ONE]], %[[EXP]] : f32
// CHECK:           %[[R:.*]] = arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK:           linalg.yield %[[R]]
func.func @sigmoid(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "tg.sigmoid"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Exact GELU: x/2 * (1 + erf(x * sqrt(1/2))).
// CHECK-LABEL: func.func @gelu_exact
// CHECK:         linalg.generic
// CHECK:         ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[RSQRT2:.*]] = arith.constant 0.707106769 : f32
// CHECK:           %[[SCALED:.*]] = arith.mulf %[[IN]], %[[RSQRT2]] : f32
// CHECK:           %[[ERF:.*]] = math.erf %[[SCALED]] : f32
// CHECK:           %[[HALF:.*]] = arith.constant 5.000000e-01 : f32
// CHECK:           %[[HALF_X:.*]] = arith.mulf %[[HALF]], %[[IN]] : f32
// CHECK:           %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:           %[[INNER:.*]] = arith.addf %[[ONE]], %[[ERF]] : f32
// CHECK:           %[[R:.*]] = arith.mulf %[[HALF_X]], %[[INNER]] : f32
// CHECK:           linalg.yield %[[R]]
// CHECK-NOT:       math.tanh
func.func @gelu_exact(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "tg.gelu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Tanh GELU: x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))), no erf.
// CHECK-LABEL: func.func @gelu_tanh
// CHECK-NOT:     math.erf
// CHECK:         ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[SQ:.*]] = arith.mulf %[[IN]], %[[IN]] : f32
// CHECK:           %[[CUBE:.*]] = arith.mulf %[[SQ]], %[[IN]] : f32
// CHECK:           %[[K:.*]] = arith.constant 4.471500e-02 : f32
// CHECK:           arith.mulf %[[K]], %[[CUBE]] : f32
// CHECK:           %[[SQRT_2_PI:.*]] = arith.constant 0.797884583 : f32
// CHECK:           %[[ARG:.*]] = arith.mulf %[[SQRT_2_PI]], %{{.*}} : f32
// CHECK:           math.tanh %[[ARG]] : f32
// CHECK-NOT:     math.erf
func.func @gelu_tanh(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "tg.gelu"(%x) {approximate = "tanh"} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A result type less static than the operands give keeps its declared type (a tensor.cast), so the
// function signature is unchanged.
// CHECK-LABEL: func.func @declared_result_type
// CHECK-SAME:    -> tensor<?x4xf32>
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK:         } -> tensor<3x4xf32>
// CHECK:         %[[CAST:.*]] = tensor.cast %[[R]] : tensor<3x4xf32> to tensor<?x4xf32>
// CHECK:         return %[[CAST]] : tensor<?x4xf32>
func.func @declared_result_type(%x: tensor<3x4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.add"(%x, %x) : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// A chain keeps each op's choice; nothing of tg is left.
// CHECK-LABEL: func.func @chain
// CHECK:         linalg.generic
// CHECK:           arith.addf
// CHECK:         linalg.exp
// CHECK:         linalg.generic
// CHECK:           math.erf
// CHECK-NOT:     tg.
// CHECK:         return
func.func @chain(%x: tensor<?x4xf32>, %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.add"(%x, %b) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  %1 = "tg.exp"(%0) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  %2 = "tg.gelu"(%1) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %2 : tensor<?x4xf32>
}
