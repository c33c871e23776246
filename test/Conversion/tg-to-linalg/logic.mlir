// Comparisons, boolean logic, selection and casts: parallel linalg.generics that broadcast like the
// other elementwise ops. Bools are stored as i8 (loaded with trunci, stored with extui), unsigned
// integers as signless ones (compared with unsigned predicates), the 8- and 4-bit floats as their bits.
// RUN: tg-opt %s --tg-to-linalg --split-input-file | filecheck %s

// A comparison broadcasts a static 1 and takes its dynamic dim from the operand that does not.
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$ROW:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @compare_broadcast
// CHECK-SAME:    (%[[X:.*]]: tensor<?x4xf32>, %[[Y:.*]]: tensor<1x4xf32>) -> tensor<?x4xi8>
// CHECK:         %[[D0:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x4xf32>
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[D0]]) : tensor<?x4xi8>
// CHECK:         linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%[[X]], %[[Y]] : tensor<?x4xf32>, tensor<1x4xf32>) outs(%[[INIT]] : tensor<?x4xi8>)
// CHECK:         ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: i8):
// CHECK-NEXT:      %[[LT:.*]] = arith.cmpf olt, %[[A]], %[[B]] : f32
// CHECK-NEXT:      %[[STORED:.*]] = arith.extui %[[LT]] : i1 to i8
// CHECK-NEXT:      linalg.yield %[[STORED]] : i8
func.func @compare_broadcast(%x: tensor<?x4xf32>, %y: tensor<1x4xf32>) -> tensor<?x4xi1> {
  %0 = "tg.compare"(%x, %y) {predicate = "lt"} : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<?x4xi1>
  return %0 : tensor<?x4xi1>
}

// -----

// The predicate follows the element kind: "ne" on floats is unordered (true with NaN), integers
// compare by signedness, bools (loaded from i8) as unsigned.
// CHECK-LABEL: func.func @compare_kinds
// CHECK-SAME:    tensor<3xf16>, %{{.*}}: tensor<3xi32>, %{{.*}}: tensor<3xi8>, %{{.*}}: tensor<3xi8>
// CHECK:         arith.cmpf une, %{{.*}}, %{{.*}} : f16
// CHECK:         arith.cmpi sge, %{{.*}}, %{{.*}} : i32
// CHECK:         arith.cmpi uge, %{{.*}}, %{{.*}} : i8
// CHECK:         %[[L:.*]] = arith.trunci %{{.*}} : i8 to i1
// CHECK:         %[[R:.*]] = arith.trunci %{{.*}} : i8 to i1
// CHECK:         arith.cmpi ugt, %[[L]], %[[R]] : i1
func.func @compare_kinds(%f: tensor<3xf16>, %s: tensor<3xi32>, %u: tensor<3xui8>, %b: tensor<3xi1>) -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) {
  %0 = "tg.compare"(%f, %f) {predicate = "ne"} : (tensor<3xf16>, tensor<3xf16>) -> tensor<3xi1>
  %1 = "tg.compare"(%s, %s) {predicate = "ge"} : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi1>
  %2 = "tg.compare"(%u, %u) {predicate = "ge"} : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xi1>
  %3 = "tg.compare"(%b, %b) {predicate = "gt"} : (tensor<3xi1>, tensor<3xi1>) -> tensor<3xi1>
  return %0, %1, %2, %3 : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>
}

// -----

// Chained logic reads each bool result back from its i8 storage; not is xor with true.
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$LAST:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @logic
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3xi8>, %[[Y:.*]]: tensor<3xi8>) -> tensor<2x3xi8>
// CHECK:         %[[AND:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$LAST]], #[[$ID]]]
// CHECK-SAME:      ins(%[[X]], %[[Y]] : tensor<2x3xi8>, tensor<3xi8>)
// CHECK:           %[[A:.*]] = arith.trunci %{{.*}} : i8 to i1
// CHECK:           %[[B:.*]] = arith.trunci %{{.*}} : i8 to i1
// CHECK:           %[[R:.*]] = arith.andi %[[A]], %[[B]] : i1
// CHECK:           arith.extui %[[R]] : i1 to i8
// CHECK:         %[[OR:.*]] = linalg.generic {{.*}} ins(%[[AND]], %[[Y]]
// CHECK:           arith.ori %{{.*}}, %{{.*}} : i1
// CHECK:         %[[XOR:.*]] = linalg.generic {{.*}} ins(%[[OR]], %[[X]]
// CHECK:           arith.xori %{{.*}}, %{{.*}} : i1
// CHECK:         %[[NOT:.*]] = linalg.generic {{.*}} ins(%[[XOR]] : tensor<2x3xi8>)
// CHECK:           %[[V:.*]] = arith.trunci %{{.*}} : i8 to i1
// CHECK:           %[[TRUE:.*]] = arith.constant true
// CHECK:           arith.xori %[[V]], %[[TRUE]] : i1
// CHECK:         return %[[NOT]]
func.func @logic(%x: tensor<2x3xi1>, %y: tensor<3xi1>) -> tensor<2x3xi1> {
  %0 = "tg.and"(%x, %y) : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
  %1 = "tg.or"(%0, %y) : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
  %2 = "tg.xor"(%1, %x) : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  %3 = "tg.not"(%2) : (tensor<2x3xi1>) -> tensor<2x3xi1>
  return %3 : tensor<2x3xi1>
}

// -----

// Select broadcasts its three operands: a column of conditions, a matrix and a scalar.
// CHECK-DAG:   #[[$COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @select_broadcast
// CHECK-SAME:    (%[[C:.*]]: tensor<?x1xi8>, %[[X:.*]]: tensor<?x4xf32>, %[[Y:.*]]: tensor<f32>)
// CHECK:         %[[D0:.*]] = tensor.dim %[[C]], %{{.*}} : tensor<?x1xi8>
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[D0]]) : tensor<?x4xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[$COL]], #[[$ID]], #[[$SCALAR]], #[[$ID]]]
// CHECK-SAME:      ins(%[[C]], %[[X]], %[[Y]] : tensor<?x1xi8>, tensor<?x4xf32>, tensor<f32>) outs(%[[INIT]] : tensor<?x4xf32>)
// CHECK:         ^bb0(%[[CE:.*]]: i8, %[[XE:.*]]: f32, %[[YE:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[COND:.*]] = arith.trunci %[[CE]] : i8 to i1
// CHECK-NEXT:      %[[S:.*]] = arith.select %[[COND]], %[[XE]], %[[YE]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
func.func @select_broadcast(%c: tensor<?x1xi1>, %x: tensor<?x4xf32>, %y: tensor<f32>) -> tensor<?x4xf32> {
  %0 = "tg.select"(%c, %x, %y) : (tensor<?x1xi1>, tensor<?x4xf32>, tensor<f32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// 8-bit floats are selected as their stored bits (the bitcasts fold away later).
// CHECK-LABEL: func.func @select_f8
// CHECK-SAME:    tensor<4xi8>, %{{.*}}: tensor<4xi8>, %{{.*}}: tensor<4xi8>) -> tensor<4xi8>
// CHECK:         arith.select %{{.*}}, %{{.*}}, %{{.*}} : f8E4M3FN
// CHECK:         arith.bitcast %{{.*}} : f8E4M3FN to i8
func.func @select_f8(%c: tensor<4xi1>, %x: tensor<4xf8E4M3FN>, %y: tensor<4xf8E4M3FN>) -> tensor<4xf8E4M3FN> {
  %0 = "tg.select"(%c, %x, %y) : (tensor<4xi1>, tensor<4xf8E4M3FN>, tensor<4xf8E4M3FN>) -> tensor<4xf8E4M3FN>
  return %0 : tensor<4xf8E4M3FN>
}

// -----

// A cast to the operand's own type is the operand.
// CHECK-LABEL: func.func @cast_same_type
// CHECK-SAME:    (%[[X:.*]]: tensor<?x4xf32>)
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[X]]
func.func @cast_same_type(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.cast"(%x) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// Between floats: truncf/extf; from integers: sitofp, or uitofp for unsigned ones (stored signless).
// CHECK-LABEL: func.func @cast_float_int
// CHECK-SAME:    (%[[X:.*]]: tensor<?xf32>, %[[I:.*]]: tensor<?xi32>, %[[U:.*]]: tensor<?xi8>)
// CHECK:         %[[D0:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?xf32>
// CHECK:         tensor.empty(%[[D0]]) : tensor<?xf16>
// CHECK:         arith.truncf %{{.*}} : f32 to f16
// CHECK:         arith.extf %{{.*}} : f32 to f64
// CHECK:         arith.sitofp %{{.*}} : i32 to f32
// CHECK:         arith.uitofp %{{.*}} : i8 to f32
func.func @cast_float_int(%x: tensor<?xf32>, %i: tensor<?xi32>, %u: tensor<?xui8>) -> (tensor<?xf16>, tensor<?xf64>, tensor<?xf32>, tensor<?xf32>) {
  %0 = "tg.cast"(%x) : (tensor<?xf32>) -> tensor<?xf16>
  %1 = "tg.cast"(%x) : (tensor<?xf32>) -> tensor<?xf64>
  %2 = "tg.cast"(%i) : (tensor<?xi32>) -> tensor<?xf32>
  %3 = "tg.cast"(%u) : (tensor<?xui8>) -> tensor<?xf32>
  return %0, %1, %2, %3 : tensor<?xf16>, tensor<?xf64>, tensor<?xf32>, tensor<?xf32>
}

// -----

// Float to integer goes through i64: out-of-range and NaN inputs never reach arith.fptosi (which
// would make poison of them); their results are chosen by selects, then the low bits are kept.
// CHECK-LABEL: func.func @cast_float_to_int
// CHECK:         ^bb0(%[[IN:.*]]: f32, %{{.*}}: i8):
// CHECK-DAG:       %[[LOW:.*]] = arith.constant -9.22337203E+18 : f32
// CHECK-DAG:       %[[HIGH:.*]] = arith.constant 9.22337203E+18 : f32
// CHECK:           %[[GE:.*]] = arith.cmpf oge, %[[IN]], %[[LOW]] : f32
// CHECK:           %[[LT:.*]] = arith.cmpf olt, %[[IN]], %[[HIGH]] : f32
// CHECK:           %[[FITS:.*]] = arith.andi %[[GE]], %[[LT]] : i1
// CHECK:           %[[SAFE:.*]] = arith.select %[[FITS]], %[[IN]], %{{.*}} : f32
// CHECK:           %[[CONVERTED:.*]] = arith.fptosi %[[SAFE]] : f32 to i64
// CHECK:           %[[WIDE:.*]] = arith.select %[[FITS]], %[[CONVERTED]], %{{.*}} : i64
// CHECK:           %[[LOWBITS:.*]] = arith.trunci %[[WIDE]] : i64 to i8
// CHECK:           linalg.yield %[[LOWBITS]] : i8
func.func @cast_float_to_int(%x: tensor<4xf32>) -> tensor<4xi8> {
  %0 = "tg.cast"(%x) : (tensor<4xf32>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// Sub-byte integers are loaded from the low bits of their byte and extended by their signedness;
// narrowing keeps the low bits, stored zero-extended.
// CHECK-LABEL: func.func @cast_integers
// CHECK:         %[[A:.*]] = arith.trunci %{{.*}} : i8 to i4
// CHECK-NEXT:    arith.extsi %[[A]] : i4 to i8
// CHECK:         %[[B:.*]] = arith.trunci %{{.*}} : i8 to i4
// CHECK-NEXT:    arith.extui %[[B]] : i4 to i8
// CHECK:         %[[C:.*]] = arith.trunci %{{.*}} : i32 to i4
// CHECK-NEXT:    arith.extui %[[C]] : i4 to i8
func.func @cast_integers(%a: tensor<4xi4>, %b: tensor<4xui4>, %c: tensor<4xi32>) -> (tensor<4xi8>, tensor<4xi8>, tensor<4xi4>) {
  %0 = "tg.cast"(%a) : (tensor<4xi4>) -> tensor<4xi8>
  %1 = "tg.cast"(%b) : (tensor<4xui4>) -> tensor<4xi8>
  %2 = "tg.cast"(%c) : (tensor<4xi32>) -> tensor<4xi4>
  return %0, %1, %2 : tensor<4xi8>, tensor<4xi8>, tensor<4xi4>
}

// -----

// To bool: nonzero; for floats unordered, so NaN is true.
// CHECK-LABEL: func.func @cast_to_bool
// CHECK:         arith.cmpf une, %{{.*}}, %{{.*}} : f32
// CHECK:         arith.cmpi ne, %{{.*}}, %{{.*}} : i64
func.func @cast_to_bool(%x: tensor<4xf32>, %i: tensor<4xi64>) -> (tensor<4xi1>, tensor<4xi1>) {
  %0 = "tg.cast"(%x) : (tensor<4xf32>) -> tensor<4xi1>
  %1 = "tg.cast"(%i) : (tensor<4xi64>) -> tensor<4xi1>
  return %0, %1 : tensor<4xi1>, tensor<4xi1>
}

// -----

// To an 8-bit float through f32: saturating (the default) clamps to the largest finite value first,
// NaN propagating; saturate = false leaves overflow to the conversion (inf for f8E5M2).
// CHECK-LABEL: func.func @cast_f8
// CHECK:         ^bb0(%[[IN:.*]]: f16, %{{.*}}: i8):
// CHECK-NEXT:      %[[W:.*]] = arith.extf %[[IN]] : f16 to f32
// CHECK-NEXT:      %[[MAX:.*]] = arith.constant 4.480000e+02 : f32
// CHECK-NEXT:      %[[LO:.*]] = arith.minimumf %[[W]], %[[MAX]] : f32
// CHECK-NEXT:      %[[MIN:.*]] = arith.constant -4.480000e+02 : f32
// CHECK-NEXT:      %[[CLAMPED:.*]] = arith.maximumf %[[LO]], %[[MIN]] : f32
// CHECK-NEXT:      %[[F8:.*]] = arith.truncf %[[CLAMPED]] : f32 to f8E4M3FN
// CHECK-NEXT:      %[[BITS:.*]] = arith.bitcast %[[F8]] : f8E4M3FN to i8
// CHECK-NEXT:      linalg.yield %[[BITS]] : i8
// CHECK:         ^bb0(%[[IN2:.*]]: f16, %{{.*}}: i8):
// CHECK-NEXT:      %[[W2:.*]] = arith.extf %[[IN2]] : f16 to f32
// CHECK-NEXT:      arith.truncf %[[W2]] : f32 to f8E5M2
func.func @cast_f8(%x: tensor<4xf16>) -> (tensor<4xf8E4M3FN>, tensor<4xf8E5M2>) {
  %0 = "tg.cast"(%x) : (tensor<4xf16>) -> tensor<4xf8E4M3FN>
  %1 = "tg.cast"(%x) {saturate = false} : (tensor<4xf16>) -> tensor<4xf8E5M2>
  return %0, %1 : tensor<4xf8E4M3FN>, tensor<4xf8E5M2>
}

// -----

// From an 8-bit float: its bits as the float type, widened to f32, then to the target.
// CHECK-LABEL: func.func @cast_from_f8
// CHECK:         %[[F8:.*]] = arith.bitcast %{{.*}} : i8 to f8E5M2FNUZ
// CHECK-NEXT:    %[[W:.*]] = arith.extf %[[F8]] : f8E5M2FNUZ to f32
// CHECK-NEXT:    arith.truncf %[[W]] : f32 to f16
func.func @cast_from_f8(%x: tensor<4xf8E5M2FNUZ>) -> tensor<4xf16> {
  %0 = "tg.cast"(%x) : (tensor<4xf8E5M2FNUZ>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// f4E2M1FN has no NaN: NaN is replaced before the conversion, and its result picked afterwards.
// CHECK-LABEL: func.func @cast_f4
// CHECK:         ^bb0(%[[IN:.*]]: f32, %{{.*}}: i8):
// CHECK:           %[[NAN:.*]] = arith.cmpf uno, %[[IN]], %[[IN]] : f32
// CHECK:           %[[SAFE:.*]] = arith.select %[[NAN]], %{{.*}}, %[[IN]] : f32
// CHECK:           arith.constant 6.000000e+00 : f32
// CHECK:           %[[F4:.*]] = arith.truncf %{{.*}} : f32 to f4E2M1FN
// CHECK:           %[[R:.*]] = arith.select %[[NAN]], %{{.*}}, %[[F4]] : f4E2M1FN
// CHECK:           %[[BITS:.*]] = arith.bitcast %[[R]] : f4E2M1FN to i4
// CHECK:           arith.extui %[[BITS]] : i4 to i8
func.func @cast_f4(%x: tensor<4xf32>) -> tensor<4xf4E2M1FN> {
  %0 = "tg.cast"(%x) : (tensor<4xf32>) -> tensor<4xf4E2M1FN>
  return %0 : tensor<4xf4E2M1FN>
}

// -----

// f8E8M0FNU is the f32 exponent, computed with integer ops (no truncf): "down" only takes it,
// "up" adds one when any mantissa bit is set, unless saturating at the largest exponent.
// CHECK-LABEL: func.func @cast_e8m0_down
// CHECK:         %[[BITS:.*]] = arith.bitcast %{{.*}} : f32 to i32
// CHECK:         %[[SHIFTED:.*]] = arith.shrui %[[BITS]], %{{.*}} : i32
// CHECK:         %[[EXP:.*]] = arith.andi %[[SHIFTED]], %{{.*}} : i32
// CHECK:         arith.trunci %[[EXP]] : i32 to i8
// CHECK-NOT:     arith.truncf
// CHECK-LABEL: func.func @cast_e8m0_up
// CHECK:         %[[BITS:.*]] = arith.bitcast %{{.*}} : f32 to i32
// CHECK:         %[[EXP:.*]] = arith.andi %{{.*}}, %{{.*}} : i32
// CHECK:         %[[MANTISSA_MASK:.*]] = arith.constant 8388607 : i32
// CHECK:         %[[MANTISSA:.*]] = arith.andi %[[BITS]], %[[MANTISSA_MASK]] : i32
// CHECK:         %[[FRACTION:.*]] = arith.cmpi ne, %[[MANTISSA]], %{{.*}} : i32
// CHECK:         %[[LARGEST:.*]] = arith.constant 254 : i32
// CHECK:         %[[NOT_MAX:.*]] = arith.cmpi ne, %[[EXP]], %[[LARGEST]] : i32
// CHECK:         %[[CARRY:.*]] = arith.andi %[[FRACTION]], %[[NOT_MAX]] : i1
// CHECK:         %[[ONE:.*]] = arith.extui %[[CARRY]] : i1 to i32
// CHECK:         arith.addi %[[EXP]], %[[ONE]] : i32
// CHECK-NOT:     arith.truncf
func.func @cast_e8m0_down(%x: tensor<4xf32>) -> tensor<4xf8E8M0FNU> {
  %0 = "tg.cast"(%x) {round_mode = "down"} : (tensor<4xf32>) -> tensor<4xf8E8M0FNU>
  return %0 : tensor<4xf8E8M0FNU>
}
func.func @cast_e8m0_up(%x: tensor<4xf32>) -> tensor<4xf8E8M0FNU> {
  %0 = "tg.cast"(%x) : (tensor<4xf32>) -> tensor<4xf8E8M0FNU>
  return %0 : tensor<4xf8E8M0FNU>
}
