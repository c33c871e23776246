"""Data movement to linalg and tensor: `tg.transpose` is `linalg.transpose`; `tg.reshape` collapses to
1-D and expands to the result shape (both views, so bufferization copies nothing)."""

from __future__ import annotations

from math import prod

from mlir import ir
from mlir.dialects import arith, linalg, tensor

from . import build


def lower_transpose(op) -> list[ir.Value]:
    source = op.input
    source_sizes = build.sizes(source)
    init = build.empty([source_sizes[p] for p in op.perm], build.element_type(source))
    return [linalg.transpose(source, outs=[init], permutation=list(op.perm)).results[0]]


def lower_reshape(op) -> list[ir.Value]:
    source = op.input
    result_type = build.result_type(op)
    if source.type == result_type:
        return [source]
    flat = _flatten(source)
    if result_type.has_static_shape and ir.RankedTensorType(flat.type).is_dynamic_dim(0):
        # A static result from a dynamic input: the element count is known, and expand_shape needs it static.
        flat = tensor.cast(ir.RankedTensorType.get([prod(result_type.shape)], result_type.element_type), flat)
    count = build.size(flat, 0)
    if result_type.rank == 0:
        return [tensor.collapse_shape(result_type, flat, [])]
    known = prod(result_type.get_dim_size(i) for i in range(result_type.rank) if not result_type.is_dynamic_dim(i))
    output = [_dim(result_type, i, count, known) for i in range(result_type.rank)]
    if result_type.rank == 1:
        reshaped = flat
    else:
        reshaped = build.expand_shape(flat, [list(range(result_type.rank))], output)
    if reshaped.type != result_type:
        reshaped = tensor.cast(result_type, reshaped)
    return [reshaped]


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


def _dim(result_type: ir.RankedTensorType, i: int, count: build.Size, known: int) -> build.Size:
    """Result dim `i`: static, or what the element count leaves after the static dims."""
    if not result_type.is_dynamic_dim(i):
        return result_type.get_dim_size(i)
    if isinstance(count, int):
        return count // known
    return arith.divui(count, build.index(known))


LOWERINGS = {"tg.transpose": lower_transpose, "tg.reshape": lower_reshape}
