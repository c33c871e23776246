"""The main job, end to end: tg programs compiled for the CPU, run on NumPy arrays, checked against
NumPy, and timed. Run it with `make demo`.

The examples are examples/mlp.mlir (a two-layer perceptron, any batch size) and examples/attention.mlir
(multi-head self-attention with a residual add and a layer norm). Their NumPy twins below are written
independently of tgraph and computed in float64; weights are drawn at the scale of a trained network
(variance 1/fan-in).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

import tgraph

HERE = Path(__file__).resolve().parent
F32 = (1e-4, 1e-5)  # rtol, atol against the float64 reference


def mlp_reference(x, w1, b1, w2, b2):
    hidden = np.maximum(x @ w1 + b1, 0.0)
    logits = hidden @ w2 + b2
    exp = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return exp / exp.sum(axis=-1, keepdims=True)


def attention_reference(x, wq, wk, wv, wo, gamma, beta, heads=4):
    batch, seq, width = x.shape
    size = width // heads

    def split(t):
        return t.reshape(batch, seq, heads, size).transpose(0, 2, 1, 3)

    q, k, v = split(x @ wq), split(x @ wk), split(x @ wv)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size)
    p = np.exp(scores - scores.max(axis=-1, keepdims=True))
    p /= p.sum(axis=-1, keepdims=True)
    merged = (p @ v).transpose(0, 2, 1, 3).reshape(batch, seq, width)
    r = x + merged @ wo
    mean = r.mean(axis=-1, keepdims=True)
    var = ((r - mean) ** 2).mean(axis=-1, keepdims=True)
    return (r - mean) / np.sqrt(var + 1e-5) * gamma + beta


def weights(rng, fan_in, *shape):
    return (rng.standard_normal(shape) / np.sqrt(fan_in)).astype(np.float32)


def mlp_inputs(rng, batch):
    x = rng.standard_normal((batch, 784)).astype(np.float32)
    return [x, weights(rng, 784, 784, 256), weights(rng, 1, 256) * 0.1, weights(rng, 256, 256, 10), weights(rng, 1, 10) * 0.1]


def attention_inputs(rng, batch):
    x = rng.standard_normal((batch, 128, 64)).astype(np.float32)
    projections = [weights(rng, 64, 64, 64) for _ in range(4)]
    gamma = (1.0 + 0.1 * rng.standard_normal(64)).astype(np.float32)
    beta = (0.1 * rng.standard_normal(64)).astype(np.float32)
    return [x, *projections, gamma, beta]


def median_ms(run, repeats: int) -> float:
    run()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def demo(name: str, path: Path, reference, make_inputs, batches, repeats) -> bool:
    started = time.perf_counter()
    function = tgraph.compile(path)
    compile_ms = (time.perf_counter() - started) * 1e3
    print(f"\n{name}: {path.relative_to(HERE.parent)}")
    print(f"  {function}")
    print(f"  compiled in {compile_ms:.0f} ms")
    ok = True
    rng = np.random.default_rng(0)
    for batch in batches:
        inputs = make_inputs(rng, batch)
        output = function(*inputs)
        expected = reference(*[a.astype(np.float64) for a in inputs])
        error = float(np.max(np.abs(output - expected)))
        close = np.allclose(output, expected, rtol=F32[0], atol=F32[1])
        ok &= close
        tgraph_ms = median_ms(lambda: function(*inputs), repeats)
        numpy_ms = median_ms(lambda: reference(*inputs), repeats)
        print(
            f"  batch {batch:>3}: output {tuple(output.shape)}, max abs error vs NumPy float64 {error:.2e} "
            f"[{'ok' if close else 'MISMATCH'}]; latency {tgraph_ms:8.3f} ms (NumPy float32 {numpy_ms:8.3f} ms)"
        )
    return ok


def main() -> int:
    print("tgraph demo: tg programs -> linalg -> loops -> LLVM, JIT-compiled for this CPU")
    print("(correct, unoptimized loops for now: the later codegen issues make them fast)")
    ok = demo("two-layer MLP", HERE / "mlp.mlir", mlp_reference, mlp_inputs, batches=(1, 64), repeats=20)
    ok &= demo("self-attention block", HERE / "attention.mlir", attention_reference, attention_inputs, batches=(1, 4), repeats=5)
    print("\nall outputs match NumPy" if ok else "\nSOME OUTPUTS DO NOT MATCH NumPy")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
