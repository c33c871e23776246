"""Two ONNX models as users bring them, built with onnx.helper: a small ResNet-style CNN and a
transformer encoder layer. `python examples/onnx_models.py DIR` saves them as DIR/cnn.onnx and
DIR/transformer.onnx; the demo and the tests import the builders.

Weights are random at the scale of a trained network (He / Xavier initialization, batch-norm statistics
near 0 and 1), seeded, so runs are reproducible.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 20  # Gelu is opset 20; LayerNormalization 17


class GraphBuilder:
    """Nodes and initializers with generated names."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self.count = 0

    def name(self, stem: str) -> str:
        self.count += 1
        return f"{stem}_{self.count}"

    def weight(self, stem: str, array) -> str:
        name = self.name(stem)
        self.initializers.append(numpy_helper.from_array(np.asarray(array, np.float32), name))
        return name

    def constant(self, stem: str, array) -> str:
        name = self.name(stem)
        self.initializers.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def node(self, op_type: str, inputs: list[str], stem: str | None = None, outputs: int = 1, **attrs) -> str | list[str]:
        name = self.name(stem or op_type.lower())
        results = [name] if outputs == 1 else [f"{name}_out{i}" for i in range(outputs)]
        self.nodes.append(helper.make_node(op_type, inputs, results, name=name, **attrs))
        return results[0] if outputs == 1 else results

    def model(self, graph_name: str, inputs, outputs) -> onnx.ModelProto:
        graph = helper.make_graph(self.nodes, graph_name, inputs, outputs, self.initializers)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="tgraph-examples")
        onnx.checker.check_model(model)
        return model


# --- a ResNet-style CNN ---------------------------------------------------------------------------


def _conv_bn(g: GraphBuilder, x: str, channels_in: int, channels_out: int, kernel: int, stride: int, relu: bool) -> str:
    fan_in = channels_in * kernel * kernel
    w = g.weight("conv_w", g.rng.standard_normal((channels_out, channels_in, kernel, kernel)) * np.sqrt(2.0 / fan_in))
    pad = kernel // 2
    y = g.node("Conv", [x, w], "conv", kernel_shape=[kernel, kernel], strides=[stride, stride], pads=[pad] * 4)
    scale = g.weight("bn_scale", 1.0 + 0.1 * g.rng.standard_normal(channels_out))
    bias = g.weight("bn_bias", 0.1 * g.rng.standard_normal(channels_out))
    mean = g.weight("bn_mean", 0.1 * g.rng.standard_normal(channels_out))
    var = g.weight("bn_var", 1.0 + 0.1 * np.abs(g.rng.standard_normal(channels_out)))
    y = g.node("BatchNormalization", [y, scale, bias, mean, var], "bn", epsilon=1e-5)
    return g.node("Relu", [y], "relu") if relu else y


def _residual_block(g: GraphBuilder, x: str, channels_in: int, channels_out: int, stride: int) -> str:
    y = _conv_bn(g, x, channels_in, channels_out, 3, stride, relu=True)
    y = _conv_bn(g, y, channels_out, channels_out, 3, 1, relu=False)
    skip = x if stride == 1 and channels_in == channels_out else _conv_bn(g, x, channels_in, channels_out, 1, stride, relu=False)
    return g.node("Relu", [g.node("Add", [y, skip], "residual")], "relu")


def resnet_cnn(seed: int = 0, classes: int = 10) -> onnx.ModelProto:
    """conv-bn-relu, max pool, two residual blocks (one downsampling), global average pool, gemm,
    softmax; input [batch, 3, 32, 32] with a symbolic batch."""
    g = GraphBuilder(seed)
    y = _conv_bn(g, "image", 3, 16, 3, 1, relu=True)
    y = g.node("MaxPool", [y], "maxpool", kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])
    y = _residual_block(g, y, 16, 16, 1)
    y = _residual_block(g, y, 16, 32, 2)
    y = g.node("GlobalAveragePool", [y], "gap")
    y = g.node("Flatten", [y], "flatten", axis=1)
    w = g.weight("fc_w", g.rng.standard_normal((classes, 32)) * np.sqrt(1.0 / 32))
    b = g.weight("fc_b", 0.01 * g.rng.standard_normal(classes))
    y = g.node("Gemm", [y, w, b], "fc", transB=1)
    y = g.node("Softmax", [y], "probabilities", axis=-1)
    g.nodes[-1].output[0] = "probabilities"
    return g.model(
        "resnet_cnn",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 3, 32, 32])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", classes])],
    )


# --- a transformer encoder layer -------------------------------------------------------------------


def _linear(g: GraphBuilder, x: str, width_in: int, width_out: int, stem: str) -> str:
    w = g.weight(f"{stem}_w", g.rng.standard_normal((width_in, width_out)) * np.sqrt(1.0 / width_in))
    b = g.weight(f"{stem}_b", 0.01 * g.rng.standard_normal(width_out))
    return g.node("Add", [g.node("MatMul", [x, w], stem), b], f"{stem}_bias")


def _layer_norm(g: GraphBuilder, x: str, width: int) -> str:
    gamma = g.weight("ln_gamma", 1.0 + 0.1 * g.rng.standard_normal(width))
    beta = g.weight("ln_beta", 0.1 * g.rng.standard_normal(width))
    return g.node("LayerNormalization", [x, gamma, beta], "layernorm", axis=-1, epsilon=1e-5)


def transformer_layer(seed: int = 0, width: int = 64, heads: int = 4, hidden: int = 256) -> onnx.ModelProto:
    """Post-norm encoder layer: multi-head self-attention and a GELU feed-forward block, each with a
    residual add and a layer norm; input [batch, sequence, width] with symbolic batch and sequence."""
    g = GraphBuilder(seed)
    size = width // heads
    split = g.constant("split_heads", np.array([0, 0, heads, size], np.int64))
    merge = g.constant("merge_heads", np.array([0, 0, width], np.int64))

    def heads_of(t: str, perm: list[int]) -> str:
        return g.node("Transpose", [g.node("Reshape", [t, split], "split_heads")], "heads", perm=perm)

    q = heads_of(_linear(g, "x", width, width, "query"), [0, 2, 1, 3])
    k = heads_of(_linear(g, "x", width, width, "key"), [0, 2, 3, 1])
    v = heads_of(_linear(g, "x", width, width, "value"), [0, 2, 1, 3])
    scores = g.node("Div", [g.node("MatMul", [q, k], "scores"), g.constant("sqrt_size", np.array(np.sqrt(size), np.float32))], "scaled")
    attention = g.node("Softmax", [scores], "attention", axis=-1)
    context = g.node("Transpose", [g.node("MatMul", [attention, v], "context")], "merge", perm=[0, 2, 1, 3])
    context = g.node("Reshape", [context, merge], "merge_heads")
    y = _layer_norm(g, g.node("Add", ["x", _linear(g, context, width, width, "output")], "residual"), width)
    ffn = g.node("Gelu", [_linear(g, y, width, hidden, "ffn_in")], "gelu")
    z = _layer_norm(g, g.node("Add", [y, _linear(g, ffn, hidden, width, "ffn_out")], "residual"), width)
    g.nodes[-1].output[0] = "encoded"
    return g.model(
        "transformer_layer",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "sequence", width])],
        [helper.make_tensor_value_info("encoded", TensorProto.FLOAT, ["batch", "sequence", width])],
    )


MODELS = {"cnn": resnet_cnn, "transformer": transformer_layer}


def save_all(directory: Path) -> dict[str, Path]:
    """Save every example model as DIRECTORY/<name>.onnx; returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, build in MODELS.items():
        paths[name] = directory / f"{name}.onnx"
        onnx.save(build(), str(paths[name]))
    return paths


if __name__ == "__main__":
    for name, path in save_all(Path(sys.argv[1] if len(sys.argv) > 1 else ".")).items():
        print(f"wrote {path}")
