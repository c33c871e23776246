"""Running the ONNX backend node tests (generated in memory from the installed `onnx` package) through
tgraph, one by one, with the reason of every failure. Used by tools/gen_supported_ops.py; the CI test
module test/python/test_onnx_backend.py runs the same tests through onnx.backend.test.BackendTest."""

from __future__ import annotations

import re
import traceback
import warnings
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import onnx
from onnx.backend.test.loader import load_model_tests
from onnx.backend.test.runner import Runner

from tgraph.frontend.backend import TgraphBackend, TgraphDynamicBackend

#: The ops issue 3 asks for, whose node tests are the measure of coverage.
LISTED_OPS = """Abs Acos Acosh Add And ArgMax ArgMin Asin Asinh Atan Atanh AveragePool BatchNormalization Cast
CastLike Ceil Celu Clip Concat Constant ConstantOfShape Conv ConvTranspose Cos Cosh CumSum DepthToSpace Div
Dropout Einsum Elu Equal Erf Exp Expand Flatten Floor Gather GatherElements Gelu Gemm GlobalAveragePool
GlobalMaxPool Greater GreaterOrEqual HardSigmoid HardSwish Identity InstanceNormalization
LayerNormalization LeakyRelu Less LessOrEqual Log LogSoftmax LRN MatMul Max MaxPool Mean Min Mish Mod Mul
Neg Not Or Pad Pow PRelu Range Reciprocal ReduceL1 ReduceL2 ReduceLogSumExp ReduceMax ReduceMean ReduceMin
ReduceProd ReduceSum ReduceSumSquare Relu Reshape Resize Round Selu Shape Sigmoid Sign Sin Sinh Size Slice
Softmax Softplus Softsign SpaceToDepth Split Sqrt Squeeze Sub Sum Tan Tanh Tile Transpose Trilu Unsqueeze
Where Xor""".split()


@dataclass
class Outcome:
    test: str
    op: str | None
    dynamic: bool
    passed: bool
    reason: str = ""


@lru_cache(maxsize=None)
def all_ops() -> list[str]:
    """Every op of the default ONNX domain."""
    return sorted({s.name for s in onnx.defs.get_all_schemas_with_history() if s.domain in ("", "ai.onnx")})


def _squash(name: str) -> str:
    return name.lower().replace("_", "")


def op_of(case) -> str | None:
    """The op a node test is about: its only node's op, else the longest op name its name starts with."""
    nodes = case.model.graph.node
    if len(nodes) == 1:
        return nodes[0].op_type
    name = _squash(case.name[len("test_"):].replace("_expanded", ""))
    matches = [op for op in all_ops() if name.startswith(_squash(op))]
    return max(matches, key=len) if matches else None


@lru_cache(maxsize=None)
def node_cases():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [case for case in load_model_tests(kind="node") if case.model is not None]


def run_case(case, dynamic: bool) -> Outcome:
    """Prepare and run one node test; passed, or the first line of why not."""
    backend = TgraphDynamicBackend if dynamic else TgraphBackend
    op = op_of(case)
    try:
        rep = backend.prepare(case.model, "CPU")
        for inputs, expected in _data_sets(case):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                outputs = rep.run(inputs)
            Runner.assert_similar_outputs(list(expected), list(outputs), rtol=case.rtol, atol=case.atol, model_dir=None)
    except AssertionError as e:
        return Outcome(case.name, op, dynamic, False, "wrong result: " + _first_line(str(e) or "outputs differ"))
    except Exception as e:  # noqa: BLE001 - every failure is a row of the report
        return Outcome(case.name, op, dynamic, False, _first_line(f"{type(e).__name__}: {e}"))
    return Outcome(case.name, op, dynamic, True)


def _data_sets(case):
    """The case's (inputs, expected outputs) as arrays: some tests (Cast to 4-bit and 8-bit types...)
    store TensorProtos, which onnx's own runner converts the same way."""
    for inputs, expected in case.data_sets:
        yield inputs_as_arrays(inputs), inputs_as_arrays(expected)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    line = lines[0] if lines else ""
    # Mismatch reports start with a generic header: the detail is on the next lines.
    if line.startswith("Not equal to tolerance") or line.startswith("Arrays are not"):
        detail = next((l for l in lines[1:] if l.startswith("Mismatched elements") or l.startswith("(shapes")), "")
        line = f"{line} {detail}".strip()
    return re.sub(r"\s+", " ", line)[:240]


def run_all(dynamic: bool, select=None) -> list[Outcome]:
    return [run_case(case, dynamic) for case in node_cases() if select is None or select(case)]


def trace(case, dynamic: bool) -> str:
    """The full traceback of one test, for debugging."""
    try:
        backend = TgraphDynamicBackend if dynamic else TgraphBackend
        rep = backend.prepare(case.model, "CPU")
        for inputs, expected in _data_sets(case):
            outputs = rep.run(inputs)
            Runner.assert_similar_outputs(list(expected), list(outputs), rtol=case.rtol, atol=case.atol, model_dir=None)
    except Exception:  # noqa: BLE001
        return traceback.format_exc()
    return "passed"


def case_named(name: str):
    return next(c for c in node_cases() if c.name == name)


def inputs_as_arrays(inputs) -> list[np.ndarray]:
    return [onnx.numpy_helper.to_array(i) if isinstance(i, onnx.TensorProto) else np.asarray(i) for i in inputs]
