"""Helpers for the tests that check a graph pass preserves results: run the pass on a copy of a module,
compile both (with no other graph optimization) and compare their outputs on the same random inputs."""

import numpy as np
from conftest import TOLERANCES, random_array
from mlir import ir

import tgraph
from tgraph.dialect import TG
from tgraph.runtime.jit import run_pipeline


def copy_of(module: ir.Module) -> ir.Module:
    """A copy of `module` sharing its attributes, so that the constants a pass reads (resource blobs
    included) stay readable."""
    with module.context, ir.Location.unknown():
        copy = ir.Module.create()
        for op in module.body.operations:
            op.operation.clone(ip=ir.InsertionPoint(copy.body))
    return copy


def after_pass(module: ir.Module, pipeline: str) -> ir.Module:
    """A copy of `module` after `pipeline`."""
    copy = copy_of(module)
    run_pipeline(copy, pipeline)
    return copy


def op_names(module: ir.Module) -> list[str]:
    """The tg ops of `module` by name, in program order."""
    return [op.name for op in TG.ops_in(module.operation)]


def random_inputs(function, rng, dynamic_size: int) -> list[np.ndarray]:
    """Random arrays for the inputs of a compiled function, `dynamic_size` for its dynamic dims."""
    return [random_array(rng, tuple(dynamic_size if d is None else d for d in spec.shape), spec.dtype) for spec in function.input_types]


def assert_same_results(module: ir.Module, transformed: ir.Module, what: str, dynamic_sizes=(1, 3), seed: int = 0, slack: float = 1.0):
    """Compile both modules and check they compute the same outputs (within the tolerance of each
    output's dtype, times `slack` for passes that reorder float operations; exactly for integers) on
    random inputs, for each size of the dynamic dims."""
    before = tgraph.compile(module, opt_level=0)
    after = tgraph.compile(transformed, opt_level=0)
    rng = np.random.default_rng(seed)
    for size in dynamic_sizes:
        inputs = random_inputs(before, rng, size)
        expected, actual = before(*inputs), after(*inputs)
        expected = expected if isinstance(expected, tuple) else (expected,)
        actual = actual if isinstance(actual, tuple) else (actual,)
        for index, (b, a, spec) in enumerate(zip(expected, actual, before.output_types)):
            message = f"{what}, dynamic dims {size}: output #{index} ({spec})"
            assert a.shape == b.shape, message
            if spec.dtype in TOLERANCES:
                rtol, atol = (slack * t for t in TOLERANCES[spec.dtype])
                np.testing.assert_allclose(a.astype(np.float64), b.astype(np.float64), rtol=rtol, atol=atol, err_msg=message)
            else:
                np.testing.assert_array_equal(a, b, err_msg=message)
