"""tg-opt: an mlir-opt for the tg dialect.

    tg-opt model.mlir --tg-verify --tg-to-linalg --canonicalize -o lowered.mlir
    tg-opt model.mlir --pass-pipeline='builtin.module(tg-to-linalg, func.func(cse))'
    tg-opt invalid.mlir --split-input-file --verify-diagnostics

Every tgraph pass and named pipeline is a flag (`--tg-to-llvm`); any other `--flag` names an upstream MLIR
pass (`--canonicalize`, `--convert-linalg-to-loops="..."`). Passes run in command-line order.
"""

from __future__ import annotations

import argparse
import gc
import re
import sys

from mlir import ir

from .. import analysis, codegen, conversion, transforms  # noqa: F401  (register passes and pipelines)
from ..diagnostics import CompileError, Diagnostic, collect_diagnostics, expected_diagnostics, match_expected
from ..dialect import TG, make_context, parse_module
from ..dialect.irdl import irdl_text
from ..passes import PASSES, PIPELINES, PipelineElement, build_pass_manager, format_pipeline, parse_pipeline
from ..transforms import statistics
from ..transforms.verify import verify_ops
from .common import ArgumentParser, UsageError, read_input, run_tool, write_output

SPLIT_MARKER = re.compile(r"^// -----", re.MULTILINE)

EPILOG = """\
passes:
  --<tg-pass>[=options]       a tgraph pass or named pipeline, e.g. --tg-verify, --tg-to-llvm
                              (options as mlir-opt writes them: --tg-pass="key=value key2=value")
  --<upstream-pass>[=options] any upstream MLIR pass by its mlir-opt name, e.g. --canonicalize,
                              --one-shot-bufferize="bufferize-function-boundaries"
  Passes run in the order given. --list-passes lists the tgraph passes with their options.

Input is verified when it is loaded: IRDL checks what the dialect file declares, and every tg op is
checked against its shape rule (the --tg-verify pass does the same inside a pipeline).
Errors print as file:line:col: error: message; the exit status is 1 on any error.
"""

TOOL_FLAGS_WITH_VALUE = {"-o", "--output", "--pass-pipeline"}


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="tg-opt",
        usage="tg-opt [options] [input] [--pass ...]",
        description="Parse, verify, transform and print MLIR that uses the tg dialect.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", nargs="?", default="-", help="input .mlir file, or - for stdin (default)")
    parser.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    parser.add_argument("--pass-pipeline", help="a textual pipeline, e.g. 'builtin.module(tg-to-linalg, canonicalize)'")
    parser.add_argument("--split-input-file", action="store_true", help="process each '// -----' chunk separately")
    parser.add_argument("--verify-diagnostics", action="store_true", help="check diagnostics against expected-error/warning/note/remark annotations")
    parser.add_argument("--mlir-print-ir-after-all", action="store_true", help="print the IR after every pass (to stderr)")
    parser.add_argument("--mlir-print-ir-before-all", action="store_true", help="print the IR before every pass (to stderr)")
    parser.add_argument("--mlir-timing", action="store_true", help="print the time each pass took (to stderr)")
    parser.add_argument(
        "--tg-stats", action="store_true",
        help="print the tg op count before and after the passes, and the counters of tgraph's passes "
        "(ops removed, intermediate tensors fused away...) (to stderr)",
    )  # fmt: skip
    parser.add_argument("--mlir-print-op-generic", action="store_true", help="print every op in generic form")
    parser.add_argument("--mlir-print-debuginfo", action="store_true", help="print locations")
    parser.add_argument("--allow-unregistered-dialect", action="store_true", help="accept ops of unknown dialects")
    parser.add_argument("--show-dialects", action="store_true", help="list the dialects tg-opt knows and exit")
    parser.add_argument("--list-passes", action="store_true", help="list tgraph passes (with options) and pipelines, and exit")
    parser.add_argument("--emit-irdl", action="store_true", help="print the tg dialect as IRDL (for mlir-opt --irdl-file) and exit")
    parser.add_argument("--dump-pipeline", action="store_true", help="print the pass pipeline the flags make, and exit")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks on errors")
    return parser


def split_argv(argv: list[str]) -> tuple[list[str], list[PipelineElement]]:
    """Separate tool options from pass flags, keeping the passes in command-line order."""
    tool_flags = {a for action in build_parser()._actions for a in action.option_strings}
    tool_args, passes = [], []
    args = iter(argv)
    for arg in args:
        name, _, value = arg.partition("=")
        if not arg.startswith("-") or arg == "-" or name in tool_flags:
            tool_args.append(arg)
            if name in TOOL_FLAGS_WITH_VALUE and "=" not in arg:
                value = next(args, None)
                if value is None:
                    raise UsageError(f"{arg} needs a value (see tg-opt --help)")
                tool_args.append(value)
            continue
        passes.append(PipelineElement(name.lstrip("-"), _unquote(value.strip())))
    return tool_args, passes


def _unquote(value: str) -> str:
    """`"key=value key2=value"` as a shell leaves it when the quotes themselves were quoted (a Python
    subprocess list, a Makefile variable): the options inside."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def main(argv: list[str] | None = None) -> int:
    return run_tool("tg-opt", _main, sys.argv[1:] if argv is None else argv)


def _main(argv: list[str]) -> int:
    tool_args, pass_flags = split_argv(argv)
    parser = build_parser()
    args = parser.parse_args(tool_args)
    if args.emit_irdl:
        write_output(args.output, irdl_text(TG))
        return 0
    if args.list_passes:
        sys.stdout.write(list_passes())
        return 0
    if args.show_dialects:
        sys.stdout.write("Available Dialects: " + ", ".join(available_dialects()) + "\n")
        return 0
    pipeline = resolve_pipeline(args.pass_pipeline, pass_flags)
    build_pass_manager(pipeline, make_context())  # unknown passes and bad options fail before any input is read
    if args.dump_pipeline:
        print(format_pipeline(pipeline))
        return 0
    text, filename = read_input(args.input)
    chunks = split_chunks(text) if args.split_input_file else [(1, text)]
    outputs, failed = [], False
    for first_line, chunk in chunks:
        output, ok = process_chunk(chunk, first_line, filename, pipeline, args)
        outputs.append(output)
        failed |= not ok
    write_output(args.output, "// -----\n".join(o for o in outputs if o is not None))
    return 1 if failed else 0


def resolve_pipeline(pipeline_text: str | None, flags: list[PipelineElement]) -> list[PipelineElement]:
    if pipeline_text is not None and flags:
        raise UsageError("give passes either as flags or with --pass-pipeline, not both")
    if pipeline_text is not None:
        return parse_pipeline(pipeline_text)
    return parse_pipeline(", ".join(str(f) for f in flags)) if flags else []


def split_chunks(text: str) -> list[tuple[int, str]]:
    """(first line number, text) of each `// -----` separated chunk."""
    chunks, start_line, start = [], 1, 0
    for marker in SPLIT_MARKER.finditer(text):
        chunks.append((start_line, text[start : marker.start()]))
        end = text.find("\n", marker.end())
        start = len(text) if end < 0 else end + 1
        start_line = text.count("\n", 0, start) + 1
    chunks.append((start_line, text[start:]))
    return chunks


def process_chunk(chunk: str, first_line: int, filename: str, pipeline, args) -> tuple[str | None, bool]:
    """Parse, verify, transform and print one chunk. Returns (printed IR or None, success)."""
    context = make_context(allow_unregistered_dialects=args.allow_unregistered_dialect)
    # Pad with empty lines so that locations give the chunk's lines in the whole file.
    source = "\n" * (first_line - 1) + chunk
    with context, collect_diagnostics(context) as emitted:
        module, errors = None, []
        try:
            module = parse_module(source, filename, context)
            errors = verify_ops(module.operation)
            if not errors and pipeline:
                run_passes(module, pipeline, args)
        except ir.MLIRError as e:
            errors = [Diagnostic.from_mlir(d) for d in e.error_diagnostics]
            if not any(d.severity == "error" for d in list(emitted) + errors):
                # A pass may fail without a word (canonicalize{test-convergence=true}): say which pipeline.
                errors.append(Diagnostic(f"{e.message}: a pass in {format_pipeline(pipeline)} failed without reporting an error"))
        except CompileError as e:
            errors = e.diagnostics
        diagnostics = _unique(list(emitted) + errors)
        output = None
        if module is not None and not errors:
            output = module.operation.get_asm(
                print_generic_op_form=args.mlir_print_op_generic, enable_debug_info=args.mlir_print_debuginfo
            )
    if args.verify_diagnostics:
        problems = match_expected(expected_diagnostics(source), diagnostics, filename)
        for problem in problems:
            print(problem, file=sys.stderr)
        return output, not problems
    for diagnostic in diagnostics:
        print(str(diagnostic) if diagnostic.location else f"tg-opt: {diagnostic}", file=sys.stderr)
    return output, not any(d.severity == "error" for d in diagnostics)


def run_passes(module: ir.Module, pipeline: list[PipelineElement], args) -> None:
    manager = build_pass_manager(pipeline, module.context)
    if args.mlir_print_ir_after_all or args.mlir_print_ir_before_all:
        sys.stderr.flush()
        manager.enable_ir_printing(
            print_before_all=args.mlir_print_ir_before_all,
            print_after_all=args.mlir_print_ir_after_all,
            print_generic_op_form=args.mlir_print_op_generic,
        )
    if args.mlir_timing:
        manager.enable_timing()
    before = len(TG.ops_in(module.operation))
    try:
        with statistics.collecting() as counters:
            manager.run(module.operation)
        if args.tg_stats:
            after = len(TG.ops_in(module.operation))
            sys.stderr.write(f"tg ops: {before} before, {after} after ({before - after} fewer)\n")
            sys.stderr.write(statistics.report(counters))
    finally:
        # Timing is reported when the pass manager is destroyed.
        del manager
        gc.collect()


def _unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    seen, unique = set(), []
    for d in diagnostics:
        key = (d.severity, d.location, d.message)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique


def list_passes() -> str:
    lines = ["tgraph passes:"]
    for argument, info in sorted(PASSES.items()):
        lines.append(f"  --{argument}")
        lines.append(f"      {info.summary}")
        lines += [f"      {option}" for option in info.option_help()]
    lines.append("")
    lines.append("tgraph pipelines:")
    for argument, info in sorted(PIPELINES.items()):
        lines.append(f"  --{argument}")
        lines.append(f"      {info.summary}")
        lines += [f"      {option}" for option in info.option_help()]
        lines.append(f"      = {info.cls().text()}")
    lines.append("")
    lines.append("Upstream MLIR passes are accepted by their mlir-opt names (see `mlir-opt --help`).")
    return "\n".join(lines) + "\n"


def available_dialects() -> list[str]:
    """The dialects registered in a tg-opt context that have Python bindings, plus tg."""
    import importlib
    import pkgutil

    import mlir.dialects

    context = make_context()
    names = {TG.name}
    for module in pkgutil.iter_modules(mlir.dialects.__path__):
        if not (module.name.startswith("_") and module.name.endswith("_ops_gen")):
            continue
        namespace = importlib.import_module(f"mlir.dialects.{module.name}")._Dialect.DIALECT_NAMESPACE
        try:
            context.dialects[namespace]
        except (ValueError, IndexError):
            continue
        names.add(namespace)
    return sorted(names)


if __name__ == "__main__":
    sys.exit(main())
