"""`tgraph.analyze(model)`: the analyses of one function from Python, on the graph `tgraph.compile`
would compile.

    a = tgraph.analyze("model.onnx", bind={"batch": 1})
    print(a)                              # the cost table and the memory plan's summary
    a.total.macs, a.ops[0].time_s         # the numbers: totals, and per op (the slowest first)
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir

from ..dialect import make_context
from . import report
from .cost import CostReport, OpCost, Work, function_costs
from .dims import dim_symbols
from .machine import Machine
from .memory_plan import MemoryPlan, plan_function
from .op_stats import op_counts


@dataclass
class Analysis:
    """What `analyze` found: the cost report, the memory plan (None while dims are symbolic) and the
    op counts of the function."""

    cost: CostReport
    memory: MemoryPlan | None
    op_counts: dict[str, int]

    @property
    def ops(self) -> list[OpCost]:
        """Every tg op's costs, the slowest first."""
        return self.cost.ops

    @property
    def total(self) -> Work:
        """The summed MACs, FLOPs, weight and activation bytes."""
        return self.cost.total

    @property
    def time(self) -> float:
        """The estimated time in seconds (ops one after another, each at its roofline)."""
        return self.cost.total_time

    def __str__(self) -> str:
        text = self.cost.table()
        if self.memory is not None:
            plan = self.memory
            text += f"  activation memory: {report.size(plan.peak)} planned, {report.size(plan.separate)} allocating every tensor separately\n"
        return text


def analyze(source, entry: str | None = None, *, bind: dict[str, int] | None = None, opt_level: int = 2, machine: Machine | None = None) -> Analysis:
    """Analyze the function `entry` of `source` (what `tgraph.compile` takes: MLIR text, a .mlir path,
    an ir.Module, or an ONNX model as a path or ModelProto). `bind` gives named dynamic dims sizes (an
    ONNX model's are fixed at import); dims left without one stay symbols of the counts. `opt_level` 1
    and up analyze the graph after the graph optimizations (`tg-optimize`), as compile runs them.
    Raises CompileError for bad input."""
    context = make_context()
    with context, ir.Location.unknown():
        _, function = load_function(source, context, entry, bind=bind, opt_level=opt_level)
        sizes = {k: v for k, v in (bind or {}).items() if k in dim_symbols(function)}
        cost = function_costs(function, machine or Machine(), sizes)
        memory = None if cost.symbols else plan_function(function, sizes)
        return Analysis(cost, memory, op_counts(function))


def load_function(source, context: ir.Context, entry: str | None = None, *, bind: dict[str, int] | None = None, opt_level: int = 2):
    """(module, its function `entry`) from what `tgraph.compile` takes, verified, after the graph
    optimizations when `opt_level` is 1 or more: the graph compile would lower."""
    from ..runtime.jit import load_verified, run_pipeline, select_entry  # the JIT loads only when used

    module = load_verified(source, context, bind=bind)
    function = select_entry(module, entry)
    if opt_level > 0:
        run_pipeline(module, "tg-optimize")
    return module, function
