# The two commands of the README. Each bootstraps .venv (the pinned dependencies of pyproject.toml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
BENCH_STAMP := $(VENV)/.bench-stamp

.PHONY: demo test lit pytest bench dialect clean

# NumPy is the demo's baseline: run it with OpenBLAS's own CPU detection (see the README).
demo: $(STAMP)
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python examples/demo.py

test: lit pytest

# tgraph against onnxruntime and NumPy (bench/run.py; BENCH_ARGS="--quick" for a smoke test). NumPy is
# a baseline here too: OpenBLAS's own CPU detection, as for the demo.
bench: $(BENCH_STAMP)
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python bench/run.py $(BENCH_ARGS)

lit: $(STAMP)
	$(BIN)/lit -sv test

# One pytest worker per core (pytest-xdist): the suite compiles thousands of small functions.
pytest: $(STAMP)
	$(BIN)/python -m pytest -q -n auto test/python

# Regenerate the checked-in dialect files (dialects/tg.irdl.mlir, dialects/tg.md).
dialect: $(STAMP)
	$(BIN)/python tools/gen_dialect.py

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# onnxruntime, the `bench` extra: only the benchmark needs it.
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	touch $(BENCH_STAMP)

clean:
	rm -rf $(VENV) build test/*/Output
