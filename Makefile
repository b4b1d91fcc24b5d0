# Fondsbeveiliging: the front door. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PROJECT_ENVIRONMENT := .venv
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
# The venv uses Debian's python3.11 when the machine has it: a static build with
# profile-guided and link-time optimisation, which renders letters ~20% faster than the
# shared-library build without them that pyenv's default python3 is here (measured with
# benchmarks/brieven_task.py). Override with `make UV_PYTHON=...`.
UV_PYTHON ?= $(shell test -x /usr/bin/python3.11 && echo /usr/bin/python3.11)
ifneq ($(UV_PYTHON),)
export UV_PYTHON
endif
RUN := $(UV) run --frozen
PORT ?= 8000
PG_HOST ?= 127.0.0.1
PG_PORT ?= 5432
REDIS_HOST ?= 127.0.0.1
REDIS_PORT ?= 6379

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "} {printf "  make %-14s %s\n", $$1, $$2}'

$(UV):
	@python3 -m venv .tools && .tools/bin/pip install --quiet 'uv==0.13.9'

.env:
	cp .env.example .env

.PHONY: system-deps
system-deps: ## Install Debian packages for PDFs and browser tests (when missing)
	@bash scripts/system-deps.sh

.PHONY: install
install: $(UV) .env system-deps ## Create .venv with the locked dependencies
	$(UV) sync --frozen

.PHONY: services-check
services-check:
	@bash scripts/check-services.sh $(PG_HOST) $(PG_PORT) $(REDIS_HOST) $(REDIS_PORT)

.PHONY: clamd
clamd: ## Start ClamAV's clamd for the upload scan (installs it when missing)
	@bash scripts/clamd.sh

.PHONY: setup
setup: install services-check clamd ## Database, migrations, static files and demo data
	@bash scripts/create-db.sh
	$(RUN) python manage.py migrate --noinput
	$(RUN) python manage.py collectstatic --noinput -v 0
	SITE_URL=$${SITE_URL:-http://localhost:$(PORT)} $(RUN) python manage.py demo_data

.PHONY: run
run: setup ## Set up and run web, worker and beat (Ctrl-C stops all)
	@bash scripts/run-all.sh $(PORT)

.PHONY: test
test: install services-check clamd ## Install test needs and run the whole suite (lint included)
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) lint-imports --no-cache
	$(RUN) python manage.py makemigrations --check --dry-run
	@bash scripts/check-deploy.sh
	@bash scripts/browser-deps.sh
	@# Tests queue on their own Redis database, away from a `make run` worker on db 0.
	REDIS_URL=redis://$(REDIS_HOST):$(REDIS_PORT)/15 CELERY_BROKER_URL=redis://$(REDIS_HOST):$(REDIS_PORT)/15 \
		$(RUN) pytest --create-db $(PYTEST_ARGS)

.PHONY: loadtest
loadtest: install services-check clamd ## Load test: 200 users for 4 min on 127.0.0.1 (Locust), prints p50/p95/p99
	PG_HOST=$(PG_HOST) PG_PORT=$(PG_PORT) REDIS_HOST=$(REDIS_HOST) REDIS_PORT=$(REDIS_PORT) \
		bash loadtest/run.sh

.PHONY: lint
lint: ## Format and lint the code
	$(RUN) ruff format .
	$(RUN) ruff check --fix .
