// RUN: tg-opt %s --tg-memory-plan --split-input-file -o /dev/null 2>&1 | filecheck %s --check-prefix=PLAN
// RUN: tg-opt %s --tg-memory-plan=format=json --split-input-file -o /dev/null 2>&1 | filecheck %s --check-prefix=JSON
// RUN: tg-opt %s --tg-memory-plan --split-input-file 2>/dev/null | filecheck %s --check-prefix=IR

// The pass reports and leaves the IR as it was.
// IR-LABEL: func.func @chain
// IR:         "tg.neg"

// A chain: each tensor dies when the next op has read it, so the third reuses the first's memory.
// The result is the caller's output and gets no buffer.
// PLAN-LABEL: @chain: 3 intermediate tensors, offsets aligned to 64 B
// PLAN-NEXT:    value{{ +}}op{{ +}}type{{ +}}bytes{{ +}}live{{ +}}offset
// PLAN-NEXT:    %0{{ +}}tg.neg{{ +}}tensor<1024xf32>{{ +}}4.00 KiB{{ +}}%0 .. %1{{ +}}0
// PLAN-NEXT:    %1{{ +}}tg.exp{{ +}}tensor<1024xf32>{{ +}}4.00 KiB{{ +}}%1 .. %2{{ +}}4096
// PLAN-NEXT:    %2{{ +}}tg.sqrt{{ +}}tensor<1024xf32>{{ +}}4.00 KiB{{ +}}%2 .. %3{{ +}}0
// PLAN-NEXT:    arena 8.00 KiB (8192 B) reusing memory; 12.0 KiB allocating every tensor separately (1.50x)
// PLAN-NEXT:    at least 8.00 KiB (8192 B) are live at one time
// JSON-LABEL:   "function": "chain"
// JSON:         "peak_bytes": 8192,
// JSON-NEXT:    "separate_bytes": 12288,
// JSON-NEXT:    "lower_bound_bytes": 8192,
// JSON:         "value": "%2",
// JSON-NEXT:    "op": "tg.sqrt",
// JSON-NEXT:    "type": "tensor<1024xf32>",
// JSON-NEXT:    "bytes": 4096,
// JSON-NEXT:    "start": 2,
// JSON-NEXT:    "end": 3,
// JSON-NEXT:    "last_reader": "%3",
// JSON-NEXT:    "offset": 0
func.func @chain(%x: tensor<1024xf32>) -> tensor<1024xf32> {
  %0 = "tg.neg"(%x) : (tensor<1024xf32>) -> tensor<1024xf32>
  %1 = "tg.exp"(%0) : (tensor<1024xf32>) -> tensor<1024xf32>
  %2 = "tg.sqrt"(%1) : (tensor<1024xf32>) -> tensor<1024xf32>
  %3 = "tg.abs"(%2) : (tensor<1024xf32>) -> tensor<1024xf32>
  return %3 : tensor<1024xf32>
}

// -----

// A tensor read again at the end lives throughout: nothing may share its memory.
// PLAN-LABEL: @long_lived: 3 intermediate tensors
// PLAN:         %0{{ +}}tg.neg{{ +}}tensor<1024xf32>{{ +}}4.00 KiB{{ +}}%0 .. %3{{ +}}0
// PLAN-NEXT:    %1{{ +}}tg.exp{{ +}}tensor<1024xf32>{{ +}}4.00 KiB{{ +}}%1 .. %2{{ +}}4096
// PLAN-NEXT:    %2{{ +}}tg.sqrt{{ +}}tensor<1024xf32>{{ +}}4.00 KiB{{ +}}%2 .. %3{{ +}}8192
// PLAN-NEXT:    arena 12.0 KiB (12288 B) reusing memory; 12.0 KiB allocating every tensor separately (1.00x)
func.func @long_lived(%x: tensor<1024xf32>) -> tensor<1024xf32> {
  %0 = "tg.neg"(%x) : (tensor<1024xf32>) -> tensor<1024xf32>
  %1 = "tg.exp"(%0) : (tensor<1024xf32>) -> tensor<1024xf32>
  %2 = "tg.sqrt"(%1) : (tensor<1024xf32>) -> tensor<1024xf32>
  %3 = "tg.add"(%2, %0) : (tensor<1024xf32>, tensor<1024xf32>) -> tensor<1024xf32>
  return %3 : tensor<1024xf32>
}

// -----

// A reshape is a view: it gets no memory, and the tensor it views lives as long as the view is read,
// so the exponential below cannot take its place.
// PLAN-LABEL: @view: 2 intermediate tensors
// PLAN-NEXT:    value
// PLAN-NEXT:    %0{{ +}}tg.neg{{ +}}tensor<4x256xf32>{{ +}}4.00 KiB{{ +}}%0 .. %3{{ +}}0
// PLAN-NEXT:    %2{{ +}}tg.exp{{ +}}tensor<1024xf32>{{ +}}4.00 KiB{{ +}}%2 .. %3{{ +}}4096
// PLAN-NEXT:    arena 8.00 KiB
func.func @view(%x: tensor<4x256xf32>, %y: tensor<1024xf32>) -> tensor<1024xf32> {
  %0 = "tg.neg"(%x) : (tensor<4x256xf32>) -> tensor<4x256xf32>
  %1 = "tg.reshape"(%0) : (tensor<4x256xf32>) -> tensor<1024xf32>
  %2 = "tg.exp"(%y) : (tensor<1024xf32>) -> tensor<1024xf32>
  %3 = "tg.add"(%1, %2) : (tensor<1024xf32>, tensor<1024xf32>) -> tensor<1024xf32>
  return %3 : tensor<1024xf32>
}

// -----

// Inside a fusion group the intermediate stays in registers: only what leaves the group is planned.
// Sizes round up to the 64-byte alignment (100 f32 are 400 B, 448 in the arena).
// PLAN-LABEL: @fused: 1 intermediate tensors
// PLAN-NEXT:    value
// PLAN-NEXT:    %1{{ +}}tg.exp{{ +}}tensor<100xf32>{{ +}}400 B{{ +}}%1 .. %2{{ +}}0
// PLAN-NEXT:    arena 448 B (448 B) reusing memory
func.func @fused(%x: tensor<100xf32>) -> tensor<100xf32> {
  %0 = "tg.neg"(%x) {tg.fusion_group = 0 : i64} : (tensor<100xf32>) -> tensor<100xf32>
  %1 = "tg.exp"(%0) {tg.fusion_group = 0 : i64} : (tensor<100xf32>) -> tensor<100xf32>
  %2 = "tg.sqrt"(%1) : (tensor<100xf32>) -> tensor<100xf32>
  return %2 : tensor<100xf32>
}

// -----

// Two chains interleaved, of 4 KiB and 2 KiB tensors: the largest are placed first (%0 at 0, %2 above
// it), %1 lives with both and goes on top; %3 fits the memory %0 left when it died.
// PLAN-LABEL: @two_chains: 4 intermediate tensors
// PLAN-NEXT:    value
// PLAN-NEXT:    %0{{ +}}tg.neg{{ +}}tensor<1024xf32>{{ +}}4.00 KiB{{ +}}%0 .. %2{{ +}}0
// PLAN-NEXT:    %1{{ +}}tg.neg{{ +}}tensor<512xf32>{{ +}}2.00 KiB{{ +}}%1 .. %3{{ +}}8192
// PLAN-NEXT:    %2{{ +}}tg.exp{{ +}}tensor<1024xf32>{{ +}}4.00 KiB{{ +}}%2 .. %4{{ +}}4096
// PLAN-NEXT:    %3{{ +}}tg.exp{{ +}}tensor<512xf32>{{ +}}2.00 KiB{{ +}}%3 .. %5{{ +}}0
// PLAN-NEXT:    arena 10.0 KiB (10240 B) reusing memory; 12.0 KiB allocating every tensor separately (1.20x)
func.func @two_chains(%x: tensor<1024xf32>, %y: tensor<512xf32>) -> (tensor<1024xf32>, tensor<512xf32>) {
  %0 = "tg.neg"(%x) : (tensor<1024xf32>) -> tensor<1024xf32>
  %1 = "tg.neg"(%y) : (tensor<512xf32>) -> tensor<512xf32>
  %2 = "tg.exp"(%0) : (tensor<1024xf32>) -> tensor<1024xf32>
  %3 = "tg.exp"(%1) : (tensor<512xf32>) -> tensor<512xf32>
  %4 = "tg.sqrt"(%2) : (tensor<1024xf32>) -> tensor<1024xf32>
  %5 = "tg.sqrt"(%3) : (tensor<512xf32>) -> tensor<512xf32>
  return %4, %5 : tensor<1024xf32>, tensor<512xf32>
}

