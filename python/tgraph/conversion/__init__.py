"""Lowering tg to upstream dialects: `--tg-to-linalg`, one module per op family."""

from . import tg_to_linalg  # noqa: F401
