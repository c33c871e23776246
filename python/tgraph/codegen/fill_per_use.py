"""`--tg-fill-per-use`: a `linalg.fill` that several ops write into becomes one fill per use.

CSE merges equal fills: the zeroed outputs of two matmuls of one shape (an MLP's layers, a
transformer's Q, K and V projections, the 1x1 convolutions of a ResNet stage run on two threads) end
up sharing one fill. Each matmul accumulates into its output in place, and one-shot bufferization
writes a value in place for one user only: every other user got a copy of the filled buffer (a
memref.copy as large as the output, reading what a fill would only write). Filling again is cheaper
than copying, so each use gets its own fill, inserted beside the original (its operands dominate
every use). Run after the last CSE, before bufferization (the first pass of tg-bufferize).
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir

from ..conversion import build
from ..passes import register_pass
from ..transforms.statistics import count


def _is_destination(use: ir.OpOperand) -> bool:
    """Whether `use` is where its op writes a result (`build.destination_operand`: a linalg op's init,
    an scf.forall's shared output, an scf.for's initial value)."""
    owner = use.owner.operation
    return any(build.destination_operand(owner, result) == use.operand_number for result in range(len(owner.results)))


def fill_per_use(module: ir.Operation) -> int:
    """Give every use but the first of a fill's result a fill of its own when all of them write into
    it; returns how many fills were added. (A fill that is also read, through a slice or an insert
    into it, stays shared: its users are one chain of in-place updates.)"""
    added = 0
    for fill in build.ops_where(module, lambda op: op.name == "linalg.fill" and len(op.results) == 1):
        uses = list(fill.results[0].uses)
        if len(uses) < 2 or not all(_is_destination(use) for use in uses):
            continue
        for use in uses[1:]:
            private = fill.clone(ir.InsertionPoint(fill))
            use.owner.operands[use.operand_number] = private.results[0]
            added += 1
    return added


@register_pass("tg-fill-per-use")
@dataclass
class FillPerUse:
    """Give each use of a shared linalg.fill its own fill (bufferization copies a shared one for every use but one)."""

    def run(self, module: ir.Operation) -> None:
        count("tg-fill-per-use", "fills added", fill_per_use(module))
