"""Ops that move data without computing on it: transposes, reshapes, shape queries, concatenation,
slices, gathers, padding, broadcasting, tiling and triangle masks; and the two that compute little
along the way: running sums along a dim and resampling (resize).

Operands that describe shapes or bounds (a reshape's target, a slice's starts and ends) are i32/i64
tensors: constants when they are known at compile time, values computed from `tg.shape` when they
depend on dynamic dims. Shape rules read their values when known (`<operand>_value`), so the runtime,
which evaluates such shape arithmetic on the concrete input shapes before each call, gets exact result
shapes however many dims are dynamic.
"""

from math import prod

import numpy as np

from ..constraints import F64, AnyTensor, Bool, F64Array, I64, I64Array, I64Tensor, IndexTensor, NumericTensor, StrKind
from ..cost import Cost, data_movement, reduction
from ..declare import Attr, OptionalOperand, Operand, Result
from ..tg import TG
from ..types import NUMPY_DTYPES, Dim, ShapeError, TensorSpec, normalize_axis, same_dtype

__all__ = [
    "Transpose", "Reshape", "Shape", "Concat", "Slice", "Gather", "GatherElements", "Pad", "BroadcastTo",
    "Tile", "Trilu", "CumSum", "Resize",
]  # fmt: skip


class Transpose(TG.Op, name="transpose"):
    """Permutes dims: result dim `i` is input dim `perm[i]` (numpy.transpose).

    Example:
        %y = "tg.transpose"(%x) {perm = array<i64: 0, 2, 1>} : (tensor<?x4x8xf32>) -> tensor<?x8x4xf32>
    """

    input: Operand[AnyTensor]
    result: Result[AnyTensor]
    perm: Attr[I64Array]

    def shape(input, *, perm):
        if sorted(perm) != list(range(input.rank)):
            raise ShapeError(f"perm {list(perm)} is not a permutation of the {input.rank} dims")
        return input.with_shape(input.shape[p] for p in perm)

    def reference(input, *, perm):
        return np.transpose(input, perm)

    def cost(*operands):
        return data_movement()


def _vector_length(spec: TensorSpec, what: str) -> int:
    """The length of a 1-D operand of static length (bounds and shapes); ShapeError otherwise."""
    if spec.rank != 1 or spec.shape[0] is None:
        raise ShapeError(f"{what} must be a 1-D tensor of static length, got {spec}")
    return spec.shape[0]


def resolve_target_dims(target, input_shape, allowzero: bool) -> list[Dim]:
    """A reshape target (ONNX rules: 0 copies the input dim at that index unless `allowzero`, one -1 is
    what the element count leaves) as dims; None where they depend on dynamic input dims."""
    target = [int(d) for d in target]
    if target.count(-1) > 1:
        raise ShapeError(f"the target shape {target} has more than one -1")
    if any(d < -1 for d in target):
        raise ShapeError(f"the target shape {target} has a negative dim")
    dims: list[Dim] = [
        (input_shape[i] if i < len(input_shape) else 0) if d == 0 and not allowzero else d for i, d in enumerate(target)
    ]
    count = prod(input_shape) if all(d is not None for d in input_shape) else None
    known = prod(d for d in dims if d not in (-1, None))
    if -1 in dims:
        inferred = None
        if count is not None and None not in dims:
            if known == 0 or count % known:
                raise ShapeError(f"{count} elements do not fit the target shape {target}")
            inferred = count // known
        dims[dims.index(-1)] = inferred
    elif count is not None and None not in dims and count != known:
        raise ShapeError(f"{count} elements do not fit the target shape {target}")
    return dims


class Reshape(TG.Op, name="reshape"):
    """Reinterprets the elements, in row-major order, with a new shape. Without `target`, the shape is
    the result type's, where at most one dim may be dynamic (what the element count leaves). With
    `target` (a 1-D i32/i64 tensor, often computed from `tg.shape`), the shape follows ONNX Reshape: a
    dim of 0 copies the input dim at that index (unless `allowzero`), one -1 is inferred; then any
    number of result dims may be dynamic.

    Example:
        %y = "tg.reshape"(%x, %t) : (tensor<?x16xf32>, tensor<3xi64>) -> tensor<?x?x4xf32>
    """

    input: Operand[AnyTensor]
    target: OptionalOperand[IndexTensor]
    result: Result[AnyTensor]
    allowzero: Attr[Bool] = False

    def shape(input, target=None, *, result, allowzero, target_value=None):
        if result.dtype != input.dtype:
            raise ShapeError(f"element type changes from {input.dtype} to {result.dtype}")
        if target is not None:
            return _reshape_to_target(input, target, result, allowzero, target_value)
        dynamic = [i for i, d in enumerate(result.shape) if d is None]
        if len(dynamic) > 1:
            raise ShapeError("at most one result dim may be dynamic without a target operand")
        known = prod(d for d in result.shape if d is not None)
        count = input.numel
        if count is None:
            # The input's static dims divide its element count; a static result count must be a multiple.
            input_known = prod(d for d in input.shape if d is not None)
            if not dynamic and input_known and known % input_known:
                raise ShapeError(f"{result} cannot hold a multiple of {input_known} elements, as {input} does")
            return result
        if (count % known if known else count) != 0 or (not dynamic and count != known):
            raise ShapeError(f"{count} elements do not fit the shape {result}")
        if dynamic:
            return result.with_shape(count // known if d is None else d for d in result.shape)
        return result

    def reference(input, target=None, *, result, allowzero):
        return np.reshape(input, result.shape)

    def cost(input, target=None):
        return Cost("data movement", view=True)  # contiguous tensors reshape in place


def _reshape_to_target(input: TensorSpec, target: TensorSpec, result: TensorSpec, allowzero: bool, value) -> TensorSpec:
    length = _vector_length(target, "the target shape")
    if length != result.rank:
        raise ShapeError(f"the target shape has {length} dims but the result type {result} has {result.rank}")
    if value is None:
        return result
    dims = resolve_target_dims(value, input.shape, allowzero)
    for declared, computed in zip(result.shape, dims):
        if declared is not None and computed is not None and declared != computed:
            raise ShapeError(f"the target shape gives {TensorSpec(dims, result.dtype)}, not {result}")
    return result.with_shape(c if c is not None else d for c, d in zip(dims, result.shape))


class Shape(TG.Op, name="shape"):
    """The dims of `input` from `start` to `end` (excluded) as a 1-D i64 tensor. Negative bounds count
    from the last dim and both are clamped, as in Python slicing (and ONNX Shape); `end` defaults to
    the rank. Folds to a constant when those dims are static.

    Example:
        %s = "tg.shape"(%x) {start = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<2xi64>
    """

    input: Operand[AnyTensor]
    result: Result[I64Tensor]
    start: Attr[I64] = 0
    end: Attr[I64] = None

    def shape(input, *, start, end):
        return TensorSpec((len(input.shape[start:end]),), "i64")

    def value(input, *, start, end):
        dims = input.shape[start:end]
        return np.array(dims, np.int64) if None not in dims else None

    def reference(input, *, start, end):
        return np.array(input.shape[start:end], np.int64)

    def cost(input):
        return data_movement(0)  # the dims are known without reading an element


class Concat(TG.Op, name="concat"):
    """Joins two tensors of one rank and element type along `axis` (negative counts from the end); the
    other dims must agree (numpy.concatenate). More inputs are a chain of concats; once lowered, an
    inner concat writes into a slice of the outer one's buffer rather than a buffer of its own.

    (Two operands rather than a variadic list: IRDL binds a variadic operand's constraint to a single
    type, which would force every input to have the same shape.)

    Example:
        %y = "tg.concat"(%a, %b) {axis = 1 : i64} : (tensor<?x2xf32>, tensor<?x3xf32>) -> tensor<?x5xf32>
    """

    lhs: Operand[AnyTensor]
    rhs: Operand[AnyTensor]
    result: Result[AnyTensor]
    axis: Attr[I64]

    def shape(lhs, rhs, *, axis):
        dtype = same_dtype(lhs, rhs)
        if lhs.rank != rhs.rank:
            raise ShapeError(f"operands have different ranks: {lhs} and {rhs}")
        axis = normalize_axis(axis, lhs.rank)
        dims: list[Dim] = []
        for d, (a, b) in enumerate(zip(lhs.shape, rhs.shape)):
            if d == axis:
                dims.append(None if a is None or b is None else a + b)
            elif a is not None and b is not None and a != b:
                raise ShapeError(f"operands differ in dim {d}: {lhs} and {rhs}")
            else:
                dims.append(a if a is not None else b)
        return TensorSpec(tuple(dims), dtype)

    def reference(lhs, rhs, *, axis):
        return np.concatenate([lhs, rhs], axis=axis)

    def cost(*operands):
        return data_movement()


def slice_range(start: int, end: int, step: int, dim: int) -> tuple[int, int]:
    """ONNX Slice along one dim of size `dim`: (first index, element count). Negative bounds count from
    the end; `start` is clamped to [0, dim] ([0, dim - 1] when stepping back), `end` to [0, dim]
    ([-1, dim - 1] when stepping back)."""
    start = start + dim if start < 0 else start
    end = end + dim if end < 0 else end
    if step > 0:
        start, end = min(max(start, 0), dim), min(max(end, 0), dim)
        return start, max(0, -(-(end - start) // step))
    start, end = min(max(start, 0), dim - 1), min(max(end, -1), dim - 1)
    return start, max(0, -(-(start - end) // -step))


class Slice(TG.Op, name="slice"):
    """Elements `starts[d]`, `starts[d] + steps[d]`, ... up to `ends[d]` (excluded) along every dim d,
    with ONNX Slice's rules: negative bounds count from the end, bounds are clamped to the dim, a
    negative step walks backwards. `starts` and `ends` are i32/i64 vectors with one entry a dim
    (constants, or computed from `tg.shape`); `steps` are nonzero (all 1 if not given).

    Example:
        %y = "tg.slice"(%x, %starts, %ends) {steps = array<i64: 1, -1>} : (tensor<?x8xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x?xf32>
    """

    input: Operand[AnyTensor]
    starts: Operand[IndexTensor]
    ends: Operand[IndexTensor]
    result: Result[AnyTensor]
    steps: Attr[I64Array] = None

    def shape(input, starts, ends, *, steps, starts_value=None, ends_value=None):
        rank = input.rank
        for operand, what in ((starts, "starts"), (ends, "ends")):
            if _vector_length(operand, what) != rank:
                raise ShapeError(f"{what} has {operand.shape[0]} entries; rank {rank} needs {rank}")
        steps = slice_steps(steps, rank)
        dims: list[Dim] = []
        for d in range(rank):
            if input.shape[d] is None or starts_value is None or ends_value is None:
                dims.append(None)
            else:
                dims.append(slice_range(int(starts_value[d]), int(ends_value[d]), steps[d], input.shape[d])[1])
        return input.with_shape(dims)

    def reference(input, starts, ends, *, steps):
        steps = slice_steps(steps, input.ndim)
        index = []
        for d, step in enumerate(steps):
            first, count = slice_range(int(starts[d]), int(ends[d]), step, input.shape[d])
            stop = first + step * count
            index.append(slice(first, None if stop < 0 else stop, step))
        return input[tuple(index)]

    def cost(input, starts, ends, *, result):
        return data_movement(result.numel, None, None)


def slice_steps(steps, rank: int) -> tuple[int, ...]:
    """A slice's steps, one a dim (all 1 when not given); ShapeError for a wrong count or a 0."""
    steps = tuple(steps) if steps is not None else (1,) * rank
    if len(steps) != rank:
        raise ShapeError(f"steps has {len(steps)} entries; rank {rank} needs {rank}")
    if 0 in steps:
        raise ShapeError("steps must be nonzero")
    return steps


def _index_dim(indices, dim: int):
    """Indices made non-negative (negative ones count from the end) and clamped into [0, dim)."""
    indices = np.asarray(indices).astype(np.int64)
    return np.clip(np.where(indices < 0, indices + dim, indices), 0, max(dim - 1, 0))


class Gather(TG.Op, name="gather"):
    """Picks slices of `input` along `axis` by `indices` (numpy.take): the result's dims are the input
    dims before `axis`, the indices' dims, then the input dims after `axis`. Negative indices count
    from the end; indices out of range are clamped (ONNX leaves them undefined).

    Example:
        %y = "tg.gather"(%table, %ids) {axis = 0 : i64} : (tensor<1000x64xf32>, tensor<?x8xi64>) -> tensor<?x8x64xf32>
    """

    input: Operand[AnyTensor]
    indices: Operand[IndexTensor]
    result: Result[AnyTensor]
    axis: Attr[I64] = 0

    def shape(input, indices, *, axis):
        axis = normalize_axis(axis, input.rank)
        return input.with_shape(input.shape[:axis] + indices.shape + input.shape[axis + 1 :])

    def reference(input, indices, *, axis):
        axis = normalize_axis(axis, input.ndim)
        return np.take(input, _index_dim(indices, input.shape[axis]), axis=axis)

    def cost(input, indices, *, result):
        return data_movement(result.numel, None)


class GatherElements(TG.Op, name="gather_elements"):
    """`result[i...] = input[i...]` with the index along `axis` replaced by `indices[i...]`
    (numpy.take_along_axis); the result has the shape of `indices`, whose other dims may not exceed
    the input's. Negative indices count from the end; out-of-range ones are clamped.

    Example:
        %y = "tg.gather_elements"(%x, %i) {axis = 1 : i64} : (tensor<3x5xf32>, tensor<3x2xi64>) -> tensor<3x2xf32>
    """

    input: Operand[AnyTensor]
    indices: Operand[IndexTensor]
    result: Result[AnyTensor]
    axis: Attr[I64] = 0

    def shape(input, indices, *, axis):
        if indices.rank != input.rank:
            raise ShapeError(f"indices have rank {indices.rank}, the input {input.rank}")
        axis = normalize_axis(axis, input.rank)
        for d, (i, n) in enumerate(zip(indices.shape, input.shape)):
            if d != axis and i is not None and n is not None and i > n:
                raise ShapeError(f"indices dim {d} is {i}, larger than the input's {n}")
        return input.with_shape(indices.shape)

    def reference(input, indices, *, axis):
        axis = normalize_axis(axis, input.ndim)
        region = tuple(slice(0, n) if d != axis else slice(None) for d, n in enumerate(indices.shape))
        return np.take_along_axis(input[region], _index_dim(indices, input.shape[axis]), axis=axis)

    def cost(input, indices, *, result):
        return data_movement(result.numel, None)


class Pad(TG.Op, name="pad"):
    """Adds `pads[d]` elements before and `pads[rank + d]` after dim d (ONNX order; a negative pad
    removes elements). `mode` fills them with `fill` (a rank-0 tensor of the input's type,
    "constant"), the mirror image without the edge ("reflect"), the edge element ("edge"), or the
    elements from the other end ("wrap"), as numpy.pad does.

    Example:
        %y = "tg.pad"(%x, %zero) {pads = array<i64: 0, 1, 0, 1>} : (tensor<?x4xf32>, tensor<f32>) -> tensor<?x6xf32>
    """

    input: Operand[AnyTensor]
    fill: Operand[AnyTensor]
    result: Result[AnyTensor]
    pads: Attr[I64Array]
    mode: Attr[StrKind(("constant", "reflect", "edge", "wrap"))] = "constant"

    def shape(input, fill, *, pads, mode):
        dtype = same_dtype(input, fill)
        if fill.rank != 0:
            raise ShapeError(f"the fill value must be a rank-0 tensor, got {fill}")
        if len(pads) != 2 * input.rank:
            raise ShapeError(f"pads has {len(pads)} entries; rank {input.rank} needs {2 * input.rank} (all befores, then all afters)")
        dims: list[Dim] = []
        for d, n in enumerate(input.shape):
            before, after = pads[d], pads[input.rank + d]
            if n is None:
                dims.append(None)
                continue
            size = n + before + after
            kept = n + min(before, 0) + min(after, 0)
            if size < 0 or kept < 0:
                raise ShapeError(f"pads {before} and {after} remove more than the {n} elements of dim {d}")
            if mode != "constant" and kept == 0 and size > 0:
                raise ShapeError(f"{mode} padding of dim {d} needs at least one element to copy")
            dims.append(size)
        return TensorSpec(tuple(dims), dtype)

    def reference(input, fill, *, pads, mode):
        rank = input.ndim
        crop = tuple(slice(max(-pads[d], 0), input.shape[d] - max(-pads[rank + d], 0)) for d in range(rank))
        widths = [(max(pads[d], 0), max(pads[rank + d], 0)) for d in range(rank)]
        if mode == "constant":
            return np.pad(input[crop], widths, mode="constant", constant_values=fill)
        return np.pad(input[crop], widths, mode=mode)

    def cost(*operands):
        return data_movement()


class BroadcastTo(TG.Op, name="broadcast_to"):
    """Repeats `input` along the dims where it has size 1 (and in front). Without `target`, to the shape
    of the result type (numpy.broadcast_to; a dynamic result dim is the input's). With `target` (a 1-D
    i32/i64 tensor, e.g. a `tg.shape`), to the broadcast of the input's shape and the target, in both
    directions (ONNX Expand), however many dims are dynamic. Unlike elementwise ops, a dynamic input dim may be 1 at run time
    and broadcast.

    Example:
        %y = "tg.broadcast_to"(%x, %t) : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<?x3x?xf32>
    """

    input: Operand[AnyTensor]
    target: OptionalOperand[IndexTensor]
    result: Result[AnyTensor]

    def shape(input, target=None, *, result, target_value=None):
        if result.dtype != input.dtype:
            raise ShapeError(f"element type changes from {input.dtype} to {result.dtype}")
        if result.rank < input.rank:
            raise ShapeError(f"cannot broadcast {input} to the lower rank of {result}")
        if target is not None:
            if _vector_length(target, "the target shape") > result.rank:
                raise ShapeError(f"the target shape has more dims than the result type {result}")
            if target_value is None:
                return result
            padded = (1,) * (result.rank - len(target_value)) + tuple(int(d) for d in target_value)
            dims = _broadcast_dims(input.shape, padded, exact=False)
            for declared, computed in zip(result.shape, dims):
                if declared is not None and computed is not None and declared != computed:
                    raise ShapeError(f"the target shape gives {TensorSpec(dims, result.dtype)}, not {result}")
            return result.with_shape(c if c is not None else d for c, d in zip(dims, result.shape))
        return result.with_shape(_broadcast_dims(input.shape, result.shape, exact=True))

    def reference(input, target=None, *, result):
        return np.broadcast_to(input, result.shape)

    def cost(*operands):
        return data_movement()


def _broadcast_dims(input_shape, target, exact: bool) -> list[Dim]:
    """The broadcast of `input_shape` (right-aligned) with `target`. `exact`: the target is the result
    (numpy.broadcast_to), whose dynamic dims take the input's; else both sides broadcast (ONNX Expand)."""
    lead = len(target) - len(input_shape)
    dims: list[Dim] = []
    for i, t in enumerate(target):
        n = input_shape[i - lead] if i >= lead else 1
        if exact:
            if t is None:
                dims.append(n)
            elif n is not None and n not in (1, t):
                raise ShapeError(f"input dim {n} does not broadcast to {t}")
            else:
                dims.append(t)
            continue
        if t == 1:
            dims.append(n)
        elif n is None or n in (1, t):
            dims.append(t)
        else:
            raise ShapeError(f"input dim {n} does not broadcast with {t}")
    return dims


class Tile(TG.Op, name="tile"):
    """`input` repeated `repeats[d]` times along each dim d (numpy.tile with one repeat a dim).

    Example:
        %y = "tg.tile"(%x) {repeats = array<i64: 2, 1>} : (tensor<?x4xf32>) -> tensor<?x4xf32>
    """

    input: Operand[AnyTensor]
    result: Result[AnyTensor]
    repeats: Attr[I64Array]

    def shape(input, *, repeats):
        if len(repeats) != input.rank:
            raise ShapeError(f"repeats has {len(repeats)} entries; rank {input.rank} needs {input.rank}")
        if any(r < 0 for r in repeats):
            raise ShapeError(f"repeats {list(repeats)} must not be negative")
        return input.with_shape(None if n is None else n * r for n, r in zip(input.shape, repeats))

    def reference(input, *, repeats):
        return np.tile(input, repeats)

    def cost(*operands):
        return data_movement()


class Trilu(TG.Op, name="trilu"):
    """Keeps the upper (`upper`, numpy.triu) or lower (numpy.tril) triangle of the matrices in the last
    two dims, on and above (below) diagonal `k`, and zeroes the other elements.

    Example:
        %y = "tg.trilu"(%x) {upper = false, k = -1 : i64} : (tensor<?x4x4xf32>) -> tensor<?x4x4xf32>
    """

    input: Operand[AnyTensor]
    result: Result[AnyTensor]
    upper: Attr[Bool] = True
    k: Attr[I64] = 0

    def shape(input, *, upper, k):
        if input.rank < 2:
            raise ShapeError(f"expects rank 2 or more, got {input}")
        return input

    def reference(input, *, upper, k):
        return np.triu(input, k) if upper else np.tril(input, k)

    def cost(*operands):
        return data_movement()


class CumSum(TG.Op, name="cumsum"):
    """Running sums along `axis`: element i is the sum of the input's elements 0..i along it (numpy.cumsum),
    or of i+1.. when `reverse`, and without element i itself when `exclusive` (ONNX CumSum). Integers
    wrap; 16-bit floats accumulate in f32.

    Example:
        %y = "tg.cumsum"(%x) {axis = 1 : i64, exclusive = true} : (tensor<?x8xf32>) -> tensor<?x8xf32>
    """

    input: Operand[NumericTensor]
    result: Result[NumericTensor]
    axis: Attr[I64]
    exclusive: Attr[Bool] = False
    reverse: Attr[Bool] = False

    def shape(input, *, axis, exclusive, reverse):
        normalize_axis(axis, input.rank)
        return input

    def reference(input, *, axis, exclusive, reverse):
        axis = normalize_axis(axis, input.ndim)
        x = np.flip(input, axis) if reverse else input
        wide = x.astype(np.float32) if x.dtype in (np.float16, NUMPY_DTYPES["bf16"]) else x
        total = np.cumsum(wide, axis=axis, dtype=wide.dtype)
        if exclusive:
            total = np.concatenate([np.zeros_like(np.take(total, [0], axis)), np.delete(total, -1, axis)], axis) if x.shape[axis] else total
        total = total.astype(input.dtype)
        return np.flip(total, axis) if reverse else total

    def cost(input):
        return reduction(input)  # one addition an element


#: How far each interpolation kernel reaches on either side of a sample, in input elements.
RESIZE_SUPPORT = {"linear": 1, "cubic": 2}
COORDINATE_TRANSFORMS = ("half_pixel", "half_pixel_symmetric", "pytorch_half_pixel", "align_corners", "asymmetric", "tf_crop_and_resize")
NEAREST_MODES = ("round_prefer_floor", "round_prefer_ceil", "floor", "ceil")


def resize_plan(shape, scales, sizes, policy) -> tuple[list, list]:
    """The scale and output size of every dim of a resize of `shape` (None where a dynamic dim leaves
    them unknown until run time). With `scales`, a dim's output is floor(input * scale). With `sizes`
    (-1 keeps a dim), the scale is output / input; `policy` "not_larger" ("not_smaller") uses the
    smallest (largest) of those scales for every resized dim, whose output is then round(input * scale)."""
    rank = len(shape)
    if (scales is None) == (sizes is None):
        raise ShapeError("exactly one of 'scales' and 'sizes' must be given")
    given = scales if scales is not None else sizes
    if len(given) != rank:
        raise ShapeError(f"{'scales' if scales is not None else 'sizes'} has {len(given)} entries; rank {rank} needs {rank}")
    if scales is not None:
        if not all(s > 0 and np.isfinite(s) for s in scales):
            raise ShapeError(f"scales {list(scales)} must be positive")
        return list(scales), [None if n is None else int(np.floor(n * s)) for n, s in zip(shape, scales)]
    resized = [d for d, s in enumerate(sizes) if s != -1]
    if any(sizes[d] < 0 for d in resized):
        raise ShapeError(f"sizes {list(sizes)} must be non-negative (or -1 to keep a dim)")
    if any(shape[d] == 0 for d in resized):
        raise ShapeError("cannot resize a dim of size 0")
    factors = [1.0 if d not in resized or shape[d] is None else sizes[d] / shape[d] for d in range(rank)]
    outputs = [sizes[d] if d in resized else shape[d] for d in range(rank)]
    if policy == "stretch":
        return [None if d in resized and shape[d] is None else factors[d] for d in range(rank)], outputs
    if any(shape[d] is None for d in resized):
        return [None if d in resized else 1.0 for d in range(rank)], [None if d in resized else shape[d] for d in range(rank)]
    scale = (min if policy == "not_larger" else max)(factors[d] for d in resized)
    return [scale if d in resized else 1.0 for d in range(rank)], [int(scale * shape[d] + 0.5) if d in resized else shape[d] for d in range(rank)]


class Resize(TG.Op, name="resize"):
    """Resamples `input` dim by dim (ONNX Resize). Output sizes and scales come from `scales` or
    `sizes` with `keep_aspect_ratio_policy` (see `resize_plan`); each output index maps back to an input
    coordinate by `coordinate_transformation_mode` (`roi`: starts then ends, for "tf_crop_and_resize",
    whose samples outside the input are `extrapolation_value`). `mode` "nearest" takes the element
    `nearest_mode` picks; "linear" and "cubic" (Keys, with `cubic_coeff_a`) weigh the neighbours, edge
    elements repeating past the borders, or dropped and the weights renormalized with
    `exclude_outside`. `antialias` widens the kernel by 1/scale when downsampling. Integers round to
    nearest even and saturate.

    Example:
        %y = "tg.resize"(%x) {mode = "linear", scales = array<f64: 1.0, 1.0, 2.0, 2.0>} : (tensor<?x3x8x8xf32>) -> tensor<?x3x16x16xf32>
    """

    input: Operand[NumericTensor]
    result: Result[NumericTensor]
    mode: Attr[StrKind(("nearest", "linear", "cubic"))] = "nearest"
    coordinate_transformation_mode: Attr[StrKind(COORDINATE_TRANSFORMS)] = "half_pixel"
    nearest_mode: Attr[StrKind(NEAREST_MODES)] = "round_prefer_floor"
    cubic_coeff_a: Attr[F64] = -0.75
    exclude_outside: Attr[Bool] = False
    antialias: Attr[Bool] = False
    extrapolation_value: Attr[F64] = 0.0
    scales: Attr[F64Array] = None
    sizes: Attr[I64Array] = None
    keep_aspect_ratio_policy: Attr[StrKind(("stretch", "not_larger", "not_smaller"))] = "stretch"
    roi: Attr[F64Array] = None

    def shape(input, **attrs):
        _check_resize(input.rank, attrs)
        return input.with_shape(resize_plan(input.shape, attrs["scales"], attrs["sizes"], attrs["keep_aspect_ratio_policy"])[1])

    def reference(input, **attrs):
        scales, outputs = resize_plan(input.shape, attrs["scales"], attrs["sizes"], attrs["keep_aspect_ratio_policy"])
        roi = attrs["roi"]
        result = input.astype(np.float64)
        for axis in resized_axes(input.shape, scales, outputs, attrs):
            axis_roi = (roi[axis], roi[input.ndim + axis]) if roi is not None else (0.0, 1.0)
            result = _resample_axis(result, axis, scales[axis], outputs[axis], axis_roi, attrs)
        if np.issubdtype(input.dtype, np.integer):
            info = np.iinfo(input.dtype)
            return np.clip(np.round(result), info.min, info.max).astype(input.dtype)
        return result.astype(input.dtype)

    def cost(input, **attrs):
        # A multiply-add for each neighbour an output sample weighs (one copy for "nearest").
        scales, outputs = resize_plan(input.shape, attrs["scales"], attrs["sizes"], attrs["keep_aspect_ratio_policy"])
        taps = 1
        if attrs["mode"] != "nearest":
            for axis in resized_axes(input.shape, scales, outputs, attrs):
                taps *= resize_taps(attrs["mode"], scales[axis], attrs["antialias"])
        return Cost("data movement", flops=2 * prod(outputs) * taps if taps > 1 else 0)


def _check_resize(rank: int, attrs) -> None:
    if attrs["antialias"] and attrs["mode"] == "nearest":
        raise ShapeError('antialias applies to "linear" and "cubic" modes only')
    roi = attrs["roi"]
    if attrs["coordinate_transformation_mode"] == "tf_crop_and_resize":
        if roi is None or len(roi) != 2 * rank:
            raise ShapeError(f'"tf_crop_and_resize" needs a roi of {2 * rank} entries (starts, then ends)')


def resized_axes(shape, scales, outputs, attrs) -> list[int]:
    """The dims a resize changes: all but those with scale 1, the same size and the whole roi."""
    roi = attrs["roi"] if attrs["coordinate_transformation_mode"] == "tf_crop_and_resize" else None
    rank = len(shape)
    return [
        d
        for d in range(rank)
        if not (scales[d] == 1.0 and outputs[d] == shape[d] and (roi is None or (roi[d], roi[rank + d]) == (0.0, 1.0)))
    ]


def resize_coordinates(o, length: float, scale: float, out: int, transform: str, roi) -> np.ndarray:
    """The input coordinates of output indices `o` along one dim (ONNX's coordinate transforms; the
    lowering builds the same formulas)."""
    width = scale * length  # the output length before rounding down
    if transform == "half_pixel":
        return (o + 0.5) / scale - 0.5
    if transform == "half_pixel_symmetric":
        return length / 2 * (1 - out / width) + (o + 0.5) / scale - 0.5
    if transform == "pytorch_half_pixel":
        return (o + 0.5) / scale - 0.5 if width != 1 else np.full_like(o, -0.5)
    if transform == "align_corners":
        return o * (length - 1) / (width - 1) if width != 1 else np.zeros_like(o)
    if transform == "asymmetric":
        return o / scale
    start, end = roi
    if width == 1:
        return np.full_like(o, (end - start) * (length - 1) / 2 + start * (length - 1))
    return o * (end - start) * (length - 1) / (width - 1) + start * (length - 1)


def resize_kernel(distance, mode: str, a: float):
    """The weight of a neighbour at `distance` (>= 0, in input elements scaled by the antialias factor)."""
    if mode == "linear":
        return np.clip(1 - distance, 0, 1)
    cubic_near = ((a + 2) * distance - (a + 3)) * distance * distance + 1
    cubic_far = ((a * distance - 5 * a) * distance + 8 * a) * distance - 4 * a
    return np.where(distance <= 1, cubic_near, np.where(distance < 2, cubic_far, 0.0))


def resize_taps(mode: str, scale: float, antialias: bool) -> int:
    """How many neighbours a linear or cubic sample weighs: 2 or 4, more when antialiasing a downsample."""
    factor = min(scale, 1.0) if antialias else 1.0
    return 2 - 2 * (int(np.floor(-RESIZE_SUPPORT[mode] / factor)) + 1)


def _resample_axis(x: np.ndarray, axis: int, scale: float, out: int, roi, attrs) -> np.ndarray:
    length = x.shape[axis]
    coordinate = resize_coordinates(np.arange(out, dtype=np.float64), float(length), scale, out, attrs["coordinate_transformation_mode"], roi)
    # The neighbour below a coordinate that is an integer is the one before it (ratio 1).
    ratio = np.where(coordinate == np.floor(coordinate), 1.0, coordinate - np.floor(coordinate))
    base = coordinate - ratio
    mode = attrs["mode"]
    if mode == "nearest":
        nearest = attrs["nearest_mode"]
        above = {"round_prefer_floor": ratio > 0.5, "round_prefer_ceil": ratio >= 0.5, "floor": ratio == 1, "ceil": np.ones_like(ratio, bool)}[nearest]
        resampled = np.take(x, np.clip(base + above, 0, length - 1).astype(np.int64), axis=axis)
    else:
        taps = resize_taps(mode, scale, attrs["antialias"])
        factor = min(scale, 1.0) if attrs["antialias"] else 1.0
        offsets = np.arange(taps) + 1 - taps // 2
        positions = base[:, None] + offsets[None, :]
        weights = resize_kernel(np.abs(offsets[None, :] - ratio[:, None]) * factor, mode, attrs["cubic_coeff_a"])
        if attrs["exclude_outside"]:
            weights = np.where((positions < 0) | (positions > length - 1), 0.0, weights)
        if attrs["exclude_outside"] or attrs["antialias"]:
            total = weights.sum(axis=1, keepdims=True)
            weights = weights / np.where(total == 0, 1.0, total)
        gathered = np.take(x, np.clip(positions, 0, length - 1).astype(np.int64), axis=axis)
        shape = (1,) * axis + weights.shape + (1,) * (x.ndim - axis - 1)
        resampled = (gathered * weights.reshape(shape)).sum(axis=axis + 1)
    if attrs["coordinate_transformation_mode"] == "tf_crop_and_resize":
        outside = ((coordinate < 0) | (coordinate > length - 1)).reshape((1,) * axis + (out,) + (1,) * (x.ndim - axis - 1))
        resampled = np.where(outside, attrs["extrapolation_value"], resampled)
    return resampled
