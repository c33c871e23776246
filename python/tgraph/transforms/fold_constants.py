"""`--tg-fold-constants`: evaluate tg ops whose operands are all constants.

Each such op is replaced by an `arith.constant` holding what its NumPy reference computes; ops with a
`value` rule (`tg.shape`) fold from their operand types alone. Results (and operands) with more than
`max-elements` elements are left alone, so that a huge weight transform is not materialized twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir
from mlir.dialects import arith

from ..dialect import TG, TensorSpec
from ..dialect.constants import constant_array, dense_attribute
from ..dialect.types import ShapeError
from ..passes import option, register_pass
from .statistics import count


def _constant(value: ir.Value):
    owner = value.owner
    if isinstance(owner, (ir.Operation, ir.OpView)) and owner.operation.name == "arith.constant":
        try:
            return constant_array(owner.attributes["value"])
        except ValueError:
            return None
    return None


def fold_constants(root: ir.Operation, max_elements: int) -> int:
    """Replace foldable tg ops under `root` by constants; returns how many were folded."""
    folded = 0
    for op in TG.ops_in(root):
        declaration = TG.lookup(op.name)
        view = declaration.view(op)
        results = view.result_specs()
        if any(r.numel is None or r.numel > max_elements for r in results):
            continue
        try:
            values = _fold(declaration, view, max_elements)
        except ShapeError:
            continue  # a malformed op is the verifier's business
        if values is None:
            continue
        with ir.InsertionPoint(op), op.location:
            for result, value in zip(op.results, values):
                constant = arith.ConstantOp(result.type, dense_attribute(value.astype(TensorSpec.from_mlir(result.type).np_dtype)))
                result.replace_all_uses_with(constant.result)
        op.erase()
        folded += 1
    return folded


def _fold(declaration, view, max_elements: int):
    operands = list(view.operation.operands)
    specs = [TensorSpec.from_mlir(v.type) for v in operands]
    attrs = view.attribute_values()
    if declaration.value is not None:
        value = declaration.value(*declaration.grouped(specs), **attrs)
        return None if value is None else [value]
    if any(s.numel is None or s.numel > max_elements for s in specs):
        return None
    arrays = [_constant(v) for v in operands]
    if any(a is None for a in arrays):
        return None
    return declaration.evaluate(arrays, attrs, view.result_specs(), dtypes=[s.dtype for s in specs])


@register_pass("tg-fold-constants")
@dataclass
class FoldConstants:
    """Evaluate tg ops whose operands are all constants, with their NumPy references."""

    max_elements: int = option(1 << 20, "leave ops whose operands or results have more elements than this")

    def run(self, module: ir.Operation) -> None:
        count("tg-fold-constants", "ops folded", fold_constants(module, self.max_elements))
