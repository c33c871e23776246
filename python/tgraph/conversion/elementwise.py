"""Elementwise tg ops to linalg: the named op (`linalg.add`, `linalg.exp`...) when operands and result
have one shape and a named op exists for the element type; otherwise a `linalg.generic` whose indexing
maps broadcast (a static 1 against a larger dim reads element 0)."""

from __future__ import annotations

import math as pymath

from mlir import ir
from mlir.dialects import arith, linalg, math

from . import build


def _int_div(lhs: ir.Value, rhs: ir.Value) -> ir.Value:
    """Truncating division that neither traps on x/0 (gives 0) nor on INT_MIN/-1 (wraps)."""
    type_ = lhs.type
    zero, one, minus_one = (build.scalar(v, type_) for v in (0, 1, -1))
    divisor_zero = arith.cmpi(arith.CmpIPredicate.eq, rhs, zero)
    divisor_minus_one = arith.cmpi(arith.CmpIPredicate.eq, rhs, minus_one)
    safe = arith.select(arith.ori(divisor_zero, divisor_minus_one), one, rhs)
    quotient = arith.select(divisor_minus_one, arith.subi(zero, lhs), arith.divsi(lhs, safe))
    return arith.select(divisor_zero, zero, quotient)


FLOAT_BINARY = {
    "tg.add": arith.addf,
    "tg.sub": arith.subf,
    "tg.mul": arith.mulf,
    "tg.div": arith.divf,
    "tg.max": arith.maximumf,
    "tg.min": arith.minimumf,
    "tg.pow": math.powf,
}
INTEGER_BINARY = {
    "tg.add": arith.addi,
    "tg.sub": arith.subi,
    "tg.mul": arith.muli,
    "tg.div": _int_div,
    "tg.max": arith.maxsi,
    "tg.min": arith.minsi,
}
NAMED_BINARY = {"tg.add": linalg.add, "tg.sub": linalg.sub, "tg.mul": linalg.mul, "tg.max": linalg.max, "tg.min": linalg.min}
NAMED_FLOAT_BINARY = {"tg.div": linalg.div, "tg.pow": linalg.powf}
NAMED_FLOAT_UNARY = {"tg.exp": linalg.exp, "tg.log": linalg.log, "tg.sqrt": linalg.sqrt, "tg.tanh": linalg.tanh, "tg.neg": linalg.negf}


def _half(x: ir.Value, inner: ir.Value) -> ir.Value:
    """x/2 * (1 + inner): the shape both GELU forms share."""
    t = x.type
    return arith.mulf(arith.mulf(build.scalar(0.5, t), x), arith.addf(build.scalar(1.0, t), inner))


def _gelu_erf(x: ir.Value) -> ir.Value:
    return _half(x, math.erf(arith.mulf(x, build.scalar(pymath.sqrt(0.5), x.type))))


def _gelu_tanh(x: ir.Value) -> ir.Value:
    t = x.type
    cube = arith.mulf(arith.mulf(x, x), x)
    inner = arith.addf(x, arith.mulf(build.scalar(0.044715, t), cube))
    return _half(x, math.tanh(arith.mulf(build.scalar(pymath.sqrt(2.0 / pymath.pi), t), inner)))


def _sigmoid(x: ir.Value) -> ir.Value:
    one = build.scalar(1.0, x.type)
    return arith.divf(one, arith.addf(one, math.exp(arith.negf(x))))


FLOAT_UNARY = {
    "tg.neg": arith.negf,
    "tg.exp": math.exp,
    "tg.log": math.log,
    "tg.sqrt": math.sqrt,
    "tg.tanh": math.tanh,
    "tg.sigmoid": _sigmoid,
    "tg.relu": lambda x: arith.maximumf(x, build.scalar(0.0, x.type)),
}
INTEGER_UNARY = {
    "tg.neg": lambda x: arith.subi(build.scalar(0, x.type), x),
    "tg.relu": lambda x: arith.maxsi(x, build.scalar(0, x.type)),
}


def _scalar_function(op, element: ir.Type):
    if op.name == "tg.gelu":
        return _gelu_tanh if op.approximate == "tanh" else _gelu_erf
    table = (FLOAT_BINARY if build.is_float(element) else INTEGER_BINARY) if len(op.operands) == 2 else (
        FLOAT_UNARY if build.is_float(element) else INTEGER_UNARY
    )
    return table[op.name]


def _named_op(op, element: ir.Type):
    if len(op.operands) == 2:
        if op.name in NAMED_BINARY:
            return NAMED_BINARY[op.name]
        return NAMED_FLOAT_BINARY.get(op.name) if build.is_float(element) else None
    return NAMED_FLOAT_UNARY.get(op.name) if build.is_float(element) else None


def lower_elementwise(op) -> list[ir.Value]:
    """Any unary or binary elementwise tg op."""
    result_type = build.result_type(op)
    element = result_type.element_type
    operands = list(op.operands)
    result_sizes = _result_sizes(operands, result_type)
    init = build.empty(result_sizes, element)
    named = _named_op(op, element)
    if named is not None and all(v.type == result_type for v in operands):
        return [named(*operands, outs=[init])]
    maps = [_broadcast_map(ir.RankedTensorType(v.type), result_type) for v in operands]
    return [build.elementwise(operands, maps, init, _scalar_function(op, element))]


def _aligned_dims(operand_type: ir.RankedTensorType, rank: int) -> list[tuple[int, int]]:
    """(operand dim, result dim) pairs, right-aligned as NumPy broadcasting aligns them."""
    offset = rank - operand_type.rank
    return [(j, offset + j) for j in range(operand_type.rank)]


def _broadcasts(operand_type: ir.RankedTensorType, j: int, result_type: ir.RankedTensorType, i: int) -> bool:
    """A static 1 read against a result dim that is not a static 1."""
    static_one = not operand_type.is_dynamic_dim(j) and operand_type.get_dim_size(j) == 1
    return static_one and (result_type.is_dynamic_dim(i) or result_type.get_dim_size(i) != 1)


def _broadcast_map(operand_type: ir.RankedTensorType, result_type: ir.RankedTensorType) -> ir.AffineMap:
    dims = [
        None if _broadcasts(operand_type, j, result_type, i) else i
        for j, i in _aligned_dims(operand_type, result_type.rank)
    ]
    return build.projection_map(result_type.rank, dims)


def _result_sizes(operands: list[ir.Value], result_type: ir.RankedTensorType) -> list[build.Size]:
    """Static result dims as ints; a dynamic one from the first operand that does not broadcast there."""
    return [
        result_type.get_dim_size(i) if not result_type.is_dynamic_dim(i) else _dynamic_size(operands, result_type, i)
        for i in range(result_type.rank)
    ]


def _dynamic_size(operands: list[ir.Value], result_type: ir.RankedTensorType, i: int) -> ir.Value:
    for value in operands:
        operand_type = ir.RankedTensorType(value.type)
        j = i - (result_type.rank - operand_type.rank)
        if j >= 0 and not _broadcasts(operand_type, j, result_type, i):
            return build.size(value, j)
    raise AssertionError("a dynamic result dim comes from an operand")


LOWERINGS = {
    name: lower_elementwise
    for name in (
        "tg.add", "tg.sub", "tg.mul", "tg.div", "tg.max", "tg.min", "tg.pow",
        "tg.neg", "tg.exp", "tg.log", "tg.sqrt", "tg.tanh", "tg.sigmoid", "tg.relu", "tg.gelu",
    )
}  # fmt: skip
