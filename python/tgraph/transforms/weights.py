"""Constants the passes compute from others (folded or transposed weights, merged biases).

Large ones are `dense_resource` blobs, as the importer stores initializers, named after the constant
they derive from (`conv_w_18` -> `conv_w_18_hwcf`), so printed IR stays readable and says where a
weight came from; small ones are `dense<...>`.
"""

from __future__ import annotations

import re

import numpy as np
from mlir import ir
from mlir.dialects import arith

from ..dialect import TensorSpec
from ..dialect.constants import dense_attribute, resource_attribute

#: Arrays with more elements than this become resource blobs (the importer's threshold too).
RESOURCE_ELEMENTS = 1024

_RESOURCE_NAME = re.compile(r"dense_resource<([^>]+)>")


def derived_constant(array: np.ndarray, source: ir.Value | None = None, suffix: str = "derived") -> ir.Value:
    """An `arith.constant` of `array` at the current insertion point: a resource named
    `<source's resource name>_<suffix>` (or `<suffix>`) when it is large, a `dense<...>` otherwise."""
    array = np.ascontiguousarray(array)
    if array.size <= RESOURCE_ELEMENTS:
        attr = dense_attribute(array)
    else:
        attr = resource_attribute(array, f"{_resource_name(source)}_{suffix}" if _resource_name(source) else suffix)
    return arith.ConstantOp(TensorSpec.of_array(array).to_mlir(), attr).result


def _resource_name(value: ir.Value | None) -> str | None:
    owner = value.owner if value is not None else None
    if not isinstance(owner, (ir.Operation, ir.OpView)) or owner.operation.name != "arith.constant":
        return None
    try:  # printing a dense_resource is cheap; printing a large dense<...> would not be
        attr = ir.DenseResourceElementsAttr(owner.operation.attributes["value"])
    except ValueError:
        return None
    found = _RESOURCE_NAME.match(str(attr))
    return found.group(1) if found else None
