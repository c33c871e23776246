"""What the command-line tools share: reading input, and turning every user error into one message on
stderr and exit status 1 (a Python traceback only with `--debug`)."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from mlir import ir

from ..diagnostics import CompileError
from ..dialect.interpreter import InterpretError


class UsageError(Exception):
    """A bad command line."""


class ArgumentParser(argparse.ArgumentParser):
    """argparse whose command-line errors are UsageErrors: one message and exit status 1, like every
    other bad input (argparse itself prints the usage and exits with status 2)."""

    def error(self, message):
        raise UsageError(f"{message} (see {self.prog} --help)")


def add_threads_argument(parser: argparse.ArgumentParser) -> None:
    """`--threads N`: how many cores compiled code runs on (None when not given: all of them)."""
    parser.add_argument(
        "--threads", type=_at_least_one, default=None, metavar="N",
        help="how many cores the compiled code runs on (default: all); >1 runs the kernels' blocks as OpenMP parallel loops",
    )  # fmt: skip


def _at_least_one(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def parse_binds(binds: list[str]) -> dict[str, int]:
    """`["batch=1"]` -> `{"batch": 1}`; UsageError for anything else."""
    result = {}
    for bind in binds:
        name, eq, value = bind.partition("=")
        if not eq or not name or not value.lstrip("-").isdigit():
            raise UsageError(f"--bind '{bind}' is not NAME=VALUE with an integer VALUE")
        result[name] = int(value)
    return result


def read_input(path: str) -> tuple[str, str]:
    """(text, name for locations) of a file, or of stdin for `-`."""
    if path == "-":
        return sys.stdin.read(), "<stdin>"
    try:
        return Path(path).read_text(), path
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"cannot read '{path}': {getattr(e, 'strerror', None) or e}") from None


def write_output(path: str | None, text: str) -> None:
    if path in (None, "-"):
        sys.stdout.write(text)
        return
    try:
        Path(path).write_text(text)
    except OSError as e:
        raise UsageError(f"cannot write '{path}': {e.strerror}") from None


def report(tool: str, error: Exception) -> None:
    """Print a user error: located diagnostics as `file:line:col: error: ...`, others after the tool name."""
    if isinstance(error, ir.MLIRError):
        error = CompileError.from_mlir(error)
    if isinstance(error, CompileError):
        for diagnostic in error.diagnostics:
            print(str(diagnostic) if diagnostic.location else f"{tool}: {diagnostic}", file=sys.stderr)
    else:
        print(f"{tool}: error: {error}", file=sys.stderr)


def run_tool(tool: str, main, argv: list[str]) -> int:
    """Run `main(argv)`; report user errors on stderr with exit status 1, tracebacks only with --debug."""
    debug = "--debug" in argv
    try:
        return main([a for a in argv if a != "--debug"]) or 0
    except (CompileError, UsageError, InterpretError, ValueError, ir.MLIRError) as e:
        if debug:
            traceback.print_exc()
        report(tool, e)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug in tgraph: say so, and how to see it
        if debug:
            traceback.print_exc()
        else:
            print(f"{tool}: internal error: {type(e).__name__}: {e} (rerun with --debug for a traceback)", file=sys.stderr)
        return 1
