"""MLIR's async runtime, which runs multi-threaded code: loading it into the process once, and
draining its thread pool before code that ran on it is freed.

Code compiled with threads > 1 runs a parallel loop by queueing its blocks on the runtime's worker
pool and waiting until every block has signalled its end. A worker signals the end of a block from
inside the compiled code and only then returns through it, so the caller can go on while a worker is
still a few instructions away from leaving the code. Freeing the code (an ExecutionEngine) at that
moment would unmap it under the worker. `drain` waits until every worker has finished what it was
running: it queues one task per worker that blocks until all of them run at once, which can only
happen once each worker has left its previous task.

The runtime is loaded once, with RTLD_GLOBAL so that JIT-compiled code resolves its symbols in the
process, instead of being one of an engine's libraries: its pool is a process-wide singleton that an
engine's teardown (`__mlir_execution_engine_destroy`) would delete under the engines still using it.
"""

from __future__ import annotations

import ctypes
import functools
import sys
import threading
from pathlib import Path

LIBRARY = "libmlir_async_runtime.so"

#: glibc's pthread_barrier_t is 32 bytes on 64-bit Linux; a larger buffer costs nothing.
_BARRIER_BYTES = 64


def library_path() -> Path:
    """Where the pinned MLIR wheel keeps the async runtime library."""
    import mlir

    return Path(next(iter(mlir.__path__))) / "lib" / LIBRARY


@functools.cache
def load() -> ctypes.CDLL:
    """The async runtime, loaded into the process (once) with its symbols global."""
    library = ctypes.CDLL(str(library_path()), mode=ctypes.RTLD_GLOBAL)
    library.mlirAsyncRuntimGetNumWorkerThreads.restype = ctypes.c_int64  # (sic) the runtime's spelling
    library.mlirAsyncRuntimeExecute.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    library.mlirAsyncRuntimeExecute.restype = None
    return library


_drain_lock = threading.Lock()


def drain() -> None:
    """Return once every worker of the pool has finished the task it was running when called."""
    library = load()
    workers = library.mlirAsyncRuntimGetNumWorkerThreads()
    if workers < 1:
        return
    libc = ctypes.CDLL(None)
    barrier = ctypes.create_string_buffer(_BARRIER_BYTES)
    # The workers' task is `pthread_barrier_wait(barrier)` itself (the runtime calls
    # `resume(handle)`): no Python runs on them, which an exiting interpreter could not serve.
    wait = ctypes.cast(libc.pthread_barrier_wait, ctypes.c_void_p)
    # Two drains interleaving their tasks could each hold some workers and wait for the rest.
    with _drain_lock:
        libc.pthread_barrier_init(barrier, None, workers + 1)
        for _ in range(workers):
            library.mlirAsyncRuntimeExecute(barrier, wait)
        libc.pthread_barrier_wait(barrier)  # every worker is in one of the tasks above: none is in compiled code
        libc.pthread_barrier_destroy(barrier)  # (glibc's waits for the workers to leave the barrier)


class DrainedOwner:
    """Holds what keeps multi-threaded compiled code alive (an engine and its module) and drains the
    pool before releasing it."""

    def __init__(self, *owned: object):
        self.owned = owned

    def __del__(self):
        # At interpreter exit, Python cannot run the workers' callbacks any more; every call has
        # returned long before.
        if not sys.is_finalizing():
            drain()
