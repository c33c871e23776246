"""ONNX models for Import/nn.mlir: convolutions, pooling and normalizations."""

from onnx_models import TensorProto, helper, model, np, tensor, write_models

FLOAT = TensorProto.FLOAT


def _weights(*shape):
    return np.arange(np.prod(shape), dtype=np.float32).reshape(shape) / 10


def _one_node(op_type, x_shape, y_shape, inputs=(), initializers=None, more_outputs=(), **attrs):
    """A model of one node reading graph input x (and `inputs`), writing y (and `more_outputs`, given
    as value infos)."""
    outputs = [tensor("y", FLOAT, y_shape), *more_outputs]
    node = helper.make_node(op_type, ["x", *inputs], [o.name for o in outputs], name=op_type.lower(), **attrs)
    return model([node], [tensor("x", FLOAT, x_shape)], outputs, initializers or {})


def conv_bias():
    return _one_node("Conv", ["n", 3, 8, 8], ["n", 4, 4, 4], ["w", "b"], {"w": _weights(4, 3, 3, 3), "b": _weights(4)}, strides=[2, 2], pads=[1, 1, 1, 1])


def conv_same_static():
    return _one_node("Conv", [1, 3, 7, 7], [1, 4, 4, 4], ["w"], {"w": _weights(4, 3, 3, 3)}, auto_pad="SAME_UPPER", strides=[2, 2])


def conv_same_dynamic():
    return _one_node("Conv", [1, 3, "h", "w"], [1, 4, "oh", "ow"], ["w"], {"w": _weights(4, 3, 3, 3)}, auto_pad="SAME_LOWER", strides=[2, 2])


def conv_valid_depthwise_1d():
    return _one_node("Conv", [2, 4, 9], [2, 8, 7], ["w"], {"w": _weights(8, 1, 3)}, auto_pad="VALID", group=4)


def conv_kernel_shape_mismatch():
    return _one_node("Conv", [1, 3, 7, 7], [1, 4, 3, 3], ["w"], {"w": _weights(4, 3, 3, 3)}, kernel_shape=[5, 5])


def conv_transpose_output_shape():
    return _one_node("ConvTranspose", [1, 1, 3, 3], [1, 2, 10, 8], ["w"], {"w": _weights(1, 2, 3, 3)}, strides=[3, 2], output_shape=[10, 8])


def conv_transpose_same_dynamic():
    return _one_node("ConvTranspose", ["n", 2, "h", "w"], ["n", 2, "oh", "ow"], ["w"], {"w": _weights(2, 2, 3, 3)}, strides=[2, 2], auto_pad="SAME_UPPER")


def conv_transpose_output_shape_dynamic():
    return _one_node("ConvTranspose", [1, 1, "h", "w"], [1, 2, 10, 8], ["w"], {"w": _weights(1, 2, 3, 3)}, strides=[3, 2], output_shape=[10, 8])


def max_pool_indices():
    return _one_node("MaxPool", ["n", 2, 6, 6], ["n", 2, 3, 3], more_outputs=[tensor("i", TensorProto.INT64, ["n", 2, 3, 3])], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 0, 0], storage_order=1)


def average_pool_ceil():
    return _one_node("AveragePool", [1, 2, 5, 5], [1, 2, 3, 3], kernel_shape=[2, 2], strides=[2, 2], ceil_mode=1, count_include_pad=1)


def average_pool_same_dynamic():
    return _one_node("AveragePool", ["n", 2, "h", "w"], ["n", 2, "h", "w"], kernel_shape=[3, 3], auto_pad="SAME_UPPER")


def global_pools():
    nodes = [helper.make_node("GlobalAveragePool", ["x"], ["a"]), helper.make_node("GlobalMaxPool", ["a"], ["y"])]
    return model(nodes, [tensor("x", FLOAT, ["n", 8, 7, 7])], [tensor("y", FLOAT, ["n", 8, 1, 1])])


def batch_norm_constant():
    params = {"s": np.array([1.0, 2.0], np.float32), "b": np.array([0.5, -0.5], np.float32), "m": np.array([1.0, 0.0], np.float32), "v": np.array([3.0, 0.0], np.float32)}
    return _one_node("BatchNormalization", ["n", 2, 4, 4], ["n", 2, 4, 4], ["s", "b", "m", "v"], params, epsilon=1.0)


def batch_norm_inputs():
    inputs = [tensor(name, FLOAT, [3]) for name in "sbmv"]
    node = helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"], name="bn")
    return model([node], [tensor("x", FLOAT, ["n", 3, 5]), *inputs], [tensor("y", FLOAT, ["n", 3, 5])])


def batch_norm_training():
    inputs = [tensor(name, FLOAT, [3]) for name in "sbmv"]
    node = helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y", "running_mean", "running_var"], name="bn_train", training_mode=1)
    outputs = [tensor("y", FLOAT, [2, 3]), tensor("running_mean", FLOAT, [3]), tensor("running_var", FLOAT, [3])]
    return model([node], [tensor("x", FLOAT, [2, 3]), *inputs], outputs)


def instance_norm():
    return _one_node("InstanceNormalization", ["n", 2, "h", "w"], ["n", 2, "h", "w"], ["s", "b"], {"s": np.ones(2, np.float32), "b": np.zeros(2, np.float32)}, epsilon=1e-3)


def layer_norm():
    scale, bias = np.ones((4, 8), np.float32), np.zeros((4, 8), np.float32)
    node = helper.make_node("LayerNormalization", ["x", "s", "b"], ["y", "mean", "inv_std"], name="ln", axis=-2)
    outputs = [tensor("y", FLOAT, ["n", 4, 8]), tensor("mean", FLOAT, ["n", 1, 1]), tensor("inv_std", FLOAT, ["n", 1, 1])]
    return model([node], [tensor("x", FLOAT, ["n", 4, 8])], outputs, {"s": scale, "b": bias}, opset=17)


def layer_norm_f16():
    node = helper.make_node("LayerNormalization", ["x", "s"], ["y"], name="ln16")
    return model([node], [tensor("x", TensorProto.FLOAT16, [2, 8])], [tensor("y", TensorProto.FLOAT16, [2, 8])], {"s": np.ones(8, np.float16)}, opset=17)


def lrn():
    return _one_node("LRN", ["n", 5, 4, 4], ["n", 5, 4, 4], size=3, alpha=1e-3, beta=0.75, bias=2.0)


if __name__ == "__main__":
    write_models(globals())
