"""`--tg-small-floats-to-apfloat`: convert to and from the 8- and 4-bit floats through APFloat.

LLVM has no types for f8E4M3FN, f8E5M2, f4E2M1FN and their kin. Upstream `convert-arith-to-apfloat`
turns arith ops on them into calls of `libmlir_apfloat_wrappers` (exact, round-to-nearest-even) but it
converts *every* float op, f32 included, into such calls. tg computes on these types only by converting
them (`arith.extf`/`arith.truncf` in casts), so this pass rewrites exactly those conversions into the
same library call, `_mlir_apfloat_convert(from_semantics, to_semantics, bits)`, and leaves the rest to
LLVM. The semantics numbers are read from the upstream pass itself, so they follow the linked library.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from mlir import ir
from mlir.dialects import arith, func
from mlir.passmanager import PassManager

from ..dialect.types import SMALL_FLOAT_TYPES, bit_width
from ..passes import register_pass

CONVERT = "_mlir_apfloat_convert"


@lru_cache(maxsize=None)
def semantics_ids() -> dict[str, int]:
    """APFloat's semantics number of f16, bf16, f32 and the small floats, as convert-arith-to-apfloat
    emits them (it handles floats up to 32 bits: f64 values convert through f32)."""
    targets = ("f16", "bf16") + SMALL_FLOAT_TYPES
    lines = [f"%t{i} = arith.truncf %x : f32 to {t}" for i, t in enumerate(targets)]
    with ir.Context(), ir.Location.unknown():
        probe = ir.Module.parse("func.func @probe(%x: f32) {\n" + "\n".join(lines) + "\nreturn\n}")
        PassManager.parse("builtin.module(convert-arith-to-apfloat)").run(probe.operation)
        calls = []

        def visit(op):
            if op.name == "func.call":
                calls.append([_constant_value(v) for v in op.operands[:2]])
            return ir.WalkResult.ADVANCE

        probe.operation.walk(visit)
    ids = {"f32": calls[0][0]}
    ids.update({t: call[1] for t, call in zip(targets, calls)})
    return ids


def _constant_value(value: ir.Value) -> int:
    return ir.IntegerAttr(value.owner.attributes["value"]).value


def _is_small(type_: ir.Type) -> bool:
    return str(type_) in SMALL_FLOAT_TYPES


def _bits(value: ir.Value) -> ir.Value:
    """A float's bits as i64 (zero-extended)."""
    width = bit_width(str(value.type))
    as_int = arith.bitcast(ir.IntegerType.get_signless(width), value)
    return arith.extui(ir.IntegerType.get_signless(64), as_int)


def _from_bits(bits: ir.Value, type_: ir.Type) -> ir.Value:
    width = bit_width(str(type_))
    return arith.bitcast(type_, arith.trunci(ir.IntegerType.get_signless(width), bits))


def rewrite_conversions(module: ir.Operation) -> None:
    """Replace extf/truncf from or to a small float by `_mlir_apfloat_convert` calls."""
    ids = semantics_ids()
    conversions = []

    def visit(op):
        if op.name in ("arith.extf", "arith.truncf") and (_is_small(op.operands[0].type) or _is_small(op.results[0].type)):
            conversions.append(op)
        return ir.WalkResult.ADVANCE

    module.walk(visit)
    if not conversions:
        return
    i32, i64 = ir.IntegerType.get_signless(32), ir.IntegerType.get_signless(64)
    body = module.regions[0].blocks[0]
    if not any(op.operation.name == "func.func" and ir.StringAttr(op.attributes["sym_name"]).value == CONVERT for op in body.operations):
        with ir.InsertionPoint.at_block_begin(body), module.location:
            func.FuncOp(CONVERT, ir.FunctionType.get([i32, i32, i64], [i64]), visibility="private")
    for op in conversions:
        source, target = op.operands[0], op.results[0].type
        with ir.InsertionPoint(op), op.location:
            semantics = [arith.constant(i32, ids[str(t)]) for t in (source.type, target)]
            call = func.CallOp([i64], ir.FlatSymbolRefAttr.get(CONVERT), [*semantics, _bits(source)])
            op.results[0].replace_all_uses_with(_from_bits(call.result, target))
        op.erase()


@register_pass("tg-small-floats-to-apfloat")
@dataclass
class SmallFloatsToApfloat:
    """Convert to and from 8- and 4-bit floats with exact APFloat library calls."""

    def run(self, module: ir.Operation) -> None:
        rewrite_conversions(module)
