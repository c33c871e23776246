"""Small ONNX models for the import tests, built with onnx.helper.

Each `<family>_models.py` beside this file defines functions that return a ModelProto and calls
`write_models(globals())`: running it as `python <family>_models.py OUTDIR` writes every model as
OUTDIR/<function name>.onnx, so a lit test can `tg-import` them.
"""

import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 21


def tensor(name, elem_type, shape):
    """A graph input/output description; `shape` entries may be ints or names (dim_param)."""
    return helper.make_tensor_value_info(name, elem_type, shape)


def model(nodes, inputs, outputs, initializers=(), opset=OPSET, name="test"):
    """A checked model of `nodes`, with names given to unnamed nodes from their op type."""
    for index, node in enumerate(nodes):
        if not node.name:
            node.name = f"{node.op_type.lower()}{index}"
    graph = helper.make_graph(nodes, name, inputs, outputs, [numpy_helper.from_array(np.asarray(v), k) for k, v in dict(initializers).items()])
    result = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    onnx.checker.check_model(result)
    return result


def write_models(namespace: dict) -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, builder in namespace.items():
        if callable(builder) and getattr(builder, "__module__", None) == "__main__" and not name.startswith("_"):
            onnx.save(builder(), str(out / f"{name}.onnx"))


__all__ = ["TensorProto", "helper", "np", "model", "tensor", "write_models"]
