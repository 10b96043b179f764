# dtlib — every target sets up what it needs; `make` alone lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
CHROMIUM ?= /usr/bin/chromium

.DEFAULT_GOAL := help
.PHONY: help setup lock browser report test lint bench dashboard lab notebooks clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s "$$(printf '\t')"

# Installs exactly the pinned versions of the lock (`make lock` updates it); dtlib itself is editable.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/dtlib kernel install --sys-prefix > /dev/null
	touch $(STAMP)

setup: $(STAMP)  ## create .venv, install the locked dependencies and dtlib, register the `dtlib` kernel

# Keeps the pins already in the lock unless pyproject.toml forces a change; delete the lock to re-pin all.
lock:  ## re-pin every dependency (runtime + dev extra, Python 3.11) into requirements.lock with uv
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --universal --quiet \
	  --custom-compile-command "make lock" --annotation-style line --output-file $(LOCK)

browser:  ## install Debian's chromium for the browser tests (needs root or sudo)
	@test -x $(CHROMIUM) || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null; }

report: $(STAMP)  ## validate data/, build the reporting layer and render the quarterly reports
	$(BIN)/dtlib build
	$(BIN)/dtlib report

test: $(STAMP) browser  ## lint and run the whole test suite (notebooks, Spark and browser tests included)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff
	$(BIN)/ruff check .

bench: $(STAMP) browser  ## run the benchmarks and write benchmarks/results.json
	$(BIN)/python benchmarks/run_all.py

dashboard: $(STAMP)  ## serve the Voila leadership pages on 127.0.0.1 (HOST=… PORT=… to change)
	$(BIN)/python -m dtlib.dashboard.serve $(if $(HOST),--host $(HOST)) $(if $(PORT),--port $(PORT))

lab: $(STAMP)  ## JupyterLab on 127.0.0.1 (token, `dtlib` kernel, Vietnamese UI), opens the first exploration notebook
	$(BIN)/python -m dtlib.workbench.lab $(if $(PORT),--port $(PORT)) $(if $(LANGUAGE),--language $(LANGUAGE))

notebooks: $(STAMP)  ## regenerate the .ipynb files from their jupytext .py pairs
	$(BIN)/jupytext --sync notebooks/*.py notebooks/explore/*.py

clean:  ## remove generated reports (data/ is never touched)
	find reports -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
