"""Dynamic dims, for the analyses that need every tensor's size: their names, and the static type of
every value of a function once they have values.

A dynamic dim of an argument is named by the argument's `tg.dims` attribute (the ONNX importer
writes the model's dim names there: `batch`, `sequence`); every unnamed one is `n`, one size for all
of them, as `tg-run --dynamic-size` fills them. The types of the other values follow from the
arguments' by the ops' shape rules, run on concrete sizes (with the values of small integer tensors
that shapes are computed from).
"""

from __future__ import annotations

import numpy as np
from mlir import ir

from ..diagnostics import CompileError, Diagnostic
from ..dialect import TG, ShapeError, TensorSpec
from ..dialect.declare import MAX_VALUE_ELEMENTS, constant_value
from ..transforms.bind_dims import dim_names

#: The name every dynamic dim without a `tg.dims` name goes by.
UNNAMED = "n"


def function_name(function) -> str:
    return ir.StringAttr(function.attributes["sym_name"]).value


def argument_dims(function) -> list[list[str | None]]:
    """For each argument, each dim's name if it is dynamic, else None."""
    arguments = function.regions[0].blocks[0].arguments
    named = dim_names(function)
    dims = []
    for argument, names in zip(arguments, named):
        spec = TensorSpec.from_mlir(argument.type)
        dims.append([None if size is not None else (names[i] if names and names[i] else UNNAMED) for i, size in enumerate(spec.shape)])
    return dims


def dim_symbols(function) -> list[str]:
    """The names of the function's dynamic dims, in the order the arguments have them."""
    return list(dict.fromkeys(name for names in argument_dims(function) for name in names if name))


def is_static(function) -> bool:
    """Whether every value of the function has a static type already."""
    block = function.regions[0].blocks[0]
    values = list(block.arguments) + [r for op in block.operations for r in op.results]
    return all(_spec(v.type) is None or _spec(v.type).is_static for v in values)


def _spec(type_: ir.Type) -> TensorSpec | None:
    try:
        return TensorSpec.from_mlir(type_)
    except ShapeError:
        return None


def value_types(function, sizes: dict[str, int]) -> dict[ir.Value, TensorSpec]:
    """The static type of every tensor value of `function` when its dynamic dims have `sizes` (by
    name). CompileError naming the dim without a size, or the op whose shape rule refuses the sizes."""
    block = function.regions[0].blocks[0]
    types: dict[ir.Value, TensorSpec] = {}
    for argument, names in zip(block.arguments, argument_dims(function)):
        spec = TensorSpec.from_mlir(argument.type)
        missing = [name for name in names if name and name not in sizes]
        if missing:
            raise CompileError(Diagnostic.at(function.location, f"@{function_name(function)}: the dynamic dim '{missing[0]}' needs a size"))
        types[argument] = spec.with_shape(sizes[name] if name else size for name, size in zip(names, spec.shape))
    known: dict[ir.Value, np.ndarray] = {}
    for op in block.operations:
        op = op.operation
        declaration = TG.lookup(op.name)
        declared = [_spec(r.type) for r in op.results]
        if declaration is None:
            for result, spec in zip(op.results, declared):
                if spec is not None:
                    types[result] = _static(spec, op)
                    value = constant_value(result)
                    if value is not None:
                        known[result] = value
            continue
        operands = [types[v] for v in op.operands]
        values = [known.get(v) for v in op.operands]
        try:
            inferred = declaration.infer(operands, declaration.view(op).attribute_values(), declared, values)
        except ShapeError as e:
            raise CompileError(Diagnostic.at(op.location, f"'{op.name}' refuses the sizes {_sizes(sizes)}: {e}")) from None
        results = [_static(TensorSpec(_fill(i.shape, d.shape), i.dtype), op) for i, d in zip(inferred, declared)]
        types.update(zip(op.results, results))
        known.update(zip(op.results, _small_values(declaration, op, operands, values, results)))
    return types


def _fill(inferred, declared) -> tuple:
    """The inferred dims, with the declared ones where the rule could not tell."""
    return tuple(i if i is not None else d for i, d in zip(inferred, declared))


def _static(spec: TensorSpec, op: ir.Operation) -> TensorSpec:
    if not spec.is_static:
        raise CompileError(Diagnostic.at(op.location, f"the size of {spec} from '{op.name}' depends on values known only at run time"))
    return spec


def _small_values(declaration, op, operands: list[TensorSpec], values: list, results: list[TensorSpec]) -> list:
    """The results' values when the operands' types or values give them and they are small (shape
    arithmetic: `tg.shape`, then slices, concatenations, products of its dims); else nothing."""
    if any(r.numel > MAX_VALUE_ELEMENTS for r in results):
        return []
    attrs = declaration.view(op).attribute_values()
    if declaration.value is not None:
        value = declaration.value(*declaration.grouped(operands), **attrs)
        return [value] if value is not None else []
    if all(v is not None for v in values):
        return declaration.evaluate(values, attrs, results)
    return []


def _sizes(sizes: dict[str, int]) -> str:
    return " ".join(f"{name}={size}" for name, size in sizes.items()) or "given"
