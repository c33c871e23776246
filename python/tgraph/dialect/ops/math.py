"""Elementwise math functions beyond the basics: rounding, trigonometry, and the like."""

__all__: list[str] = []
