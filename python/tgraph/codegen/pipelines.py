"""The named pipelines from tg to LLVM on the CPU. Each is plain pipeline text (print it with
`tg-opt --tg-to-llvm --dump-pipeline`); later stages (tiling, vectorization) slot in between."""

from __future__ import annotations

from dataclasses import dataclass

from ..passes import option, register_pipeline

BUFFERIZE = [
    "tg-fill-per-use",
    "tg-entry-abi",
    "eliminate-empty-tensors",
    "empty-tensor-to-alloc-tensor",
    "one-shot-bufferize{bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map}",
    "canonicalize",
    "buffer-deallocation-pipeline",
]

#: scf.forall loops (the blocks of the kernels) run on `threads` cores as OpenMP parallel loops
#: (`omp.parallel` + `omp.wsloop`, which LLVM's OpenMPIRBuilder outlines into `__kmpc_fork_call`s of
#: the OpenMP runtime, libiomp5 from the intel-openmp wheel: runtime/openmp.py). Its threads spin
#: between parallel regions, so a region costs a few microseconds. `canonicalize` inlines the
#: `memref.alloca_scope` convert-scf-to-openmp wraps each body in (the bodies allocate nothing), which
#: would otherwise hold the multi-block body convert-scf-to-cf makes.
PARALLEL_LOOPS = [
    "tg-nested-foralls-to-for",
    "scf-forall-to-parallel",
    "convert-scf-to-openmp{{num-threads={threads}}}",
    "canonicalize",
]


def lower_to_llvm_passes(threads: int) -> list[str]:
    """The passes from bufferized linalg to the LLVM dialect, parallel loops on `threads` cores."""
    parallel = [p.format(threads=threads) for p in PARALLEL_LOOPS] if threads > 1 else ["scf-forall-to-for"]
    return [
        *parallel,
        "tg-copies-to-linalg",
        "convert-linalg-to-loops",
        # Vector transfers become loads and stores of whole vectors (unrolled: a loop would keep
        # a stack buffer per transfer).
        "convert-vector-to-scf{full-unroll=true}",
        "convert-bufferization-to-memref",
        "expand-strided-metadata",
        "lower-affine",
        "convert-scf-to-cf",
        # 16-bit floats: math in f32, bf16 conversions as integer ops (no runtime library calls).
        "math-extend-to-supported-types",
        "arith-expand{include-bf16=true}",
        "convert-math-to-llvm",
        "convert-math-to-libm",
        "convert-vector-to-llvm",
        "finalize-memref-to-llvm",
        *(["convert-openmp-to-llvm"] if threads > 1 else []),
        "convert-arith-to-llvm",
        "convert-index-to-llvm",
        "convert-func-to-llvm",
        "convert-cf-to-llvm",
        "convert-ub-to-llvm",
        "reconcile-unrealized-casts",
    ]


THREADS_HELP = "cores the code runs on: >1 runs the kernels' blocks on a pool of that many threads"


@register_pipeline("tg-bufferize")
@dataclass
class Bufferize:
    """A fill of its own for each op that writes into a shared one, entry functions to
    destination-passing memrefs, then one-shot bufferization and deallocation."""

    def text(self) -> str:
        return ", ".join(BUFFERIZE)


@register_pipeline("tg-lower-to-llvm")
@dataclass
class LowerToLLVM:
    """Bufferized linalg to loops (parallel ones on a thread pool), then everything to the LLVM dialect."""

    threads: int = option(1, THREADS_HELP)

    def text(self) -> str:
        return ", ".join(lower_to_llvm_passes(self.threads))


@register_pipeline("tg-to-llvm")
@dataclass
class ToLLVM:
    """tg to the LLVM dialect on the CPU: tg-to-linalg, exact small-float conversions, cleanup, zero
    padding around its source, one loop nest per matmul/conv fusion group, cleanup, 1x1 convolutions as matmuls, constant weights packed for the kernels, the kernels'
    schedules (tiling, vectorization), cleanup, tg-bufferize, tg-lower-to-llvm."""

    threads: int = option(1, THREADS_HELP)

    def text(self) -> str:
        threads = f"{{threads={self.threads}}}" if self.threads > 1 else ""
        # Conversions to the 8/4-bit floats become APFloat calls before canonicalize can merge them
        # with their neighbours into conversions LLVM has no lowering for (uitofp i8 -> f8E4M3FN).
        return ", ".join(
            [
                "tg-to-linalg",
                "tg-small-floats-to-apfloat",
                "canonicalize",
                "cse",
                "tg-pad-in-place",
                f"tg-tile-fusion-groups{threads}",
                "canonicalize",
                "cse",
                "tg-conv-to-matmul",
                "tg-pack-weights",
                "tg-register-matmuls",
                f"tg-cpu-schedule{threads}",
                "tg-approximate-math",
                # Twice: CSE merges the subviews that make the self-copies the second one removes.
                "canonicalize",
                "cse",
                "canonicalize",
                "tg-bufferize",
                f"tg-lower-to-llvm{threads}",
            ]
        )
