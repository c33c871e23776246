"""Lowering of the elementwise math ops (rounding, trigonometry...): entries of elementwise.SCALAR."""

LOWERINGS: dict = {}
