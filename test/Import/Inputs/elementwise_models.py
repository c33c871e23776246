"""ONNX models for Import/elementwise.mlir."""

from onnx_models import TensorProto, helper, model, np, tensor, write_models


def add_broadcast():
    return model(
        [helper.make_node("Add", ["x", "b"], ["y"], name="bias_add")],
        [tensor("x", TensorProto.FLOAT, ["batch", 4])],
        [tensor("y", TensorProto.FLOAT, ["batch", 4])],
        {"b": np.arange(4, dtype=np.float32)},
    )


def mean_of_three():
    return model(
        [helper.make_node("Mean", ["a", "b", "c"], ["y"])],
        [tensor(n, TensorProto.FLOAT, [2, 3]) for n in "abc"],
        [tensor("y", TensorProto.FLOAT, [2, 3])],
    )


def unsupported_ops():
    return model(
        [
            helper.make_node("Relu", ["x"], ["a"], name="ok"),
            helper.make_node("Hardmax", ["a"], ["b"], name="h1"),
            helper.make_node("Hardmax", ["b"], ["c"], name="h2"),
            helper.make_node("LpNormalization", ["c"], ["y"], name="lp"),
        ],
        [tensor("x", TensorProto.FLOAT, [2, 3])],
        [tensor("y", TensorProto.FLOAT, [2, 3])],
    )


if __name__ == "__main__":
    write_models(globals())
