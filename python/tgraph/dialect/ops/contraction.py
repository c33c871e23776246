"""Contractions: matrix products."""

import numpy as np

from ..constraints import NumericTensor
from ..declare import Operand, Result
from ..tg import TG
from ..types import ShapeError, TensorSpec, broadcast_shapes, same_dtype

__all__ = ["MatMul"]


class MatMul(TG.Op, name="matmul"):
    """Matrix product with NumPy's rules (numpy.matmul): 1-D operands are vectors, leading batch
    dims broadcast. Low-precision floats accumulate in f32.

    Example:
        %y = "tg.matmul"(%a, %b) : (tensor<?x64xf32>, tensor<64x10xf32>) -> tensor<?x10xf32>
    """

    lhs: Operand[NumericTensor]
    rhs: Operand[NumericTensor]
    result: Result[NumericTensor]

    #: The trailing (matrix) dims of each operand that do not broadcast.
    broadcast_core_rank = 2

    def shape(lhs, rhs):
        dtype = same_dtype(lhs, rhs)
        if lhs.rank == 0 or rhs.rank == 0:
            raise ShapeError("operands must have rank 1 or more")
        lhs_k = lhs.shape[-1]
        rhs_k = rhs.shape[0] if rhs.rank == 1 else rhs.shape[-2]
        if lhs_k is not None and rhs_k is not None and lhs_k != rhs_k:
            raise ShapeError(f"contracted dims differ: {lhs_k} (lhs) and {rhs_k} (rhs)")
        batch = broadcast_shapes(lhs.shape[:-2], rhs.shape[:-2])
        rows = lhs.shape[-2:-1]
        cols = rhs.shape[-1:] if rhs.rank > 1 else ()
        return TensorSpec(batch + rows + cols, dtype)

    def reference(lhs, rhs):
        return np.matmul(lhs, rhs)
