"""The `tg` dialect: op declarations, their IRDL form, and contexts that load it.

    from tgraph.dialect import TG, make_context, parse_module
    from tgraph.dialect.ops import Add, MatMul
"""

from . import ops  # noqa: F401  (declares the ops)
from .context import as_module, make_context, parse_module
from .tg import TG
from .types import ShapeError, TensorSpec

__all__ = ["TG", "TensorSpec", "ShapeError", "make_context", "parse_module", "as_module"]
