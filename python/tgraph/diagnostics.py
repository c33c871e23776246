"""Errors that point at the input: every failure a user can cause ends as a `CompileError` holding
diagnostics with locations (file:line:col, or an ONNX node name), printed one per line."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

from mlir import ir

SEVERITIES = {
    ir.DiagnosticSeverity.ERROR: "error",
    ir.DiagnosticSeverity.WARNING: "warning",
    ir.DiagnosticSeverity.NOTE: "note",
    ir.DiagnosticSeverity.REMARK: "remark",
}


@dataclass
class Diagnostic:
    """One message: its severity, where it points (None if nowhere), the text, attached notes."""

    message: str
    location: str | None = None
    severity: str = "error"
    notes: list[Diagnostic] = field(default_factory=list)
    line: int | None = None  # the file line, for matching `expected-error` annotations

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        text = f"{where}{self.severity}: {self.message}"
        return "\n".join([text] + [str(n) for n in self.notes])

    @staticmethod
    def at(location: ir.Location, message: str, severity: str = "error") -> Diagnostic:
        """A diagnostic pointing at `location` (an op's `.location`)."""
        return Diagnostic(message, format_location(location), severity, line=location_line(location))

    @staticmethod
    def from_mlir(diagnostic) -> Diagnostic:
        """From an `ir.Diagnostic` or `ir.DiagnosticInfo`."""
        location = diagnostic.location
        return Diagnostic(
            message=diagnostic.message,
            location=format_location(location),
            severity=SEVERITIES[diagnostic.severity],
            notes=[Diagnostic.from_mlir(n) for n in diagnostic.notes],
            line=location_line(location),
        )


class CompileError(Exception):
    """Bad input: the diagnostics say what and where."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic | str):
        if isinstance(diagnostics, str):
            diagnostics = Diagnostic(diagnostics)
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @staticmethod
    def from_mlir(error: ir.MLIRError, default: str | None = None) -> CompileError:
        diagnostics = [Diagnostic.from_mlir(d) for d in error.error_diagnostics]
        if not diagnostics:
            diagnostics = [Diagnostic(default or str(error.message))]
        return CompileError(diagnostics)


def _file_location(location: ir.Location) -> ir.Location | None:
    """The innermost file:line:col inside `location` (through names, call sites and fusions)."""
    if location.is_a_file():
        return location
    if location.is_a_name():
        return _file_location(location.child_loc)
    if location.is_a_callsite():
        return _file_location(location.callee)
    if location.is_a_fused():
        for inner in location.locations:
            if (found := _file_location(inner)) is not None:
                return found
    return None


def format_location(location: ir.Location) -> str | None:
    """`file:line:col`; `model.onnx: node 'conv1/7x7_s2'` for a node of a model (a name around the
    model's file at line 0); the bare name of other name locations; None for unknown."""
    file_location = _file_location(location)
    if location.is_a_name() and file_location is not None and file_location.start_line == 0:
        return f"{file_location.filename}: node '{location.name_str}'"
    if file_location is not None:
        return f"{file_location.filename}:{file_location.start_line}:{file_location.start_col}"
    if location.is_a_name():
        return location.name_str
    if location.is_a_fused():
        names = [n for n in (format_location(inner) for inner in location.locations) if n]
        return names[0] if names else None
    return None


def location_line(location: ir.Location) -> int | None:
    file_location = _file_location(location)
    return file_location.start_line if file_location is not None else None


@contextlib.contextmanager
def collect_diagnostics(context: ir.Context):
    """Collect every diagnostic emitted in `context` meanwhile into the yielded list (instead of
    printing them), so that the caller decides how to report or match them."""
    collected: list[Diagnostic] = []

    def handler(diagnostic):
        collected.append(Diagnostic.from_mlir(diagnostic))
        return True

    handle = context.attach_diagnostic_handler(handler)
    try:
        yield collected
    finally:
        handle.detach()


# --- expected diagnostics (`--verify-diagnostics`) ---------------------------------------------------

_EXPECTATION = re.compile(r"expected-(error|warning|remark|note)\s*(@[+-]\d+|@above|@below)?\s*\{\{(.*?)\}\}")


@dataclass
class Expectation:
    """An `// expected-error@+1 {{message}}` annotation: the diagnostic expected on `line`."""

    severity: str
    line: int
    message: str
    written_at: int
    seen: bool = False


def expected_diagnostics(text: str, first_line: int = 1) -> list[Expectation]:
    """The annotations in `text`, whose first line is file line `first_line`."""
    expectations = []
    lines = text.splitlines()
    for offset, line in enumerate(lines):
        number = first_line + offset
        for match in _EXPECTATION.finditer(line):
            severity, anchor, message = match.groups()
            offsets = {None: 0, "@above": -1, "@below": 1}
            target = number + (offsets[anchor] if anchor in offsets else int(anchor[1:]))
            expectations.append(Expectation(severity, target, message, number))
    return expectations


def match_expected(expectations: list[Expectation], diagnostics: list[Diagnostic], filename: str) -> list[str]:
    """Problems (one line each) between the expected and the produced diagnostics; empty when they agree.
    Notes need no annotation unless one is written for their line."""
    problems = []
    flat = []
    for diagnostic in diagnostics:
        flat.append(diagnostic)
        flat.extend(diagnostic.notes)
    noted_lines = {e.line for e in expectations if e.severity == "note"}
    for diagnostic in flat:
        for expectation in expectations:
            if (
                not expectation.seen
                and expectation.severity == diagnostic.severity
                and expectation.line == diagnostic.line
                and expectation.message in diagnostic.message
            ):
                expectation.seen = True
                break
        else:
            if diagnostic.severity == "note" and diagnostic.line not in noted_lines:
                continue
            where = diagnostic.location or filename
            problems.append(f"{where}: error: unexpected {diagnostic.severity}: {diagnostic.message}")
    for expectation in expectations:
        if not expectation.seen:
            problems.append(
                f"{filename}:{expectation.written_at}: error: expected {expectation.severity} "
                f'"{expectation.message}" was not produced'
            )
    return problems
