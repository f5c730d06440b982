# The few things people run. Each target creates the virtual environment from nothing if needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: venv run test lint format bench screenshot clean

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## Start the dashboard on the demo council (creates data/readiness.db on first run).
run: venv
	$(PY) -m readiness init --demo
	$(PY) -m streamlit run app.py

## Run every test: rules, database (SQLite, and PostgreSQL if TEST_DATABASE_URL is set),
## pages through AppTest, and the browser tests in Chromium.
test: venv
	$(PY) -m pytest

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## Print the warm run time of each page against an empty Streamlit page.
bench: venv
	$(PY) scripts/bench.py

## Retake the README screenshot of the Overview in a real browser.
screenshot: venv
	$(PY) scripts/screenshot.py --out docs/overview.png

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
