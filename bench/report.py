"""The bench's tables: one per section, a row per case and thread count.

Times are `median (min)` in milliseconds; ratios are tgraph's median over the other engine's (above 1:
tgraph is slower); rates are GFLOP/s or GB/s at the median. A cell says FAILED (with the error
relative to the reference's scale), ERROR, TIMEOUT or CRASHED instead of a time when the engine did
not produce a checked time, and `-` when the engine does not run that case.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

MEASURED = ("ok", "unchecked")


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform

    return platform.processor() or "unknown CPU"


def git_commit(repository: Path) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(repository), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None


def header(machine: dict, environments: dict[int, dict]) -> str:
    lines = [f"tgraph {next(iter(environments.values()), {}).get('tgraph', '?')} (commit {machine['tgraph_commit']}) on {machine['cpu']}, {machine['cores']} cores"]
    for threads, env in sorted(environments.items()):
        blas = env.get("openblas", {})
        lines.append(
            f"  {threads} thread{'s' if threads > 1 else ''}: onnxruntime {env['onnxruntime']}, NumPy {env['numpy']} with {blas.get('blas', '?').split('  ')[0]} "
            f"(kernel {blas.get('core', '?')}, BLAS threads: {blas.get('threads', '?')})"
        )
        for variable in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
            if env.get(variable):
                lines.append(f"  warning: {variable}={env[variable]} is set: NumPy may run a slower kernel than this CPU's (make bench unsets it)")
    return "\n".join(lines)


def milliseconds(value: float) -> str:
    for limit, digits in ((100, 0), (10, 1), (1, 2)):
        if value >= limit:
            return f"{value:.{digits}f}"
    return f"{value:.3f}"


def time_cell(engine: dict | None) -> str:
    if engine is None:
        return "-"
    status = engine["status"]
    if status in MEASURED:
        return f"{milliseconds(engine['median_ms'])} ({milliseconds(engine['min_ms'])})" + ("?" if status == "unchecked" else "")
    if status == "FAILED":
        return f"FAILED {engine['error']:.1e}"
    return status


def progress_line(engine: dict) -> str:
    """An engine's result as the bench prints it while running."""
    line = time_cell(engine) + (" ms" if engine["status"] in MEASURED else "")
    if "compile_s" in engine:
        line += f", compiled in {engine['compile_s']:.1f} s"
    return line


def ratio_cell(result, engine: str) -> str:
    mine, theirs = result.engines.get("tgraph"), result.engines.get(engine)
    if not (mine and theirs and mine["status"] in MEASURED and theirs["status"] in MEASURED):
        return "-"
    ratio = mine["median_ms"] / theirs["median_ms"]
    return f"{ratio:.2f}" if ratio < 10 else f"{ratio:.0f}"


def rate(result, engine: str) -> float | None:
    measured = result.engines.get(engine)
    if not result.work or not measured or measured["status"] not in MEASURED:
        return None
    return result.work / (measured["median_ms"] * 1e-3) / 1e9


def rate_cell(result, engine: str) -> str:
    value = rate(result, engine)
    return "-" if value is None else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def compile_cell(result) -> str:
    seconds = result.engines.get("tgraph", {}).get("compile_s")
    return "-" if seconds is None else f"{seconds:.1f}"


def table(rows: list[list[str]], left_columns: int) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell.ljust(w) if i < left_columns or i == len(row) - 1 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def section_table(title: str, results: list) -> str:
    unit = next((r.unit for r in results if r.unit), "rate")
    heading = ["case", "thr", "tgraph ms", "ort ms", "numpy ms", "tg/ort", "tg/np", f"tgraph {unit}", f"ort {unit}", f"numpy {unit}", "compile s", "note"]
    rows = [heading]
    for r in results:
        times = [time_cell(r.engines.get(engine)) for engine in ("tgraph", "onnxruntime", "numpy")]
        rates = [rate_cell(r, engine) for engine in ("tgraph", "onnxruntime", "numpy")]
        rows.append([r.case.name, str(r.threads), *times, ratio_cell(r, "onnxruntime"), ratio_cell(r, "numpy"), *rates, compile_cell(r), r.case.note])
    lines = [f"\n== {title} ==", table(rows, left_columns=1)]
    lines += bandwidth_lines(results)
    for r in results:
        for engine, measured in r.engines.items():
            if measured.get("message"):
                message = " ".join(measured["message"].split())
                lines.append(f"  {r.case.name} ({r.threads} thr) {engine}: {message[:300]}")
    return "\n".join(lines)


def bandwidth_lines(results: list) -> list[str]:
    """Each memory-bound case's bandwidth as a fraction of the NumPy copy's at the same thread count."""
    copies = {r.threads: rate(r, "numpy") for r in results if r.case.reference_bandwidth}
    lines = []
    for r in results:
        copy = copies.get(r.threads)
        if r.case.reference_bandwidth or r.unit != "GB/s" or not copy:
            continue
        shares = [f"{engine} {rate(r, engine) / copy:.0%}" for engine in ("tgraph", "onnxruntime", "numpy") if rate(r, engine)]
        lines.append(f"  {r.case.name} ({r.threads} thr) bandwidth / NumPy copy's {copy:.1f} GB/s: {', '.join(shares)}")
    return lines
