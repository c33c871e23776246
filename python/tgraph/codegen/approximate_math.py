"""`--tg-approximate-math`: f32 `math.erf` and `math.exp` as polynomials, so that loops computing them vectorize.

LLVM lowers `math.erf` and `math.exp` to a call of libm's `erff` and `expf` per element: a loop that
calls one (GELU and softmax in every transformer, sigmoid) cannot be vectorized. Here they become
arithmetic that LLVM vectorizes like the rest of the loop. Other element types keep libm.
- erf: Eigen's and XLA's f32 approximation, erf(x) = x * P(x^2) / Q(x^2) on x clamped to [-4, 4]
  (|erf(4)| rounds to 1 in f32), within 6 ulps of the exact erf (5.5 measured, test_approximate_math.py).
- exp: Cephes' expf. exp(x) = 2^n * exp(r) with n = round(x / ln 2) and r = x - n ln 2 in
  [-ln 2 / 2, ln 2 / 2], ln 2 split in two so that n ln 2 is exact; exp(r) = 1 + r + r^2 P(r) with P
  of degree 5 (Cephes: relative error below 1.7e-7, 1.4 ulps). 2^n is built in the exponent bits as
  two factors 2^(n/2) 2^(n - n/2), so that results near overflow and subnormal results need no
  special case: x is clamped to [-104, 89], beyond which exp rounds to 0 or overflows to inf.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir
from mlir.dialects import arith, math

from ..conversion import build
from ..passes import register_pass
from ..transforms.statistics import count

#: Coefficients of P (odd part, highest degree first) and Q (even part), as Eigen's generic_fast_erf_float.
NUMERATOR = (
    -2.72614225801306e-10,
    2.77068142495902e-08,
    -2.10102402082508e-06,
    -5.69250639462346e-05,
    -7.34990630326855e-04,
    -2.95459980854025e-03,
    -1.60960333262415e-02,
)
DENOMINATOR = (
    -1.45660718464996e-05,
    -2.13374055278905e-04,
    -1.68282697438203e-03,
    -7.37332916720468e-03,
    -1.42647390514189e-02,
)
CLAMP = 4.0

#: Cephes expf: P highest degree first, ln 2 = LN2_HIGH + LN2_LOW (LN2_HIGH has 9 significant bits,
#: so n * LN2_HIGH is exact for every n in range), the clamp of x.
EXP_POLYNOMIAL = (1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1)
LN2_HIGH, LN2_LOW = 0.693359375, -2.12194440e-4
LOG2_E = 1.4426950408889634
EXP_LOW, EXP_HIGH = -104.0, 89.0


def _constant(value: float | int, type_: ir.Type) -> ir.Value:
    element = type_.element_type if isinstance(type_, ir.VectorType) else type_
    attribute = ir.IntegerAttr.get(element, value) if isinstance(element, ir.IntegerType) else ir.FloatAttr.get(element, value)
    if isinstance(type_, ir.VectorType):
        attribute = ir.DenseElementsAttr.get_splat(type_, attribute)
    return arith.constant(type_, attribute)


def _horner(coefficients: tuple[float, ...], x2: ir.Value) -> ir.Value:
    contract = ir.Attribute.parse("#arith.fastmath<contract>")
    result = _constant(coefficients[0], x2.type)
    for c in coefficients[1:]:
        result = arith.addf(arith.mulf(result, x2, fastmath=contract), _constant(c, x2.type), fastmath=contract)
    return result


def erf(x: ir.Value) -> ir.Value:
    """erf(x) for f32 scalars or vectors, as arithmetic."""
    clamped = arith.minimumf(arith.maximumf(x, _constant(-CLAMP, x.type)), _constant(CLAMP, x.type))
    x2 = arith.mulf(clamped, clamped)
    ratio = arith.divf(arith.mulf(clamped, _horner(NUMERATOR, x2)), _horner(DENOMINATOR, x2))
    # The ratio overshoots 1 by an ulp near the clamp; erf never does.
    return arith.minimumf(arith.maximumf(ratio, _constant(-1.0, x.type)), _constant(1.0, x.type))


def exp(x: ir.Value) -> ir.Value:
    """exp(x) for f32 scalars or vectors, as arithmetic."""
    contract = ir.Attribute.parse("#arith.fastmath<contract>")
    clamped = arith.minimumf(arith.maximumf(x, _constant(EXP_LOW, x.type)), _constant(EXP_HIGH, x.type))
    n = math.floor(arith.addf(arith.mulf(clamped, _constant(LOG2_E, x.type)), _constant(0.5, x.type)))
    r = arith.subf(clamped, arith.mulf(n, _constant(LN2_HIGH, x.type)))
    r = arith.subf(r, arith.mulf(n, _constant(LN2_LOW, x.type)))
    p = _horner(EXP_POLYNOMIAL, r)
    exp_r = arith.addf(arith.addf(arith.mulf(arith.mulf(p, r, fastmath=contract), r, fastmath=contract), r), _constant(1.0, x.type))
    integer = ir.VectorType.get(x.type.shape, ir.IntegerType.get_signless(32)) if isinstance(x.type, ir.VectorType) else ir.IntegerType.get_signless(32)
    n_int = arith.fptosi(integer, n)
    half = arith.shrsi(n_int, _constant(1, integer))
    result = arith.mulf(arith.mulf(exp_r, _power_of_two(half, x.type)), _power_of_two(arith.subi(n_int, half), x.type))
    # NaN stays NaN (its n would be poison).
    return arith.select(arith.cmpf(arith.CmpFPredicate.UNO, x, x), x, result)


def _power_of_two(n: ir.Value, type_: ir.Type) -> ir.Value:
    """2^n as f32 from i32 n in [-126, 127]: n + 127 in the exponent bits."""
    return arith.bitcast(type_, arith.shli(arith.addi(n, _constant(127, n.type)), _constant(23, n.type)))


APPROXIMATIONS = {"math.erf": erf, "math.exp": exp}


def _is_f32(type_: ir.Type) -> bool:
    element = type_.element_type if isinstance(type_, ir.VectorType) else type_
    return isinstance(element, ir.F32Type)


@register_pass("tg-approximate-math")
@dataclass
class ApproximateMath:
    """Rewrite f32 math.erf and math.exp as polynomials (arithmetic LLVM vectorizes) instead of libm calls."""

    def run(self, module: ir.Operation) -> None:
        found = build.ops_where(module, lambda op: op.name in APPROXIMATIONS and _is_f32(op.results[0].type))
        names = [op.name for op in found]
        for op in found:
            with ir.InsertionPoint(op), op.location:
                value = APPROXIMATIONS[op.name](op.operands[0])
            op.results[0].replace_all_uses_with(value)
            op.erase()
        for name in APPROXIMATIONS:
            count("tg-approximate-math", f"{name.removeprefix('math.')} approximated", names.count(name))
