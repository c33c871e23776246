"""The f32 erf of --tg-approximate-math against math.erf in float64, over the whole range (the
polynomial is clamped at |x| = 4, where erf rounds to +-1 in f32), through a compiled tg.erf and GELU."""

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
