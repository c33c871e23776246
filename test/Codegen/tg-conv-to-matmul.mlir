// --tg-conv-to-matmul: a 1x1 channels-last convolution (linalg.conv_2d_nhwc_hwcf) is a linalg.matmul of
// the image rows collapsed to [N*OH*OW, C] by the filter collapsed to [C, F], written to the output
// collapsed to [N*OH*OW, F] and expanded back; a stride > 1 reads a strided slice of the image first.
// RUN: tg-opt %s --tg-conv-to-matmul --split-input-file | filecheck %s

// Stride 1: reshapes only, no slice.
// CHECK-LABEL: func.func @pointwise
// CHECK-SAME:    (%[[X:.*]]: tensor<1x7x7x24xf32>, %[[W:.*]]: tensor<1x1x24x40xf32>, %[[C:.*]]: tensor<1x7x7x40xf32>)
// CHECK-NOT:     linalg.conv_2d_nhwc_hwcf
// CHECK-NOT:     tensor.extract_slice
// CHECK-DAG:     %[[A:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1, 2], [3]] : tensor<1x7x7x24xf32> into tensor<49x24xf32>
// CHECK-DAG:     %[[B:.*]] = tensor.collapse_shape %[[W]] {{\[}}[0, 1, 2], [3]] : tensor<1x1x24x40xf32> into tensor<24x40xf32>
// CHECK-DAG:     %[[O:.*]] = tensor.collapse_shape %[[C]] {{\[}}[0, 1, 2], [3]] : tensor<1x7x7x40xf32> into tensor<49x40xf32>
// CHECK:         %[[P:.*]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<49x24xf32>, tensor<24x40xf32>) outs(%[[O]] : tensor<49x40xf32>)
// CHECK:         %[[Y:.*]] = tensor.expand_shape %[[P]] {{\[}}[0, 1, 2], [3]] output_shape [1, 7, 7, 40] : tensor<49x40xf32> into tensor<1x7x7x40xf32>
// CHECK:         return %[[Y]]
func.func @pointwise(%x: tensor<1x7x7x24xf32>, %w: tensor<1x1x24x40xf32>, %c: tensor<1x7x7x40xf32>) -> tensor<1x7x7x40xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x7x7x24xf32>, tensor<1x1x24x40xf32>) outs(%c : tensor<1x7x7x40xf32>) -> tensor<1x7x7x40xf32>
  return %0 : tensor<1x7x7x40xf32>
}

// -----

// Stride 2 on a 9 x 13 image: rows and columns 0, 2, 4... (5 x 7), then the same matmul.
// CHECK-LABEL: func.func @strided
// CHECK-SAME:    (%[[X:.*]]: tensor<1x9x13x24xf32>
// CHECK-NOT:     linalg.conv_2d_nhwc_hwcf
// CHECK:         %[[S:.*]] = tensor.extract_slice %[[X]][0, 0, 0, 0] [1, 5, 7, 24] [1, 2, 2, 1] : tensor<1x9x13x24xf32> to tensor<1x5x7x24xf32>
// CHECK:         %[[A:.*]] = tensor.collapse_shape %[[S]] {{\[}}[0, 1, 2], [3]] : tensor<1x5x7x24xf32> into tensor<35x24xf32>
// CHECK:         linalg.matmul ins(%[[A]], %{{.*}} : tensor<35x24xf32>, tensor<24x40xf32>) outs(%{{.*}} : tensor<35x40xf32>)
// CHECK:         tensor.expand_shape %{{.*}} output_shape [1, 5, 7, 40] : tensor<35x40xf32> into tensor<1x5x7x40xf32>
func.func @strided(%x: tensor<1x9x13x24xf32>, %w: tensor<1x1x24x40xf32>, %c: tensor<1x5x7x40xf32>) -> tensor<1x5x7x40xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
       ins(%x, %w : tensor<1x9x13x24xf32>, tensor<1x1x24x40xf32>) outs(%c : tensor<1x5x7x40xf32>) -> tensor<1x5x7x40xf32>
  return %0 : tensor<1x5x7x40xf32>
}

// -----

// A dynamic batch: the rows are [?, C], the output expanded back with the batch's size.
// CHECK-LABEL: func.func @dynamic_batch
// CHECK-SAME:    (%[[X:.*]]: tensor<?x8x8x16xf32>, %[[W:.*]]: tensor<1x1x16x32xf32>, %[[C:.*]]: tensor<?x8x8x32xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[C]], %c0
// CHECK:         %[[A:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1, 2], [3]] : tensor<?x8x8x16xf32> into tensor<?x16xf32>
// CHECK:         linalg.matmul ins(%[[A]], %{{.*}} : tensor<?x16xf32>, tensor<16x32xf32>) outs(%{{.*}} : tensor<?x32xf32>)
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0, 1, 2], [3]] output_shape [%[[N]], 8, 8, 32] : tensor<?x32xf32> into tensor<?x8x8x32xf32>
func.func @dynamic_batch(%x: tensor<?x8x8x16xf32>, %w: tensor<1x1x16x32xf32>, %c: tensor<?x8x8x32xf32>) -> tensor<?x8x8x32xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<?x8x8x16xf32>, tensor<1x1x16x32xf32>) outs(%c : tensor<?x8x8x32xf32>) -> tensor<?x8x8x32xf32>
  return %0 : tensor<?x8x8x32xf32>
}

// -----

// An image larger than the output at stride 1 (what a caller cropped): the slice takes its corner.
// CHECK-LABEL: func.func @cropped
// CHECK:         tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 7, 7, 8] [1, 1, 1, 1] : tensor<1x9x9x8xf32> to tensor<1x7x7x8xf32>
// CHECK:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<49x8xf32>, tensor<8x16xf32>)
func.func @cropped(%x: tensor<1x9x9x8xf32>, %w: tensor<1x1x8x16xf32>, %c: tensor<1x7x7x16xf32>) -> tensor<1x7x7x16xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x9x9x8xf32>, tensor<1x1x8x16xf32>) outs(%c : tensor<1x7x7x16xf32>) -> tensor<1x7x7x16xf32>
  return %0 : tensor<1x7x7x16xf32>
}

// -----

// A 3x3 filter is not a matmul: the convolution stays (the direct conv kernel takes it), and so does
// a convolution in another layout.
// CHECK-LABEL: func.func @not_pointwise
// CHECK-NOT:     linalg.matmul
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x9x9x8xf32>, tensor<3x3x8x16xf32>)
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x8x7x7xf32>, tensor<16x8x1x1xf32>)
// CHECK-NOT:     linalg.matmul
func.func @not_pointwise(%x: tensor<1x9x9x8xf32>, %w: tensor<3x3x8x16xf32>, %c: tensor<1x7x7x16xf32>,
                         %xc: tensor<1x8x7x7xf32>, %wc: tensor<16x8x1x1xf32>, %cc: tensor<1x16x7x7xf32>) -> (tensor<1x7x7x16xf32>, tensor<1x16x7x7xf32>) {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x9x9x8xf32>, tensor<3x3x8x16xf32>) outs(%c : tensor<1x7x7x16xf32>) -> tensor<1x7x7x16xf32>
  %1 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%xc, %wc : tensor<1x8x7x7xf32>, tensor<16x8x1x1xf32>) outs(%cc : tensor<1x16x7x7xf32>) -> tensor<1x16x7x7xf32>
  return %0, %1 : tensor<1x7x7x16xf32>, tensor<1x16x7x7xf32>
}

// -----

// A pointwise convolution that writes into the interior of a padded buffer (marked by
// --tg-pad-in-place) stays a convolution: the interior's rows do not collapse.
// CHECK-LABEL: func.func @writes_interior
// CHECK-NOT:     linalg.matmul
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}}tg.writes_interior
// CHECK-NOT:     linalg.matmul
func.func @writes_interior(%x: tensor<1x7x7x24xf32>, %w: tensor<1x1x24x40xf32>, %c: tensor<1x7x7x40xf32>) -> tensor<1x7x7x40xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>, tg.writes_interior}
       ins(%x, %w : tensor<1x7x7x24xf32>, tensor<1x1x24x40xf32>) outs(%c : tensor<1x7x7x40xf32>) -> tensor<1x7x7x40xf32>
  return %0 : tensor<1x7x7x40xf32>
}
