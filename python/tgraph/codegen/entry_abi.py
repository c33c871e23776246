"""`--tg-entry-abi`: give public functions the runtime's calling convention.

    func.func @f(%x: tensor<?x4xf32>) -> tensor<?x8xf32>
becomes
    func.func @f(%x: memref<?x4xf32>, %out0: memref<?x8xf32>) attributes {llvm.emit_c_interface}

Inputs are read through `bufferization.to_tensor restrict` (never written: bufferization copies before
writing); each result is written into a caller-allocated output with
`bufferization.materialize_in_destination`, so after `eliminate-empty-tensors` the last op of a result
computes straight into the caller's array. The runtime computes output shapes before the call.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir
from mlir.dialects import bufferization, func

from ..diagnostics import CompileError, Diagnostic
from ..passes import register_pass


def memref_like(type_: ir.Type) -> ir.MemRefType:
    """The identity-layout memref of a ranked tensor type's shape and element type."""
    tensor_type = ir.RankedTensorType(type_)
    return ir.MemRefType.get(tensor_type.shape, tensor_type.element_type)


def _is_ranked_tensor(type_: ir.Type) -> bool:
    # (The bindings have no `RankedTensorType.isinstance`; a type not downcast is matched by its TypeID.)
    return isinstance(type_, ir.RankedTensorType) or type_.typeid == ir.RankedTensorType.static_typeid


def is_entry(function) -> bool:
    """A public function with a body: what the runtime can call."""
    visibility = function.attributes["sym_visibility"] if "sym_visibility" in function.attributes else None
    return (visibility is None or ir.StringAttr(visibility).value == "public") and len(function.regions[0].blocks) > 0


def rewrite_entry(function) -> None:
    """Rewrite one function to destination-passing style over memrefs (see the module docstring)."""
    function_type = ir.FunctionType(ir.TypeAttr(function.attributes["function_type"]).value)
    for type_ in list(function_type.inputs) + list(function_type.results):
        if not _is_ranked_tensor(type_):
            message = f"entry function arguments and results must be ranked tensors, got {type_}"
            raise CompileError(Diagnostic.at(function.location, message))
    entry = function.regions[0].blocks[0]
    with function.location:
        for argument in list(entry.arguments):
            tensor_type = argument.type
            argument.set_type(memref_like(tensor_type))
            with ir.InsertionPoint.at_block_begin(entry):
                as_tensor = bufferization.ToTensorOp(tensor_type, argument, restrict=True)
            argument.replace_all_uses_except(as_tensor.result, as_tensor.operation)
        outputs = [entry.add_argument(memref_like(t), function.location) for t in function_type.results]
        for block in function.regions[0].blocks:
            terminator = list(block.operations)[-1]
            if terminator.operation.name != "func.return":
                continue
            with ir.InsertionPoint(terminator), terminator.location:
                for value, output in zip(terminator.operands, outputs):
                    bufferization.MaterializeInDestinationOp(None, value, output, restrict=True, writable=True)
                func.ReturnOp([])
            terminator.erase()
        inputs = [memref_like(t) for t in list(function_type.inputs) + list(function_type.results)]
        function.attributes["function_type"] = ir.TypeAttr.get(ir.FunctionType.get(inputs, []))
    for stale in ("res_attrs", "arg_attrs"):
        if stale in function.attributes:
            del function.attributes[stale]
    function.attributes["llvm.emit_c_interface"] = ir.UnitAttr.get()


@register_pass("tg-entry-abi")
@dataclass
class EntryAbi:
    """Public functions take memrefs and write their results into caller-allocated outputs."""

    def run(self, module: ir.Operation) -> None:
        for op in module.regions[0].blocks[0].operations:
            if op.operation.name == "func.func" and is_entry(op):
                rewrite_entry(op)
