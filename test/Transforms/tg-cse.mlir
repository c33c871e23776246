// RUN: tg-opt %s --tg-cse --split-input-file | filecheck %s

// Equal constants merge, then the two equal adds.
// CHECK-LABEL: func.func @duplicates
// CHECK:         %[[C:.*]] = arith.constant dense<1.000000e+00>
// CHECK-NOT:     arith.constant
// CHECK:         %[[A:.*]] = "tg.add"(%arg0, %[[C]])
// CHECK-NOT:     "tg.add"
// CHECK:         "tg.mul"(%[[A]], %[[A]])
func.func @duplicates(%x: tensor<3xf32>) -> tensor<3xf32> {
  %c = arith.constant dense<1.0> : tensor<3xf32>
  %c2 = arith.constant dense<1.0> : tensor<3xf32>
  %0 = "tg.add"(%x, %c) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = "tg.add"(%x, %c2) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %2 = "tg.mul"(%0, %1) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %2 : tensor<3xf32>
}

// -----

// Different attributes, operands in another order, or another result type: not the same computation.
// CHECK-LABEL: func.func @different
// CHECK-COUNT-2: "tg.softmax"
// CHECK-COUNT-2: "tg.sub"
func.func @different(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = "tg.softmax"(%x) {axis = 0 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "tg.softmax"(%x) {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = "tg.sub"(%x, %y) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = "tg.sub"(%y, %x) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}
