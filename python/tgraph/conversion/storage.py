"""Element types as they sit in memory.

MLIR 22 cannot lower loads and stores of sub-byte memrefs (finalize-memref-to-llvm asserts on `i1`), its
arithmetic takes only signless integers, and the 8- and 4-bit floats have no LLVM type. NumPy (with
ml_dtypes) stores every element in one byte or more. So from `--tg-to-linalg` on, a tensor whose element
type is one of these is represented by a signless integer tensor of whole bytes:

    i1, i2, i4, ui2, ui4  ->  i8   the value in the low bits, upper bits zero (as ml_dtypes stores it)
    ui8, ui16, ui32, ui64 ->  i8, i16, i32, i64   the same bits
    f8E4M3FN ... f8E8M0FNU ->  i8   the bit pattern
    f4E2M1FN              ->  i8   the bit pattern in the low 4 bits

Data movement works on the stored bits unchanged. Ops that compute read an element with `load` (to the
type they compute in: `i1`, `i4`, signless `i8` for `ui8`, `f8E4M3FN`...) and write it with `store`.
The tg type of every value is remembered (`TgTypes`) so that lowerings know what their operands were.
"""

from __future__ import annotations

import numpy as np
from mlir import ir
from mlir.dialects import arith

from ..dialect.types import NUMPY_DTYPES, SMALL_FLOAT_TYPES, bit_width


def _is_ranked_tensor(type_: ir.Type) -> bool:
    # (The bindings have no `RankedTensorType.isinstance`; a type not downcast is matched by its TypeID.)
    return isinstance(type_, ir.RankedTensorType) or type_.typeid == ir.RankedTensorType.static_typeid


def storage_element(element: ir.Type) -> ir.Type:
    """The signless integer (or the type itself) that stores an element of type `element`."""
    name = str(element)
    if name in NUMPY_DTYPES and (name in SMALL_FLOAT_TYPES or name.startswith("ui") or (name[0] == "i" and bit_width(name) < 8)):
        return ir.IntegerType.get_signless(max(8, bit_width(name)))
    return element


def storage_type(type_: ir.Type) -> ir.Type:
    """The tensor type that stores `type_` (a non-tensor type is returned unchanged)."""
    if not _is_ranked_tensor(type_):
        return type_
    tensor_type = ir.RankedTensorType(type_)
    stored = storage_element(tensor_type.element_type)
    if stored == tensor_type.element_type:
        return tensor_type
    return ir.RankedTensorType.get(tensor_type.shape, stored)


def compute_element(element: ir.Type) -> ir.Type:
    """The type ops compute on for `element`: signless for unsigned integers, the type itself otherwise."""
    if isinstance(element, ir.IntegerType) or element.typeid == ir.IntegerType.static_typeid:
        return ir.IntegerType.get_signless(ir.IntegerType(element).width)
    return element


def load(stored: ir.Value, element: ir.Type) -> ir.Value:
    """The scalar `stored` (of `storage_element(element)` type) as a `compute_element(element)` value."""
    compute = compute_element(element)
    if stored.type == compute:
        return stored
    if str(element).startswith(("f8", "f4")):
        width = bit_width(str(element))
        bits = stored if width == 8 else arith.trunci(ir.IntegerType.get_signless(width), stored)
        return arith.bitcast(compute, bits)
    return arith.trunci(compute, stored)  # i1, i2, i4 (and ui2, ui4): the low bits


def store(value: ir.Value, element: ir.Type) -> ir.Value:
    """A `compute_element(element)` scalar as the value that stores it."""
    stored = storage_element(element)
    if value.type == stored:
        return value
    if str(element).startswith(("f8", "f4")):
        width = bit_width(str(element))
        bits = arith.bitcast(ir.IntegerType.get_signless(width), value)
        return bits if width == 8 else arith.extui(stored, bits)
    return arith.extui(stored, value)  # the low bits, upper bits zero


class TgTypes:
    """The tg type of every value in a module, remembered before values are retyped to storage."""

    def __init__(self, module: ir.Operation):
        self._types: dict[ir.Value, ir.Type] = {}

        def visit(op):
            for region in op.regions:
                for block in region.blocks:
                    for argument in block.arguments:
                        self._types[argument] = argument.type
            for result in op.results:
                self._types[result] = result.type
            return ir.WalkResult.ADVANCE

        module.walk(visit)

    def of(self, value: ir.Value) -> ir.Type:
        """The type `value` had in tg (its current type if it was made later)."""
        return self._types.get(value, value.type)

    def remember(self, value: ir.Value, type_: ir.Type) -> None:
        """Record that `value` (made by a lowering) stands for a tg value of type `type_`."""
        self._types[value] = type_


def retype_to_storage(module: ir.Operation) -> None:
    """Give function arguments and constants their storage types, before the tg ops are lowered."""
    for function in module.regions[0].blocks[0].operations:
        if function.operation.name != "func.func" or not len(function.regions[0].blocks):
            continue
        for argument in function.regions[0].blocks[0].arguments:
            argument.set_type(storage_type(argument.type))

    def visit(op):
        if op.name == "arith.constant" and storage_type(op.result.type) != op.result.type:
            stored = storage_type(op.result.type)
            with op.location:
                op.attributes["value"] = stored_constant(op.attributes["value"], stored)
                op.result.set_type(stored)
        return ir.WalkResult.ADVANCE

    module.walk(visit)


def stored_constant(value: ir.Attribute, stored: ir.RankedTensorType) -> ir.Attribute:
    """A dense constant re-encoded as the integers that store its elements."""
    from ..dialect.interpreter import constant_array

    array = np.require(constant_array(value), requirements="C")
    return ir.DenseElementsAttr.get(array.view(f"int{array.dtype.itemsize * 8}"), type=stored)


def update_function_types(module: ir.Operation) -> None:
    """After lowering, make each function type agree with its (storage-typed) arguments and returns."""
    for function in module.regions[0].blocks[0].operations:
        if function.operation.name != "func.func" or not len(function.regions[0].blocks):
            continue
        blocks = function.regions[0].blocks
        inputs = [a.type for a in blocks[0].arguments]
        results = None
        for block in blocks:
            terminator = list(block.operations)[-1]
            if terminator.operation.name == "func.return":
                results = [v.type for v in terminator.operands]
        function_type = ir.FunctionType(ir.TypeAttr(function.attributes["function_type"]).value)
        results = results if results is not None else [storage_type(t) for t in function_type.results]
        function.attributes["function_type"] = ir.TypeAttr.get(ir.FunctionType.get(inputs, results))
