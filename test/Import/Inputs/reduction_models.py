"""ONNX models for Import/reduction.mlir: reductions, arg-reductions, softmax and matrix products."""

from onnx_models import TensorProto, helper, model, np, tensor, write_models

FLOAT = TensorProto.FLOAT


def _reduce(op_type, opset, out_shape, *, axes=None, axes_attribute=None, shape=("n", 3, 4), elem_type=FLOAT, **attrs):
    """One Reduce* node on x: axes as an initializer input (`axes`) or as an attribute."""
    inputs, initializers = ["x"], {}
    if axes is not None:
        inputs.append("axes")
        initializers["axes"] = np.array(axes, np.int64)
    if axes_attribute is not None:
        attrs["axes"] = axes_attribute
    node = helper.make_node(op_type, inputs, ["y"], **attrs)
    return model([node], [tensor("x", elem_type, list(shape))], [tensor("y", elem_type, out_shape)], initializers, opset=opset)


def reduce_sum_axes_input():
    return _reduce("ReduceSum", 13, ["n", 3], axes=[-1], keepdims=0)


def reduce_max_axes_attribute():
    return _reduce("ReduceMax", 13, ["n", 1, 4], axes_attribute=[1])


def reduce_mean_every_axis():
    return _reduce("ReduceMean", 18, [1, 1, 1])


def reduce_sum_noop():
    return _reduce("ReduceSum", 18, ["n", 3, 4], axes=np.zeros(0, np.int64), noop_with_empty_axes=1)


def reduce_min_prod_bool_int():
    nodes = [
        helper.make_node("ReduceMin", ["b", "axes"], ["any"], keepdims=0),
        helper.make_node("ReduceProd", ["i", "axes"], ["p"]),
    ]
    inputs = [tensor("b", TensorProto.BOOL, [4, 2]), tensor("i", TensorProto.INT32, [4, 2])]
    outputs = [tensor("any", TensorProto.BOOL, [4]), tensor("p", TensorProto.INT32, [4, 1])]
    return model(nodes, inputs, outputs, {"axes": np.array([1], np.int64)}, opset=20)


def composed_reductions():
    """ReduceSumSquare, L1, L2 and LogSum: a tg sum of x*x, |x|, its root, its log."""
    ops = ["ReduceSumSquare", "ReduceL1", "ReduceL2", "ReduceLogSum"]
    nodes = [helper.make_node(op, ["x", "axes"], [f"y{i}"], keepdims=0) for i, op in enumerate(ops)]
    outputs = [tensor(f"y{i}", FLOAT, ["n"]) for i in range(len(ops))]
    return model(nodes, [tensor("x", FLOAT, ["n", 3])], outputs, {"axes": np.array([1], np.int64)}, opset=18)


def reduce_log_sum_exp():
    return _reduce("ReduceLogSumExp", 18, ["n", 4], axes=[1], keepdims=0)


def arg_reductions():
    nodes = [
        helper.make_node("ArgMax", ["x"], ["first"], axis=1),
        helper.make_node("ArgMin", ["x"], ["last"], axis=-1, keepdims=0, select_last_index=1),
    ]
    outputs = [tensor("first", TensorProto.INT64, ["n", 1]), tensor("last", TensorProto.INT64, ["n"])]
    return model(nodes, [tensor("x", FLOAT, ["n", 5])], outputs)


def softmax_13():
    nodes = [helper.make_node("Softmax", ["x"], ["s"], axis=1), helper.make_node("LogSoftmax", ["x"], ["l"])]
    outputs = [tensor("s", FLOAT, ["n", 3, 4]), tensor("l", FLOAT, ["n", 3, 4])]
    return model(nodes, [tensor("x", FLOAT, ["n", 3, 4])], outputs, opset=13)


def softmax_11():
    """Before opset 13, softmax normalizes over every dim from `axis` on (here 1 and 2); over the
    last dim alone it is one tg.softmax."""
    nodes = [helper.make_node("Softmax", ["x"], ["s"], axis=1), helper.make_node("Softmax", ["x"], ["t"], axis=-1)]
    outputs = [tensor("s", FLOAT, ["n", 3, 4]), tensor("t", FLOAT, ["n", 3, 4])]
    return model(nodes, [tensor("x", FLOAT, ["n", 3, 4])], outputs, opset=11)


def matmul_batched():
    node = helper.make_node("MatMul", ["a", "b"], ["y"])
    return model([node], [tensor("a", FLOAT, ["n", 2, 3]), tensor("b", FLOAT, [3, 4])], [tensor("y", FLOAT, ["n", 2, 4])])


def gemm_all_attributes():
    node = helper.make_node("Gemm", ["a", "b", "c"], ["y"], transA=1, transB=1, alpha=0.25, beta=0.5)
    inputs = [tensor("a", FLOAT, [3, "m"]), tensor("b", FLOAT, [5, 3]), tensor("c", FLOAT, [1, 5])]
    return model([node], inputs, [tensor("y", FLOAT, ["m", 5])])


def gemm_dynamic_bias():
    """A bias whose dims are unknown may have 1s at run time: it is broadcast to the product first."""
    node = helper.make_node("Gemm", ["a", "b", "c"], ["y"])
    inputs = [tensor("a", FLOAT, ["m", 3]), tensor("b", FLOAT, [3, 4]), tensor("c", FLOAT, ["r", "s"])]
    return model([node], inputs, [tensor("y", FLOAT, ["m", 4])])


def gemm_linear():
    """A fully connected layer as exporters write it: constant weights transposed (folded at import)
    and a bias vector."""
    node = helper.make_node("Gemm", ["x", "w", "bias"], ["y"], transB=1)
    weights = {"w": np.arange(6, dtype=np.float32).reshape(2, 3), "bias": np.array([0.5, -0.5], np.float32)}
    return model([node], [tensor("x", FLOAT, ["n", 3])], [tensor("y", FLOAT, ["n", 2])], weights)


def gemm_no_bias_opset_7():
    node = helper.make_node("Gemm", ["a", "b", "c"], ["y"], beta=0.0)
    inputs = [tensor("a", FLOAT, [2, 3]), tensor("b", FLOAT, [3, 4]), tensor("c", FLOAT, [2, 4])]
    return model([node], inputs, [tensor("y", FLOAT, [2, 4])], opset=7)


def einsum_two():
    node = helper.make_node("Einsum", ["a", "b"], ["y"], equation="bij, bjk -> bik")
    return model([node], [tensor("a", FLOAT, ["n", 2, 3]), tensor("b", FLOAT, ["n", 3, 4])], [tensor("y", FLOAT, ["n", 2, 4])])


def einsum_three():
    """Three operands are contracted two at a time: ij,jk first (keeping i and k), then with kl."""
    node = helper.make_node("Einsum", ["a", "b", "c"], ["y"], equation="ij,jk,kl->il")
    inputs = [tensor("a", FLOAT, [2, 3]), tensor("b", FLOAT, [3, 4]), tensor("c", FLOAT, [4, 5])]
    return model([node], inputs, [tensor("y", FLOAT, [2, 5])])


def l2_of_integers():
    """ReduceL2 of integers is computed in f64 and truncated back."""
    return _reduce("ReduceL2", 18, ["n", 1, 4], axes=[1], elem_type=TensorProto.INT32)


def gemm_of_vectors():
    node = helper.make_node("Gemm", ["a", "b"], ["y"], name="fc")
    return model([node], [tensor("a", FLOAT, [3]), tensor("b", FLOAT, [3, 4])], [tensor("y", FLOAT, [4])])


if __name__ == "__main__":
    write_models(globals())
