"""Reductions over a set of axes, and softmax (a normalized reduction)."""

import numpy as np

from ..constraints import Bool, FloatTensor, I64, I64Array, NumericTensor
from ..declare import Attr, Operand, Result
from ..tg import TG
from ..types import ShapeError, normalize_axis

__all__ = ["Reduction", "ReduceSum", "ReduceMean", "ReduceMax", "Softmax"]


def reduced_axes(axes, rank: int) -> tuple[int, ...]:
    """`axes` normalized to non-negative, sorted indices; ShapeError when out of range or repeated."""
    normalized = sorted(normalize_axis(a, rank) for a in axes)
    if len(set(normalized)) != len(normalized):
        raise ShapeError(f"axes {list(axes)} repeat a dim")
    return tuple(normalized)


class Reduction(TG.Op):
    """Base of reductions: `axes` lists the reduced dims (negative counts from the end; empty reduces
    nothing, as in NumPy); `keepdims` keeps them as 1s."""

    input: Operand[NumericTensor]
    result: Result[NumericTensor]
    axes: Attr[I64Array]
    keepdims: Attr[Bool] = False

    def shape(input, *, axes, keepdims):
        reduced = reduced_axes(axes, input.rank)
        if keepdims:
            return input.with_shape(1 if i in reduced else d for i, d in enumerate(input.shape))
        return input.with_shape(d for i, d in enumerate(input.shape) if i not in reduced)


class ReduceSum(Reduction, name="reduce_sum"):
    """Sum over `axes` (low-precision floats accumulate in f32).

    Example:
        %y = "tg.reduce_sum"(%x) {axes = array<i64: 1>, keepdims = true} : (tensor<?x8xf32>) -> tensor<?x1xf32>
    """

    def reference(input, *, axes, keepdims):
        return np.sum(input, axis=tuple(axes), keepdims=keepdims)


class ReduceMean(Reduction, name="reduce_mean"):
    """Arithmetic mean over `axes`, on floats.

    Example:
        %y = "tg.reduce_mean"(%x) {axes = array<i64: -1>} : (tensor<2x8xf32>) -> tensor<2xf32>
    """

    input: Operand[FloatTensor]
    result: Result[FloatTensor]

    def reference(input, *, axes, keepdims):
        return np.mean(input, axis=tuple(axes), keepdims=keepdims)


class ReduceMax(Reduction, name="reduce_max"):
    """Maximum over `axes`; NaN propagates. Reducing an empty dim gives the lowest value of the type.

    Example:
        %y = "tg.reduce_max"(%x) {axes = array<i64: 0, 1>} : (tensor<2x8xi32>) -> tensor<i32>
    """

    def reference(input, *, axes, keepdims):
        lowest = -np.inf if np.issubdtype(input.dtype, np.floating) else np.iinfo(input.dtype).min
        return np.max(input, axis=tuple(axes), keepdims=keepdims, initial=lowest)


class Softmax(TG.Op, name="softmax"):
    """`exp(x - max(x)) / sum(exp(x - max(x)))` along `axis` (default: the last).

    Example:
        %y = "tg.softmax"(%x) {axis = -1 : i64} : (tensor<?x128xf32>) -> tensor<?x128xf32>
    """

    input: Operand[FloatTensor]
    result: Result[FloatTensor]
    axis: Attr[I64] = -1

    def shape(input, *, axis):
        normalize_axis(axis, input.rank)
        return input

    def reference(input, *, axis):
        shifted = input - np.max(input, axis=axis, keepdims=True)
        exp = np.exp(shifted)
        return exp / np.sum(exp, axis=axis, keepdims=True)
