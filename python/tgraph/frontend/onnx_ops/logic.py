"""ONNX comparisons, logic, Where, Cast and CastLike."""

from __future__ import annotations

import onnx

from ...dialect.ops import And, Cast, Compare, Not, Or, Select, Xor
from ...dialect.ops.logic import E8M0_ROUND_MODES, SATURATING_FLOAT8_TYPES
from . import Node, converter, tg_dtype

#: ONNX comparison -> tg.compare predicate.
COMPARISONS = {"Equal": "eq", "Greater": "gt", "GreaterOrEqual": "ge", "Less": "lt", "LessOrEqual": "le"}
LOGICAL = {"And": And, "Or": Or, "Xor": Xor}


@converter(*COMPARISONS)
def compare(node: Node):
    return node.emit(Compare, node.input(0), node.input(1), predicate=COMPARISONS[node.op_type])


@converter(*LOGICAL)
def logical(node: Node):
    return node.emit(LOGICAL[node.op_type], node.input(0), node.input(1))


@converter("Not")
def logical_not(node: Node):
    return node.emit(Not, node.input(0))


@converter("Where")
def where(node: Node):
    return node.emit(Select, node.input(0), node.input(1), node.input(2))


@converter("Cast")
def cast(node: Node):
    to = node.attr("to")
    if to == onnx.TensorProto.STRING:
        node.unsupported("casts to strings are not supported")
    return cast_to(node, tg_dtype(to))


@converter("CastLike")
def cast_like(node: Node):
    return cast_to(node, node.dtype(node.input(1)))


def cast_to(node: Node, target: str):
    """Cast (or CastLike) input 0 to element type `target`, with the node's saturate and round_mode
    attributes where they matter (only the 8-bit floats read them)."""
    x = node.input(0)
    if node.dtype(x) == target:
        return x
    attrs = {}
    if target in SATURATING_FLOAT8_TYPES + ("f8E8M0FNU",) and not node.attr("saturate", 1):
        attrs["saturate"] = False
    if target == "f8E8M0FNU":
        round_mode = node.attr("round_mode", "up")
        if round_mode not in E8M0_ROUND_MODES:
            node.unsupported(f"round_mode '{round_mode}' (expected one of {', '.join(E8M0_ROUND_MODES)})")
        attrs["round_mode"] = round_mode
    return node.emit(Cast, x, result_type=node.spec(x).with_dtype(target).to_mlir(), **attrs)
