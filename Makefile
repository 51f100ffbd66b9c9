# Stancemap: build/test entry points (GNU make).
#
#   make run     start the dashboard on http://$(HOST):$(PORT)
#   make test    run the whole pytest suite (unit, golden, app, browser), with coverage of analysis/
#   make data    rebuild the tables of the default corpus into data/tables (python -m analysis build)
#   make lint    ruff check + ruff format --check + mypy analysis charts
#   make lock    regenerate requirements.txt / requirements-dev.txt (hashed) from the .in files
#   make venv / make dev-venv   only set up .venv (runtime / runtime + test tools)
#   make clean   remove caches and test output;  make distclean  also removes .venv and .cache
#
# Everything runs inside $(VENV), created on first use and re-synced whenever a lock changes.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY = $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8501

# Interpreter used to create the venv; the lock files are resolved for CPython 3.11.
PYTHON ?= python3
# pip inside the venv (trafilatura's dependencies need pip >= 24).
PIP_VERSION ?= 26.3
# Debian's Chromium, used by the Playwright browser tests (never `playwright install`).
CHROMIUM ?= /usr/bin/chromium
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-m 'not browser' -x"`.
PYTEST_ARGS ?=
# Line coverage of analysis/ (the pure core), printed after the tests: the files not fully
# covered and a TOTAL line. `make test COV_ARGS=` runs without measuring.
COV_ARGS ?= --cov=analysis --cov-report=term:skip-covered

# Lock tooling lives in its own small venv so it never leaks into the app's.
LOCK_VENV ?= .cache/lock-venv
UV_VERSION ?= 0.13.9
UV = $(LOCK_VENV)/bin/uv
# Extra arguments for the compile, e.g. `make lock LOCK_ARGS=--upgrade`
# or `make lock LOCK_ARGS="--upgrade-package plotly"`.
LOCK_ARGS ?=
UV_COMPILE = $(UV) pip compile --quiet --generate-hashes --no-header \
	--python-version 3.11 --python-platform linux $(LOCK_ARGS)
# Header written on top of each lock: $(call lock_header,IN-FILE,OUT-FILE)
lock_header = \
	'\# Full lock of $(1) with a sha256 for every file: pip hash-checks every package.' \
	'\# GENERATED - DO NOT EDIT. Edit $(1), then regenerate with:  make lock' \
	'\#   (uv $(UV_VERSION): uv pip compile --generate-hashes --python-version 3.11 --python-platform linux $(1) -o $(2))' \
	'\# Installed by make with:  pip install --require-hashes -r $(2)'

VENV_STAMP = $(VENV)/.stamp-venv
RUNTIME_STAMP = $(VENV)/.stamp-runtime
DEV_STAMP = $(VENV)/.stamp-dev

PIP_INSTALL = $(PY) -m pip install --no-input --require-hashes

.PHONY: help venv dev-venv run test data lint lock chromium clean distclean

help:
	@sed -n '1,/^$$/p' $(firstword $(MAKEFILE_LIST)) | sed -e 's/^# \{0,1\}//'

# ---------------------------------------------------------------------------- venv
$(VENV_STAMP):
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; \
		sys.exit(0) if v >= (3, 11) else sys.exit("Stancemap needs Python >= 3.11, got %d.%d; run make PYTHON=python3.11" % v); \
		v == (3, 11) or print("warning: the lock files are resolved for Python 3.11, this is %d.%d" % v)'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --no-input --upgrade "pip==$(PIP_VERSION)"
	@touch $@

$(RUNTIME_STAMP): requirements.txt $(VENV_STAMP)
	$(PIP_INSTALL) -r requirements.txt
	@touch $@

# Both files in one pip call, so pip sees the shared pins once and checks every hash.
$(DEV_STAMP): requirements.txt requirements-dev.txt $(RUNTIME_STAMP)
	$(PIP_INSTALL) -r requirements.txt -r requirements-dev.txt
	@touch $@

venv: $(RUNTIME_STAMP)

dev-venv: $(DEV_STAMP)

# ---------------------------------------------------------------------------- app
run: $(RUNTIME_STAMP)
	$(PY) -m streamlit run dashboard.py \
		--server.address $(HOST) --server.port $(PORT) \
		--browser.gatherUsageStats false --server.headless true

data: $(RUNTIME_STAMP)
	$(PY) -m analysis build --out data/tables --workers 2

# ---------------------------------------------------------------------------- checks
# Installs Debian's Chromium for the browser tests when it is missing and we are root;
# otherwise only says that those tests will be skipped.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "chromium: $$("$(CHROMIUM)" --version 2>/dev/null || echo "$(CHROMIUM)")"; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "chromium: $(CHROMIUM) missing, installing Debian's chromium"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	else \
		echo "*** $(CHROMIUM) not found and not root: browser tests (tests/browser) will be skipped." >&2; \
		echo "*** To run them: sudo apt-get install chromium" >&2; \
	fi

test: $(DEV_STAMP) chromium
	CHROMIUM_PATH="$(CHROMIUM)" $(PY) -m pytest $(COV_ARGS) $(PYTEST_ARGS)

# Runs all three checks, then fails if any of them failed.
lint: $(DEV_STAMP)
	@status=0; \
	echo "$(PY) -m ruff check ."; $(PY) -m ruff check . || status=1; \
	echo "$(PY) -m ruff format --check ."; $(PY) -m ruff format --check . || status=1; \
	echo "$(PY) -m mypy analysis charts"; $(PY) -m mypy analysis charts || status=1; \
	exit $$status

# ---------------------------------------------------------------------------- lock
$(UV):
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --no-input --quiet "uv==$(UV_VERSION)"

# Resolves against PyPI only (uv ignores pip.conf), for CPython 3.11 on Linux; every
# file of every pinned release gets a --hash line. Keeps existing pins unless asked
# (LOCK_ARGS=--upgrade). requirements-dev.in is constrained by requirements.txt.
lock: $(UV)
	$(call compile_lock,requirements.in,requirements.txt)
	$(call compile_lock,requirements-dev.in,requirements-dev.txt)

define compile_lock
$(UV_COMPILE) $(1) -o $(2)
{ printf '%s\n' $(call lock_header,$(1),$(2)); grep -v '^# ' $(2); } > $(2).tmp && mv $(2).tmp $(2)
endef

# ---------------------------------------------------------------------------- clean
clean:
	find . -path ./$(VENV) -prune -o -path ./.git -prune -o \
		-type d -name __pycache__ -print0 | xargs -0r rm -rf
	rm -rf .pytest_cache .mypy_cache .ruff_cache .hypothesis tests/output

distclean: clean
	rm -rf $(VENV) .cache
