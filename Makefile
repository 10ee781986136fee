# kg: common tasks. `make test` is the test command of the README and of CI.
#
#   make test      install dependencies if needed, then the whole pytest suite (integration included;
#                  Neo4j comes from NEO4J_URI/KG_NEO4J_URI, else Docker, else kg's managed server)
#   make run       the main job: `kg up` (Neo4j, schema, ingest data/sample, GraphQL API)
#   make lint      ruff + mypy (strict)
#   make web-assets  npm ci in kg/web and copy the map's and GraphiQL's files into kg/web/static/vendor
#   make unit      unit tests only (no Neo4j, no Java)
#   make fuzz      a long GraphQL fuzz of the API on a real Neo4j (FUZZ_EXAMPLES per kind, default 2000)

PYTHON ?= python3
PIP ?= $(PYTHON) -m pip
# The `kg` command, without relying on pip's script directory being on PATH.
KG ?= $(PYTHON) -c 'from kg.cli import main; main(prog_name="kg")'
PYTEST_ARGS ?=
DEPS_STAMP := build/.deps-installed
SAMPLE ?= data/sample
# The sample article carries no date of its own; relative dates ('on Wednesday') resolve against it.
SAMPLE_PUBLISHED ?= 2022-09-15

FUZZ_EXAMPLES ?= 2000

.PHONY: help deps web-assets test unit integration lint fuzz run neo4j-jars neo4j-start neo4j-stop neo4j-status

help:
	@sed -n 's/^#   //p' $(MAKEFILE_LIST)

# Reinstalls when pyproject.toml changed since the last install or an import is missing.
deps:
	@if [ pyproject.toml -nt $(DEPS_STAMP) ] || \
	    ! $(PYTHON) -c 'import kg, pytest, pytest_asyncio, testcontainers, ruff, mypy, playwright, trafilatura' >/dev/null 2>&1; then \
	  echo "Installing kg and its dev dependencies"; \
	  $(PIP) install -e '.[dev]' && mkdir -p $(dir $(DEPS_STAMP)) && touch $(DEPS_STAMP); \
	fi

# The front-end packages (npm, locked in kg/web/package-lock.json) that kg serves itself: the map
# at / and GraphiQL at /graphql load nothing from the internet. A no-op when already copied.
web-assets: deps
	$(PYTHON) -m kg.web.assets

# Fetch the managed Neo4j's jars up front (visible progress, retried) when the tests will need
# them: no Neo4j URI given. Warms ~/.m2, so the test session only copies jars.
neo4j-jars: deps
	@if [ -z "$${NEO4J_URI:-}$${KG_NEO4J_URI:-}" ]; then $(KG) neo4j install; fi

# pytest's own exit status is kept: 5 (no tests collected) fails like any other failure.
test: deps web-assets neo4j-jars
	$(PYTHON) -m pytest $(PYTEST_ARGS)

unit: deps
	$(PYTHON) -m pytest tests/unit $(PYTEST_ARGS)

integration: deps web-assets neo4j-jars
	$(PYTHON) -m pytest -m "integration or api" $(PYTEST_ARGS)

# The CI suite runs the same fuzz with a few dozen examples per kind; this is the long run.
fuzz: deps neo4j-jars
	KG_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PYTHON) -m pytest -s tests/reliability/test_graphql_fuzz.py $(PYTEST_ARGS)

lint: deps
	$(PYTHON) -m ruff check .
	$(PYTHON) -m mypy

run: deps web-assets
	$(KG) up $(SAMPLE) --published $(SAMPLE_PUBLISHED)

neo4j-start: deps
	$(KG) neo4j start

neo4j-stop: deps
	$(KG) neo4j stop

neo4j-status: deps
	$(KG) neo4j status
