#!/usr/bin/env python3
"""tgraph against onnxruntime and NumPy: the same kernels and models through all three, in one run.

    make bench                                        # installs .[bench], runs everything below
    python bench/run.py                               # the same, in an environment with onnxruntime
    python bench/run.py --only 'matmul*' --only models --threads 1 --runs 10
    python bench/run.py --quick                       # a few small cases: a smoke test
    python bench/run.py --list                        # the case names and sections

Each case is an ONNX model (a one-node kernel or a whole network, bench/models.py). For every thread
count, onnxruntime runs it first (intra-op threads = N, one inter-op thread, every graph
optimization) and its outputs are the reference; tgraph compiles it with `threads=N`, and its
outputs must match within --tolerance of the reference's scale, or the table says FAILED instead of
a time; NumPy runs the case's NumPy expression where there is one, checked the same way. Times are
the median and the minimum of --runs calls after --warmup calls; an engine whose first call is slow
makes fewer calls (about --max-seconds in all; a first call that took that long is the only one).
The engines of a case make their timed calls in turns (5 rounds, each engine its share in each;
on several threads a turn starts 0.2 s after the last, when the other engines' thread pools have
stopped spinning, and its first 50 ms of calls are untimed, while the idle cores wake up), so that a
ratio compares calls made within seconds of each other.

Each thread count runs in a worker process of its own (bench/worker.py) with OPENBLAS_NUM_THREADS
set to it, since NumPy's BLAS fixes its threads when it loads. A case that crashes its worker or
runs past --case-timeout is reported as CRASHED or TIMEOUT and the worker restarts after it.

Run it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (`make bench` does): with them set, this
machine's NumPy runs OpenBLAS's Haswell kernel at half its speed. The header says which kernel ran.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import select
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cases as catalogue  # noqa: E402
import report  # noqa: E402
from measure import TOLERANCE  # noqa: E402

ENGINES = ("tgraph", "onnxruntime", "numpy")


@dataclass
class Result:
    """What was measured for one case at one thread count: the engines' reports as the worker sent
    them, and the rate's work per call."""

    case: catalogue.Case
    threads: int
    work: float | None = None
    unit: str | None = None
    engines: dict[str, dict] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "case": self.case.name,
            "section": self.case.section,
            "note": self.case.note,
            "threads": self.threads,
            "work": self.work,
            "unit": self.unit,
            "engines": self.engines,
        }


def worker_command(options, threads: int, names: list[str], fd: int) -> list[str]:
    command = [sys.executable, str(HERE / "worker.py"), "--results-fd", str(fd), "--threads", str(threads)]
    command += ["--runs", str(options.runs), "--warmup", str(options.warmup), "--max-seconds", str(options.max_seconds)]
    command += ["--tolerance", str(options.tolerance), "--seed", str(options.seed)]
    return command + (["--quick"] if options.quick else []) + names


def worker_environment(options, threads: int) -> dict[str, str]:
    environment = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    if options.no_cache:
        environment["TGRAPH_CACHE"] = "0"
    return environment


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_worker(options, threads: int, todo: list[catalogue.Case], results: dict, environments: dict) -> list[catalogue.Case]:
    """Run the cases `todo` in one worker until they are done or one crashes or times out (its
    engines that did not report are marked so); returns the cases still to run."""
    read_fd, write_fd = os.pipe()
    worker = subprocess.Popen(
        worker_command(options, threads, [c.name for c in todo], write_fd),
        pass_fds=(write_fd,),
        env=worker_environment(options, threads),
        stdout=sys.stderr,  # only the table goes to standard output
    )
    os.close(write_fd)
    by_name = {c.name: c for c in todo}
    current, started, buffer = None, time.monotonic(), b""
    with os.fdopen(read_fd, "rb", buffering=0) as pipe:
        while True:
            wait = options.case_timeout - (time.monotonic() - started)
            ready, _, _ = select.select([pipe], [], [], max(wait, 0))
            if not ready:
                worker.kill()
                worker.wait()
                return abandon(results, current, threads, f"TIMEOUT after {options.case_timeout:.0f} s", todo)
            chunk = pipe.read(65536)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                event = json.loads(line)
                kind = event.pop("event")
                if kind == "environment":
                    environments[threads] = event
                    continue
                result = results.setdefault((event["case"], threads), Result(by_name[event["case"]], threads))
                if kind == "start":
                    current, started = result, time.monotonic()
                    progress(f"[{threads} thread{'s' if threads > 1 else ''}] {result.case.name}")
                elif kind == "built":
                    result.work, result.unit = event["work"], event["unit"]
                elif kind == "engine":
                    engine = event.pop("engine")
                    result.engines[engine] = {k: v for k, v in event.items() if k != "case"}
                    progress(f"  {engine}: {report.progress_line(result.engines[engine])}")
                elif kind == "end":
                    current = None
    code = worker.wait()
    if current is None:
        return []
    return abandon(results, current, threads, f"CRASHED (exit {code})", todo)


def abandon(results: dict, current: Result | None, threads: int, status: str, todo: list[catalogue.Case]) -> list[catalogue.Case]:
    """Mark the engines of `current` that did not report with `status`; the cases after it remain."""
    if current is None:
        return []
    progress(f"  {current.case.name}: {status}")
    for engine in ENGINES:
        if engine == "numpy" and current.case.numpy is None:
            continue
        current.engines.setdefault(engine, {"status": status.split()[0], "message": status})
    names = [c.name for c in todo]
    return todo[names.index(current.case.name) + 1 :]


def parse_arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", default=[], metavar="PATTERN", help="run the cases whose name or section matches this glob (repeatable, or comma-separated)")
    parser.add_argument("--quick", action="store_true", help="a few small cases instead of the full set")
    parser.add_argument("--threads", default="1,2", help="thread counts, comma-separated (default: 1,2)")
    parser.add_argument("--runs", type=int, default=20, help="timed calls per engine and case (default: 20)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed calls before them (default: 3)")
    parser.add_argument("--max-seconds", type=float, default=10.0, help="time budget of one engine's timed calls for one case (default: 10)")
    parser.add_argument("--case-timeout", type=float, default=900.0, help="a case running longer (compilation included) is abandoned (default: 900 s)")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help=f"largest error relative to the reference's scale (default: {TOLERANCE:g})")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random inputs")
    parser.add_argument("--no-cache", action="store_true", help="compile without tgraph's compile cache (TGRAPH_CACHE=0)")
    parser.add_argument("--json", metavar="FILE", help="also save the results as JSON")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    options = parse_arguments(argv)
    patterns = [p for option in options.only for p in option.split(",") if p]
    selected = catalogue.select(catalogue.quick() if options.quick else catalogue.full(), patterns)
    if options.list:
        for case in selected:
            print(f"{case.section:10} {case.name:24} {case.note}")
        return 0
    if not selected:
        print(f"no case matches {patterns}; see --list", file=sys.stderr)
        return 2
    thread_counts = [int(t) for t in options.threads.split(",")]
    results: dict[tuple[str, int], Result] = {}
    environments: dict[int, dict] = {}
    started = time.monotonic()
    for threads in thread_counts:
        todo = selected
        while todo:
            todo = run_worker(options, threads, todo, results, environments)
    ordered = [results[(c.name, t)] for c in selected for t in thread_counts if (c.name, t) in results]
    machine = {"cpu": report.cpu_name(), "cores": os.cpu_count(), "python": platform.python_version(), "tgraph_commit": report.git_commit(HERE.parent)}
    print(report.header(machine, environments))
    for section, title in catalogue.SECTIONS.items():
        rows = [r for r in ordered if r.case.section == section]
        if rows:
            print(report.section_table(title, rows))
    progress(f"bench: {time.monotonic() - started:.0f} s")
    if options.json:
        document = {"machine": machine, "environments": environments, "options": vars(options), "results": [r.as_json() for r in ordered]}
        Path(options.json).write_text(json.dumps(document, indent=1))
    broken = [f"{r.case.name} ({engine}, {r.threads} threads)" for r in ordered for engine, e in r.engines.items() if e["status"] in ("FAILED", "ERROR", "CRASHED")]
    if broken:
        print(f"\nnot measured: {', '.join(broken)}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
