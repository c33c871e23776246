"""Convolutions, pooling and normalizations, compiled and run, against NumPy loops written here (one
output element or one input element at a time, the plainest reading of each op) and against
onnx.reference on one-node ONNX models; never against tgraph's own references. Static shapes and
every dim dynamic."""

import itertools

import numpy as np
import pytest
from conftest import DTYPES, assert_close, random_array, single_op_module, tensor_type
from onnx import TensorProto, helper
from onnx.reference import ReferenceEvaluator

import tgraph

# --- NumPy loops --------------------------------------------------------------------------------------


def same_pads(sizes, kernel, strides, dilations, upper):
    """ONNX SAME padding: the output is ceil(size / stride), the odd unit at the end (upper) or begin."""
    begins, ends = [], []
    for size, k, s, d in zip(sizes, kernel, strides, dilations):
        total = max(0, (-(-size // s) - 1) * s + (k - 1) * d + 1 - size)
        small, large = total // 2, total - total // 2
        begins.append(small if upper else large)
        ends.append(large if upper else small)
    return begins + ends


def window_taps(position, kernel, strides, dilations, begins):
    """Input coordinates each tap of the window at output `position` reads (they may be out of range)."""
    for taps in itertools.product(*(range(k) for k in kernel)):
        yield taps, tuple(p * s + t * d - b for p, t, s, d, b in zip(position, taps, strides, dilations, begins))


def output_size(size, kernel, stride, dilation, begin, end, ceil_mode=False):
    room = size + begin + end - (kernel - 1) * dilation - 1
    if not ceil_mode:
        return room // stride + 1
    count = -(-room // stride) + 1
    return count - 1 if (count - 1) * stride >= size + begin else count


def np_conv(x, w, strides, pads, dilations, groups):
    """Each output element is the dot product of its window with its filter."""
    x, w = x.astype(np.float64), w.astype(np.float64)
    spatial = x.ndim - 2
    sizes, kernel = x.shape[2:], w.shape[2:]
    begins, ends = pads[:spatial], pads[spatial:]
    out = [output_size(*args) for args in zip(sizes, kernel, strides, dilations, begins, ends)]
    n, channels = x.shape[:2]
    filters = w.shape[0]
    per_group, filters_per_group = channels // groups, filters // groups
    y = np.zeros((n, filters, *out))
    for position in itertools.product(*(range(o) for o in out)):
        for f in range(filters):
            g = f // filters_per_group
            for taps, coords in window_taps(position, kernel, strides, dilations, begins):
                if all(0 <= c < s for c, s in zip(coords, sizes)):
                    values = x[(slice(None), slice(g * per_group, (g + 1) * per_group), *coords)]
                    y[(slice(None), f, *position)] += values @ w[(f, slice(None), *taps)]
    return y


def np_conv_transpose(x, w, strides, pads, dilations, groups, output_padding):
    """Each input element scatters `x * w[tap]` to `i * stride + tap * dilation - pad_begin`."""
    x, w = x.astype(np.float64), w.astype(np.float64)
    spatial = x.ndim - 2
    sizes, kernel = x.shape[2:], w.shape[2:]
    begins, ends = pads[:spatial], pads[spatial:]
    out = [(i - 1) * s + (k - 1) * d + 1 + p - b - e for i, s, k, d, p, b, e in zip(sizes, strides, kernel, dilations, output_padding, begins, ends)]
    n, channels = x.shape[:2]
    per_group, filters_per_group = channels // groups, w.shape[1]
    y = np.zeros((n, filters_per_group * groups, *out))
    for position in itertools.product(*(range(i) for i in sizes)):
        for c in range(channels):
            g = c // per_group
            for taps, coords in window_taps(position, kernel, strides, dilations, begins):
                if all(0 <= o < size for o, size in zip(coords, out)):
                    target = (slice(None), slice(g * filters_per_group, (g + 1) * filters_per_group), *coords)
                    y[target] += np.outer(x[(slice(None), c, *position)], w[(c, slice(None), *taps)])
    return y


def np_pool(x, kernel, strides, pads, dilations, ceil_mode, kind, count_include_pad=False):
    """Each output element reduces the input elements its window covers; an average divides by their
    count, plus the window's elements in the explicit pads when `count_include_pad`."""
    spatial = x.ndim - 2
    sizes = x.shape[2:]
    begins, ends = pads[:spatial], pads[spatial:]
    out = [output_size(*args, ceil_mode) for args in zip(sizes, kernel, strides, dilations, begins, ends)]
    wide = x.astype(np.float64) if kind == "avg" else x
    y = np.zeros(x.shape[:2] + tuple(out), wide.dtype)
    for position in itertools.product(*(range(o) for o in out)):
        values, padded = [], 0
        for _, coords in window_taps(position, kernel, strides, dilations, begins):
            if all(0 <= c < s for c, s in zip(coords, sizes)):
                values.append(wide[(slice(None), slice(None), *coords)])
            elif all(-b <= c < s + e for c, s, b, e in zip(coords, sizes, begins, ends)):
                padded += 1
        if kind == "max":
            y[(slice(None), slice(None), *position)] = np.max(values, axis=0)
        else:
            y[(slice(None), slice(None), *position)] = np.sum(values, axis=0) / (len(values) + (padded if count_include_pad else 0))
    return y


def np_max_pool_indices(x, kernel, strides, pads, dilations, column_major=False):
    """The flat input index of each window's first maximum."""
    spatial = x.ndim - 2
    sizes = x.shape[2:]
    begins, ends = pads[:spatial], pads[spatial:]
    out = [output_size(*args) for args in zip(sizes, kernel, strides, dilations, begins, ends)]
    order = tuple(reversed(sizes)) if column_major else sizes
    y = np.zeros(x.shape[:2] + tuple(out), np.int64)
    for n, c in itertools.product(*(range(d) for d in x.shape[:2])):
        for position in itertools.product(*(range(o) for o in out)):
            best, where = None, None
            for _, coords in window_taps(position, kernel, strides, dilations, begins):
                if all(0 <= p < s for p, s in zip(coords, sizes)) and (best is None or x[(n, c, *coords)] > best):
                    best, where = x[(n, c, *coords)], coords
            flat = np.ravel_multi_index(tuple(reversed(where)) if column_major else where, order)
            y[(n, c, *position)] = (n * x.shape[1] + c) * int(np.prod(sizes)) + flat
    return y


# --- running tg ops -------------------------------------------------------------------------------


def attribute_text(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if isinstance(value, bool):
            parts.append(f"{name} = {str(value).lower()}")
        elif isinstance(value, int):
            parts.append(f"{name} = {value} : i64")
        elif isinstance(value, str):
            parts.append(f'{name} = "{value}"')
        else:
            parts.append(f"{name} = array<i64: {', '.join(str(v) for v in value)}>")
    return ", ".join(parts)


def run(op, arrays, dtypes, result_shape, result_dtype, attrs, dynamic):
    types = [tensor_type(a.shape, d, dynamic) for a, d in zip(arrays, dtypes)]
    module = single_op_module(op, types, tensor_type(result_shape, result_dtype, dynamic), attribute_text(attrs))
    return tgraph.compile(module)(*arrays)


def spatial_defaults(spatial, strides=None, pads=None, dilations=None):
    return list(strides or [1] * spatial), list(pads or [0] * 2 * spatial), list(dilations or [1] * spatial)


# --- tg.conv --------------------------------------------------------------------------------------

CONVS = {
    "plain": ((2, 4, 7, 6), (5, 4, 3, 3), {}),
    "strided_padded": ((1, 3, 9, 8), (4, 3, 3, 2), {"strides": [2, 3], "pads": [1, 0, 2, 1]}),
    "dilated": ((2, 2, 9, 9), (3, 2, 3, 2), {"dilations": [2, 3], "pads": [2, 2, 2, 2]}),
    "grouped": ((2, 6, 5, 6), (4, 3, 3, 3), {"groups": 2, "pads": [1, 1, 1, 1]}),
    "depthwise": ((1, 4, 6, 5), (4, 1, 3, 3), {"groups": 4, "strides": [2, 1]}),
    "depthwise_multiplier": ((1, 3, 6, 5), (6, 1, 2, 2), {"groups": 3}),
    "pointwise": ((2, 8, 5, 5), (3, 8, 1, 1), {}),
    "1d": ((2, 3, 11), (4, 3, 3), {"strides": [2], "pads": [1, 2]}),
    "1d_grouped": ((1, 4, 9), (6, 2, 3), {"groups": 2, "dilations": [2]}),
    "3d": ((1, 2, 5, 4, 6), (3, 2, 2, 3, 2), {"strides": [1, 2, 1], "pads": [0, 1, 1, 1, 0, 0]}),
    "3d_grouped": ((1, 4, 4, 5, 4), (2, 2, 3, 2, 2), {"groups": 2}),
}


def expected_conv(x, w, attrs):
    spatial = x.ndim - 2
    strides, pads, dilations = spatial_defaults(spatial, attrs.get("strides"), attrs.get("pads"), attrs.get("dilations"))
    if attrs.get("auto_pad", "none") != "none":
        pads = same_pads(x.shape[2:], w.shape[2:], strides, dilations, attrs["auto_pad"] == "same_upper")
    return np_conv(x, w, strides, pads, dilations, attrs.get("groups", 1))


def check_convolution(op, expected_of, case, dynamic, rng):
    """Run `op` on random f32 operands of the case's shapes and compare with `expected_of`."""
    x_shape, w_shape, attrs = case
    x, w = random_array(rng, x_shape, "f32"), random_array(rng, w_shape, "f32")
    expected = expected_of(x, w, attrs)
    assert_close(run(op, [x, w], ["f32"] * 2, expected.shape, "f32", attrs, dynamic), expected.astype(np.float32), "f32")


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("case", CONVS)
def test_conv(case, dynamic, rng):
    check_convolution("tg.conv", expected_conv, CONVS[case], dynamic, rng)


@pytest.mark.parametrize("dtype", ["f16", "bf16", "f64"])
def test_conv_dtypes(dtype, rng):
    """16-bit floats accumulate in f32: the result is the exact sum rounded once."""
    x, w = random_array(rng, (1, 6, 6, 6), dtype, -1, 1), random_array(rng, (4, 3, 3, 3), dtype, -1, 1)
    attrs = {"groups": 2, "pads": [1, 1, 1, 1]}
    expected = expected_conv(x, w, attrs)
    assert_close(run("tg.conv", [x, w], [dtype] * 2, expected.shape, dtype, attrs, False), expected.astype(DTYPES[dtype]), dtype)


@pytest.mark.parametrize("auto_pad", ["same_upper", "same_lower"])
def test_conv_same_padding_at_run_time(auto_pad, rng):
    """With dynamic sizes, SAME padding is computed when the function runs, for each input size."""
    attrs = {"auto_pad": auto_pad, "strides": [2, 3]}
    w = random_array(rng, (2, 3, 3, 2), "f32")
    module = single_op_module("tg.conv", ["tensor<?x3x?x?xf32>", "tensor<2x3x3x2xf32>"], "tensor<?x2x?x?xf32>", attribute_text(attrs))
    function = tgraph.compile(module)
    for size in [(5, 7), (6, 6), (1, 2)]:
        x = random_array(rng, (1, 3, *size), "f32")
        assert_close(function(x, w), expected_conv(x, w, attrs).astype(np.float32), "f32")


# --- tg.conv_transpose ----------------------------------------------------------------------------

CONV_TRANSPOSES = {
    "plain": ((1, 2, 3, 3), (2, 3, 3, 3), {}),
    "strided": ((2, 2, 3, 4), (2, 2, 3, 3), {"strides": [3, 2]}),
    "padded_output_padding": ((1, 3, 4, 3), (3, 2, 3, 3), {"strides": [2, 2], "pads": [1, 0, 1, 1], "output_padding": [1, 1]}),
    "negative_pad": ((1, 1, 3, 3), (1, 2, 3, 3), {"strides": [3, 2], "pads": [0, 0, -1, -1]}),
    "dilated": ((1, 2, 4, 4), (2, 1, 2, 2), {"dilations": [2, 3]}),
    "grouped": ((2, 4, 3, 3), (4, 3, 2, 3), {"groups": 2, "strides": [2, 1]}),
    "1d": ((1, 3, 5), (3, 2, 3), {"strides": [2], "pads": [1, 0]}),
    "3d": ((1, 2, 3, 2, 3), (2, 2, 2, 3, 2), {"strides": [1, 2, 2]}),
}


def expected_conv_transpose(x, w, attrs):
    spatial = x.ndim - 2
    strides, pads, dilations = spatial_defaults(spatial, attrs.get("strides"), attrs.get("pads"), attrs.get("dilations"))
    output_padding = attrs.get("output_padding", [0] * spatial)
    return np_conv_transpose(x, w, strides, pads, dilations, attrs.get("groups", 1), output_padding)


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("case", CONV_TRANSPOSES)
def test_conv_transpose(case, dynamic, rng):
    check_convolution("tg.conv_transpose", expected_conv_transpose, CONV_TRANSPOSES[case], dynamic, rng)


@pytest.mark.parametrize("auto_pad", ["same_upper", "same_lower"])
def test_conv_transpose_same_output_is_input_times_stride(auto_pad, rng):
    """SAME crops the full output (7 by 9 here) to the input size times the stride (6 by 8): the odd
    unit goes at the end (upper) or at the beginning (lower)."""
    x, w = random_array(rng, (1, 2, 3, 4), "f32"), random_array(rng, (2, 2, 3, 3), "f32")
    attrs = {"auto_pad": auto_pad, "strides": [2, 2]}
    got = run("tg.conv_transpose", [x, w], ["f32"] * 2, (1, 2, 6, 8), "f32", attrs, True)
    full = np_conv_transpose(x, w, [2, 2], [0, 0, 0, 0], [1, 1], 1, [0, 0])
    begin = 0 if auto_pad == "same_upper" else 1
    assert_close(got, full[:, :, begin : begin + 6, begin : begin + 8].astype(np.float32), "f32")


@pytest.mark.parametrize("auto_pad", ["none", "same_upper"])
def test_conv_transpose_output_shape_at_run_time(auto_pad, rng):
    """A fixed output_shape over inputs of any size: the crops (or zeros added) follow the input,
    the odd unit at the beginning unless same_upper."""
    attrs = {"output_shape": [10, 8], "strides": [3, 2], "auto_pad": auto_pad}
    w = random_array(rng, (1, 2, 3, 3), "f32")
    module = single_op_module("tg.conv_transpose", ["tensor<1x1x?x?xf32>", "tensor<1x2x3x3xf32>"], "tensor<1x2x10x8xf32>", attribute_text(attrs))
    function = tgraph.compile(module)
    for size in [(3, 3), (4, 2), (2, 5)]:
        x = random_array(rng, (1, 1, *size), "f32")
        full = [(s - 1) * stride + 3 for s, stride in zip(size, (3, 2))]
        totals = [f - o for f, o in zip(full, (10, 8))]
        begins = [t // 2 if auto_pad == "same_upper" else t - t // 2 for t in totals]
        pads = begins + [t - b for t, b in zip(totals, begins)]
        expected = np_conv_transpose(x, w, [3, 2], pads, [1, 1], 1, [0, 0])
        assert_close(function(x, w), expected.astype(np.float32), "f32")


# --- pooling --------------------------------------------------------------------------------------

POOLS = {
    "plain": ((2, 3, 6, 7), {"kernel": [2, 3]}),
    "strided_padded": ((1, 2, 7, 7), {"kernel": [3, 3], "strides": [2, 2], "pads": [1, 1, 1, 1]}),
    "asymmetric_pads": ((1, 2, 5, 6), {"kernel": [3, 2], "pads": [2, 0, 1, 1]}),
    "dilated": ((1, 2, 8, 8), {"kernel": [2, 3], "dilations": [2, 2], "strides": [1, 2]}),
    "ceil": ((1, 2, 6, 7), {"kernel": [3, 3], "strides": [2, 2], "ceil_mode": True}),
    "ceil_padded": ((1, 1, 5, 6), {"kernel": [3, 2], "strides": [3, 2], "pads": [1, 1, 1, 1], "ceil_mode": True}),
    "ceil_dilated": ((1, 1, 9, 8), {"kernel": [3, 2], "strides": [3, 3], "dilations": [2, 2], "ceil_mode": True}),
    "1d": ((2, 3, 9), {"kernel": [3], "strides": [2], "pads": [1, 1]}),
    "3d": ((1, 2, 5, 4, 6), {"kernel": [2, 2, 3], "strides": [2, 1, 2], "pads": [1, 0, 1, 0, 1, 1]}),
    "3d_ceil": ((1, 1, 5, 5, 5), {"kernel": [2, 2, 2], "strides": [2, 2, 2], "ceil_mode": True}),
}


def pool_args(x, attrs):
    spatial = x.ndim - 2
    strides, pads, dilations = spatial_defaults(spatial, attrs.get("strides"), attrs.get("pads"), attrs.get("dilations"))
    if attrs.get("auto_pad", "none") != "none":
        pads = same_pads(x.shape[2:], attrs["kernel"], strides, dilations, attrs["auto_pad"] == "same_upper")
    return attrs["kernel"], strides, pads, dilations, attrs.get("ceil_mode", False)


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("case", POOLS)
def test_max_pool(case, dynamic, rng):
    shape, attrs = POOLS[case]
    x = random_array(rng, shape, "f32")
    expected = np_pool(x, *pool_args(x, attrs), "max")
    assert_close(run("tg.max_pool", [x], ["f32"], expected.shape, "f32", attrs, dynamic), expected, "f32")


@pytest.mark.parametrize("count_include_pad", [False, True])
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("case", POOLS)
def test_avg_pool(case, dynamic, count_include_pad, rng):
    shape, attrs = POOLS[case]
    attrs = {**attrs, "count_include_pad": count_include_pad}
    x = random_array(rng, shape, "f32")
    expected = np_pool(x, *pool_args(x, attrs), "avg", count_include_pad)
    got = run("tg.avg_pool", [x], ["f32"], expected.shape, "f32", attrs, dynamic)
    assert_close(got, expected.astype(np.float32), "f32")


@pytest.mark.parametrize("dtype", ["f16", "bf16", "f64", "i8", "i32", "i64", "ui8", "ui16"])
def test_max_pool_dtypes(dtype, rng):
    """Integers (unsigned ones compared as unsigned) and the other floats; padding never wins."""
    x = random_array(rng, (1, 2, 5, 5), dtype)
    attrs = {"kernel": [3, 3], "strides": [2, 2], "pads": [1, 1, 1, 1]}
    expected = np_pool(x, *pool_args(x, attrs), "max")
    assert_close(run("tg.max_pool", [x], [dtype], expected.shape, dtype, attrs, True), expected, dtype)


@pytest.mark.parametrize("dtype", ["f16", "bf16"])
def test_avg_pool_16bit_floats(dtype, rng):
    x = random_array(rng, (1, 2, 6, 6), dtype)
    attrs = {"kernel": [3, 3], "pads": [1, 1, 1, 1]}
    expected = np_pool(x, *pool_args(x, attrs), "avg")
    assert_close(run("tg.avg_pool", [x], [dtype], expected.shape, dtype, attrs, False), expected.astype(DTYPES[dtype]), dtype)


@pytest.mark.parametrize("op", ["tg.max_pool", "tg.avg_pool"])
@pytest.mark.parametrize("auto_pad", ["same_upper", "same_lower"])
def test_pool_same_padding_at_run_time(op, auto_pad, rng):
    attrs = {"kernel": [3, 2], "strides": [2, 3], "auto_pad": auto_pad}
    function = tgraph.compile(single_op_module(op, ["tensor<?x?x?x?xf32>"], "tensor<?x?x?x?xf32>", attribute_text(attrs)))
    for shape in [(1, 2, 5, 7), (2, 1, 6, 6), (1, 1, 1, 1)]:
        x = random_array(rng, shape, "f32")
        expected = np_pool(x, *pool_args(x, attrs), op[3:6])
        assert_close(function(x), expected.astype(np.float32), "f32")


INDEX_CASES = {
    "padded": ((2, 3, 5, 6), "f32", {"kernel": [3, 2], "pads": [1, 1, 1, 0], "strides": [2, 2]}),
    "column_major": ((1, 2, 5, 6), "f32", {"kernel": [2, 2], "strides": [2, 2], "column_major": True}),
    "3d_column_major": ((1, 2, 4, 5, 3), "ui8", {"kernel": [2, 2, 2], "strides": [1, 2, 1], "column_major": True}),
    "1d_ties": ((1, 2, 9), "i32", {"kernel": [3], "pads": [1, 1], "strides": [2], "dilations": [2]}),
}


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("case", INDEX_CASES)
def test_max_pool_indices(case, dynamic, rng):
    shape, dtype, attrs = INDEX_CASES[case]
    x = random_array(rng, shape, dtype, -2, 2)  # few distinct values: many ties, the first must win
    strides, pads, dilations = spatial_defaults(len(shape) - 2, attrs.get("strides"), attrs.get("pads"), attrs.get("dilations"))
    expected = np_max_pool_indices(x, attrs["kernel"], strides, pads, dilations, attrs.get("column_major", False))
    got = run("tg.max_pool_indices", [x], [dtype], expected.shape, "i64", attrs, dynamic)
    np.testing.assert_array_equal(got, expected)


# --- ONNX nodes against onnx.reference --------------------------------------------------------------

def onnx_node_model(op_type, inputs, outputs, attrs, opset=22, dynamic=False):
    """A one-node model; `inputs` maps names to arrays (given as graph inputs), `outputs` maps names to
    the arrays expected (for their types and ranks). With `dynamic`, every dim is symbolic."""
    node = helper.make_node(op_type, list(inputs), list(outputs), **attrs)

    def value_info(name, array):
        return helper.make_tensor_value_info(name, _onnx_type(array), [f"{name}{i}" for i in range(array.ndim)] if dynamic else list(array.shape))

    graph = helper.make_graph(
        [node], op_type.lower(), [value_info(n, a) for n, a in inputs.items()], [value_info(n, a) for n, a in outputs.items()]
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


def _onnx_type(array):
    return {np.dtype(np.float32): TensorProto.FLOAT, np.dtype(np.float16): TensorProto.FLOAT16, np.dtype(np.float64): TensorProto.DOUBLE, np.dtype(np.int64): TensorProto.INT64}[array.dtype]


def check_onnx(op_type, inputs, outputs, attrs, dtype="f32", opset=22, dynamic=False):
    """Compile the one-node model and compare its outputs with onnx.reference's."""
    untyped = onnx_node_model(op_type, inputs, {name: np.zeros((), np.float32) for name in outputs}, attrs, opset)
    expected = ReferenceEvaluator(untyped).run(None, inputs)
    model = onnx_node_model(op_type, inputs, dict(zip(outputs, expected)), attrs, opset, dynamic)
    got = tgraph.compile(model)(*inputs.values())
    got = got if isinstance(got, tuple) else (got,)
    for actual, wanted in zip(got, expected):
        assert_close(actual, wanted, element_dtype(wanted, dtype))


def element_dtype(array, default):
    return {np.dtype(np.float32): "f32", np.dtype(np.float16): "f16", np.dtype(np.float64): "f64", np.dtype(np.int64): "i64"}.get(array.dtype, default)


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize(
    "attrs, w_shape",
    [
        ({"kernel_shape": [3, 3], "pads": [1, 1, 1, 1]}, (4, 3, 3, 3)),
        ({"auto_pad": "SAME_UPPER", "strides": [2, 2]}, (4, 3, 3, 2)),
        ({"auto_pad": "SAME_LOWER", "strides": [2, 1], "dilations": [1, 2]}, (4, 3, 2, 3)),
        ({"auto_pad": "VALID", "group": 3}, (6, 1, 2, 2)),
    ],
    ids=["pads", "same_upper", "same_lower_dilated", "valid_depthwise"],
)
def test_onnx_conv_with_bias(attrs, w_shape, dynamic, rng):
    x, w, b = random_array(rng, (2, 3, 7, 6), "f32"), random_array(rng, w_shape, "f32"), random_array(rng, (w_shape[0],), "f32")
    check_onnx("Conv", {"x": x, "w": w, "b": b}, ["y"], attrs, dynamic=dynamic)


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize(
    "attrs",
    [
        {"strides": [3, 2], "output_shape": [10, 8]},
        {"strides": [2, 2], "auto_pad": "SAME_UPPER"},
        {"strides": [2, 2], "pads": [1, 0, 1, 1], "output_padding": [1, 1]},
    ],
    ids=["output_shape", "same_upper", "pads"],
)
def test_onnx_conv_transpose(attrs, dynamic, rng):
    x, w, b = random_array(rng, (1, 2, 3, 3), "f32"), random_array(rng, (2, 3, 3, 3), "f32"), random_array(rng, (3,), "f32")
    check_onnx("ConvTranspose", {"x": x, "w": w, "b": b}, ["y"], attrs, dynamic=dynamic)


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize(
    "op_type, attrs",
    [
        ("MaxPool", {"kernel_shape": [3, 3], "strides": [2, 2], "auto_pad": "SAME_UPPER"}),
        ("MaxPool", {"kernel_shape": [2, 2], "dilations": [2, 1], "ceil_mode": 1}),
        ("AveragePool", {"kernel_shape": [3, 2], "auto_pad": "SAME_LOWER", "strides": [2, 2]}),
        ("AveragePool", {"kernel_shape": [3, 3], "pads": [1, 1, 1, 1], "strides": [2, 2], "ceil_mode": 1, "count_include_pad": 1}),
        ("GlobalAveragePool", {}),
        ("GlobalMaxPool", {}),
    ],
    ids=["max_same", "max_ceil_dilated", "avg_same", "avg_ceil_count_pad", "global_avg", "global_max"],
)
def test_onnx_pools(op_type, attrs, dynamic, rng):
    check_onnx(op_type, {"x": random_array(rng, (2, 3, 7, 6), "f32")}, ["y"], attrs, dynamic=dynamic)


def test_onnx_max_pool_indices(rng):
    x = random_array(rng, (1, 2, 5, 5), "f32")
    check_onnx("MaxPool", {"x": x}, ["y", "i"], {"kernel_shape": [2, 2], "storage_order": 1, "strides": [2, 2]})


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("shape", [(2, 3), (2, 3, 5), (2, 3, 4, 5)])
def test_onnx_batch_normalization(shape, dynamic, rng):
    x = random_array(rng, shape, "f32")
    scale, bias, mean = (random_array(rng, (3,), "f32") for _ in range(3))
    variance = rng.uniform(0.5, 2.0, (3,)).astype(np.float32)
    check_onnx("BatchNormalization", {"x": x, "s": scale, "b": bias, "m": mean, "v": variance}, ["y"], {"epsilon": 1e-3}, dynamic=dynamic)


def test_onnx_batch_normalization_mixed_types(rng):
    """Since opset 15 the parameters may be f32 for an f16 input."""
    x = random_array(rng, (2, 3, 4), "f16", -1, 1)
    scale, bias, mean = (random_array(rng, (3,), "f32", -1, 1) for _ in range(3))
    variance = rng.uniform(0.5, 2.0, (3,)).astype(np.float32)
    check_onnx("BatchNormalization", {"x": x, "s": scale, "b": bias, "m": mean, "v": variance}, ["y"], {}, dtype="f16")


def test_onnx_batch_normalization_training_is_refused(rng):
    x = random_array(rng, (2, 3), "f32")
    params = {name: random_array(rng, (3,), "f32") for name in "sbmv"}
    outputs = {"y": x, "running_mean": params["m"], "running_var": params["v"]}
    model = onnx_node_model("BatchNormalization", {"x": x, **params}, outputs, {"training_mode": 1}, opset=15)
    with pytest.raises(tgraph.CompileError, match="BatchNormalization: training mode .* inference only"):
        tgraph.compile(model)


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("shape", [(2, 3, 5), (1, 2, 4, 3), (2, 2, 3, 2, 2)])
def test_onnx_instance_normalization(shape, dynamic, rng):
    inputs = {"x": random_array(rng, shape, "f32"), "s": random_array(rng, (shape[1],), "f32"), "b": random_array(rng, (shape[1],), "f32")}
    check_onnx("InstanceNormalization", inputs, ["y"], {"epsilon": 1e-4}, dynamic=dynamic)


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("axis", [-1, 1, 0, -2])
def test_onnx_layer_normalization(axis, dynamic, rng):
    x = random_array(rng, (2, 3, 4), "f32")
    normalized = x.shape[axis % 3 :]
    inputs = {"x": x, "s": random_array(rng, normalized, "f32"), "b": random_array(rng, normalized, "f32")}
    check_onnx("LayerNormalization", inputs, ["y", "mean", "inv_std"], {"axis": axis, "epsilon": 1e-3}, opset=17, dynamic=dynamic)


def test_onnx_layer_normalization_f16_computes_in_f32(rng):
    """stash_type = 1: an f16 input is normalized in f32 and only the result is rounded to f16. Here
    the squared deviations (up to 9e4) would overflow f16 (onnx.reference's f16 result is NaN)."""
    x = (rng.uniform(-300, 300, (3, 8)) + 500).astype(np.float16)
    model = onnx_node_model("LayerNormalization", {"x": x, "s": np.ones(8, np.float16)}, {"y": x}, {}, opset=17)
    wide = x.astype(np.float64)
    deviation = wide - wide.mean(-1, keepdims=True)
    expected = deviation / np.sqrt((deviation**2).mean(-1, keepdims=True) + 1e-5)
    assert_close(tgraph.compile(model)(x, np.ones(8, np.float16)), expected.astype(np.float16), "f16")


def np_lrn(x, size, alpha, beta, bias):
    """ONNX LRN's formula, channel by channel (onnx.reference's LRN loops over the batch dim instead
    of the channels, and takes only 4-D inputs)."""
    wide = x.astype(np.float64)
    square_sum = np.zeros_like(wide)
    channels = x.shape[1]
    for c in range(channels):
        first, last = max(0, c - (size - 1) // 2), min(channels - 1, c + -(-(size - 1) // 2))
        square_sum[:, c] = np.sum(wide[:, first : last + 1] ** 2, axis=1)
    return wide / (bias + alpha / size * square_sum) ** beta


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("shape, size", [((2, 5, 3, 3), 3), ((1, 6, 4), 4), ((1, 4, 2, 2, 3), 5)])
def test_onnx_lrn(shape, size, dynamic, rng):
    attrs = {"size": size, "alpha": 0.01, "beta": 0.75, "bias": 1.5}
    x = random_array(rng, shape, "f32")
    model = onnx_node_model("LRN", {"x": x}, {"y": x}, attrs, dynamic=dynamic)
    assert_close(tgraph.compile(model)(x), np_lrn(x, **attrs).astype(np.float32), "f32")


# --- the declared references agree with the loops ---------------------------------------------------


def test_references_agree(rng):
    """tg-run --check and constant folding trust the references in the op declarations."""
    from tgraph.dialect.ops import AvgPool, Conv, ConvTranspose, MaxPool, MaxPoolIndices

    x, w = random_array(rng, (1, 4, 6, 5), "f32"), random_array(rng, (6, 2, 3, 2), "f32")
    conv = {"strides": (2, 1), "pads": (1, 0, 1, 1), "dilations": (1, 2), "groups": 2, "auto_pad": "none"}
    assert_close(Conv.evaluate([x, w], conv)[0], np_conv(x, w, [2, 1], [1, 0, 1, 1], [1, 2], 2).astype(np.float32), "f32")
    wt = random_array(rng, (4, 3, 3, 2), "f32")
    transposed = {"strides": (2, 3), "pads": (1, -1, 0, 1), "dilations": (1, 2), "output_padding": (1, 0), "output_shape": (), "groups": 2, "auto_pad": "none"}
    expected = np_conv_transpose(x, wt, [2, 3], [1, -1, 0, 1], [1, 2], 2, [1, 0])
    assert_close(ConvTranspose.evaluate([x, wt], transposed)[0], expected.astype(np.float32), "f32")
    pool = {"kernel": (3, 2), "strides": (2, 2), "pads": (1, 0, 1, 1), "dilations": (1, 1), "ceil_mode": True, "auto_pad": "none"}
    args = ((3, 2), [2, 2], [1, 0, 1, 1], [1, 1], True)
    assert_close(MaxPool.evaluate([x], pool)[0], np_pool(x, *args, "max"), "f32")
    for count_include_pad in (False, True):
        expected = np_pool(x, *args, "avg", count_include_pad).astype(np.float32)
        assert_close(AvgPool.evaluate([x], {**pool, "count_include_pad": count_include_pad})[0], expected, "f32")
    indices = MaxPoolIndices.evaluate([x], {**pool, "ceil_mode": False, "column_major": True})[0]
    np.testing.assert_array_equal(indices, np_max_pool_indices(x, (3, 2), [2, 2], [1, 0, 1, 1], [1, 1], True))
