"""`--tg-fold-batchnorm`: fold an inference batch norm into the convolution or matmul that feeds it.

The ONNX importer decomposes BatchNormalization with constant parameters into `y * scale + shift`, per
channel constants, and Gemm's alpha into a scaling. This pass moves such scalings into the weights:

    conv(x, W) [+ b] * s      ->  conv(x, W * s) [+ b * s]       s per output channel
    matmul(x, W) [+ b] * s    ->  matmul(x, W * s) [+ b * s]     s per output column (the last dim)
    (conv or matmul + b) + t  ->  conv or matmul + (b + t)       the shift joins the bias

so that a batch norm after a conv or matmul, with a bias or not, ends as one conv or matmul and one
bias add. A division by a constant counts as a multiplication by its inverse, a subtraction of a
constant as an addition of its negation. It fires only when W, b, s and t are constants it can read,
each of them per channel (size-1 dims everywhere but the channel dim, and no more dims than the
result), the element type is a float, and the conv or matmul result (and its bias add) has no other
use. The folded weights and biases are new constants, computed in float64 and rounded once: results
are unchanged up to that rounding.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from mlir import ir
from mlir.rewrite import RewritePatternSet, apply_patterns_and_fold_greedily

from ..dialect import TensorSpec
from ..dialect.constants import constant_of
from ..dialect.ops import Add, Conv
from ..dialect.ops.nn import LAYOUTS
from ..dialect.types import FLOAT_TYPES
from ..passes import option, register_pass
from .statistics import count
from .weights import derived_constant

PASS = "tg-fold-batchnorm"


def per_channel(array: np.ndarray, rank: int, axis: int, channels: int) -> np.ndarray | None:
    """`array` as a float64 vector of `channels` when, broadcast against a tensor of `rank` dims, it
    varies along `axis` only (a scalar does not vary at all); None otherwise."""
    if array.ndim > rank:
        return None
    aligned = array.reshape((1,) * (rank - array.ndim) + array.shape)
    if any(d != 1 for i, d in enumerate(aligned.shape) if i != axis) or aligned.shape[axis] not in (1, channels):
        return None
    return np.broadcast_to(aligned.reshape(-1).astype(np.float64), (channels,))


@dataclass
class Linear:
    """A conv or matmul, and the constant bias added to it if any: what a scaling can fold into.
    `axis` is the channel dim of the result, `weight_axis` the filter dim of the weight."""

    producer: ir.Operation
    axis: int
    weight_axis: int
    bias: np.ndarray | None = None  # per channel, float64
    bias_add: ir.Operation | None = None

    @property
    def value(self) -> ir.Value:
        """The value a scaling or shift applies to: the bias add's result, or the producer's."""
        return (self.bias_add or self.producer).results[0]

    @property
    def rank(self) -> int:
        return ir.RankedTensorType(self.producer.results[0].type).rank

    @property
    def channels(self) -> int:
        return ir.RankedTensorType(self.producer.operands[1].type).shape[self.weight_axis]

    @property
    def dtype(self) -> np.dtype:
        return TensorSpec.from_mlir(self.producer.results[0].type).np_dtype

    def per_channel(self, array: np.ndarray | None) -> np.ndarray | None:
        return None if array is None else per_channel(array, self.rank, self.axis, self.channels)

    def bias_constant(self, vector: np.ndarray) -> ir.Value:
        """A constant of `vector` shaped to broadcast along the result's channel dim ([F, 1, 1] for NCHW)."""
        return derived_constant(vector.reshape((self.channels,) + (1,) * (self.rank - 1 - self.axis)).astype(self.dtype), suffix="bias")


def linear_producer(value: ir.Value) -> Linear | None:
    """The conv or matmul computing `value`, with the constant bias it adds if `value` is a bias add,
    when `value` is a float, that conv or matmul has no other use, and neither has its bias add."""
    op = _single_use_owner(value)
    if op is None or TensorSpec.from_mlir(value.type).dtype not in FLOAT_TYPES:
        return None
    if op.name == "tg.add":
        for inner, bias in ((op.operands[0], op.operands[1]), (op.operands[1], op.operands[0])):
            linear = linear_producer(inner)
            if linear is not None and linear.bias_add is None and ir.RankedTensorType(value.type) == ir.RankedTensorType(inner.type):
                linear.bias = linear.per_channel(constant_of(bias))
                if linear.bias is not None:
                    linear.bias_add = op
                    return linear
        return None
    rank = ir.RankedTensorType(value.type).rank
    if op.name == "tg.conv":
        layout = LAYOUTS[Conv.view(op).layout]
        linear = Linear(op, layout.channel(rank), layout.weight_filters(rank))
    elif op.name == "tg.matmul" and ir.RankedTensorType(op.operands[1].type).rank >= 2:
        linear = Linear(op, rank - 1, ir.RankedTensorType(op.operands[1].type).rank - 1)
    else:
        return None
    return linear if not ir.ShapedType.is_dynamic_size(linear.channels) else None  # a weight that is an input may have `?` filters


def _single_use_owner(value: ir.Value) -> ir.Operation | None:
    owner = value.owner
    if not isinstance(owner, (ir.Operation, ir.OpView)) or len(list(value.uses)) != 1:
        return None
    return owner.operation


def _match(op: ir.Operation) -> tuple[Linear, np.ndarray] | None:
    """(the conv or matmul side, the constant side as a per-channel vector) of a binary op whose
    constant is the second operand, or either one for a commutative op; None if it has no such sides."""
    orders = [(0, 1), (1, 0)] if op.name in ("tg.mul", "tg.add") else [(0, 1)]
    for value, constant in orders:
        linear = linear_producer(op.operands[value])
        if linear is None or op.results[0].type != linear.value.type:
            continue
        vector = linear.per_channel(constant_of(op.operands[constant]))
        if vector is not None:
            return linear, vector
    return None


# --- the patterns ---------------------------------------------------------------------------------


def _fold_scale(op, rewriter, max_weight_elements: int):
    """`(conv or matmul [+ b]) * s` (or `/ s`) -> `conv or matmul with W * s [+ b * s]`."""
    op = op.operation
    found = _match(op)
    if found is None:
        return True
    linear, scale = found
    weight = constant_of(linear.producer.operands[1])
    if weight is None or weight.size > max_weight_elements:
        return True
    if op.name == "tg.div":
        scale = 1.0 / scale
    with rewriter.ip, op.location:
        axis_shape = [1] * weight.ndim
        axis_shape[linear.weight_axis] = linear.channels
        folded = (weight.astype(np.float64) * scale.reshape(axis_shape)).astype(weight.dtype)
        producer = linear.producer.clone()
        producer.operands[1] = derived_constant(folded, linear.producer.operands[1], "folded")
        result = producer.results[0]
        if linear.bias is not None:
            result = Add(result, linear.bias_constant(linear.bias * scale), result_type=op.results[0].type).result
    _replace(rewriter, op, result, linear)
    count(PASS, "scalings folded into weights")


def _merge_shift(op, rewriter):
    """`(conv or matmul + b) + t` (or `- t`) -> `conv or matmul + (b + t)`."""
    op = op.operation
    found = _match(op)
    if found is None or found[0].bias is None:
        return True
    linear, shift = found
    with rewriter.ip, op.location:
        bias = linear.bias + (shift if op.name == "tg.add" else -shift)
        result = Add(linear.producer.results[0], linear.bias_constant(bias), result_type=op.results[0].type).result
    _replace(rewriter, op, result, linear)
    count(PASS, "shifts merged into biases")


def _replace(rewriter, op: ir.Operation, result: ir.Value, linear: Linear) -> None:
    """Replace `op` by `result`, then erase what only fed it: the bias add, the old producer (when
    `result` no longer reads it) and the constants left without a use."""
    fed = [op, linear.producer] + ([linear.bias_add] if linear.bias_add else [])
    constants = []
    for value in (v for user in fed for v in user.operands):
        owner = value.owner
        if isinstance(owner, (ir.Operation, ir.OpView)) and owner.operation.name == "arith.constant" and owner.operation not in constants:
            constants.append(owner.operation)
    rewriter.replace_op(op, [result])
    if linear.bias_add is not None:
        rewriter.erase_op(linear.bias_add)
    if not list(linear.producer.results[0].uses):
        rewriter.erase_op(linear.producer)
    for constant in constants:
        if not list(constant.results[0].uses):
            rewriter.erase_op(constant)


@register_pass(PASS)
@dataclass
class FoldBatchNorm:
    """Fold per-channel constant scalings and shifts (inference batch norms) into the weights and bias
    of the conv or matmul before them."""

    max_weight_elements: int = option(1 << 24, "leave weights with more elements than this unfolded")

    def run(self, module: ir.Operation) -> None:
        patterns = RewritePatternSet(module.context)
        for name in ("tg.mul", "tg.div"):
            patterns.add(name, lambda op, rewriter: _fold_scale(op, rewriter, self.max_weight_elements))
        for name in ("tg.add", "tg.sub"):
            patterns.add(name, _merge_shift)
        apply_patterns_and_fold_greedily(module, patterns.freeze())
