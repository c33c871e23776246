"""The layout ops (shapes, reshapes, concatenation, slices, gathers, padding, broadcasts, tiles,
triangles, running sums and resizes), compiled and run, against NumPy (numpy.pad, numpy.take...) and
onnx.reference, never against tgraph's own references. Static and dynamic dims, the element types
data movement carries (bools, unsigned and 16-bit floats included), and whole ONNX models whose shapes
are computed at run time, run for several batch sizes from one compile."""

import numpy as np
import pytest
from conftest import DTYPES, assert_close, random_array, tensor_type
from onnx import TensorProto, helper, numpy_helper
from onnx.reference import ReferenceEvaluator

import tgraph

MOVED_DTYPES = ["f32", "f16", "bf16", "f64", "i8", "i64", "ui8", "i1"]
INT64_MAX = np.iinfo(np.int64).max


def dense(values, dtype="i64") -> str:
    """An `arith.constant` value and type for a small integer vector."""
    return f"dense<[{', '.join(str(int(v)) for v in values)}]> : tensor<{len(values)}x{dtype}>"


def compile_function(arguments, body, result_type):
    """A function of `arguments` (name, type) whose `body` lines compute `%r` of `result_type`."""
    args = ", ".join(f"%{name}: {type_}" for name, type_ in arguments)
    lines = "\n".join(f"  {line}" for line in body)
    return tgraph.compile(f"func.func @main({args}) -> {result_type} {{\n{lines}\n  return %r : {result_type}\n}}\n")


def run_unary(op, x, dtype, result_shape, attrs="", dynamic=False, constants=()):
    """`op` applied to `x` and constant operands (MLIR constant values), its result typed `result_shape`."""
    x_type = tensor_type(x.shape, dtype, dynamic)
    result = tensor_type(result_shape, dtype, dynamic)
    body = [f"%c{i} = arith.constant {value}" for i, value in enumerate(constants)]
    operands = ", ".join(["%x"] + [f"%c{i}" for i in range(len(constants))])
    types = ", ".join([x_type] + [value.split(" : ")[-1] for value in constants])
    attributes = f" {{{attrs}}}" if attrs else ""
    body.append(f'%r = "{op}"({operands}){attributes} : ({types}) -> {result}')
    return compile_function([("x", x_type)], body, result)(x)


# --- shapes and reshapes ----------------------------------------------------------------------------


@pytest.mark.parametrize("start,end", [(0, None), (1, None), (-2, None), (0, -1), (1, 2), (-10, 10), (2, 1)])
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_shape(start, end, dynamic, rng):
    x = random_array(rng, (2, 3, 5), "f32")
    expected = np.array(x.shape[start:end], np.int64)
    attrs = f"start = {start} : i64" + (f", end = {end} : i64" if end is not None else "")
    x_type = tensor_type(x.shape, "f32", dynamic)
    function = compile_function([("x", x_type)], [f'%r = "tg.shape"(%x) {{{attrs}}} : ({x_type}) -> tensor<{len(expected)}xi64>'], f"tensor<{len(expected)}xi64>")
    np.testing.assert_array_equal(function(x), expected)


RUNTIME_TARGETS = [
    # (input shape, shape pieces: ints, or ("dims", start, end) of the input's shape), allowzero
    ((2, 3, 4), [("dims", 0, 1), -1, 2], False),
    ((2, 3, 4), [0, 0, -1], False),
    ((6, 4), [-1, ("dims", 0, 1)], False),
    ((0, 3), [("dims", 1, 2), 0], True),  # with allowzero a 0 is a 0
]


@pytest.mark.parametrize("shape,pieces,allowzero", RUNTIME_TARGETS, ids=str)
@pytest.mark.parametrize("dtype", ["f32", "i1", "bf16"])
def test_reshape_to_a_target_computed_at_run_time(shape, pieces, allowzero, dtype, rng):
    """Every dim dynamic: the target is built from tg.shape and constants, as imported models do."""
    x = random_array(rng, shape, dtype)
    target = []
    for piece in pieces:
        target += list(x.shape[piece[1] : piece[2]]) if isinstance(piece, tuple) else [piece]
    expected_shape = [x.shape[i] if d == 0 and not allowzero else d for i, d in enumerate(target)]
    expected = x.reshape(expected_shape)
    x_type = tensor_type(shape, dtype, dynamic=True)
    body, parts = [], []
    for i, piece in enumerate(pieces):
        if isinstance(piece, tuple):
            body.append(f'%p{i} = "tg.shape"(%x) {{start = {piece[1]} : i64, end = {piece[2]} : i64}} : ({x_type}) -> tensor<{piece[2] - piece[1]}xi64>')
            parts.append((f"%p{i}", piece[2] - piece[1]))
        else:
            body.append(f"%p{i} = arith.constant {dense([piece])}")
            parts.append((f"%p{i}", 1))
    joined, length = parts[0]
    for i, (name, size) in enumerate(parts[1:]):
        body.append(f'%j{i} = "tg.concat"({joined}, {name}) {{axis = 0 : i64}} : (tensor<{length}xi64>, tensor<{size}xi64>) -> tensor<{length + size}xi64>')
        joined, length = f"%j{i}", length + size
    result = tensor_type(expected.shape, dtype, dynamic=True)
    attrs = " {allowzero = true}" if allowzero else ""
    body.append(f'%r = "tg.reshape"(%x, {joined}){attrs} : ({x_type}, tensor<{length}xi64>) -> {result}')
    assert_close(compile_function([("x", x_type)], body, result)(x), expected, dtype)


@pytest.mark.parametrize("target,expected_shape", [([0, -1, 2], (3, 10, 2)), ([-1, 5], (12, 5)), ([0, 0, 4], (3, 5, 4))])
def test_reshape_to_a_constant_target_with_dynamic_dims(target, expected_shape, rng):
    x = random_array(rng, (3, 5, 4), "f32")
    out = run_unary("tg.reshape", x, "f32", expected_shape, dynamic=True, constants=[dense(target)])
    assert_close(out, x.reshape(expected_shape), "f32")


# --- concatenation ----------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", MOVED_DTYPES)
@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_concat(dtype, axis, dynamic, rng):
    shapes = {0: ((2, 3), (4, 3)), 1: ((2, 1), (2, 5)), -1: ((2, 0), (2, 3))}[axis]
    a, b = (random_array(rng, s, dtype) for s in shapes)
    expected = np.concatenate([a, b], axis=axis)
    types = [tensor_type(s, dtype, dynamic) for s in shapes]
    result = tensor_type(expected.shape, dtype, dynamic)
    function = compile_function([("a", types[0]), ("b", types[1])], [f'%r = "tg.concat"(%a, %b) {{axis = {axis} : i64}} : ({types[0]}, {types[1]}) -> {result}'], result)
    assert_close(function(a, b), expected, dtype)


# --- slices -------------------------------------------------------------------------------------------

#: (shape, starts, ends, steps, the same slice in Python); ONNX clamps bounds the way Python slicing does here.
SLICES = [
    ((10,), [2], [7], [1], np.s_[2:7]),
    ((10,), [-3], [INT64_MAX], [1], np.s_[-3:]),
    ((10,), [8], [1], [-2], np.s_[8:1:-2]),
    ((10,), [-1], [-INT64_MAX], [-1], np.s_[::-1]),
    ((10,), [20], [30], [1], np.s_[20:30]),
    ((10,), [-20], [3], [1], np.s_[:3]),
    ((4, 6), [1, -1], [3, 0], [1, -2], np.s_[1:3, -1:0:-2]),
    ((3, 4, 5), [0, 1, 0], [INT64_MAX, 3, 5], [2, 1, 3], np.s_[::2, 1:3, ::3]),
]


@pytest.mark.parametrize("shape,starts,ends,steps,python", SLICES, ids=[str(s[4]) for s in SLICES])
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_slice(shape, starts, ends, steps, python, dynamic, rng):
    x = random_array(rng, shape, "f32")
    expected = x[python]
    attrs = f"steps = array<i64: {', '.join(map(str, steps))}>"
    out = run_unary("tg.slice", x, "f32", expected.shape, attrs, dynamic, constants=[dense(starts), dense(ends)])
    assert_close(out, expected, "f32")


def test_slice_start_before_the_first_element_walking_back(rng):
    """ONNX clamps a start before the first element to 0 when stepping back (Python slicing would
    give nothing): [-100:-200:-1] of 5 elements is element 0 alone."""
    x = random_array(rng, (5,), "f32")
    out = run_unary("tg.slice", x, "f32", (1,), "steps = array<i64: -1>", True, constants=[dense([-100]), dense([-200])])
    assert_close(out, x[:1], "f32")


@pytest.mark.parametrize("dtype", MOVED_DTYPES)
def test_slice_dtypes(dtype, rng):
    x = random_array(rng, (4, 6), dtype)
    out = run_unary("tg.slice", x, dtype, (2, 3), "steps = array<i64: 2, -2>", True, constants=[dense([1, 5]), dense([4, 0])])
    assert_close(out, x[1:4:2, 5:0:-2], dtype)


def test_slice_bounds_from_the_shape(rng):
    """x[1 : x.shape[0] - 1] with every dim dynamic: the end is computed from tg.shape at run time."""
    x_type = "tensor<?x?xf32>"
    body = [
        "%one = arith.constant dense<1> : tensor<1xi64>",
        "%starts = arith.constant dense<[1, 0]> : tensor<2xi64>",
        "%rest = arith.constant dense<9223372036854775807> : tensor<1xi64>",
        f'%n = "tg.shape"(%x) {{end = 1 : i64}} : ({x_type}) -> tensor<1xi64>',
        '%last = "tg.sub"(%n, %one) : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi64>',
        '%ends = "tg.concat"(%last, %rest) {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>',
        f'%r = "tg.slice"(%x, %starts, %ends) : ({x_type}, tensor<2xi64>, tensor<2xi64>) -> {x_type}',
    ]
    function = compile_function([("x", x_type)], body, x_type)
    for rows in (2, 3, 7):
        x = random_array(rng, (rows, 4), "f32")
        assert_close(function(x), x[1:-1], "f32")


# --- gathers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("axis,index_shape", [(0, (3,)), (1, (2, 2)), (-1, ()), (0, (0,))], ids=str)
@pytest.mark.parametrize("index_dtype", ["i32", "i64"])
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_gather(axis, index_shape, index_dtype, dynamic, rng):
    x = random_array(rng, (4, 5, 3), "f32")
    n = x.shape[axis]
    indices = rng.integers(-n, n, index_shape).astype(DTYPES[index_dtype])
    expected = np.take(x, np.where(indices < 0, indices + n, indices), axis=axis)
    types = [tensor_type(x.shape, "f32", dynamic), tensor_type(indices.shape, index_dtype, dynamic)]
    result = tensor_type(expected.shape, "f32", dynamic)
    function = compile_function([("x", types[0]), ("i", types[1])], [f'%r = "tg.gather"(%x, %i) {{axis = {axis} : i64}} : ({types[0]}, {types[1]}) -> {result}'], result)
    assert_close(function(x, indices), expected, "f32")


@pytest.mark.parametrize("dtype", MOVED_DTYPES)
def test_gather_dtypes(dtype, rng):
    x = random_array(rng, (6, 2), dtype)
    indices = np.array([[5, -6], [0, 2]], np.int64)
    function = compile_function(
        [("x", "tensor<6x2x" + dtype + ">"), ("i", "tensor<2x2xi64>")],
        [f'%r = "tg.gather"(%x, %i) : (tensor<6x2x{dtype}>, tensor<2x2xi64>) -> tensor<2x2x2x{dtype}>'],
        f"tensor<2x2x2x{dtype}>",
    )
    assert_close(function(x, indices), x[[[5, 0], [0, 2]]], dtype)


@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_gather_elements(axis, dynamic, rng):
    x = random_array(rng, (3, 4), "f32")
    n = x.shape[axis]
    index_shape = (2, 4) if axis == 0 else (3, 2)
    indices = rng.integers(-n, n, index_shape).astype(np.int64)
    region = tuple(slice(None) if d == axis % 2 else slice(0, size) for d, size in enumerate(index_shape))
    expected = np.take_along_axis(x[region], np.where(indices < 0, indices + n, indices), axis=axis)
    types = [tensor_type(x.shape, "f32", dynamic), tensor_type(indices.shape, "i64", dynamic)]
    result = tensor_type(expected.shape, "f32", dynamic)
    function = compile_function([("x", types[0]), ("i", types[1])], [f'%r = "tg.gather_elements"(%x, %i) {{axis = {axis} : i64}} : ({types[0]}, {types[1]}) -> {result}'], result)
    assert_close(function(x, indices), expected, "f32")


# --- padding ------------------------------------------------------------------------------------------

PADS = [
    ((3, 4), [1, 2, 0, 1]),
    ((3, 4), [0, 3, 2, 3]),  # reflect and wrap reach past one period... of the 4 columns, 3 each side
    ((5,), [4, 4]),
    ((2, 3, 4), [0, 1, 1, 1, 0, 2]),
]


@pytest.mark.parametrize("mode", ["constant", "reflect", "edge", "wrap"])
@pytest.mark.parametrize("shape,pads", PADS, ids=str)
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_pad(mode, shape, pads, dynamic, rng):
    x = random_array(rng, shape, "f32")
    rank = x.ndim
    widths = [(pads[d], pads[rank + d]) for d in range(rank)]
    expected = np.pad(x, widths, mode="constant", constant_values=1.5) if mode == "constant" else np.pad(x, widths, mode=mode)
    x_type = tensor_type(shape, "f32", dynamic)
    result = tensor_type(expected.shape, "f32", dynamic)
    body = ["%v = arith.constant dense<1.5> : tensor<f32>", f'%r = "tg.pad"(%x, %v) {{pads = array<i64: {", ".join(map(str, pads))}>, mode = "{mode}"}} : ({x_type}, tensor<f32>) -> {result}']
    assert_close(compile_function([("x", x_type)], body, result)(x), expected, "f32")


@pytest.mark.parametrize("mode", ["constant", "edge"])
def test_pad_negative_crops(mode, rng):
    x = random_array(rng, (4, 5), "f32")
    expected = np.pad(x[1:, :-2], [(0, 2), (1, 0)], mode="constant" if mode == "constant" else "edge")
    body = ["%v = arith.constant dense<0.0> : tensor<f32>", f'%r = "tg.pad"(%x, %v) {{pads = array<i64: -1, 1, 2, -2>, mode = "{mode}"}} : (tensor<?x?xf32>, tensor<f32>) -> tensor<?x?xf32>']
    assert_close(compile_function([("x", "tensor<?x?xf32>")], body, "tensor<?x?xf32>")(x), expected, "f32")


@pytest.mark.parametrize("dtype", MOVED_DTYPES)
def test_pad_dtypes(dtype, rng):
    x = random_array(rng, (2, 3), dtype)
    fill = np.array(1, DTYPES[dtype])
    expected = np.pad(x, [(1, 0), (0, 2)], constant_values=fill)
    x_type = f"tensor<2x3x{dtype}>"
    body = [f'%r = "tg.pad"(%x, %v) {{pads = array<i64: 1, 0, 0, 2>}} : ({x_type}, tensor<{dtype}>) -> tensor<3x5x{dtype}>']
    function = compile_function([("x", x_type), ("v", f"tensor<{dtype}>")], body, f"tensor<3x5x{dtype}>")
    assert_close(function(x, fill), expected, dtype)


# --- broadcasts and tiles ----------------------------------------------------------------------------


@pytest.mark.parametrize("shape,target", [((3, 1), (2, 3, 6)), ((1,), (4,)), ((), (2, 2)), ((2, 1, 3), (2, 5, 3))], ids=str)
@pytest.mark.parametrize("dtype", ["f32", "i1", "ui8"])
def test_broadcast_to(shape, target, dtype, rng):
    x = random_array(rng, shape, dtype)
    out = run_unary("tg.broadcast_to", x, dtype, target)
    assert_close(out, np.broadcast_to(x, target), dtype)


def test_broadcast_dynamic_dims_that_are_one_at_run_time(rng):
    """Unlike elementwise ops, a dynamic input dim may turn out 1 and broadcast."""
    function = compile_function([("x", "tensor<?x?xf32>")], ['%r = "tg.broadcast_to"(%x) : (tensor<?x?xf32>) -> tensor<2x?x6xf32>'], "tensor<2x?x6xf32>")
    for shape in [(3, 1), (3, 6), (1, 6), (1, 1)]:
        x = random_array(rng, shape, "f32")
        assert_close(function(x), np.broadcast_to(x, (2, shape[0], 6)), "f32")


def test_broadcast_to_a_target_computed_at_run_time(rng):
    """ONNX Expand(x, Shape(y)): both ways, with every dim dynamic."""
    body = [
        '%s = "tg.shape"(%y) : (tensor<?x?x?xf32>) -> tensor<3xi64>',
        '%r = "tg.broadcast_to"(%x, %s) : (tensor<?x?xf32>, tensor<3xi64>) -> tensor<?x?x?xf32>',
    ]
    function = compile_function([("x", "tensor<?x?xf32>"), ("y", "tensor<?x?x?xf32>")], body, "tensor<?x?x?xf32>")
    for x_shape, y_shape in [((3, 1), (2, 1, 4)), ((1, 5), (2, 3, 1)), ((3, 4), (1, 1, 1))]:
        x, y = random_array(rng, x_shape, "f32"), random_array(rng, y_shape, "f32")
        assert_close(function(x, y), x * np.ones(y_shape, np.float32), "f32")


@pytest.mark.parametrize("shape,repeats", [((2, 3), (2, 1)), ((3,), (4,)), ((2, 1, 2), (1, 3, 2)), ((2, 2), (0, 1))], ids=str)
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_tile(shape, repeats, dynamic, rng):
    x = random_array(rng, shape, "i64")
    expected = np.tile(x, repeats)
    out = run_unary("tg.tile", x, "i64", expected.shape, f"repeats = array<i64: {', '.join(map(str, repeats))}>", dynamic)
    assert_close(out, expected, "i64")


# --- triangles and running sums ---------------------------------------------------------------------


@pytest.mark.parametrize("upper", [True, False])
@pytest.mark.parametrize("k", [-2, 0, 1, 5])
@pytest.mark.parametrize("shape", [(4, 4), (2, 3, 5), (5, 2)], ids=str)
def test_trilu(upper, k, shape, rng):
    x = random_array(rng, shape, "f32")
    expected = np.triu(x, k) if upper else np.tril(x, k)
    out = run_unary("tg.trilu", x, "f32", shape, f"upper = {str(upper).lower()}, k = {k} : i64", dynamic=True)
    assert_close(out, expected, "f32")


@pytest.mark.parametrize("dtype", ["i1", "bf16", "ui8", "i64"])
def test_trilu_dtypes(dtype, rng):
    x = random_array(rng, (3, 4), dtype)
    assert_close(run_unary("tg.trilu", x, dtype, (3, 4), "k = 1 : i64"), np.triu(x, 1), dtype)


def numpy_cumsum(x, axis, exclusive, reverse):
    x = np.flip(x, axis) if reverse else x
    total = np.cumsum(x, axis=axis, dtype=x.dtype)
    if exclusive:
        total = total - x
    return np.flip(total, axis) if reverse else total


@pytest.mark.parametrize("exclusive", [False, True])
@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize("axis", [0, -1])
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_cumsum(exclusive, reverse, axis, dynamic, rng):
    x = random_array(rng, (3, 5), "i32")
    expected = numpy_cumsum(x, axis, exclusive, reverse)
    attrs = f"axis = {axis} : i64, exclusive = {str(exclusive).lower()}, reverse = {str(reverse).lower()}"
    assert_close(run_unary("tg.cumsum", x, "i32", x.shape, attrs, dynamic), expected, "i32")


@pytest.mark.parametrize("dtype", ["f32", "f64", "f16", "bf16", "i8", "ui16", "i64"])
def test_cumsum_dtypes(dtype, rng):
    x = random_array(rng, (2, 3, 4), dtype, low=-1, high=1)
    expected = np.cumsum(x.astype(np.float64) if dtype in ("f16", "bf16") else x, axis=1).astype(x.dtype)
    assert_close(run_unary("tg.cumsum", x, dtype, x.shape, "axis = 1 : i64", dynamic=True), expected, dtype)


def test_cumsum_of_an_empty_axis():
    x = np.zeros((2, 0), np.float32)
    assert run_unary("tg.cumsum", x, "f32", x.shape, "axis = 1 : i64", dynamic=True).shape == (2, 0)


# --- resizes (against onnx.reference) ----------------------------------------------------------------


def onnx_resize(x, **attrs):
    """ONNX Resize by the reference evaluator, with `scales` or `sizes` (and `roi`) as inputs."""
    inputs = {name: np.asarray(attrs.pop(name), np.float32 if name != "sizes" else np.int64) for name in ("roi", "scales", "sizes") if name in attrs}
    names = ["x"] + [name if name in inputs else "" for name in ("roi", "scales", "sizes")]
    while names[-1] == "":
        names.pop()
    node = helper.make_node("Resize", names, ["y"], **attrs)
    element = TensorProto.DOUBLE if x.dtype == np.float64 else TensorProto.FLOAT
    graph = helper.make_graph(
        [node], "resize", [helper.make_tensor_value_info("x", element, x.shape)], [helper.make_tensor_value_info("y", element, None)],
        [numpy_helper.from_array(v, k) for k, v in inputs.items()],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
    return ReferenceEvaluator(model).run(None, {"x": x})[0]


def mlir_attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if name in ("scales", "roi"):
            parts.append(f"{name} = array<f64: {', '.join(repr(float(v)) for v in value)}>")
        elif name == "sizes":
            parts.append(f"{name} = array<i64: {', '.join(map(str, value))}>")
        elif isinstance(value, str):
            parts.append(f'{name} = "{value}"')
        elif isinstance(value, float):
            parts.append(f"{name} = {value!r} : f64")
        else:
            parts.append(f"{name} = {'true' if value else 'false'}")
    return ", ".join(parts)


RESIZES = [
    dict(mode="nearest", scales=[1, 1, 2, 3]),
    dict(mode="nearest", scales=[1, 1, 0.6, 0.5], nearest_mode="round_prefer_ceil", coordinate_transformation_mode="asymmetric"),
    dict(mode="nearest", sizes=[1, 2, 7, 3], nearest_mode="ceil", coordinate_transformation_mode="half_pixel_symmetric"),
    dict(mode="linear", scales=[1, 1, 2, 1.5]),
    dict(mode="linear", sizes=[1, 2, 3, 9], coordinate_transformation_mode="align_corners"),
    dict(mode="linear", sizes=[1, 2, 1, 4], coordinate_transformation_mode="pytorch_half_pixel"),
    dict(mode="linear", scales=[1, 1, 0.5, 0.4], antialias=1),
    dict(mode="cubic", scales=[1, 1, 1.7, 2.0]),
    dict(mode="cubic", scales=[1, 1, 0.8, 0.6], exclude_outside=1, cubic_coeff_a=-0.5),
    dict(mode="cubic", sizes=[1, 2, 3, 2], antialias=1),
    dict(mode="linear", sizes=[1, 2, 4, 4], coordinate_transformation_mode="tf_crop_and_resize", roi=[0, 0, 0.2, -0.3, 1, 1, 0.9, 1.2], extrapolation_value=7.0),
    dict(mode="nearest", sizes=[1, 2, 6, 6], keep_aspect_ratio_policy="not_larger"),
]


@pytest.mark.parametrize("attrs", RESIZES, ids=[f"{r['mode']}-{r.get('coordinate_transformation_mode', 'half_pixel')}-{i}" for i, r in enumerate(RESIZES)])
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_resize(attrs, dynamic, rng):
    x = random_array(rng, (1, 2, 5, 6), "f32")
    expected = onnx_resize(x, **dict(attrs))
    ours = {k: (int(v) if k in ("antialias", "exclude_outside") else v) for k, v in attrs.items()}
    if "sizes" in ours and ours.get("keep_aspect_ratio_policy", "stretch") == "stretch":
        ours["sizes"] = [s if s != d else -1 for s, d in zip(ours["sizes"], x.shape)]
    out = run_unary("tg.resize", x, "f32", expected.shape, mlir_attrs(ours), dynamic)
    assert_close(out, expected, "f32")


@pytest.mark.parametrize("dtype,mode", [("f16", "linear"), ("bf16", "cubic"), ("f64", "linear"), ("ui8", "linear"), ("i8", "nearest"), ("i32", "cubic")])
def test_resize_dtypes(dtype, mode, rng):
    x = random_array(rng, (1, 1, 3, 4), dtype)
    expected = onnx_resize(x.astype(np.float64 if dtype == "f64" else np.float32), mode=mode, scales=[1, 1, 2, 1.5])
    if dtype in ("ui8", "i8", "i32"):
        info = np.iinfo(DTYPES[dtype])
        expected = np.clip(np.round(expected), info.min, info.max)
    out = run_unary("tg.resize", x, dtype, expected.shape, f'mode = "{mode}", scales = array<f64: 1.0, 1.0, 2.0, 1.5>', dynamic=True)
    if dtype in ("ui8", "i8", "i32"):  # rounding of f32 sums may differ by one at .5
        np.testing.assert_allclose(out.astype(np.float64), expected, atol=1)
    else:
        assert_close(out, expected.astype(DTYPES[dtype]), dtype)


# --- whole ONNX models with shapes computed at run time ---------------------------------------------


def onnx_model(nodes, inputs, outputs, initializers=()):
    graph = helper.make_graph(nodes, "model", inputs, outputs, [numpy_helper.from_array(np.asarray(v), k) for k, v in dict(initializers).items()])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])


def shape_computed_reshape():
    """x.reshape(x.shape[0], -1, 3) through Shape -> Gather -> Unsqueeze -> Concat -> Reshape."""
    return onnx_model(
        [
            helper.make_node("Shape", ["x"], ["shape"]),
            helper.make_node("Gather", ["shape", "zero"], ["batch"], axis=0),
            helper.make_node("Unsqueeze", ["batch", "axes"], ["batch1"]),
            helper.make_node("Concat", ["batch1", "rest"], ["target"], axis=0),
            helper.make_node("Reshape", ["x", "target"], ["y"]),
        ],
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "n", 6])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", None, 3])],
        {"zero": np.array(0, np.int64), "axes": np.array([0], np.int64), "rest": np.array([-1, 3], np.int64)},
    )


def test_shape_computed_reshape_runs_for_several_batch_sizes_from_one_compile(rng):
    model = shape_computed_reshape()
    function = tgraph.compile(model)
    reference = ReferenceEvaluator(model)
    for batch, n in [(1, 4), (3, 2), (7, 5), (2, 1)]:
        x = random_array(rng, (batch, n, 6), "f32")
        out = function(x)
        assert out.shape == (batch, 2 * n, 3)
        assert_close(out, reference.run(None, {"x": x})[0], "f32")


def test_shape_computed_reshape_folds_when_the_shapes_are_static(rng):
    function = tgraph.compile(shape_computed_reshape(), bind={"batch": 2, "n": 4})
    assert [str(t) for t in function.output_types] == ["tensor<2x8x3xf32>"]
    x = random_array(rng, (2, 4, 6), "f32")
    assert_close(function(x), x.reshape(2, -1, 3), "f32")


def test_attention_heads_split_and_merged_with_dynamic_batch_and_length(rng):
    """The reshape/transpose pattern of a transformer layer, with targets [0, 0, heads, -1] and
    [0, 0, -1]: batch and sequence length both dynamic."""
    model = onnx_model(
        [
            helper.make_node("Reshape", ["x", "split_heads"], ["heads"]),
            helper.make_node("Transpose", ["heads"], ["by_head"], perm=[0, 2, 1, 3]),
            helper.make_node("Transpose", ["by_head"], ["back"], perm=[0, 2, 1, 3]),
            helper.make_node("Reshape", ["back", "merge_heads"], ["y"]),
        ],
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "seq", 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", "seq", 8])],
        {"split_heads": np.array([0, 0, 2, -1], np.int64), "merge_heads": np.array([0, 0, -1], np.int64)},
    )
    function = tgraph.compile(model)
    for batch, seq in [(1, 3), (4, 1), (2, 5)]:
        x = random_array(rng, (batch, seq, 8), "f32")
        assert_close(function(x), x, "f32")


@pytest.mark.parametrize("op,attrs,shape", [("DepthToSpace", {"blocksize": 2}, (2, 8, 3, 2)), ("DepthToSpace", {"blocksize": 2, "mode": "CRD"}, (1, 4, 2, 3)), ("SpaceToDepth", {"blocksize": 2}, (2, 3, 4, 6))])
def test_depth_space_with_every_dim_dynamic(op, attrs, shape, rng):
    model = onnx_model(
        [helper.make_node(op, ["x"], ["y"], **attrs)],
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", "c", "h", "w"])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None] * 4)],
    )
    function = tgraph.compile(model)
    x = random_array(rng, shape, "f32")
    assert_close(function(x), ReferenceEvaluator(model).run(None, {"x": x})[0], "f32")


def test_split_in_equal_parts_of_a_dynamic_dim(rng):
    model = onnx_model(
        [helper.make_node("Split", ["x"], ["a", "b", "c"], axis=1, num_outputs=3)],
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, "n"])],
        [helper.make_tensor_value_info(name, TensorProto.FLOAT, [2, None]) for name in "abc"],
    )
    function = tgraph.compile(model)
    for n in (3, 7, 8):
        x = random_array(rng, (2, n), "f32")
        for ours, theirs in zip(function(x), ReferenceEvaluator(model).run(None, {"x": x})):
            assert_close(ours, theirs, "f32")


def test_reshape_to_a_target_given_as_an_argument(rng):
    """Small integer arguments are known to the runtime's shape computation: a target passed in works."""
    function = compile_function(
        [("x", "tensor<?x?xf32>"), ("t", "tensor<3xi64>")],
        ['%r = "tg.reshape"(%x, %t) : (tensor<?x?xf32>, tensor<3xi64>) -> tensor<?x?x?xf32>'],
        "tensor<?x?x?xf32>",
    )
    x = random_array(rng, (4, 6), "f32")
    for target in ([2, -1, 3], [0, 3, 2], [24, 1, 1]):
        assert_close(function(x, np.array(target, np.int64)), x.reshape([4 if d == 0 else d for d in target]), "f32")
    with pytest.raises(ValueError, match="do not fit the target shape"):
        function(x, np.array([5, 5, 1], np.int64))
