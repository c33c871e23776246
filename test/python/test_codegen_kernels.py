"""Numerics of the CPU kernels (issue 5) through tgraph.compile, against NumPy in float64: direct 3x3
convolutions (passes/conv2d_nhwc.mlir), 1x1 convolutions as packed matmuls (--tg-conv-to-matmul,
--tg-pack-weights), depthwise convolutions and pools (passes/window_nhwc.mlir), matmuls by constant
weights with panel tails and peeled rows (passes/packed_matmul.mlir), rank-4 transposes
(passes/transpose.mlir). Models are one- or two-node ONNX graphs (tg-optimize runs them channels
last), compiled without the cache on 1 and 2 threads. Sizes are odd on purpose: output widths that
no register tile divides evenly, channel counts that are not a multiple of a vector, rows that leave
a remainder."""

import numpy as np
import pytest
from onnx import TensorProto, helper, numpy_helper

import tgraph

RTOL = 1e-4


def atol(k: int) -> float:
    """Absolute tolerance for sums of k products of O(1 / sqrt(k)) terms (outputs of order 1):
    float32 rounding grows like sqrt(k)."""
    return 1e-6 * np.sqrt(k)


def assert_close(actual, expected, k):
    assert actual.dtype == np.float32
    assert actual.shape == expected.shape, f"shape {actual.shape} != {expected.shape}"
    np.testing.assert_allclose(actual.astype(np.float64), expected, rtol=RTOL, atol=atol(k))


def model(nodes, inputs, output_shape, initializers=()):
    """A graph of `nodes` from `inputs` ({name: shape}, None for a dynamic dim) to `y`."""
    graph = helper.make_graph(
        nodes,
        "kernel",
        [helper.make_tensor_value_info(name, TensorProto.FLOAT, list(shape)) for name, shape in inputs.items()],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, list(output_shape))],
        [numpy_helper.from_array(np.asarray(v, np.float32), name) for name, v in initializers],
    )
    return helper.make_model(graph, ir_version=10, opset_imports=[helper.make_opsetid("", 17)])


def compile_(proto, threads):
    return tgraph.compile(proto, threads=threads, cache=False)


# --- NumPy references (float64, NCHW as ONNX) -----------------------------------------------------


def np_conv(x, w, b, stride, pad, groups=1):
    """Cross-correlation of x [N, C, H, W] with w [F, C / groups, KH, KW], zero padding `pad`."""
    x = np.pad(x.astype(np.float64), [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    w = w.astype(np.float64)
    n, c, h, wd = x.shape
    f, cg, kh, kw = w.shape
    oh, ow = (h - kh) // stride + 1, (wd - kw) // stride + 1
    y = np.zeros((n, f, oh, ow))
    fg = f // groups
    for g in range(groups):
        xs = x[:, g * cg : (g + 1) * cg]
        for i in range(kh):
            for j in range(kw):
                window = xs[:, :, i : i + stride * (oh - 1) + 1 : stride, j : j + stride * (ow - 1) + 1 : stride]
                y[:, g * fg : (g + 1) * fg] += np.einsum("nchw,fc->nfhw", window, w[g * fg : (g + 1) * fg, :, i, j])
    return y + b.astype(np.float64)[None, :, None, None]


def np_pool(x, kernel, stride, pad, kind):
    """Max pool (padding never wins) or average pool over the valid elements only (ONNX's default
    count_include_pad=0)."""
    x = x.astype(np.float64)
    n, c, h, w = x.shape
    oh, ow = (h + 2 * pad - kernel) // stride + 1, (w + 2 * pad - kernel) // stride + 1
    y = np.zeros((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            r0, c0 = i * stride - pad, j * stride - pad
            window = x[:, :, max(r0, 0) : r0 + kernel, max(c0, 0) : c0 + kernel]
            y[:, :, i, j] = window.max(axis=(2, 3)) if kind == "max" else window.mean(axis=(2, 3))
    return y


def out_size(size, kernel, stride, pad):
    return (size + 2 * pad - kernel) // stride + 1


# --- convolutions ---------------------------------------------------------------------------------


def conv_relu_model(n, c, h, w, f, kernel, stride, pad, groups, rng, dynamic_batch=False):
    """Conv (with bias) then Relu: the conv kernel with its fused epilogue."""
    fan_in = c // groups * kernel * kernel
    weights = rng.standard_normal((f, c // groups, kernel, kernel)) / np.sqrt(fan_in)
    bias = 0.1 * rng.standard_normal(f)
    oh, ow = out_size(h, kernel, stride, pad), out_size(w, kernel, stride, pad)
    nodes = [
        helper.make_node("Conv", ["x", "w", "b"], ["c"], kernel_shape=[kernel, kernel], strides=[stride, stride], pads=[pad] * 4, group=groups),
        helper.make_node("Relu", ["c"], ["y"]),
    ]
    batch = None if dynamic_batch else n
    proto = model(nodes, {"x": (batch, c, h, w)}, (batch, f, oh, ow), [("w", weights), ("b", bias)])
    return proto, weights.astype(np.float32), bias.astype(np.float32), fan_in


CONVS = [  # n, c, h, w, f, kernel, stride
    (1, 3, 7, 7, 24, 3, 1),
    (1, 5, 9, 13, 40, 3, 2),
    (2, 24, 9, 13, 40, 3, 1),
    (1, 40, 7, 7, 24, 3, 2),
    (1, 24, 7, 7, 40, 1, 1),
    (2, 40, 9, 13, 24, 1, 2),
    # 1000 filters: 31 full panels and an 8-wide tail; on 2 threads the matmul's own blocks sit inside
    # the group's (a nested parallel loop, which deadlocked the async runtime before 2c05cbd).
    (1, 5, 9, 13, 1000, 1, 1),
    # ResNet-50's last 1x1 layer (51M multiply-adds, 49 rows times 2048 filters): on 2 threads each
    # takes half of the filters, then half of the epilogue's columns.
    (1, 512, 7, 7, 2048, 1, 1),
    # The same with 1000 filters: the epilogue's column blocks are 512 and 488 wide.
    (1, 300, 7, 7, 1000, 1, 1),
    # 3x3 filters that outweigh the image: on 2 threads each takes half of the filters, every row.
    (1, 256, 7, 7, 256, 3, 1),
    (1, 128, 9, 9, 256, 3, 2),
]


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("n, c, h, w, f, kernel, stride", CONVS, ids=[f"{k}x{k}-{c}x{h}x{w}-{f}-s{s}-n{n}" for n, c, h, w, f, k, s in CONVS])
def test_conv_relu(n, c, h, w, f, kernel, stride, threads, rng):
    """3x3 convolutions (padded by 1, the direct kernel) and 1x1 ones (the packed matmul)."""
    pad = kernel // 2
    proto, weights, bias, fan_in = conv_relu_model(n, c, h, w, f, kernel, stride, pad, 1, rng)
    x = rng.standard_normal((n, c, h, w)).astype(np.float32)
    expected = np.maximum(np_conv(x, weights, bias, stride, pad), 0.0)
    assert_close(compile_(proto, threads)(x), expected, fan_in)


def test_conv1x1_dynamic_batch(rng):
    """One compile, batches 1 and 3 (the matmul's rows are batch * 7 * 7: remainder rows)."""
    proto, weights, bias, fan_in = conv_relu_model(1, 24, 7, 7, 40, 1, 1, 0, 1, rng, dynamic_batch=True)
    function = compile_(proto, 2)
    for batch in (1, 3):
        x = rng.standard_normal((batch, 24, 7, 7)).astype(np.float32)
        assert_close(function(x), np.maximum(np_conv(x, weights, bias, 1, 0), 0.0), fan_in)


DEPTHWISE = [  # c, h, w, stride
    (16, 9, 13, 1),
    (24, 7, 7, 2),
    (20, 9, 13, 2),
]


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("c, h, w, stride", DEPTHWISE, ids=[f"{c}x{h}x{w}-s{s}" for c, h, w, s in DEPTHWISE])
def test_depthwise3x3_relu(c, h, w, stride, threads, rng):
    proto, weights, bias, fan_in = conv_relu_model(1, c, h, w, c, 3, stride, 1, c, rng)
    x = rng.standard_normal((1, c, h, w)).astype(np.float32)
    expected = np.maximum(np_conv(x, weights, bias, stride, 1, groups=c), 0.0)
    assert_close(compile_(proto, threads)(x), expected, fan_in)


PADDED_CHAINS = [  # c, h, w, middle channels, groups of the 3x3 convolution, its stride
    (8, 9, 13, 24, 24, 1),  # MobileNet's expand, then depthwise
    (24, 14, 14, 40, 40, 2),
    (16, 7, 11, 40, 1, 1),  # ResNet's bottleneck: 1x1, then a dense 3x3
]


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("c, h, w, middle, groups, stride", PADDED_CHAINS, ids=[f"{c}x{h}x{w}-{m}-g{g}-s{s}" for c, h, w, m, g, s in PADDED_CHAINS])
def test_pointwise_into_padded(c, h, w, middle, groups, stride, threads, rng):
    """A 1x1 convolution whose output a 3x3 one pads (--tg-pad-in-place): it writes into the padded
    buffer's interior, as a convolution rather than a matmul on collapsed rows."""
    w1 = rng.standard_normal((middle, c, 1, 1)) / np.sqrt(c)
    b1 = 0.1 * rng.standard_normal(middle)
    fan_in = middle // groups * 9
    w2 = rng.standard_normal((middle, middle // groups, 3, 3)) / np.sqrt(fan_in)
    b2 = 0.1 * rng.standard_normal(middle)
    nodes = [
        helper.make_node("Conv", ["x", "w1", "b1"], ["a"], kernel_shape=[1, 1]),
        helper.make_node("Relu", ["a"], ["r"]),
        helper.make_node("Conv", ["r", "w2", "b2"], ["y"], kernel_shape=[3, 3], strides=[stride, stride], pads=[1] * 4, group=groups),
    ]
    shape = (1, middle, out_size(h, 3, stride, 1), out_size(w, 3, stride, 1))
    proto = model(nodes, {"x": (1, c, h, w)}, shape, [("w1", w1), ("b1", b1), ("w2", w2), ("b2", b2)])
    x = rng.standard_normal((1, c, h, w)).astype(np.float32)
    f32 = [v.astype(np.float32) for v in (w1, b1, w2, b2)]
    middle_values = np.maximum(np_conv(x, f32[0], f32[1], 1, 0), 0.0)
    expected = np_conv(middle_values, f32[2], f32[3], stride, 1, groups=groups)
    assert_close(compile_(proto, threads)(x), expected, c * fan_in)


# --- pools ----------------------------------------------------------------------------------------


POOLS = [  # kind, c, h, w, stride, pad
    ("max", 24, 9, 13, 2, 1),
    ("max", 16, 7, 7, 2, 0),
    ("average", 20, 9, 13, 1, 1),
    ("average", 24, 7, 7, 2, 0),
]


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("kind, c, h, w, stride, pad", POOLS, ids=[f"{k}-{c}x{h}x{w}-s{s}-p{p}" for k, c, h, w, s, p in POOLS])
def test_pool3x3(kind, c, h, w, stride, pad, threads, rng):
    op = "MaxPool" if kind == "max" else "AveragePool"
    shape = (1, c, out_size(h, 3, stride, pad), out_size(w, 3, stride, pad))
    node = helper.make_node(op, ["x"], ["y"], kernel_shape=[3, 3], strides=[stride, stride], pads=[pad] * 4)
    x = rng.standard_normal((1, c, h, w)).astype(np.float32)
    assert_close(compile_(model([node], {"x": x.shape}, shape), threads)(x), np_pool(x, 3, stride, pad, kind), 9)


# --- matmuls by constant weights ------------------------------------------------------------------


def matmul_model(m, k, n, rng):
    weights = rng.standard_normal((k, n)) / np.sqrt(k)
    proto = model([helper.make_node("MatMul", ["a", "w"], ["y"])], {"a": (m, k)}, (m, n), [("w", weights)])
    return proto, weights.astype(np.float32)


MATMULS = [  # m, k, n: every M of (1, 7, 49, 100), N of (10, 40, 1000) and K of (3, 64, 300)
    (1, 300, 1000),
    (7, 3, 10),
    (49, 64, 40),
    (100, 300, 40),
    (100, 64, 1000),
    (7, 300, 10),
    (49, 3, 1000),
    (1, 64, 10),
    # Past 32M multiply-adds with more columns than rows: on 2 threads each takes a block of B's
    # panels, 32 and 32, then 16 and 15 (31 panels of 1000 columns) and the 8-wide tail.
    (49, 512, 2048),
    (37, 900, 1000),
]


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("m, k, n", MATMULS, ids=[f"{m}x{k}x{n}" for m, k, n in MATMULS])
def test_matmul_constant_weights(m, k, n, threads, rng):
    proto, weights = matmul_model(m, k, n, rng)
    a = rng.standard_normal((m, k)).astype(np.float32)
    assert_close(compile_(proto, threads)(a), a.astype(np.float64) @ weights.astype(np.float64), k)


@pytest.mark.parametrize("threads", [1, 2])
def test_matmul_dynamic_rows(threads, rng):
    """One compile with M dynamic; every M of the list (1: a single peeled row; 49, 100: full register
    tiles and a remainder)."""
    proto, weights = matmul_model(None, 64, 40, rng)
    function = compile_(proto, threads)
    for m in (1, 7, 49, 100):
        a = rng.standard_normal((m, 64)).astype(np.float32)
        assert_close(function(a), a.astype(np.float64) @ weights.astype(np.float64), 64)


# --- transposes -----------------------------------------------------------------------------------


TRANSPOSES = [  # shape, perm
    ((2, 8, 16, 32), (0, 3, 1, 2)),
    ((3, 5, 7, 9), (0, 2, 3, 1)),
    ((4, 6, 10, 17), (3, 2, 1, 0)),
    ((5, 3, 24, 20), (1, 0, 3, 2)),
    # Over 512 KB to move: on 2 threads, blocks of rows of the output's dim 1 (20 of 40 rows, 30 of 60
    # channels), or an image each.
    ((1, 48, 40, 36), (0, 2, 3, 1)),
    ((1, 24, 50, 60), (0, 3, 1, 2)),
    ((2, 36, 30, 40), (0, 3, 1, 2)),
]


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("shape, perm", TRANSPOSES, ids=["x".join(map(str, s)) + "-" + "".join(map(str, p)) for s, p in TRANSPOSES])
def test_transpose4d(shape, perm, threads, rng):
    out = tuple(shape[p] for p in perm)
    proto = model([helper.make_node("Transpose", ["x"], ["y"], perm=list(perm))], {"x": shape}, out)
    x = rng.standard_normal(shape).astype(np.float32)
    np.testing.assert_array_equal(compile_(proto, threads)(x), np.transpose(x, perm))


# --- ops outside the kernels' loops (passes/parallel_blocks.mlir) ---------------------------------


NORMALIZED = [  # shape of a softmax over the last dim, then a mean-centred copy over the last dim
    # 8 heads: on 2 threads each op moves 512 KB or more and takes blocks of 4 heads.
    (1, 8, 128, 128),
    # 7 heads (blocks of 4 and 3), rows no vector divides.
    (1, 7, 129, 150),
    # A leading dim of 3 rows: blocks of 2 and 1 rows of dim 0.
    (3, 200, 230),
]


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("shape", NORMALIZED, ids=["x".join(map(str, s)) for s in NORMALIZED])
def test_softmax_then_centred(shape, threads, rng):
    """Softmax and reduce-mean-then-subtract, elementwise ops and reductions that no kernel's loop
    holds: on several threads each gets a loop of blocks of its own."""
    nodes = [
        helper.make_node("Softmax", ["x"], ["s"], axis=-1),
        helper.make_node("ReduceMean", ["s"], ["m"], axes=[-1], keepdims=1),
        helper.make_node("Sub", ["s", "m"], ["y"]),
    ]
    x = rng.standard_normal(shape).astype(np.float32)
    wide = x.astype(np.float64)
    e = np.exp(wide - wide.max(axis=-1, keepdims=True))
    s = e / e.sum(axis=-1, keepdims=True)
    expected = s - s.mean(axis=-1, keepdims=True)
    assert_close(compile_(model(nodes, {"x": shape}, shape), threads)(x), expected, shape[-1])
