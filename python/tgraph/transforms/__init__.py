"""Graph-level passes on the tg dialect, one module per pass, named after its flag."""

from . import verify  # noqa: F401
