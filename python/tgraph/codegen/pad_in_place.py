"""`--tg-pad-in-place`: a convolution's zero padding written around its input, not copied with it.

`tensor.pad` bufferizes into a new buffer, filled whole with the padding value, and a copy of the
source into its interior: two passes over the padded size for every padded convolution (a depthwise
one does so little arithmetic that they took two thirds of its time). This pass rewrites each static
pad with a constant value into what it means in destination-passing style:

    %border = tensor.empty                           // the padded tensor, before the source is made
    %border = tensor.insert_slice (linalg.fill of a tensor.empty) into %border[margin]
                                                     // for each margin slab: only they are filled
    %padded = tensor.insert_slice %source into %border[interior]

`eliminate-empty-tensors` (tg-bufferize) then lets each fill, and the source's producer, write
straight into their part of the padded buffer: the copy is gone. That takes a source made by a chain
of destination-passing ops that starts at a tensor.empty (a transpose, an elementwise or convolution
group, ...); only such pads are rewritten. The others (a function's argument) stay pads, which
tg-tile-fusion-groups fuses into the blocks of the consuming group.

Two things would put the copy back, and the pass prevents both:
- CSE merges equal ops: the fills of the margins above and below, or the zero-filled outputs of two
  convolutions of one shape. A merged op is written in place for one of its users only. So the chain
  gets a tensor.empty and fills of its own (cloned where they are shared already), each marked with
  a number of its own (`tg.in_place`), which keeps later CSE from merging them again.
- tg-conv-to-matmul runs a pointwise convolution as a matmul on its rows collapsed, which an
  interior's rows (not following each other in memory) cannot be. Pointwise convolutions on the
  chain are marked `tg.writes_interior` and stay convolutions (the conv2d_nhwc kernel).

Measured in an interleaved A/B, against the same pipeline without this pass: MobileNet v2 (all but
its first pad come from pointwise convolutions) took 0.84x the time on one thread and on two;
ResNet-50 0.82x on one, 0.98x on two.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from mlir import ir
from mlir.dialects import arith, linalg, tensor

from ..conversion import build
from ..passes import register_pass
from ..transforms.statistics import count
from .conv_to_matmul import WRITES_INTERIOR, is_pointwise

#: Marks the tensor.empty and linalg.fill ops a rewritten pad's buffer is made of, each with a number
#: of its own: CSE would otherwise merge equal ones (the margins above and below, the zero-filled
#: outputs of two convolutions of one shape), and a merged op is written in place for one user only.
IN_PLACE = "tg.in_place"


def padding_value(pad: ir.Operation) -> ir.Attribute | None:
    """The constant `pad` yields everywhere, or None (a computed padding)."""
    body = pad.regions[0].blocks[0]
    value = list(body.operations)[-1].operands[0]
    owner = value.owner
    if isinstance(owner, (ir.Operation, ir.OpView)) and owner.operation.name == "arith.constant":
        return owner.operation.attributes["value"]
    return None


def _static_pads(pad: ir.Operation, name: str) -> list[int] | None:
    values = list(ir.DenseI64ArrayAttr(pad.attributes[f"static_{name}"]))
    return None if any(ir.ShapedType.is_dynamic_size(v) for v in values) else values


def border_slabs(shape: list[int], low: list[int], high: list[int]) -> list[tuple[list[int], list[int]]]:
    """(offsets, sizes) of disjoint slabs that cover the margins of a tensor of `shape` (padded) around
    an interior starting at `low` and ending `high` before the end: along each padded dim d, the low
    and the high margin, spanning the interior in the dims before d and everything in those after."""
    slabs = []
    for d in range(len(shape)):
        interior = shape[d] - low[d] - high[d]
        for start, size in ((0, low[d]), (low[d] + interior, high[d])):
            if size == 0:
                continue
            offsets = [low[e] if e < d else 0 for e in range(len(shape))]
            sizes = [shape[e] - low[e] - high[e] if e < d else shape[e] for e in range(len(shape))]
            offsets[d], sizes[d] = start, size
            slabs.append((offsets, sizes))
    return slabs


def _written_into_empty(value: ir.Value) -> bool:
    """Whether `value` ends a chain of destination-passing producers that starts at a tensor.empty."""
    origin = build.written_in(value).owner
    return isinstance(origin, (ir.Operation, ir.OpView)) and origin.operation.name == "tensor.empty"


def _mark_own(op: ir.Operation, numbers: Iterator[int]) -> None:
    op.attributes[IN_PLACE] = ir.IntegerAttr.get(ir.IntegerType.get_signless(64), next(numbers))


def _own_chain(source: ir.Value, numbers: Iterator[int]) -> ir.Operation:
    """Give `source`'s chain of producers a tensor.empty and fills of its own (cloned where CSE shared
    them with other chains), marked so that they stay its own, and mark its pointwise convolutions;
    returns the tensor.empty."""
    value = source
    while True:
        op = value.owner.operation
        if is_pointwise(op):
            op.attributes[WRITES_INTERIOR] = ir.UnitAttr.get()
        operand = build.destination_operand(op, value.result_number)
        maker = op.operands[operand].owner.operation
        if maker.name in ("tensor.empty", "linalg.fill"):
            if sum(1 for _ in maker.results[0].uses) > 1:
                maker = maker.clone(ir.InsertionPoint(op))
                op.operands[operand] = maker.results[0]
            _mark_own(maker, numbers)
            if maker.name == "tensor.empty":
                return maker
        value = op.operands[operand]


def rewrite(pad: ir.Operation, value: ir.Attribute, numbers: Iterator[int]) -> None:
    """Replace one static constant pad by its margins' fills and an insert of its source."""
    padded = ir.RankedTensorType(pad.results[0].type)
    low, high = _static_pads(pad, "low"), _static_pads(pad, "high")
    shape = list(padded.shape)
    # Before the tensor.empty the source is made in, which eliminate-empty-tensors replaces by the
    # interior: the border must exist there.
    with ir.InsertionPoint(_own_chain(pad.operands[0], numbers)), pad.location:
        border = tensor.empty(shape, padded.element_type)
        fill_value = arith.constant(padded.element_type, value)
        for offsets, sizes in border_slabs(shape, low, high):
            slab = tensor.empty(sizes, padded.element_type)
            filled = linalg.fill(fill_value, outs=[slab])
            _mark_own(slab.owner.operation, numbers)
            _mark_own(filled.owner.operation, numbers)
            border = tensor.insert_slice(filled, border, [], [], [], offsets, sizes, [1] * len(shape))
    with ir.InsertionPoint(pad), pad.location:
        source = pad.operands[0]
        interior = ir.RankedTensorType(source.type).shape
        result = tensor.insert_slice(source, border, [], [], [], low, interior, [1] * len(shape))
    pad.results[0].replace_all_uses_with(result)
    pad.erase()


def paddable(op: ir.Operation) -> bool:
    """A tensor.pad this pass rewrites: static shapes and pads, a constant padding value, a source
    whose producers can write into the interior."""
    if op.name != "tensor.pad" or not ir.RankedTensorType(op.results[0].type).has_static_shape:
        return False
    if not ir.RankedTensorType(op.operands[0].type).has_static_shape:
        return False
    static = _static_pads(op, "low") is not None and _static_pads(op, "high") is not None
    return static and padding_value(op) is not None and _written_into_empty(op.operands[0])


@register_pass("tg-pad-in-place")
@dataclass
class PadInPlace:
    """Rewrite static constant tensor.pads whose source's producers can write into the interior as fills of their margins and an insert of the source."""

    def run(self, module: ir.Operation) -> None:
        pads = build.ops_where(module, paddable)
        numbers = itertools.count()
        for pad in pads:
            rewrite(pad, padding_value(pad), numbers)
        count("tg-pad-in-place", "pads rewritten", len(pads))
