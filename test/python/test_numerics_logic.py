"""Comparisons, logic, select and casts, lowered and JIT-compiled, against independent references:
NumPy and ml_dtypes conversions, onnx.reference for ONNX's saturating casts, and
onnx.numpy_helper.to_float8e8m0 for the power-of-two type. Static and dynamic shapes, broadcasting,
and the values that make casts interesting (NaN, infinities, -0, out of range, halfway cases)."""

from itertools import permutations

import ml_dtypes
import numpy as np
import onnx
import pytest
from conftest import random_array, single_op_module, tensor_type
from onnx import helper
from onnx.numpy_helper import to_float8e8m0
from onnx.reference import ReferenceEvaluator

import tgraph
from tgraph.dialect.types import NUMPY_DTYPES

SPECIAL_FLOATS = [0.0, -0.0, 0.3, -0.7, 1.5, 2.5, -2.5, 7.9, -9.0, 15.5, 100.0, 240.0, 448.0, 449.0, 500.0,
                  6e4, 1e6, 1e-7, -1e-7, -1e6, np.nan, np.inf, -np.inf]  # fmt: skip


def compile_op(op, operand_types, result_type, attrs=""):
    return tgraph.compile(single_op_module(op, operand_types, result_type, attrs))


def run(op, arrays, dtypes, result_dtype, result_shape, *, attrs="", dynamic=False):
    """`op` on arrays of the given tg element types, every dim dynamic if asked."""
    types = [tensor_type(a.shape, d, dynamic) for a, d in zip(arrays, dtypes)]
    return compile_op(op, types, tensor_type(result_shape, result_dtype, dynamic), attrs)(*arrays)


def assert_same(actual: np.ndarray, expected: np.ndarray):
    """Exactly the expected elements and dtype: bit for bit, except that any NaN matches any NaN."""
    assert actual.dtype == expected.dtype, f"dtype {actual.dtype} != {expected.dtype}"
    assert actual.shape == expected.shape, f"shape {actual.shape} != {expected.shape}"
    if actual.dtype.kind in "fV" or actual.dtype.name.startswith(("float", "bfloat")):
        actual_nan, expected_nan = (np.isnan(a.astype(np.float64)) for a in (actual, expected))
        np.testing.assert_array_equal(actual_nan, expected_nan, err_msg="NaN positions differ")
        bits = f"u{actual.dtype.itemsize}"
        mismatch = (actual.view(bits) != expected.view(bits)) & ~expected_nan
        assert not mismatch.any(), f"at {np.argwhere(mismatch)[:5].tolist()}: got {actual[mismatch][:5]}, expected {expected[mismatch][:5]}"
    else:
        np.testing.assert_array_equal(actual, expected)


# --- comparisons ------------------------------------------------------------------------------------

PREDICATES = {"eq": np.equal, "ne": np.not_equal, "lt": np.less, "le": np.less_equal, "gt": np.greater, "ge": np.greater_equal}


@pytest.mark.parametrize("predicate", PREDICATES)
@pytest.mark.parametrize("dtype", ["f32", "f16", "bf16", "f64", "i8", "i32", "i64", "ui8", "ui32", "ui64", "i1"])
def test_compare(predicate, dtype, rng):
    lhs, rhs = random_array(rng, (4, 5), dtype), random_array(rng, (4, 5), dtype)
    rhs[0] = lhs[0]  # some equal pairs
    if dtype.startswith(("f", "bf")):
        lhs[1, :2] = np.nan  # ordered predicates are false with NaN, "ne" is true
        rhs[2, 3] = np.nan
    expected = PREDICATES[predicate](lhs.astype(np.float64) if dtype == "bf16" else lhs, rhs.astype(np.float64) if dtype == "bf16" else rhs)
    got = run("tg.compare", [lhs, rhs], [dtype] * 2, "i1", lhs.shape, attrs=f'predicate = "{predicate}"')
    assert_same(got, expected)


def test_compare_unsigned_order():
    """Unsigned integers above the signed range compare as unsigned."""
    lhs = np.array([0, 1, 200, 255], np.uint8)
    rhs = np.array([255, 128, 100, 0], np.uint8)
    assert_same(run("tg.compare", [lhs, rhs], ["ui8"] * 2, "i1", (4,), attrs='predicate = "lt"'), lhs < rhs)


@pytest.mark.parametrize("shapes", [((3, 1), (4,)), ((), (2, 3)), ((2, 1, 5), (3, 1))], ids=str)
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_compare_broadcasting(shapes, dynamic, rng):
    lhs, rhs = (random_array(rng, s, "i32") for s in shapes)
    expected = lhs >= rhs
    types = [dynamic_except_ones(s, "i32") if dynamic else tensor_type(s, "i32") for s in shapes]
    result = dynamic_except_ones(expected.shape, "i1") if dynamic else tensor_type(expected.shape, "i1")
    assert_same(compile_op("tg.compare", types, result, 'predicate = "ge"')(lhs, rhs), expected)


def dynamic_except_ones(shape, dtype) -> str:
    """Every dim dynamic except the 1s, which must stay static to broadcast."""
    return "tensor<" + "".join(("1" if d == 1 else "?") + "x" for d in shape) + dtype + ">"


# --- logic ------------------------------------------------------------------------------------------

LOGICAL = {"tg.and": np.logical_and, "tg.or": np.logical_or, "tg.xor": np.logical_xor}


@pytest.mark.parametrize("op", LOGICAL)
@pytest.mark.parametrize("shapes", [((3, 4), (3, 4)), ((2, 3, 4), (4,)), ((3, 1, 5), (1, 4, 1)), ((), ())], ids=str)
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_logical(op, shapes, dynamic, rng):
    lhs, rhs = (random_array(rng, s, "i1") for s in shapes)
    expected = LOGICAL[op](lhs, rhs)
    types = [dynamic_except_ones(s, "i1") if dynamic else tensor_type(s, "i1") for s in shapes]
    result = dynamic_except_ones(expected.shape, "i1") if dynamic else tensor_type(expected.shape, "i1")
    assert_same(compile_op(op, types, result)(lhs, rhs), expected)


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_not(dynamic, rng):
    x = random_array(rng, (3, 7), "i1")
    assert_same(run("tg.not", [x], ["i1"], "i1", x.shape, dynamic=dynamic), ~x)


def test_chained_logic_on_compared_values(rng):
    """Bools made by one op and read by the next (stored as bytes in between)."""
    x, y = random_array(rng, (5, 6), "f32"), random_array(rng, (5, 6), "f32")
    t = "tensor<5x6xf32>"
    b = "tensor<5x6xi1>"
    source = f"""
    func.func @main(%x: {t}, %y: {t}) -> {t} {{
      %lt = "tg.compare"(%x, %y) {{predicate = "lt"}} : ({t}, {t}) -> {b}
      %pos = "tg.compare"(%x, %y) {{predicate = "ne"}} : ({t}, {t}) -> {b}
      %both = "tg.and"(%lt, %pos) : ({b}, {b}) -> {b}
      %neither = "tg.not"(%both) : ({b}) -> {b}
      %r = "tg.select"(%neither, %x, %y) : ({b}, {t}, {t}) -> {t}
      return %r : {t}
    }}"""
    expected = np.where(~((x < y) & (x != y)), x, y)
    assert_same(tgraph.compile(source)(x, y), expected)


# --- select -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", ["f32", "f16", "bf16", "f64", "i8", "i64", "ui16", "i1", "i4", "ui2", "f8E4M3FN", "f4E2M1FN"])
def test_select_dtypes(dtype, rng):
    condition = random_array(rng, (3, 4), "i1")
    values = np.array(rng.integers(-1, 2, (2, 3, 4))) if dtype in ("i4", "ui2", "i1") else rng.uniform(-3, 3, (2, 3, 4))
    if dtype == "ui2":
        values = np.abs(values)
    x, y = values.astype(NUMPY_DTYPES[dtype])
    assert_same(run("tg.select", [condition, x, y], ["i1", dtype, dtype], dtype, x.shape), np.where(condition, x, y))


@pytest.mark.parametrize("shapes", [((3, 1), (3, 4), ()), ((4,), (2, 1), (2, 4)), ((), (), ()), ((2, 1, 3), (1, 5, 1), (3,))], ids=str)
@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_select_broadcasting(shapes, dynamic, rng):
    condition = random_array(rng, shapes[0], "i1")
    x, y = (random_array(rng, s, "f32") for s in shapes[1:])
    expected = np.where(condition, x, y)
    dtypes = ["i1", "f32", "f32"]
    types = [dynamic_except_ones(s, d) if dynamic else tensor_type(s, d) for s, d in zip(shapes, dtypes)]
    result = dynamic_except_ones(expected.shape, "f32") if dynamic else tensor_type(expected.shape, "f32")
    assert_same(compile_op("tg.select", types, result)(condition, x, y), expected)


# --- casts between the compute types ----------------------------------------------------------------

FLOATS = ["f16", "bf16", "f32", "f64"]


def special_floats(dtype: str) -> np.ndarray:
    with np.errstate(over="ignore"):
        return np.array(SPECIAL_FLOATS, np.float64).astype(NUMPY_DTYPES[dtype])


@pytest.mark.parametrize("source,target", list(permutations(FLOATS, 2)))
def test_cast_float_to_float(source, target, rng):
    """Round to nearest even, overflow to inf, NaN and signed zeros kept (NumPy and ml_dtypes)."""
    x = np.concatenate([special_floats(source), random_array(rng, (40,), source, -1e4, 1e4)])
    with np.errstate(over="ignore"):
        expected = x.astype(NUMPY_DTYPES[target])
    assert_same(run("tg.cast", [x], [source], target, x.shape), expected)


INTEGERS = ["i8", "i16", "i32", "i64", "ui8", "ui16", "ui32", "ui64"]


@pytest.mark.parametrize("source", INTEGERS)
@pytest.mark.parametrize("target", ["f32", "f64", "f16", "bf16"])
def test_cast_integer_to_float(source, target, rng):
    dtype = NUMPY_DTYPES[source]
    info = np.iinfo(dtype)
    edges = np.array([info.min, info.max, 0, 1], dtype)
    x = np.concatenate([edges, rng.integers(max(info.min, -(2**20)), min(info.max, 2**20), 30, dtype=dtype)])
    with np.errstate(over="ignore"):  # f16 overflows to inf
        expected = x.astype(np.float64).astype(NUMPY_DTYPES[target]) if target == "bf16" else x.astype(NUMPY_DTYPES[target])
    assert_same(run("tg.cast", [x], [source], target, x.shape), expected)


@pytest.mark.parametrize("source", ["f32", "f64", "f16", "bf16"])
@pytest.mark.parametrize("target", INTEGERS)
def test_cast_float_to_integer_in_range(source, target, rng):
    """Truncation toward zero, for values the target holds (elsewhere NumPy's result is the CPU's)."""
    info = np.iinfo(NUMPY_DTYPES[target])
    low, high = max(float(info.min), -3e4), min(float(info.max), 3e4)
    x = np.concatenate([[-0.0, 0.5, -0.5, 0.99, -0.99, 2.5, -2.5], rng.uniform(low, high, 40)])
    x = np.clip(x, low, high).astype(NUMPY_DTYPES[source])
    x = x[(x.astype(np.float64) >= info.min) & (x.astype(np.float64) <= info.max)]
    expected = np.trunc(x.astype(np.float64)).astype(NUMPY_DTYPES[target])
    assert_same(run("tg.cast", [x], [source], target, x.shape), expected)


def test_cast_float_to_integer_out_of_range():
    """Defined results where ONNX leaves them undefined: as if through i64 (saturating, NaN to 0),
    then the target's low bits; ui64 holds [2^63, 2^64)."""
    x = np.array([np.nan, -1.0, 300.0, 1e30, -1e30, 3e9, 1e19, 2e19, np.inf], np.float64)
    i64_max, i64_min = np.iinfo(np.int64).max, np.iinfo(np.int64).min
    wide = [0, -1, 300, i64_max, i64_min, 3_000_000_000, i64_max, i64_max, i64_max]
    for target, dtype in (("i64", np.int64), ("i32", np.int32), ("ui8", np.uint8), ("i8", np.int8)):
        expected = np.array(wide, np.int64).astype(dtype)  # NumPy keeps the low bits
        assert_same(run("tg.cast", [x], ["f64"], target, x.shape), expected)
    expected_ui64 = np.array([0, 2**64 - 1, 300, 2**64 - 1, 2**63, 3_000_000_000, 10**19, 2**64 - 1, 2**64 - 1], np.uint64)
    assert_same(run("tg.cast", [x], ["f64"], "ui64", x.shape), expected_ui64)


@pytest.mark.parametrize(
    "source,target",
    [("i32", "i8"), ("i8", "i64"), ("ui8", "i32"), ("i8", "ui32"), ("i64", "ui16"), ("ui64", "i64"), ("ui32", "ui64"), ("i16", "ui8")],
)
def test_cast_integer_to_integer(source, target, rng):
    """Wider: extended by the source's signedness; narrower: the low bits (NumPy's astype)."""
    dtype = NUMPY_DTYPES[source]
    info = np.iinfo(dtype)
    edges = np.array([info.min, info.max, 0, info.max // 2 + 1], dtype)
    x = np.concatenate([edges, rng.integers(info.min, info.max, 30, endpoint=True, dtype=dtype)])
    assert_same(run("tg.cast", [x], [source], target, x.shape), x.astype(NUMPY_DTYPES[target]))


@pytest.mark.parametrize("source", ["f32", "f16", "i32", "ui8", "f8E4M3FN", "i4"])
def test_cast_to_bool(source):
    """Zero (either sign) is false; everything else, NaN included, is true."""
    values = [0.0, -0.0, 1.0, -2.0, 0.5, np.nan, np.inf] if source.startswith("f") else [0, 1, 2, 7, 5, 0]
    x = np.array(values).astype(NUMPY_DTYPES[source])
    expected = np.array(values, np.float64) != 0
    assert_same(run("tg.cast", [x], [source], "i1", x.shape), expected)


@pytest.mark.parametrize("target", ["f32", "bf16", "i8", "ui64", "f8E5M2", "f8E8M0FNU", "i4"])
def test_cast_from_bool(target):
    x = np.array([True, False, True])
    ones_and_zeros = np.array([1, 0, 1], np.float32)
    # f8E8M0FNU has no zero: ONNX takes 0 to its smallest value, 2^-127.
    expected = to_float8e8m0(ones_and_zeros) if target == "f8E8M0FNU" else ones_and_zeros.astype(NUMPY_DTYPES[target])
    assert_same(run("tg.cast", [x], ["i1"], target, x.shape), expected)


@pytest.mark.parametrize("source,target", [("f32", "i32"), ("i64", "f16"), ("f8E4M3FN", "f32"), ("f32", "i4")])
def test_cast_dynamic(source, target, rng):
    x = np.array(rng.integers(-7, 8, (3, 5))).astype(NUMPY_DTYPES[source])
    expected = x.astype(np.float32).astype(NUMPY_DTYPES[target])
    assert_same(run("tg.cast", [x], [source], target, x.shape, dynamic=True), expected)


# --- casts to and from the 8- and 4-bit floats ------------------------------------------------------

FLOAT8 = ["f8E4M3FN", "f8E4M3FNUZ", "f8E5M2", "f8E5M2FNUZ"]
ONNX_TYPES = {
    "f32": onnx.TensorProto.FLOAT, "f16": onnx.TensorProto.FLOAT16, "f64": onnx.TensorProto.DOUBLE,
    "f8E4M3FN": onnx.TensorProto.FLOAT8E4M3FN, "f8E4M3FNUZ": onnx.TensorProto.FLOAT8E4M3FNUZ,
    "f8E5M2": onnx.TensorProto.FLOAT8E5M2, "f8E5M2FNUZ": onnx.TensorProto.FLOAT8E5M2FNUZ,
    "i32": onnx.TensorProto.INT32,
}  # fmt: skip


def onnx_cast(x: np.ndarray, source: str, target: str, **attrs) -> np.ndarray:
    """ONNX's own Cast (onnx.reference) of `x`."""
    node = helper.make_node("Cast", ["x"], ["y"], to=ONNX_TYPES[target], **attrs)
    graph = helper.make_graph(
        [node], "cast", [helper.make_tensor_value_info("x", ONNX_TYPES[source], x.shape)], [helper.make_tensor_value_info("y", ONNX_TYPES[target], x.shape)]
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 25)])
    with np.errstate(all="ignore"):
        return ReferenceEvaluator(model).run(None, {"x": x})[0]


def halfway_values(target: str) -> np.ndarray:
    """Every value of the small float and the midpoints between neighbours (ties to even)."""
    finite = np.arange(256, dtype=np.uint8).view(NUMPY_DTYPES[target]).astype(np.float32)
    finite = np.unique(finite[np.isfinite(finite)])
    return np.concatenate([finite, (finite[:-1] + finite[1:]) / 2])


@pytest.mark.parametrize("source", ["f32", "f16", "f64", "i32"])
@pytest.mark.parametrize("target", FLOAT8)
def test_cast_to_float8_saturating(source, target):
    """Out of range (infinities included) clamps to the largest finite value (ONNX's default)."""
    if source == "i32":
        x = np.array([0, 1, -3, 17, 100, 250, 1000, -1000, 70000, -(2**31)], np.int32)
    else:
        with np.errstate(over="ignore"):
            x = np.concatenate([SPECIAL_FLOATS, halfway_values(target)]).astype(NUMPY_DTYPES[source])
    assert_same(run("tg.cast", [x], [source], target, x.shape), onnx_cast(x, source, target))


@pytest.mark.parametrize("source", ["f32", "f16"])
@pytest.mark.parametrize("target", FLOAT8)
def test_cast_to_float8_not_saturating(source, target):
    """saturate = false: overflow gives inf (f8E5M2) or NaN (the others), as ml_dtypes converts."""
    with np.errstate(all="ignore"):
        x = np.concatenate([SPECIAL_FLOATS, halfway_values(target)]).astype(NUMPY_DTYPES[source])
        expected = x.astype(NUMPY_DTYPES[target])
    assert_same(run("tg.cast", [x], [source], target, x.shape, attrs="saturate = false"), expected)
    assert_same(expected, onnx_cast(x, source, target, saturate=0))


@pytest.mark.parametrize("source", FLOAT8 + ["f4E2M1FN", "f8E8M0FNU"])
@pytest.mark.parametrize("target", ["f32", "f16", "bf16", "f64"])
def test_cast_from_small_float(source, target):
    """Every bit pattern of the source, widened exactly (then rounded once for f16/bf16)."""
    patterns = np.arange(16 if source == "f4E2M1FN" else 256, dtype=np.uint8)
    x = patterns.view(NUMPY_DTYPES[source])
    with np.errstate(over="ignore"):
        expected = x.astype(np.float32).astype(NUMPY_DTYPES[target])
    assert_same(run("tg.cast", [x], [source], target, x.shape), expected)


@pytest.mark.parametrize("source", ["f32", "f16"])
def test_cast_to_float4(source):
    """f4E2M1FN clamps to +-6 and takes NaN to a zero (ml_dtypes, which the ONNX tests use)."""
    with np.errstate(invalid="ignore", over="ignore"):
        x = np.concatenate([SPECIAL_FLOATS, [0.25, 0.75, 1.25, 1.75, 2.5, 3.5, 5.0, -5.0, 5.5, 6.5, 0.24]]).astype(NUMPY_DTYPES[source])
        expected = x.astype(ml_dtypes.float4_e2m1fn)
    assert_same(run("tg.cast", [x], [source], "f4E2M1FN", x.shape), expected)


E8M0_INPUTS = [0.0, 0.124, 0.125, 0.25, 0.5, 0.75, 1.0, 1.1, 1.5, 1.6, 2.0, 3.0, 4.0, 8.0, 1e-40, 3e-39,
               2.0**127, 1.5 * 2.0**127, 3e38, np.inf, np.nan, -2.0, -0.3]  # fmt: skip


@pytest.mark.parametrize("round_mode", ["up", "nearest", "down"])
@pytest.mark.parametrize("saturate", [True, False])
def test_cast_to_e8m0(round_mode, saturate):
    """A power of two chosen by `round_mode`, as onnx.numpy_helper.to_float8e8m0 computes it."""
    x = np.array(E8M0_INPUTS, np.float32)
    attrs = f'round_mode = "{round_mode}", saturate = {"true" if saturate else "false"}'
    got = run("tg.cast", [x], ["f32"], "f8E8M0FNU", x.shape, attrs=attrs)
    assert_same(got, to_float8e8m0(x, saturate, round_mode))


def test_cast_f16_to_e8m0():
    x = np.array([0.0, 0.124, 0.25, 1.1, 2.0, 6e4, np.inf], np.float16)
    assert_same(run("tg.cast", [x], ["f16"], "f8E8M0FNU", x.shape), to_float8e8m0(x))


@pytest.mark.parametrize("target", ["i4", "ui4", "i2", "ui2"])
@pytest.mark.parametrize("source", ["f32", "f16"])
def test_cast_float_to_narrow_integer(source, target):
    """Truncated, then wrapped to the width (ml_dtypes, which the ONNX tests use)."""
    x = np.concatenate([np.arange(-9, 17), [0.5, -0.5, 2.7, -2.7]]).astype(NUMPY_DTYPES[source])
    assert_same(run("tg.cast", [x], [source], target, x.shape), x.astype(NUMPY_DTYPES[target]))


@pytest.mark.parametrize("source", ["i4", "ui4", "i2", "ui2"])
@pytest.mark.parametrize("target", ["f32", "f16", "i8", "ui8", "i64", "ui2"])
def test_cast_from_narrow_integer(source, target):
    """Extended by signedness (or wrapped to ui2), as NumPy converts the same values."""
    if source == target:
        target = "i2"
    x = np.arange(16 if source.endswith("4") else 4, dtype=np.uint8).view(NUMPY_DTYPES[source])
    assert_same(run("tg.cast", [x], [source], target, x.shape), x.astype(np.int64).astype(NUMPY_DTYPES[target]))


@pytest.mark.parametrize("source,target", [("f8E4M3FN", "f8E5M2"), ("f8E5M2", "f8E4M3FN"), ("f8E5M2FNUZ", "f4E2M1FN"), ("f4E2M1FN", "f8E4M3FNUZ")])
def test_cast_between_small_floats(source, target):
    """Through f32 (exact), then to the target as from f32 (saturating). Compared by value: a NaN's sign
    (which picks the sign of the zero f4E2M1FN makes of it) is not defined by the widening."""
    x = np.arange(16 if source == "f4E2M1FN" else 256, dtype=np.uint8).view(NUMPY_DTYPES[source])
    wide = x.astype(np.float32)
    expected = onnx_cast(wide, "f32", target) if target in FLOAT8 else wide.astype(NUMPY_DTYPES[target])
    got = run("tg.cast", [x], [source], target, x.shape)
    assert got.dtype == expected.dtype
    np.testing.assert_array_equal(got.astype(np.float32), expected.astype(np.float32))


# --- the declared references, used to fold constants and by tg-run --check --------------------------


def test_references_agree(rng):
    from tgraph.dialect.ops import Cast, Compare, Select, Xor
    from tgraph.dialect.types import TensorSpec

    x, y = random_array(rng, (3, 4), "f32"), random_array(rng, (4,), "f32")
    assert_same(Compare.evaluate([x, y], {"predicate": "le"})[0], x <= y)
    a, b = random_array(rng, (3, 4), "i1"), random_array(rng, (4,), "i1")
    assert_same(Xor.evaluate([a, b], {})[0], a ^ b)
    assert_same(Select.evaluate([a, x, y], {})[0], np.where(a, x, y))
    specials = np.array(SPECIAL_FLOATS, np.float32)

    def cast(array, target, **attrs):
        declared = [TensorSpec(array.shape, target)]
        return Cast.evaluate([array], {"saturate": True, "round_mode": "up", **attrs}, declared)[0]

    for target in FLOAT8:
        assert_same(cast(specials, target), onnx_cast(specials, "f32", target))
        assert_same(cast(specials, target, saturate=False), onnx_cast(specials, "f32", target, saturate=0))
    for mode in ("up", "nearest", "down"):
        e8m0 = np.array(E8M0_INPUTS, np.float32)
        assert_same(cast(e8m0, "f8E8M0FNU", round_mode=mode), to_float8e8m0(e8m0, True, mode))
    assert_same(cast(specials, "f4E2M1FN"), specials.astype(ml_dtypes.float4_e2m1fn))
    assert_same(cast(np.arange(-9.0, 17.0, dtype=np.float32), "i4"), np.arange(-9.0, 17.0, dtype=np.float32).astype(ml_dtypes.int4))
