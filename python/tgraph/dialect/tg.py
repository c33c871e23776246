"""The `tg` dialect: a small, orthogonal set of tensor-graph ops with NumPy semantics."""

from .declare import Dialect


class TG(Dialect, name="tg"):
    """Tensor-graph ops on ranked tensors with static or dynamic (`?`) dims. Every op is pure; its
    meaning is its NumPy reference, and importers decompose framework ops into this set."""
