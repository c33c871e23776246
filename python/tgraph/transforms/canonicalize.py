"""`--tg-canonicalize`: simplify the graph with local rewrites, folding constants as it goes, until
nothing changes.

The rewrites (each a function below named after what it matches, and a `--tg-stats` counter):
- `add_zero`, `sub_zero`, `mul_one`, `div_one`: `x + 0`, `0 + x`, `x - 0`, `x * 1`, `1 * x`, `x / 1`
  become `x` when the constant (all its elements 0, or 1) neither broadcasts `x` to a bigger shape nor
  changes its type. For floats `x + 0` is exact but for the sign of a zero result (`-0.0 + 0.0` is
  `+0.0`), the freedom every graph compiler takes (fast-math "nsz").
- `neg_of_neg`: `-(-x)` becomes `x` (exact, for integers too: negation wraps both ways).
- `identity_transpose`, `transpose_of_transpose`: a transpose by the identity goes; two transposes
  become one, or none when the permutations compose to the identity.
- `noop_reshape`, `reshape_of_reshape`: a reshape to the type it already has goes when that type fixes
  the shape (static, or one dynamic dim that the element count decides); a reshape of a reshape reads
  the first one's input (unless its target copies input dims, ONNX's 0, that the first one moved).
- `noop_cast`, `cast_of_cast`: a cast to its input's type goes; a cast of a cast that loses nothing
  (`f16 -> f32`, `i8 -> i32`, `i8 -> f16`...) casts once: the value that reaches the second cast is
  the original one, so one conversion from it gives the same result. A narrowing first cast stays, and
  so does an integer's way to an 8- or 4-bit float through a wider float (the lowering has no direct
  conversion).
- `broadcast_of_splat`: `tg.broadcast_to` of a constant with one value becomes a constant of the
  result type (static results up to `max-elements`: a splat attribute is small, its lowering is not).
- `elementwise_broadcast_operand`: an operand of an elementwise op that is a splat constant, or a
  `tg.broadcast_to`, when another operand already has the result's shape and what is broadcast fits
  into it: the op reads a rank-0 constant or the broadcast's input, and broadcasts itself.
- `sub_self`: `x - x` becomes zeros for integers only (for floats, inf - inf and NaN - NaN are NaN).
- `shape_at_source`: `tg.shape` of a value whose dims are dims of another value (elementwise ops,
  casts, transposes, `tg.broadcast_to`, `tg.reshape` where the dims are provably carried over) reads
  them there, so the shape computation no longer waits for the op, which may then go unused.
- `dims_picked_from_shape`: a gather, slice or concat of `tg.shape` vectors (what ONNX's
  Shape -> Gather -> Unsqueeze chains become) that picks one run of dims is a `tg.shape` of them.

Between rounds of rewrites, tg ops whose operands are all constants fold with their NumPy references,
and `tg.shape` of static dims folds to a constant, as `--tg-fold-constants` does (same code, same
`max-elements` cap); tg ops whose results are unused go, as `--tg-dce` does. The pass ends when a round
changes nothing. Every rewrite keeps the types the users see: a replacement value has exactly the type
of the value it replaces.

ONNX Identity and inference Dropout need no rewrite here: the importer maps them to their input, so no
tg op ever stands for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from math import prod
from typing import Callable

import numpy as np
from mlir import ir
from mlir.dialects import arith
from mlir.rewrite import RewritePatternSet, apply_patterns_and_fold_greedily

from ..dialect import TG, TensorSpec
from ..dialect.constants import constant_of, dense_attribute
from ..dialect.declare import MAX_VALUE_ELEMENTS, constant_value
from ..dialect.ops import BroadcastTo, Cast, Reshape, Shape, Transpose
from ..dialect.types import INTEGER_TYPES, NARROW_INTEGER_TYPES, SMALL_FLOAT_TYPES, ShapeError, bit_width, is_unsigned
from ..passes import option, register_pass
from .dce import remove_dead_ops
from .fold_constants import fold_constants
from .statistics import count

PASS = "tg-canonicalize"

#: A rewrite: the op (matched by name) -> the value replacing its result, or None when it does not
#: apply. It builds at the op's place and location, and only once it has decided to apply.
Rewrite = Callable[[ir.OpView], "ir.Value | None"]

#: Rounds of rewrites, folding and dead-code removal before the pass gives up on a fixed point (each
#: round is itself a greedy rewrite to a fixed point; two or three rounds are the rule).
MAX_ROUNDS = 16


# --- reading operands -------------------------------------------------------------------------------


def _spec(value: ir.Value) -> TensorSpec:
    return TensorSpec.from_mlir(value.type)


def _producer(value: ir.Value, name: str):
    """The op defining `value` if it is a `name` op, else None."""
    owner = value.owner
    if isinstance(owner, ir.OpView) and owner.operation.name == name:
        return TG.lookup(name).view(owner) if TG.lookup(name) else owner
    return None


def splat_element(value: ir.Value) -> ir.Attribute | None:
    """The element attribute (`1.0 : f32`) that every element of a constant operand holds, or None
    (not a constant, several values, or too large to read)."""
    constant = _producer(value, "arith.constant")
    if constant is None:
        return None
    try:
        dense = ir.DenseElementsAttr(constant.attributes["value"])
    except ValueError:
        dense = None  # a dense_resource blob
    if dense is not None and dense.is_splat:
        return dense.get_splat_value()
    spec = _spec(value)
    array = constant_of(value) if spec.numel is not None and spec.numel <= MAX_VALUE_ELEMENTS else None
    if array is None or array.size == 0 or not np.all(array == array.flat[0]):  # NaN is never uniform
        return None
    return ir.DenseElementsAttr(dense_attribute(array.reshape(-1)[:1].reshape(()))).get_splat_value()


def _is_constant(value: ir.Value, number) -> bool:
    element = splat_element(value)
    return element is not None and element.value == number


def fits_into(small: TensorSpec, shape: tuple) -> bool:
    """Whether broadcasting `small` against `shape` leaves `shape` unchanged whatever its dynamic dims
    turn out to be: each dim of `small` (aligned from the right) is 1, or the same static size."""
    if small.rank > len(shape):
        return False
    return all(d == 1 or (d is not None and d == s) for d, s in zip(reversed(small.shape), reversed(shape)))


def _splat_constant(type_: ir.Type, element: ir.Attribute) -> ir.Value:
    return arith.ConstantOp(type_, ir.DenseElementsAttr.get_splat(type_, element)).result


def _attributes(op) -> dict[str, ir.Attribute]:
    return {name: op.attributes[name] for name in op.attributes}


def _identity(perm) -> bool:
    return list(perm) == list(range(len(perm)))


# --- arithmetic identities --------------------------------------------------------------------------


def _leaves_unchanged(op, x: ir.Value, constant: ir.Value, identity) -> bool:
    """Whether `op` applied to `x` and `constant` gives `x`: the constant is all `identity`, and
    applying it changes neither the type nor the shape."""
    result = op.operation.results[0]
    return x.type == result.type and fits_into(_spec(constant), _spec(result).shape) and _is_constant(constant, identity)


def _identity_rewrite(name: str, identity, *, commutes: bool) -> Rewrite:
    """The rewrite of `x <op> identity` (and `identity <op> x` when the op commutes) to `x`."""

    def rewrite(op) -> ir.Value | None:
        lhs, rhs = op.operation.operands
        candidates = [(lhs, rhs), (rhs, lhs)] if commutes else [(lhs, rhs)]
        return next((x for x, constant in candidates if _leaves_unchanged(op, x, constant, identity)), None)

    rewrite.__name__ = name
    return rewrite


add_zero = _identity_rewrite("add_zero", 0, commutes=True)
sub_zero = _identity_rewrite("sub_zero", 0, commutes=False)
mul_one = _identity_rewrite("mul_one", 1, commutes=True)
div_one = _identity_rewrite("div_one", 1, commutes=False)


def neg_of_neg(op) -> ir.Value | None:
    inner = _producer(op.input, "tg.neg")
    if inner is None or inner.input.type != op.result.type:
        return None
    return inner.input


def sub_self(op) -> ir.Value | None:
    """Integers only: for floats `x - x` is NaN where x is inf or NaN."""
    x = op.lhs
    result = _spec(op.result)
    if op.rhs != x or result.dtype not in INTEGER_TYPES:
        return None
    zero = ir.IntegerAttr.get(ir.RankedTensorType(op.result.type).element_type, 0)
    if result.is_static:
        return _splat_constant(op.result.type, zero)
    scalar = _splat_constant(result.with_shape(()).to_mlir(), zero)
    return BroadcastTo(scalar, Shape(x).result, result_type=op.result.type).result


# --- data movement ----------------------------------------------------------------------------------


def identity_transpose(op) -> ir.Value | None:
    if not _identity(op.perm) or op.input.type != op.result.type:
        return None
    return op.input


def transpose_of_transpose(op) -> ir.Value | None:
    inner = _producer(op.input, "tg.transpose")
    if inner is None:
        return None
    # Result dim i is the inner result's dim perm[i], which is the input's dim inner.perm[perm[i]].
    perm = [inner.perm[p] for p in op.perm]
    if _identity(perm):
        return inner.input if inner.input.type == op.result.type else None
    return Transpose(inner.input, perm=perm, result_type=op.result.type).result


def _shape_is_implied(spec: TensorSpec) -> bool:
    """Whether a reshape's result type alone fixes its shape: static, or one dynamic dim that the
    element count decides (the static dims multiply to a nonzero size)."""
    static = [d for d in spec.shape if d is not None]
    return spec.is_static or (spec.rank - len(static) == 1 and prod(static) != 0)


def noop_reshape(op) -> ir.Value | None:
    if op.input.type != op.result.type or not _shape_is_implied(_spec(op.result)):
        return None
    return op.input


def _reads_input_dims(op) -> bool:
    """Whether a reshape's target may copy dims of its input (ONNX's 0 without `allowzero`)."""
    if op.target is None or op.allowzero:
        return False
    target = constant_value(op.target)
    return target is None or bool(np.any(target == 0))


def reshape_of_reshape(op) -> ir.Value | None:
    inner = _producer(op.input, "tg.reshape")
    if inner is None or _reads_input_dims(op):
        return None
    try:
        return Reshape(inner.input, op.target, allowzero=_attributes(op.operation).get("allowzero"), result_type=op.result.type).result
    except ShapeError:
        return None


def broadcast_of_splat(op, max_elements: int) -> ir.Value | None:
    result = _spec(op.result)
    element = splat_element(op.input)
    if element is None or not result.is_static or result.numel > max_elements:
        return None
    return _splat_constant(op.result.type, element)


def elementwise_broadcast_operand(op) -> ir.Value | None:
    """An elementwise op broadcasts its operands itself: an operand that is only a broadcast of
    something smaller (a splat constant of rank > 0, a `tg.broadcast_to`) can be that smaller thing,
    when another operand already has the result's shape (so the result shape does not change)."""
    operation = op.operation
    result = _spec(operation.results[0])
    operands = list(operation.operands)
    for index, operand in enumerate(operands):
        smaller = _unbroadcast(operand)
        if smaller is None or not fits_into(smaller[0], result.shape):
            continue
        if not any(_spec(other).shape == result.shape for i, other in enumerate(operands) if i != index):
            continue
        operands[index] = smaller[1]()
        return ir.Operation.create(operation.name, results=[operation.results[0].type], operands=operands, attributes=_attributes(operation)).result
    return None


def _unbroadcast(operand: ir.Value) -> tuple[TensorSpec, Callable[[], ir.Value]] | None:
    """What `operand` is a broadcast of, as its type and a function giving the value: a broadcast_to's
    input, or a new rank-0 constant for a splat of rank > 0."""
    broadcast = _producer(operand, "tg.broadcast_to")
    if broadcast is not None:
        return _spec(broadcast.input), lambda: broadcast.input
    spec = _spec(operand)
    element = splat_element(operand) if spec.rank > 0 else None
    if element is None:
        return None
    scalar = spec.with_shape(())
    return scalar, lambda: _splat_constant(scalar.to_mlir(), element)


# --- casts ------------------------------------------------------------------------------------------

#: The floats each float converts to exactly (every value, inf and NaN included).
_WIDER_FLOATS = {
    "f16": ("f32", "f64"),
    "bf16": ("f32", "f64"),
    "f32": ("f64",),
    **{small: ("f32", "f64") for small in SMALL_FLOAT_TYPES},
}
#: Every integer type, booleans and the storage-only narrow ones included.
_INTEGERS = INTEGER_TYPES + NARROW_INTEGER_TYPES + ("i1",)
#: The mantissa bits of each float, with the implicit one: integers up to 2**bits convert exactly.
_MANTISSA_BITS = {"f16": 11, "bf16": 8, "f32": 24, "f64": 53}


def _integer_range(dtype: str) -> tuple[int, int]:
    bits = bit_width(dtype)
    if dtype == "i1":
        return 0, 1
    if is_unsigned(dtype):
        return 0, 2**bits - 1
    return -(2 ** (bits - 1)), 2 ** (bits - 1) - 1


def converts_exactly(source: str, target: str) -> bool:
    """Whether every value of element type `source` has the same value in `target` after a tg.cast."""
    if source == target:
        return True
    if source in _INTEGERS:
        low, high = _integer_range(source)
        if target in _INTEGERS and target != "i1":
            target_low, target_high = _integer_range(target)
            return target_low <= low and high <= target_high
        return target in _MANTISSA_BITS and max(-low, high) <= 2 ** _MANTISSA_BITS[target]
    return target in _WIDER_FLOATS.get(source, ())


def noop_cast(op) -> ir.Value | None:
    return op.input if op.input.type == op.result.type else None


def cast_of_cast(op) -> ir.Value | None:
    inner = _producer(op.input, "tg.cast")
    if inner is None:
        return None
    source, middle, target = _spec(inner.input).dtype, _spec(inner.result).dtype, _spec(op.result).dtype
    if not converts_exactly(source, middle):
        return None
    if source in _INTEGERS and target in SMALL_FLOAT_TYPES:
        return None  # tg-to-linalg converts integers to 8- and 4-bit floats only through a float
    attributes = _attributes(op.operation)
    return Cast(inner.input, saturate=attributes.get("saturate"), round_mode=attributes.get("round_mode"), result_type=op.result.type).result


# --- shapes -----------------------------------------------------------------------------------------


def dim_sources(value: ir.Value) -> list[tuple[ir.Value, list[int | None]]]:
    """Values whose dims `value`'s dims provably are, at run time: pairs of the value and, for each of
    `value`'s dims, the index of the equal dim there (None when not known to be equal)."""
    owner = value.owner
    if not isinstance(owner, ir.OpView) or TG.lookup(owner.operation.name) is None:
        return []
    declaration = TG.lookup(owner.operation.name)
    op = declaration.view(owner)
    result = _spec(value)
    if declaration.elementwise:
        return [(operand, _elementwise_dim_sources(_spec(operand), result)) for operand in op.operation.operands]
    if owner.operation.name == "tg.transpose":
        return [(op.input, list(op.perm))]
    if owner.operation.name == "tg.broadcast_to" and op.target is None:
        # A dynamic result dim is the input's; a static one is the input's when they are equal.
        source = _spec(op.input)
        lead = result.rank - source.rank
        return [(op.input, [i - lead if i >= lead and d in (None, source.shape[i - lead]) else None for i, d in enumerate(result.shape)])]
    if owner.operation.name == "tg.reshape":
        return [(op.input, _reshape_dim_sources(op, _spec(op.input), result))]
    return []


def _elementwise_dim_sources(operand: TensorSpec, result: TensorSpec) -> list[int | None]:
    """A result dim of an elementwise op is the operand's dim aligned from the right, unless the operand
    broadcasts along it (a static 1 against a bigger dim); dynamic dims never broadcast there."""
    lead = result.rank - operand.rank
    return [
        i - lead if i >= lead and (operand.shape[i - lead] != 1 or d == 1) else None
        for i, d in enumerate(result.shape)
    ]


def _reshape_dim_sources(op, source: TensorSpec, result: TensorSpec) -> list[int | None]:
    dims: list[int | None] = [None] * result.rank
    target = constant_value(op.target) if op.target is not None else None
    if target is not None and not op.allowzero:
        for i, t in enumerate(target):
            if t == 0 and i < source.rank:
                dims[i] = i  # ONNX's 0 copies the input dim
    # One dynamic dim on each side with the same static rest: the element count makes them equal.
    dynamic_in = [i for i, d in enumerate(source.shape) if d is None]
    dynamic_out = [i for i, d in enumerate(result.shape) if d is None]
    static_in = prod(d for d in source.shape if d is not None)
    if len(dynamic_in) == len(dynamic_out) == 1 and static_in != 0 and static_in == prod(d for d in result.shape if d is not None):
        dims[dynamic_out[0]] = dynamic_in[0]
    return dims


def shape_at_source(op) -> ir.Value | None:
    """`tg.shape` reads dims where they come from, when they are one run of dims there."""
    dims = list(range(_spec(op.input).rank))[op.start : op.end]
    if not dims:
        return None
    for source, origin in dim_sources(op.input):
        picked = [origin[d] for d in dims]
        first = picked[0]
        if first is not None and picked == list(range(first, first + len(picked))):
            end = first + len(picked)
            rank = _spec(source).rank
            return Shape(source, start=first or None, end=end if end < rank else None, result_type=op.result.type).result
    return None


#: Ops that only pick and arrange elements, with the positions of their operands that hold the
#: elements (the others, indices and bounds, must be constants). A reshape of a shape vector needs no
#: rewrite: to a vector it is a no-op, to a scalar it is how one dim is read.
_PICKING_OPS = {"tg.gather": (0,), "tg.slice": (0,), "tg.concat": (0, 1)}


def dims_picked_from_shape(op) -> ir.Value | None:
    """An op that picks elements of `tg.shape` vectors of one value (a gather of dim 0, a slice of the
    last two dims, two adjacent pieces joined) gives those dims: applied to the dims'
    positions instead of their sizes (by its NumPy reference), it says which; when they are one run,
    it is a `tg.shape` of them (reshaped to a scalar for a rank-0 result)."""
    operation = op.operation
    data = _PICKING_OPS[operation.name]
    arrays, source = [], None
    for index, operand in enumerate(operation.operands):
        shape = _producer(operand, "tg.shape") if index in data else None
        if index in data and (shape is None or (source is not None and shape.input != source)):
            return None
        if shape is not None:
            source = shape.input
            arrays.append(np.arange(_spec(source).rank, dtype=np.int64)[shape.start : shape.end])
        elif (value := constant_value(operand)) is not None:
            arrays.append(value)
        else:
            return None
    result = _spec(operation.results[0])
    declaration = TG.lookup(operation.name)
    dtypes = [_spec(operand).dtype for operand in operation.operands]
    positions = declaration.evaluate(arrays, op.attribute_values(), [result], dtypes=dtypes)[0].reshape(-1)
    if result.rank > 1 or positions.size == 0 or list(positions) != list(range(positions[0], positions[0] + positions.size)):
        return None
    first, end = int(positions[0]), int(positions[0]) + positions.size
    picked = Shape(source, start=first or None, end=end if end < _spec(source).rank else None).result
    return picked if result.rank == 1 else Reshape(picked, result_type=operation.results[0].type).result


# --- the pass ---------------------------------------------------------------------------------------


def rewrites(max_elements: int) -> dict[str, list[Rewrite]]:
    """The rewrites of each op, in the order they are tried."""
    table: dict[str, list[Rewrite]] = {
        "tg.add": [add_zero],
        "tg.sub": [sub_zero, sub_self],
        "tg.mul": [mul_one],
        "tg.div": [div_one],
        "tg.neg": [neg_of_neg],
        "tg.transpose": [identity_transpose, transpose_of_transpose],
        "tg.reshape": [noop_reshape, reshape_of_reshape],
        "tg.cast": [noop_cast, cast_of_cast],
        "tg.broadcast_to": [partial(broadcast_of_splat, max_elements=max_elements)],
        "tg.shape": [shape_at_source],
    }
    for name in _PICKING_OPS:
        table.setdefault(name, []).append(dims_picked_from_shape)
    for name, declaration in TG.ops.items():
        if declaration.elementwise:
            table.setdefault(name, []).append(elementwise_broadcast_operand)
    return table


def _name(rewrite: Rewrite) -> str:
    return getattr(rewrite, "func", rewrite).__name__.replace("_", " ")


def _pattern(name: str, candidates: list[Rewrite], applied: list[int]):
    """The rewrite-pattern callable for one op name: the first candidate that applies replaces the op."""
    declaration = TG.lookup(name)

    def apply(op, rewriter):
        view = declaration.view(op)
        with rewriter.ip, op.location:
            for rewrite in candidates:
                try:
                    replacement = rewrite(view)
                except ShapeError:  # malformed IR: the verifier's business, not ours
                    replacement = None
                if replacement is not None:
                    rewriter.replace_op(op, [replacement])
                    count(PASS, _name(rewrite))
                    applied[0] += 1
                    return None
        return True  # did not match

    return apply


def canonicalize(module: ir.Operation, max_elements: int) -> int:
    """Rewrite, fold and remove dead ops under `module` until nothing changes; returns how many
    changes were made."""
    applied = [0]  # rewrites so far, counted by the patterns
    patterns = RewritePatternSet(module.context)
    for name, candidates in rewrites(max_elements).items():
        patterns.add(name, _pattern(name, candidates, applied))
    frozen = patterns.freeze()
    changes = 0
    for _ in range(MAX_ROUNDS):
        rewritten = applied[0]
        try:
            apply_patterns_and_fold_greedily(module, frozen)
        except RuntimeError:
            pass  # did not converge within the driver's iterations: the next round goes on
        folded = fold_constants(module, max_elements)
        removed = remove_dead_ops(module)
        count(PASS, "ops folded", folded)
        count(PASS, "ops removed", removed)
        round_changes = applied[0] - rewritten + folded + removed
        changes += round_changes
        if not round_changes:
            break
    return changes


@register_pass(PASS)
@dataclass
class Canonicalize:
    """Simplify tg graphs: arithmetic identities, transpose/reshape/cast chains, broadcasts of splats,
    shape arithmetic; constants fold and dead ops go, to a fixed point."""

    max_elements: int = option(1 << 20, "fold no constant (nor splat broadcast) with more elements than this")

    def run(self, module: ir.Operation) -> None:
        canonicalize(module, self.max_elements)
