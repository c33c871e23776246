"""`--tg-view-graph=out.dot`: the tg graph as a Graphviz picture. Each op is a box labelled with its
name, value, result type and cost (MACs or FLOPs, bytes moved, roofline time and share of the total);
the ops taking at least `highlight=` percent of the estimated time are filled red; the ops of a fusion
group (`tg.fusion_group`) are drawn inside one cluster; arguments and results are ellipses; weights
(constants) are left out, their bytes are in the label of the op that reads them.

The DOT text goes to the file (standard error without one). When Graphviz's `dot` is installed, an
SVG beside it (`out.svg`) is rendered too; it is not a dependency of tgraph, and when it is missing
the pass says so and writes the DOT file only. The IR is unchanged.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mlir import ir

from ..diagnostics import CompileError
from ..passes import option, register_pass
from . import report
from .cost import CostReport, OpCost, functions_of, fusion_group, module_costs
from .dims import function_name
from .machine import Machine

HEAVY_FILL = "#f4a6a6"
GROUP_COLOR = "#4a7ebb"


def dot_graph(functions: list, reports: list[CostReport], highlight: float = 10.0) -> str:
    """The DOT text of `functions` with the costs of their `reports`; a cluster each when several."""
    lines = [f'digraph "{function_name(functions[0]) if len(functions) == 1 else "module"}" {{']
    lines += [
        "  rankdir=TB;",
        '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica", fontsize=10];',
        '  edge [color="#555555"];',
    ]
    for function, cost in zip(functions, reports):
        body = _function_lines(function, cost, highlight)
        if len(functions) > 1:
            name = function_name(function)
            body = [f'subgraph "cluster_{name}" {{', f'  label="@{name}";'] + ["  " + line for line in body] + ["}"]
        lines += ["  " + line for line in body]
    return "\n".join(lines + ["}"]) + "\n"


def _function_lines(function, cost: CostReport, highlight: float) -> list[str]:
    prefix = function_name(function)
    block = function.regions[0].blocks[0]
    by_index = {op.index: op for op in cost.ops}
    total = cost.total_time
    ids: dict = {}
    lines: list[str] = []
    for i, argument in enumerate(block.arguments):
        ids[argument] = f"{prefix}_arg{i}"
        lines.append(f'{ids[argument]} [label="%arg{i}\\n{argument.type}", shape=ellipse, fillcolor="#e8f0fe"];')
    groups: dict[int, list[str]] = {}
    for index, op in enumerate(block.operations):
        op = op.operation
        if index not in by_index:
            if op.name == "func.return":
                for j, value in enumerate(op.operands):
                    lines.append(f'{prefix}_result{j} [label="result #{j}\\n{value.type}", shape=ellipse, fillcolor="#e8f0fe"];')
                    if value in ids:
                        lines.append(f"{ids[value]} -> {prefix}_result{j};")
            continue
        node = f"{prefix}_op{index}"
        for result in op.results:
            ids[result] = node
        cost_of_op = by_index[index]
        share = 100 * cost.time(cost_of_op) / total if total else 0.0
        heavy = share >= highlight
        style = f', fillcolor="{HEAVY_FILL}", penwidth=2' if heavy else ""
        text = f"{node} [label=\"{_label(cost_of_op, cost, share)}\"{style}];"
        group = fusion_group(op)
        if group is None:
            lines.append(text)
        else:
            groups.setdefault(group, []).append(text)
        lines += [f"{ids[v]} -> {node};" for v in op.operands if v in ids]
    for group, members in sorted(groups.items()):
        lines.append(f'subgraph "cluster_{prefix}_group{group}" {{')
        lines.append(f'  label="fusion group {group}"; style=dashed; color="{GROUP_COLOR}"; fontcolor="{GROUP_COLOR}";')
        lines += ["  " + member for member in members]
        lines.append("}")
    return lines


def _label(op: OpCost, cost: CostReport, share: float) -> str:
    """Name and value, the node it came from, the result type, then the work and the time."""
    title = f"{op.op} {op.value}" + (f" ({op.node})" if op.node and not op.node.startswith("line ") else "")
    work = f"{report.count(op.macs)} MACs" if op.macs else f"{report.count(op.flops)} FLOPs"
    moved = report.size(op.bytes) + (f" ({report.size(op.weight_bytes)} weights)" if op.weight_bytes else "")
    parts = [title, op.result, f"{op.kind}: {work}", moved]
    if not cost.symbols:
        parts.append(f"{report.seconds(cost.time(op))} ({share:.1f}%)")
    return "\\n".join(p.replace('"', '\\"') for p in parts)


def write_graph(text: str, file: str) -> None:
    """The DOT text to `file` (standard error when empty); `x.svg` names give `x.dot` and the SVG, and
    `x.dot` gets its SVG too, when Graphviz's `dot` is installed (said on standard error otherwise)."""
    if not file:
        report.write(text, "")
        return
    path = Path(file)
    dot_path, svg_path = path.with_suffix(".dot"), path.with_suffix(".svg")
    report.write(text, str(dot_path))
    renderer = shutil.which("dot")
    if renderer is None:
        print(f"tg-view-graph: Graphviz's `dot` is not installed: wrote {dot_path}, no {svg_path.name}", file=sys.stderr)
        return
    rendered = subprocess.run([renderer, "-Tsvg", str(dot_path), "-o", str(svg_path)], capture_output=True, text=True)
    if rendered.returncode:
        raise CompileError(f"dot could not render {dot_path}: {rendered.stderr.strip()}")


@register_pass("tg-view-graph")
@dataclass
class ViewGraph:
    """Draw the tg graph as Graphviz DOT (and SVG when `dot` is installed): ops labelled with their
    shapes and costs, the heaviest highlighted, fusion groups as clusters; the IR is unchanged."""

    file: str = option("", "the .dot (or .svg) file to write; standard error without one", bare=True)
    highlight: float = option(10.0, "fill the ops taking at least this percent of the estimated time")
    peak_gflops: float = option(Machine.peak_gflops, "the machine's peak, 10^9 operations a second")
    bandwidth_gbs: float = option(Machine.bandwidth_gbs, "the machine's memory bandwidth, 10^9 bytes a second")
    sizes: dict[str, int] = option({}, "the size of a dynamic dim named <dim> (unnamed dims are n)", key="dim")

    def run(self, module: ir.Operation) -> None:
        functions = functions_of(module)
        if not functions:
            return
        reports = module_costs(module, Machine(self.peak_gflops, self.bandwidth_gbs), self.sizes)
        write_graph(dot_graph(functions, reports, self.highlight), self.file)
