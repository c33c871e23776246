"""Whole ONNX models imported, compiled and run on random inputs, against onnx.reference: the two models
of examples/onnx_models.py (a ResNet-style CNN: conv, batch norm, residual add, pooling, gemm,
softmax; a transformer encoder layer: matmul, layer norm, softmax, gelu, reshape/transpose), with
symbolic dims left dynamic and bound to static values."""

import sys
from pathlib import Path

import numpy as np
import pytest
from onnx.reference import ReferenceEvaluator

import tgraph

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
from onnx_models import resnet_cnn, transformer_layer  # noqa: E402

RTOL, ATOL = 1e-4, 1e-5  # float32 against onnx.reference (which computes in float32 too)

MODELS = {  # builder, input shape for a batch size, dims to bind, the input type with dynamic dims
    "cnn": (resnet_cnn, lambda batch: (batch, 3, 32, 32), {"batch": 2}, "tensor<?x3x32x32xf32>"),
    "transformer": (transformer_layer, lambda batch: (batch, 17, 64), {"batch": 2, "sequence": 17}, "tensor<?x?x64xf32>"),
}


@pytest.fixture(scope="module", params=list(MODELS))
def model(request):
    build, shape, binding, dynamic_type = MODELS[request.param]
    proto = build(seed=1)
    return request.param, proto, shape, binding, dynamic_type, ReferenceEvaluator(proto)


def reference(evaluator, x):
    return evaluator.run(None, {evaluator.input_names[0]: x})[0]


def test_dynamic_dims_one_compile_many_batches(model):
    name, proto, shape, _, dynamic_type, evaluator = model
    function = tgraph.compile(proto)
    assert str(function.input_types[0]) == dynamic_type
    rng = np.random.default_rng(0)
    for batch in (1, 3):
        x = rng.standard_normal(shape(batch)).astype(np.float32)
        np.testing.assert_allclose(function(x), reference(evaluator, x), rtol=RTOL, atol=ATOL, err_msg=f"{name} batch {batch}")


def test_bound_dims_are_static(model):
    name, proto, shape, binding, _, evaluator = model
    function = tgraph.compile(proto, bind=binding)
    assert function.input_types[0].is_static
    x = np.random.default_rng(1).standard_normal(shape(binding["batch"])).astype(np.float32)
    np.testing.assert_allclose(function(x), reference(evaluator, x), rtol=RTOL, atol=ATOL, err_msg=name)
