// Bools are bytes in memory: --tg-to-linalg turns every tensor<...xi1> into a tensor<...xi8> holding 0
// or 1, in function signatures, in constants and in what the lowerings build. Scalar i1 values (not
// tensors) are left alone.
// RUN: tg-opt %s --tg-to-linalg --split-input-file | filecheck %s

// CHECK-LABEL: func.func @transpose_bool
// CHECK-SAME:    (%[[X:.*]]: tensor<?x3xi8>) -> tensor<3x?xi8>
// CHECK:         %[[D0:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3xi8>
// CHECK:         %[[INIT:.*]] = tensor.empty(%[[D0]]) : tensor<3x?xi8>
// CHECK:         %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<?x3xi8>) outs(%[[INIT]] : tensor<3x?xi8>) permutation = [1, 0]
// CHECK-NOT:     xi1>
// CHECK-NOT:     tg.
// CHECK:         return %[[T]] : tensor<3x?xi8>
func.func @transpose_bool(%x: tensor<?x3xi1>) -> tensor<3x?xi1> {
  %0 = "tg.transpose"(%x) {perm = array<i64: 1, 0>} : (tensor<?x3xi1>) -> tensor<3x?xi1>
  return %0 : tensor<3x?xi1>
}

// -----

// CHECK-LABEL: func.func @reshape_bool
// CHECK-SAME:    (%[[X:.*]]: tensor<2x3xi8>) -> tensor<3x2xi8>
// CHECK:         %[[FLAT:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<2x3xi8> into tensor<6xi8>
// CHECK:         tensor.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [3, 2] : tensor<6xi8> into tensor<3x2xi8>
// CHECK-NOT:     xi1>
func.func @reshape_bool(%x: tensor<2x3xi1>) -> tensor<3x2xi1> {
  %0 = "tg.reshape"(%x) : (tensor<2x3xi1>) -> tensor<3x2xi1>
  return %0 : tensor<3x2xi1>
}

// -----

// A bool argument returned as is changes type with the signature.
// CHECK-LABEL: func.func @return_bool_argument
// CHECK-SAME:    (%[[B:.*]]: tensor<4xi8>, %[[F:.*]]: tensor<4xf32>) -> (tensor<4xi8>, tensor<4xf32>)
// CHECK-NEXT:    return %[[B]], %[[F]] : tensor<4xi8>, tensor<4xf32>
func.func @return_bool_argument(%b: tensor<4xi1>, %f: tensor<4xf32>) -> (tensor<4xi1>, tensor<4xf32>) {
  return %b, %f : tensor<4xi1>, tensor<4xf32>
}

// -----

// A bool constant becomes bytes, element for element.
// CHECK-LABEL: func.func @bool_constant
// CHECK-SAME:    () -> tensor<2x3xi8>
// CHECK:         %[[C:.*]] = arith.constant dense<{{\[}}[1, 0], [0, 1], [1, 1]]> : tensor<3x2xi8>
// CHECK:         linalg.transpose ins(%[[C]] : tensor<3x2xi8>) outs(%{{.*}} : tensor<2x3xi8>) permutation = [1, 0]
// CHECK-NOT:     xi1>
func.func @bool_constant() -> tensor<2x3xi1> {
  %c = arith.constant dense<[[true, false], [false, true], [true, true]]> : tensor<3x2xi1>
  %0 = "tg.transpose"(%c) {perm = array<i64: 1, 0>} : (tensor<3x2xi1>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// -----

// Splat and rank-0 bool constants.
// CHECK-LABEL: func.func @bool_splat_constants
// CHECK-SAME:    () -> (tensor<3xi8>, tensor<1xi8>)
// CHECK-DAG:     arith.constant dense<1> : tensor<3xi8>
// CHECK-DAG:     %[[S:.*]] = arith.constant dense<0> : tensor<i8>
// CHECK:         tensor.expand_shape %[[S]] [] output_shape [1] : tensor<i8> into tensor<1xi8>
func.func @bool_splat_constants() -> (tensor<3xi1>, tensor<1xi1>) {
  %t = arith.constant dense<true> : tensor<3xi1>
  %f = arith.constant dense<false> : tensor<i1>
  %0 = "tg.reshape"(%f) : (tensor<i1>) -> tensor<1xi1>
  return %t, %0 : tensor<3xi1>, tensor<1xi1>
}

// -----

// Only tensors of i1 change: a scalar i1 argument stays i1, other element types stay as they are.
// CHECK-LABEL: func.func @scalar_i1_argument
// CHECK-SAME:    (%{{.*}}: tensor<4xf32>, %{{.*}}: i1, %{{.*}}: tensor<4xi8>) -> tensor<4xf32>
// CHECK:         scf.if
// CHECK:           linalg.exp
func.func @scalar_i1_argument(%x: tensor<4xf32>, %p: i1, %bytes: tensor<4xi8>) -> tensor<4xf32> {
  %0 = scf.if %p -> tensor<4xf32> {
    %1 = "tg.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    scf.yield %1 : tensor<4xf32>
  } else {
    scf.yield %x : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

// Private functions get byte storage too.
// CHECK-LABEL: func.func private @private_bool
// CHECK-SAME:    (%{{.*}}: tensor<2x2xi8>) -> tensor<4xi8>
// CHECK:         tensor.collapse_shape %{{.*}} {{\[}}[0, 1]] : tensor<2x2xi8> into tensor<4xi8>
func.func private @private_bool(%x: tensor<2x2xi1>) -> tensor<4xi1> {
  %0 = "tg.reshape"(%x) : (tensor<2x2xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}
