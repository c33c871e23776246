"""tg-compile and what it makes: a shared library and its C header, called from C (the example in aot/,
built with cc) and from Python, and its errors.
"""

import ctypes
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import tgraph
from tgraph.dialect.interpreter import Program
from tgraph.dialect.types import ALL_TYPES, TensorSpec
from tgraph.runtime import aot
from tgraph.runtime.c_header import c_element_type, is_c_identifier, output_dims
from tgraph.runtime.memref import descriptor

from conftest import random_array

BIN = Path(sys.executable).parent
AOT = Path(__file__).resolve().parent / "aot"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
pytestmark = pytest.mark.skipif(aot.c_compiler() is None, reason="no C compiler")


def tg_compile(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "tg-compile"), *map(str, args)], capture_output=True, text=True, **kwargs)


def cc(*args) -> None:
    result = subprocess.run([aot.c_compiler(), *map(str, args)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def classifier(tmp_path_factory) -> Path:
    """aot/classifier.mlir compiled into a directory of its own: libclassifier.so, libclassifier.h."""
    directory = tmp_path_factory.mktemp("classifier")
    result = tg_compile(AOT / "classifier.mlir", "-o", directory / "libclassifier.so")
    assert result.returncode == 0 and result.stdout == result.stderr == "", result.stderr
    return directory


def classifier_reference(x):
    w = np.array([[0.5, -1.0, 0.25], [1.5, 0.0, -0.5], [-2.0, 1.0, 0.75], [0.125, 0.5, -1.25]])
    logits = x.astype(np.float64) @ w + np.array([0.1, -0.2, 0.3])
    exp = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probabilities = exp / exp.sum(axis=-1, keepdims=True)
    return probabilities, probabilities.argmax(axis=-1)


def test_c_example_runs(classifier):
    program = classifier / "classifier_example"
    cc("-std=c11", "-Wall", "-Wextra", "-Werror", AOT / "classifier_example.c", f"-I{classifier}", f"-L{classifier}",
       "-lclassifier", f"-Wl,-rpath,{classifier}", "-o", program)  # fmt: skip
    result = subprocess.run([program], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    values = result.stdout.split()
    x = np.array([[1.0, 2.0, 3.0, 4.0], [-1.0, 0.5, 0.0, 2.0], [0.25, -3.0, 1.5, -0.5]])
    probabilities, classes = classifier_reference(x)
    np.testing.assert_allclose(np.array(values[:9], float).reshape(3, 3), probabilities, rtol=1e-5, atol=1e-7)
    assert [int(v) for v in values[9:]] == classes.tolist()


def test_header_declares_structs_entry_and_convention(classifier):
    header = (classifier / "libclassifier.h").read_text()
    assert "void _mlir_ciface_classify(tg_memref_2d_float *in0, tg_memref_2d_float *out0, tg_memref_1d_int64 *out1);" in header
    assert "typedef struct {\n  float *allocated;\n  float *aligned;\n  int64_t offset;\n  int64_t sizes[2];\n  int64_t strides[2];\n} tg_memref_2d_float;" in header
    assert "} tg_memref_1d_int64;" in header
    assert " *   input  in0   tensor<?x4xf32>\n" in header
    assert " *   output out1  tensor<?xi64>  (dim 0 = in0 dim 0)\n" in header
    assert "Calling convention" in header and "The caller allocates every output" in header


def test_headers_of_two_models_go_together(classifier, tmp_path):
    assert tg_compile(EXAMPLES / "mlp.mlir", "-o", tmp_path / "libmlp.so", "--header", tmp_path / "mlp.h").returncode == 0
    both = tmp_path / "both.c"
    both.write_text(f'#include "{classifier}/libclassifier.h"\n#include "mlp.h"\nint main(void) {{ return 0; }}\n')
    cc("-std=c11", "-Wall", "-Werror", "-fsyntax-only", f"-I{tmp_path}", both)  # two tg_memref_2d_float, guarded


def test_library_exports_only_the_entry(classifier):
    library = ctypes.CDLL(str(classifier / "libclassifier.so"))
    assert hasattr(library, "_mlir_ciface_classify")
    for internal in ("classify", "_mlir_classify", "_mlir__mlir_ciface_classify"):
        assert not hasattr(library, internal)


def test_onnx_model_called_from_python(tmp_path, rng):
    sys.path.insert(0, str(EXAMPLES))
    from onnx_models import transformer_layer

    import onnx

    onnx.save(transformer_layer(), tmp_path / "transformer.onnx")
    result = tg_compile(tmp_path / "transformer.onnx", "-o", tmp_path / "libtransformer.so", "--bind", "batch=2")
    assert result.returncode == 0, result.stderr
    assert " *   input  x     tensor<2x?x64xf32>\n" in (tmp_path / "libtransformer.h").read_text()
    x = random_array(rng, (2, 7, 64), "f32")
    y = np.empty_like(x)
    arrays = [x, y]
    descriptors = [descriptor(a) for a in arrays]
    aot.SharedLibrary(tmp_path / "libtransformer.so", "main", 2).call([ctypes.addressof(d) for d in descriptors])
    expected = tgraph.compile(tmp_path / "transformer.onnx", bind={"batch": 2}, cache=False)(x)
    np.testing.assert_array_equal(y, expected)


# --- errors -------------------------------------------------------------------------------------------


def test_errors(tmp_path):
    bad = tmp_path / "bad.mlir"
    bad.write_text("func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {\n  return %y : tensor<2xf32>\n}\n")
    dotted = tmp_path / "dotted.mlir"
    dotted.write_text('func.func @"my.model"(%x: tensor<2xf32>) -> tensor<2xf32> {\n  return %x : tensor<2xf32>\n}\n')
    cases = [
        ((tmp_path / "missing.mlir", "-o", tmp_path / "lib.so"), "tg-compile: error: cannot read"),
        ((bad, "-o", tmp_path / "lib.so"), f"{bad}:2:"),
        ((AOT / "classifier.mlir", "-o", tmp_path / "no" / "lib.so"), "no directory"),
        ((dotted, "-o", tmp_path / "lib.so"), "@my.model is not a C identifier"),
        ((AOT / "classifier.mlir",), "required: -o/--output"),
        ((AOT / "classifier.mlir", "-o", tmp_path / "lib.so", "--threads", "0"), "must be at least 1"),
    ]
    for args, message in cases:
        result = tg_compile(*args)
        assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr, (args, result.stderr)
    assert not (tmp_path / "lib.so").exists()


def test_no_c_compiler(tmp_path):
    environment = {"PATH": str(tmp_path), "HOME": str(tmp_path)}
    result = tg_compile(AOT / "classifier.mlir", "-o", tmp_path / "lib.so", env=environment)
    assert result.returncode == 1 and "no C compiler" in result.stderr


# --- the header's pieces -------------------------------------------------------------------------------


def test_c_element_types():
    expected = {"f32": "float", "f64": "double", "f16": "uint16_t", "bf16": "uint16_t", "i1": "uint8_t", "i8": "int8_t",
                "i64": "int64_t", "ui32": "uint32_t", "i4": "int8_t", "ui2": "uint8_t", "f8E4M3FN": "uint8_t"}  # fmt: skip
    assert {t: c_element_type(t) for t in expected} == expected
    assert all(c_element_type(t) for t in ALL_TYPES)


def test_c_identifiers():
    assert is_c_identifier("main") and is_c_identifier("_x1")
    assert not any(is_c_identifier(n) for n in ("my.model", "1x", "int", ""))


def _program(source: str) -> Program:
    return tgraph.compile(source, cache=False).program


def test_output_dims_follow_inputs_or_say_they_do_not():
    program = _program(
        """func.func @f(%x: tensor<?x3xf32>, %y: tensor<?x3xf32>) -> (tensor<?x3xf32>, tensor<3x?xf32>) {
  %0 = "tg.concat"(%x, %y) {axis = 0 : i64} : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  %1 = "tg.transpose"(%y) {perm = array<i64: 1, 0>} : (tensor<?x3xf32>) -> tensor<3x?xf32>
  return %0, %1 : tensor<?x3xf32>, tensor<3x?xf32>
}"""
    )
    assert output_dims(program) == [[None, 3], [3, (1, 0)]]


def test_output_dims_of_a_static_program():
    program = Program("f", [TensorSpec((2,), "f32")], [0], [TensorSpec((2,), "f32")])
    assert output_dims(program) == [[2]]
