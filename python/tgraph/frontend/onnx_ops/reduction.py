"""ONNX reductions, arg-reductions, softmax and the matrix products (MatMul, Gemm, Einsum).

ReduceSum, ReduceMean, ReduceProd, ReduceMax and ReduceMin are tg reductions; the other Reduce* ops
compose a sum with elementwise ops, and LogSoftmax (and a softmax over several trailing dims, what
opsets before 13 mean) composes max, exp and sum the way softmax is computed: shifted by the maximum so
that exp cannot overflow."""

from __future__ import annotations

import ml_dtypes

from ...dialect.ops import (
    Abs, Add, ArgMax, ArgMin, BroadcastTo, Cast, Div, Einsum, Exp, Log, MatMul, Max, Min, Mul, ReduceMax, ReduceMean,
    ReduceMin, ReduceProd, ReduceSum, Shape, Softmax, Sqrt, Sub, Transpose,
)  # fmt: skip
from ...dialect.ops.contraction import parse_einsum
from ...dialect.types import FLOAT_TYPES, ShapeError, normalize_axis
from . import Node, converter

REDUCTIONS = {"ReduceSum": ReduceSum, "ReduceMean": ReduceMean, "ReduceProd": ReduceProd, "ReduceMax": ReduceMax, "ReduceMin": ReduceMin}
COMPOSED_REDUCTIONS = ("ReduceSumSquare", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp")
ARG_REDUCTIONS = {"ArgMax": ArgMax, "ArgMin": ArgMin}


def reduction_axes(node: Node) -> list[int]:
    """The axes a Reduce* node reduces: an attribute before opset 18 (13 for ReduceSum), an input
    after. None given reduces every dim, unless noop_with_empty_axes says to reduce none."""
    axes = node.attr("axes", None)
    if axes is None and node.has_input(1):
        axes = [int(a) for a in node.required_constant(1, "axes").reshape(-1)]
    if axes:
        return list(axes)
    if node.attr("noop_with_empty_axes", 0):
        return []
    return list(range(node.input_spec(0).rank))


def keepdims(node: Node) -> bool:
    return bool(node.attr("keepdims", 1))


@converter(*REDUCTIONS, compile_time_inputs=(1,))
def reduce(node: Node):
    return node.emit(REDUCTIONS[node.op_type], node.input(0), axes=reduction_axes(node), keepdims=keepdims(node))


@converter(*COMPOSED_REDUCTIONS, compile_time_inputs=(1,))
def composed_reduction(node: Node):
    """Sums of squares, of absolute values, their root, and the logarithms of sums. The last three
    compute integers in f64 and truncate the result back, as ONNX does."""
    x, axes, keep = node.input(0), reduction_axes(node), keepdims(node)
    if node.op_type == "ReduceSumSquare":
        return node.emit(ReduceSum, node.emit(Mul, x, x), axes=axes, keepdims=keep)
    if node.op_type == "ReduceL1":
        return node.emit(ReduceSum, node.emit(Abs, x), axes=axes, keepdims=keep)
    dtype = node.dtype(x)
    if dtype in FLOAT_TYPES:
        return float_reduction(node, x, axes, keep)
    wide = node.emit(Cast, x, result_type=node.spec(x).with_dtype("f64").to_mlir())
    result = float_reduction(node, wide, axes, keep)
    return node.emit(Cast, result, result_type=node.spec(result).with_dtype(dtype).to_mlir())


def float_reduction(node: Node, x, axes: list[int], keep: bool):
    """ReduceL2, ReduceLogSum or ReduceLogSumExp of floats."""
    if node.op_type == "ReduceL2":
        return node.emit(Sqrt, node.emit(ReduceSum, node.emit(Mul, x, x), axes=axes, keepdims=keep))
    if node.op_type == "ReduceLogSum":
        return node.emit(Log, node.emit(ReduceSum, x, axes=axes, keepdims=keep))
    # log(sum(exp(x))) = m + log(sum(exp(x - m))) with m the maximum, clamped to the finite range so
    # that a row of infinities (or an empty one, whose maximum is -inf) does not give inf - inf.
    largest = float(ml_dtypes.finfo(node.spec(x).np_dtype).max)
    maximum = node.emit(ReduceMax, x, axes=axes, keepdims=True)
    shift = node.emit(Max, node.emit(Min, maximum, node.scalar(largest, like=x)), node.scalar(-largest, like=x))
    total = node.emit(ReduceSum, node.emit(Exp, node.emit(Sub, x, shift)), axes=axes, keepdims=True)
    result = node.emit(Add, node.emit(Log, total), shift)
    return result if keep else drop_unit_dims(node, result, axes)


def drop_unit_dims(node: Node, x, axes: list[int]):
    """`x` without its dims `axes`, all of size 1: a max over them, which copies (a reshape could not
    say which of several dynamic dims is which)."""
    return node.emit(ReduceMax, x, axes=axes, keepdims=False)


@converter(*ARG_REDUCTIONS)
def arg_reduction(node: Node):
    return node.emit(
        ARG_REDUCTIONS[node.op_type],
        node.input(0),
        axis=node.attr("axis", 0),
        keepdims=keepdims(node),
        select_last_index=bool(node.attr("select_last_index", 0)),
    )


@converter("Softmax", "LogSoftmax")
def softmax(node: Node):
    """Softmax and LogSoftmax along `axis` (opset 13 on); before opset 13 the input is seen as a
    matrix whose rows are the dims from `axis` on, so they normalize over all of those at once."""
    x = node.input(0)
    rank = node.input_spec(0).rank
    try:
        if node.opset >= 13:
            axes = [normalize_axis(node.attr("axis", -1), rank)]
        else:
            axes = list(range(normalize_axis(node.attr("axis", 1), rank), rank))
    except ShapeError as e:
        node.unsupported(str(e))
    if node.op_type == "Softmax" and len(axes) == 1:
        return node.emit(Softmax, x, axis=axes[0])
    shifted = node.emit(Sub, x, node.emit(ReduceMax, x, axes=axes, keepdims=True))
    exp = node.emit(Exp, shifted)
    total = node.emit(ReduceSum, exp, axes=axes, keepdims=True)
    if node.op_type == "Softmax":
        return node.emit(Div, exp, total)
    return node.emit(Sub, shifted, node.emit(Log, total))


@converter("MatMul")
def matmul(node: Node):
    return node.emit(MatMul, node.input(0), node.input(1))


@converter("Gemm")
def gemm(node: Node):
    """alpha * A' B' + beta * C, with A' and B' optionally transposed and C broadcasting to the
    product's shape."""
    a, b, c = node.input(0), node.input(1), node.input(2)
    if node.input_spec(0).rank != 2 or node.input_spec(1).rank != 2:
        node.unsupported("A and B must be matrices")
    if node.attr("transA", 0):
        a = node.emit(Transpose, a, perm=[1, 0])
    if node.attr("transB", 0):
        b = node.emit(Transpose, b, perm=[1, 0])
    y = node.emit(MatMul, a, b)
    alpha, beta = node.attr("alpha", 1.0), node.attr("beta", 1.0)
    if alpha != 1.0:
        y = node.emit(Mul, y, scale(node, alpha, y))
    if c is not None and beta != 0.0:
        if beta != 1.0:
            c = node.emit(Mul, c, scale(node, beta, c))
        if not node.spec(c).is_static:
            # A dynamic dim of C may be 1 at run time, which an elementwise add does not broadcast:
            # C is first broadcast to the shape of the product.
            result_type = node.spec(y).with_dtype(node.dtype(c)).to_mlir()
            c = node.emit(BroadcastTo, c, node.emit(Shape, y), result_type=result_type)
        y = node.emit(Add, y, c)
    return y


def scale(node: Node, factor: float, like):
    """`factor` as a scalar of `like`'s type; an integer Gemm only takes whole factors."""
    if node.dtype(like) not in FLOAT_TYPES and factor != int(factor):
        node.unsupported(f"alpha and beta must be whole numbers for {node.dtype(like)} matrices (got {factor})")
    return node.scalar(factor, like=like)


@converter("Einsum")
def einsum(node: Node):
    """One tg.einsum for one or two operands; more are contracted left to right, each intermediate
    keeping the labels that a later operand or the result still needs."""
    equation = node.attr("equation")
    inputs = node.inputs()
    if len(inputs) <= 2:
        return node.emit(Einsum, *inputs, equation=equation)
    try:
        spec = parse_einsum(equation, [node.spec(v).rank for v in inputs])
    except ShapeError as e:
        node.unsupported(str(e))
    result, labels = inputs[0], spec.operands[0]
    for index in range(1, len(inputs)):
        last = index == len(inputs) - 1
        needed = set(spec.result).union(*spec.operands[index + 1 :])
        kept = spec.result if last else tuple(dict.fromkeys(label for label in labels + spec.operands[index] if label in needed))
        step = f"{spec.term(labels)},{spec.term(spec.operands[index])}->{spec.term(kept)}"
        result, labels = node.emit(Einsum, result, inputs[index], equation=step), kept
    return result
