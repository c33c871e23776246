"""tg-opt and tg-run as a user runs them: subprocesses, exit statuses, what goes to stdout and stderr.

Every kind of bad input must end in exit status 1 and one clear message on stderr (with file:line:col
when the input has a place to point at), never a Python traceback unless --debug is given.

The tools take ~0.5 s to start (importing MLIR), so every bad input is run in process (`main(argv)`,
with the file descriptors captured, so what native code prints is seen too), and a representative set
of commands runs as real subprocesses, all at once in parallel, whose results the tests then read.
"""

import dataclasses
import io
import os
import re
import subprocess
import sys
import typing
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from tgraph import codegen, conversion, transforms  # noqa: F401  (register passes and pipelines)
from tgraph.cli import tg_opt, tg_run
from tgraph.dialect import TG
from tgraph.dialect.irdl import irdl_text
from tgraph.passes import PASSES, PIPELINES, format_pipeline, make_pass, option, parse_pipeline, register_pass

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[2]

GOOD = """\
func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "tg.exp"(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
"""

FILES = {
    "good.mlir": GOOD,
    "malformed.mlir": GOOD.replace('"tg.exp"(%x)', '"tg.exp"(%x'),
    "invalid.mlir": GOOD.replace("-> tensor<3xf32>\n  return %0 : tensor<3xf32>", "-> tensor<4xf32>\n  return %0 : tensor<4xf32>")
    .replace(") -> tensor<3xf32> {", ") -> tensor<4xf32> {"),
    "no_perm.mlir": GOOD.replace('"tg.exp"(%x)', '"tg.transpose"(%x)'),
    "unregistered.mlir": '"foo.bar"() : () -> ()\n',
    "empty.mlir": "",
    "scalar.mlir": "func.func @s(%x: i32) -> i32 {\n  return %x : i32\n}\n",
    "fold.mlir": """\
func.func @fold() -> index {
  %c1 = arith.constant 1 : index
  %0 = arith.addi %c1, %c1 : index
  %1 = arith.addi %0, %c1 : index
  return %1 : index
}
""",
    "dynamic.mlir": """\
func.func @f(%x: tensor<?x4xf32>, %y: tensor<3x4xf32>) -> tensor<?x4xf32> {
  %0 = "tg.add"(%x, %y) : (tensor<?x4xf32>, tensor<3x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
""",
}


def run(tool: str, *args: str, stdin: str | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / tool), *args], input=stdin, capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("cli")
    for name, text in FILES.items():
        (directory / name).write_text(text)
    (directory / "latin1.mlir").write_bytes(b"\xff\xfe func")
    np.save(directory / "f32.npy", np.array([0.0, 1.0, -1.0], np.float32))
    np.save(directory / "f64.npy", np.zeros(3))
    return directory


@dataclasses.dataclass
class Bad:
    """A command that must fail: exit 1, stderr = `message` (a regex for the first line), `lines` lines."""

    tool: str
    args: list[str]
    message: str
    lines: int = 1
    stdin: str | None = None


BAD = {
    # tg-opt: the input
    "malformed": Bad("tg-opt", ["malformed.mlir"], r"malformed\.mlir:2:19: error: expected '\)' to end operand list"),
    "verification": Bad(
        "tg-opt", ["invalid.mlir"],
        r"invalid\.mlir:2:8: error: 'tg\.exp' op result 'result' has type tensor<4xf32>, but the operands give tensor<3xf32>",
    ),
    "verification-stdin": Bad("tg-opt", ["-"], r"<stdin>:2:8: error: 'tg\.exp' op result 'result' has type .*", stdin=FILES["invalid.mlir"]),
    # MLIR's verifier adds a note showing the op.
    "irdl": Bad("tg-opt", ["no_perm.mlir"], r"no_perm\.mlir:2:8: error: 'tg\.transpose' op attribute \"perm\" is expected but not provided", 2),
    "unregistered-dialect": Bad(
        "tg-opt", ["unregistered.mlir"],
        r"unregistered\.mlir:1:10: error: operation being parsed with an unregistered dialect\..*-allow-unregistered-dialect.*",
    ),
    "missing-file": Bad("tg-opt", ["missing.mlir"], r"tg-opt: error: cannot read 'missing\.mlir': No such file or directory"),
    "directory": Bad("tg-opt", ["."], r"tg-opt: error: cannot read '\.': Is a directory"),
    "not-utf8": Bad("tg-opt", ["latin1.mlir"], r"tg-opt: error: cannot read 'latin1\.mlir': 'utf-8' codec can't decode byte 0xff .*"),
    # tg-opt: passes and pipelines
    "unknown-pass": Bad(
        "tg-opt", ["good.mlir", "--bogus-pass"],
        r"tg-opt: error: unknown pass 'bogus-pass': neither a tgraph pass \(see --list-passes\) nor an upstream MLIR pass",
    ),
    "unknown-pass-in-pipeline": Bad(
        "tg-opt", ["good.mlir", "--pass-pipeline=builtin.module(func.func(bogus))"], r"tg-opt: error: unknown pass 'bogus': .*",
    ),
    "tg-pass-option": Bad("tg-opt", ["good.mlir", "--tg-verify=foo=1"], r"tg-opt: error: pass 'tg-verify' has no option 'foo' \(options: none\)"),
    "tg-pass-option-without-value": Bad(
        "tg-opt", ["good.mlir", "--tg-verify=foo"], r"tg-opt: error: option 'foo' of pass 'tg-verify' needs a value: foo=\.\.\.",
    ),
    "upstream-option": Bad(
        "tg-opt", ["good.mlir", '--canonicalize="bogus=1"'],
        r"tg-opt: error: in pass pipeline 'canonicalize\{bogus=1\}': <Pass-Options-Parser>: no such option bogus",
    ),
    "upstream-option-value": Bad(
        "tg-opt", ["good.mlir", "--canonicalize=max-iterations=abc"],
        r"tg-opt: error: in pass pipeline 'canonicalize\{max-iterations=abc\}': for the --max-iterations option: 'abc' value invalid.*",
    ),
    "upstream-option-nested": Bad(
        "tg-opt", ["good.mlir", "--pass-pipeline=builtin.module(func.func(canonicalize{bogus=2}))"],
        r"tg-opt: error: in pass pipeline 'func\.func\(canonicalize\{bogus=2\}\)': .*no such option bogus",
    ),
    "named-pipeline-option": Bad("tg-opt", ["good.mlir", "--tg-to-llvm=x=1"], r"tg-opt: error: pipeline 'tg-to-llvm' has no option 'x' \(options: threads\)"),
    "named-pipeline-option-value": Bad(
        "tg-opt", ["good.mlir", "--tg-to-llvm=threads=two"], r"tg-opt: error: option 'threads' of pipeline 'tg-to-llvm' expects int, got 'two'"
    ),
    "pipeline-and-flags": Bad(
        "tg-opt", ["good.mlir", "--pass-pipeline=builtin.module(cse)", "--canonicalize"],
        r"tg-opt: error: give passes either as flags or with --pass-pipeline, not both",
    ),
    "pipeline-unbalanced": Bad(
        "tg-opt", ["good.mlir", "--pass-pipeline=builtin.module(cse"], r"tg-opt: error: unbalanced brackets in pass pipeline 'builtin\.module\(cse'",
    ),
    "tg-pass-nested": Bad(
        "tg-opt", ["good.mlir", "--pass-pipeline=builtin.module(func.func(tg-verify))"],
        r"tg-opt: error: tgraph passes run on the whole module; move them out of 'func\.func\(\.\.\.\)'",
    ),
    "failing-pass": Bad("tg-opt", ["good.mlir", "--one-shot-bufferize"], r"good\.mlir:2:8: error: op was not bufferized", lines=2),
    "silent-pass-failure": Bad(
        "tg-opt", ["fold.mlir", "--canonicalize=max-iterations=1 test-convergence=true"],
        r"tg-opt: error: Failure while executing pass pipeline: a pass in "
        r"builtin\.module\(canonicalize\{max-iterations=1 test-convergence=true\}\) failed without reporting an error",
    ),
    "entry-abi-scalar": Bad(
        "tg-opt", ["scalar.mlir", "--tg-entry-abi"], r"scalar\.mlir:1:1: error: entry function arguments and results must be ranked tensors, got i32",
    ),
    # tg-opt: the command line
    "two-inputs": Bad("tg-opt", ["good.mlir", "good.mlir"], r"tg-opt: error: unrecognized arguments: good\.mlir \(see tg-opt --help\)"),
    "output-without-value": Bad("tg-opt", ["good.mlir", "-o"], r"tg-opt: error: -o needs a value \(see tg-opt --help\)"),
    "pipeline-without-value": Bad("tg-opt", ["good.mlir", "--pass-pipeline"], r"tg-opt: error: --pass-pipeline needs a value \(see tg-opt --help\)"),
    "unwritable-output": Bad(
        "tg-opt", ["good.mlir", "-o", "no/such/dir/out.mlir"], r"tg-opt: error: cannot write 'no/such/dir/out\.mlir': No such file or directory",
    ),
    # tg-run
    "run-input-count": Bad("tg-run", ["good.mlir", "--input", "f32.npy", "--input", "f32.npy"], r"tg-run: error: @f takes 1 inputs, got 2 --input"),
    "run-no-inputs": Bad("tg-run", ["good.mlir"], r"tg-run: error: @f takes 1 inputs: give --input for each, or --random-inputs"),
    "run-npy-dtype": Bad(
        "tg-run", ["good.mlir", "--input", "f64.npy"], r"tg-run: error: argument #0 of @f: expected dtype float32 \(tensor<3xf32>\), got float64",
    ),
    "run-not-a-literal": Bad(
        "tg-run", ["good.mlir", "--input", "hello"], r"tg-run: error: --input 'hello' is neither a \.npy file nor a literal array of f32",
    ),
    "run-literal-dict": Bad(
        "tg-run", ["good.mlir", "--input", "{1: 2}"], r"tg-run: error: --input '\{1: 2\}' is neither a \.npy file nor a literal array of f32",
    ),
    "run-literal-ragged": Bad("tg-run", ["good.mlir", "--input", "[1, [2, 3]]"], r"tg-run: error: --input '\[1, \[2, 3\]\]' is neither .*"),
    "run-literal-shape": Bad(
        "tg-run", ["good.mlir", "--input", "[1, 2]"], r"tg-run: error: argument #0 of @f: dim 0 must be 3 \(tensor<3xf32>\), got shape \(2,\)",
    ),
    "run-missing-npy": Bad("tg-run", ["good.mlir", "--input", "nope.npy"], r"tg-run: error: cannot read 'nope\.npy': No such file or directory"),
    "run-dynamic-without-shape": Bad(
        "tg-run", ["dynamic.mlir", "--random-inputs"],
        r"tg-run: error: input type tensor<\?x4xf32> has dynamic dims: give --input-shape or --dynamic-size",
    ),
    "run-dynamic-broadcast": Bad(
        "tg-run", ["dynamic.mlir", "--random-inputs", "--input-shape", "1x4", "--input-shape", "3x4"],
        r"tg-run: error: @f: inputs of shapes \[\(1, 4\), \(3, 4\)\] are not valid here: 'tg\.add' at dynamic\.mlir:2:8: .*"
        r"a dynamic dim cannot broadcast at run time.*",
    ),
    "run-bad-shape": Bad(
        "tg-run", ["dynamic.mlir", "--random-inputs", "--input-shape", "2xa", "--input-shape", "3x4"],
        r"tg-run: error: --input-shape '2xa' is not like 8x64",
    ),
    "run-malformed": Bad("tg-run", ["malformed.mlir", "--random-inputs"], r"malformed\.mlir:2:19: error: expected '\)' to end operand list"),
    "run-invalid": Bad("tg-run", ["invalid.mlir", "--random-inputs"], r"invalid\.mlir:2:8: error: 'tg\.exp' op result 'result' has type .*"),
    "run-missing-file": Bad("tg-run", ["missing.mlir"], r"tg-run: error: cannot read 'missing\.mlir': no such file"),
    "run-unknown-entry": Bad(
        "tg-run", ["good.mlir", "--entry", "g", "--random-inputs"], r"tg-run: error: no function @g in the module \(functions: @f\)",
    ),
    "run-no-file-argument": Bad("tg-run", [], r"tg-run: error: the following arguments are required: file \(see tg-run --help\)"),
    "run-bad-int": Bad("tg-run", ["good.mlir", "--benchmark", "x"], r"tg-run: error: argument --benchmark: invalid int value: 'x' .*"),
}  # fmt: skip


MAINS = {"tg-opt": tg_opt.main, "tg-run": tg_run.main}


@pytest.fixture
def in_process(workdir, capfd, monkeypatch):
    """`in_process(tool, *args, stdin=None)`: (exit status, stdout, stderr) of the tool's main() run in
    `workdir`; stdout and stderr are captured at the file descriptors."""
    monkeypatch.chdir(workdir)

    def call(tool, *args, stdin=None):
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        capfd.readouterr()
        try:
            status = MAINS[tool](list(args))
        except SystemExit as e:  # --help
            status = e.code
        sys.stdout.flush()
        captured = capfd.readouterr()
        return status, captured.out, captured.err

    return call


def check_bad(expected: Bad, status: int, out: str, err: str):
    assert "Traceback" not in err
    assert "internal error" not in err
    assert status == 1, err
    lines = err.splitlines()
    assert len(lines) == expected.lines, err
    assert re.fullmatch(expected.message, lines[0]), lines[0]
    if expected.tool == "tg-opt":
        assert out == ""


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_one_clear_message(in_process, case):
    expected = BAD[case]
    check_bad(expected, *in_process(expected.tool, *expected.args, stdin=expected.stdin))


# --- the same, and good input, as subprocesses -------------------------------------------------------

SUBPROCESS_BAD = [
    "malformed", "verification-stdin", "unknown-pass", "upstream-option-value", "two-inputs",
    "run-npy-dtype", "run-malformed", "run-no-file-argument",
]  # fmt: skip

SUBPROCESS_GOOD = {
    # -o, and the pass printing and timing that go to stderr (timing is printed by native code at exit)
    "lower": ("tg-opt", ["good.mlir", "--tg-to-linalg", "--cse", "--mlir-print-ir-after-all", "--mlir-timing", "-o", "lowered.mlir"], None),
    "stdin": ("tg-opt", ["-", "--tg-to-linalg", "--cse"], GOOD),
    "debug": ("tg-opt", ["missing.mlir", "--debug"], None),
    "run": ("tg-run", ["good.mlir", "--input", "f32.npy", "--check"], None),
}


@pytest.fixture(scope="module")
def processes(workdir):
    """Every SUBPROCESS_BAD and SUBPROCESS_GOOD command, run once, in parallel, in `workdir`."""
    commands = {name: (BAD[name].tool, BAD[name].args, BAD[name].stdin) for name in SUBPROCESS_BAD}
    commands.update(SUBPROCESS_GOOD)

    def go(command):
        tool, args, stdin = command
        return run(tool, *args, stdin=stdin, cwd=workdir)

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(commands, pool.map(go, commands.values())))


@pytest.mark.parametrize("case", SUBPROCESS_BAD)
def test_bad_input_subprocess(processes, case):
    result = processes[case]
    check_bad(BAD[case], result.returncode, result.stdout, result.stderr)


def test_debug_shows_a_traceback(processes, in_process):
    result = processes["debug"]
    assert result.returncode == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.splitlines()[-1] == "tg-opt: error: cannot read 'missing.mlir': No such file or directory"
    status, _, err = in_process("tg-run", "good.mlir", "--input", "f64.npy", "--debug")
    assert status == 1
    assert "Traceback (most recent call last)" in err
    assert "ValueError: argument #0 of @f: expected dtype float32" in err


def test_help_mentions_every_option_of_the_design(in_process):
    status, out, _ = in_process("tg-opt", "--help")
    assert status == 0
    for option_name in [
        "-o", "--pass-pipeline", "--split-input-file", "--verify-diagnostics", "--mlir-print-ir-after-all",
        "--mlir-timing", "--mlir-print-op-generic", "--allow-unregistered-dialect", "--show-dialects",
        "--list-passes", "--dump-pipeline", "--emit-irdl", "--debug",
    ]:  # fmt: skip
        assert re.search(rf"(^|\s){re.escape(option_name)}\b", out), option_name
    assert "- for stdin" in out
    assert "--<tg-pass>" in out and "--<upstream-pass>" in out


def test_list_passes_lists_every_pass_and_pipeline(in_process):
    status, out, _ = in_process("tg-opt", "--list-passes")
    assert status == 0
    lines = out.splitlines()
    for argument, info in PASSES.items():
        index = lines.index(f"  --{argument}")
        assert lines[index + 1].strip() == info.summary
        for i, help_line in enumerate(info.option_help()):
            assert lines[index + 2 + i].strip() == help_line
    for argument, info in PIPELINES.items():
        index = lines.index(f"  --{argument}")
        options = info.option_help()
        assert [line.strip() for line in lines[index + 2 : index + 2 + len(options)]] == options
        assert lines[index + 2 + len(options)].strip() == f"= {info.cls().text()}"
    assert {"tg-verify", "tg-to-linalg", "tg-entry-abi"} <= set(PASSES)


def test_show_dialects(in_process):
    status, out, _ = in_process("tg-opt", "--show-dialects")
    assert status == 0
    assert out.startswith("Available Dialects: ")
    dialects = out.removeprefix("Available Dialects: ").strip().split(", ")
    assert {"tg", "linalg", "llvm", "func", "arith", "tensor", "memref", "scf"} <= set(dialects)
    assert dialects == sorted(dialects)


def test_emit_irdl_is_the_checked_in_file(in_process, workdir):
    checked_in = (REPO / "dialects" / "tg.irdl.mlir").read_text()
    status, out, _ = in_process("tg-opt", "--emit-irdl")
    assert status == 0 and out == checked_in == irdl_text(TG)
    assert in_process("tg-opt", "--emit-irdl", "-o", "emitted.irdl.mlir") == (0, "", "")
    assert (workdir / "emitted.irdl.mlir").read_text() == checked_in


def test_output_file_and_stdin(processes, workdir, in_process):
    written = processes["lower"]
    assert written.returncode == 0 and written.stdout == ""
    lowered = (workdir / "lowered.mlir").read_text()
    assert "linalg.exp" in lowered and "tg.exp" not in lowered
    assert processes["stdin"].returncode == 0
    assert processes["stdin"].stdout == lowered
    assert in_process("tg-opt", "--tg-to-linalg", "--cse", stdin=GOOD) == (0, lowered, "")  # stdin is the default


def test_empty_input_is_an_empty_module(in_process):
    assert in_process("tg-opt", "empty.mlir") == (0, "module {\n}\n", "")
    assert in_process("tg-opt", "-", stdin="") == (0, "module {\n}\n", "")


def test_print_ir_after_all(processes):
    result = processes["lower"]
    assert result.returncode == 0
    dumps = re.findall(r"^// -----// IR Dump After (.*) //----- //$", result.stderr, re.MULTILINE)
    assert dumps == ["TgToLinalg (tg-to-linalg)", "CSE (cse)"]
    after_lowering = result.stderr.split("IR Dump After CSE")[0]
    assert "linalg.exp" in after_lowering and "tg.exp" not in after_lowering.split("IR Dump After TgToLinalg")[1]


def test_timing_report(processes):
    result = processes["lower"]
    assert result.returncode == 0
    report = result.stderr.partition("Execution time report")[2]
    assert report, result.stderr
    assert re.search(r"^\s+[\d.]+ \(\s*[\d.]+%\)\s+TgToLinalg$", report, re.MULTILINE)
    assert re.search(r"^\s+[\d.]+ \(\s*[\d.]+%\)\s+CSE$", report, re.MULTILINE)
    assert re.search(r"^\s+[\d.]+ \(100\.0%\)\s+Total$", report, re.MULTILINE)


def test_print_op_generic(in_process):
    status, out, _ = in_process("tg-opt", "good.mlir", "--mlir-print-op-generic")
    assert status == 0
    assert out.startswith('"builtin.module"() ({')
    assert '"func.func"() <{function_type = (tensor<3xf32>) -> tensor<3xf32>, sym_name = "f"}>' in out
    assert '"func.return"(%0)' in out
    # The generic form reads back to the same IR.
    assert in_process("tg-opt", "-", stdin=out)[1] == in_process("tg-opt", "good.mlir")[1]


def test_allow_unregistered_dialect(in_process):
    status, out, err = in_process("tg-opt", "unregistered.mlir", "--allow-unregistered-dialect")
    assert (status, err) == (0, "")
    assert out == 'module {\n  "foo.bar"() : () -> ()\n}\n'


def test_dump_pipeline_expands_named_pipelines(in_process):
    status, out, _ = in_process("tg-opt", "--tg-to-llvm", "--dump-pipeline")
    assert status == 0
    assert out == format_pipeline(parse_pipeline("tg-to-llvm")) + "\n"
    assert out.startswith("builtin.module(tg-to-linalg, tg-small-floats-to-apfloat, canonicalize, cse, tg-pad-in-place, tg-tile-fusion-groups, ")


def test_tg_run_prints_outputs_and_checks_them(processes, in_process):
    result = processes["run"]
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "output #0: tensor<3xf32>"
    np.testing.assert_allclose(np.array(lines[1].strip("[]").split(), float), np.exp([0.0, 1.0, -1.0]), atol=1e-6)
    assert lines[2].startswith("check: output #0 ok")
    status, out, _ = in_process("tg-run", "good.mlir", "--input", "[0, 1, 2]")
    assert status == 0 and out.startswith("output #0: tensor<3xf32>\n")


# --- pass options, in process ---------------------------------------------------------------------


@pytest.fixture
def pass_with_options():
    """A pass registered for one test, with an option of each kind."""

    @register_pass("test-options")
    @dataclasses.dataclass
    class TestOptions:
        """A pass for testing options. It does nothing."""

        mode: typing.Literal["fast", "exact"] = option("fast", "how to run")
        max_elements: int = 16
        scale: float = 1.0
        enabled: bool = False
        axes: tuple[int, ...] = ()

        def run(self, module):
            pass

    yield TestOptions
    del PASSES["test-options"]


def test_pass_options_are_parsed_and_listed(pass_with_options):
    instance = make_pass("test-options", 'mode=exact max-elements=4096 scale=0.5 enabled=true axes={1,-2}')
    assert instance == pass_with_options("exact", 4096, 0.5, True, (1, -2))
    assert make_pass("test-options", "mode='fast'").mode == "fast"
    listed = tg_opt.list_passes()
    assert "  --test-options\n      A pass for testing options. It does nothing.\n" in listed
    assert "      mode=<fast|exact> (default fast): how to run\n" in listed
    assert "      max-elements=<int> (default 16)\n" in listed
    assert "      enabled=<bool> (default false)\n" in listed
    assert "      axes=<int,...> (default )\n" in listed


@pytest.mark.parametrize(
    "options, message",
    [
        ("mode=slow", "option 'mode' of pass 'test-options' expects fast|exact, got 'slow'"),
        ("max-elements=many", "option 'max-elements' of pass 'test-options' expects int, got 'many'"),
        ("enabled=maybe", "option 'enabled' of pass 'test-options' expects bool, got 'maybe'"),
        ("max_elements=3", "pass 'test-options' has no option 'max_elements' (options: mode, max-elements, scale, enabled, axes)"),
        ("mode", "option 'mode' of pass 'test-options' needs a value: mode=..."),
    ],
)
def test_bad_pass_options(pass_with_options, capsys, options, message):
    status = tg_opt.main(["-", f"--test-options={options}", "--dump-pipeline"])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.err == f"tg-opt: error: {message}\n"


def test_pass_options_in_a_pipeline(pass_with_options, capsys):
    status = tg_opt.main(["--pass-pipeline=builtin.module(test-options{mode=exact enabled=1}, func.func(cse))", "--dump-pipeline"])
    assert status == 0
    assert capsys.readouterr().out == "builtin.module(test-options{mode=exact enabled=1}, func.func(cse))\n"
