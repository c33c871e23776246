"""`--tg-dce`: remove tg ops and constants whose results nobody uses.

Upstream DCE keeps IRDL ops (their effects are unknown to it); tg ops are pure, so an op whose results
are all unused can go, and then the ops that fed only it. Removes unused `arith.constant`s too (the
importer may have read a constant only to fold it).
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir

from ..dialect import TG
from ..passes import register_pass
from .statistics import count


def is_pure(op: ir.Operation) -> bool:
    """Ops this pass may delete when unused: tg ops and constants."""
    return TG.lookup(op.name) is not None or op.name == "arith.constant"


def remove_dead_ops(root: ir.Operation) -> int:
    """Erase unused pure ops under `root`, repeatedly; returns how many were erased."""
    erased = 0
    changed = True
    while changed:
        changed = False
        dead = []

        def visit(op):
            if is_pure(op) and all(not list(result.uses) for result in op.results):
                dead.append(op)
            return ir.WalkResult.ADVANCE

        root.walk(visit, ir.WalkOrder.POST_ORDER)
        for op in reversed(dead):
            op.erase()
            erased += 1
            changed = True
    return erased


@register_pass("tg-dce")
@dataclass
class DeadCodeElimination:
    """Remove tg ops and constants whose results are unused."""

    def run(self, module: ir.Operation) -> None:
        count("tg-dce", "ops removed", remove_dead_ops(module))
