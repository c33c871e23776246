// RUN: tg-opt %s --tg-fold-constants --tg-dce --split-input-file | filecheck %s
// RUN: tg-opt %s --tg-fold-constants="max-elements=2" --split-input-file | filecheck %s --check-prefix=CAPPED

// 2 * [1, 2, 3] then exp: folded with the NumPy references, leaving the one op on the argument.
// CHECK-LABEL: func.func @chain
// CHECK:         %[[C:.*]] = arith.constant dense<[7.3890{{[0-9]*}}, 54.598{{[0-9]*}}, 403.42{{[0-9]*}}]> : tensor<3xf32>
// CHECK:         "tg.add"(%arg0, %[[C]])
// CAPPED-LABEL: func.func @chain
// CAPPED:        "tg.mul"
// CAPPED:        "tg.exp"
func.func @chain(%x: tensor<3xf32>) -> tensor<3xf32> {
  %c = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %two = arith.constant dense<2.0> : tensor<f32>
  %0 = "tg.mul"(%c, %two) : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  %1 = "tg.exp"(%0) : (tensor<3xf32>) -> tensor<3xf32>
  %2 = "tg.add"(%x, %1) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %2 : tensor<3xf32>
}

// -----

// Integer semantics are tg's (truncating division), shapes change as the op says.
// CHECK-LABEL: func.func @integers
// CHECK:         %[[C:.*]] = arith.constant dense<{{\[}}[-3, 3], [0, 0]]> : tensor<2x2xi32>
// CHECK:         return %[[C]]
func.func @integers() -> tensor<2x2xi32> {
  %a = arith.constant dense<[-7, 7, 5, 0]> : tensor<4xi32>
  %b = arith.constant dense<[2, 2, 0, 3]> : tensor<4xi32>
  %0 = "tg.div"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %1 = "tg.reshape"(%0) : (tensor<4xi32>) -> tensor<2x2xi32>
  return %1 : tensor<2x2xi32>
}

// -----

// An operand that is not a constant stops folding.
// CHECK-LABEL: func.func @not_constant
// CHECK:         "tg.mul"(%arg0
func.func @not_constant(%x: tensor<3xf32>) -> tensor<3xf32> {
  %c = arith.constant dense<2.0> : tensor<3xf32>
  %0 = "tg.mul"(%x, %c) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
