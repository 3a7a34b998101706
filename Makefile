# The few commands people type. `make run` and `make test` work on a fresh machine.
.DEFAULT_GOAL := help
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help venv run test lint format bench lock clean

help:
	@echo "make run    - set up and start the app on SQLite with demo data (http://$(HOST):$(PORT)/)"
	@echo "make test   - run every test: SQLite, PostgreSQL and the browser tests in Chromium"
	@echo "make bench  - benchmarks on PostgreSQL; results appended to bench/results.md"
	@echo "make lint   - ruff lint and format check"
	@echo "make format - ruff format and fix what it can"
	@echo "make lock   - re-pin requirements.lock from pyproject.toml"

venv:
	@scripts/venv.sh

run: venv
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py createcachetable
	DEBUG=true $(PY) manage.py seed_demo
	@echo ""
	@echo "CareerVision is starting: open http://$(HOST):$(PORT)/ (Ctrl+C stops it)."
	@echo "Emails (sign-up confirmations, password resets) are printed here, in this terminal."
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

test:
	@scripts/test.sh

bench: venv
	@scripts/bench.sh

lint: venv
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: venv
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

lock: venv
	$(PY) -m pip install --quiet uv
	.venv/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.12 \
		--no-header -o requirements.lock

clean:
	rm -rf .venv staticfiles db.sqlite3 db.sqlite3-shm db.sqlite3-wal
