"""Compile a tg program for the CPU and call it on NumPy arrays.

    f = tgraph.compile("model.mlir")          # MLIR text, a path, or an ir.Module
    y = f(x, w)                                # arrays in, arrays out (a tuple for several results)

The entry function is lowered with `tg-to-llvm` and JIT-compiled by MLIR's ExecutionEngine. Before each
call the arguments are checked (count, dtype, rank, static dims) and the output shapes computed from the
input shapes with the tg shape rules; the compiled code then writes into freshly allocated outputs.
"""

from __future__ import annotations

import ctypes
import functools
import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import onnx
from mlir import ir
from mlir.execution_engine import ExecutionEngine

from .. import codegen, conversion, transforms  # noqa: F401  (register passes and pipelines)
from ..diagnostics import CompileError, Diagnostic
from ..dialect import ShapeError, TensorSpec, make_context, parse_module
from ..frontend.onnx import import_model
from ..dialect.declare import MAX_VALUE_ELEMENTS
from ..dialect.interpreter import InterpretError, Program
from ..passes import build_pass_manager, parse_pipeline
from ..transforms.verify import verify_ops
from . import openmp
from . import cache as compile_cache
from .memref import descriptor

#: MLIR's runtime libraries (shipped in the pinned wheel) that each ExecutionEngine loads.
ENGINE_LIBRARIES = ["libmlir_c_runner_utils.so", "libmlir_apfloat_wrappers.so"]


def _library_directory() -> Path:
    import mlir

    return Path(next(iter(mlir.__path__))) / "lib"


def runtime_library_paths() -> list[str]:
    """Every MLIR runtime library compiled code may call (what a shared library links)."""
    return [str(_library_directory() / name) for name in ENGINE_LIBRARIES] + [str(openmp.library_path())]


#: How many sets of input shapes a compiled function remembers the output types of.
OUTPUT_TYPES_REMEMBERED = 64

#: glibc's mallopt parameters and the values tgraph sets (see `keep_freed_memory`).
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD_BYTES = 32 << 20  # glibc's largest
TRIM_THRESHOLD_BYTES = 1 << 30


@functools.cache
def keep_freed_memory() -> None:
    """Make glibc's malloc keep the memory compiled code frees for its next call, process-wide.

    Compiled functions allocate their intermediate tensors at each call and free them before
    returning. glibc serves blocks from 128 KiB up with fresh mmaps and returns them (and the top of
    its heap) to the system at free, so each call page-faults every activation of a model again:
    ResNet-50 at batch 1 spent about 30% of its time there (112 -> 78 ms with this). Raising the
    mmap and trim thresholds keeps the pages; the cost is a process that stays at its peak size, as
    with onnxruntime's arena. A no-op on other C libraries."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
    mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES)


class CompiledFunction:
    """A compiled entry function: call it with NumPy arrays. The same checks run whatever holds the
    code (the JIT's engine, or a shared library from the compile cache)."""

    def __init__(self, program: Program, call: Callable[[list[int]], None], owner: object):
        """`call` runs the code on the addresses of the memref descriptors of the inputs then the
        outputs; `owner` keeps the code alive."""
        self.name = program.name
        self.program = program
        self.input_types: list[TensorSpec] = program.inputs
        self.input_names: list[str | None] = program.input_names
        self.output_types: list[TensorSpec] = program.output_types
        self._call = call
        self._owner = owner
        self._output_types_by_inputs: dict[tuple, list[TensorSpec]] = {}

    def __repr__(self) -> str:
        inputs = ", ".join(str(t) for t in self.input_types)
        outputs = ", ".join(str(t) for t in self.output_types)
        return f"<tgraph compiled @{self.name}: ({inputs}) -> ({outputs})>"

    def check_inputs(self, arrays) -> list[np.ndarray]:
        """The arguments as C-contiguous arrays of the declared types; ValueError naming the first bad one."""
        if len(arrays) != len(self.input_types):
            raise ValueError(f"@{self.name} takes {len(self.input_types)} arguments, got {len(arrays)}")
        checked = []
        for index, (array, expected) in enumerate(zip(arrays, self.input_types)):
            name = self.input_names[index]
            where = f"argument #{index}{f' ({name!r})' if name else ''} of @{self.name}"
            if not isinstance(array, np.ndarray):
                array = _from_python(array, expected, where)
            if array.dtype != expected.np_dtype:
                raise ValueError(f"{where}: expected dtype {expected.np_dtype} ({expected}), got {array.dtype}")
            if array.ndim != expected.rank:
                raise ValueError(f"{where}: expected rank {expected.rank} ({expected}), got shape {array.shape}")
            for dim, (want, have) in enumerate(zip(expected.shape, array.shape)):
                if want is not None and want != have:
                    raise ValueError(f"{where}: dim {dim} must be {want} ({expected}), got shape {array.shape}")
            checked.append(np.require(array, requirements="C"))
        return checked

    def output_types_for(self, inputs: list[np.ndarray]) -> list[TensorSpec]:
        """The concrete output types for these (checked) inputs; ValueError if the shapes disagree.
        Remembered for the OUTPUT_TYPES_REMEMBERED input shapes used last (the least recently used
        are forgotten first): inferring them op by op took 0.3 ms a call on a 2-layer MLP whose
        batch-1 kernels take 0.04 ms."""
        # Small integer inputs may decide shapes (a reshape's target given as an argument).
        values = [a if a.dtype.kind in "iu" and a.size <= MAX_VALUE_ELEMENTS else None for a in inputs]
        key = tuple((a.shape, a.dtype.str, None if v is None else v.tobytes()) for a, v in zip(inputs, values))
        known = self._output_types_by_inputs.pop(key, None)
        if known is None:
            try:
                known = self.program.output_types_for([TensorSpec.of_array(a) for a in inputs], values)
            except InterpretError as e:
                raise ValueError(f"@{self.name}: inputs of shapes {[a.shape for a in inputs]} are not valid here: {e}") from None
            if len(self._output_types_by_inputs) >= OUTPUT_TYPES_REMEMBERED:
                self._output_types_by_inputs.pop(next(iter(self._output_types_by_inputs)))
        self._output_types_by_inputs[key] = known  # (re)inserted last: the most recently used
        return list(known)

    def __call__(self, *arrays):
        inputs = self.check_inputs(arrays)
        outputs = [np.empty(t.shape, t.np_dtype) for t in self.output_types_for(inputs)]
        self.run(inputs, outputs)
        return outputs[0] if len(outputs) == 1 else tuple(outputs)

    def run(self, inputs: list[np.ndarray], outputs: list[np.ndarray]) -> None:
        """Call the compiled code on checked inputs, writing into preallocated outputs (no checks)."""
        descriptors = [descriptor(a) for a in inputs + outputs]
        self._call([ctypes.addressof(d) for d in descriptors])

    def time(self, arrays, runs: int, warmup: int = 3) -> list[float]:
        """Seconds per call over `runs` calls on `arrays` (checked once), after `warmup` calls; the
        outputs are allocated once, so the times are the compiled code's."""
        inputs = self.check_inputs(arrays)
        outputs = [np.empty(t.shape, t.np_dtype) for t in self.output_types_for(inputs)]
        for _ in range(warmup):
            self.run(inputs, outputs)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            self.run(inputs, outputs)
            times.append(time.perf_counter() - start)
        return times


def _from_python(value, expected: TensorSpec, where: str) -> np.ndarray:
    """A list or scalar as an array of `expected`'s dtype; ValueError rather than a silent lossy cast
    (floats into an integer input) or an object array."""
    try:
        array = np.asarray(value)
    except ValueError as e:  # ragged nested lists
        raise ValueError(f"{where}: cannot make an array of {expected} from the given value: {e}") from None
    if array.dtype.kind not in "biuf" or not np.can_cast(array.dtype, expected.np_dtype, casting="same_kind"):
        raise ValueError(f"{where}: expected {expected}, got a {type(value).__name__} of {array.dtype} values")
    converted = array.astype(expected.np_dtype)
    if array.dtype.kind in "iu" and not np.array_equal(converted, array):
        raise ValueError(f"{where}: values out of the range of {expected.dtype}")
    return converted


def _is_path(source) -> bool:
    if isinstance(source, os.PathLike):
        return True
    if not isinstance(source, str) or "\n" in source:
        return False
    if source.endswith(".mlir"):
        return True
    try:
        return Path(source).is_file()
    except (OSError, ValueError):  # too long or otherwise not a path: MLIR text
        return False


def is_onnx(source) -> bool:
    """An ONNX model: a ModelProto, or a path ending in .onnx."""
    if isinstance(source, onnx.ModelProto):
        return True
    return isinstance(source, (str, os.PathLike)) and "\n" not in str(source) and str(source).endswith(".onnx")


def load_source(source, context: ir.Context, *, bind: dict[str, int] | None = None) -> ir.Module:
    """A module in `context` from MLIR text, a path to a .mlir file, an `ir.Module` (copied), or an ONNX
    model (a path to a .onnx file or a ModelProto, imported with `bind` fixing named dims)."""
    if is_onnx(source):
        return import_model(source, bind=bind, context=context)
    if isinstance(source, ir.Module):
        text = source.operation.get_asm(enable_debug_info=True)
        return parse_module(text, "<module>", context)
    if _is_path(source):
        path = Path(source)
        try:
            text = path.read_text()
        except OSError as e:
            raise CompileError(f"cannot read {path}: {e.strerror}") from None
        return parse_module(text, str(path), context)
    return parse_module(source, "<string>", context)


def load_verified(source, context: ir.Context, *, bind: dict[str, int] | None = None) -> ir.Module:
    """`load_source`, then every tg op checked against its declaration; CompileError for either."""
    try:
        module = load_source(source, context, bind=bind)
    except ir.MLIRError as e:
        raise CompileError.from_mlir(e) from None
    problems = verify_ops(module.operation)
    if problems:
        raise CompileError(problems)
    return module


def select_entry(module: ir.Module, entry: str | None):
    """The function to compile: `entry` by name (made public if it is private), or the module's only
    public function."""
    functions = [op for op in module.body.operations if op.operation.name == "func.func"]
    public = [f for f in functions if _is_public(f) and len(f.regions[0].blocks)]
    names = [ir.StringAttr(f.attributes["sym_name"]).value for f in functions]
    if entry is not None:
        if entry not in names:
            listed = ", ".join("@" + n for n in names) or "none"
            raise CompileError(f"no function @{entry} in the module (functions: {listed})")
        function = functions[names.index(entry)]
        if not len(function.regions[0].blocks):
            raise CompileError(Diagnostic.at(function.location, f"@{entry} is a declaration without a body: nothing to compile"))
        if "sym_visibility" in function.attributes:
            del function.attributes["sym_visibility"]  # asked for by name: it is the entry point
        return function
    if len(public) != 1:
        listed = ", ".join("@" + ir.StringAttr(f.attributes["sym_name"]).value for f in public) or "none"
        raise CompileError(f"the module has {len(public)} public functions ({listed}); choose one with entry=")
    return public[0]


def _is_public(function) -> bool:
    return "sym_visibility" not in function.attributes or ir.StringAttr(function.attributes["sym_visibility"]).value == "public"


def check_signature(function, name: str) -> None:
    """CompileError unless every argument and result of the entry is a ranked tensor of a tg type."""
    function_type = ir.FunctionType(ir.TypeAttr(function.attributes["function_type"]).value)
    kinds = [("argument", t) for t in function_type.inputs] + [("result", t) for t in function_type.results]
    counts = {"argument": 0, "result": 0}
    for kind, type_ in kinds:
        index = counts[kind]
        counts[kind] += 1
        try:
            TensorSpec.from_mlir(type_)
        except ShapeError as e:
            raise CompileError(Diagnostic.at(function.location, f"{kind} #{index} of @{name}: {e}")) from None


def compile(
    source,
    target: str = "cpu",
    entry: str | None = None,
    *,
    bind: dict[str, int] | None = None,
    opt_level: int = 2,
    threads: int | None = None,
    cache: bool = True,
) -> CompiledFunction:
    """Compile the tg function `entry` of `source` (MLIR text, a .mlir path, an ir.Module, or an ONNX
    model as a .onnx path or ModelProto) for `target`, and return it as a callable on NumPy arrays.
    `bind` fixes named dims (`{"batch": 1}`) of an ONNX model or of IR whose arguments name their dims
    (`tg.dims`, as tg-import writes). `opt_level` 0 compiles the graph as it is;
    1 and up run the graph optimizations (`tg-optimize`) first, and LLVM at that level (up to 3).
    `threads` is how many cores the code may use (default: all of them).
    Compiling the same input with the same options again loads the code from the compile cache
    (runtime/cache.py); `cache=False` or `TGRAPH_CACHE=0` turns it off.
    Raises CompileError for bad input."""
    threads = default_threads(threads)
    keep_freed_memory()
    if target != "cpu":
        raise CompileError(f"unknown target '{target}' (supported: cpu)")
    options = {"target": target, "entry": entry, "bind": bind, "opt_level": opt_level, "threads": threads}
    key = compile_cache.key(source, options) if compile_cache.enabled(cache) else None
    cached = compile_cache.load(key) if key else None
    if cached is None:
        program, module = lower(source, entry, bind=bind, opt_level=opt_level, threads=threads)
        # Position-independent code when it goes into a shared library.
        engine = jit_engine(module, program.name, opt_level, pic=key is not None)
        cached = compile_cache.store(key, program, engine, options) if key else None
        if cached is None:
            return CompiledFunction(program, jit_entry(engine, program.name), (engine, module))
    return CompiledFunction(cached.program, cached.library.call, cached.library)


def default_threads(threads: int | None) -> int:
    """`threads`, or every core when None; ValueError below 1."""
    if threads is not None and threads < 1:
        raise ValueError(f"threads must be at least 1, got {threads}")
    return threads or os.cpu_count() or 1


def lower(source, entry: str | None = None, *, bind: dict[str, int] | None = None, opt_level: int = 2, threads: int = 1) -> tuple[Program, ir.Module]:
    """The function `entry` of `source` lowered to the LLVM dialect for the CPU (the module holds only
    it and what it calls), with its `Program`; see `compile` for the arguments."""
    context = make_context()
    with context, ir.Location.unknown():
        module = load_verified(source, context, bind=bind)
        if bind and not is_onnx(source):
            # Named dims of MLIR input (tg.dims argument attributes, as tg-import writes them).
            run_pipeline(module, "tg-bind-dims{" + " ".join(f"{k}={v}" for k, v in bind.items()) + "}, tg-infer-shapes")
        function = select_entry(module, entry)
        name = ir.StringAttr(function.attributes["sym_name"]).value
        check_signature(function, name)
        _keep_only(module, name)
        # Functions the entry does not call would only be compiled for nothing, and an unresolved
        # declaration among them would fail the whole JIT session.
        run_pipeline(module, "symbol-dce")
        check_no_declarations(module, name)
        try:
            program = Program.from_function(function)
        except (ShapeError, InterpretError) as e:
            raise CompileError(Diagnostic.at(function.location, f"cannot read @{name}: {e}")) from None
        if program.unsupported and not all(t.is_static for t in program.output_types):
            raise CompileError(f"cannot compute the dynamic output shapes of @{name}: {program.unsupported}")
        if opt_level > 0:
            run_pipeline(module, "tg-optimize")
        run_pipeline(module, f"tg-to-llvm{{threads={threads}}}")
        check_lowered(module)
    return program, module


def jit_engine(module: ir.Module, name: str, opt_level: int = 2, *, pic: bool = False) -> ExecutionEngine:
    """An ExecutionEngine compiling the lowered `module` (entry `name`) for this CPU; `pic` makes
    position-independent code, for a shared library."""
    openmp.load()
    libraries = [str(_library_directory() / name) for name in ENGINE_LIBRARIES]
    try:
        with module.context:
            return ExecutionEngine(module, opt_level=min(max(opt_level, 2), 3), shared_libs=libraries, enable_pic=pic)
    except Exception as e:  # LLVM's own errors carry no location; say what failed
        raise CompileError(f"JIT compilation of @{name} failed: {e}") from None


def jit_entry(engine: ExecutionEngine, name: str) -> Callable[[list[int]], None]:
    """A call of `engine`'s entry `name` on descriptor addresses (through the JIT's packed wrapper,
    which takes an array of pointers to the arguments)."""
    address = engine.raw_lookup(f"_mlir_ciface_{name}")
    if not address:
        raise CompileError(f"compiled module has no entry point for @{name}")
    packed = ctypes.CFUNCTYPE(None, ctypes.c_void_p)(address)

    def call(descriptors: list[int]) -> None:
        arguments = [ctypes.c_void_p(d) for d in descriptors]
        packed((ctypes.c_void_p * len(arguments))(*[ctypes.addressof(a) for a in arguments]))

    return call


def check_lowered(module: ir.Module) -> None:
    """CompileError naming every op the pipeline left outside the LLVM dialect and the OpenMP one
    (which translates to LLVM IR as it is); LLVM would only say that it failed."""
    left = []

    def visit(op):
        if op.name != "builtin.module" and not op.name.startswith(("llvm.", "omp.")):
            left.append(Diagnostic.at(op.location, f"'{op.name}' was not lowered to LLVM (a tgraph bug: please report it)"))
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    if left:
        raise CompileError(left)


def check_no_declarations(module: ir.Module, name: str) -> None:
    """CompileError for a function the entry calls that has no body: the JIT has nothing to link it to."""
    for op in module.body.operations:
        if op.operation.name == "func.func" and not len(op.regions[0].blocks):
            callee = ir.StringAttr(op.attributes["sym_name"]).value
            raise CompileError(Diagnostic.at(op.location, f"@{name} calls @{callee}, which is only declared: the JIT cannot link it"))


def _keep_only(module: ir.Module, name: str) -> None:
    """Make every public function but `name` private, so only the entry gets the runtime ABI."""
    for op in module.body.operations:
        if op.operation.name == "func.func" and ir.StringAttr(op.attributes["sym_name"]).value != name:
            if _is_public(op) and len(op.regions[0].blocks):
                op.attributes["sym_visibility"] = ir.StringAttr.get("private")


def run_pipeline(module: ir.Module, pipeline: str) -> None:
    """Run pipeline text on `module`; CompileError for any failure."""
    manager = build_pass_manager(parse_pipeline(pipeline), module.context)
    try:
        manager.run(module.operation)
    except ir.MLIRError as e:
        raise CompileError.from_mlir(e) from None
