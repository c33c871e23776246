"""Runs benchmark cases at one thread count, in a process of its own; bench/run.py starts it.

    OPENBLAS_NUM_THREADS=N python bench/worker.py --threads N --results-fd FD [options] CASE...

For each case: onnxruntime first (its outputs are the reference), then tgraph (compiled with
`threads=N`, checked against the reference, timed only if it passes), then the NumPy expression
(checked the same way). Every step is reported at once as one JSON line on file descriptor FD, so
that run.py keeps what was measured when a case crashes the process or runs past its time limit.
The thread count of NumPy's BLAS is fixed when it loads, hence one process per thread count.
"""

from __future__ import annotations

import argparse
import ctypes
import glob
import json
import os
import sys
import time
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


def run_engine(report: Reporter, case: str, engine: str, start, reference, options) -> list[np.ndarray] | None:
    """Start an engine (`start()` gives its call, timer and facts such as the compile time), check its
    first call against `reference` (when there is one), and time it if it passed. Reports the result;
    returns the first call's outputs, or None if the engine raised."""
    extra = {}
    try:
        call, timer, extra = start()
        outputs, seconds = first_call(call)
        error = None if reference is None else relative_error(outputs, reference)
        if error is not None and not error <= options.tolerance:
            report("engine", case=case, engine=engine, status="FAILED", error=error, **extra)
            return outputs
        warmup, runs = planned_calls(seconds, options.runs, options.warmup, options.max_seconds)
        timing = timer(outputs, runs, warmup) if runs else Timing((seconds,))
    except Exception as e:  # any engine may refuse a model or fail while running it: report, go on
        report("engine", case=case, engine=engine, status="ERROR", message=f"{type(e).__name__}: {e}".strip()[:2000], **extra)
        return None
    status = "ok" if reference is not None or engine == REFERENCE else "unchecked"
    report("engine", case=case, engine=engine, status=status, error=error, **timing.as_json(), **extra)
    return outputs


def run_case(report: Reporter, case: catalogue.Case, options) -> None:
    report("start", case=case.name)
    built = case.build()
    rate = case.rate(built)
    report("built", case=case.name, work=rate and rate[0], unit=rate and rate[1])
    inputs = case.inputs(built, options.seed)
    names = [value.name for value in built.model.graph.input]
    reference = run_engine(report, case.name, REFERENCE, lambda: onnxruntime_engine(built.model, names, inputs, options.threads), None, options)
    run_engine(report, case.name, "tgraph", lambda: tgraph_engine(case, built.model, inputs, options.threads), reference, options)
    if case.numpy is not None:
        weights = [numpy_helper.to_array(t) for t in built.model.graph.initializer]
        run_engine(report, case.name, "numpy", lambda: numpy_engine(case.numpy, inputs, weights, options.threads), reference, options)
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
