"""Shared helpers for the pytest suite: tolerances per dtype, random inputs, one-op modules."""

import os
import shutil
import tempfile

import ml_dtypes
import numpy as np
import pytest

# The compile cache (runtime/cache.py): the suite never reads or writes the user's, but one of its own
# for the session (subprocesses such as tg-run inherit it). It is off unless TGRAPH_CACHE is set: the
# session's cache starts empty and few modules are compiled twice in a session, so nearly every compile
# would pay for linking a shared library (about 30 ms) and hit nothing (test_runtime.py with the nn
# numerics: 25 s off, 33 s on). test_cache.py and test_aot.py turn it on where they test it, and
# `TGRAPH_CACHE=1 make pytest` runs every compiled function of the suite from cached libraries.
SESSION_CACHE = tempfile.mkdtemp(prefix="tgraph-test-cache-")
os.environ["TGRAPH_CACHE_DIR"] = SESSION_CACHE
os.environ.setdefault("TGRAPH_CACHE", "0")
# OpenMP threads (multi-threaded compiled code, runtime/openmp.py) spin for 200 ms after each parallel
# region by default: in a suite that runs one worker per core, they would take the other workers' cores.
os.environ.setdefault("KMP_BLOCKTIME", "0")


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(SESSION_CACHE, ignore_errors=True)


#: (rtol, atol) per element type; integers and booleans compare exactly.
TOLERANCES = {
    "f64": (1e-12, 1e-12),
    "f32": (1e-5, 1e-6),
    "f16": (2e-3, 2e-3),
    "bf16": (1.6e-2, 1.6e-2),
}

DTYPES = {
    "f16": np.float16,
    "bf16": ml_dtypes.bfloat16,
    "f32": np.float32,
    "f64": np.float64,
    "i1": np.bool_,
    "i8": np.int8,
    "i32": np.int32,
    "i64": np.int64,
    "ui8": np.uint8,
    "ui16": np.uint16,
    "ui32": np.uint32,
    "ui64": np.uint64,
}


def tensor_type(shape, dtype: str, dynamic=False) -> str:
    """`tensor<2x?xf32>`-style text; `dynamic=True` makes every dim `?`."""
    dims = "".join(("?" if dynamic else str(d)) + "x" for d in shape)
    return f"tensor<{dims}{dtype}>"


def random_array(rng, shape, dtype: str, low=-3.0, high=3.0):
    if dtype == "i1":
        return rng.random(shape) < 0.5
    if dtype.startswith("ui"):
        return rng.integers(0, np.iinfo(DTYPES[dtype]).max, shape, dtype=DTYPES[dtype], endpoint=True)
    if dtype.startswith("i"):
        return rng.integers(int(low) * 3, int(high) * 3 + 1, shape).astype(DTYPES[dtype])
    return rng.uniform(low, high, shape).astype(DTYPES[dtype])


def assert_close(actual, expected, dtype: str):
    """Compare a tgraph output with an independent NumPy result, at the tolerance of `dtype`."""
    expected = np.asarray(expected)
    assert actual.shape == expected.shape, f"shape {actual.shape} != {expected.shape}"
    assert actual.dtype == np.dtype(DTYPES[dtype]), f"dtype {actual.dtype} != {dtype}"
    if dtype in TOLERANCES:
        rtol, atol = TOLERANCES[dtype]
        np.testing.assert_allclose(actual.astype(np.float64), expected.astype(np.float64), rtol=rtol, atol=atol)
    else:
        np.testing.assert_array_equal(actual, expected.astype(actual.dtype))


def single_op_module(op: str, operand_types, result_type: str, attrs: str = "") -> str:
    """A module with one function applying `op` to its arguments."""
    args = ", ".join(f"%a{i}: {t}" for i, t in enumerate(operand_types))
    uses = ", ".join(f"%a{i}" for i in range(len(operand_types)))
    attributes = f" {{{attrs}}}" if attrs else ""
    return (
        f"func.func @main({args}) -> {result_type} {{\n"
        f'  %r = "{op}"({uses}){attributes} : ({", ".join(operand_types)}) -> {result_type}\n'
        f"  return %r : {result_type}\n"
        f"}}\n"
    )


@pytest.fixture
def rng():
    return np.random.default_rng(0)
