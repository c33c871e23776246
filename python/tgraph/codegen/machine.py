"""The CPU the code is generated for: vector width, registers, caches and cores, read from the host
(/proc/cpuinfo and /sys), which is what the JIT compiles for. Tile sizes are derived from these numbers,
not tuned to one benchmark (see `matmul_tiles`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Machine:
    """What tile sizes are derived from: the SIMD width and register count, the per-core data caches,
    and the cores."""

    vector_bits: int  # SIMD register width
    vector_registers: int
    l1_bytes: int  # data cache per core
    l2_bytes: int
    cores: int

    def lanes(self, element_bytes: int = 4) -> int:
        """Elements of `element_bytes` in one vector register."""
        return self.vector_bits // 8 // element_bytes


#: Multiply-adds below which a kernel runs on one thread. An OpenMP parallel region costs about 5 us
#: here (runtime/openmp.py), what ~0.3 million multiply-adds take; 4 million (about 80 us on one
#: core) leaves a margin for the imbalance of the last block. Chosen from that cost, not tuned.
MIN_PARALLEL_MACS = 4_000_000

#: Bytes of operands and result from which a kernel shares its blocks anyway: depthwise
#: convolutions, pools and batch-1 matmuls do few multiply-adds a byte, and two cores stream more
#: than one (NumPy's copy: 11 GB/s on one, 24-29 on two). Chosen, not tuned.
MIN_PARALLEL_BYTES = 512 << 10


@dataclass(frozen=True)
class MatmulTiles:
    """How a matmul is blocked: MR x NR register tile (MR rows of A times NR columns of B, the
    accumulators stay in registers across k), Kb the k-block whose NR-wide B panel stays in L1, Mb the
    rows of A (Mb x Kb) that stay in L2 while the panel is reused, Nb the NR-wide panels of B per
    block (0: all of them). Threads share the Mb x Nb blocks."""

    mr: int
    nr: int
    kb: int
    mb: int
    nb: int

    @property
    def splits_columns(self) -> bool:
        """Whether threads share the columns (blocks of B's panels) rather than the rows."""
        return self.nb > 0


@lru_cache(maxsize=None)
def host() -> Machine:
    """The machine this process runs on."""
    flags = _cpu_flags()
    vector_bits = 512 if "avx512f" in flags else 256 if "avx2" in flags else 128
    return Machine(
        vector_bits=vector_bits,
        vector_registers=32 if vector_bits == 512 else 16,
        l1_bytes=_cache_bytes(1, "Data") or 32 * 1024,
        l2_bytes=_cache_bytes(2, "Unified") or 1024 * 1024,
        cores=os.cpu_count() or 1,
    )


def _cpu_flags() -> set[str]:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def _cache_bytes(level: int, kind: str) -> int | None:
    root = Path("/sys/devices/system/cpu/cpu0/cache")
    for index in sorted(root.glob("index*")):
        try:
            if int((index / "level").read_text()) == level and (index / "type").read_text().strip() == kind:
                size = (index / "size").read_text().strip()
                return int(size[:-1]) * 1024 if size.endswith("K") else int(size[:-1]) * 1024 * 1024 if size.endswith("M") else int(size)
        except (OSError, ValueError):
            continue
    return None


def largest_divisor(n: int, limit: int) -> int:
    """The largest divisor of n that is at most limit."""
    return max(d for d in range(1, min(n, limit) + 1) if n % d == 0)


def rows_per_tile(m: int | None, limit: int) -> int:
    """A row count for tiles of at most `limit` rows: m itself when it fits, else a divisor of m when
    one is at least half the limit (no remainder tile), else the limit (the schedule peels the rest)."""
    if m is not None and m <= limit:
        return m
    if m is not None and 2 * largest_divisor(m, limit) >= limit:
        return largest_divisor(m, limit)
    return limit


def matmul_tiles(machine: Machine, m: int | None, n: int, k: int, element_bytes: int = 4, threads: int = 1) -> MatmulTiles:
    """Register and cache blocking for an m x n x k matmul (m None when dynamic).

    - NR: two vector registers wide (one when n is narrower), so each k step loads two B vectors;
    - MR: rows whose accumulators (MR * NR / lanes registers) take at most two thirds of the
      registers, the rest holding the broadcasts of A and the loads of B; a divisor of m if a
      large enough one exists (see `rows_per_tile`);
    - Kb: the largest power of two for which the Kb x NR panel of B takes at most two thirds of L1,
      where it stays while every MR-row tile of the block reuses it;
    - Mb: a multiple of MR with the Mb x Kb block of A in an eighth of L2 (the rest holds the B
      panels streaming through and the block of C);
    - threads share the blocks: blocks of rows (at least `threads` when m allows it), unless B is
      larger than A (n > m: a few rows times many weights, as in the last layers of a CNN or an MLP
      at small batch). Each thread then reads its own Nb panels of B and all of A, instead of all of
      B for its rows: split by rows, two threads would each stream every weight from memory.
    """
    lanes = machine.lanes(element_bytes)
    nr = 2 * lanes if n >= 2 * lanes else lanes
    accumulators = machine.vector_registers * 2 // 3
    mr = rows_per_tile(m, max(1, accumulators // (nr // lanes)))
    kb = 1
    while kb * 2 * nr * element_bytes <= machine.l1_bytes * 2 // 3 and kb * 2 <= k:
        kb *= 2
    if kb * 2 > k:
        kb = k
    mb_limit = max(mr, machine.l2_bytes // 8 // (kb * element_bytes) // mr * mr)
    panels = n // nr
    split_columns = threads > 1 and m is not None and n > m and panels >= threads
    if m is not None and threads > 1 and not split_columns:
        mb_limit = min(mb_limit, max(mr, -(-m // threads)))
    mb = mr * rows_per_tile(None if m is None else m // mr, max(1, mb_limit // mr))
    nb = -(-panels // threads) if split_columns else 0
    return MatmulTiles(mr=mr, nr=nr, kb=kb, mb=mb, nb=nb)


@dataclass(frozen=True)
class ConvTiles:
    """How a direct convolution is blocked: an OW x F tile of the output (OW output columns times F
    filters) in registers across the kh, kw and c loops, C channels per step (1: each step is one
    outer product, whose F filter values are the only vectors it loads)."""

    ow: int
    f: int
    c: int
    cb: int  # channels per block: the KH x KW x Cb x F slice of the filter stays in L1


def conv_tiles(machine: Machine, width: int, filters: int, channels: int, window: int = 9, element_bytes: int = 4) -> ConvTiles | None:
    """Register tile of a direct convolution whose output rows are `width` wide, with `filters`
    filters and `channels` input channels (all static). Every size divides its dim (the tiles must be
    static to vectorize); among the F widths of one to four vectors (or half a vector) that divide
    `filters`, the one whose OW x F tile fills the most accumulators (at most two thirds of the
    registers) wins, the wider F on a tie (fewer broadcasts per FMA). Cb: the largest divisor of
    `channels` whose slice of the filter (`window` = KH * KW positions) takes at most two thirds of L1,
    at least 16 channels. None when no F divides."""
    lanes = machine.lanes(element_bytes)
    accumulators = machine.vector_registers * 2 // 3
    best = None
    for f in (4 * lanes, 2 * lanes, lanes, lanes // 2):
        if f < 1 or filters % f:
            continue
        ow = largest_divisor(width, max(1, accumulators * lanes // f))
        if best is None or ow * f > best.ow * best.f:
            cb = largest_divisor(channels, max(16, machine.l1_bytes * 2 // 3 // (window * f * element_bytes)))
            best = ConvTiles(ow=ow, f=f, c=1, cb=cb)
    return best


def filter_blocks(filters: int, f_tile: int, filter_bytes: int, image_bytes: int, threads: int) -> int:
    """Filters per block when threads share a convolution's filters rather than its rows, else 0. They
    do when the filter outweighs the input image (deep layers: a 3x3 x 512 x 512 filter is 9.4 MB,
    its 7 x 7 x 512 image 100 KB): split by rows, every thread would stream the whole filter, and
    a few rows split unevenly (7 as 4 and 3). The blocks are `filters / threads`, when that is a whole
    number of register tiles (f_tile)."""
    if threads <= 1 or filter_bytes <= image_bytes or filters % threads:
        return 0
    block = filters // threads
    return block if block % f_tile == 0 else 0


def window_tiles(machine: Machine, width: int, channels: int, element_bytes: int = 4) -> tuple[int, int] | None:
    """(OW, C) register tile of a depthwise convolution or pool whose output rows are `width` wide,
    with `channels` channels (both static): C one vector (or the widest power of two below that
    divides `channels`), OW the largest divisor of `width` up to a quarter of the registers, since a
    step also holds the OW + KW - 1 input vectors (twice that when strided) and KW filter vectors.
    None when no C divides."""
    lanes = machine.lanes(element_bytes)
    c = lanes
    while c > 1 and channels % c:
        c //= 2
    if channels % c or c < 4:
        return None
    return largest_divisor(width, machine.vector_registers // 4), c
