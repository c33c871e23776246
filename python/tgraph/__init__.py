"""tgraph: an MLIR-based graph compiler for tensor programs.

    import tgraph
    f = tgraph.compile('''
    func.func @mlp(%x: tensor<?x4xf32>, %w: tensor<4x8xf32>) -> tensor<?x8xf32> {
      %0 = "tg.matmul"(%x, %w) : (tensor<?x4xf32>, tensor<4x8xf32>) -> tensor<?x8xf32>
      %1 = "tg.relu"(%0) : (tensor<?x8xf32>) -> tensor<?x8xf32>
      return %1 : tensor<?x8xf32>
    }''')
    y = f(x, w)
"""

from .diagnostics import CompileError
from .runtime import CompiledFunction, compile

__version__ = "0.1.0"
__all__ = ["compile", "CompiledFunction", "CompileError", "__version__"]
