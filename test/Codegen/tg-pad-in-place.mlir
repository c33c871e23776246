// --tg-pad-in-place: a static zero pad whose source its producers write into a tensor.empty becomes
// fills of the margins alone and an insert of the source into the interior, built before that
// tensor.empty; bufferization then has the producer write into the padded buffer (no copy). Other
// pads stay as they are.
// RUN: tg-opt %s --tg-pad-in-place --split-input-file | filecheck %s
// RUN: tg-opt %s --tg-pad-in-place --tg-bufferize --split-input-file | filecheck %s --check-prefix=BUFFERS

// A transpose (NCHW -> NHWC) padded by 1 on each side of H and W for a depthwise convolution: four
// margin slabs (the rows above and below whole, the columns left and right between them), then the
// transpose's output.
// CHECK-LABEL: func.func @transposed
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<1x6x10x8xf32>
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[S0:.*]] = tensor.empty() {tg.in_place = 1 : i64} : tensor<1x1x10x8xf32>
// CHECK:         %[[F0:.*]] = linalg.fill {tg.in_place = 2 : i64} ins(%[[ZERO]] : f32) outs(%[[S0]] : tensor<1x1x10x8xf32>)
// CHECK:         %[[B0:.*]] = tensor.insert_slice %[[F0]] into %[[E]][0, 0, 0, 0] [1, 1, 10, 8] [1, 1, 1, 1]
// CHECK:         %[[B1:.*]] = tensor.insert_slice %{{.*}} into %[[B0]][0, 5, 0, 0] [1, 1, 10, 8] [1, 1, 1, 1]
// CHECK:         %[[B2:.*]] = tensor.insert_slice %{{.*}} into %[[B1]][0, 1, 0, 0] [1, 4, 1, 8] [1, 1, 1, 1]
// CHECK:         %[[B3:.*]] = tensor.insert_slice %{{.*}} into %[[B2]][0, 1, 9, 0] [1, 4, 1, 8] [1, 1, 1, 1]
// CHECK:         %[[TE:.*]] = tensor.empty() {tg.in_place = 0 : i64} : tensor<1x4x8x8xf32>
// CHECK:         %[[T:.*]] = linalg.transpose ins(%{{.*}}) outs(%[[TE]] :
// CHECK-NOT:     tensor.pad
// CHECK:         %[[P:.*]] = tensor.insert_slice %[[T]] into %[[B3]][0, 1, 1, 0] [1, 4, 8, 8] [1, 1, 1, 1]
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwc {{.*}} ins(%[[P]],
// The margins are filled in place and the transpose writes into the padded buffer's interior:
// nothing is copied.
// BUFFERS-LABEL: func.func @transposed
// BUFFERS:         %[[BUF:.*]] = memref.alloc() {{.*}} : memref<1x6x10x8xf32>
// BUFFERS-NOT:     memref.copy
// BUFFERS-COUNT-4: linalg.fill {{.*}}ins(%{{.*}} : f32) outs(%{{.*}} : memref<1x{{.*}}x8xf32, strided<[480, 80, 8, 1]{{.*}}>>)
// BUFFERS:         %[[I:.*]] = memref.subview %[[BUF]][0, 1, 1, 0] [1, 4, 8, 8] [1, 1, 1, 1]
// BUFFERS:         linalg.transpose ins(%{{.*}} : memref<1x8x4x8xf32>) outs(%[[I]] :
// BUFFERS-NOT:     memref.copy
// BUFFERS:         linalg.depthwise_conv_2d_nhwc_hwc {{.*}} ins(%[[BUF]],
// BUFFERS-NOT:     memref.copy
// BUFFERS:         return
func.func @transposed(%x: tensor<1x8x4x8xf32>, %w: tensor<3x3x8xf32>) -> tensor<1x4x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x8x8xf32>
  %t = linalg.transpose ins(%x : tensor<1x8x4x8xf32>) outs(%e : tensor<1x4x8x8xf32>) permutation = [0, 2, 3, 1]
  %p = tensor.pad %t low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x8x8xf32> to tensor<1x6x10x8xf32>
  %o = tensor.empty() : tensor<1x4x8x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%o : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %c = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%p, %w : tensor<1x6x10x8xf32>, tensor<3x3x8xf32>) outs(%z : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %c : tensor<1x4x8x8xf32>
}

// -----

// Padded on one side of one dim only (the low rows of a stride-2 convolution's input are not
// needed): one slab.
// CHECK-LABEL: func.func @one_side
// CHECK-COUNT-1: linalg.fill
// CHECK-NOT:     linalg.fill
// CHECK:         tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0] [4, 8, 2] [1, 1, 1]
func.func @one_side(%x: tensor<4x8x2xf32>) -> tensor<4x11x2xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x8x2xf32>
  %r = linalg.elementwise kind=#linalg.elementwise_kind<exp> ins(%x : tensor<4x8x2xf32>) outs(%e : tensor<4x8x2xf32>) -> tensor<4x8x2xf32>
  %p = tensor.pad %r low[0, 0, 0] high[0, 3, 0] {
  ^bb0(%i: index, %j: index, %k: index):
    tensor.yield %zero : f32
  } : tensor<4x8x2xf32> to tensor<4x11x2xf32>
  return %p : tensor<4x11x2xf32>
}

// -----

// A pointwise convolution's output, padded for a depthwise one: the pointwise convolution is marked
// to stay one (not a matmul on collapsed rows, which an interior's are not), and writes into the
// padded buffer. Its zero-filled init is shared with the depthwise convolution (as CSE leaves
// them): the chain gets a fill and a tensor.empty of its own, marked so that CSE does not merge them
// again.
// CHECK-LABEL: func.func @pointwise
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[SHARED:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<1x4x4x16xf32>)
// CHECK:         tensor.empty() : tensor<1x6x6x16xf32>
// CHECK-COUNT-4: tensor.insert_slice
// CHECK:         %[[OWN_E:.*]] = tensor.empty() {tg.in_place = 1 : i64} : tensor<1x4x4x16xf32>
// CHECK:         %[[OWN_F:.*]] = linalg.fill {tg.in_place = 0 : i64} ins(%[[ZERO]] : f32) outs(%[[OWN_E]] :
// CHECK:         %[[C:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}}tg.writes_interior{{.*}} outs(%[[OWN_F]] :
// CHECK:         tensor.insert_slice %[[C]] into
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwc {{.*}} outs(%[[SHARED]] :
// CHECK-NOT:     tensor.pad
// BUFFERS-LABEL: func.func @pointwise
// BUFFERS-NOT:     memref.copy
// BUFFERS:         return
func.func @pointwise(%x: tensor<1x4x4x8xf32>, %w: tensor<1x1x8x16xf32>, %v: tensor<3x3x16xf32>) -> tensor<1x4x4x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x4x16xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x4x4x8xf32>, tensor<1x1x8x16xf32>) outs(%f : tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  %p = tensor.pad %c low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x4x16xf32> to tensor<1x6x6x16xf32>
  %d = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%p, %v : tensor<1x6x6x16xf32>, tensor<3x3x16xf32>) outs(%f : tensor<1x4x4x16xf32>) -> tensor<1x4x4x16xf32>
  return %d : tensor<1x4x4x16xf32>
}

// -----

// Stay pads: a function argument (nothing to write in place), a padding value computed from the
// indices, dynamic sizes.
// CHECK-LABEL: func.func @argument
// CHECK:         tensor.pad
// CHECK-NOT:     linalg.fill
func.func @argument(%x: tensor<1x4x4x8xf32>) -> tensor<1x6x6x8xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x4x4x8xf32> to tensor<1x6x6x8xf32>
  return %p : tensor<1x6x6x8xf32>
}

// CHECK-LABEL: func.func @computed_value
// CHECK:         tensor.pad
func.func @computed_value(%x: tensor<4x8xf32>) -> tensor<6x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %t = linalg.elementwise kind=#linalg.elementwise_kind<exp> ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  %p = tensor.pad %t low[1, 0] high[1, 0] {
  ^bb0(%i: index, %j: index):
    %v = arith.index_cast %i : index to i32
    %f = arith.sitofp %v : i32 to f32
    tensor.yield %f : f32
  } : tensor<4x8xf32> to tensor<6x8xf32>
  return %p : tensor<6x8xf32>
}

// CHECK-LABEL: func.func @dynamic
// CHECK:         tensor.pad
func.func @dynamic(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x8xf32>
  %e = tensor.empty(%n) : tensor<?x8xf32>
  %t = linalg.elementwise kind=#linalg.elementwise_kind<exp> ins(%x : tensor<?x8xf32>) outs(%e : tensor<?x8xf32>) -> tensor<?x8xf32>
  %p = tensor.pad %t low[1, 0] high[1, 0] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zero : f32
  } : tensor<?x8xf32> to tensor<?x8xf32>
  return %p : tensor<?x8xf32>
}
