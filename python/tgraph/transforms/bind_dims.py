"""`--tg-bind-dims="batch=1 seq=128"`: fix named dynamic dims of the public functions' arguments.

The names come from the arguments' `tg.dims` attributes (`{tg.dims = ["batch", "", ""], tg.name =
"x"}`: one string a dim, empty for an unnamed one), which the ONNX importer writes for the symbolic
dims of a model's inputs. Every argument dim carrying a bound name becomes static in the argument's
type, and in the function's type; `--tg-infer-shapes` then carries the sizes through the graph. A
bound argument returned as it is refines the function's result type too.

Binding a name that no argument has is an error naming the names there are; so is binding a dim to a
size that contradicts its static size, or binding the dims of a function that another one calls (its
callers would no longer match). Users of a bound argument other than tg ops and `func.return` keep the
type they had, through a `tensor.cast`.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir
from mlir.dialects import tensor

from ..diagnostics import CompileError, Diagnostic
from ..dialect import TG, ShapeError, TensorSpec
from ..passes import option, register_pass
from .infer_shapes import called_functions
from .statistics import count

PASS = "tg-bind-dims"
DIMS = "tg.dims"


def dim_names(function) -> list[list[str]]:
    """The `tg.dims` names of each argument of `function` (an empty list for an argument without).
    CompileError when one is not an array of strings, one a dim of a ranked tensor."""
    arguments = function.regions[0].blocks[0].arguments
    if "arg_attrs" not in function.attributes:
        return [[] for _ in arguments]
    names = []
    for index, (argument, attributes) in enumerate(zip(arguments, ir.ArrayAttr(function.attributes["arg_attrs"]))):
        attributes = ir.DictAttr(attributes)
        if DIMS not in attributes:
            names.append([])
            continue
        try:
            names.append([ir.StringAttr(n).value for n in ir.ArrayAttr(attributes[DIMS])])
            rank = TensorSpec.from_mlir(argument.type).rank
        except (ValueError, ShapeError):  # the bindings' casts raise ValueError
            rank = None
        if rank is None or len(names[-1]) != rank:
            message = f"{PASS}: {DIMS} of argument #{index} must be an array of one string a dim of a ranked tensor, got {attributes[DIMS]} on {argument.type}"
            raise CompileError(Diagnostic.at(function.location, message))
    return names


def _public_functions(module: ir.Operation) -> list:
    functions = []
    for op in module.regions[0].blocks[0].operations:
        visibility = op.attributes["sym_visibility"] if "sym_visibility" in op.attributes else None
        if op.operation.name == "func.func" and len(op.regions[0].blocks) and (visibility is None or ir.StringAttr(visibility).value == "public"):
            functions.append(op)
    return functions


def bind_dims(module: ir.Operation, sizes: dict[str, int]) -> int:
    """Make the argument dims named in `sizes` static in the public functions of `module`; returns how
    many dims changed. Raises CompileError for unknown names and contradicting sizes."""
    functions = _public_functions(module)
    known = sorted({name for function in functions for names in dim_names(function) for name in names if name})
    unknown = [name for name in sizes if name not in known]
    if unknown:
        listed = ", ".join(known) if known else f"none: no argument has a {DIMS} attribute (the ONNX importer writes them)"
        message = f"{PASS}: no argument has a dim named {', '.join(repr(n) for n in unknown)} (known names: {listed})"
        raise CompileError(Diagnostic.at(functions[0].location, message) if functions else message)
    called = called_functions(module)
    bound = 0
    for function in functions:
        bound += _bind_function(function, sizes, called)
    return bound


def _bind_function(function, sizes: dict[str, int], called: set[str]) -> int:
    name = ir.StringAttr(function.attributes["sym_name"]).value
    block = function.regions[0].blocks[0]
    bound = 0
    for index, (argument, names) in enumerate(zip(block.arguments, dim_names(function))):
        if not names:
            continue
        spec = TensorSpec.from_mlir(argument.type)
        dims = list(spec.shape)
        for position, dim_name in enumerate(names):
            if dim_name not in sizes:
                continue
            size = sizes[dim_name]
            if dims[position] is not None and dims[position] != size:
                where = f"dim {position} of argument #{index} of @{name}"
                raise CompileError(Diagnostic.at(function.location, f"{PASS}: {dim_name}={size} contradicts {where}, which is {dims[position]}"))
            if dims[position] is None:
                if name in called:
                    raise CompileError(Diagnostic.at(function.location, f"{PASS}: cannot bind {dim_name} in @{name}: other functions call it with its current type"))
                dims[position] = size
                bound += 1
        if tuple(dims) != spec.shape:
            _retype_argument(argument, spec.with_shape(dims).to_mlir(), single_return=len(_returns(block)) == 1)
    if bound:
        _update_function_type(function, block)
    return bound


def _retype_argument(argument: ir.Value, refined: ir.Type, single_return: bool) -> None:
    """Give `argument` the type `refined`. tg ops accept it; so does the return when it is the function's
    only one (the result type follows); any other user keeps the old type through a cast."""
    old = argument.type
    refinable = [use.owner.operation for use in argument.uses if _accepts_refined(use.owner.operation, single_return)]
    argument.set_type(refined)
    if len(refinable) < len(list(argument.uses)):
        with ir.InsertionPoint.at_block_begin(argument.owner), ir.Location.unknown():
            cast = tensor.CastOp(old, argument)
        argument.replace_all_uses_except(cast.result, [cast.operation] + refinable)


def _accepts_refined(user: ir.Operation, single_return: bool) -> bool:
    return TG.lookup(user.name) is not None or (user.name == "func.return" and single_return)


def _returns(block) -> list:
    return [op for op in block.operations if op.operation.name == "func.return"]


def _update_function_type(function, block) -> None:
    returns = _returns(block)
    inputs = [argument.type for argument in block.arguments]
    results = list(ir.FunctionType(ir.TypeAttr(function.attributes["function_type"]).value).results)
    if len(returns) == 1:
        results = [value.type for value in returns[0].operands]
    function.attributes["function_type"] = ir.TypeAttr.get(ir.FunctionType.get(inputs, results))


@register_pass(PASS)
@dataclass
class BindDims:
    """Fix named dynamic dims of the public functions' arguments (names from `tg.dims`, written by the
    ONNX importer); then `--tg-infer-shapes` makes the graph static."""

    dims: dict[str, int] = option({}, "the size of every argument dim named so", key="name")

    def __post_init__(self):
        if not self.dims:
            raise ValueError('give the dims to bind: --tg-bind-dims="name=size ..."')
        negative = [f"{name}={size}" for name, size in self.dims.items() if size < 0]
        if negative:
            raise ValueError(f"dim sizes cannot be negative: {', '.join(negative)}")

    def run(self, module: ir.Operation) -> None:
        count(PASS, "dims bound", bind_dims(module, self.dims))
