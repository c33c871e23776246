"""`--tg-bind-dims` on imported ONNX models: the symbolic dims the importer names become static, and with
`--tg-infer-shapes` the whole graph does; the compiled result agrees with onnx.reference. Also the
free-form options it takes (`batch=2 sequence=7`) through the pass registry."""

import sys
from pathlib import Path

import numpy as np
import pytest
from onnx.reference import ReferenceEvaluator

import tgraph
from tgraph.diagnostics import CompileError
from tgraph.dialect import TG, TensorSpec, make_context
from tgraph.frontend.onnx import import_model
from tgraph.passes import PASSES, format_options, make_pass
from tgraph.runtime.jit import run_pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
from onnx_models import transformer_layer  # noqa: E402


def result_specs(module) -> list[TensorSpec]:
    return [TensorSpec.from_mlir(r.type) for op in TG.ops_in(module.operation) for r in op.results]


def test_bound_transformer_is_static_and_correct():
    proto = transformer_layer(seed=3)
    with make_context():
        module = import_model(proto)
        assert not all(s.is_static for s in result_specs(module))
        run_pipeline(module, 'tg-bind-dims{batch=2 sequence=7}, tg-infer-shapes')
        assert all(s.is_static for s in result_specs(module)), "a tg op result is still dynamic"
        function = tgraph.compile(module, opt_level=0)
    assert [str(t) for t in function.input_types] == ["tensor<2x7x64xf32>"]
    assert [str(t) for t in function.output_types] == ["tensor<2x7x64xf32>"]
    x = np.random.default_rng(0).standard_normal((2, 7, 64)).astype(np.float32)
    expected = ReferenceEvaluator(proto).run(None, {"x": x})[0]
    np.testing.assert_allclose(function(x), expected, rtol=1e-4, atol=1e-5)
    with pytest.raises(ValueError, match="dim 1 must be 7"):
        function(np.zeros((2, 8, 64), np.float32))


def test_binding_one_name_leaves_the_other_dynamic():
    with make_context():
        module = import_model(transformer_layer(seed=3))
        run_pipeline(module, "tg-bind-dims{sequence=7}, tg-infer-shapes")
        function = tgraph.compile(module, opt_level=0)
    assert str(function.input_types[0]) == "tensor<?x7x64xf32>"
    assert function(np.zeros((3, 7, 64), np.float32)).shape == (3, 7, 64)


def test_unknown_name_lists_the_known_ones():
    with make_context():
        module = import_model(transformer_layer(seed=3))
        with pytest.raises(CompileError, match=r"no argument has a dim named 'seq' \(known names: batch, sequence\)"):
            run_pipeline(module, "tg-bind-dims{batch=1 seq=4}")


def test_free_form_options():
    bind = make_pass("tg-bind-dims", "batch=2 sequence=7")
    assert bind.dims == {"batch": 2, "sequence": 7}
    assert format_options(bind) == "batch=2 sequence=7"
    assert PASSES["tg-bind-dims"].option_help() == ["<name>=<int> ...: the size of every argument dim named so"]
    with pytest.raises(CompileError, match="option 'batch' of pass 'tg-bind-dims' expects int, got 'two'"):
        make_pass("tg-bind-dims", "batch=two")
    with pytest.raises(CompileError, match="give the dims to bind"):
        make_pass("tg-bind-dims", "")
    # Passes without a free-form field still refuse unknown options.
    with pytest.raises(CompileError, match="pass 'tg-fold-constants' has no option 'batch'"):
        make_pass("tg-fold-constants", "batch=2")
