"""The analyses: the cost model against counts computed independently (a ResNet-50 built here gives the
published 4.09 GMACs at 224x224; the example models' counts as formulas of their dims), the memory
plan proven valid by running programs out of its arena, every op's cost rule, the profile and the
machine measurement, and `tgraph.analyze` on the example models."""

import inspect
import re
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest
from mlir import ir
from onnx import TensorProto, helper, numpy_helper

import tgraph
from tgraph.analysis.cost import function_costs
from tgraph.analysis.machine import Machine, measure
from tgraph.analysis.memory_plan import plan_function
from tgraph.analysis.polynomial import NotPolynomial, fit
from tgraph.analysis.profile import intermediate_values, profile
from tgraph.dialect import TG, TensorSpec, make_context, parse_module
from tgraph.dialect.constants import constant_array
from tgraph.dialect.cost import CLASSES
from tgraph.runtime.jit import run_pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
from onnx_models import resnet_cnn, transformer_layer  # noqa: E402

# --- ResNet-50 -----------------------------------------------------------------------------------

#: ResNet-50's bottleneck stages: (width, blocks, stride of the first block).
STAGES = ((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2))


class Net:
    """onnx.helper nodes with generated names. Large weights are ConstantOfShape fills (no array of
    their size is ever built), each with its own value so that no two are merged as duplicates."""

    def __init__(self):
        self.nodes, self.initializers, self.count = [], [], 0

    def name(self, stem: str) -> str:
        self.count += 1
        return f"{stem}_{self.count}"

    def filled(self, shape) -> str:
        dims = self.name("dims")
        self.initializers.append(numpy_helper.from_array(np.array(shape, np.int64), dims))
        value = helper.make_tensor("value", TensorProto.FLOAT, [1], [1e-3 * self.count])
        return self.node("ConstantOfShape", [dims], value=value)

    def vector(self, array) -> str:
        name = self.name("param")
        self.initializers.append(numpy_helper.from_array(np.asarray(array, np.float32), name))
        return name

    def node(self, op_type: str, inputs, **attrs) -> str:
        output = self.name(op_type.lower())
        self.nodes.append(helper.make_node(op_type, inputs, [output], name=output, **attrs))
        return output

    def conv_bn(self, x: str, channels_in: int, channels_out: int, kernel: int, stride: int, relu: bool = True) -> str:
        weight = self.filled([channels_out, channels_in, kernel, kernel])
        y = self.node("Conv", [x, weight], kernel_shape=[kernel, kernel], strides=[stride, stride], pads=[kernel // 2] * 4)
        ones, zeros = np.ones(channels_out), np.zeros(channels_out)
        y = self.node("BatchNormalization", [y, self.vector(ones), self.vector(zeros), self.vector(zeros), self.vector(ones)])
        return self.node("Relu", [y]) if relu else y


def resnet50() -> onnx.ModelProto:
    """ResNet-50 v1 for 224x224 images: a 7x7/2 convolution to 64 channels, 3x3/2 max pooling,
    bottleneck blocks in stages of 3, 4, 6 and 3 (1x1, 3x3, 1x1 convolutions, widths 64 to 512, 4x
    wider out, projection shortcuts where the shape changes), global average pooling and a
    1000-way fully connected layer. Stages downsample in the 3x3 convolution, as torchvision's
    resnet50 (whose 4.09 GMACs are the figure usually quoted; the paper's 1x1 stride gives 3.86)."""
    g = Net()
    y = g.conv_bn("image", 3, 64, 7, 2)
    y = g.node("MaxPool", [y], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])
    channels = 64
    for width, blocks, stride in STAGES:
        for block in range(blocks):
            s = stride if block == 0 else 1
            z = g.conv_bn(y, channels, width, 1, 1)
            z = g.conv_bn(z, width, width, 3, s)
            z = g.conv_bn(z, width, 4 * width, 1, 1, relu=False)
            skip = g.conv_bn(y, channels, 4 * width, 1, s, relu=False) if block == 0 else y
            y = g.node("Relu", [g.node("Add", [z, skip])])
            channels = 4 * width
    y = g.node("Flatten", [g.node("GlobalAveragePool", [y])], axis=1)
    y = g.node("Gemm", [y, g.filled([1000, 2048]), g.vector(np.zeros(1000))], transB=1)
    image = helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 3, 224, 224])
    logits = helper.make_tensor_value_info(y, TensorProto.FLOAT, ["batch", 1000])
    graph = helper.make_graph(g.nodes, "resnet50", [image], [logits], g.initializers)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def resnet50_macs() -> int:
    """ResNet-50's multiply-accumulates per image, layer by layer: output elements x window size."""
    macs = 112 * 112 * 64 * (3 * 7 * 7)  # the stem
    size, channels = 56, 64  # after the max pool
    for width, blocks, stride in STAGES:
        for block in range(blocks):
            out = size // (stride if block == 0 else 1)
            macs += size * size * width * channels  # 1x1 reduce, before the stride
            macs += out * out * width * width * 9  # 3x3, strided
            macs += out * out * 4 * width * width  # 1x1 expand
            if block == 0:
                macs += out * out * 4 * width * channels  # projection shortcut
            size, channels = out, 4 * width
    return macs + 2048 * 1000  # the classifier


@pytest.fixture(scope="module")
def resnet():
    return resnet50()


def test_resnet50_macs_at_224(resnet):
    analysis = tgraph.analyze(resnet, bind={"batch": 1})
    assert analysis.total.macs == resnet50_macs() == 4_089_184_256  # the published ~4.1 GMACs
    assert analysis.cost.parameters == pytest.approx(25.5e6, rel=0.01)  # conv and fc weights, folded batch norms
    by_class = analysis.cost.by_class()
    assert by_class["conv"].ops == 53 and by_class["gemv"].ops == 1  # batch 1: the classifier is a gemv
    assert by_class["conv"].work.macs == 4_089_184_256 - 2048 * 1000


def test_resnet50_symbolic_batch(resnet):
    # Unbound, the batch stays a symbol: every count is linear in it.
    analysis = tgraph.analyze(resnet, opt_level=0)
    assert str(analysis.total.macs) == "4089184256*batch"
    assert analysis.memory is None  # the plan needs sizes


# --- the example models ----------------------------------------------------------------------------


def transformer_macs(batch: int, sequence: int, width=64, hidden=256, heads=4) -> int:
    projections = 4 * batch * sequence * width * width  # query, key, value, output
    feed_forward = 2 * batch * sequence * width * hidden
    attention = 2 * batch * heads * sequence * sequence * (width // heads)  # scores and context
    return projections + feed_forward + attention


@pytest.mark.parametrize("batch, sequence", [(1, 1), (1, 128), (64, 1), (3, 17)])
def test_transformer_macs(batch, sequence):
    analysis = tgraph.analyze(transformer_layer(), bind={"batch": batch, "sequence": sequence})
    assert analysis.total.macs == transformer_macs(batch, sequence)
    assert analysis.memory is not None and analysis.memory.conflicts() == []


def test_transformer_symbolic():
    analysis = tgraph.analyze(transformer_layer(), opt_level=0)
    assert analysis.cost.symbols == ("batch", "sequence")
    assert str(analysis.total.macs) == "128*batch*sequence^2 + 49152*batch*sequence"
    assert analysis.total.macs({"batch": 3, "sequence": 17}) == transformer_macs(3, 17)


def test_transformer_batch_turns_gemv_into_gemm():
    # One token at batch 1: the weight matmuls read every weight for one row (gemv, memory-bound);
    # at batch 64 the same weights serve 64 rows (gemm).
    def weight_matmuls(batch):
        analysis = tgraph.analyze(transformer_layer(), bind={"batch": batch, "sequence": 1})
        return [op for op in analysis.ops if op.op == "tg.matmul" and op.weight_bytes]

    single, batched = weight_matmuls(1), weight_matmuls(64)
    assert len(single) == len(batched) == 6
    assert {op.kind for op in single} == {"gemv"} and {op.kind for op in batched} == {"gemm"}
    machine = Machine()
    assert all(machine.bound(op.flops, op.bytes) == "memory" for op in single)
    assert min(op.intensity() for op in batched) > 20 * max(op.intensity() for op in single)


def test_cnn_macs_and_plan():
    # conv 3->16 at 32x32, two 16->16 at 16x16, 16->32 strided to 8x8, 32->32, the 1x1 shortcut, fc.
    per_image = 32 * 32 * 16 * 27 + 2 * 16 * 16 * 16 * 144 + 8 * 8 * 32 * 144 + 8 * 8 * 32 * 288 + 8 * 8 * 32 * 16 + 32 * 10
    symbolic = tgraph.analyze(resnet_cnn(), opt_level=0)
    assert str(symbolic.total.macs) == f"{per_image}*batch"
    bound = tgraph.analyze(resnet_cnn(), bind={"batch": 4})
    assert bound.total.macs == 4 * per_image
    assert bound.op_counts["tg.conv"] == 6
    assert 0 < bound.memory.lower_bound <= bound.memory.peak < bound.memory.separate
    assert "estimated time" in str(bound) and "activation memory" in str(bound)


def test_analyze_mlir_text_and_errors():
    text = """
    func.func @f(%x: tensor<?x4xf32>, %w: tensor<4x8xf32>) -> tensor<?x8xf32> {
      %0 = "tg.matmul"(%x, %w) : (tensor<?x4xf32>, tensor<4x8xf32>) -> tensor<?x8xf32>
      return %0 : tensor<?x8xf32>
    }"""
    analysis = tgraph.analyze(text, bind={"n": 5})
    assert analysis.total.macs == 5 * 8 * 4 and analysis.ops[0].kind == "gemm"
    assert str(tgraph.analyze(text).total.macs) == "32*n"
    with pytest.raises(tgraph.CompileError):
        tgraph.analyze("func.func @f(")


# --- the memory plan, proven by running out of its arena -------------------------------------------


def run_in_arena(function, plan) -> callable:
    """A reference interpreter of `function` that keeps every planned tensor in one arena at its
    planned offset (views read their source's memory there); two tensors live at once that share
    memory would overwrite each other and change the outputs."""
    state = ir.AsmState(function)
    block = function.regions[0].blocks[0]
    planned = {b.value: b for b in plan.buffers}

    def run(inputs):
        arena = np.zeros(max(plan.peak, 1), np.uint8)
        held, views = dict(zip(block.arguments, inputs)), {}

        def read(value):
            if value in views:
                source, spec = views[value]
                return read(source).reshape(spec.shape)
            if value in held:
                return held[value]
            spec = TensorSpec.from_mlir(value.type)
            start = planned[value.get_name(state)].offset
            return arena[start : start + spec.numel * spec.np_dtype.itemsize].view(spec.np_dtype).reshape(spec.shape)

        for op in block.operations:
            op = op.operation
            declaration = TG.lookup(op.name)
            if op.name == "arith.constant":
                held[op.results[0]] = constant_array(op.attributes["value"])
            elif op.name == "func.return":
                return [read(v).copy() for v in op.operands]
            elif op.name == "tg.reshape":
                views[op.results[0]] = (op.operands[0], TensorSpec.from_mlir(op.results[0].type))
            else:
                view = declaration.view(op)
                outputs = declaration.evaluate([read(v) for v in op.operands], view.attribute_values(), view.result_specs())
                for result, output in zip(op.results, outputs):
                    if result.get_name(state) in planned:
                        read(result)[...] = output
                    else:
                        held[result] = output

    return run


def random_graph(rng, steps: int = 14) -> str:
    """A random function of elementwise ops, matmuls with constant weights, transposes, reductions and
    reshapes over 2-D f32 tensors; every value still unread at the end is returned."""
    values = [("%x", (8, 16)), ("%y", (8, 16))]
    lines, unread = [], {"%x", "%y"}
    for i in range(steps):
        name, (rows, cols) = values[rng.integers(len(values))]
        out = f"%v{i}"
        kind = rng.choice(["unary", "binary", "matmul", "transpose", "reduce", "reshape"])
        t = f"tensor<{rows}x{cols}xf32>"
        if kind == "unary":
            op = rng.choice(["tg.neg", "tg.exp", "tg.tanh", "tg.abs"])
            lines.append(f'{out} = "{op}"({name}) : ({t}) -> {t}')
            shape = (rows, cols)
        elif kind == "binary":
            same = [v for v, s in values if s == (rows, cols)]
            other = same[rng.integers(len(same))]
            lines.append(f'{out} = "tg.add"({name}, {other}) : ({t}, {t}) -> {t}')
            unread.discard(other)
            shape = (rows, cols)
        elif kind == "matmul":
            k = int(rng.choice([4, 8, 16]))
            lines.append(f"%w{i} = arith.constant dense<0.125> : tensor<{cols}x{k}xf32>")
            lines.append(f'{out} = "tg.matmul"({name}, %w{i}) : ({t}, tensor<{cols}x{k}xf32>) -> tensor<{rows}x{k}xf32>')
            shape = (rows, k)
        elif kind == "transpose":
            lines.append(f'{out} = "tg.transpose"({name}) {{perm = array<i64: 1, 0>}} : ({t}) -> tensor<{cols}x{rows}xf32>')
            shape = (cols, rows)
        elif kind == "reduce":
            lines.append(f'{out} = "tg.reduce_sum"({name}) {{axes = array<i64: 1>, keepdims = true}} : ({t}) -> tensor<{rows}x1xf32>')
            shape = (rows, 1)
        else:
            lines.append(f'{out} = "tg.reshape"({name}) : ({t}) -> tensor<{cols}x{rows}xf32>')
            shape = (cols, rows)
        unread.discard(name)
        unread.add(out)
        values.append((out, shape))
    shapes = dict(values)
    results = sorted(unread - {"%x", "%y"}) or [values[-1][0]]
    types = ", ".join(f"tensor<{shapes[r][0]}x{shapes[r][1]}xf32>" for r in results)
    body = "\n  ".join(lines)
    return f"func.func @random(%x: tensor<8x16xf32>, %y: tensor<8x16xf32>) -> ({types}) {{\n  {body}\n  return {', '.join(results)} : {types}\n}}"


def check_outputs_from_arena(function, plan, inputs) -> None:
    """The outputs of `function` run out of `plan`'s arena are those of the reference interpreter."""
    expected = intermediate_values(function, inputs)
    returned = [op for op in function.regions[0].blocks[0].operations if op.operation.name == "func.return"][0]
    for got, value in zip(run_in_arena(function, plan)(inputs), returned.operands):
        # Not bit for bit: NumPy sums a contiguous copy in another order than a transposed view.
        np.testing.assert_allclose(got, expected[value], rtol=1e-5, atol=1e-6)


def check_plan_by_running(function, inputs) -> None:
    plan = plan_function(function)
    assert plan.conflicts() == []
    assert plan.lower_bound <= plan.peak <= plan.separate
    check_outputs_from_arena(function, plan, inputs)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("fused", [False, True], ids=["unfused", "fused"])
def test_memory_plan_runs_random_graphs(seed, fused):
    rng = np.random.default_rng(seed)
    context = make_context()
    with context, ir.Location.unknown():
        module = parse_module(random_graph(rng), "random", context)
        if fused:
            run_pipeline(module, "tg-fuse")
        function = module.body.operations[0]
        inputs = [rng.standard_normal((8, 16)).astype(np.float32) for _ in range(2)]
        check_plan_by_running(function, inputs)


def test_memory_plan_runs_the_transformer():
    context = make_context()
    with context, ir.Location.unknown():
        from tgraph.frontend.onnx import import_model

        module = import_model(transformer_layer(), bind={"batch": 2, "sequence": 9}, context=context)
        run_pipeline(module, "tg-optimize")
        x = np.random.default_rng(0).standard_normal((2, 9, 64)).astype(np.float32)
        check_plan_by_running(module.body.operations[0], [x])


def test_a_wrong_plan_is_caught():
    # Two tensors live at once moved to one offset: the conflict check and the outputs both tell.
    text = random_graph(np.random.default_rng(3), steps=10)
    context = make_context()
    with context, ir.Location.unknown():
        module = parse_module(text, "random", context)
        function = module.body.operations[0]
        plan = plan_function(function)
        a, b = next((a, b) for a in plan.buffers for b in plan.buffers if a is not b and a.lives_with(b) and a.end > a.start)
        b.offset = a.offset
        assert plan.conflicts()
        rng = np.random.default_rng(0)
        inputs = [rng.standard_normal((8, 16)).astype(np.float32) for _ in range(2)]
        with pytest.raises(AssertionError):
            check_outputs_from_arena(function, plan, inputs)


# --- cost rules, polynomials, profile, machine --------------------------------------------------------


@pytest.mark.parametrize("name", sorted(TG.ops))
def test_every_cost_rule_runs_on_the_docstring_example(name):
    declaration = TG.ops[name]
    example = inspect.cleandoc(declaration.__doc__).partition("Example:")[2].strip().replace("?", "3")
    result, _, rest = example.partition(" = ")
    operands = re.findall(r"%\w+", rest.split(")")[0])
    operand_types, result_types = rest.rsplit(" : ", 1)[1].split(" -> ")
    types = re.findall(r"tensor<[^>]*>", operand_types)
    arguments = ", ".join(f"{o}: {t}" for o, t in zip(operands, types))
    returned = re.findall(r"tensor<[^>]*>", result_types)[0]
    text = f"func.func @f({arguments}) -> {returned} {{\n  {example}\n  return {result} : {returned}\n}}"
    context = make_context()
    with context:
        module = parse_module(text, name, context)
        op = next(iter(module.body.operations[0].regions[0].blocks[0].operations)).operation
        view = declaration.view(op)
        cost = declaration.estimate(view.operand_specs(), view.attribute_values(), view.result_specs())
    assert cost.kind in CLASSES
    assert cost.macs >= 0 and cost.flops >= 0
    assert cost.reads is None or len(cost.reads) == len(view.operand_specs())


def test_polynomial_fit():
    area, volume = fit(("h", "w"), lambda s: [s["h"] * s["w"], 2 * s["h"] ** 2 * s["w"] + 3])
    assert str(area) == "h*w" and str(volume) == "2*h^2*w + 3"
    with pytest.raises(NotPolynomial):
        fit(("n",), lambda s: [(s["n"] + 1) // 2])


def test_sizes_give_what_the_polynomials_give():
    sizes = {"batch": 2, "sequence": 5}
    context = make_context()
    with context:
        module = parse_module(transformer_text(), "t", context)
        function = module.body.operations[0]
        symbolic = {op.index: op for op in function_costs(function).ops}
        bound = {op.index: op for op in function_costs(function, sizes=sizes).ops}
    for index, op in bound.items():
        for field in ("macs", "flops", "weight_bytes", "activation_bytes"):
            count = getattr(symbolic[index], field)
            assert getattr(op, field) == (count(sizes) if callable(count) else count), (op.op, field)


def transformer_text() -> str:
    from tgraph.frontend.onnx import import_model

    context = make_context()
    with context, ir.Location.unknown():
        return import_model(transformer_layer(), context=context).operation.get_asm()


def test_profile_times_every_unit():
    image = np.random.default_rng(0).standard_normal((2, 3, 32, 32)).astype(np.float32)
    result = profile(resnet_cnn(), [image], seconds=0.001)
    timed = [u for u in result.units if u.measured is not None]
    assert timed and all(u.measured > 0 for u in timed) and result.whole > 0 and result.call > 0
    assert {op.op for u in timed for op in u.ops} >= {"tg.conv", "tg.max_pool", "tg.matmul", "tg.softmax"}
    assert all(op.op == "tg.reshape" for u in result.units if u.measured is None for op in u.ops)  # views
    assert "of roofline" in result.table()


def test_profile_times_the_whole_function_as_long_as_its_units(monkeypatch):
    """The whole function's best time comes from as much timing as all the units had: the best of a
    few calls of a long function is a slower best on a noisy machine."""
    from tgraph.analysis import profile as profile_module

    budgets = []
    real = profile_module.best_time
    monkeypatch.setattr(profile_module, "best_time", lambda function, inputs, seconds: budgets.append(seconds) or real(function, inputs, 0.0))
    image = np.random.default_rng(0).standard_normal((2, 3, 32, 32)).astype(np.float32)
    result = profile(resnet_cnn(), [image], seconds=0.001)
    timed = [u for u in result.units if u.measured is not None]
    assert budgets[: len(timed)] == [0.001] * len(timed)
    assert budgets[len(timed)] == pytest.approx(0.001 * len(timed))


def test_measure_machine():
    measured = measure(seconds=0.001)
    assert measured.arithmetic_gflops > 0 and measured.matmul_gflops > 0 and measured.bandwidth_gbs > 0
    assert "peak-gflops=" in str(measured) and measured.machine.peak_gflops > 0
