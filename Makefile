# One command to open the app on a demo database, one to run every test.
#   make run    sets up .venv if needed and opens the desk app on a demo database
#   make test   sets up .venv (with test tools) if needed, runs the static checks, then the whole test suite
#   make check  the static checks alone: ruff (lint), mypy (core, services, sync, server, desk)
#   make catalogues  extracts the translatable strings, merges them into pl / gd and compiles (Babel)
#   make bench  runs the performance harness (budget scale; add QUICK=1 for a small one)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run check test bench clean catalogues

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

run: $(VENV)/.installed
	$(BIN)/visitorcentre --demo

check: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: check
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

catalogues: $(VENV)/.installed
	$(BIN)/python tools/catalogues.py all

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py $(if $(QUICK),--quick) --json benchmarks/out/results.json

clean:
	rm -rf $(VENV) build *.egg-info
