"""Constant tensors: NumPy arrays as MLIR attributes (`dense<...>` and `dense_resource<...>`), and back.

The bindings cannot read every attribute back (no buffer for bf16 or the 8-bit floats, no access to
resource blobs), so the arrays of attributes made here are remembered for the life of their context;
attributes parsed from text are read from their elements or printed form.
"""

from __future__ import annotations

import re

import numpy as np
from mlir import ir

from .types import NUMPY_DTYPES, TensorSpec

#: The arrays behind attributes made in this process, by (context, attribute).
_ARRAYS: dict[tuple[int, object], np.ndarray] = {}


def _remember(attr: ir.Attribute, array: np.ndarray) -> ir.Attribute:
    _ARRAYS[(id(attr.context), attr)] = array
    return attr


def dense_attribute(array: np.ndarray) -> ir.Attribute:
    """A `dense<...>` attribute of `array`'s shape and tg element type (in the current context)."""
    array = np.asarray(array)
    type_ = TensorSpec.of_array(array).to_mlir()
    if array.dtype == np.bool_ and array.size > 1:  # the bindings take i1 elements as packed bits
        attr = ir.DenseElementsAttr.get(np.packbits(array.reshape(-1), bitorder="little"), type=type_)
    elif array.dtype == np.bool_ or array.dtype.kind in "iuf":
        attr = ir.DenseElementsAttr.get(np.require(array, requirements="C"), type=type_)
    else:  # bf16, f8, i4...: the same bits as integers of the element's width
        attr = ir.DenseElementsAttr.get(np.require(array, requirements="C").view(f"int{array.dtype.itemsize * 8}"), type=type_)
    return _remember(attr, array)


def resource_attribute(array: np.ndarray, name: str) -> ir.Attribute:
    """A `dense_resource<name>` attribute holding `array`'s bytes without copying them (MLIR keeps the
    buffer alive); printed IR shows the name, and the bytes as a blob at the end of the file."""
    array = np.asarray(array)
    type_ = TensorSpec.of_array(array).to_mlir()
    stored = array.astype(np.int8) if array.dtype == np.bool_ else array
    return _remember(ir.DenseResourceElementsAttr.get_from_buffer(stored, name, type_), array)


def constant_array(attr: ir.Attribute) -> np.ndarray:
    """The value of a constant attribute as a NumPy array of its tg element type. ValueError when it
    cannot be read (a resource blob this process did not make)."""
    remembered = _ARRAYS.get((id(attr.context), attr))
    if remembered is not None:
        return remembered
    if not isinstance(attr, ir.DenseElementsAttr):
        try:
            attr = ir.DenseElementsAttr(attr)
        except ValueError:
            raise ValueError(f"constant {_short(attr)} cannot be read (only dense<...> and resources made here can)") from None
    spec = TensorSpec.from_mlir(attr.type)
    dtype = NUMPY_DTYPES[spec.dtype]
    if attr.is_splat:  # a BoolAttr, IntegerAttr or FloatAttr
        return np.full(spec.shape, attr.get_splat_value().value, dtype)
    if spec.dtype == "bf16":  # the bindings give no buffer for bf16 elements
        return _printed_bf16(attr).reshape(spec.shape)
    if dtype.kind not in "biuf":
        raise ValueError(f"constants of {spec.dtype} written as text cannot be read")
    return np.array(attr, copy=True).astype(dtype, copy=False).reshape(spec.shape)


def _short(attr: ir.Attribute) -> str:
    text = str(attr)
    return text if len(text) < 80 else text[:77] + "..."


_BF16_ELEMENT = re.compile(r"0x[0-9A-Fa-f]+|[-+]?(?:inf|nan|\d+\.?\d*(?:[eE][-+]?\d+)?)")


def _printed_bf16(attr: ir.DenseElementsAttr) -> np.ndarray:
    """The elements of a non-splat bf16 attribute, read from its printed form: `dense<"0x...">` (raw
    little-endian bits) or `dense<[1.5, 0x7FC0, ...]>` (decimals, and bit patterns for inf/NaN)."""
    text = str(attr)
    body = text[text.index("<") + 1 : text.rindex("> :")]
    bits = np.dtype(np.uint16)
    if body.startswith('"0x'):
        return np.frombuffer(bytes.fromhex(body[3:-1]), bits.newbyteorder("<")).view(NUMPY_DTYPES["bf16"]).copy()
    values = [
        np.array(int(token, 16), bits).view(NUMPY_DTYPES["bf16"]) if token.startswith("0x") else float(token)
        for token in _BF16_ELEMENT.findall(body)
    ]
    return np.array(values, NUMPY_DTYPES["bf16"])


def constant_of(value: ir.Value) -> np.ndarray | None:
    """The array of a value defined by an `arith.constant`; None for any other value, and for a
    constant that cannot be read (what passes that compute with constants, folding weights, need)."""
    owner = value.owner
    if not isinstance(owner, (ir.Operation, ir.OpView)) or owner.operation.name != "arith.constant":
        return None
    try:
        return constant_array(owner.attributes["value"])
    except ValueError:
        return None


_RESOURCE_BLOB = re.compile(r'^\s*([A-Za-z0-9_$.\-]+)\s*:\s*"0x([0-9A-Fa-f]*)"', re.MULTILINE)
_RESOURCE_USE = re.compile(r"dense_resource<([^>]+)>")


def read_printed_resources(module: ir.Module, text: str) -> None:
    """Remember the values of the `dense_resource` constants of a module parsed from `text`, from the
    blobs printed at the end of the text (`{-# dialect_resources: {builtin: {name: "0x..."}} #-}`: a
    4-byte alignment, then the raw elements), so that `constant_array` can read them."""
    start = text.rfind("{-#")
    if start < 0 or "dialect_resources" not in text[start:]:
        return
    blobs = {name: hexdigits for name, hexdigits in _RESOURCE_BLOB.findall(text[start:])}

    def visit(op):
        if op.name == "arith.constant":
            attr = op.attributes["value"]
            used = _RESOURCE_USE.match(str(attr))
            if used and used.group(1) in blobs:
                spec = TensorSpec.from_mlir(attr.type)
                data = bytes.fromhex(blobs[used.group(1)])[4:]
                stored = np.frombuffer(data, np.int8 if spec.dtype == "i1" else spec.np_dtype)
                _remember(attr, stored.astype(spec.np_dtype).reshape(spec.shape))
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
