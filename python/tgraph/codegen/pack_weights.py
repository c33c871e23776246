"""`--tg-pack-weights`: matmuls by constant weights, in the layout the CPU kernel reads.

`x @ W` with W a constant [K, N] (a model's weights) is the most common contraction of inference. The
kernel keeps an MR x NR tile of the result in registers and, for each k, multiplies MR values of x by
NR consecutive values of W's row k: it reads W as NR-wide panels. So W is packed here, at compile time,
once, into `Wp[N / NR][K][NR]`, and the `linalg.matmul` becomes one `linalg.generic` over
(m, n1, k, n0) that updates C viewed as [M, N / NR, NR] (a `tensor.expand_shape`: no copy):

    C3[m, n1, n0] += x[m, k] * Wp[n1, k, n0]

When NR does not divide N, the columns past the last full panel are split into narrower segments,
each a power of two wide (1000 = 31 x 32 + 8), packed and computed the same way on its slice of C:
every segment is a whole number of vectors or a small tail, and no panel is padded.

Each generic carries `tg.strategy = "packed_matmul"` for `--tg-cpu-schedule`. NR is two vector
registers wide (machine.py), the width of the schedule's register tile.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from mlir import ir
from mlir.dialects import arith, tensor

from ..conversion import build
from ..dialect.constants import constant_of, resource_attribute
from ..dialect.types import FLOAT_TYPES, TensorSpec
from ..passes import register_pass
from ..transforms.statistics import count
from .machine import host, matmul_tiles

STRATEGY = "tg.strategy"


def weights_of(value: ir.Value) -> np.ndarray | None:
    """The array of a constant operand, seen through reshapes (a 1x1 filter collapsed to [C, F]), or None."""
    owner = value.owner
    if isinstance(owner, (ir.Operation, ir.OpView)) and owner.operation.name in ("tensor.collapse_shape", "tensor.expand_shape"):
        source = weights_of(owner.operands[0])
        return None if source is None else source.reshape(ir.RankedTensorType(value.type).shape)
    return constant_of(value)


def packable(matmul: ir.Operation) -> bool:
    """A float linalg.matmul by a constant W."""
    weights = matmul.operands[1]
    return str(ir.RankedTensorType(weights.type).element_type) in FLOAT_TYPES and weights_of(weights) is not None


def segments(n: int, nr: int) -> list[tuple[int, int, int]]:
    """(first column, width, panel width) of each column segment: full NR panels, then power-of-two
    tails."""
    result = [(0, n // nr * nr, nr)] if n >= nr else []
    start = n // nr * nr
    width = nr // 2
    while start < n:
        if n - start >= width:
            result.append((start, width, width))
            start += width
        width //= 2
    return result


def pack(weights: np.ndarray, nr: int) -> np.ndarray:
    """W [K, N] (N a multiple of nr) as panels [N / nr, K, nr]."""
    k, n = weights.shape
    return np.ascontiguousarray(weights.reshape(k, n // nr, nr).transpose(1, 0, 2))


def packed_product(x: ir.Value, panels: np.ndarray, weights_type: ir.Type, c: ir.Value) -> ir.Value:
    """C += x @ W with W given as panels [N1, K, NR] and C [M, N1 * NR]: the tagged generic."""
    n1, _, nr = panels.shape
    accumulator = build.element_type(c)
    m = build.size(c, 0)
    constant = arith.ConstantOp(TensorSpec(panels.shape, str(weights_type)).to_mlir(), resource_attribute(panels, "packed_weights"))
    c3 = build.expand_shape(c, [[0], [1, 2]], [m, n1, nr])
    maps = [build.projection_map(4, [0, 2]), build.projection_map(4, [1, 2, 3]), build.projection_map(4, [0, 1, 3])]

    # Contractable: the multiply and the add become one FMA (as in every BLAS), also once vectorization
    # has turned the step into a broadcast, a multiply and an add rather than a vector.contract.
    contract = ir.Attribute.parse("#arith.fastmath<contract>")

    def body(a, b, acc):
        product = arith.mulf(build.convert_scalar(a, accumulator), build.convert_scalar(b, accumulator), fastmath=contract)
        return arith.addf(acc, product, fastmath=contract)

    product = build.generic([x, constant.result], c3, maps, ["parallel", "parallel", "reduction", "parallel"], body)
    product.owner.attributes[STRATEGY] = ir.StringAttr.get("packed_matmul")
    return tensor.collapse_shape(c.type, product, [[0], [1, 2]])


def pack_matmul(matmul: ir.Operation) -> None:
    """Rewrite one packable matmul (see the module docstring)."""
    x, w, c = matmul.operands
    weights = weights_of(w)
    k, n = weights.shape
    nr = matmul_tiles(host(), None, n, k, weights.dtype.itemsize).nr
    weights_type = ir.RankedTensorType(w.type).element_type
    with ir.InsertionPoint(matmul), matmul.location:
        m = build.size(c, 0)
        for start, width, panel in segments(n, nr):
            if width == n:
                c = packed_product(x, pack(weights, panel), weights_type, c)
                continue
            sizes = [m, width]
            slice_type = build.tensor_type(sizes, build.element_type(c))
            part = tensor.extract_slice(slice_type, c, [], build.dynamic_values(sizes), [], [0, start], build.static_sizes(sizes), [1, 1])
            part = packed_product(x, pack(weights[:, start : start + width], panel), weights_type, part)
            c = tensor.insert_slice(part, c, [], build.dynamic_values(sizes), [], [0, start], build.static_sizes(sizes), [1, 1])
    matmul.results[0].replace_all_uses_with(c)
    matmul.erase()


@register_pass("tg-pack-weights")
@dataclass
class PackWeights:
    """Pack the constant weights of linalg.matmul ops into the NR-wide panels of the CPU kernel."""

    def run(self, module: ir.Operation) -> None:
        matmuls = build.ops_where(module, lambda op: op.name == "linalg.matmul" and packable(op))
        for matmul in matmuls:
            pack_matmul(matmul)
        count("tg-pack-weights", "weights packed", len(matmuls))
