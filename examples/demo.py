"""The main job, end to end. Run it with `make demo`.

1. ONNX models as users bring them: examples/onnx_models.py saves a ResNet-style CNN and a transformer
   encoder layer as .onnx files; each is imported, compiled for this CPU, run at several batch sizes
   from one compile, and compared with onnx.reference.
2. tg programs written by hand: examples/mlp.mlir (a two-layer perceptron) and examples/attention.mlir
   (multi-head self-attention with a residual add and a layer norm), checked against NumPy twins written
   independently of tgraph and computed in float64.

Weights are drawn at the scale of a trained network (variance 1/fan-in). Latencies are medians; the
machine may be shared, so compare them with care.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import tempfile

import numpy as np
from onnx.reference import ReferenceEvaluator

import tgraph
from onnx_models import save_all

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


ONNX_INPUTS = {"cnn": lambda batch: (batch, 3, 32, 32), "transformer": lambda batch: (batch, 128, 64)}


def demo_onnx(name: str, path: Path, batches) -> bool:
    started = time.perf_counter()
    function = tgraph.compile(path)
    compile_ms = (time.perf_counter() - started) * 1e3
    evaluator = ReferenceEvaluator(str(path))
    print(f"\n{name}: {path.name} ({len(evaluator.proto_.graph.node)} ONNX nodes)")
    print(f"  {function}")
    print(f"  imported and compiled in {compile_ms:.0f} ms")
    ok = True
    rng = np.random.default_rng(0)
    for batch in batches:
        x = rng.standard_normal(ONNX_INPUTS[name](batch)).astype(np.float32)
        output = function(x)
        expected = evaluator.run(None, {evaluator.input_names[0]: x})[0]
        error = float(np.max(np.abs(output - expected)))
        close = np.allclose(output, expected, rtol=F32[0], atol=F32[1])
        ok &= close
        latency = median_ms(lambda: function(x), 5)
        print(f"  batch {batch:>3}: output {tuple(output.shape)}, max abs error vs onnx.reference {error:.2e} [{'ok' if close else 'MISMATCH'}]; latency {latency:8.3f} ms")
    return ok


def main() -> int:
    print("tgraph demo: models -> tg -> linalg -> tiled, vectorized kernels -> LLVM, JIT-compiled for this CPU")
    print("(on every core; `make bench` compares the speed with onnxruntime and NumPy)")
    ok = True
    with tempfile.TemporaryDirectory() as directory:
        for name, path in save_all(Path(directory)).items():
            ok &= demo_onnx(name, path, batches=(1, 4))
    ok &= demo("two-layer MLP", HERE / "mlp.mlir", mlp_reference, mlp_inputs, batches=(1, 64), repeats=20)
    ok &= demo("self-attention block", HERE / "attention.mlir", attention_reference, attention_inputs, batches=(1, 4), repeats=5)
    print("\nall outputs match their references" if ok else "\nSOME OUTPUTS DO NOT MATCH THEIR REFERENCES")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
