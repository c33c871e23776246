"""NumPy arrays as MLIR memref descriptors (`{allocated, aligned, offset, sizes[rank], strides[rank]}`),
the form `llvm.emit_c_interface` functions take their arguments in."""

from __future__ import annotations

import ctypes
from functools import lru_cache

import numpy as np


@lru_cache(maxsize=None)
def descriptor_type(rank: int) -> type[ctypes.Structure]:
    """The ctypes struct of a rank-`rank` memref descriptor (one class per rank, reused)."""
    fields = [("allocated", ctypes.c_void_p), ("aligned", ctypes.c_void_p), ("offset", ctypes.c_longlong)]
    if rank:
        fields += [("sizes", ctypes.c_longlong * rank), ("strides", ctypes.c_longlong * rank)]
    return type(f"MemRef{rank}D", (ctypes.Structure,), {"_fields_": fields})


def descriptor(array: np.ndarray) -> ctypes.Structure:
    """A descriptor viewing `array` (C-contiguous); the caller keeps `array` alive during the call."""
    result = descriptor_type(array.ndim)()
    pointer = array.ctypes.data
    result.allocated = pointer
    result.aligned = pointer
    result.offset = 0
    if array.ndim:
        result.sizes[:] = array.shape
        result.strides[:] = [s // array.itemsize if array.itemsize else 0 for s in array.strides]
    return result
