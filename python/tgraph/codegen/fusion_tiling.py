"""`--tg-tile-fusion-groups`: one loop nest for each fusion group that starts with a matmul or a
convolution.

tg-to-linalg lowers such a group as the anchor's ops (fill, matmul or pad, conv) followed by one
epilogue `linalg.generic` that updates the anchor's output in place, and marks them
(`tg.fusion_root = N` on the epilogue, `tg.fusion_producer = [N, k]` on the anchor's ops, k counting
back from the epilogue). This pass tiles each epilogue's outermost dim into an `scf.forall` and fuses
the anchor's ops into it (transform dialect: `tile_using_forall`, `fuse_into_containing_op`): each tile
computes its part of the anchor's output and applies the epilogue to it at once, so the group is one
loop nest writing one buffer. Later codegen strategies replace the tile sizes with real schedules.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from mlir import ir
from mlir.dialects.transform import interpreter

from ..conversion.fusion import PRODUCER, ROOT
from ..diagnostics import CompileError
from ..passes import option, register_pass


def marked_groups(module: ir.Operation) -> dict[int, tuple[ir.Operation, int, int]]:
    """Group number -> (epilogue, epilogue rank, number of producers) of every marked group."""
    roots, producers = {}, defaultdict(int)

    def visit(op):
        if ROOT in op.attributes:
            roots[ir.IntegerAttr(op.attributes[ROOT]).value] = op
        if PRODUCER in op.attributes:
            group, _ = list(ir.DenseI64ArrayAttr(op.attributes[PRODUCER]))
            producers[group] += 1
        return ir.WalkResult.ADVANCE

    module.walk(visit)
    return {g: (op, ir.RankedTensorType(op.results[0].type).rank, producers[g]) for g, op in roots.items()}


def _script(groups: dict[int, tuple[ir.Operation, int, int]], row_tile: int) -> str:
    """The transform module tiling and fusing every group."""
    any_op = "!transform.any_op"
    lines = [
        "module attributes {transform.with_named_sequence} {",
        f"  transform.named_sequence @__transform_main(%module: {any_op} {{transform.readonly}}) {{",
    ]
    for group, (_, rank, producers) in sorted(groups.items()):
        tile = [1 if rank > 2 else row_tile] + [0] * (rank - 1)
        lines.append(f"    %root{group} = transform.structured.match attributes {{{ROOT} = {group} : i64}} in %module : ({any_op}) -> {any_op}")
        lines.append(
            f"    %tiled{group}, %loop{group}_0 = transform.structured.tile_using_forall %root{group} "
            f"tile_sizes [{', '.join(map(str, tile))}] : ({any_op}) -> ({any_op}, {any_op})"
        )
        for k in range(producers):
            lines.append(
                f"    %producer{group}_{k} = transform.structured.match attributes "
                f"{{{PRODUCER} = array<i64: {group}, {k}>}} in %module : ({any_op}) -> {any_op}"
            )
            lines.append(
                f"    %fused{group}_{k}, %loop{group}_{k + 1} = transform.structured.fuse_into_containing_op "
                f"%producer{group}_{k} into %loop{group}_{k} : ({any_op}, {any_op}) -> ({any_op}, {any_op})"
            )
    lines += ["    transform.yield", "  }", "}"]
    return "\n".join(lines)


def tile_fusion_groups(module: ir.Operation, row_tile: int) -> int:
    """Tile and fuse every marked group; returns how many."""
    groups = marked_groups(module)
    if not groups:
        return 0
    script = ir.Module.parse(_script(groups, row_tile), module.context)
    sequence = next(op for op in script.body.operations if op.operation.name == "transform.named_sequence")
    try:
        interpreter.apply_named_sequence(module, sequence, script)
    except ir.MLIRError as e:
        raise CompileError.from_mlir(e, "tiling a fusion group failed") from None
    return len(groups)


@register_pass("tg-tile-fusion-groups")
@dataclass
class TileFusionGroups:
    """Make each matmul/conv fusion group one loop nest: tile its epilogue, fuse the anchor into it."""

    row_tile: int = option(8, "rows of a 2-D epilogue per tile (higher-rank ones tile their outer dim by 1)")

    def run(self, module: ir.Operation) -> None:
        tile_fusion_groups(module, self.row_tile)
