"""Index arithmetic that folds: sizes, offsets and indices are Python ints when they are known at
compile time and `index` values otherwise; each operation here gives an int when its operands are ints
and builds `arith` ops only when it must, so static shapes lower to static IR and dynamic ones compute
bounds at run time with the same code."""

from __future__ import annotations

from mlir import ir
from mlir.dialects import arith

from . import build

Size = build.Size


def value(x: Size) -> ir.Value:
    """`x` as an `index` value (a constant for an int)."""
    return x if isinstance(x, ir.Value) else build.index(x)


def add(a: Size, b: Size) -> Size:
    if isinstance(a, int) and isinstance(b, int):
        return a + b
    if b == 0 or a == 0:
        return a if b == 0 else b
    return arith.addi(value(a), value(b))


def sub(a: Size, b: Size) -> Size:
    if isinstance(a, int) and isinstance(b, int):
        return a - b
    return a if b == 0 else arith.subi(value(a), value(b))


def mul(a: Size, b: Size) -> Size:
    if isinstance(a, int) and isinstance(b, int):
        return a * b
    if a == 1 or b == 1:
        return a if b == 1 else b
    return arith.muli(value(a), value(b))


def ceil_div(a: Size, b: int) -> Size:
    if isinstance(a, int):
        return -(-a // b)
    return a if b == 1 else arith.ceildivsi(a, build.index(b))


def minimum(a: Size, b: Size) -> Size:
    if isinstance(a, int) and isinstance(b, int):
        return min(a, b)
    return arith.minsi(value(a), value(b))


def maximum(a: Size, b: Size) -> Size:
    if isinstance(a, int) and isinstance(b, int):
        return max(a, b)
    return arith.maxsi(value(a), value(b))


def clamp(x: Size, low: Size, high: Size) -> Size:
    return minimum(maximum(x, low), high)


def less(a: Size, b: Size) -> bool | ir.Value:
    if isinstance(a, int) and isinstance(b, int):
        return a < b
    return arith.cmpi(arith.CmpIPredicate.slt, value(a), value(b))


def equal(a: Size, b: Size) -> bool | ir.Value:
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    return arith.cmpi(arith.CmpIPredicate.eq, value(a), value(b))


def select(condition: bool | ir.Value, a: Size, b: Size) -> Size:
    if isinstance(condition, bool):
        return a if condition else b
    return arith.select(condition, value(a), value(b))


def floor_mod(a: Size, b: Size) -> Size:
    """`a mod b` with the sign of `b` (Python's %), for wrapping indices around."""
    if isinstance(a, int) and isinstance(b, int):
        return a % b
    remainder = arith.remsi(value(a), value(b))
    return select(less(remainder, 0), add(remainder, b), remainder)


def from_end(x: Size, dim: Size) -> Size:
    """A negative index or bound counts from the end of a dim of size `dim`."""
    if isinstance(x, int):
        return add(x, dim) if x < 0 else x
    return select(less(x, 0), add(x, dim), x)


def divide(a: Size, b: Size) -> Size:
    """`a / b` rounded down, for non-negative sizes (0 when `b` is a known 0)."""
    if isinstance(a, int) and isinstance(b, int):
        return a // b if b else 0
    return arith.divui(value(a), value(b))
