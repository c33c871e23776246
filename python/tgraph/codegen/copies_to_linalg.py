"""`--tg-copies-to-linalg`: `memref.copy` between strided memrefs as `linalg.copy`.

Bufferization copies a padded convolution's input into the interior of the padded buffer, a strided
subview. `finalize-memref-to-llvm` lowers a copy it cannot prove contiguous to a call of the
runtime's `memrefCopy`, which moves one element at a time through its descriptors; a `linalg.copy`
becomes loops whose contiguous innermost dim LLVM vectorizes. Contiguous copies stay memref.copy
(they become one memcpy).
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


def strided(copy: ir.Operation) -> bool:
    """A memref.copy whose source or target has a strided layout."""
    return not all(_is_identity_layout(v.type) for v in copy.operands)


@register_pass("tg-copies-to-linalg")
@dataclass
class CopiesToLinalg:
    """Rewrite memref.copy between strided memrefs as linalg.copy (loops LLVM vectorizes, not the runtime's memrefCopy)."""

    def run(self, module: ir.Operation) -> None:
        copies = build.ops_where(module, lambda op: op.name == "memref.copy" and strided(op))
        for copy in copies:
            source, target = copy.operands
            with ir.InsertionPoint(copy), copy.location:
                linalg.copy(source, outs=[target])
            copy.erase()
        count("tg-copies-to-linalg", "copies rewritten", len(copies))
