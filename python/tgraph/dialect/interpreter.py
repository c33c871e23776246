"""Run a tg function without compiling it: with NumPy (its ops' references) or on shapes alone.

`Program.from_function` reads a `func.func` of tg ops and `arith.constant`s into plain Python steps, so
the runtime can keep it after the MLIR module is lowered and use it to compute output shapes (dynamic
dims included) before each call, and `tg-run --check` can compare compiled outputs with the reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from mlir import ir

from ..diagnostics import format_location
from .constants import constant_array
from .declare import MAX_VALUE_ELEMENTS, Operation
from .tg import TG
from .types import NUMPY_DTYPES, ShapeError, TensorSpec


class InterpretError(ValueError):
    """A function that cannot be interpreted, or inputs it cannot run on."""


@dataclass
class Step:
    """One op: its declaration (None for a constant), operand and result value numbers, attributes."""

    op: type[Operation] | None
    operands: list[int]
    results: list[int]
    attrs: dict[str, Any]
    declared: list[TensorSpec]
    operand_types: list[TensorSpec]
    where: str
    #: A constant's value, or why it cannot be read.
    constant: np.ndarray | str | None = None

    @property
    def name(self) -> str:
        return self.op.OPERATION_NAME if self.op else "arith.constant"


@dataclass
class Program:
    """A function as steps over numbered values; inputs are values 0..n-1."""

    name: str
    inputs: list[TensorSpec]
    outputs: list[int]
    output_types: list[TensorSpec]
    steps: list[Step] = field(default_factory=list)
    #: The inputs' names: their `tg.name` argument attributes (an ONNX model's input names), or None.
    input_names: list[str | None] = field(default_factory=list)
    #: Why the function cannot be interpreted (an op without semantics), or None.
    unsupported: str | None = None

    @staticmethod
    def from_function(function) -> Program:
        operation = function.operation
        name = ir.StringAttr(operation.attributes["sym_name"]).value
        block = operation.regions[0].blocks[0]
        numbers: dict[Any, int] = {}
        inputs = []
        for argument in block.arguments:
            numbers[argument] = len(numbers)
            inputs.append(TensorSpec.from_mlir(argument.type))
        program = Program(name, inputs, [], [], input_names=_argument_names(operation))
        for op in block.operations:
            op = op.operation
            if op.name == "func.return":
                program.outputs = [numbers[v] for v in op.operands]
                program.output_types = [TensorSpec.from_mlir(v.type) for v in op.operands]
                continue
            declaration = TG.lookup(op.name)
            where = format_location(op.location) or "unknown location"
            if declaration is None and op.name != "arith.constant":
                program.unsupported = program.unsupported or f"'{op.name}' at {where} has no tg semantics"
                for result in op.results:
                    numbers[result] = len(numbers)
                continue
            step = Step(
                op=declaration,
                operands=[numbers[v] for v in op.operands],
                results=[],
                attrs=declaration.view(op).attribute_values() if declaration else {},
                declared=[TensorSpec.from_mlir(r.type) for r in op.results],
                operand_types=[TensorSpec.from_mlir(v.type) for v in op.operands],
                where=where,
                constant=None if declaration else _readable_constant(op.attributes["value"], where),
            )
            for result in op.results:
                numbers[result] = len(numbers)
                step.results.append(numbers[result])
            program.steps.append(step)
        return program

    def _require_supported(self):
        if self.unsupported:
            raise InterpretError(f"cannot interpret @{self.name}: {self.unsupported}")

    def evaluate(self, arrays: list[np.ndarray], *, exact: bool = False) -> list[np.ndarray]:
        """The outputs for `arrays`, computed with each op's NumPy reference. With `exact`, floats are
        computed in float64 throughout (the outputs stay float64): a reference to measure rounding by."""
        self._require_supported()
        values: dict[int, np.ndarray] = {i: _widen(a, exact) for i, a in enumerate(arrays)}
        for step in self.steps:
            if step.op is None:
                if isinstance(step.constant, str):
                    raise InterpretError(step.constant)
                outputs = [_widen(step.constant, exact)]
            else:
                operands = [values[i] for i in step.operands]
                dtypes = [t.dtype for t in step.operand_types]
                try:
                    outputs = step.op.evaluate(operands, step.attrs, step.declared, dtypes=dtypes, exact=exact)
                except ShapeError as e:
                    raise InterpretError(f"'{step.name}' at {step.where}: {e}") from None
            values.update(zip(step.results, outputs))
        return [values[i] for i in self.outputs]

    def output_types_for(self, inputs: list[TensorSpec], values: list[np.ndarray | None] | None = None) -> list[TensorSpec]:
        """The concrete output types for concrete input types (and the inputs' `values` where given:
        small integer inputs that shapes may be computed from). Raises InterpretError when the inputs
        break a shape rule, would make a dynamic dim broadcast (compiled code assumes it does not), or
        leave an output dim unknown (it depends on values computed at run time)."""
        if all(t.is_static for t in self.inputs + self.output_types):
            return self.output_types  # the compile-time checks covered everything
        if self.unsupported and all(t.is_static for t in self.output_types):
            return self.output_types  # ops without shape rules: only the input types can be checked
        self._require_supported()
        types: dict[int, TensorSpec] = dict(enumerate(inputs))
        # Values computable from the input shapes (shape arithmetic feeding reshapes...), in NumPy.
        known: dict[int, np.ndarray] = {i: v for i, v in enumerate(values or []) if v is not None}
        for step in self.steps:
            if step.op is None:
                types[step.results[0]] = step.declared[0]
                if isinstance(step.constant, np.ndarray) and step.constant.size <= MAX_VALUE_ELEMENTS:
                    known[step.results[0]] = step.constant
                continue
            operands = [types[i] for i in step.operands]
            values = [known.get(i) for i in step.operands]
            try:
                results = step.op.infer(operands, step.attrs, step.declared, values)
                if hasattr(step.op, "broadcast_core_rank"):
                    _check_static_broadcasts(step, operands, results[0])
                known.update(zip(step.results, _known_results(step, operands, values, results)))
            except ShapeError as e:
                raise InterpretError(f"'{step.name}' at {step.where}: {e}") from None
            types.update(zip(step.results, results))
        outputs = [types[i] for i in self.outputs]
        for index, output in enumerate(outputs):
            if not output.is_static:
                raise InterpretError(f"output #{index} is {output}: its shape depends on values only known when the function runs")
        return outputs


def _argument_names(function: ir.Operation) -> list[str | None]:
    count = len(function.regions[0].blocks[0].arguments)
    names: list[str | None] = [None] * count
    if "arg_attrs" in function.attributes:
        for i, attrs in enumerate(ir.ArrayAttr(function.attributes["arg_attrs"])):
            attrs = ir.DictAttr(attrs)
            if "tg.name" in attrs:
                names[i] = ir.StringAttr(attrs["tg.name"]).value
    return names


def _known_results(step: Step, operands: list[TensorSpec], values: list, results: list[TensorSpec]) -> list:
    """The results' values when they follow from what is known, and are small; else nothing."""
    if any(r.numel is None or r.numel > MAX_VALUE_ELEMENTS for r in results):
        return []
    if step.op.value is not None:
        value = step.op.value(*step.op.grouped(operands), **step.attrs)
        return [value] if value is not None else []
    if all(v is not None for v in values):
        return step.op.evaluate(values, step.attrs, step.declared)
    return []


def _check_static_broadcasts(step: Step, operands: list[TensorSpec], result: TensorSpec) -> None:
    """Compiled code broadcasts only dims that are a static 1; a dynamic dim that turns out 1 against a
    larger dim at run time would be read out of bounds, so it is refused."""
    core = step.op.broadcast_core_rank
    batch_rank = result.rank - sum(min(o.rank - 1, 1) for o in operands) if core else result.rank
    for index, (operand, compiled) in enumerate(zip(operands, step.operand_types)):
        operand_batch = max(operand.rank - core, 0) if core else operand.rank
        for j in range(operand_batch):
            i = batch_rank - operand_batch + j
            static_one = compiled.shape[j] == 1
            if not static_one and operand.shape[j] != result.shape[i]:
                raise ShapeError(
                    f"operand #{index} dim {j} is {operand.shape[j]} where the result has {result.shape[i]}: "
                    f"a dynamic dim cannot broadcast at run time (make it a static 1 to broadcast)"
                )


def _readable_constant(attr: ir.Attribute, where: str) -> np.ndarray | str:
    try:
        return constant_array(attr)
    except ValueError as e:
        return f"the constant at {where}: {e}"


def _widen(array: np.ndarray, exact: bool) -> np.ndarray:
    is_float = array.dtype.kind == "f" or array.dtype == NUMPY_DTYPES["bf16"]
    return array.astype(np.float64) if exact and is_float else array
