"""`--tg-conv-to-matmul`: a 1x1 convolution in channels-last layout is a matmul.

`linalg.conv_2d_nhwc_hwcf` with a 1 x 1 filter computes out[n, h, w, f] += x[n, h*s, w*s, c] * W[0, 0, c, f]:
with the image rows collapsed ([N*OH*OW, C], no copy for stride 1) and the filter as [C, F], that is a
`linalg.matmul` writing the output collapsed to [N*OH*OW, F]. The matmul kernels then run it (a
constant filter is packed by --tg-pack-weights). A stride > 1 reads a strided slice of the image first.
Half of ResNet-50's multiply-adds are in 1x1 convolutions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mlir import ir
from mlir.dialects import linalg, tensor

from ..conversion import build
from ..passes import register_pass
from ..transforms.statistics import count

#: On a pointwise convolution that writes into the interior of a padded buffer (--tg-pad-in-place),
#: whose rows do not follow each other in memory: it stays a convolution.
WRITES_INTERIOR = "tg.writes_interior"

#: [N, H, W, C] -> [N*H*W, C]; the 1x1 filter [1, 1, C, F] -> [C, F] the same way.
ROWS = [[0, 1, 2], [3]]


def is_pointwise(conv: ir.Operation) -> bool:
    """A 2-D NHWC convolution whose filter is 1 x 1, which this pass makes a matmul (unless it writes
    into a padded buffer's interior: then it stays a convolution, and so do its tiles)."""
    if conv.name != "linalg.conv_2d_nhwc_hwcf" or WRITES_INTERIOR in conv.attributes:
        return False
    filter_type = ir.RankedTensorType(conv.operands[1].type)
    return filter_type.has_static_shape and list(filter_type.shape[:2]) == [1, 1]


def matmul_shape(conv: ir.Operation) -> tuple[int | None, int, int]:
    """(m, n, k) of the matmul a pointwise convolution becomes: m the output's pixels (None when
    dynamic), n the filters, k the channels."""
    out, filter_type = ir.RankedTensorType(conv.operands[2].type), ir.RankedTensorType(conv.operands[1].type)
    pixels = out.shape[:3]
    m = None if any(ir.ShapedType.is_dynamic_size(d) for d in pixels) else math.prod(pixels)
    return m, filter_type.shape[3], filter_type.shape[2]


def collapse(value: ir.Value, reassociation: list[list[int]]) -> ir.Value:
    """`value` with the dims of each group of `reassociation` merged into one."""
    type_ = ir.RankedTensorType(value.type)
    shape = []
    for group in reassociation:
        dims = [type_.shape[d] for d in group]
        shape.append(ir.ShapedType.get_dynamic_size() if any(ir.ShapedType.is_dynamic_size(d) for d in dims) else math.prod(dims))
    return tensor.collapse_shape(ir.RankedTensorType.get(shape, type_.element_type), value, reassociation)


def rewrite(conv: ir.Operation) -> None:
    """Replace one pointwise convolution by a matmul on collapsed views (see the module docstring)."""
    image, weights, init = conv.operands
    strides = list(ir.DenseIntElementsAttr(conv.attributes["strides"]))
    with ir.InsertionPoint(conv), conv.location:
        out_sizes = build.sizes(init)
        if strides != [1, 1] or build.sizes(image)[1:3] != out_sizes[1:3]:
            n, c = build.size(image, 0), build.size(image, 3)
            sizes = [n, out_sizes[1], out_sizes[2], c]
            sliced = build.tensor_type(sizes, build.element_type(image))
            image = tensor.extract_slice(
                sliced, image, [], build.dynamic_values(sizes), [], [0, 0, 0, 0], build.static_sizes(sizes), [1, *strides, 1]
            )
        rows = collapse(image, ROWS)
        matrix = collapse(weights, ROWS)
        output = collapse(init, ROWS)
        product = linalg.matmul(rows, matrix, outs=[output])
        result = build.expand_shape(product, ROWS, out_sizes)
    conv.results[0].replace_all_uses_with(result)
    conv.erase()


@register_pass("tg-conv-to-matmul")
@dataclass
class ConvToMatmul:
    """Rewrite 1x1 channels-last convolutions (linalg.conv_2d_nhwc_hwcf) as linalg.matmul on collapsed views."""

    def run(self, module: ir.Operation) -> None:
        convs = build.ops_where(module, is_pointwise)
        for conv in convs:
            rewrite(conv)
        count("tg-conv-to-matmul", "convolutions rewritten", len(convs))
