"""Contractions: matrix products and Einstein summation."""

import string
from collections import Counter
from math import prod
from typing import NamedTuple

import numpy as np

from ..constraints import NumericTensor, Str
from ..cost import Cost
from ..declare import Attr, Operand, OptionalOperand, Result
from ..tg import TG
from ..types import FLOAT_TYPES, ShapeError, TensorSpec, broadcast_dim, broadcast_shapes, element_type_name, same_dtype

__all__ = ["MatMul", "Einsum"]


class MatMul(TG.Op, name="matmul"):
    """Matrix product with NumPy's rules (numpy.matmul): 1-D operands are vectors, leading batch
    dims broadcast. Low-precision floats accumulate in f32.

    Example:
        %y = "tg.matmul"(%a, %b) : (tensor<?x64xf32>, tensor<64x10xf32>) -> tensor<?x10xf32>
    """

    lhs: Operand[NumericTensor]
    rhs: Operand[NumericTensor]
    result: Result[NumericTensor]

    #: The trailing (matrix) dims of each operand that do not broadcast.
    broadcast_core_rank = 2

    def shape(lhs, rhs):
        dtype = same_dtype(lhs, rhs)
        if lhs.rank == 0 or rhs.rank == 0:
            raise ShapeError("operands must have rank 1 or more")
        lhs_k = lhs.shape[-1]
        rhs_k = rhs.shape[0] if rhs.rank == 1 else rhs.shape[-2]
        if lhs_k is not None and rhs_k is not None and lhs_k != rhs_k:
            raise ShapeError(f"contracted dims differ: {lhs_k} (lhs) and {rhs_k} (rhs)")
        batch = broadcast_shapes(lhs.shape[:-2], rhs.shape[:-2])
        rows = lhs.shape[-2:-1]
        cols = rhs.shape[-1:] if rhs.rank > 1 else ()
        return TensorSpec(batch + rows + cols, dtype)

    def reference(lhs, rhs):
        return np.matmul(lhs, rhs)

    def cost(lhs, rhs, *, result):
        # A 2-D rhs is shared by every row of a batched lhs: the rows of all batches are one product's.
        rows = prod(lhs.shape[:-1]) if rhs.rank <= 2 else lhs.shape[-2] if lhs.rank > 1 else 1
        columns = rhs.shape[-1] if rhs.rank > 1 else 1
        return Cost("gemv" if 1 in (rows, columns) else "gemm", macs=result.numel * lhs.shape[-1])


class EinsumSpec(NamedTuple):
    """An einsum equation with its ellipses expanded: the label of every operand dim and result dim.
    Letters label named dims; the dims an ellipsis stands for are labelled "0", "1"... (right-aligned
    across operands, as they broadcast)."""

    operands: tuple[tuple[str, ...], ...]
    result: tuple[str, ...]

    def term(self, labels) -> str:
        """`labels` as numpy.einsum subscripts: letters stay, each ellipsis label gets an unused letter."""
        used = set().union(*self.operands)
        free = sorted(set(string.ascii_letters) - used)
        return "".join(label if label.isalpha() else free[int(label)] for label in labels)

    def subscripts(self) -> str:
        """The whole equation in letters only, explicit (`ij,jk->ik`)."""
        return ",".join(self.term(labels) for labels in self.operands) + "->" + self.term(self.result)

    @property
    def reduced(self) -> tuple[str, ...]:
        """The labels summed over (in no result dim), in the order they first appear."""
        seen = dict.fromkeys(label for labels in self.operands for label in labels)
        return tuple(label for label in seen if label not in self.result)


_ELLIPSIS = "..."


def parse_einsum(equation: str, ranks: list[int]) -> EinsumSpec:
    """The labels of an einsum `equation` (spaces allowed, `->` optional as in numpy.einsum) applied
    to operands of the given ranks; ShapeError when it does not fit them."""
    text = "".join(equation.split())
    inputs, arrow, output = text.partition("->")
    terms = inputs.split(",")
    if len(terms) != len(ranks):
        raise ShapeError(f"equation '{equation}' has {len(terms)} operand terms for {len(ranks)} operands")
    letters = [_term_letters(term, equation) for term in terms]
    ellipsis_ranks = []
    for term, named, rank in zip(terms, letters, ranks):
        extra = rank - len(named)
        if extra < 0 or (extra > 0 and _ELLIPSIS not in term):
            raise ShapeError(f"term '{term}' of equation '{equation}' does not fit an operand of rank {rank}")
        ellipsis_ranks.append(extra)
    broadcast = tuple(str(i) for i in range(max(ellipsis_ranks, default=0)))
    operands = tuple(_expand(term, named, broadcast[len(broadcast) - extra :]) for term, named, extra in zip(terms, letters, ellipsis_ranks))
    if arrow:
        result = _expand(output, _term_letters(output, equation), broadcast)
        if broadcast and _ELLIPSIS not in output:
            raise ShapeError(f"the result of equation '{equation}' must keep the dims of '...'")
        if len(set(result)) != len(result):
            raise ShapeError(f"the result of equation '{equation}' repeats a label")
        unknown = set(result) - {label for labels in operands for label in labels}
        if unknown:
            raise ShapeError(f"result labels {''.join(sorted(unknown))} of equation '{equation}' label no operand dim")
    else:
        counts = Counter(label for labels in operands for label in labels if label.isalpha())
        result = broadcast + tuple(sorted(label for label, count in counts.items() if count == 1))
    return EinsumSpec(operands, result)


def _term_letters(term: str, equation: str) -> list[str]:
    """The letters of one term; ShapeError for any other character or a second ellipsis."""
    named = term.replace(_ELLIPSIS, "", 1)
    bad = [c for c in named if not (c.isascii() and c.isalpha())]
    if bad:
        raise ShapeError(f"equation '{equation}' has '{bad[0]}' where a letter or one '...' was expected")
    return list(named)


def _expand(term: str, named: list[str], broadcast: tuple[str, ...]) -> tuple[str, ...]:
    before, _, _ = term.partition(_ELLIPSIS)
    if _ELLIPSIS not in term:
        return tuple(named)
    return tuple(named[: len(before)]) + broadcast + tuple(named[len(before) :])


def label_sizes(spec: EinsumSpec, shapes) -> dict[str, int | None]:
    """The size of every label: its dims broadcast as NumPy's do (a 1 stretches); ShapeError otherwise."""
    sizes: dict[str, int | None] = {}
    for labels, shape in zip(spec.operands, shapes):
        for label, dim in zip(labels, shape):
            try:
                sizes[label] = broadcast_dim(sizes[label], dim) if label in sizes else dim
            except ShapeError:
                raise ShapeError(f"label '{label}' has sizes {sizes[label]} and {dim}") from None
    return sizes


class Einsum(TG.Op, name="einsum"):
    """Einstein summation (numpy.einsum) of one or two operands: every operand dim has a label; the
    result has the labels after `->` (or, without one, the ellipsis dims then the letters used once,
    sorted) and sums the product of the operands over the other labels. A label repeated in one operand
    takes a diagonal; `...` stands for leading dims that broadcast. Low-precision floats accumulate in
    f32. (More operands are contracted a pair at a time.)

    Example:
        %y = "tg.einsum"(%a, %b) {equation = "bij,bjk->bik"} : (tensor<?x2x3xf32>, tensor<?x3x4xf32>) -> tensor<?x2x4xf32>
    """

    lhs: Operand[NumericTensor]
    rhs: OptionalOperand[NumericTensor]
    result: Result[NumericTensor]
    equation: Attr[Str]

    def shape(lhs, rhs, *, equation):
        inputs = [lhs] if rhs is None else [lhs, rhs]
        dtype = same_dtype(*inputs)
        spec = parse_einsum(equation, [i.rank for i in inputs])
        sizes = label_sizes(spec, [i.shape for i in inputs])
        return TensorSpec(tuple(sizes[label] for label in spec.result), dtype)

    def reference(lhs, rhs, *, equation):
        inputs = [lhs] if rhs is None else [lhs, rhs]
        spec = parse_einsum(equation, [i.ndim for i in inputs])
        wide = [i.astype(np.float64) if element_type_name(i.dtype) in FLOAT_TYPES else i for i in inputs]
        return np.einsum(spec.subscripts(), *wide)

    def cost(lhs, rhs, *, equation):
        inputs = [lhs] if rhs is None else [lhs, rhs]
        spec = parse_einsum(equation, [i.rank for i in inputs])
        sizes = label_sizes(spec, [i.shape for i in inputs])
        work = prod(sizes.values())  # one multiply-add per combination of labels
        if rhs is None:
            return Cost("reduction", flops=work)
        # A side whose own (not shared) labels span one element is a vector.
        left, right = (set(labels) for labels in spec.operands)
        vector = 1 in (prod(sizes[label] for label in left - right), prod(sizes[label] for label in right - left))
        return Cost("gemv" if vector else "gemm", macs=work)
