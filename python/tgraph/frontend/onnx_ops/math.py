"""ONNX math functions and activations."""

from __future__ import annotations

from . import Node, converter  # noqa: F401
