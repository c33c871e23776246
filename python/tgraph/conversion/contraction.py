"""Contractions to linalg. `tg.matmul`: `linalg.matmul`, `batch_matmul`, `matvec`, `vecmat` or `dot`
when no batch dim broadcasts, otherwise a `linalg.generic` whose maps broadcast batch dims and drop the
dims of 1-D operands. `tg.einsum`: one `linalg.generic` with a loop per label, result labels first
(parallel), then the summed ones (reduction). 16-bit floats accumulate in f32 and are rounded once at
the end."""

from __future__ import annotations

from functools import reduce

from mlir import ir
from mlir.dialects import arith, linalg

from ..dialect.ops.contraction import label_sizes, parse_einsum
from ..dialect.types import TensorSpec
from . import build

NAMED = {(2, 2): linalg.matmul, (3, 3): linalg.batch_matmul, (2, 1): linalg.matvec, (1, 2): linalg.vecmat, (1, 1): linalg.dot}


def lower_matmul(op) -> list[ir.Value]:
    lhs, rhs = op.lhs, op.rhs
    lhs_type, rhs_type = ir.RankedTensorType(lhs.type), ir.RankedTensorType(rhs.type)
    result_type = build.result_type(op)
    element = result_type.element_type
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
