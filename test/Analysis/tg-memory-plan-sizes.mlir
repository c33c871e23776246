// RUN: tg-opt %s --tg-memory-plan="batch=8" -o /dev/null 2>&1 | filecheck %s --check-prefix=SIZED
// RUN: not tg-opt %s --tg-memory-plan -o /dev/null 2>&1 | filecheck %s --check-prefix=UNSIZED

// The plan is for concrete tensors: dynamic dims need sizes (8 x 64 f32 = 2 KiB).
// SIZED-LABEL: @dynamic: 1 intermediate tensors, batch=8
// SIZED:         %0{{ +}}tg.exp{{ +}}tensor<8x64xf32>{{ +}}2.00 KiB{{ +}}%0 .. %1{{ +}}0
// UNSIZED:     error: @dynamic: the memory plan needs sizes for batch (batch=...)
func.func @dynamic(%x: tensor<?x64xf32> {tg.dims = ["batch", ""]}) -> tensor<?x64xf32> {
  %0 = "tg.exp"(%x) : (tensor<?x64xf32>) -> tensor<?x64xf32>
  %1 = "tg.neg"(%0) : (tensor<?x64xf32>) -> tensor<?x64xf32>
  return %1 : tensor<?x64xf32>
}
