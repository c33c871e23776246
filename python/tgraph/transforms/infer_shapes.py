"""`--tg-infer-shapes`: refine dynamic dims through the graph.

Each tg op's shape rule runs on its operands' (possibly refined) types, with the values of small
constant operands; a result dim the rule knows but the IR leaves `?` becomes static. Non-tg users of
a refined value keep seeing its old type through a `tensor.cast`; function results are refined too
(unless someone calls the function). Run it after `--tg-bind-dims` or on IR whose inputs are static.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir
from mlir.dialects import tensor

from ..dialect import TG, TensorSpec
from ..dialect.declare import constant_value
from ..dialect.types import ShapeError
from ..passes import register_pass
from .statistics import count


def _merge(declared: TensorSpec, inferred: TensorSpec) -> TensorSpec | None:
    """`declared` with the dims `inferred` knows filled in, or None if that changes nothing or they
    disagree (the verifier reports that)."""
    if declared.rank != inferred.rank or declared.dtype != inferred.dtype:
        return None
    dims = []
    for have, know in zip(declared.shape, inferred.shape):
        if have is not None and know is not None and have != know:
            return None
        dims.append(have if have is not None else know)
    merged = declared.with_shape(dims)
    return merged if merged != declared else None


def infer_shapes(root: ir.Operation) -> int:
    """Refine the result types of the tg ops under `root`; returns how many results were refined."""
    refined = 0
    for op in TG.ops_in(root):
        declaration = TG.lookup(op.name)
        view = declaration.view(op)
        try:
            declared = view.result_specs()
            inferred = declaration.infer(view.operand_specs(), view.attribute_values(), declared, [constant_value(v) for v in op.operands])
        except ShapeError:
            continue
        for result, have, know in zip(op.results, declared, inferred):
            merged = _merge(have, know)
            if merged is not None:
                _retype(result, merged.to_mlir())
                refined += 1
    _refine_function_results(root)
    return refined


def _retype(value: ir.Value, refined: ir.Type) -> None:
    old = value.type
    others = [use.owner for use in value.uses if not _is_refinable_user(use.owner)]
    value.set_type(refined)
    if others:
        with ir.InsertionPoint.after(value.owner), value.owner.location:
            cast = tensor.CastOp(old, value)
        value.replace_all_uses_except(cast.result, [cast.operation] + [o for o in _tg_users(value)])


def _is_refinable_user(user) -> bool:
    """tg ops and returns accept a more static operand type; other ops may not."""
    name = user.operation.name
    return TG.lookup(name) is not None or name == "func.return"


def _tg_users(value: ir.Value) -> list:
    return [use.owner for use in value.uses if _is_refinable_user(use.owner)]


def called_functions(module: ir.Operation) -> set[str]:
    """The names of the functions some `func.call` under `module` calls."""
    called = set()

    def visit(op):
        if op.name == "func.call":
            called.add(ir.FlatSymbolRefAttr(op.attributes["callee"]).value)
        return ir.WalkResult.ADVANCE

    module.walk(visit)
    return called


def _refine_function_results(root: ir.Operation) -> None:
    called = called_functions(root)
    for function in root.regions[0].blocks[0].operations:
        if function.operation.name != "func.func" or not len(function.regions[0].blocks):
            continue
        name = ir.StringAttr(function.attributes["sym_name"]).value
        function_type = ir.FunctionType(ir.TypeAttr(function.attributes["function_type"]).value)
        returns = [op for block in function.regions[0].blocks for op in block.operations if op.operation.name == "func.return"]
        if name in called or len(returns) != 1:
            continue
        results = [v.type for v in returns[0].operands]
        if results != list(function_type.results):
            function.attributes["function_type"] = ir.TypeAttr.get(ir.FunctionType.get(list(function_type.inputs), results))


@register_pass("tg-infer-shapes")
@dataclass
class InferShapes:
    """Refine dynamic dims of tg op results (and function results) from their operands."""

    def run(self, module: ir.Operation) -> None:
        count("tg-infer-shapes", "results refined", infer_shapes(module))
