"""Costs as polynomials in dynamic dims (`4096*batch*sequence + 64*batch*sequence^2`), found by
interpolation: the analysis computes exact counts for a grid of sizes and fits the polynomial of
lowest degree that passes through them, then checks it at one more point. Counts of tensor programs
are polynomials in their dims unless a dim goes through a division (a strided window over a dynamic
spatial dim); those fail the check, and the caller asks for sizes instead.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

#: Sizes each dim takes on the interpolation grid: four points fit up to cubes of one dim. They are
#: distinct from 1 (which would broadcast) and large enough for small windows to fit.
GRID = (16, 17, 18, 19)
#: Where the fitted polynomial is checked.
CHECK = 23


class NotPolynomial(ValueError):
    """A count is not a polynomial of the grid's degree in the dims (or differs at the check point)."""


@dataclass(frozen=True)
class Polynomial:
    """`terms` maps the exponents of each of `symbols` to a coefficient."""

    symbols: tuple[str, ...]
    terms: tuple[tuple[tuple[int, ...], Fraction], ...]

    @staticmethod
    def constant(symbols: tuple[str, ...], value) -> Polynomial:
        return Polynomial(symbols, (((0,) * len(symbols), Fraction(value)),) if value else ())

    def __call__(self, sizes: dict[str, int]) -> Fraction:
        """The value at the given sizes of the symbols."""
        total = Fraction(0)
        for exponents, coefficient in self.terms:
            term = coefficient
            for symbol, power in zip(self.symbols, exponents):
                term *= sizes[symbol] ** power
            total += term
        return total

    def __add__(self, other) -> Polynomial:
        if not isinstance(other, Polynomial):
            other = Polynomial.constant(self.symbols, other)
        summed = dict(self.terms)
        for exponents, coefficient in other.terms:
            summed[exponents] = summed.get(exponents, 0) + coefficient
        return Polynomial(self.symbols, tuple(sorted((e, c) for e, c in summed.items() if c)))

    __radd__ = __add__

    def format(self, number: Callable[[Fraction], str] = str) -> str:
        """Terms from the highest degree down: `4.1K*batch*sequence + 16*batch`, coefficients written
        by `number`."""
        if not self.terms:
            return "0"
        ordered = sorted(self.terms, key=lambda term: (-sum(term[0]), [-e for e in term[0]]))
        parts = []
        for exponents, coefficient in ordered:
            factors = [s if p == 1 else f"{s}^{p}" for s, p in zip(self.symbols, exponents) if p]
            if coefficient != 1 or not factors:
                factors.insert(0, number(coefficient))
            parts.append("*".join(factors))
        return " + ".join(parts).replace("+ -", "- ")

    def __str__(self) -> str:
        return self.format()


def fit(symbols: tuple[str, ...], count: Callable[[dict[str, int]], list[int]]) -> list[Polynomial]:
    """The polynomials in `symbols` of the counts `count(sizes)` returns (one list of numbers a call,
    always as long). Raises NotPolynomial when the check point disagrees."""
    points = list(itertools.product(range(len(GRID)), repeat=len(symbols)))
    samples = {point: count({s: GRID[i] for s, i in zip(symbols, point)}) for point in points}
    width = len(next(iter(samples.values())))
    inverse = _inverse_vandermonde(GRID)
    polynomials = []
    for column in range(width):
        coefficients = {point: Fraction(values[column]) for point, values in samples.items()}
        for axis in range(len(symbols)):  # the Vandermonde system of a grid solves one axis at a time
            coefficients = {
                point: sum(inverse[point[axis]][j] * coefficients[point[:axis] + (j,) + point[axis + 1 :]] for j in range(len(GRID)))
                for point in points
            }
        polynomials.append(Polynomial(symbols, tuple(sorted((p, c) for p, c in coefficients.items() if c))))
    check = {s: CHECK for s in symbols}
    for polynomial, value in zip(polynomials, count(check)):
        if polynomial(check) != value:
            raise NotPolynomial(f"a count is {value} at {' '.join(f'{s}={CHECK}' for s in symbols)}, not {polynomial(check)} as a polynomial would give")
    return polynomials


def _inverse_vandermonde(xs) -> list[list[Fraction]]:
    """The inverse of V[i][j] = xs[i] ** j, exactly (Gauss-Jordan over fractions)."""
    n = len(xs)
    rows = [[Fraction(x) ** j for j in range(n)] + [Fraction(int(i == k)) for k in range(n)] for i, x in enumerate(xs)]
    for column in range(n):
        pivot = next(r for r in range(column, n) if rows[r][column] != 0)
        rows[column], rows[pivot] = rows[pivot], rows[column]
        rows[column] = [v / rows[column][column] for v in rows[column]]
        for r in range(n):
            if r != column and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[column])]
    return [row[n:] for row in rows]
