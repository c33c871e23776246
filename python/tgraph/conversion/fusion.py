"""Lowering a fusion group (ops sharing a `tg.fusion_group`, decided by `--tg-fuse`) into one loop nest.

A group is elementwise ops, possibly after one anchor (a matmul or convolution) or before one reduction
(its root). It becomes:
- elementwise ops alone: one all-parallel `linalg.generic` over the root's shape, whose body computes
  every member's scalar function in program order (the table of elementwise.SCALAR), reading only the
  group's outside operands (with broadcasting maps);
- after an anchor: the anchor as its own lowering builds it, then that generic with the anchor's result
  as its output operand, updated in place: the epilogue reads each element the anchor wrote and
  overwrites it, so bufferization gives the whole group one buffer;
- before a reduction: one `linalg.generic` over the reduction's input shape with reduction iterators,
  whose body computes the members' value and combines it into the accumulator.
No tensor produced inside a group exists after lowering.
"""

from __future__ import annotations

from collections import defaultdict

from mlir import ir
from mlir.dialects import tensor

from ..dialect import TG
from ..dialect.ops.reduction import reduced_axes
from . import build, elementwise, reduction, storage

GROUP = "tg.fusion_group"
ANCHORS = ("tg.matmul", "tg.conv")


def group_of(op: ir.Operation) -> int | None:
    """The fusion group `op` belongs to, or None."""
    return ir.IntegerAttr(op.attributes[GROUP]).value if GROUP in op.attributes else None


def groups_in(module: ir.Operation) -> list[list[ir.Operation]]:
    """The marked groups, each in program order, ordered by where they end."""
    groups: dict[int, list[ir.Operation]] = defaultdict(list)
    for op in TG.ops_in(module):
        if GROUP in op.attributes:
            groups[ir.IntegerAttr(op.attributes[GROUP]).value].append(op)
    return [ops for ops in groups.values() if len(ops) > 1]


def lower_group(ops: list[ir.Operation], tg_types: storage.TgTypes, lowerings: dict) -> ir.Value:
    """Build the group's loop nest before its root (its last op) and return the value that replaces the
    root's result; the caller replaces the root and erases the other members. Operands from outside
    the group must already be lowered (they are: groups are lowered in program order)."""
    root = ops[-1]
    members = set(ops)
    anchor = next((op for op in ops if op.name in ANCHORS), None)
    reducing = root.name in reduction.REDUCTION_NAMES
    chain = [op for op in ops if op is not anchor and not (reducing and op is root)]
    external = _external_operands(chain + ([root] if reducing else []), members)
    with ir.InsertionPoint(root), root.location:
        before = _position(root)  # the anchor's lowering inserts its ops before the root
        anchor_value = _lower_anchor(anchor, tg_types, lowerings) if anchor is not None else None
        anchor_ops = list(root.block.operations)[before : _position(root)]
        if reducing:
            value = _fused_reduction(root, chain, external, tg_types)
        else:
            value = _fused_elementwise(root, chain, external, anchor, anchor_value, tg_types)
        if anchor is not None:
            _tag_for_tiling(ir.IntegerAttr(root.attributes[GROUP]).value, value, anchor_ops)
        declared = storage.storage_type(root.results[0].type)
        if value.type != declared:
            value = tensor.cast(declared, value)
    tg_types.remember(value, root.results[0].type)
    return value


#: Ops an anchor's lowering may build that tiling can fuse into the epilogue's loop (others, such as
#: the reshapes of a grouped convolution, leave the group as two loop nests over one buffer).
TILEABLE = ("linalg.", "tensor.pad")
#: What may sit between them without being fused (it is computed outside the loop).
NEUTRAL = ("tensor.empty", "tensor.dim", "arith.constant", "arith.", "affine.apply")
ROOT, PRODUCER = "tg.fusion_root", "tg.fusion_producer"


def _position(op: ir.Operation) -> int:
    return next(i for i, other in enumerate(op.block.operations) if other.operation == op)


def _tag_for_tiling(group: int, epilogue: ir.Value, anchor_ops: list) -> None:
    """Mark the epilogue and the anchor's ops so that codegen tiles the epilogue and fuses the anchor
    into its loop (codegen/fusion_tiling.py); the producers are numbered from the epilogue backwards."""
    names = [op.operation.name for op in anchor_ops]
    if any(not n.startswith(TILEABLE) and not n.startswith(NEUTRAL) for n in names):
        return
    i64 = ir.IntegerType.get_signless(64)
    epilogue.owner.attributes[ROOT] = ir.IntegerAttr.get(i64, group)
    producers = [op for op in anchor_ops if op.operation.name.startswith(TILEABLE)]
    for index, op in enumerate(reversed(producers)):
        op.attributes[PRODUCER] = ir.DenseI64ArrayAttr.get([group, index])


def _external_operands(ops: list[ir.Operation], members: set) -> list[ir.Value]:
    """Operands of `ops` made outside the group, each once, in order of first use."""
    external: list[ir.Value] = []
    for op in ops:
        for value in op.operands:
            owner = value.owner
            inside = isinstance(owner, (ir.Operation, ir.OpView)) and owner.operation in members
            if not inside and value not in external:
                external.append(value)
    return external


def _view(op: ir.Operation, tg_types: storage.TgTypes):
    view = TG.lookup(op.name).view(op)
    view.operand_types = [tg_types.of(v) for v in op.operands]
    return view


def _lower_anchor(anchor: ir.Operation, tg_types: storage.TgTypes, lowerings: dict) -> ir.Value:
    (value,) = lowerings[anchor.name](_view(anchor, tg_types))
    return value


def _element(value: ir.Value, tg_types: storage.TgTypes) -> ir.Type:
    return ir.RankedTensorType(tg_types.of(value)).element_type


def _chain_function(chain: list[ir.Operation], external: list[ir.Value], tg_types: storage.TgTypes):
    """`compute(stored, known)`: from the stored outside operands (and scalars already `known`, like
    an anchor's output element), every chain member's scalar, in program order, as a map from values."""
    views = [_view(op, tg_types) for op in chain]
    kinds = [elementwise.element_kind(ir.RankedTensorType(v.operand_types[0]).element_type) for v in views]
    functions = [elementwise.SCALAR[op.name](view, kind) for op, view, kind in zip(chain, views, kinds)]
    elements = [_element(v, tg_types) for v in external]

    def compute(stored: list[ir.Value], known: dict) -> dict:
        scalars = dict(known)
        for value, item, element in zip(external, stored, elements):
            scalars[value] = storage.load(item, element)
        for op, function in zip(chain, functions):
            scalars[op.results[0]] = function(*[scalars[v] for v in op.operands])
        return scalars

    return compute


def _fused_elementwise(root, chain, external, anchor, anchor_value, tg_types) -> ir.Value:
    domain = ir.RankedTensorType(storage.storage_type(root.results[0].type))
    result_element = _element(root.results[0], tg_types)
    maps = [elementwise._broadcast_map(ir.RankedTensorType(v.type), domain) for v in external]
    # After an anchor, the epilogue updates the anchor's output in place.
    init = anchor_value if anchor is not None else build.empty(elementwise._result_sizes(external, domain), domain.element_type)
    compute = _chain_function(chain, external, tg_types)

    def body(*arguments):
        *stored, out = arguments
        known = {anchor.results[0]: storage.load(out, _element(anchor.results[0], tg_types))} if anchor is not None else {}
        return storage.store(compute(stored, known)[root.results[0]], result_element)

    rank = domain.rank
    return build.generic(external, init, maps + [build.identity_map(rank)], ["parallel"] * rank, body)


def _fused_reduction(root, chain, external, tg_types) -> ir.Value:
    """The reduction of the chain's value, computed element by element inside the reduction's loop."""
    source = root.operands[0]
    domain = ir.RankedTensorType(storage.storage_type(source.type))
    element = domain.element_type
    kind = elementwise.element_kind(_element(source, tg_types))
    view = _view(root, tg_types)
    rank = domain.rank
    axes = reduced_axes(view.axes, rank)
    sizes = elementwise._result_sizes(external, domain)
    accumulator, identity, combine = reduction.combiner(root.name, element, kind)
    init = build.filled(reduction.kept_sizes(sizes, axes), accumulator, identity)
    maps = [elementwise._broadcast_map(ir.RankedTensorType(v.type), domain) for v in external]
    kept_map = build.projection_map(rank, [d for d in range(rank) if d not in axes])
    iterators = ["reduction" if d in axes else "parallel" for d in range(rank)]
    compute = _chain_function(chain, external, tg_types)

    def body(*arguments):
        *stored, accumulated = arguments
        return combine(compute(stored, {})[source], accumulated)

    reduced = build.generic(external, init, maps + [kept_map], iterators, body)
    return reduction.finish_reduction(view, reduced, sizes, axes, element, kind)
