"""Counters kept by tgraph's passes (ops removed, intermediates fused...), printed by
`tg-opt --tg-stats` in the style of `--mlir-pass-statistics`.

    with collecting() as stats:
        manager.run(module)
    print(report(stats))
"""

from __future__ import annotations

import contextlib
from collections import defaultdict

_active: list[dict[str, dict[str, int]]] = []


def count(pass_name: str, what: str, amount: int = 1) -> None:
    """Add `amount` to the counter `what` of `pass_name`, if statistics are being collected."""
    for stats in _active:
        stats[pass_name][what] += amount


@contextlib.contextmanager
def collecting():
    """Collect the counters of the passes run meanwhile into the yielded dict (pass -> name -> count)."""
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    _active.append(stats)
    try:
        yield stats
    finally:
        _active.remove(stats)


def report(stats: dict[str, dict[str, int]]) -> str:
    """The counters as text: one block per pass, like `--mlir-pass-statistics`."""
    lines = ["===" + "-" * 60 + "===", "  tgraph pass statistics", "===" + "-" * 60 + "==="]
    for pass_name, counters in stats.items():
        lines.append(f"'{pass_name}'")
        width = max((len(str(v)) for v in counters.values()), default=1)
        lines += [f"  ({value:>{width}}) {what}" for what, value in counters.items()]
    return "\n".join(lines) + "\n"
