"""The f32 erf and exp of --tg-approximate-math against float64, over their whole ranges (erf's
polynomial is clamped at |x| = 4, where erf rounds to +-1 in f32; exp's at [-104, 89], beyond which
it rounds to 0 or overflows), through a compiled tg.erf, GELU, tg.exp and softmax."""

import math

import numpy as np
import pytest

import tgraph

ERF = """func.func @f(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = "tg.erf"(%x) : (tensor<?xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}"""

GELU = """func.func @f(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = "tg.gelu"(%x) : (tensor<?xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}"""

EXP = ERF.replace("tg.erf", "tg.exp")

SOFTMAX = """func.func @f(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = "tg.softmax"(%x) {axis = -1 : i64} : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}"""

ULP_AT_ONE = float(np.spacing(np.float32(1)))


@pytest.fixture(scope="module")
def points() -> np.ndarray:
    dense = np.linspace(-6, 6, 200_001, dtype=np.float32)
    tiny = np.array([0.0, -0.0, 1e-30, -1e-30, 1e-8, 3.4e38, -3.4e38], np.float32)  # exact erf: 0 or +-1
    return np.concatenate([dense, tiny])


def test_erf_within_6_ulps(points):
    exact = np.array([math.erf(v) for v in points.astype(np.float64)])
    result = tgraph.compile(ERF, threads=1, cache=False)(points)
    ulps = np.abs(result.astype(np.float64) - exact) / np.spacing(np.abs(exact).astype(np.float32)).astype(np.float64)
    assert ulps.max() <= 6, (ulps.max(), points[ulps.argmax()])  # the approximation's bound (5.5 measured)
    assert np.all(np.sign(result[points != 0]) == np.sign(points[points != 0]))
    assert np.all(np.abs(result) <= 1)


def test_gelu_matches_float64(points):
    x = points[np.abs(points) < 1e3]
    exact = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in x.astype(np.float64)])
    result = tgraph.compile(GELU, threads=1, cache=False)(x)
    # 1 + erf(x / sqrt(2)) carries the error of erf, up to 6 ulps of 1, into a result scaled by x / 2.
    bound = 1e-6 * np.abs(exact) + 6 * ULP_AT_ONE * 0.5 * np.abs(x.astype(np.float64))
    assert np.all(np.abs(result - exact) <= bound)


def test_exp_within_3_ulps():
    # Cephes bounds the relative error of its expf by 1.7e-7, at most 2.9 ulps (an ulp is 2^-24 to
    # 2^-23 of the value); subnormal results carry the same relative error before their last rounding.
    x = np.linspace(-110, 95, 2_000_001, dtype=np.float32)
    exact = np.exp(x.astype(np.float64))
    result = tgraph.compile(EXP, threads=1, cache=False)(x)
    with np.errstate(over="ignore"):
        exact32 = exact.astype(np.float32)
    finite = np.isfinite(exact32)
    ulps = np.abs(result[finite].astype(np.float64) - exact[finite]) / np.spacing(exact32[finite]).astype(np.float64)
    assert ulps.max() <= 3, (ulps.max(), x[finite][ulps.argmax()])
    assert np.all(np.isposinf(result[~finite]))


def test_exp_special_values():
    x = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, -200.0, 200.0, 1e-30], np.float32)
    result = tgraph.compile(EXP, threads=1, cache=False)(x)
    np.testing.assert_array_equal(result, [1.0, 1.0, np.inf, 0.0, np.nan, 0.0, np.inf, 1.0])


def test_softmax_matches_float64():
    x = np.random.default_rng(0).normal(0, 10, (64, 1000)).astype(np.float32)
    shifted = x.astype(np.float64) - x.max(axis=1, keepdims=True)
    exact = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    result = tgraph.compile(SOFTMAX, threads=1, cache=False)(x)
    # Relative error of each output: rounding x - max (half an ulp of it, times exp's slope), exp's
    # 3 ulps, a sum of n terms in f32 (at most n - 1 roundings) and the division.
    u = 2.0**-24
    bound = np.abs(shifted) * u + 3 * 2 * u + (x.shape[1] - 1) * u + u
    assert np.all(np.abs(result - exact) <= bound * exact)
