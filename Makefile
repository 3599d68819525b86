# Two commands: `make run` serves the app, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install browser run test lint typecheck pytest screenshots bench clean

install: $(STAMP)

$(STAMP): pyproject.toml $(wildcard pwa/package-lock.json)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# face_recognition names "dlib" as its dependency; dlib-bin (in pyproject.toml)
	# is that module as a wheel, so the package goes in without its own deps.
	$(BIN)/python -m pip install --quiet --no-deps 'face_recognition==1.3.0'
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

# The browser tests drive Debian's Chromium; install it when it is missing
# and we may (root with apt). Otherwise the tests say loudly what is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: browser tests will be skipped (failed under CI=true)"; fi; }

pytest: install browser
	$(BIN)/python -m pytest

test: lint typecheck pytest

# The screenshots show Chinese: without a CJK font Chromium draws boxes.
screenshots: install browser
	@fc-list :lang=zh 2>/dev/null | grep -q . || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; \
	  else echo "no Chinese font (fonts-noto-cjk): the screenshots will show boxes"; fi; }
	$(BIN)/python -m tests.browser.screenshots docs/screenshots

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache pwa/node_modules
