"""`--tg-canonicalize` preserves results: graphs made for each rewrite, and the two example ONNX models,
compiled with and without the pass (no other graph optimization either way) and run on the same
random inputs, inf, NaN and -0.0 included. Each graph must actually change under the pass."""

import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import TOLERANCES, random_array
from onnx import TensorProto, helper

import tgraph
from tgraph.dialect import TG, make_context, parse_module
from tgraph.frontend.onnx import import_model
from tgraph.runtime.jit import run_pipeline
from tgraph.transforms.canonicalize import canonicalize

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
from onnx_models import resnet_cnn, transformer_layer  # noqa: E402

GRAPHS = {
    "arithmetic_identities": """
func.func @main(%x: tensor<?x4xf32>, %i: tensor<?x4xi32>) -> (tensor<?x4xf32>, tensor<?x4xi32>) {
  %zeros = arith.constant dense<0.0> : tensor<1x4xf32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %izero = arith.constant dense<0> : tensor<4xi32>
  %ione = arith.constant dense<1> : tensor<i32>
  %0 = "tg.add"(%x, %zeros) : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<?x4xf32>
  %1 = "tg.mul"(%one, %0) : (tensor<f32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  %2 = "tg.div"(%1, %one) : (tensor<?x4xf32>, tensor<f32>) -> tensor<?x4xf32>
  %3 = "tg.sub"(%2, %zeros) : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<?x4xf32>
  %4 = "tg.add"(%izero, %i) : (tensor<4xi32>, tensor<?x4xi32>) -> tensor<?x4xi32>
  %5 = "tg.div"(%4, %ione) : (tensor<?x4xi32>, tensor<i32>) -> tensor<?x4xi32>
  %6 = "tg.mul"(%5, %ione) : (tensor<?x4xi32>, tensor<i32>) -> tensor<?x4xi32>
  return %3, %6 : tensor<?x4xf32>, tensor<?x4xi32>
}""",
    "negations_and_self_differences": """
func.func @main(%x: tensor<?xi8>, %y: tensor<3x?xi64>, %z: tensor<?xf32>) -> (tensor<?xi8>, tensor<3x?xi64>, tensor<?xf32>) {
  %0 = "tg.neg"(%x) : (tensor<?xi8>) -> tensor<?xi8>
  %1 = "tg.neg"(%0) : (tensor<?xi8>) -> tensor<?xi8>
  %2 = "tg.sub"(%y, %y) : (tensor<3x?xi64>, tensor<3x?xi64>) -> tensor<3x?xi64>
  %3 = "tg.neg"(%z) : (tensor<?xf32>) -> tensor<?xf32>
  %4 = "tg.neg"(%3) : (tensor<?xf32>) -> tensor<?xf32>
  %5 = "tg.sub"(%4, %4) : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  return %1, %2, %5 : tensor<?xi8>, tensor<3x?xi64>, tensor<?xf32>
}""",
    "transposes": """
func.func @main(%x: tensor<2x?x5xf32>) -> (tensor<2x?x5xf32>, tensor<5x2x?xf32>, tensor<?x5x2xf32>) {
  %0 = "tg.transpose"(%x) {perm = array<i64: 1, 2, 0>} : (tensor<2x?x5xf32>) -> tensor<?x5x2xf32>
  %1 = "tg.transpose"(%0) {perm = array<i64: 2, 0, 1>} : (tensor<?x5x2xf32>) -> tensor<2x?x5xf32>
  %2 = "tg.transpose"(%0) {perm = array<i64: 1, 2, 0>} : (tensor<?x5x2xf32>) -> tensor<5x2x?xf32>
  %3 = "tg.transpose"(%0) {perm = array<i64: 0, 1, 2>} : (tensor<?x5x2xf32>) -> tensor<?x5x2xf32>
  return %1, %2, %3 : tensor<2x?x5xf32>, tensor<5x2x?xf32>, tensor<?x5x2xf32>
}""",
    "reshapes": """
func.func @main(%x: tensor<?x4xf32>, %y: tensor<2x6xi64>) -> (tensor<?x2x2xf32>, tensor<3x4xi64>, tensor<12xi64>, tensor<?x4xf32>) {
  %0 = "tg.reshape"(%x) : (tensor<?x4xf32>) -> tensor<?xf32>
  %1 = "tg.reshape"(%0) : (tensor<?xf32>) -> tensor<2x?x2xf32>
  %2 = "tg.reshape"(%1) : (tensor<2x?x2xf32>) -> tensor<?x2x2xf32>
  %3 = "tg.reshape"(%y) : (tensor<2x6xi64>) -> tensor<12xi64>
  %4 = "tg.reshape"(%3) : (tensor<12xi64>) -> tensor<3x4xi64>
  %5 = "tg.reshape"(%x) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %2, %4, %3, %5 : tensor<?x2x2xf32>, tensor<3x4xi64>, tensor<12xi64>, tensor<?x4xf32>
}""",
    "casts": """
func.func @main(%x: tensor<?xf16>, %i: tensor<?xi8>, %u: tensor<?xui8>, %f: tensor<?xf32>) -> (tensor<?xf16>, tensor<?xi64>, tensor<?xf8E5M2>, tensor<?xf32>, tensor<?xi1>) {
  %0 = "tg.cast"(%x) : (tensor<?xf16>) -> tensor<?xf32>
  %1 = "tg.cast"(%0) : (tensor<?xf32>) -> tensor<?xf16>
  %2 = "tg.cast"(%i) : (tensor<?xi8>) -> tensor<?xi32>
  %3 = "tg.cast"(%2) : (tensor<?xi32>) -> tensor<?xi64>
  %4 = "tg.cast"(%u) : (tensor<?xui8>) -> tensor<?xf16>
  %5 = "tg.cast"(%4) : (tensor<?xf16>) -> tensor<?xf8E4M3FN>
  %s = "tg.cast"(%5) : (tensor<?xf8E4M3FN>) -> tensor<?xf32>
  %t = "tg.cast"(%s) {saturate = false} : (tensor<?xf32>) -> tensor<?xf8E5M2>
  %6 = "tg.cast"(%f) : (tensor<?xf32>) -> tensor<?xf16>
  %7 = "tg.cast"(%6) : (tensor<?xf16>) -> tensor<?xf32>
  %8 = "tg.cast"(%i) : (tensor<?xi8>) -> tensor<?xf32>
  %9 = "tg.cast"(%8) : (tensor<?xf32>) -> tensor<?xi1>
  return %1, %3, %t, %7, %9 : tensor<?xf16>, tensor<?xi64>, tensor<?xf8E5M2>, tensor<?xf32>, tensor<?xi1>
}""",
    "broadcasts": """
func.func @main(%x: tensor<?x4xf32>, %b: tensor<4xf32>) -> (tensor<?x4xf32>, tensor<3x4xf32>) {
  %c = arith.constant dense<0.5> : tensor<1x4xf32>
  %s = arith.constant dense<-1.5> : tensor<1xf32>
  %0 = "tg.max"(%x, %c) : (tensor<?x4xf32>, tensor<1x4xf32>) -> tensor<?x4xf32>
  %t = "tg.shape"(%x) : (tensor<?x4xf32>) -> tensor<2xi64>
  %1 = "tg.broadcast_to"(%b, %t) : (tensor<4xf32>, tensor<2xi64>) -> tensor<?x4xf32>
  %2 = "tg.mul"(%0, %1) : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  %3 = "tg.broadcast_to"(%s) : (tensor<1xf32>) -> tensor<3x4xf32>
  return %2, %3 : tensor<?x4xf32>, tensor<3x4xf32>
}""",
    "shapes": """
func.func @main(%x: tensor<?x?x8xf32>, %y: tensor<?xf32>) -> (tensor<2xi64>, tensor<1xi64>, tensor<2xi64>, tensor<?x?x2x4xf32>) {
  %target = arith.constant dense<[0, 0, 2, 4]> : tensor<4xi64>
  %two = arith.constant dense<2> : tensor<i64>
  %0 = "tg.relu"(%x) : (tensor<?x?x8xf32>) -> tensor<?x?x8xf32>
  %1 = "tg.reshape"(%0, %target) : (tensor<?x?x8xf32>, tensor<4xi64>) -> tensor<?x?x2x4xf32>
  %2 = "tg.transpose"(%1) {perm = array<i64: 2, 0, 1, 3>} : (tensor<?x?x2x4xf32>) -> tensor<2x?x?x4xf32>
  %3 = "tg.shape"(%2) {start = 1 : i64, end = 3 : i64} : (tensor<2x?x?x4xf32>) -> tensor<2xi64>
  %4 = "tg.broadcast_to"(%y) : (tensor<?xf32>) -> tensor<5x?xf32>
  %5 = "tg.shape"(%4) {start = 1 : i64} : (tensor<5x?xf32>) -> tensor<1xi64>
  %6 = "tg.shape"(%2) {start = 2 : i64} : (tensor<2x?x?x4xf32>) -> tensor<2xi64>
  %7 = "tg.mul"(%6, %two) : (tensor<2xi64>, tensor<i64>) -> tensor<2xi64>
  return %3, %5, %7, %1 : tensor<2xi64>, tensor<1xi64>, tensor<2xi64>, tensor<?x?x2x4xf32>
}""",
    "dims_picked_from_shapes": """
func.func @main(%x: tensor<?x?x?xf32>) -> (tensor<?x?xf32>, tensor<2xi64>, tensor<i64>) {
  %zero = arith.constant dense<0> : tensor<i64>
  %one = arith.constant dense<1> : tensor<1xi64>
  %three = arith.constant dense<3> : tensor<1xi64>
  %minus = arith.constant dense<-1> : tensor<1xi64>
  %s = "tg.shape"(%x) : (tensor<?x?x?xf32>) -> tensor<3xi64>
  %0 = "tg.gather"(%s, %zero) {axis = 0 : i64} : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  %1 = "tg.reshape"(%0) : (tensor<i64>) -> tensor<1xi64>
  %2 = "tg.concat"(%1, %minus) {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %3 = "tg.reshape"(%x, %2) : (tensor<?x?x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %4 = "tg.slice"(%s, %one, %three) : (tensor<3xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  return %3, %4, %0 : tensor<?x?xf32>, tensor<2xi64>, tensor<i64>
}""",
}

#: Values that arithmetic identities must carry through unchanged.
SPECIAL_FLOATS = [np.inf, -np.inf, np.nan, -0.0, 0.0]


def canonicalized(module):
    """A copy of `module` (an ir.Module) after --tg-canonicalize, checked to be a fixed point."""
    copy = parse_module(str(module), "<copy>", module.context)
    run_pipeline(copy, "tg-canonicalize")
    assert canonicalize(copy.operation, max_elements=1 << 20) == 0, "a second run still changes the graph"
    return copy


def tg_op_count(module) -> int:
    return len(TG.ops_in(module.operation))


def random_inputs(function, rng, dynamic_size: int):
    arrays = []
    for spec in function.input_types:
        shape = tuple(dynamic_size if d is None else d for d in spec.shape)
        array = random_array(rng, shape, spec.dtype)
        if spec.dtype in TOLERANCES and array.size >= len(SPECIAL_FLOATS):
            array.reshape(-1)[: len(SPECIAL_FLOATS)] = SPECIAL_FLOATS
        arrays.append(array)
    return arrays


def assert_same_outputs(before, after, output_types, what: str):
    before = before if isinstance(before, tuple) else (before,)
    after = after if isinstance(after, tuple) else (after,)
    for index, (b, a, spec) in enumerate(zip(before, after, output_types)):
        message = f"{what}: output #{index} ({spec})"
        assert a.shape == b.shape, message
        if spec.dtype in TOLERANCES:
            rtol, atol = TOLERANCES[spec.dtype]
            np.testing.assert_allclose(a.astype(np.float64), b.astype(np.float64), rtol=rtol, atol=atol, err_msg=message)
        else:  # integers, booleans and storage floats: the same bits
            np.testing.assert_array_equal(a.reshape(-1).view(np.uint8), b.reshape(-1).view(np.uint8), err_msg=message)


def compare(module, what: str, dynamic_sizes=(1, 3)):
    """Compile `module` with and without the pass and compare their outputs on random inputs."""
    simplified = canonicalized(module)
    assert tg_op_count(simplified) < tg_op_count(module) or str(simplified) != str(module), f"{what}: nothing changed"
    before = tgraph.compile(module, opt_level=0)
    after = tgraph.compile(simplified, opt_level=0)
    rng = np.random.default_rng(0)
    for size in dynamic_sizes:
        inputs = random_inputs(before, rng, size)
        assert_same_outputs(before(*inputs), after(*inputs), before.output_types, f"{what}, dynamic dims {size}")


@pytest.mark.parametrize("name", list(GRAPHS))
def test_rewrites_preserve_results(name):
    with make_context() as context:
        compare(parse_module(GRAPHS[name], name, context), name)


@pytest.mark.parametrize("build", [resnet_cnn, transformer_layer], ids=["cnn", "transformer"])
def test_onnx_models_preserve_results(build):
    with make_context():
        module = import_model(build(seed=2))
        compare(module, build.__name__, dynamic_sizes=(2,))


LIT_CASES = (Path(__file__).resolve().parents[1] / "Transforms" / "tg-canonicalize.mlir").read_text().split("// -----")


@pytest.mark.parametrize("index", range(len(LIT_CASES)))
def test_lit_cases_reach_a_fixed_point(index):
    """Every case of the lit test: one run of the pass leaves nothing for a second one."""
    with make_context() as context:
        canonicalized(parse_module(LIT_CASES[index], "tg-canonicalize.mlir", context))


def test_identity_and_dropout_leave_no_op():
    """The importer maps ONNX Identity and inference Dropout to their input: nothing to canonicalize."""
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", 4])
    nodes = [
        helper.make_node("Identity", ["x"], ["a"]),
        helper.make_node("Dropout", ["a"], ["b"]),
        helper.make_node("Relu", ["b"], ["y"]),
    ]
    model = helper.make_model(helper.make_graph(nodes, "g", [x], [y]), opset_imports=[helper.make_opsetid("", 13)])
    with make_context():
        module = import_model(model)
    assert [op.name for op in TG.ops_in(module.operation)] == ["tg.relu"]
