# Hearth: one command per job. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
HEARTH := $(BIN)/hearth
DB ?= postgres
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
SIZE ?= demo
PORT ?= 8000
WORKERS ?= 2

ifeq ($(DB),sqlite)
TEST_DATABASE_URL := sqlite:///$(CURDIR)/var/test.sqlite3
else
TEST_DATABASE_URL := $(PG_URL)
endif

.PHONY: help install run test lint bench messages clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo "  Options: make test DB=sqlite (default DB=postgres at $(PG_URL)) WORKERS=2 (test processes); make run SIZE=tiny|demo|large"

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(BIN)/python || $$(scripts/find-python) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.9
	@$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	@$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $@

install: $(VENV)/.installed ## Create .venv with the pinned dependencies and the `hearth` command

run: install ## Install, migrate, seed the demo CoC and serve http://127.0.0.1:8000/
	@DEBUG=1 $(HEARTH) migrate --verbosity 0
	@DEBUG=1 $(HEARTH) seed-demo --size $(SIZE) --seed 1 --if-empty
	@echo "Demo mode: the second factor is not enforced (HEARTH_ENFORCE_MFA=0); production enforces it."
	@DEBUG=1 HEARTH_ENFORCE_MFA=0 $(HEARTH) runserver 127.0.0.1:$(PORT)

lint: install ## ruff, mypy, migrations and generated code up to date
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy hearth
	DEBUG=1 $(HEARTH) makemigrations --check --dry-run --verbosity 0
	DEBUG=1 $(HEARTH) hud-generate --check

test: install ## Install and run the whole suite (lint, unit, browser) on PostgreSQL, or DB=sqlite
	@if [ "$(DB)" != sqlite ]; then scripts/ensure-postgres; fi
	@scripts/ensure-chromium
	@scripts/ensure-gettext
	@$(MAKE) --no-print-directory lint
	DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest -n $(WORKERS) --dist loadscope

bench: install ## Benchmarks (results in benchmarks/results/); BENCH=name runs one
	@scripts/ensure-postgres
	DATABASE_URL=$(PG_URL) $(BIN)/python -m benchmarks $(BENCH)

messages: install ## Update and compile the Spanish translations (project catalog and each app's own)
	@apps="$$(ls -d hearth/*/locale 2>/dev/null | xargs -rn1 dirname | xargs -rn1 basename)"; \
	set -f; ignore=""; for app in $$apps; do ignore="$$ignore --ignore $$app/*"; \
	  (cd hearth/$$app && DEBUG=1 ../../$(HEARTH) makemessages --locale es --no-obsolete \
	   && DEBUG=1 ../../$(HEARTH) compilemessages --locale es); done; \
	cd hearth && DEBUG=1 ../$(HEARTH) makemessages --locale es --no-obsolete $$ignore \
	  && DEBUG=1 ../$(HEARTH) compilemessages --locale es --ignore '*/*/locale'

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) var
