// RUN: tg-opt %s --tg-view-graph="%t.dot peak-gflops=10 bandwidth-gbs=1 highlight=30" -o /dev/null 2>/dev/null
// RUN: filecheck %s --check-prefix=DOT < %t.dot
// RUN: tg-opt %s --tg-view-graph -o /dev/null 2>&1 | filecheck %s --check-prefix=STDERR
// RUN: tg-opt %s --tg-view-graph=%t.bare.dot -o /dev/null 2>/dev/null
// RUN: filecheck %s --check-prefix=BARE < %t.bare.dot

// A matmul with its bias in a fusion group (a cluster), then a transpose. With 10 GFLOP/s and 1 GB/s:
// the matmul (4096 MACs; 2 KiB weights, 512 B in) 2.56 us, the transpose (1 KiB in, 1 KiB out)
// 2.05 us, the add (128 B of bias, 1 KiB out) 1.15 us. The two taking 30% of the time or more are
// filled; weights are not nodes, their bytes are in the labels.
// DOT:       digraph "graph" {
// DOT:         graph_arg0 [label="%arg0\ntensor<8x16xf32>", shape=ellipse
// DOT-NEXT:    graph_arg0 -> graph_op2;
// DOT-NEXT:    graph_op2 -> graph_op3;
// DOT-NEXT:    graph_op4 [label="tg.transpose %2 (t)\ntensor<32x8xf32>\ndata movement: 0 FLOPs\n2.00 KiB\n2.05 us (35.6%)", fillcolor="#f4a6a6", penwidth=2];
// DOT-NEXT:    graph_op3 -> graph_op4;
// DOT-NEXT:    graph_result0 [label="result #0\ntensor<32x8xf32>", shape=ellipse
// DOT-NEXT:    graph_op4 -> graph_result0;
// DOT-NEXT:    subgraph "cluster_graph_group0" {
// DOT-NEXT:      label="fusion group 0"; style=dashed;
// DOT-NEXT:      graph_op2 [label="tg.matmul %0 (mm)\ntensor<8x32xf32>\ngemm: 4096 MACs\n2.50 KiB (2.00 KiB weights)\n2.56 us (44.4%)", fillcolor="#f4a6a6", penwidth=2];
// DOT-NEXT:      graph_op3 [label="tg.add %1 (bias)\ntensor<8x32xf32>\nelementwise: 256 FLOPs\n1.12 KiB (128 B weights)\n1.15 us (20.0%)"];
// DOT-NEXT:    }
// DOT-NEXT:  }
// DOT-NOT:   cst

// The file alone is the option's value, as in --tg-view-graph=out.dot.
// BARE:      digraph "graph" {

// Without a file the DOT text goes to standard error.
// STDERR:    digraph "graph" {
func.func @graph(%x: tensor<8x16xf32>) -> tensor<32x8xf32> {
  %w = arith.constant dense<0.5> : tensor<16x32xf32>
  %b = arith.constant dense<0.25> : tensor<32xf32>
  %0 = "tg.matmul"(%x, %w) {tg.fusion_group = 0 : i64} : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32> loc("mm")
  %1 = "tg.add"(%0, %b) {tg.fusion_group = 0 : i64} : (tensor<8x32xf32>, tensor<32xf32>) -> tensor<8x32xf32> loc("bias")
  %2 = "tg.transpose"(%1) {perm = array<i64: 1, 0>} : (tensor<8x32xf32>) -> tensor<32x8xf32> loc("t")
  return %2 : tensor<32x8xf32>
}
