"""Elementwise ops: binary ones broadcast their operands the way NumPy does."""

import math

import numpy as np

from ..constraints import FloatTensor, NumericTensor, SignedTensor, StrKind
from ..declare import Attr, Operand, Result
from ..tg import TG
from ..types import TensorSpec, broadcast_shapes, same_dtype

__all__ = [
    "ElementwiseBinary", "ElementwiseUnary",
    "Add", "Sub", "Mul", "Div", "Max", "Min", "Pow",
    "Neg", "Exp", "Log", "Sqrt", "Tanh", "Sigmoid", "Relu", "Gelu",
]  # fmt: skip


class ElementwiseBinary(TG.Op):
    """Base of binary elementwise ops: same element type, shapes broadcast (NumPy rules)."""

    lhs: Operand[NumericTensor]
    rhs: Operand[NumericTensor]
    result: Result[NumericTensor]

    #: The trailing dims that do not broadcast (none here; matmul keeps its two matrix dims).
    broadcast_core_rank = 0
    elementwise = True

    def shape(lhs, rhs):
        return TensorSpec(broadcast_shapes(lhs.shape, rhs.shape), same_dtype(lhs, rhs))


class ElementwiseUnary(TG.Op):
    """Base of unary elementwise ops: the result has the operand's type."""

    elementwise = True

    input: Operand[FloatTensor]
    result: Result[FloatTensor]

    def shape(input):
        return input


class Add(ElementwiseBinary, name="add"):
    """Elementwise sum, `lhs + rhs`.

    Example:
        %z = "tg.add"(%x, %b) : (tensor<?x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
    """

    def reference(lhs, rhs):
        return np.add(lhs, rhs)


class Sub(ElementwiseBinary, name="sub"):
    """Elementwise difference, `lhs - rhs`.

    Example:
        %z = "tg.sub"(%x, %y) : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
    """

    def reference(lhs, rhs):
        return np.subtract(lhs, rhs)


class Mul(ElementwiseBinary, name="mul"):
    """Elementwise product, `lhs * rhs`.

    Example:
        %z = "tg.mul"(%x, %y) : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
    """

    def reference(lhs, rhs):
        return np.multiply(lhs, rhs)


class Div(ElementwiseBinary, name="div"):
    """Elementwise quotient, `lhs / rhs`. Integers divide truncating toward zero (C and ONNX
    semantics, not NumPy's floor); an integer division by zero gives 0 instead of trapping.

    Example:
        %z = "tg.div"(%x, %y) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
    """

    def reference(lhs, rhs):
        if np.issubdtype(lhs.dtype, np.integer):
            return _truncating_divide(lhs, rhs)
        return np.divide(lhs, rhs)


def _truncating_divide(lhs, rhs):
    with np.errstate(all="ignore"):
        divisor = np.where(rhs == 0, 1, rhs)
        quotient = np.floor_divide(lhs, divisor)
        inexact = (np.remainder(lhs, divisor) != 0) & ((lhs < 0) != (divisor < 0))
        quotient = np.where(inexact, quotient + 1, quotient)
        return np.where(rhs == 0, 0, quotient).astype(lhs.dtype)


class Max(ElementwiseBinary, name="max"):
    """Elementwise maximum; NaN in either operand gives NaN (numpy.maximum).

    Example:
        %z = "tg.max"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    """

    def reference(lhs, rhs):
        return np.maximum(lhs, rhs)


class Min(ElementwiseBinary, name="min"):
    """Elementwise minimum; NaN in either operand gives NaN (numpy.minimum).

    Example:
        %z = "tg.min"(%x, %y) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    """

    def reference(lhs, rhs):
        return np.minimum(lhs, rhs)


class Pow(ElementwiseBinary, name="pow"):
    """Elementwise power, `lhs ** rhs`, of the base's type; the exponent may have another numeric type.
    A float base or exponent computes in floats (an integer base in f64, the result truncated toward
    zero); integers compute exactly, wrapping on overflow, and a negative integer exponent gives
    `1 / lhs ** -rhs` truncated (0 unless the base is 1 or -1).

    Example:
        %z = "tg.pow"(%x, %e) : (tensor<4xf32>, tensor<i64>) -> tensor<4xf32>
    """

    def shape(lhs, rhs):
        return TensorSpec(broadcast_shapes(lhs.shape, rhs.shape), lhs.dtype)

    def reference(lhs, rhs):
        with np.errstate(all="ignore"):
            if np.issubdtype(lhs.dtype, np.integer) and np.issubdtype(rhs.dtype, np.integer):
                return _integer_power(lhs, rhs)
            return np.power(lhs.astype(np.float64), rhs.astype(np.float64)).astype(lhs.dtype)


def _integer_power(base, exponent):
    """Integer `base ** exponent`, wrapping; a negative exponent truncates `1 / base ** -exponent`."""
    negative = exponent < 0
    magnitude = np.where(negative, -exponent, exponent).astype(np.uint64)
    power = np.ones(np.broadcast_shapes(base.shape, exponent.shape), base.dtype)
    factor = np.broadcast_to(base, power.shape).copy()
    while np.any(magnitude):
        power = np.where(magnitude & 1, power * factor, power)
        factor = factor * factor
        magnitude = magnitude >> np.uint64(1)
    return np.where(negative, _truncating_divide(np.ones_like(power), power), power)


class Neg(ElementwiseUnary, name="neg"):
    """Elementwise negation, `-input`.

    Example:
        %y = "tg.neg"(%x) : (tensor<?xi64>) -> tensor<?xi64>
    """

    input: Operand[SignedTensor]
    result: Result[SignedTensor]

    def reference(input):
        return np.negative(input)


class Exp(ElementwiseUnary, name="exp"):
    """Elementwise exponential.

    Example:
        %y = "tg.exp"(%x) : (tensor<2x2xf32>) -> tensor<2x2xf32>
    """

    def reference(input):
        with np.errstate(all="ignore"):
            return np.exp(input)


class Log(ElementwiseUnary, name="log"):
    """Elementwise natural logarithm (NaN below 0, -inf at 0).

    Example:
        %y = "tg.log"(%x) : (tensor<2x2xf32>) -> tensor<2x2xf32>
    """

    def reference(input):
        with np.errstate(all="ignore"):
            return np.log(input)


class Sqrt(ElementwiseUnary, name="sqrt"):
    """Elementwise square root (NaN below 0).

    Example:
        %y = "tg.sqrt"(%x) : (tensor<8xf16>) -> tensor<8xf16>
    """

    def reference(input):
        with np.errstate(all="ignore"):
            return np.sqrt(input)


class Tanh(ElementwiseUnary, name="tanh"):
    """Elementwise hyperbolic tangent.

    Example:
        %y = "tg.tanh"(%x) : (tensor<?x8xf32>) -> tensor<?x8xf32>
    """

    def reference(input):
        return np.tanh(input)


class Sigmoid(ElementwiseUnary, name="sigmoid"):
    """Elementwise logistic function, `1 / (1 + exp(-input))`.

    Example:
        %y = "tg.sigmoid"(%x) : (tensor<?x8xf32>) -> tensor<?x8xf32>
    """

    def reference(input):
        with np.errstate(over="ignore"):
            return 1.0 / (1.0 + np.exp(-input))


class Relu(ElementwiseUnary, name="relu"):
    """Elementwise `max(input, 0)`.

    Example:
        %y = "tg.relu"(%x) : (tensor<?x8xf32>) -> tensor<?x8xf32>
    """

    input: Operand[NumericTensor]
    result: Result[NumericTensor]

    def reference(input):
        return np.maximum(input, np.zeros((), input.dtype))


class Gelu(ElementwiseUnary, name="gelu"):
    """Gaussian error linear unit. `approximate = "none"` (the default) is the exact form
    `x/2 * (1 + erf(x/sqrt(2)))`; `"tanh"` is `x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))`.

    Example:
        %y = "tg.gelu"(%x) {approximate = "tanh"} : (tensor<?x64xf32>) -> tensor<?x64xf32>
    """

    approximate: Attr[StrKind(("none", "tanh"))] = "none"

    def reference(input, *, approximate):
        x = input.astype(np.float64)
        if approximate == "tanh":
            return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))
        return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


#: The error function on float64 arrays (NumPy has none).
erf = np.vectorize(math.erf, otypes=[np.float64])
