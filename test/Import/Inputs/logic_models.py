"""ONNX models for Import/logic.mlir."""

from onnx_models import TensorProto, helper, model, np, tensor, write_models


def comparisons():
    """Each comparison once; the second operand broadcasts."""
    ops = ["Equal", "Greater", "GreaterOrEqual", "Less", "LessOrEqual"]
    return model(
        [helper.make_node(op, ["x", "y"], [f"out_{op}"], name=op.lower()) for op in ops],
        [tensor("x", TensorProto.INT32, ["n", 4]), tensor("y", TensorProto.INT32, [4])],
        [tensor(f"out_{op}", TensorProto.BOOL, ["n", 4]) for op in ops],
    )


def logic():
    return model(
        [
            helper.make_node("And", ["a", "b"], ["t1"]),
            helper.make_node("Or", ["t1", "b"], ["t2"]),
            helper.make_node("Xor", ["t2", "a"], ["t3"]),
            helper.make_node("Not", ["t3"], ["y"]),
        ],
        [tensor("a", TensorProto.BOOL, [2, 3]), tensor("b", TensorProto.BOOL, [3])],
        [tensor("y", TensorProto.BOOL, [2, 3])],
    )


def where():
    """Where with a scalar initializer as the false branch: three-way broadcasting."""
    return model(
        [helper.make_node("Where", ["c", "x", "zero"], ["y"])],
        [tensor("c", TensorProto.BOOL, ["n", 1]), tensor("x", TensorProto.FLOAT, ["n", 4])],
        [tensor("y", TensorProto.FLOAT, ["n", 4])],
        {"zero": np.array(0.0, np.float32)},
    )


def casts():
    """Cast with its attribute variants (saturate only reaches the IR where it matters), CastLike,
    and a Cast to the input's own type, which disappears."""
    F = TensorProto
    return model(
        [
            helper.make_node("Cast", ["x"], ["half"], to=F.FLOAT16, name="to_half"),
            helper.make_node("Cast", ["x"], ["f8"], to=F.FLOAT8E4M3FN, saturate=0, name="to_f8"),
            helper.make_node("Cast", ["x"], ["int"], to=F.INT32, saturate=0, name="to_int"),
            helper.make_node("Cast", ["x"], ["e8m0"], to=F.FLOAT8E8M0, round_mode="nearest", name="to_e8m0"),
            helper.make_node("Cast", ["x"], ["same"], to=F.FLOAT, name="to_same"),
            helper.make_node("CastLike", ["half", "like"], ["back"], name="cast_like"),
        ],
        [tensor("x", F.FLOAT, ["n", 8]), tensor("like", F.DOUBLE, [1])],
        [
            tensor("f8", F.FLOAT8E4M3FN, ["n", 8]),
            tensor("int", F.INT32, ["n", 8]),
            tensor("e8m0", F.FLOAT8E8M0, ["n", 8]),
            tensor("same", F.FLOAT, ["n", 8]),
            tensor("back", F.DOUBLE, ["n", 8]),
        ],
        opset=25,
    )


def cast_constant():
    """A Cast of an initializer folds at import (saturating to 448 in f8E4M3FN)."""
    return model(
        [helper.make_node("Cast", ["c"], ["y"], to=TensorProto.FLOAT8E4M3FN)],
        [],
        [tensor("y", TensorProto.FLOAT8E4M3FN, [3])],
        {"c": np.array([0.5, 1000.0, -3.0], np.float32)},
    )


def cast_to_string():
    return model(
        [helper.make_node("Cast", ["x"], ["y"], to=TensorProto.STRING, name="stringify")],
        [tensor("x", TensorProto.FLOAT, [2])],
        [tensor("y", TensorProto.STRING, [2])],
    )


def cast_bad_round_mode():
    return model(
        [helper.make_node("Cast", ["x"], ["y"], to=TensorProto.FLOAT8E8M0, round_mode="zero", name="odd_rounding")],
        [tensor("x", TensorProto.FLOAT, [2])],
        [tensor("y", TensorProto.FLOAT8E8M0, [2])],
        opset=25,
    )


if __name__ == "__main__":
    write_models(globals())
