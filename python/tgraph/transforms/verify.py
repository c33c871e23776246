"""`--tg-verify`: check every tg op against its declaration.

IRDL checks that operands, results and required attributes exist with the right kinds; this pass checks
the rest: element types, attribute values and the shape rule (result types must agree with what the
operands give). Errors name the op and its location; all of them are reported, not the first.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir

from ..diagnostics import CompileError, Diagnostic
from ..dialect import TG, ShapeError
from ..passes import register_pass


def verify_ops(root: ir.Operation) -> list[Diagnostic]:
    """Diagnostics for every tg op under `root` that breaks its declaration (empty when all is well)."""
    problems: list[Diagnostic] = []
    for op in TG.ops_in(root):
        try:
            TG.lookup(op.name).check(op)
        except ShapeError as e:
            problems.append(Diagnostic.at(op.location, f"'{op.name}' op {e}"))
    return problems


@register_pass("tg-verify")
@dataclass
class Verify:
    """Check tg ops against their declarations: element types, attribute values and shapes."""

    def run(self, module: ir.Operation) -> None:
        problems = verify_ops(module)
        if problems:
            raise CompileError(problems)
