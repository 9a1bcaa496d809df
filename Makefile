# Helix: `make run` starts a working installation, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install messages contract client app web lint migrate seed services-test drill fuzz bench clean

# The partner-plugin example (tests/plugins/language_buddy) is installed like a partner's plugin:
# its own distribution, found through its `helix.plugins` entry point. `make run` has it too, off in
# every project until a manager switches it on; `make contract` leaves it out (see below).
PARTNER_EXAMPLE := tests/plugins/language_buddy

$(STAMP): pyproject.toml $(PARTNER_EXAMPLE)/pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24" "setuptools>=69" wheel
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m pip install --quiet -e $(PARTNER_EXAMPLE)
	@touch $(STAMP)

install: $(STAMP) messages

# Compile the .po files of every app into .mo files (needs no gettext tools).
messages: $(STAMP)
	@$(PY) -m cms.i18n compile

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# `make run` builds the reference web app first when Node >= 20 is there (served at /); without
# Node, / stays the landing page.
run: seed app
	$(PY) manage.py run --host $(HOST) --port $(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

# The same suite against the real PostgreSQL, RabbitMQ and Redis of the machine.
services-test: install
	bash .ci/services

# The fault drill against the machine's PostgreSQL, RabbitMQ and Redis (bench/drill.py; see
# docs/operations.md, "Fault drill"): DRILL_ARGS=--short for the CI version.
drill: install
	$(PY) bench/drill.py $(DRILL_ARGS)

# Every benchmark at a small size, in a few minutes, and one table: ms, queries, the floor and the
# ratios (bench/all.py; bench/README.md). BENCH_ARGS=--full for the full sizes, --only pages,posts.
bench: install
	$(PY) bench/all.py $(BENCH_ARGS)

# The property-based run of the API for every role (tests/test_fuzz.py; docs/operations.md,
# "Fuzzing the API"): FUZZ_EXAMPLES cases per role, many more than CI's services leg runs.
FUZZ_EXAMPLES ?= 1000
fuzz: install
	HELIX_FUZZ=1 FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/test_fuzz.py -q -s -p no:warnings

# The committed contract is Helix's own: the core and the plugins pyproject.toml declares, not the
# other plugins installed here (tests/test_contract.py compares it the same way).
SHIPPED_PLUGINS = $(shell $(PY) -c 'import tomllib; print(",".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["entry-points"]["helix.plugins"]))')

contract: install
	HELIX_PLUGINS=$(SHIPPED_PLUGINS) $(PY) manage.py spectacular --file frontend-contract/openapi.yaml --validate
	$(PY) manage.py export_allauth_spec frontend-contract/allauth-openapi.yaml
	@if command -v node >/dev/null 2>&1; then \
		cd frontend-contract/client && { test -d node_modules || npm ci --no-audit --no-fund; } \
		&& npm run --silent generate && npm run --silent codes; \
	else echo "node not found: frontend-contract/client/src/generated/ not regenerated"; fi

# The TypeScript client package (frontend-contract/client): type check, unit tests, and the test
# that its generated types still match the committed contract.
client:
	cd frontend-contract/client && npm ci --no-audit --no-fund && npm test

# The reference web app (frontend-contract/app): `npm ci && npm run build` into dist/, which Django
# serves at / (cms/webapp.py). Skipped with a note when Node >= 20 is missing.
app:
	@if command -v node >/dev/null 2>&1 && node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then \
		cd frontend-contract/app && npm ci --no-audit --no-fund && npm run build; \
	else echo "Note: Node.js >= 20 not found, the reference web app (frontend-contract/app) is not built; / shows the landing page."; fi

# Vite's dev server for the web app on http://127.0.0.1:5173, proxying /api, /_allauth, /media and
# /documents to Helix: run `make run` in one terminal and `make web` in another.
web:
	cd frontend-contract/app && { test -d node_modules || npm ci --no-audit --no-fund; } && npx vite

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var
