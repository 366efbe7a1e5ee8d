# Two commands do all the set-up: `make run` and `make test`.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint check setup bench demo clean

$(UV):
	@echo "uv не е намерен: инсталирам го с pip…"
	python3 -m pip install --user --quiet uv || python3 -m pip install --quiet --break-system-packages uv

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

setup: .venv/.synced

run: setup
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	@echo "Опора: http://$(HOST):$(PORT)/"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

check: setup
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

test: lint check
	.venv/bin/pytest $(PYTEST_ARGS)

# The HTTP benchmark (issue 7, not part of `make test`): one centre on SQLite by default, built on the
# first run; the national set: make bench BENCH_DB=postgres://…/opora_bench BENCH_ARGS="--label postgresql-national"
BENCH_DB ?= sqlite:///$(CURDIR)/var/bench.sqlite3
bench: setup
	DATABASE_URL=$(BENCH_DB) $(PY) bench/run.py --generate $(BENCH_ARGS)

clean:
	rm -rf .venv var .pytest_cache .ruff_cache
