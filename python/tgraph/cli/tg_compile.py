"""tg-compile: compile a tg function (or an ONNX model) ahead of time into a shared library and a C
header declaring its entry point.

    tg-compile model.onnx -o libmodel.so                  # and libmodel.h beside it
    tg-compile model.onnx --bind batch=1 -o libmodel.so   # static shapes
    tg-compile model.mlir --entry mlp -o libmlp.so --header include/mlp.h
    cc app.c -I. -L. -lmodel -Wl,-rpath,'$ORIGIN' -o app
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..diagnostics import CompileError
from ..runtime import aot
from ..runtime.c_header import c_header, is_c_identifier
from ..runtime.jit import default_threads, jit_engine, lower
from .common import ArgumentParser, add_threads_argument, UsageError, parse_binds, run_tool, write_output


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="tg-compile",
        description="Compile a tg function (or an ONNX model) for this CPU into a shared library and a C header.",
        epilog="The header's comment documents the calling convention. Exit status: 0 on success, 1 on any error.",
    )
    parser.add_argument("file", help="a .mlir file holding tg functions, or an .onnx model")
    parser.add_argument("-o", "--output", required=True, metavar="LIB.so", help="the shared library to write")
    parser.add_argument("--header", metavar="FILE.h", help="the C header to write (default: the library's path with .h)")
    parser.add_argument("--entry", help="the function to compile (default: the only public one)")
    parser.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE", help="fix a named dim (repeatable)")
    parser.add_argument(
        "--opt-level", type=int, default=2, choices=range(4), metavar="N",
        help="0: compile the graph as it is; 1-3: run the graph optimizations (tg-optimize) first, and LLVM at that level (default 2)",
    )  # fmt: skip
    add_threads_argument(parser)
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks on errors")
    return parser


def main(argv: list[str] | None = None) -> int:
    return run_tool("tg-compile", _main, sys.argv[1:] if argv is None else argv)


def _main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    source = Path(args.file)
    if not source.is_file():
        raise UsageError(f"cannot read '{args.file}': no such file")
    output = Path(args.output)
    header = Path(args.header) if args.header else output.with_suffix(".h")
    for path in (output, header):
        if not path.parent.is_dir():
            raise UsageError(f"cannot write '{path}': no directory '{path.parent}'")
    if aot.c_compiler() is None:
        raise UsageError("no C compiler to link the library with: install cc (gcc or clang) or set $CC")
    program, module = lower(source, args.entry, bind=parse_binds(args.bind), opt_level=args.opt_level, threads=default_threads(args.threads))
    if not is_c_identifier(program.name):
        raise CompileError(f"@{program.name} is not a C identifier: rename the function to call it from C")
    engine = jit_engine(module, program.name, args.opt_level, pic=True)
    try:
        aot.write_shared_library(engine, program.name, output)
    except OSError as e:
        raise UsageError(f"cannot write '{output}': {e.strerror or e}") from None
    write_output(str(header), c_header(program, library=output.name, source=source.name))
    return 0
