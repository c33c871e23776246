"""Code generation: the runtime calling convention, bufferization and the pipelines to LLVM."""

from . import entry_abi, pipelines, small_floats  # noqa: F401
