#!/usr/bin/env python3
"""What the graph optimizations (`tg-optimize`) buy on the example ONNX models: ops removed,
intermediate tensors fused away, and latency with and without them, measured in the same run.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python bench/graph_optimizations.py [--runs 20]

Medians of several runs after a warm-up; the machine may be shared, so read the ratios, not the times.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "examples"))
from onnx_models import resnet_cnn, transformer_layer  # noqa: E402

import tgraph  # noqa: E402
from tgraph.dialect import TG, make_context  # noqa: E402
from tgraph.frontend.onnx import import_model  # noqa: E402
from tgraph.passes import build_pass_manager, parse_pipeline  # noqa: E402
from tgraph.transforms import statistics as pass_statistics  # noqa: E402

MODELS = {
    "resnet-style CNN": (resnet_cnn, [(1, 3, 32, 32), (8, 3, 32, 32)]),
    "transformer layer": (transformer_layer, [(1, 128, 64), (8, 128, 64)]),
}


def median_ms(function, inputs, runs: int) -> float:
    return statistics.median(function.time(inputs, runs)) * 1e3


def graph_report(model) -> str:
    with make_context() as context, pass_statistics.collecting() as counters:
        module = import_model(model, context=context)
        before = len(TG.ops_in(module.operation))
        build_pass_manager(parse_pipeline("tg-optimize"), context).run(module.operation)
        after = len(TG.ops_in(module.operation))
    fused = counters["tg-fuse"]
    return (
        f"tg ops {before} -> {after} ({before - after} removed); {fused['fusion groups']} fusion groups "
        f"eliminate {fused['intermediate tensors eliminated']} intermediate tensors"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    for name, (build, shapes) in MODELS.items():
        model = build()
        print(f"{name}: {graph_report(model)}")
        started = time.perf_counter()
        plain = tgraph.compile(model, opt_level=0)
        plain_compile = time.perf_counter() - started
        started = time.perf_counter()
        optimized = tgraph.compile(model)
        optimized_compile = time.perf_counter() - started
        print(f"  compile: {plain_compile * 1e3:.0f} ms without, {optimized_compile * 1e3:.0f} ms with tg-optimize")
        for shape in shapes:
            x = rng.standard_normal(shape).astype(np.float32)
            np.testing.assert_allclose(optimized(x), plain(x), rtol=1e-5, atol=1e-6)
            without = median_ms(plain, [x], args.runs)
            with_ = median_ms(optimized, [x], args.runs)
            print(f"  input {shape}: {without:8.3f} ms without, {with_:8.3f} ms with tg-optimize: {without / with_:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
