"""Passes by name: tgraph's Python passes beside upstream MLIR passes, in one textual pipeline.

A tgraph pass is a dataclass whose fields are its options, registered under its flag:

    @register_pass("tg-fold-constants")
    @dataclass
    class FoldConstants:
        "Evaluate ops whose operands are all constants."
        max_elements: int = 1 << 20       # --tg-fold-constants=max-elements=4096

        def run(self, module: ir.Operation) -> None: ...

A pass whose options are names chosen by the user (`--tg-bind-dims="batch=1 seq=128"`) declares one
`dict[str, T]` field, `option({}, help, key="name")`: it collects every `key=value` that names no other
option. One option may be `option(default, help, bare=True)`: a value given alone is that option's
(`--tg-view-graph=out.dot` for `file=out.dot`).

A named pipeline is a dataclass like a pass whose `text()` returns pipeline text, its options fields
(`--tg-to-llvm=threads=2`). `parse_pipeline` reads mlir-opt's syntax
(`builtin.module(tg-verify, canonicalize{max-iterations=3}, func.func(cse))`) where tgraph passes,
named pipelines and upstream passes mix freely, and `build_pass_manager` turns the result into one
`PassManager`: upstream passes are added as text, tgraph passes as Python callables.
"""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import os
import re
import sys
import tempfile
import typing
from dataclasses import dataclass

from mlir import ir
from mlir.passmanager import PassManager

from .diagnostics import CompileError


@dataclass(frozen=True)
class PassInfo:
    """A registered tgraph pass: its flag, its class, and what `--list-passes` prints."""

    argument: str
    cls: type

    @property
    def summary(self) -> str:
        return " ".join(inspect.cleandoc(self.cls.__doc__ or "").split("\n\n")[0].split())

    @property
    def options(self) -> list[dataclasses.Field]:
        return list(dataclasses.fields(self.cls))

    def option_help(self) -> list[str]:
        """One line per option: `name=<type> (default ...): help`, or `<key>=<type> ...: help` for the
        field that collects free-form options."""
        hints = typing.get_type_hints(self.cls)
        lines = []
        for f in self.options:
            if f is self.free_form:
                text = f"<{f.metadata['key']}>=<{_type_name(typing.get_args(hints[f.name])[1])}> ..."
            else:
                default = _format_value(f.default) if f.default is not dataclasses.MISSING else "required"
                text = f"{_flag(f.name)}=<{_type_name(hints[f.name])}> (default {default})"
            if f.metadata.get("help"):
                text += f": {f.metadata['help']}"
            if f.metadata.get("bare"):
                text += f" (also given alone: --{self.argument}=<value>)"
            lines.append(text)
        return lines

    @property
    def free_form(self) -> dataclasses.Field | None:
        """The `dict` field that collects `key=value` options named by the user, if the pass has one."""
        return next((f for f in self.options if "key" in f.metadata), None)


PASSES: dict[str, PassInfo] = {}
PIPELINES: dict[str, PassInfo] = {}


def register_pass(argument: str):
    """Class decorator: make a dataclass with a `run(module)` method the pass `--<argument>`."""
    return _registrar(PASSES, "pass", argument)


def register_pipeline(argument: str):
    """Class decorator: make a dataclass with a `text()` method returning pipeline text the named
    pipeline `--<argument>`; its fields are its options, its docstring describes it."""
    return _registrar(PIPELINES, "pipeline", argument)


def _registrar(registry: dict[str, PassInfo], kind: str, argument: str):
    def register(cls):
        if not dataclasses.is_dataclass(cls):
            raise TypeError(f"{kind} {argument} must be a dataclass (its fields are its options)")
        registry[argument] = PassInfo(argument, cls)
        cls.argument = argument
        return cls

    return register


def option(default, help: str, *, key: str | None = None, bare: bool = False):
    """A pass option with a description for `--list-passes`. With `key` (what `--list-passes` calls the
    keys), the field is a dict that collects every `key=value` naming no other option. With `bare`, a
    value given without a `key=` is this option's."""
    if key is not None:
        return dataclasses.field(default_factory=lambda: dict(default), metadata={"help": help, "key": key})
    return dataclasses.field(default=default, metadata={"help": help, "bare": bare})


# --- pipeline text ---------------------------------------------------------------------------------


@dataclass
class PipelineElement:
    """One element of a pipeline: a pass with its option text, or an op anchor with nested elements."""

    name: str
    options: str = ""
    nested: list[PipelineElement] | None = None

    def __str__(self) -> str:
        if self.nested is not None:
            return f"{self.name}({', '.join(str(e) for e in self.nested)})"
        return f"{self.name}{{{self.options}}}" if self.options else self.name


def load_passes() -> None:
    """Register every tgraph pass and pipeline (their modules register themselves when imported)."""
    from . import analysis, codegen, conversion, transforms  # noqa: F401


def parse_pipeline(text: str) -> list[PipelineElement]:
    """Parse `builtin.module(...)` (or a bare comma-separated list) into elements, named pipelines
    expanded. Raises CompileError for malformed text, unknown tgraph passes or bad options."""
    load_passes()
    elements = _split_elements(text.strip(), text)
    if len(elements) == 1 and elements[0].name == "builtin.module" and elements[0].nested is not None:
        elements = elements[0].nested
    return _expand(elements)


def _split_elements(text: str, whole: str) -> list[PipelineElement]:
    elements, depth, start = [], 0, 0
    for i, char in enumerate(text + ","):
        if char in "({":
            depth += 1
        elif char in ")}":
            depth -= 1
            if depth < 0:
                raise CompileError(f"unbalanced '{char}' in pass pipeline '{whole}'")
        elif char == "," and depth == 0:
            item = text[start:i].strip()
            start = i + 1
            if item:
                elements.append(_parse_element(item, whole))
            elif i < len(text):
                raise CompileError(f"empty element in pass pipeline '{whole}'")
    if depth != 0:
        raise CompileError(f"unbalanced brackets in pass pipeline '{whole}'")
    return elements


def _parse_element(item: str, whole: str) -> PipelineElement:
    if "(" in item and ("{" not in item or item.index("(") < item.index("{")):
        name, _, rest = item.partition("(")
        if not rest.endswith(")"):
            raise CompileError(f"expected ')' after '{item}' in pass pipeline '{whole}'")
        return PipelineElement(name.strip(), nested=_split_elements(rest[:-1], whole))
    name, _, rest = item.partition("{")
    if rest and not rest.endswith("}"):
        raise CompileError(f"expected '}}' after '{item}' in pass pipeline '{whole}'")
    return PipelineElement(name.strip(), rest[:-1].strip() if rest else "")


def _expand(elements: list[PipelineElement]) -> list[PipelineElement]:
    expanded = []
    for element in elements:
        if element.nested is not None:
            if _mentions_tgraph_pass(element.nested):
                raise CompileError(f"tgraph passes run on the whole module; move them out of '{element.name}(...)'")
            expanded.append(element)
        elif element.name in PIPELINES:
            expanded += parse_pipeline(make_pass(element.name, element.options, PIPELINES).text())
        else:
            if element.name in PASSES:
                make_pass(element.name, element.options)  # validate the options now
            expanded.append(element)
    return expanded


def _mentions_tgraph_pass(elements: list[PipelineElement]) -> bool:
    return any(
        e.name in PASSES or e.name in PIPELINES or (e.nested is not None and _mentions_tgraph_pass(e.nested))
        for e in elements
    )


def format_pipeline(elements: list[PipelineElement]) -> str:
    """The pipeline as `builtin.module(...)` text that `parse_pipeline` and tg-opt read back."""
    return f"builtin.module({', '.join(str(e) for e in elements)})"


# --- options ----------------------------------------------------------------------------------------


def make_pass(argument: str, options: str = "", registry: dict[str, PassInfo] = PASSES):
    """An instance of the tgraph pass `argument` with options from `key=value key2=value` text (of the
    named pipeline `argument` with `registry=PIPELINES`)."""
    info = registry[argument]
    kind = "pipeline" if registry is PIPELINES else "pass"
    hints = typing.get_type_hints(info.cls)
    free_form = info.free_form
    fields = {_flag(f.name): f for f in info.options if f is not free_form}
    values = {}
    bare = next((_flag(f.name) for f in info.options if f.metadata.get("bare")), None)
    for key, raw in _split_options(options, argument, bare):
        if key in fields:
            name, hint, slot = fields[key].name, hints[fields[key].name], values
        elif free_form is not None:
            name, hint, slot = key, typing.get_args(hints[free_form.name])[1], values.setdefault(free_form.name, {})
        else:
            known = ", ".join(fields) or "none"
            raise CompileError(f"{kind} '{argument}' has no option '{key}' (options: {known})")
        try:
            slot[name] = _convert(raw, hint)
        except ValueError:
            raise CompileError(f"option '{key}' of {kind} '{argument}' expects {_type_name(hint)}, got '{raw}'") from None
    try:
        return info.cls(**values)
    except (TypeError, ValueError) as e:
        raise CompileError(f"{kind} '{argument}': {e}") from None


def _split_options(text: str, argument: str, bare: str | None = None) -> list[tuple[str, str]]:
    pairs, token, depth, quote = [], "", 0, None
    for char in text + " ":
        if quote:
            if char == quote:
                quote = None
            else:
                token += char
        elif char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
            token += char
        elif char == "}":
            depth -= 1
            token += char
        elif char.isspace() and depth == 0:
            if token:
                key, eq, value = token.partition("=")
                if not eq and bare is not None:
                    key, eq, value = bare, "=", token
                if not eq:
                    raise CompileError(f"option '{token}' of pass '{argument}' needs a value: {token}=...")
                pairs.append((key.strip(), value.strip()))
            token = ""
        else:
            token += char
    return pairs


def _convert(raw: str, hint):
    origin = typing.get_origin(hint)
    if hint is bool:
        if raw.lower() in ("true", "1", "on"):
            return True
        if raw.lower() in ("false", "0", "off"):
            return False
        raise ValueError(raw)
    if hint in (int, float, str):
        return hint(raw)
    if origin in (tuple, list):
        (item,) = set(typing.get_args(hint)) - {Ellipsis}
        return tuple(_convert(v.strip(), item) for v in raw.strip("{}").split(",") if v.strip())
    if origin is typing.Literal:
        if raw not in typing.get_args(hint):
            raise ValueError(raw)
        return raw
    raise ValueError(raw)


def _type_name(hint) -> str:
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return "|".join(typing.get_args(hint))
    if origin in (tuple, list):
        return f"{_type_name(typing.get_args(hint)[0])},..."
    return getattr(hint, "__name__", str(hint))


def _format_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return ",".join(str(v) for v in value)
    return str(value)


def _flag(field_name: str) -> str:
    return field_name.replace("_", "-")


def format_options(instance) -> str:
    """The non-default options of a pass instance, as pipeline option text."""
    parts = []
    for f in dataclasses.fields(instance):
        value = getattr(instance, f.name)
        if "key" in f.metadata:  # free-form options: each key is a flag of its own
            parts += [f"{key}={_format_value(v)}" for key, v in value.items()]
        elif value != f.default:
            parts.append(f"{_flag(f.name)}={_format_value(value)}")
    return " ".join(parts)


# --- running ----------------------------------------------------------------------------------------


def build_pass_manager(elements: list[PipelineElement], context: ir.Context | None = None) -> PassManager:
    """One PassManager for the elements: runs of upstream passes as text, tgraph passes as callables.
    Raises CompileError for an unknown upstream pass or option."""
    manager = PassManager("builtin.module", context=context)
    upstream: list[str] = []

    def flush():
        if upstream:
            text = ", ".join(upstream)
            error = None
            with _native_stderr() as printed:
                try:
                    manager.add(text)
                except ValueError as e:
                    error = e
            if error is not None:
                raise CompileError(_upstream_error(text, str(error), printed[0]))
            sys.stderr.write(printed[0])  # nothing went wrong: pass on whatever was printed
            upstream.clear()

    for element in elements:
        if element.nested is None and element.name in PASSES:
            flush()
            instance = make_pass(element.name, element.options)
            manager.add(_as_callable(instance), name=type(instance).__name__, argument=element.name)
        else:
            upstream.append(str(element))
    flush()
    return manager


@contextlib.contextmanager
def _native_stderr():
    """Capture what native code writes to file descriptor 2 meanwhile (LLVM's option parser prints
    its complaints there, not in the exception); the yielded list holds the text once the block ends."""
    sys.stderr.flush()
    printed: list[str] = []
    saved = os.dup(2)
    try:
        with tempfile.TemporaryFile() as sink:
            os.dup2(sink.fileno(), 2)
            try:
                yield printed
            finally:
                os.dup2(saved, 2)
                sink.seek(0)
                printed.append(sink.read().decode(errors="replace"))
    finally:
        os.close(saved)


def _upstream_error(text: str, message: str, printed: str = "") -> str:
    unknown = re.search(r"'([^']+)' does not refer to a registered pass or pass pipeline", message)
    if unknown:
        return f"unknown pass '{unknown.group(1)}': neither a tgraph pass (see --list-passes) nor an upstream MLIR pass"
    native = [line.strip().lstrip(":").strip() for line in printed.splitlines() if line.strip()]
    if native:  # LLVM's own words, e.g. "for the --max-iterations option: 'abc' value invalid for long argument!"
        return f"in pass pipeline '{text}': {native[0]}"
    for line in message.splitlines():
        if "error:" in line:
            return f"in pass pipeline '{text}': {line.split('error:', 1)[1].strip()}"
    return f"in pass pipeline '{text}': {message.strip().splitlines()[0]}"


def _as_callable(instance):
    def run(op, pass_):
        with op.location:  # a default for what the pass builds without a better location
            instance.run(op)

    return run
