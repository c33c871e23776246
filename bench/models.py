"""The benchmark's ONNX models, built with onnx.helper: one-node kernels (a matmul with a constant
weight, a convolution with bias) and whole networks (ResNet-50, MobileNet v2, an MLP, a transformer
encoder layer). Each builder also counts the model's multiply-accumulates, so the bench can print
GFLOP/s; the counts follow the layer shapes and are checked against `tgraph.analyze` by the tests.

Weights are NumPy random with fixed seeds at the scale of a trained network (He / Xavier
initialization, batch-norm statistics near 0 and 1): the same model every time, built in about a
second even for ResNet-50's 25 million weights.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))
from onnx_models import GraphBuilder, transformer_layer  # noqa: E402


#: The ONNX IR version the models declare: onnx writes its newest (14 for onnx 1.23), which newer
#: onnxruntimes than the pinned one would be needed to read; 10 covers every opset used here.
IR_VERSION = 10


@dataclass(frozen=True)
class Built:
    """A model and how many multiply-accumulates one call of it computes."""

    model: onnx.ModelProto
    macs: int


@dataclass(frozen=True)
class ConvShape:
    """A 2-D convolution of a batch-1 NCHW image: `channels_in` x `size` x `size` in, `channels_out`
    out, a square `kernel`, padding kernel // 2 on every side, as ResNet and MobileNet use them."""

    channels_in: int
    size: int
    channels_out: int
    kernel: int
    stride: int = 1
    groups: int = 1

    @property
    def out_size(self) -> int:
        return (self.size + 2 * (self.kernel // 2) - self.kernel) // self.stride + 1

    @property
    def macs(self) -> int:
        window = self.channels_in // self.groups * self.kernel * self.kernel
        return self.channels_out * self.out_size * self.out_size * window


def _tensor(name: str, shape) -> onnx.ValueInfoProto:
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, list(shape))


def _readable(model: onnx.ModelProto) -> onnx.ModelProto:
    """The model declaring IR_VERSION, so that the pinned onnxruntime loads it."""
    model.ir_version = min(model.ir_version, IR_VERSION)
    return model


class Net(GraphBuilder):
    """GraphBuilder with layers that count their multiply-accumulates and record their convolutions."""

    def __init__(self, seed: int):
        super().__init__(seed)
        self.macs = 0
        self.convs: list[ConvShape] = []

    def conv(self, x: str, shape: ConvShape, activation: str | None = "relu", batch_norm: bool = True) -> str:
        """Conv (He-initialized), then an inference batch norm (or a bias), then the activation
        (`relu`, `relu6` or None)."""
        fan_in = shape.channels_in // shape.groups * shape.kernel**2
        w = self.weight("conv_w", self.rng.standard_normal((shape.channels_out, fan_in // shape.kernel**2, shape.kernel, shape.kernel)) * np.sqrt(2.0 / fan_in))
        inputs = [x, w] if batch_norm else [x, w, self.weight("conv_b", 0.01 * self.rng.standard_normal(shape.channels_out))]
        k, s = shape.kernel, shape.stride
        y = self.node("Conv", inputs, "conv", kernel_shape=[k, k], strides=[s, s], pads=[k // 2] * 4, group=shape.groups)
        self.macs += shape.macs
        self.convs.append(shape)
        if batch_norm:
            c = shape.channels_out
            statistics = [1.0 + 0.1 * self.rng.standard_normal(c), 0.1 * self.rng.standard_normal(c), 0.1 * self.rng.standard_normal(c), 1.0 + 0.1 * np.abs(self.rng.standard_normal(c))]
            y = self.node("BatchNormalization", [y] + [self.weight("bn", v) for v in statistics], "bn", epsilon=1e-5)
        return self.activation(y, activation)

    def activation(self, x: str, kind: str | None) -> str:
        if kind == "relu":
            return self.node("Relu", [x], "relu")
        if kind == "relu6":
            bounds = [self.constant("zero", np.array(0, np.float32)), self.constant("six", np.array(6, np.float32))]
            return self.node("Clip", [x] + bounds, "relu6")
        assert kind is None, kind
        return x

    def linear(self, x: str, rows: int, width_in: int, width_out: int, activation: str | None = None) -> str:
        """A fully connected layer as PyTorch exports it: Gemm with the weight [out, in] transposed."""
        w = self.weight("fc_w", self.rng.standard_normal((width_out, width_in)) * np.sqrt(1.0 / width_in))
        b = self.weight("fc_b", 0.01 * self.rng.standard_normal(width_out))
        self.macs += rows * width_in * width_out
        return self.activation(self.node("Gemm", [x, w, b], "fc", transB=1), activation)

    def classifier(self, x: str, channels: int, classes: int) -> str:
        """Global average pooling, flatten, and a fully connected layer to the logits."""
        y = self.node("Flatten", [self.node("GlobalAveragePool", [x], "gap")], "flatten", axis=1)
        return self.linear(y, 1, channels, classes)

    def built(self, graph_name: str, inputs, output: str, output_shape) -> Built:
        self.nodes[-1].output[0] = output
        return Built(_readable(self.model(graph_name, inputs, [_tensor(output, output_shape)])), self.macs)


# --- kernels: one node each ----------------------------------------------------------------------


def matmul(m: int, k: int, n: int, seed: int = 0) -> Built:
    """`a[m, k] @ b[k, n]` with `b` a constant weight, as in a model (input `a`, output `y`)."""
    g = Net(seed)
    b = g.weight("b", g.rng.standard_normal((k, n)) * np.sqrt(1.0 / k))
    g.node("MatMul", ["a", b], "matmul")
    g.macs = m * k * n
    return g.built("matmul", [_tensor("a", (m, k))], "y", (m, n))


def conv(shape: ConvShape, seed: int = 0) -> Built:
    """One Conv with weight and bias (a convolution after its batch norm was folded); input `x`."""
    g = Net(seed)
    g.conv("x", shape, activation=None, batch_norm=False)
    out = (1, shape.channels_out, shape.out_size, shape.out_size)
    return g.built("conv", [_tensor("x", (1, shape.channels_in, shape.size, shape.size))], "y", out)


# --- ResNet-50 -------------------------------------------------------------------------------------

#: ResNet-50's bottleneck stages: (width, blocks, stride of the first block).
RESNET50_STAGES = ((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2))


def resnet50_convs(size: int = 224) -> Counter[ConvShape]:
    """Every convolution of ResNet-50 v1.5 in network order, with how often it occurs."""
    convs = [ConvShape(3, size, 64, 7, 2)]
    size, channels = (size + 1) // 4, 64  # after the stem and the max pool
    for width, blocks, stride in RESNET50_STAGES:
        for block in range(blocks):
            s = stride if block == 0 else 1
            middle = ConvShape(width, size, width, 3, s)
            convs += [ConvShape(channels, size, width, 1), middle, ConvShape(width, middle.out_size, 4 * width, 1)]
            if block == 0:
                convs.append(ConvShape(channels, size, 4 * width, 1, s))
            size, channels = middle.out_size, 4 * width
    return Counter(convs)


def resnet50(seed: int = 0, size: int = 224, classes: int = 1000) -> Built:
    """ResNet-50 v1.5 (torchvision's) for one `size` x `size` image: a 7x7/2 convolution to 64
    channels, 3x3/2 max pooling, bottleneck blocks in stages of 3, 4, 6 and 3 (1x1, 3x3 strided,
    1x1 4x wider; projection shortcuts where the shape changes), each convolution with a batch norm,
    global average pooling and a fully connected layer. 4.09 GMACs at 224."""
    g, image = Net(seed), _tensor("image", (1, 3, size, size))
    y = g.conv("image", ConvShape(3, size, 64, 7, 2))
    y = g.node("MaxPool", [y], "maxpool", kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])
    size, channels = (size + 1) // 4, 64
    for width, blocks, stride in RESNET50_STAGES:
        for block in range(blocks):
            s = stride if block == 0 else 1
            middle = ConvShape(width, size, width, 3, s)
            z = g.conv(g.conv(y, ConvShape(channels, size, width, 1)), middle)
            z = g.conv(z, ConvShape(width, middle.out_size, 4 * width, 1), activation=None)
            skip = g.conv(y, ConvShape(channels, size, 4 * width, 1, s), activation=None) if block == 0 else y
            y = g.node("Relu", [g.node("Add", [z, skip], "residual")], "relu")
            size, channels = middle.out_size, 4 * width
    g.classifier(y, channels, classes)
    return g.built("resnet50", [image], "logits", (1, classes))


# --- MobileNet v2 ---------------------------------------------------------------------------------

#: MobileNet v2's inverted residual stages: (expansion, channels, blocks, stride of the first block).
MOBILENET_V2_STAGES = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1))


def mobilenet_v2(seed: int = 0, size: int = 224, classes: int = 1000) -> Built:
    """MobileNet v2 (width 1.0) for one `size` x `size` image: a 3x3/2 convolution to 32 channels,
    inverted residual blocks (1x1 expansion, 3x3 depthwise, 1x1 linear projection, a residual add
    where the shape allows), a 1x1 convolution to 1280, global average pooling and a fully connected
    layer; batch norms and ReLU6 (Clip) after the convolutions. About 0.3 GMACs at 224."""
    g, image = Net(seed), _tensor("image", (1, 3, size, size))
    y = g.conv("image", ConvShape(3, size, 32, 3, 2), "relu6")
    size, channels = (size + 1) // 2, 32
    for expansion, width, blocks, stride in MOBILENET_V2_STAGES:
        for block in range(blocks):
            s = stride if block == 0 else 1
            hidden = channels * expansion
            z = g.conv(y, ConvShape(channels, size, hidden, 1), "relu6") if expansion != 1 else y
            depthwise = ConvShape(hidden, size, hidden, 3, s, groups=hidden)
            z = g.conv(g.conv(z, depthwise, "relu6"), ConvShape(hidden, depthwise.out_size, width, 1), activation=None)
            y = g.node("Add", [z, y], "residual") if s == 1 and channels == width else z
            size, channels = depthwise.out_size, width
    y = g.conv(y, ConvShape(channels, size, 1280, 1), "relu6")
    g.classifier(y, 1280, classes)
    return g.built("mobilenet_v2", [image], "logits", (1, classes))


# --- an MLP and a transformer layer ---------------------------------------------------------------


def mlp(batch: int, widths=(784, 1024, 1024, 10), seed: int = 0) -> Built:
    """Fully connected layers of `widths` with ReLU between them (input `x` [batch, widths[0]])."""
    g = Net(seed)
    y = "x"
    for index, (width_in, width_out) in enumerate(zip(widths, widths[1:])):
        y = g.linear(y, batch, width_in, width_out, "relu" if index < len(widths) - 2 else None)
    return g.built("mlp", [_tensor("x", (batch, widths[0]))], "logits", (batch, widths[-1]))


def transformer(sequence: int = 128, width: int = 512, heads: int = 8, hidden: int = 2048, seed: int = 0) -> Built:
    """The example encoder layer (examples/onnx_models.py: attention and a GELU feed-forward block,
    post-norm) at `width`, with input [batch, sequence, width] named dims; the count is at batch 1."""
    projections = 4 * sequence * width * width  # query, key, value, output
    attention = 2 * sequence * sequence * width  # scores and context, over all heads
    feed_forward = 2 * sequence * width * hidden
    return Built(_readable(transformer_layer(seed, width, heads, hidden)), projections + attention + feed_forward)
