"""`--tg-fold-batchnorm` preserves results and leaves no scaling after a conv or matmul: random conv
and matmul graphs followed by a batch norm (channels first and last, grouped and depthwise, with and
without a bias, the scale as a product or a quotient, f32 and f64) and the ResNet-style CNN of
examples/onnx_models.py, compiled with and without the pass and run on the same random inputs; the CNN
also against onnx.reference. Folding rounds the products once more: 10x the dtype's tolerance."""

import sys
from pathlib import Path

import numpy as np
import pytest
from mlir import ir
from mlir.dialects import arith, func
from onnx.reference import ReferenceEvaluator
from pass_numerics import after_pass, assert_same_results, op_names

import tgraph
from tgraph.dialect import TG, TensorSpec, make_context
from tgraph.dialect.constants import dense_attribute
from tgraph.dialect.ops import Add, Conv, Div, MatMul, Mul, Relu, Sub
from tgraph.frontend.onnx import import_model

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
from onnx_models import resnet_cnn  # noqa: E402

SLACK = 10


def constant(array: np.ndarray) -> ir.Value:
    return arith.ConstantOp(TensorSpec.of_array(array).to_mlir(), dense_attribute(array)).result


def build(input_spec: TensorSpec, body) -> ir.Module:
    """A module whose @main applies `body(x)` to one input of `input_spec`."""
    with ir.Location.unknown():
        module = ir.Module.create()
        with ir.InsertionPoint(module.body):
            func.FuncOp.from_py_func(input_spec.to_mlir(), name="main")(body)
    return module


def batch_norm(rng, y: ir.Value, shape, dtype, divide: bool, subtract: bool) -> ir.Value:
    """`y * s + t` (or `/ s`, `- t`) with random per-channel constants of `shape`."""
    scale = rng.uniform(0.5, 1.5, shape) * rng.choice([-1, 1], shape)
    shift = rng.standard_normal(shape)
    y = (Div if divide else Mul)(y, constant(scale.astype(dtype))).result
    return (Sub if subtract else Add)(y, constant(shift.astype(dtype))).result


CONV_CASES = [  # layout, input channels, filters, groups
    ("nchw", 3, 4, 1),
    ("nchw", 4, 6, 2),
    ("nchw", 5, 5, 5),
    ("nhwc", 3, 4, 1),
    ("nhwc", 4, 6, 2),
    ("nhwc", 5, 5, 5),
]


@pytest.mark.parametrize("layout, channels, filters, groups", CONV_CASES)
@pytest.mark.parametrize("bias, divide, subtract", [(False, False, False), (True, True, True), (True, False, False)])
def test_conv_batch_norm(layout, channels, filters, groups, bias, divide, subtract):
    rng = np.random.default_rng(filters * 10 + groups)
    dtype = np.float32
    first = layout == "nchw"
    x_shape = (None, channels, 6, 5) if first else (None, 6, 5, channels)
    w_shape = (filters, channels // groups, 3, 2) if first else (3, 2, channels // groups, filters)
    channel_shape = (filters, 1, 1) if first else (filters,)

    def body(x):
        y = Conv(x, constant(rng.standard_normal(w_shape).astype(dtype)), pads=[1, 0, 1, 1], groups=groups, layout=layout).result
        if bias:
            y = Add(y, constant(rng.standard_normal(channel_shape).astype(dtype))).result
        return Relu(batch_norm(rng, y, channel_shape, dtype, divide, subtract)).result

    with make_context():
        module = build(TensorSpec(x_shape, "f32"), body)
        folded = after_pass(module, "tg-fold-batchnorm")
        assert op_names(folded) == ["tg.conv", "tg.add", "tg.relu"]
        assert_same_results(module, folded, f"conv {layout} groups {groups}", slack=SLACK)


@pytest.mark.parametrize("dtype", ["f32", "f64"])
@pytest.mark.parametrize("lhs_shape, scale_shape", [((None, 7), (5,)), ((None, 3, 7), (1, 1, 5)), ((7,), (5,))])
def test_matmul_batch_norm(dtype, lhs_shape, scale_shape):
    """A matmul (Gemm: alpha, bias) then a batch norm over its columns: two scalings and a shift fold."""
    rng = np.random.default_rng(len(lhs_shape))
    np_dtype = TensorSpec((), dtype).np_dtype

    def body(x):
        y = MatMul(x, constant(rng.standard_normal((7, 5)).astype(np_dtype))).result
        y = Mul(y, constant(np.array(0.5, np_dtype))).result  # Gemm's alpha
        y = Add(y, constant(rng.standard_normal(5).astype(np_dtype))).result
        return batch_norm(rng, y, scale_shape, np_dtype, divide=False, subtract=False)

    with make_context():
        module = build(TensorSpec(lhs_shape, dtype), body)
        folded = after_pass(module, "tg-fold-batchnorm")
        assert op_names(folded) == ["tg.matmul", "tg.add"]
        assert_same_results(module, folded, f"matmul {lhs_shape}", slack=SLACK)


def test_negative_cases_change_nothing():
    """A scale that varies along the rows, and a conv whose result is also returned, stay as they are."""
    rng = np.random.default_rng(1)

    def body(x):
        y = Conv(x, constant(rng.standard_normal((4, 3, 3, 3)).astype(np.float32))).result
        z = Conv(x, constant(rng.standard_normal((4, 3, 3, 3)).astype(np.float32))).result
        rows = Mul(y, constant(rng.standard_normal((4, 3, 1)).astype(np.float32))).result
        twice = Mul(z, constant(rng.standard_normal((4, 1, 1)).astype(np.float32))).result
        return rows, twice, z

    with make_context():
        module = build(TensorSpec((2, 3, 5, 5), "f32"), body)
        assert op_names(after_pass(module, "tg-fold-batchnorm")) == ["tg.conv", "tg.conv", "tg.mul", "tg.mul"]


@pytest.fixture(scope="module")
def cnn():
    return resnet_cnn(seed=3)


def test_resnet_cnn(cnn):
    """Every batch norm of the CNN folds into its conv: each conv result feeds one bias add, no tg.mul
    is left; the outputs match the unfolded model and onnx.reference."""
    with make_context():
        module = import_model(cnn)
        folded = after_pass(module, "tg-fold-batchnorm")
        names = op_names(folded)
        assert "tg.mul" not in names and "tg.div" not in names
        assert names.count("tg.conv") == op_names(module).count("tg.conv") == 6
        for op in TG.ops_in(folded.operation):
            if op.name == "tg.conv":
                (use,) = op.results[0].uses
                assert use.owner.operation.name == "tg.add"
        assert_same_results(module, folded, "resnet_cnn", dynamic_sizes=(2,), slack=SLACK)
        function = tgraph.compile(folded, opt_level=0)
    x = np.random.default_rng(4).standard_normal((3, 3, 32, 32)).astype(np.float32)
    expected = ReferenceEvaluator(cnn).run(None, {"image": x})[0]
    np.testing.assert_allclose(function(x), expected, rtol=1e-4, atol=1e-5)


def test_option_caps_the_weights_it_folds():
    """`max-weight-elements` leaves larger weights (and their scalings) alone."""
    rng = np.random.default_rng(2)

    def body(x):
        y = Conv(x, constant(rng.standard_normal((4, 3, 3, 3)).astype(np.float32))).result
        return Mul(y, constant(rng.standard_normal((4, 1, 1)).astype(np.float32))).result

    with make_context():
        module = build(TensorSpec((1, 3, 5, 5), "f32"), body)
        assert "tg.mul" in op_names(after_pass(module, "tg-fold-batchnorm{max-weight-elements=107}"))
        assert "tg.mul" not in op_names(after_pass(module, "tg-fold-batchnorm{max-weight-elements=108}"))
