"""ONNX convolutions, pooling and normalizations."""

from __future__ import annotations

from . import Node, converter  # noqa: F401
