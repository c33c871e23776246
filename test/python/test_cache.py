"""The compile cache (runtime/cache.py): what hits and what misses, entries that are damaged, several
processes writing at once, the switches that turn it off, eviction, and results equal with and without it.

Every test gets a cache directory of its own with the cache on (the suite runs with it off, see
conftest.py). A hit is recognized by `jit.lower` not being called: the counting fixture `lowerings`.
"""

import ast
import os
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

import tgraph
from tgraph.diagnostics import CompileError
from tgraph.runtime import aot, cache, jit

from conftest import assert_close, random_array

needs_cc = pytest.mark.skipif(aot.c_compiler() is None, reason="no C compiler to link cached libraries with")
pytestmark = needs_cc

MLP = """\
func.func @mlp(%x: tensor<?x4xf32>, %w: tensor<4x8xf32>) -> tensor<?x8xf32> {
  %0 = "tg.matmul"(%x, %w) : (tensor<?x4xf32>, tensor<4x8xf32>) -> tensor<?x8xf32>
  %1 = "tg.relu"(%0) : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %1 : tensor<?x8xf32>
}
"""


# A process compiling MLP (given as argv[1]) and printing its result on fixed inputs.
WRITER = """\
import sys, numpy as np, tgraph
f = tgraph.compile(sys.argv[1])
x = np.arange(12, dtype=np.float32).reshape(3, 4) / 7
print(repr(f(x, np.ones((4, 8), np.float32) / 3).tolist()))
"""


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("TGRAPH_CACHE_DIR", str(directory))
    monkeypatch.setenv("TGRAPH_CACHE", "1")
    monkeypatch.delenv("TGRAPH_CACHE_SIZE", raising=False)
    monkeypatch.setattr(cache, "_warned", set())
    return directory


@pytest.fixture
def lowerings(monkeypatch):
    """The sources `compile` lowered (a cache hit lowers nothing)."""
    calls = []
    real = jit.lower

    def counting(source, *args, **kwargs):
        calls.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(jit, "lower", counting)
    return calls


def entries(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if not p.name.startswith(".")) if directory.is_dir() else []


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(".")) if directory.is_dir() else []


def from_cache(function) -> bool:
    return isinstance(function._owner, aot.SharedLibrary)


def mlp_reference(x, w):
    return np.maximum(x.astype(np.float64) @ w.astype(np.float64), 0)


# --- hits and misses ---------------------------------------------------------------------------------


def test_identical_inputs_hit(cache_dir, lowerings, rng):
    first = tgraph.compile(MLP)
    assert from_cache(first) and len(lowerings) == 1 and len(entries(cache_dir)) == 1
    second = tgraph.compile(MLP)
    assert from_cache(second) and len(lowerings) == 1 and len(entries(cache_dir)) == 1
    assert second.input_types == first.input_types and second.output_types == first.output_types
    x, w = random_array(rng, (5, 4), "f32"), random_array(rng, (4, 8), "f32")
    assert_close(second(x, w), mlp_reference(x, w), "f32")
    assert leftovers(cache_dir) == []


def test_module_and_file_sources_hit(cache_dir, lowerings, tmp_path):
    path = tmp_path / "mlp.mlir"
    path.write_text(MLP)
    from mlir import ir

    from tgraph.dialect import make_context, parse_module

    with make_context():
        module = parse_module(MLP, "mlp.mlir", ir.Context.current)
        for source in (path, str(path), module, module):
            tgraph.compile(source)
    # A path given as str or Path is the same source; the module (its own locations) is another.
    assert len(lowerings) == 2 and len(entries(cache_dir)) == 2


@pytest.mark.parametrize("change", [{"opt_level": 0}, {"opt_level": 3}, {"threads": 1}, {"entry": "mlp"}], ids=str)
def test_changed_option_misses(cache_dir, lowerings, change):
    tgraph.compile(MLP, threads=2)
    tgraph.compile(MLP, **({"threads": 2} | change))
    assert len(lowerings) == 2 and len(entries(cache_dir)) == 2


def test_changed_model_misses(cache_dir, lowerings, rng):
    tgraph.compile(MLP)
    changed = tgraph.compile(MLP.replace('"tg.relu"', '"tg.neg"'))
    assert len(lowerings) == 2
    x, w = random_array(rng, (2, 4), "f32"), random_array(rng, (4, 8), "f32")
    assert_close(changed(x, w), -(x.astype(np.float64) @ w), "f32")


def test_changed_tgraph_source_misses(cache_dir, lowerings, monkeypatch):
    tgraph.compile(MLP)
    monkeypatch.setattr(cache, "tgraph_digest", lambda: "tgraph with one file edited")
    tgraph.compile(MLP)
    assert len(lowerings) == 2 and len(entries(cache_dir)) == 2


def test_other_cpu_misses(cache_dir, lowerings, monkeypatch):
    tgraph.compile(MLP)
    monkeypatch.setattr(cache, "machine_fingerprint", lambda: "another CPU")
    tgraph.compile(MLP)
    assert len(lowerings) == 2


def test_sources_digest_sees_every_edit(tmp_path):
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "pkg" / "a.py").write_text("x = 1\n")
    (tmp_path / "pkg" / "sub" / "b.mlir").write_text("// schedule\n")
    roots = [tmp_path / "pkg", tmp_path / "missing"]
    original = cache.sources_digest(roots)
    (tmp_path / "pkg" / "__pycache__").mkdir()
    (tmp_path / "pkg" / "__pycache__" / "a.pyc").write_bytes(b"byte code")
    assert cache.sources_digest(roots) == original  # byte code caches do not count
    (tmp_path / "pkg" / "sub" / "b.mlir").write_text("// schedule, tile 8\n")
    edited = cache.sources_digest(roots)
    assert edited != original
    (tmp_path / "pkg" / "c.py").write_text("")
    assert cache.sources_digest(roots) != edited


def test_tgraph_digest_covers_sources_and_versions():
    digest = cache.tgraph_digest()
    assert digest.startswith(f"tgraph {tgraph.__version__}\n")
    assert "xtc-mlir-python-bindings==" in digest and "numpy==" in digest


def test_unreadable_source_has_no_key_and_fails_as_usual(cache_dir, tmp_path):
    assert cache.key(tmp_path / "missing.onnx", {}) is None
    corrupt = tmp_path / "corrupt.onnx"
    corrupt.write_bytes(b"\x08\x07 not a model")
    with pytest.raises(CompileError, match="not a valid ONNX model|fails ONNX checking"):
        tgraph.compile(corrupt)
    assert entries(cache_dir) == []


def _onnx_add(directory: Path, weights: np.ndarray, external: bool) -> Path:
    """y = x + w, with `w` an initializer (in an external data file if asked); x's first dim is `batch`."""
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", weights.shape[0]])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", weights.shape[0]])
    graph = helper.make_graph([helper.make_node("Add", ["x", "w"], ["y"])], "add", [x], [y], [onnx.numpy_helper.from_array(weights, "w")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    path = directory / "add.onnx"
    if external:
        onnx.save_model(model, str(path), save_as_external_data=True, location="weights.bin", size_threshold=0)
    else:
        onnx.save_model(model, str(path))
    return path


def test_onnx_bind_and_external_data_are_part_of_the_key(cache_dir, lowerings, tmp_path):
    weights = np.arange(8, dtype=np.float32)
    path = _onnx_add(tmp_path, weights, external=True)
    x = np.ones((3, 8), np.float32)
    np.testing.assert_array_equal(tgraph.compile(path)(x), x + weights)
    tgraph.compile(path)
    assert len(lowerings) == 1
    tgraph.compile(path, bind={"batch": 3})
    assert len(lowerings) == 2
    (tmp_path / "weights.bin").write_bytes((-weights).tobytes())  # new weights, same model file
    np.testing.assert_array_equal(tgraph.compile(path)(x), x - weights)
    assert len(lowerings) == 3


def test_model_proto_hits(cache_dir, lowerings, tmp_path):
    model = onnx.load(_onnx_add(tmp_path, np.ones(4, np.float32), external=False))
    tgraph.compile(model)
    tgraph.compile(model)
    assert len(lowerings) == 1


# --- the same results --------------------------------------------------------------------------------

# Functions over the element types and ranks the calling convention must carry: floats of each width,
# bools as bytes, integers, a rank-0 result, several results, static and dynamic dims.
CASES = {
    "f32 mlp": (MLP, [((3, 4), "f32"), ((4, 8), "f32")]),
    "f16 add": (
        """func.func @f(%x: tensor<?x5xf16>, %y: tensor<5xf16>) -> tensor<?x5xf16> {
  %0 = "tg.add"(%x, %y) : (tensor<?x5xf16>, tensor<5xf16>) -> tensor<?x5xf16>
  return %0 : tensor<?x5xf16>
}""",
        [((2, 5), "f16"), ((5,), "f16")],
    ),
    "bf16 and f64": (
        """func.func @f(%x: tensor<4xbf16>, %y: tensor<2x3xf64>) -> (tensor<4xbf16>, tensor<2x3xf64>) {
  %0 = "tg.exp"(%x) : (tensor<4xbf16>) -> tensor<4xbf16>
  %1 = "tg.tanh"(%y) : (tensor<2x3xf64>) -> tensor<2x3xf64>
  return %0, %1 : tensor<4xbf16>, tensor<2x3xf64>
}""",
        [((4,), "bf16"), ((2, 3), "f64")],
    ),
    "i1 compare": (
        """func.func @f(%x: tensor<?xi32>, %y: tensor<?xi32>) -> tensor<?xi1> {
  %0 = "tg.compare"(%x, %y) {predicate = "lt"} : (tensor<?xi32>, tensor<?xi32>) -> tensor<?xi1>
  return %0 : tensor<?xi1>
}""",
        [((9,), "i32"), ((9,), "i32")],
    ),
    "rank 0 sum and i8": (
        """func.func @f(%x: tensor<3x4xf32>, %y: tensor<3xi8>) -> (tensor<f32>, tensor<3xi8>) {
  %0 = "tg.reduce_sum"(%x) {axes = array<i64: 0, 1>, keepdims = false} : (tensor<3x4xf32>) -> tensor<f32>
  %1 = "tg.mul"(%y, %y) : (tensor<3xi8>, tensor<3xi8>) -> tensor<3xi8>
  return %0, %1 : tensor<f32>, tensor<3xi8>
}""",
        [((3, 4), "f32"), ((3,), "i8")],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_results_equal_with_and_without_cache(cache_dir, rng, case):
    source, arguments = CASES[case]
    cached = tgraph.compile(source)
    hit = tgraph.compile(source)
    plain = tgraph.compile(source, cache=False)
    assert from_cache(cached) and from_cache(hit) and not from_cache(plain)
    inputs = [random_array(rng, shape, dtype) for shape, dtype in arguments]
    expected = plain(*inputs)
    for function in (cached, hit):
        actual = function(*inputs)
        for a, e in zip(*(list(r) if isinstance(r, tuple) else [r] for r in (actual, expected))):
            assert a.dtype == e.dtype and a.shape == e.shape
            np.testing.assert_array_equal(a, e)


def test_transformer_equal_with_and_without_cache(cache_dir, rng):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
    from onnx_models import transformer_layer

    model = transformer_layer()
    cached, plain = tgraph.compile(model), tgraph.compile(model, cache=False)
    again = tgraph.compile(model)
    x = random_array(rng, (2, 7, 64), "f32")
    np.testing.assert_array_equal(cached(x), plain(x))
    np.testing.assert_array_equal(again(x), plain(x))


def test_checks_are_the_same_from_cache(cache_dir):
    function = tgraph.compile(MLP)
    with pytest.raises(ValueError, match=r"argument #1 of @mlp: dim 0 must be 4"):
        function(np.ones((2, 4), np.float32), np.ones((5, 8), np.float32))
    with pytest.raises(ValueError, match="expected dtype float32"):
        function(np.ones((2, 4), np.float64), np.ones((4, 8), np.float32))


# --- damaged entries --------------------------------------------------------------------------------


def _rewrite_manifest(entry: Path) -> None:
    """Make the manifest agree with the files as they are now (damage a checksum cannot catch)."""
    import json

    manifest = json.loads((entry / cache.MANIFEST).read_text())
    for name in (cache.LIBRARY, cache.PROGRAM):
        manifest["files"][name] = cache._file_record(entry / name)
    (entry / cache.MANIFEST).write_text(json.dumps(manifest))


DAMAGE = {
    "truncated library": lambda e: (e / cache.LIBRARY).write_bytes((e / cache.LIBRARY).read_bytes()[:1000]),
    "truncated program": lambda e: (e / cache.PROGRAM).write_bytes((e / cache.PROGRAM).read_bytes()[:-7]),
    "flipped byte in library": lambda e: (e / cache.LIBRARY).write_bytes(_flip((e / cache.LIBRARY).read_bytes())),
    "missing manifest": lambda e: (e / cache.MANIFEST).unlink(),
    "garbage manifest": lambda e: (e / cache.MANIFEST).write_text("{not json"),
    "manifest of other files": lambda e: (e / cache.MANIFEST).write_text('{"files": {}}'),
    "empty entry": lambda e: [p.unlink() for p in e.iterdir()],
    "library that does not load": lambda e: ((e / cache.LIBRARY).write_bytes(b"\x7fELF garbage"), _rewrite_manifest(e)),
    "program that does not unpickle": lambda e: ((e / cache.PROGRAM).write_bytes(b"\x80\x05garbage"), _rewrite_manifest(e)),
    "program of another function": lambda e: ((e / cache.PROGRAM).write_bytes(_renamed_program(e)), _rewrite_manifest(e)),
}


def _flip(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


def _renamed_program(entry: Path) -> bytes:
    import pickle

    program = pickle.loads((entry / cache.PROGRAM).read_bytes())
    program.name = "other"  # the library has no entry point of that name
    return pickle.dumps(program)


def _compile_in_subprocess(cache_directory: Path) -> subprocess.Popen:
    environment = os.environ | {"TGRAPH_CACHE_DIR": str(cache_directory), "TGRAPH_CACHE": "1"}
    command = [sys.executable, "-c", WRITER, MLP]
    return subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def previous_run(tmp_path_factory):
    """The cache entry of MLP as an earlier process left it. (Not loaded in this process: a library
    loaded once stays mapped under its path, whatever later happens to the file.)"""
    directory = tmp_path_factory.mktemp("previous-run")
    process = _compile_in_subprocess(directory / "cache")
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    (entry,) = entries(directory / "cache")
    return directory / "cache" / entry


@pytest.mark.parametrize("damage", DAMAGE)
def test_damaged_entry_is_rebuilt(cache_dir, lowerings, rng, previous_run, damage):
    shutil.copytree(previous_run, cache_dir / previous_run.name)
    DAMAGE[damage](cache_dir / previous_run.name)
    rebuilt = tgraph.compile(MLP)
    assert len(lowerings) == 1 and entries(cache_dir) == [previous_run.name] and from_cache(rebuilt)
    x, w = random_array(rng, (3, 4), "f32"), random_array(rng, (4, 8), "f32")
    assert_close(rebuilt(x, w), mlp_reference(x, w), "f32")
    tgraph.compile(MLP)
    assert len(lowerings) == 1  # the rebuilt entry is good


def test_entry_of_a_previous_run_hits(cache_dir, lowerings, previous_run):
    shutil.copytree(previous_run, cache_dir / previous_run.name)
    assert from_cache(tgraph.compile(MLP)) and lowerings == []


# --- several processes -------------------------------------------------------------------------------

def test_concurrent_writers(cache_dir):
    processes = [_compile_in_subprocess(cache_dir) for _ in range(4)]
    results = [p.communicate(timeout=300) for p in processes]
    for process, (_, stderr) in zip(processes, results):
        assert process.returncode == 0, stderr
    assert len({stdout for stdout, _ in results}) == 1
    assert len(entries(cache_dir)) == 1 and leftovers(cache_dir) == []
    x = np.arange(12, dtype=np.float32).reshape(3, 4) / 7
    np.testing.assert_allclose(ast.literal_eval(results[0][0]), mlp_reference(x, np.ones((4, 8)) / 3), rtol=1e-5)


def test_a_second_writer_keeps_the_first_entry(cache_dir, lowerings):
    tgraph.compile(MLP)
    (entry,) = entries(cache_dir)
    before = (cache_dir / entry / cache.MANIFEST).read_text()
    program, module = jit.lower(MLP)
    engine = jit.jit_engine(module, program.name, pic=True)
    stored = cache.store(entry, program, engine, {})  # as a process that compiled at the same time would
    assert stored is not None and entries(cache_dir) == [entry] and leftovers(cache_dir) == []
    assert (cache_dir / entry / cache.MANIFEST).read_text() == before


# --- turning it off, and failing softly --------------------------------------------------------------


def test_cache_false_and_environment_switch_it_off(cache_dir, lowerings, monkeypatch):
    assert not from_cache(tgraph.compile(MLP, cache=False))
    monkeypatch.setenv("TGRAPH_CACHE", "0")
    assert not from_cache(tgraph.compile(MLP))
    assert entries(cache_dir) == [] and not cache_dir.exists()


def test_default_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("TGRAPH_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.directory() == tmp_path / ".cache" / "tgraph"


def _no_warnings(function):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return function()


def test_no_c_compiler_warns_once_and_compiles(cache_dir, monkeypatch, rng):
    monkeypatch.setattr(aot, "c_compiler", lambda: None)
    with pytest.warns(cache.CacheWarning, match="no C compiler"):
        function = tgraph.compile(MLP)
    assert not from_cache(function) and entries(cache_dir) == []
    _no_warnings(lambda: tgraph.compile(MLP))  # said once
    x, w = random_array(rng, (3, 4), "f32"), random_array(rng, (4, 8), "f32")
    assert_close(function(x, w), mlp_reference(x, w), "f32")


def test_link_failure_warns_and_runs_the_jit_code(cache_dir, monkeypatch, rng):
    def failing_link(*args):
        raise CompileError("linking lib.so failed: ld says no")

    monkeypatch.setattr(aot, "link_shared_library", failing_link)
    with pytest.warns(cache.CacheWarning, match="ld says no"):
        function = tgraph.compile(MLP)
    assert not from_cache(function) and entries(cache_dir) == [] and leftovers(cache_dir) == []
    x, w = random_array(rng, (3, 4), "f32"), random_array(rng, (4, 8), "f32")
    assert_close(function(x, w), mlp_reference(x, w), "f32")


def test_unwritable_directory_warns_and_compiles(cache_dir, monkeypatch, tmp_path):
    (tmp_path / "a file").write_text("")
    monkeypatch.setenv("TGRAPH_CACHE_DIR", str(tmp_path / "a file" / "cache"))
    with pytest.warns(cache.CacheWarning, match="cannot store"):
        function = tgraph.compile(MLP)
    assert not from_cache(function)


def test_unpicklable_program_warns_and_compiles(cache_dir, monkeypatch):
    def refuse(*args, **kwargs):
        raise TypeError("cannot pickle 'Thing' object")

    monkeypatch.setattr(cache.pickle, "dumps", refuse)
    with pytest.warns(cache.CacheWarning, match="cannot pickle"):
        function = tgraph.compile(MLP)
    assert not from_cache(function) and entries(cache_dir) == [] and leftovers(cache_dir) == []


# --- size ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, size", [("", 2 << 30), ("1000", 1000), ("500M", 500 << 20), ("2g", 2 << 30), ("1.5K", 1536)])
def test_size_limit(monkeypatch, text, size):
    monkeypatch.setenv("TGRAPH_CACHE_SIZE", text)
    assert cache.size_limit() == size


def test_bad_size_limit_warns(monkeypatch):
    monkeypatch.setattr(cache, "_warned", set())
    monkeypatch.setenv("TGRAPH_CACHE_SIZE", "lots")
    with pytest.warns(cache.CacheWarning, match="not a size"):
        assert cache.size_limit() == cache.DEFAULT_SIZE_LIMIT


def _entry_size(entry: Path) -> int:
    return sum(p.stat().st_size for p in entry.iterdir())


def test_least_recently_used_entries_go_first(cache_dir, lowerings):
    sources = {name: MLP.replace("@mlp", f"@{name}") for name in ("a", "b", "c")}
    keys = {}
    for name, source in sources.items():
        tgraph.compile(source)
        keys[name] = next(k for k in entries(cache_dir) if k not in keys.values())
    now = time.time()
    for age, name in enumerate(("c", "b", "a")):  # a is the oldest, then b, then c
        os.utime(cache_dir / keys[name] / cache.MANIFEST, (now - 100 * (age + 1), now - 100 * (age + 1)))
    tgraph.compile(sources["a"])  # a hit: a is now the most recently used
    assert len(lowerings) == 3
    sizes = {name: _entry_size(cache_dir / key) for name, key in keys.items()}
    cache.evict(sizes["a"] + sizes["c"])
    assert entries(cache_dir) == sorted([keys["a"], keys["c"]])
    cache.evict(0, keep=keys["c"])
    assert entries(cache_dir) == [keys["c"]]


def test_size_cap_keeps_the_entry_just_stored(cache_dir, lowerings, monkeypatch):
    monkeypatch.setenv("TGRAPH_CACHE_SIZE", "1")
    tgraph.compile(MLP)
    newest = tgraph.compile(MLP.replace("@mlp", "@other"))
    assert from_cache(newest) and len(entries(cache_dir)) == 1


def test_eviction_removes_what_dead_processes_left(cache_dir):
    cache_dir.mkdir()
    stale, fresh = cache_dir / f"{cache.BUILDING}stale", cache_dir / f"{cache.BUILDING}fresh"
    for directory in (stale, fresh):
        directory.mkdir()
        (directory / cache.LIBRARY).write_bytes(b"half written")
    long_ago = time.time() - 2 * cache.STALE_SECONDS
    os.utime(stale, (long_ago, long_ago))
    cache.evict(cache.size_limit())
    assert leftovers(cache_dir) == [fresh.name]  # a process may still be building that one


def test_clear(cache_dir):
    tgraph.compile(MLP)
    cache.clear()
    assert entries(cache_dir) == []
