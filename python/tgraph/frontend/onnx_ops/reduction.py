"""ONNX reductions, softmax and matrix products."""

from __future__ import annotations

from ...dialect.ops import MatMul, ReduceMax, ReduceMean, ReduceSum, Softmax
from . import Node, converter

REDUCTIONS = {"ReduceSum": ReduceSum, "ReduceMean": ReduceMean, "ReduceMax": ReduceMax}


def reduction_axes(node: Node) -> list[int] | None:
    """The axes of a Reduce* node (an attribute before opset 18, or 13 for ReduceSum; an input after),
    or None for all of them. An empty input with noop_with_empty_axes means none."""
    axes = node.attr("axes", None)
    if axes is None and node.has_input(1):
        axes = [int(a) for a in node.required_constant(1, "axes")]
    if not axes:
        return [] if node.attr("noop_with_empty_axes", 0) else None
    return list(axes)


@converter(*REDUCTIONS, compile_time_inputs=(1,))
def reduce(node: Node):
    x = node.input(0)
    axes = reduction_axes(node)
    if axes is None:
        axes = list(range(node.input_spec(0).rank))
    return node.emit(REDUCTIONS[node.op_type], x, axes=axes, keepdims=bool(node.attr("keepdims", 1)))


@converter("Softmax")
def softmax(node: Node):
    x = node.input(0)
    default = -1 if node.opset >= 13 else 1
    axis = node.attr("axis", default)
    if node.opset < 13:
        node.unsupported("opset < 13 Softmax (coerced to 2-D) is not supported yet")
    return node.emit(Softmax, x, axis=axis)


@converter("MatMul")
def matmul(node: Node):
    return node.emit(MatMul, node.input(0), node.input(1))
