"""Running compiled tg programs: JIT compilation, argument checking and NumPy marshalling."""

from .jit import CompiledFunction, compile

__all__ = ["CompiledFunction", "compile"]
