"""Contractions to linalg. `tg.matmul`: `linalg.matmul`, `batch_matmul`, `matvec`, `vecmat` or `dot`
when no batch dim broadcasts, otherwise a `linalg.generic` whose maps broadcast batch dims and drop the
dims of 1-D operands. Two cases become named ops on collapsed views (`tensor.collapse_shape`, free),
so that the CPU kernels (packed or register-tiled matmuls) run them: an N-D lhs times a 2-D rhs is a
`linalg.matmul` on the lhs viewed as [batch * M, K] (a model's dense layer on [batch, sequence,
width]); N-D times N-D (N > 3) with equal batch dims is a `linalg.batch_matmul` on the batch dims
collapsed to one (attention's heads). The product is expanded back to the result's shape. `tg.einsum`: one `linalg.generic` with a loop per label, result labels first
(parallel), then the summed ones (reduction). 16-bit floats accumulate in f32 and are rounded once at
the end."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

from mlir import ir
from mlir.dialects import arith, linalg, tensor

from ..dialect.ops.contraction import label_sizes, parse_einsum
from ..dialect.types import TensorSpec
from . import build

NAMED = {(2, 2): linalg.matmul, (3, 3): linalg.batch_matmul, (2, 1): linalg.matvec, (1, 2): linalg.vecmat, (1, 1): linalg.dot}


def lower_matmul(op) -> list[ir.Value]:
    lhs, rhs = op.lhs, op.rhs
    lhs_type, rhs_type = ir.RankedTensorType(lhs.type), ir.RankedTensorType(rhs.type)
    result_type = build.result_type(op)
    element = result_type.element_type
    collapsed = collapsed_matmul(op)
    if collapsed is not None:
        return [collapsed.expand(build.convert_tensor(collapsed.product, element))]
    batch = _batch_rank(lhs_type, rhs_type, result_type)
    result_sizes = [_batch_size(lhs, rhs, result_type, batch, i) for i in range(batch)]
    if lhs_type.rank > 1:
        result_sizes.append(build.size(lhs, lhs_type.rank - 2))
    if rhs_type.rank > 1:
        result_sizes.append(build.size(rhs, rhs_type.rank - 1))
    init = build.filled(result_sizes, build.accumulator_type(element), 0)
    named = NAMED.get((lhs_type.rank, rhs_type.rank))
    if named is not None and not _broadcasts_batch(lhs_type, rhs_type, batch):
        product = named(lhs, rhs, outs=[init])
    else:
        product = _generic_matmul(lhs, rhs, init, batch)
    return [build.convert_tensor(product, element)]


@dataclass
class Collapsed:
    """A matmul computed by a named op on a collapsed view of its result: `product` (accumulator
    elements) has one dim per group of result dims in `groups`; `sizes` are the result's sizes."""

    product: ir.Value
    groups: list[list[int]]
    sizes: list[build.Size]

    def expand(self, value: ir.Value) -> ir.Value:
        """`value`, shaped like `product`, as a tensor of the result's shape."""
        if all(len(g) == 1 for g in self.groups):
            return value
        if any(sum(isinstance(self.sizes[d], ir.Value) for d in group) > 1 for group in self.groups):
            # memref.expand_shape lowers (expand-strided-metadata) with at most one dynamic size per
            # group; the product is a fresh contiguous tensor, which a reshape views as well.
            return build.reshape(value, self.sizes)
        return build.expand_shape(value, self.groups, self.sizes)


def collapsed_matmul(op) -> Collapsed | None:
    """`linalg.matmul` (lhs rank >= 2, rhs rank 2) or `linalg.batch_matmul` (equal ranks >= 3, no
    batch dim broadcast) on collapsed views, or None for the other matmuls."""
    lhs, rhs = op.lhs, op.rhs
    lhs_type, rhs_type = ir.RankedTensorType(lhs.type), ir.RankedTensorType(rhs.type)
    rank = lhs_type.rank
    accumulator = build.accumulator_type(build.result_type(op).element_type)
    if rank >= 2 and rhs_type.rank == 2:
        groups = [list(range(rank - 1)), [rank - 1]]
        a = collapse(lhs, groups)
        sizes = [build.size(lhs, i) for i in range(rank - 1)] + [build.size(rhs, 1)]
        init = build.filled([sizes[0] if rank == 2 else build.size(a, 0), sizes[-1]], accumulator, 0)
        return Collapsed(linalg.matmul(a, rhs, outs=[init]), groups, sizes)
    if rank >= 3 and rhs_type.rank == rank and not _broadcasts_batch(lhs_type, rhs_type, rank - 2):
        batch = rank - 2
        groups = [list(range(batch)), [batch], [batch + 1]]
        a, b = collapse(lhs, groups), collapse(rhs, groups)
        sizes = [_batch_size(lhs, rhs, build.result_type(op), batch, i) for i in range(batch)]
        sizes += [build.size(lhs, batch), build.size(rhs, batch + 1)]
        init = build.filled([sizes[0] if batch == 1 else build.size(a, 0), *sizes[-2:]], accumulator, 0)
        return Collapsed(linalg.batch_matmul(a, b, outs=[init]), groups, sizes)
    return None


def collapse(value: ir.Value, groups: list[list[int]]) -> ir.Value:
    """`tensor.collapse_shape` of `value` merging each group of dims (itself when every group is one
    dim)."""
    if all(len(g) == 1 for g in groups):
        return value
    type_ = ir.RankedTensorType(value.type)
    shape = []
    for group in groups:
        dims = [type_.get_dim_size(d) for d in group]
        dynamic = any(type_.is_dynamic_dim(d) for d in group)
        shape.append(ir.ShapedType.get_dynamic_size() if dynamic else reduce(lambda x, y: x * y, dims, 1))
    return tensor.collapse_shape(ir.RankedTensorType.get(shape, type_.element_type), value, groups)


def _batch_rank(lhs_type, rhs_type, result_type) -> int:
    return result_type.rank - (lhs_type.rank > 1) - (rhs_type.rank > 1)


def _batch_dims(type_: ir.RankedTensorType) -> int:
    return max(type_.rank - 2, 0)


def _is_static_one(type_: ir.RankedTensorType, dim: int) -> bool:
    return not type_.is_dynamic_dim(dim) and type_.get_dim_size(dim) == 1


def _broadcasts_batch(lhs_type, rhs_type, batch: int) -> bool:
    """Whether a batch dim of either operand is missing or a static 1 read against a larger dim."""
    if _batch_dims(lhs_type) != batch or _batch_dims(rhs_type) != batch:
        return True
    for i in range(batch):
        lhs_one, rhs_one = _is_static_one(lhs_type, i), _is_static_one(rhs_type, i)
        if lhs_one != rhs_one:
            return True
    return False


def _batch_size(lhs, rhs, result_type, batch: int, i: int) -> build.Size:
    """Result batch dim `i`: static, or the size of an operand batch dim that does not broadcast."""
    if not result_type.is_dynamic_dim(i):
        return result_type.get_dim_size(i)
    for value in (lhs, rhs):
        type_ = ir.RankedTensorType(value.type)
        j = i - (batch - _batch_dims(type_))
        if j >= 0 and not _is_static_one(type_, j):
            return build.size(value, j)
    raise AssertionError("a dynamic batch dim comes from an operand")


def _generic_matmul(lhs, rhs, init, batch: int) -> ir.Value:
    lhs_type, rhs_type = ir.RankedTensorType(lhs.type), ir.RankedTensorType(rhs.type)
    has_m, has_n = lhs_type.rank > 1, rhs_type.rank > 1
    m, n = batch, batch + has_m
    k = batch + has_m + has_n
    loops = k + 1

    def batch_part(type_):
        count = _batch_dims(type_)
        return [None if _is_static_one(type_, j) else batch - count + j for j in range(count)]

    lhs_dims = batch_part(lhs_type) + ([m] if has_m else []) + [k]
    rhs_dims = batch_part(rhs_type) + [k] + ([n] if has_n else [])
    maps = [
        build.projection_map(loops, lhs_dims),
        build.projection_map(loops, rhs_dims),
        build.projection_map(loops, list(range(k))),
    ]
    return build.generic([lhs, rhs], init, maps, ["parallel"] * k + ["reduction"], _multiply_add(summed=True))


def _multiply_add(summed: bool):
    """The body of a contraction: the product of the operand elements (converted to the accumulator's
    type), added to the accumulator when some loop sums."""

    def body(*elements):
        *factors, acc = elements
        accumulator = acc.type
        floating = build.is_float(accumulator)
        product = reduce(arith.mulf if floating else arith.muli, [build.convert_scalar(f, accumulator) for f in factors])
        if not summed:
            return product
        return arith.addf(acc, product) if floating else arith.addi(acc, product)

    return body


def lower_einsum(op) -> list[ir.Value]:
    operands = list(op.operation.operands)  # one or two
    shapes = [TensorSpec.from_mlir(v.type).shape for v in operands]
    spec = parse_einsum(op.equation, [len(s) for s in shapes])
    sizes = label_sizes(spec, shapes)
    loops = spec.result + spec.reduced
    position = {label: i for i, label in enumerate(loops)}

    def dims(labels, shape):
        # A static 1 read against a larger label size broadcasts: it reads element 0.
        return [None if d == 1 and sizes[label] != 1 else position[label] for label, d in zip(labels, shape)]

    maps = [build.projection_map(len(loops), dims(labels, shape)) for labels, shape in zip(spec.operands, shapes)]
    maps.append(build.projection_map(len(loops), range(len(spec.result))))
    result_sizes = [_label_size(label, sizes[label], spec, operands, shapes) for label in spec.result]
    element = build.result_type(op).element_type
    accumulator = build.accumulator_type(element)
    summed = bool(spec.reduced)
    init = build.filled(result_sizes, accumulator, 0) if summed else build.empty(result_sizes, accumulator)
    iterators = ["parallel"] * len(spec.result) + ["reduction"] * len(spec.reduced)
    return [build.convert_tensor(build.generic(operands, init, maps, iterators, _multiply_add(summed)), element)]


def _label_size(label: str, size: int | None, spec, operands, shapes) -> build.Size:
    """A result dim: static, or the size of an operand dim with that label that does not broadcast."""
    if size is not None:
        return size
    for value, labels, shape in zip(operands, spec.operands, shapes):
        for d, (other, dim) in enumerate(zip(labels, shape)):
            if other == label and dim != 1:
                return build.size(value, d)
    raise AssertionError("a dynamic label size comes from an operand")


LOWERINGS = {"tg.matmul": lower_matmul, "tg.einsum": lower_einsum}
