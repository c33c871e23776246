"""Reductions, arg-reductions, softmax and contractions, compiled and run, against NumPy (numpy.einsum,
numpy.argmax...) and onnx.reference, never against tgraph's own references. Static and dynamic dims,
the element types each op accepts, empty reduced dims, NaNs and ties."""

import numpy as np
import pytest
from conftest import DTYPES, assert_close, random_array
from onnx import TensorProto, helper, numpy_helper
from onnx.reference import ReferenceEvaluator
from test_numerics import run_op, wide

import tgraph

ALL_NUMERIC = ["f32", "f64", "f16", "bf16", "i8", "i32", "i64", "ui8", "ui16", "ui32", "ui64"]


def reduced_shape(shape, axes, keepdims):
    axes = {a % len(shape) for a in axes}
    if keepdims:
        return tuple(1 if i in axes else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in axes)


def run_reduction(op, x, dtype, axes, keepdims=False, dynamic=False):
    attrs = f"axes = array<i64: {', '.join(map(str, axes))}>, keepdims = {'true' if keepdims else 'false'}"
    return run_op(op, [x], [dtype], dtype, attrs=attrs, dynamic=dynamic, result_shape=reduced_shape(x.shape, axes, keepdims))


# --- reductions ------------------------------------------------------------------------------------


def small_values(rng, shape, dtype):
    """Values whose products stay in range: integers in [-2, 2] ([0, 2] unsigned), floats near 1."""
    if dtype in ("f32", "f64", "f16", "bf16"):
        return rng.uniform(0.5, 1.5, shape).astype(DTYPES[dtype]) * rng.choice([-1, 1], shape).astype(DTYPES[dtype])
    low = 0 if dtype.startswith("ui") else -2
    return rng.integers(low, 3, shape).astype(DTYPES[dtype])


@pytest.mark.parametrize("dtype", ALL_NUMERIC)
def test_prod_min_max_dtypes(dtype, rng):
    x = small_values(rng, (3, 4, 5), dtype)
    for op, function in [("tg.reduce_prod", np.prod), ("tg.reduce_min", np.min), ("tg.reduce_max", np.max)]:
        expected = function(wide(x), axis=(0, 2)).astype(x.dtype)
        assert_close(run_reduction(op, x, dtype, [0, -1]), expected, dtype)


@pytest.mark.parametrize("op,function", [("tg.reduce_prod", np.prod), ("tg.reduce_min", np.min), ("tg.reduce_max", np.max), ("tg.reduce_mean", np.mean)])
@pytest.mark.parametrize("axes,keepdims", [([1], True), ([0, 2], False), ([0, 1, 2], True)])
def test_reductions_dynamic(op, function, axes, keepdims, rng):
    x = small_values(rng, (2, 5, 3), "f32")
    expected = function(wide(x), axis=tuple(axes), keepdims=keepdims)
    assert_close(run_reduction(op, x, "f32", axes, keepdims, dynamic=True), expected, "f32")


def test_unsigned_max_and_min_compare_unsigned():
    """200 is larger than 100 as a ui8 (as a signed byte it would be -56)."""
    x = np.array([[100, 200, 7], [255, 0, 128]], np.uint8)
    np.testing.assert_array_equal(run_reduction("tg.reduce_max", x, "ui8", [1]), [200, 255])
    np.testing.assert_array_equal(run_reduction("tg.reduce_min", x, "ui8", [1]), [7, 0])
    big = np.array([2**63 + 5, 3], np.uint64)
    np.testing.assert_array_equal(run_reduction("tg.reduce_max", big, "ui64", [0]), np.uint64(2**63 + 5))


@pytest.mark.parametrize("dynamic", [False, True])
def test_boolean_max_is_or_and_min_is_and(dynamic, rng):
    x = rng.random((5, 3)) < 0.5
    x[0] = True
    x[1] = False
    np.testing.assert_array_equal(run_reduction("tg.reduce_max", x, "i1", [1], keepdims=True, dynamic=dynamic), x.any(axis=1, keepdims=True))
    np.testing.assert_array_equal(run_reduction("tg.reduce_min", x, "i1", [1], dynamic=dynamic), x.all(axis=1))


@pytest.mark.parametrize("dtype", ["f32", "bf16", "i32", "ui8", "i1"])
@pytest.mark.parametrize("dynamic", [False, True])
def test_empty_reductions_give_the_identity(dtype, dynamic):
    """A reduced dim of size 0: 0 for sums, 1 for products, the lowest value for max, the highest for min."""
    x = np.zeros((2, 0, 3), DTYPES[dtype])
    if dtype == "i1":
        lowest, highest = False, True
    elif dtype in ("f32", "bf16"):
        lowest, highest = -np.inf, np.inf
    else:
        lowest, highest = np.iinfo(DTYPES[dtype]).min, np.iinfo(DTYPES[dtype]).max
    expected = {"tg.reduce_max": lowest, "tg.reduce_min": highest}
    if dtype != "i1":
        expected.update({"tg.reduce_sum": 0, "tg.reduce_prod": 1})
    for op, value in expected.items():
        got = run_reduction(op, x, dtype, [1], keepdims=True, dynamic=dynamic)
        assert_close(got, np.full((2, 1, 3), value, DTYPES[dtype]), dtype)


def test_max_and_min_propagate_nan():
    x = np.array([[1.0, np.nan, 3.0], [1.0, 2.0, 3.0]], np.float32)
    np.testing.assert_array_equal(run_reduction("tg.reduce_max", x, "f32", [1]), [np.nan, 3.0])
    np.testing.assert_array_equal(run_reduction("tg.reduce_min", x, "f32", [1]), [np.nan, 1.0])


@pytest.mark.parametrize("dtype,low,high", [("i32", -1000, 1000), ("i8", -15, 15), ("ui16", 0, 1000)])
@pytest.mark.parametrize("dynamic", [False, True])
def test_integer_mean_truncates(dtype, low, high, dynamic, rng):
    """Sums that fit the type, divided truncating toward zero (-7 / 2 is -3)."""
    x = rng.integers(low, high + 1, (4, 7)).astype(DTYPES[dtype])
    expected = np.trunc(np.mean(x.astype(np.float64), axis=1)).astype(x.dtype)
    np.testing.assert_array_equal(run_reduction("tg.reduce_mean", x, dtype, [1], dynamic=dynamic), expected)


@pytest.mark.parametrize("dtype", ["f16", "bf16"])
def test_product_of_16bit_floats_accumulates_in_f32(dtype, rng):
    x = rng.uniform(0.9, 1.1, (2, 64)).astype(DTYPES[dtype])
    expected = np.prod(x.astype(np.float64), axis=1).astype(x.dtype)
    assert_close(run_reduction("tg.reduce_prod", x, dtype, [1]), expected, dtype)


# --- argmax / argmin ------------------------------------------------------------------------------


def run_arg(op, x, dtype, axis, keepdims=False, last=False, dynamic=False):
    shape = reduced_shape(x.shape, [axis], keepdims)
    attrs = f"axis = {axis} : i64, keepdims = {str(keepdims).lower()}, select_last_index = {str(last).lower()}"
    return run_op(op, [x], [dtype], "i64", attrs=attrs, dynamic=dynamic, result_shape=shape)


def numpy_arg(function, x, axis, keepdims, last):
    """numpy.argmax/argmin, from the end when `last` (counted from the start)."""
    if last:
        index = x.shape[axis] - 1 - function(np.flip(x, axis), axis=axis)
    else:
        index = function(x, axis=axis)
    return np.expand_dims(index, axis) if keepdims else index


ARG = {"tg.argmax": np.argmax, "tg.argmin": np.argmin}


@pytest.mark.parametrize("op", ARG)
@pytest.mark.parametrize("dtype", ALL_NUMERIC)
def test_arg_reductions_dtypes(op, dtype, rng):
    # Few distinct values, so that ties are common.
    x = small_values(rng, (4, 6), dtype)
    for last in (False, True):
        expected = numpy_arg(ARG[op], wide(x), 1, False, last)
        np.testing.assert_array_equal(run_arg(op, x, dtype, 1, last=last), expected)


@pytest.mark.parametrize("op", ARG)
@pytest.mark.parametrize("axis,keepdims", [(0, True), (-1, False), (1, True)])
@pytest.mark.parametrize("dynamic", [False, True])
def test_arg_reductions_axes(op, axis, keepdims, dynamic, rng):
    x = rng.integers(0, 4, (3, 5, 4)).astype(np.float32)
    for last in (False, True):
        expected = numpy_arg(ARG[op], x, axis, keepdims, last)
        np.testing.assert_array_equal(run_arg(op, x, "f32", axis, keepdims, last, dynamic), expected)


@pytest.mark.parametrize("op", ARG)
def test_arg_reductions_pick_nan(op):
    """A NaN wins, as in numpy: the first one, or the last with select_last_index."""
    nan, inf = np.nan, np.inf
    x = np.array([[1, nan, 3, nan], [-inf, -inf, -inf, -inf], [inf, inf, 2, inf], [nan, 0, 0, 5]], np.float32)
    for last in (False, True):
        np.testing.assert_array_equal(run_arg(op, x, "f32", 1, last=last), numpy_arg(ARG[op], x, 1, False, last))


# --- einsum ---------------------------------------------------------------------------------------

#: equation -> operand shapes.
EQUATIONS = {
    "ij->ji": [(3, 4)],
    "ij->i": [(3, 4)],
    "ij": [(3, 4)],
    "ii->i": [(4, 4)],
    "ii": [(4, 4)],
    "...ii ->...i": [(3, 5, 5)],
    "i,i": [(5,), (5,)],
    "i,j->ij": [(3,), (4,)],
    "bij, bjk -> bik": [(5, 2, 3), (5, 3, 4)],
    "...ij,...jk": [(2, 1, 2, 3), (5, 3, 4)],
    "ij,ij->ij": [(1, 3), (2, 3)],
    "abc,cd->da": [(2, 3, 4), (4, 5)],
    "->": [()],
    "i->": [(0,)],
}


def run_einsum(equation, arrays, dtype, dynamic=False):
    expected = np.einsum(equation.replace(" ", ""), *[wide(a) for a in arrays])
    got = run_op("tg.einsum", arrays, [dtype] * len(arrays), dtype, attrs=f'equation = "{equation}"', dynamic=dynamic, result_shape=expected.shape)
    return got, expected


@pytest.mark.parametrize("equation", EQUATIONS)
def test_einsum_equations(equation, rng):
    arrays = [random_array(rng, s, "f64") for s in EQUATIONS[equation]]
    got, expected = run_einsum(equation, arrays, "f64")
    assert_close(got, expected, "f64")


@pytest.mark.parametrize("equation", ["bij, bjk -> bik", "ij->ji", "...ii ->...i", "i,i", "abc,cd->da"])
def test_einsum_dynamic(equation, rng):
    arrays = [random_array(rng, s, "f32") for s in EQUATIONS[equation]]
    got, expected = run_einsum(equation, arrays, "f32", dynamic=True)
    assert_close(got, expected.astype(np.float32), "f32")


@pytest.mark.parametrize("dtype", ["bf16", "f16", "f32", "i32", "i64", "ui8"])
def test_einsum_dtypes(dtype, rng):
    arrays = [small_values(rng, s, dtype) for s in [(2, 3, 8), (2, 8, 4)]]
    got, expected = run_einsum("bij,bjk->bik", arrays, dtype)
    assert_close(got, expected.astype(arrays[0].dtype), dtype)


# --- ONNX ops that are decomposed, against onnx.reference -------------------------------------------


def onnx_model(node, inputs, output_type, output_rank, opset, initializers=()):
    """A one-node model; `inputs` are (name, array) pairs, given all-dynamic shapes, as is the output."""
    graph = helper.make_graph(
        [node],
        "test",
        [helper.make_tensor_value_info(name, _onnx_type(a), [f"{name}{i}" for i in range(a.ndim)]) for name, a in inputs],
        [helper.make_tensor_value_info(node.output[0], output_type, [f"y{i}" for i in range(output_rank)])],
        [numpy_helper.from_array(np.asarray(v), k) for k, v in dict(initializers).items()],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


def _onnx_type(array):
    return helper.np_dtype_to_tensor_dtype(array.dtype)


def check_against_onnx(node, inputs, opset, initializers=(), dtype="f32"):
    """Compile the node with every input dim dynamic and compare with onnx.reference."""
    output_type = TensorProto.INT64 if node.op_type in ("ArgMax", "ArgMin") else _onnx_type(inputs[0][1])
    reference = onnx_model(node, inputs, output_type, 0, opset, initializers)
    (expected,) = ReferenceEvaluator(reference).run(None, dict(inputs))
    model = onnx_model(node, inputs, output_type, expected.ndim, opset, initializers)
    got = tgraph.compile(model)(*[a for _, a in inputs])
    assert_close(got, expected, dtype)


COMPOSED = ["ReduceSumSquare", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp"]


@pytest.mark.parametrize("op_type", COMPOSED)
@pytest.mark.parametrize("axes,keepdims", [([1], 0), ([0, 2], 1), (None, 0)])
def test_composed_reductions(op_type, axes, keepdims, rng):
    x = rng.uniform(0.1, 3.0, (2, 3, 4)).astype(np.float32)
    initializers = {"axes": np.array(axes, np.int64)} if axes is not None else {}
    node = helper.make_node(op_type, ["x"] + (["axes"] if axes is not None else []), ["y"], keepdims=keepdims)
    check_against_onnx(node, [("x", x)], 18, initializers)


@pytest.mark.parametrize("op_type", COMPOSED)
def test_composed_reductions_opset_13_axes_attribute(op_type, rng):
    x = rng.uniform(0.1, 3.0, (3, 4)).astype(np.float64)
    check_against_onnx(helper.make_node(op_type, ["x"], ["y"], axes=[-1]), [("x", x)], 13, dtype="f64")


def test_composed_reductions_of_integers(rng):
    x = rng.integers(-5, 6, (3, 4)).astype(np.int32)
    for op_type in ("ReduceSumSquare", "ReduceL1", "ReduceL2"):
        check_against_onnx(helper.make_node(op_type, ["x"], ["y"], axes=[1]), [("x", x)], 13, dtype="i32")


def test_logarithmic_reductions_of_integers_truncate(rng):
    """Computed in floats, truncated back (onnx.reference does not run these on integers)."""
    x = rng.integers(1, 20, (3, 4)).astype(np.int64)
    wide_x = x.astype(np.float64)
    for op_type, expected in [("ReduceLogSum", np.log(wide_x.sum(axis=1))), ("ReduceLogSumExp", np.log(np.exp(wide_x).sum(axis=1)))]:
        node = helper.make_node(op_type, ["x"], ["y"], axes=[1], keepdims=0)
        got = tgraph.compile(onnx_model(node, [("x", x)], TensorProto.INT64, 1, 13))(x)
        np.testing.assert_array_equal(got, np.trunc(expected).astype(np.int64))


def test_log_sum_exp_is_careful():
    """Large values do not overflow; rows of -inf, of +inf and empty rows give -inf, inf and -inf
    (an unshifted log(sum(exp(x))) overflows; a naive shift gives inf - inf = NaN)."""
    inf = np.inf
    x = np.array([[1000.0, 1000.0, 999.0], [-inf, -inf, -inf], [inf, 1.0, 2.0], [-1000.0, -1001.0, -inf]], np.float32)
    node = helper.make_node("ReduceLogSumExp", ["x", "axes"], ["y"], keepdims=0)
    function = tgraph.compile(onnx_model(node, [("x", x)], TensorProto.FLOAT, 1, 18, {"axes": np.array([1], np.int64)}))
    expected = [1000 + np.log(2 + np.exp(-1)), -inf, inf, -1000 + np.log(1 + np.exp(-1))]
    np.testing.assert_allclose(function(x), expected, rtol=1e-6)
    np.testing.assert_array_equal(function(np.zeros((2, 0), np.float32)), [-inf, -inf])


def numpy_log_softmax(x, axes):
    """log(softmax(x)) over `axes` together, in float64 and without underflow: x - max - log(sum)."""
    shifted = x.astype(np.float64) - np.max(x, axis=axes, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axes, keepdims=True))


def run_onnx(node, inputs, output_rank, opset):
    model = onnx_model(node, inputs, _onnx_type(inputs[0][1]), output_rank, opset)
    return tgraph.compile(model)(*[a for _, a in inputs])


@pytest.mark.parametrize("op_type", ["Softmax", "LogSoftmax"])
@pytest.mark.parametrize("opset,axis", [(13, 0), (13, 1), (13, -1), (13, None), (11, 0), (11, 1), (11, -1), (11, None)])
def test_softmax_opsets(op_type, opset, axis, rng):
    """From opset 13, along `axis` (default -1); before, the input is a matrix whose rows are the dims
    from `axis` on (default 1), normalized together. (onnx.reference treats the old opsets as the new.)"""
    x = rng.uniform(-5, 5, (2, 3, 4)).astype(np.float32)
    attrs = {"axis": axis} if axis is not None else {}
    if opset >= 13:
        axes = (-1 if axis is None else axis,)
    else:
        axes = tuple(range((1 if axis is None else axis) % x.ndim, x.ndim))
    expected = numpy_log_softmax(x, axes)
    if op_type == "Softmax":
        expected = np.exp(expected)
    got = run_onnx(helper.make_node(op_type, ["x"], ["y"], **attrs), [("x", x)], 3, opset)
    assert_close(got, expected.astype(np.float32), "f32")


def test_log_softmax_of_large_and_f16_values(rng):
    """Values far below the maximum keep their exact log-probability (log(softmax(x)) would be -inf)."""
    x = np.array([[1000.0, 0.0, -1000.0], [1.0, 2.0, 3.0]], np.float32)
    got = run_onnx(helper.make_node("LogSoftmax", ["x"], ["y"]), [("x", x)], 2, 13)
    assert_close(got, numpy_log_softmax(x, (1,)).astype(np.float32), "f32")
    h = rng.uniform(-4, 4, (3, 7)).astype(np.float16)
    got = run_onnx(helper.make_node("LogSoftmax", ["x"], ["y"], axis=0), [("x", h)], 2, 13)
    assert_close(got, numpy_log_softmax(h, (0,)).astype(np.float16), "f16")


GEMM_CASES = {
    "plain": ({}, (3, 5), (5, 4), (3, 4)),
    "transposes": ({"transA": 1, "transB": 1}, (5, 3), (4, 5), (3, 4)),
    "alpha_beta": ({"alpha": 0.25, "beta": 0.35}, (3, 5), (5, 4), (3, 4)),
    "vector_bias": ({"transB": 1}, (2, 7), (4, 7), (4,)),
    "row_bias": ({}, (3, 7), (7, 4), (1, 4)),
    "column_bias": ({"alpha": 2.0}, (3, 7), (7, 4), (3, 1)),
    "scalar_bias": ({"beta": 2.0}, (2, 3), (3, 4), ()),
    "no_bias": ({}, (2, 10), (10, 3), None),
    "beta_zero": ({"beta": 0.0}, (2, 3), (3, 4), (2, 4)),
}


@pytest.mark.parametrize("case", GEMM_CASES)
@pytest.mark.parametrize("bias_input", [False, True])
def test_gemm(case, bias_input, rng):
    attrs, a_shape, b_shape, c_shape = GEMM_CASES[case]
    inputs = [("a", rng.uniform(-1, 1, a_shape).astype(np.float32)), ("b", rng.uniform(-1, 1, b_shape).astype(np.float32))]
    names = ["a", "b"]
    initializers = {}
    if c_shape is not None:
        c = rng.uniform(-1, 1, c_shape).astype(np.float32)
        names.append("c")
        if bias_input:
            # All its dims dynamic: the broadcast happens at run time.
            inputs.append(("c", c))
        else:
            initializers["c"] = c
    check_against_onnx(helper.make_node("Gemm", names, ["y"], **attrs), inputs, 13, initializers)


def test_gemm_integers(rng):
    a, b = rng.integers(-4, 5, (3, 4)).astype(np.int64), rng.integers(-4, 5, (4, 2)).astype(np.int64)
    node = helper.make_node("Gemm", ["a", "b"], ["y"], alpha=2.0)
    check_against_onnx(node, [("a", a), ("b", b)], 13, dtype="i64")


@pytest.mark.parametrize("equation,shapes", [("ij,jk,kl->il", [(2, 3), (3, 4), (4, 5)]), ("i,i,i", [(4,), (4,), (4,)]), ("...a,ab,bc->...c", [(2, 3, 4), (4, 5), (5, 2)])])
def test_einsum_of_three_operands(equation, shapes, rng):
    inputs = [(f"x{i}", rng.uniform(-1, 1, s)) for i, s in enumerate(shapes)]
    node = helper.make_node("Einsum", [name for name, _ in inputs], ["y"], equation=equation)
    check_against_onnx(node, inputs, 12, dtype="f64")


@pytest.mark.parametrize("op_type", ["ArgMax", "ArgMin"])
def test_onnx_arg_reductions(op_type, rng):
    x = rng.integers(0, 3, (3, 4, 5)).astype(np.float32)
    for attrs in [{}, {"axis": -1, "keepdims": 0}, {"axis": 1, "select_last_index": 1}]:
        check_against_onnx(helper.make_node(op_type, ["x"], ["y"], **attrs), [("x", x)], 13, dtype="i64")
