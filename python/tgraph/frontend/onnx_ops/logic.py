"""ONNX comparisons, logic, Where, Cast and CastLike."""

from __future__ import annotations

from . import Node, converter  # noqa: F401
