"""Neural-network ops on channels-first tensors (NCW, NCHW, NCDHW: 1 to 3 spatial dims, as in ONNX):
convolution, transposed convolution, max and average pooling. `tg.conv`, `tg.max_pool` and
`tg.avg_pool` also run on 2-D channels-last tensors, NHWC, with `layout = "nhwc"` (`ChannelLayout`
says where the dims are); `--tg-layout=nhwc` converts graphs to it.

Window attributes are spatial, one entry a spatial dim; an empty array means the default (strides and
dilations 1, pads 0). `pads` lists the begin pads then the end pads (`[top, left, bottom, right]` in
2-D). `auto_pad = "same_upper"/"same_lower"` asks for ONNX's SAME padding, computed from the input size
when it is only known at run time; importers resolve it into explicit pads when the sizes are static.

The window arithmetic below (`WindowDim`) is written once against an arithmetic object (`IntArith`
here, one over `index` values in the lowering), so shape rules, references and the generated code
agree by construction.
"""

import functools
import itertools
import operator
from dataclasses import dataclass
from math import prod
from typing import Any

import numpy as np

from ..constraints import Bool, FloatTensor, I64, I64Array, I64Tensor, NumericTensor, StrKind
from ..cost import Cost
from ..declare import Attr, Operand, Result
from ..tg import TG
from ..types import Dim, ShapeError, TensorSpec, same_dtype

__all__ = ["Windowed", "Convolution", "Conv", "ConvTranspose", "Pool", "MaxPool", "MaxPoolIndices", "AvgPool"]

AutoPad = StrKind(("none", "same_upper", "same_lower"))
Layout = StrKind(("nchw", "nhwc"))


# --- where the channels are -------------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelLayout:
    """Where an activation keeps its dims: "nchw" is [N, C, spatial...] (channels first, 1 to 3 spatial
    dims), "nhwc" is [N, H, W, C] (channels last, 2-D only). A convolution weight follows: [F, C/groups,
    kernel...] in "nchw", [kernel..., C/groups, F] (HWCF, the filters innermost like the result's
    channels) in "nhwc"."""

    name: str
    channels_last: bool

    def channel(self, rank: int) -> int:
        """The channel dim of an activation of `rank` dims."""
        return rank - 1 if self.channels_last else 1

    def spatial(self, rank: int) -> list[int]:
        """The spatial dims of an activation of `rank` dims, in order."""
        return list(range(1, rank - 1)) if self.channels_last else list(range(2, rank))

    def weight_filters(self, rank: int) -> int:
        """The filter dim of a convolution weight of `rank` dims."""
        return rank - 1 if self.channels_last else 0

    def split(self, dims) -> tuple[Any, Any, list]:
        """(batch, channels, spatial dims) of an activation's dims (sizes, or anything per dim)."""
        dims = list(dims)
        return dims[0], dims[self.channel(len(dims))], [dims[d] for d in self.spatial(len(dims))]

    def arrange(self, batch, channels, spatial) -> list:
        """An activation's dims in this layout from the batch, channel and spatial ones."""
        return [batch, *spatial, channels] if self.channels_last else [batch, channels, *spatial]

    def split_weight(self, dims) -> tuple[Any, Any, list]:
        """(filters, channels per group, kernel dims) of a convolution weight's dims."""
        dims = list(dims)
        return (dims[-1], dims[-2], dims[:-2]) if self.channels_last else (dims[0], dims[1], dims[2:])

    def activation_perm(self, rank: int) -> list[int]:
        """The `tg.transpose` permutation taking a channels-first activation to this layout."""
        return [0, *range(2, rank), 1] if self.channels_last else list(range(rank))

    def weight_perm(self, rank: int) -> list[int]:
        """The `tg.transpose` permutation taking a channels-first ([F, C/groups, kernel...]) weight to
        this layout."""
        return [*range(2, rank), 1, 0] if self.channels_last else list(range(rank))

    def to_channels_first(self, array: np.ndarray) -> np.ndarray:
        return np.transpose(array, np.argsort(self.activation_perm(array.ndim)))

    def from_channels_first(self, array: np.ndarray) -> np.ndarray:
        return np.transpose(array, self.activation_perm(array.ndim))

    def weight_to_channels_first(self, weight: np.ndarray) -> np.ndarray:
        return np.transpose(weight, np.argsort(self.weight_perm(weight.ndim)))


LAYOUTS = {"nchw": ChannelLayout("nchw", channels_last=False), "nhwc": ChannelLayout("nhwc", channels_last=True)}


# --- window arithmetic ------------------------------------------------------------------------------


class IntArith:
    """Arithmetic over Python ints: what `WindowDim` computes with in shape rules and references. The
    lowering has the same methods over `index` values."""

    add, sub, mul, floordiv = operator.add, operator.sub, operator.mul, operator.floordiv
    min, max = min, max


INT = IntArith()


@dataclass(frozen=True)
class WindowDim:
    """One spatial dim of a window op: its sizes and attributes, as ints (or index values)."""

    kernel: Any
    stride: int
    dilation: int
    pad_begin: Any
    pad_end: Any
    auto_pad: str = "none"

    def extent(self, a=INT):
        """The span of one window, dilation included: `(kernel - 1) * dilation + 1`."""
        return a.add(a.mul(a.sub(self.kernel, 1), self.dilation), 1)

    def split_same(self, total, a=INT):
        """(begin, end) halves of a SAME padding total: the odd unit at the end (upper) or begin (lower)."""
        half = a.floordiv(total, 2)
        if self.auto_pad == "same_upper":
            return half, a.sub(total, half)
        return a.sub(total, half), half

    def pads(self, size, a=INT):
        """(begin, end) pads of a forward window op (conv, pooling) over an input dim of `size`."""
        if self.auto_pad == "none":
            return self.pad_begin, self.pad_end
        output = a.floordiv(a.add(size, self.stride - 1), self.stride)
        total = a.max(a.sub(a.add(a.mul(a.sub(output, 1), self.stride), self.extent(a)), size), 0)
        return self.split_same(total, a)

    def output(self, size, ceil_mode: bool = False, a=INT):
        """The number of windows over an input dim of `size`. With `ceil_mode`, a last partial window
        counts if it starts inside the input or its begin padding (ONNX and PyTorch pooling)."""
        if self.auto_pad != "none":
            return a.floordiv(a.add(size, self.stride - 1), self.stride)
        begin, end = self.pads(size, a)
        room = a.sub(a.add(a.add(size, begin), end), self.extent(a))
        if not ceil_mode:
            return a.add(a.floordiv(room, self.stride), 1)
        ceiled = a.add(a.floordiv(a.add(room, self.stride - 1), self.stride), 1)
        starts_inside = a.add(a.floordiv(a.sub(a.add(size, begin), 1), self.stride), 1)
        return a.min(ceiled, starts_inside)

    def transposed_full(self, size, a=INT):
        """The uncropped output size of a transposed convolution: `(size - 1) * stride + extent`."""
        return a.add(a.mul(a.sub(size, 1), self.stride), self.extent(a))

    def transposed_pads(self, size, output_padding, wanted=None, a=INT):
        """(begin, end) crops of a transposed convolution's full output (negative: extra zeros): the
        pads, or what makes the output `wanted` long (`size * stride` for SAME), split as `split_same`."""
        if wanted is None and self.auto_pad == "none":
            return self.pad_begin, self.pad_end
        if wanted is None:
            wanted = a.mul(size, self.stride)
        return self.split_same(a.sub(a.add(self.transposed_full(size, a), output_padding), wanted), a)

    def transposed_output(self, size, output_padding, wanted=None, a=INT):
        """The output size of a transposed convolution over an input dim of `size`."""
        begin, end = self.transposed_pads(size, output_padding, wanted, a)
        return a.sub(a.sub(a.add(self.transposed_full(size, a), output_padding), begin), end)


def window_dims(spatial: int, kernel, strides, dilations, pads, auto_pad: str, negative_pads: bool = False) -> list[WindowDim]:
    """The per-dim windows of an op with `spatial` spatial dims; ShapeError for malformed attributes
    (negative pads unless `negative_pads`). `kernel` entries may be None (a dynamic weight dim)."""
    strides = _per_dim("strides", strides, spatial, 1)
    dilations = _per_dim("dilations", dilations, spatial, 1)
    if any(s < 1 for s in strides) or any(d < 1 for d in dilations):
        raise ShapeError("strides and dilations must be 1 or more")
    if auto_pad != "none" and pads:
        raise ShapeError(f'pads must be empty with auto_pad = "{auto_pad}"')
    pads = tuple(pads) or (0,) * (2 * spatial)
    if len(pads) != 2 * spatial:
        raise ShapeError(f"pads has {len(pads)} entries, expected {2 * spatial} (begins, then ends)")
    if not negative_pads and any(p < 0 for p in pads):
        raise ShapeError(f"pads must not be negative, got {list(pads)}")
    if any(k is not None and k < 1 for k in kernel):
        raise ShapeError(f"kernel sizes must be 1 or more, got {list(kernel)}")
    return [WindowDim(kernel[i], strides[i], dilations[i], pads[i], pads[spatial + i], auto_pad) for i in range(spatial)]


def _per_dim(name: str, values, spatial: int, default: int) -> tuple[int, ...]:
    if not values:
        return (default,) * spatial
    if len(values) != spatial:
        raise ShapeError(f"{name} has {len(values)} entries, expected {spatial} (one per spatial dim)")
    return tuple(values)


def _spatial(input: TensorSpec, layout: ChannelLayout = LAYOUTS["nchw"]) -> int:
    if layout.channels_last and input.rank != 4:
        raise ShapeError(f'layout "nhwc" takes an N x H x W x C input (rank 4), got rank {input.rank}')
    if not 3 <= input.rank <= 5:
        raise ShapeError(f"input must be N x C x 1 to 3 spatial dims (rank 3 to 5), got rank {input.rank}")
    return input.rank - 2


def _known(*dims) -> bool:
    return all(d is not None for d in dims)


def _check_output(size: Dim, what: str) -> Dim:
    if size is not None and size < 1:
        raise ShapeError(f"{what} leaves no output (the window is larger than the padded input)")
    return size


# --- convolutions -----------------------------------------------------------------------------------


class Windowed(TG.Op):
    """Base of the ops that slide a window over the spatial dims, with the window attributes the
    module docstring describes."""

    strides: Attr[I64Array] = ()
    pads: Attr[I64Array] = ()
    dilations: Attr[I64Array] = ()
    auto_pad: Attr[AutoPad] = "none"


class Convolution(Windowed):
    """Base of the convolutions: `input` [N, C, spatial...] and a `weight` of the same rank, whose
    first two dims are channels (their layout is each op's) and the rest the kernel."""

    input: Operand[FloatTensor]
    weight: Operand[FloatTensor]
    result: Result[FloatTensor]
    groups: Attr[I64] = 1

    #: How the weight's two channel dims read, for messages.
    weight_layout = ""


def _convolution_operands(op: type[Convolution], input: TensorSpec, weight: TensorSpec, layout: ChannelLayout = LAYOUTS["nchw"]) -> tuple[str, int]:
    """The element type and spatial rank of a convolution's operands; ShapeError if they do not fit."""
    dtype = same_dtype(input, weight)
    spatial = _spatial(input, layout)
    if weight.rank != input.rank:
        what = "kernel x C/groups x F" if layout.channels_last else f"{op.weight_layout} x kernel"
        raise ShapeError(f"weight must be {what} (rank {input.rank}), got rank {weight.rank}")
    return dtype, spatial


class Conv(Convolution, name="conv"):
    """Convolution (cross-correlation, as in ONNX and PyTorch) of `input` [N, C, spatial...] with
    `weight` [F, C/groups, kernel...], giving [N, F, out...]; with `layout = "nhwc"`, of [N, H, W, C]
    with [KH, KW, C/groups, F] (HWCF), giving [N, OH, OW, F]. Channels split into `groups` that see
    only their own filters (`groups = C` is depthwise). A bias is a separate `tg.add`. Low-precision
    floats accumulate in f32.

    Example:
        %y = "tg.conv"(%x, %w) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<?x3x224x224xf32>, tensor<64x3x3x3xf32>) -> tensor<?x64x112x112xf32>
    """

    layout: Attr[Layout] = "nchw"

    weight_layout = "F x C/groups"

    def shape(input, weight, *, strides, pads, dilations, groups, auto_pad, layout="nchw"):
        order = LAYOUTS[layout]
        dtype, spatial = _convolution_operands(Conv, input, weight, order)
        batch, channels, sizes = order.split(input.shape)
        filters, per_group, kernel = order.split_weight(weight.shape)
        _check_groups(groups, channels, per_group, filters, "filters")
        dims = window_dims(spatial, kernel, strides, dilations, pads, auto_pad)
        out = [_check_output(w.output(s) if _known(s, w.kernel) else None, "conv") for w, s in zip(dims, sizes)]
        return TensorSpec(order.arrange(batch, filters, out), dtype)

    def reference(input, weight, *, strides, pads, dilations, groups, auto_pad, layout="nchw"):
        order = LAYOUTS[layout]
        input, weight = order.to_channels_first(input), order.weight_to_channels_first(weight)
        dims = window_dims(input.ndim - 2, weight.shape[2:], strides, dilations, pads, auto_pad)
        padded, _ = _padded(input.astype(np.float64), dims, 0.0)
        n, f = input.shape[0], weight.shape[0]
        out = [w.output(s) for w, s in zip(dims, input.shape[2:])]
        grouped_weight = weight.astype(np.float64).reshape(groups, f // groups, *weight.shape[1:])
        result = np.zeros((n, groups, f // groups, *out))
        for taps, window in _windows(padded, dims, out):
            window = window.reshape(n, groups, -1, *out)
            result += np.einsum("ngc...,gfc->ngf...", window, grouped_weight[(..., *taps)])
        return order.from_channels_first(result.reshape(n, f, *out))

    def cost(input, weight, *, result, layout="nchw"):
        # Each output element is one window over its group's channels.
        _, per_group, kernel = LAYOUTS[layout].split_weight(weight.shape)
        return Cost("conv", macs=result.numel * per_group * prod(kernel))


class ConvTranspose(Convolution, name="conv_transpose"):
    """Transposed convolution (the gradient of `tg.conv` with respect to its input) of `input`
    [N, C, spatial...] with `weight` [C, F/groups, kernel...], giving [N, F, out...]: every input
    element adds `input * weight[kernel]` at `in * stride + kernel * dilation - pad_begin`. The full
    output, `(in - 1) * stride + (kernel - 1) * dilation + 1 + output_padding` long, loses `pads` at its
    ends; a negative pad adds zeros instead. With `auto_pad = "same_*"` the output is `in * stride`;
    with `output_shape` (spatial sizes) it is that. The crops these imply are split in two halves, the
    odd unit at the end for "same_upper" and at the beginning otherwise (ONNX's rules).

    Example:
        %y = "tg.conv_transpose"(%x, %w) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>} : (tensor<1x8x5x5xf32>, tensor<8x4x3x3xf32>) -> tensor<1x4x10x10xf32>
    """

    output_padding: Attr[I64Array] = ()
    output_shape: Attr[I64Array] = ()

    weight_layout = "C x F/groups"

    def shape(input, weight, *, strides, pads, dilations, output_padding, output_shape, groups, auto_pad):
        dtype, spatial = _convolution_operands(ConvTranspose, input, weight)
        channels, per_group = weight.shape[:2]
        _check_groups(groups, input.shape[1], None, channels, "weight channels")
        if input.shape[1] is not None and channels is not None and input.shape[1] != channels:
            raise ShapeError(f"input has {input.shape[1]} channels but the weight {channels}")
        extra = _per_dim("output_padding", output_padding, spatial, 0)
        if any(p < 0 for p in extra):
            raise ShapeError("output_padding must not be negative")
        wanted = _output_shape(output_shape, spatial, pads)
        dims = window_dims(spatial, weight.shape[2:], strides, dilations, pads, auto_pad, negative_pads=True)
        out = [
            _check_output(w.transposed_output(s, p, o) if _known(s, w.kernel) else o, "conv_transpose")
            for w, s, p, o in zip(dims, input.shape[2:], extra, wanted)
        ]
        filters = per_group * groups if per_group is not None else None
        return TensorSpec((input.shape[0], filters, *out), dtype)

    def reference(input, weight, *, strides, pads, dilations, output_padding, output_shape, groups, auto_pad):
        spatial = input.ndim - 2
        dims = window_dims(spatial, weight.shape[2:], strides, dilations, pads, auto_pad, negative_pads=True)
        extra = _per_dim("output_padding", output_padding, spatial, 0)
        wanted = _output_shape(output_shape, spatial, pads)
        n, c = input.shape[:2]
        per_group = weight.shape[1]
        sizes = input.shape[2:]
        crops = [w.transposed_pads(s, p, o) for w, s, p, o in zip(dims, sizes, extra, wanted)]
        out = [w.transposed_output(s, p, o) for w, s, p, o in zip(dims, sizes, extra, wanted)]
        # Accumulate into a buffer that holds the full output and the zeros negative pads add.
        shift = [max(0, -b) for b, _ in crops]
        buffer = [h + max(w.transposed_full(s), b + o) for h, s, w, (b, _), o in zip(shift, sizes, dims, crops, out)]
        result = np.zeros((n, groups, per_group, *buffer))
        grouped_input = input.astype(np.float64).reshape(n, groups, c // groups, *sizes)
        grouped_weight = weight.astype(np.float64).reshape(groups, c // groups, per_group, *weight.shape[2:])
        for taps in itertools.product(*(range(k) for k in weight.shape[2:])):
            target = tuple(slice(h + t * w.dilation, h + t * w.dilation + (s - 1) * w.stride + 1, w.stride) for h, t, w, s in zip(shift, taps, dims, sizes))
            result[(..., *target)] += np.einsum("ngc...,gcf->ngf...", grouped_input, grouped_weight[(..., *taps)])
        crop = tuple(slice(h + b, h + b + o) for h, (b, _), o in zip(shift, crops, out))
        return result[(..., *crop)].reshape(n, groups * per_group, *out)

    def cost(input, weight):
        # Each input element is multiplied by every weight of its channel: F/groups filters, a kernel each.
        return Cost("conv", macs=input.numel * weight.numel // weight.shape[0])


def _output_shape(output_shape, spatial: int, pads) -> list[int | None]:
    """A transposed convolution's `output_shape` per spatial dim (None where not given)."""
    if not output_shape:
        return [None] * spatial
    if len(output_shape) != spatial:
        raise ShapeError(f"output_shape has {len(output_shape)} entries, expected {spatial} (one per spatial dim)")
    if pads:
        raise ShapeError("pads must be empty with an output_shape")
    return list(output_shape)


def _check_groups(groups: int, channels: Dim, per_group: Dim, filters: Dim, what: str) -> None:
    if groups < 1:
        raise ShapeError(f"groups must be 1 or more, got {groups}")
    if channels is not None and channels % groups:
        raise ShapeError(f"{channels} input channels do not split into {groups} groups")
    if channels is not None and per_group is not None and channels != per_group * groups:
        raise ShapeError(f"weight has {per_group} channels per group, but the input {channels} channels in {groups} groups")
    if filters is not None and filters % groups:
        raise ShapeError(f"{filters} {what} do not split into {groups} groups")


# --- pooling ----------------------------------------------------------------------------------------


class Pool(Windowed):
    """Base of pooling ops: windows of `kernel` over the spatial dims of [N, C, spatial...] (or of
    [N, H, W, C] where an op takes `layout = "nhwc"`), one output element a window and channel. Padding
    never enters a maximum, and enters an average only as `count_include_pad` says."""

    input: Operand[NumericTensor]
    result: Result[NumericTensor]
    kernel: Attr[I64Array]
    ceil_mode: Attr[Bool] = False

    def shape(input, *, kernel, strides, pads, dilations, ceil_mode, auto_pad, layout="nchw"):
        order = LAYOUTS[layout]
        spatial = _spatial(input, order)
        if len(kernel) != spatial:
            raise ShapeError(f"kernel has {len(kernel)} entries, expected {spatial} (one per spatial dim)")
        batch, channels, sizes = order.split(input.shape)
        dims = window_dims(spatial, kernel, strides, dilations, pads, auto_pad)
        out = [_check_output(w.output(s, ceil_mode) if s is not None else None, "pooling") for w, s in zip(dims, sizes)]
        return input.with_shape(order.arrange(batch, channels, out))

    def cost(input, *, result, kernel):
        return Cost("reduction", flops=result.numel * prod(kernel))  # one comparison a window element


class MaxPool(Pool, name="max_pool"):
    """Maximum over each window (NaN propagates), channels first or (`layout = "nhwc"`) last.

    Example:
        %y = "tg.max_pool"(%x) {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<?x64x112x112xf32>) -> tensor<?x64x56x56xf32>
    """

    layout: Attr[Layout] = "nchw"

    def reference(input, *, kernel, strides, pads, dilations, ceil_mode, auto_pad, layout="nchw"):
        order = LAYOUTS[layout]
        input = order.to_channels_first(input)
        dims = window_dims(input.ndim - 2, kernel, strides, dilations, pads, auto_pad)
        out = [w.output(s, ceil_mode) for w, s in zip(dims, input.shape[2:])]
        lowest = -np.inf if input.dtype.kind == "f" else np.iinfo(input.dtype).min
        padded, _ = _padded(input, dims, lowest, out)
        result = np.full(input.shape[:2] + tuple(out), lowest, dtype=padded.dtype)
        for _, window in _windows(padded, dims, out):
            result = np.maximum(result, window)
        return order.from_channels_first(result)


class MaxPoolIndices(Pool, name="max_pool_indices"):
    """Where each window's maximum is: its index in the input flattened row-major ([N, C, spatial...]
    as one vector; padding never counts). Among equal maxima the first in row-major order wins. With
    `column_major`, the spatial dims flatten first-dim-fastest instead (N and C stay outermost), as
    ONNX MaxPool's `storage_order = 1` says.

    Example:
        %i = "tg.max_pool_indices"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<?x8x32x32xf32>) -> tensor<?x8x16x16xi64>
    """

    result: Result[I64Tensor]
    column_major: Attr[Bool] = False

    def shape(input, *, kernel, strides, pads, dilations, ceil_mode, auto_pad):
        return Pool.shape(input, kernel=kernel, strides=strides, pads=pads, dilations=dilations, ceil_mode=ceil_mode, auto_pad=auto_pad).with_dtype("i64")

    def reference(input, *, kernel, strides, pads, dilations, ceil_mode, auto_pad, column_major):
        sizes = input.shape[2:]
        dims = window_dims(len(sizes), kernel, strides, dilations, pads, auto_pad)
        out = [w.output(s, ceil_mode) for w, s in zip(dims, sizes)]
        lowest = -np.inf if input.dtype.kind == "f" else np.iinfo(input.dtype).min
        padded, inside = _padded(input, dims, lowest, out)
        positions = np.arange(inside.size).reshape(inside.shape)  # row-major, in padded coordinates
        best = np.full(input.shape[:2] + tuple(out), lowest, dtype=padded.dtype)
        where = np.full(best.shape, -1)
        for (_, window), (_, valid), (_, position) in zip(*(_windows(a, dims, out) for a in (padded, inside, positions))):
            better = (valid > 0) & ((window > best) | (where < 0))
            best, where = np.where(better, window, best), np.where(better, position, where)
        # Padded coordinates back to input coordinates, flattened in the asked order.
        coords = np.unravel_index(np.maximum(where, 0), inside.shape)
        coords = [c - w.pads(s)[0] for c, w, s in zip(coords, dims, sizes)]
        order = tuple(reversed(sizes)) if column_major else sizes
        spatial = np.ravel_multi_index(tuple(reversed(coords)) if column_major else tuple(coords), order)
        channel = np.arange(input.shape[0] * input.shape[1]).reshape(input.shape[:2] + (1,) * len(sizes))
        return channel * int(np.prod(sizes)) + spatial


class AvgPool(Pool, name="avg_pool"):
    """Mean over each window, channels first or (`layout = "nhwc"`) last. The divisor counts the
    window's elements inside the input, and also those in `pads` when `count_include_pad` (never the
    elements `ceil_mode` adds past the pads).

    Example:
        %y = "tg.avg_pool"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<?x64x56x56xf32>) -> tensor<?x64x28x28xf32>
    """

    input: Operand[FloatTensor]
    result: Result[FloatTensor]
    count_include_pad: Attr[Bool] = False
    layout: Attr[Layout] = "nchw"

    def reference(input, *, kernel, strides, pads, dilations, ceil_mode, auto_pad, count_include_pad, layout="nchw"):
        order = LAYOUTS[layout]
        input = order.to_channels_first(input)
        dims = window_dims(input.ndim - 2, kernel, strides, dilations, pads, auto_pad)
        out = [w.output(s, ceil_mode) for w, s in zip(dims, input.shape[2:])]
        padded, counted = _padded(input.astype(np.float64), dims, 0.0, out, count_include_pad)
        total = np.zeros(input.shape[:2] + tuple(out))
        count = np.zeros(tuple(out))
        for (_, window), (_, mask) in zip(_windows(padded, dims, out), _windows(counted, dims, out)):
            total += window
            count += mask
        with np.errstate(all="ignore"):
            return order.from_channels_first(total / count)

    def cost(input, *, result, kernel):
        return Cost("reduction", flops=result.numel * (prod(kernel) + 1))  # the sums, then a division each


def _padded(array: np.ndarray, dims: list[WindowDim], value, out=None, count_pads: bool = False):
    """`array` padded with `value` for `dims`, and past the end pads as far as `out` windows reach;
    with it, a spatial mask of the elements an average counts (the input, and the pads if asked)."""
    widths, counted = [(0, 0), (0, 0)], []
    for i, (w, size) in enumerate(zip(dims, array.shape[2:])):
        begin, end = w.pads(size)
        reach = (out[i] - 1) * w.stride + w.extent() if out is not None else 0
        past = max(0, reach - (size + begin + end))
        widths.append((begin, end + past))
        inside = [False] * begin + [True] * size + [False] * end if not count_pads else [True] * (begin + size + end)
        counted.append(np.array(inside + [False] * past, np.float64))
    mask = functools.reduce(np.multiply, np.ix_(*counted))
    return np.pad(array, widths, constant_values=value), mask


def _windows(padded: np.ndarray, dims: list[WindowDim], out):
    """(kernel taps, the padded elements each output reads at those taps) for every tap of the window."""
    spatial = len(dims)
    for taps in itertools.product(*(range(w.kernel) for w in dims)):
        index = tuple(
            slice(t * w.dilation, t * w.dilation + (o - 1) * w.stride + 1, w.stride) for t, w, o in zip(taps, dims, out)
        )
        yield taps, padded[(Ellipsis,) + index] if padded.ndim > spatial else padded[index]
