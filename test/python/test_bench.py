"""The benchmark harness (bench/): its models against published counts and tgraph's cost model, its
NumPy expressions against onnx.reference, its check and its time budget; and `bench/run.py --quick`
end to end when onnxruntime (the `bench` extra, not installed by `make test`) is importable."""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import numpy_helper
from onnx.reference import ReferenceEvaluator

import tgraph

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
import cases  # noqa: E402
import models  # noqa: E402
from measure import planned_calls, relative_error  # noqa: E402


def conv_shapes_of(model: onnx.ModelProto) -> Counter:
    """The convolutions of a model as ConvShapes, read from its nodes and weights (not its builder)."""
    weights = {t.name: t.dims for t in model.graph.initializer}
    sizes = {model.graph.input[0].name: model.graph.input[0].type.tensor_type.shape.dim[2].dim_value}
    inferred = onnx.shape_inference.infer_shapes(model)
    for value in inferred.graph.value_info:
        dims = value.type.tensor_type.shape.dim
        if len(dims) == 4:
            sizes[value.name] = dims[2].dim_value
    shapes = Counter()
    for node in model.graph.node:
        if node.op_type == "Conv":
            attributes = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
            out, per_group, k, _ = weights[node.input[1]]
            groups = attributes.get("group", 1)
            shapes[models.ConvShape(per_group * groups, sizes[node.input[0]], out, k, attributes["strides"][0], groups)] += 1
    return shapes


def test_resnet50_convolutions():
    built = models.resnet50()
    listed = models.resnet50_convs()
    assert conv_shapes_of(built.model) == listed
    assert sum(listed.values()) == 53 and len(listed) == 23
    assert built.macs == sum(shape.macs * count for shape, count in listed.items()) + 2048 * 1000 == 4_089_184_256


def test_mobilenet_v2_size():
    built = models.mobilenet_v2()
    assert built.macs == pytest.approx(300e6, rel=0.01)  # the published 300M multiply-adds
    parameters = sum(int(np.prod(t.dims)) for t in built.model.graph.initializer if len(t.dims) > 1)
    assert parameters == pytest.approx(3.5e6, rel=0.01)  # 3.4M conv and fc weights, biases aside
    assert sum(1 for shape in conv_shapes_of(built.model) if shape.groups > 1) == 10  # distinct depthwise shapes


@pytest.mark.parametrize("case", [c for c in cases.quick() if c.section != "gemv"], ids=lambda c: c.name)
def test_macs_agree_with_the_cost_model(case):
    built = case.build()
    assert tgraph.analyze(built.model, bind=case.bind).total.macs == built.macs


@pytest.mark.parametrize("case", [c for c in cases.quick() if c.numpy is not None], ids=lambda c: c.name)
def test_numpy_expression_against_onnx_reference(case):
    built = case.build()
    inputs = case.inputs(built)
    weights = [numpy_helper.to_array(t) for t in built.model.graph.initializer]
    feeds = {value.name: x for value, x in zip(built.model.graph.input, inputs)}
    expected = ReferenceEvaluator(built.model).run(None, feeds)
    for threads in (1, 2):
        assert relative_error(case.numpy(inputs, weights, threads)(), expected) < 1e-5


def test_relative_error_is_relative_to_the_scale():
    reference = np.array([100.0, 0.0, -50.0])
    assert relative_error([reference + 0.01], [reference]) == pytest.approx(1e-4)
    assert relative_error([reference], [reference]) == 0
    assert relative_error([reference[:2]], [reference]) == float("inf")  # shape
    assert relative_error([np.array([np.nan, 0, 0])], [reference]) == float("inf")
    assert relative_error([reference, reference], [reference]) == float("inf")  # count
    assert relative_error([np.ones(2)], [np.zeros(2)]) == float("inf")


def test_planned_calls_keep_to_the_budget():
    assert planned_calls(0.001, runs=20, warmup=3, max_seconds=10) == (3, 20)
    assert planned_calls(1.0, runs=20, warmup=3, max_seconds=10) == (0, 10)
    assert planned_calls(0.9, runs=9, warmup=3, max_seconds=10) == (2, 9)
    assert planned_calls(6.0, runs=20, warmup=3, max_seconds=10) == (0, 1)
    assert planned_calls(30.0, runs=20, warmup=3, max_seconds=10) == (0, 0)  # the first call is the sample


def test_select():
    full = cases.full()
    assert {c.section for c in cases.select(full, ["models"])} == {"models"}
    assert [c.name for c in cases.select(full, ["matmul_1*"])] == ["matmul_1000", "matmul_1024"]
    assert cases.select(full, []) == full
    assert len({c.name for c in full}) == len(full)


def test_quick_bench(tmp_path):
    pytest.importorskip("onnxruntime")
    out = tmp_path / "quick.json"
    command = [sys.executable, str(BENCH / "run.py"), "--quick", "--runs", "2", "--warmup", "0", "--json", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "== models (batch 1 unless named) ==" in done.stdout
    results = json.loads(out.read_text())["results"]
    assert {(r["case"], r["threads"]) for r in results} == {(c.name, t) for c in cases.quick() for t in (1, 2)}
    for r in results:
        expected = {"tgraph", "onnxruntime"} | ({"numpy"} if r["case"] in {c.name for c in cases.quick() if c.numpy} else set())
        assert set(r["engines"]) == expected
        for engine in r["engines"].values():
            assert engine["status"] == "ok" and engine["runs"] == 2 and engine["min_ms"] > 0, r


def test_an_output_that_differs_is_reported_failed_and_not_timed():
    from worker import start_engine

    events = []
    options = type("Options", (), {"tolerance": 1e-4, "runs": 5, "warmup": 1, "max_seconds": 1.0})

    def engine(outputs):
        return lambda: (lambda: outputs, lambda *_: pytest.fail("timed"), {"compile_s": 0.5})

    reference = [np.arange(4.0)]
    _, started = start_engine(lambda kind, **fields: events.append(fields), "case", "tgraph", engine([np.arange(4.0) + 0.01]), reference, options)
    assert started is None
    assert events[-1]["status"] == "FAILED" and events[-1]["error"] == pytest.approx(0.01 / 3)
    outputs, started = start_engine(lambda kind, **fields: events.append(fields), "case", "tgraph", lambda: 1 / 0, reference, options)
    assert outputs is None and started is None
    assert events[-1]["status"] == "ERROR" and "ZeroDivisionError" in events[-1]["message"]


def test_engines_are_timed_in_turns():
    """Each engine warms up, then the timed calls alternate between the engines in ROUNDS rounds (each
    turn after one untimed call), each engine making its planned number in all; a case's ratio then
    compares calls made close together in time."""
    from measure import Timing
    from worker import ROUNDS, Started, time_in_turns

    calls = []

    def timer(name):
        def time_(outputs, runs, warmup):
            calls.append((name, runs, warmup))
            return Timing(tuple([0.001] * runs))

        return time_

    engines = [Started("onnxruntime", timer("ort"), [], 0.01, None, {}, warmup=2, runs=7), Started("tgraph", timer("tg"), [], 0.01, 0.0, {}, warmup=2, runs=7)]
    events = []
    time_in_turns(lambda kind, **fields: events.append(fields), "case", engines)
    assert calls[:2] == [("ort", 0, 2), ("tg", 0, 2)]
    assert [name for name, _, _ in calls[2:]] == ["ort", "tg"] * ROUNDS
    assert all(warmup == 1 for _, _, warmup in calls[2:])
    assert sum(runs for name, runs, _ in calls if name == "ort") == 7 == sum(runs for name, runs, _ in calls if name == "tg")
    assert [(e["engine"], e["status"], e["runs"]) for e in events] == [("onnxruntime", "ok", 7), ("tgraph", "ok", 7)]


def test_turns_after_a_pause_start_with_wake_seconds_of_untimed_calls():
    """After a pause (several threads), a turn's untimed calls fill WAKE seconds: at the first call's
    time in the first round, at the timed calls' median after it."""
    from measure import Timing
    from worker import ROUNDS, WAKE, Started, time_in_turns

    calls = []

    def timer(outputs, runs, warmup):
        calls.append((runs, warmup))
        return Timing(tuple([WAKE / 50] * runs))

    time_in_turns(lambda kind, **fields: None, "case", [Started("tgraph", timer, [], WAKE / 5, 0.0, {}, warmup=2, runs=ROUNDS)], pause=1e-3)
    assert calls == [(0, 2), (1, 5)] + [(1, 50)] * (ROUNDS - 1)


def test_a_slow_engine_makes_no_untimed_calls_in_turns_without_timed_ones():
    """An engine planned for fewer timed calls than rounds (its first call was slow) takes no turn
    in the rounds where it has none: each turn's untimed call would cost a slow call for nothing."""
    from measure import Timing
    from worker import ROUNDS, Started, time_in_turns

    calls = []

    def timer(outputs, runs, warmup):
        calls.append((runs, warmup))
        return Timing(tuple([1.0] * runs))

    time_in_turns(lambda kind, **fields: None, "case", [Started("tgraph", timer, [], 1.0, 0.0, {}, warmup=0, runs=2)])
    assert ROUNDS > 2
    assert calls == [(0, 0), (1, 1), (1, 1)]
