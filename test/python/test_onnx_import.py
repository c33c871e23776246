"""The ONNX importer's handling of models as files: bad files get one clear error, unsupported models
list every unsupported op, external data is read only from inside the model's directory, and models
past protobuf's 2 GB limit load through external data."""

import os

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

import tgraph
from mlir import ir
from tgraph.dialect import make_context
from tgraph.frontend.onnx import import_model, load_model


def save(model, path):
    onnx.save(model, str(path))
    return path


def relu_model(opset=17):
    graph = helper.make_graph(
        [helper.make_node("Relu", ["x"], ["y"], name="act")],
        "relu",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", 3])],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


def test_a_model_file_round_trips_through_compile(tmp_path):
    path = save(relu_model(), tmp_path / "relu.onnx")
    function = tgraph.compile(path)
    x = np.array([[-1.0, 0.5, 2.0]], np.float32)
    np.testing.assert_array_equal(function(x), np.maximum(x, 0))
    assert function.input_names == ["x"]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "no graph"),
        (b"\x08\x07\x12\x04garbage-that-is-not-protobuf\xff\xff", "corrupt or truncated"),
    ],
    ids=["empty", "garbage"],
)
def test_corrupt_files(tmp_path, content, message):
    path = tmp_path / "bad.onnx"
    path.write_bytes(content)
    with pytest.raises(tgraph.CompileError, match=message):
        load_model(path)


def test_truncated_file(tmp_path):
    data = relu_model().SerializeToString()
    path = tmp_path / "truncated.onnx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(tgraph.CompileError, match=f"{path}: not a valid ONNX model"):
        load_model(path)


def test_missing_file(tmp_path):
    with pytest.raises(tgraph.CompileError, match="cannot read .*missing.onnx: No such file"):
        load_model(tmp_path / "missing.onnx")


def test_model_failing_the_checker(tmp_path):
    model = relu_model()
    model.graph.node[0].input[0] = "nowhere"  # an input no one produces
    path = save(model, tmp_path / "unchecked.onnx")
    with pytest.raises(tgraph.CompileError, match="fails ONNX checking"):
        load_model(path)


def test_every_unsupported_op_is_listed_at_once(tmp_path):
    graph = helper.make_graph(
        [
            helper.make_node("Hardmax", ["x"], ["a"], name="first"),
            helper.make_node("LpNormalization", ["a"], ["b"], name="lp"),
            helper.make_node("Hardmax", ["b"], ["y"], name="second"),
        ],
        "unsupported",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])],
    )
    path = save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), tmp_path / "m.onnx")
    with make_context(), pytest.raises(tgraph.CompileError) as error:
        import_model(path)
    assert str(error.value).endswith("unsupported ONNX ops: Hardmax (2 nodes: first, second); LpNormalization (1 node: lp)")


def test_old_opsets_are_converted(tmp_path):
    path = save(relu_model(opset=6), tmp_path / "old.onnx")
    x = np.array([[-1.0, 0.0, 1.0]], np.float32)
    np.testing.assert_array_equal(tgraph.compile(path)(x), np.maximum(x, 0))


def test_symbolic_dims_are_dynamic_unless_bound(tmp_path):
    path = save(relu_model(), tmp_path / "relu.onnx")
    assert str(tgraph.compile(path).input_types[0]) == "tensor<?x3xf32>"
    assert str(tgraph.compile(path, bind={"n": 5}).input_types[0]) == "tensor<5x3xf32>"


# --- external data ---------------------------------------------------------------------------------


def external_model(directory, location, values):
    """A model adding an initializer stored as external data at `location` (relative to directory)."""
    tensor = numpy_helper.from_array(values, "w")
    tensor.ClearField("raw_data")
    tensor.data_location = TensorProto.EXTERNAL
    for key, value in (("location", location), ("offset", "0"), ("length", str(values.nbytes))):
        entry = tensor.external_data.add()
        entry.key, entry.value = key, value
    graph = helper.make_graph(
        [helper.make_node("Add", ["x", "w"], ["y"], name="add")],
        "external",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, list(values.shape))],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, list(values.shape))],
        [tensor],
    )
    path = directory / "model.onnx"
    path.write_bytes(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString())
    return path


def test_external_data_inside_the_directory(tmp_path):
    values = np.arange(6, dtype=np.float32)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "w.bin").write_bytes(values.tobytes())
    path = external_model(tmp_path, "data/w.bin", values)
    np.testing.assert_array_equal(tgraph.compile(path)(np.ones(6, np.float32)), values + 1)


def test_external_data_escaping_the_directory_is_refused(tmp_path):
    values = np.arange(6, dtype=np.float32)
    (tmp_path / "secret.bin").write_bytes(values.tobytes())
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    path = external_model(model_dir, "../secret.bin", values)
    with pytest.raises(tgraph.CompileError, match="outside the model's directory: refused"):
        load_model(path)


def test_external_data_at_an_absolute_path_is_refused(tmp_path):
    values = np.arange(6, dtype=np.float32)
    secret = tmp_path / "secret.bin"
    secret.write_bytes(values.tobytes())
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    path = external_model(model_dir, str(secret), values)
    with pytest.raises(tgraph.CompileError, match="outside the model's directory: refused"):
        load_model(path)


def test_external_data_through_a_symlink_out_is_refused(tmp_path):
    values = np.arange(6, dtype=np.float32)
    (tmp_path / "secret.bin").write_bytes(values.tobytes())
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    os.symlink(tmp_path / "secret.bin", model_dir / "w.bin")
    path = external_model(model_dir, "w.bin", values)
    with pytest.raises(tgraph.CompileError, match="outside the model's directory: refused"):
        load_model(path)


def test_a_model_past_two_gigabytes_loads(tmp_path):
    """2 GiB + 4 KiB of float32 weights as external data (a sparse file: zeros cost no disk)."""
    count = (1 << 29) + 1024
    with open(tmp_path / "weights.bin", "wb") as data:
        data.truncate(count * 4)
    tensor = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[count], data_location=TensorProto.EXTERNAL)
    for key, value in (("location", "weights.bin"), ("offset", "0"), ("length", str(count * 4))):
        entry = tensor.external_data.add()
        entry.key, entry.value = key, value
    graph = helper.make_graph(
        [helper.make_node("Identity", ["w"], ["y"], name="weights")],
        "big",
        [],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [count])],
        [tensor],
    )
    path = tmp_path / "big.onnx"
    path.write_bytes(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString())
    with make_context():
        module = import_model(path)
        (constant,) = [op for op in module.body.operations[0].regions[0].blocks[0].operations if op.operation.name == "arith.constant"]
        weights = constant.attributes["value"]
        # (Printing a 2 GB blob as text takes minutes: check the attribute itself.)
        assert isinstance(ir.DenseResourceElementsAttr(weights), ir.DenseResourceElementsAttr)  # a cast that checks the kind
        assert str(weights.type) == f"tensor<{count}xf32>"
