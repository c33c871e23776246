"""`--tg-sink-constants`: the constants and globals a parallel loop reads are defined inside it.

A parallel loop's body is outlined into a function of its own (by `async-parallel-for`, or by LLVM's
OpenMP lowering), and every value defined above the loop that the body uses becomes an argument of it.
A `memref.get_global` (a weight, a bias, a scalar of an epilogue) then reaches the body as a pointer
that LLVM must assume may alias the buffers the loop writes: it no longer hoists its loads nor
vectorizes the loop (measured with the async runtime: a conv's bias + ReLU6 epilogue ran scalar, 3.5x
slower than on one thread). Cloned into the body, it is the constant global again. Run on buffers,
before the parallel loops are lowered (tg-lower-to-llvm with threads > 1).
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir

from ..conversion import build
from ..passes import register_pass
from ..transforms.statistics import count

#: Ops that define a constant without reading memory: cloning them is free and safe.
SINKABLE = ("memref.get_global", "arith.constant")
PARALLEL_LOOPS = ("scf.forall", "scf.parallel")


def _defined_outside(value: ir.Value, loop: ir.Operation) -> ir.Operation | None:
    """The sinkable op defining `value` above `loop`, or None."""
    owner = value.owner
    if not isinstance(owner, (ir.Operation, ir.OpView)) or owner.operation.name not in SINKABLE:
        return None
    parent = owner.operation.parent
    while parent is not None:
        if parent == loop:
            return None
        parent = parent.parent
    return owner.operation


def sink_into(loop: ir.Operation) -> int:
    """Clone the sinkable definitions of values used in `loop`'s body at the body's start; returns
    how many."""
    body = loop.regions[0].blocks[0]
    users = build.ops_where(loop, lambda op: op != loop and any(_defined_outside(v, loop) for v in op.operands))
    clones: dict[ir.Operation, ir.Value] = {}
    for user in users:
        for index, value in enumerate(user.operands):
            definition = _defined_outside(value, loop)
            if definition is None:
                continue
            if definition not in clones:
                clones[definition] = definition.clone(ip=ir.InsertionPoint.at_block_begin(body)).results[0]
            user.operands[index] = clones[definition]
    return len(clones)


@register_pass("tg-sink-constants")
@dataclass
class SinkConstants:
    """Clone the globals and constants that parallel loops read into their bodies, so outlined loop bodies see constants."""

    def run(self, module: ir.Operation) -> None:
        loops = build.ops_where(module, lambda op: op.name in PARALLEL_LOOPS)
        count("tg-sink-constants", "constants sunk", sum(sink_into(loop) for loop in loops))
