# The front door. Every target calls the package's CLI or a tool; the logic lives in pipeline/.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test eval bench lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (Python 3.11 is required)"; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: setup
	$(BIN)/python -m pipeline run corpus --out outputs

# pytest exits 5 when it collects no test (e.g. a -k filter that matches nothing): say so, do not fail.
test: setup
	@$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests (exit 5)"; exit 0; fi; exit $$status

eval: setup
	$(BIN)/python -m pipeline eval --texts corpus/dev --gold tests/gold/dev --texts corpus/test --gold tests/gold/test

lint: setup
	$(BIN)/python -m ruff check pipeline tests

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
