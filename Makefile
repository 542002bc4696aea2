# Pårørendekraft: `make run` starts everything, `make test` runs the whole suite.
# Both install what they need from nothing (a virtualenv in .venv).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CONSOLE := services/console

.PHONY: install console-assets contract-node browser run test test-fast lint typecheck schemas configdoc compose compose-check bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) console-assets contract-node

console-assets:  ## DKFDS for the console (and oidc-provider for its sign-in test), from npm, pinned by package-lock.json
	@test -d $(CONSOLE)/node_modules/oidc-provider || { \
		command -v npm >/dev/null || (apt-get update && apt-get install -y npm); \
		cd $(CONSOLE) && npm ci --no-audit --no-fund; }

contract-node:  ## the Node.js subscriber of the contract test (kafkajs, cloudevents, ajv), pinned by package-lock.json
	@test -d tests/contract/node/node_modules || { \
		command -v npm >/dev/null || (apt-get update && apt-get install -y npm); \
		cd tests/contract/node && npm ci --no-audit --no-fund; }

browser:  ## Debian's Chromium for the console's browser tests (Playwright drives it)
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

run: install  ## start the whole system (embedded broker, SQLite under ./var)
	$(BIN)/pkraft run

test: install browser lint  ## lint, then the whole suite: unit, integration (PostgreSQL, broker), scenarios
	$(BIN)/pytest -q

test-fast: install  ## unit tests only
	$(BIN)/pytest -q -m "not postgres and not kafka and not slow"

lint: install  ## ruff, mypy --strict, import contracts, contract compatibility
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy services shared pkraft
	$(BIN)/lint-imports
	$(BIN)/python -m shared.contracts.compat docs/events  # contracts still read by old subscribers

schemas: install  ## regenerate docs/events/ from the wire contracts
	$(BIN)/python -m shared.contracts.schemas docs/events

configdoc: install  ## regenerate docs/configuration.md from the settings classes
	$(BIN)/python -m pkraft.configdoc docs/configuration.md

compose: install  ## regenerate docker-compose.yml from pkraft/processes.py and the settings
	$(BIN)/python infra/compose.py > docker-compose.yml.tmp && mv docker-compose.yml.tmp docker-compose.yml

compose-check: install  ## validate docker-compose.yml with the Compose binary, lint the Dockerfile
	$(BIN)/docker-compose -f docker-compose.yml config -q
	$(BIN)/hadolint infra/Dockerfile
	$(BIN)/pytest -q tests/ops -m "not slow"

bench: install  ## benchmarks (all, or BENCH="cases_commands cold_reads"); results go to docs/benchmarks.md
	$(BIN)/python -m bench.run $(BENCH)

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
