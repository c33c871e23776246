// One compiled function with a dynamic batch, run with batch 1 and batch 4: output shapes follow the
// inputs. Each row is [x0 + x1 + x2, x0 * 2]: from x @ [[1, 2], [1, 0], [1, 0]].
// RUN: tg-run %s --input '[[1, 2, 3]]' | filecheck %s --check-prefix=BATCH1
// RUN: tg-run %s --input '[[1, 2, 3], [0, 0, 0], [-1, 1, 0.5], [10, 20, 30]]' | filecheck %s --check-prefix=BATCH4

// BATCH1:      output #0: tensor<1x2xf32>
// BATCH1-NEXT: {{^\[\[}}6. 2.]]

// BATCH4:      output #0: tensor<4x2xf32>
// BATCH4-NEXT: {{^\[\[}} 6.   2. ]
// BATCH4-NEXT: {{^}} [ 0.   0. ]
// BATCH4-NEXT: {{^}} [ 0.5 -2. ]
// BATCH4-NEXT: {{^}} [60.  20. ]]
func.func @dynamic_batch(%x: tensor<?x3xf32>) -> tensor<?x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [1.0, 0.0], [1.0, 0.0]]> : tensor<3x2xf32>
  %0 = "tg.matmul"(%x, %w) : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}
