"""Comparisons, boolean logic, selection and casts to linalg. All are elementwise: their scalar bodies
join `elementwise.SCALAR` and `elementwise.lower_elementwise` builds the broadcasting generics, loading
and storing the storage types. A cast's body is conversion/cast.py."""

from __future__ import annotations

from mlir import ir
from mlir.dialects import arith

from . import build, cast, elementwise

CmpF, CmpI = arith.CmpFPredicate, arith.CmpIPredicate

#: `tg.compare` predicates as arith predicates per element kind (bools compare as unsigned: false <
#: true). Float "ne" is unordered (true with NaN), the others ordered (false with NaN).
FLOAT_PREDICATES = {"eq": CmpF.OEQ, "ne": CmpF.UNE, "lt": CmpF.OLT, "le": CmpF.OLE, "gt": CmpF.OGT, "ge": CmpF.OGE}
SIGNED_PREDICATES = {"eq": CmpI.eq, "ne": CmpI.ne, "lt": CmpI.slt, "le": CmpI.sle, "gt": CmpI.sgt, "ge": CmpI.sge}
UNSIGNED_PREDICATES = {"eq": CmpI.eq, "ne": CmpI.ne, "lt": CmpI.ult, "le": CmpI.ule, "gt": CmpI.ugt, "ge": CmpI.uge}


def _compare(op, kind: str) -> elementwise.ScalarFunction:
    predicate = op.predicate
    if kind == "float":
        return lambda lhs, rhs: arith.cmpf(FLOAT_PREDICATES[predicate], lhs, rhs)
    table = SIGNED_PREDICATES if kind == "signed" else UNSIGNED_PREDICATES
    return lambda lhs, rhs: arith.cmpi(table[predicate], lhs, rhs)


def _not(x: ir.Value) -> ir.Value:
    return arith.xori(x, build.scalar(1, x.type))


def _cast(op, kind: str) -> elementwise.ScalarFunction:
    source = str(build.operand_element(op, 0))
    target = str(build.result_element(op))
    saturate, round_mode = op.saturate, op.round_mode
    return lambda x: cast.convert(x, source, target, saturate, round_mode)


elementwise.SCALAR.update(
    {
        "tg.compare": _compare,
        "tg.and": elementwise.by_kind(bool=arith.andi),
        "tg.or": elementwise.by_kind(bool=arith.ori),
        "tg.xor": elementwise.by_kind(bool=arith.xori),
        "tg.not": elementwise.by_kind(bool=_not),
        "tg.select": lambda op, kind: arith.select,
        "tg.cast": _cast,
    }
)


def lower_cast(op) -> list[ir.Value]:
    """A cast to the operand's own type is the operand; others are elementwise conversions."""
    if build.operand_element(op, 0) == build.result_element(op):
        return [op.operands[0]]
    return elementwise.lower_elementwise(op)


LOWERINGS = {
    **{name: elementwise.lower_elementwise for name in ("tg.compare", "tg.and", "tg.or", "tg.xor", "tg.not", "tg.select")},
    "tg.cast": lower_cast,
}
