"""Convolutions and pooling to linalg.

Padding is a `tensor.pad` of the input (with zeros, or the lowest value for a maximum), sized by the
same window arithmetic as the shape rules (`WindowDim`, evaluated here on `index` values, so SAME
padding and dynamic dims work alike). Then:

- `tg.conv`: `linalg.conv_1d_ncw_fcw`, `conv_2d_nchw_fchw` or `conv_3d_ncdhw_fcdhw`; depthwise
  (one filter per channel) `linalg.depthwise_conv_*_nc*_c*`; grouped 2-D `linalg.conv_2d_ngchw_gfchw`
  on channels split into groups by `tensor.expand_shape`; other grouped convs a `linalg.generic` of
  the same form. Channels last (NHWC, weight HWCF): `linalg.conv_2d_nhwc_hwcf`, depthwise
  `linalg.depthwise_conv_2d_nhwc_hwc`, grouped a `linalg.generic`. 16-bit floats accumulate in f32.
- `tg.conv_transpose`: the input spread out by the strides (zeros between elements), padded by the
  kernel extent less the crops, then convolved with the kernel flipped and its channel dims swapped.
- `tg.max_pool`/`tg.avg_pool`: `linalg.pooling_ncw_*`/`pooling_nchw_*`/`pooling_nhwc_*` (max or
  sum) where they exist for the element type, a `linalg.generic` otherwise (3-D, unsigned maxima); an
  average divides the sum by the count of the window's elements that `count_include_pad` counts,
  computed per output element.
"""

from __future__ import annotations

import dataclasses
import functools
from math import prod

from mlir import ir
from mlir.dialects import arith, linalg, tensor

from ..dialect.ops.nn import LAYOUTS, ChannelLayout, WindowDim, window_dims
from . import build, index_math
from .elementwise import element_kind
from .layout import extract_slice

Size = build.Size

CHANNELS_FIRST = LAYOUTS["nchw"]


class IndexArith:
    """`WindowDim`'s arithmetic on sizes that are ints or `index` values: index_math's folding ops,
    and a floor division that rounds negative quotients down (SAME totals and crops can be negative)."""

    add, sub, mul = staticmethod(index_math.add), staticmethod(index_math.sub), staticmethod(index_math.mul)
    min, max = staticmethod(index_math.minimum), staticmethod(index_math.maximum)

    @staticmethod
    def floordiv(a: Size, b: Size) -> Size:
        if isinstance(a, int) and isinstance(b, int):
            return a // b
        return a if _is(b, 1) else arith.floordivsi(index_math.value(a), index_math.value(b))


INDEX = IndexArith()


def _is(size: Size, value: int) -> bool:
    """Whether `size` is statically `value`."""
    return isinstance(size, int) and size == value


def _is_zero(size: Size) -> bool:
    return _is(size, 0)


# --- shared pieces --------------------------------------------------------------------------------


def _windows(op, kernel: list[Size]) -> list[WindowDim]:
    """The op's per-dim windows with the kernel sizes of this lowering (ints or index values)."""
    static = [k if isinstance(k, int) else None for k in kernel]
    dims = window_dims(len(kernel), static, op.strides, op.dilations, op.pads, op.auto_pad, negative_pads=True)
    return [dataclasses.replace(w, kernel=k) for w, k in zip(dims, kernel)]


def pad(source: ir.Value, low: list[Size], high: list[Size], value) -> ir.Value:
    """`source` with `low`/`high` (non-negative) elements of `value` added before/after each dim;
    itself when every amount is a static 0."""
    if all(_is_zero(v) for v in low + high):
        return source
    element = build.element_type(source)
    sizes = [INDEX.add(INDEX.add(s, a), b) for s, a, b in zip(build.sizes(source), low, high)]
    op = tensor.PadOp(
        build.tensor_type(sizes, element),
        source,
        build.dynamic_values(low),
        build.dynamic_values(high),
        _static_or_dynamic(low),
        _static_or_dynamic(high),
    )
    block = op.regions[0].blocks.append(*[ir.IndexType.get()] * len(sizes))
    with ir.InsertionPoint(block):
        tensor.YieldOp(build.scalar(value, element))
    return op.result


def pad_or_crop(source: ir.Value, low: list[Size], high: list[Size], value) -> ir.Value:
    """`pad`, where negative amounts remove elements instead (a `tensor.extract_slice` after)."""
    padded = pad(source, [INDEX.max(v, 0) for v in low], [INDEX.max(v, 0) for v in high], value)
    cut_low, cut_high = [INDEX.max(INDEX.sub(0, v), 0) for v in low], [INDEX.max(INDEX.sub(0, v), 0) for v in high]
    if all(_is_zero(v) for v in cut_low + cut_high):
        return padded
    kept = [INDEX.sub(INDEX.sub(s, a), b) for s, a, b in zip(build.sizes(padded), cut_low, cut_high)]
    return extract_slice(padded, cut_low, kept)


def _static_or_dynamic(sizes: list[Size]) -> list[int]:
    dynamic = ir.ShapedType.get_dynamic_size()
    return [dynamic if isinstance(s, ir.Value) else s for s in sizes]


def _spatial_pads(windows: list[WindowDim], sizes: list[Size]) -> tuple[list[Size], list[Size]]:
    pads = [w.pads(s, INDEX) for w, s in zip(windows, sizes)]
    return [b for b, _ in pads], [e for _, e in pads]


def _window_expr(window: WindowDim, output_dim: int, kernel_dim: int) -> ir.AffineExpr:
    """The input position an output position reads at a kernel tap: `o * stride + k * dilation`."""
    return ir.AffineDimExpr.get(output_dim) * window.stride + ir.AffineDimExpr.get(kernel_dim) * window.dilation


def _named_op_attrs(windows: list[WindowDim]) -> dict:
    """The strides and dilations attributes of the named convolution and pooling ops."""
    return {"strides": [w.stride for w in windows], "dilations": [w.dilation for w in windows]}


def _map(loops: int, exprs: list) -> ir.AffineMap:
    return ir.AffineMap.get(loops, 0, [ir.AffineDimExpr.get(e) if isinstance(e, int) else e for e in exprs])


def layout_of(op) -> ChannelLayout:
    """Where the op's channels are (ops without a `layout` attribute are channels first)."""
    return LAYOUTS[op.attribute_values().get("layout", "nchw")]


def _split_groups(value: ir.Value, dim: int, groups: int) -> tuple[ir.Value, list[list[int]]]:
    """`value` with `dim` split in two, [groups, size / groups], and the reassociation that merges
    them back."""
    sizes = build.sizes(value)
    reassociation = [[d] for d in range(dim)] + [[dim, dim + 1]] + [[d + 1] for d in range(dim + 1, len(sizes))]
    split = [*sizes[:dim], groups, INDEX.floordiv(sizes[dim], groups), *sizes[dim + 1 :]]
    return build.expand_shape(value, reassociation, split), reassociation


# --- convolution ----------------------------------------------------------------------------------

CONV = {
    "nchw": {1: linalg.conv_1d_ncw_fcw, 2: linalg.conv_2d_nchw_fchw, 3: linalg.conv_3d_ncdhw_fcdhw},
    "nhwc": {2: linalg.conv_2d_nhwc_hwcf},
}
DEPTHWISE = {
    "nchw": {1: linalg.depthwise_conv_1d_ncw_cw, 2: linalg.depthwise_conv_2d_nchw_chw, 3: linalg.depthwise_conv_3d_ncdhw_cdhw},
    "nhwc": {2: linalg.depthwise_conv_2d_nhwc_hwc},
}


def lower_conv(op) -> list[ir.Value]:
    source, weight = op.input, op.weight
    order = layout_of(op)
    windows = _windows(op, order.split_weight(build.sizes(weight))[2])
    low, high = _spatial_pads(windows, order.split(build.sizes(source))[2])
    padded = pad(source, order.arrange(0, 0, low), order.arrange(0, 0, high), 0)
    unpadded = [dataclasses.replace(w, auto_pad="none", pad_begin=0, pad_end=0) for w in windows]
    return [convolve(padded, weight, unpadded, op.groups, order)]


def convolve(padded: ir.Value, weight: ir.Value, windows: list[WindowDim], groups: int, order: ChannelLayout = CHANNELS_FIRST) -> ir.Value:
    """The convolution of an already padded input [N, C, ...] with weight [F, C/groups, k...] (or
    their channels-last forms, [N, H, W, C] and [KH, KW, C/groups, F])."""
    element = build.element_type(padded)
    batch, _, sizes = order.split(build.sizes(padded))
    filters, _, kernel = order.split_weight(build.sizes(weight))
    spatial = len(windows)
    out = [w.output(s, a=INDEX) for w, s in zip(windows, sizes)]
    init = build.filled(order.arrange(batch, filters, out), build.accumulator_type(element), 0)
    attrs = _named_op_attrs(windows)
    static_filters, per_group, _ = order.split_weight(ir.RankedTensorType(weight.type).shape)
    channels = order.split(ir.RankedTensorType(padded.type).shape)[1]
    if groups == 1:
        result = CONV[order.name][spatial](padded, weight, outs=[init], **attrs)
    elif groups == channels == static_filters and per_group == 1:
        # Depthwise: one filter per channel; the weight loses its unit dim.
        rank = spatial + 2
        first = min(order.weight_filters(rank), order.split_weight(range(rank))[1])  # the two channel dims are adjacent
        merged = [[d] for d in range(first)] + [[first, first + 1]] + [[d] for d in range(first + 2, rank)]
        flat_sizes = [*kernel, filters] if order.channels_last else [filters, *kernel]
        flat = tensor.collapse_shape(build.tensor_type(flat_sizes, element), weight, merged)
        result = DEPTHWISE[order.name][spatial](padded, flat, outs=[init], **attrs)
    else:
        result = _grouped_conv(padded, weight, init, windows, groups, order)
    return build.convert_tensor(result, element)


def _grouped_conv(padded, weight, init, windows: list[WindowDim], groups: int, order: ChannelLayout) -> ir.Value:
    """Channels split into groups: input [N, G, C/G, ...], weight [G, F/G, C/G, k...], result
    [N, G, F/G, out...] collapsed back to [N, F, out...] (channels last: input [N, H, W, G, C/G],
    weight [KH, KW, C/G, G, F/G], result [N, OH, OW, G, F/G])."""
    rank = len(windows) + 2
    grouped_input, _ = _split_groups(padded, order.channel(rank), groups)
    grouped_init, merge = _split_groups(init, order.channel(rank), groups)
    grouped_weight, _ = _split_groups(weight, order.weight_filters(rank), groups)
    if len(windows) == 2 and not order.channels_last:
        result = linalg.conv_2d_ngchw_gfchw(grouped_input, grouped_weight, outs=[grouped_init], **_named_op_attrs(windows))
    else:
        result = _grouped_conv_generic(grouped_input, grouped_weight, grouped_init, windows, order)
    return tensor.collapse_shape(init.type, result, merge)


def _grouped_conv_generic(grouped_input, grouped_weight, grouped_init, windows: list[WindowDim], order: ChannelLayout) -> ir.Value:
    """Loops (n, g, f, out..., c, k...): out[n, g, f, o] += in[n, g, c, o*s + k*d] * w[g, f, c, k]
    (channels last: out[n, o, g, f] += in[n, o*s + k*d, g, c] * w[k, c, g, f])."""
    spatial = len(windows)
    n, g, f = 0, 1, 2
    outs = list(range(3, 3 + spatial))
    c = 3 + spatial
    taps = list(range(c + 1, c + 1 + spatial))
    loops = c + 1 + spatial
    reads = [_window_expr(w, o, k) for w, o, k in zip(windows, outs, taps)]
    if order.channels_last:
        maps = [_map(loops, [n, *reads, g, c]), _map(loops, [*taps, c, g, f]), _map(loops, [n, *outs, g, f])]
    else:
        maps = [_map(loops, [n, g, c, *reads]), _map(loops, [g, f, c, *taps]), _map(loops, [n, g, f, *outs])]
    accumulator = build.element_type(grouped_init)

    def body(x, w, acc):
        return arith.addf(acc, arith.mulf(build.convert_scalar(x, accumulator), build.convert_scalar(w, accumulator)))

    iterators = ["parallel"] * (3 + spatial) + ["reduction"] * (1 + spatial)
    return build.generic([grouped_input, grouped_weight], grouped_init, maps, iterators, body)


# --- transposed convolution -----------------------------------------------------------------------


def lower_conv_transpose(op) -> list[ir.Value]:
    """A stride-1 convolution of the input spread out by the strides, padded by `extent - 1` less the
    crops, with the kernel flipped and its channel dims swapped."""
    source, weight = op.input, op.weight
    windows = _windows(op, build.sizes(weight)[2:])
    spatial = len(windows)
    extra = list(op.output_padding) or [0] * spatial
    wanted = list(op.output_shape) or [None] * spatial
    spread = _spread(source, [w.stride for w in windows])
    low, high = [], []
    for w, size, padding, length in zip(windows, build.sizes(source)[2:], extra, wanted):
        begin, end = w.transposed_pads(size, padding, length, INDEX)
        reach = INDEX.sub(w.extent(INDEX), 1)
        low.append(INDEX.sub(reach, begin))
        high.append(INDEX.add(INDEX.sub(reach, end), padding))
    padded = pad_or_crop(spread, [0, 0] + low, [0, 0] + high, 0)
    flipped = _flipped_weight(weight, op.groups)
    unit = [WindowDim(w.kernel, 1, w.dilation, 0, 0) for w in windows]
    return [convolve(padded, flipped, unit, op.groups)]


def _spread(source: ir.Value, strides: list[int]) -> ir.Value:
    """`source` [N, C, ...] with `stride - 1` zeros between neighbours along each spatial dim."""
    if all(s == 1 for s in strides):
        return source
    element = build.element_type(source)
    sizes = build.sizes(source)
    spread_sizes = sizes[:2] + [INDEX.add(INDEX.mul(INDEX.sub(s, 1), stride), 1) for s, stride in zip(sizes[2:], strides)]
    zeros = build.filled(spread_sizes, element, 0)
    rank = len(sizes)
    return tensor.InsertSliceOp(
        source, zeros, [], build.dynamic_values(sizes), [], [0] * rank, _static_or_dynamic(sizes), [1, 1, *strides]
    ).result


def _flipped_weight(weight: ir.Value, groups: int) -> ir.Value:
    """Weight [C, F/G, k...] as the weight of a convolution, [F, C/G, k...], flipped spatially:
    `flipped[g*F/G + f, c, k] = weight[g*C/G + c, f, K-1-k]`."""
    element = build.element_type(weight)
    sizes = build.sizes(weight)
    channels, per_group = sizes[0], sizes[1]
    channels_per_group = INDEX.floordiv(channels, groups)
    result_sizes = [INDEX.mul(per_group, groups), channels_per_group, *sizes[2:]]
    init = build.empty(result_sizes, element)
    rank = len(sizes)

    def body(_):
        index = [linalg.IndexOp(d).result for d in range(rank)]
        group = INDEX.floordiv(index[0], per_group)
        filter_ = arith.remsi(index[0], index_math.value(per_group))
        channel = INDEX.add(INDEX.mul(group, channels_per_group), index[1])
        taps = [INDEX.sub(INDEX.sub(k, 1), i) for k, i in zip(sizes[2:], index[2:])]
        return tensor.extract(weight, [index_math.value(channel), filter_, *[index_math.value(t) for t in taps]])

    return build.generic([], init, [build.identity_map(rank)], ["parallel"] * rank, body)


# --- pooling --------------------------------------------------------------------------------------

NAMED_POOLS = {
    ("max", "nchw", 1): linalg.pooling_ncw_max,
    ("max", "nchw", 2): linalg.pooling_nchw_max,
    ("max", "nhwc", 2): linalg.pooling_nhwc_max,
    ("sum", "nchw", 1): linalg.pooling_ncw_sum,
    ("sum", "nchw", 2): linalg.pooling_nchw_sum,
    ("sum", "nhwc", 2): linalg.pooling_nhwc_sum,
}


def _max_pool_setup(op):
    """What both max pools start from: the element kind, the input padded with the lowest value of
    the type, the windows, the output spatial sizes and a tensor of maxima filled with that value."""
    kind = element_kind(build.operand_element(op, 0))
    lowest = 0 if kind == "unsigned" else build.lowest(build.operand_element(op, 0))
    padded, windows, out = _pool_input(op, lowest)
    order = layout_of(op)
    batch, channels, _ = order.split(build.sizes(op.input))
    maxima = build.filled(order.arrange(batch, channels, out), build.element_type(padded), lowest)
    return kind, padded, windows, maxima


def lower_max_pool(op) -> list[ir.Value]:
    kind, padded, windows, init = _max_pool_setup(op)
    order = layout_of(op)
    maximum = {"float": arith.maximumf, "signed": arith.maxsi, "unsigned": arith.maxui}[kind]
    named = NAMED_POOLS.get(("max", order.name, len(windows))) if kind != "unsigned" else None  # they compare signed
    return [_pool(padded, init, windows, named, maximum, order)]


def lower_max_pool_indices(op) -> list[ir.Value]:
    """One generic keeps each window's (maximum, row-major flat index) pair, ties going to the smaller
    index so the result does not depend on the loop order; column-major indices are converted after."""
    kind, padded, windows, init_value = _max_pool_setup(op)
    stored = build.element_type(padded)
    sizes = build.sizes(op.input)
    i64 = ir.IntegerType.get_signless(64)
    spatial = len(windows)
    init_index = build.filled(build.sizes(init_value), i64, (1 << 63) - 1)
    window = build.empty([w.kernel for w in windows], stored)
    maps, iterators = _pool_loops(windows, 2)
    greater, equal = _comparisons(kind)
    outs, taps = range(2, 2 + spatial), range(2 + spatial, 2 + 2 * spatial)

    def body(x, _, best, best_index):
        loop = [linalg.IndexOp(d).result for d in range(2 + 2 * spatial)]
        positions = [
            INDEX.sub(INDEX.add(INDEX.mul(loop[o], w.stride), INDEX.mul(loop[k], w.dilation)), w.pad_begin)
            for w, o, k in zip(windows, outs, taps)
        ]
        valid = None
        for position, size in zip(positions, sizes[2:]):
            inside = arith.andi(
                arith.cmpi(arith.CmpIPredicate.sge, position, index_math.value(0)),
                arith.cmpi(arith.CmpIPredicate.slt, position, index_math.value(size)),
            )
            valid = inside if valid is None else arith.andi(valid, inside)
        flat = arith.index_cast(i64, index_math.value(_row_major([loop[0], loop[1], *positions], sizes)))
        tie = arith.andi(equal(x, best), arith.cmpi(arith.CmpIPredicate.slt, flat, best_index))
        take = arith.andi(valid, arith.ori(greater(x, best), tie))
        return [arith.select(take, x, best), arith.select(take, flat, best_index)]

    _, indices = build.generic_results([padded, window], [init_value, init_index], maps, iterators, body)
    if op.column_major:
        indices = _to_column_major(indices, sizes)
    return [indices]


def _comparisons(kind: str):
    """(greater, equal) scalar comparisons for an element kind."""
    if kind == "float":
        return (lambda a, b: arith.cmpf(arith.CmpFPredicate.OGT, a, b)), (lambda a, b: arith.cmpf(arith.CmpFPredicate.OEQ, a, b))
    greater = arith.CmpIPredicate.ugt if kind == "unsigned" else arith.CmpIPredicate.sgt
    return (lambda a, b: arith.cmpi(greater, a, b)), (lambda a, b: arith.cmpi(arith.CmpIPredicate.eq, a, b))


def _row_major(coords: list[Size], sizes: list[Size]) -> Size:
    """The row-major flat index of `coords` in a tensor of `sizes`."""
    flat = coords[0]
    for coord, size in zip(coords[1:], sizes[1:]):
        flat = INDEX.add(INDEX.mul(flat, size), coord)
    return flat


def _to_column_major(indices: ir.Value, sizes: list[Size]) -> ir.Value:
    """Row-major flat indices into a tensor of `sizes` [N, C, spatial...] renumbered with the spatial
    dims flattened first-dim-fastest (N and C still outermost)."""
    i64 = ir.IntegerType.get_signless(64)
    rank = ir.RankedTensorType(indices.type).rank
    area = functools.reduce(INDEX.mul, sizes[2:], 1)

    def body(flat):
        flat = arith.index_cast(ir.IndexType.get(), flat)
        channel, rest = INDEX.floordiv(flat, area), arith.remsi(flat, index_math.value(area))
        coords = []
        for size in reversed(sizes[2:]):
            coords.append(arith.remsi(rest, index_math.value(size)))
            rest = INDEX.floordiv(rest, size)
        spatial = _row_major(coords, [None, *reversed(sizes[2:-1])])
        return arith.index_cast(i64, index_math.value(INDEX.add(INDEX.mul(channel, area), spatial)))

    return build.elementwise([indices], [build.identity_map(rank)], build.empty(build.sizes(indices), i64), body)


def lower_avg_pool(op) -> list[ir.Value]:
    element = build.element_type(op.input)
    accumulator = build.accumulator_type(element)
    padded, windows, out = _pool_input(op, 0)
    order = layout_of(op)
    batch, channels, sizes = order.split(build.sizes(op.input))
    init = build.filled(order.arrange(batch, channels, out), accumulator, 0)
    named = NAMED_POOLS.get(("sum", order.name, len(windows)))
    total = _pool(padded, init, windows, named, lambda x, acc: arith.addf(build.convert_scalar(x, accumulator), acc), order)
    return [_divide_by_count(total, op, windows, sizes, element, order)]


def _pool_input(op, value) -> tuple[ir.Value, list[WindowDim], list[Size]]:
    """The input padded with `value` for the op's pads, and past the end pads as far as the windows
    that `ceil_mode` adds reach; the windows (with explicit pads) and the output spatial sizes."""
    order = layout_of(op)
    sizes = order.split(build.sizes(op.input))[2]
    windows = _windows(op, list(op.kernel))
    low, high, out, resolved = [], [], [], []
    for w, size in zip(windows, sizes):
        begin, end = w.pads(size, INDEX)
        count = w.output(size, op.ceil_mode, INDEX)
        reach = INDEX.add(INDEX.mul(INDEX.sub(count, 1), w.stride), w.extent(INDEX))
        past = INDEX.max(INDEX.sub(reach, INDEX.add(INDEX.add(size, begin), end)), 0)
        low.append(begin)
        high.append(INDEX.add(end, past))
        out.append(count)
        resolved.append(dataclasses.replace(w, auto_pad="none", pad_begin=begin, pad_end=end))
    return pad(op.input, order.arrange(0, 0, low), order.arrange(0, 0, high), value), resolved, out


def _pool(padded, init, windows: list[WindowDim], named_op, combine, order: ChannelLayout) -> ir.Value:
    """Reduce each window of `padded` into `init` [N, C, out...] (or [N, out..., C]): with `named_op`
    (a linalg pooling op) if given, else a generic combining `combine(element, accumulator)`."""
    window = build.empty([w.kernel for w in windows], build.element_type(padded))
    if named_op is not None:
        return named_op(padded, window, outs=[init], **_named_op_attrs(windows))
    maps, iterators = _pool_loops(windows, 1, order)
    return build.generic([padded, window], init, maps, iterators, lambda x, _, acc: combine(x, acc))


def _pool_loops(windows: list[WindowDim], results: int, order: ChannelLayout = CHANNELS_FIRST) -> tuple[list[ir.AffineMap], list[str]]:
    """Maps and iterators of a generic over (n, c, out..., taps...) reading the padded input at
    `out * stride + tap * dilation` and a window-shaped tensor at the taps, writing `results` outputs;
    the tensors' dims in `order`."""
    spatial = len(windows)
    loops = 2 + 2 * spatial
    outs, taps = list(range(2, 2 + spatial)), list(range(2 + spatial, loops))
    maps = [
        _map(loops, order.arrange(0, 1, [_window_expr(w, o, k) for w, o, k in zip(windows, outs, taps)])),
        _map(loops, taps),
        *[_map(loops, order.arrange(0, 1, outs))] * results,
    ]
    return maps, ["parallel"] * (2 + spatial) + ["reduction"] * spatial


def _divide_by_count(total: ir.Value, op, windows: list[WindowDim], sizes: list[Size], element: ir.Type, order: ChannelLayout) -> ir.Value:
    """`total` [N, C, out...] (or [N, out..., C]) divided by the count of each window's counted
    elements, rounded to `element`. The count is the kernel size when no window can reach past what is
    counted."""
    accumulator = build.element_type(total)
    rank = ir.RankedTensorType(total.type).rank
    init = build.empty(build.sizes(total), element)
    bounds = [(0, INDEX.add(INDEX.add(s, w.pad_begin), w.pad_end)) if op.count_include_pad else (w.pad_begin, INDEX.add(s, w.pad_begin)) for w, s in zip(windows, sizes)]
    no_pads = all(_is_zero(w.pad_begin) and _is_zero(w.pad_end) for w in windows)
    if not op.ceil_mode and (op.count_include_pad or no_pads):
        count = build.scalar(prod(w.kernel for w in windows), accumulator)
        return build.elementwise([total], [build.identity_map(rank)], init, lambda x: build.convert_scalar(arith.divf(x, count), element))

    def body(x):
        count = 1
        for d, (w, (first, end)) in enumerate(zip(windows, bounds)):
            count = INDEX.mul(count, _taps_within(w, linalg.IndexOp(order.spatial(rank)[d]).result, first, end))
        as_float = arith.sitofp(accumulator, arith.index_cast(ir.IntegerType.get_signless(64), count))
        return build.convert_scalar(arith.divf(x, as_float), element)

    return build.elementwise([total], [build.identity_map(rank)], init, body)


def _taps_within(window: WindowDim, position: ir.Value, first: Size, end: Size) -> ir.Value:
    """How many taps `k` of the window at output `position` read padded positions in [first, end):
    those with `ceil((first - start) / d) <= k < ceil((end - start) / d)`, `start = position * stride`."""
    start = INDEX.mul(position, window.stride)
    d = window.dilation

    def ceildiv(a):
        return INDEX.floordiv(INDEX.add(a, d - 1), d)

    low = INDEX.max(ceildiv(INDEX.sub(first, start)), 0)
    high = INDEX.min(ceildiv(INDEX.sub(end, start)), window.kernel)
    return INDEX.max(INDEX.sub(high, low), 0)


LOWERINGS = {
    "tg.conv": lower_conv,
    "tg.conv_transpose": lower_conv_transpose,
    "tg.max_pool": lower_max_pool,
    "tg.max_pool_indices": lower_max_pool_indices,
    "tg.avg_pool": lower_avg_pool,
}
