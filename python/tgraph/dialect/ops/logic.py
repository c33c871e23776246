"""Comparisons, boolean logic, selection and casts between element types."""

__all__: list[str] = []
