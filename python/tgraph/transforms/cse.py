"""`--tg-cse`: merge tg ops (and constants) that compute the same thing.

Upstream CSE does not touch IRDL ops (their effects are unknown to it). tg ops are pure: two ops with
the same name, operands, attributes and result types give the same results, so the later one is
replaced by the earlier one when the earlier one dominates it (here: it comes first in the same block).
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir

from ..passes import register_pass
from .dce import is_pure
from .statistics import count


def _key(op: ir.Operation):
    attributes = tuple(sorted((name, str(op.attributes[name])) for name in op.attributes))
    return (op.name, tuple(op.operands), attributes, tuple(str(r.type) for r in op.results))


def eliminate_common_subexpressions(root: ir.Operation) -> int:
    """Replace duplicates of pure ops in each block by their first occurrence; returns how many."""
    blocks = []

    def visit(op):
        for region in op.regions:
            blocks.extend(region.blocks)
        return ir.WalkResult.ADVANCE

    root.walk(visit)
    merged = 0
    for block in blocks:
        seen = {}
        for op in list(block.operations):
            op = op.operation
            if not is_pure(op) or op.regions:
                continue
            key = _key(op)
            if key in seen:
                for old, new in zip(op.results, seen[key].results):
                    old.replace_all_uses_with(new)
                op.erase()
                merged += 1
            else:
                seen[key] = op
    return merged


@register_pass("tg-cse")
@dataclass
class CommonSubexpressionElimination:
    """Merge tg ops and constants with the same operands and attributes."""

    def run(self, module: ir.Operation) -> None:
        count("tg-cse", "ops merged", eliminate_common_subexpressions(module))
