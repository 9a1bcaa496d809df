# Helix: `make run` starts a working installation, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install messages contract lint migrate seed services-test clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24" "setuptools>=69" wheel
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

install: $(STAMP) messages

# Compile the .po files of every app into .mo files (needs no gettext tools).
messages: $(STAMP)
	@$(PY) -m cms.i18n compile

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	$(PY) manage.py run --host $(HOST) --port $(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

# The same suite against the real PostgreSQL, RabbitMQ and Redis of the machine.
services-test: install
	bash .ci/services

contract: install
	$(PY) manage.py spectacular --file frontend-contract/openapi.yaml --validate
	$(PY) manage.py export_allauth_spec frontend-contract/allauth-openapi.yaml

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var
