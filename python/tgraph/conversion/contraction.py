"""`tg.matmul` to linalg: `linalg.matmul`, `batch_matmul`, `matvec`, `vecmat` or `dot` when no batch dim
broadcasts, otherwise a `linalg.generic` whose maps broadcast batch dims and drop the dims of 1-D
operands. 16-bit floats accumulate in f32 and are rounded once at the end."""

from __future__ import annotations

from mlir import ir
from mlir.dialects import arith, linalg

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
    accumulator = build.element_type(init)

    def body(a, b, acc):
        a, b = build.convert_scalar(a, accumulator), build.convert_scalar(b, accumulator)
        if build.is_float(accumulator):
            return arith.addf(acc, arith.mulf(a, b))
        return arith.addi(acc, arith.muli(a, b))

    return build.generic([lhs, rhs], init, maps, ["parallel"] * k + ["reduction"], body)


LOWERINGS = {"tg.matmul": lower_matmul}
