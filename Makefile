# The index of commands. `make run` and `make test` are all a fresh machine with Python 3.11 needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PYTEST := $(PY) -m pytest -p no:cacheprovider

.DEFAULT_GOAL := help
.PHONY: help install run test test-unit test-integration test-e2e bench lint schemas schemas-check clean

help:                     ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,embedded]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)         ## create .venv and install everything (done by run and test)

run: install              ## start the whole network (embedded Postgres + broker unless DATABASE_URL / KAFKA_BOOTSTRAP_SERVERS are set)
	$(PY) -m deploy.local

test: install             ## every tier: unit, integration (real Postgres + broker), end-to-end through the gateway
	$(PY) -m ruff check .
	$(PY) -m schemas.generate --check
	$(PYTEST) -q tests

test-unit: install        ## fast tests, no infrastructure
	$(PYTEST) -q tests/unit

test-integration: install ## runtime and services against real Postgres and broker
	$(PYTEST) -q tests/integration

test-e2e: install         ## the whole network through the GraphQL gateway
	$(PYTEST) -q tests/e2e

lint: install             ## static checks (ruff)
	$(PY) -m ruff check .

bench: install            ## backbone throughput and latency next to raw baselines measured in the same run
	$(PY) -m tests.bench

schemas: install          ## regenerate JSON Schema and AsyncAPI of event contracts, and the GraphQL SDL
	$(PY) -m schemas.generate
	$(PY) -m schemas.asyncapi
	$(PY) -m gateway.export_schema

schemas-check: install    ## fail when committed schemas are stale or a contract change is breaking
	$(PY) -m schemas.generate --check

clean:                    ## remove the virtualenv and run state
	rm -rf $(VENV) .run
