"""Data movement to linalg and tensor ops. Views where they exist: a reshape collapses to 1-D and expands
to the result shape, a slice with positive steps is `tensor.extract_slice`, concatenation and constant
padding insert slices into a new tensor; `linalg.transpose` for transposes; `linalg.generic` with affine
maps for broadcasts, tiles and triangle masks; and `linalg.generic` reading with `tensor.extract` where
the source index is computed (gathers, backward slices, mirrored padding, broadcasts of dims that may be
1 only at run time).

Sizes, bounds and indices go through `index_math`, which folds when they are known: static shapes give
static IR, and dynamic ones clamp with index arithmetic at run time.
Data movement works on the stored bits (see storage.py): element types never need converting here.
"""

from __future__ import annotations

from math import prod
from typing import Sequence

import numpy as np
from mlir import ir
from mlir.dialects import arith, linalg, scf, tensor

from ..dialect.declare import constant_value
from ..dialect.ops.layout import resolve_target_dims, slice_steps
from ..dialect.types import normalize_axis
from . import build
from . import index_math as im

Size = build.Size


def _element_index(vector: ir.Value, position: int) -> Size:
    """Entry `position` of a 1-D integer tensor as an index: an int when the tensor is a constant."""
    known = constant_value(vector)
    if known is not None:
        return int(known[position])
    return arith.index_cast(ir.IndexType.get(), tensor.extract(vector, [build.index(position)]))


def _index_of(element: ir.Value) -> ir.Value:
    """An integer scalar (an index read from a tensor) as an `index`."""
    return arith.index_cast(ir.IndexType.get(), element)


# --- slices ------------------------------------------------------------------------------------


def _mixed(sizes: Sequence[Size]) -> tuple[list[ir.Value], list[int]]:
    """Dynamic values and the static list (with the dynamic marker) of mixed sizes or offsets."""
    dynamic = ir.ShapedType.get_dynamic_size()
    return [s for s in sizes if isinstance(s, ir.Value)], [dynamic if isinstance(s, ir.Value) else s for s in sizes]


def extract_slice(
    source: ir.Value, offsets: Sequence[Size], sizes: Sequence[Size], strides: Sequence[Size] | None = None, *, drop: int | None = None
) -> ir.Value:
    """`tensor.extract_slice` (a view) of `sizes` elements from `offsets`, every `strides`; `drop`
    names a dim of size 1 that the result leaves out."""
    strides = strides if strides is not None else [1] * len(sizes)
    source_type = ir.RankedTensorType(source.type)
    whole = source_type.has_static_shape and list(sizes) == list(source_type.shape)
    if drop is None and whole and all(o == 0 for o in offsets) and all(s == 1 for s in strides):
        return source
    offset_values, static_offsets = _mixed(offsets)
    size_values, static_sizes = _mixed(sizes)
    stride_values, static_strides = _mixed(strides)
    kept = [s for d, s in enumerate(sizes) if d != drop]
    result = build.tensor_type(kept, build.element_type(source))
    return tensor.extract_slice(result, source, offset_values, size_values, stride_values, static_offsets, static_sizes, static_strides)


def insert_slice(source: ir.Value, dest: ir.Value, offsets: Sequence[Size], sizes: Sequence[Size] | None = None) -> ir.Value:
    """`tensor.insert_slice` of all of `source` into `dest` at `offsets` (`sizes` when `source` has
    a dim of size 1 fewer)."""
    sizes = sizes if sizes is not None else build.sizes(source)
    offset_values, static_offsets = _mixed(offsets)
    size_values, static_sizes = _mixed(sizes)
    return tensor.insert_slice(source, dest, offset_values, size_values, [], static_offsets, static_sizes, [1] * len(sizes))


def slice_range(start: Size, end: Size, step: int, dim: Size) -> tuple[Size, Size]:
    """ONNX Slice along one dim, in index arithmetic: (first index, count). The same rules as
    `dialect.ops.layout.slice_range`, which gives the result shapes."""
    start, end = im.from_end(start, dim), im.from_end(end, dim)
    if step > 0:
        start, end = im.clamp(start, 0, dim), im.clamp(end, 0, dim)
        return start, im.maximum(0, im.ceil_div(im.sub(end, start), step))
    last = im.sub(dim, 1)
    start, end = im.clamp(start, 0, last), im.clamp(end, -1, last)
    return start, im.maximum(0, im.ceil_div(im.sub(start, end), -step))


def lower_slice(op) -> list[ir.Value]:
    source = op.input
    rank = ir.RankedTensorType(source.type).rank
    steps = slice_steps(op.steps, rank)
    firsts, counts = [], []
    for d, step in enumerate(steps):
        first, count = slice_range(_element_index(op.starts, d), _element_index(op.ends, d), step, build.size(source, d))
        count = _static_if_known(count, build.result_type(op), d)
        firsts.append(0 if count == 0 else first)  # (an empty slice at the end would be out of bounds)
        counts.append(count)
    if all(s > 0 for s in steps):
        return [extract_slice(source, firsts, counts, list(steps))]

    # Walking backwards along some dim: read each element at its computed index.
    def element(indices):
        return [im.value(im.add(f, im.mul(i, s))) for f, i, s in zip(firsts, indices, steps)]

    return [_gather_by_index(source, counts, element)]


def _static_if_known(size: Size, result_type: ir.RankedTensorType, d: int) -> Size:
    """A computed size, or the result type's static dim when it has one (the shape rule checked it)."""
    return size if result_type.is_dynamic_dim(d) else result_type.get_dim_size(d)


def _gather_by_index(source: ir.Value, sizes: Sequence[Size], source_index, inputs: Sequence[ir.Value] = (), maps=()) -> ir.Value:
    """A tensor of `sizes` whose element at `i` is `source[source_index(i, *input_elements)]`: a
    `linalg.generic` over the result (reading `inputs` through `maps`) that extracts from `source`."""
    rank = len(sizes)
    init = build.empty(sizes, build.element_type(source))

    def body(*elements):
        indices = [linalg.IndexOp(d).result for d in range(rank)]
        return tensor.extract(source, source_index(indices, *elements[: len(inputs)]))

    return build.generic(list(inputs), init, list(maps) + [build.identity_map(rank)], ["parallel"] * rank, body)


# --- transpose and reshape -----------------------------------------------------------------------


def lower_transpose(op) -> list[ir.Value]:
    source = op.input
    source_sizes = build.sizes(source)
    init = build.empty([source_sizes[p] for p in op.perm], build.element_type(source))
    return [linalg.transpose(source, outs=[init], permutation=list(op.perm)).results[0]]


def lower_reshape(op) -> list[ir.Value]:
    """Collapse to 1-D and expand to the result sizes: static ones from the result type, a dynamic one
    what the element count leaves. Several dynamic result dims (a target read at run time) need
    `tensor.reshape` with the sizes in a tensor: memref lowering takes one dynamic size per expanded
    group at most."""
    source = op.input
    result_type = build.result_type(op)
    if source.type == result_type:
        return [source]
    dynamic = [i for i in range(result_type.rank) if result_type.is_dynamic_dim(i)]
    if len(dynamic) > 1:
        sizes = _target_sizes(op, result_type)
        index = ir.IndexType.get()
        shape = tensor.from_elements(ir.RankedTensorType.get([result_type.rank], index), [im.value(s) for s in sizes])
        return [tensor.reshape(result_type, source, shape)]
    flat = _flatten(source)
    if result_type.has_static_shape and ir.RankedTensorType(flat.type).is_dynamic_dim(0):
        # A static result from a dynamic input: the element count is known, and expand_shape needs it static.
        flat = tensor.cast(ir.RankedTensorType.get([prod(result_type.shape)], result_type.element_type), flat)
    if result_type.rank == 0:
        return [tensor.collapse_shape(result_type, flat, [])]
    count = build.size(flat, 0)
    known = prod(result_type.get_dim_size(i) for i in range(result_type.rank) if i not in dynamic)
    output = [im.divide(count, known) if i in dynamic else result_type.get_dim_size(i) for i in range(result_type.rank)]
    reshaped = flat if result_type.rank == 1 else build.expand_shape(flat, [list(range(result_type.rank))], output)
    if reshaped.type != result_type:
        reshaped = tensor.cast(result_type, reshaped)
    return [reshaped]


def _target_sizes(op, result_type: ir.RankedTensorType) -> list[Size]:
    """The result sizes of a reshape to a target vector (ONNX rules: 0 copies, one -1 is inferred)."""
    source = op.input
    source_sizes = build.sizes(source)
    known = constant_value(op.target)
    if known is not None:
        static_input = [None if isinstance(s, ir.Value) else s for s in source_sizes]
        dims = resolve_target_dims(known, static_input, op.allowzero)
        entries = [int(v) for v in known]
    else:
        dims = [None] * result_type.rank
        entries = [_element_index(op.target, i) for i in range(result_type.rank)]
    sizes: list[Size] = []
    for i, (dim, entry) in enumerate(zip(dims, entries)):
        if not result_type.is_dynamic_dim(i):
            sizes.append(result_type.get_dim_size(i))
        elif dim is not None:
            sizes.append(dim)
        elif op.allowzero or i >= len(source_sizes):
            sizes.append(entry)
        else:
            sizes.append(im.select(im.equal(entry, 0), source_sizes[i], entry))
    # Entries read at run time (or a known -1) may be the one -1: what the element count leaves.
    inferred_at = [i for i, e in enumerate(entries) if (isinstance(e, ir.Value) or e == -1) and result_type.is_dynamic_dim(i) and dims[i] is None]
    if not inferred_at:
        return sizes
    count: Size = 1
    for s in source_sizes:
        count = im.mul(count, s)
    others: Size = 1
    for i, s in enumerate(sizes):
        others = im.mul(others, im.select(im.equal(s, -1), 1, s) if i in inferred_at else s)
    inferred = im.divide(count, others)
    return [im.select(im.equal(s, -1), inferred, s) if i in inferred_at else s for i, s in enumerate(sizes)]


def _flatten(value: ir.Value) -> ir.Value:
    """`value` as a 1-D tensor (a view)."""
    type_ = ir.RankedTensorType(value.type)
    if type_.rank == 1:
        return value
    if type_.rank == 0:
        return build.expand_shape(value, [], [1])
    count = prod(type_.shape) if type_.has_static_shape else ir.ShapedType.get_dynamic_size()
    flat_type = ir.RankedTensorType.get([count], type_.element_type)
    return tensor.collapse_shape(flat_type, value, [list(range(type_.rank))])


# --- shapes and concatenation --------------------------------------------------------------------


def lower_shape(op) -> list[ir.Value]:
    """The dims as i64 values in a `tensor.from_elements` (a constant when they are static)."""
    rank = ir.RankedTensorType(op.input.type).rank
    dims = [build.size(op.input, d) for d in range(rank)[op.start : op.end]]
    result_type = build.result_type(op)
    i64 = ir.IntegerType.get_signless(64)
    if all(isinstance(d, int) for d in dims):
        return [arith.constant(result_type, ir.DenseElementsAttr.get(np.array(dims, np.int64), type=result_type))]
    return [tensor.from_elements(result_type, [build.scalar(d, i64) if isinstance(d, int) else arith.index_cast(i64, d) for d in dims])]


def lower_concat(op) -> list[ir.Value]:
    """Both operands inserted into a `tensor.empty` at their offsets along the axis (in a chain, the
    inner concats' empty tensors become slices of the outer one: eliminate-empty-tensors)."""
    lhs, rhs = op.lhs, op.rhs
    result_type = build.result_type(op)
    axis = normalize_axis(op.axis, result_type.rank)
    split = build.size(lhs, axis)
    sizes = [
        im.add(split, build.size(rhs, d)) if d == axis else (build.size(lhs, d) if result_type.is_dynamic_dim(d) else result_type.get_dim_size(d))
        for d in range(result_type.rank)
    ]
    result = build.empty([_static_if_known(s, result_type, d) for d, s in enumerate(sizes)], result_type.element_type)
    result = insert_slice(lhs, result, [0] * result_type.rank)
    return [insert_slice(rhs, result, [split if d == axis else 0 for d in range(result_type.rank)])]


# --- gathers -------------------------------------------------------------------------------------


def _clamped_index(element: ir.Value, dim: Size) -> ir.Value:
    """An index read from a tensor: negative counts from the end, then clamped into [0, dim)."""
    return im.value(im.clamp(im.from_end(_index_of(element), dim), 0, im.maximum(im.sub(dim, 1), 0)))


def lower_gather(op) -> list[ir.Value]:
    source, indices = op.input, op.indices
    rank = ir.RankedTensorType(source.type).rank
    axis = normalize_axis(op.axis, rank)
    index_rank = ir.RankedTensorType(indices.type).rank
    source_sizes = build.sizes(source)
    sizes = source_sizes[:axis] + build.sizes(indices) + source_sizes[axis + 1 :]
    dim = source_sizes[axis]

    def element(i, index):
        return i[:axis] + [_clamped_index(index, dim)] + i[axis + index_rank :]

    index_map = build.projection_map(len(sizes), list(range(axis, axis + index_rank)))
    return [_gather_by_index(source, sizes, element, [indices], [index_map])]


def lower_gather_elements(op) -> list[ir.Value]:
    source, indices = op.input, op.indices
    rank = ir.RankedTensorType(source.type).rank
    axis = normalize_axis(op.axis, rank)
    dim = build.size(source, axis)

    def element(i, index):
        return i[:axis] + [_clamped_index(index, dim)] + i[axis + 1 :]

    return [_gather_by_index(source, build.sizes(indices), element, [indices], [build.identity_map(rank)])]


# --- padding -------------------------------------------------------------------------------------


def lower_pad(op) -> list[ir.Value]:
    """Negative pads first crop (a view); then "constant" fills a new tensor and inserts the input,
    and the other modes read each element from the index its mode maps it to."""
    source = op.input
    rank = ir.RankedTensorType(source.type).rank
    befores, afters = op.pads[:rank], op.pads[rank:]
    source_sizes = build.sizes(source)
    crop_sizes = [im.sub(im.sub(n, max(-b, 0)), max(-a, 0)) for n, b, a in zip(source_sizes, befores, afters)]
    cropped = source if min(op.pads) >= 0 else extract_slice(source, [max(-b, 0) for b in befores], crop_sizes)
    result_type = build.result_type(op)
    sizes = [_static_if_known(im.add(im.add(n, max(b, 0)), max(a, 0)), result_type, d) for d, (n, b, a) in enumerate(zip(crop_sizes, befores, afters))]
    if op.mode == "constant":
        value = tensor.extract(op.fill, [])
        padded = linalg.fill(value, outs=[build.empty(sizes, result_type.element_type)])
        return [insert_slice(cropped, padded, [max(b, 0) for b in befores])]
    source_index = {"edge": _edge_index, "reflect": _reflect_index, "wrap": im.floor_mod}[op.mode]

    def element(indices):
        return [im.value(source_index(im.sub(i, max(b, 0)), n)) for i, b, n in zip(indices, befores, crop_sizes)]

    return [_gather_by_index(cropped, sizes, element)]


def _edge_index(i: Size, n: Size) -> Size:
    return im.clamp(i, 0, im.sub(n, 1))


def _reflect_index(i: Size, n: Size) -> Size:
    """numpy.pad's "reflect": the index mirrored at both ends (period 2n - 2), the edge for n = 1."""
    period = im.maximum(im.mul(im.sub(n, 1), 2), 1)
    folded = im.floor_mod(i, period)
    return im.select(im.less(folded, n), folded, im.sub(period, folded))


# --- broadcasts and tiles ------------------------------------------------------------------------


def lower_broadcast_to(op) -> list[ir.Value]:
    """A `linalg.generic` reading the input through a projection map that drops the dims it
    broadcasts (static 1s); an input dim that is dynamic where the result's may differ is read at
    `0 if dim == 1 else i`, decided at run time."""
    source = op.input
    result_type = build.result_type(op)
    rank, source_rank = result_type.rank, ir.RankedTensorType(source.type).rank
    lead = rank - source_rank
    source_sizes = build.sizes(source)
    target = [_element_index(op.target, i) for i in range(ir.RankedTensorType(op.target.type).shape[0])] if op.target is not None else None
    if target is not None:
        target = [1] * (rank - len(target)) + target
    sizes: list[Size] = []
    for i in range(rank):
        n = source_sizes[i - lead] if i >= lead else 1
        if not result_type.is_dynamic_dim(i):
            sizes.append(result_type.get_dim_size(i))
        elif target is None:
            sizes.append(n)
        else:
            sizes.append(im.select(im.equal(target[i], 1), n, target[i]))
    decided_at_run_time = [
        j for j in range(source_rank) if isinstance(source_sizes[j], ir.Value) and (target is not None or not result_type.is_dynamic_dim(lead + j))
    ]
    if not decided_at_run_time:
        dims = [None if source_sizes[j] == 1 and sizes[lead + j] != 1 else lead + j for j in range(source_rank)]
        init = build.empty(sizes, result_type.element_type)
        return [build.elementwise([source], [build.projection_map(rank, dims)], init, lambda x: x)]

    def element(indices):
        return [im.value(im.select(im.equal(n, 1), 0, indices[lead + j])) for j, n in enumerate(source_sizes)]

    return [_gather_by_index(source, sizes, element)]


def lower_tile(op) -> list[ir.Value]:
    """Broadcast to (r0, n0, r1, n1, ...) with a projection map, then collapse each pair: no index
    arithmetic, and the broadcast is a plain copy loop."""
    source = op.input
    repeats = list(op.repeats)
    if all(r == 1 for r in repeats):
        return [source]
    source_sizes = build.sizes(source)
    rank = len(source_sizes)
    if 0 in repeats:  # nothing to copy (and a collapse of a static 0 with a dynamic dim would not verify)
        result_type = build.result_type(op)
        return [build.empty([0 if r == 0 else im.mul(n, r) for r, n in zip(repeats, source_sizes)], result_type.element_type)]
    interleaved = [size for r, n in zip(repeats, source_sizes) for size in (r, n)]
    init = build.empty(interleaved, build.element_type(source))
    spread = build.elementwise([source], [build.projection_map(2 * rank, [2 * d + 1 for d in range(rank)])], init, lambda x: x)
    result_type = build.result_type(op)
    collapsed = ir.RankedTensorType.get(
        [ir.ShapedType.get_dynamic_size() if isinstance(n, ir.Value) else r * n for r, n in zip(repeats, source_sizes)], result_type.element_type
    )
    return [tensor.collapse_shape(collapsed, spread, [[2 * d, 2 * d + 1] for d in range(rank)])]


def lower_trilu(op) -> list[ir.Value]:
    """Keep `x[..., i, j]` where `j - i >= k` (upper) or `j - i <= k` (lower), else zero."""
    source = op.input
    rank = ir.RankedTensorType(source.type).rank
    element = build.element_type(source)
    zero = build.scalar(0, element)
    init = build.empty(build.sizes(source), element)

    def body(x, _):
        row, column = linalg.IndexOp(rank - 2).result, linalg.IndexOp(rank - 1).result
        offset = arith.subi(column, row)
        predicate = arith.CmpIPredicate.sge if op.upper else arith.CmpIPredicate.sle
        return arith.select(arith.cmpi(predicate, offset, build.index(op.k)), x, zero)

    return [build.generic([source], init, [build.identity_map(rank)] * 2, ["parallel"] * rank, body)]


# --- running sums --------------------------------------------------------------------------------


def lower_cumsum(op) -> list[ir.Value]:
    """An `scf.for` along the axis carrying the running sum (the other dims, in the accumulator type)
    and the result: each step writes one slice of the result and adds one slice of the input. Both
    update their buffers in place; the work is linear in the element count."""
    source = op.input
    rank = ir.RankedTensorType(source.type).rank
    axis = normalize_axis(op.axis, rank)
    element = build.element_type(source)
    accumulator_type = build.accumulator_type(element)
    sizes = build.sizes(source)
    rest = [s for d, s in enumerate(sizes) if d != axis]
    identity = build.identity_map(len(rest))
    add = arith.addf if build.is_float(element) else arith.addi
    one_slice = [1 if d == axis else s for d, s in enumerate(sizes)]

    total = build.filled(rest, accumulator_type, 0)
    loop = scf.ForOp(build.index(0), im.value(sizes[axis]), build.index(1), [total, build.empty(sizes, element)])
    with ir.InsertionPoint(loop.body):
        step = loop.induction_variable
        position = arith.subi(im.value(im.sub(sizes[axis], 1)), step) if op.reverse else step
        offsets = [position if d == axis else 0 for d in range(rank)]
        total, result = loop.inner_iter_args

        def write(values, into):
            destination = extract_slice(into, offsets, one_slice, drop=axis)
            converted = build.elementwise([values], [identity], destination, lambda x: build.convert_scalar(x, element))
            return insert_slice(converted, into, offsets, one_slice)

        if op.exclusive:
            result = write(total, result)
        column = extract_slice(source, offsets, one_slice, drop=axis)
        total = build.generic(
            [column], total, [identity, identity], ["parallel"] * len(rest), lambda x, running: add(build.convert_scalar(x, accumulator_type), running)
        )
        scf.YieldOp([total, result if op.exclusive else write(total, result)])
    return [loop.results[1]]


LOWERINGS = {
    "tg.transpose": lower_transpose,
    "tg.reshape": lower_reshape,
    "tg.shape": lower_shape,
    "tg.concat": lower_concat,
    "tg.slice": lower_slice,
    "tg.gather": lower_gather,
    "tg.gather_elements": lower_gather_elements,
    "tg.pad": lower_pad,
    "tg.broadcast_to": lower_broadcast_to,
    "tg.tile": lower_tile,
    "tg.trilu": lower_trilu,
    "tg.cumsum": lower_cumsum,
}
