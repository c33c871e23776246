// RUN: tg-opt %s --op-stats -o /dev/null 2>&1 | filecheck %s --check-prefix=TEXT
// RUN: tg-opt %s --op-stats=format=json -o /dev/null 2>&1 | filecheck %s --check-prefix=JSON
// RUN: tg-opt %s --op-stats 2>/dev/null | filecheck %s --check-prefix=IR

// Every op in the module counts, the most frequent first, ties by name; kinds absent are not listed.
// TEXT:      op statistics: 10 ops of 5 kinds
// TEXT-NEXT:   op{{ +}}count
// TEXT-NEXT:   tg.add{{ +}}3
// TEXT-NEXT:   arith.constant{{ +}}2
// TEXT-NEXT:   func.func{{ +}}2
// TEXT-NEXT:   func.return{{ +}}2
// TEXT-NEXT:   tg.matmul{{ +}}1
// TEXT-NOT:    tg.

// JSON:      "total": 10,
// JSON-NEXT: "ops": {
// JSON-NEXT:   "tg.add": 3,
// JSON-NEXT:   "arith.constant": 2,
// JSON-NEXT:   "func.func": 2,
// JSON-NEXT:   "func.return": 2,
// JSON-NEXT:   "tg.matmul": 1
// JSON-NEXT: }

// The IR is unchanged.
// IR:        func.func @mlp
// IR:        "tg.matmul"
func.func @mlp(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %w = arith.constant dense<0.5> : tensor<8x8xf32>
  %b = arith.constant dense<0.5> : tensor<8xf32>
  %0 = "tg.matmul"(%x, %w) : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  %1 = "tg.add"(%0, %b) : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
  %2 = "tg.add"(%1, %x) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}

func.func @twice(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "tg.add"(%x, %x) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
