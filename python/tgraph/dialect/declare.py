"""Ops declared as annotated classes: the shape of upstream `mlir.dialects.ext`, on MLIR 22's IRDL.

    class TG(Dialect, name="tg"):
        "The tensor-graph dialect."

    class Add(TG.Op, name="add"):
        "Elementwise sum with NumPy broadcasting."
        lhs: Operand[NumericTensor]
        rhs: Operand[NumericTensor]
        result: Result[NumericTensor]
        axis: Attr[I64] = -1                  # an attribute with a default is optional in the IR

        def shape(lhs, rhs, *, axis): ...      # TensorSpecs in, TensorSpec out; raises ShapeError
        def reference(lhs, rhs, *, axis): ...  # NumPy arrays in, arrays out
        def cost(lhs, rhs, *, result): ...     # static TensorSpecs in, a Cost out (optional)

A declaration gives, from one place:
- `Add(x, y)`: a builder (an `ir.OpView`) that checks its operands and infers its result type;
- `Add.view(op)`: typed accessors on an existing `tg.add` (`.lhs`, `.axis` as a Python value);
- `Add.check(op)`: the verifier for what IRDL cannot say (element types, attribute values, shapes);
- `Add.estimate(...)`: what the op computes and moves, for the cost model (dialect/cost.py);
- `Dialect.irdl()`: the IRDL module that `irdl.load_dialects` and `mlir-opt --irdl-file` load.

Shape rules and references take operands positionally and attributes by keyword. A keyword parameter
named after a result receives that result's type: the type written in the IR when verifying, the
inferred concrete type when evaluating (this is how `tg.reshape` lets its result type give the shape).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
from mlir import ir

from .constraints import AttrKind, TensorOf
from .cost import Cost, per_element
from .types import FLOAT_TYPES, ShapeError, TensorSpec, element_type_name

_REQUIRED = inspect.Parameter.empty

#: Names an operand, result or attribute cannot have: the rules and methods of op classes, and OpView's.
_RESERVED = {
    "shape", "reference", "value", "cost", "view", "check", "infer", "evaluate", "estimate", "grouped", "summary",
    "attribute_values", "operand_specs", "result_specs", "operation", "name", "location", "attributes",
    "operands", "results", "context", "regions", "parent",
}  # fmt: skip


@dataclass(frozen=True)
class OperandDef:
    name: str
    constraint: TensorOf
    variadicity: str = "single"  # or "variadic" (any number, a list) or "optional" (a value or None)


@dataclass(frozen=True)
class ResultDef:
    name: str
    constraint: TensorOf


@dataclass(frozen=True)
class AttrDef:
    name: str
    kind: AttrKind
    default: Any = _REQUIRED

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED


@dataclass(frozen=True)
class _Field:
    """What `Operand[...]`, `Result[...]` and `Attr[...]` stand for in an annotation."""

    make: Callable
    constraint: Any


class Operand:
    """`lhs: Operand[FloatTensor]` declares an operand."""

    def __class_getitem__(cls, constraint: TensorOf) -> _Field:
        return _Field(OperandDef, constraint)


class Variadic:
    """`inputs: Variadic[AnyTensor]` declares any number of operands (rules receive a list)."""

    def __class_getitem__(cls, constraint: TensorOf) -> _Field:
        return _Field(lambda name, c: OperandDef(name, c, "variadic"), constraint)


class OptionalOperand:
    """`shape: OptionalOperand[IndexTensor]` declares an operand that may be absent (rules get None)."""

    def __class_getitem__(cls, constraint: TensorOf) -> _Field:
        return _Field(lambda name, c: OperandDef(name, c, "optional"), constraint)


class Result:
    """`result: Result[FloatTensor]` declares a result."""

    def __class_getitem__(cls, constraint: TensorOf) -> _Field:
        return _Field(ResultDef, constraint)


class Attr:
    """`perm: Attr[I64Array]` declares a required attribute; `= value` makes it optional."""

    def __class_getitem__(cls, kind: AttrKind) -> _Field:
        return _Field(AttrDef, kind)


class Operation(ir.OpView):
    """Base of declared ops. Subclasses with a `name=` are ops; without one, shared bases."""

    operands_def: tuple[OperandDef, ...] = ()
    results_def: tuple[ResultDef, ...] = ()
    attrs_def: tuple[AttrDef, ...] = ()
    dialect: type[Dialect]
    op_name: str

    def __init_subclass__(cls, *, name: str | None = None, dialect: type[Dialect] | None = None, **kwargs):
        super().__init_subclass__(**kwargs)
        if dialect is not None:
            cls.dialect = dialect
        cls._collect_fields()
        for rule in ("shape", "reference", "value", "cost"):
            if inspect.isfunction(cls.__dict__.get(rule)):
                setattr(cls, rule, staticmethod(cls.__dict__[rule]))
        if name is None:
            return
        cls.op_name = name
        cls.OPERATION_NAME = f"{cls.dialect.name}.{name}"
        cls._ODS_REGIONS = (0, True)
        cls._ODS_OPERAND_SEGMENTS = None
        cls._ODS_RESULT_SEGMENTS = None
        cls.__init__ = _make_builder(cls)
        cls.dialect.register(cls)

    @classmethod
    def _collect_fields(cls):
        # Inherited fields come first; a subclass re-declaring a field narrows it in place.
        fields = {f.name: f for f in cls.operands_def + cls.results_def + cls.attrs_def}
        for field_name, annotation in cls.__dict__.get("__annotations__", {}).items():
            if isinstance(annotation, str) and annotation.startswith(("Operand[", "Result[", "Attr[")):
                raise TypeError(f"{cls.__name__}.{field_name}: op declarations cannot use postponed annotations")
            if not isinstance(annotation, _Field):
                continue
            if field_name in _RESERVED:
                raise TypeError(f"{cls.__name__}.{field_name}: the name is taken by the op class itself")
            if annotation.make is AttrDef:
                default = cls.__dict__.get(field_name, _REQUIRED)
                fields[field_name] = AttrDef(field_name, annotation.constraint, default)
            else:
                fields[field_name] = annotation.make(field_name, annotation.constraint)
        operands = [f for f in fields.values() if isinstance(f, OperandDef)]
        results = [f for f in fields.values() if isinstance(f, ResultDef)]
        attrs = [f for f in fields.values() if isinstance(f, AttrDef)]
        if sum(o.variadicity != "single" for o in operands) > 1:
            raise TypeError(f"{cls.__name__}: at most one operand may be variadic or optional")
        cls.operands_def, cls.results_def, cls.attrs_def = tuple(operands), tuple(results), tuple(attrs)
        for index, operand in enumerate(operands):
            setattr(cls, operand.name, property(lambda self, i=index: self.grouped(list(self.operation.operands))[i]))
        for index, result in enumerate(results):
            setattr(cls, result.name, property(lambda self, i=index: self.operation.results[i]))
        for attr in attrs:
            setattr(cls, attr.name, property(lambda self, a=attr: self.attribute_values()[a.name]))

    # --- the rules a declaration provides -------------------------------------------------------

    def shape(*operands, **attrs):
        """The type rule: operand TensorSpecs -> result TensorSpec (or a tuple of them)."""
        raise NotImplementedError

    def reference(*operands, **attrs):
        """The meaning in NumPy: operand arrays -> result array (or a tuple of them)."""
        raise NotImplementedError

    #: Each result element depends only on the operand elements at the same (broadcast) position: the
    #: op can run inside another op's loop nest (fusion).
    elementwise = False

    #: Optional: `def value(*operands, **attrs)` computes the result's value from the operand *types*
    #: alone (TensorSpecs in, an array or None out), as `tg.shape` does; shape computations fold by it.
    value = None

    #: Optional: `def cost(*operands, **attrs)` gives a `Cost` (dialect/cost.py) from static operand
    #: types (and result types, by keyword); without it, one operation per result element.
    cost = None

    @classmethod
    def summary(cls) -> str:
        """The first paragraph of the docstring, on one line."""
        return " ".join(inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0].split())

    # --- working with an existing op -------------------------------------------------------------

    @classmethod
    def view(cls, op) -> Operation:
        """`op` (an `ir.Operation` or view of this op's name) with this class's accessors."""
        operation = op.operation if hasattr(op, "operation") else op
        instance = cls.__new__(cls)
        ir.OpView.__init__(instance, operation)
        return instance

    def attribute_values(self) -> dict[str, Any]:
        """The declared attributes as Python values, defaults filled in; ShapeError if malformed."""
        attributes = self.operation.attributes
        values = {}
        for attr in self.attrs_def:
            if attr.name in attributes:
                try:
                    values[attr.name] = attr.kind.to_python(attributes[attr.name])
                except ShapeError as e:
                    raise ShapeError(f"attribute '{attr.name}': {e}") from None
            elif attr.required:
                raise ShapeError(f"attribute '{attr.name}' is required")
            else:
                values[attr.name] = attr.default
        return values

    @classmethod
    def grouped(cls, flat: list) -> list:
        """Per declared operand: the item, a list (variadic) or the item or None (optional), from the
        flat operand list. ShapeError when the count does not fit the declaration."""
        singles = sum(o.variadicity == "single" for o in cls.operands_def)
        extra = len(flat) - singles
        fits = extra == 0 or (extra > 0 and any(o.variadicity == "variadic" for o in cls.operands_def)) or (
            extra == 1 and any(o.variadicity == "optional" for o in cls.operands_def)
        )
        if not fits:
            raise ShapeError(f"expects {singles} operands{' or more' if singles < len(cls.operands_def) else ''}, got {len(flat)}")
        groups, position = [], 0
        for operand in cls.operands_def:
            if operand.variadicity == "variadic":
                groups.append(flat[position : position + extra])
                position += extra
            elif operand.variadicity == "optional":
                groups.append(flat[position] if extra else None)
                position += extra
            else:
                groups.append(flat[position])
                position += 1
        return groups

    def operand_specs(self) -> list[TensorSpec]:
        return [TensorSpec.from_mlir(v.type) for v in self.operation.operands]

    def result_specs(self) -> list[TensorSpec]:
        return [TensorSpec.from_mlir(r.type) for r in self.operation.results]

    @classmethod
    def infer(
        cls,
        operands: list[TensorSpec],
        attrs: dict[str, Any],
        results: list[TensorSpec] | None = None,
        values: list[np.ndarray | None] | None = None,
    ) -> list[TensorSpec]:
        """Run the shape rule on the flat operand types. `results` are the declared result types, for
        rules that read them; `values` the operands' values where known, for rules that read those
        (a parameter `<operand>_value`)."""
        grouped = cls.grouped(list(operands))
        for operand, group in zip(cls.operands_def, grouped):
            for spec in group if isinstance(group, list) else [group] if group is not None else []:
                try:
                    operand.constraint.check(spec.dtype)
                except ShapeError as e:
                    raise ShapeError(f"operand '{operand.name}': {e}") from None
        kwargs = _accepted(cls.shape, attrs)
        for name in _result_params(cls, cls.shape):
            if results is None:
                raise ShapeError(f"the result type of '{cls.OPERATION_NAME}' must be given")
            kwargs[name] = results[[r.name for r in cls.results_def].index(name)]
        parameters = inspect.signature(cls.shape).parameters
        known = cls.grouped(list(values)) if values is not None else [None] * len(cls.operands_def)
        for operand, value in zip(cls.operands_def, known):
            if f"{operand.name}_value" in parameters:
                kwargs[f"{operand.name}_value"] = value
        inferred = cls.shape(*grouped, **kwargs)
        inferred = list(inferred) if isinstance(inferred, tuple) else [inferred]
        for result, spec in zip(cls.results_def, inferred):
            try:
                result.constraint.check(spec.dtype)
            except ShapeError as e:
                raise ShapeError(f"result '{result.name}': {e}") from None
        return inferred

    @classmethod
    def check(cls, op) -> None:
        """Verify `op` against this declaration; ShapeError with the reason on failure."""
        view = cls.view(op)
        operation = view.operation
        if len(operation.results) != len(cls.results_def):
            raise ShapeError(f"expects {len(cls.results_def)} results")
        declared = view.result_specs()
        values = [constant_value(v) for v in operation.operands]
        inferred = cls.infer(view.operand_specs(), view.attribute_values(), declared, values)
        for result, want, have in zip(cls.results_def, inferred, declared):
            if not _compatible(want, have):
                raise ShapeError(f"result '{result.name}' has type {have}, but the operands give {want}")

    @classmethod
    def evaluate(cls, arrays, attrs: dict[str, Any], declared: list[TensorSpec] | None = None, *, dtypes: list[str] | None = None, exact: bool = False) -> list:
        """Apply the NumPy reference to concrete (flat) operand arrays. `declared` are the result types
        written in the IR, for rules that read them; `dtypes` the operands' element types when the arrays
        were widened. Returns arrays of the inferred result types, or float64 for floats when `exact`."""
        dtypes = dtypes or [element_type_name(a.dtype) for a in arrays]
        results = cls.infer([TensorSpec(a.shape, d) for a, d in zip(arrays, dtypes)], attrs, declared, list(arrays))
        kwargs = _accepted(cls.reference, attrs)
        for name in _result_params(cls, cls.reference):
            kwargs[name] = results[[r.name for r in cls.results_def].index(name)]
        outputs = cls.reference(*cls.grouped(list(arrays)), **kwargs)
        outputs = list(outputs) if isinstance(outputs, tuple) else [outputs]
        return [_as_result(out, spec, exact) for out, spec in zip(outputs, results)]

    @classmethod
    def estimate(cls, operands: list[TensorSpec], attrs: dict[str, Any], results: list[TensorSpec]) -> Cost:
        """Run the cost rule on the flat, static operand and result types."""
        if cls.cost is None:
            return per_element(results)
        kwargs = _accepted(cls.cost, attrs)
        for name in _result_params(cls, cls.cost):
            kwargs[name] = results[[r.name for r in cls.results_def].index(name)]
        return cls.cost(*cls.grouped(list(operands)), **kwargs)


def _as_result(output, spec: TensorSpec, exact: bool) -> np.ndarray:
    dtype = np.dtype(np.float64) if exact and spec.dtype in FLOAT_TYPES else spec.np_dtype
    return np.asarray(output).astype(dtype, copy=False).reshape(spec.shape)


def _accepted(rule, attrs: dict[str, Any]) -> dict[str, Any]:
    """The attributes a rule names among its parameters (a shared rule may ignore some)."""
    parameters = inspect.signature(rule).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return dict(attrs)
    return {k: v for k, v in attrs.items() if k in parameters}


def _result_params(cls: type[Operation], rule) -> list[str]:
    """The keyword parameters of a rule that name results rather than attributes."""
    names = {r.name for r in cls.results_def}
    return [p for p in inspect.signature(rule).parameters if p in names]


#: Constants larger than this are not read to give shape rules operand values.
MAX_VALUE_ELEMENTS = 1 << 12


def constant_value(value: ir.Value) -> np.ndarray | None:
    """The value of an operand defined by a small integer `arith.constant`, else None: what shape rules
    may read at compile time (shapes, axes, indices)."""
    owner = value.owner
    if not isinstance(owner, (ir.Operation, ir.OpView)) or owner.operation.name != "arith.constant":
        return None
    attr = owner.attributes["value"]
    if not isinstance(attr, ir.DenseIntElementsAttr):
        return None
    if attr.is_splat:
        return np.full(ir.RankedTensorType(attr.type).shape, attr.get_splat_value().value, np.int64)
    if len(attr) > MAX_VALUE_ELEMENTS:
        return None
    return np.array(attr)


def _compatible(inferred: TensorSpec, declared: TensorSpec) -> bool:
    """A declared result may refine dynamic dims the rule could not know, but not contradict it."""
    return inferred.accepts(declared)


def _make_builder(cls: type[Operation]):
    """The generated `__init__`: operands positionally, attributes and `result_type` by keyword."""
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)]
    params += [
        inspect.Parameter(o.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None if o.variadicity == "optional" else inspect.Parameter.empty)
        for o in cls.operands_def
    ]
    for attr in cls.attrs_def:
        default = None if not attr.required else inspect.Parameter.empty
        params.append(inspect.Parameter(attr.name, inspect.Parameter.KEYWORD_ONLY, default=default))
    for name in ("result_type", "loc", "ip"):
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None))
    signature = inspect.Signature(params)

    def __init__(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = bound.arguments
        self = arguments["self"]
        operands = []
        for operand in cls.operands_def:
            given = arguments[operand.name]
            if operand.variadicity == "variadic":
                operands += [_value(v) for v in given]
            elif given is not None or operand.variadicity == "single":
                operands.append(_value(given))
        attributes, values = {}, {}
        for attr in cls.attrs_def:
            value = arguments[attr.name]
            if value is None:
                values[attr.name] = attr.default
                continue
            attributes[attr.name] = value if isinstance(value, ir.Attribute) else attr.kind.to_mlir(value)
            values[attr.name] = attr.kind.to_python(attributes[attr.name])
        result_type = arguments["result_type"]
        declared = [TensorSpec.from_mlir(result_type)] if result_type is not None else None
        inferred = cls.infer([TensorSpec.from_mlir(v.type) for v in operands], values, declared, [constant_value(v) for v in operands])
        if declared is not None and not _compatible(inferred[0], declared[0]):
            raise ShapeError(f"result type {declared[0]} contradicts the operands, which give {inferred[0]}")
        result_types = [result_type] if result_type is not None else [spec.to_mlir() for spec in inferred]
        ir.OpView.__init__(
            self,
            cls.OPERATION_NAME,
            cls._ODS_REGIONS,
            None,
            None,
            results=result_types,
            operands=operands,
            attributes=attributes,
            loc=arguments["loc"],
            ip=arguments["ip"],
        )

    __init__.__signature__ = signature
    __init__.__doc__ = cls.__doc__
    return __init__


def _value(operand) -> ir.Value:
    if isinstance(operand, ir.Value):
        return operand
    if hasattr(operand, "result"):
        return operand.result
    raise TypeError(f"expected an MLIR value, got {type(operand).__name__}")


class Dialect:
    """Base of a declared dialect: `class TG(Dialect, name="tg")` gives `TG.Op` to derive ops from."""

    name: str
    ops: dict[str, type[Operation]]
    Op: type[Operation]

    def __init_subclass__(cls, *, name: str, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.name = name
        cls.ops = {}
        cls.Op = type("Op", (Operation,), {"__doc__": f"Base of the ops of the '{name}' dialect."}, dialect=cls)

    @classmethod
    def register(cls, op: type[Operation]) -> None:
        if op.OPERATION_NAME in cls.ops:
            raise ValueError(f"op {op.OPERATION_NAME} is declared twice")
        cls.ops[op.OPERATION_NAME] = op

    @classmethod
    def lookup(cls, op_name: str) -> type[Operation] | None:
        """The declaration of an op by its full name (`tg.add`), or None."""
        return cls.ops.get(op_name)

    @classmethod
    def ops_in(cls, root: ir.Operation) -> list[ir.Operation]:
        """Every op of this dialect nested under `root`, in program order."""
        found = []

        def visit(op):
            if op.name in cls.ops:
                found.append(op)
            return ir.WalkResult.ADVANCE

        root.walk(visit)
        return found
