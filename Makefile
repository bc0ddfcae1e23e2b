# Two commands on a fresh machine with Python 3.11: `make demo`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint types unit tz-check fuzz bench mutation docs-rules docs-trace docs-images screenshots clean

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

# The whole suite in UTC, under a fresh random hash seed each run (set and
# dict order of strings differs from run to run).
unit: $(STAMP)
	TZ=UTC PYTHONHASHSEED=random $(BIN)/pytest -q

# Results must never depend on the machine: rerun the timezone-sensitive
# tests under zones far from London and UTC, each under a fixed hash seed
# different from the other (and, almost surely, from the unit run's).
# tests/test_machine_independence.py compares the command's whole output
# across processes with other seeds and zones.
tz-check: $(STAMP)
	TZ=America/New_York PYTHONHASHSEED=0 $(BIN)/pytest -q -m tz tests
	TZ=Asia/Kolkata PYTHONHASHSEED=4242 $(BIN)/pytest -q -m tz tests

test: lint types unit tz-check

# Fresh random examples, many more of them (not in CI: slow, and may find new things).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=thorough $(BIN)/pytest -q tests

# Mutation testing of the policy modules (slow; not in CI); prints a score per module.
# Runs on a scratch copy (build/mutation), never on the work tree; see docs/quality.md.
# One module:  make mutation MODULE=carerules._charging._cancellation TESTS=tests/charging
# Everything:  make mutation   (hours on a small machine)
MODULE ?=
TESTS ?=
MUTATION_JOBS ?= 1
MUTATION_DIR := build/mutation
mutation: $(STAMP)
	$(BIN)/python -m pip install --quiet "mutmut>=3.3"
	rm -rf $(MUTATION_DIR) && mkdir -p $(MUTATION_DIR)
	git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C $(MUTATION_DIR)
	$(BIN)/python benchmarks/mutation_prepare.py $(MUTATION_DIR) $(if $(MODULE),--module $(MODULE)) $(if $(TESTS),--tests $(TESTS))
	cd $(MUTATION_DIR) && HYPOTHESIS_PROFILE=mutation $(abspath $(BIN))/mutmut run --max-children $(MUTATION_JOBS) || true
	cd $(MUTATION_DIR) && $(abspath $(BIN))/python benchmarks/mutation_scores.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pricing.py
	$(BIN)/python benchmarks/bench_matching.py
	$(BIN)/python benchmarks/bench_care.py
	$(BIN)/python benchmarks/bench_tariff.py
	$(BIN)/python benchmarks/bench_scale.py
	$(BIN)/python benchmarks/bench_invoices.py
	$(BIN)/python benchmarks/bench_perrow.py
	$(BIN)/python benchmarks/bench_cancellations.py
	$(BIN)/python benchmarks/bench_guard.py
	$(BIN)/python benchmarks/bench_pay.py
	$(BIN)/python benchmarks/bench_frames.py --dask

docs-rules: $(STAMP)
	$(BIN)/python -m carerules rules --markdown > docs/rules.md
	$(BIN)/python -m carerules policy schema > docs/policy.schema.json

# The rule -> tests section of docs/traceability.md, scanned from the test files.
docs-trace: $(STAMP)
	$(BIN)/python -m tests._traceability --write

# The charts of docs/notebook.md, drawn by the page's own code (checked in; the page runs under `make test`).
docs-images: $(STAMP)
	CARERULES_DOCS_IMAGES=docs/images $(BIN)/pytest -q docs/notebook.md

# Screenshots of the HTML displays in headless Chromium, into build/screens (needs chromium; not CI).
screenshots: $(STAMP)
	$(BIN)/python docs/_screens.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .hypothesis
