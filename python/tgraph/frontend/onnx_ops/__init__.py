"""Converters from ONNX nodes to tg ops, one module per op family, and the `Node` they work with.

A converter is a function registered for one or more ONNX op types; it reads the node through `Node`
and returns the values of the node's outputs:

    @converter("Relu")
    def relu(node: Node):
        return node.emit(Relu, node.input(0))

    @converter("LeakyRelu")
    def leaky_relu(node: Node):
        x = node.input(0)
        alpha = node.scalar(node.attr("alpha", 0.01), like=x)
        return node.emit(Max, x, node.emit(Mul, x, alpha))

`Node.emit` builds a tg op at the node's location; when every operand is a known constant it folds the
op with its NumPy reference instead, so shape arithmetic (Shape -> Gather -> Concat -> Reshape) becomes
constants whenever the input shapes are static. A converter that cannot handle an attribute value calls
`node.unsupported("...")`.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import onnx
from mlir import ir
from mlir.dialects import arith

from ...diagnostics import CompileError, Diagnostic
from ...dialect.declare import Operation
from ...dialect.types import NUMPY_DTYPES, ShapeError, TensorSpec, element_type_name

#: Converters by ONNX op type (default domain).
CONVERTERS: dict[str, Callable[[Node], object]] = {}
#: Input positions, by op type, whose values tgraph needs at compile time (shapes, axes, bounds...).
COMPILE_TIME_INPUTS: dict[str, tuple[int, ...]] = {}

#: Folding at import stops at results larger than this (elements).
MAX_FOLDED_ELEMENTS = 1 << 22

ONNX_TO_TG = {
    onnx.TensorProto.FLOAT: "f32",
    onnx.TensorProto.DOUBLE: "f64",
    onnx.TensorProto.FLOAT16: "f16",
    onnx.TensorProto.BFLOAT16: "bf16",
    onnx.TensorProto.BOOL: "i1",
    onnx.TensorProto.INT8: "i8",
    onnx.TensorProto.INT16: "i16",
    onnx.TensorProto.INT32: "i32",
    onnx.TensorProto.INT64: "i64",
    onnx.TensorProto.UINT8: "ui8",
    onnx.TensorProto.UINT16: "ui16",
    onnx.TensorProto.UINT32: "ui32",
    onnx.TensorProto.UINT64: "ui64",
    onnx.TensorProto.INT4: "i4",
    onnx.TensorProto.UINT4: "ui4",
    onnx.TensorProto.INT2: "i2",
    onnx.TensorProto.UINT2: "ui2",
    onnx.TensorProto.FLOAT8E4M3FN: "f8E4M3FN",
    onnx.TensorProto.FLOAT8E4M3FNUZ: "f8E4M3FNUZ",
    onnx.TensorProto.FLOAT8E5M2: "f8E5M2",
    onnx.TensorProto.FLOAT8E5M2FNUZ: "f8E5M2FNUZ",
    onnx.TensorProto.FLOAT8E8M0: "f8E8M0FNU",
    onnx.TensorProto.FLOAT4E2M1: "f4E2M1FN",
}


def tg_dtype(onnx_type: int) -> str:
    """The tg element type of an ONNX TensorProto data type; UnsupportedError if there is none."""
    if onnx_type not in ONNX_TO_TG:
        raise UnsupportedError(f"element type {onnx.TensorProto.DataType.Name(onnx_type)} is not supported")
    return ONNX_TO_TG[onnx_type]


class UnsupportedError(Exception):
    """A node (or type) tgraph does not support; the importer adds where."""


def converter(*op_types: str, compile_time_inputs: tuple[int, ...] = ()):
    """Register the decorated function as the converter of the given ONNX op types.
    `compile_time_inputs` are the input positions whose values the converter needs at compile time
    (a Reshape's shape): the ONNX backend specializes on them when they are graph inputs."""

    def register(fn):
        for op_type in op_types:
            if op_type in CONVERTERS:
                raise ValueError(f"two converters for ONNX {op_type}")
            CONVERTERS[op_type] = fn
            if compile_time_inputs:
                COMPILE_TIME_INPUTS[op_type] = compile_time_inputs
        return fn

    return register


class Node:
    """One ONNX node being converted: its inputs as MLIR values, attributes as Python values, and
    `emit` to build tg ops at its location."""

    def __init__(self, proto: onnx.NodeProto, importer, opset: int, location: ir.Location):
        self.proto = proto
        self.importer = importer
        self.opset = opset
        self.location = location

    @property
    def op_type(self) -> str:
        return self.proto.op_type

    @property
    def name(self) -> str:
        return self.proto.name

    # --- inputs --------------------------------------------------------------------------------

    def has_input(self, index: int) -> bool:
        return index < len(self.proto.input) and self.proto.input[index] != ""

    def input(self, index: int) -> ir.Value | None:
        """Input `index` as an MLIR value, or None when it is absent (optional and not given)."""
        if not self.has_input(index):
            return None
        return self.importer.value(self.proto.input[index])

    def inputs(self) -> list[ir.Value]:
        """The given inputs, in order (absent optional ones skipped)."""
        return [self.input(i) for i in range(len(self.proto.input)) if self.has_input(i)]

    def spec(self, value: ir.Value) -> TensorSpec:
        return TensorSpec.from_mlir(value.type)

    def input_spec(self, index: int) -> TensorSpec:
        return self.spec(self.input(index))

    def constant(self, index: int) -> np.ndarray | None:
        """The value of input `index` when it is known at import time (an initializer, a Constant node,
        or folded from them), else None. Reading it does not put the value in the IR."""
        return self.importer.known_value(self.proto.input[index]) if self.has_input(index) else None

    def required_constant(self, index: int, what: str) -> np.ndarray:
        """Input `index`'s value, which tgraph needs at compile time; unsupported() if it is not known."""
        array = self.constant(index)
        if array is None:
            self.unsupported(f"{what} (input #{index}) must be a constant or computable from shapes")
        return array

    def output_spec(self, index: int = 0) -> TensorSpec | None:
        """The type ONNX shape inference gave output `index`, when it gave one."""
        return self.importer.inferred_type(self.proto.output[index]) if index < len(self.proto.output) else None

    # --- attributes ----------------------------------------------------------------------------

    _MISSING = object()

    def attr(self, name: str, default=_MISSING):
        """Attribute `name` as a Python value (ints, floats, strings, lists, tensors as arrays)."""
        for attribute in self.proto.attribute:
            if attribute.name == name:
                value = onnx.helper.get_attribute_value(attribute)
                if isinstance(value, bytes):
                    return value.decode()
                if isinstance(value, onnx.TensorProto):
                    return onnx.numpy_helper.to_array(value)
                if isinstance(value, list) and value and isinstance(value[0], bytes):
                    return [v.decode() for v in value]
                return value
        if default is Node._MISSING:
            self.unsupported(f"attribute '{name}' is required")
        return default

    # --- building ------------------------------------------------------------------------------

    def unsupported(self, message: str):
        """Stop converting this node: tgraph does not support what `message` says."""
        raise UnsupportedError(message)

    def emit(self, op: type[Operation], *operands, result_type: ir.Type | None = None, **attrs) -> ir.Value:
        """Build `op` at this node's location (or fold it to a constant when its operands are known).
        Returns its result, or a tuple of results for ops with several."""
        flat = [v for o in operands for v in (o if isinstance(o, (list, tuple)) else [o]) if v is not None]
        with self.location:
            folded = self._fold(op, flat, attrs, result_type)
            if folded is not None:
                return folded
            try:
                built = op(*operands, result_type=result_type, **attrs)
            except ShapeError as e:
                raise UnsupportedError(f"{op.OPERATION_NAME}: {e}") from None
        results = list(built.operation.results)
        return results[0] if len(results) == 1 else tuple(results)

    def _fold(self, op: type[Operation], operands: list[ir.Value], attrs: dict, result_type):
        known = [self.importer.known.get(v) for v in operands]
        specs = [TensorSpec.from_mlir(v.type) for v in operands]
        values = None
        python_attrs = {a.name: attrs.get(a.name, a.default) for a in op.attrs_def}
        declared = [TensorSpec.from_mlir(result_type)] if result_type is not None else None
        try:
            if op.value is not None:
                value = op.value(*op.grouped(specs), **python_attrs)
                values = [value] if value is not None else None
            elif known and all(k is not None for k in known):
                results = op.infer(specs, python_attrs, declared, known)
                if all(r.numel is not None and r.numel <= MAX_FOLDED_ELEMENTS for r in results):
                    values = op.evaluate(known, python_attrs, declared, dtypes=[s.dtype for s in specs])
        except ShapeError as e:
            raise UnsupportedError(f"{op.OPERATION_NAME}: {e}") from None
        if values is None:
            return None
        constants = [self.const(v) for v in values]
        return constants[0] if len(constants) == 1 else tuple(constants)

    def const(self, array, dtype: str | None = None) -> ir.Value:
        """A constant tensor (`arith.constant`) holding `array`, as element type `dtype` if given."""
        array = np.asarray(array)
        if dtype is not None:
            array = array.astype(NUMPY_DTYPES[dtype])
        with self.location:
            return self.importer.constant(array)

    def scalar(self, value, like: ir.Value | str) -> ir.Value:
        """A rank-0 constant of `like`'s element type (a value, or an element type name)."""
        dtype = like if isinstance(like, str) else TensorSpec.from_mlir(like.type).dtype
        return self.const(np.array(value), dtype)

    def dtype(self, value: ir.Value) -> str:
        return TensorSpec.from_mlir(value.type).dtype


def element_type_of(array: np.ndarray) -> str:
    return element_type_name(array.dtype)


def error_at(node: Node, message: str) -> CompileError:
    return CompileError(Diagnostic.at(node.location, f"{node.op_type} node: {message}"))


# Importing the families registers their converters.
from . import elementwise, logic, math, nn, reduction, tensor  # noqa: E402,F401
