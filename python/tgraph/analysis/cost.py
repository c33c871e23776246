"""`--tg-cost`: what every tg op of each function computes and moves, and how long that takes by the
roofline model on a machine (`peak-gflops=`, `bandwidth-gbs=`).

Per op: multiply-accumulates, operations (FLOPs: a multiply-add is two), the bytes it reads of weights
(constants, and values computed from constants only) and of activations (everything else, with the
bytes it writes), arithmetic intensity (operations a byte), its class (gemm, gemv, conv, elementwise,
reduction, data movement) and its estimated time, `max(flops / peak, bytes / bandwidth)`. The counts
come from the ops' cost rules (dialect/cost.py). Ops of one fusion group (`tg.fusion_group`, set by
`--tg-fuse`) pass their intermediate tensors in registers: those are neither written nor read. Every
tensor is read and written once: caches that would save rereads, and spills that would add them, are
not modelled.

Dynamic dims take the sizes given by name (`--tg-cost="batch=64"`; unnamed dims are `n`); those left
without a size are kept as symbols and the counts are polynomials in them (times need sizes).

The report goes to standard error (or `output=FILE`): a table sorted by estimated time, JSON or CSV.
The IR is not changed.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, fields
from typing import Literal, Union

from mlir import ir

from ..diagnostics import CompileError, format_location
from ..dialect import TG, TensorSpec
from ..passes import option, register_pass
from ..transforms.fuse import GROUP
from . import report
from .dims import dim_symbols, function_name, is_static, value_types
from .machine import Machine
from .polynomial import GRID, NotPolynomial, Polynomial, fit

Number = Union[int, Polynomial]

#: Where rows with symbolic counts are compared: every symbol this large (their order as dims grow).
LARGE = 1024


@dataclass
class Work:
    """Counts of work: what one op, or a sum of ops, computes and moves."""

    macs: Number = 0
    flops: Number = 0
    weight_bytes: Number = 0
    activation_bytes: Number = 0

    @property
    def bytes(self) -> Number:
        return self.weight_bytes + self.activation_bytes

    @property
    def symbolic(self) -> bool:
        return any(isinstance(getattr(self, f.name), Polynomial) for f in fields(Work))

    def intensity(self) -> float | None:
        """Operations a byte moved (None when symbolic, or nothing moves)."""
        if self.symbolic or not self.bytes:
            return None
        return self.flops / self.bytes

    def time(self, machine: Machine, large: dict[str, int] | None = None) -> float:
        """The roofline estimate in seconds; symbolic counts are evaluated at `large` sizes."""
        if self.symbolic:
            return machine.time(_at(self.flops, large), _at(self.bytes, large))
        return machine.time(self.flops, self.bytes)

    def __add__(self, other: Work) -> Work:
        return Work(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(Work)))


def _at(value: Number, sizes: dict[str, int] | None) -> float:
    return float(value(sizes)) if isinstance(value, Polynomial) else float(value)


@dataclass
class OpCost(Work):
    """The work of one op, with what identifies it."""

    index: int = 0  # position in the function
    op: str = ""  # tg.matmul
    value: str = ""  # its (first) result: %12
    node: str = ""  # its name location (an ONNX node), or its file location
    kind: str = ""  # the cost class
    result: str = ""  # the (first) result's type
    group: int | None = None  # its fusion group

    @property
    def work(self) -> Work:
        return Work(*(getattr(self, f.name) for f in fields(Work)))


@dataclass
class ClassTotal:
    """The ops of one cost class: how many, their summed work and their summed time."""

    ops: int
    work: Work
    time: float


@dataclass
class CostReport:
    """The costs of one function: `ops` sorted by estimated time (the slowest first), their totals,
    and the weights they read. Counts are polynomials in `symbols` when dims were left without sizes;
    times are then those at every symbol `LARGE` (only their order is reported)."""

    function: str
    machine: Machine
    sizes: dict[str, int]
    symbols: tuple[str, ...]
    ops: list[OpCost]
    parameters: Number = 0  # elements of the weights read
    parameter_bytes: Number = 0

    def time(self, op: Work) -> float:
        """The roofline time of one op on this report's machine."""
        return op.time(self.machine, {s: LARGE for s in self.symbols})

    @property
    def total(self) -> Work:
        return sum((op.work for op in self.ops), Work())

    @property
    def total_time(self) -> float:
        """The ops' times added up: they run one after another."""
        return sum(self.time(op) for op in self.ops)

    def by_class(self) -> dict[str, ClassTotal]:
        """The totals of each cost class, the slowest class first."""
        classes: dict[str, ClassTotal] = {}
        for op in self.ops:
            total = classes.setdefault(op.kind, ClassTotal(0, Work(), 0.0))
            total.ops, total.work, total.time = total.ops + 1, total.work + op.work, total.time + self.time(op)
        return dict(sorted(classes.items(), key=lambda item: -item[1].time))

    def __str__(self) -> str:
        return self.table()

    # --- formats ----------------------------------------------------------------------------------

    def heading(self) -> str:
        sizes = " ".join(f"{k}={v}" for k, v in self.sizes.items())
        dims = f", {sizes}" if sizes else ""
        dims += f", counts as polynomials in {', '.join(self.symbols)}" if self.symbols else ""
        return f"@{self.function}: {len(self.ops)} tg ops{dims}, machine {self.machine}"

    def table(self) -> str:
        """The report as text: one row an op, the slowest first, then the totals and the classes."""
        header = ["op", "value", "node", "class", "group", "result", "MACs", "FLOPs", "weights", "activations"]
        if not self.symbols:
            header += ["FLOP/B", "bound", "time", "share"]
        rows = [self._row(op) for op in self.ops]
        total = OpCost(*(getattr(self.total, f.name) for f in fields(Work)), op="total")
        rows.append(self._row(total, self.total_time))
        right = {6, 7, 8, 9, 10, 12, 13}
        lines = [self.heading()] + ["  " + line for line in report.table(header, rows, right)]
        classes = self.by_class().items()
        if self.symbols:
            lines.append("  FLOPs by class: " + ", ".join(f"{kind} ({c.ops} ops) {report.count(c.work.flops)}" for kind, c in classes))
        else:
            lines.append("  time by class: " + ", ".join(f"{kind} ({c.ops} ops) {self._share(c.time)}" for kind, c in classes))
        lines.append(f"  weights read: {report.count(self.parameters)} elements, {report.size(self.parameter_bytes)}")
        if not self.symbols:
            lines.append(f"  estimated time {report.seconds(self.total_time)}; ops above {self.machine.ridge:.3g} FLOP/B are compute-bound on this machine")
        return "\n".join(lines) + "\n"

    def _row(self, op: OpCost, time: float | None = None) -> list[str]:
        group = "" if op.group is None else str(op.group)
        row = [op.op, op.value, op.node, op.kind, group, op.result, report.count(op.macs), report.count(op.flops)]
        row += [report.size(op.weight_bytes), report.size(op.activation_bytes)]
        if not self.symbols:
            intensity = op.intensity()
            bound = self.machine.bound(op.flops, op.bytes) if time is None else ""
            time = self.time(op) if time is None else time
            row += ["-" if intensity is None else f"{intensity:.3g}", bound, report.seconds(time), self._share(time)]
        return row

    def _share(self, time: float) -> str:
        return f"{100 * time / self.total_time:.1f}%" if self.total_time else "-"

    def to_dict(self) -> dict:
        """The report as JSON-ready data: exact integer counts, or polynomials as text; times in seconds
        when every dim has a size."""

        def number(value):
            return str(value) if isinstance(value, Polynomial) else int(value)

        def counts(work: Work, time: float | None, bound: bool) -> dict:
            data = {f.name: number(getattr(work, f.name)) for f in fields(Work)} | {"bytes": number(work.bytes)}
            if not self.symbols:
                data |= {"intensity": work.intensity(), "time_s": time}
                if bound:
                    data["bound"] = self.machine.bound(work.flops, work.bytes)
            return data

        ops = [
            {"op": op.op, "value": op.value, "node": op.node, "class": op.kind, "group": op.group, "result": op.result}
            | counts(op, self.time(op), bound=True)
            for op in self.ops
        ]
        parameters = {"parameters": number(self.parameters), "parameter_bytes": number(self.parameter_bytes)}
        return {
            "function": self.function,
            "machine": {"peak_gflops": self.machine.peak_gflops, "bandwidth_gbs": self.machine.bandwidth_gbs},
            "sizes": self.sizes,
            "symbols": list(self.symbols),
            "ops": ops,
            "total": counts(self.total, self.total_time, bound=False) | parameters,
            "by_class": {kind: {"ops": c.ops} | counts(c.work, c.time, bound=False) for kind, c in self.by_class().items()},
        }

    def csv_rows(self) -> list[list]:
        """One row an op: the function, the op's identity, its counts, and its time when not symbolic."""
        rows = []
        for op in self.ops:
            row = [self.function, op.op, op.value, op.node, op.kind, "" if op.group is None else op.group, op.result]
            row += [str(getattr(op, f.name)) for f in fields(Work)]
            if not self.symbols:
                intensity = op.intensity()
                row += ["" if intensity is None else f"{intensity:.6g}", self.machine.bound(op.flops, op.bytes), f"{self.time(op):.6g}"]
            rows.append(row)
        return rows


CSV_HEADER = ["function", "op", "value", "node", "class", "group", "result", "macs", "flops", "weight_bytes", "activation_bytes", "intensity", "bound", "time_s"]


def format_reports(reports: list[CostReport], form: str) -> str:
    """The reports as a table, JSON (`{"functions": [...]}`) or CSV (one header, one row an op)."""
    if form == "json":
        return json.dumps({"functions": [r.to_dict() for r in reports]}, indent=2) + "\n"
    if form == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        for r in reports:
            writer.writerows(r.csv_rows())
        return out.getvalue()
    return "\n".join(r.table() for r in reports)


# --- measuring -------------------------------------------------------------------------------------


def function_costs(function, machine: Machine = Machine(), sizes: dict[str, int] | None = None) -> CostReport:
    """The cost report of a `func.func` of tg ops. Dims named in `sizes` take those sizes; the other
    dynamic dims stay symbols. CompileError when the shape rules refuse the sizes, or the counts are
    not polynomials in the dims left (a window strided over a dynamic spatial dim: give it a size)."""
    name = function_name(function)
    sizes = dict(sizes or {})
    known = dim_symbols(function)
    sizes = {k: v for k, v in sizes.items() if k in known}
    symbols = tuple(s for s in known if s not in sizes)
    if not symbols:
        ops, parameters = _measure(function, None if is_static(function) else sizes)
        return _sorted(CostReport(name, machine, sizes, (), ops, *parameters))
    probe, _ = _measure(function, sizes | dict.fromkeys(symbols, GRID[0]))  # what each op is, at a grid point

    def counts(free: dict[str, int]) -> list[int]:
        ops, parameters = _measure(function, sizes | free)
        return [getattr(op, f.name) for op in ops for f in fields(Work)] + list(parameters)

    try:
        polynomials = [_simplest(p) for p in fit(symbols, counts)]
    except NotPolynomial as e:
        dims = " ".join(f"{s}=..." for s in symbols)
        raise CompileError(f"@{name}: the counts are not polynomials in {', '.join(symbols)} ({e}): give sizes ({dims})") from None
    width = len(fields(Work))
    operations = list(function.regions[0].blocks[0].operations)
    for i, op in enumerate(probe):
        op.result = str(TensorSpec.from_mlir(operations[op.index].results[0].type)) if op.result else ""
        for j, f in enumerate(fields(Work)):
            setattr(op, f.name, polynomials[i * width + j])
    return _sorted(CostReport(name, machine, sizes, symbols, probe, *polynomials[-2:]))


def _simplest(polynomial: Polynomial) -> Number:
    """A polynomial without symbols as the integer it is."""
    if all(not any(exponents) for exponents, _ in polynomial.terms):
        value = polynomial({s: 0 for s in polynomial.symbols})
        return int(value) if value.denominator == 1 else polynomial
    return polynomial


def _sorted(cost: CostReport) -> CostReport:
    cost.ops.sort(key=lambda op: (-cost.time(op.work), op.index))
    return cost


def _measure(function, sizes: dict[str, int] | None) -> tuple[list[OpCost], tuple[int, int]]:
    """The work of every tg op, in program order, with `sizes` for the dynamic dims (None: the
    function is static), and (elements, bytes) of the weights read."""
    block = function.regions[0].blocks[0]
    types = value_types(function, sizes) if sizes is not None else None
    state = ir.AsmState(function)
    weights: set = set()
    read_weights: dict = {}
    ops = []
    for index, op in enumerate(block.operations):
        op = op.operation
        declaration = TG.lookup(op.name)
        if declaration is None:
            if op.name == "arith.constant":
                weights.add(op.results[0])
            continue
        operands = [_type(v, types) for v in op.operands]
        results = [_type(r, types) for r in op.results]
        cost = declaration.estimate(operands, declaration.view(op).attribute_values(), results)
        group = fusion_group(op)
        work = OpCost(macs=cost.macs, flops=cost.flops, index=index, op=op.name, kind=cost.kind, group=group)
        work.value = op.results[0].get_name(state) if len(op.results) else ""
        work.node = _node(op.location)
        work.result = str(results[0]) if results else ""
        computes_weights = bool(op.operands) and all(v in weights for v in op.operands)
        for position, (operand, spec) in enumerate(zip(op.operands, operands)):
            in_registers = group is not None and fusion_group(operand.owner) == group
            elements = 0 if cost.view or in_registers else _elements_read(cost, position, spec)
            if operand in weights:
                work.weight_bytes += elements * spec.np_dtype.itemsize
                if elements and not computes_weights:
                    read_weights[operand] = spec
            else:
                work.activation_bytes += elements * spec.np_dtype.itemsize
        for result, spec in zip(op.results, results):
            if not cost.view and not stays_in_group(result, group):
                work.activation_bytes += spec.numel * spec.np_dtype.itemsize
        if computes_weights:
            weights.update(op.results)
        ops.append(work)
    parameters = sum(spec.numel for spec in read_weights.values())
    parameter_bytes = sum(spec.numel * spec.np_dtype.itemsize for spec in read_weights.values())
    return ops, (parameters, parameter_bytes)


def _elements_read(cost, position: int, spec: TensorSpec) -> int:
    """What the cost rule says the op reads of operand `position`: all of it unless it says less."""
    if cost.reads is None or position >= len(cost.reads) or cost.reads[position] is None:
        return spec.numel
    return cost.reads[position]


def _type(value: ir.Value, types: dict | None) -> TensorSpec:
    return types[value] if types is not None else TensorSpec.from_mlir(value.type)


def fusion_group(op) -> int | None:
    """The `tg.fusion_group` of an op, or None (also for a block argument's owner)."""
    if not isinstance(op, (ir.Operation, ir.OpView)) or GROUP not in op.attributes:
        return None
    return ir.IntegerAttr(op.attributes[GROUP]).value


def stays_in_group(value: ir.Value, group: int | None) -> bool:
    """Whether every use of `value` is by an op of `group`: the tensor never reaches memory."""
    uses = list(value.uses)
    return group is not None and bool(uses) and all(fusion_group(use.owner) == group for use in uses)


def _node(location: ir.Location) -> str:
    """The op's name location (an ONNX node), or `line N` of its file."""
    where = format_location(location) or ""
    if "node '" in where:
        return where.split("node '", 1)[1].rstrip("'")
    if location.is_a_name():
        return location.name_str
    return f"line {where.rsplit(':', 2)[1]}" if where.count(":") >= 2 else where


# --- the pass --------------------------------------------------------------------------------------


@register_pass("tg-cost")
@dataclass
class ReportCosts:
    """Report what each tg op computes and moves and its roofline time (a table, JSON or CSV, to
    standard error); the IR is unchanged."""

    format: Literal["table", "json", "csv"] = option("table", "table (sorted by estimated time), json or csv")
    peak_gflops: float = option(Machine.peak_gflops, "the machine's peak, 10^9 operations a second")
    bandwidth_gbs: float = option(Machine.bandwidth_gbs, "the machine's memory bandwidth, 10^9 bytes a second")
    output: str = option("", "write the report to this file instead of standard error")
    sizes: dict[str, int] = option({}, "the size of a dynamic dim named <dim> (unnamed dims are n); dims without stay symbols", key="dim")

    def run(self, module: ir.Operation) -> None:
        reports = module_costs(module, Machine(self.peak_gflops, self.bandwidth_gbs), self.sizes)
        report.write(format_reports(reports, self.format), self.output)


def functions_of(module: ir.Operation) -> list:
    """The functions with a body directly in `module`, in order."""
    return [op for op in module.regions[0].blocks[0].operations if op.operation.name == "func.func" and len(op.regions[0].blocks)]


def module_costs(module: ir.Operation, machine: Machine, sizes: dict[str, int]) -> list[CostReport]:
    """The cost report of every function of `module`; CompileError for a size naming no dim."""
    functions = functions_of(module)
    known = {s for f in functions for s in dim_symbols(f)}
    unknown = sorted(set(sizes) - known)
    if unknown:
        listed = ", ".join(sorted(known)) or "none: every dim is static"
        raise CompileError(f"no dynamic dim is named {', '.join(repr(u) for u in unknown)} (dims: {listed})")
    return [function_costs(f, machine, sizes) for f in functions]
