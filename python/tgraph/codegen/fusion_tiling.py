"""`--tg-tile-fusion-groups`: one loop nest for each fusion group that starts with a matmul or a
convolution.

tg-to-linalg lowers such a group as the anchor's ops (fill, matmul or pad, conv) followed by one
epilogue `linalg.generic` that updates the anchor's output in place, and marks them
(`tg.fusion_root = N` on the epilogue, `tg.fusion_producer = [N, k]` on the anchor's ops, k counting
back from the epilogue). This pass tiles each epilogue's outermost dim into an `scf.forall` and fuses
the anchor's ops into it (transform dialect: `tile_using_forall`, `fuse_into_containing_op`): each tile
computes its part of the anchor's output and applies the epilogue to it at once, so the group is one
loop nest writing one buffer. A matmul's tile is the Mb-row block of its kernel (machine.py): the
epilogue reads the block while it is still in L2, and the blocks are what threads share; a
convolution's tile is a block of output rows. When the kernel shares its columns among threads
instead (a few rows times many weights, `MatmulTiles.splits_columns`), the group is one block, marked
`tg.serial`, around the kernel's own parallel loop, and the threads share the epilogue's columns in a
parallel loop of its own after it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from mlir import ir

from ..conversion import build
from ..conversion.fusion import PRODUCER, ROOT
from ..passes import option, register_pass
from .cpu_schedule import conv2d_nhwc_filter_blocks, useful_threads
from .nested_foralls_to_for import SERIAL
from .conv_to_matmul import is_pointwise, matmul_shape
from .machine import MatmulTiles, host, matmul_tiles, rows_per_tile
from .transform_script import apply_script


@dataclass
class Group:
    """A marked fusion group: its epilogue, how many producers, and its kernel (a matmul or a
    channels-last convolution) when it has one."""

    epilogue: ir.Operation
    producers: int = 0
    kernel: ir.Operation | None = None

    def serial(self, threads: int) -> bool:
        """Whether the group's blocks are not for threads to share: too little work, or a kernel
        whose own loop shares its columns (its filters) among them."""
        if self.kernel is None:
            return False
        return useful_threads(self.kernel, threads) < threads or self.kernel_shares_columns(threads)

    def kernel_shares_columns(self, threads: int) -> bool:
        """Whether the kernel's own loop shares its columns among `threads`: a matmul's blocks of B's
        panels, a convolution's blocks of filters (machine.py)."""
        if self.kernel.name == "linalg.conv_2d_nhwc_hwcf" and not is_pointwise(self.kernel):
            return conv2d_nhwc_filter_blocks(self.kernel, useful_threads(self.kernel, threads)) > 0
        tiles = matmul_kernel_tiles(self.kernel, threads)
        return tiles is not None and tiles.splits_columns

    def tile_sizes(self, row_tile: int, threads: int) -> list[int]:
        out = ir.RankedTensorType(self.epilogue.results[0].type)
        if out.rank > 2:
            rows = 0
            if self.kernel is not None and self.kernel_shares_columns(threads):
                rows = out.shape[1]  # one block: the kernel's loop is what threads share
            elif self.kernel is not None and self.kernel.name in NHWC_KERNELS:
                rows = image_block_rows(out, useful_threads(self.kernel, threads))
            return [1, rows] + [0] * (out.rank - 2)
        if row_tile == 0 and self.kernel is not None:
            tiles = matmul_kernel_tiles(self.kernel, threads)
            row_tile = tiles.mb if tiles is not None else 0
        return [row_tile or 8] + [0] * (out.rank - 1)

    def epilogue_column_tiles(self, threads: int) -> list[int] | None:
        """Tile sizes that share the epilogue's columns among `threads` when the kernel shares its
        own (the group is then one serial block, and the epilogue would run on one thread after the
        kernel's parallel loop): a block of the last dim per thread, a whole number of vectors.
        None otherwise."""
        if threads == 1 or self.kernel is None or not self.kernel_shares_columns(threads):
            return None
        out = ir.RankedTensorType(self.epilogue.results[0].type)
        if out.is_dynamic_dim(out.rank - 1):
            return None
        lanes = host().lanes(build.element_bytes(out.element_type))
        columns = -(-out.shape[-1] // threads)
        return [0] * (out.rank - 1) + [-(-columns // lanes) * lanes]


#: The channels-last kernels whose groups are tiled by blocks of output rows.
NHWC_KERNELS = ("linalg.conv_2d_nhwc_hwcf", "linalg.depthwise_conv_2d_nhwc_hwc")


def image_block_rows(out: ir.RankedTensorType, threads: int) -> int:
    """Output rows per tile of an NHWC group (0: the whole image): a block of rows whose output takes
    at most a quarter of L2, so the epilogue reads what the convolution just wrote from the cache,
    and at least `threads` blocks per image. On several threads, a block count that they divide
    wins when its blocks are at least half as tall (56 rows: 8 blocks of 7, not 7 of 8, which one
    thread would finish a block behind the other)."""
    if not out.has_static_shape:
        return 0
    height, row_bytes = out.shape[1], out.shape[2] * out.shape[3] * build.element_bytes(out.element_type)
    limit = max(1, host().l2_bytes // 4 // row_bytes)
    if threads > 1:
        limit = min(limit, -(-height // threads))
        balanced = next((rows for rows in range(limit, 0, -1) if height % rows == 0 and height // rows % threads == 0), 0)
        if 2 * balanced >= limit:
            return balanced
    return rows_per_tile(height, limit)


def matmul_kernel_tiles(kernel: ir.Operation, threads: int = 1) -> MatmulTiles | None:
    """How the matmul kernel that `kernel` becomes is blocked for `threads` cores: a linalg.matmul
    with static n and k, or a pointwise convolution (tg-conv-to-matmul); None for other kernels."""
    if kernel.name == "linalg.matmul":
        b = ir.RankedTensorType(kernel.operands[1].type)
        if not b.has_static_shape:
            return None
        m, (k, n) = build.static_dim(ir.RankedTensorType(kernel.operands[0].type), 0), b.shape
    elif is_pointwise(kernel):
        m, n, k = matmul_shape(kernel)
    else:
        return None
    element_bytes = build.element_bytes(ir.RankedTensorType(kernel.operands[1].type).element_type)
    return matmul_tiles(host(), m, n, k, element_bytes, useful_threads(kernel, threads))


def marked_groups(module: ir.Operation) -> dict[int, Group]:
    """Every marked group by number."""
    roots, producers, kernels = {}, defaultdict(int), {}

    def visit(op):
        if ROOT in op.attributes:
            roots[ir.IntegerAttr(op.attributes[ROOT]).value] = op
        if PRODUCER in op.attributes:
            group, _ = list(ir.DenseI64ArrayAttr(op.attributes[PRODUCER]))
            producers[group] += 1
            if op.operation.name in ("linalg.matmul", *NHWC_KERNELS):
                kernels[group] = op.operation
        return ir.WalkResult.ADVANCE

    module.walk(visit)
    return {g: Group(op, producers[g], kernels.get(g)) for g, op in roots.items()}


def _script(groups: dict[int, Group], row_tile: int, threads: int) -> str:
    """The transform module tiling and fusing every group."""
    any_op = "!transform.any_op"
    lines = [
        "module attributes {transform.with_named_sequence} {",
        f"  transform.named_sequence @__transform_main(%module: {any_op} {{transform.readonly}}) {{",
    ]
    for group, info in sorted(groups.items()):
        tile = info.tile_sizes(row_tile, threads)
        lines.append(f"    %root{group} = transform.structured.match attributes {{{ROOT} = {group} : i64}} in %module : ({any_op}) -> {any_op}")
        lines.append(
            f"    %tiled{group}, %loop{group}_0 = transform.structured.tile_using_forall %root{group} "
            f"tile_sizes [{', '.join(map(str, tile))}] : ({any_op}) -> ({any_op}, {any_op})"
        )
        for k in range(info.producers):
            lines.append(
                f"    %producer{group}_{k} = transform.structured.match attributes "
                f"{{{PRODUCER} = array<i64: {group}, {k}>}} in %module : ({any_op}) -> {any_op}"
            )
            lines.append(
                f"    %fused{group}_{k}, %loop{group}_{k + 1} = transform.structured.fuse_into_containing_op "
                f"%producer{group}_{k} into %loop{group}_{k} : ({any_op}, {any_op}) -> ({any_op}, {any_op})"
            )
        if info.serial(threads):
            lines.append(f'    transform.annotate %loop{group}_{info.producers} "{SERIAL}" : {any_op}')
        columns = info.epilogue_column_tiles(threads)
        if columns is not None:
            lines.append(
                f"    %epilogue{group}, %columns{group} = transform.structured.tile_using_forall %tiled{group} "
                f"tile_sizes [{', '.join(map(str, columns))}] : ({any_op}) -> ({any_op}, {any_op})"
            )
    lines += ["    transform.yield", "  }", "}"]
    return "\n".join(lines)


def tile_fusion_groups(module: ir.Operation, row_tile: int = 0, threads: int = 1) -> int:
    """Tile and fuse every marked group; returns how many."""
    groups = marked_groups(module)
    if not groups:
        return 0
    apply_script(module, _script(groups, row_tile, threads), "tiling a fusion group")
    return len(groups)


@register_pass("tg-tile-fusion-groups")
@dataclass
class TileFusionGroups:
    """Make each matmul/conv fusion group one loop nest: tile its epilogue, fuse the anchor into it."""

    row_tile: int = option(0, "rows of a 2-D epilogue per tile; 0: a matmul's Mb block from the machine model, else 8 (higher-rank ones tile their outer dim by 1)")
    threads: int = option(1, "cores the code runs on (a matmul gets at least that many blocks when it has the rows)")

    def run(self, module: ir.Operation) -> None:
        tile_fusion_groups(module, self.row_tile, self.threads)
