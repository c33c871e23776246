"""A machine as the roofline model sees it: a peak arithmetic rate and a memory bandwidth.

An op that performs `flops` operations and moves `bytes` takes at least `flops / peak` (compute) and at
least `bytes / bandwidth` (memory); the roofline estimate is the larger of the two, and the op is
bound by whichever it is. `tg-run --measure-machine` measures both on this machine (`measure`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Machine:
    """`peak_gflops` in 10^9 operations a second, `bandwidth_gbs` in 10^9 bytes a second. The defaults
    are one core of a recent x86 CPU running tgraph's code; measure yours with `tg-run --measure-machine`."""

    peak_gflops: float = 50.0
    bandwidth_gbs: float = 20.0

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

    @property
    def ridge(self) -> float:
        """The arithmetic intensity (operations a byte) above which an op is compute-bound."""
        return self.peak_gflops / self.bandwidth_gbs

    def __str__(self) -> str:
        return f"{self.peak_gflops:g} GFLOP/s, {self.bandwidth_gbs:g} GB/s"
