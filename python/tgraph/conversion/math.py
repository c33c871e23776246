"""Lowering of the elementwise math ops (sign and magnitude, rounding, trigonometry, erf, softplus,
remainders): their scalar functions join `elementwise.SCALAR`, so they share its broadcasting
`linalg.generic` (or a named linalg op where one exists), and their dtype handling.

Every function here lowers to LLVM in the CPU pipeline: `math-extend-to-supported-types` computes
16-bit floats in f32, `convert-math-to-llvm` maps most ops to LLVM intrinsics, and
`convert-math-to-libm` calls libm for the rest (asinh, acosh, atanh, erf)."""

from __future__ import annotations

from mlir import ir
from mlir.dialects import arith, linalg, math

from . import build, elementwise
from .elementwise import ScalarFunction, by_kind

CmpF = arith.CmpFPredicate
CmpI = arith.CmpIPredicate

#: (greater than, less than) comparisons with zero, by element kind, for the sign.
_SIGN_PREDICATES = {
    "float": (lambda x, zero: arith.cmpf(CmpF.OGT, x, zero), lambda x, zero: arith.cmpf(CmpF.OLT, x, zero)),
    "signed": (lambda x, zero: arith.cmpi(CmpI.sgt, x, zero), lambda x, zero: arith.cmpi(CmpI.slt, x, zero)),
    "unsigned": (lambda x, zero: arith.cmpi(CmpI.ne, x, zero), lambda x, zero: arith.cmpi(CmpI.ult, x, zero)),
}


def _sign(op, kind: str) -> ScalarFunction:
    """1 above zero, -1 below, and otherwise the input itself for floats (keeping -0.0 and NaN) or 0."""
    above, below = _SIGN_PREDICATES[kind]

    def sign(x: ir.Value) -> ir.Value:
        zero, one, minus_one = (build.scalar(v, x.type) for v in (0, 1, -1))
        otherwise = x if kind == "float" else zero
        return arith.select(above(x, zero), one, arith.select(below(x, zero), minus_one, otherwise))

    return sign


def _log1p(x: ir.Value) -> ir.Value:
    """log(1 + x), accurate for tiny x (math.log1p lowers to the plain log(1 + x) in MLIR 22): when
    u = 1 + x rounds, log(u) * x / (u - 1) cancels the rounding error (Goldberg); when u is 1, x."""
    one = build.scalar(1.0, x.type)
    u = arith.addf(one, x)
    corrected = arith.mulf(math.log(u), arith.divf(x, arith.subf(u, one)))
    return arith.select(arith.cmpf(CmpF.OEQ, u, one), x, corrected)


def _softplus(x: ir.Value) -> ir.Value:
    """max(x, 0) + log1p(exp(-|x|)): exp never overflows, and very negative x keep their exp(x)."""
    return arith.addf(arith.maximumf(x, build.scalar(0.0, x.type)), _log1p(math.exp(arith.negf(math.absf(x)))))


def _float_mod(lhs: ir.Value, rhs: ir.Value) -> ir.Value:
    """numpy.mod on floats: fmod moved into the divisor's sign; a zero remainder takes its sign."""
    zero = build.scalar(0.0, lhs.type)
    remainder = arith.remf(lhs, rhs)
    signs_differ = arith.xori(arith.cmpf(CmpF.OLT, remainder, zero), arith.cmpf(CmpF.OLT, rhs, zero))
    moved = arith.select(signs_differ, arith.addf(remainder, rhs), remainder)
    return arith.select(arith.cmpf(CmpF.UNE, remainder, zero), moved, math.copysign(remainder, rhs))


def _signed_remainder(floor: bool) -> ScalarFunction:
    """The signed integer remainder (C's when not `floor`, Python's when it is); x % 0 and x % -1 are 0,
    without the traps of remsi."""

    def remainder(lhs: ir.Value, rhs: ir.Value) -> ir.Value:
        zero, one, minus_one = (build.scalar(v, lhs.type) for v in (0, 1, -1))
        trivial = arith.ori(arith.cmpi(CmpI.eq, rhs, zero), arith.cmpi(CmpI.eq, rhs, minus_one))
        result = arith.remsi(lhs, arith.select(trivial, one, rhs))
        if floor:
            signs_differ = arith.xori(arith.cmpi(CmpI.slt, result, zero), arith.cmpi(CmpI.slt, rhs, zero))
            moved = arith.andi(arith.cmpi(CmpI.ne, result, zero), signs_differ)
            result = arith.select(moved, arith.addi(result, rhs), result)
        return result

    return remainder


def _unsigned_remainder(lhs: ir.Value, rhs: ir.Value) -> ir.Value:
    """remui, with x % 0 = 0 instead of a trap."""
    zero, one = build.scalar(0, lhs.type), build.scalar(1, lhs.type)
    divisor_zero = arith.cmpi(CmpI.eq, rhs, zero)
    return arith.select(divisor_zero, zero, arith.remui(lhs, arith.select(divisor_zero, one, rhs)))


def _mod(op, kind: str) -> ScalarFunction:
    fmod = op.fmod
    return {
        "float": arith.remf if fmod else _float_mod,
        "signed": _signed_remainder(floor=not fmod),
        "unsigned": _unsigned_remainder,
    }[kind]


def _float(function: ScalarFunction):
    return by_kind(float=function)


SCALAR = {
    "tg.abs": by_kind(float=math.absf, signed=math.absi, unsigned=lambda x: x),
    "tg.sign": _sign,
    "tg.ceil": _float(math.ceil),
    "tg.floor": _float(math.floor),
    "tg.round": _float(math.roundeven),
    "tg.sin": _float(math.sin),
    "tg.cos": _float(math.cos),
    "tg.tan": _float(math.tan),
    "tg.asin": _float(math.asin),
    "tg.acos": _float(math.acos),
    "tg.atan": _float(math.atan),
    "tg.sinh": _float(math.sinh),
    "tg.cosh": _float(math.cosh),
    "tg.asinh": _float(math.asinh),
    "tg.acosh": _float(math.acosh),
    "tg.atanh": _float(math.atanh),
    "tg.erf": _float(math.erf),
    "tg.softplus": _float(_softplus),
    "tg.mod": _mod,
}

elementwise.SCALAR.update(SCALAR)
elementwise.NAMED.update(
    {
        "tg.abs": {"float": linalg.abs},
        "tg.ceil": {"float": linalg.ceil},
        "tg.floor": {"float": linalg.floor},
        "tg.erf": {"float": linalg.erf},
    }
)

LOWERINGS = {name: elementwise.lower_elementwise for name in SCALAR}
