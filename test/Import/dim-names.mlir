// The importer names the symbolic dims of each input in a `tg.dims` argument attribute (one string a
// dim, empty for a static, bound or unknown one), for --tg-bind-dims; inputs without a symbolic dim
// have none.
// RUN: %python %S/Inputs/dim_names_models.py %t
// RUN: tg-import %t/named_dims.onnx | filecheck %s
// RUN: tg-import %t/named_dims.onnx --bind batch=2 | filecheck %s --check-prefix=BOUND
// RUN: tg-import %t/named_dims.onnx --bind batch=2 --bind seq=5 | filecheck %s --check-prefix=STATIC
// RUN: tg-import %t/named_dims.onnx --dynamic-inputs | filecheck %s --check-prefix=DYNAMIC

// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %arg0: tensor<?x?x8xf32> {tg.dims = ["batch", "seq", ""], tg.name = "x"},
// CHECK-SAME:    %arg1: tensor<?x8xf32> {tg.name = "w"},
// CHECK-SAME:    %arg2: tensor<8xf32> {tg.name = "s"})

// BOUND: func.func @main(%arg0: tensor<2x?x8xf32> {tg.dims = ["", "seq", ""], tg.name = "x"},

// STATIC: func.func @main(%arg0: tensor<2x5x8xf32> {tg.name = "x"},

// Dims made dynamic without a name have no name.
// DYNAMIC: func.func @main(%arg0: tensor<?x?x?xf32> {tg.dims = ["batch", "seq", ""], tg.name = "x"}, %arg1: tensor<?x?xf32> {tg.name = "w"}, %arg2: tensor<?xf32> {tg.name = "s"})
