"""The scalar body of `tg.cast`: one element converted between any two tg element types, in the
arith dialect, with the rules the op declares (tgraph.dialect.ops.logic.Cast).

Values are in their compute types (storage.py): signless integers (`i8` for `ui8`, `i4` for `ui4`),
`i1`, floats, and the 8- and 4-bit floats as themselves. Conversions to and from the 8- and 4-bit
floats go through f32 with `arith.extf`/`arith.truncf`, which `--tg-small-floats-to-apfloat` turns into
exact APFloat calls; f8E8M0FNU, a bare exponent, is converted here with integer ops instead (its
rounding mode is a parameter, and APFloat widens its NaN to inf). No arith op here is given an input
it would make poison of (`arith.fptosi` out of range): such inputs are replaced before the conversion
and their results chosen by `arith.select`.
"""

from __future__ import annotations

import ml_dtypes
from mlir import ir
from mlir.dialects import arith

from ..dialect.ops.logic import SATURATING_FLOAT8_TYPES
from ..dialect.types import FLOAT_TYPES, NUMPY_DTYPES, SMALL_FLOAT_TYPES, bit_width, is_unsigned
from . import build

CmpF = arith.CmpFPredicate
CmpI = arith.CmpIPredicate
ALL_FLOATS = FLOAT_TYPES + SMALL_FLOAT_TYPES


def convert(x: ir.Value, source: str, target: str, saturate: bool = True, round_mode: str = "up") -> ir.Value:
    """`x`, a compute value of tg element type `source`, converted to tg element type `target`."""
    if source == target:
        return x
    if target == "i1":
        return _nonzero(x, source)
    if source not in ALL_FLOATS:
        if target not in ALL_FLOATS:
            return _resize_integer(x, source, target)
        if target in FLOAT_TYPES:
            return _integer_to_float(x, source, _mlir(target))
        x, source = _integer_to_float(x, source, _f32()), "f32"
    if source in SMALL_FLOAT_TYPES:
        x, source = _small_float_to_f32(x, source), "f32"
    if target not in ALL_FLOATS:
        return _float_to_integer(x, target)
    if target in FLOAT_TYPES:
        return _resize_float(x, _mlir(target))
    return _to_small_float(_resize_float(x, _f32()), target, saturate, round_mode)


def _mlir(name: str) -> ir.Type:
    """The compute type of a tg element type name."""
    if name in ALL_FLOATS:
        return ir.Type.parse(name)
    return ir.IntegerType.get_signless(bit_width(name))


def _f32() -> ir.Type:
    return ir.F32Type.get()


def _i64() -> ir.Type:
    return ir.IntegerType.get_signless(64)


def _float_bits(type_: ir.Type) -> int:
    return bit_width(str(type_))


def _nonzero(x: ir.Value, source: str) -> ir.Value:
    """x != 0: for floats, -0.0 is zero and NaN is not."""
    if source in SMALL_FLOAT_TYPES:
        x = _small_float_to_f32(x, source)
    if source in ALL_FLOATS:
        return arith.cmpf(CmpF.UNE, x, build.scalar(0.0, x.type))
    return arith.cmpi(CmpI.ne, x, build.scalar(0, x.type))


def _signed(source: str) -> bool:
    return source != "i1" and not is_unsigned(source)


def _resize_integer(x: ir.Value, source: str, target: str) -> ir.Value:
    """Keep the low bits, or extend by the source's signedness."""
    to = _mlir(target)
    have, want = bit_width(source), bit_width(target)
    if want > have:
        return arith.extsi(to, x) if _signed(source) else arith.extui(to, x)
    return arith.trunci(to, x) if want < have else x


def _integer_to_float(x: ir.Value, source: str, to: ir.Type) -> ir.Value:
    return arith.sitofp(to, x) if _signed(source) else arith.uitofp(to, x)


def _resize_float(x: ir.Value, to: ir.Type) -> ir.Value:
    """Between f16, bf16, f32 and f64 (f16 and bf16 through f32: neither holds the other)."""
    have, want = _float_bits(x.type), _float_bits(to)
    if x.type == to:
        return x
    if want > have:
        return arith.extf(to, x)
    if want < have:
        return arith.truncf(to, x)
    return arith.truncf(to, arith.extf(_f32(), x))


def _float_to_integer(x: ir.Value, target: str) -> ir.Value:
    """Truncate toward zero as if to i64 (saturating, NaN giving 0), then keep the target's low bits;
    ui64 converts [2^63, 2^64) unsigned instead, saturating above."""
    if _float_bits(x.type) < 32:
        x = arith.extf(_f32(), x)
    wide = _saturating_to_i64(x)
    if target == "ui64":
        return _select_unsigned_high(x, wide)
    return _resize_integer(wide, "i64", target)


def _in_range(x: ir.Value, low: ir.Value, high: ir.Value) -> ir.Value:
    """low <= x < high (false for NaN)."""
    return arith.andi(arith.cmpf(CmpF.OGE, x, low), arith.cmpf(CmpF.OLT, x, high))


def _saturating_to_i64(x: ir.Value) -> ir.Value:
    i64 = _i64()
    low, high = build.scalar(-(2.0**63), x.type), build.scalar(2.0**63, x.type)
    fits = _in_range(x, low, high)
    converted = arith.fptosi(i64, arith.select(fits, x, build.scalar(0.0, x.type)))
    outside = arith.select(
        arith.cmpf(CmpF.OGE, x, high),
        build.scalar((1 << 63) - 1, i64),
        arith.select(arith.cmpf(CmpF.OLT, x, low), build.scalar(-(1 << 63), i64), build.scalar(0, i64)),
    )
    return arith.select(fits, converted, outside)


def _select_unsigned_high(x: ir.Value, wide: ir.Value) -> ir.Value:
    """For ui64: values from 2^63 up converted unsigned (2^64 and above give 2^64 - 1)."""
    i64 = _i64()
    low, high = build.scalar(2.0**63, x.type), build.scalar(2.0**64, x.type)
    fits = _in_range(x, low, high)
    converted = arith.fptoui(i64, arith.select(fits, x, low))
    beyond = arith.cmpf(CmpF.OGE, x, high)
    return arith.select(fits, converted, arith.select(beyond, build.scalar(-1, i64), wide))


def _small_float_to_f32(x: ir.Value, source: str) -> ir.Value:
    """An 8- or 4-bit float widened exactly. f8E8M0FNU (2^(e - 127), NaN at 0xFF) is built from its
    bits here: APFloat widens its NaN to inf."""
    if source != "f8E8M0FNU":
        return arith.extf(_f32(), x)
    i32 = ir.IntegerType.get_signless(32)
    exponent = arith.extui(i32, arith.bitcast(ir.IntegerType.get_signless(8), x))

    def is_(v):
        return arith.cmpi(CmpI.eq, exponent, build.scalar(v, i32))

    normal = arith.shli(exponent, build.scalar(23, i32))
    smallest = build.scalar(0x400000, i32)  # 2^-127 is an f32 subnormal
    bits = arith.select(is_(0xFF), build.scalar(0x7FC00000, i32), arith.select(is_(0), smallest, normal))
    return arith.bitcast(_f32(), bits)


def _to_small_float(x: ir.Value, target: str, saturate: bool, round_mode: str) -> ir.Value:
    """An f32 to one of the 8- or 4-bit floats."""
    to = _mlir(target)
    if target == "f8E8M0FNU":
        return arith.bitcast(to, _e8m0_bits(x, saturate, round_mode))
    if target == "f4E2M1FN":
        return _to_f4(x, to)
    if saturate and target in SATURATING_FLOAT8_TYPES:
        x = _clamp(x, _largest(to))
    return arith.truncf(to, x)


def _largest(small_float: ir.Type) -> float:
    """The largest finite value of an 8- or 4-bit float (ml_dtypes knows it)."""
    return float(ml_dtypes.finfo(NUMPY_DTYPES[str(small_float)]).max)


def _clamp(x: ir.Value, largest: float) -> ir.Value:
    """x clamped to [-largest, largest]; NaN stays NaN."""
    return arith.maximumf(arith.minimumf(x, build.scalar(largest, x.type)), build.scalar(-largest, x.type))


def _to_f4(x: ir.Value, to: ir.Type) -> ir.Value:
    """f4E2M1FN has neither inf nor NaN: values clamp to +-6, and NaN becomes a zero of the opposite
    sign (ml_dtypes' choice). NaN never reaches the conversion call."""
    is_nan = arith.cmpf(CmpF.UNO, x, x)
    rounded = arith.truncf(to, _clamp(arith.select(is_nan, build.scalar(0.0, x.type), x), _largest(to)))
    i32, i4 = ir.IntegerType.get_signless(32), ir.IntegerType.get_signless(4)
    positive = arith.cmpi(CmpI.sge, arith.bitcast(i32, x), build.scalar(0, i32))
    nan_zero = arith.select(positive, build.scalar(-8, i4), build.scalar(0, i4))  # 0b1000 is -0
    return arith.select(is_nan, arith.bitcast(to, nan_zero), rounded)


def _e8m0_bits(x: ir.Value, saturate: bool, round_mode: str) -> ir.Value:
    """The biased f32 exponent, rounded by the mantissa bits it drops; NaN and inf give 0xFF (NaN)."""
    i32, i8 = ir.IntegerType.get_signless(32), ir.IntegerType.get_signless(8)

    def const(v):
        return build.scalar(v, i32)

    bits = arith.bitcast(i32, x)
    exponent = arith.andi(arith.shrui(bits, const(23)), const(0xFF))
    if round_mode == "down":
        return arith.trunci(i8, exponent)  # 0xFF stays NaN
    mantissa = arith.andi(bits, const(0x7FFFFF))

    def nonzero(v):
        return arith.cmpi(CmpI.ne, v, const(0))

    if round_mode == "up":
        carry = nonzero(mantissa)
    else:  # "nearest": half the gap to the next power of two or more (ties up, except below the normal floats)
        half = nonzero(arith.andi(mantissa, const(0x400000)))
        carry = arith.andi(half, arith.ori(nonzero(arith.andi(mantissa, const(0x3FFFFF))), nonzero(exponent)))
    if saturate:
        carry = arith.andi(carry, arith.cmpi(CmpI.ne, exponent, const(0xFE)))
    rounded = arith.addi(exponent, arith.extui(i32, carry))
    special = arith.cmpi(CmpI.eq, exponent, const(0xFF))  # NaN and inf: no carry past it
    return arith.trunci(i8, arith.select(special, const(0xFF), rounded))
