# `make run`: set everything up and serve the app with real sample data.
# `make test`: the same setup, then lint, format check, migrations check and the test suite.
# Both are quick when nothing changed: the environment is rebuilt only when a lock file does.

SHELL := /bin/bash
.DEFAULT_GOAL := run
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST_PORT ?= 127.0.0.1:8000

.PHONY: run setup test lint lock clean-db help score

help:
	@echo "make run   - set up and serve http://$(HOST_PORT)/ with sample data"
	@echo "make test  - set up, then ruff, makemigrations --check and pytest"
	@echo "make lock  - recompile requirements*.lock from requirements*.in"
	@echo "make score - extraction scores on the sample, development and held-out test readouts"

# Find an interpreter by running candidates (some shims exist but exit non-zero), newest first.
$(PY):
	@python=""; \
	for candidate in "$$PYTHON" python3.14 python3.13 python3.12 python3 \
	    $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/*/bin/python3 2>/dev/null | sort -rV); do \
	  [ -n "$$candidate" ] || continue; \
	  if "$$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    python="$$candidate"; break; \
	  fi; \
	done; \
	if [ -z "$$python" ]; then \
	  echo "No Python 3.12 or newer found: install one, or set PYTHON=/path/to/python3.12." >&2; exit 1; \
	fi; \
	echo "Creating $(VENV) with $$python ($$("$$python" --version))"; \
	"$$python" -m venv $(VENV)

$(STAMP): $(PY) requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $(STAMP)

setup: $(STAMP)

run: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_sample_data
	$(PY) manage.py ensure_dev_editor
	$(PY) manage.py runserver $(HOST_PORT)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

test: lint
	$(PY) -m pytest

# Extraction scores on the samples, the development and the held-out test corpus, with the
# shared scorer, against a freshly migrated database (no sample data, no editors' changes).
SCORE_DB := $(CURDIR)/.score.sqlite3
score: setup
	rm -f $(SCORE_DB)
	DATABASE_URL=sqlite:///$(SCORE_DB) $(PY) manage.py migrate --no-input -v 0
	for set in tests/ingest/readouts tests/ingest/corpus/dev tests/ingest/corpus/test; do \
	  echo "== $$set"; \
	  DATABASE_URL=sqlite:///$(SCORE_DB) python3 ../shared/tools/score_ingestion.py \
	    --truth $$set/truth.jsonl \
	    --cmd '$(PY) manage.py ingest_readout --dry-run --format json {file}' | tail -n 10; \
	done

# uv resolves for every platform and Python >= 3.12 at once; it never fetches an interpreter here.
# uv is pinned so that the same .in files give the same locks whenever they are compiled.
lock: $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.9
	for name in requirements requirements-dev; do \
	  UV_PYTHON_DOWNLOADS=never $(VENV)/bin/uv pip compile --universal --python-version 3.12 \
	    --generate-hashes --quiet $$name.in -o $$name.lock || exit 1; \
	done

clean-db:
	rm -f db.sqlite3
