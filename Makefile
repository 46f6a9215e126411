# MutualDesk: `make run` starts the app, `make test` runs every check.
# Both create the virtual environment and install what is needed first.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# The counter's piles in C (app/services/counting/_cpiles.c), rebuilt when the source changes.
CPILES := app/services/counting/.cpiles-built

.PHONY: run test lint format typecheck pytest sysdeps bench bench-count screenshots clean bundle bundle-test server server-stop

run: $(STAMP) $(CPILES)
	$(PY) -m app

test: $(STAMP) $(CPILES) lint typecheck pytest

lint: $(STAMP)
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-logo

typecheck: $(STAMP)
	$(PY) -m mypy

# In parallel, one worker per core; the fifteen slowest tests are printed at the end. The
# service, report and command-line tests run a second time, at once, on PostgreSQL.
pytest: $(STAMP) $(CPILES)
	PY=$(PY) sh scripts/test_both.sh

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: $(STAMP)
	$(PY) bench/startup.py

# The counter against pyrankvote and stvpoll (installed here for the benchmark only).
BENCH_STAMP := $(VENV)/.bench-peers

$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[bench]"
	touch $@

bench-count: $(BENCH_STAMP) $(CPILES)
	PYTHONPATH=. $(PY) bench/count_ballots.py

# The one-folder program (PyInstaller) and its smoke test; see installer/README.md.
BUNDLE_STAMP := $(VENV)/.bundle-tools

$(BUNDLE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[bundle]"
	touch $@

bundle: $(BUNDLE_STAMP) $(CPILES)
	$(PY) installer/build.py

bundle-test: bundle
	$(PY) installer/smoke_test.py build/dist/mutualdesk

# A local PostgreSQL server for trying a federation (in .pgserver/, port 54329), with a
# demo federation of three centres in its database `federation` the first time.
SERVER_URL := postgresql://postgres@127.0.0.1:54329/federation

server: $(STAMP) $(CPILES)
	$(PY) scripts/pg_server.py start .pgserver
	$(PY) -c "import sys; sys.path.insert(0, 'scripts'); import pg_server; pg_server.create_database(pg_server.url(), 'federation')"
	$(VENV)/bin/mutualdesk list organisations --db $(SERVER_URL) --json 2>/dev/null | grep -q '"id"' || \
		$(VENV)/bin/mutualdesk demo --db $(SERVER_URL) --centres 3
	@echo "The server is running: mutualdesk --db $(SERVER_URL)  (make server-stop stops it)"

server-stop:
	$(PY) scripts/pg_server.py stop .pgserver

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py docs/screenshots

# System libraries Qt needs, python3-venv, fonts; installed only where missing.
sysdeps:
	sh scripts/install-system-deps.sh

$(STAMP): pyproject.toml | sysdeps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(CPILES): app/services/counting/_cpiles.c scripts/build_cpiles.py $(STAMP)
	$(PY) scripts/build_cpiles.py
	touch $@

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .grimp_cache
	rm -f $(CPILES) app/services/counting/_cpiles.*.so app/services/counting/_cpiles.*.pyd
