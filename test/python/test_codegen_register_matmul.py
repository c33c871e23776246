"""Numerics of the transformer's matmuls through the CPU kernels, against NumPy in float64: dense layers
on [batch, sequence, width] (a 2-D linalg.matmul on the collapsed lhs, packed weights, the bias and GELU
epilogue fused on the collapsed view), attention's 4-D batch products (--tg-register-matmuls), and a
2-D product of two inputs; odd sequence lengths (the register tile's remainder rows), dynamic dims,
1 and 2 threads."""

import math

import numpy as np
import pytest
from conftest import assert_close

import tgraph


def erf(x):
    return np.vectorize(math.erf)(x)


def gelu(x):
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


def dims(shape, dynamic):
    """`AxBx...` with the dims listed in `dynamic` as `?`."""
    return "x".join("?" if i in dynamic else str(d) for i, d in enumerate(shape))


def dense_module(batch, sequence, width, out, dynamic, w, b) -> str:
    """x[batch, sequence, width] @ w + b, then GELU, then + x @ w (a second use of the product)."""
    x_type = f"tensor<{dims((batch, sequence, width), dynamic)}xf32>"
    y_type = f"tensor<{dims((batch, sequence, out), dynamic)}xf32>"
    w_text = "[" + ", ".join("[" + ", ".join(f"{v:.8e}" for v in row) + "]" for row in w) + "]"
    b_text = "[" + ", ".join(f"{v:.8e}" for v in b) + "]"
    return f"""
func.func @main(%x: {x_type}, %r: {y_type}) -> {y_type} {{
  %w = arith.constant dense<{w_text}> : tensor<{width}x{out}xf32>
  %b = arith.constant dense<{b_text}> : tensor<{out}xf32>
  %0 = "tg.matmul"(%x, %w) : ({x_type}, tensor<{width}x{out}xf32>) -> {y_type}
  %1 = "tg.add"(%0, %b) : ({y_type}, tensor<{out}xf32>) -> {y_type}
  %2 = "tg.gelu"(%1) {{approximate = "none"}} : ({y_type}) -> {y_type}
  %3 = "tg.add"(%2, %r) : ({y_type}, {y_type}) -> {y_type}
  return %3 : {y_type}
}}"""


@pytest.mark.parametrize("sequence", [1, 7, 100])
@pytest.mark.parametrize("dynamic", [(), (1,), (0,)], ids=["static", "dynamic-sequence", "dynamic-batch"])
@pytest.mark.parametrize("threads", [1, 2])
def test_dense_layer_fused(sequence, dynamic, threads, rng):
    width, out = 48, 40  # 40 = a 32-wide panel and an 8-wide tail
    w = rng.standard_normal((width, out)).astype(np.float32) / np.sqrt(width)
    b = rng.standard_normal(out).astype(np.float32)
    x = rng.standard_normal((2, sequence, width)).astype(np.float32)
    r = rng.standard_normal((2, sequence, out)).astype(np.float32)
    function = tgraph.compile(dense_module(2, sequence, width, out, dynamic, w, b), threads=threads)
    expected = gelu(x.astype(np.float64) @ w.astype(np.float64) + b) + r
    assert_close(function(x, r), expected.astype(np.float32), "f32")


def attention_module(heads, sequence, depth, dynamic) -> str:
    q = f"tensor<{dims((1, heads, sequence, depth), dynamic)}xf32>"
    k = f"tensor<{dims((1, heads, depth, sequence), dynamic)}xf32>"
    v = f"tensor<{dims((1, heads, sequence, depth), dynamic)}xf32>"
    s = f"tensor<{dims((1, heads, sequence, sequence), dynamic)}xf32>"
    return f"""
func.func @main(%q: {q}, %k: {k}, %v: {v}) -> {v} {{
  %scale = arith.constant dense<8.0> : tensor<f32>
  %0 = "tg.matmul"(%q, %k) : ({q}, {k}) -> {s}
  %1 = "tg.div"(%0, %scale) : ({s}, tensor<f32>) -> {s}
  %2 = "tg.softmax"(%1) {{axis = 3 : i64}} : ({s}) -> {s}
  %3 = "tg.matmul"(%2, %v) : ({s}, {v}) -> {v}
  return %3 : {v}
}}"""


def numpy_attention(q, k, v):
    scores = q.astype(np.float64) @ k.astype(np.float64) / 8.0
    scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return (scores / scores.sum(axis=-1, keepdims=True)) @ v.astype(np.float64)


@pytest.mark.parametrize("sequence", [7, 64, 100])
@pytest.mark.parametrize("dynamic", [(), (0,), (2,)], ids=["static", "dynamic-batch", "dynamic-sequence"])
@pytest.mark.parametrize("threads", [1, 2])
def test_attention(sequence, dynamic, threads, rng):
    heads, depth = 3, 16
    dynamic_k = tuple(3 if d == 2 else d for d in dynamic)  # K^T has the sequence last
    q = rng.standard_normal((1, heads, sequence, depth)).astype(np.float32)
    k = rng.standard_normal((1, heads, depth, sequence)).astype(np.float32)
    v = rng.standard_normal((1, heads, sequence, depth)).astype(np.float32)
    source = attention_module(heads, sequence, depth, dynamic)
    if dynamic_k != dynamic:
        k_static = f"tensor<{dims((1, heads, depth, sequence), dynamic)}xf32>"
        k_dynamic = f"tensor<{dims((1, heads, depth, sequence), dynamic_k)}xf32>"
        source = source.replace(f"%k: {k_static}", f"%k: {k_dynamic}").replace(f", {k_static})", f", {k_dynamic})")
    function = tgraph.compile(source, threads=threads)
    assert_close(function(q, k, v), numpy_attention(q, k, v).astype(np.float32), "f32")


@pytest.mark.parametrize("m, k, n", [(13, 9, 24), (100, 70, 64), (1, 5, 3), (33, 300, 96)])
def test_matmul_of_two_inputs(m, k, n, rng):
    """Both operands computed: --tg-register-matmuls (n = 24: 8-wide panels; m = 13: remainder rows)."""
    a = (rng.standard_normal((m, k)) / np.sqrt(k)).astype(np.float32)  # sums of k products stay ~1
    b = rng.standard_normal((k, n)).astype(np.float32)
    source = f"""
func.func @main(%a: tensor<?x{k}xf32>, %b: tensor<{k}x{n}xf32>) -> tensor<?x{n}xf32> {{
  %0 = "tg.matmul"(%a, %b) : (tensor<?x{k}xf32>, tensor<{k}x{n}xf32>) -> tensor<?x{n}xf32>
  return %0 : tensor<?x{n}xf32>
}}"""
    function = tgraph.compile(source)
    assert_close(function(a, b), (a.astype(np.float64) @ b.astype(np.float64)).astype(np.float32), "f32")
