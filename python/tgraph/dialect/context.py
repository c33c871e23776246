"""MLIR contexts that know the tg dialect, and parsing source text with file locations."""

from __future__ import annotations

import re

from mlir import ir

from . import irdl
from .constants import read_printed_resources
from .tg import TG


def make_context(*, allow_unregistered_dialects: bool = False) -> ir.Context:
    """A new context with every upstream dialect registered and the tg dialect loaded."""
    context = ir.Context()
    context.allow_unregistered_dialects = allow_unregistered_dialects
    irdl.load(TG, context)
    return context


_MANY_TOP_LEVEL_OPS = re.compile(r"single top-level operation, found: \d+")


def parse_module(text: str, filename: str = "<string>", context: ir.Context | None = None) -> ir.Module:
    """Parse MLIR text into a module; locations name `filename` with its real lines and columns.
    Ops outside an explicit `module` are wrapped in one, as mlir-opt does. Raises ir.MLIRError."""
    context = context or ir.Context.current
    try:
        top = ir.Operation.parse(text, source_name=filename, context=context)
    except ir.MLIRError as error:
        if not _MANY_TOP_LEVEL_OPS.search(str(error)):
            raise
        # Wrap on the first line, which stays column-exact when it holds no op (a comment, a RUN line);
        # resource blobs printed at the end (`{-# ... #-}`) stay outside the module.
        trailer = text.rfind("{-#")
        body, resources = (text[:trailer], text[trailer:]) if trailer >= 0 else (text, "")
        first, newline, rest = body.partition("\n")
        top = ir.Operation.parse(f"module {{{first}{newline}{rest}\n}}\n{resources}", source_name=filename, context=context)
    module = as_module(top)
    read_printed_resources(module, text)
    return module


def as_module(top: ir.OpView | ir.Operation) -> ir.Module:
    """An `ir.Module` holding `top`, or `top`'s contents and attributes when it is a builtin.module."""
    operation = top.operation
    with operation.location:
        module = ir.Module.create()
    if operation.name != "builtin.module":
        module.body.append(operation)
        return module
    for name in operation.attributes:
        module.operation.attributes[name] = operation.attributes[name]
    for op in list(operation.regions[0].blocks[0].operations):
        module.body.append(op)
    return module
