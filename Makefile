# RevCare: `make run` to try it, `make test` to prove it. See README.md.
VENV    := .venv
PYTHON  := $(VENV)/bin/python
CELERY  := $(VENV)/bin/celery
# One stamp per purpose, named after the checksum of the files it installed: editing either file reinstalls.
RUN_STAMP := $(VENV)/.installed-run-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: install install-dev run test bench lint worker beat migrate clean

# What the application needs to run (requirements.txt) ...
install: $(RUN_STAMP)

$(RUN_STAMP): requirements.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-run-*
	touch $@

# ... plus the test, lint and benchmark tools (requirements-dev.txt, which includes requirements.txt).
install-dev: $(DEV_STAMP)

$(DEV_STAMP): requirements.txt requirements-dev.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@ $(RUN_STAMP)

migrate: install
	$(PYTHON) manage.py migrate --noinput

# Embedded by default (SQLite, in-process tasks, console email). With REDIS_URL set a Celery worker
# runs beside the web server and takes the tasks; it stops when the server does.
run: migrate
	$(PYTHON) manage.py seed_demo
	@if [ -n "$$REDIS_URL" ]; then \
		$(CELERY) -A revcare worker --loglevel=INFO --concurrency=2 & worker=$$!; \
		trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
		$(PYTHON) manage.py runserver $(HOST):$(PORT); \
	else \
		$(PYTHON) manage.py runserver $(HOST):$(PORT); \
	fi

# Browser tests run a live server whose flushes would empty the tables other tests rely on, so they
# get a pytest run of their own; Playwright's event loop shares their thread with the ORM. The rest
# runs on one pytest-xdist worker per core (TEST_WORKERS=0 for one process), each with its own test
# database and Redis database.
TEST_WORKERS ?= auto
test: install-dev
	$(PYTHON) -m pytest -m "not browser" -n $(TEST_WORKERS) $(PYTEST_ARGS)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PYTHON) -m pytest -m browser $(PYTEST_ARGS)

# Needs PostgreSQL (BENCH_DATABASE_URL, default the local server's revcare_bench); about 5 minutes.
bench: install-dev
	$(PYTHON) bench/run.py

# ruff, then the one-way dependency graph between apps (.importlinter, docs/architecture.md).
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

worker: install
	$(CELERY) -A revcare worker --loglevel=INFO

beat: install
	$(CELERY) -A revcare beat --loglevel=INFO

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
