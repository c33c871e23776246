"""Reductions to `linalg.reduce` (sums of 16-bit floats accumulate in f32), `keepdims` as a
`tensor.expand_shape` view, and softmax as max, exp, sum and divide around the same axis."""

from __future__ import annotations

from math import prod

from mlir import ir
from mlir.dialects import arith, math

from ..dialect.ops.reduction import reduced_axes
from ..dialect.types import normalize_axis
from . import build


def _add(element: ir.Type):
    if build.is_float(element):
        return lambda x, acc: arith.addf(build.convert_scalar(x, acc.type), acc)
    return lambda x, acc: arith.addi(build.convert_scalar(x, acc.type), acc)


def _max(element: ir.Type):
    return arith.maximumf if build.is_float(element) else arith.maxsi


def lower_reduction(op) -> list[ir.Value]:
    """`tg.reduce_sum`, `tg.reduce_mean` and `tg.reduce_max`."""
    source = op.input
    element = build.element_type(source)
    rank = ir.RankedTensorType(source.type).rank
    axes = reduced_axes(op.axes, rank)
    if not axes:
        return [source]
    source_sizes = build.sizes(source)
    kept = [s for d, s in enumerate(source_sizes) if d not in axes]
    if op.name == "tg.reduce_max":
        reduced = build.reduce(source, build.filled(kept, element, build.lowest(element)), axes, _max(element))
    else:
        accumulator = build.accumulator_type(element)
        reduced = build.reduce(source, build.filled(kept, accumulator, 0), axes, _add(element))
    if op.name == "tg.reduce_mean":
        reduced = _divide_by_count(reduced, [source_sizes[d] for d in axes], element)
    else:
        reduced = build.convert_tensor(reduced, element)
    if op.keepdims:
        reduced = build.expand_shape(reduced, _keepdims_groups(rank, axes), [1 if d in axes else s for d, s in enumerate(source_sizes)])
    return [reduced]


def _divide_by_count(total: ir.Value, counted: list[build.Size], element: ir.Type) -> ir.Value:
    """`total / count` rounded to `element`, count being the product of the reduced sizes."""
    accumulator = build.element_type(total)
    static = prod(s for s in counted if isinstance(s, int))
    count = build.index(static)
    for s in counted:
        if isinstance(s, ir.Value):
            count = arith.muli(count, s)
    count = arith.sitofp(accumulator, arith.index_cast(ir.IntegerType.get_signless(64), count))
    rank = ir.RankedTensorType(total.type).rank
    init = build.empty(build.sizes(total), element)
    return build.elementwise([total], [build.identity_map(rank)], init, lambda x: build.convert_scalar(arith.divf(x, count), element))


def _keepdims_groups(rank: int, axes: tuple[int, ...]) -> list[list[int]]:
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


def lower_softmax(op) -> list[ir.Value]:
    source = op.input
    element = build.element_type(source)
    accumulator = build.accumulator_type(element)
    rank = ir.RankedTensorType(source.type).rank
    axis = normalize_axis(op.axis, rank)
    source_sizes = build.sizes(source)
    kept = [s for d, s in enumerate(source_sizes) if d != axis]
    full, along = build.identity_map(rank), build.projection_map(rank, [d for d in range(rank) if d != axis])

    maximum = build.reduce(source, build.filled(kept, element, build.lowest(element)), [axis], _max(element))
    exp = build.elementwise(
        [source, maximum],
        [full, along],
        build.empty(source_sizes, accumulator),
        lambda x, m: math.exp(build.convert_scalar(arith.subf(x, m), accumulator)),
    )
    total = build.reduce(exp, build.filled(kept, accumulator, 0), [axis], _add(accumulator))
    return [
        build.elementwise(
            [exp, total],
            [full, along],
            build.empty(source_sizes, element),
            lambda e, s: build.convert_scalar(arith.divf(e, s), element),
        )
    ]


LOWERINGS = {
    "tg.reduce_sum": lower_reduction,
    "tg.reduce_mean": lower_reduction,
    "tg.reduce_max": lower_reduction,
    "tg.softmax": lower_softmax,
}
