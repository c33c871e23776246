"""ONNX models for Import/dim-names.mlir (and Transforms/tg-bind-dims.mlir): inputs with symbolic,
unknown and static dims."""

from onnx_models import TensorProto, helper, model, tensor, write_models


def named_dims():
    """x [batch, seq, 8] scaled by w [?, 8] (an unknown dim, no name) and shifted by s [8]."""
    return model(
        [helper.make_node("Mul", ["x", "w"], ["xw"], name="scale"), helper.make_node("Add", ["xw", "s"], ["y"], name="shift")],
        [tensor("x", TensorProto.FLOAT, ["batch", "seq", 8]), tensor("w", TensorProto.FLOAT, [None, 8]), tensor("s", TensorProto.FLOAT, [8])],
        [tensor("y", TensorProto.FLOAT, ["batch", "seq", 8])],
    )


if __name__ == "__main__":
    write_models(globals())
