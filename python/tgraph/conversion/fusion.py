"""Lowering a fusion group (ops sharing a `tg.fusion_group`, decided by `--tg-fuse`) into one loop nest.

A group is elementwise ops, possibly after one anchor (a matmul or convolution) or before one reduction
(its root). It becomes:
- elementwise ops alone: one all-parallel `linalg.generic` over the root's shape, whose body computes
  every member's scalar function in program order (the table of elementwise.SCALAR), reading only the
  group's outside operands (with broadcasting maps);
- after an anchor: the anchor as its own lowering builds it, then that generic with the anchor's result
  as its output operand, updated in place: the epilogue reads each element the anchor wrote and
  overwrites it, so bufferization gives the whole group one buffer. A matmul that contraction.py
  computes on a collapsed view (an N-D lhs times a 2-D rhs as a 2-D `linalg.matmul`, batch dims as one)
  keeps the whole group on that view when every outside operand collapses the same way (same dims as
  the result in each collapsed group, or broadcast along all of them, like a bias): the epilogue runs
  on the collapsed product and only the group's result is expanded back;
- before a reduction: one `linalg.generic` over the reduction's input shape with reduction iterators,
  whose body computes the members' value and combines it into the accumulator.
No tensor produced inside a group exists after lowering.
"""

from __future__ import annotations

from collections import defaultdict

from mlir import ir
from mlir.dialects import tensor

from ..diagnostics import Diagnostic
from ..dialect import TG
from ..dialect.ops.reduction import reduced_axes
from . import build, contraction, elementwise, reduction, storage

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


def check_groups(groups: list[list[ir.Operation]]) -> list[Diagnostic]:
    """What makes a marked group one that `lower_group` cannot build (written by hand or by another
    tool: tg-fuse makes none of these), one diagnostic per group: members in more than one block,
    a second anchor, a reduction that is not its root (its last op) or is in a group with an anchor,
    a member that is none of these nor elementwise."""
    problems = []
    for ops in groups:
        group = group_of(ops[0])
        anchors = [op for op in ops if op.name in ANCHORS]
        reductions = [op for op in ops if op.name in reduction.REDUCTION_NAMES]
        others = [op for op in ops if op.name not in ANCHORS and op.name not in reduction.REDUCTION_NAMES and op.name not in elementwise.SCALAR]
        if any(op.block != ops[0].block for op in ops):
            where, why = next(op for op in ops if op.block != ops[0].block), "its ops are in more than one block (or function)"
        elif len(anchors) > 1:
            where, why = anchors[1], f"it has more than one matmul or convolution ({len(anchors)})"
        elif reductions and (reductions[0] != ops[-1] or len(reductions) > 1):
            where, why = reductions[0], f"its '{reductions[0].name}' is not its last op"
        elif reductions and anchors:
            where, why = reductions[0], f"its '{reductions[0].name}' follows a '{anchors[0].name}' (a reduction's group is elementwise ops)"
        elif others:
            where, why = others[0], f"'{others[0].name}' is neither elementwise, a matmul or convolution, nor a reduction"
        else:
            continue
        problems.append(Diagnostic.at(where.location, f"fusion group {group} cannot be one loop nest: {why}"))
    return problems


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
        collapsed = None
        if anchor is not None and anchor.name == "tg.matmul" and not reducing:
            collapsed = _collapsed_anchor(anchor, root, external, tg_types)
        if collapsed is not None:
            anchor_value, groups = collapsed
        else:
            anchor_value = _lower_anchor(anchor, tg_types, lowerings) if anchor is not None else None
        anchor_ops = list(root.block.operations)[before : _position(root)]
        if reducing:
            value = _fused_reduction(root, chain, external, tg_types)
        elif collapsed is not None:
            domain = ir.RankedTensorType(storage.storage_type(root.results[0].type))
            inputs = [_collapse_operand(v, domain, groups) for v in external]
            value = _fused_elementwise(root, chain, external, anchor, anchor_value.product, tg_types, inputs)
        else:
            value = _fused_elementwise(root, chain, external, anchor, anchor_value, tg_types)
        if anchor is not None:
            _tag_for_tiling(ir.IntegerAttr(root.attributes[GROUP]).value, value, anchor_ops)
        if collapsed is not None:
            value = anchor_value.expand(value)
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
#: Also neutral when they reshape a value made outside the anchor's ops (the collapsed operands of a
#: matmul on collapsed views, a depthwise filter losing its unit dim): views computed outside the loop.
VIEWS = ("tensor.collapse_shape", "tensor.expand_shape")
ROOT, PRODUCER = "tg.fusion_root", "tg.fusion_producer"


def _position(op: ir.Operation) -> int:
    return next(i for i, other in enumerate(op.block.operations) if other.operation == op)


def _tag_for_tiling(group: int, epilogue: ir.Value, anchor_ops: list) -> None:
    """Mark the epilogue and the anchor's ops so that codegen tiles the epilogue and fuses the anchor
    into its loop (codegen/fusion_tiling.py); the producers are numbered from the epilogue backwards."""
    made_here = {op.operation for op in anchor_ops}

    def neutral(op) -> bool:
        name = op.operation.name
        if name in VIEWS:
            source = op.operands[0].owner
            return not isinstance(source, (ir.Operation, ir.OpView)) or source.operation not in made_here
        return name.startswith(NEUTRAL)

    if any(not op.operation.name.startswith(TILEABLE) and not neutral(op) for op in anchor_ops):
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


def _collapsed_anchor(anchor, root, external, tg_types):
    """The anchor matmul on its collapsed view (its product converted to the tg element type) and the
    groups of result dims it collapses, or None when the matmul or an outside operand does not
    collapse that way."""
    view = _view(anchor, tg_types)
    domain = ir.RankedTensorType(storage.storage_type(root.results[0].type))
    if ir.RankedTensorType(storage.storage_type(anchor.results[0].type)).shape != domain.shape:
        return None
    # Decide before building anything: the matmul's groups come from the operand ranks alone.
    rank = domain.rank
    lhs_rank, rhs_rank = (ir.RankedTensorType(v.type).rank for v in (view.lhs, view.rhs))
    if lhs_rank >= 2 and rhs_rank == 2:
        groups = [list(range(rank - 1)), [rank - 1]]
    elif lhs_rank >= 3 and rhs_rank == lhs_rank:
        groups = [list(range(rank - 2)), [rank - 2], [rank - 1]]
    else:
        return None
    if any(_collapsible(ir.RankedTensorType(v.type), domain, groups) is None for v in external):
        return None
    collapsed = contraction.collapsed_matmul(view)
    if collapsed is None:
        return None
    collapsed.product = build.convert_tensor(collapsed.product, build.result_type(view).element_type)
    return collapsed, groups


def _collapsible(type_: ir.RankedTensorType, domain: ir.RankedTensorType, groups) -> list[int] | None:
    """For an outside operand of the group: its shape padded with leading 1s to the result's rank, if
    in every group of result dims it either has the result's dims or broadcasts along all of them."""
    padded = [1] * (domain.rank - type_.rank) + [type_.get_dim_size(j) for j in range(type_.rank)]
    for group in groups:
        kinds = set()
        for i in group:
            out_one = not domain.is_dynamic_dim(i) and domain.get_dim_size(i) == 1
            if out_one:
                continue
            kinds.add("broadcast" if padded[i] == 1 else "full")
        if len(kinds) > 1:
            return None
    return padded


def _collapse_operand(value: ir.Value, domain: ir.RankedTensorType, groups) -> ir.Value:
    """An outside operand that `_collapsible` accepts, as the epilogue reads it on the collapsed view:
    leading 1s added up to the result's rank, then each group of dims collapsed to one."""
    type_ = ir.RankedTensorType(value.type)
    if type_.rank == 0:
        return value
    if type_.rank < domain.rank:
        extra = domain.rank - type_.rank
        reassociation = [list(range(extra + 1))] + [[extra + j] for j in range(1, type_.rank)]
        sizes = [1] * extra + build.sizes(value)
        value = build.expand_shape(value, reassociation, sizes)
    return contraction.collapse(value, groups)


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


def _fused_elementwise(root, chain, external, anchor, anchor_value, tg_types, inputs=None) -> ir.Value:
    """The epilogue generic; `inputs`: the outside operands as it reads them (collapsed like the
    anchor's value, see `_collapsed_anchor`), by default `external` itself."""
    domain = ir.RankedTensorType(storage.storage_type(root.results[0].type))
    if inputs is None:
        inputs = external
    else:
        domain = ir.RankedTensorType.get(ir.RankedTensorType(anchor_value.type).shape, domain.element_type)
    result_element = _element(root.results[0], tg_types)
    maps = [elementwise._broadcast_map(ir.RankedTensorType(v.type), domain) for v in inputs]
    # After an anchor, the epilogue updates the anchor's output in place.
    init = anchor_value if anchor is not None else build.empty(elementwise._result_sizes(external, domain), domain.element_type)
    compute = _chain_function(chain, external, tg_types)

    def body(*arguments):
        *stored, out = arguments
        known = {anchor.results[0]: storage.load(out, _element(anchor.results[0], tg_types))} if anchor is not None else {}
        return storage.store(compute(stored, known)[root.results[0]], result_element)

    rank = domain.rank
    return build.generic(inputs, init, maps + [build.identity_map(rank)], ["parallel"] * rank, body)


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
