"""Builders the lowerings share: sizes with dynamic dims, empty and filled tensors, scalar constants,
element conversions and `linalg.generic`/`linalg.reduce` with a Python body.

All of them build at the current insertion point and location (`with ir.InsertionPoint(...), loc:`).
"""

from __future__ import annotations

from typing import Callable, Sequence

from mlir import ir
from mlir.dialects import arith, linalg, tensor

from .storage import storage_type

Size = int | ir.Value  # a static size, or an `index` value for a dynamic one


def is_float(element_type: ir.Type) -> bool:
    return isinstance(element_type, (ir.F16Type, ir.BF16Type, ir.F32Type, ir.F64Type))


def accumulator_type(element_type: ir.Type) -> ir.Type:
    """The type sums are accumulated in: f32 for 16-bit floats, the type itself otherwise."""
    if isinstance(element_type, (ir.F16Type, ir.BF16Type)):
        return ir.F32Type.get()
    return element_type


def result_type(op, index: int = 0) -> ir.RankedTensorType:
    """The tensor type a lowering must produce for result `index` of a tg op (its storage type)."""
    return ir.RankedTensorType(storage_type(op.operation.results[index].type))


def operand_element(op, index: int) -> ir.Type:
    """The tg element type of operand `index` (its value may already have its storage type)."""
    return ir.RankedTensorType(op.operand_types[index]).element_type


def result_element(op, index: int = 0) -> ir.Type:
    """The tg element type of result `index`."""
    return ir.RankedTensorType(op.operation.results[index].type).element_type


def element_type(value: ir.Value) -> ir.Type:
    return ir.RankedTensorType(value.type).element_type


def size(value: ir.Value, dim: int) -> Size:
    """One dim of a ranked tensor: an int if static, a `tensor.dim` value if dynamic."""
    type_ = ir.RankedTensorType(value.type)
    if type_.is_dynamic_dim(dim):
        return tensor.dim(value, index(dim))
    return type_.get_dim_size(dim)


def sizes(value: ir.Value) -> list[Size]:
    """All dims of a ranked tensor, as `size` gives them."""
    return [size(value, i) for i in range(ir.RankedTensorType(value.type).rank)]


def index(value: int) -> ir.Value:
    """An `index` constant."""
    return arith.constant(ir.IndexType.get(), value)


def dynamic_values(sizes_: Sequence[Size]) -> list[ir.Value]:
    return [s for s in sizes_ if isinstance(s, ir.Value)]


def tensor_type(sizes_: Sequence[Size], element: ir.Type) -> ir.RankedTensorType:
    return ir.RankedTensorType.get(static_sizes(sizes_), element)


def empty(sizes_: Sequence[Size], element: ir.Type) -> ir.Value:
    """`tensor.empty` of the given sizes."""
    return tensor.empty(list(sizes_), element)


def scalar(value, element: ir.Type) -> ir.Value:
    """An `arith.constant` scalar of `element` type (floats may be inf/nan)."""
    if is_float(element):
        return arith.constant(element, ir.FloatAttr.get(element, float(value)))
    return arith.constant(element, ir.IntegerAttr.get(element, int(value)))


def filled(sizes_: Sequence[Size], element: ir.Type, value) -> ir.Value:
    """A tensor of the given sizes with every element `value`."""
    return linalg.fill(scalar(value, element), outs=[empty(sizes_, element)])


def lowest(element: ir.Type):
    """The identity of max: -inf for floats, the most negative integer otherwise."""
    if is_float(element):
        return float("-inf")
    return -(1 << (ir.IntegerType(element).width - 1))


def convert_scalar(value: ir.Value, to: ir.Type) -> ir.Value:
    """Extend or truncate a float, or sign-extend/truncate an integer, to `to`."""
    source = value.type
    if source == to:
        return value
    if is_float(source) and is_float(to):
        wider = _float_width(to) > _float_width(source)
        return arith.extf(to, value) if wider else arith.truncf(to, value)
    if is_float(to):
        return arith.sitofp(to, value)
    if is_float(source):
        return arith.fptosi(to, value)
    wider = ir.IntegerType(to).width > ir.IntegerType(source).width
    return arith.extsi(to, value) if wider else arith.trunci(to, value)


def _float_width(type_: ir.Type) -> int:
    return {ir.F16Type: 16, ir.BF16Type: 16, ir.F32Type: 32, ir.F64Type: 64}[type(type_)]


def identity_map(rank: int) -> ir.AffineMap:
    return ir.AffineMap.get_identity(rank)


def projection_map(rank: int, dims: Sequence[int | None]) -> ir.AffineMap:
    """A map from `rank` loop dims to one result per entry: loop dim `d`, or the constant 0 for None."""
    exprs = [ir.AffineConstantExpr.get(0) if d is None else ir.AffineDimExpr.get(d) for d in dims]
    return ir.AffineMap.get(rank, 0, exprs)


def generic(
    inputs: Sequence[ir.Value],
    init: ir.Value,
    maps: Sequence[ir.AffineMap],
    iterators: Sequence[str],
    body: Callable[..., ir.Value],
) -> ir.Value:
    """A one-result `linalg.generic`; `body(*input_elements, output_element)` returns the yielded value."""
    return generic_results(inputs, [init], maps, iterators, lambda *args: [body(*args)])[0]


def generic_results(
    inputs: Sequence[ir.Value],
    inits: Sequence[ir.Value],
    maps: Sequence[ir.AffineMap],
    iterators: Sequence[str],
    body: Callable[..., Sequence[ir.Value]],
) -> list[ir.Value]:
    """A `linalg.generic` with one result per init (an argmax keeps a value and an index);
    `body(*input_elements, *output_elements)` returns the yielded values."""
    op = linalg.GenericOp(
        [v.type for v in inits],
        list(inputs),
        list(inits),
        ir.ArrayAttr.get([ir.AffineMapAttr.get(m) for m in maps]),
        ir.ArrayAttr.get([ir.Attribute.parse(f"#linalg.iterator_type<{it}>") for it in iterators]),
    )
    block = op.regions[0].blocks.append(*[element_type(v) for v in list(inputs) + list(inits)])
    with ir.InsertionPoint(block):
        linalg.YieldOp(list(body(*block.arguments)))
    return list(op.results)


def elementwise(inputs: Sequence[ir.Value], maps: Sequence[ir.AffineMap], init: ir.Value, body) -> ir.Value:
    """An all-parallel `linalg.generic` writing `init`; the body ignores the output element."""
    rank = ir.RankedTensorType(init.type).rank
    return generic(
        inputs,
        init,
        list(maps) + [identity_map(rank)],
        ["parallel"] * rank,
        lambda *args: body(*args[:-1]),
    )


def reduce(input_: ir.Value, init: ir.Value, dims: Sequence[int], combine: Callable[[ir.Value, ir.Value], ir.Value]) -> ir.Value:
    """`linalg.reduce` of `input_` over `dims` into `init`; `combine(element, accumulator)`."""
    op = linalg.ReduceOp([init.type], [input_], [init], ir.DenseI64ArrayAttr.get(list(dims)))
    return _fill_body(op, [element_type(input_), element_type(init)], combine)


def _fill_body(op, argument_types, body) -> ir.Value:
    block = op.regions[0].blocks.append(*argument_types)
    with ir.InsertionPoint(block):
        linalg.YieldOp([body(*block.arguments)])
    return op.results[0]


def convert_tensor(value: ir.Value, to: ir.Type) -> ir.Value:
    """`value` with its elements converted to `to` (a no-op when it already has that type)."""
    if element_type(value) == to:
        return value
    rank = ir.RankedTensorType(value.type).rank
    init = empty(sizes(value), to)
    return elementwise([value], [identity_map(rank)], init, lambda x: convert_scalar(x, to))


def expand_shape(value: ir.Value, reassociation: list[list[int]], output_sizes: Sequence[Size]) -> ir.Value:
    """`tensor.expand_shape` of `value` into a tensor of `output_sizes`."""
    result_type = tensor_type(output_sizes, element_type(value))
    return tensor.expand_shape(result_type, value, reassociation, dynamic_values(output_sizes), static_sizes(output_sizes))


def reshape(value: ir.Value, output_sizes: Sequence[Size]) -> ir.Value:
    """`tensor.reshape` of a contiguous `value` into a tensor of `output_sizes` (any of them dynamic)."""
    shape_type = ir.RankedTensorType.get([len(output_sizes)], ir.IndexType.get())
    shape = tensor.from_elements(shape_type, [s if isinstance(s, ir.Value) else index(s) for s in output_sizes])
    return tensor.reshape(tensor_type(output_sizes, element_type(value)), value, shape)


def static_sizes(sizes_: Sequence[Size]) -> list[int]:
    """The sizes as a static shape list, dynamic ones as MLIR's dynamic marker."""
    dynamic = ir.ShapedType.get_dynamic_size()
    return [dynamic if isinstance(s, ir.Value) else s for s in sizes_]


def static_dim(type_: ir.ShapedType, dim: int) -> int | None:
    """Dim `dim` of `type_`, or None when it is dynamic."""
    return None if type_.is_dynamic_dim(dim) else type_.get_dim_size(dim)


def destination_operand(op: ir.Operation, result: int) -> int | None:
    """Which operand's buffer result `result` of `op` is written in (bufferization's in-place
    operand): a linalg op's init or an scf.forall's shared output (both come last, one a result), an
    scf.for's initial value (after its bounds and step); None for other ops."""
    if op.name == "scf.forall" or op.name.startswith("linalg."):
        return len(op.operands) - len(op.results) + result
    if op.name == "scf.for":
        return 3 + result
    return None


def written_in(value: ir.Value) -> ir.Value:
    """The value whose buffer `value` is computed in: followed back through the ops that write a
    result in place (`destination_operand`) to the first that does not (a tensor.empty, a reshape, an
    argument...)."""
    while isinstance(value.owner, (ir.Operation, ir.OpView)):
        op = value.owner.operation
        operand = destination_operand(op, value.result_number)
        if operand is None:
            break
        value = op.operands[operand]
    return value


def element_bytes(element: ir.Type) -> int:
    """Bytes an element of type `element` takes in memory: an index 8 (64-bit targets), a bit or a
    nibble 1 (i1 and 4-bit floats are stored a byte each)."""
    return 8 if isinstance(element, ir.IndexType) else max(element.width // 8, 1)


def ops_where(root: ir.Operation, predicate: Callable[[ir.Operation], bool]) -> list[ir.Operation]:
    """Every operation nested in `root` (as plain Operations, in walk order) for which `predicate`
    holds: what a rewrite collects before it changes the IR it walks."""
    found = []

    def visit(op):
        if predicate(op.operation):
            found.append(op.operation)
        return ir.WalkResult.ADVANCE

    root.walk(visit)
    return found
