# Two commands: `make run` serves the app, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck pytest screenshots bench clean

install: $(STAMP)

$(STAMP): pyproject.toml $(wildcard pwa/package-lock.json)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	if [ -f pwa/package-lock.json ]; then cd pwa && npm ci --no-audit --no-fund --silent; fi
	touch $(STAMP)

run: install
	SIFASUO_ENV=$${SIFASUO_ENV:-development} $(BIN)/sifasuo migrate
	SIFASUO_ENV=$${SIFASUO_ENV:-development} $(BIN)/sifasuo seed-demo --if-empty
	SIFASUO_ENV=$${SIFASUO_ENV:-development} $(BIN)/sifasuo serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/python -m pytest

test: lint typecheck pytest

screenshots: install
	$(BIN)/python -m tests.browser.screenshots docs/screenshots

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache pwa/node_modules
