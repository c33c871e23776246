"""Comparisons, boolean logic, selection and casts between element types."""

import ml_dtypes
import numpy as np

from ..constraints import AnyTensor, Bool, BoolTensor, StrKind, TensorOf
from ..declare import Attr, Operand, Result
from ..tg import TG
from ..types import (
    BOOL_TYPES,
    INTEGER_TYPES,
    NARROW_INTEGER_TYPES,
    NUMERIC_TYPES,
    NUMPY_DTYPES,
    SMALL_FLOAT_TYPES,
    TensorSpec,
    broadcast_shapes,
    same_dtype,
)
from .elementwise import ElementwiseBinary, ElementwiseUnary

__all__ = ["Compare", "LogicalBinary", "And", "Or", "Xor", "Not", "Select", "Cast"]

ComparableTensor = TensorOf("ComparableTensor", NUMERIC_TYPES + BOOL_TYPES)

#: The comparison of each `tg.compare` predicate. NaN compares unequal to everything, itself included.
PREDICATES = {
    "eq": np.equal,
    "ne": np.not_equal,
    "lt": np.less,
    "le": np.less_equal,
    "gt": np.greater,
    "ge": np.greater_equal,
}


class Compare(ElementwiseBinary, name="compare"):
    """Elementwise comparison `lhs <predicate> rhs` giving booleans; the operands have one element
    type and broadcast (NumPy rules). Integers compare by their signedness, bools as false < true; an
    ordered comparison with NaN is false and "ne" with NaN is true.

    Example:
        %m = "tg.compare"(%x, %y) {predicate = "lt"} : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xi1>
    """

    lhs: Operand[ComparableTensor]
    rhs: Operand[ComparableTensor]
    result: Result[BoolTensor]
    predicate: Attr[StrKind(tuple(PREDICATES))]

    def shape(lhs, rhs, *, predicate):
        same_dtype(lhs, rhs)
        return TensorSpec(broadcast_shapes(lhs.shape, rhs.shape), "i1")

    def reference(lhs, rhs, *, predicate):
        with np.errstate(invalid="ignore"):
            return PREDICATES[predicate](lhs, rhs)


class LogicalBinary(ElementwiseBinary):
    """Base of the binary boolean ops: i1 operands that broadcast, an i1 result."""

    lhs: Operand[BoolTensor]
    rhs: Operand[BoolTensor]
    result: Result[BoolTensor]


class And(LogicalBinary, name="and"):
    """Elementwise logical and.

    Example:
        %z = "tg.and"(%x, %y) : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
    """

    def reference(lhs, rhs):
        return np.logical_and(lhs, rhs)


class Or(LogicalBinary, name="or"):
    """Elementwise logical or.

    Example:
        %z = "tg.or"(%x, %y) : (tensor<?x3xi1>, tensor<?x3xi1>) -> tensor<?x3xi1>
    """

    def reference(lhs, rhs):
        return np.logical_or(lhs, rhs)


class Xor(LogicalBinary, name="xor"):
    """Elementwise logical exclusive or (true where exactly one operand is).

    Example:
        %z = "tg.xor"(%x, %y) : (tensor<4xi1>, tensor<i1>) -> tensor<4xi1>
    """

    def reference(lhs, rhs):
        return np.logical_xor(lhs, rhs)


class Not(ElementwiseUnary, name="not"):
    """Elementwise logical negation.

    Example:
        %y = "tg.not"(%x) : (tensor<?x4xi1>) -> tensor<?x4xi1>
    """

    input: Operand[BoolTensor]
    result: Result[BoolTensor]

    def reference(input):
        return np.logical_not(input)


class Select(TG.Op, name="select"):
    """Elementwise choice: `true_value` where `condition` holds, `false_value` elsewhere
    (numpy.where). The three operands broadcast together; the two values have one element type,
    which may be any tg element type.

    Example:
        %z = "tg.select"(%c, %x, %y) : (tensor<?x4xi1>, tensor<4xf32>, tensor<f32>) -> tensor<?x4xf32>
    """

    condition: Operand[BoolTensor]
    true_value: Operand[AnyTensor]
    false_value: Operand[AnyTensor]
    result: Result[AnyTensor]

    #: Broadcasts over all dims (the interpreter checks dynamic dims do not broadcast at run time).
    broadcast_core_rank = 0
    elementwise = True

    def shape(condition, true_value, false_value):
        dtype = same_dtype(true_value, false_value)
        return TensorSpec(broadcast_shapes(condition.shape, true_value.shape, false_value.shape), dtype)

    def reference(condition, true_value, false_value):
        return np.where(condition, true_value, false_value)


#: Small floats whose casts clamp out-of-range values to the largest finite one when `saturate` is
#: set; without it those become inf (f8E5M2) or NaN (the others), as ONNX specifies.
SATURATING_FLOAT8_TYPES = ("f8E4M3FN", "f8E4M3FNUZ", "f8E5M2", "f8E5M2FNUZ")
#: The rounding modes of a cast to f8E8M0FNU (a power of two): "up" is what CUDA does, ONNX's default.
E8M0_ROUND_MODES = ("up", "nearest", "down")


class Cast(TG.Op, name="cast"):
    """Converts each element to the result's element type (any tg type to any other).

    - float to float rounds to nearest even; out of range gives inf, or NaN for types without inf.
      To f8E4M3FN, f8E4M3FNUZ, f8E5M2 and f8E5M2FNUZ with `saturate` (the default) values beyond the
      largest finite one, infinities included, clamp to it. f4E2M1FN always clamps, and takes NaN to a
      zero of the opposite sign (as ml_dtypes does). To f8E8M0FNU (a power of two) the exponent rounds
      by `round_mode` ("up": any fraction rounds up; "nearest"; "down": truncates); NaN and inf give
      NaN, zero the smallest value, the sign is dropped, and `saturate` keeps a rounding from passing
      the largest value. Casts to and from f64 go through f32 for the 8- and 4-bit floats.
    - float to integer truncates toward zero, as if to i64 (saturating there, NaN giving 0) and then
      wrapped to the target width (ui64 keeps values up to 2^64 - 1).
    - integer to integer keeps the low bits (two's complement wrap), extending by the source's
      signedness; integer to float rounds to nearest even (to the 8- and 4-bit floats through f32,
      then by the float rules above).
    - to i1: zero (and -0.0) is false, anything else (NaN included) true; from i1: 0 or 1.

    Example:
        %y = "tg.cast"(%x) {saturate = false} : (tensor<?x8xf32>) -> tensor<?x8xf8E4M3FN>
    """

    input: Operand[AnyTensor]
    result: Result[AnyTensor]
    saturate: Attr[Bool] = True
    round_mode: Attr[StrKind(E8M0_ROUND_MODES)] = "up"

    elementwise = True

    def shape(input, *, result):
        return input.with_dtype(result.dtype)

    def reference(input, *, result, saturate, round_mode):
        return cast_array(input, result.dtype, saturate, round_mode)


_ML_FLOATS = [NUMPY_DTYPES[t] for t in SMALL_FLOAT_TYPES + ("bf16",)]
_NARROW = [NUMPY_DTYPES[t] for t in NARROW_INTEGER_TYPES]


def _is_float(array: np.ndarray) -> bool:
    return array.dtype.kind == "f" or array.dtype in _ML_FLOATS


def cast_array(x: np.ndarray, to: str, saturate: bool = True, round_mode: str = "up") -> np.ndarray:
    """`tg.cast` on a NumPy array: `x` converted to element type `to` (see Cast for the rules)."""
    target = NUMPY_DTYPES[to]
    if to == "i1":
        return (x.astype(np.float32) if _is_float(x) else x) != 0
    if x.dtype == target:
        return x.copy()
    if not _is_float(x):
        if to not in SMALL_FLOAT_TYPES:
            if x.dtype in _NARROW or target in _NARROW:
                x = x.astype(np.int64)  # ml_dtypes converts sub-byte integers to and from others only
            return x.astype(target)  # integers wrap, floats round to nearest even (NumPy, ml_dtypes)
        x = x.astype(np.float32)
    if to in INTEGER_TYPES + NARROW_INTEGER_TYPES:
        return _float_to_integer(x, to)
    if to not in SMALL_FLOAT_TYPES:
        return x.astype(target)
    x = x.astype(np.float32)
    if to == "f8E8M0FNU":
        return _to_e8m0(x, saturate, round_mode)
    if saturate or to == "f4E2M1FN":
        largest = float(ml_dtypes.finfo(target).max)
        x = np.clip(x, -largest, largest)
    with np.errstate(invalid="ignore", over="ignore"):
        return x.astype(target)


def _float_to_integer(x: np.ndarray, to: str) -> np.ndarray:
    wide = x.astype(np.float64)
    signed = _saturated_i64(np.where(np.isnan(wide), 0.0, wide))
    if to != "ui64":
        return signed.astype(NUMPY_DTYPES[to])
    # ui64 also holds [2^63, 2^64): those convert unsigned, saturating at 2^64 - 1.
    high = np.clip(np.where(wide >= 2.0**63, wide, 2.0**63), 2.0**63, 2.0**64 - 2048).astype(np.uint64)
    high = np.where(wide >= 2.0**64, np.iinfo(np.uint64).max, high)
    return np.where(wide >= 2.0**63, high, signed.astype(np.uint64))


def _saturated_i64(x: np.ndarray) -> np.ndarray:
    """Float64 values (not NaN) truncated toward zero to int64, saturating at its bounds."""
    inside = (x >= -(2.0**63)) & (x < 2.0**63)
    result = np.trunc(np.where(inside, x, 0.0)).astype(np.int64)
    result = np.where(x >= 2.0**63, np.iinfo(np.int64).max, result)
    return np.where(x < -(2.0**63), np.iinfo(np.int64).min, result)


def _to_e8m0(x: np.ndarray, saturate: bool, round_mode: str) -> np.ndarray:
    """f32 values as f8E8M0FNU: the biased f32 exponent, rounded by the discarded mantissa bits."""
    bits = np.ascontiguousarray(x, np.float32).view(np.uint32)
    exponent = ((bits >> 23) & 0xFF).astype(np.int32)
    mantissa = bits & 0x7FFFFF
    if round_mode == "up":
        carry = mantissa != 0
    elif round_mode == "nearest":
        # Half the gap to the next power of two or more (a tie rounds up, except below the normal floats).
        carry = ((mantissa & 0x400000) != 0) & (((mantissa & 0x3FFFFF) != 0) | (exponent > 0))
    else:
        carry = np.zeros(mantissa.shape, bool)
    if saturate:
        carry &= exponent != 0xFE
    rounded = np.where(exponent == 0xFF, 0xFF, exponent + carry)
    return rounded.astype(np.uint8).view(NUMPY_DTYPES["f8E8M0FNU"])
