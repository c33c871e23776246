"""Every tg op, lowered and JIT-compiled, against NumPy on static and dynamic shapes, with broadcasting.

The expected values are computed here with NumPy (and Python's math.erf), independently of the
references declared in tgraph; `test_references_agree` checks those against the same expressions."""

import math

import numpy as np
import pytest
from conftest import DTYPES, assert_close, random_array, single_op_module, tensor_type

import tgraph

erf = np.vectorize(math.erf, otypes=[np.float64])


def run_op(op, arrays, dtypes, result_dtype, *, attrs="", dynamic=False, result_shape=None):
    """Compile `op` applied to arrays (typed `dtypes`), with all dims dynamic if asked, and run it."""
    types = [tensor_type(a.shape, d, dynamic) for a, d in zip(arrays, dtypes)]
    if result_shape is None:
        raise ValueError("result_shape is required")
    result = tensor_type(result_shape, result_dtype, dynamic)
    function = tgraph.compile(single_op_module(op, types, result, attrs))
    return function(*arrays)


def wide(x):
    """Inputs widened for the NumPy side, so expected values are rounded once, at the end."""
    return x.astype(np.float64) if x.dtype.kind == "f" or x.dtype.name == "bfloat16" else x


# --- binary elementwise ---------------------------------------------------------------------------

BINARY = {
    "tg.add": np.add,
    "tg.sub": np.subtract,
    "tg.mul": np.multiply,
    "tg.max": np.maximum,
    "tg.min": np.minimum,
}
BROADCAST_SHAPES = [
    ((3, 4), (3, 4)),
    ((3, 1), (4,)),
    ((), (2, 3)),
    ((2, 1, 5), (3, 1)),
    ((1,), (7,)),
    ((), ()),
]


@pytest.mark.parametrize("op", BINARY)
@pytest.mark.parametrize("dtype", ["f32", "f16", "bf16", "f64", "i32", "i64"])
def test_binary_dtypes(op, dtype, rng):
    lhs, rhs = random_array(rng, (3, 5), dtype), random_array(rng, (3, 5), dtype)
    expected = BINARY[op](wide(lhs), wide(rhs))
    assert_close(run_op(op, [lhs, rhs], [dtype] * 2, dtype, result_shape=(3, 5)), expected.astype(lhs.dtype), dtype)


@pytest.mark.parametrize("op", BINARY)
@pytest.mark.parametrize("shapes", BROADCAST_SHAPES, ids=str)
def test_binary_broadcasting(op, shapes, rng):
    lhs, rhs = (random_array(rng, s, "f32") for s in shapes)
    expected = BINARY[op](lhs, rhs)
    assert_close(run_op(op, [lhs, rhs], ["f32"] * 2, "f32", result_shape=expected.shape), expected, "f32")


def dynamic_except_ones(shape, dtype="f32") -> str:
    """A type with every dim dynamic except the 1s, which must stay static to broadcast."""
    return "tensor<" + "".join(("1" if d == 1 else "?") + "x" for d in shape) + dtype + ">"


@pytest.mark.parametrize("shapes", [((5, 4), (4,)), ((2, 3), (2, 3)), ((6, 1, 3), (1, 2, 1))], ids=str)
def test_binary_dynamic_dims(shapes, rng):
    lhs, rhs = (random_array(rng, s, "f32") for s in shapes)
    expected = lhs + rhs
    types = [dynamic_except_ones(s) for s in shapes]
    function = tgraph.compile(single_op_module("tg.add", types, dynamic_except_ones(expected.shape)))
    assert_close(function(lhs, rhs), expected, "f32")


def test_dynamic_batch_many_sizes(rng):
    """One compiled function serves every batch size."""
    function = tgraph.compile(single_op_module("tg.mul", ["tensor<?x8xf32>", "tensor<8xf32>"], "tensor<?x8xf32>"))
    scale = random_array(rng, (8,), "f32")
    for batch in (1, 3, 7, 1000):
        x = random_array(rng, (batch, 8), "f32")
        assert_close(function(x, scale), x * scale, "f32")


@pytest.mark.parametrize("op", BINARY)
@pytest.mark.parametrize("dtype", ["ui8", "ui16", "ui32", "ui64"])
def test_binary_unsigned(op, dtype, rng):
    """Unsigned integers wrap like NumPy's; max and min compare them as unsigned."""
    lhs, rhs = random_array(rng, (4, 6), dtype), random_array(rng, (6,), dtype)
    with np.errstate(over="ignore"):
        expected = BINARY[op](lhs, rhs)
    assert_close(run_op(op, [lhs, rhs], [dtype] * 2, dtype, result_shape=(4, 6)), expected, dtype)


@pytest.mark.parametrize("dtype", ["ui8", "ui64"])
def test_unsigned_division(dtype):
    np_dtype = DTYPES[dtype]
    top = np.iinfo(np_dtype).max
    lhs = np.array([7, top, top, 0, 5], np_dtype)
    rhs = np.array([2, 2, 1, 3, 0], np_dtype)
    expected = np.array([3, top // 2, top, 0, 0], np_dtype)
    assert_close(run_op("tg.div", [lhs, rhs], [dtype] * 2, dtype, result_shape=(5,)), expected, dtype)


@pytest.mark.parametrize("dtype", ["i32", "i64", "i8"])
def test_integer_division_truncates_and_survives_zero(dtype):
    np_dtype = DTYPES[dtype]
    lhs = np.array([7, -7, 7, -7, 5, 0, np.iinfo(np_dtype).min, 9], np_dtype)
    rhs = np.array([2, 2, -2, -2, 0, 3, -1, 1], np_dtype)
    expected = np.array([3, -3, -3, 3, 0, 0, np.iinfo(np_dtype).min, 9], np_dtype)
    assert_close(run_op("tg.div", [lhs, rhs], [dtype] * 2, dtype, result_shape=(8,)), expected, dtype)


@pytest.mark.parametrize("dtype", ["f32", "f16", "f64"])
def test_float_division_and_pow(dtype, rng):
    lhs = random_array(rng, (4, 6), dtype, 0.5, 3.0)
    rhs = random_array(rng, (6,), dtype, 0.5, 2.0)
    assert_close(run_op("tg.div", [lhs, rhs], [dtype] * 2, dtype, result_shape=(4, 6)), (wide(lhs) / wide(rhs)).astype(lhs.dtype), dtype)
    assert_close(run_op("tg.pow", [lhs, rhs], [dtype] * 2, dtype, result_shape=(4, 6)), (wide(lhs) ** wide(rhs)).astype(lhs.dtype), dtype)


def test_max_min_propagate_nan():
    lhs = np.array([np.nan, 1.0, 2.0], np.float32)
    rhs = np.array([0.0, np.nan, 3.0], np.float32)
    for op, fn in (("tg.max", np.maximum), ("tg.min", np.minimum)):
        got = run_op(op, [lhs, rhs], ["f32"] * 2, "f32", result_shape=(3,))
        np.testing.assert_array_equal(got, fn(lhs, rhs))


# --- unary elementwise ----------------------------------------------------------------------------

UNARY = {
    "tg.neg": (np.negative, -3, 3),
    "tg.exp": (np.exp, -5, 5),
    "tg.log": (np.log, 0.01, 10),
    "tg.sqrt": (np.sqrt, 0.0, 10),
    "tg.tanh": (np.tanh, -5, 5),
    "tg.sigmoid": (lambda x: 1 / (1 + np.exp(-x)), -20, 20),
    "tg.relu": (lambda x: np.maximum(x, 0), -3, 3),
    "tg.gelu": (lambda x: 0.5 * x * (1 + erf(x / np.sqrt(2))), -6, 6),
}


@pytest.mark.parametrize("op", UNARY)
@pytest.mark.parametrize("dtype", ["f32", "f16", "bf16", "f64"])
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_unary(op, dtype, dynamic, rng):
    fn, low, high = UNARY[op]
    x = random_array(rng, (5, 7), dtype, low, high)
    expected = fn(wide(x)).astype(x.dtype)
    assert_close(run_op(op, [x], [dtype], dtype, dynamic=dynamic, result_shape=x.shape), expected, dtype)


def test_gelu_tanh_form(rng):
    x = random_array(rng, (4, 9), "f32", -6, 6)
    x64 = x.astype(np.float64)
    expected = 0.5 * x64 * (1 + np.tanh(np.sqrt(2 / np.pi) * (x64 + 0.044715 * x64**3)))
    got = run_op("tg.gelu", [x], ["f32"], "f32", attrs='approximate = "tanh"', result_shape=x.shape)
    assert_close(got, expected.astype(np.float32), "f32")


@pytest.mark.parametrize("op", ["tg.neg", "tg.relu"])
@pytest.mark.parametrize("dtype", ["i32", "i64"])
def test_integer_unary(op, dtype, rng):
    x = random_array(rng, (3, 4), dtype)
    assert_close(run_op(op, [x], [dtype], dtype, result_shape=x.shape), UNARY[op][0](x), dtype)


# --- matmul ---------------------------------------------------------------------------------------

MATMUL_SHAPES = [
    ((2, 3), (3, 4)),
    ((3,), (3, 4)),
    ((2, 3), (3,)),
    ((5,), (5,)),
    ((2, 2, 3), (2, 3, 4)),
    ((2, 1, 2, 3), (3, 3, 4)),
    ((5, 2, 3), (3, 4)),
    ((3,), (2, 3, 4)),
    ((1, 7, 16), (16, 1)),
]


@pytest.mark.parametrize("shapes", MATMUL_SHAPES, ids=str)
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_matmul_shapes(shapes, dynamic, rng):
    lhs, rhs = (random_array(rng, s, "f32") for s in shapes)
    expected = np.matmul(lhs.astype(np.float64), rhs.astype(np.float64))
    if dynamic:
        types = [dynamic_except_ones(s) for s in shapes]
        function = tgraph.compile(single_op_module("tg.matmul", types, dynamic_except_ones(expected.shape)))
        got = function(lhs, rhs)
    else:
        got = run_op("tg.matmul", [lhs, rhs], ["f32"] * 2, "f32", result_shape=expected.shape)
    assert_close(got, expected.astype(np.float32), "f32")


@pytest.mark.parametrize("dtype", ["f16", "bf16", "f64", "i32", "i64"])
def test_matmul_dtypes(dtype, rng):
    lhs, rhs = random_array(rng, (4, 33), dtype), random_array(rng, (33, 5), dtype)
    expected = np.matmul(wide(lhs), wide(rhs)).astype(lhs.dtype)
    assert_close(run_op("tg.matmul", [lhs, rhs], [dtype] * 2, dtype, result_shape=(4, 5)), expected, dtype)


# --- layout ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("perm", [(1, 0, 2), (2, 0, 1), (0, 1, 2)])
@pytest.mark.parametrize("dtype", ["f32", "i64", "i1", "bf16"])
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_transpose(perm, dtype, dynamic, rng):
    x = random_array(rng, (2, 3, 4), dtype)
    expected = np.transpose(x, perm)
    attrs = f"perm = array<i64: {', '.join(map(str, perm))}>"
    assert_close(run_op("tg.transpose", [x], [dtype], dtype, attrs=attrs, dynamic=dynamic, result_shape=expected.shape), expected, dtype)


@pytest.mark.parametrize(
    "source, result_type, shape",
    [
        ("tensor<2x3x4xf32>", "tensor<6x4xf32>", (6, 4)),
        ("tensor<?x16xf32>", "tensor<?x4x4xf32>", (3, 4, 4)),
        ("tensor<?x4x4xf32>", "tensor<?x16xf32>", (3, 16)),
        ("tensor<?x6xf32>", "tensor<2x?xf32>", (2, 9)),
        ("tensor<1x1xf32>", "tensor<f32>", ()),
        ("tensor<f32>", "tensor<1x1x1xf32>", (1, 1, 1)),
        ("tensor<12xf32>", "tensor<?x4xf32>", (3, 4)),
        ("tensor<?xf32>", "tensor<?xf32>", (12,)),
    ],
)
def test_reshape(source, result_type, shape, rng):
    x = random_array(rng, (int(np.prod(shape)),), "f32")
    source_shape = tuple(int(d) if d != "?" else -1 for d in source[7:-5].split("x") if d)
    x = x.reshape(source_shape) if source_shape else x.reshape(())
    function = tgraph.compile(single_op_module("tg.reshape", [source], result_type))
    assert_close(function(x), x.reshape(shape), "f32")


def test_reshape_bool_and_int(rng):
    for dtype in ("i1", "i64"):
        x = random_array(rng, (4, 6), dtype)
        function = tgraph.compile(single_op_module("tg.reshape", [f"tensor<?x6x{dtype}>"], f"tensor<?x3x{dtype}>"))
        assert_close(function(x), x.reshape(8, 3), dtype)


# --- reductions and softmax -----------------------------------------------------------------------

REDUCTIONS = {"tg.reduce_sum": np.sum, "tg.reduce_mean": np.mean, "tg.reduce_max": np.max}


@pytest.mark.parametrize("op", REDUCTIONS)
@pytest.mark.parametrize("axes, keepdims", [((1,), False), ((1,), True), ((0, 2), False), ((-1,), True), ((0, 1, 2), False), ((0, 1, 2), True), ((), False)])
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_reductions(op, axes, keepdims, dynamic, rng):
    x = random_array(rng, (3, 5, 4), "f32")
    expected = REDUCTIONS[op](x.astype(np.float64), axis=axes, keepdims=keepdims).astype(np.float32)
    attrs = f"axes = array<i64{': ' if axes else ''}{', '.join(map(str, axes))}>, keepdims = {str(keepdims).lower()}"
    got = run_op(op, [x], ["f32"], "f32", attrs=attrs, dynamic=dynamic, result_shape=expected.shape)
    assert_close(got, expected, "f32")


@pytest.mark.parametrize("dtype", ["f16", "bf16"])
def test_sum_of_16bit_floats_accumulates_in_f32(dtype, rng):
    x = random_array(rng, (2, 4096), dtype, 0.0, 1.0)
    expected = x.astype(np.float64).sum(axis=1).astype(x.dtype)
    got = run_op("tg.reduce_sum", [x], [dtype], dtype, attrs="axes = array<i64: 1>", result_shape=(2,))
    assert_close(got, expected, dtype)


@pytest.mark.parametrize("op", ["tg.reduce_sum", "tg.reduce_max"])
@pytest.mark.parametrize("dtype", ["i32", "i64"])
def test_integer_reductions(op, dtype, rng):
    x = random_array(rng, (4, 6), dtype)
    got = run_op(op, [x], [dtype], dtype, attrs="axes = array<i64: 0>", result_shape=(6,))
    assert_close(got, REDUCTIONS[op](x, axis=0), dtype)


def numpy_softmax(x, axis):
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return np.exp(shifted) / np.sum(np.exp(shifted), axis=axis, keepdims=True)


@pytest.mark.parametrize("axis", [-1, 0, 1])
@pytest.mark.parametrize("dtype", ["f32", "f16", "bf16"])
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_softmax(axis, dtype, dynamic, rng):
    x = random_array(rng, (3, 6, 5), dtype, -10, 10)
    expected = numpy_softmax(wide(x), axis).astype(x.dtype)
    got = run_op("tg.softmax", [x], [dtype], dtype, attrs=f"axis = {axis} : i64", dynamic=dynamic, result_shape=x.shape)
    assert_close(got, expected, dtype)


# --- the declared references agree with NumPy -----------------------------------------------------


def test_references_agree(rng):
    """tg-run --check trusts the references in the op declarations: they must match NumPy too."""
    from tgraph.dialect.ops import Gelu, MatMul, ReduceMean, Softmax, Sub

    x = random_array(rng, (3, 4), "f32")
    y = random_array(rng, (4,), "f32")
    assert_close(Sub.evaluate([x, y], {})[0], x - y, "f32")
    assert_close(MatMul.evaluate([x, x.T], {})[0], x @ x.T, "f32")
    assert_close(Softmax.evaluate([x], {"axis": -1})[0], numpy_softmax(x, -1), "f32")
    assert_close(ReduceMean.evaluate([x], {"axes": (0,), "keepdims": True})[0], x.mean(0, keepdims=True), "f32")
    assert_close(Gelu.evaluate([x], {"approximate": "none"})[0], (0.5 * x * (1 + erf(x / np.sqrt(2)))).astype(np.float32), "f32")
