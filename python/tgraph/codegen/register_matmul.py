"""`--tg-register-matmuls`: the matmuls whose operands are both computed, for the register-tiled kernel.

--tg-pack-weights gives a matmul by constant weights its packed kernel; what is left, a
`linalg.matmul` or `linalg.batch_matmul` of two computed tensors (attention's Q x K^T and softmax x V,
which tg-to-linalg makes batch matmuls of), would run as scalar loops. This pass rewrites each such op
as the same product in a `linalg.generic` whose multiply-add may contract into an FMA, tagged
`tg.strategy = "register_matmul"` or `"register_batch_matmul"`, which `--tg-cpu-schedule` runs by
passes/register_matmul.mlir: an MR x NR tile of C in vector registers across k, one outer product
(MR broadcasts of A, NR / lanes contiguous loads of a row of B, MR * NR / lanes FMAs) per k. B is not
packed: the products it runs are small (attention's are 128 x 128 x 64 a head) and a k step reads
one contiguous NR-wide row of it anyway.

An op is tagged when its operands and result have one float element type and its n is static (NR, a
power of two up to two vector registers, divides it). The sizes functions (`register_matmul_sizes`,
`register_batch_matmul_sizes`) are the `STRATEGIES` entries of cpu_schedule.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir
from mlir.dialects import arith

from ..conversion import build
from ..dialect.types import FLOAT_TYPES
from ..passes import register_pass
from ..transforms.statistics import count
from .machine import Machine, host, matmul_tiles

STRATEGY = "tg.strategy"
STRATEGIES = {"linalg.matmul": "register_matmul", "linalg.batch_matmul": "register_batch_matmul"}


def _shapes(op: ir.Operation) -> list[ir.RankedTensorType]:
    return [ir.RankedTensorType(v.type) for v in list(op.operands)[:3]]


def taggable(op: ir.Operation) -> bool:
    """A matmul or batch matmul of one float type throughout, with a static n."""
    if op.name not in STRATEGIES or STRATEGY in op.attributes or len(op.results) != 1:
        return False
    types = _shapes(op)
    if len({str(t.element_type) for t in types}) != 1 or str(types[0].element_type) not in FLOAT_TYPES:
        return False
    return not types[2].is_dynamic_dim(types[2].rank - 1)


def contractable(op: ir.Operation) -> ir.Operation:
    """Replace a matmul or batch matmul by the same product as a tagged `linalg.generic` whose multiply
    and add may contract into one FMA (as in every BLAS; the vectorized step is a broadcast, a multiply
    and an add, which LLVM fuses only with that flag)."""
    batch = op.name == "linalg.batch_matmul"
    rank = 3 + batch
    b = [0] if batch else []
    m, n, k = (d + batch for d in range(3))
    maps = [build.projection_map(rank, b + [m, k]), build.projection_map(rank, b + [k, n]), build.projection_map(rank, b + [m, n])]
    iterators = ["parallel"] * (rank - 1) + ["reduction"]
    contract = ir.Attribute.parse("#arith.fastmath<contract>")

    def body(x, y, acc):
        return arith.addf(acc, arith.mulf(x, y, fastmath=contract), fastmath=contract)

    lhs, rhs, init = list(op.operands)[:3]
    with ir.InsertionPoint(op), op.location:
        product = build.generic([lhs, rhs], init, maps, iterators, body)
    product.owner.attributes[STRATEGY] = ir.StringAttr.get(STRATEGIES[op.name])
    op.results[0].replace_all_uses_with(product)
    op.erase()
    return product.owner


def panel_width(machine: Machine, n: int, element_bytes: int) -> int:
    """NR: the widest power of two up to two vector registers that divides n."""
    nr = 2 * machine.lanes(element_bytes)
    while n % nr:
        nr //= 2
    return nr


def _rows(m: int | None, limit: int) -> int:
    """MR: m when it fits in `limit`, else its largest divisor up to `limit` when that is at least
    half of it (no remainder rows), else `limit` (the schedule peels the remainder)."""
    if m is not None and m <= limit:
        return m
    if m is not None:
        divisor = max(d for d in range(1, limit + 1) if m % d == 0)
        if 2 * divisor >= limit:
            return divisor
    return limit


def _tiles(m: int | None, n: int, k: int | None, element_bytes: int, threads: int) -> tuple[int, int, int, int]:
    """(Mb, Kb, NR, MR) for an m x n x k product: NR divides n, MR rows of ceil(NR / lanes)
    accumulators each take at most two thirds of the vector registers, Kb and Mb as the packed
    kernel's (machine.matmul_tiles)."""
    machine = host()
    nr = panel_width(machine, n, element_bytes)
    registers = -(-nr // machine.lanes(element_bytes))
    mr = _rows(m, max(1, machine.vector_registers * 2 // 3 // registers))
    tiles = matmul_tiles(machine, m, n, k or 1 << 20, element_bytes, threads)
    kb = tiles.kb if k is None or tiles.kb < k else k
    return max(mr, tiles.mb // mr * mr), kb, nr, mr


def register_matmul_sizes(op: ir.Operation, threads: int) -> list[int]:
    """[Mb, Kb, NR, MR] of a tagged linalg.matmul (A [M, K], B [K, N]) run on `threads` cores."""
    a, b, _ = _shapes(op)
    element_bytes = build.element_bytes(b.element_type)
    return list(_tiles(build.static_dim(a, 0), b.get_dim_size(1), build.static_dim(a, 1), element_bytes, threads))


def register_batch_matmul_sizes(op: ir.Operation, threads: int) -> list[int]:
    """[Bb, Kb, NR, MR] of a tagged linalg.batch_matmul (A [B, M, K], B [B, K, N]): Bb matrices a block
    of the scf.forall, so that `threads` cores share the batch."""
    a, b, _ = _shapes(op)
    element_bytes = build.element_bytes(b.element_type)
    _, kb, nr, mr = _tiles(build.static_dim(a, 1), b.get_dim_size(2), build.static_dim(a, 2), element_bytes, 1)
    batch = build.static_dim(a, 0)
    bb = 1 if batch is None else -(-batch // max(threads, 1))
    return [bb, kb, nr, mr]


@register_pass("tg-register-matmuls")
@dataclass
class RegisterMatmuls:
    """Tag the matmuls and batch matmuls of computed operands for the register-tiled kernel
    (passes/register_matmul.mlir)."""

    def run(self, module: ir.Operation) -> None:
        tagged = build.ops_where(module, taggable)
        for op in tagged:
            contractable(op)
        count("tg-register-matmuls", "matmuls tagged", len(tagged))
