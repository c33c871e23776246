// Reductions are linalg.reduce into a linalg.fill of the identity (0 for sums, 1 for products, the
// lowest value for max, the highest for min); sums and products of 16-bit floats accumulate in f32 and
// are rounded once; the mean divides by the element count (dynamic dims included); keepdims is a
// tensor.expand_shape view; float sums are reassociable (LLVM may vectorize them); booleans (stored as i8) and unsigned integers compare unsigned. argmax and
// argmin are one linalg.generic carrying the best value and its index. softmax is max, exp, sum and
// divide along one axis.
// RUN: tg-opt %s --tg-to-linalg --split-input-file | filecheck %s

// CHECK-LABEL: func.func @sum_rows
// CHECK-SAME:    (%[[X:.*]]: tensor<4x8xf32>) -> tensor<4xf32>
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<4xf32>
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<4xf32>)
// CHECK:         %[[R:.*]] = linalg.reduce ins(%[[X]] : tensor<4x8xf32>) outs(%[[ACC]] : tensor<4xf32>) dimensions = [1]
// CHECK-NEXT:      (%[[IN:.*]]: f32, %[[INIT:.*]]: f32) {
// CHECK-NEXT:        %[[S:.*]] = arith.addf %[[IN]], %[[INIT]] fastmath<reassoc> : f32
// CHECK-NEXT:        linalg.yield %[[S]] : f32
// CHECK-NOT:     linalg.generic
// CHECK-NOT:     tg.
// CHECK:         return %[[R]] : tensor<4xf32>
func.func @sum_rows(%x: tensor<4x8xf32>) -> tensor<4xf32> {
  %0 = "tg.reduce_sum"(%x) {axes = array<i64: -1>} : (tensor<4x8xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// keepdims: the reduced tensor is expanded back to rank 2 (a view, no copy); the kept dynamic dim is
// the tensor.dim of the input.
// CHECK-LABEL: func.func @sum_keepdims
// CHECK-SAME:    (%[[X:.*]]: tensor<?x8xf32>)
// CHECK:         %[[D0:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x8xf32>
// CHECK:         %[[EMPTY:.*]] = tensor.empty(%[[D0]]) : tensor<?xf32>
// CHECK:         %[[R:.*]] = linalg.reduce ins(%[[X]] : tensor<?x8xf32>) outs(%{{.*}} : tensor<?xf32>) dimensions = [1]
// CHECK:         %[[K:.*]] = tensor.expand_shape %[[R]] {{\[}}[0, 1]] output_shape [%[[D0]], 1] : tensor<?xf32> into tensor<?x1xf32>
// CHECK:         return %[[K]] : tensor<?x1xf32>
func.func @sum_keepdims(%x: tensor<?x8xf32>) -> tensor<?x1xf32> {
  %0 = "tg.reduce_sum"(%x) {axes = array<i64: 1>, keepdims = true} : (tensor<?x8xf32>) -> tensor<?x1xf32>
  return %0 : tensor<?x1xf32>
}

// -----

// keepdims with a leading and a trailing reduced dim: both join the kept middle dim.
// CHECK-LABEL: func.func @max_keepdims_outer
// CHECK:         linalg.reduce ins(%{{.*}} : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<3xf32>) dimensions = [0, 2]
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0, 1, 2]] output_shape [1, 3, 1] : tensor<3xf32> into tensor<1x3x1xf32>
func.func @max_keepdims_outer(%x: tensor<2x3x4xf32>) -> tensor<1x3x1xf32> {
  %0 = "tg.reduce_max"(%x) {axes = array<i64: 0, 2>, keepdims = true} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

// -----

// Reducing every dim with keepdims expands a rank-0 tensor.
// CHECK-LABEL: func.func @sum_all_keepdims
// CHECK:         linalg.reduce ins(%{{.*}} : tensor<2x3xi32>) outs(%{{.*}} : tensor<i32>) dimensions = [0, 1]
// CHECK:           arith.addi
// CHECK:         tensor.expand_shape %{{.*}} [] output_shape [1, 1] : tensor<i32> into tensor<1x1xi32>
func.func @sum_all_keepdims(%x: tensor<2x3xi32>) -> tensor<1x1xi32> {
  %0 = "tg.reduce_sum"(%x) {axes = array<i64: 0, 1>, keepdims = true} : (tensor<2x3xi32>) -> tensor<1x1xi32>
  return %0 : tensor<1x1xi32>
}

// -----

// Without keepdims there is no reshape.
// CHECK-LABEL: func.func @max_no_keepdims
// CHECK:         linalg.reduce
// CHECK-NOT:     tensor.expand_shape
// CHECK:         return
func.func @max_no_keepdims(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = "tg.reduce_max"(%x) {axes = array<i64: 1>, keepdims = false} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// f16 sums accumulate in f32: an f32 fill, extf in the combiner, one truncf after.
// CHECK-LABEL: func.func @sum_f16
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<4xf32>
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<4xf32>)
// CHECK:         %[[R:.*]] = linalg.reduce ins(%{{.*}} : tensor<4x8xf16>) outs(%[[ACC]] : tensor<4xf32>) dimensions = [1]
// CHECK-NEXT:      (%[[IN:.*]]: f16, %[[INIT:.*]]: f32) {
// CHECK-NEXT:        %[[EXT:.*]] = arith.extf %[[IN]] : f16 to f32
// CHECK-NEXT:        arith.addf %[[EXT]], %[[INIT]] fastmath<reassoc> : f32
// CHECK:         linalg.generic {{.*}} ins(%[[R]] : tensor<4xf32>) outs(%{{.*}} : tensor<4xf16>)
// CHECK:           arith.truncf %{{.*}} : f32 to f16
// CHECK:         return %{{.*}} : tensor<4xf16>
func.func @sum_f16(%x: tensor<4x8xf16>) -> tensor<4xf16> {
  %0 = "tg.reduce_sum"(%x) {axes = array<i64: 1>} : (tensor<4x8xf16>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

// Float max starts from -inf and uses maximumf (NaN propagates); f16 max stays in f16.
// CHECK-LABEL: func.func @max_float
// CHECK:         %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK:         linalg.fill ins(%[[NEG_INF]] : f32)
// CHECK:         linalg.reduce
// CHECK:           arith.maximumf
// CHECK:         %[[NEG_INF16:.*]] = arith.constant 0xFC00 : f16
// CHECK:         linalg.fill ins(%[[NEG_INF16]] : f16)
// CHECK:         linalg.reduce ins(%{{.*}} : tensor<3x5xf16>) outs(%{{.*}} : tensor<5xf16>)
// CHECK:           arith.maximumf %{{.*}}, %{{.*}} : f16
// CHECK-NOT:     arith.truncf
func.func @max_float(%x: tensor<3x5xf32>, %h: tensor<3x5xf16>) -> (tensor<3xf32>, tensor<5xf16>) {
  %0 = "tg.reduce_max"(%x) {axes = array<i64: 1>} : (tensor<3x5xf32>) -> tensor<3xf32>
  %1 = "tg.reduce_max"(%h) {axes = array<i64: 0>} : (tensor<3x5xf16>) -> tensor<5xf16>
  return %0, %1 : tensor<3xf32>, tensor<5xf16>
}

// -----

// Integer max starts from the most negative value and uses maxsi.
// CHECK-LABEL: func.func @max_i32
// CHECK:         %[[LOWEST:.*]] = arith.constant -2147483648 : i32
// CHECK:         linalg.fill ins(%[[LOWEST]] : i32)
// CHECK:         linalg.reduce ins(%{{.*}} : tensor<2x8xi32>) outs(%{{.*}} : tensor<8xi32>) dimensions = [0]
// CHECK:           arith.maxsi
func.func @max_i32(%x: tensor<2x8xi32>) -> tensor<8xi32> {
  %0 = "tg.reduce_max"(%x) {axes = array<i64: 0>} : (tensor<2x8xi32>) -> tensor<8xi32>
  return %0 : tensor<8xi32>
}

// -----

// The mean of f16 over a dynamic dim: the f32 sum is divided by 8 * dim in f32, then rounded to f16.
// CHECK-LABEL: func.func @mean_f16_dynamic
// CHECK-SAME:    (%[[X:.*]]: tensor<?x8xf16>) -> tensor<f16>
// CHECK:         %[[D0:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x8xf16>
// CHECK:         %[[SUM:.*]] = linalg.reduce ins(%[[X]] : tensor<?x8xf16>) outs(%{{.*}} : tensor<f32>) dimensions = [0, 1]
// CHECK:         %[[C8:.*]] = arith.constant 8 : index
// CHECK:         %[[COUNT:.*]] = arith.muli %[[C8]], %[[D0]] : index
// CHECK:         %[[COUNT_I64:.*]] = arith.index_cast %[[COUNT]] : index to i64
// CHECK:         %[[COUNT_F:.*]] = arith.sitofp %[[COUNT_I64]] : i64 to f32
// CHECK:         linalg.generic {{.*}} ins(%[[SUM]] : tensor<f32>) outs(%{{.*}} : tensor<f16>)
// CHECK:           %[[MEAN:.*]] = arith.divf %{{.*}}, %[[COUNT_F]] : f32
// CHECK:           arith.truncf %[[MEAN]] : f32 to f16
func.func @mean_f16_dynamic(%x: tensor<?x8xf16>) -> tensor<f16> {
  %0 = "tg.reduce_mean"(%x) {axes = array<i64: 0, 1>} : (tensor<?x8xf16>) -> tensor<f16>
  return %0 : tensor<f16>
}

// -----

// A static mean divides by a constant count.
// CHECK-LABEL: func.func @mean_keepdims
// CHECK:         linalg.reduce {{.*}} dimensions = [1]
// CHECK:         %[[C6:.*]] = arith.constant 6 : index
// CHECK:         arith.index_cast %[[C6]] : index to i64
// CHECK:         arith.divf
// CHECK-NOT:     arith.truncf
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [2, 1] : tensor<2xf32> into tensor<2x1xf32>
func.func @mean_keepdims(%x: tensor<2x6xf32>) -> tensor<2x1xf32> {
  %0 = "tg.reduce_mean"(%x) {axes = array<i64: 1>, keepdims = true} : (tensor<2x6xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// Empty axes reduce nothing: the input is returned.
// CHECK-LABEL: func.func @sum_no_axes
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT:     linalg.reduce
// CHECK:         return %[[X]]
func.func @sum_no_axes(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "tg.reduce_sum"(%x) {axes = array<i64>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// softmax over the last axis: max-reduce, exp(x - max) broadcast along the row, sum-reduce, divide.
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @softmax_rows
// CHECK-SAME:    (%[[X:.*]]: tensor<?x8xf32>)
// CHECK:         %[[MAX:.*]] = linalg.reduce ins(%[[X]] : tensor<?x8xf32>) {{.*}} dimensions = [1]
// CHECK:           arith.maximumf
// CHECK:         %[[EXP:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[MAX]] : tensor<?x8xf32>, tensor<?xf32>)
// CHECK:           %[[SHIFTED:.*]] = arith.subf
// CHECK:           math.exp %[[SHIFTED]] : f32
// CHECK:         %[[SUM:.*]] = linalg.reduce ins(%[[EXP]] : tensor<?x8xf32>) {{.*}} dimensions = [1]
// CHECK:           arith.addf
// CHECK:         %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[EXP]], %[[SUM]] : tensor<?x8xf32>, tensor<?xf32>)
// CHECK:           arith.divf
// CHECK-NOT:     tg.
// CHECK:         return %[[R]]
func.func @softmax_rows(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %0 = "tg.softmax"(%x) {axis = -1 : i64} : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

// softmax over axis 0 in f16: max in f16, exp and sum in f32, rounded after the division.
// CHECK-DAG:   #[[$COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @softmax_axis0_f16
// CHECK:         linalg.reduce ins(%{{.*}} : tensor<3x?xf16>) outs(%{{.*}} : tensor<?xf16>) dimensions = [0]
// CHECK:         %[[EXP:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #[[$COL]], #{{.*}}]
// CHECK-SAME:      outs(%{{.*}} : tensor<3x?xf32>)
// CHECK:           arith.extf %{{.*}} : f16 to f32
// CHECK:           math.exp %{{.*}} : f32
// CHECK:         linalg.reduce ins(%[[EXP]] : tensor<3x?xf32>) outs(%{{.*}} : tensor<?xf32>) dimensions = [0]
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%{{.*}} : tensor<3x?xf16>)
// CHECK:           arith.divf %{{.*}}, %{{.*}} : f32
// CHECK:           arith.truncf %{{.*}} : f32 to f16
func.func @softmax_axis0_f16(%x: tensor<3x?xf16>) -> tensor<3x?xf16> {
  %0 = "tg.softmax"(%x) {axis = 0 : i64} : (tensor<3x?xf16>) -> tensor<3x?xf16>
  return %0 : tensor<3x?xf16>
}

// -----

// A product of f16 starts from 1 in f32, multiplies widened elements, and is rounded once.
// CHECK-LABEL: func.func @prod_f16
// CHECK-SAME:    (%[[X:.*]]: tensor<?x6xf16>) -> tensor<?xf16>
// CHECK:         %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%[[ONE]] : f32) outs(%{{.*}} : tensor<?xf32>)
// CHECK:         %[[P:.*]] = linalg.reduce ins(%[[X]] : tensor<?x6xf16>) outs(%[[ACC]] : tensor<?xf32>) dimensions = [1]
// CHECK-NEXT:      (%[[IN:.*]]: f16, %[[INIT:.*]]: f32) {
// CHECK-NEXT:        %[[EXT:.*]] = arith.extf %[[IN]] : f16 to f32
// CHECK-NEXT:        arith.mulf %[[EXT]], %[[INIT]] : f32
// CHECK:         linalg.generic {{.*}} ins(%[[P]] : tensor<?xf32>) outs(%{{.*}} : tensor<?xf16>)
// CHECK:           arith.truncf %{{.*}} : f32 to f16
func.func @prod_f16(%x: tensor<?x6xf16>) -> tensor<?xf16> {
  %0 = "tg.reduce_prod"(%x) {axes = array<i64: 1>} : (tensor<?x6xf16>) -> tensor<?xf16>
  return %0 : tensor<?xf16>
}

// -----

// An integer product multiplies in its own type.
// CHECK-LABEL: func.func @prod_i64
// CHECK:         %[[ONE:.*]] = arith.constant 1 : i64
// CHECK:         linalg.fill ins(%[[ONE]] : i64)
// CHECK:         linalg.reduce
// CHECK:           arith.muli %{{.*}}, %{{.*}} : i64
// CHECK-NOT:     linalg.generic
func.func @prod_i64(%x: tensor<3x4xi64>) -> tensor<4xi64> {
  %0 = "tg.reduce_prod"(%x) {axes = array<i64: 0>} : (tensor<3x4xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// Float min starts from +inf and uses minimumf (NaN propagates); signed integer min from the largest
// value with minsi.
// CHECK-LABEL: func.func @min_float_and_signed
// CHECK:         %[[INF:.*]] = arith.constant 0x7F800000 : f32
// CHECK:         linalg.fill ins(%[[INF]] : f32)
// CHECK:         linalg.reduce
// CHECK:           arith.minimumf
// CHECK:         %[[LARGEST:.*]] = arith.constant 127 : i8
// CHECK:         linalg.fill ins(%[[LARGEST]] : i8)
// CHECK:         linalg.reduce
// CHECK:           arith.minsi
func.func @min_float_and_signed(%x: tensor<2x5xf32>, %y: tensor<2x5xi8>) -> (tensor<2xf32>, tensor<5xi8>) {
  %0 = "tg.reduce_min"(%x) {axes = array<i64: 1>} : (tensor<2x5xf32>) -> tensor<2xf32>
  %1 = "tg.reduce_min"(%y) {axes = array<i64: 0>} : (tensor<2x5xi8>) -> tensor<5xi8>
  return %0, %1 : tensor<2xf32>, tensor<5xi8>
}

// -----

// Unsigned integers are stored signless: min starts from all ones (-1) and compares unsigned; max
// starts from 0.
// CHECK-LABEL: func.func @min_max_unsigned
// CHECK-SAME:    (%[[X:.*]]: tensor<4x6xi16>) -> (tensor<4xi16>, tensor<4xi16>)
// CHECK:         %[[ONES:.*]] = arith.constant -1 : i16
// CHECK:         linalg.fill ins(%[[ONES]] : i16)
// CHECK:         linalg.reduce ins(%[[X]] : tensor<4x6xi16>)
// CHECK:           arith.minui
// CHECK:         %[[ZERO:.*]] = arith.constant 0 : i16
// CHECK:         linalg.fill ins(%[[ZERO]] : i16)
// CHECK:         linalg.reduce ins(%[[X]] : tensor<4x6xi16>)
// CHECK:           arith.maxui
// CHECK-NOT:     arith.maxsi
func.func @min_max_unsigned(%x: tensor<4x6xui16>) -> (tensor<4xui16>, tensor<4xui16>) {
  %0 = "tg.reduce_min"(%x) {axes = array<i64: 1>} : (tensor<4x6xui16>) -> tensor<4xui16>
  %1 = "tg.reduce_max"(%x) {axes = array<i64: 1>} : (tensor<4x6xui16>) -> tensor<4xui16>
  return %0, %1 : tensor<4xui16>, tensor<4xui16>
}

// -----

// Booleans are bytes holding 0 or 1: max is an unsigned max from 0 (or), min an unsigned min from 1
// (and).
// CHECK-LABEL: func.func @max_min_bool
// CHECK-SAME:    (%[[X:.*]]: tensor<4x2xi8>) -> (tensor<4x1xi8>, tensor<4xi8>)
// CHECK:         %[[FALSE:.*]] = arith.constant 0 : i8
// CHECK:         linalg.fill ins(%[[FALSE]] : i8)
// CHECK:         linalg.reduce
// CHECK:           arith.maxui %{{.*}}, %{{.*}} : i8
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [4, 1] : tensor<4xi8> into tensor<4x1xi8>
// CHECK:         %[[TRUE:.*]] = arith.constant 1 : i8
// CHECK:         linalg.fill ins(%[[TRUE]] : i8)
// CHECK:         linalg.reduce
// CHECK:           arith.minui %{{.*}}, %{{.*}} : i8
func.func @max_min_bool(%x: tensor<4x2xi1>) -> (tensor<4x1xi1>, tensor<4xi1>) {
  %0 = "tg.reduce_max"(%x) {axes = array<i64: 1>, keepdims = true} : (tensor<4x2xi1>) -> tensor<4x1xi1>
  %1 = "tg.reduce_min"(%x) {axes = array<i64: 1>} : (tensor<4x2xi1>) -> tensor<4xi1>
  return %0, %1 : tensor<4x1xi1>, tensor<4xi1>
}

// -----

// An integer mean divides the sum truncating (divsi) by the count, at least 1 so that an empty dim
// gives 0 instead of trapping.
// CHECK-LABEL: func.func @mean_i32_dynamic
// CHECK-SAME:    (%[[X:.*]]: tensor<?x?xi32>)
// CHECK:         %[[D0:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x?xi32>
// CHECK:         %[[SUM:.*]] = linalg.reduce ins(%[[X]] : tensor<?x?xi32>) {{.*}} dimensions = [0]
// CHECK:           arith.addi
// CHECK:         %[[COUNT:.*]] = arith.muli %{{.*}}, %[[D0]] : index
// CHECK:         %[[SAFE:.*]] = arith.maxui %[[COUNT]], %{{.*}} : index
// CHECK:         %[[COUNT_I32:.*]] = arith.index_cast %[[SAFE]] : index to i32
// CHECK:         linalg.generic {{.*}} ins(%[[SUM]] : tensor<?xi32>)
// CHECK:           arith.divsi %{{.*}}, %[[COUNT_I32]] : i32
func.func @mean_i32_dynamic(%x: tensor<?x?xi32>) -> tensor<?xi32> {
  %0 = "tg.reduce_mean"(%x) {axes = array<i64: 0>} : (tensor<?x?xi32>) -> tensor<?xi32>
  return %0 : tensor<?xi32>
}

// -----

// argmax: one generic over the input writing the best value and its index; the index comes from
// linalg.index along the reduced dim. A float candidate wins when it is larger, or is the first NaN.
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @argmax_rows
// CHECK-SAME:    (%[[X:.*]]: tensor<?x10xf32>) -> tensor<?x1xi64>
// CHECK:         %[[D0:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x10xf32>
// CHECK:         %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[BEST:.*]] = linalg.fill ins(%[[NEG_INF]] : f32) outs(%{{.*}} : tensor<?xf32>)
// CHECK:         %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK:         %[[FIRST:.*]] = linalg.fill ins(%[[ZERO]] : i64) outs(%{{.*}} : tensor<?xi64>)
// CHECK:         %[[R:.*]]:2 = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      ins(%[[X]] : tensor<?x10xf32>) outs(%[[BEST]], %[[FIRST]] : tensor<?xf32>, tensor<?xi64>)
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: f32, %[[OUT:.*]]: f32, %[[OUT_INDEX:.*]]: i64):
// CHECK-NEXT:      %[[I:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[I64:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK-NEXT:      %[[IN_NAN:.*]] = arith.cmpf uno, %[[IN]], %[[IN]] : f32
// CHECK-NEXT:      %[[OUT_NUMBER:.*]] = arith.cmpf ord, %[[OUT]], %[[OUT]] : f32
// CHECK-NEXT:      %[[LARGER:.*]] = arith.cmpf ogt, %[[IN]], %[[OUT]] : f32
// CHECK-NEXT:      %[[FIRST_NAN:.*]] = arith.andi %[[IN_NAN]], %[[OUT_NUMBER]] : i1
// CHECK-NEXT:      %[[TAKE:.*]] = arith.ori %[[LARGER]], %[[FIRST_NAN]] : i1
// CHECK-NEXT:      %[[V:.*]] = arith.select %[[TAKE]], %[[IN]], %[[OUT]] : f32
// CHECK-NEXT:      %[[J:.*]] = arith.select %[[TAKE]], %[[I64]], %[[OUT_INDEX]] : i64
// CHECK-NEXT:      linalg.yield %[[V]], %[[J]] : f32, i64
// CHECK:         %[[K:.*]] = tensor.expand_shape %[[R]]#1 {{\[}}[0, 1]] output_shape [%[[D0]], 1] : tensor<?xi64> into tensor<?x1xi64>
// CHECK:         return %[[K]]
func.func @argmax_rows(%x: tensor<?x10xf32>) -> tensor<?x1xi64> {
  %0 = "tg.argmax"(%x) {axis = 1 : i64, keepdims = true} : (tensor<?x10xf32>) -> tensor<?x1xi64>
  return %0 : tensor<?x1xi64>
}

// -----

// argmin with select_last_index: from +inf, a candidate wins when it is smaller or equal, or any NaN.
// CHECK-LABEL: func.func @argmin_last
// CHECK:         arith.constant 0x7F800000 : f32
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]
// CHECK:           %[[IN_NAN:.*]] = arith.cmpf uno
// CHECK-NEXT:      %[[SMALLER:.*]] = arith.cmpf ole
// CHECK-NEXT:      arith.ori %[[SMALLER]], %[[IN_NAN]] : i1
// CHECK-NOT:     tensor.expand_shape
func.func @argmin_last(%x: tensor<3x4xf32>) -> tensor<4xi64> {
  %0 = "tg.argmin"(%x) {axis = 0 : i64, select_last_index = true} : (tensor<3x4xf32>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// Integers need no NaN test: argmax of a signed integer compares sgt (sge for the last index); of an
// unsigned one, from 0, ugt.
// CHECK-LABEL: func.func @argmax_integers
// CHECK:         arith.constant -2147483648 : i32
// CHECK:         linalg.generic
// CHECK-NOT:       arith.cmpf
// CHECK:           arith.cmpi sgt
// CHECK:         linalg.generic
// CHECK:           arith.cmpi sge
// CHECK:         arith.constant 0 : i8
// CHECK:         linalg.generic
// CHECK:           arith.cmpi ugt
func.func @argmax_integers(%x: tensor<3x4xi32>, %u: tensor<3x4xui8>) -> (tensor<3xi64>, tensor<3xi64>, tensor<3xi64>) {
  %0 = "tg.argmax"(%x) {axis = -1 : i64} : (tensor<3x4xi32>) -> tensor<3xi64>
  %1 = "tg.argmax"(%x) {axis = -1 : i64, select_last_index = true} : (tensor<3x4xi32>) -> tensor<3xi64>
  %2 = "tg.argmax"(%u) {axis = -1 : i64} : (tensor<3x4xui8>) -> tensor<3xi64>
  return %0, %1, %2 : tensor<3xi64>, tensor<3xi64>, tensor<3xi64>
}
