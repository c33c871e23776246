"""`--tg-cpu-schedule`: tile and vectorize each op that codegen tagged with a strategy, by the
transform-dialect schedules of `passes/` and tile sizes from the machine model.

Ops carry `tg.strategy = "<name>"` (set by the passes that shape them for a kernel, such as
--tg-pack-weights); `passes/<name>.mlir` defines `@tg_<name>(op, sizes...)`, which returns the
kernel's loop of blocks (the scf.forall threads share). This pass gives each tagged op a unique
`tg.schedule` number, writes a `__transform_main` that matches each by its number and includes its
strategy with the sizes `STRATEGIES[name]` computes for it (marking the returned loop `tg.serial`
when the kernel runs on one thread), then `@tg_vector_cleanup` once, and runs it with the transform
interpreter. The schedule files stay runnable on their own
(`mlir-opt --transform-preload-library=transform-library-paths=passes --transform-interpreter=...`).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from mlir import ir

from ..conversion import build
from ..diagnostics import CompileError
from ..passes import option, register_pass
from ..transforms.statistics import count
from .machine import MIN_PARALLEL_BYTES, MIN_PARALLEL_MACS, ConvTiles, conv_tiles, filter_blocks, host, largest_divisor, matmul_tiles, window_tiles
from .nested_foralls_to_for import SERIAL, inside_parallel_forall
from .register_matmul import register_batch_matmul_sizes, register_matmul_sizes
from .transform_script import apply_script

STRATEGY, SCHEDULE = "tg.strategy", "tg.schedule"


def schedules_dir() -> Path:
    """Where the schedule files are: $TGRAPH_SCHEDULES_DIR, else the source tree's passes/."""
    return Path(os.environ.get("TGRAPH_SCHEDULES_DIR") or Path(__file__).resolve().parents[3] / "passes")


def packed_matmul_sizes(op: ir.Operation, threads: int) -> list[int]:
    """[Mb, Nb, Kb, MR] of a packed matmul generic (A [M, K], Bp [N1, K, NR]) run on `threads` cores."""
    a, panels = (ir.RankedTensorType(v.type) for v in op.operands[:2])
    m, k = build.static_dim(a, 0), a.shape[1]
    n = panels.shape[0] * panels.shape[2]
    tiles = matmul_tiles(host(), m, n, k, build.element_bytes(panels.element_type), threads)
    return [tiles.mb, tiles.nb, tiles.kb, tiles.mr]


def conv2d_nhwc_tiles(op: ir.Operation) -> ConvTiles | None:
    """The register and channel tiles of a linalg.conv_2d_nhwc_hwcf; None unless the output's width,
    the filters and the channels are static floats and some register tile divides them."""
    filters_type, out = ir.RankedTensorType(op.operands[1].type), ir.RankedTensorType(op.operands[2].type)
    if not filters_type.has_static_shape or out.is_dynamic_dim(2) or filters_type.element_type != out.element_type:
        return None
    if str(out.element_type) not in ("f32", "f64"):
        return None
    kh, kw, channels, filters = filters_type.shape
    return conv_tiles(host(), out.shape[2], filters, channels, kh * kw, build.element_bytes(out.element_type))


def conv2d_nhwc_filter_blocks(op: ir.Operation, threads: int, tiles: ConvTiles | None = None) -> int:
    """Filters per block of a linalg.conv_2d_nhwc_hwcf whose threads share its filters (machine.py:
    `filter_blocks`), else 0 (they share its rows); `tiles` when the caller has them already."""
    tiles = tiles or conv2d_nhwc_tiles(op)
    image, filters_type = (ir.RankedTensorType(v.type) for v in op.operands[:2])
    if tiles is None or not image.has_static_shape:
        return 0
    element_bytes = build.element_bytes(filters_type.element_type)
    return filter_blocks(filters_type.shape[3], tiles.f, math.prod(filters_type.shape) * element_bytes, math.prod(image.shape) * element_bytes, threads)


def conv2d_nhwc_sizes(op: ir.Operation, threads: int) -> list[int] | None:
    """[rows per block, filters per block (0: all), OW, F, C, Cb] of a linalg.conv_2d_nhwc_hwcf
    (see `conv2d_nhwc_tiles`): threads share blocks of rows, or of filters when the filter outweighs
    the image (then the block has every row)."""
    tiles = conv2d_nhwc_tiles(op)
    if tiles is None:
        return None
    out = ir.RankedTensorType(op.operands[2].type)
    filter_block = conv2d_nhwc_filter_blocks(op, threads, tiles)
    rows = _row_block(out, 1 if filter_block else threads)
    return [rows, filter_block, tiles.ow, tiles.f, tiles.c, tiles.cb]


def window_nhwc_sizes(op: ir.Operation, threads: int) -> list[int] | None:
    """[rows per block, OW, C] of a channels-last depthwise convolution or pool; None unless the
    output's width and channels are static floats that a register tile divides."""
    out = ir.RankedTensorType(op.operands[-1].type)
    if out.is_dynamic_dim(2) or out.is_dynamic_dim(3) or str(out.element_type) not in ("f32", "f64"):
        return None
    if any(str(ir.RankedTensorType(v.type).element_type) != str(out.element_type) for v in op.operands[:1]):
        return None
    tiles = window_tiles(host(), out.shape[2], out.shape[3], build.element_bytes(out.element_type))
    if tiles is None:
        return None
    return [_row_block(out, threads), *tiles]


#: A row block larger than any image: "all the rows" when their number is dynamic (a fusion group's
#: last block of rows, or an image of dynamic size).
ALL_ROWS = 1 << 30


def _row_block(out: ir.RankedTensorType, threads: int) -> int:
    """Output rows per block of an NHWC kernel: all of them, or a share when the batch is too small
    to give each thread an image. Blocks of single rows would put the channel blocks, and so the
    whole filter's reads, inside the row loop."""
    if out.is_dynamic_dim(1):
        return ALL_ROWS
    rows = out.shape[1]
    if threads > 1 and (out.is_dynamic_dim(0) or out.shape[0] < threads):
        rows = -(-rows // threads)
    return rows


def transpose_sizes(op: ir.Operation, threads: int) -> list[int] | None:
    """[images, rows per block, then the step's sizes] of a rank-4 linalg.transpose. A step moves up
    to one vector along the output's innermost dim and along the output dim that is the input's
    innermost (the two contiguous ones), 1 elsewhere, each dividing its dim. On several threads
    (`useful_threads`: a transpose does no arithmetic, so what it moves decides) they share blocks:
    an image each when there are enough, else blocks of the output's dim 1, the smallest multiple of
    the step's size there that divides the dim into at most `threads` blocks. One block otherwise.
    None for other ranks, dynamic dims or sub-byte elements."""
    out = ir.RankedTensorType(op.operands[1].type)
    if out.rank != 4 or not out.has_static_shape or out.element_type.width < 8:
        return None
    permutation = list(ir.DenseI64ArrayAttr(op.attributes["permutation"]))
    lanes = host().lanes(build.element_bytes(out.element_type))
    sizes = [1] * out.rank
    for dim in {out.rank - 1, permutation.index(out.rank - 1)}:
        sizes[dim] = largest_divisor(out.shape[dim], lanes)
    images, rows = out.shape[:2]
    if threads > 1:
        if images >= threads:
            images = 1
        else:
            share = -(-rows // threads)
            images, rows = 1, next(r for r in range(share, rows + 1) if r % sizes[1] == 0 and rows % r == 0)
    return [images, rows, *sizes]


def loop_dims(op: ir.Operation) -> list[tuple[int, bool]] | None:
    """(extent, parallel?) of each loop of an elementwise op or a reduction: a linalg.generic whose
    maps are projections (its extents read off the operands' static shapes), a linalg.reduce, or a
    named linalg op whose operands all have its result's shape (linalg.exp, linalg.add...). None
    for other ops and dynamic extents."""
    shapes = [ir.RankedTensorType(v.type) if isinstance(v.type, ir.RankedTensorType) else None for v in op.operands]
    if not op.results or any(t is None or not t.has_static_shape for t in shapes):
        return None
    if op.name == "linalg.generic":
        maps = [ir.AffineMapAttr(m).value for m in ir.ArrayAttr(op.attributes["indexing_maps"])]
        parallel = ["parallel" in str(kind) for kind in ir.ArrayAttr(op.attributes["iterator_types"])]
        extents = [None] * len(parallel)
        for operand, map_ in zip(shapes, maps):
            for size, expr in zip(operand.shape, map_.results):
                if isinstance(expr, ir.AffineDimExpr):
                    extents[expr.position] = size
        return None if None in extents else list(zip(extents, parallel))
    if op.name == "linalg.reduce":
        reduced = set(ir.DenseI64ArrayAttr(op.attributes["dimensions"]))
        return [(size, d not in reduced) for d, size in enumerate(shapes[0].shape)]
    result = ir.RankedTensorType(op.results[0].type)
    if op.name.startswith("linalg.") and all(t.shape == result.shape for t in shapes):
        return [(size, True) for size in result.shape]
    return None


def parallel_blocks_sizes(op: ir.Operation, threads: int) -> list[int] | None:
    """[blocks of dim 0, blocks of dim 1] (0: not split) of an elementwise op or reduction that no
    kernel's loop holds, run on `threads` cores: the first of its two outer dims that is parallel and
    has at least `threads` elements, in `threads` blocks. None when neither is, or on one thread."""
    dims = loop_dims(op)
    if threads == 1 or dims is None:
        return None
    for d, (extent, parallel) in enumerate(dims[:2]):
        if parallel and extent >= threads:
            return [threads if i == d else 0 for i in range(2)]
    return None


def multiply_adds(op: ir.Operation) -> int | None:
    """Multiply-adds of a kernel op (a matmul, packed or not, a batch matmul, a convolution, a
    depthwise convolution or pool): its iteration space; 0 for a transpose or an untagged elementwise
    op or reduction (`loop_dims`: they do a few operations a byte, so what they move decides); None
    when a dim is dynamic or the op is none of these."""
    if not all(isinstance(v.type, ir.RankedTensorType) for v in op.operands):
        return None
    shapes = [ir.RankedTensorType(v.type) for v in op.operands]
    if not all(t.has_static_shape for t in shapes):
        return None
    out = math.prod(shapes[-1].shape)
    name = op.name
    if name in ("linalg.matmul", "linalg.batch_matmul"):
        return out * shapes[0].shape[-1]
    if STRATEGY in op.attributes and ir.StringAttr(op.attributes[STRATEGY]).value == "packed_matmul":
        return out * shapes[0].shape[1]  # C3 [M, N1, NR] times K
    if name == "linalg.conv_2d_nhwc_hwcf":
        return out * math.prod(shapes[1].shape[:3])
    if name == "linalg.depthwise_conv_2d_nhwc_hwc" or name.startswith("linalg.pooling_nhwc_"):
        return out * math.prod(shapes[1].shape[:2])
    if name == "linalg.transpose" or (STRATEGY not in op.attributes and loop_dims(op) is not None):
        return 0
    return None


def useful_threads(op: ir.Operation, threads: int) -> int:
    """`threads`, or 1 for a kernel too small to repay handing its blocks to other threads: few
    multiply-adds and few bytes to move."""
    work = multiply_adds(op)
    if work is None or work >= MIN_PARALLEL_MACS:
        return threads
    moved = sum(math.prod(t.shape) * build.element_bytes(t.element_type) for t in (ir.RankedTensorType(v.type) for v in op.operands))
    return threads if moved >= MIN_PARALLEL_BYTES else 1


#: Strategy name -> the sizes (transform params) its schedule takes, computed from the op and the
#: number of threads (None: the op does not fit the strategy and stays as it is).
STRATEGIES: dict[str, Callable[[ir.Operation, int], list[int] | None]] = {
    "packed_matmul": packed_matmul_sizes,
    "conv2d_nhwc": conv2d_nhwc_sizes,
    "register_matmul": register_matmul_sizes,
    "register_batch_matmul": register_batch_matmul_sizes,
    "window_nhwc": window_nhwc_sizes,
    "transpose": transpose_sizes,
    "parallel_blocks": parallel_blocks_sizes,
}

#: Named linalg ops that get a strategy without being tagged.
NAMED_OPS = {
    "linalg.conv_2d_nhwc_hwcf": "conv2d_nhwc",
    "linalg.depthwise_conv_2d_nhwc_hwc": "window_nhwc",
    "linalg.transpose": "transpose",
    **{f"linalg.pooling_nhwc_{kind}": "window_nhwc" for kind in ("max", "sum", "min", "max_unsigned", "min_unsigned")},
}


def _outside_loops(op: ir.Operation) -> bool:
    """Whether `op` is a linalg op directly in a function's body (no kernel's loop holds it)."""
    return op.name.startswith("linalg.") and op.parent is not None and op.parent.name == "func.func"


@lru_cache(maxsize=None)
def _library_text() -> str:
    """Every named sequence of the schedule files (declarations dropped: the definitions are here)."""
    sequences = []
    for path in sorted(schedules_dir().glob("*.mlir")):
        with ir.Context():
            module = ir.Module.parse(path.read_text())
            for op in module.body.operations:
                if op.operation.name == "transform.named_sequence" and len(op.regions[0].blocks):
                    sequences.append(str(op))
    if not sequences:
        raise CompileError(f"no transform schedules found in {schedules_dir()} (set TGRAPH_SCHEDULES_DIR)")
    return "\n".join(sequences)


def main_sequence(tagged: list[tuple[int, str, list[int], bool]]) -> str:
    """`__transform_main` applying each (number, strategy, sizes, serial), then the vector cleanup. A
    strategy returns its loop of blocks; a serial op's is marked `tg.serial` (see `schedule`)."""
    any_op, param = "!transform.any_op", "!transform.param<i64>"
    lines = [f"transform.named_sequence @__transform_main(%root: {any_op} {{transform.readonly}}) {{"]
    for number, strategy, sizes, serial in tagged:
        lines.append(f"  %op{number} = transform.structured.match attributes {{{SCHEDULE} = {number} : i64}} in %root : ({any_op}) -> {any_op}")
        arguments = [f"%op{number}"]
        for i, size in enumerate(sizes):
            lines.append(f"  %op{number}_{i} = transform.param.constant {size} : i64 -> {param}")
            arguments.append(f"%op{number}_{i}")
        types = ", ".join([any_op] + [param] * len(sizes))
        lines.append(f"  %blocks{number} = transform.include @tg_{strategy} failures(propagate) ({', '.join(arguments)}) : ({types}) -> {any_op}")
        if serial:
            lines.append(f'  transform.annotate %blocks{number} "{SERIAL}" : {any_op}')
    lines.append(f"  transform.include @tg_vector_cleanup failures(propagate) (%root) : ({any_op}) -> ()")
    lines += ["  transform.yield", "}"]
    return "\n".join(lines)


def schedule(module: ir.Operation, threads: int = 1) -> int:
    """Apply the strategies of every tagged op of `module`, for code running on `threads` cores;
    returns how many ops. The loop of blocks of a kernel too small to share them among threads is
    marked `tg.serial`, for --tg-nested-foralls-to-for: its blocks are for the caches."""
    tagged = []

    def visit(op):
        if STRATEGY in op.attributes:
            strategy = ir.StringAttr(op.attributes[STRATEGY]).value
            if strategy not in STRATEGIES:
                raise CompileError(f"unknown codegen strategy '{strategy}' (known: {', '.join(sorted(STRATEGIES))})")
        elif op.operation.name in NAMED_OPS:
            strategy = NAMED_OPS[op.operation.name]
        elif threads > 1 and _outside_loops(op.operation):
            strategy = "parallel_blocks"
        else:
            return ir.WalkResult.ADVANCE
        # Inside a fusion group's parallel scf.forall the threads share the group's blocks already
        # (tg-nested-foralls-to-for makes the kernel's own loop serial).
        op_threads = 1 if inside_parallel_forall(op.operation) else useful_threads(op.operation, threads)
        sizes = STRATEGIES[strategy](op.operation, op_threads)
        if sizes is not None:
            number = len(tagged)
            op.attributes[SCHEDULE] = ir.IntegerAttr.get(ir.IntegerType.get_signless(64), number)
            tagged.append((number, strategy, sizes, op_threads < threads))
        return ir.WalkResult.ADVANCE

    module.walk(visit)
    if not tagged:
        return 0
    text = f"module attributes {{transform.with_named_sequence}} {{\n{_library_text()}\n{main_sequence(tagged)}\n}}"
    apply_script(module, text, "a codegen schedule")
    return len(tagged)


@register_pass("tg-cpu-schedule")
@dataclass
class CpuSchedule:
    """Tile and vectorize the ops tagged with a codegen strategy (tg.strategy) by their schedules in passes/."""

    threads: int = option(1, "cores the code runs on (a kernel gets at least that many blocks when it has the rows)")

    def run(self, module: ir.Operation) -> None:
        count("tg-cpu-schedule", "ops scheduled", schedule(module, self.threads))
