"""Reductions over a set of axes, arg-reductions along one axis, and softmax (a normalized reduction)."""

import numpy as np

from ..constraints import Bool, FloatTensor, I64, I64Array, I64Tensor, NumericTensor, TensorOf
from ..cost import Cost, reduction
from ..declare import Attr, Operand, Result
from ..tg import TG
from ..types import BOOL_TYPES, FLOAT_TYPES, NUMERIC_TYPES, ShapeError, element_type_name, normalize_axis

__all__ = [
    "Reduction", "ReduceSum", "ReduceMean", "ReduceProd", "ReduceMax", "ReduceMin",
    "ArgReduction", "ArgMax", "ArgMin", "Softmax",
]  # fmt: skip

#: What max and min accept: numbers, and booleans (where they are `or` and `and`).
OrderedTensor = TensorOf("OrderedTensor", NUMERIC_TYPES + BOOL_TYPES)


def reduced_axes(axes, rank: int) -> tuple[int, ...]:
    """`axes` normalized to non-negative, sorted indices; ShapeError when out of range or repeated."""
    normalized = sorted(normalize_axis(a, rank) for a in axes)
    if len(set(normalized)) != len(normalized):
        raise ShapeError(f"axes {list(axes)} repeat a dim")
    return tuple(normalized)


def extreme_value(dtype: np.dtype, largest: bool):
    """The identity of min (`largest`) or max (not `largest`) for a NumPy dtype: +-inf for floats,
    the integer range's end for integers, true/false for booleans."""
    name = element_type_name(dtype)
    if name in BOOL_TYPES:
        return largest
    if name in FLOAT_TYPES:
        return np.inf if largest else -np.inf
    info = np.iinfo(dtype)
    return info.max if largest else info.min


class Reduction(TG.Op):
    """Base of reductions: `axes` lists the reduced dims (negative counts from the end; empty reduces
    nothing, as in NumPy); `keepdims` keeps them as 1s. Reducing a dim of size 0 gives the identity of
    the reduction (0 for sums, 1 for products, the lowest value for max...)."""

    input: Operand[NumericTensor]
    result: Result[NumericTensor]
    axes: Attr[I64Array]
    keepdims: Attr[Bool] = False

    def shape(input, *, axes, keepdims):
        reduced = reduced_axes(axes, input.rank)
        if keepdims:
            return input.with_shape(1 if i in reduced else d for i, d in enumerate(input.shape))
        return input.with_shape(d for i, d in enumerate(input.shape) if i not in reduced)

    def cost(input):
        return reduction(input)


class ReduceSum(Reduction, name="reduce_sum"):
    """Sum over `axes` (low-precision floats accumulate in f32).

    Example:
        %y = "tg.reduce_sum"(%x) {axes = array<i64: 1>, keepdims = true} : (tensor<?x8xf32>) -> tensor<?x1xf32>
    """

    def reference(input, *, axes, keepdims):
        return np.sum(input, axis=tuple(axes), keepdims=keepdims)


class ReduceMean(Reduction, name="reduce_mean"):
    """Arithmetic mean over `axes`. Integers divide the sum truncating toward zero; the mean of an
    empty float set is NaN.

    Example:
        %y = "tg.reduce_mean"(%x) {axes = array<i64: -1>} : (tensor<2x8xf32>) -> tensor<2xf32>
    """

    def reference(input, *, axes, keepdims):
        with np.errstate(all="ignore"):
            mean = np.mean(input.astype(np.float64), axis=tuple(axes), keepdims=keepdims)
        return np.trunc(mean) if input.dtype.kind in "iu" else mean

    def cost(input, *, result):
        return Cost("reduction", flops=input.numel + result.numel)  # the sums, then a division each


class ReduceProd(Reduction, name="reduce_prod"):
    """Product over `axes` (low-precision floats accumulate in f32; integers wrap around).

    Example:
        %y = "tg.reduce_prod"(%x) {axes = array<i64: 0>} : (tensor<3x4xi64>) -> tensor<4xi64>
    """

    def reference(input, *, axes, keepdims):
        return np.prod(input, axis=tuple(axes), keepdims=keepdims)


class ReduceMax(Reduction, name="reduce_max"):
    """Maximum over `axes`; NaN propagates; on booleans, `or`. Reducing an empty dim gives the lowest
    value of the type (false for booleans).

    Example:
        %y = "tg.reduce_max"(%x) {axes = array<i64: 0, 1>} : (tensor<2x8xi32>) -> tensor<i32>
    """

    input: Operand[OrderedTensor]
    result: Result[OrderedTensor]

    def reference(input, *, axes, keepdims):
        return np.max(input, axis=tuple(axes), keepdims=keepdims, initial=extreme_value(input.dtype, largest=False))


class ReduceMin(Reduction, name="reduce_min"):
    """Minimum over `axes`; NaN propagates; on booleans, `and`. Reducing an empty dim gives the
    highest value of the type (true for booleans).

    Example:
        %y = "tg.reduce_min"(%x) {axes = array<i64: 1>, keepdims = true} : (tensor<4x2xi1>) -> tensor<4x1xi1>
    """

    input: Operand[OrderedTensor]
    result: Result[OrderedTensor]

    def reference(input, *, axes, keepdims):
        return np.min(input, axis=tuple(axes), keepdims=keepdims, initial=extreme_value(input.dtype, largest=True))


class ArgReduction(TG.Op):
    """Base of arg-reductions: the i64 index of an extreme element along `axis`, the first one found
    or, with `select_last_index`, the last; `keepdims` keeps `axis` as a 1."""

    input: Operand[NumericTensor]
    result: Result[I64Tensor]
    axis: Attr[I64]
    keepdims: Attr[Bool] = False
    select_last_index: Attr[Bool] = False

    def shape(input, *, axis, keepdims):
        reduced = normalize_axis(axis, input.rank)
        if input.shape[reduced] == 0:
            raise ShapeError(f"dim {reduced} is empty: it has no extreme element")
        if keepdims:
            shape = [1 if i == reduced else d for i, d in enumerate(input.shape)]
        else:
            shape = [d for i, d in enumerate(input.shape) if i != reduced]
        return input.with_shape(shape).with_dtype("i64")

    def cost(input):
        return reduction(input)


def _arg_extreme(find, input, axis, keepdims, select_last_index):
    """`find` (numpy.argmax or argmin, which take the first NaN or the first extreme) along `axis`,
    from the end when `select_last_index`."""
    axis = normalize_axis(axis, input.ndim)
    if select_last_index:
        index = input.shape[axis] - 1 - find(np.flip(input, axis), axis=axis)
    else:
        index = find(input, axis=axis)
    return np.expand_dims(index, axis) if keepdims else index


class ArgMax(ArgReduction, name="argmax"):
    """Index of the largest element along `axis` (a NaN counts as the largest).

    Example:
        %i = "tg.argmax"(%x) {axis = 1 : i64, keepdims = true} : (tensor<?x10xf32>) -> tensor<?x1xi64>
    """

    def reference(input, *, axis, keepdims, select_last_index):
        return _arg_extreme(np.argmax, input, axis, keepdims, select_last_index)


class ArgMin(ArgReduction, name="argmin"):
    """Index of the smallest element along `axis` (a NaN counts as the smallest).

    Example:
        %i = "tg.argmin"(%x) {axis = -1 : i64, select_last_index = true} : (tensor<3x4xi32>) -> tensor<3xi64>
    """

    def reference(input, *, axis, keepdims, select_last_index):
        return _arg_extreme(np.argmin, input, axis, keepdims, select_last_index)


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

    def cost(input):
        return reduction(input, operations=5)  # a maximum, a subtraction, exp, a sum and a division
