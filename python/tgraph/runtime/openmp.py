"""The OpenMP runtime multi-threaded code runs on: libiomp5, from the intel-openmp wheel.

Code compiled with threads > 1 runs each parallel loop as an OpenMP parallel region
(`__kmpc_fork_call`, LLVM's OpenMP lowering). The runtime keeps its threads spinning for
`KMP_BLOCKTIME` after a region, so the next one costs a few microseconds where MLIR's async runtime,
which woke a sleeping worker per task, took about 70 (MobileNet v2 opens many regions a call:
with threads that sleep at once, 32 ms and 230 context switches a call; with spinning ones, 9-11 ms). tgraph makes the blocktime 1 ms
unless the environment sets it: long enough for the gaps between a model's kernels, short enough
that, once a call has returned, its threads stop taking the cores from other work (the runtime's
200 ms default starved NumPy's BLAS threads in the same process to 8 ms a call). A region returns
once every thread has left it, so compiled code can be freed as soon as a call returns.

The library is loaded once, with RTLD_GLOBAL, so that JIT-compiled code resolves the `__kmpc_*`
symbols in the process; shared libraries made by tg-compile link it.
"""

from __future__ import annotations

import ctypes
import functools
import importlib.metadata
import os
from pathlib import Path

from ..diagnostics import CompileError

LIBRARY = "libiomp5.so"
DISTRIBUTION = "intel-openmp"


@functools.cache
def library_path() -> Path:
    """Where the intel-openmp wheel installed libiomp5 (the environment's lib/)."""
    try:
        distribution = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise CompileError(f"multi-threaded code needs the OpenMP runtime of the '{DISTRIBUTION}' package, which is not installed") from None
    for file in distribution.files or []:
        if file.name == LIBRARY:
            return Path(distribution.locate_file(file)).resolve()
    raise CompileError(f"the '{DISTRIBUTION}' package has no {LIBRARY}")


#: How long (ms) the runtime's threads spin after a parallel region, unless KMP_BLOCKTIME says.
BLOCKTIME_MS = 1


@functools.cache
def load() -> ctypes.CDLL:
    """The OpenMP runtime, loaded into the process (once) with its symbols global."""
    # The runtime reads its settings from the environment when it starts (at the first region).
    os.environ.setdefault("KMP_BLOCKTIME", str(BLOCKTIME_MS))
    return ctypes.CDLL(str(library_path()), mode=ctypes.RTLD_GLOBAL)
