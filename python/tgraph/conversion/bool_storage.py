"""Bools are bytes in memory. MLIR 22 cannot lower loads and stores of `i1` memrefs (an assertion in
finalize-memref-to-llvm), and NumPy stores a bool in one byte, so `--tg-to-linalg` represents every
`tensor<...xi1>` by a `tensor<...xi8>` holding 0 or 1: at function boundaries, in constants, and in what
each lowering builds (`build.result_type`). Ops that compute on bools truncate to i1 in their bodies."""

from __future__ import annotations

import numpy as np
from mlir import ir

I1_TENSOR_MARK = "xi1>"


def byte_tensor(type_: ir.Type) -> ir.Type:
    """`tensor<...xi8>` for `tensor<...xi1>`; any other type unchanged."""
    # (The bindings have no `RankedTensorType.isinstance`; a type not downcast is matched by its TypeID.)
    if isinstance(type_, ir.RankedTensorType) or type_.typeid == ir.RankedTensorType.static_typeid:
        tensor_type = ir.RankedTensorType(type_)
        if str(tensor_type.element_type) == "i1":
            return ir.RankedTensorType.get(tensor_type.shape, ir.IntegerType.get_signless(8))
    return type_


def retype_function_boundaries(module: ir.Operation) -> None:
    """Give bool tensor arguments and constants byte storage, before the tg ops are lowered."""
    for function in module.regions[0].blocks[0].operations:
        if function.operation.name != "func.func" or not len(function.regions[0].blocks):
            continue
        for argument in function.regions[0].blocks[0].arguments:
            argument.set_type(byte_tensor(argument.type))

    def visit(op):
        if op.name == "arith.constant" and byte_tensor(op.result.type) != op.result.type:
            # An i1 DenseIntElementsAttr reads as a NumPy bool array of the full shape (splats expanded).
            values = ir.DenseIntElementsAttr(op.attributes["value"])
            with op.location:
                data = np.array(values).astype(np.int8)
                byte_type = byte_tensor(op.result.type)
                op.attributes["value"] = ir.DenseElementsAttr.get(np.ascontiguousarray(data), type=byte_type)
                op.result.set_type(byte_type)
        return ir.WalkResult.ADVANCE

    module.walk(visit)


def update_function_types(module: ir.Operation) -> None:
    """After lowering, make each function type agree with its (byte-typed) arguments and returns."""
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
        results = results if results is not None else list(function_type.results)
        function.attributes["function_type"] = ir.TypeAttr.get(ir.FunctionType.get(inputs, results))
