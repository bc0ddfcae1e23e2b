# Two commands on a fresh machine with Python 3.11: `make demo`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint types unit tz-check bench docs-rules clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/carerules

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

# Results must never depend on the machine's timezone: rerun the
# timezone-sensitive tests under zones far from London.
tz-check: $(STAMP)
	TZ=America/New_York $(BIN)/pytest -q -m tz tests
	TZ=Asia/Kolkata $(BIN)/pytest -q -m tz tests

test: lint types unit tz-check

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pricing.py
	$(BIN)/python benchmarks/bench_matching.py

docs-rules: $(STAMP)
	$(BIN)/python -m carerules rules --markdown > docs/rules.md

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .hypothesis
