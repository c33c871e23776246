"""Graph-level passes on the tg dialect, one module per pass, named after its flag."""

from . import bind_dims, canonicalize, cse, dce, fold_constants, fuse, infer_shapes, optimize, verify  # noqa: F401
from . import fold_batchnorm, layout  # noqa: F401
