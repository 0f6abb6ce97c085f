# Trưởng Ấp: `make run` to try the portal, `make test` to check it. See README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: backup restore load run install migrate demo serve worker beat test lint messages compilemessages clean bench

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	DEBUG=1 $(MANAGE) migrate --noinput

demo: migrate
	DEBUG=1 $(MANAGE) seed_demo --if-empty

run: demo
	@echo "Cổng đang chạy tại http://$(HOST):$(PORT)/ (Ctrl+C để dừng)"
	DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

serve: install
	$(MANAGE) collectstatic --noinput
	$(VENV)/bin/gunicorn config.wsgi:application --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

worker: install
	$(VENV)/bin/celery -A config worker --loglevel=INFO --concurrency=$${CELERY_CONCURRENCY:-2}

beat: install
	$(VENV)/bin/celery -A config beat --loglevel=INFO

# Backups: the database (pg_dump -Fc, or a SQLite copy) and MEDIA_ROOT into ./backups/<timestamp>/.
backup: install
	$(PY) -m tools.backup backup

restore: install
	test -n "$(FILE)" || (echo "usage: make restore FILE=backups/<timestamp>" && exit 2)
	$(PY) -m tools.backup restore $(FILE)

# The busy afternoon (Locust, 212 users, 60 s) against gunicorn + PostgreSQL + Redis on 127.0.0.1.
load: install
	bash benchmarks/load/run.sh

lint: install
	$(VENV)/bin/ruff check .

test: install
	$(VENV)/bin/ruff check .
	TESTING=1 $(MANAGE) makemigrations --check --dry-run
	TESTING=1 $(MANAGE) check
	$(VENV)/bin/lint-imports
	$(VENV)/bin/bandit -q -r accounts candidates common complaints config demo directives elections reports territory tools -lll -x '*/migrations/*'
	TESTING=1 $(PY) -m pytest $(PYTEST_ARGS)

# Benchmarks against PostgreSQL (seeds ~100,000 hamlets once, a few minutes; reused afterwards).
# Point it elsewhere with BENCH_DATABASE_URL=postgres://user:pass@host:5432/dbname make bench
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/truongap_bench
bench: install
	@echo "Benchmarks on $(BENCH_DATABASE_URL) (set BENCH_DATABASE_URL=postgres://user:pass@host:5432/db to change)"
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) TESTING=1 $(PY) -m benchmarks.run

# Extract every marked string into the per-app and project catalogues (needs GNU gettext);
# translate the `vi` entries, then run `make compilemessages` and commit the .po and .mo files.
messages: install
	TESTING=1 $(MANAGE) makemessages -l vi -l en --no-obsolete --ignore=.venv --ignore=tests --ignore=benchmarks --ignore=staticfiles

compilemessages: install
	TESTING=1 $(PY) -m tools.compile_messages

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
