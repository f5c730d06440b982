# The few things people run. Each target creates the virtual environment from nothing if needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: venv run test test-all lint format bench screenshot clean

venv: $(VENV)/.installed

# The requirements at the exact versions requirements.lock pins, where it is there, so CI,
# developers and a council's server install the same versions.
LOCK := $(wildcard requirements.lock)

$(VENV)/.installed: requirements.txt requirements-charts.txt requirements-dev.txt $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt $(if $(LOCK),-c $(LOCK))
	touch $@

## Start the dashboard on the demo council (creates data/readiness.db on first run).
run: venv
	$(PY) -m readiness init --demo
	$(PY) -m streamlit run app.py

## The everyday run: every test but those marked slow (the kill loops, the 1,000-file import
## fuzz): rules, database (SQLite, and PostgreSQL if TEST_DATABASE_URL is set), pages through
## AppTest, and the browser tests in Chromium (most of its time), spread over the machine's
## cores (pytest-xdist; each test has its own databases). About 8 minutes on two busy cores.
test: venv
	$(PY) -m pytest -m "not slow" -n auto

## Every test, the slow ones too: what CI runs.
test-all: venv
	$(PY) -m pytest

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## Print the figures the project is judged on: each page's warm CPU time against an empty page
## at 1x, 10x and 100x the demo plan (SQLite, and PostgreSQL if TEST_DATABASE_URL is set), the
## first RAG word in Chromium against a trivial app, a server's memory per session and its cold
## first page beside a trivial app's, a 10,000-action import, the Overview's wall
## time while another session's KPI upload is read (in the limited reader, and as before in the
## server's process) against the Overview alone, and the KPI bomb corpus refused.
## `make bench BENCH_ARGS=--quick` checks the demo size on SQLite in under a minute.
bench: venv
	$(PY) scripts/bench.py $(BENCH_ARGS)

## Retake the README screenshots in a real browser.
screenshot: venv
	$(PY) scripts/screenshot.py --out-dir docs

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
