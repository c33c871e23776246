"""Ops that move data without computing: transpose and reshape."""

from math import prod

import numpy as np

from ..constraints import AnyTensor, I64Array
from ..declare import Attr, Operand, Result
from ..tg import TG
from ..types import ShapeError, TensorSpec

__all__ = ["Transpose", "Reshape"]


class Transpose(TG.Op, name="transpose"):
    """Permutes dims: result dim `i` is input dim `perm[i]` (numpy.transpose).

    Example:
        %y = "tg.transpose"(%x) {perm = array<i64: 0, 2, 1>} : (tensor<?x4x8xf32>) -> tensor<?x8x4xf32>
    """

    input: Operand[AnyTensor]
    result: Result[AnyTensor]
    perm: Attr[I64Array]

    def shape(input, *, perm):
        if sorted(perm) != list(range(input.rank)):
            raise ShapeError(f"perm {list(perm)} is not a permutation of the {input.rank} dims")
        return input.with_shape(input.shape[p] for p in perm)

    def reference(input, *, perm):
        return np.transpose(input, perm)


class Reshape(TG.Op, name="reshape"):
    """Reinterprets the elements, in row-major order, with the shape of the result type. At most one
    result dim may be dynamic; it is whatever the element count leaves.

    Example:
        %y = "tg.reshape"(%x) : (tensor<?x16xf32>) -> tensor<?x4x4xf32>
    """

    input: Operand[AnyTensor]
    result: Result[AnyTensor]

    def shape(input, *, result):
        if result.dtype != input.dtype:
            raise ShapeError(f"element type changes from {input.dtype} to {result.dtype}")
        dynamic = [i for i, d in enumerate(result.shape) if d is None]
        if len(dynamic) > 1:
            raise ShapeError("at most one result dim may be dynamic")
        known = prod(d for d in result.shape if d is not None)
        count = input.numel
        if count is None:
            # The input's static dims divide its element count; a static result count must be a multiple.
            input_known = prod(d for d in input.shape if d is not None)
            if not dynamic and input_known and known % input_known:
                raise ShapeError(f"{result} cannot hold a multiple of {input_known} elements, as {input} does")
            return result
        if (count % known if known else count) != 0 or (not dynamic and count != known):
            raise ShapeError(f"{count} elements do not fit the shape {result}")
        if dynamic:
            return result.with_shape(count // known if d is None else d for d in result.shape)
        return result

    def reference(input, *, result):
        return np.reshape(input, result.shape)
