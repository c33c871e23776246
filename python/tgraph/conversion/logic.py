"""Lowering of comparisons, boolean logic, selection and casts."""

LOWERINGS: dict = {}
