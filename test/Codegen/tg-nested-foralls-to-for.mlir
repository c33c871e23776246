// RUN: tg-opt %s --split-input-file --tg-nested-foralls-to-for | filecheck %s

// The outer loop stays parallel; the loop inside it becomes serial.
// CHECK-LABEL: func.func @nested
// CHECK:         scf.forall (%{{.*}}) in (2)
// CHECK-NOT:       scf.forall
// CHECK:           scf.for %{{.*}} = %{{.*}} to %{{.*}} step
// CHECK:             memref.store
func.func @nested(%a: memref<2x4xf32>) {
  %c = arith.constant 1.0 : f32
  scf.forall (%i) in (2) {
    scf.forall (%j) in (4) {
      memref.store %c, %a[%i, %j] : memref<2x4xf32>
    }
  }
  return
}

// -----

// Loops side by side are both outermost: both stay parallel.
// CHECK-LABEL: func.func @siblings
// CHECK:         scf.forall (%{{.*}}) in (2)
// CHECK:         scf.forall (%{{.*}}) in (4)
// CHECK-NOT:     scf.for
func.func @siblings(%a: memref<4xf32>) {
  %c = arith.constant 1.0 : f32
  scf.forall (%i) in (2) {
    memref.store %c, %a[%i] : memref<4xf32>
  }
  scf.forall (%j) in (4) {
    memref.store %c, %a[%j] : memref<4xf32>
  }
  return
}

// -----

// A kernel's blocks that tg-cpu-schedule marked serial (too little work for a second thread).
// CHECK-LABEL: func.func @marked_serial
// CHECK-NOT:     scf.forall
// CHECK:         scf.for
func.func @marked_serial(%a: memref<4xf32>) {
  %c = arith.constant 1.0 : f32
  scf.forall (%i) in (4) {
    memref.store %c, %a[%i] : memref<4xf32>
  } {tg.serial}
  return
}

// -----

// A serial loop does not count as parallel: the loop inside it (a kernel that shares its columns
// among threads, in a fusion group of one block) stays parallel.
// CHECK-LABEL: func.func @parallel_inside_serial
// CHECK:         scf.for
// CHECK:           scf.forall (%{{.*}}) in (4)
// CHECK:             memref.store
func.func @parallel_inside_serial(%a: memref<2x4xf32>) {
  %c = arith.constant 1.0 : f32
  scf.forall (%i) in (2) {
    scf.forall (%j) in (4) {
      memref.store %c, %a[%i, %j] : memref<2x4xf32>
    }
  } {tg.serial}
  return
}
