"""Writing analysis reports: numbers people can read at a glance, aligned tables, and where the text
goes (standard error, as MLIR's own analyses print, or a file)."""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

from ..diagnostics import CompileError
from .polynomial import Polynomial


def count(value) -> str:
    """A count to 3 significant digits with an SI suffix (`4.09G`); exact below 10000."""
    if isinstance(value, Polynomial):
        return value.format(count)
    if isinstance(value, Fraction) and value.denominator != 1:
        return f"{float(value):.3g}"
    return _scaled(int(value), 1000, ["", "K", "M", "G", "T", "P"], 10000)


def size(value) -> str:
    """Bytes in binary units (`1.50 MiB`); exact below 1 KiB."""
    if isinstance(value, Polynomial):
        return value.format(count) + " B"
    return _scaled(int(value), 1024, [" B", " KiB", " MiB", " GiB", " TiB"], 1024)


def _scaled(value: int, base: int, units: list[str], exact_below: int) -> str:
    if abs(value) < exact_below:
        return f"{value}{units[0]}"
    scaled, unit = float(value), 0
    while abs(scaled) >= base and unit < len(units) - 1:
        scaled /= base
        unit += 1
    digits = 2 if abs(scaled) < 10 else 1 if abs(scaled) < 100 else 0
    return f"{scaled:.{digits}f}{units[unit]}"


def seconds(value: float) -> str:
    """A duration in s, ms, us or ns, 3 significant digits."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if value >= scale:
            return f"{value / scale:.3g} {unit}"
    return f"{value / 1e-9:.3g} ns"


def table(header: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    """Rows under a header, each column as wide as its widest cell; columns in `right` align right."""
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]

    def line(cells):
        text = "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))
        return text.rstrip()

    return [line(header)] + [line(row) for row in rows]


def write(text: str, output: str) -> None:
    """`text` to `output`: a file path, or standard error when empty (stdout holds the IR)."""
    if not output:
        sys.stderr.write(text)
        sys.stderr.flush()
        return
    try:
        Path(output).write_text(text)
    except OSError as e:
        raise CompileError(f"cannot write '{output}': {e.strerror}") from None
