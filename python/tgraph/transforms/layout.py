"""`--tg-layout=nhwc` (or `layout=nhwc`): run 2-D convolutions and pools channels last.

Each 2-D `tg.conv`, `tg.max_pool` and `tg.avg_pool` on NCHW tensors becomes its `layout = "nhwc"` form
between two transposes: NCHW -> NHWC before, back after (a conv weight goes to HWCF, at compile time
when it is a constant). Then the transposes move toward the function's results and cancel where they
meet:

- `transpose(transpose(x))` composes, and disappears when that is the identity;
- an elementwise op whose operands are all transposed the same way, or are constants (permuted at
  compile time), or values that already have a copy transposed back, runs untransposed, and one
  transpose follows it;
- a reduction, arg-reduction or softmax of a transposed value works on the untransposed one along the
  matching axes (the transpose follows, or vanishes when the reduction leaves the kept dims in order);
- a `tg.reshape` (without a target operand) of a transpose that only moves size-1 dims reads the
  untransposed value.

Any other op stops a transpose, which then stays before it: a ResNet-style network keeps one
transpose after its input and one before whatever first needs channels first (its output, a
flatten...). 1-D and 3-D convolutions and pools, transposed convolutions and `tg.max_pool_indices`
stay channels first. `layout=nchw` changes nothing. Results are unchanged: only data moves, and a
convolution may sum its products in another order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from mlir import ir

from ..dialect import TG, TensorSpec
from ..dialect.constants import constant_of
from ..dialect.ops import Softmax, Transpose
from ..dialect.ops.nn import LAYOUTS
from ..dialect.ops.reduction import ArgReduction, Reduction
from ..passes import option, register_pass
from .statistics import count
from .weights import derived_constant

PASS = "tg-layout"
CHANNELS_LAST = LAYOUTS["nhwc"]
WINDOW_OPS = ("tg.conv", "tg.max_pool", "tg.avg_pool")


# --- permutations ---------------------------------------------------------------------------------


def inverse(perm) -> list[int]:
    """The permutation that undoes `perm`."""
    return [int(i) for i in np.argsort(perm)]


def compose(first, then) -> list[int]:
    """The single permutation of `transpose(transpose(x, first), then)`."""
    return [first[p] for p in then]


def is_identity(perm) -> bool:
    return list(perm) == list(range(len(perm)))


def permuted_type(type_: ir.Type, perm) -> ir.RankedTensorType:
    """The type of `transpose(x, perm)` for an `x` of `type_`."""
    spec = TensorSpec.from_mlir(type_)
    return spec.with_shape(spec.shape[p] for p in perm).to_mlir()


def _transpose_of(value: ir.Value) -> tuple[ir.Value, list[int]] | None:
    """(input, perm) when `value` is a `tg.transpose`'s result."""
    owner = value.owner
    if isinstance(owner, (ir.Operation, ir.OpView)) and owner.operation.name == "tg.transpose":
        return owner.operation.operands[0], list(Transpose.view(owner).perm)
    return None


def _defining_op(value: ir.Value) -> ir.Operation | None:
    owner = value.owner
    return owner.operation if isinstance(owner, (ir.Operation, ir.OpView)) else None


# --- building ----------------------------------------------------------------------------------------


def existing_copy(value: ir.Value, perm, before: ir.Operation) -> ir.Value | None:
    """A `tg.transpose` of `value` by `perm` placed before `before` in its block, if there is one."""
    for use in value.uses:
        user = use.owner.operation
        if (
            user.name == "tg.transpose"
            and list(Transpose.view(user).perm) == list(perm)
            and user.block == before.block
            and user.is_before_in_block(before)
        ):
            return user.results[0]
    return None


def transposed(value: ir.Value, perm, before: ir.Operation, suffix: str) -> ir.Value:
    """`value` transposed by `perm`, usable before `before`: its input when `value` is the inverse
    transpose, a new constant (named with `suffix`) when it is a constant, an existing copy, or a new
    `tg.transpose` placed right after `value`'s definition (so later uses find and share it)."""
    if is_identity(perm):
        return value
    source = _transpose_of(value)
    if source is not None and is_identity(compose(source[1], perm)):
        return source[0]
    array = constant_of(value)
    if array is not None:
        with ir.InsertionPoint(before), before.location:
            return derived_constant(np.transpose(array, perm), value, suffix)
    copy = existing_copy(value, perm, before)
    if copy is not None:
        return copy
    definition = _defining_op(value)
    point = ir.InsertionPoint.at_block_begin(value.owner) if definition is None else ir.InsertionPoint.after(definition)
    with point, (definition or before).location:
        return Transpose(value, perm=list(perm)).result


def _rebuild(op: ir.Operation, operands, result_types, **attributes) -> ir.Operation:
    """A copy of `op` (before it) with other operands, result types and some attributes changed."""
    attrs = {name: op.attributes[name] for name in op.attributes}
    attrs.update(attributes)
    return ir.Operation.create(op.name, results=result_types, operands=list(operands), attributes=attrs, loc=op.location, ip=ir.InsertionPoint(op))


def _replace(op: ir.Operation, value: ir.Value) -> None:
    """Replace `op`'s result by `value`, erase `op`, and erase the transposes and constants it read
    that nothing else reads now."""
    feeding = [_defining_op(v) for v in op.operands]
    op.results[0].replace_all_uses_with(value)
    op.erase()
    erase_if_unused(feeding)


def erase_if_unused(ops) -> None:
    """Erase the transposes and constants among `ops` that have no use left (each once)."""
    unique = []
    for op in ops:
        if op is not None and op.name in ("tg.transpose", "arith.constant") and op not in unique:
            unique.append(op)
    for op in unique:  # compared before any is erased: an erased op cannot be compared
        if not list(op.results[0].uses):
            op.erase()


# --- NCHW -> NHWC -------------------------------------------------------------------------------------


def is_convertible(op: ir.Operation) -> bool:
    """A 2-D conv or pool in NCHW."""
    if op.name not in WINDOW_OPS or ir.RankedTensorType(op.operands[0].type).rank != 4:
        return False
    return TG.lookup(op.name).view(op).layout == "nchw"


def to_channels_last(op: ir.Operation) -> None:
    """Replace an NCHW conv or pool by `transpose(nhwc op(transpose(input)[, HWCF weight]))`."""
    to_last = CHANNELS_LAST.activation_perm(4)
    operands = [transposed(op.operands[0], to_last, op, "nhwc")]
    if op.name == "tg.conv":
        operands.append(transposed(op.operands[1], CHANNELS_LAST.weight_perm(4), op, "hwcf"))
    nhwc = _rebuild(op, operands, [permuted_type(op.results[0].type, to_last)], layout=ir.StringAttr.get("nhwc"))
    with ir.InsertionPoint(op), op.location:
        back = Transpose(nhwc.results[0], perm=inverse(to_last)).result
    _replace(op, back)


# --- moving transposes toward the results ----------------------------------------------------------


def fold_transpose_pair(op: ir.Operation) -> bool:
    """`transpose(transpose(x, p), q)` -> `transpose(x, p then q)`, or `x` for the identity; and a
    transpose by the identity -> its input."""
    perm = list(Transpose.view(op).perm)
    inner = _transpose_of(op.operands[0])
    if inner is None:
        if not is_identity(perm):
            return False
        _replace(op, op.operands[0])
        return True
    source, first = inner
    combined = compose(first, perm)
    if is_identity(combined):
        _replace(op, source)
    else:
        with ir.InsertionPoint(op), op.location:
            _replace(op, Transpose(source, perm=combined).result)
    return True


def sink_through_elementwise(op: ir.Operation) -> bool:
    """`f(transpose(a, p), c, ...)` -> `transpose(f(a, c', ...), p)` when every operand is transposed
    by the same `p`, a constant (permuted here), or a value with a copy transposed by p's inverse."""
    rank = ir.RankedTensorType(op.results[0].type).rank
    perm = None
    for operand in op.operands:
        source = _transpose_of(operand)
        if source is not None and len(source[1]) == rank:
            if perm is not None and perm != source[1]:
                return False
            perm = source[1]
    if perm is None or is_identity(perm) or not _full_size_transposed(op, perm):
        return False
    back = inverse(perm)
    operands = []
    for operand in op.operands:
        source = _transpose_of(operand)
        array = constant_of(operand)
        if source is not None and source[1] == perm:
            operands.append(source[0])
        elif array is not None and array.ndim <= rank:
            aligned = array.reshape((1,) * (rank - array.ndim) + array.shape)
            with ir.InsertionPoint(op), op.location:
                operands.append(derived_constant(np.transpose(aligned, back), operand, "permuted"))
        else:
            copy = existing_copy(operand, back, op) if ir.RankedTensorType(operand.type).rank == rank else None
            if copy is None:
                return False
            operands.append(copy)
    moved = _rebuild(op, operands, [permuted_type(op.results[0].type, back)])
    with ir.InsertionPoint(op), op.location:
        _replace(op, Transpose(moved.results[0], perm=perm).result)
    return True


def _full_size_transposed(op: ir.Operation, perm) -> bool:
    """Whether an operand transposed by `perm` is as large as the result (so the transpose after the
    op moves no more data than that one did, where another operand broadcasts)."""
    result = ir.RankedTensorType(op.results[0].type).shape
    return any(
        (source := _transpose_of(operand)) is not None and source[1] == perm and ir.RankedTensorType(operand.type).shape == result
        for operand in op.operands
    )


def sink_through_reduction(op: ir.Operation) -> bool:
    """`reduce(transpose(a, p), axes)` -> `reduce(a, p[axes])`, followed by the transpose that puts
    the kept dims back in order (none when they already are); the same for arg-reductions and
    softmax, along their one axis."""
    source = _transpose_of(op.operands[0])
    if source is None:
        return False
    input_, perm = source
    declaration = TG.lookup(op.name)
    attrs = declaration.view(op).attribute_values()
    rank = len(perm)
    if "axes" in attrs:
        axes = sorted(int(a) % rank for a in attrs["axes"])
        new_attrs = {"axes": ir.DenseI64ArrayAttr.get(sorted(perm[a] for a in axes))}
    else:
        axes = [int(attrs["axis"]) % rank]
        new_attrs = {"axis": ir.IntegerAttr.get(ir.IntegerType.get_signless(64), perm[axes[0]])}
    if attrs.get("keepdims", True):
        result_perm = perm
    else:  # the kept dims of the transposed input, as positions among the kept dims of `input_`
        kept = sorted(perm[i] for i in range(rank) if i not in axes)
        result_perm = [kept.index(perm[i]) for i in range(rank) if i not in axes]
    back = inverse(result_perm)
    moved = _rebuild(op, [input_], [permuted_type(op.results[0].type, back)], **new_attrs)
    result = moved.results[0]
    if not is_identity(result_perm):
        with ir.InsertionPoint(op), op.location:
            result = Transpose(result, perm=result_perm).result
    _replace(op, result)
    return True


def skip_unit_dim_transpose(op: ir.Operation) -> bool:
    """`reshape(transpose(a))` -> `reshape(a)` when the transpose moves only dims of size 1 (the
    elements keep their order) and the reshape's shape comes from its result type alone."""
    source = _transpose_of(op.operands[0])
    if source is None or len(op.operands) != 1:
        return False
    input_, perm = source
    shape = ir.RankedTensorType(input_.type).shape
    moved = [p for p in perm if shape[p] != 1]  # dynamic dims count as not 1
    if moved != sorted(moved):
        return False
    transpose = _defining_op(op.operands[0])
    op.operands[0] = input_
    erase_if_unused([transpose])
    return True


def _is_elementwise(declaration) -> bool:
    return declaration.elementwise


def _is_axis_op(declaration) -> bool:
    return issubclass(declaration, (Reduction, ArgReduction)) or declaration is Softmax


def push_transposes(root: ir.Operation) -> int:
    """Move transposes toward the results past the ops the module docstring lists, in program order so
    that a moved transpose meets the next op; returns how many ops it moved past or folded."""
    moved = 0
    for op in TG.ops_in(root):  # ops erased on the way are all at or before the current one
        declaration = TG.lookup(op.name)
        if op.name == "tg.transpose":
            changed = fold_transpose_pair(op)
        elif op.name == "tg.reshape":
            changed = skip_unit_dim_transpose(op)
        elif len(op.results) == 1 and _is_elementwise(declaration):
            changed = sink_through_elementwise(op)
        elif _is_axis_op(declaration):
            changed = sink_through_reduction(op)
        else:
            changed = False
        moved += changed
    return moved


@register_pass(PASS)
@dataclass
class ConvertLayout:
    """Run 2-D convolutions and pools in the given layout (nhwc: channels last), with the transposes
    this needs moved toward the results and cancelled where they meet."""

    layout: Literal["nchw", "nhwc"] = option("nchw", "nchw leaves the IR as it is; nhwc converts 2-D convolutions and pools to channels last", bare=True)

    def run(self, module: ir.Operation) -> None:
        if self.layout == "nchw":
            return
        converted = [op for op in TG.ops_in(module) if is_convertible(op)]
        for op in converted:
            to_channels_last(op)
        count(PASS, "convolutions and pools made channels last", len(converted))
        count(PASS, "ops a transpose moved past or folded", push_transposes(module))
