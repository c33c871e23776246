// The import of ONNX comparisons, logic, Where, Cast and CastLike: one tg op per node; Cast's
// saturate and round_mode reach the IR only where they change the result, a cast to the input's own
// type disappears, and a cast of a constant folds.
// RUN: %python %S/Inputs/logic_models.py %t
// RUN: tg-import %t/comparisons.onnx | filecheck %s --check-prefix=COMPARE
// RUN: tg-import %t/logic.onnx | filecheck %s --check-prefix=LOGIC
// RUN: tg-import %t/where.onnx | filecheck %s --check-prefix=WHERE
// RUN: tg-import %t/casts.onnx | filecheck %s --check-prefix=CAST
// RUN: tg-import %t/cast_constant.onnx | filecheck %s --check-prefix=FOLD
// RUN: not tg-import %t/cast_to_string.onnx 2>&1 | filecheck %s --check-prefix=STRING
// RUN: not tg-import %t/cast_bad_round_mode.onnx 2>&1 | filecheck %s --check-prefix=ROUNDING

// COMPARE-LABEL: func.func @main(%arg0: tensor<?x4xi32> {tg.dims = ["n", ""], tg.name = "x"}, %arg1: tensor<4xi32> {tg.name = "y"})
// COMPARE:         "tg.compare"(%arg0, %arg1) {predicate = "eq"} : (tensor<?x4xi32>, tensor<4xi32>) -> tensor<?x4xi1>
// COMPARE:         "tg.compare"(%arg0, %arg1) {predicate = "gt"}
// COMPARE:         "tg.compare"(%arg0, %arg1) {predicate = "ge"}
// COMPARE:         "tg.compare"(%arg0, %arg1) {predicate = "lt"}
// COMPARE:         "tg.compare"(%arg0, %arg1) {predicate = "le"}

// LOGIC-LABEL: func.func @main(%arg0: tensor<2x3xi1> {tg.name = "a"}, %arg1: tensor<3xi1> {tg.name = "b"})
// LOGIC:         %[[AND:.*]] = "tg.and"(%arg0, %arg1) : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
// LOGIC:         %[[OR:.*]] = "tg.or"(%[[AND]], %arg1)
// LOGIC:         %[[XOR:.*]] = "tg.xor"(%[[OR]], %arg0)
// LOGIC:         "tg.not"(%[[XOR]]) : (tensor<2x3xi1>) -> tensor<2x3xi1>

// WHERE:       %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : tensor<f32>
// WHERE:       "tg.select"(%arg0, %arg1, %[[ZERO]]) : (tensor<?x1xi1>, tensor<?x4xf32>, tensor<f32>) -> tensor<?x4xf32>

// CAST-LABEL: func.func @main(%arg0: tensor<?x8xf32> {tg.dims = ["n", ""], tg.name = "x"}, %arg1: tensor<1xf64> {tg.name = "like"})
// CAST:         %[[HALF:.*]] = "tg.cast"(%arg0) : (tensor<?x8xf32>) -> tensor<?x8xf16>
// CAST:         %[[F8:.*]] = "tg.cast"(%arg0) {saturate = false} : (tensor<?x8xf32>) -> tensor<?x8xf8E4M3FN>
// Integers do not saturate: the attribute is dropped.
// CAST:         %[[INT:.*]] = "tg.cast"(%arg0) : (tensor<?x8xf32>) -> tensor<?x8xi32>
// CAST:         %[[E8M0:.*]] = "tg.cast"(%arg0) {round_mode = "nearest"} : (tensor<?x8xf32>) -> tensor<?x8xf8E8M0FNU>
// CastLike takes the element type of its second input.
// CAST:         %[[BACK:.*]] = "tg.cast"(%[[HALF]]) : (tensor<?x8xf16>) -> tensor<?x8xf64>
// CAST:         return %[[F8]], %[[INT]], %[[E8M0]], %arg0, %[[BACK]]

// FOLD-LABEL: func.func @main() -> tensor<3xf8E4M3FN>
// FOLD:         %[[C:.*]] = arith.constant dense<[5.000000e-01, 4.480000e+02, -3.000000e+00]> : tensor<3xf8E4M3FN>
// FOLD-NOT:     tg.cast
// FOLD:         return %[[C]]

// STRING: error: Cast: casts to strings are not supported
// ROUNDING: error: Cast: round_mode 'zero' (expected one of up, nearest, down)
