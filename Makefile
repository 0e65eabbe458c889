# Two commands set everything up on a fresh machine (Python >= 3.11 with venv):
#   make run    create .venv, install, analyse the bundled example article into ./sahelwatch.duckdb
#   make test   create .venv, install, run the test suite
VENV ?= .venv
PYTHON ?= python3
STAMP := $(VENV)/.installed

.PHONY: run test eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/sahelwatch demo

test: $(STAMP)
	$(VENV)/bin/python -m pytest -q

eval: $(STAMP)
	$(VENV)/bin/python scripts/evaluate.py

clean:
	rm -rf $(VENV) out sahelwatch.duckdb
