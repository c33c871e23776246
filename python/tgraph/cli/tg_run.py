"""tg-run: compile a tg function (or an ONNX model) for the CPU, run it on NumPy inputs and print the
outputs.

    tg-run model.mlir --input x.npy --input w.npy
    tg-run model.mlir --input '[[1, 2], [3, 4]]' --input 2.0 --check
    tg-run model.mlir --random-inputs --seed 0 --input-shape 8x64 --check --benchmark 100
    tg-run model.onnx --bind batch=1 --random-inputs --check    # --check against onnx.reference
"""

from __future__ import annotations

import argparse
import ast
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from ..dialect import TensorSpec
from ..runtime.jit import CompiledFunction, compile, is_onnx
from .common import ArgumentParser, add_threads_argument, UsageError, parse_binds, run_tool

#: (rtol, atol) per element type for --check; integers and booleans must match exactly.
TOLERANCES = {"f64": (1e-9, 1e-12), "f32": (1e-4, 1e-5), "f16": (1e-2, 1e-3), "bf16": (5e-2, 1e-2)}


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="tg-run",
        description="Compile a tg function for the CPU, run it and print its outputs.",
        epilog="Exit status: 0 on success, 1 on any error or a failed --check.",
    )
    parser.add_argument("file", nargs="?", help="a .mlir file holding tg functions, or an .onnx model")
    parser.add_argument("--entry", help="the function to run (default: the only public one)")
    parser.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE", help="fix a symbolic dim of an ONNX model (repeatable)")
    parser.add_argument(
        "--input", action="append", default=[], metavar="NPY|LITERAL",
        help="one input per use, in order: a .npy file or a literal such as '[[1, 2], [3, 4]]' or 0.5 "
        "(a scalar literal fills the input's static shape)",
    )  # fmt: skip
    parser.add_argument("--random-inputs", action="store_true", help="generate seeded random inputs")
    parser.add_argument("--seed", type=int, default=0, help="seed for --random-inputs (default 0)")
    parser.add_argument(
        "--input-shape", action="append", default=[], metavar="DIMS",
        help="shape of a random input, in order, like 8x64 (needed for dynamic dims unless --dynamic-size)",
    )  # fmt: skip
    parser.add_argument("--dynamic-size", type=int, default=None, help="size for every dynamic dim of random inputs")
    parser.add_argument(
        "--check", action="store_true",
        help="compare the outputs with a reference: the NumPy semantics of the tg ops in float64, or onnx.reference for a model",
    )  # fmt: skip
    parser.add_argument("--benchmark", type=int, metavar="N", help="time N runs and print median and min latency")
    parser.add_argument(
        "--opt-level", type=int, default=2, choices=range(4), metavar="N",
        help="0: compile the graph as it is; 1-3: run the graph optimizations (tg-optimize) first, and LLVM at that level (default 2)",
    )  # fmt: skip
    add_threads_argument(parser)
    parser.add_argument("--O0", dest="opt_level", action="store_const", const=0, help="the same as --opt-level 0")
    parser.add_argument(
        "--profile", nargs="?", const="", metavar="GFLOPS,GBS",
        help="after the run, time each fusion group and op compiled as a function of its own, on the intermediate "
        "values a reference (NumPy) run gives it, next to its roofline estimate on a machine of GFLOPS peak and "
        "GBS bandwidth (default: --tg-cost's); the whole function is timed too",
    )  # fmt: skip
    parser.add_argument(
        "--measure-machine", action="store_true",
        help="measure this machine as tgraph's compiled code uses it (a fused multiply-add chain, a matmul, a streaming "
        "add), print the rates as --tg-cost and --profile options, and exit (no file needed)",
    )  # fmt: skip
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks on errors")
    return parser


def main(argv: list[str] | None = None) -> int:
    return run_tool("tg-run", _main, sys.argv[1:] if argv is None else argv)


def _main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.measure_machine:
        from ..analysis.machine import measure

        print(measure(), end="")
        return 0
    if args.file is None:
        raise UsageError("the following arguments are required: file (see tg-run --help)")
    if not Path(args.file).is_file():
        raise UsageError(f"cannot read '{args.file}': no such file")
    started = time.perf_counter()
    function = compile(Path(args.file), entry=args.entry, bind=parse_binds(args.bind), opt_level=args.opt_level, threads=args.threads)
    compile_seconds = time.perf_counter() - started
    inputs = make_inputs(function, args)
    outputs = function(*inputs)
    outputs = list(outputs) if isinstance(outputs, tuple) else [outputs]
    for index, output in enumerate(outputs):
        print(f"output #{index}: {TensorSpec.of_array(output)}")
        print(np.array2string(output, precision=6, suppress_small=True, threshold=1000))
    status = 0
    if args.check:
        status = check(outputs, *references(function, Path(args.file), inputs))
    if args.benchmark:
        print(f"compile: {compile_seconds * 1e3:.1f} ms")
        print(benchmark(function, inputs, args.benchmark))
    if args.profile is not None:
        from ..analysis.machine import Machine
        from ..analysis.profile import profile

        machine = Machine.parse(args.profile)
        print(profile(Path(args.file), inputs, args.entry, bind=parse_binds(args.bind), opt_level=args.opt_level, machine=machine, threads=args.threads), end="")
    return status


def make_inputs(function: CompiledFunction, args) -> list[np.ndarray]:
    types = function.input_types
    if args.input:
        if len(args.input) != len(types):
            raise UsageError(f"@{function.name} takes {len(types)} inputs, got {len(args.input)} --input")
        return [read_array(text, spec) for text, spec in zip(args.input, types)]
    if types and not args.random_inputs:
        raise UsageError(f"@{function.name} takes {len(types)} inputs: give --input for each, or --random-inputs")
    if args.input_shape and len(args.input_shape) != len(types):
        raise UsageError(f"@{function.name} takes {len(types)} inputs, got {len(args.input_shape)} --input-shape")
    rng = np.random.default_rng(args.seed)
    shapes = [parse_shape(s) for s in args.input_shape] or [fill_dynamic(t, args.dynamic_size) for t in types]
    return [random_array(rng, shape, spec) for shape, spec in zip(shapes, types)]


def parse_shape(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(d) for d in text.split("x")) if text not in ("", "scalar") else ()
    except ValueError:
        raise UsageError(f"--input-shape '{text}' is not like 8x64") from None


def fill_dynamic(spec: TensorSpec, size: int | None) -> tuple[int, ...]:
    if not spec.is_static and size is None:
        raise UsageError(f"input type {spec} has dynamic dims: give --input-shape or --dynamic-size")
    return tuple(size if d is None else d for d in spec.shape)


def random_array(rng: np.random.Generator, shape, spec: TensorSpec) -> np.ndarray:
    if spec.dtype == "i1":
        return rng.random(shape) < 0.5
    if spec.dtype.startswith("i"):
        return rng.integers(-10, 10, shape).astype(spec.np_dtype)
    return rng.standard_normal(shape).astype(spec.np_dtype)


def read_array(text: str, spec: TensorSpec) -> np.ndarray:
    """An input from a .npy file or a literal, converted to the input's element type."""
    if text.endswith(".npy"):
        try:
            return np.load(text)
        except (OSError, ValueError) as e:
            raise UsageError(f"cannot read '{text}': {getattr(e, 'strerror', None) or e}") from None
    try:
        value = np.array(ast.literal_eval(text), dtype=spec.np_dtype)
    except (ValueError, SyntaxError, TypeError):
        raise UsageError(f"--input '{text}' is neither a .npy file nor a literal array of {spec.dtype}") from None
    if value.ndim == 0 and spec.rank and spec.is_static:
        value = np.full(spec.shape, value, spec.np_dtype)
    return value


def references(function: CompiledFunction, path: Path, inputs: list[np.ndarray]):
    """(expected outputs, the same program at the inputs' precision or None, what the reference is).

    For tg programs the expected outputs are the NumPy semantics of the tg ops in float64; for ONNX
    models, onnx.reference's outputs."""
    if is_onnx(path):
        from onnx.reference import ReferenceEvaluator

        evaluator = ReferenceEvaluator(str(path))
        names = [i.name for i in evaluator.proto_.graph.input if i.name not in {t.name for t in evaluator.proto_.graph.initializer}]
        return evaluator.run(None, dict(zip(names, inputs))), None, "onnx.reference"
    return function.program.evaluate(inputs, exact=True), function.program.evaluate(inputs), "tg reference in float64"


def check(outputs: list[np.ndarray], expected: list[np.ndarray], same_precision: list[np.ndarray] | None, what: str) -> int:
    """Compare outputs with a reference; print the verdicts; 0 if every output matches.

    An output passes when every element is within its dtype's tolerance (`rtol * |expected| + atol`),
    plus, for a float64 reference, twice the largest error NumPy itself makes running the program at the
    inputs' precision: ill-conditioned programs are judged against what is attainable."""
    status = 0
    for index, (got, want) in enumerate(zip(outputs, expected)):
        dtype = TensorSpec.of_array(got).dtype
        rtol, atol = TOLERANCES.get(dtype, (0.0, 0.0))
        got64, want64 = got.astype(np.float64), np.asarray(want).astype(np.float64)
        error = _max_error(got64, want64)
        attainable = _max_error(same_precision[index].astype(np.float64), want64) if same_precision else 0.0
        allowed = rtol * np.abs(want64) + atol + 2 * attainable
        both_nan = np.isnan(got64) & np.isnan(want64)
        ok = got.shape == want64.shape and bool(np.all((np.abs(got64 - want64) <= allowed) | both_nan | (got64 == want64)))
        extra = f"NumPy at {dtype}: {attainable:.3g}; " if same_precision else ""
        print(f"check: output #{index} {'ok' if ok else 'FAILED'} against {what}: max abs error {error:.3g} ({extra}rtol {rtol}, atol {atol})")
        status |= not ok
    return status


def _max_error(got: np.ndarray, want: np.ndarray) -> float:
    differ = ~(np.isnan(got) & np.isnan(want)) & (got != want)
    return float(np.max(np.abs(got - want), initial=0.0, where=differ))


def benchmark(function: CompiledFunction, inputs: list[np.ndarray], runs: int) -> str:
    times = function.time(inputs, runs, warmup=min(3, runs))
    return f"latency: median {statistics.median(times) * 1e3:.3f} ms, min {min(times) * 1e3:.3f} ms over {runs} runs"


if __name__ == "__main__":
    sys.exit(main())
