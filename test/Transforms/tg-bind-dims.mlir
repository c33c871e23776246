// RUN: tg-opt %s --split-input-file --verify-diagnostics --tg-bind-dims="batch=2 seq=5" --tg-infer-shapes | filecheck %s
// RUN: tg-opt %s --split-input-file --verify-diagnostics --tg-bind-dims="batch=2 seq=5" | filecheck %s --check-prefix=BOUND-ONLY
// RUN: not tg-opt %s --tg-bind-dims 2>&1 | filecheck %s --check-prefix=NOTHING
// RUN: not tg-opt %s --tg-bind-dims="batch=-1" 2>&1 | filecheck %s --check-prefix=NEGATIVE
// RUN: tg-opt --list-passes | filecheck %s --check-prefix=LIST
// An ONNX model's symbolic dims, named by the importer, bound and inferred through the graph:
// RUN: %python %S/../Import/Inputs/dim_names_models.py %t
// RUN: tg-import %t/named_dims.onnx | tg-opt --tg-bind-dims="batch=2 seq=5" --tg-infer-shapes | filecheck %s --check-prefix=ONNX

// NOTHING: tg-opt: error: pass 'tg-bind-dims': give the dims to bind: --tg-bind-dims="name=size ..."
// NEGATIVE: tg-opt: error: pass 'tg-bind-dims': dim sizes cannot be negative: batch=-1
// LIST:      --tg-bind-dims
// LIST-NEXT:   Fix named dynamic dims
// LIST-NEXT:   <name>=<int> ...: the size of every argument dim named so

// ONNX-LABEL: func.func @main(%arg0: tensor<2x5x8xf32> {tg.dims = ["batch", "seq", ""], tg.name = "x"}, %arg1: tensor<?x8xf32> {tg.name = "w"}, %arg2: tensor<8xf32> {tg.name = "s"}) -> tensor<2x5x8xf32>
// ONNX-NOT:    ?x?
// ONNX:        return %{{.*}} : tensor<2x5x8xf32>

// Bound dims become static in the arguments and the function type; --tg-infer-shapes carries them
// through the graph to the results.
// CHECK-LABEL: func.func @encoder
// CHECK-SAME:    (%arg0: tensor<2x5x16xf32> {tg.dims = ["batch", "seq", ""], tg.name = "x"}, %arg1: tensor<2x1x5xf32> {tg.dims = ["batch", "", "seq"], tg.name = "mask"})
// CHECK-SAME:    -> tensor<2x5x5xf32>
// CHECK:         "tg.matmul"(%arg0, %{{.*}}) : (tensor<2x5x16xf32>, tensor<2x16x5xf32>) -> tensor<2x5x5xf32>
// CHECK:         "tg.add"({{.*}}) : (tensor<2x5x5xf32>, tensor<2x1x5xf32>) -> tensor<2x5x5xf32>
// BOUND-ONLY-LABEL: func.func @encoder
// BOUND-ONLY-SAME:    -> tensor<?x?x?xf32>
// BOUND-ONLY:         "tg.transpose"(%arg0) {perm = array<i64: 0, 2, 1>} : (tensor<2x5x16xf32>) -> tensor<?x16x?xf32>
func.func @encoder(%x: tensor<?x?x16xf32> {tg.dims = ["batch", "seq", ""], tg.name = "x"}, %mask: tensor<?x1x?xf32> {tg.dims = ["batch", "", "seq"], tg.name = "mask"}) -> tensor<?x?x?xf32> {
  %0 = "tg.transpose"(%x) {perm = array<i64: 0, 2, 1>} : (tensor<?x?x16xf32>) -> tensor<?x16x?xf32>
  %1 = "tg.matmul"(%x, %0) : (tensor<?x?x16xf32>, tensor<?x16x?xf32>) -> tensor<?x?x?xf32>
  %2 = "tg.add"(%1, %mask) : (tensor<?x?x?xf32>, tensor<?x1x?xf32>) -> tensor<?x?x?xf32>
  return %2 : tensor<?x?x?xf32>
}

// -----

// A named dim that is not bound stays dynamic; a bound name on a dim that is already that size is
// accepted; an argument without names keeps its type.
// CHECK-LABEL: func.func @partly
// CHECK-SAME:    (%arg0: tensor<2x?xf32> {tg.dims = ["batch", "cache"]}, %arg1: tensor<5xf32> {tg.dims = ["seq"]}, %arg2: tensor<?xf32>)
// CHECK-SAME:    -> (tensor<2x?xf32>, tensor<5xf32>, tensor<?xf32>)
func.func @partly(%x: tensor<?x?xf32> {tg.dims = ["batch", "cache"]}, %y: tensor<5xf32> {tg.dims = ["seq"]}, %z: tensor<?xf32>) -> (tensor<?x?xf32>, tensor<5xf32>, tensor<?xf32>) {
  %0 = "tg.exp"(%x) : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %0, %y, %z : tensor<?x?xf32>, tensor<5xf32>, tensor<?xf32>
}

// -----

// An argument returned as it is refines the result type; a user that is not a tg op keeps the type
// it had, through a cast. Private functions are not entry points: their arguments stay.
// CHECK-LABEL: func.func @returned
// CHECK-SAME:    (%arg0: tensor<2x5xf32> {tg.dims = ["batch", "seq"]}) -> (tensor<2x5xf32>, index)
// CHECK:         %[[CAST:.*]] = tensor.cast %arg0 : tensor<2x5xf32> to tensor<?x?xf32>
// CHECK:         tensor.dim %[[CAST]]
// CHECK:         return %arg0, %{{.*}} : tensor<2x5xf32>, index
// CHECK-LABEL: func.func private @helper
// CHECK-SAME:    (%arg0: tensor<?xf32> {tg.dims = ["batch"]}) -> tensor<?xf32>
func.func @returned(%x: tensor<?x?xf32> {tg.dims = ["batch", "seq"]}) -> (tensor<?x?xf32>, index) {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %x, %c0 : tensor<?x?xf32>
  return %x, %d : tensor<?x?xf32>, index
}
func.func private @helper(%x: tensor<?xf32> {tg.dims = ["batch"]}) -> tensor<?xf32> {
  return %x : tensor<?xf32>
}

// -----

// A name that no argument has is an error that lists the names there are.
// expected-error @+1 {{tg-bind-dims: no argument has a dim named 'seq' (known names: batch, time)}}
func.func @unknown(%x: tensor<?x?xf32> {tg.dims = ["batch", "time"]}) -> tensor<?x?xf32> {
  return %x : tensor<?x?xf32>
}

// -----

// A size that contradicts the dim's static size is an error.
// expected-error @+1 {{tg-bind-dims: batch=2 contradicts dim 0 of argument #1 of @contradiction, which is 3}}
func.func @contradiction(%x: tensor<?x?xf32> {tg.dims = ["batch", "seq"]}, %y: tensor<3xf32> {tg.dims = ["batch"]}) -> tensor<?x?xf32> {
  return %x : tensor<?x?xf32>
}

// -----

// A public function that another one calls keeps its signature, or the call would no longer match.
// expected-error @+1 {{tg-bind-dims: cannot bind batch in @called: other functions call it with its current type}}
func.func @called(%x: tensor<?x?xf32> {tg.dims = ["batch", "seq"]}) -> tensor<?x?xf32> {
  return %x : tensor<?x?xf32>
}
func.func @caller(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = func.call @called(%x) : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// Names must say one thing a dim of a tensor.
// expected-error @+1 {{tg-bind-dims: tg.dims of argument #1 must be an array of one string a dim of a ranked tensor, got ["batch"] on tensor<2x?xf32>}}
func.func @malformed(%n: index, %x: tensor<2x?xf32> {tg.dims = ["batch"]}) -> tensor<2x?xf32> {
  return %x : tensor<2x?xf32>
}
