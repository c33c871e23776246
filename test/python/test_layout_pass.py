"""`--tg-layout=nhwc`: the channels-last lowerings of tg.conv, tg.max_pool and tg.avg_pool
against the NumPy loops of test_numerics_nn (moved to NHWC) and against the channels-first lowerings;
then the pass on random CNN-like graphs and on the ResNet-style CNN of examples/onnx_models.py,
compiled with and without it and run on the same random inputs. A channels-last convolution sums its
products in another order: 10x the dtype's tolerance between the two."""

import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import assert_close, random_array
from mlir import ir
from mlir.dialects import arith, func
from pass_numerics import after_pass, assert_same_results, op_names
from test_numerics_nn import CONVS, POOLS, expected_conv, np_pool, pool_args, run

from tgraph.dialect import TG, TensorSpec, make_context
from tgraph.dialect.constants import dense_attribute
from tgraph.dialect.ops import Add, AvgPool, Conv, MaxPool, Mul, ReduceMean, Relu, Reshape, Sigmoid, Softmax
from tgraph.frontend.onnx import import_model

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
from onnx_models import resnet_cnn  # noqa: E402

SLACK = 10
HWCF = (2, 3, 1, 0)  # FCHW -> HWCF


def channels_last(array: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.moveaxis(array, 1, -1))


# --- the channels-last lowerings ------------------------------------------------------------------

CONVS_2D = {name: case for name, case in CONVS.items() if len(case[0]) == 4}
CONVS_2D["same_upper_strided"] = ((2, 3, 7, 6), (4, 3, 3, 2), {"auto_pad": "same_upper", "strides": [2, 2]})
POOLS_2D = {name: case for name, case in POOLS.items() if len(case[0]) == 4}


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("case", CONVS_2D)
def test_conv_nhwc(case, dynamic, rng):
    x_shape, w_shape, attrs = CONVS_2D[case]
    x, w = random_array(rng, x_shape, "f32"), random_array(rng, w_shape, "f32")
    expected = expected_conv(x, w, attrs)
    first = run("tg.conv", [x, w], ["f32"] * 2, expected.shape, "f32", attrs, dynamic)
    last = run("tg.conv", [channels_last(x), np.ascontiguousarray(np.transpose(w, HWCF))], ["f32"] * 2, channels_last(expected).shape, "f32", {**attrs, "layout": "nhwc"}, dynamic)
    assert_close(last, channels_last(expected).astype(np.float32), "f32")
    assert_close(last, channels_last(first), "f32")


def test_conv_nhwc_f16(rng):
    """16-bit floats accumulate in f32 channels last too."""
    x, w = random_array(rng, (1, 6, 5, 5), "f16", -1, 1), random_array(rng, (4, 3, 3, 3), "f16", -1, 1)
    attrs = {"groups": 2, "pads": [1, 1, 1, 1]}
    expected = channels_last(expected_conv(x, w, attrs))
    got = run("tg.conv", [channels_last(x), np.ascontiguousarray(np.transpose(w, HWCF))], ["f16"] * 2, expected.shape, "f16", {**attrs, "layout": "nhwc"}, False)
    assert_close(got, expected.astype(np.float16), "f16")


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("case", POOLS_2D)
def test_max_pool_nhwc(case, dynamic, rng):
    shape, attrs = POOLS_2D[case]
    x = random_array(rng, shape, "f32")
    expected = np_pool(x, *pool_args(x, attrs), "max")
    first = run("tg.max_pool", [x], ["f32"], expected.shape, "f32", attrs, dynamic)
    last = run("tg.max_pool", [channels_last(x)], ["f32"], channels_last(expected).shape, "f32", {**attrs, "layout": "nhwc"}, dynamic)
    assert_close(last, channels_last(expected), "f32")
    assert_close(last, channels_last(first), "f32")


@pytest.mark.parametrize("dtype", ["i32", "ui8", "f64"])
def test_max_pool_nhwc_dtypes(dtype, rng):
    x = random_array(rng, (1, 3, 5, 5), dtype)
    attrs = {"kernel": [3, 3], "strides": [2, 2], "pads": [1, 1, 1, 1]}
    expected = channels_last(np_pool(x, *pool_args(x, attrs), "max"))
    assert_close(run("tg.max_pool", [channels_last(x)], [dtype], expected.shape, dtype, {**attrs, "layout": "nhwc"}, True), expected, dtype)


@pytest.mark.parametrize("count_include_pad", [False, True])
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("case", POOLS_2D)
def test_avg_pool_nhwc(case, dynamic, count_include_pad, rng):
    shape, attrs = POOLS_2D[case]
    attrs = {**attrs, "count_include_pad": count_include_pad}
    x = random_array(rng, shape, "f32")
    expected = np_pool(x, *pool_args(x, attrs), "avg", count_include_pad).astype(np.float32)
    first = run("tg.avg_pool", [x], ["f32"], expected.shape, "f32", attrs, dynamic)
    last = run("tg.avg_pool", [channels_last(x)], ["f32"], channels_last(expected).shape, "f32", {**attrs, "layout": "nhwc"}, dynamic)
    assert_close(last, channels_last(expected), "f32")
    assert_close(last, channels_last(first), "f32")


# --- the pass on random graphs ----------------------------------------------------------------------


def constant(array: np.ndarray) -> ir.Value:
    return arith.ConstantOp(TensorSpec.of_array(array).to_mlir(), dense_attribute(array)).result


def channels(value: ir.Value) -> int:
    return ir.RankedTensorType(value.type).shape[1]


def random_cnn(seed: int) -> ir.Module:
    """@main(x: [?, 4, 12, 12]): a conv, then 5 random layers (convs, grouped or depthwise, with a bias;
    batch-norm-like scalings; activations; pools; residual adds with an earlier value of the same
    shape), then a head: a global average pool and a flatten, a softmax over the channels, or none."""
    rng = np.random.default_rng(seed)

    def conv(y, filters, groups=1, kernel=3, stride=1):
        weight = rng.standard_normal((filters, channels(y) // groups, kernel, kernel)) / kernel
        y = Conv(y, constant(weight.astype(np.float32)), groups=groups, strides=[stride] * 2, pads=[kernel // 2] * 4).result
        return Add(y, constant(rng.standard_normal((filters, 1, 1)).astype(np.float32))).result

    layers = {
        "conv": lambda y: conv(y, int(rng.choice([4, 6]))),
        "strided_conv": lambda y: conv(y, channels(y), kernel=1, stride=2),
        "grouped_conv": lambda y: conv(y, channels(y), groups=2),
        "depthwise_conv": lambda y: conv(y, channels(y), groups=channels(y)),
        "scale": lambda y: Mul(y, constant(rng.uniform(0.5, 1.5, (1, channels(y), 1, 1)).astype(np.float32))).result,
        "relu": lambda y: Relu(y).result,
        "sigmoid": lambda y: Sigmoid(y).result,
        "max_pool": lambda y: MaxPool(y, kernel=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1]).result,
        "avg_pool": lambda y: AvgPool(y, kernel=[2, 2], strides=[2, 2], ceil_mode=True).result,
    }

    def body(x):
        values = [conv(x, 4)]
        for _ in range(5):
            y = values[-1]
            if rng.random() < 0.25:  # a residual add, if an earlier value has the same shape
                same = [v for v in values[:-1] if v.type == y.type]
                if same:
                    values.append(Add(y, same[int(rng.integers(len(same)))]).result)
                    continue
            values.append(layers[str(rng.choice(list(layers)))](y))
        y = values[-1]
        head = rng.integers(3)
        if head == 0:
            pooled = ReduceMean(y, axes=[2, 3], keepdims=True).result
            return Reshape(pooled, result_type=TensorSpec((None, channels(y)), "f32").to_mlir()).result
        return Softmax(y, axis=1).result if head == 1 else y

    with ir.Location.unknown():
        module = ir.Module.create()
        with ir.InsertionPoint(module.body):
            func.FuncOp.from_py_func(TensorSpec((None, 4, 12, 12), "f32").to_mlir(), name="main")(body)
    return module


@pytest.mark.parametrize("seed", range(8))
def test_random_cnns(seed):
    """Every 2-D conv and pool goes channels last; one transpose is left at the input, and at most one
    before the result (none after the global pool and flatten)."""
    with make_context():
        module = random_cnn(seed)
        converted = after_pass(module, "tg-layout{nhwc}")
        for op in TG.ops_in(converted.operation):
            if op.name in ("tg.conv", "tg.max_pool", "tg.avg_pool"):
                assert TG.lookup(op.name).view(op).layout == "nhwc"
        assert 1 <= op_names(converted).count("tg.transpose") <= 2, str(converted)
        assert_same_results(module, converted, f"random cnn {seed}", dynamic_sizes=(1, 2), slack=SLACK)


def test_nchw_changes_nothing():
    with make_context():
        module = random_cnn(0)
        assert str(after_pass(module, "tg-layout{layout=nchw}")) == str(module)


# --- the ResNet-style CNN ---------------------------------------------------------------------------


@pytest.mark.parametrize("pipeline", ["tg-layout{layout=nhwc}", "tg-fold-batchnorm, tg-layout{layout=nhwc}"])
def test_resnet_cnn(pipeline):
    """The whole network runs channels last with one transpose, after the input: the global average pool
    and the flatten take the last one away."""
    with make_context():
        module = import_model(resnet_cnn(seed=5))
        converted = after_pass(module, pipeline)
        names = op_names(converted)
        assert names.count("tg.transpose") == 1 and names[0] == "tg.transpose"
        assert all(TG.lookup(op.name).view(op).layout == "nhwc" for op in TG.ops_in(converted.operation) if op.name in ("tg.conv", "tg.max_pool"))
        assert_same_results(module, converted, pipeline, dynamic_sizes=(2,), slack=SLACK)
