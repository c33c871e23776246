"""`--tg-optimize`: the default graph pipeline, which `tgraph.compile` and `tg-run` run unless asked not
to (`opt_level=0`, `--O0`).

Order: make shapes static where the inputs allow (tg-infer-shapes), then simplify and fold until nothing
is left to remove (tg-canonicalize folds constants as it goes), fold batch norms into the convolutions
and matmuls before them, run 2-D convolutions and pools channels last (tg-layout=nhwc, the layout of the
CPU kernels), clean up, and last decide the fusion groups on the final graph (tg-fuse), which
tg-to-linalg then lowers as one loop nest each.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..passes import register_pipeline

#: The passes, in order.
OPTIMIZE = [
    "tg-infer-shapes",
    "tg-canonicalize",
    "tg-fold-constants",
    "tg-fold-batchnorm",
    # The CPU kernels run 2-D convolutions and pools channels last.
    "tg-layout{layout=nhwc}",
    "tg-canonicalize",
    "tg-cse",
    "tg-dce",
    "tg-fuse",
]


@register_pipeline("tg-optimize")
@dataclass
class Optimize:
    """The default graph optimizations: shape inference, simplification, constant and batch-norm
    folding, CSE, DCE, then fusion."""

    def text(self) -> str:
        return ", ".join(OPTIMIZE)
