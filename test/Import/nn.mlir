// The import of ONNX convolutions, pooling and normalizations: Conv, ConvTranspose and the pools map to
// the tg window ops (only non-default attributes written; auto_pad resolved into pads when the sizes
// are static, kept as a tg auto_pad when they are not; VALID is no padding); a bias is a tg.add of the
// bias shaped [F, 1, 1]; global pools are reductions; the normalizations and LRN are decomposed.
// RUN: %python %S/Inputs/nn_models.py %t
// RUN: tg-import %t/conv_bias.onnx | filecheck %s --check-prefix=CONV
// RUN: tg-import %t/conv_same_static.onnx | filecheck %s --check-prefix=SAME
// RUN: tg-import %t/conv_same_dynamic.onnx | filecheck %s --check-prefix=SAMEDYN
// RUN: tg-import %t/conv_valid_depthwise_1d.onnx | filecheck %s --check-prefix=VALID
// RUN: not tg-import %t/conv_kernel_shape_mismatch.onnx 2>&1 | filecheck %s --check-prefix=KERNEL
// RUN: tg-import %t/conv_transpose_output_shape.onnx | filecheck %s --check-prefix=OUTSHAPE
// RUN: tg-import %t/conv_transpose_same_dynamic.onnx | filecheck %s --check-prefix=TSAME
// RUN: tg-import %t/conv_transpose_output_shape_dynamic.onnx | filecheck %s --check-prefix=OUTSHAPEDYN
// RUN: tg-import %t/max_pool_indices.onnx | filecheck %s --check-prefix=MAXPOOL
// RUN: tg-import %t/average_pool_ceil.onnx | filecheck %s --check-prefix=AVGPOOL
// RUN: tg-import %t/average_pool_same_dynamic.onnx | filecheck %s --check-prefix=AVGSAME
// RUN: tg-import %t/global_pools.onnx | filecheck %s --check-prefix=GLOBAL
// RUN: tg-import %t/batch_norm_constant.onnx | filecheck %s --check-prefix=BNCONST
// RUN: tg-import %t/batch_norm_inputs.onnx | filecheck %s --check-prefix=BN
// RUN: not tg-import %t/batch_norm_training.onnx 2>&1 | filecheck %s --check-prefix=TRAINING
// RUN: tg-import %t/instance_norm.onnx | filecheck %s --check-prefix=INSTANCE
// RUN: tg-import %t/layer_norm.onnx | filecheck %s --check-prefix=LAYER
// RUN: tg-import %t/layer_norm_f16.onnx | filecheck %s --check-prefix=LAYER16
// RUN: tg-import %t/lrn.onnx | filecheck %s --check-prefix=LRN

// CONV-LABEL: func.func @main(%arg0: tensor<?x3x8x8xf32> {tg.dims = ["n", "", "", ""], tg.name = "x"}) -> tensor<?x4x4x4xf32>
// CONV-DAG:     %[[BIAS:.*]] = arith.constant dense<{{\[\[\[}}0.000000e+00]], {{\[\[}}1.000000e-01]], {{\[\[}}2.000000e-01]], {{\[\[}}3.000000e-01]]]> : tensor<4x1x1xf32>
// CONV-DAG:     %[[W:.*]] = arith.constant dense<"0x{{.*}}"> : tensor<4x3x3x3xf32>
// CONV:         %[[Y:.*]] = "tg.conv"(%arg0, %[[W]]) {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x4x4xf32>
// CONV:         "tg.add"(%[[Y]], %[[BIAS]]) : (tensor<?x4x4x4xf32>, tensor<4x1x1xf32>) -> tensor<?x4x4x4xf32>

// SAME_UPPER on a static 7x7 input with stride 2: one pad on each side.
// SAME:         "tg.conv"(%arg0, %{{.*}}) {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x7x7xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32>
// SAME-NOT:     auto_pad

// SAMEDYN:      "tg.conv"(%arg0, %{{.*}}) {auto_pad = "same_lower", strides = array<i64: 2, 2>} : (tensor<1x3x?x?xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x?x?xf32>

// VALID:        "tg.conv"(%arg0, %{{.*}}) {groups = 4 : i64} : (tensor<2x4x9xf32>, tensor<8x1x3xf32>) -> tensor<2x8x7xf32>

// KERNEL: error: Conv: kernel_shape [5, 5] differs from the weight's kernel [3, 3]

// output_shape 10x8 is one more than the full 9x7 output: a negative end pad adds a row of zeros.
// OUTSHAPE:     "tg.conv_transpose"(%arg0, %{{.*}}) {pads = array<i64: 0, 0, -1, -1>, strides = array<i64: 3, 2>} : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x10x8xf32>

// TSAME:        "tg.conv_transpose"(%arg0, %{{.*}}) {auto_pad = "same_upper", strides = array<i64: 2, 2>} : (tensor<?x2x?x?xf32>, tensor<2x2x3x3xf32>) -> tensor<?x2x?x?xf32>

// With dynamic sizes the output_shape stays: the result is static, the crops are computed at run time.
// OUTSHAPEDYN:  "tg.conv_transpose"(%arg0, %{{.*}}) {output_shape = array<i64: 10, 8>, strides = array<i64: 3, 2>} : (tensor<1x1x?x?xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x10x8xf32>

// MAXPOOL-LABEL: func.func @main(%arg0: tensor<?x2x6x6xf32> {tg.dims = ["n", "", "", ""], tg.name = "x"}) -> (tensor<?x2x3x3xf32>, tensor<?x2x3x3xi64>)
// MAXPOOL:       %[[Y:.*]] = "tg.max_pool"(%arg0) {kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} : (tensor<?x2x6x6xf32>) -> tensor<?x2x3x3xf32>
// MAXPOOL:       %[[I:.*]] = "tg.max_pool_indices"(%arg0) {column_major = true, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} : (tensor<?x2x6x6xf32>) -> tensor<?x2x3x3xi64>
// MAXPOOL:       return %[[Y]], %[[I]]

// AVGPOOL:      "tg.avg_pool"(%arg0) {ceil_mode = true, count_include_pad = true, kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>

// AVGSAME:      "tg.avg_pool"(%arg0) {auto_pad = "same_upper", kernel = array<i64: 3, 3>} : (tensor<?x2x?x?xf32>) -> tensor<?x2x?x?xf32>

// GLOBAL:       %[[MEAN:.*]] = "tg.reduce_mean"(%arg0) {axes = array<i64: 2, 3>, keepdims = true} : (tensor<?x8x7x7xf32>) -> tensor<?x8x1x1xf32>
// GLOBAL:       "tg.reduce_max"(%[[MEAN]]) {axes = array<i64: 2, 3>, keepdims = true} : (tensor<?x8x1x1xf32>) -> tensor<?x8x1x1xf32>

// Constant parameters fold into one scale and one shift per channel:
// scale / sqrt(var + 1) = [1/2, 2/1], B - mean * that = [0, -1/2].
// BNCONST-DAG:   %[[SHIFT:.*]] = arith.constant dense<{{\[\[\[}}0.000000e+00]], {{\[\[}}-5.000000e-01]]]> : tensor<2x1x1xf32>
// BNCONST-DAG:   %[[SCALE:.*]] = arith.constant dense<{{\[\[\[}}5.000000e-01]], {{\[\[}}2.000000e+00]]]> : tensor<2x1x1xf32>
// BNCONST:       %[[M:.*]] = "tg.mul"(%arg0, %[[SCALE]]) : (tensor<?x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<?x2x4x4xf32>
// BNCONST:       "tg.add"(%[[M]], %[[SHIFT]])
// BNCONST-NOT:   tg.sqrt

// Parameters given at run time: the per-channel arithmetic on [3] vectors, then one multiply-add.
// BN-LABEL: func.func @main(%arg0: tensor<?x3x5xf32> {tg.dims = ["n", "", ""], tg.name = "x"}, %arg1: tensor<3xf32> {tg.name = "s"}, %arg2: tensor<3xf32> {tg.name = "b"}, %arg3: tensor<3xf32> {tg.name = "m"}, %arg4: tensor<3xf32> {tg.name = "v"})
// BN:         %[[VE:.*]] = "tg.add"(%arg4, %{{.*}}) : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
// BN:         %[[STD:.*]] = "tg.sqrt"(%[[VE]])
// BN:         %[[INV:.*]] = "tg.div"(%{{.*}}, %[[STD]])
// BN:         %[[SCALE:.*]] = "tg.mul"(%arg1, %[[INV]])
// BN:         %[[MS:.*]] = "tg.mul"(%arg3, %[[SCALE]])
// BN:         %[[SHIFT:.*]] = "tg.sub"(%arg2, %[[MS]])
// BN:         %[[SCALE3:.*]] = "tg.reshape"(%[[SCALE]]) : (tensor<3xf32>) -> tensor<3x1xf32>
// BN:         %[[SHIFT3:.*]] = "tg.reshape"(%[[SHIFT]]) : (tensor<3xf32>) -> tensor<3x1xf32>
// BN:         %[[Y:.*]] = "tg.mul"(%arg0, %[[SCALE3]]) : (tensor<?x3x5xf32>, tensor<3x1xf32>) -> tensor<?x3x5xf32>
// BN:         "tg.add"(%[[Y]], %[[SHIFT3]])

// TRAINING: error: BatchNormalization: training mode (running mean and variance outputs) is not supported: inference only

// Mean and variance over the spatial dims; the per-channel scale joins the inverse deviation.
// INSTANCE:     %[[MEAN:.*]] = "tg.reduce_mean"(%arg0) {axes = array<i64: 2, 3>, keepdims = true} : (tensor<?x2x?x?xf32>) -> tensor<?x2x1x1xf32>
// INSTANCE:     %[[D:.*]] = "tg.sub"(%arg0, %[[MEAN]])
// INSTANCE:     %[[SQ:.*]] = "tg.mul"(%[[D]], %[[D]])
// INSTANCE:     %[[VAR:.*]] = "tg.reduce_mean"(%[[SQ]]) {axes = array<i64: 2, 3>, keepdims = true}
// INSTANCE:     %[[INV:.*]] = "tg.div"
// INSTANCE:     %[[F:.*]] = "tg.mul"(%[[INV]], %{{.*}}) : (tensor<?x2x1x1xf32>, tensor<2x1x1xf32>) -> tensor<?x2x1x1xf32>
// INSTANCE:     %[[Y:.*]] = "tg.mul"(%[[D]], %[[F]])
// INSTANCE:     "tg.add"(%[[Y]], %{{.*}}) : (tensor<?x2x?x?xf32>, tensor<2x1x1xf32>) -> tensor<?x2x?x?xf32>

// axis = -2 normalizes the last two dims; Mean and InvStdDev are outputs too.
// LAYER-LABEL: func.func @main(%arg0: tensor<?x4x8xf32> {tg.dims = ["n", "", ""], tg.name = "x"}) -> (tensor<?x4x8xf32>, tensor<?x1x1xf32>, tensor<?x1x1xf32>)
// LAYER:         %[[MEAN:.*]] = "tg.reduce_mean"(%arg0) {axes = array<i64: 1, 2>, keepdims = true} : (tensor<?x4x8xf32>) -> tensor<?x1x1xf32>
// LAYER:         %[[D:.*]] = "tg.sub"(%arg0, %[[MEAN]])
// LAYER:         %[[INV:.*]] = "tg.div"(%{{.*}}, %{{.*}}) : (tensor<f32>, tensor<?x1x1xf32>) -> tensor<?x1x1xf32>
// LAYER:         %[[N:.*]] = "tg.mul"(%[[D]], %[[INV]])
// LAYER:         %[[S:.*]] = "tg.mul"(%[[N]], %{{.*}}) : (tensor<?x4x8xf32>, tensor<4x8xf32>) -> tensor<?x4x8xf32>
// LAYER:         %[[Y:.*]] = "tg.add"(%[[S]], %{{.*}}) : (tensor<?x4x8xf32>, tensor<4x8xf32>) -> tensor<?x4x8xf32>
// LAYER:         return %[[Y]], %[[MEAN]], %[[INV]]

// stash_type = 1: f16 is normalized in f32, the normalized value rounded back before the scale.
// LAYER16:      %[[X:.*]] = "tg.cast"(%arg0) : (tensor<2x8xf16>) -> tensor<2x8xf32>
// LAYER16:      "tg.reduce_mean"(%[[X]]) {axes = array<i64: 1>, keepdims = true} : (tensor<2x8xf32>) -> tensor<2x1xf32>
// LAYER16:      %[[N:.*]] = "tg.mul"(%{{.*}}, %{{.*}}) : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
// LAYER16:      %[[N16:.*]] = "tg.cast"(%[[N]]) : (tensor<2x8xf32>) -> tensor<2x8xf16>
// LAYER16:      "tg.mul"(%[[N16]], %{{.*}}) : (tensor<2x8xf16>, tensor<8xf16>) -> tensor<2x8xf16>

// Local response normalization: squares, channels moved into a spatial position, a 3x1 average (pads
// counted), moved back.
// LRN:          %[[SQ:.*]] = "tg.mul"(%arg0, %arg0)
// LRN:          %[[T:.*]] = "tg.transpose"(%[[SQ]]) {perm = array<i64: 0, 2, 1, 3>} : (tensor<?x5x4x4xf32>) -> tensor<?x4x5x4xf32>
// LRN:          %[[AVG:.*]] = "tg.avg_pool"(%[[T]]) {count_include_pad = true, kernel = array<i64: 3, 1>, pads = array<i64: 1, 0, 1, 0>} : (tensor<?x4x5x4xf32>) -> tensor<?x4x5x4xf32>
// LRN:          %[[BACK:.*]] = "tg.transpose"(%[[AVG]]) {perm = array<i64: 0, 2, 1, 3>}
// LRN:          %[[SCALED:.*]] = "tg.mul"(%{{.*}}, %[[BACK]])
// LRN:          %[[BASE:.*]] = "tg.add"(%{{.*}}, %[[SCALED]])
// LRN:          %[[P:.*]] = "tg.pow"(%[[BASE]], %{{.*}}) : (tensor<?x5x4x4xf32>, tensor<f32>) -> tensor<?x5x4x4xf32>
// LRN:          "tg.div"(%arg0, %[[P]])
