"""tg-import: an ONNX model as a tg module.

    tg-import model.onnx -o model.mlir
    tg-import model.onnx --bind batch=1 --bind seq=128
"""

from __future__ import annotations

import sys

from ..dialect import make_context
from ..frontend.onnx import import_model
from .common import ArgumentParser, parse_binds, run_tool, write_output


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="tg-import",
        description="Import an ONNX model into the tg dialect and print it as MLIR.",
        epilog="Large initializers print as dense_resource blobs at the end of the file; the output "
        "reloads with tg-opt, tg-run and tgraph.compile. Exit status 1 on any error; an unsupported "
        "model lists all its unsupported ops.",
    )
    parser.add_argument("model", help="an .onnx file")
    parser.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    parser.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE", help="fix the symbolic dim NAME (repeatable)")
    parser.add_argument("--dynamic-inputs", action="store_true", help="make every input dim dynamic")
    parser.add_argument("--mlir-print-debuginfo", action="store_true", help="print locations (node names)")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks on errors")
    return parser


def main(argv: list[str] | None = None) -> int:
    return run_tool("tg-import", _main, sys.argv[1:] if argv is None else argv)


def _main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    with make_context():
        module = import_model(args.model, bind=parse_binds(args.bind), dynamic_inputs=args.dynamic_inputs)
        write_output(args.output, module.operation.get_asm(enable_debug_info=args.mlir_print_debuginfo))
    return 0


if __name__ == "__main__":
    sys.exit(main())
