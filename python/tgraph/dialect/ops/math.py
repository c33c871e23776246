"""Elementwise math functions beyond the basics: absolute value and sign, rounding, trigonometric and
hyperbolic functions, the error function, softplus, and the remainder of a division."""

import numpy as np

from ..constraints import Bool, NumericTensor
from ..declare import Attr, Operand, Result
from .elementwise import ElementwiseBinary, ElementwiseUnary, erf

__all__ = [
    "Abs", "Sign", "Ceil", "Floor", "Round",
    "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh",
    "Erf", "Softplus", "Mod",
]  # fmt: skip


# --- sign and magnitude -----------------------------------------------------------------------------


class Abs(ElementwiseUnary, name="abs"):
    """Elementwise absolute value (the most negative integer stays itself, as it wraps).

    Example:
        %y = "tg.abs"(%x) : (tensor<?x4xi32>) -> tensor<?x4xi32>
    """

    input: Operand[NumericTensor]
    result: Result[NumericTensor]

    def reference(input):
        return np.abs(input)


class Sign(ElementwiseUnary, name="sign"):
    """Elementwise sign: -1, 0 or 1 in the operand's type (NaN stays NaN, -0.0 stays -0.0).

    Example:
        %y = "tg.sign"(%x) : (tensor<11xf32>) -> tensor<11xf32>
    """

    input: Operand[NumericTensor]
    result: Result[NumericTensor]

    def reference(input):
        return np.sign(input)


# --- rounding -------------------------------------------------------------------------------------


class Ceil(ElementwiseUnary, name="ceil"):
    """Elementwise smallest integral value not below the input.

    Example:
        %y = "tg.ceil"(%x) : (tensor<?xf32>) -> tensor<?xf32>
    """

    def reference(input):
        return np.ceil(input)


class Floor(ElementwiseUnary, name="floor"):
    """Elementwise largest integral value not above the input.

    Example:
        %y = "tg.floor"(%x) : (tensor<?xf32>) -> tensor<?xf32>
    """

    def reference(input):
        return np.floor(input)


class Round(ElementwiseUnary, name="round"):
    """Elementwise rounding to the nearest integral value, halves to even (2.5 -> 2, -1.5 -> -2).

    Example:
        %y = "tg.round"(%x) : (tensor<15xf32>) -> tensor<15xf32>
    """

    def reference(input):
        return np.round(input)


# --- trigonometric and hyperbolic functions (NaN outside their domain) ------------------------------


class Sin(ElementwiseUnary, name="sin"):
    """Elementwise sine (radians).

    Example:
        %y = "tg.sin"(%x) : (tensor<3x4xf32>) -> tensor<3x4xf32>
    """

    def reference(input):
        return np.sin(input)


class Cos(ElementwiseUnary, name="cos"):
    """Elementwise cosine (radians).

    Example:
        %y = "tg.cos"(%x) : (tensor<3x4xf32>) -> tensor<3x4xf32>
    """

    def reference(input):
        return np.cos(input)


class Tan(ElementwiseUnary, name="tan"):
    """Elementwise tangent (radians).

    Example:
        %y = "tg.tan"(%x) : (tensor<3x4xf32>) -> tensor<3x4xf32>
    """

    def reference(input):
        return np.tan(input)


class Asin(ElementwiseUnary, name="asin"):
    """Elementwise arcsine, in [-pi/2, pi/2]; NaN outside [-1, 1].

    Example:
        %y = "tg.asin"(%x) : (tensor<3x4xf32>) -> tensor<3x4xf32>
    """

    def reference(input):
        with np.errstate(invalid="ignore"):
            return np.arcsin(input)


class Acos(ElementwiseUnary, name="acos"):
    """Elementwise arccosine, in [0, pi]; NaN outside [-1, 1].

    Example:
        %y = "tg.acos"(%x) : (tensor<3x4xf32>) -> tensor<3x4xf32>
    """

    def reference(input):
        with np.errstate(invalid="ignore"):
            return np.arccos(input)


class Atan(ElementwiseUnary, name="atan"):
    """Elementwise arctangent, in (-pi/2, pi/2).

    Example:
        %y = "tg.atan"(%x) : (tensor<3x4xf32>) -> tensor<3x4xf32>
    """

    def reference(input):
        return np.arctan(input)


class Sinh(ElementwiseUnary, name="sinh"):
    """Elementwise hyperbolic sine.

    Example:
        %y = "tg.sinh"(%x) : (tensor<3x4xf32>) -> tensor<3x4xf32>
    """

    def reference(input):
        with np.errstate(over="ignore"):
            return np.sinh(input)


class Cosh(ElementwiseUnary, name="cosh"):
    """Elementwise hyperbolic cosine.

    Example:
        %y = "tg.cosh"(%x) : (tensor<3x4xf32>) -> tensor<3x4xf32>
    """

    def reference(input):
        with np.errstate(over="ignore"):
            return np.cosh(input)


class Asinh(ElementwiseUnary, name="asinh"):
    """Elementwise inverse hyperbolic sine.

    Example:
        %y = "tg.asinh"(%x) : (tensor<3x4xf32>) -> tensor<3x4xf32>
    """

    def reference(input):
        return np.arcsinh(input)


class Acosh(ElementwiseUnary, name="acosh"):
    """Elementwise inverse hyperbolic cosine; NaN below 1.

    Example:
        %y = "tg.acosh"(%x) : (tensor<3x4xf32>) -> tensor<3x4xf32>
    """

    def reference(input):
        with np.errstate(invalid="ignore"):
            return np.arccosh(input)


class Atanh(ElementwiseUnary, name="atanh"):
    """Elementwise inverse hyperbolic tangent; +-inf at +-1, NaN outside [-1, 1].

    Example:
        %y = "tg.atanh"(%x) : (tensor<3x4xf32>) -> tensor<3x4xf32>
    """

    def reference(input):
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.arctanh(input)


# --- special functions ----------------------------------------------------------------------------


class Erf(ElementwiseUnary, name="erf"):
    """Elementwise Gauss error function, `2/sqrt(pi) * integral from 0 to x of exp(-t^2) dt`.

    Example:
        %y = "tg.erf"(%x) : (tensor<1x3x32x32xf32>) -> tensor<1x3x32x32xf32>
    """

    def reference(input):
        return erf(input.astype(np.float64))


class Softplus(ElementwiseUnary, name="softplus"):
    """Elementwise `log(1 + exp(input))`, computed without overflow for large inputs and without
    losing the small values of very negative ones.

    Example:
        %y = "tg.softplus"(%x) : (tensor<?x8xf32>) -> tensor<?x8xf32>
    """

    def reference(input):
        return np.logaddexp(np.zeros((), input.dtype), input)


# --- remainder ------------------------------------------------------------------------------------


class Mod(ElementwiseBinary, name="mod"):
    """Elementwise remainder of `lhs / rhs`. With `fmod = false` (the default) it has the sign of the
    divisor, as Python's `%` and numpy.mod; with `fmod = true` the sign of the dividend, as C's fmod and
    numpy.fmod. An integer remainder by 0 is 0 (no trap); a float one is NaN.

    Example:
        %z = "tg.mod"(%x, %y) {fmod = true} : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xf32>
    """

    fmod: Attr[Bool] = False

    def reference(lhs, rhs, *, fmod):
        with np.errstate(all="ignore"):
            if np.issubdtype(lhs.dtype, np.integer):
                divisor = np.where(rhs == 0, 1, rhs)
                remainder = np.fmod(lhs, divisor) if fmod else np.mod(lhs, divisor)
                return np.where(rhs == 0, 0, remainder).astype(lhs.dtype)
            return np.fmod(lhs, rhs) if fmod else np.mod(lhs, rhs)
