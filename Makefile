# Ishreja: every set-up step is here, so a fresh machine needs only `make run` or `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/ishreja
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help run serve install install-dev chromium lint format test test-sqlite test-postgres bench messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed ## Create .venv and install the product

install-dev: $(VENV)/.installed-dev ## Install the product with test and lint tools

run: install ## Migrate SQLite, load reference data and the demo, serve on http://127.0.0.1:8000
	DEBUG=1 $(BIN)/ishreja migrate --no-input -v0
	DEBUG=1 $(BIN)/ishreja loaddemo
	@echo "Ishreja: http://127.0.0.1:8000  (to'xtatish: Ctrl+C)"
	DEBUG=1 $(BIN)/ishreja runserver 127.0.0.1:8000

chromium: ## Install Debian's Chromium (browser tests) and Liberation fonts (PDF exports) when missing
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	  [ -e /usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf ] || missing="$$missing fonts-liberation"; \
	  if [ -n "$$missing" ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	  fi

lint: install-dev ## ruff (lint + format check) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy ishreja

format: install-dev ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test-sqlite: install-dev chromium ## The whole suite on SQLite
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: install-dev chromium ## The whole suite on PostgreSQL (DATABASE_URL or the local server)
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(BIN)/pytest

test: lint test-sqlite ## Lint, then the suite on SQLite and, when a server is reachable, on PostgreSQL
	@if [ -n "$$DATABASE_URL" ] || $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  $(MAKE) --no-print-directory test-postgres; \
	else echo "PostgreSQL is not reachable: the suite ran on SQLite only."; fi

bench: install-dev ## Benchmarks (medians and ratios to a baseline), see bench/
	@for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

messages: install-dev ## Extract translatable strings into ishreja/locale
	cd ishreja && ../$(BIN)/ishreja makemessages -l ru --no-location

clean: ## Remove the virtualenv, the SQLite database and caches
	rm -rf $(VENV) var .mypy_cache .ruff_cache .hypothesis
