"""The named pipelines from tg to LLVM on the CPU. Each is plain pipeline text (print it with
`tg-opt --tg-to-llvm --dump-pipeline`); later stages (tiling, vectorization) slot in between."""

from __future__ import annotations

from ..passes import register_pipeline

BUFFERIZE = [
    "tg-entry-abi",
    "eliminate-empty-tensors",
    "empty-tensor-to-alloc-tensor",
    "one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map}",
    "canonicalize",
    "buffer-deallocation-pipeline",
]

LOWER_TO_LLVM = [
    "scf-forall-to-for",
    "convert-linalg-to-loops",
    "convert-bufferization-to-memref",
    "expand-strided-metadata",
    "lower-affine",
    "convert-scf-to-cf",
    # 16-bit floats: math in f32, bf16 conversions as integer ops (no runtime library calls).
    "math-extend-to-supported-types",
    "arith-expand{include-bf16=true}",
    "convert-math-to-llvm",
    "convert-math-to-libm",
    "finalize-memref-to-llvm",
    "convert-arith-to-llvm",
    "convert-index-to-llvm",
    "convert-func-to-llvm",
    "convert-cf-to-llvm",
    "reconcile-unrealized-casts",
]


@register_pipeline("tg-bufferize")
def bufferize() -> str:
    """Entry functions to destination-passing memrefs, then one-shot bufferization and deallocation."""
    return ", ".join(BUFFERIZE)


@register_pipeline("tg-lower-to-llvm")
def lower_to_llvm() -> str:
    """Bufferized linalg to loops, then everything to the LLVM dialect."""
    return ", ".join(LOWER_TO_LLVM)


@register_pipeline("tg-to-llvm")
def to_llvm() -> str:
    """tg to the LLVM dialect on the CPU: tg-to-linalg, exact small-float conversions, cleanup, one loop
    nest per matmul/conv fusion group, cleanup, tg-bufferize, tg-lower-to-llvm."""
    # Conversions to the 8/4-bit floats become APFloat calls before canonicalize can merge them with
    # their neighbours into conversions LLVM has no lowering for (uitofp i8 -> f8E4M3FN).
    return ", ".join(
        ["tg-to-linalg", "tg-small-floats-to-apfloat", "canonicalize", "cse", "tg-tile-fusion-groups", "canonicalize", "cse", "tg-bufferize", "tg-lower-to-llvm"]
    )
