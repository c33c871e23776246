"""`--tg-fuse`: decide which tg ops run as one loop nest, and record it on them as
`tg.fusion_group = N : i64`. `--tg-to-linalg` honours the groups: each becomes one `linalg.generic`
(after the matmul or convolution it starts with, whose output it updates in place), so no tensor inside
a group is ever written to memory.

The cost rule. An edge between two ops costs writing its tensor to memory and reading it back; fusing
the edge saves that and costs nothing when no element is computed twice. So a producer joins its
consumer's group when:
- its result has exactly one use, by that consumer (a second use would need the tensor anyway, or
  recomputation);
- it is elementwise and its result has the shape of what the group iterates over: the consumer's result
  for an elementwise consumer (the intermediate is read once per output element, never broadcast), the
  reduced input for a reduction;
- or it is an anchor (a matmul or a convolution) feeding an elementwise consumer of its own result
  type: the group becomes the anchor's epilogue (bias, activation, residual add), computed on each
  output element right after the anchor writes it; a group has at most one anchor;
- the group stays within `max-ops` ops (compile time grows with the fused body).
A reduction (`tg.reduce_*` over floats) only ends a group: it absorbs its elementwise producers (the
squares of a variance, the exponentials of a sum) but not its consumers. Groups of one op are left
unmarked.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir

from ..dialect import TG, TensorSpec
from ..dialect.types import FLOAT_TYPES, ShapeError
from ..passes import option, register_pass
from .statistics import count

GROUP = "tg.fusion_group"
ANCHORS = ("tg.matmul", "tg.conv")
REDUCTIONS = ("tg.reduce_sum", "tg.reduce_mean", "tg.reduce_max", "tg.reduce_min", "tg.reduce_prod")


def is_elementwise(op: ir.Operation) -> bool:
    declaration = TG.lookup(op.name)
    return declaration is not None and declaration.elementwise


def _single_user(value: ir.Value):
    uses = list(value.uses)
    return uses[0].owner.operation if len(uses) == 1 else None


def _type(value: ir.Value) -> TensorSpec | None:
    try:
        return TensorSpec.from_mlir(value.type)
    except ShapeError:
        return None


def _fusible_reduction(op: ir.Operation) -> bool:
    spec = _type(op.operands[0])
    return op.name in REDUCTIONS and spec is not None and spec.dtype in FLOAT_TYPES


def _joins(producer: ir.Operation, consumer: ir.Operation, group: list[ir.Operation]) -> bool:
    """Whether `producer` (feeding `consumer`, already in `group`) joins the group."""
    user = _single_user(producer.results[0]) if len(producer.results) == 1 else None
    if user is None or user != consumer:
        return False
    produced = _type(producer.results[0])
    if produced is None:
        return False
    root = group[0]
    if root.name in REDUCTIONS and consumer == root:
        iterated = _type(root.operands[0])
    else:
        iterated = _type(consumer.results[0])
    if produced != iterated:
        return False
    if is_elementwise(producer):
        return True
    has_anchor = any(op.name in ANCHORS for op in group)
    # An anchor heads an epilogue of elementwise ops; it cannot sit behind a reduction's producers.
    return producer.name in ANCHORS and not has_anchor and root.name not in REDUCTIONS


def form_groups(root: ir.Operation, max_ops: int) -> list[list[ir.Operation]]:
    """The fusion groups (of two ops or more) under `root`, each in program order."""
    ops = TG.ops_in(root)
    position = {op: i for i, op in enumerate(ops)}
    assigned: set = set()
    groups = []
    for consumer in reversed(ops):
        if consumer in assigned or not (is_elementwise(consumer) or _fusible_reduction(consumer)):
            continue
        group = [consumer]
        frontier = [consumer]
        while frontier and len(group) < max_ops:
            member = frontier.pop()
            if member.name in ANCHORS:
                continue  # an anchor's own operands stay outside: it is where the group starts
            for operand in member.operands:
                producer = operand.owner
                if not isinstance(producer, (ir.Operation, ir.OpView)):
                    continue
                producer = producer.operation
                if producer in assigned or producer in group or producer not in position:
                    continue
                if len(group) < max_ops and _joins(producer, member, group):
                    group.append(producer)
                    frontier.append(producer)
        if len(group) > 1:
            group.sort(key=position.get)
            groups.append(group)
            assigned.update(group)
    groups.sort(key=lambda g: position[g[-1]])
    return groups


def mark_groups(root: ir.Operation, max_ops: int) -> tuple[int, int]:
    """Record the fusion groups as `tg.fusion_group` attributes (renumbering existing ones); returns
    (groups, intermediate tensors eliminated)."""
    for op in TG.ops_in(root):
        if GROUP in op.attributes:
            del op.attributes[GROUP]
    groups = form_groups(root, max_ops)
    i64 = ir.IntegerType.get_signless(64)
    for number, group in enumerate(groups):
        for op in group:
            op.attributes[GROUP] = ir.IntegerAttr.get(i64, number)
    return len(groups), sum(len(g) - 1 for g in groups)


@register_pass("tg-fuse")
@dataclass
class Fuse:
    """Group tg ops that run as one loop nest (elementwise chains, matmul/conv epilogues, reductions
    with their elementwise producers) and record it as `tg.fusion_group` attributes."""

    max_ops: int = option(16, "the most ops one group may hold")

    def run(self, module: ir.Operation) -> None:
        groups, eliminated = mark_groups(module, self.max_ops)
        count("tg-fuse", "fusion groups", groups)
        count("tg-fuse", "intermediate tensors eliminated", eliminated)
