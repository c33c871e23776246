"""Graph-level passes on the tg dialect, one module per pass, named after its flag."""

from . import cse, dce, fold_constants, infer_shapes, verify  # noqa: F401
