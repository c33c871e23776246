"""How the bench times a call and checks an output, the same way for tgraph, onnxruntime and NumPy.

Timing: a first call (which is also the one whose output is checked), then warm-up calls, then timed
calls; the report is the median and the minimum of the timed calls. A slow engine gets fewer calls:
the timed calls together take about `max_seconds` at most, and at least one is made; a first call
that alone took `max_seconds` or more is the only one (at that length, a cold start is noise). The
timed calls of a case's engines are made in turns (worker.py).

Checking: an output passes when `max |output - reference| <= tolerance * max |reference|`, the error
relative to the scale of the reference output (a plain relative error is meaningless where the
reference is near 0, and a network's logits can be in the hundreds).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

#: Default tolerance of the check, relative to the reference output's largest magnitude. f32 results
#: computed in another order (tiled, packed, with fused multiply-adds) differ by ~1e-6 of the scale.
TOLERANCE = 1e-4


@dataclass(frozen=True)
class Timing:
    """Seconds per call of the timed calls."""

    seconds: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def min(self) -> float:
        return min(self.seconds)

    def as_json(self) -> dict:
        return {"median_ms": self.median * 1e3, "min_ms": self.min * 1e3, "runs": len(self.seconds)}


def planned_calls(first_call: float, runs: int, warmup: int, max_seconds: float) -> tuple[int, int]:
    """(warm-up calls, timed calls) for an engine whose first call took `first_call` seconds: `runs`
    timed calls and `warmup` before them when they fit in `max_seconds`, fewer otherwise; (0, 0) when
    the first call took `max_seconds` or more: it is then the only sample."""
    affordable = int(max_seconds / max(first_call, 1e-9))
    timed = min(runs, affordable)
    return min(warmup, max(0, affordable - timed)), timed


def time_calls(call: Callable[[], object], runs: int, warmup: int) -> Timing:
    """Time `runs` calls of `call` after `warmup` untimed ones (as CompiledFunction.time does)."""
    for _ in range(warmup):
        call()
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - start)
    return Timing(tuple(seconds))


def first_call(call: Callable[[], list[np.ndarray]]) -> tuple[list[np.ndarray], float]:
    """The outputs of one call and the seconds it took."""
    start = time.perf_counter()
    outputs = call()
    return outputs, time.perf_counter() - start


def relative_error(outputs: list[np.ndarray], references: list[np.ndarray]) -> float:
    """The largest `max |output - reference| / max |reference|` over the outputs; infinite when the
    number of outputs, a shape, or a NaN position differs."""
    if len(outputs) != len(references):
        return float("inf")
    worst = 0.0
    for output, reference in zip(outputs, references):
        output, reference = np.asarray(output, np.float64), np.asarray(reference, np.float64)
        if output.shape != reference.shape or not np.array_equal(np.isnan(output), np.isnan(reference)):
            return float("inf")
        if output.size == 0:
            continue
        difference = np.abs(np.nan_to_num(output - reference, nan=0.0)).max()
        scale = np.abs(np.nan_to_num(reference, nan=0.0)).max()
        if scale > 0:
            worst = max(worst, float(difference / scale))
        elif difference > 0:
            return float("inf")
    return worst
