"""Code generation: the runtime calling convention, bufferization and the pipelines to LLVM."""

from . import approximate_math, conv_to_matmul, copies_to_linalg, cpu_schedule, entry_abi, fill_per_use, fusion_tiling, nested_foralls_to_for, pack_weights, pad_in_place, pipelines, register_matmul, small_floats  # noqa: F401
