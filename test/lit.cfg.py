# lit configuration for the tgraph FileCheck suites (Dialect, Transforms, Conversion, Codegen, Integration).
import os
import sys
from pathlib import Path

import lit.formats

config.name = "tgraph"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.test_source_root, "Output")
config.excludes = ["python", "Inputs", "Output", "lit.cfg.py"]

# tg-opt, tg-run and filecheck live beside the Python running lit (the project's .venv); mlir-opt and
# FileCheck come from the pinned MLIR/LLVM wheels.
import mlir  # noqa: E402

repo = Path(config.test_source_root).parent
tool_dirs = [os.path.dirname(sys.executable), str(Path(next(iter(mlir.__path__))) / "bin")]
config.environment["PATH"] = os.pathsep.join(tool_dirs + [os.environ.get("PATH", "")])
config.environment["PYTHONUNBUFFERED"] = "1"
# Compiled code never goes to (or comes from) the user's compile cache; off as in pytest's conftest.py.
config.environment["TGRAPH_CACHE_DIR"] = os.path.join(config.test_exec_root, "compile-cache")
config.environment["TGRAPH_CACHE"] = os.environ.get("TGRAPH_CACHE", "0")
config.substitutions.append(("%tg_irdl", str(repo / "dialects" / "tg.irdl.mlir")))
config.substitutions.append(("%python", sys.executable))
config.substitutions.append(("%inputs", str(Path(config.test_source_root) / "Inputs")))
