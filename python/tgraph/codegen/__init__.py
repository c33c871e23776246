"""Code generation: the runtime calling convention, bufferization and the pipelines to LLVM."""

from . import entry_abi, fusion_tiling, pipelines, small_floats  # noqa: F401
