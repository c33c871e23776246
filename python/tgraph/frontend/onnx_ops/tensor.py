"""ONNX ops that make, reshape or move tensors.

Reshape-like ops (Flatten, Squeeze, Unsqueeze, DepthToSpace, SpaceToDepth) become `tg.reshape`s, with
`tg.transpose` between them where elements move. Their target shapes are assembled from pieces: ints
and 1-D i64 values computed from `tg.shape` (which fold to constants when the dims are static). When
at most one result dim is unknown, the reshape needs no target operand; otherwise the target is built
at run time, so any number of dims may be dynamic. Split is slices; ConstantOfShape broadcasts a
scalar; Size multiplies the dims.
"""

from __future__ import annotations

from math import prod

import numpy as np

from ...dialect.ops import (
    Add, BroadcastTo, Concat, CumSum, Div, Gather, GatherElements, Mul, Pad, Reshape, Resize, Shape, Slice, Tile, Transpose, Trilu,
)  # fmt: skip
from ...dialect.ops.layout import COORDINATE_TRANSFORMS, NEAREST_MODES, resolve_target_dims
from ...dialect.types import NUMPY_DTYPES, ShapeError, TensorSpec, normalize_axis
from . import MAX_FOLDED_ELEMENTS, Node, converter

INT64_MAX = np.iinfo(np.int64).max
#: ConstantOfShape results up to this many elements become constants; larger ones are broadcasts.
LARGEST_FILLED_CONSTANT = 1 << 12


@converter("Constant")
def constant(node: Node):
    for name in ("value", "value_float", "value_floats", "value_int", "value_ints"):
        value = node.attr(name, None)
        if value is not None:
            dtype = {"value_float": np.float32, "value_floats": np.float32, "value_int": np.int64, "value_ints": np.int64}.get(name)
            return node.const(np.array(value, dtype) if dtype else value)
    node.unsupported("only tensor, float(s) and int(s) constants are supported")


@converter("Identity")
def identity(node: Node):
    return node.input(0)


@converter("Dropout", compile_time_inputs=(1, 2))
def dropout(node: Node):
    """Inference: the input unchanged, and an all-true mask if asked for. Training mode is refused
    unless the ratio is 0 (it then drops nothing either)."""
    if node.has_input(2):
        training = node.required_constant(2, "training_mode")
        ratio = node.constant(1) if node.has_input(1) else np.array(0.5)
        if bool(training) and (ratio is None or float(ratio) != 0.0):
            node.unsupported("training_mode = true drops elements at random: only inference (or ratio 0) is supported")
    x = node.input(0)
    if len(node.proto.output) < 2 or not node.proto.output[1]:
        return x
    spec = node.spec(x)
    true = node.const(np.array(True))
    if spec.is_static:
        return x, node.emit(BroadcastTo, true, result_type=spec.with_dtype("i1").to_mlir())
    return x, node.emit(BroadcastTo, true, dims(node, x, 0), result_type=spec.with_dtype("i1").to_mlir())


# --- shapes as values ----------------------------------------------------------------------------


def dims(node: Node, x, start: int, end: int | None = None):
    """Dims `start` to `end` of `x` as a 1-D i64 value (a constant when they are static)."""
    return node.emit(Shape, x, start=start or None, end=end)


def dims_product(node: Node, x, start: int, end: int):
    """The product of dims `start` to `end` of `x`: an int when they are static, else a 1-element
    i64 value (a chain of tg.mul over the dims)."""
    shape = node.spec(x).shape[start:end]
    if None not in shape:
        return prod(shape)
    static = prod(d for d in shape if d is not None)
    product = node.const(np.array([static], np.int64)) if static != 1 else None
    for d in range(start, end):
        if node.spec(x).shape[d] is None:
            dim = dims(node, x, d, d + 1)
            product = dim if product is None else node.emit(Mul, product, dim)
    return product


def known(node: Node, value) -> np.ndarray | None:
    """The value of an MLIR value when the importer knows it."""
    return node.importer.known.get(value)


def vector(node: Node, pieces):
    """A 1-D i64 value joining `pieces` (ints and 1-D i64 values) in order."""
    joined = None
    run: list[int] = []

    def flush():
        nonlocal joined, run
        if run:
            part = node.const(np.array(run, np.int64))
            joined = part if joined is None else node.emit(Concat, joined, part, axis=0)
            run = []

    for piece in pieces:
        if isinstance(piece, (int, np.integer)):
            run.append(int(piece))
            continue
        flush()
        joined = piece if joined is None else node.emit(Concat, joined, piece, axis=0)
    flush()
    return joined


def reshape_to(node: Node, x, pieces):
    """`x` reshaped to the dims listed by `pieces`: ints (one may be -1, inferred) and 1-D i64 values
    of any length (dims computed from shapes). Static when at most one dim is unknown; otherwise the
    target is a vector computed at run time."""
    spec = node.spec(x)
    target: list[int | None] = []
    for piece in pieces:
        if isinstance(piece, (int, np.integer)):
            target.append(int(piece))
        else:
            value = known(node, piece)
            target += [int(v) for v in value] if value is not None else [None] * node.spec(piece).shape[0]
    result = [d if d != -1 else None for d in target]
    if -1 in target and None not in target and spec.numel is not None:
        result[target.index(-1)] = spec.numel // max(prod(d for d in result if d is not None), 1)
    if result.count(None) <= 1:
        return node.emit(Reshape, x, result_type=TensorSpec(result, spec.dtype).to_mlir())
    return node.emit(Reshape, x, vector(node, pieces), result_type=TensorSpec(result, spec.dtype).to_mlir())


def inferred_dims(node: Node, rank: int) -> list[int | None]:
    """The dims ONNX shape inference gave the node's output (a shape computed at run time may still
    have some known), or all unknown."""
    inferred = node.output_spec(0)
    return list(inferred.shape) if inferred is not None and inferred.rank == rank else [None] * rank


# --- reshapes ------------------------------------------------------------------------------------


@converter("Reshape", compile_time_inputs=(1,))
def reshape(node: Node):
    """Reshape to a target shape (0 copies the input dim unless allowzero, -1 is inferred): static when
    the target is known and leaves at most one dim dynamic, else with the target as an operand."""
    x, spec = node.input(0), node.input_spec(0)
    allow_zero = bool(node.attr("allowzero", 0))
    target_value = node.constant(1)
    if target_value is not None and np.ndim(target_value) != 1:
        node.unsupported(f"the target shape must be 1-D, got shape {list(np.shape(target_value))}")
    if target_value is not None:
        try:
            result = resolve_target_dims(target_value, spec.shape, allow_zero)
        except ShapeError as e:
            node.unsupported(str(e))
        result_type = TensorSpec(result, spec.dtype).to_mlir()
        if result.count(None) <= 1:
            return node.emit(Reshape, x, result_type=result_type)
        return node.emit(Reshape, x, node.input(1), result_type=result_type, allowzero=allow_zero or None)
    target = node.input(1)
    length = node.spec(target).shape[0] if node.spec(target).rank == 1 else None
    if length is None:
        node.unsupported("the target shape must be a 1-D tensor of static length")
    result = inferred_dims(node, length)
    return node.emit(Reshape, x, target, result_type=TensorSpec(result, spec.dtype).to_mlir(), allowzero=allow_zero or None)


@converter("Flatten")
def flatten(node: Node):
    x = node.input(0)
    rank = node.spec(x).rank
    axis = node.attr("axis", 1)
    if not -rank <= axis <= rank:
        node.unsupported(f"axis {axis} is out of range for rank {rank}")
    axis = axis + rank if axis < 0 else axis
    if None not in node.spec(x).shape[axis:]:
        return reshape_to(node, x, [-1, dims_product(node, x, axis, rank)])
    return reshape_to(node, x, [dims_product(node, x, 0, axis), -1])


def axes_of(node: Node, position: int, opset_as_input: int) -> list[int] | None:
    """Axes given as an attribute (before `opset_as_input`) or as input `position` (from it), or None."""
    if node.opset < opset_as_input:
        axes = node.attr("axes", None)
        return list(axes) if axes is not None else None
    if not node.has_input(position):
        return None
    return [int(a) for a in np.asarray(node.required_constant(position, "axes")).reshape(-1)]


def kept_dims(node: Node, x, keep: list[int | None]) -> list:
    """Reshape pieces listing input dims by index (runs of them as one tg.shape) and ints for None."""
    pieces: list = []
    d = 0
    while d < len(keep):
        if keep[d] is None:
            pieces.append(1)
            d += 1
            continue
        end = d
        while end + 1 < len(keep) and keep[end + 1] == keep[end] + 1:
            end += 1
        pieces.append(dims(node, x, keep[d], keep[end] + 1))
        d = end + 1
    return pieces


@converter("Squeeze", compile_time_inputs=(1,))
def squeeze(node: Node):
    x = node.input(0)
    spec = node.spec(x)
    axes = axes_of(node, 1, 13)
    if axes is None:
        if None in spec.shape:
            node.unsupported("squeezing every dim of size 1 needs static dims (give axes)")
        axes = [d for d, n in enumerate(spec.shape) if n == 1]
    axes = sorted({normalize_axis(a, spec.rank) for a in axes})
    for a in axes:
        if spec.shape[a] not in (1, None):
            node.unsupported(f"dim {a} has size {spec.shape[a]}, not 1")
    return reshape_to(node, x, kept_dims(node, x, [d for d in range(spec.rank) if d not in axes]))


@converter("Unsqueeze", compile_time_inputs=(1,))
def unsqueeze(node: Node):
    x = node.input(0)
    spec = node.spec(x)
    axes = axes_of(node, 1, 13)
    if axes is None:
        node.unsupported("axes are required")
    rank = spec.rank + len(axes)
    if len({normalize_axis(a, rank) for a in axes}) != len(axes):
        node.unsupported(f"axes {list(axes)} repeat a dim")
    axes = {normalize_axis(a, rank) for a in axes}
    inputs = iter(range(spec.rank))
    return reshape_to(node, x, kept_dims(node, x, [None if d in axes else next(inputs) for d in range(rank)]))


def block_size(node: Node) -> int:
    """The blocksize of DepthToSpace/SpaceToDepth, whose input must be NCHW."""
    if node.input_spec(0).rank != 4:
        node.unsupported("the input must have rank 4 (NCHW)")
    b = node.attr("blocksize")
    if b < 1:
        node.unsupported(f"blocksize {b} must be positive")
    return b


@converter("DepthToSpace")
def depth_to_space(node: Node):
    """[N, C, H, W] -> [N, C/b², H*b, W*b]: split C into blocks, move them beside H and W, merge."""
    x, b = node.input(0), block_size(node)
    n, height, width = dims(node, x, 0, 1), dims(node, x, 2, 3), dims(node, x, 3, 4)
    mode = node.attr("mode", "DCR")
    if mode not in ("DCR", "CRD"):
        node.unsupported(f"mode '{mode}' is not supported")
    if mode == "DCR":
        blocks = reshape_to(node, x, [n, b, b, -1, height, width])
        perm = [0, 3, 4, 1, 5, 2]
    else:
        blocks = reshape_to(node, x, [n, -1, b, b, height, width])
        perm = [0, 1, 4, 2, 5, 3]
    moved = node.emit(Transpose, blocks, perm=perm)
    scale = node.const(np.array([b], np.int64))
    return reshape_to(node, moved, [n, -1, node.emit(Mul, height, scale), node.emit(Mul, width, scale)])


@converter("SpaceToDepth")
def space_to_depth(node: Node):
    """[N, C, H, W] -> [N, C*b², H/b, W/b]: split H and W into blocks, move the blocks before C (DCR,
    the default) or after it (CRD, opset 28), merge."""
    x, b = node.input(0), block_size(node)
    scale = node.const(np.array([b], np.int64))
    n, channels = dims(node, x, 0, 1), dims(node, x, 1, 2)
    height, width = node.emit(Div, dims(node, x, 2, 3), scale), node.emit(Div, dims(node, x, 3, 4), scale)
    blocks = reshape_to(node, x, [n, channels, height, b, width, b])
    mode = node.attr("mode", "DCR")
    if mode not in ("DCR", "CRD"):
        node.unsupported(f"mode '{mode}' is not supported")
    moved = node.emit(Transpose, blocks, perm=[0, 3, 5, 1, 2, 4] if mode == "DCR" else [0, 1, 3, 5, 2, 4])
    return reshape_to(node, moved, [n, -1, height, width])


@converter("Transpose")
def transpose(node: Node):
    rank = node.input_spec(0).rank
    perm = node.attr("perm", None)
    return node.emit(Transpose, node.input(0), perm=list(perm) if perm is not None else list(reversed(range(rank))))


# --- shapes --------------------------------------------------------------------------------------


@converter("Shape")
def shape(node: Node):
    return dims(node, node.input(0), node.attr("start", 0), node.attr("end", None))


@converter("Size")
def size(node: Node):
    x = node.input(0)
    count = dims_product(node, x, 0, node.spec(x).rank)
    if isinstance(count, int):
        return node.const(np.array(count, np.int64))
    return node.emit(Reshape, count, result_type=TensorSpec((), "i64").to_mlir())


@converter("ConstantOfShape", compile_time_inputs=(0,))
def constant_of_shape(node: Node):
    """The value (a 1-element tensor, float 0 by default) broadcast to the shape."""
    value = node.attr("value", None)
    value = np.zeros((), np.float32) if value is None else np.asarray(value).reshape(())
    target = node.input(0)
    shape_value = node.constant(0)
    length = node.spec(target).shape[0]
    scalar = node.const(value)
    if shape_value is not None:
        if np.ndim(shape_value) != 1 or (shape_value < 0).any():
            node.unsupported(f"the shape {shape_value.tolist()} must be a vector of non-negative dims")
        result = TensorSpec(tuple(int(d) for d in shape_value), node.dtype(scalar))
        if result.numel <= LARGEST_FILLED_CONSTANT:
            return node.const(np.full(result.shape, value, value.dtype))
        with node.location:  # a large fill stays an op, rather than a constant of every element
            return BroadcastTo(scalar, result_type=result.to_mlir()).result
    if length is None:
        node.unsupported("the shape must be a 1-D tensor of static length")
    result = TensorSpec(inferred_dims(node, length), node.dtype(scalar))
    return node.emit(BroadcastTo, scalar, target, result_type=result.to_mlir())


@converter("Range", compile_time_inputs=(0, 1, 2))
def range_(node: Node):
    """start, start + delta, ... before limit: known at compile time (its length is the output's shape)."""
    start, limit, delta = (node.required_constant(i, name) for i, name in enumerate(("start", "limit", "delta")))
    if delta == 0:
        node.unsupported("delta must not be 0")
    count = (float(limit) - float(start)) / float(delta)
    if not np.isfinite(count) or count > MAX_FOLDED_ELEMENTS:
        node.unsupported(f"a range of {count} elements is not supported")
    count = max(int(np.ceil(count)), 0)
    dtype = np.asarray(start).dtype
    return node.const((np.asarray(start) + np.arange(count).astype(dtype) * np.asarray(delta)).astype(dtype))


# --- joining and splitting -----------------------------------------------------------------------


@converter("Concat")
def concat(node: Node):
    axis = node.attr("axis")
    result, *rest = node.inputs()
    for value in rest:
        result = node.emit(Concat, result, value, axis=axis)
    return result


def full_bounds(node: Node, given, axes: list[int], rank: int, fill: int):
    """A bounds vector with one entry a dim: `given` (a 1-D value or array, entry p for dim axes[p])
    and `fill` for the other dims."""
    if isinstance(given, np.ndarray):
        full = np.full(rank, fill, np.int64)
        full[axes] = given
        return node.const(full)
    if axes == list(range(rank)):
        return given
    dtype = node.dtype(given)
    extended = node.emit(Concat, given, node.const(np.full(rank, fill, NUMPY_DTYPES[dtype])), axis=0)
    positions = [axes.index(d) if d in axes else len(axes) + d for d in range(rank)]
    return node.emit(Gather, extended, node.const(np.array(positions, np.int64)))


@converter("Slice", compile_time_inputs=(1, 2, 3, 4))
def slice_(node: Node):
    """Starts and ends may be computed at run time (from shapes); axes and steps must be known. (The
    backend still specializes on starts and ends that are graph inputs: they decide the result shape.)"""
    x = node.input(0)
    rank = node.spec(x).rank
    if node.opset < 10:
        starts, ends = np.array(node.attr("starts"), np.int64), np.array(node.attr("ends"), np.int64)
        axes, steps = node.attr("axes", None), None
    else:
        starts = node.constant(1) if node.constant(1) is not None else node.input(1)
        ends = node.constant(2) if node.constant(2) is not None else node.input(2)
        axes = [int(a) for a in node.required_constant(3, "axes")] if node.has_input(3) else None
        steps = [int(s) for s in node.required_constant(4, "steps")] if node.has_input(4) else None
    count = len(starts) if isinstance(starts, np.ndarray) else node.spec(starts).shape[0]
    axes = [normalize_axis(a, rank) for a in axes] if axes is not None else list(range(count))
    ends_count = len(ends) if isinstance(ends, np.ndarray) else node.spec(ends).shape[0]
    if not count == ends_count == len(axes) == len(steps or axes) or len(set(axes)) != len(axes):
        node.unsupported(f"starts, ends, axes and steps must have one entry per distinct axis (got {count}, {ends_count}, {len(axes)}, {len(steps or axes)})")
    full_steps = [1] * rank
    for a, s in zip(axes, steps or [1] * len(axes)):
        full_steps[a] = s
    if 0 in full_steps:
        node.unsupported("steps must be nonzero")
    return node.emit(
        Slice,
        x,
        full_bounds(node, starts, axes, rank, 0),
        full_bounds(node, ends, axes, rank, INT64_MAX),
        steps=full_steps if any(s != 1 for s in full_steps) else None,
    )


@converter("Split", compile_time_inputs=(1,))
def split(node: Node):
    """Slices along the axis: by the given sizes, or in equal parts (the last smaller), computed at
    run time when the dim is dynamic."""
    x = node.input(0)
    spec = node.spec(x)
    axis = normalize_axis(node.attr("axis", 0), spec.rank)
    outputs = len(node.proto.output)
    if node.opset < 13:
        sizes = node.attr("split", None)
    else:
        sizes = node.required_constant(1, "split") if node.has_input(1) else None
    parts = node.attr("num_outputs", outputs) if node.opset >= 18 else outputs
    dim = spec.shape[axis]
    if sizes is not None and (len(sizes) != outputs or min(sizes, default=0) < 0 or (dim is not None and sum(sizes) != dim)):
        node.unsupported(f"split sizes {[int(s) for s in sizes]} do not divide dim {axis} ({dim}) into {outputs} outputs")
    if parts != outputs or parts < 1:
        node.unsupported(f"num_outputs is {parts} but the node has {outputs} outputs")
    if sizes is None and dim is not None:
        chunk = -(-dim // parts)
        sizes = [min(chunk, max(dim - chunk * i, 0)) for i in range(parts)]
    zeros, ends = np.zeros(spec.rank, np.int64), np.full(spec.rank, INT64_MAX, np.int64)
    results = []
    if sizes is not None:
        offsets = np.concatenate([[0], np.cumsum(sizes)])
        for i in range(len(sizes)):
            start, end = zeros.copy(), ends.copy()
            start[axis], end[axis] = offsets[i], offsets[i + 1]
            results.append(node.emit(Slice, x, node.const(start), node.const(end)))
        return results
    # A dynamic dim in equal parts: chunk = ceil(dim / parts); part i is [i * chunk, (i + 1) * chunk)
    # along the axis, computed as the chunk times a vector that is i there and 0 elsewhere.
    total = dims(node, x, axis, axis + 1)
    chunk = node.emit(Div, node.emit(Add, total, node.const(np.array([parts - 1], np.int64))), node.const(np.array([parts], np.int64)))
    along = np.eye(spec.rank, dtype=np.int64)[axis]
    whole = node.const(ends * (1 - along))
    starts = [node.emit(Mul, chunk, node.const(along * i)) for i in range(parts + 1)]
    for i in range(parts):
        results.append(node.emit(Slice, x, starts[i], node.emit(Add, starts[i + 1], whole)))
    return results


# --- gathers -------------------------------------------------------------------------------------


@converter("Gather")
def gather(node: Node):
    return node.emit(Gather, node.input(0), node.input(1), axis=node.attr("axis", 0))


@converter("GatherElements")
def gather_elements(node: Node):
    return node.emit(GatherElements, node.input(0), node.input(1), axis=node.attr("axis", 0))


# --- padding, broadcasting, tiling ----------------------------------------------------------------


@converter("Pad", compile_time_inputs=(1, 3))
def pad(node: Node):
    """Pads as an attribute (before opset 11) or input; the constant value as an attribute or an
    optional input (0 by default); opset 18's axes select the padded dims."""
    x = node.input(0)
    spec = node.spec(x)
    mode = node.attr("mode", "constant")
    if mode not in ("constant", "reflect", "edge", "wrap"):
        node.unsupported(f"mode '{mode}' is not supported")
    if node.opset < 11:
        pads = list(node.attr("pads", None) or node.attr("paddings"))
        value = node.scalar(node.attr("value", 0.0), like=x)
        axes = list(range(spec.rank))
    else:
        given = [int(p) for p in node.required_constant(1, "pads")]
        value = node.input(2) if node.has_input(2) else node.scalar(0, like=x)
        axes = [int(a) for a in node.required_constant(3, "axes")] if node.has_input(3) else list(range(spec.rank))
        axes = [normalize_axis(a, spec.rank) for a in axes]
        if len(given) != 2 * len(axes):
            node.unsupported(f"pads has {len(given)} entries for {len(axes)} axes")
        pads = [0] * (2 * spec.rank)
        for p, a in enumerate(axes):
            pads[a], pads[spec.rank + a] = given[p], given[len(axes) + p]
    if node.spec(value).rank != 0:
        value = node.emit(Reshape, value, result_type=TensorSpec((), node.dtype(value)).to_mlir())
    return node.emit(Pad, x, value, pads=pads, mode=mode)


@converter("Expand", compile_time_inputs=(1,))
def expand(node: Node):
    """Bidirectional broadcast to a shape: static when the shape is known, else computed at run time."""
    x = node.input(0)
    spec = node.spec(x)
    target = node.constant(1)
    if target is not None:
        target = [int(d) for d in target]
        rank = max(len(target), spec.rank)
        padded_input = (1,) * (rank - spec.rank) + spec.shape
        padded_target = [1] * (rank - len(target)) + target
        result = []
        for n, t in zip(padded_input, padded_target):
            if t != 1 and n not in (None, 1, t):
                node.unsupported(f"dim {n} does not broadcast to {t}")
            result.append(n if t == 1 else t)
        return node.emit(BroadcastTo, x, result_type=spec.with_shape(result).to_mlir())
    shape = node.input(1)
    length = node.spec(shape).shape[0] if node.spec(shape).rank == 1 else None
    if length is None:
        node.unsupported("the shape must be a 1-D tensor of static length")
    result = spec.with_shape(inferred_dims(node, max(length, spec.rank)))
    return node.emit(BroadcastTo, x, shape, result_type=result.to_mlir())


@converter("Tile", compile_time_inputs=(1,))
def tile(node: Node):
    repeats = [int(r) for r in node.required_constant(1, "repeats")]
    return node.emit(Tile, node.input(0), repeats=repeats)


@converter("Trilu", compile_time_inputs=(1,))
def trilu(node: Node):
    k = int(np.asarray(node.required_constant(1, "k")).reshape(())) if node.has_input(1) else 0
    return node.emit(Trilu, node.input(0), upper=None if node.attr("upper", 1) else False, k=k or None)


@converter("CumSum", compile_time_inputs=(1,))
def cumsum(node: Node):
    axis = int(np.asarray(node.required_constant(1, "axis")).reshape(-1)[0])
    return node.emit(CumSum, node.input(0), axis=axis, exclusive=bool(node.attr("exclusive", 0)), reverse=bool(node.attr("reverse", 0)))


# --- resampling ----------------------------------------------------------------------------------


@converter("Resize", compile_time_inputs=(1, 2, 3))
def resize(node: Node):
    """Resize with known scales or sizes (and roi), over all dims or opset 18's `axes`. Opset 10 maps
    coordinates asymmetrically and rounds down to the nearest element."""
    x = node.input(0)
    rank = node.spec(x).rank
    axes = [normalize_axis(a, rank) for a in node.attr("axes", list(range(rank)))]

    def given(index: int):
        value = node.constant(index) if node.has_input(index) else None
        if node.has_input(index) and value is None:
            node.unsupported(f"input #{index} must be a constant or computable from shapes")
        return None if value is None or value.size == 0 else [v.item() for v in np.asarray(value).reshape(-1)]

    def per_dim(values, fill):
        if values is None:
            return None
        if len(values) != len(axes):
            node.unsupported(f"{len(values)} scales or sizes for {len(axes)} axes")
        full = [fill] * rank
        for a, v in zip(axes, values):
            full[a] = v
        return full

    attrs = {"mode": node.attr("mode", "nearest")}
    if node.opset < 11:
        attrs.update(coordinate_transformation_mode="asymmetric", nearest_mode="floor", scales=per_dim(given(1), 1.0))
    else:
        attrs.update(
            coordinate_transformation_mode=node.attr("coordinate_transformation_mode", "half_pixel"),
            nearest_mode=node.attr("nearest_mode", "round_prefer_floor"),
            cubic_coeff_a=node.attr("cubic_coeff_a", -0.75),
            exclude_outside=bool(node.attr("exclude_outside", 0)),
            antialias=bool(node.attr("antialias", 0)),
            extrapolation_value=node.attr("extrapolation_value", 0.0),
            keep_aspect_ratio_policy=node.attr("keep_aspect_ratio_policy", "stretch"),
            scales=per_dim(given(2), 1.0),
            sizes=per_dim([int(s) for s in given(3)] if given(3) is not None else None, -1),
        )
        roi = given(1)
        if attrs["coordinate_transformation_mode"] == "tf_crop_and_resize" and roi is not None:
            if len(roi) != 2 * len(axes):
                node.unsupported(f"roi has {len(roi)} entries for {len(axes)} axes")
            attrs["roi"] = per_dim(roi[: len(axes)], 0.0) + per_dim(roi[len(axes) :], 1.0)
    for name, choices in (("mode", ("nearest", "linear", "cubic")), ("coordinate_transformation_mode", COORDINATE_TRANSFORMS), ("nearest_mode", NEAREST_MODES)):
        if attrs.get(name, choices[0]) not in choices:
            node.unsupported(f"{name} '{attrs[name]}' is not supported")
    defaults = {a.name: a.default for a in Resize.attrs_def}
    return node.emit(Resize, x, **{k: v for k, v in attrs.items() if v is not None and v != defaults[k]})
