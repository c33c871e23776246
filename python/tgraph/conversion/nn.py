"""Lowering of convolutions and pooling."""

LOWERINGS: dict = {}
