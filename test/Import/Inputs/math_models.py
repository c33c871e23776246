"""ONNX models for Import/math.mlir: math functions and activations."""

from onnx_models import TensorProto, helper, model, np, tensor, write_models

FLOAT = TensorProto.FLOAT


def _unary_chain(op_types, elem_type=FLOAT, shape=("n", 4), **attrs):
    """x -> op_types[0] -> op_types[1] ... -> y, one node per op, with the same attributes."""
    names = ["x"] + [f"t{i}" for i in range(len(op_types) - 1)] + ["y"]
    nodes = [helper.make_node(op, [a], [b], **attrs) for op, a, b in zip(op_types, names, names[1:])]
    return model(nodes, [tensor("x", elem_type, list(shape))], [tensor("y", elem_type, list(shape))])


def functions():
    return _unary_chain(["Abs", "Ceil", "Floor", "Round", "Sign", "Erf", "Softplus", "Reciprocal"])


def trigonometry():
    return _unary_chain(["Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Acosh", "Atanh"])


def integer_abs_sign():
    return _unary_chain(["Abs", "Sign"], TensorProto.INT16, (3,))


def mod_fmod():
    nodes = [helper.make_node("Mod", ["x", "y"], ["r"]), helper.make_node("Mod", ["r", "y"], ["f"], fmod=1)]
    return model(nodes, [tensor("x", TensorProto.INT32, [3, 5]), tensor("y", TensorProto.INT32, [5])], [tensor("f", TensorProto.INT32, [3, 5])])


def pow_mixed():
    nodes = [helper.make_node("Pow", ["x", "e"], ["y"]), helper.make_node("Pow", ["i", "x"], ["z"])]
    inputs = [tensor("x", FLOAT, [3]), tensor("e", TensorProto.INT64, [3]), tensor("i", TensorProto.INT32, [3])]
    return model(nodes, inputs, [tensor("y", FLOAT, [3]), tensor("z", TensorProto.INT32, [3])])


def clip_inputs():
    nodes = [helper.make_node("Clip", ["x", "lo", "hi"], ["a"]), helper.make_node("Clip", ["a", "", "hi"], ["y"])]
    inputs = [tensor("x", TensorProto.INT8, ["n"]), tensor("lo", TensorProto.INT8, []), tensor("hi", TensorProto.INT8, [])]
    return model(nodes, inputs, [tensor("y", TensorProto.INT8, ["n"])])


def clip_attributes():
    """Clip before opset 11 has its bounds as attributes."""
    return model(
        [helper.make_node("Clip", ["x"], ["y"], min=-1.0, max=6.0)],
        [tensor("x", FLOAT, ["n"])],
        [tensor("y", FLOAT, ["n"])],
        opset=10,
    )


def leaky_relu():
    nodes = [helper.make_node("LeakyRelu", ["x"], ["a"], alpha=0.1), helper.make_node("LeakyRelu", ["a"], ["y"], alpha=2.0)]
    return model(nodes, [tensor("x", FLOAT, ["n", 4])], [tensor("y", FLOAT, ["n", 4])])


def prelu():
    return model(
        [helper.make_node("PRelu", ["x", "slope"], ["y"])],
        [tensor("x", FLOAT, ["n", 3, 2])],
        [tensor("y", FLOAT, ["n", 3, 2])],
        {"slope": np.array([[0.1], [0.2], [-0.3]], np.float32)},
    )


def hard_sigmoid_swish():
    nodes = [helper.make_node("HardSigmoid", ["x"], ["a"], alpha=0.5, beta=0.6), helper.make_node("HardSwish", ["a"], ["y"])]
    return model(nodes, [tensor("x", FLOAT, ["n"])], [tensor("y", FLOAT, ["n"])])


def elu():
    return _unary_chain(["Elu"], alpha=2.0)


def celu():
    return _unary_chain(["Celu"], alpha=2.0)


def selu():
    return _unary_chain(["Selu"], alpha=2.0, gamma=3.0)


def softsign_mish():
    return _unary_chain(["Softsign", "Mish"])


def celu_alpha_zero():
    return _unary_chain(["Celu"], alpha=0.0)


if __name__ == "__main__":
    write_models(globals())
