"""`--tg-memory-plan`: where each intermediate tensor of a function can live in one activation arena,
reusing the memory of tensors no longer needed.

Liveness: ops run in program order; a tensor is live from the op that writes it to the last op that
reads it. A view (`tg.reshape`, by its cost rule) gets no memory of its own: it extends the life of the
tensor it views. Planned are the tensors that tg ops write, except views, the function's results (the
caller allocates outputs and they are written in place), tensors that stay inside their fusion group
(`tg.fusion_group`: they live in registers) and weights (constants and what is computed from them).

Assignment: greedy best fit by size, as TensorFlow Lite's arena planner does: the largest tensor
first, each at the lowest offset of the smallest gap left between the tensors whose lives overlap its
own, else above them; offsets aligned to 64 bytes. The report gives each tensor's offset, the arena's
size against allocating every tensor separately, and the lower bound no plan can beat: the most bytes
live at one time. Dynamic dims need sizes (`--tg-memory-plan="batch=8"`). The IR is unchanged.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

from mlir import ir

from ..diagnostics import CompileError
from ..dialect import TG, TensorSpec
from ..passes import option, register_pass
from . import report
from .cost import fusion_group, functions_of, stays_in_group
from .dims import dim_symbols, function_name, is_static, value_types

ALIGNMENT = 64


@dataclass
class Buffer:
    """One planned tensor: the value and op that write it, its type and size, the positions (op
    indices in the function) of its first writer and last reader, and its offset in the arena."""

    value: str
    op: str
    type: str
    bytes: int
    start: int
    end: int
    last_reader: str = ""
    offset: int = -1

    @property
    def size(self) -> int:
        """The bytes it takes in the arena: `bytes` rounded up to the alignment."""
        return -(-self.bytes // ALIGNMENT) * ALIGNMENT

    def lives_with(self, other: Buffer) -> bool:
        return self.start <= other.end and other.start <= self.end

    def shares_memory_with(self, other: Buffer) -> bool:
        return self.offset < other.offset + other.size and other.offset < self.offset + self.size


@dataclass
class MemoryPlan:
    """The buffers of one function (in program order) with their offsets."""

    function: str
    sizes: dict[str, int]
    buffers: list[Buffer]

    @property
    def peak(self) -> int:
        """The arena's size."""
        return max((b.offset + b.size for b in self.buffers), default=0)

    @property
    def separate(self) -> int:
        """The bytes every tensor allocated on its own would take."""
        return sum(b.size for b in self.buffers)

    @property
    def lower_bound(self) -> int:
        """The most bytes live at one time: no plan can use less."""
        ends = {b.end for b in self.buffers}
        return max((sum(b.size for b in self.buffers if b.start <= t <= b.end) for t in ends), default=0)

    def conflicts(self) -> list[tuple[Buffer, Buffer]]:
        """Pairs of tensors live at one time that share memory (none in a valid plan)."""
        return [(a, b) for i, a in enumerate(self.buffers) for b in self.buffers[i + 1 :] if a.lives_with(b) and a.shares_memory_with(b)]

    def table(self) -> str:
        rows = [[b.value, b.op, b.type, report.size(b.bytes), f"{b.value} .. {b.last_reader}", str(b.offset)] for b in self.buffers]
        sizes = "".join(f", {k}={v}" for k, v in self.sizes.items())
        lines = [f"@{self.function}: {len(self.buffers)} intermediate tensors{sizes}, offsets aligned to {ALIGNMENT} B"]
        lines += ["  " + line for line in report.table(["value", "op", "type", "bytes", "live", "offset"], rows, right={3, 5})]
        ratio = f" ({self.separate / self.peak:.2f}x)" if self.peak else ""
        lines.append(f"  arena {report.size(self.peak)} ({self.peak} B) reusing memory; {report.size(self.separate)} allocating every tensor separately{ratio}")
        lines.append(f"  at least {report.size(self.lower_bound)} ({self.lower_bound} B) are live at one time")
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict:
        return {
            "function": self.function,
            "sizes": self.sizes,
            "alignment": ALIGNMENT,
            "peak_bytes": self.peak,
            "separate_bytes": self.separate,
            "lower_bound_bytes": self.lower_bound,
            "tensors": [asdict(b) for b in self.buffers],
        }


def plan_function(function, sizes: dict[str, int] | None = None) -> MemoryPlan:
    """The memory plan of a `func.func` of tg ops; `sizes` give its dynamic dims sizes by name (all
    of them are needed: CompileError otherwise)."""
    sizes = {k: v for k, v in (sizes or {}).items() if k in dim_symbols(function)}
    missing = [s for s in dim_symbols(function) if s not in sizes]
    if missing:
        raise CompileError(f"@{function_name(function)}: the memory plan needs sizes for {', '.join(missing)} ({' '.join(m + '=...' for m in missing)})")
    buffers = liveness(function, None if is_static(function) else value_types(function, sizes))
    assign_offsets(buffers)
    return MemoryPlan(function_name(function), sizes, buffers)


def liveness(function, types: dict | None = None) -> list[Buffer]:
    """The tensors to plan, in program order, each live from its writer to its last reader (its
    views' readers included); `types` are the values' static types when the IR's are dynamic."""
    block = function.regions[0].blocks[0]
    operations = [op.operation for op in block.operations]
    position = {op: i for i, op in enumerate(operations)}
    state = ir.AsmState(function)
    returned = {v for op in operations if op.name == "func.return" for v in op.operands}
    weights: set = set()
    buffers: dict = {}  # the values that own memory -> their buffers
    owner: dict = {}  # every value in planned memory (owners and views) -> the buffer

    def spec(value: ir.Value) -> TensorSpec:
        return types[value] if types is not None else TensorSpec.from_mlir(value.type)

    for op in operations:
        if op.name == "func.return":
            continue
        for buffer in {id(owner[v]): owner[v] for v in op.operands if v in owner}.values():
            buffer.end, buffer.last_reader = position[op], _name(op, state)
        if op.name == "arith.constant" or (len(op.operands) and all(v in weights for v in op.operands)):
            weights.update(op.results)  # constants, and what is computed from them alone
            continue
        declaration = TG.lookup(op.name)
        if declaration is None or declaration.estimate([spec(v) for v in op.operands], declaration.view(op).attribute_values(), [spec(r) for r in op.results]).view:
            # A view (and a tensor.cast, the other op found among tg ops) is the memory of its operand.
            if len(op.operands) and op.operands[0] in owner:
                owner[op.results[0]] = owner[op.operands[0]]
            continue
        for result in op.results:
            if result in returned or stays_in_group(result, fusion_group(op)):
                continue
            size = spec(result).numel * spec(result).np_dtype.itemsize
            name = result.get_name(state)
            owner[result] = buffers[result] = Buffer(name, op.name, str(spec(result)), size, position[op], position[op], name)
    # A view that is returned makes the memory it views the output's: it is not planned.
    for value in returned:
        if value in owner:
            buffers = {k: b for k, b in buffers.items() if b is not owner[value]}
    return sorted(buffers.values(), key=lambda b: b.start)


def _name(op: ir.Operation, state: ir.AsmState) -> str:
    return op.results[0].get_name(state) if len(op.results) else op.name


def assign_offsets(buffers: list[Buffer]) -> None:
    """Greedy best fit by size: the largest buffer first, each into the smallest gap between the
    placed buffers whose lives overlap its own that holds it, else above them all."""
    placed: list[Buffer] = []
    for buffer in sorted(buffers, key=lambda b: (-b.size, b.start)):
        best, cursor = None, 0
        for other in sorted((p for p in placed if p.lives_with(buffer)), key=lambda p: p.offset):
            gap = other.offset - cursor
            if gap >= buffer.size and (best is None or gap < best[1]):
                best = (cursor, gap)
            cursor = max(cursor, other.offset + other.size)
        buffer.offset = best[0] if best is not None else cursor
        placed.append(buffer)


@register_pass("tg-memory-plan")
@dataclass
class MemoryPlanPass:
    """Report the liveness of every intermediate tensor, a buffer assignment that reuses memory, and
    the peak activation memory against allocating every tensor separately (to standard error); the IR
    is unchanged."""

    format: Literal["table", "json"] = option("table", "table or json")
    output: str = option("", "write the report to this file instead of standard error")
    sizes: dict[str, int] = option({}, "the size of a dynamic dim named <dim> (unnamed dims are n)", key="dim")

    def run(self, module: ir.Operation) -> None:
        plans = [plan_function(f, self.sizes) for f in functions_of(module)]
        if self.format == "json":
            text = json.dumps({"functions": [p.to_dict() for p in plans]}, indent=2) + "\n"
        else:
            text = "\n".join(p.table() for p in plans)
        report.write(text, self.output)
