"""Reductions to `linalg.reduce` from a `linalg.fill` of their identity (sums and products of 16-bit
floats accumulate in f32), `keepdims` as a `tensor.expand_shape` view; arg-reductions to one
`linalg.generic` carrying the best value and its index; softmax as max, exp, sum and divide around the
same axis.

Operands arrive in their storage types (storage.py): booleans as i8 holding 0 or 1 and unsigned
integers as signless ones, so max and min pick unsigned comparisons for both, from the tg element type.
"""

from __future__ import annotations

from math import prod

from mlir import ir
from mlir.dialects import arith, linalg, math

from ..dialect.ops.reduction import reduced_axes
from ..dialect.types import normalize_axis
from . import build
from .elementwise import element_kind

#: The reductions `lower_reduction` handles (and fusion.py fuses producers into).
REDUCTION_NAMES = ("tg.reduce_sum", "tg.reduce_mean", "tg.reduce_prod", "tg.reduce_max", "tg.reduce_min")

#: The combiners of max and min by element kind (booleans, stored as 0 and 1, compare unsigned).
MAXIMUM = {"float": arith.maximumf, "signed": arith.maxsi, "unsigned": arith.maxui, "bool": arith.maxui}
MINIMUM = {"float": arith.minimumf, "signed": arith.minsi, "unsigned": arith.minui, "bool": arith.minui}


def extreme(element: ir.Type, kind: str, largest: bool):
    """The largest (or lowest) value of a stored element type of the given kind: the identity of min
    (or max)."""
    if kind == "float":
        return float("inf") if largest else float("-inf")
    if kind == "bool":
        return int(largest)
    if kind == "unsigned":
        return -1 if largest else 0  # all ones, as a signless constant
    width = ir.IntegerType(element).width
    return (1 << (width - 1)) - 1 if largest else -(1 << (width - 1))


def _reassociable(combine):
    """`combine` (a float add) marked reassociable: LLVM may then vectorize a loop summing into one
    accumulator (several partial sums, added at the end), as every BLAS and onnxruntime does; the
    result differs from the sequential sum by rounding only."""
    return lambda x, acc: combine(x, acc, fastmath=ir.Attribute.parse("#arith.fastmath<reassoc>"))


def _widening(combine):
    """`combine(x, acc)` after converting x to the accumulator's type."""
    return lambda x, acc: combine(build.convert_scalar(x, acc.type), acc)


def combiner(name: str, element: ir.Type, kind: str):
    """(accumulator type, identity, combine) of the reduction `name` on a stored element type."""
    floating = kind == "float"
    if name in ("tg.reduce_sum", "tg.reduce_mean"):
        return build.accumulator_type(element), 0, _widening(_reassociable(arith.addf) if floating else arith.addi)
    if name == "tg.reduce_prod":
        return build.accumulator_type(element), 1, _widening(arith.mulf if floating else arith.muli)
    largest = name == "tg.reduce_min"
    return element, extreme(element, kind, largest), (MINIMUM if largest else MAXIMUM)[kind]


def _operand(op) -> tuple[ir.Value, ir.Type, str, list[build.Size]]:
    """A reduction's input: its value, stored element type, element kind and sizes."""
    source = op.input
    return source, build.element_type(source), element_kind(build.operand_element(op, 0)), build.sizes(source)


def kept_sizes(sizes: list[build.Size], axes) -> list[build.Size]:
    """The sizes of the dims that are not reduced."""
    return [s for d, s in enumerate(sizes) if d not in axes]


def lower_reduction(op) -> list[ir.Value]:
    """`tg.reduce_sum`, `reduce_mean`, `reduce_prod`, `reduce_max` and `reduce_min`."""
    source, element, kind, source_sizes = _operand(op)
    axes = reduced_axes(op.axes, len(source_sizes))
    if not axes:
        return [source]
    accumulator, identity, combine = combiner(op.name, element, kind)
    reduced = build.reduce(source, build.filled(kept_sizes(source_sizes, axes), accumulator, identity), axes, combine)
    return [finish_reduction(op, reduced, source_sizes, axes, element, kind)]


def finish_reduction(op, reduced: ir.Value, source_sizes: list[build.Size], axes, element: ir.Type, kind: str) -> ir.Value:
    """The accumulated `reduced` as the op's result: divided by the count for a mean, rounded to the
    element type, with the reduced dims kept as 1s when `keepdims`."""
    if op.name == "tg.reduce_mean":
        reduced = _divide_by_count(reduced, [source_sizes[d] for d in axes], element, kind)
    else:
        reduced = build.convert_tensor(reduced, element)
    if op.keepdims:
        reduced = _keep_dims(reduced, len(source_sizes), axes, source_sizes)
    return reduced


def _keep_dims(reduced: ir.Value, rank: int, axes, source_sizes: list[build.Size]) -> ir.Value:
    """The reduced tensor viewed with its reduced dims back as 1s."""
    return build.expand_shape(reduced, _keepdims_groups(rank, axes), [1 if d in axes else s for d, s in enumerate(source_sizes)])


def _count(counted: list[build.Size], type_: ir.Type) -> ir.Value:
    """The product of the reduced sizes as a `type_` scalar (an integer count is at least 1, so an empty
    integer mean is 0 / 1 rather than a trap)."""
    count = build.index(prod(s for s in counted if isinstance(s, int)))
    for s in counted:
        if isinstance(s, ir.Value):
            count = arith.muli(count, s)
    if build.is_float(type_):
        return arith.sitofp(type_, arith.index_cast(ir.IntegerType.get_signless(64), count))
    count = arith.maxui(count, build.index(1))
    return arith.index_cast(type_, count)


def _divide_by_count(total: ir.Value, counted: list[build.Size], element: ir.Type, kind: str) -> ir.Value:
    """`total / count` rounded to `element`, count being the product of the reduced sizes; integers
    divide truncating toward zero (unsigned ones as unsigned)."""
    accumulator = build.element_type(total)
    count = _count(counted, accumulator)
    divide = {"float": arith.divf, "signed": arith.divsi, "unsigned": arith.divui}[kind]
    rank = ir.RankedTensorType(total.type).rank
    init = build.empty(build.sizes(total), element)
    return build.elementwise([total], [build.identity_map(rank)], init, lambda x: build.convert_scalar(divide(x, count), element))


def _keepdims_groups(rank: int, axes) -> list[list[int]]:
    """Reassociation from the reduced tensor back to rank `rank`: reduced dims join a neighbour."""
    groups: list[list[int]] = []
    leading: list[int] = []
    for d in range(rank):
        if d not in axes:
            groups.append(leading + [d])
            leading = []
        elif groups:
            groups[-1].append(d)
        else:
            leading.append(d)
    return groups


# --- arg-reductions ------------------------------------------------------------------------------

#: (strictly better, better or equal) comparisons of a candidate against the best so far.
_FLOAT_ORDER = {"tg.argmax": (arith.CmpFPredicate.OGT, arith.CmpFPredicate.OGE), "tg.argmin": (arith.CmpFPredicate.OLT, arith.CmpFPredicate.OLE)}
_INTEGER_ORDER = {
    ("tg.argmax", "signed"): (arith.CmpIPredicate.sgt, arith.CmpIPredicate.sge),
    ("tg.argmax", "unsigned"): (arith.CmpIPredicate.ugt, arith.CmpIPredicate.uge),
    ("tg.argmin", "signed"): (arith.CmpIPredicate.slt, arith.CmpIPredicate.sle),
    ("tg.argmin", "unsigned"): (arith.CmpIPredicate.ult, arith.CmpIPredicate.ule),
}


def _replaces(name: str, kind: str, last: bool, x: ir.Value, best: ir.Value) -> ir.Value:
    """Whether candidate `x` replaces `best`. Ties go to the first index, or with `last` to the later
    one; a NaN beats every number (as in numpy.argmax/argmin), the first NaN or with `last` the last."""
    if kind != "float":
        strict, loose = _INTEGER_ORDER[name, kind]
        return arith.cmpi(loose if last else strict, x, best)
    strict, loose = _FLOAT_ORDER[name]
    x_nan = arith.cmpf(arith.CmpFPredicate.UNO, x, x)
    if last:
        return arith.ori(arith.cmpf(loose, x, best), x_nan)
    best_number = arith.cmpf(arith.CmpFPredicate.ORD, best, best)
    return arith.ori(arith.cmpf(strict, x, best), arith.andi(x_nan, best_number))


def lower_arg_reduction(op) -> list[ir.Value]:
    """`tg.argmax` and `tg.argmin`: one pass along the axis keeping the best value and its index."""
    source, element, kind, source_sizes = _operand(op)
    rank = len(source_sizes)
    axis = normalize_axis(op.axis, rank)
    kept = kept_sizes(source_sizes, (axis,))
    index_type = ir.IntegerType.get_signless(64)
    start = extreme(element, kind, largest=op.name == "tg.argmin")
    inits = [build.filled(kept, element, start), build.filled(kept, index_type, 0)]
    along = build.projection_map(rank, [d for d in range(rank) if d != axis])
    iterators = ["reduction" if d == axis else "parallel" for d in range(rank)]

    def body(x, best, best_index):
        index = arith.index_cast(index_type, linalg.IndexOp(axis).result)
        replace = _replaces(op.name, kind, op.select_last_index, x, best)
        return [arith.select(replace, x, best), arith.select(replace, index, best_index)]

    _, indices = build.generic_results([source], inits, [build.identity_map(rank), along, along], iterators, body)
    if op.keepdims:
        indices = _keep_dims(indices, rank, (axis,), source_sizes)
    return [indices]


# --- softmax -------------------------------------------------------------------------------------


def lower_softmax(op) -> list[ir.Value]:
    source, element, _, source_sizes = _operand(op)
    accumulator = build.accumulator_type(element)
    rank = len(source_sizes)
    axis = normalize_axis(op.axis, rank)
    kept = kept_sizes(source_sizes, (axis,))
    full, along = build.identity_map(rank), build.projection_map(rank, [d for d in range(rank) if d != axis])

    maximum = build.reduce(source, build.filled(kept, element, build.lowest(element)), [axis], MAXIMUM["float"])
    exp = build.elementwise(
        [source, maximum],
        [full, along],
        build.empty(source_sizes, accumulator),
        lambda x, m: math.exp(build.convert_scalar(arith.subf(x, m), accumulator)),
    )
    total = build.reduce(exp, build.filled(kept, accumulator, 0), [axis], _widening(_reassociable(arith.addf)))
    return [
        build.elementwise(
            [exp, total],
            [full, along],
            build.empty(source_sizes, element),
            lambda e, s: build.convert_scalar(arith.divf(e, s), element),
        )
    ]


REDUCTIONS = ("tg.reduce_sum", "tg.reduce_mean", "tg.reduce_prod", "tg.reduce_max", "tg.reduce_min")

LOWERINGS = {
    **{name: lower_reduction for name in REDUCTIONS},
    "tg.argmax": lower_arg_reduction,
    "tg.argmin": lower_arg_reduction,
    "tg.softmax": lower_softmax,
}
