"""The ONNX backend node tests of the ops tgraph targets, through onnx.backend.test.BackendTest, once
with the tests' static shapes and once with every input dim dynamic. Tests listed in
onnx_node_failures.txt (written by tools/gen_supported_ops.py with their reasons in
docs/SupportedOps.md) are expected failures: one that starts passing fails the suite until the list is
regenerated."""

import re
import sys
import warnings
from pathlib import Path

import onnx.backend.test

from tgraph.frontend.backend import TgraphBackend, TgraphDynamicBackend

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from onnx_node_tests import LISTED_OPS, node_cases, op_of  # noqa: E402

TARGETED = [case.name for case in node_cases() if op_of(case) in LISTED_OPS]
KNOWN_FAILURES = {"static": set(), "dynamic": set()}
for line in (Path(__file__).parent / "onnx_node_failures.txt").read_text().splitlines():
    if line and not line.startswith("#"):
        mode, name = line.split()
        KNOWN_FAILURES[mode].add(name)


def backend_tests(backend, mode: str) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        suite = onnx.backend.test.BackendTest(backend, __name__)
    for name in TARGETED:
        suite.include(f"^{re.escape(name)}_cpu$")
    for name in KNOWN_FAILURES[mode]:
        suite.xfail(f"^{re.escape(name)}_cpu$")
    return suite.test_cases


for category, case in backend_tests(TgraphBackend, "static").items():
    globals()[f"{category}Static"] = case
for category, case in backend_tests(TgraphDynamicBackend, "dynamic").items():
    globals()[f"{category}Dynamic"] = case
