"""`--op-stats`: how many ops of each kind the module holds (as onnx-mlir's `--onnx-op-stats` does for
ONNX), the most frequent first, as text or JSON, to standard error (or `output=FILE`). Every op nested
in the module counts, functions and constants included; the IR is unchanged.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from mlir import ir

from ..passes import option, register_pass
from . import report


def op_counts(root: ir.Operation) -> dict[str, int]:
    """Ops nested under `root` (not counting it) by name, the most frequent first, then by name."""
    counts: Counter = Counter()

    def visit(op):
        counts[op.name] += 1
        return ir.WalkResult.ADVANCE

    root.walk(visit)
    counts[root.name] -= 1
    return dict(sorted(((name, n) for name, n in counts.items() if n), key=lambda item: (-item[1], item[0])))


def format_counts(counts: dict[str, int], form: str) -> str:
    total = sum(counts.values())
    if form == "json":
        return json.dumps({"total": total, "ops": counts}, indent=2) + "\n"
    lines = [f"op statistics: {total} ops of {len(counts)} kinds"]
    lines += ["  " + line for line in report.table(["op", "count"], [[name, str(n)] for name, n in counts.items()], right={1})]
    return "\n".join(lines) + "\n"


@register_pass("op-stats")
@dataclass
class OpStats:
    """Report how many ops of each kind the module holds (text or JSON, to standard error); the IR is
    unchanged."""

    format: Literal["text", "json"] = option("text", "text or json")
    output: str = option("", "write the report to this file instead of standard error")

    def run(self, module: ir.Operation) -> None:
        report.write(format_counts(op_counts(module), self.format), self.output)
