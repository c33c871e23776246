"""`tg-run --profile`: where a function's time goes, measured, next to the cost model's estimate.

How it measures. The function is optimized as `tgraph.compile` would (`tg-optimize`, which decides the
fusion groups). Every fusion group, and every op outside one, becomes a function of its own: the values
it reads from outside are its arguments (weights stay constants), the values used after it are its
results. Each is compiled with `tgraph.compile` and timed (the best of repeated runs) on the values
one run of the whole function gives its arguments, computed by the reference interpreter (the ops'
NumPy semantics) from the given inputs. Views and other ops that move nothing (reshapes) are not
timed. The whole function, compiled as one, is timed too, for as long as the units together (the
best of a few runs is a slower best on a noisy machine: ResNet-50's whole function measured 109 ms
as the best of 3 runs, 83 ms timed as long as its units, which added up to 74 ms); the sum of the parts
differs from it by what compiling apart changes (a call each, outputs written to fresh memory).

Each unit's estimate is the sum of its ops' roofline times on the machine given; measured / estimated
says how far it is from its roofline.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from mlir import ir
from mlir.dialects import func

from ..diagnostics import CompileError
from ..dialect import TG, make_context
from ..dialect.constants import constant_array
from . import report
from .cost import CostReport, OpCost, fusion_group, function_costs
from .dims import argument_dims, function_name
from .machine import Machine, best_time
from .model import load_function


@dataclass
class Unit:
    """A fusion group or a single op, as compiled and timed on its own."""

    label: str  # "group 3", or the op's value name
    ops: list[OpCost]
    estimate: float  # seconds, the ops' roofline times added
    measured: float | None = None  # seconds; None when not timed

    @property
    def kind(self) -> str:
        """The class of its most expensive op."""
        return max(self.ops, key=lambda op: op.flops + op.bytes).kind


@dataclass
class Profile:
    """The units of one function, the slowest first, and the whole function's time."""

    function: str
    machine: Machine
    shapes: list[tuple[int, ...]]
    units: list[Unit]
    whole: float
    call: float  # seconds a call of a compiled function of one tiny op takes: part of every time

    def table(self) -> str:
        timed = [u for u in self.units if u.measured is not None]
        total = sum(u.measured for u in timed)
        rows = []
        for unit in timed:
            names = ", ".join(op.op.removeprefix("tg.") for op in sorted(unit.ops, key=lambda op: op.index))
            node = next((op.node for op in unit.ops if op.node), "")
            ratio = f"{unit.estimate / unit.measured * 100:.1f}%"
            rows.append([unit.label, names, node, unit.kind, report.seconds(unit.estimate), report.seconds(unit.measured), ratio, f"{unit.measured / total * 100:.1f}%"])
        shapes = ", ".join("x".join(map(str, s)) or "scalar" for s in self.shapes)
        lines = [f"@{self.function} on inputs {shapes}: each unit compiled and timed on its own (machine {self.machine})"]
        header = ["unit", "ops", "node", "class", "estimate", "measured", "of roofline", "share"]
        lines += ["  " + line for line in report.table(header, rows, right={4, 5, 6, 7})]
        lines.append(f"  sum of the units {report.seconds(total)}; the whole function compiled as one {report.seconds(self.whole)}")
        lines.append(f"  every measured time includes a call's overhead, {report.seconds(self.call)} for a one-element op")
        untimed = [u.label for u in self.units if u.measured is None]
        if untimed:
            lines.append(f"  not timed (they move nothing): {' '.join(untimed)}")
        return "\n".join(lines) + "\n"

    __str__ = table


def profile(source, inputs: list[np.ndarray], entry: str | None = None, *, bind: dict[str, int] | None = None, opt_level: int = 2, machine: Machine | None = None, seconds: float = 0.05, threads: int | None = None) -> Profile:
    """Profile the function `entry` of `source` (what `tgraph.compile` takes) on `inputs`, timing each
    unit for about `seconds`, compiled for `threads` cores (default: all). Raises CompileError for bad input."""
    from ..runtime import compile  # the JIT loads only when used

    machine = machine or Machine()
    context = make_context()
    with context, ir.Location.unknown():
        module, function = load_function(source, context, entry, bind=bind, opt_level=opt_level)
        sizes = {name: array.shape[d] for names, array in zip(argument_dims(function), inputs) for d, name in enumerate(names) if name}
        cost = function_costs(function, machine, sizes)
        values = intermediate_values(function, inputs)
        units = _units(function, cost)
        timed = [(unit, ops) for unit, ops in units if unit.estimate > 0]
        for unit, ops in timed:
            kernel, arguments = unit_function(function, ops, values)
            unit.measured = best_time(compile(kernel, opt_level=0, threads=threads), arguments, seconds)
        whole = best_time(compile(module, entry=function_name(function), opt_level=0, threads=threads), inputs, seconds * max(len(timed), 1))
        tiny = 'func.func @f(%x: tensor<1xf32>) -> tensor<1xf32> {\n  %0 = "tg.neg"(%x) : (tensor<1xf32>) -> tensor<1xf32>\n  return %0 : tensor<1xf32>\n}'
        call = best_time(compile(tiny, threads=threads), [np.zeros(1, np.float32)], seconds)
    profiled = [unit for unit, _ in units]
    profiled.sort(key=lambda u: -(u.measured or 0.0))
    return Profile(function_name(function), machine, [a.shape for a in inputs], profiled, whole, call)


def _units(function, cost: CostReport) -> list[tuple[Unit, list[ir.Operation]]]:
    """The fusion groups and the ops outside them, in program order, with their ops' costs."""
    by_index = {op.index: op for op in cost.ops}
    units: dict = {}
    for index, op in enumerate(function.regions[0].blocks[0].operations):
        if index not in by_index:
            continue
        group = fusion_group(op.operation)
        key = ("group", group) if group is not None else ("op", index)
        label = f"group {group}" if group is not None else by_index[index].value
        unit, ops = units.setdefault(key, (Unit(label, [], 0.0), []))
        unit.ops.append(by_index[index])
        unit.estimate += cost.time(by_index[index])
        ops.append(op.operation)
    return list(units.values())


def intermediate_values(function, inputs: list[np.ndarray]) -> dict[ir.Value, np.ndarray]:
    """Every value of the function on `inputs`, by the reference interpreter's rules (each op's NumPy
    semantics) at the values' own precision."""
    block = function.regions[0].blocks[0]
    values: dict[ir.Value, np.ndarray] = dict(zip(block.arguments, inputs))
    for op in block.operations:
        op = op.operation
        declaration = TG.lookup(op.name)
        if op.name == "arith.constant":
            values[op.results[0]] = constant_array(op.attributes["value"])
        elif declaration is not None:
            view = declaration.view(op)
            operands = [values[v] for v in op.operands]
            dtypes = [s.dtype for s in view.operand_specs()]
            values.update(zip(op.results, declaration.evaluate(operands, view.attribute_values(), view.result_specs(), dtypes=dtypes)))
        elif op.name != "func.return":
            raise CompileError(f"cannot profile @{function_name(function)}: '{op.name}' has no tg semantics")
    return values


def unit_function(function, ops: list[ir.Operation], values: dict) -> tuple[ir.Module, list[np.ndarray]]:
    """A module whose one function runs `ops` (a part of `function`), and the arrays to call it with:
    what the ops read from outside are arguments (constants are copied in), what is used after them are
    results."""
    inside = {r for op in ops for r in op.results}

    def used_after(value: ir.Value) -> bool:  # by a later op or the return; an unused value too
        return not list(value.uses) or any(use.owner.operation not in ops for use in value.uses)

    reads = list(dict.fromkeys(v for op in ops for v in op.operands if v not in inside))
    constants = [v for v in reads if isinstance(v.owner, (ir.Operation, ir.OpView)) and v.owner.operation.name == "arith.constant"]
    arguments = [v for v in reads if v not in constants]
    results = [r for op in ops for r in op.results if used_after(r)]
    module = ir.Module.create()
    with ir.InsertionPoint(module.body):
        kernel = func.FuncOp("unit", ir.FunctionType.get([v.type for v in arguments], [r.type for r in results]))
        block = kernel.add_entry_block()
    mapping = dict(zip(arguments, block.arguments))
    with ir.InsertionPoint(block):
        for value in constants:
            mapping[value] = value.owner.operation.clone().operation.results[0]
        for op in ops:
            clone = op.clone().operation
            for old in set(op.operands):
                clone.replace_uses_of_with(old, mapping[old])
            mapping.update(zip(op.results, clone.results))
        func.ReturnOp([mapping[r] for r in results])
    return module, [np.ascontiguousarray(values[v]) for v in arguments]

