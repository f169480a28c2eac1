# Two commands on a fresh machine: `make run` (serve the app with demo data) and `make test` (the whole suite).
# Both build .venv first; requirements are reinstalled only when a requirements file changes.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
# A developer machine: a random secret key kept in .data/secret_key (the settings refuse to start without one),
# served over plain HTTP on 127.0.0.1. Set either variable to override.
export DJANGO_SECRET_KEY ?= $(shell mkdir -p .data && { [ -s .data/secret_key ] || \
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > .data/secret_key; } && cat .data/secret_key)
export KB_HTTPS ?= false
PY := $(VENV)/bin/python

.PHONY: run test venv db-stop check

run: $(VENV)/.runtime-installed
	scripts/run.sh

test: $(VENV)/.dev-installed
	scripts/test.sh $(PYTEST_ARGS)

venv: $(VENV)/.dev-installed

db-stop: $(VENV)/.runtime-installed
	$(PY) manage.py embedded_db stop

check: $(VENV)/.dev-installed
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed
