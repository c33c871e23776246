// Conversions to and from the 8- and 4-bit floats become APFloat library calls; all other float
// arithmetic stays for LLVM.
// RUN: tg-opt %s --tg-small-floats-to-apfloat --split-input-file | filecheck %s

// CHECK: func.func private @_mlir_apfloat_convert(i32, i32, i64) -> i64
// CHECK-LABEL: func.func @to_f8
// f32 is APFloat semantics 2 and f8E4M3FN is 10 in LLVM 22.
// CHECK-DAG:     %[[FROM:.*]] = arith.constant 2 : i32
// CHECK-DAG:     %[[TO:.*]] = arith.constant 10 : i32
// CHECK:         %[[BITS:.*]] = arith.bitcast %arg0 : f32 to i32
// CHECK:         %[[WIDE:.*]] = arith.extui %[[BITS]] : i32 to i64
// CHECK:         %[[R:.*]] = call @_mlir_apfloat_convert(%[[FROM]], %[[TO]], %[[WIDE]])
// CHECK:         %[[NARROW:.*]] = arith.trunci %[[R]] : i64 to i8
// CHECK:         arith.bitcast %[[NARROW]] : i8 to f8E4M3FN
// CHECK-NOT:     arith.truncf
func.func @to_f8(%x: f32) -> f8E4M3FN {
  %0 = arith.truncf %x : f32 to f8E4M3FN
  return %0 : f8E4M3FN
}

// -----

// CHECK-LABEL: func.func @from_f4
// CHECK:         arith.bitcast %arg0 : f4E2M1FN to i4
// CHECK:         arith.extui %{{.*}} : i4 to i64
// CHECK:         call @_mlir_apfloat_convert
// CHECK:         arith.trunci %{{.*}} : i64 to i16
// CHECK:         arith.bitcast %{{.*}} : i16 to f16
func.func @from_f4(%x: f4E2M1FN) -> f16 {
  %0 = arith.extf %x : f4E2M1FN to f16
  return %0 : f16
}

// -----

// Nothing to do: no declaration is added and f32/f16 conversions and arithmetic stay.
// CHECK-NOT: _mlir_apfloat_convert
// CHECK-LABEL: func.func @ordinary
// CHECK:         arith.addf
// CHECK:         arith.truncf %{{.*}} : f32 to f16
func.func @ordinary(%x: f32) -> f16 {
  %0 = arith.addf %x, %x : f32
  %1 = arith.truncf %0 : f32 to f16
  return %1 : f16
}
