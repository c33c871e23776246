"""The graph passes preserve results: each runs on random graphs built for it and on the example ONNX
models, and the compiled outputs before and after are compared (float32: rtol 1e-5, atol 1e-6; the
passes reorder no floating-point operation, so in practice the outputs are identical)."""

import sys
from pathlib import Path

import numpy as np
import pytest
from mlir import ir
from mlir.dialects import func

import tgraph
from tgraph.dialect import TensorSpec, make_context
from tgraph.dialect.ops import Add, Exp, MatMul, Max, Mul, ReduceMax, ReduceMean, ReduceSum, Relu, Sigmoid, Sub, Tanh
from tgraph.passes import build_pass_manager, parse_pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
from onnx_models import resnet_cnn, transformer_layer  # noqa: E402

RTOL, ATOL = 1e-5, 1e-6
PASSES = ["tg-fuse", "tg-fold-constants", "tg-cse", "tg-dce", "tg-infer-shapes", "tg-optimize"]


def after(module: ir.Module, pipeline: str) -> ir.Module:
    """`module` after the passes, as a new module (the original stays as it is)."""
    copy = ir.Module.parse(module.operation.get_asm(), module.context)
    build_pass_manager(parse_pipeline(pipeline), module.context).run(copy.operation)
    return copy


def outputs(module: ir.Module, inputs):
    result = tgraph.compile(module, opt_level=0)(*inputs)
    return result if isinstance(result, tuple) else (result,)


def assert_same_results(module: ir.Module, pipeline: str, inputs):
    for got, want in zip(outputs(after(module, pipeline), inputs), outputs(module, inputs)):
        np.testing.assert_allclose(got, want, rtol=RTOL, atol=ATOL)


UNARY = [Relu, Tanh, Sigmoid, Exp]
BINARY = [Add, Sub, Mul, Max]
REDUCTIONS = [ReduceSum, ReduceMean, ReduceMax]


def random_graph(seed: int) -> tuple[ir.Module, list[np.ndarray]]:
    """A random graph of elementwise chains with broadcast operands, matmuls, reductions, shared values
    and a duplicate or two: what fusion, CSE and DCE have to get right. Batch dim dynamic."""
    rng = np.random.default_rng(seed)
    batch, width = 5, 16
    types = [TensorSpec((None, width), "f32"), TensorSpec((width, width), "f32"), TensorSpec((width,), "f32")]
    inputs = [rng.standard_normal((batch, width)).astype(np.float32), (rng.standard_normal((width, width)) / 4).astype(np.float32), rng.standard_normal(width).astype(np.float32)]
    module = ir.Module.create()
    with ir.InsertionPoint(module.body):

        @func.FuncOp.from_py_func(*[t.to_mlir() for t in types])
        def graph(x, w, b):
            values = [x]
            for _ in range(12):
                choice = rng.integers(0, 10)
                a = values[rng.integers(0, len(values))]
                if choice < 3:
                    values.append(UNARY[rng.integers(0, len(UNARY))](a).result)
                elif choice < 6:
                    other = [b, values[rng.integers(0, len(values))]][rng.integers(0, 2)]
                    values.append(BINARY[rng.integers(0, len(BINARY))](a, other).result)
                elif choice < 8:
                    values.append(MatMul(a, w).result)
                else:
                    reduced = REDUCTIONS[rng.integers(0, len(REDUCTIONS))](a, axes=[1], keepdims=True).result
                    values.append(Sub(a, reduced).result)
            values.append(Add(values[-1], values[-1]).result)  # a duplicate-free use of the last value
            return values[-1], values[len(values) // 2]

    return module, inputs


@pytest.mark.parametrize("pipeline", PASSES)
@pytest.mark.parametrize("seed", range(6))
def test_random_graphs(pipeline, seed):
    with make_context(), ir.Location.unknown():
        module, inputs = random_graph(seed)
        assert_same_results(module, pipeline, inputs)


@pytest.mark.parametrize("pipeline", PASSES)
@pytest.mark.parametrize("build, shape", [(resnet_cnn, (2, 3, 32, 32)), (transformer_layer, (2, 9, 64))], ids=["cnn", "transformer"])
def test_onnx_models(pipeline, build, shape):
    from tgraph.frontend.onnx import import_model

    x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
    with make_context() as context:
        module = import_model(build(seed=2), context=context)
        assert_same_results(module, pipeline, [x])


def test_fusion_removes_intermediates_of_the_models():
    """The pass statistics tg-opt --tg-stats prints: groups form in both models."""
    from tgraph.frontend.onnx import import_model
    from tgraph.transforms import statistics

    for build in (resnet_cnn, transformer_layer):
        with make_context() as context, statistics.collecting() as counters:
            module = import_model(build(), context=context)
            build_pass_manager(parse_pipeline("tg-optimize"), context).run(module.operation)
        assert counters["tg-fuse"]["intermediate tensors eliminated"] > 5, build.__name__
