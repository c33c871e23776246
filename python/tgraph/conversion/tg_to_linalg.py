"""`--tg-to-linalg`: lower every tg op to linalg on tensors (with tensor, arith and math).

Each op family has its module here with a `LOWERINGS` table from op name to a function that builds the
replacement values at the op's place and location. The pass verifies the tg ops first, so lowerings
may assume well-formed IR, and fails naming every op it could not lower.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir
from mlir.dialects import tensor
from mlir.rewrite import RewritePatternSet, walk_and_apply_patterns

from ..diagnostics import CompileError, Diagnostic
from ..dialect import TG
from ..passes import register_pass
from ..transforms.verify import verify_ops
from . import build, contraction, elementwise, fusion, layout, logic, math, nn, reduction, resize, storage

LOWERINGS = {
    **elementwise.LOWERINGS,
    **math.LOWERINGS,
    **logic.LOWERINGS,
    **contraction.LOWERINGS,
    **layout.LOWERINGS,
    **resize.LOWERINGS,
    **reduction.LOWERINGS,
    **nn.LOWERINGS,
}


def _pattern(lowering, tg_types: storage.TgTypes, groups: dict[int, list[ir.Operation]]):
    def rewrite(op, rewriter):
        group = groups.get(fusion.group_of(op.operation))
        if group is not None:
            return _rewrite_group(op, rewriter, group, tg_types)
        view = TG.lookup(op.name).view(op)
        view.operand_types = [tg_types.of(v) for v in op.operands]
        with rewriter.ip, op.location:
            values = [_as_declared(v, build.result_type(op, i)) for i, v in enumerate(lowering(view))]
        # The ops lowered later that use these values must still see their tg types (i1, not i8).
        for value, result in zip(values, op.results):
            tg_types.remember(value, result.type)
        rewriter.replace_op(op.operation, values)

    return rewrite


def _rewrite_group(op, rewriter, group: list[ir.Operation], tg_types: storage.TgTypes):
    """A fusion group is lowered when the walk reaches its root (its last op): by then every operand
    from outside is lowered. The other members wait for it (they do not match)."""
    if op.operation != group[-1]:
        return True
    value = fusion.lower_group(group, tg_types, LOWERINGS)
    rewriter.replace_op(op.operation, [value])
    for member in reversed(group[:-1]):
        rewriter.erase_op(member)
    return None


def _as_declared(value: ir.Value, declared: ir.Type) -> ir.Value:
    """`value` with the op's declared result type: a lowering may know a dim statically that the
    declaration leaves dynamic (`(3x4, 3x4) -> ?x4`), and the op's users expect the declared type."""
    if value.type == declared or build.element_type(value) != ir.RankedTensorType(declared).element_type:
        return value
    return tensor.cast(declared, value)


@register_pass("tg-to-linalg")
@dataclass
class TgToLinalg:
    """Lower tg ops to linalg on tensors: named linalg ops where they exist, linalg.generic otherwise."""

    def run(self, module: ir.Operation) -> None:
        problems = verify_ops(module)
        if problems:
            raise CompileError(problems)
        marked = fusion.groups_in(module)
        problems = fusion.check_groups(marked)
        if problems:
            raise CompileError(problems)
        tg_types = storage.TgTypes(module)
        storage.retype_to_storage(module)
        groups = {fusion.group_of(g[0]): g for g in marked}
        patterns = RewritePatternSet(module.context)
        for name, lowering in LOWERINGS.items():
            patterns.add(name, _pattern(lowering, tg_types, groups))
        walk_and_apply_patterns(module, patterns.freeze())
        storage.update_function_types(module)
        left = [Diagnostic.at(op.location, f"'{op.name}' op has no lowering to linalg") for op in TG.ops_in(module)]
        if left:
            raise CompileError(left)
