"""ONNX convolutions, pooling and normalizations.

Conv, ConvTranspose, MaxPool and AveragePool map to the tg window ops; their `auto_pad` becomes
explicit pads whenever the input's spatial sizes (and the kernel) are static, and stays a tg
`auto_pad` otherwise. A bias is a `tg.add` of the bias shaped [F, 1, ...]. The global pools are
reductions over the spatial dims; the normalizations (BatchNormalization in inference mode,
InstanceNormalization, LayerNormalization) decompose into reductions and elementwise ops, and LRN into
an average pool of the squares across channels.
"""

from __future__ import annotations

import onnx

from ...dialect.ops import Add, AvgPool, Cast, Conv, ConvTranspose, Div, MaxPool, MaxPoolIndices, Mul, Pow, ReduceMax, ReduceMean, Reshape, Sqrt, Sub, Transpose
from ...dialect.ops.nn import window_dims
from ...dialect.types import FLOAT_TYPES, ShapeError, TensorSpec
from . import Node, converter, tg_dtype

AUTO_PADS = {"NOTSET": "none", "VALID": "none", "SAME_UPPER": "same_upper", "SAME_LOWER": "same_lower"}


# --- attributes shared by the window ops ----------------------------------------------------------


def _window_attrs(node: Node, kernel: list[int | None]) -> dict:
    """strides, dilations, pads and auto_pad of a Conv/ConvTranspose/pool node, for an input with
    `len(kernel)` spatial dims. VALID becomes zero pads."""
    spatial = len(kernel)
    auto_pad = node.attr("auto_pad", "NOTSET")
    if auto_pad not in AUTO_PADS:
        node.unsupported(f"auto_pad = {auto_pad!r} is not one of {', '.join(AUTO_PADS)}")
    no_pads = [0] * (2 * spatial)
    attrs = {
        "strides": list(node.attr("strides", [])) or [1] * spatial,
        "dilations": list(node.attr("dilations", [])) or [1] * spatial,
        # SAME pads come from the sizes (the pads attribute is ignored then, as ONNX says).
        "pads": (list(node.attr("pads", [])) or no_pads) if auto_pad == "NOTSET" else no_pads if auto_pad == "VALID" else [],
        "auto_pad": AUTO_PADS[auto_pad],
    }
    try:
        window_dims(spatial, kernel, attrs["strides"], attrs["dilations"], attrs["pads"], attrs["auto_pad"])
    except ShapeError as e:
        node.unsupported(str(e))
    return attrs


def _resolve_same(attrs: dict, kernel: list[int | None], sizes, resolve) -> dict:
    """`attrs` with a SAME `auto_pad` (or a transposed convolution's `output_shape`) replaced by the
    explicit (begin, end) pads that `resolve(spatial dim, window, size)` gives, when every spatial size
    and kernel size is static; unchanged otherwise."""
    if (attrs["auto_pad"] == "none" and not attrs.get("output_shape")) or None in sizes or None in kernel:
        return attrs
    windows = window_dims(len(kernel), kernel, attrs["strides"], attrs["dilations"], [], attrs["auto_pad"])
    pads = [resolve(i, w, s) for i, (w, s) in enumerate(zip(windows, sizes))]
    return {**attrs, "auto_pad": "none", "output_shape": [], "pads": [b for b, _ in pads] + [e for _, e in pads]}


#: What the tg window ops take when an attribute is left out: arrays of these (or empty), and scalars.
ARRAY_DEFAULTS = {"strides": 1, "dilations": 1, "pads": 0, "output_padding": 0}
SCALAR_DEFAULTS = {"auto_pad": "none", "groups": 1, "ceil_mode": False, "count_include_pad": False, "column_major": False}


def _concise(attrs: dict) -> dict:
    """`attrs` without the values the tg ops take by default, so that the IR shows what matters."""

    def is_default(name, value):
        if isinstance(value, list):
            return all(v == ARRAY_DEFAULTS.get(name) for v in value)  # an empty array always is
        return value == SCALAR_DEFAULTS.get(name)

    return {name: value for name, value in attrs.items() if not is_default(name, value)}


def _kernel(node: Node, weight: TensorSpec | None, spatial: int) -> list[int | None]:
    """The kernel sizes: the kernel_shape attribute, or the weight's spatial dims (None if dynamic).
    The two must agree where both are known."""
    given = node.attr("kernel_shape", None)
    from_weight = list(weight.shape[2:]) if weight is not None else [None] * spatial
    if given is None:
        if weight is None:
            node.unsupported("attribute 'kernel_shape' is required")
        return from_weight
    if len(given) != spatial:
        node.unsupported(f"kernel_shape has {len(given)} entries for {spatial} spatial dims")
    if any(w is not None and w != k for w, k in zip(from_weight, given)):
        node.unsupported(f"kernel_shape {list(given)} differs from the weight's kernel {from_weight}")
    return list(given)


def _spatial_input(node: Node) -> TensorSpec:
    spec = node.input_spec(0)
    if not 3 <= spec.rank <= 5:
        node.unsupported(f"the input must have 1 to 3 spatial dims (rank 3 to 5), got rank {spec.rank}")
    return spec


def _add_bias(node: Node, y, index: int):
    """`y` [N, F, ...] plus input `index` (a [F] bias), when the node has it."""
    if not node.has_input(index):
        return y
    return node.emit(Add, y, _per_channel(node, node.input(index), node.spec(y).rank))


def _per_channel(node: Node, vector, rank: int):
    """A [C] vector shaped [C, 1, ...] to broadcast along dim 1 of a rank-`rank` tensor."""
    spec = node.spec(vector)
    if spec.rank != 1:
        node.unsupported(f"per-channel parameters must be vectors, got {spec}")
    shape = TensorSpec((spec.shape[0],) + (1,) * (rank - 2), spec.dtype)
    return node.emit(Reshape, vector, result_type=shape.to_mlir())


def _as_dtype(node: Node, value, dtype: str):
    """`value` with element type `dtype` (a `tg.cast` if it has another)."""
    if node.dtype(value) == dtype:
        return value
    return node.emit(Cast, value, result_type=node.spec(value).with_dtype(dtype).to_mlir())


# --- convolutions ---------------------------------------------------------------------------------


@converter("Conv")
def conv(node: Node):
    x = _spatial_input(node)
    weight = node.input_spec(1)
    kernel = _kernel(node, weight, x.rank - 2)
    attrs = _window_attrs(node, kernel)
    attrs = _resolve_same(attrs, kernel, x.shape[2:], lambda i, w, size: w.pads(size))
    y = node.emit(Conv, node.input(0), node.input(1), **_concise({**attrs, "groups": node.attr("group", 1)}))
    return _add_bias(node, y, 2)


@converter("ConvTranspose")
def conv_transpose(node: Node):
    x = _spatial_input(node)
    spatial = x.rank - 2
    weight = node.input_spec(1)
    kernel = _kernel(node, weight, spatial)
    attrs = _window_attrs(node, kernel)
    output_padding = list(node.attr("output_padding", [])) or [0] * spatial
    output_shape = node.attr("output_shape", None)
    if output_shape is not None:
        # (Some exporters write N and C too.) The pads come from it; the pads attribute is ignored.
        attrs = {**attrs, "pads": [], "output_shape": list(output_shape)[-spatial:]}
    wanted = attrs.get("output_shape") or [None] * spatial
    attrs = _resolve_same(attrs, kernel, x.shape[2:], lambda i, w, size: w.transposed_pads(size, output_padding[i], wanted[i]))
    attrs = {**attrs, "groups": node.attr("group", 1), "output_padding": output_padding}
    y = node.emit(ConvTranspose, node.input(0), node.input(1), **_concise(attrs))
    return _add_bias(node, y, 2)


# --- pooling --------------------------------------------------------------------------------------


def _pool_attrs(node: Node) -> dict:
    x = _spatial_input(node)
    kernel = _kernel(node, None, x.rank - 2)
    attrs = _window_attrs(node, kernel)
    attrs = _resolve_same(attrs, kernel, x.shape[2:], lambda i, w, size: w.pads(size))
    return {"kernel": kernel, "ceil_mode": bool(node.attr("ceil_mode", 0)), **attrs}


@converter("MaxPool")
def max_pool(node: Node):
    """The maxima, and their flat indices if the Indices output is asked for."""
    attrs = _pool_attrs(node)
    y = node.emit(MaxPool, node.input(0), **_concise(attrs))
    if len(node.proto.output) < 2 or not node.proto.output[1]:
        return y
    return [y, node.emit(MaxPoolIndices, node.input(0), **_concise({**attrs, "column_major": bool(node.attr("storage_order", 0))}))]


@converter("AveragePool")
def average_pool(node: Node):
    attrs = {**_pool_attrs(node), "count_include_pad": bool(node.attr("count_include_pad", 0))}
    return node.emit(AvgPool, node.input(0), **_concise(attrs))


@converter("GlobalAveragePool", "GlobalMaxPool")
def global_pool(node: Node):
    """A mean or maximum over every spatial dim, kept as 1s."""
    rank = node.input_spec(0).rank
    if rank < 3:
        node.unsupported(f"the input must have spatial dims (rank 3 or more), got rank {rank}")
    reduction = ReduceMean if node.op_type == "GlobalAveragePool" else ReduceMax
    return node.emit(reduction, node.input(0), axes=list(range(2, rank)), keepdims=True)


# --- normalizations -------------------------------------------------------------------------------


def _inverse_std(node: Node, variance, epsilon: float):
    """`1 / sqrt(variance + epsilon)`."""
    one = node.scalar(1.0, like=variance)
    return node.emit(Div, one, node.emit(Sqrt, node.emit(Add, variance, node.scalar(epsilon, like=variance))))


@converter("BatchNormalization")
def batch_normalization(node: Node):
    """Inference mode: `(x - mean) / sqrt(var + epsilon) * scale + B` as `x * a + b` with per-channel
    `a = scale / sqrt(var + epsilon)` and `b = B - mean * a` (constants when the parameters are)."""
    if node.attr("training_mode", 0) or any(node.proto.output[1:]):
        node.unsupported("training mode (running mean and variance outputs) is not supported: inference only")
    x = node.input(0)
    rank = node.spec(x).rank
    if rank < 2:
        node.unsupported(f"the input must be N x C x ..., got rank {rank}")
    # (Since opset 15 the parameters may have other float types than the input.)
    scale, bias, mean, variance = (_as_dtype(node, node.input(i), node.dtype(x)) for i in range(1, 5))
    factor = node.emit(Mul, scale, _inverse_std(node, variance, node.attr("epsilon", 1e-5)))
    shift = node.emit(Sub, bias, node.emit(Mul, mean, factor))
    if node.attr("spatial", 1) and rank > 2:
        factor, shift = _per_channel(node, factor, rank), _per_channel(node, shift, rank)
    return node.emit(Add, node.emit(Mul, x, factor), shift)


@converter("InstanceNormalization")
def instance_normalization(node: Node):
    """Each (sample, channel) normalized over its spatial dims, then scaled and shifted per channel."""
    x = node.input(0)
    rank = node.spec(x).rank
    if rank < 3:
        node.unsupported(f"the input must be N x C x spatial dims, got rank {rank}")
    _, deviation, inverse_std = _standardize(node, x, list(range(2, rank)), node.attr("epsilon", 1e-5))
    factor = node.emit(Mul, inverse_std, _per_channel(node, node.input(1), rank))
    return node.emit(Add, node.emit(Mul, deviation, factor), _per_channel(node, node.input(2), rank))


def _standardize(node: Node, x, axes: list[int], epsilon: float):
    """The mean over `axes` (kept as 1s), `x - mean` and `1 / sqrt(variance + epsilon)`."""
    mean = node.emit(ReduceMean, x, axes=axes, keepdims=True)
    deviation = node.emit(Sub, x, mean)
    variance = node.emit(ReduceMean, node.emit(Mul, deviation, deviation), axes=axes, keepdims=True)
    return mean, deviation, _inverse_std(node, variance, epsilon)


@converter("LayerNormalization")
def layer_normalization(node: Node):
    """Normalization over the dims from `axis` on, computed in the `stash_type` (f32 by default) as
    ONNX's function body does; outputs Y and, if asked, Mean and InvStdDev (the input's shape with the
    normalized dims as 1s), of the types ONNX inferred for them."""
    x = node.input(0)
    dtype = node.dtype(x)
    rank = node.spec(x).rank
    axis = node.attr("axis", -1)
    if not -rank <= axis < rank:
        node.unsupported(f"axis {axis} is out of range for rank {rank}")
    stash = tg_dtype(node.attr("stash_type", onnx.TensorProto.FLOAT))
    if stash not in FLOAT_TYPES:
        node.unsupported(f"stash_type {stash} is not a float type")
    axes = list(range(axis % rank, rank))
    mean, deviation, inverse_std = _standardize(node, _as_dtype(node, x, stash), axes, node.attr("epsilon", 1e-5))
    y = node.emit(Mul, _as_dtype(node, node.emit(Mul, deviation, inverse_std), dtype), node.input(1))
    if node.has_input(2):
        y = node.emit(Add, y, node.input(2))
    statistics = [_as_dtype(node, v, (node.output_spec(i) or node.spec(v)).dtype) for i, v in ((1, mean), (2, inverse_std))]
    return [y, *statistics]


@converter("LRN")
def lrn(node: Node):
    """`x / (bias + alpha / size * sum of x^2 over the `size` channels around)^beta`. The channel sum
    is an average pool (padding counted) over channels moved to a spatial position."""
    x = node.input(0)
    rank = node.spec(x).rank
    if rank < 3:
        node.unsupported(f"the input must be N x C x spatial dims, got rank {rank}")
    size = node.attr("size")
    alpha, beta, bias = node.attr("alpha", 1e-4), node.attr("beta", 0.75), node.attr("bias", 1.0)
    swap = [0, 2, 1] + list(range(3, rank))  # channels into the first spatial position
    squares = node.emit(Transpose, node.emit(Mul, x, x), perm=swap)
    kernel = [size] + [1] * (rank - 3)
    before = (size - 1) // 2
    pads = [before] + [0] * (rank - 3) + [size - 1 - before] + [0] * (rank - 3)
    mean = node.emit(AvgPool, squares, kernel=kernel, pads=pads, count_include_pad=True)
    mean = node.emit(Transpose, mean, perm=swap)
    base = node.emit(Add, node.scalar(bias, like=x), node.emit(Mul, node.scalar(alpha, like=x), mean))
    return node.emit(Div, x, node.emit(Pow, base, node.scalar(beta, like=x)))

