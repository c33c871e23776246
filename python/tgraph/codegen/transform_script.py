"""Running a transform-dialect script on a module: what the codegen passes that build one share.

A script is a module `{transform.with_named_sequence}` whose `@__transform_main` takes the payload
root; `apply_script` parses it in the payload's context and runs it with the transform interpreter,
turning the interpreter's failure into a CompileError that says which pass failed.
"""

from __future__ import annotations

from mlir import ir
from mlir.dialects.transform import interpreter

from ..diagnostics import CompileError

MAIN = "__transform_main"


def apply_script(module: ir.Operation, script_text: str, what: str) -> None:
    """Run the `@__transform_main` of `script_text` on `module`; a failure raises CompileError
    "`what` failed: <the interpreter's diagnostics>"."""
    script = ir.Module.parse(script_text, module.context)
    main = next(op for op in script.body.operations if op.operation.name == "transform.named_sequence" and ir.StringAttr(op.attributes["sym_name"]).value == MAIN)
    try:
        interpreter.apply_named_sequence(module, main, script)
    except ir.MLIRError as e:
        raise CompileError.from_mlir(e, f"{what} failed") from None
    except ValueError as e:
        raise CompileError(f"{what} failed: {e}") from None
