"""Elementwise tg ops to linalg: the named op (`linalg.add`, `linalg.exp`...) when operands and result
have one shape, are not stored in another type, and a named op exists for the element type; otherwise a
`linalg.generic` whose indexing maps broadcast (a static 1 against a larger dim reads element 0).

Each op's scalar computation comes from `SCALAR`: op name -> `builder(op, kind)` giving the function of
the loaded operand scalars. `kind` is how the first operand's element type computes: "float",
"signed", "unsigned" or "bool". Operands are loaded from, and the result stored to, their storage types
(see storage.py), so a builder always sees compute types (`i1`, signless integers, floats)."""

from __future__ import annotations

import math as pymath
from typing import Callable

from mlir import ir
from mlir.dialects import arith, linalg, math, scf

from ..dialect.types import is_unsigned
from . import build, storage

ScalarFunction = Callable[..., ir.Value]


def element_kind(element: ir.Type) -> str:
    """How an element type computes: "float", "signed", "unsigned" or "bool"."""
    name = str(element)
    if build.is_float(element) or name.startswith(("f8", "f4")):
        return "float"
    if name == "i1":
        return "bool"
    return "unsigned" if is_unsigned(name) else "signed"


def by_kind(**functions: ScalarFunction):
    """A SCALAR builder choosing the scalar function by element kind: `by_kind(float=arith.addf, ...)`."""

    def builder(op, kind: str) -> ScalarFunction:
        return functions[kind]

    return builder


def truncating_div(lhs: ir.Value, rhs: ir.Value) -> ir.Value:
    """Truncating division that neither traps on x/0 (gives 0) nor on INT_MIN/-1 (wraps)."""
    type_ = lhs.type
    zero, one, minus_one = (build.scalar(v, type_) for v in (0, 1, -1))
    divisor_zero = arith.cmpi(arith.CmpIPredicate.eq, rhs, zero)
    divisor_minus_one = arith.cmpi(arith.CmpIPredicate.eq, rhs, minus_one)
    safe = arith.select(arith.ori(divisor_zero, divisor_minus_one), one, rhs)
    quotient = arith.select(divisor_minus_one, arith.subi(zero, lhs), arith.divsi(lhs, safe))
    return arith.select(divisor_zero, zero, quotient)


def unsigned_div(lhs: ir.Value, rhs: ir.Value) -> ir.Value:
    """Unsigned division; x/0 gives 0 instead of trapping."""
    zero, one = build.scalar(0, lhs.type), build.scalar(1, lhs.type)
    divisor_zero = arith.cmpi(arith.CmpIPredicate.eq, rhs, zero)
    quotient = arith.divui(lhs, arith.select(divisor_zero, one, rhs))
    return arith.select(divisor_zero, zero, quotient)


def to_float(value: ir.Value, kind: str, to: ir.Type) -> ir.Value:
    """A scalar of element kind `kind` converted to the float type `to` (integers by their signedness)."""
    if kind == "float":
        return build.convert_scalar(value, to)
    return (arith.uitofp if kind == "unsigned" else arith.sitofp)(to, value)


def _pow(op, kind: str) -> ScalarFunction:
    """`tg.pow` for its base kind and its exponent's (they may differ): powf in the base's float type, or
    in f64 for an integer base with a float exponent; exact integer powers when both are integers."""
    exponent_kind = element_kind(build.operand_element(op, 1))
    if kind == "float":
        return lambda x, y: math.powf(x, to_float(y, exponent_kind, x.type))
    if exponent_kind == "float":
        f64 = ir.F64Type.get()
        to_integer = arith.fptoui if kind == "unsigned" else arith.fptosi
        return lambda x, y: to_integer(x.type, math.powf(to_float(x, kind, f64), to_float(y, "float", f64)))
    return lambda x, y: _integer_power(x, y, signed_exponent=exponent_kind == "signed")


def _integer_power(base: ir.Value, exponent: ir.Value, signed_exponent: bool) -> ir.Value:
    """`base ** exponent` by repeated squaring (an `scf.while` over the exponent's bits), wrapping like
    integer multiplication; a negative exponent gives `1 / base ** -exponent`, truncated."""
    one = build.scalar(1, base.type)
    magnitude, negative = exponent, None
    if signed_exponent:
        zero = build.scalar(0, exponent.type)
        negative = arith.cmpi(arith.CmpIPredicate.slt, exponent, zero)
        magnitude = arith.select(negative, arith.subi(zero, exponent), exponent)
    types = [base.type, base.type, exponent.type]
    loop = scf.WhileOp(types, [one, base, magnitude])
    before = loop.before.blocks.append(*types)
    with ir.InsertionPoint(before):
        bits_left = arith.cmpi(arith.CmpIPredicate.ne, before.arguments[2], build.scalar(0, exponent.type))
        scf.ConditionOp(bits_left, list(before.arguments))
    after = loop.after.blocks.append(*types)
    with ir.InsertionPoint(after):
        power, factor, bits = after.arguments
        low_bit = arith.trunci(ir.IntegerType.get_signless(1), bits)
        power = arith.select(low_bit, arith.muli(power, factor), power)
        scf.YieldOp([power, arith.muli(factor, factor), arith.shrui(bits, build.scalar(1, exponent.type))])
    power = loop.results[0]
    return power if negative is None else arith.select(negative, truncating_div(one, power), power)


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


def _zero_like(x: ir.Value) -> ir.Value:
    return build.scalar(0, x.type)


SCALAR: dict[str, Callable[[object, str], ScalarFunction]] = {
    "tg.add": by_kind(float=arith.addf, signed=arith.addi, unsigned=arith.addi),
    "tg.sub": by_kind(float=arith.subf, signed=arith.subi, unsigned=arith.subi),
    "tg.mul": by_kind(float=arith.mulf, signed=arith.muli, unsigned=arith.muli),
    "tg.div": by_kind(float=arith.divf, signed=truncating_div, unsigned=unsigned_div),
    "tg.max": by_kind(float=arith.maximumf, signed=arith.maxsi, unsigned=arith.maxui),
    "tg.min": by_kind(float=arith.minimumf, signed=arith.minsi, unsigned=arith.minui),
    "tg.pow": _pow,
    "tg.neg": by_kind(float=arith.negf, signed=lambda x: arith.subi(_zero_like(x), x)),
    "tg.exp": by_kind(float=math.exp),
    "tg.log": by_kind(float=math.log),
    "tg.sqrt": by_kind(float=math.sqrt),
    "tg.tanh": by_kind(float=math.tanh),
    "tg.sigmoid": by_kind(float=_sigmoid),
    "tg.relu": by_kind(
        float=lambda x: arith.maximumf(x, _zero_like(x)),
        signed=lambda x: arith.maxsi(x, _zero_like(x)),
        unsigned=lambda x: x,
    ),
    "tg.gelu": lambda op, kind: _gelu_tanh if op.approximate == "tanh" else _gelu_erf,
}

#: Named linalg ops for same-shape operands, by op and element kind.
NAMED = {
    "tg.add": {"float": linalg.add, "signed": linalg.add, "unsigned": linalg.add},
    "tg.sub": {"float": linalg.sub, "signed": linalg.sub, "unsigned": linalg.sub},
    "tg.mul": {"float": linalg.mul, "signed": linalg.mul, "unsigned": linalg.mul},
    "tg.max": {"float": linalg.max, "signed": linalg.max},
    "tg.min": {"float": linalg.min, "signed": linalg.min},
    "tg.div": {"float": linalg.div},
    "tg.pow": {"float": linalg.powf},
    "tg.exp": {"float": linalg.exp},
    "tg.log": {"float": linalg.log},
    "tg.sqrt": {"float": linalg.sqrt},
    "tg.tanh": {"float": linalg.tanh},
    "tg.neg": {"float": linalg.negf},
}


def lower_elementwise(op) -> list[ir.Value]:
    """Any elementwise tg op with an entry in SCALAR (any number of broadcasting operands)."""
    result_type = build.result_type(op)
    operands = list(op.operands)
    elements = [build.operand_element(op, i) for i in range(len(operands))]
    result_element = build.result_element(op)
    kind = element_kind(elements[0])
    init = build.empty(_result_sizes(operands, result_type), result_type.element_type)
    named = NAMED.get(op.name, {}).get(kind)
    stored_as_is = all(storage.storage_element(e) == e for e in elements + [result_element])
    if named is not None and stored_as_is and all(v.type == result_type for v in operands):
        return [named(*operands, outs=[init])]
    scalar = SCALAR[op.name](op, kind)

    def body(*stored):
        loaded = [storage.load(v, e) for v, e in zip(stored, elements)]
        return storage.store(scalar(*loaded), result_element)

    maps = [_broadcast_map(ir.RankedTensorType(v.type), result_type) for v in operands]
    return [build.elementwise(operands, maps, init, body)]


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


LOWERINGS = {name: lower_elementwise for name in SCALAR}
