"""ONNX ops that make, reshape or move tensors."""

from __future__ import annotations

import numpy as np

from ...dialect.ops import Reshape, Transpose
from ...dialect.types import TensorSpec
from . import Node, converter


@converter("Constant")
def constant(node: Node):
    for name in ("value", "value_float", "value_floats", "value_int", "value_ints"):
        value = node.attr(name, None)
        if value is not None:
            dtype = {"value_float": np.float32, "value_floats": np.float32, "value_int": np.int64, "value_ints": np.int64}.get(name)
            return node.const(np.array(value, dtype) if dtype else value)
    node.unsupported("only tensor, float(s) and int(s) constants are supported")


@converter("Transpose")
def transpose(node: Node):
    rank = node.input_spec(0).rank
    perm = node.attr("perm", None)
    return node.emit(Transpose, node.input(0), perm=list(perm) if perm is not None else list(reversed(range(rank))))


@converter("Reshape", compile_time_inputs=(1,))
def reshape(node: Node):
    """Reshape with a constant target shape (0 copies the input dim unless allowzero, -1 is inferred)."""
    x = node.input(0)
    spec = node.input_spec(0)
    target = [int(d) for d in node.required_constant(1, "the target shape")]
    allow_zero = node.attr("allowzero", 0)
    dims = [spec.shape[i] if d == 0 and not allow_zero and i < spec.rank else d for i, d in enumerate(target)]
    if dims.count(-1) > 1:
        node.unsupported("at most one -1 in the target shape")
    if -1 in dims:
        known = int(np.prod([d for d in dims if d not in (-1, None)]))
        if spec.numel is not None and all(d is not None for d in dims):
            dims[dims.index(-1)] = spec.numel // known if known else 0
        else:
            dims[dims.index(-1)] = None
    result = TensorSpec(tuple(dims), spec.dtype)
    return node.emit(Reshape, x, result_type=result.to_mlir())
