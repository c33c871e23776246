// The import of ONNX ops that make, reshape and move tensors. Shape computations fold to constants
// when the shapes are static; with dynamic dims they stay tg ops (tg.shape, slices, concats, integer
// arithmetic) that the runtime evaluates before each call, feeding reshapes, slices and broadcasts that
// take their target as an operand. Flatten/Squeeze/Unsqueeze are reshapes, DepthToSpace/SpaceToDepth
// reshape-transpose-reshape, Split is slices, ConstantOfShape a broadcast or a constant.
// RUN: %python %S/Inputs/tensor_models.py %t
// RUN: tg-import %t/shape_gather_concat_reshape.onnx --bind batch=2 | filecheck %s --check-prefix=FOLDED
// RUN: tg-import %t/shape_gather_concat_reshape.onnx | filecheck %s --check-prefix=DYNBATCH
// RUN: tg-import %t/reshape_constant_targets.onnx | filecheck %s --check-prefix=RESHAPE
// RUN: tg-import %t/flatten_squeeze_unsqueeze.onnx | filecheck %s --check-prefix=FLAT
// RUN: tg-import %t/depth_and_space.onnx | filecheck %s --check-prefix=D2S
// RUN: tg-import %t/depth_to_space_dynamic.onnx | filecheck %s --check-prefix=D2SDYN
// RUN: tg-import %t/concat_three.onnx | filecheck %s --check-prefix=CONCAT
// RUN: tg-import %t/split_sizes_and_parts.onnx | filecheck %s --check-prefix=SPLIT
// RUN: tg-import %t/slices.onnx | filecheck %s --check-prefix=SLICE
// RUN: tg-import %t/slice_opset_9.onnx | filecheck %s --check-prefix=SLICE9
// RUN: tg-import %t/gathers.onnx | filecheck %s --check-prefix=GATHER
// RUN: tg-import %t/pads.onnx | filecheck %s --check-prefix=PAD
// RUN: tg-import %t/pad_opset_2.onnx | filecheck %s --check-prefix=PAD2
// RUN: tg-import %t/expand_and_tile.onnx | filecheck %s --check-prefix=EXPAND
// RUN: tg-import %t/trilu_and_cumsum.onnx | filecheck %s --check-prefix=TRILU
// RUN: tg-import %t/resizes.onnx | filecheck %s --check-prefix=RESIZE
// RUN: tg-import %t/shapes_and_sizes.onnx | filecheck %s --check-prefix=SHAPE
// RUN: tg-import %t/made_tensors.onnx | filecheck %s --check-prefix=MADE
// RUN: tg-import %t/identity_and_dropout.onnx | filecheck %s --check-prefix=DROPOUT
// RUN: not tg-import %t/refused.onnx 2>&1 | filecheck %s --check-prefix=REFUSED
// RUN: not tg-import %t/resize_runtime_scales.onnx 2>&1 | filecheck %s --check-prefix=RUNTIME

// Shape -> Gather -> Unsqueeze -> Concat -> Reshape with static shapes: everything folds, and one
// static reshape is left.
// FOLDED-LABEL: func.func @main(%arg0: tensor<2x4x6xf32> {tg.name = "x"}) -> tensor<2x8x3xf32>
// FOLDED-NOT:     tg.shape
// FOLDED-NOT:     tg.gather
// FOLDED-NOT:     tg.concat
// FOLDED:         %[[Y:.*]] = "tg.reshape"(%arg0) : (tensor<2x4x6xf32>) -> tensor<2x8x3xf32>
// FOLDED-NEXT:    return %[[Y]]

// The same with a dynamic batch: the target is computed from tg.shape when the function runs.
// DYNBATCH:      %[[REST:.*]] = arith.constant dense<[-1, 3]> : tensor<2xi64>
// DYNBATCH:      %[[ZERO:.*]] = arith.constant dense<0> : tensor<i64>
// DYNBATCH:      %[[S:.*]] = "tg.shape"(%arg0) : (tensor<?x4x6xf32>) -> tensor<3xi64>
// DYNBATCH:      %[[B:.*]] = "tg.gather"(%[[S]], %[[ZERO]]) {axis = 0 : i64} : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
// DYNBATCH:      %[[B1:.*]] = "tg.reshape"(%[[B]]) : (tensor<i64>) -> tensor<1xi64>
// DYNBATCH:      %[[T:.*]] = "tg.concat"(%[[B1]], %[[REST]]) {axis = 0 : i64} : (tensor<1xi64>, tensor<2xi64>) -> tensor<3xi64>
// DYNBATCH:      "tg.reshape"(%arg0, %[[T]]) : (tensor<?x4x6xf32>, tensor<3xi64>) -> tensor<?x8x3xf32>

// A constant target leaving two dims unknown stays an operand ([0, -1] copies the batch and infers
// the rest); allowzero keeps a 0 as a 0.
// RESHAPE:       %[[T3:.*]] = arith.constant dense<[0, -1, 4]> : tensor<3xi64>
// RESHAPE:       %[[T2:.*]] = arith.constant dense<[0, -1]> : tensor<2xi64>
// RESHAPE:       "tg.reshape"(%arg0, %[[T2]]) : (tensor<?x?x8xf32>, tensor<2xi64>) -> tensor<?x?xf32>
// RESHAPE:       "tg.reshape"(%arg0, %[[T3]]) : (tensor<?x?x8xf32>, tensor<3xi64>) -> tensor<?x?x4xf32>
// RESHAPE:       "tg.reshape"(%arg1) : (tensor<0x4xf32>) -> tensor<4x0xf32>

// Flatten at axis 2 of [batch, 3, n, 5]: [3 * batch, -1]; at axis 1: [batch, -1]. Squeeze and
// Unsqueeze list the kept input dims as tg.shape ranges, and the new 1s as constants.
// FLAT:          %[[B:.*]] = "tg.shape"(%arg0) {end = 1 : i64} : (tensor<?x3x?x5xf32>) -> tensor<1xi64>
// FLAT:          %[[OUTER:.*]] = "tg.mul"(%{{.*}}, %[[B]]) : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>
// FLAT:          %[[T:.*]] = "tg.concat"(%[[OUTER]], %{{.*}}) {axis = 0 : i64}
// FLAT:          "tg.reshape"(%arg0, %[[T]]) : (tensor<?x3x?x5xf32>, tensor<2xi64>) -> tensor<?x?xf32>
// FLAT:          %[[B2:.*]] = "tg.shape"(%arg0) {end = 1 : i64}
// FLAT-NOT:      tg.mul
// FLAT:          "tg.reshape"(%arg0, %{{.*}}) : (tensor<?x3x?x5xf32>, tensor<2xi64>) -> tensor<?x?xf32>
// FLAT:          %[[FIRST:.*]] = "tg.shape"(%arg1) {end = 1 : i64} : (tensor<?x1x?xf32>) -> tensor<1xi64>
// FLAT:          %[[LAST:.*]] = "tg.shape"(%arg1) {end = 3 : i64, start = 2 : i64} : (tensor<?x1x?xf32>) -> tensor<1xi64>
// FLAT:          %[[KEPT:.*]] = "tg.concat"(%[[FIRST]], %[[LAST]]) {axis = 0 : i64}
// FLAT:          "tg.reshape"(%arg1, %[[KEPT]]) : (tensor<?x1x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
// FLAT:          %[[ALL:.*]] = "tg.shape"(%arg1) {end = 3 : i64} : (tensor<?x1x?xf32>) -> tensor<3xi64>
// FLAT:          "tg.reshape"(%arg1, %{{.*}}) : (tensor<?x1x?xf32>, tensor<5xi64>) -> tensor<1x?x?x?x1xf32>

// DepthToSpace (DCR: blocks lead the channels; CRD: they follow) and SpaceToDepth with static shapes:
// reshape, transpose, reshape, all static.
// D2S:           %[[A:.*]] = "tg.reshape"(%arg0) : (tensor<1x8x4x6xf32>) -> tensor<1x2x2x2x4x6xf32>
// D2S:           %[[B:.*]] = "tg.transpose"(%[[A]]) {perm = array<i64: 0, 3, 4, 1, 5, 2>} : (tensor<1x2x2x2x4x6xf32>) -> tensor<1x2x4x2x6x2xf32>
// D2S:           "tg.reshape"(%[[B]]) : (tensor<1x2x4x2x6x2xf32>) -> tensor<1x2x8x12xf32>
// D2S:           "tg.transpose"(%{{.*}}) {perm = array<i64: 0, 1, 4, 2, 5, 3>}
// D2S:           %[[C:.*]] = "tg.reshape"(%arg0) : (tensor<1x8x4x6xf32>) -> tensor<1x8x2x2x3x2xf32>
// D2S:           %[[D:.*]] = "tg.transpose"(%[[C]]) {perm = array<i64: 0, 3, 5, 1, 2, 4>} : (tensor<1x8x2x2x3x2xf32>) -> tensor<1x2x2x8x2x3xf32>
// D2S:           "tg.reshape"(%[[D]]) : (tensor<1x2x2x8x2x3xf32>) -> tensor<1x32x2x3xf32>
// D2S-NOT:       tg.shape

// Every dim dynamic: the targets are [n, 2, 2, -1, h, w] and [n, -1, h * 2, w * 2].
// D2SDYN:        %[[N:.*]] = "tg.shape"(%arg0) {end = 1 : i64}
// D2SDYN:        %[[H:.*]] = "tg.shape"(%arg0) {end = 3 : i64, start = 2 : i64}
// D2SDYN:        %[[W:.*]] = "tg.shape"(%arg0) {end = 4 : i64, start = 3 : i64}
// D2SDYN:        %[[BLOCKS:.*]] = "tg.reshape"(%arg0, %{{.*}}) : (tensor<?x?x?x?xf32>, tensor<6xi64>) -> tensor<?x2x2x?x?x?xf32>
// D2SDYN:        %[[MOVED:.*]] = "tg.transpose"(%[[BLOCKS]])
// D2SDYN:        "tg.mul"(%[[H]], %{{.*}})
// D2SDYN:        "tg.mul"(%[[W]], %{{.*}})
// D2SDYN:        "tg.reshape"(%[[MOVED]], %{{.*}}) : (tensor<?x?x?x2x?x2xf32>, tensor<4xi64>) -> tensor<?x?x?x?xf32>

// Three inputs are a chain of two concats.
// CONCAT:        %[[AB:.*]] = "tg.concat"(%arg0, %arg1) {axis = -1 : i64} : (tensor<?x2xf32>, tensor<?x3xf32>) -> tensor<?x5xf32>
// CONCAT:        "tg.concat"(%[[AB]], %arg2) {axis = -1 : i64} : (tensor<?x5xf32>, tensor<?x1xf32>) -> tensor<?x6xf32>

// Split by sizes: constant slices. In equal parts along a dynamic dim: chunk = (dim + 2) / 3, and
// part i spans [i * chunk, (i + 1) * chunk) along the axis.
// SPLIT:         "tg.slice"(%arg0, %{{.*}}, %{{.*}}) : (tensor<?x5xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x2xf32>
// SPLIT:         "tg.slice"(%arg0, %{{.*}}, %{{.*}}) : (tensor<?x5xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x3xf32>
// SPLIT:         %[[D:.*]] = "tg.shape"(%arg0) {end = 1 : i64} : (tensor<?x5xf32>) -> tensor<1xi64>
// SPLIT:         %[[UP:.*]] = "tg.add"(%[[D]], %{{.*}})
// SPLIT:         %[[CHUNK:.*]] = "tg.div"(%[[UP]], %{{.*}})
// SPLIT-COUNT-4: "tg.mul"(%[[CHUNK]], %{{.*}}) : (tensor<1xi64>, tensor<2xi64>) -> tensor<2xi64>
// SPLIT-COUNT-3: "tg.slice"(%arg0, %{{.*}}, %{{.*}}) : (tensor<?x5xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x?xf32>

// Slice with axes and a negative step: one bound a dim (0 and the largest i64 elsewhere). A start
// computed from the shape is spread over the dims with a gather.
// SLICE:         %[[E:.*]] = arith.constant dense<[9223372036854775807, -9]> : tensor<2xi64>
// SLICE:         %[[S:.*]] = arith.constant dense<[0, -1]> : tensor<2xi64>
// SLICE:         "tg.slice"(%arg0, %[[S]], %[[E]]) {steps = array<i64: 1, -2>} : (tensor<?x10xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x4xf32>
// SLICE:         %[[N:.*]] = "tg.shape"(%arg0) {end = 1 : i64}
// SLICE:         %[[LAST:.*]] = "tg.sub"(%[[N]], %{{.*}})
// SLICE:         %[[PADDED:.*]] = "tg.concat"(%[[LAST]], %{{.*}}) {axis = 0 : i64} : (tensor<1xi64>, tensor<2xi64>) -> tensor<3xi64>
// SLICE:         %[[STARTS:.*]] = "tg.gather"(%[[PADDED]], %{{.*}}) : (tensor<3xi64>, tensor<2xi64>) -> tensor<2xi64>
// SLICE:         "tg.slice"(%arg0, %[[STARTS]], %{{.*}}) : (tensor<?x10xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x?xf32>

// Opset 9 Slice has its bounds as attributes.
// SLICE9:        "tg.slice"(%arg0, %{{.*}}, %{{.*}}) : (tensor<2x5xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<2x2xf32>

// GATHER:        "tg.gather"(%arg0, %arg1) {axis = 0 : i64} : (tensor<10x4xf32>, tensor<?x3xi64>) -> tensor<?x3x4xf32>
// GATHER:        "tg.gather_elements"(%arg0, %arg2) {axis = 1 : i64} : (tensor<10x4xf32>, tensor<10x2xi64>) -> tensor<10x2xf32>

// Opset 18 Pad with axes: pads of the other dims are 0; the value comes from an input (else 0).
// PAD:           %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : tensor<f32>
// PAD:           %[[V:.*]] = arith.constant dense<2.500000e+00> : tensor<f32>
// PAD:           "tg.pad"(%arg0, %[[V]]) {mode = "constant", pads = array<i64: 0, 1, 0, -1>} : (tensor<?x4xf32>, tensor<f32>) -> tensor<?x4xf32>
// PAD:           "tg.pad"(%arg0, %[[ZERO]]) {mode = "reflect", pads = array<i64: 0, 2, 0, 1>} : (tensor<?x4xf32>, tensor<f32>) -> tensor<?x7xf32>

// Before opset 11 the pads are an attribute.
// PAD2:          "tg.pad"(%arg0, %{{.*}}) {mode = "edge", pads = array<i64: 1, 0, 1, 0>} : (tensor<2x3xf32>, tensor<f32>) -> tensor<4x3xf32>

// Expand to a known shape is static; to the shape of a dynamic tensor, a broadcast to a run-time
// target (the dims ONNX inference knows stay static).
// EXPAND:        "tg.broadcast_to"(%arg0) : (tensor<3x1xf32>) -> tensor<2x3x6xf32>
// EXPAND:        %[[LIKE:.*]] = "tg.shape"(%arg1) : (tensor<?x3x?xf32>) -> tensor<3xi64>
// EXPAND:        "tg.broadcast_to"(%arg0, %[[LIKE]]) : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<?x3x?xf32>
// EXPAND:        "tg.tile"(%arg0) {repeats = array<i64: 2, 3>} : (tensor<3x1xf32>) -> tensor<6x3xf32>

// TRILU:         "tg.trilu"(%arg0) {k = -1 : i64, upper = false} : (tensor<?x4x4xf32>) -> tensor<?x4x4xf32>
// TRILU:         "tg.trilu"(%arg0) : (tensor<?x4x4xf32>) -> tensor<?x4x4xf32>
// TRILU:         "tg.cumsum"(%arg0) {axis = -1 : i64, exclusive = true, reverse = true} : (tensor<?x4x4xf32>) -> tensor<?x4x4xf32>

// Resize keeps the attributes that differ from the defaults; sizes over axes [3, 2] become one size a
// dim (-1 keeps a dim).
// RESIZE:        "tg.resize"(%arg0) {nearest_mode = "floor", scales = array<f64: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>} : (tensor<?x3x8x8xf32>) -> tensor<?x3x16x16xf32>
// RESIZE:        "tg.resize"(%arg0) {coordinate_transformation_mode = "align_corners", mode = "linear", sizes = array<i64: -1, -1, 4, 5>} : (tensor<?x3x8x8xf32>) -> tensor<?x3x4x5xf32>
// RESIZE:        "tg.resize"(%arg0) {antialias = true, cubic_coeff_a = -5.000000e-01 : f64, mode = "cubic", scales = array<f64: 1.000000e+00, 1.000000e+00, 5.000000e-01, 5.000000e-01>} : (tensor<?x3x8x8xf32>) -> tensor<?x3x4x4xf32>

// Shape with start -2 of [batch, 3, 4] is static; Size multiplies the dynamic dim by the static ones.
// SHAPE:         %[[TEN:.*]] = arith.constant dense<10> : tensor<i64>
// SHAPE:         %[[TWELVE:.*]] = arith.constant dense<12> : tensor<1xi64>
// SHAPE:         %[[TAIL:.*]] = arith.constant dense<[3, 4]> : tensor<2xi64>
// SHAPE:         %[[ALL:.*]] = "tg.shape"(%arg0) : (tensor<?x3x4xf32>) -> tensor<3xi64>
// SHAPE:         %[[B:.*]] = "tg.shape"(%arg0) {end = 1 : i64}
// SHAPE:         %[[COUNT:.*]] = "tg.mul"(%[[TWELVE]], %[[B]])
// SHAPE:         %[[SCALAR:.*]] = "tg.reshape"(%[[COUNT]]) : (tensor<1xi64>) -> tensor<i64>
// SHAPE:         return %[[TAIL]], %[[ALL]], %[[SCALAR]], %[[TEN]]

// ConstantOfShape: a small one is a constant, a large one a broadcast of its value, one shaped like a
// dynamic tensor a broadcast to its tg.shape. Range with known bounds is a constant.
// MADE:          %[[RANGE:.*]] = arith.constant dense<[10, 8, 6, 4]> : tensor<4xi64>
// MADE:          %[[ONE:.*]] = arith.constant dense<1.000000e+00> : tensor<f32>
// MADE:          %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : tensor<f32>
// MADE:          %[[SMALL:.*]] = arith.constant dense<7> : tensor<2x3xi32>
// MADE:          %[[LARGE:.*]] = "tg.broadcast_to"(%[[ZERO]]) : (tensor<f32>) -> tensor<100x100xf32>
// MADE:          %[[S:.*]] = "tg.shape"(%arg0) : (tensor<?x3xf32>) -> tensor<2xi64>
// MADE:          %[[LIKE:.*]] = "tg.broadcast_to"(%[[ONE]], %[[S]]) : (tensor<f32>, tensor<2xi64>) -> tensor<?x3xf32>
// MADE:          return %[[SMALL]], %[[LARGE]], %[[LIKE]], %[[RANGE]]

// Identity and inference Dropout pass the input on; the mask is all true, shaped like the input.
// DROPOUT:       %[[TRUE:.*]] = arith.constant dense<true> : tensor<i1>
// DROPOUT:       %[[S:.*]] = "tg.shape"(%arg0) : (tensor<?x3xf32>) -> tensor<2xi64>
// DROPOUT:       %[[MASK:.*]] = "tg.broadcast_to"(%[[TRUE]], %[[S]]) : (tensor<i1>, tensor<2xi64>) -> tensor<?x3xi1>
// DROPOUT:       return %arg0, %arg0, %[[MASK]]

// REFUSED: error: Dropout: training_mode = true drops elements at random: only inference (or ratio 0) is supported

// Scales only known when the model runs would make the result shape data-dependent.
// RUNTIME: error: Resize: input #2 must be a constant or computable from shapes
