"""tgraph: an MLIR-based graph compiler for tensor programs.

    import tgraph
    f = tgraph.compile('''
    func.func @mlp(%x: tensor<?x4xf32>, %w: tensor<4x8xf32>) -> tensor<?x8xf32> {
      %0 = "tg.matmul"(%x, %w) : (tensor<?x4xf32>, tensor<4x8xf32>) -> tensor<?x8xf32>
      %1 = "tg.relu"(%0) : (tensor<?x8xf32>) -> tensor<?x8xf32>
      return %1 : tensor<?x8xf32>
    }''')
    y = f(x, w)
    print(tgraph.analyze(source))   # MACs, bytes and roofline time per op, and the memory plan
"""

from .diagnostics import CompileError

__version__ = "0.1.0"
__all__ = ["compile", "analyze", "CompiledFunction", "CompileError", "__version__"]


def __getattr__(name):
    # The runtime (and MLIR's ExecutionEngine) load on first use, so that tg-opt starts quickly.
    if name in ("compile", "CompiledFunction"):
        from . import runtime

        return getattr(runtime, name)
    if name == "analyze":
        from .analysis.model import analyze

        return analyze
    raise AttributeError(f"module 'tgraph' has no attribute '{name}'")
