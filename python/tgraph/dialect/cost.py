"""What an op costs: the numbers an op declaration's `cost` rule gives, for the cost model
(`--tg-cost`, `tgraph.analyze`) to price on a machine.

A cost rule reads the operands' types positionally, the attributes and (by keyword, named after them)
the results' types, like a shape rule; every dim is known by then (the analysis gives dynamic dims
their values first). It returns a `Cost`:

    def cost(lhs, rhs, *, result):
        return Cost("gemm", macs=result.numel * lhs.shape[-1])

An op without a rule costs one operation per result element (elementwise), and reads its operands
and writes its results once each. Bytes are the analysis' business: a rule says how many *elements*
of each operand it reads, when that is not all of them (a slice reads what it keeps).
"""

from __future__ import annotations

from dataclasses import dataclass
from .types import TensorSpec

#: The classes of work, by what limits their speed: matrix products (gemm; gemv when one side is a
#: vector, which reads every weight for one use), convolutions, elementwise ops, reductions (a sum,
#: a softmax, a pooling window) and data movement (transposes, slices, gathers, views).
CLASSES = ("gemm", "gemv", "conv", "elementwise", "reduction", "data movement")


@dataclass(frozen=True)
class Cost:
    """The work of one op. `flops` counts arithmetic operations of any element type (a multiply-add
    is two); without it, `2 * macs`. `reads` gives the elements read of each operand (in flat operand
    order; None: the whole operand); a `view` result shares its first operand's memory (a reshape)
    and neither reads nor writes anything."""

    kind: str
    macs: int = 0
    flops: int | None = None
    reads: tuple[int | None, ...] | None = None
    view: bool = False

    def __post_init__(self):
        if self.kind not in CLASSES:
            raise ValueError(f"cost class '{self.kind}' is not one of {', '.join(CLASSES)}")
        if self.flops is None:
            object.__setattr__(self, "flops", 2 * self.macs)


def per_element(results: list[TensorSpec], operations: int = 1) -> Cost:
    """The default: `operations` per result element, elementwise."""
    return Cost("elementwise", flops=operations * sum(r.numel for r in results))


def reduction(input: TensorSpec, operations: int = 1) -> Cost:
    """`operations` per input element (a sum adds each element once)."""
    return Cost("reduction", flops=operations * input.numel)


def data_movement(*reads: int | None) -> Cost:
    """Elements copied, no arithmetic; `reads` as in `Cost`."""
    return Cost("data movement", reads=reads or None)
