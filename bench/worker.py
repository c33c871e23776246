"""Runs benchmark cases at one thread count, in a process of its own; bench/run.py starts it.

    OPENBLAS_NUM_THREADS=N python bench/worker.py --threads N --results-fd FD [options] CASE...

For each case: onnxruntime first (its outputs are the reference), then tgraph (compiled with
`threads=N`, checked against the reference, timed only if it passes), then the NumPy expression
(checked the same way). The engines that passed are then timed in turns: ROUNDS rounds, each engine
making its share of its timed calls in every round, so that a ratio compares calls made within
seconds of each other (this host's speed drifts by tens of percent over minutes). Every result is
reported as one JSON line on file descriptor FD, so that run.py keeps what was measured when a case
crashes the process or runs past its time limit. The thread count of NumPy's BLAS is fixed when it
loads, hence one process per thread count.
"""

from __future__ import annotations

import argparse
import ctypes
import glob
import json
import math
import os
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
import onnx
from onnx import numpy_helper

import cases as catalogue
import numpy_baselines
from measure import TOLERANCE, Timing, first_call, planned_calls, relative_error, time_calls

#: The engine whose outputs the others are checked against.
REFERENCE = "onnxruntime"
#: (outputs of the first call, runs, warm-up calls) -> timing
Timer = Callable[[list[np.ndarray], int, int], Timing]
#: How many turns the engines of a case take at making their timed calls.
ROUNDS = 5
#: Seconds a turn waits, on several threads, before its untimed first call and its timed calls. The
#: thread pools of the engine before it (OpenMP's, onnxruntime's, OpenBLAS's) spin after their last
#: call, and their spinning threads slow the next engine's threaded calls: on 2 cores, with turns 20 ms
#: apart, NumPy's 1024^3 matmul took a median 32 ms instead of 11, tgraph's MobileNet v2 10 ms
#: instead of 5.3. With 0.2 s both were back to their usual times.
PAUSE = 0.2
#: Seconds of untimed calls that follow the pause, before a turn's timed calls. After 0.2 s idle, a
#: vCPU of this host runs the next tens of milliseconds of two-thread calls slowly: tgraph's MLP at
#: batch 1 took a median 0.73 ms a call after one untimed call, 0.20 ms after 20 ms of them (warm
#: and back to back: 0.19); onnxruntime's 0.32 and 0.24.
WAKE = 0.05


class Reporter:
    """Writes the worker's events as JSON lines to the file descriptor run.py reads."""

    def __init__(self, fd: int):
        self.stream = os.fdopen(fd, "w", buffering=1)

    def __call__(self, event: str, **fields) -> None:
        self.stream.write(json.dumps({"event": event, **fields}) + "\n")


def openblas_config() -> dict:
    """NumPy's OpenBLAS as it runs in this process: its build, the CPU kernel it chose and its threads
    (read from the library itself: threadpoolctl is not installed)."""
    found = glob.glob(os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs", "*openblas*"))
    if not found:
        return {"blas": "unknown (no OpenBLAS in numpy.libs)"}
    library = ctypes.CDLL(found[0])
    config = {}
    for key, stem, restype in (("blas", "get_config", ctypes.c_char_p), ("core", "get_corename", ctypes.c_char_p), ("threads", "get_num_threads", ctypes.c_int)):
        for symbol in (f"scipy_openblas_{stem}64_", f"openblas_{stem}64_", f"openblas_{stem}"):
            if hasattr(library, symbol):
                function = getattr(library, symbol)
                function.restype = restype
                value = function()
                config[key] = value.decode() if isinstance(value, bytes) else value
                break
    return config


def environment(threads: int) -> dict:
    import onnxruntime

    import tgraph

    return {
        "threads": threads,
        "numpy": np.__version__,
        "openblas": openblas_config(),
        "onnxruntime": onnxruntime.__version__,
        "tgraph": tgraph.__version__,
        "onnx": onnx.__version__,
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
        "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE"),
    }


def onnxruntime_engine(model: onnx.ModelProto, names: list[str], inputs: list[np.ndarray], threads: int):
    """A session with `threads` intra-op threads, one inter-op thread and every graph optimization;
    timed through an IO binding with the outputs preallocated, as tgraph's are."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = onnxruntime.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    feeds = dict(zip(names, inputs))

    def timer(outputs: list[np.ndarray], runs: int, warmup: int) -> Timing:
        binding = session.io_binding()
        for name, array in feeds.items():
            binding.bind_cpu_input(name, array)
        for info, array in zip(session.get_outputs(), outputs):
            binding.bind_output(info.name, "cpu", 0, array.dtype, list(array.shape), array.ctypes.data)
        return time_calls(lambda: session.run_with_iobinding(binding), runs, warmup)

    return (lambda: session.run(None, feeds)), timer, {}


def tgraph_engine(case: catalogue.Case, model: onnx.ModelProto, inputs: list[np.ndarray], threads: int):
    import tgraph

    started = time.perf_counter()
    function = tgraph.compile(model, bind=case.bind, threads=threads)
    compile_seconds = time.perf_counter() - started

    def call():
        outputs = function(*inputs)
        return list(outputs) if isinstance(outputs, tuple) else [outputs]

    def timer(outputs, runs: int, warmup: int) -> Timing:
        return Timing(tuple(function.time(inputs, runs, warmup)))

    return call, timer, {"compile_s": compile_seconds}


def numpy_engine(expression: numpy_baselines.Expression, inputs, weights, threads: int):
    step = expression(inputs, weights, threads)
    return step, (lambda outputs, runs, warmup: time_calls(step, runs, warmup)), {}


@dataclass
class Started:
    """An engine whose first call passed the check: what timing it still needs."""

    engine: str
    timer: Timer
    outputs: list[np.ndarray]
    first_call: float
    error: float | None
    extra: dict
    warmup: int
    runs: int


def start_engine(report: Reporter, case: str, engine: str, start, reference, options) -> tuple[list[np.ndarray] | None, Started | None]:
    """Start an engine (`start()` gives its call, timer and facts such as the compile time) and check
    its first call against `reference` (when there is one). Reports a failure at once; returns the
    first call's outputs (None if the engine raised) and, when it passed, what timing it needs."""
    extra = {}
    try:
        call, timer, extra = start()
        outputs, seconds = first_call(call)
    except Exception as e:  # any engine may refuse a model or fail while running it: report, go on
        report("engine", case=case, engine=engine, status="ERROR", message=f"{type(e).__name__}: {e}".strip()[:2000], **extra)
        return None, None
    error = None if reference is None else relative_error(outputs, reference)
    if error is not None and not error <= options.tolerance:
        report("engine", case=case, engine=engine, status="FAILED", error=error, **extra)
        return outputs, None
    return outputs, Started(engine, timer, outputs, seconds, error, extra, *planned_calls(seconds, options.runs, options.warmup, options.max_seconds))


def time_in_turns(report: Reporter, case: str, engines: list[Started], pause: float = 0.0) -> None:
    """Warm every engine up, then make their timed calls in ROUNDS rounds, each engine its share in
    each, after one untimed call, or after `pause` seconds and WAKE seconds of untimed calls when
    `pause` is given (a turn with no timed call is skipped, so a slow engine makes about ROUNDS more
    calls than planned at most); report each engine's timing (the first call alone when no timed
    call fits)."""
    seconds: dict[str, list[float]] = {started.engine: [] for started in engines}
    failed = set()
    for turn in range(-1, ROUNDS):
        for started in engines:
            warmup = started.warmup if turn < 0 else turn_warmup(started, seconds[started.engine], pause)
            runs = 0 if turn < 0 else started.runs * (turn + 1) // ROUNDS - started.runs * turn // ROUNDS
            if started.engine in failed or not started.runs or (turn >= 0 and not runs):
                continue
            if turn >= 0 and pause:
                time.sleep(pause)
            try:
                seconds[started.engine] += started.timer(started.outputs, runs, warmup).seconds
            except Exception as e:  # an engine that fails while timed is reported, the others go on
                failed.add(started.engine)
                report("engine", case=case, engine=started.engine, status="ERROR", message=f"{type(e).__name__}: {e}".strip()[:2000], **started.extra)
    for started in engines:
        if started.engine in failed:
            continue
        timing = Timing(tuple(seconds[started.engine])) if started.runs else Timing((started.first_call,))
        status = "ok" if started.error is not None or started.engine == REFERENCE else "unchecked"
        report("engine", case=case, engine=started.engine, status=status, error=started.error, **timing.as_json(), **started.extra)


def turn_warmup(started: Started, timed: list[float], pause: float) -> int:
    """Untimed calls that start a turn: one, or as many as fill WAKE seconds after a pause (at the
    median of the timed calls so far, else at the first call's time)."""
    if not pause:
        return 1
    call = statistics.median(timed) if timed else started.first_call
    return max(1, math.ceil(WAKE / max(call, 1e-6)))


def run_case(report: Reporter, case: catalogue.Case, options) -> None:
    report("start", case=case.name)
    built = case.build()
    rate = case.rate(built)
    report("built", case=case.name, work=rate and rate[0], unit=rate and rate[1])
    inputs = case.inputs(built, options.seed)
    names = [value.name for value in built.model.graph.input]
    reference, started = start_engine(report, case.name, REFERENCE, lambda: onnxruntime_engine(built.model, names, inputs, options.threads), None, options)
    engines = [started]
    engines.append(start_engine(report, case.name, "tgraph", lambda: tgraph_engine(case, built.model, inputs, options.threads), reference, options)[1])
    if case.numpy is not None:
        weights = [numpy_helper.to_array(t) for t in built.model.graph.initializer]
        engines.append(start_engine(report, case.name, "numpy", lambda: numpy_engine(case.numpy, inputs, weights, options.threads), reference, options)[1])
    time_in_turns(report, case.name, [e for e in engines if e is not None], PAUSE if options.threads > 1 else 0.0)
    report("end", case=case.name)


def parse_arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="+", help="case names, in the order to run them")
    parser.add_argument("--results-fd", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--quick", action="store_true", help="the cases are from the quick set")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--max-seconds", type=float, default=10.0)
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    options = parse_arguments(argv)
    report = Reporter(options.results_fd)
    report("environment", **environment(options.threads))
    by_name = {case.name: case for case in (catalogue.quick() if options.quick else catalogue.full())}
    for name in options.cases:
        run_case(report, by_name[name], options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
