"""Compiled tg functions as shared libraries: what the compile cache stores and `tg-compile` ships.

The LLVM module a JIT `ExecutionEngine` compiled (created with `enable_pic=True`) is dumped as an
object file and linked with the system C compiler against MLIR's runtime libraries:

    engine = ExecutionEngine(module, opt_level=3, shared_libs=runtime_library_paths(), enable_pic=True)
    write_shared_library(engine, "main", Path("libmodel.so"))
    library = SharedLibrary(Path("libmodel.so"), "main", arity=3)
    library.call([addressof(x_descriptor), addressof(w_descriptor), addressof(out_descriptor)])

The library exports one symbol, `_mlir_ciface_<name>`: a C function taking one pointer per memref
descriptor (inputs, then caller-allocated outputs). Every other symbol is local, so a function named
`main` or `free` in the model cannot interpose on (or be interposed by) the process that loads it.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from ..diagnostics import CompileError


def entry_symbol(name: str) -> str:
    """The C symbol of entry function `name` (MLIR's `llvm.emit_c_interface` wrapper)."""
    return f"_mlir_ciface_{name}"


@lru_cache(maxsize=None)
def c_compiler() -> str | None:
    """The C compiler that links shared libraries: `$CC`, else cc, gcc or clang on the PATH; None if
    there is none."""
    for candidate in (os.environ.get("CC"), "cc", "gcc", "clang"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


def write_object_file(engine, name: str, path: Path) -> None:
    """The machine code of `engine`'s module (created with `enable_pic=True`) as an object file."""
    # LLVM compiles lazily: looking up the entry makes the engine generate the object it dumps.
    if not engine.raw_lookup(entry_symbol(name)):
        raise CompileError(f"compiled module has no entry point for @{name}")
    engine.dump_to_object_file(str(path))


def link_shared_library(object_file: Path, output: Path, exports: list[str], libraries: list[str]) -> None:
    """Link `object_file` into the shared library `output`, exporting only `exports` and finding the
    runtime `libraries` (full paths) where they are now (an rpath to their directories). CompileError
    with the compiler's message if the link fails or there is no C compiler."""
    compiler = c_compiler()
    if compiler is None:
        raise CompileError("no C compiler (cc, gcc or clang, or $CC) to link a shared library with")
    script = object_file.with_suffix(".map")
    symbols = " ".join(f'"{symbol}";' for symbol in exports)
    script.write_text(f"{{ global: {symbols} local: *; }};\n")
    directories = sorted({str(Path(library).parent) for library in libraries})
    command = [compiler, "-shared", "-o", str(output), str(object_file), f"-Wl,--version-script={script}"]
    # libm: math the code calls rather than inlines (expf...).
    command += [*libraries, "-lm", *(f"-Wl,-rpath,{directory}" for directory in directories)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise CompileError(f"linking {output.name} failed ({' '.join(command)}):\n{result.stderr.strip()}")


def write_shared_library(engine, name: str, output: Path) -> None:
    """`engine`'s compiled module as the shared library `output`, exporting the entry `name`."""
    from .jit import runtime_library_paths  # (jit imports this module through the cache)

    with tempfile.TemporaryDirectory(prefix="tgraph-link-") as directory:
        object_file = Path(directory) / f"{output.stem}.o"
        write_object_file(engine, name, object_file)
        link_shared_library(object_file, output, [entry_symbol(name)], runtime_library_paths())


class SharedLibrary:
    """A loaded library of one entry function; `call` runs it on the addresses of its memref
    descriptors. OSError if the library cannot be loaded or lacks the entry."""

    def __init__(self, path: Path, name: str, arity: int):
        self.path = path
        self._library = ctypes.CDLL(str(path))
        try:
            function = getattr(self._library, entry_symbol(name))
        except AttributeError as e:
            raise OSError(f"{path} has no entry point for @{name}: {e}") from None
        function.argtypes = [ctypes.c_void_p] * arity
        function.restype = None
        self._function = function

    def call(self, descriptors: list[int]) -> None:
        self._function(*descriptors)
