// RUN: tg-opt %s --tg-dce --split-input-file | filecheck %s

// An unused chain goes, from its last op back to its constant.
// CHECK-LABEL: func.func @unused_chain
// CHECK-NOT:     arith.constant
// CHECK-NOT:     tg.add
// CHECK-NOT:     tg.exp
// CHECK:         %[[R:.*]] = "tg.relu"(%arg0)
// CHECK:         return %[[R]]
func.func @unused_chain(%x: tensor<3xf32>) -> tensor<3xf32> {
  %c = arith.constant dense<1.0> : tensor<3xf32>
  %0 = "tg.add"(%x, %c) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = "tg.exp"(%0) : (tensor<3xf32>) -> tensor<3xf32>
  %2 = "tg.relu"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %2 : tensor<3xf32>
}

// -----

// An op with one used result stays, with everything it needs.
// CHECK-LABEL: func.func @used
// CHECK:         arith.constant
// CHECK:         "tg.add"
// CHECK:         "tg.exp"
func.func @used(%x: tensor<3xf32>) -> tensor<3xf32> {
  %c = arith.constant dense<1.0> : tensor<3xf32>
  %0 = "tg.add"(%x, %c) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = "tg.exp"(%0) : (tensor<3xf32>) -> tensor<3xf32>
  return %1 : tensor<3xf32>
}

// -----

// Ops of other dialects are not tg-dce's to judge.
// CHECK-LABEL: func.func @foreign
// CHECK:         tensor.empty
func.func @foreign(%x: tensor<3xf32>) -> tensor<3xf32> {
  %e = tensor.empty() : tensor<3xf32>
  return %x : tensor<3xf32>
}
