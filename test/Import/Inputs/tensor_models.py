"""ONNX models for Import/tensor.mlir: shapes, reshapes, joins and splits, gathers, padding, broadcasts,
triangles, running sums and resizes."""

from onnx_models import TensorProto, helper, model, np, tensor, write_models

F, I64 = TensorProto.FLOAT, TensorProto.INT64


def shape_gather_concat_reshape():
    """x.reshape(x.shape[0], -1, 3), written the way exporters write it."""
    return model(
        [
            helper.make_node("Shape", ["x"], ["shape"], name="shape"),
            helper.make_node("Gather", ["shape", "zero"], ["batch"], axis=0, name="batch"),
            helper.make_node("Unsqueeze", ["batch", "axes"], ["batch1"], name="batch1"),
            helper.make_node("Concat", ["batch1", "rest"], ["target"], axis=0, name="target"),
            helper.make_node("Reshape", ["x", "target"], ["y"], name="reshape"),
        ],
        [tensor("x", F, ["batch", 4, 6])],
        [tensor("y", F, ["batch", 8, 3])],
        {"zero": np.array(0, np.int64), "axes": np.array([0], np.int64), "rest": np.array([-1, 3], np.int64)},
    )


def reshape_constant_targets():
    return model(
        [
            helper.make_node("Reshape", ["x", "copy_and_infer"], ["a"]),
            helper.make_node("Reshape", ["x", "two_dynamic"], ["b"]),
            helper.make_node("Reshape", ["empty", "zeros"], ["c"], allowzero=1),
        ],
        [tensor("x", F, ["batch", "seq", 8]), tensor("empty", F, [0, 4])],
        [tensor("a", F, ["batch", None]), tensor("b", F, [None, None, 4]), tensor("c", F, [4, 0])],
        {"copy_and_infer": np.array([0, -1], np.int64), "two_dynamic": np.array([0, -1, 4], np.int64), "zeros": np.array([4, 0], np.int64)},
    )


def flatten_squeeze_unsqueeze():
    return model(
        [
            helper.make_node("Flatten", ["x"], ["flat"], axis=2),
            helper.make_node("Flatten", ["x"], ["flat_dynamic"], axis=1),
            helper.make_node("Squeeze", ["y", "squeeze_axes"], ["squeezed"]),
            helper.make_node("Unsqueeze", ["y", "unsqueeze_axes"], ["unsqueezed"]),
        ],
        [tensor("x", F, ["batch", 3, "n", 5]), tensor("y", F, ["batch", 1, "n"])],
        [tensor("flat", F, [None, None]), tensor("flat_dynamic", F, [None, None]), tensor("squeezed", F, [None, None]), tensor("unsqueezed", F, [None] * 5)],
        {"squeeze_axes": np.array([1], np.int64), "unsqueeze_axes": np.array([0, -1], np.int64)},
    )


def depth_and_space():
    return model(
        [
            helper.make_node("DepthToSpace", ["x"], ["dcr"], blocksize=2),
            helper.make_node("DepthToSpace", ["x"], ["crd"], blocksize=2, mode="CRD"),
            helper.make_node("SpaceToDepth", ["x"], ["s2d"], blocksize=2),
        ],
        [tensor("x", F, [1, 8, 4, 6])],
        [tensor("dcr", F, [1, 2, 8, 12]), tensor("crd", F, [1, 2, 8, 12]), tensor("s2d", F, [1, 32, 2, 3])],
    )


def depth_to_space_dynamic():
    return model(
        [helper.make_node("DepthToSpace", ["x"], ["y"], blocksize=2)],
        [tensor("x", F, ["n", "c", "h", "w"])],
        [tensor("y", F, [None] * 4)],
    )


def concat_three():
    return model(
        [helper.make_node("Concat", ["a", "b", "c"], ["y"], axis=-1)],
        [tensor("a", F, ["batch", 2]), tensor("b", F, ["batch", 3]), tensor("c", F, ["batch", 1])],
        [tensor("y", F, ["batch", 6])],
    )


def split_sizes_and_parts():
    return model(
        [
            helper.make_node("Split", ["x", "sizes"], ["a", "b"], axis=1),
            helper.make_node("Split", ["x"], ["p", "q", "r"], axis=0, num_outputs=3),
        ],
        [tensor("x", F, ["batch", 5])],
        [tensor(n, F, [None, None]) for n in ("a", "b", "p", "q", "r")],
        {"sizes": np.array([2, 3], np.int64)},
        opset=18,
    )


def slices():
    """A backward slice with axes and steps; x[x.shape[0] - 1:], whose start is computed at run time."""
    return model(
        [
            helper.make_node("Slice", ["x", "starts", "ends", "axes", "steps"], ["y"]),
            helper.make_node("Shape", ["x"], ["shape"], start=0, end=1),
            helper.make_node("Sub", ["shape", "one"], ["last"]),
            helper.make_node("Slice", ["x", "last", "big", "axes_0"], ["z"]),
        ],
        [tensor("x", F, ["batch", 10])],
        [tensor("y", F, ["batch", 4]), tensor("z", F, [None, None])],
        {
            "starts": np.array([-1], np.int64),
            "ends": np.array([-9], np.int64),
            "axes": np.array([-1], np.int64),
            "steps": np.array([-2], np.int64),
            "one": np.array([1], np.int64),
            "big": np.array([1000], np.int64),
            "axes_0": np.array([0], np.int64),
        },
    )


def slice_opset_9():
    return model(
        [helper.make_node("Slice", ["x"], ["y"], starts=[1], ends=[3], axes=[1])],
        [tensor("x", F, [2, 5])],
        [tensor("y", F, [2, 2])],
        opset=9,
    )


def gathers():
    return model(
        [
            helper.make_node("Gather", ["table", "ids"], ["rows"], axis=0),
            helper.make_node("GatherElements", ["table", "picks"], ["picked"], axis=1),
        ],
        [tensor("table", F, [10, 4]), tensor("ids", I64, ["batch", 3]), tensor("picks", I64, [10, 2])],
        [tensor("rows", F, ["batch", 3, 4]), tensor("picked", F, [10, 2])],
    )


def pads():
    return model(
        [
            helper.make_node("Pad", ["x", "pads", "value", "axes"], ["constant"]),
            helper.make_node("Pad", ["x", "all_pads"], ["reflect"], mode="reflect"),
        ],
        [tensor("x", F, ["batch", 4])],
        [tensor("constant", F, [None, None]), tensor("reflect", F, [None, None])],
        {
            "pads": np.array([1, -1], np.int64),
            "value": np.array(2.5, np.float32),
            "axes": np.array([-1], np.int64),
            "all_pads": np.array([0, 2, 0, 1], np.int64),
        },
    )


def pad_opset_2():
    return model(
        [helper.make_node("Pad", ["x"], ["y"], pads=[1, 0, 1, 0], mode="edge")],
        [tensor("x", F, [2, 3])],
        [tensor("y", F, [4, 3])],
        opset=7,
    )


def expand_and_tile():
    return model(
        [
            helper.make_node("Expand", ["x", "target"], ["expanded"]),
            helper.make_node("Shape", ["like"], ["like_shape"]),
            helper.make_node("Expand", ["x", "like_shape"], ["expanded_like"]),
            helper.make_node("Tile", ["x", "repeats"], ["tiled"]),
        ],
        [tensor("x", F, [3, 1]), tensor("like", F, ["n", 3, "m"])],
        [tensor("expanded", F, [2, 3, 6]), tensor("expanded_like", F, [None] * 3), tensor("tiled", F, [6, 3])],
        {"target": np.array([2, 1, 6], np.int64), "repeats": np.array([2, 3], np.int64)},
    )


def trilu_and_cumsum():
    return model(
        [
            helper.make_node("Trilu", ["x", "k"], ["lower"], upper=0),
            helper.make_node("Trilu", ["x"], ["upper"]),
            helper.make_node("CumSum", ["x", "axis"], ["sums"], exclusive=1, reverse=1),
        ],
        [tensor("x", F, ["batch", 4, 4])],
        [tensor(n, F, ["batch", 4, 4]) for n in ("lower", "upper", "sums")],
        {"k": np.array(-1, np.int64), "axis": np.array(-1, np.int64)},
    )


def resizes():
    return model(
        [
            helper.make_node("Resize", ["x", "", "scales"], ["nearest"], mode="nearest", nearest_mode="floor"),
            helper.make_node("Resize", ["x", "", "", "sizes"], ["linear"], mode="linear", axes=[3, 2], coordinate_transformation_mode="align_corners"),
            helper.make_node("Resize", ["x", "", "half_scales"], ["cubic"], mode="cubic", antialias=1, cubic_coeff_a=-0.5),
        ],
        [tensor("x", F, ["batch", 3, 8, 8])],
        [tensor(n, F, [None] * 4) for n in ("nearest", "linear", "cubic")],
        {
            "scales": np.array([1, 1, 2, 2], np.float32),
            "sizes": np.array([5, 4], np.int64),
            "half_scales": np.array([1, 1, 0.5, 0.5], np.float32),
        },
        opset=19,
    )


def shapes_and_sizes():
    return model(
        [
            helper.make_node("Shape", ["x"], ["tail"], start=-2),
            helper.make_node("Shape", ["x"], ["all"]),
            helper.make_node("Size", ["x"], ["count"]),
            helper.make_node("Size", ["static"], ["static_count"]),
        ],
        [tensor("x", F, ["batch", 3, 4]), tensor("static", F, [2, 5])],
        [tensor("tail", I64, [2]), tensor("all", I64, [3]), tensor("count", I64, []), tensor("static_count", I64, [])],
    )


def made_tensors():
    return model(
        [
            helper.make_node("ConstantOfShape", ["small_shape"], ["small"], value=helper.make_tensor("v", TensorProto.INT32, [1], [7])),
            helper.make_node("ConstantOfShape", ["large_shape"], ["large"]),
            helper.make_node("Shape", ["x"], ["x_shape"]),
            helper.make_node("ConstantOfShape", ["x_shape"], ["like_x"], value=helper.make_tensor("one", TensorProto.FLOAT, [1], [1.0])),
            helper.make_node("Range", ["start", "limit", "delta"], ["range"]),
        ],
        [tensor("x", F, ["batch", 3])],
        [tensor("small", TensorProto.INT32, [2, 3]), tensor("large", F, [100, 100]), tensor("like_x", F, ["batch", 3]), tensor("range", I64, [4])],
        {
            "small_shape": np.array([2, 3], np.int64),
            "large_shape": np.array([100, 100], np.int64),
            "start": np.array(10, np.int64),
            "limit": np.array(2, np.int64),
            "delta": np.array(-2, np.int64),
        },
    )


def identity_and_dropout():
    return model(
        [
            helper.make_node("Identity", ["x"], ["same"]),
            helper.make_node("Dropout", ["x", "ratio"], ["dropped", "mask"]),
        ],
        [tensor("x", F, ["batch", 3])],
        [tensor("same", F, ["batch", 3]), tensor("dropped", F, ["batch", 3]), tensor("mask", TensorProto.BOOL, ["batch", 3])],
        {"ratio": np.array(0.3, np.float32)},
    )


def refused():
    return model(
        [
            helper.make_node("Dropout", ["x", "ratio", "training"], ["dropped"], name="training_dropout"),
        ],
        [tensor("x", F, [2, 3])],
        [tensor("dropped", F, [2, 3])],
        {"ratio": np.array(0.5, np.float32), "training": np.array(True)},
    )


def resize_runtime_scales():
    return model(
        [helper.make_node("Resize", ["x", "", "scales"], ["y"], name="upsample")],
        [tensor("x", F, [1, 1, 2, 2]), tensor("scales", F, [4])],
        [tensor("y", F, [None] * 4)],
    )


if __name__ == "__main__":
    write_models(globals())
