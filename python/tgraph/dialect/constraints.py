"""What an operand, result or attribute of a tg op may be.

Each constraint knows its IRDL form (what `irdl.load_dialects` can check: the base of a type or
attribute) and the part IRDL cannot say, which the `--tg-verify` pass checks: element types for tensors,
value kinds and allowed values for attributes. Attribute kinds also convert between MLIR attributes and
the Python values that shape rules and references receive.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir

from .types import ALL_TYPES, BOOL_TYPES, FLOAT_TYPES, INTEGER_TYPES, NUMERIC_TYPES, SIGNED_INTEGER_TYPES, ShapeError


@dataclass(frozen=True)
class TensorOf:
    """A ranked tensor whose element type is one of `element_types`."""

    name: str
    element_types: tuple[str, ...]

    irdl_base = '"!builtin.tensor"'

    def check(self, dtype: str) -> None:
        if dtype not in self.element_types:
            raise ShapeError(f"element type {dtype} is not one of {', '.join(self.element_types)}")

    def __str__(self) -> str:
        return f"tensor of {', '.join(self.element_types)}"


AnyTensor = TensorOf("AnyTensor", ALL_TYPES)
NumericTensor = TensorOf("NumericTensor", NUMERIC_TYPES)
SignedTensor = TensorOf("SignedTensor", FLOAT_TYPES + SIGNED_INTEGER_TYPES)
FloatTensor = TensorOf("FloatTensor", FLOAT_TYPES)
IntegerTensor = TensorOf("IntegerTensor", INTEGER_TYPES)
IndexTensor = TensorOf("IndexTensor", ("i32", "i64"))
I64Tensor = TensorOf("I64Tensor", ("i64",))
BoolTensor = TensorOf("BoolTensor", BOOL_TYPES)


class AttrKind:
    """The kind of value an attribute holds. Subclasses convert it to and from Python."""

    irdl_base: str
    description: str

    def to_python(self, attr: ir.Attribute):
        raise NotImplementedError

    def to_mlir(self, value) -> ir.Attribute:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.description


class I64ArrayKind(AttrKind):
    irdl_base = '"#builtin.dense_array"'
    description = "array<i64: ...>"

    def to_python(self, attr):
        if not isinstance(attr, ir.DenseI64ArrayAttr):
            try:
                attr = ir.DenseI64ArrayAttr(attr)
            except ValueError:
                raise ShapeError(f"expected array<i64: ...>, got {attr}") from None
        return tuple(int(v) for v in attr)

    def to_mlir(self, value):
        return ir.DenseI64ArrayAttr.get([int(v) for v in value])


class F64ArrayKind(AttrKind):
    irdl_base = '"#builtin.dense_array"'
    description = "array<f64: ...>"

    def to_python(self, attr):
        if not isinstance(attr, ir.DenseF64ArrayAttr):
            try:
                attr = ir.DenseF64ArrayAttr(attr)
            except ValueError:
                raise ShapeError(f"expected array<f64: ...>, got {attr}") from None
        return tuple(float(v) for v in attr)

    def to_mlir(self, value):
        return ir.DenseF64ArrayAttr.get([float(v) for v in value])


class I64Kind(AttrKind):
    irdl_base = '"#builtin.integer"'
    description = "i64 integer"

    def to_python(self, attr):
        if not isinstance(attr, ir.IntegerAttr) or str(attr.type) != "i64":
            raise ShapeError(f"expected an i64 integer, got {attr}")
        return int(ir.IntegerAttr(attr).value)

    def to_mlir(self, value):
        return ir.IntegerAttr.get(ir.IntegerType.get_signless(64), int(value))


class BoolKind(AttrKind):
    irdl_base = '"#builtin.integer"'
    description = "bool (true/false)"

    def to_python(self, attr):
        if not isinstance(attr, ir.BoolAttr):
            try:
                attr = ir.BoolAttr(attr)
            except ValueError:
                raise ShapeError(f"expected true or false, got {attr}") from None
        return bool(attr.value)

    def to_mlir(self, value):
        return ir.BoolAttr.get(bool(value))


class F64Kind(AttrKind):
    irdl_base = '"#builtin.float"'
    description = "float"

    def to_python(self, attr):
        if not isinstance(attr, ir.FloatAttr):
            try:
                attr = ir.FloatAttr(attr)
            except ValueError:
                raise ShapeError(f"expected a float, got {attr}") from None
        return float(attr.value)

    def to_mlir(self, value):
        return ir.FloatAttr.get(ir.F64Type.get(), float(value))


@dataclass(frozen=True)
class StrKind(AttrKind):
    """A string attribute, restricted to `choices` when they are given."""

    choices: tuple[str, ...] = ()

    irdl_base = '"#builtin.string"'

    @property
    def description(self) -> str:
        return " or ".join(f'"{c}"' for c in self.choices) if self.choices else "string"

    def to_python(self, attr):
        if not isinstance(attr, ir.StringAttr):
            try:
                attr = ir.StringAttr(attr)
            except ValueError:
                raise ShapeError(f"expected a string, got {attr}") from None
        value = attr.value
        if self.choices and value not in self.choices:
            raise ShapeError(f'"{value}" is not one of {self.description}')
        return value

    def to_mlir(self, value):
        return ir.StringAttr.get(str(value))


I64Array = I64ArrayKind()
F64Array = F64ArrayKind()
I64 = I64Kind()
Bool = BoolKind()
F64 = F64Kind()
Str = StrKind()
