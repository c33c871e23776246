"""Tensor types as shape rules see them.

A `TensorSpec` is a shape (a tuple of ints, `None` for a dynamic `?` dim) and an element type named the
way MLIR prints it (`f32`, `i64`, `i1`...). Shape rules, the reference interpreter and the runtime all
work on specs, so they never need an MLIR context; `to_mlir`/`from_mlir` convert at the boundary.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

import ml_dtypes
import numpy as np
from mlir import ir

Dim = int | None

#: Element types tg tensors may hold, by their MLIR name, with the NumPy dtype that stores them (one
#: element a byte or more: ml_dtypes keeps 4- and 2-bit values in the low bits of a byte).
NUMPY_DTYPES: dict[str, np.dtype] = {
    "f16": np.dtype(np.float16),
    "bf16": np.dtype(ml_dtypes.bfloat16),
    "f32": np.dtype(np.float32),
    "f64": np.dtype(np.float64),
    "i1": np.dtype(np.bool_),
    "i8": np.dtype(np.int8),
    "i16": np.dtype(np.int16),
    "i32": np.dtype(np.int32),
    "i64": np.dtype(np.int64),
    "ui8": np.dtype(np.uint8),
    "ui16": np.dtype(np.uint16),
    "ui32": np.dtype(np.uint32),
    "ui64": np.dtype(np.uint64),
    "i4": np.dtype(ml_dtypes.int4),
    "ui4": np.dtype(ml_dtypes.uint4),
    "i2": np.dtype(ml_dtypes.int2),
    "ui2": np.dtype(ml_dtypes.uint2),
    "f8E4M3FN": np.dtype(ml_dtypes.float8_e4m3fn),
    "f8E4M3FNUZ": np.dtype(ml_dtypes.float8_e4m3fnuz),
    "f8E5M2": np.dtype(ml_dtypes.float8_e5m2),
    "f8E5M2FNUZ": np.dtype(ml_dtypes.float8_e5m2fnuz),
    "f8E8M0FNU": np.dtype(ml_dtypes.float8_e8m0fnu),
    "f4E2M1FN": np.dtype(ml_dtypes.float4_e2m1fn),
}

#: Floats that ops compute on; the 8- and 4-bit floats are storage formats that only casts and data
#: movement accept.
FLOAT_TYPES = ("f16", "bf16", "f32", "f64")
SMALL_FLOAT_TYPES = ("f8E4M3FN", "f8E4M3FNUZ", "f8E5M2", "f8E5M2FNUZ", "f8E8M0FNU", "f4E2M1FN")
SIGNED_INTEGER_TYPES = ("i8", "i16", "i32", "i64")
UNSIGNED_INTEGER_TYPES = ("ui8", "ui16", "ui32", "ui64")
INTEGER_TYPES = SIGNED_INTEGER_TYPES + UNSIGNED_INTEGER_TYPES
#: Integers narrower than a byte: like the small floats, for casts and data movement only.
NARROW_INTEGER_TYPES = ("i4", "ui4", "i2", "ui2")
BOOL_TYPES = ("i1",)
NUMERIC_TYPES = FLOAT_TYPES + INTEGER_TYPES
ALL_TYPES = NUMERIC_TYPES + BOOL_TYPES + SMALL_FLOAT_TYPES + NARROW_INTEGER_TYPES


def is_unsigned(dtype: str) -> bool:
    return dtype.startswith("ui")


def bit_width(dtype: str) -> int:
    """Bits of an element type: 1 for i1, 4 for ui4 and f4E2M1FN, 8 for the f8 types..."""
    if dtype.startswith("f8"):
        return 8
    if dtype.startswith("f4"):
        return 4
    if dtype == "bf16":
        return 16
    return int(dtype.lstrip("uif"))


class ShapeError(ValueError):
    """A shape or type rule rejected its operands; the message says why."""


def element_type_name(dtype) -> str:
    """The MLIR element type name of a NumPy dtype (`float32` -> `f32`)."""
    dtype = np.dtype(dtype)
    for name, candidate in NUMPY_DTYPES.items():
        if candidate == dtype:
            return name
    raise ShapeError(f"NumPy dtype {dtype} has no tg element type")


def mlir_element_type(name: str) -> ir.Type:
    """The MLIR type for an element type name, in the current context."""
    return ir.Type.parse(name)


@dataclass(frozen=True)
class TensorSpec:
    """A ranked tensor type: `shape` with `None` for dynamic dims, and an element type name."""

    shape: tuple[Dim, ...]
    dtype: str

    def __post_init__(self):
        object.__setattr__(self, "shape", tuple(self.shape))

    @property
    def rank(self) -> int:
        return len(self.shape)

    @property
    def is_static(self) -> bool:
        return all(d is not None for d in self.shape)

    @property
    def numel(self) -> int | None:
        """The element count, or None when a dim is dynamic."""
        return prod(self.shape) if self.is_static else None

    @property
    def np_dtype(self) -> np.dtype:
        return NUMPY_DTYPES[self.dtype]

    def with_shape(self, shape) -> TensorSpec:
        return TensorSpec(tuple(shape), self.dtype)

    def with_dtype(self, dtype: str) -> TensorSpec:
        return TensorSpec(self.shape, dtype)

    def __str__(self) -> str:
        dims = "".join(f"{'?' if d is None else d}x" for d in self.shape)
        return f"tensor<{dims}{self.dtype}>"

    def to_mlir(self) -> ir.RankedTensorType:
        """The MLIR tensor type, in the current context."""
        dynamic = ir.ShapedType.get_dynamic_size()
        shape = [dynamic if d is None else d for d in self.shape]
        return ir.RankedTensorType.get(shape, mlir_element_type(self.dtype), loc=ir.Location.unknown())

    @staticmethod
    def from_mlir(type_: ir.Type) -> TensorSpec:
        """The spec of a ranked tensor type; ShapeError for any other type."""
        if not isinstance(type_, ir.RankedTensorType):
            try:
                type_ = ir.RankedTensorType(type_)
            except (ValueError, TypeError):
                raise ShapeError(f"expected a ranked tensor, got {type_}") from None
        shape = tuple(None if type_.is_dynamic_dim(i) else type_.get_dim_size(i) for i in range(type_.rank))
        dtype = str(type_.element_type)
        if dtype not in NUMPY_DTYPES:
            raise ShapeError(f"element type {dtype} is not supported by tg")
        return TensorSpec(shape, dtype)

    @staticmethod
    def of_array(array: np.ndarray) -> TensorSpec:
        """The (static) spec of a NumPy array."""
        return TensorSpec(array.shape, element_type_name(array.dtype))

    def accepts(self, concrete: TensorSpec) -> bool:
        """Whether a value of type `concrete` fits this type: same dtype and rank, equal static dims."""
        return (
            self.dtype == concrete.dtype
            and self.rank == concrete.rank
            and all(d is None or c is None or d == c for d, c in zip(self.shape, concrete.shape))
        )


def broadcast_dim(a: Dim, b: Dim) -> Dim:
    """NumPy's rule for one pair of dims. A dynamic dim is taken to match the other side unless that
    side is a static 1 (the lowering assumes dynamic dims never broadcast at run time)."""
    if a == 1:
        return b
    if b == 1 or b is None:
        return a
    if a is None or a == b:
        return b
    raise ShapeError(f"dims {a} and {b} do not broadcast")


def broadcast_shapes(*shapes: tuple[Dim, ...]) -> tuple[Dim, ...]:
    """The NumPy broadcast of several shapes (right-aligned), with dynamic dims."""
    rank = max((len(s) for s in shapes), default=0)
    result: list[Dim] = [1] * rank
    for shape in shapes:
        padded = (1,) * (rank - len(shape)) + tuple(shape)
        try:
            result = [broadcast_dim(r, d) for r, d in zip(result, padded)]
        except ShapeError:
            raise ShapeError("shapes " + " and ".join(_shape_str(s) for s in shapes) + " do not broadcast") from None
    return tuple(result)


def _shape_str(shape) -> str:
    return "[" + ", ".join("?" if d is None else str(d) for d in shape) + "]"


def normalize_axis(axis: int, rank: int) -> int:
    """A possibly negative axis as an index in `range(rank)`; ShapeError when out of range."""
    if not -rank <= axis < rank:
        raise ShapeError(f"axis {axis} is out of range for rank {rank}")
    return axis % rank


def same_dtype(*specs: TensorSpec) -> str:
    """The common element type of the operands; ShapeError if they differ."""
    dtypes = {s.dtype for s in specs}
    if len(dtypes) != 1:
        raise ShapeError("operand element types " + " and ".join(s.dtype for s in specs) + " differ")
    return specs[0].dtype
