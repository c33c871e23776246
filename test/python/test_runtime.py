"""`tgraph.compile` and calling what it returns: sources, entry selection, argument checks before the
native call, dynamic dims, array layouts, and errors with locations.

Each compile costs a JIT run (~0.1-0.3 s), so the compiled functions are module-scoped fixtures that many
tests share; a test that must not reach native code replaces `run` on its function and restores it.
"""

import gc
import re
import subprocess
import sys
from pathlib import Path

import ml_dtypes
import numpy as np
import pytest
from mlir import ir
from mlir.dialects import func

import tgraph
from tgraph.dialect import TensorSpec, make_context, parse_module
from tgraph.dialect.ops import Add, MatMul, Relu

from conftest import assert_close

MLP = """\
func.func @mlp(%x: tensor<?x4xf32>, %w: tensor<4x8xf32>) -> tensor<?x8xf32> {
  %0 = "tg.matmul"(%x, %w) : (tensor<?x4xf32>, tensor<4x8xf32>) -> tensor<?x8xf32>
  %1 = "tg.relu"(%0) : (tensor<?x8xf32>) -> tensor<?x8xf32>
  return %1 : tensor<?x8xf32>
}
"""

# Three public functions: compiling needs `entry=`. @twice calls a private helper.
SEVERAL = """\
func.func @add(%x: tensor<?x4xf32>, %y: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.add"(%x, %y) : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
func.func @add_static(%x: tensor<?x4xf32>, %y: tensor<3x4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.add"(%x, %y) : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
func.func @sum_and_product(%x: tensor<?x3xi32>, %y: tensor<3xi32>) -> (tensor<?x3xi32>, tensor<?x3xi32>) {
  %0 = "tg.add"(%x, %y) : (tensor<?x3xi32>, tensor<3xi32>) -> tensor<?x3xi32>
  %1 = "tg.mul"(%x, %y) : (tensor<?x3xi32>, tensor<3xi32>) -> tensor<?x3xi32>
  return %0, %1 : tensor<?x3xi32>, tensor<?x3xi32>
}
func.func private @helper(%x: tensor<?xf32>) -> tensor<?xf32> {
  %0 = "tg.add"(%x, %x) : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
"""

# One public function beside a private helper it calls: the default entry. (Static shapes: the runtime
# cannot compute dynamic output shapes through a func.call.)
WITH_HELPER = """\
func.func private @helper(%x: tensor<7xf32>) -> tensor<7xf32> {
  %0 = "tg.add"(%x, %x) : (tensor<7xf32>, tensor<7xf32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}
func.func @twice(%x: tensor<7xf32>) -> tensor<7xf32> {
  %0 = func.call @helper(%x) : (tensor<7xf32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}
"""


@pytest.fixture(scope="module")
def mlp():
    return tgraph.compile(MLP)


@pytest.fixture(scope="module")
def add():
    return tgraph.compile(SEVERAL, entry="add")


@pytest.fixture(scope="module")
def add_static():
    return tgraph.compile(SEVERAL, entry="add_static")


@pytest.fixture(scope="module")
def sum_and_product():
    return tgraph.compile(SEVERAL, entry="sum_and_product")


class NativeCalled(AssertionError):
    pass


@pytest.fixture
def no_native(monkeypatch):
    """`no_native(f)`: calling f's compiled code fails the test (checks must reject the call first)."""

    def forbid(function):
        def run(inputs, outputs):
            raise NativeCalled(f"@{function.name} reached native code")

        monkeypatch.setattr(function, "run", run)
        return function

    return forbid


def mlp_reference(x, w):
    return np.maximum(x.astype(np.float64) @ w.astype(np.float64), 0.0)


def f32(rng, *shape):
    return rng.uniform(-2, 2, shape).astype(np.float32)


# --- sources --------------------------------------------------------------------------------------


def test_compile_text(mlp, rng):
    x, w = f32(rng, 5, 4), f32(rng, 4, 8)
    assert_close(mlp(x, w), mlp_reference(x, w), "f32")
    assert mlp.name == "mlp"
    assert repr(mlp) == "<tgraph compiled @mlp: (tensor<?x4xf32>, tensor<4x8xf32>) -> (tensor<?x8xf32>)>"


@pytest.mark.parametrize("as_path", [str, Path], ids=["str", "pathlib"])
def test_compile_path(tmp_path, rng, as_path):
    path = tmp_path / "twice.mlir"
    path.write_text(WITH_HELPER)
    twice = tgraph.compile(as_path(path))
    x = f32(rng, 7)
    assert_close(twice(x), 2 * x, "f32")


def test_path_errors_name_the_file(tmp_path):
    path = tmp_path / "broken.mlir"
    path.write_text(MLP.replace("%1 = ", "%1 "))
    with pytest.raises(tgraph.CompileError, match=rf"^{re.escape(str(path))}:3:5: error: expected '=' after SSA name"):
        tgraph.compile(path)
    with pytest.raises(tgraph.CompileError, match=rf"^{re.escape(str(path))}:3:5: error: expected '=' after SSA name"):
        tgraph.compile(str(path))


def test_missing_file():
    with pytest.raises(tgraph.CompileError, match=r"cannot read /nonexistent/model\.mlir: No such file"):
        tgraph.compile("/nonexistent/model.mlir")


def test_existing_file_without_mlir_suffix(tmp_path):
    path = tmp_path / "model.tg"
    path.write_text(WITH_HELPER)
    twice = tgraph.compile(str(path))
    assert twice.name == "twice"


def build_module():
    """What a user writes with the builders: relu(x @ w + b), result types inferred."""
    context = make_context()
    with context, ir.Location.unknown():
        module = ir.Module.create()
        x_type = TensorSpec((None, 3), "f32").to_mlir()
        w_type = TensorSpec((3, 2), "f32").to_mlir()
        b_type = TensorSpec((2,), "f32").to_mlir()
        with ir.InsertionPoint(module.body):

            @func.FuncOp.from_py_func(x_type, w_type, b_type)
            def layer(x, w, b):
                return Relu(Add(MatMul(x, w), b)).result

    return context, module


def test_compile_user_module_leaves_it_unchanged(rng):
    context, module = build_module()
    before = str(module)
    layer = tgraph.compile(module)
    assert str(module) == before
    assert module.operation.verify()
    x, w, b = f32(rng, 4, 3), f32(rng, 3, 2), f32(rng, 2)
    expected = np.maximum(x.astype(np.float64) @ w + b, 0.0)
    assert_close(layer(x, w, b), expected, "f32")
    assert [str(t) for t in layer.input_types] == ["tensor<?x3xf32>", "tensor<3x2xf32>", "tensor<2xf32>"]


# --- entry selection -------------------------------------------------------------------------------


def test_default_entry_is_the_only_public_function(rng):
    twice = tgraph.compile(WITH_HELPER)
    assert twice.name == "twice"
    x = f32(rng, 7)
    assert_close(twice(x), 2 * x, "f32")


def test_several_public_functions_need_an_entry():
    with pytest.raises(tgraph.CompileError) as error:
        tgraph.compile(SEVERAL)
    message = str(error.value)
    assert "3 public functions (@add, @add_static, @sum_and_product)" in message
    assert "entry=" in message


def test_unknown_entry_lists_the_functions():
    with pytest.raises(tgraph.CompileError, match=r"no function @nope .*@add, @add_static, @sum_and_product, @helper"):
        tgraph.compile(SEVERAL, entry="nope")


def test_no_function_at_all():
    with pytest.raises(tgraph.CompileError, match="0 public functions"):
        tgraph.compile("")


def test_private_function_as_entry(rng):
    with make_context():
        module = parse_module(SEVERAL)
    before = str(module)
    helper = tgraph.compile(module, entry="helper")
    assert str(module) == before  # still private in the user's module
    x = f32(rng, 5)
    assert_close(helper(x), 2 * x, "f32")


def test_declaration_as_entry():
    source = "func.func private @decl(%x: tensor<3xf32>) -> tensor<3xf32>\n" + WITH_HELPER
    with pytest.raises(tgraph.CompileError, match=r"^<string>:1:\d+: error: @decl is a declaration without a body"):
        tgraph.compile(source, entry="decl")


DECLARED = """\
func.func private @external(%x: tensor<3xf32>) -> tensor<3xf32>
func.func private @scalar(%x: i32) -> i32 {
  return %x : i32
}
func.func @uses_external(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = func.call @external(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @exp(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "tg.exp"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
"""


def test_functions_the_entry_does_not_call_are_ignored():
    """An unresolved declaration, or a function the runtime could not call, elsewhere in the module."""
    exp = tgraph.compile(DECLARED, entry="exp")
    assert_close(exp(np.zeros(3, np.float32)), np.ones(3), "f32")


def test_entry_calling_a_declaration():
    with pytest.raises(tgraph.CompileError, match=r"^<string>:1:\d+: error: @uses_external calls @external, which is only declared"):
        tgraph.compile(DECLARED, entry="uses_external")


def test_unknown_target():
    with pytest.raises(tgraph.CompileError, match="unknown target 'tpu'"):
        tgraph.compile(MLP, target="tpu")


# --- results and types -----------------------------------------------------------------------------


def test_several_results_are_a_tuple(sum_and_product, rng):
    x = rng.integers(-50, 50, (4, 3)).astype(np.int32)
    y = rng.integers(-50, 50, (3,)).astype(np.int32)
    result = sum_and_product(x, y)
    assert isinstance(result, tuple) and len(result) == 2
    assert_close(result[0], x + y, "i32")
    assert_close(result[1], x * y, "i32")


def test_single_result_is_an_array(mlp, rng):
    assert isinstance(mlp(f32(rng, 1, 4), f32(rng, 4, 8)), np.ndarray)


def test_input_and_output_types(mlp, sum_and_product):
    assert mlp.input_types == [TensorSpec((None, 4), "f32"), TensorSpec((4, 8), "f32")]
    assert mlp.output_types == [TensorSpec((None, 8), "f32")]
    assert sum_and_product.input_types == [TensorSpec((None, 3), "i32"), TensorSpec((3,), "i32")]
    assert sum_and_product.output_types == [TensorSpec((None, 3), "i32")] * 2


# --- argument checks, all before the native call ----------------------------------------------------


@pytest.mark.parametrize(
    "x, w, message",
    [
        (np.zeros((2, 4), np.float32), None, r"^@mlp takes 2 arguments, got 1$"),
        (np.zeros((2, 4), np.float64), np.zeros((4, 8), np.float32), r"argument #0 of @mlp: expected dtype float32 .*got float64"),
        (np.zeros((2, 4), np.float32), np.zeros((4, 8), np.int32), r"argument #1 of @mlp: expected dtype float32 .*got int32"),
        (np.zeros((4,), np.float32), np.zeros((4, 8), np.float32), r"argument #0 of @mlp: expected rank 2 .*got shape \(4,\)"),
        (np.zeros((2, 4), np.float32), np.zeros((1, 4, 8), np.float32), r"argument #1 of @mlp: expected rank 2 .*got shape \(1, 4, 8\)"),
        (np.zeros((2, 5), np.float32), np.zeros((4, 8), np.float32), r"argument #0 of @mlp: dim 1 must be 4 .*got shape \(2, 5\)"),
        (np.zeros((2, 4), np.float32), np.zeros((4, 9), np.float32), r"argument #1 of @mlp: dim 1 must be 8 .*got shape \(4, 9\)"),
    ],
    ids=["count", "dtype", "dtype-second", "rank-low", "rank-high", "static-dim", "static-dim-second"],
)  # fmt: skip
def test_bad_arguments_raise_before_native_code(mlp, no_native, x, w, message):
    no_native(mlp)
    arguments = (x,) if w is None else (x, w)
    with pytest.raises(ValueError, match=message):
        mlp(*arguments)


def test_too_many_arguments(mlp, no_native):
    no_native(mlp)
    a = np.zeros((2, 4), np.float32)
    with pytest.raises(ValueError, match=r"^@mlp takes 2 arguments, got 3$"):
        mlp(a, np.zeros((4, 8), np.float32), a)


def test_dynamic_dim_that_would_broadcast_at_run_time(add_static, no_native):
    """tensor<?x4xf32> + tensor<3x4xf32> called with 1x4: compiled code assumes ? == 3 and would read
    the 1x4 array out of bounds, so the call is refused."""
    no_native(add_static)
    with pytest.raises(ValueError, match=r"@add_static: .*a dynamic dim cannot broadcast at run time"):
        add_static(np.ones((1, 4), np.float32), np.ones((3, 4), np.float32))


def test_dynamic_dims_that_disagree(add, no_native):
    no_native(add)
    with pytest.raises(ValueError, match=r"@add: inputs of shapes \[\(2, 4\), \(3, 4\)\] .*do not broadcast"):
        add(np.ones((2, 4), np.float32), np.ones((3, 4), np.float32))
    for shapes in [((1, 4), (3, 4)), ((3, 4), (1, 4))]:
        with pytest.raises(ValueError, match="cannot broadcast at run time"):
            add(*(np.ones(s, np.float32) for s in shapes))


def test_static_result_that_the_input_does_not_fit(no_native):
    reshape = tgraph.compile(
        """
        func.func @flatten(%x: tensor<?x4xf32>) -> tensor<8xf32> {
          %0 = "tg.reshape"(%x) : (tensor<?x4xf32>) -> tensor<8xf32>
          return %0 : tensor<8xf32>
        }"""
    )
    x = np.arange(8, dtype=np.float32).reshape(2, 4)
    np.testing.assert_array_equal(reshape(x), x.reshape(8))
    no_native(reshape)
    with pytest.raises(ValueError, match="12 elements do not fit the shape tensor<8xf32>"):
        reshape(np.zeros((3, 4), np.float32))


def test_dynamic_dims_that_agree(add, add_static, rng):
    x, y = f32(rng, 3, 4), f32(rng, 3, 4)
    assert_close(add(x, y), x + y, "f32")
    assert_close(add_static(x, y), x + y, "f32")


# --- array layouts and Python values ----------------------------------------------------------------


def test_non_contiguous_inputs(mlp, rng):
    big = f32(rng, 12, 10)
    w_t = f32(rng, 8, 4)
    cases = {
        "row-slice-with-step": (big[::3, :4], w_t.T),
        "column-slice": (big[2:7, 3:7], np.asfortranarray(w_t.T)),
        "negative-strides": (big[::-2, ::-1][:, :4], w_t.T[::-1]),
        "transposed": (big[:4, :5].T, w_t.T),
    }
    for name, (x, w) in cases.items():
        assert not (x.flags.c_contiguous and w.flags.c_contiguous), name
        assert_close(mlp(x, w), mlp_reference(x, w), "f32")


def test_inputs_are_not_written_and_outputs_are_fresh(add, rng):
    x, y = f32(rng, 2, 4), f32(rng, 2, 4)
    x_copy, y_copy = x.copy(), y.copy()
    first = add(x, y)
    second = add(y, y)
    np.testing.assert_array_equal(x, x_copy)
    np.testing.assert_array_equal(y, y_copy)
    assert not np.shares_memory(first, second)
    assert_close(first, x_copy + y_copy, "f32")
    assert_close(second, 2 * y_copy, "f32")


def test_python_lists(sum_and_product, mlp):
    total, product = sum_and_product([[1, 2, 3], [4, 5, 6]], [10, 20, 30])
    np.testing.assert_array_equal(total, [[11, 22, 33], [14, 25, 36]])
    np.testing.assert_array_equal(product, [[10, 40, 90], [40, 100, 180]])
    assert total.dtype == np.int32
    w = np.eye(4, 8, dtype=np.float32)
    np.testing.assert_array_equal(mlp([[1.5, -2, 3, 0]], w), [[1.5, 0, 3, 0, 0, 0, 0, 0]])


def test_python_values_that_do_not_fit(sum_and_product, no_native):
    no_native(sum_and_product)
    with pytest.raises(ValueError, match=r"argument #0 of @sum_and_product: expected tensor<\?x3xi32>, got a list of float64"):
        sum_and_product([[1.5, 2, 3]], [1, 2, 3])
    with pytest.raises(ValueError, match=r"argument #1 of @sum_and_product: expected tensor<3xi32>, got a list of <U"):
        sum_and_product([[1, 2, 3]], ["a", "b", "c"])
    with pytest.raises(ValueError, match=r"argument #1 of @sum_and_product: values out of the range of i32"):
        sum_and_product([[1, 2, 3]], [1, 2, 2**40])
    with pytest.raises(ValueError, match=r"argument #0 of @sum_and_product: cannot make an array"):
        sum_and_product([[1, 2, 3], [1]], [1, 2, 3])


def test_zero_size_dims(mlp, add):
    empty = mlp(np.zeros((0, 4), np.float32), np.ones((4, 8), np.float32))
    assert empty.shape == (0, 8) and empty.dtype == np.float32
    assert add(np.zeros((0, 4), np.float32), np.zeros((0, 4), np.float32)).shape == (0, 4)
    contract_nothing = tgraph.compile(
        """
        func.func @outer(%a: tensor<?x?xf32>, %b: tensor<?x3xf32>) -> tensor<?x3xf32> {
          %0 = "tg.matmul"(%a, %b) : (tensor<?x?xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
          return %0 : tensor<?x3xf32>
        }"""
    )
    result = contract_nothing(np.zeros((2, 0), np.float32), np.zeros((0, 3), np.float32))
    np.testing.assert_array_equal(result, np.zeros((2, 3), np.float32))


# --- many calls, many compiled functions -----------------------------------------------------------


def test_many_calls_with_changing_dynamic_dims(mlp, rng):
    w = f32(rng, 4, 8)
    for batch in list(range(1, 40)) + [1000]:
        x = f32(rng, batch, 4)
        assert_close(mlp(x, w), mlp_reference(x, w), "f32")


def test_output_shapes_follow_each_calls_inputs(rng):
    """Output types are remembered per input shapes (and small integer values, which may decide
    shapes): a call with other shapes, or a target shape given as another value, gets its own, also
    past the number remembered."""
    from tgraph.runtime.jit import OUTPUT_TYPES_REMEMBERED

    expand = tgraph.compile(
        """
        func.func @expand(%x: tensor<?x1xf32>, %t: tensor<2xi64>) -> tensor<?x?xf32> {
          %0 = "tg.broadcast_to"(%x, %t) : (tensor<?x1xf32>, tensor<2xi64>) -> tensor<?x?xf32>
          return %0 : tensor<?x?xf32>
        }"""
    )
    x = f32(rng, 3, 1)
    for width in [1, 5, 2, 5, *range(6, OUTPUT_TYPES_REMEMBERED + 10), 1]:
        target = np.array([3, width], np.int64)
        np.testing.assert_array_equal(expand(x, target), np.broadcast_to(x, (3, width)))
    with pytest.raises(ValueError, match="not valid here"):
        expand(x, np.array([4, 2], np.int64))


def test_output_types_forget_the_least_recently_used(rng, monkeypatch):
    """A shape used at every other call stays remembered while more other shapes than are
    remembered pass through: only the least recently used are inferred again."""
    from tgraph.runtime.jit import OUTPUT_TYPES_REMEMBERED

    double = tgraph.compile(
        """
        func.func @double(%x: tensor<?xf32>) -> tensor<?xf32> {
          %0 = "tg.add"(%x, %x) : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
          return %0 : tensor<?xf32>
        }"""
    )
    inferred = []
    infer = double.program.output_types_for
    monkeypatch.setattr(double.program, "output_types_for", lambda specs, values: inferred.append(specs[0].shape) or infer(specs, values))
    for size in range(2, OUTPUT_TYPES_REMEMBERED + 10):
        for x in (f32(rng, 1), f32(rng, size)):
            np.testing.assert_array_equal(double(x), 2 * x)
    assert inferred.count((1,)) == 1
    assert len(inferred) == OUTPUT_TYPES_REMEMBERED + 9


def test_several_compiled_functions_in_one_process(rng):
    first = tgraph.compile(MLP)
    second = tgraph.compile(MLP.replace("tg.relu", "tg.neg"))
    third = tgraph.compile(WITH_HELPER)
    x, w, v = f32(rng, 3, 4), f32(rng, 4, 8), f32(rng, 7)
    for _ in range(3):
        assert_close(first(x, w), mlp_reference(x, w), "f32")
        assert_close(second(x, w), -(x.astype(np.float64) @ w), "f32")
        assert_close(third(v), 2 * v, "f32")
    del first
    gc.collect()
    assert_close(second(x, w), -(x.astype(np.float64) @ w), "f32")


THREADED_MATMUL = """func.func @f(%a: tensor<256x256xf32>, %b: tensor<256x256xf32>) -> tensor<256x256xf32> {
  %0 = "tg.matmul"(%a, %b) : (tensor<256x256xf32>, tensor<256x256xf32>) -> tensor<256x256xf32>
  return %0 : tensor<256x256xf32>
}"""


def _resident_megabytes() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 1e6


def test_threaded_code_is_freed_when_dropped(rng):
    # Dropping a function compiled for 2 threads right after a call frees its engine: an OpenMP
    # parallel region returns only once every thread has left it. Each engine and its module hold
    # about 4 MB: kept alive, 40 of them would grow the process by 160 MB.
    # Small integers: every partial sum is exact in f32, whatever the order.
    a, b = (rng.integers(-2, 3, (256, 256)).astype(np.float32) for _ in range(2))
    expected = a @ b
    tgraph.compile(THREADED_MATMUL, threads=2)(a, b)
    gc.collect()
    before = _resident_megabytes()
    for _ in range(40):
        f = tgraph.compile(THREADED_MATMUL, threads=2)
        np.testing.assert_array_equal(f(a, b), expected)
        del f
    gc.collect()
    assert _resident_megabytes() - before < 40


def test_process_exits_after_threaded_calls(tmp_path):
    # The threading runtime's workers must not hold the process at exit, nor crash it.
    script = tmp_path / "run.py"
    script.write_text(
        "import numpy as np, tgraph\n"
        f"f = tgraph.compile({THREADED_MATMUL!r}, threads=2)\n"
        "x = np.ones((256, 256), np.float32)\n"
        "assert f(x, x)[0, 0] == 256\n"
        "del f\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


# --- constants of every storage kind ---------------------------------------------------------------


def test_constants_of_each_element_type(rng):
    consts = tgraph.compile(
        """
        func.func @consts(%i: tensor<?xi32>, %h: tensor<?xf16>, %b: tensor<?xbf16>) -> (tensor<?xi32>, tensor<?xf16>, tensor<?xbf16>, tensor<3xi1>) {
          %ci = arith.constant dense<7> : tensor<3xi32>
          %ch = arith.constant dense<[0.5, 1.5, -2.0]> : tensor<3xf16>
          %cb = arith.constant dense<[0.25, -1.5, 3.0]> : tensor<3xbf16>
          %cm = arith.constant dense<[true, false, true]> : tensor<3xi1>
          %0 = "tg.add"(%i, %ci) : (tensor<?xi32>, tensor<3xi32>) -> tensor<?xi32>
          %1 = "tg.mul"(%h, %ch) : (tensor<?xf16>, tensor<3xf16>) -> tensor<?xf16>
          %2 = "tg.sub"(%b, %cb) : (tensor<?xbf16>, tensor<3xbf16>) -> tensor<?xbf16>
          return %0, %1, %2, %cm : tensor<?xi32>, tensor<?xf16>, tensor<?xbf16>, tensor<3xi1>
        }"""
    )
    i = np.array([1, -2, 3], np.int32)
    h = np.array([2, 2, 2], np.float16)
    b = np.array([1, 1, 1], ml_dtypes.bfloat16)
    got = consts(i, h, b)
    np.testing.assert_array_equal(got[0], [8, 5, 10])
    np.testing.assert_array_equal(got[1], np.array([1, 3, -4], np.float16))
    np.testing.assert_array_equal(got[2].astype(np.float32), [0.75, 2.5, -2.0])
    np.testing.assert_array_equal(got[3], [True, False, True])
    reference = consts.program.evaluate([i, h, b])
    for have, want in zip(got, reference):
        np.testing.assert_array_equal(have, want)


# --- errors with locations -------------------------------------------------------------------------


def test_malformed_mlir_has_a_location():
    with pytest.raises(tgraph.CompileError, match=r"^<string>:2:26: error: expected '\)' to end operand list") as error:
        tgraph.compile(MLP.replace('"tg.matmul"(%x, %w)', '"tg.matmul"(%x, %w'))
    assert error.value.diagnostics[0].line == 2


# The matmul claims 9 columns where the operands give 8.
BAD_MATMUL = """\
func.func @mlp(%x: tensor<?x4xf32>, %w: tensor<4x8xf32>) -> tensor<?x9xf32> {
  %0 = "tg.matmul"(%x, %w) : (tensor<?x4xf32>, tensor<4x8xf32>) -> tensor<?x9xf32>
  return %0 : tensor<?x9xf32>
}
"""


def test_ir_failing_verification_has_a_location():
    with pytest.raises(tgraph.CompileError, match=r"^<string>:2:8: error: 'tg.matmul' op result 'result' has type tensor<\?x9xf32>, but the operands give tensor<\?x8xf32>$"):
        tgraph.compile(BAD_MATMUL)


@pytest.mark.parametrize(
    "body, message",
    [
        ('%0 = "tg.gelu"(%x) {approximate = "bogus"} : (tensor<3xf32>) -> tensor<3xf32>',
         r"^<string>:2:8: error: 'tg.gelu' op attribute 'approximate': \"bogus\" is not one of"),
        ('%0 = "tg.softmax"(%x) {axis = 1.5 : f32} : (tensor<3xf32>) -> tensor<3xf32>',
         r"^<string>:2:8: error: 'tg.softmax' op attribute 'axis': expected an i64 integer"),
        ('%0 = "tg.exp"(%x) : (tensor<3xf32>) -> tensor<3xf16>',
         r"^<string>:2:8: error: 'tg.exp' op result 'result' has type tensor<3xf16>"),
        ('%0 = "tg.transpose"(%x) : (tensor<3xf32>) -> tensor<3xf32>',
         r"^<string>:2:8: error: 'tg.transpose' op attribute \"perm\" is expected but not provided"),
    ],
    ids=["bad-choice", "attr-kind", "result-dtype", "missing-attr"],
)  # fmt: skip
def test_invalid_ops_are_compile_errors(body, message):
    source = f"func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {{\n  {body}\n  return %x : tensor<3xf32>\n}}\n"
    with pytest.raises(tgraph.CompileError, match=message):
        tgraph.compile(source)


@pytest.mark.parametrize(
    "type_, message",
    [("i32", "argument #0 of @f: expected a ranked tensor, got i32"),
     ("tensor<*xf32>", r"argument #0 of @f: expected a ranked tensor, got tensor<\*xf32>"),
     ("tensor<3xindex>", "argument #0 of @f: element type index is not supported by tg")],
    ids=["scalar", "unranked", "index"],
)  # fmt: skip
def test_entry_signature_must_be_tg_tensors(type_, message):
    source = f"func.func @f(%x: {type_}) -> {type_} {{\n  return %x : {type_}\n}}\n"
    with pytest.raises(tgraph.CompileError, match=rf"^<string>:1:1: error: {message}"):
        tgraph.compile(source)


def test_compile_error_diagnostics():
    with pytest.raises(tgraph.CompileError) as error:
        tgraph.compile(BAD_MATMUL)
    (diagnostic,) = error.value.diagnostics
    assert diagnostic.location == "<string>:2:8"
    assert diagnostic.line == 2
    assert diagnostic.severity == "error"
    assert str(error.value) == str(diagnostic)


def test_every_invalid_op_is_reported():
    source = BAD_MATMUL.replace("  return", '  %1 = "tg.exp"(%0) : (tensor<?x9xf32>) -> tensor<?x9xf16>\n  return')
    with pytest.raises(tgraph.CompileError) as error:
        tgraph.compile(source)
    assert [d.location for d in error.value.diagnostics] == ["<string>:2:8", "<string>:3:8"]
