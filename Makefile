# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
LAKE   ?= lake

.PHONY: run test lint bench docs lock clean help stream-demo

help:
	@echo "make run    set up .venv and run the demo: a bundled news site ingested into ./$(LAKE)"
	@echo "make test   set up .venv and run the test suite"
	@echo "make lint   ruff check"
	@echo "make stream-demo  the streaming job for a minute on the Pub/Sub emulator and the demo site"
	@echo "make bench  throughput benchmarks"
	@echo "make docs   regenerate the README's table reference from schemas/"
	@echo "make lock   re-resolve constraints.txt from pyproject.toml"

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

run: $(STAMP)
	$(BIN)/wirelake demo --lake $(LAKE)

stream-demo: $(STAMP)
	$(BIN)/python -m wirelake.pipelines.stream_demo --seconds 60 --lake lake-stream

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python bench/pipeline_bench.py

docs: $(STAMP)
	$(BIN)/python -m wirelake.schemas.docs README.md

# Resolve the newest versions allowed by pyproject.toml in a scratch venv and record them.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check '.[test]'
	.lock-venv/bin/pip freeze --exclude wirelake | grep -v '^-e' > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) $(LAKE) lake-stream .pytest_cache build *.egg-info
