// RUN: tg-opt %s --split-input-file --tg-sink-constants | filecheck %s

// The globals and constants a parallel loop reads are cloned into its body (async-parallel-for would
// pass them to the outlined body as arguments LLVM must assume alias its stores); uses outside the
// loop keep the original.
// CHECK-LABEL: func.func @bias_epilogue
// CHECK:         %[[OUTSIDE:.*]] = memref.get_global @bias
// CHECK:         scf.parallel
// CHECK-DAG:       %[[SIX:.*]] = arith.constant 6.0
// CHECK-DAG:       %[[BIAS:.*]] = memref.get_global @bias : memref<16xf32>
// CHECK:           memref.load %[[BIAS]]
// CHECK:           arith.minimumf %{{.*}}, %[[SIX]]
// CHECK:         memref.load %[[OUTSIDE]]
memref.global "private" constant @bias : memref<16xf32> = dense<1.0>
func.func @bias_epilogue(%out: memref<4x16xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %six = arith.constant 6.0 : f32
  %bias = memref.get_global @bias : memref<16xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c16) step (%c1, %c1) {
    %b = memref.load %bias[%j] : memref<16xf32>
    %x = memref.load %out[%i, %j] : memref<4x16xf32>
    %s = arith.addf %x, %b : f32
    %r = arith.minimumf %s, %six : f32
    memref.store %r, %out[%i, %j] : memref<4x16xf32>
    scf.reduce
  }
  %first = memref.load %bias[%c0] : memref<16xf32>
  return %first : f32
}

// -----

// Serial loops and buffers are left alone.
// CHECK-LABEL: func.func @serial
// CHECK:         memref.get_global @bias
// CHECK-NEXT:    scf.for
// CHECK-NOT:       memref.get_global
memref.global "private" constant @bias : memref<16xf32> = dense<1.0>
func.func @serial(%out: memref<16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %bias = memref.get_global @bias : memref<16xf32>
  scf.for %j = %c0 to %c16 step %c1 {
    %b = memref.load %bias[%j] : memref<16xf32>
    memref.store %b, %out[%j] : memref<16xf32>
  }
  return
}
