"""`--tg-nested-foralls-to-for`: an `scf.forall` inside another one becomes an `scf.for`.

Threads share the outermost parallel loop only: a parallel loop inside another would open an OpenMP
parallel region of its own in every block of the outer one (with MLIR's async runtime, which tgraph
used before, it deadlocked the worker pool). A kernel scheduled inside a fusion group's loop
(tg-cpu-schedule gives it one thread, but its schedule still tiles with `tile_using_forall`) is the
usual case. A loop marked `tg.serial` (tg-cpu-schedule marks the blocks of kernels too small to repay
a second thread) becomes serial too, and does not count as parallel around the loops inside it: a
fusion group whose kernel shares its columns among threads is one such serial loop around the
kernel's parallel one. Run on buffers, before the parallel loops are lowered (tg-lower-to-llvm with
threads > 1).
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir

from ..conversion import build
from ..passes import register_pass
from ..transforms.statistics import count
from .transform_script import apply_script

NESTED = "tg.nested_forall"
SERIAL = "tg.serial"

SCRIPT = f"""
module attributes {{transform.with_named_sequence}} {{
  transform.named_sequence @__transform_main(%root: !transform.any_op {{transform.readonly}}) {{
    %loops = transform.structured.match attributes {{{NESTED}}} in %root : (!transform.any_op) -> !transform.any_op
    transform.foreach %loops : !transform.any_op {{
    ^bb0(%loop: !transform.any_op):
      %serial = transform.loop.forall_to_for %loop : (!transform.any_op) -> !transform.any_op
    }}
    transform.yield
  }}
}}
"""


def nested_foralls(module: ir.Operation) -> list[ir.Operation]:
    """Every scf.forall that has a parallel scf.forall around it or is marked serial."""
    return build.ops_where(module, lambda op: op.name == "scf.forall" and (inside_parallel_forall(op) or SERIAL in op.attributes))


def inside_parallel_forall(op: ir.Operation) -> bool:
    """Whether an scf.forall that is not marked serial encloses `op` (one that is does not share its
    blocks among threads, so the loops inside it may)."""
    parent = op.parent
    while parent is not None:
        if parent.operation.name == "scf.forall" and SERIAL not in parent.attributes:
            return True
        parent = parent.parent
    return False


@register_pass("tg-nested-foralls-to-for")
@dataclass
class NestedForallsToFor:
    """Make every scf.forall nested in another one, or marked tg.serial, a serial scf.for (threads share the outermost loop)."""

    def run(self, module: ir.Operation) -> None:
        loops = nested_foralls(module)
        if not loops:
            return
        for loop in loops:
            loop.attributes[NESTED] = ir.UnitAttr.get()
        apply_script(module, SCRIPT, "--tg-nested-foralls-to-for")
        count("tg-nested-foralls-to-for", "loops made serial", len(loops))
