"""`--tg-copies-to-linalg`: `memref.copy` between strided memrefs as `linalg.copy`.

Bufferization copies a padded convolution's input into the interior of the padded buffer, a strided
subview. `finalize-memref-to-llvm` lowers a copy it cannot prove contiguous to a call of the
runtime's `memrefCopy`, which moves one element at a time through its descriptors; a `linalg.copy`
becomes loops whose contiguous innermost dim LLVM vectorizes. Contiguous copies stay memref.copy
(they become one memcpy); a copy between two reshapes of one buffer is removed (`is_self_copy`).
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir
from mlir.dialects import linalg

from ..conversion import build
from ..passes import register_pass
from ..transforms.statistics import count


def _is_identity_layout(type_: ir.Type) -> bool:
    layout = ir.MemRefType(type_).layout
    return isinstance(layout, ir.AffineMapAttr) and layout.value.is_permutation and layout.value == ir.AffineMap.get_identity(layout.value.n_dims)


RESHAPES = ("memref.expand_shape", "memref.collapse_shape")


def _unreshaped(value: ir.Value) -> ir.Value:
    """The buffer `value` reshapes (through memref.expand_shape and collapse_shape), or itself."""
    while isinstance(value.owner, (ir.Operation, ir.OpView)) and value.owner.operation.name in RESHAPES:
        value = value.owner.operands[0]
    return value


def is_self_copy(copy: ir.Operation) -> bool:
    """A copy between two reshapes of the same buffer (same shape, so the same elements in the same
    places): what a fusion group's result written back into its block becomes when its kernel ran
    on a collapsed view. The two types differ in a unit dim's stride, so canonicalize keeps it."""
    source, target = copy.operands
    return _unreshaped(source) == _unreshaped(target) and ir.MemRefType(source.type).shape == ir.MemRefType(target.type).shape


def strided(copy: ir.Operation) -> bool:
    """A memref.copy whose source or target has a strided layout."""
    return not all(_is_identity_layout(v.type) for v in copy.operands)


@register_pass("tg-copies-to-linalg")
@dataclass
class CopiesToLinalg:
    """Rewrite memref.copy between strided memrefs as linalg.copy (loops LLVM vectorizes, not the runtime's memrefCopy)."""

    def run(self, module: ir.Operation) -> None:
        copies = build.ops_where(module, lambda op: op.name == "memref.copy" and strided(op))
        self_copies = [c for c in copies if is_self_copy(c)]
        copies = [c for c in copies if c not in self_copies]
        for copy in self_copies:
            copy.erase()
        for copy in copies:
            source, target = copy.operands
            with ir.InsertionPoint(copy), copy.location:
                linalg.copy(source, outs=[target])
            copy.erase()
        count("tg-copies-to-linalg", "copies rewritten", len(copies))
        count("tg-copies-to-linalg", "self-copies removed", len(self_copies))
