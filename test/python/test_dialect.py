"""The declarative op layer and what comes out of it: the checked-in generated files, the docstring
examples, typed builders with inferred result types, views of existing ops, TensorSpec and the broadcast
rule, and the IRDL module in a fresh context."""

import inspect
import re
import shutil
import subprocess
import sys
from pathlib import Path

import ml_dtypes
import numpy as np
import pytest
from mlir import ir
from mlir.dialects import func

from tgraph.dialect import TG, ShapeError, TensorSpec, make_context, parse_module
from tgraph.dialect import irdl as tg_irdl
from tgraph.dialect.constraints import FloatTensor, I64Array, NumericTensor, Str
from tgraph.dialect.declare import Attr, Dialect, Operand, Result
from tgraph.dialect.docs import markdown
from tgraph.dialect.irdl import irdl_text
from tgraph.dialect.ops import Add, Gelu, MatMul, ReduceSum, Reshape, Softmax, Transpose
from tgraph.dialect.types import broadcast_dim, broadcast_shapes, element_type_name
from tgraph.transforms.verify import verify_ops

REPO = Path(__file__).resolve().parents[2]
TG_OPT = Path(sys.executable).parent / "tg-opt"
OPS = sorted(TG.ops.values(), key=lambda op: op.op_name)


# --- generated files -------------------------------------------------------------------------------


def test_irdl_file_is_up_to_date():
    assert (REPO / "dialects" / "tg.irdl.mlir").read_text() == irdl_text(TG), "run python tools/gen_dialect.py"


def test_markdown_reference_is_up_to_date():
    assert (REPO / "dialects" / "tg.md").read_text() == markdown(TG), "run python tools/gen_dialect.py"


def run_generator(root: Path, *args):
    return subprocess.run([sys.executable, str(root / "tools" / "gen_dialect.py"), *args], capture_output=True, text=True)


def test_generator_check_passes_on_the_repository():
    result = run_generator(REPO, "--check")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_generator_check_fails_on_a_stale_file(tmp_path):
    # A copy of the tool and the files: the tool finds dialects/ beside its own directory.
    (tmp_path / "tools").mkdir()
    shutil.copy(REPO / "tools" / "gen_dialect.py", tmp_path / "tools")
    shutil.copytree(REPO / "dialects", tmp_path / "dialects")
    assert run_generator(tmp_path, "--check").returncode == 0
    stale = tmp_path / "dialects" / "tg.md"
    stale.write_text(stale.read_text().replace("Elementwise sum", "Elementwise total"))
    result = run_generator(tmp_path, "--check")
    assert result.returncode == 1
    assert "stale: dialects/tg.md;" in result.stderr
    assert "tg.irdl.mlir" not in result.stderr
    # Without --check it rewrites the stale file, and the check passes again.
    assert run_generator(tmp_path).stdout == "wrote dialects/tg.md\n"
    assert stale.read_text() == markdown(TG)
    assert run_generator(tmp_path, "--check").returncode == 0


def test_every_op_is_in_both_generated_files():
    irdl, md = irdl_text(TG), markdown(TG)
    for op in OPS:
        assert f"irdl.operation @{op.op_name} {{" in irdl
        assert f"## `{op.OPERATION_NAME}`" in md


# --- docstring examples ----------------------------------------------------------------------------

EXAMPLE = re.compile(
    r'^(?P<result>%\w+) = "(?P<name>[\w.]+)"\((?P<operands>[^)]*)\)(?: \{[^}]*\})? : '
    r"\((?P<operand_types>[^)]*)\) -> (?P<result_type>\S+)$"
)


def example_of(op) -> str:
    doc = inspect.cleandoc(op.__doc__ or "")
    assert "Example:" in doc, f"{op.OPERATION_NAME} has no Example: in its docstring"
    return inspect.cleandoc(doc.partition("Example:")[2])


def example_function(op) -> str:
    """The docstring example of `op` inside a function taking its operands and returning its result."""
    example = example_of(op)
    match = EXAMPLE.match(example)
    assert match, f"{op.OPERATION_NAME}: the example is not one op in generic form: {example!r}"
    assert match["name"] == op.OPERATION_NAME, f"{op.__name__}'s example shows {match['name']}"
    operands = [o.strip() for o in match["operands"].split(",") if o.strip()]
    types = [t.strip() for t in match["operand_types"].split(",") if t.strip()]
    assert len(operands) == len(types) == len(op.operands_def)
    arguments = ", ".join(f"{o}: {t}" for o, t in zip(operands, types))
    result_type = match["result_type"]
    return (
        f"func.func @example_{op.op_name}({arguments}) -> {result_type} {{\n"
        f"  {example}\n"
        f"  return {match['result']} : {result_type}\n"
        f"}}\n"
    )


@pytest.mark.parametrize("op", OPS, ids=[op.op_name for op in OPS])
def test_docstring_has_summary_and_example(op):
    assert op.summary() and not op.summary().startswith("Example")
    example_of(op)


@pytest.mark.parametrize("op", OPS, ids=[op.op_name for op in OPS])
def test_docstring_example_parses_and_verifies(op):
    with make_context():
        module = parse_module(example_function(op), f"{op.op_name}.mlir")
        assert module.operation.verify()
        assert verify_ops(module.operation) == []


def test_tg_opt_accepts_every_example():
    source = "\n// -----\n".join(example_function(op) for op in OPS)
    result = subprocess.run([str(TG_OPT), "-", "--split-input-file", "--tg-verify"], input=source, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    chunks = result.stdout.split("// -----\n")
    assert len(chunks) == len(OPS)
    for op, chunk in zip(OPS, chunks):
        assert f"func.func @example_{op.op_name}(" in chunk
        assert f'"{op.OPERATION_NAME}"(' in chunk


# --- builders --------------------------------------------------------------------------------------


@pytest.fixture
def build():
    """`build(*types)`: the arguments and entry block of a new function taking values of these types."""
    with make_context(), ir.Location.unknown():
        module = ir.Module.create()

        def make(*types):
            with ir.InsertionPoint(module.body):
                function = func.FuncOp("f", ([ir.Type.parse(t) for t in types], []))
            block = function.add_entry_block()
            return block.arguments, block

        yield make


def ops_in(block) -> list[str]:
    return [op.operation.name for op in block.operations]


def test_add_infers_the_broadcast_result(build):
    (x, y), block = build("tensor<4x1xf32>", "tensor<3xf32>")
    with ir.InsertionPoint(block):
        add = Add(x, y)
    assert str(add.result.type) == "tensor<4x3xf32>"
    assert add.operation.name == "tg.add"
    assert isinstance(add, Add)
    assert add.lhs == x and add.rhs == y
    assert add.operation.verify()


def test_builders_chain_and_keep_dynamic_dims(build):
    (x, w), block = build("tensor<?x64xf32>", "tensor<64x10xf32>")
    with ir.InsertionPoint(block):
        product = MatMul(x, w)
        gelu = Gelu(product)
        flipped = Transpose(gelu, perm=[1, 0])
    assert str(product.result.type) == "tensor<?x10xf32>"
    assert str(gelu.result.type) == "tensor<?x10xf32>"
    assert str(flipped.result.type) == "tensor<10x?xf32>"
    assert ops_in(block) == ["tg.matmul", "tg.gelu", "tg.transpose"]


def test_attributes_from_python_values(build):
    (x,), block = build("tensor<2x3x4xf32>")
    with ir.InsertionPoint(block):
        transpose = Transpose(x, perm=(2, 0, 1))
        gelu = Gelu(x, approximate="tanh")
        total = ReduceSum(x, axes=[-1, 0], keepdims=True)
        softmax = Softmax(x, axis=1)
    assert str(transpose.operation.attributes["perm"]) == "array<i64: 2, 0, 1>"
    assert str(transpose.result.type) == "tensor<4x2x3xf32>"
    assert str(gelu.operation.attributes["approximate"]) == '"tanh"'
    assert str(total.operation.attributes["axes"]) == "array<i64: -1, 0>"
    assert str(total.operation.attributes["keepdims"]) == "true"
    assert str(total.result.type) == "tensor<1x3x1xf32>"
    assert str(softmax.operation.attributes["axis"]) == "1 : i64"


def test_optional_attributes_left_out_are_not_written(build):
    (x,), block = build("tensor<2x3xf32>")
    with ir.InsertionPoint(block):
        gelu = Gelu(x)
        total = ReduceSum(x, axes=[1])
    assert "approximate" not in gelu.operation.attributes
    assert "keepdims" not in total.operation.attributes
    assert str(total.result.type) == "tensor<2xf32>"


def test_attributes_given_as_mlir_attributes(build):
    (x,), block = build("tensor<2x3xf32>")
    with ir.InsertionPoint(block):
        transpose = Transpose(x, perm=ir.DenseI64ArrayAttr.get([1, 0]))
    assert transpose.perm == (1, 0)
    assert str(transpose.result.type) == "tensor<3x2xf32>"


def test_reshape_requires_result_type(build):
    (x,), block = build("tensor<2x6xf32>")
    with ir.InsertionPoint(block):
        with pytest.raises(ShapeError, match="the result type of 'tg.reshape' must be given"):
            Reshape(x)
        reshaped = Reshape(x, result_type=ir.Type.parse("tensor<3x?xf32>"))
        with pytest.raises(ShapeError, match="12 elements do not fit the shape tensor<5x\\?xf32>"):
            Reshape(x, result_type=ir.Type.parse("tensor<5x?xf32>"))
    assert str(reshaped.result.type) == "tensor<3x?xf32>"
    assert ops_in(block) == ["tg.reshape"]


@pytest.mark.parametrize(
    "types, make, message",
    [
        (["tensor<2x3xf32>", "tensor<4xf32>"], lambda x, y: Add(x, y), r"shapes \[2, 3\] and \[4\] do not broadcast"),
        (["tensor<3xf32>", "tensor<3xf16>"], lambda x, y: Add(x, y), "operand element types f32 and f16 differ"),
        (["tensor<2x3xf32>", "tensor<4x5xf32>"], lambda x, y: MatMul(x, y), r"contracted dims differ: 3 \(lhs\) and 4 \(rhs\)"),
        (["tensor<3xi1>", "tensor<3xi1>"], lambda x, y: Add(x, y), "operand 'lhs': element type i1 is not one of"),
        (["tensor<2x3xf32>"], lambda x: Transpose(x, perm=[0, 0]), r"perm \[0, 0\] is not a permutation of the 2 dims"),
        (["tensor<2x3xi32>"], lambda x: Gelu(x), "operand 'input': element type i32 is not one of f16, bf16, f32, f64"),
        (["tensor<2x3xf32>"], lambda x: Gelu(x, approximate="fast"), '"fast" is not one of "none" or "tanh"'),
        (["tensor<2x3xf32>"], lambda x: ReduceSum(x, axes=[2]), "axis 2 is out of range for rank 2"),
        (["tensor<2x3xf32>"], lambda x: ReduceSum(x, axes=[1, -1]), r"axes \[1, -1\] repeat a dim"),
    ],
    ids=["broadcast", "dtype", "contraction", "bool-add", "perm", "gelu-int", "choice", "axis", "repeated-axes"],
)  # fmt: skip
def test_incompatible_operands_raise_before_creating_anything(build, types, make, message):
    arguments, block = build(*types)
    with ir.InsertionPoint(block):
        with pytest.raises(ShapeError, match=message):
            make(*arguments)
    assert ops_in(block) == []


def test_builder_signature_and_errors(build):
    assert list(inspect.signature(Transpose).parameters) == ["input", "perm", "result_type", "loc", "ip"]
    assert list(inspect.signature(ReduceSum).parameters) == ["input", "axes", "keepdims", "result_type", "loc", "ip"]
    (x,), block = build("tensor<2x3xf32>")
    with ir.InsertionPoint(block):
        with pytest.raises(TypeError, match="perm"):
            Transpose(x)  # a required attribute is a required keyword
        with pytest.raises(TypeError, match="expected an MLIR value, got float"):
            Add(x, 1.0)
    assert ops_in(block) == []


def test_builder_rejects_a_contradicting_result_type(build):
    (x,), block = build("tensor<3x4xf32>")
    with ir.InsertionPoint(block):
        with pytest.raises(ShapeError):
            Add(x, x, result_type=ir.Type.parse("tensor<7x7xi32>"))
    assert ops_in(block) == []


def test_builder_location_and_insertion_point(build):
    (x,), block = build("tensor<3xf32>")
    location = ir.Location.file("model.py", 12, 5)
    gelu = Gelu(x, loc=location, ip=ir.InsertionPoint(block))
    assert str(gelu.location) == 'loc("model.py":12:5)'
    assert ops_in(block) == ["tg.gelu"]


# --- views of parsed ops ---------------------------------------------------------------------------

VIEWED = """\
func.func @f(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = "tg.transpose"(%x) {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = "tg.gelu"(%0) : (tensor<3x2xf32>) -> tensor<3x2xf32>
  %2 = "tg.gelu"(%1) {approximate = "tanh"} : (tensor<3x2xf32>) -> tensor<3x2xf32>
  %3 = "tg.reduce_sum"(%2) {axes = array<i64: 0>} : (tensor<3x2xf32>) -> tensor<2xf32>
  %4 = "tg.softmax"(%2) : (tensor<3x2xf32>) -> tensor<3x2xf32>
  %5 = "tg.softmax"(%2) {axis = 0 : i64} : (tensor<3x2xf32>) -> tensor<3x2xf32>
  %6 = "tg.reduce_sum"(%2) {axes = array<i64: -1>, keepdims = true} : (tensor<3x2xf32>) -> tensor<3x1xf32>
  return %4 : tensor<3x2xf32>
}
"""


@pytest.fixture
def viewed():
    with make_context():
        module = parse_module(VIEWED)
        function = module.body.operations[0]
        yield [op.operation for op in function.regions[0].blocks[0].operations][:-1]


def test_view_gives_python_attribute_values_and_defaults(viewed):
    transpose, gelu, gelu_tanh, total, softmax, softmax_0, total_kept = viewed
    assert Transpose.view(transpose).perm == (1, 0)
    assert Gelu.view(gelu).approximate == "none"
    assert Gelu.view(gelu_tanh).approximate == "tanh"
    assert ReduceSum.view(total).axes == (0,)
    assert ReduceSum.view(total).keepdims is False
    assert ReduceSum.view(total_kept).keepdims is True
    assert Softmax.view(softmax).axis == -1
    assert Softmax.view(softmax_0).axis == 0
    assert ReduceSum.view(total_kept).attribute_values() == {"axes": (-1,), "keepdims": True}


def test_view_operands_results_and_specs(viewed):
    transpose, gelu = viewed[0], viewed[1]
    view = Gelu.view(gelu)
    assert view.input == transpose.results[0]
    assert view.result == gelu.results[0]
    assert view.operand_specs() == [TensorSpec((3, 2), "f32")]
    assert view.result_specs() == [TensorSpec((3, 2), "f32")]
    assert Transpose.view(transpose).operation == transpose


def test_view_of_a_malformed_attribute_raises_shape_error():
    with make_context():
        module = parse_module(
            'func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {\n'
            '  %0 = "tg.softmax"(%x) {axis = "last"} : (tensor<3xf32>) -> tensor<3xf32>\n'
            '  return %0 : tensor<3xf32>\n}\n'
        )
        op = module.body.operations[0].regions[0].blocks[0].operations[0]
        with pytest.raises(ShapeError, match="attribute 'axis': expected an i64 integer, got \"last\""):
            Softmax.view(op).axis


def test_lookup_and_registry():
    assert TG.lookup("tg.add") is Add
    assert TG.lookup("tg.nope") is None
    assert TG.lookup("linalg.add") is None
    assert all(name == op.OPERATION_NAME and name.startswith("tg.") for name, op in TG.ops.items())
    assert {"tg.add", "tg.matmul", "tg.transpose", "tg.reshape", "tg.gelu"} <= set(TG.ops)


def test_a_separate_dialect_declared_the_same_way():
    class Toy(Dialect, name="toy"):
        """A dialect for this test."""

    class Scale(Toy.Op, name="scale"):
        """Multiplies by a factor.

        Example:
            %y = "toy.scale"(%x) {factor = 2.0 : f64} : (tensor<3xf32>) -> tensor<3xf32>
        """

        input: Operand[NumericTensor]
        result: Result[NumericTensor]
        mode: Attr[Str] = "fast"
        perm: Attr[I64Array]

        def shape(input, *, perm):
            return input

    class FloatScale(Scale, name="fscale"):
        """Multiplies floats."""

        input: Operand[FloatTensor]

    assert Toy.ops == {"toy.scale": Scale, "toy.fscale": FloatScale}
    assert [o.name for o in FloatScale.operands_def] == ["input"]
    assert FloatScale.operands_def[0].constraint is FloatTensor
    assert [a.name for a in Scale.attrs_def] == ["mode", "perm"]
    assert Scale.attrs_def[0].default == "fast" and Scale.attrs_def[1].required
    text = irdl_text(Toy)
    assert "irdl.dialect @toy {" in text and "irdl.operation @fscale {" in text
    assert 'irdl.attributes {"perm" = %perm}' in text  # only required attributes are in IRDL
    assert "mode" not in text
    with pytest.raises(ValueError, match="op toy.scale is declared twice"):

        class Again(Toy.Op, name="scale"):
            input: Operand[NumericTensor]
            result: Result[NumericTensor]
    # The tg dialect is untouched.
    assert TG.lookup("toy.scale") is None


# --- TensorSpec and broadcasting -------------------------------------------------------------------


def test_tensor_spec_properties():
    spec = TensorSpec([2, None, 4], "f16")
    assert spec.shape == (2, None, 4)  # lists become tuples
    assert spec.rank == 3
    assert not spec.is_static and spec.numel is None
    assert TensorSpec((2, 3), "i8").numel == 6 and TensorSpec((), "f32").numel == 1
    assert str(spec) == "tensor<2x?x4xf16>"
    assert str(TensorSpec((), "i1")) == "tensor<i1>"
    assert spec.np_dtype == np.float16
    assert TensorSpec((1,), "bf16").np_dtype == ml_dtypes.bfloat16
    assert spec.with_shape([5]) == TensorSpec((5,), "f16")
    assert spec.with_dtype("i32") == TensorSpec((2, None, 4), "i32")
    assert hash(spec) == hash(TensorSpec((2, None, 4), "f16"))


def test_tensor_spec_mlir_round_trip():
    with make_context(), ir.Location.unknown():
        for text in ["tensor<2x?x4xf16>", "tensor<f32>", "tensor<0x3xi1>", "tensor<?xbf16>", "tensor<7xi64>"]:
            spec = TensorSpec.from_mlir(ir.Type.parse(text))
            assert str(spec) == text
            assert str(spec.to_mlir()) == text
        for text, message in [
            ("tensor<*xf32>", r"expected a ranked tensor, got tensor<\*xf32>"),
            ("memref<3xf32>", "expected a ranked tensor"),
            ("f32", "expected a ranked tensor, got f32"),
            ("tensor<3xcomplex<f32>>", "element type complex<f32> is not supported by tg"),
            ("tensor<3xindex>", "element type index is not supported by tg"),
        ]:
            with pytest.raises(ShapeError, match=message):
                TensorSpec.from_mlir(ir.Type.parse(text))


def test_tensor_spec_of_arrays_and_accepts():
    assert TensorSpec.of_array(np.zeros((2, 0), np.int8)) == TensorSpec((2, 0), "i8")
    assert TensorSpec.of_array(np.zeros(3, ml_dtypes.bfloat16)) == TensorSpec((3,), "bf16")
    assert TensorSpec.of_array(np.array(True)) == TensorSpec((), "i1")
    with pytest.raises(ShapeError, match="NumPy dtype complex64 has no tg element type"):
        TensorSpec.of_array(np.zeros(3, np.complex64))
    assert element_type_name(np.float32) == "f32"
    declared = TensorSpec((None, 4), "f32")
    assert declared.accepts(TensorSpec((3, 4), "f32"))
    assert declared.accepts(TensorSpec((None, None), "f32"))
    assert not declared.accepts(TensorSpec((3, 5), "f32"))
    assert not declared.accepts(TensorSpec((3, 4), "f16"))
    assert not declared.accepts(TensorSpec((4,), "f32"))


@pytest.mark.parametrize(
    "shapes, expected",
    [
        ([(4, 1), (3,)], (4, 3)),
        ([(), (2, 3)], (2, 3)),
        ([(None, 4), (4,)], (None, 4)),
        ([(None, 4), (3, 4)], (3, 4)),
        ([(3, 4), (None, 4)], (3, 4)),
        ([(None,), (1,)], (None,)),
        ([(1,), (None,)], (None,)),
        ([(None,), (None,)], (None,)),
        ([(0, 1), (1, 3)], (0, 3)),
        ([], ()),
    ],
)
def test_broadcast_shapes(shapes, expected):
    assert broadcast_shapes(*shapes) == expected


def test_broadcast_three_shapes_with_dynamic_dims():
    assert broadcast_shapes((2, 1, None), (5, 1), (1, 1, 1)) == (2, 5, None)
    assert broadcast_shapes((None, 1), (1, None)) == (None, None)


@pytest.mark.parametrize("shapes", [[(2, 3), (4,)], [(2,), (3,)], [(None, 3), (2, 4)], [(0,), (2,)]])
def test_broadcast_shapes_that_do_not_broadcast(shapes):
    listed = " and ".join("[" + ", ".join("?" if d is None else str(d) for d in s) + "]" for s in shapes)
    with pytest.raises(ShapeError, match=re.escape(f"shapes {listed} do not broadcast")):
        broadcast_shapes(*shapes)


def test_broadcast_dim():
    assert broadcast_dim(1, None) is None and broadcast_dim(None, 1) is None
    assert broadcast_dim(None, 5) == 5 and broadcast_dim(5, None) == 5
    with pytest.raises(ShapeError, match="dims 2 and 3 do not broadcast"):
        broadcast_dim(2, 3)


# --- IRDL in a fresh context -----------------------------------------------------------------------


def test_irdl_loads_into_a_fresh_context():
    context = ir.Context()
    assert not context.is_registered_operation("tg.add")
    tg_irdl.load(TG, context)
    for op in OPS:
        assert context.is_registered_operation(op.OPERATION_NAME), op.OPERATION_NAME
    tg_irdl.load(TG, context)  # loading again is a no-op, not a redefinition error
    with context, ir.Location.unknown():
        module = ir.Module.parse(example_function(Transpose))
        assert module.operation.verify()
        missing_perm = example_function(Transpose).replace(" {perm = array<i64: 0, 2, 1>}", "")
        with pytest.raises(ir.MLIRError, match='attribute "perm" is expected but not provided'):
            ir.Module.parse(missing_perm)


def test_irdl_file_loads_with_the_upstream_binding():
    """The checked-in file (not just the generator's text) is what `mlir-opt --irdl-file` reads."""
    from mlir.dialects import irdl

    context = ir.Context()
    with context, ir.Location.unknown():
        irdl.load_dialects(ir.Module.parse((REPO / "dialects" / "tg.irdl.mlir").read_text()))
        assert all(context.is_registered_operation(op.OPERATION_NAME) for op in OPS)
        module = ir.Module.parse(example_function(MatMul))
        assert module.operation.verify()
