"""A machine as the roofline model sees it: a peak arithmetic rate and a memory bandwidth.

An op that performs `flops` operations and moves `bytes` takes at least `flops / peak` (compute) and at
least `bytes / bandwidth` (memory); the roofline estimate is the larger of the two, and the op is
bound by whichever it is. `tg-run --measure-machine` measures both on this machine (`measure`), with
kernels tgraph compiles itself: a fused multiply-add chain in cache, a matmul and a streaming add.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Machine:
    """`peak_gflops` in 10^9 operations a second, `bandwidth_gbs` in 10^9 bytes a second. The defaults
    are what tgraph's code reached on one core of the Zen 5 it was developed on (rounded); measure
    yours with `tg-run --measure-machine`."""

    peak_gflops: float = 40.0
    bandwidth_gbs: float = 15.0

    def compute_time(self, flops) -> float:
        return float(flops) / (self.peak_gflops * 1e9)

    def memory_time(self, bytes_) -> float:
        return float(bytes_) / (self.bandwidth_gbs * 1e9)

    def time(self, flops, bytes_) -> float:
        """The roofline estimate in seconds."""
        return max(self.compute_time(flops), self.memory_time(bytes_))

    def bound(self, flops, bytes_) -> str:
        """"compute" or "memory": which limit the roofline estimate comes from."""
        return "compute" if self.compute_time(flops) >= self.memory_time(bytes_) and flops else "memory"

    @staticmethod
    def parse(text: str) -> Machine:
        """`"38.8,13.8"` (GFLOP/s, GB/s) as a machine; the defaults for an empty text; ValueError else."""
        if not text:
            return Machine()
        try:
            peak, bandwidth = (float(part) for part in text.split(","))
        except ValueError:
            raise ValueError(f"'{text}' is not GFLOPS,GBS (two positive numbers, like 38.8,13.8)") from None
        if peak <= 0 or bandwidth <= 0:
            raise ValueError(f"'{text}': the peak and the bandwidth must be positive")
        return Machine(peak, bandwidth)

    @property
    def ridge(self) -> float:
        """The arithmetic intensity (operations a byte) above which an op is compute-bound."""
        return self.peak_gflops / self.bandwidth_gbs

    def __str__(self) -> str:
        return f"{self.peak_gflops:g} GFLOP/s, {self.bandwidth_gbs:g} GB/s"


# --- measuring this machine --------------------------------------------------------------------------

#: Elements of the arithmetic kernel's vector (256 KiB of f32: in cache) and its multiply/add pairs:
#: 16 ops, as many as one fusion group holds, so that every element stays in registers throughout.
ARITHMETIC_ELEMENTS, ARITHMETIC_PAIRS = 1 << 16, 8
#: The matmul's size: large enough to run for milliseconds, small enough to stay in cache.
MATMUL_SIZE = 512
#: Elements of each array the streaming add reads or writes (64 MiB of f32: far beyond any cache).
STREAM_ELEMENTS = 1 << 24


@dataclass(frozen=True)
class Measurement:
    """Rates tgraph's compiled code reaches on this machine, one thread: arithmetic on data in cache
    (a fused chain of multiplies and adds), a `tg.matmul`, and the bandwidth of a streaming `tg.add`."""

    arithmetic_gflops: float
    matmul_gflops: float
    bandwidth_gbs: float

    @property
    def machine(self) -> Machine:
        """The roofline machine: the arithmetic rate as its peak (what an op could reach), the
        streaming bandwidth as its bandwidth."""
        return Machine(round(self.arithmetic_gflops, 1), round(self.bandwidth_gbs, 1))

    def __str__(self) -> str:
        machine = self.machine
        return "\n".join([
            "tgraph's compiled code on this machine (one thread, best of repeated runs):",
            f"  arithmetic {self.arithmetic_gflops:8.1f} GFLOP/s  ({ARITHMETIC_PAIRS} fused multiply-add pairs on each of {ARITHMETIC_ELEMENTS} f32 in cache)",
            f"  matmul     {self.matmul_gflops:8.1f} GFLOP/s  ({MATMUL_SIZE}x{MATMUL_SIZE}x{MATMUL_SIZE} f32 tg.matmul)",
            f"  bandwidth  {self.bandwidth_gbs:8.1f} GB/s     (tg.add of two {STREAM_ELEMENTS} f32 vectors: 3 x {STREAM_ELEMENTS * 4 >> 20} MiB moved)",
            f'use: --tg-cost="peak-gflops={machine.peak_gflops:g} bandwidth-gbs={machine.bandwidth_gbs:g}"'
            f" or tg-run --profile={machine.peak_gflops:g},{machine.bandwidth_gbs:g}",
        ]) + "\n"  # fmt: skip


def measure(seconds: float = 0.2) -> Measurement:
    """Compile the three kernels with `tgraph.compile` and time each for about `seconds` (its best run)."""
    from ..runtime import compile  # the JIT loads only when measuring

    rng = np.random.default_rng(0)
    n = ARITHMETIC_ELEMENTS
    vector = rng.random(n, dtype=np.float32)
    arithmetic = best_time(compile(_multiply_add_chain(n, ARITHMETIC_PAIRS)), [vector], seconds)
    m = MATMUL_SIZE
    square = rng.random((m, m), dtype=np.float32)
    matmul = best_time(compile(_binary("tg.matmul", f"{m}x{m}")), [square, square], seconds)
    stream = rng.random(STREAM_ELEMENTS, dtype=np.float32)
    add = best_time(compile(_binary("tg.add", str(STREAM_ELEMENTS))), [stream, stream], seconds)
    return Measurement(2 * ARITHMETIC_PAIRS * n / arithmetic / 1e9, 2 * m**3 / matmul / 1e9, 3 * 4 * STREAM_ELEMENTS / add / 1e9)


def _multiply_add_chain(n: int, pairs: int) -> str:
    lines = [
        f"func.func @multiply_add(%x: tensor<{n}xf32>) -> tensor<{n}xf32> {{",
        "  %a = arith.constant dense<0.999> : tensor<f32>",
        "  %b = arith.constant dense<0.001> : tensor<f32>",
    ]
    value, vector = "%x", f"tensor<{n}xf32>"
    for i in range(pairs):
        lines.append(f'  %m{i} = "tg.mul"({value}, %a) : ({vector}, tensor<f32>) -> {vector}')
        lines.append(f'  %s{i} = "tg.add"(%m{i}, %b) : ({vector}, tensor<f32>) -> {vector}')
        value = f"%s{i}"
    return "\n".join(lines + [f"  return {value} : {vector}", "}"])


def _binary(op: str, dims: str) -> str:
    t = f"tensor<{dims}xf32>"
    return f'func.func @kernel(%a: {t}, %b: {t}) -> {t} {{\n  %0 = "{op}"(%a, %b) : ({t}, {t}) -> {t}\n  return %0 : {t}\n}}'


def best_time(function, inputs: list, seconds: float) -> float:
    """The fastest of repeated runs (at least three) within about `seconds`, after a warm-up run."""
    outputs = [np.empty(t.shape, t.np_dtype) for t in function.output_types_for(inputs)]
    function.run(inputs, outputs)
    best, spent, runs = float("inf"), 0.0, 0
    while runs < 3 or spent < seconds:
        start = time.perf_counter()
        function.run(inputs, outputs)
        elapsed = time.perf_counter() - start
        best, spent, runs = min(best, elapsed), spent + elapsed, runs + 1
    return best
