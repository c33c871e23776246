// Integer division truncates toward zero (C and ONNX, not NumPy's floor), x / 0 gives 0 instead of
// trapping, and INT_MIN / -1 wraps to INT_MIN. By hand: 7/2 = 3, -7/2 = -3, 7/-2 = -3, -7/-2 = 3,
// 5/0 = 0, 0/3 = 0, -2147483648/-1 = -2147483648, 9/1 = 9. --check compares with the op's reference.
// RUN: tg-run %s --input '[[7, -7, 7, -7], [5, 0, -2147483648, 9]]' --input '[[2, 2, -2, -2], [0, 3, -1, 1]]' --check | filecheck %s

// CHECK:      output #0: tensor<2x4xi32>
// CHECK-NEXT: {{^\[\[}} 3 -3 -3 3]
// CHECK-NEXT: {{^}} [ 0 0 -2147483648 9]]
// CHECK-NEXT: check: output #0 ok
func.func @int_div(%x: tensor<2x4xi32>, %y: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %0 = "tg.div"(%x, %y) : (tensor<2x4xi32>, tensor<2x4xi32>) -> tensor<2x4xi32>
  return %0 : tensor<2x4xi32>
}
