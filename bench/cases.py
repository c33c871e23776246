"""What the bench runs: every case by name and section, the full set and the `--quick` one.

A case is an ONNX model (built by bench/models.py on demand: ResNet-50's weights take a second), the
sizes of its named dims, and, where NumPy can say the same thing, its NumPy expression. Its rate is
GFLOP/s (two per multiply-accumulate) or, for the memory-bound ones, GB/s of the bytes a call must
move at least once.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Callable

import numpy as np
from onnx import TensorProto, helper

import numpy_baselines
from models import IR_VERSION, Built, ConvShape, matmul, conv, mlp, mobilenet_v2, resnet50, resnet50_convs, transformer

#: Section name -> the title of its table, in the order the report prints them.
SECTIONS = {
    "matmul": "f32 matmul (B a constant weight)",
    "gemv": "batch-1 GEMV and a streaming copy (memory bound: GB/s)",
    "conv": "every distinct convolution of ResNet-50 (batch 1, NCHW, with bias)",
    "depthwise": "depthwise 3x3 convolutions of MobileNets (batch 1, NCHW, with bias)",
    "models": "models (batch 1 unless named)",
}


@dataclass(frozen=True)
class Case:
    name: str
    section: str
    build: Callable[[], Built]
    numpy: numpy_baselines.Expression | None = None
    bind: dict[str, int] | None = None
    #: Bytes one call moves at least once (memory-bound cases, rated in GB/s), from the built model.
    streamed_bytes: Callable[[Built], int] | None = None
    #: The streaming copy: the bandwidth the other memory-bound cases of its section are compared with.
    reference_bandwidth: bool = False
    note: str = ""

    def rate(self, built: Built) -> tuple[float, str] | None:
        """(work per call, unit) for a rate: (bytes, "GB/s") or (flops, "GFLOP/s"); None if unknown."""
        if self.streamed_bytes is not None:
            return float(self.streamed_bytes(built)), "GB/s"
        return (2.0 * built.macs, "GFLOP/s") if built.macs else None

    def input_shapes(self, built: Built) -> list[tuple[int, ...]]:
        """The shapes of the model's inputs, named dims given by `bind`."""
        shapes = []
        for value in built.model.graph.input:
            dims = value.type.tensor_type.shape.dim
            shapes.append(tuple(d.dim_value if d.HasField("dim_value") else self.bind[d.dim_param] for d in dims))
        return shapes

    def inputs(self, built: Built, seed: int = 0) -> list[np.ndarray]:
        """Random normal f32 inputs (every model here takes f32), seeded."""
        rng = np.random.default_rng(seed)
        return [rng.standard_normal(shape, dtype=np.float32) for shape in self.input_shapes(built)]


def identity(elements: int) -> Built:
    """One Identity node: tgraph and onnxruntime copy the input into the output."""
    value = [helper.make_tensor_value_info(name, TensorProto.FLOAT, [elements]) for name in ("x", "y")]
    graph = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "copy", value[:1], value[1:])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)])
    model.ir_version = IR_VERSION
    return Built(model, 0)


def _matmul_case(m: int, k: int, n: int) -> Case:
    name = f"matmul_{m}" if m == k == n else f"matmul_{m}x{k}x{n}"
    return Case(name, "matmul", lambda: matmul(m, k, n), numpy_baselines.matmul)


def _gemv_case(k: int, n: int) -> Case:
    return Case(f"gemv_{k}x{n}", "gemv", lambda: matmul(1, k, n), numpy_baselines.matmul, streamed_bytes=lambda _: 4 * (k * n + k + n), note="1 x K @ K x N")


def _copy_case(elements: int) -> Case:
    megabytes = 4 * elements >> 20
    return Case(f"copy_{megabytes}MiB", "gemv", lambda: identity(elements), numpy_baselines.copy, streamed_bytes=lambda _: 8 * elements, reference_bandwidth=True, note="read + write")


def _conv_case(shape: ConvShape, section: str, note: str = "") -> Case:
    k, s = shape.kernel, shape.stride
    stem = "dw" if shape.groups > 1 else "conv"
    name = f"{stem}{k}x{k}" + (f"s{s}" if s > 1 else "") + f"_{shape.size}px_" + (f"{shape.channels_in}" if shape.groups > 1 else f"{shape.channels_in}to{shape.channels_out}")
    return Case(name, section, lambda: conv(shape), numpy_baselines.conv(shape), note=note)


def _depthwise(channels: int, size: int, stride: int = 1) -> ConvShape:
    return ConvShape(channels, size, channels, 3, stride, groups=channels)


def full() -> list[Case]:
    """Every case of the issue, in report order."""
    cases = [_matmul_case(n, n, n) for n in (256, 512, 1000, 1024, 2048)] + [_matmul_case(49, 2048, 512)]
    cases += [_gemv_case(4096, 4096), _copy_case(16 << 20)]
    cases += [_conv_case(shape, "conv", f"x{count} in ResNet-50") for shape, count in resnet50_convs().items()]
    depthwise = {"MobileNet v1/v2 first": _depthwise(32, 112), "MobileNet v2 stage 2": _depthwise(96, 112, 2), "MobileNet v1 x5": _depthwise(512, 14)}
    cases += [_conv_case(shape, "depthwise", note) for note, shape in depthwise.items()]
    cases += [
        Case("resnet50", "models", resnet50, note="224x224, v1.5"),
        Case("mobilenet_v2", "models", mobilenet_v2, note="224x224"),
        Case("mlp_b1", "models", lambda: mlp(1), numpy_baselines.mlp, note="784-1024-1024-10"),
        Case("mlp_b64", "models", lambda: mlp(64), numpy_baselines.mlp, note="784-1024-1024-10"),
        Case("transformer_s128", "models", transformer, bind={"batch": 1, "sequence": 128}, note="width 512, 8 heads, ffn 2048"),
    ]
    return cases


def quick() -> list[Case]:
    """A few small cases of every section: a smoke test that runs in seconds."""
    return [
        _matmul_case(64, 64, 64),
        _matmul_case(17, 33, 9),
        _gemv_case(256, 256),
        _copy_case(1 << 18),
        _conv_case(ConvShape(8, 16, 16, 3), "conv"),
        _conv_case(ConvShape(16, 16, 32, 1, 2), "conv"),
        _conv_case(_depthwise(8, 16, 2), "depthwise"),
        Case("mlp_tiny", "models", lambda: mlp(2, (16, 32, 32, 4)), numpy_baselines.mlp),
        Case("transformer_tiny", "models", lambda: transformer(8, 32, 4, 64), bind={"batch": 1, "sequence": 8}),
    ]


def select(cases: list[Case], patterns: list[str]) -> list[Case]:
    """The cases whose name or section matches one of the glob `patterns` (all when none)."""
    if not patterns:
        return cases
    return [c for c in cases if any(fnmatch.fnmatchcase(c.name, p) or fnmatch.fnmatchcase(c.section, p) for p in patterns)]
