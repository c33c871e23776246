"""The CMake integration: install the dialect files, then find_package(TGraph) from another project."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("cmake") is None, reason="cmake is not installed")


def run(*command):
    return subprocess.run(command, check=True, capture_output=True, text=True)


def test_install_and_find_package(tmp_path):
    build, prefix, consumer = tmp_path / "build", tmp_path / "prefix", tmp_path / "consumer"
    run("cmake", "-S", str(ROOT), "-B", str(build), f"-DCMAKE_INSTALL_PREFIX={prefix}")
    run("cmake", "--install", str(build))
    installed = prefix / "share" / "tgraph" / "dialects" / "tg.irdl.mlir"
    assert installed.read_text() == (ROOT / "dialects" / "tg.irdl.mlir").read_text()

    consumer.mkdir()
    (consumer / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.20)\n"
        "project(consumer LANGUAGES NONE)\n"
        "find_package(TGraph 0.1 REQUIRED)\n"
        'message(STATUS "irdl: ${TGRAPH_IRDL_FILE}")\n'
    )
    configured = run("cmake", "-S", str(consumer), "-B", str(consumer / "build"), f"-DCMAKE_PREFIX_PATH={prefix}")
    assert f"irdl: {installed}" in configured.stdout
