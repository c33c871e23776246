"""Analyses of tg programs, as passes that report without changing the IR: the cost model
(`--tg-cost`), the activation memory plan (`--tg-memory-plan`), op statistics (`--op-stats`) and a
picture of the graph (`--tg-view-graph`); `tgraph.analyze` gives them from Python. Measuring the
machine and profiling compiled code (`tg-run --measure-machine`, `--profile`) live in `machine` and
`profile`, which load the runtime when used."""

from . import cost, memory_plan, op_stats, view_graph  # noqa: F401
