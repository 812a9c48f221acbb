# The front door. Every target calls the package's CLI or a tool; the logic lives in pipeline/.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test eval bench bench-scale lint clean model

setup: $(STAMP)

# The browser tests drive Debian's chromium; the script installs it when missing (as root) or says why not.
.PHONY: browser report
browser:
	@sh tests/e2e/install-browser.sh

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (Python 3.11 is required)"; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The run writes the static report too (outputs/report/), inside the same atomic swap.
run: setup
	$(BIN)/python -m pipeline run corpus --out outputs

# pytest exits 5 when it collects no test (e.g. a -k filter that matches nothing): say so, do not fail.
test: setup browser
	@$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests (exit 5)"; exit 0; fi; exit $$status

# The report again, with the review decisions applied (outputs.review.sqlite).
report: setup
	$(BIN)/python -m pipeline export --out outputs --report

eval: setup
	$(BIN)/python -m pipeline eval --texts corpus/dev --gold tests/gold/dev --texts corpus/test --gold tests/gold/test \
		--texts corpus/heldout --gold tests/gold/heldout \
		--bank tests/gold/clauses/blind/vi-b.jsonl --bank tests/gold/clauses/blind/en-b.jsonl \
		--bank tests/gold/clauses/blind/vi-n.jsonl --bank tests/gold/clauses/blind/en-n.jsonl

# The commitment clause models (pipeline/models/commitment_clauses/), from the dev split and the clause bank;
# the same data give the same files, byte for byte.
model: setup
	$(BIN)/python -m pipeline.training

# Pipeline against raw underthesea.ner on the same sentences, 1 vs 2 workers, memory, start-up, incremental run.
bench: setup
	$(BIN)/python -m pipeline.bench

# 10,000 generated bulletins on all cores with the cache, then one more: memory and the incremental re-run.
bench-scale: setup
	$(BIN)/python -m pipeline.bench --scale 10000

# ruff, mypy, and the import contracts of pyproject.toml (the flow's layers, no import circles).
lint: setup
	$(BIN)/python -m ruff check pipeline tests
	$(BIN)/python -m mypy pipeline
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
