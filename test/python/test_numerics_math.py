"""The math ops and the ONNX math functions and activations, compiled and run, against NumPy (Python's
math.erf for erf) and onnx.reference, never against tgraph's own references. Static and dynamic dims."""

import math

import numpy as np
import onnx
import pytest
from conftest import DTYPES, TOLERANCES, assert_close, random_array
from onnx import helper
from onnx.reference import ReferenceEvaluator
from test_numerics import run_op, wide

import tgraph

# --- float functions --------------------------------------------------------------------------------

#: op -> (NumPy function on float64, low, high): inputs are drawn inside the function's domain.
FLOAT_FUNCTIONS = {
    "tg.ceil": (np.ceil, -3, 3),
    "tg.floor": (np.floor, -3, 3),
    "tg.round": (np.round, -3, 3),
    "tg.sin": (np.sin, -4, 4),
    "tg.cos": (np.cos, -4, 4),
    "tg.tan": (np.tan, -1.4, 1.4),
    "tg.asin": (np.arcsin, -0.99, 0.99),
    "tg.acos": (np.arccos, -0.99, 0.99),
    "tg.atan": (np.arctan, -5, 5),
    "tg.sinh": (np.sinh, -4, 4),
    "tg.cosh": (np.cosh, -4, 4),
    "tg.asinh": (np.arcsinh, -5, 5),
    "tg.acosh": (np.arccosh, 1, 6),
    "tg.atanh": (np.arctanh, -0.95, 0.95),
    "tg.erf": (np.vectorize(math.erf, otypes=[np.float64]), -3, 3),
    "tg.softplus": (lambda x: np.logaddexp(0.0, x), -10, 10),
}


def float_input(rng, shape, dtype, low, high):
    """Uniform inputs; bf16 and f16 ones are rounded first, so that NumPy sees the same values."""
    return rng.uniform(low, high, shape).astype(DTYPES[dtype])


def run_unary(op, x, dtype, dynamic=False, result_dtype=None):
    return run_op(op, [x], [dtype], result_dtype or dtype, dynamic=dynamic, result_shape=x.shape)


@pytest.mark.parametrize("op", FLOAT_FUNCTIONS)
@pytest.mark.parametrize("dtype", ["f32", "f64", "f16", "bf16"])
def test_float_functions(op, dtype, rng):
    function, low, high = FLOAT_FUNCTIONS[op]
    x = float_input(rng, (3, 5), dtype, low, high)
    assert_close(run_unary(op, x, dtype), function(wide(x)).astype(x.dtype), dtype)


@pytest.mark.parametrize("op", ["tg.sin", "tg.asinh", "tg.erf", "tg.round", "tg.softplus"])
def test_float_functions_dynamic(op, rng):
    function, low, high = FLOAT_FUNCTIONS[op]
    for shape in [(1, 7), (4, 3)]:
        x = float_input(rng, shape, "f32", low, high)
        assert_close(run_unary(op, x, "f32", dynamic=True), function(wide(x)), "f32")


def test_round_halves_to_even():
    x = np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 0.49999997, -0.0], np.float32)
    np.testing.assert_array_equal(run_unary("tg.round", x, "f32"), [-2, -2, -0.0, 0, 2, 2, 4, 0, -0.0])


def test_functions_outside_their_domain_give_nan_or_inf():
    x = np.array([-2.0, 1.0, -1.0, 2.0], np.float32)
    with np.errstate(all="ignore"):
        for op, expected in [("tg.asin", np.arcsin(x)), ("tg.acosh", np.arccosh(x)), ("tg.atanh", np.arctanh(x))]:
            np.testing.assert_array_equal(run_unary(op, x, "f32"), expected)


def test_softplus_is_stable_at_the_extremes():
    """No overflow for large inputs, and exp(x) kept for very negative ones (a plain log(1 + exp(x))
    gives inf and 0 there)."""
    x = np.array([-80.0, -40.0, -20.0, -1e-3, 0.0, 1e-3, 20.0, 40.0, 100.0, 1e30, np.inf, -np.inf], np.float32)
    expected = np.logaddexp(0.0, x.astype(np.float64))
    np.testing.assert_allclose(run_unary("tg.softplus", x, "f32"), expected, rtol=2e-6, atol=0)


# --- sign and magnitude -----------------------------------------------------------------------------

SIGN_AND_MAGNITUDE = {"tg.abs": np.abs, "tg.sign": np.sign}


@pytest.mark.parametrize("op", SIGN_AND_MAGNITUDE)
@pytest.mark.parametrize("dtype", ["f32", "f16", "bf16", "i8", "i32", "i64", "ui8", "ui32", "ui64"])
def test_abs_sign(op, dtype, rng):
    x = random_array(rng, (2, 6), dtype)
    x.flat[0] = 0
    assert_close(run_unary(op, x, dtype), SIGN_AND_MAGNITUDE[op](x), dtype)


def test_sign_keeps_nan_and_signed_zero():
    x = np.array([np.nan, -0.0, 0.0, -np.inf, np.inf, -1e-30], np.float32)
    result = run_unary("tg.sign", x, "f32", dynamic=True)
    np.testing.assert_array_equal(result, [np.nan, -0.0, 0.0, -1, 1, -1])
    assert np.signbit(result[1]) and not np.signbit(result[2])


def test_abs_of_the_most_negative_integer_wraps():
    x = np.array([-128, -127, 0, 127], np.int8)
    np.testing.assert_array_equal(run_unary("tg.abs", x, "i8"), [-128, 127, 0, 127])


# --- remainders -------------------------------------------------------------------------------------

#: ONNX's own float edge cases: signed zeros, infinite divisors and dividends, NaN.
EDGE_DIVIDENDS = [0.0, -0.0, 0.0, -0.0, -3.0, 3.0, -1.0, 1.0, np.inf, -np.inf, 1.0, 1.0, np.nan, 1.0, -4.3, 7.2, 5.0]
EDGE_DIVISORS = [-2.0, 2.0, 2.0, -2.0, np.inf, np.inf, -np.inf, -np.inf, 2.0, 2.0, 0.0, -0.0, 2.0, np.nan, 2.1, -3.4, 8.0]


@pytest.mark.parametrize("fmod", [False, True])
@pytest.mark.parametrize("dtype", ["f32", "f64", "f16"])
def test_float_mod(fmod, dtype):
    x, y = (np.array(v, DTYPES[dtype]) for v in (EDGE_DIVIDENDS, EDGE_DIVISORS))
    with np.errstate(all="ignore"):
        expected = (np.fmod if fmod else np.mod)(wide(x), wide(y)).astype(x.dtype)
    result = run_op("tg.mod", [x, y], [dtype] * 2, dtype, attrs=f"fmod = {str(fmod).lower()}", result_shape=x.shape)
    assert_close(result, expected, dtype)
    zeros = expected == 0
    np.testing.assert_array_equal(np.signbit(result[zeros]), np.signbit(expected[zeros]))


@pytest.mark.parametrize("fmod", [False, True])
@pytest.mark.parametrize("dtype", ["i8", "i32", "i64"])
def test_signed_mod(fmod, dtype):
    """Every sign combination, a zero divisor (0, where C would trap) and the most negative integer
    divided by -1 (0, where x86 would trap)."""
    lowest = np.iinfo(DTYPES[dtype]).min
    x = np.array([-4, 7, 5, 4, -7, 8, -7, 7, lowest, lowest, 9, 0], DTYPES[dtype])
    y = np.array([2, -3, 8, -2, 3, 5, -3, 0, -1, 7, -1, -5], DTYPES[dtype])
    python = [(math.fmod(a, b) if fmod else a % b) if b else 0 for a, b in zip(x.tolist(), y.tolist())]
    result = run_op("tg.mod", [x, y], [dtype] * 2, dtype, attrs=f"fmod = {str(fmod).lower()}", result_shape=x.shape, dynamic=True)
    np.testing.assert_array_equal(result, np.array([int(v) for v in python], DTYPES[dtype]))


@pytest.mark.parametrize("dtype", ["ui8", "ui16", "ui32", "ui64"])
def test_unsigned_mod_broadcast(dtype, rng):
    x = random_array(rng, (3, 4), dtype)
    y = np.array([7, 0, np.iinfo(DTYPES[dtype]).max, 1], DTYPES[dtype])
    expected = np.array([[a % b if b else 0 for a, b in zip(row, y.tolist())] for row in x.tolist()], DTYPES[dtype])
    assert_close(run_op("tg.mod", [x, y], [dtype] * 2, dtype, result_shape=(3, 4)), expected, dtype)


# --- powers -----------------------------------------------------------------------------------------


def wrapped_power(base: int, exponent: int, bits: int) -> int:
    """Python's exact power (exponent >= 0), wrapped to a signed `bits`-bit integer."""
    value = pow(base, exponent, 1 << bits)
    return value - (1 << bits) if value >= 1 << (bits - 1) else value


@pytest.mark.parametrize("base_dtype, exponent_dtype", [("i32", "i32"), ("i64", "i64"), ("i32", "i64"), ("i64", "ui8")])
def test_integer_pow(base_dtype, exponent_dtype):
    base = np.array([1, 2, 3, -3, 0, 7, -1, -1, 2, 5, 0, 2, -2], DTYPES[base_dtype])
    exponent = np.array([4, 5, 6, 3, 0, 40, 7, 100, 0, 3, 5, 31, 63], DTYPES[exponent_dtype])
    bits = int(base_dtype[1:])
    expected = [wrapped_power(b, e, bits) for b, e in zip(base.tolist(), exponent.tolist())]
    result = run_op("tg.pow", [base, exponent], [base_dtype, exponent_dtype], base_dtype, result_shape=base.shape, dynamic=True)
    np.testing.assert_array_equal(result, np.array(expected, DTYPES[base_dtype]))


def test_integer_pow_negative_exponents():
    base = np.array([1, -1, -1, 2, -3, 0], np.int32)
    exponent = np.array([-3, -3, -2, -1, -2, -1], np.int32)
    np.testing.assert_array_equal(run_op("tg.pow", [base, exponent], ["i32"] * 2, "i32", result_shape=(6,)), [1, -1, 1, 0, 0, 0])


@pytest.mark.parametrize("exponent_dtype", ["i32", "i64", "ui32", "ui64", "f16"])
def test_float_base_other_exponent(exponent_dtype, rng):
    base = rng.uniform(-3, 3, (4, 3)).astype(np.float32)
    exponent = np.array([0, 1, 3], DTYPES[exponent_dtype])
    expected = np.power(base.astype(np.float64), exponent.astype(np.float64))
    result = run_op("tg.pow", [base, exponent], ["f32", exponent_dtype], "f32", result_shape=(4, 3))
    assert_close(result, expected.astype(np.float32), "f32")


@pytest.mark.parametrize("base_dtype", ["i32", "i64", "ui8"])
def test_integer_base_float_exponent(base_dtype):
    base = np.array([1, 2, 3, 4, 9], DTYPES[base_dtype])
    exponent = np.array([4.0, 5.0, 0.5, 1.5, 0.5], np.float32)
    expected = np.trunc(np.power(base.astype(np.float64), exponent.astype(np.float64)))
    result = run_op("tg.pow", [base, exponent], [base_dtype, "f32"], base_dtype, result_shape=(5,))
    np.testing.assert_array_equal(result, expected.astype(DTYPES[base_dtype]))


# --- ONNX activations and functions, against onnx.reference ------------------------------------------


def onnx_model(op_type, inputs, opset, dynamic, **attrs):
    """One `op_type` node over `inputs` (name -> array), its output typed like the first input; every dim
    but the 1s (which must stay static to broadcast) a named, dynamic one if asked."""
    infos = [
        helper.make_tensor_value_info(
            name, helper.np_dtype_to_tensor_dtype(array.dtype), [f"{name}{i}" if dynamic and d != 1 else d for i, d in enumerate(array.shape)]
        )
        for name, array in inputs.items()
    ]
    node = helper.make_node(op_type, list(inputs), ["out"], **attrs)
    first = infos[0].type.tensor_type
    output = helper.make_tensor_value_info("out", first.elem_type, None)
    output.type.tensor_type.shape.CopyFrom(first.shape)  # every test's output has the first input's shape
    graph = helper.make_graph([node], op_type.lower(), infos, [output])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    onnx.checker.check_model(model)
    return model


def check_against_onnx(op_type, inputs, *, opset=22, dynamic=False, dtype="f32", **attrs):
    model = onnx_model(op_type, inputs, opset, dynamic, **attrs)
    (expected,) = ReferenceEvaluator(model).run(None, inputs)
    actual = tgraph.compile(model)(*inputs.values())
    if dtype in TOLERANCES:
        rtol, atol = TOLERANCES[dtype]
        np.testing.assert_allclose(actual.astype(np.float64), expected.astype(np.float64), rtol=rtol, atol=atol)
    else:
        np.testing.assert_array_equal(actual, expected)


ACTIVATIONS = [
    ("Elu", {}),
    ("Elu", {"alpha": 2.0}),
    ("Celu", {"alpha": 2.0}),
    ("Celu", {"alpha": 0.5}),
    ("Selu", {}),
    ("Selu", {"alpha": 2.0, "gamma": 3.0}),
    ("LeakyRelu", {}),
    ("LeakyRelu", {"alpha": 1.5}),
    ("LeakyRelu", {"alpha": -0.5}),
    ("HardSigmoid", {}),
    ("HardSigmoid", {"alpha": 0.5, "beta": 0.6}),
    ("HardSwish", {}),
    ("Softsign", {}),
    ("Softplus", {}),
    ("Mish", {}),
    ("Reciprocal", {}),
]


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("op_type, attrs", ACTIVATIONS, ids=lambda v: str(v) if isinstance(v, dict) else v)
def test_onnx_activations(op_type, attrs, dynamic, rng):
    x = rng.uniform(-6, 6, (3, 7)).astype(np.float32)
    check_against_onnx(op_type, {"x": x}, dynamic=dynamic, **attrs)


@pytest.mark.parametrize("dtype", ["f16", "f64"])
def test_onnx_activations_other_floats(dtype, rng):
    x = rng.uniform(-4, 4, (2, 5)).astype(DTYPES[dtype])
    for op_type, attrs in [("Elu", {"alpha": 0.7}), ("Celu", {"alpha": 2.0}), ("Softplus", {})]:
        check_against_onnx(op_type, {"x": x}, dtype=dtype, **attrs)


@pytest.mark.parametrize("dtype", ["f16", "f64"])
def test_onnx_hard_swish_uses_an_exact_sixth(dtype, rng):
    """The spec's alpha is 1/6; onnx.reference's function body rounds it to f32, visible in f64."""
    x = rng.uniform(-4, 4, (2, 5)).astype(DTYPES[dtype])
    model = onnx_model("HardSwish", {"x": x}, 22, dynamic=False)
    expected = wide(x) * np.clip(wide(x) / 6 + 0.5, 0, 1)
    assert_close(tgraph.compile(model)(x), expected.astype(x.dtype), dtype)


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_onnx_prelu(dynamic, rng):
    x = rng.uniform(-3, 3, (2, 3, 4)).astype(np.float32)
    slope = np.array([[0.1], [-0.5], [2.0]], np.float32)
    check_against_onnx("PRelu", {"x": x, "slope": slope}, opset=16, dynamic=dynamic)


def test_onnx_prelu_integers():
    x = np.array([[-5, 3], [4, -2]], np.int32)
    slope = np.array([2, -3], np.int32)
    check_against_onnx("PRelu", {"x": x, "slope": slope}, opset=16, dtype="i32")


@pytest.mark.parametrize("dtype", ["f32", "i8", "i64", "ui16"])
@pytest.mark.parametrize("low, high", [(2, 9), (3, None), (None, 4), (8, 1)], ids=["both", "min", "max", "crossed"])
def test_onnx_clip(dtype, low, high, rng):
    """Either bound may be absent (an empty input name); a lower bound above the upper gives the upper."""
    np_dtype = DTYPES[dtype]
    inputs = {"x": random_array(rng, (4, 5), dtype, low=-10, high=10)}
    names = ["x", "", ""]
    for position, (name, bound) in enumerate([("low", low), ("high", high)], start=1):
        if bound is not None:
            inputs[name] = np.array(bound, np_dtype)
            names[position] = name
    model = onnx_model("Clip", inputs, 13, dynamic=False)
    model.graph.node[0].input[:] = names[: max(i for i, n in enumerate(names) if n) + 1]
    (expected,) = ReferenceEvaluator(model).run(None, inputs)
    np.testing.assert_array_equal(tgraph.compile(model)(*inputs.values()), expected)


def test_onnx_clip_attributes_before_opset_11(rng):
    x = rng.uniform(-5, 5, (3, 4)).astype(np.float32)
    check_against_onnx("Clip", {"x": x}, opset=10, dynamic=True, min=-1.0, max=2.5)


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("fmod", [0, 1])
def test_onnx_mod(fmod, dynamic, rng):
    x = rng.integers(-50, 50, (3, 4)).astype(np.int32)
    y = rng.integers(1, 9, (3, 4)).astype(np.int32) * rng.choice([-1, 1], (3, 4)).astype(np.int32)
    check_against_onnx("Mod", {"x": x, "y": y}, opset=13, dynamic=dynamic, dtype="i32", fmod=fmod)


@pytest.mark.parametrize("base, exponent", [("f32", "i64"), ("i64", "f32"), ("i32", "i32"), ("f32", "ui32")])
def test_onnx_pow_types(base, exponent, rng):
    x = np.array([1, 2, 3, -2], DTYPES[base])
    e = np.array([4, 5, 6, 3], DTYPES[exponent])
    check_against_onnx("Pow", {"x": x, "e": e}, opset=15, dtype=base)


def test_onnx_celu_alpha_zero_is_refused():
    model = onnx_model("Celu", {"x": np.zeros(3, np.float32)}, 22, dynamic=False, alpha=0.0)
    with pytest.raises(tgraph.CompileError, match="alpha = 0 is not supported"):
        tgraph.compile(model)


# --- the declared references agree with NumPy (tg-run --check and import-time folding use them) -------


@pytest.mark.parametrize("op", FLOAT_FUNCTIONS)
def test_float_function_references(op, rng):
    from tgraph.dialect import TG

    function, low, high = FLOAT_FUNCTIONS[op]
    x = float_input(rng, (3, 5), "f32", low, high)
    assert_close(TG.lookup(op).evaluate([x], {})[0], function(wide(x)).astype(np.float32), "f32")


def test_remainder_and_power_references():
    from tgraph.dialect.ops import Mod, Pow

    x = np.array([-4, 7, 5, -7, 3], np.int32)
    y = np.array([2, -3, 0, 3, -1], np.int32)
    np.testing.assert_array_equal(Mod.evaluate([x, y], {"fmod": False})[0], [0, -2, 0, 2, 0])
    np.testing.assert_array_equal(Mod.evaluate([x, y], {"fmod": True})[0], [0, 1, 0, -1, 0])
    base, exponent = np.array([3, -2, 2, -1], np.int64), np.array([4, 63, -1, -3], np.int64)
    np.testing.assert_array_equal(Pow.evaluate([base, exponent], {})[0], [81, -(2**63), 0, -1])
    floats = np.array([2.0, 0.5, -3.0], np.float32)
    np.testing.assert_allclose(Pow.evaluate([floats, np.array([3, -2, 3], np.int8)], {})[0], [8.0, 4.0, -27.0])
