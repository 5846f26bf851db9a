# gpfed: the two commands are `make run` and `make test`; see README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test test-unit test-integration lint format asyncapi openapi client migrate bench demo clean lock

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Re-install only when the lock or the project metadata changes.
$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/gpfed run

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy shared gpfed services
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

asyncapi: $(STAMP)
	$(BIN)/gpfed asyncapi --out docs/asyncapi.json

# docs/openapi/<service>.json from the apps, then the client generated from them (offline).
openapi: $(STAMP)
	$(BIN)/python -m gpfed.openapi documents --out docs/openapi
	$(MAKE) client

# clients/python/gpfed_client from the committed docs/openapi (openapi-python-client).
client: $(STAMP)
	$(BIN)/python -m gpfed.openapi client --documents docs/openapi --out clients/python/gpfed_client

migrate: $(STAMP)
	$(BIN)/gpfed migrate --service all

# Regenerate requirements.lock from pyproject.toml (exact versions and hashes for all).
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
		--no-header --output-file requirements.lock

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache

# Throughput, latency and memory against the raw limits of PostgreSQL and the broker; writes
# bench-results.json. Own databases (gpfed_bench_*), broker and service processes.
bench: $(STAMP)
	$(BIN)/python -m tests.perf.bench

# The hub saga through the REST APIs, against a suite started by `make run` (127.0.0.1:8001-8004,
# or GPFED_DEMO_<SERVICE>_URL); exits 0 only if every check holds.
demo: $(STAMP)
	$(BIN)/python -m gpfed.demo
