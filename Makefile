# The two set-up commands (see README): `make run` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Test processes (pytest-xdist): one per CPU by default.
TEST_WORKERS ?= auto
# `make bench`: activities in the database, seconds of each wrk measure.
BENCH_ACTIVITIES ?= 1000
BENCH_SECONDS ?= 10
# The coming Monday (today excluded), so that the demo trajet is upcoming.
NEXT_MONDAY := $(shell $(PYTHON) -c "import datetime as d; t=d.date.today(); print(t + d.timedelta(days=7 - t.weekday()))")

.PHONY: run test install install-dev messages browser serve nginx cluster cluster-test wrk bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the requirements file changed.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Compile the nl/en interface translations (gettext's msgfmt).
messages: install
	@if [ -d locale ]; then $(BIN)/python manage.py compilemessages --ignore=.venv -v0; fi

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser of its own).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

run: install messages
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py load_demo --shift-to $(NEXT_MONDAY) --site-url http://127.0.0.1:$(PORT)
	$(BIN)/python manage.py create_demo_users
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-dev messages browser
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

# Debian's nginx-light, the load balancer of `make cluster` (installed without starting Debian's own service).
nginx:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq nginx-light >/dev/null; \
	fi

# The production shape on loopback: two gunicorn app servers behind nginx, on PostgreSQL, Redis and a local S3
# (moto), plus the task worker (scripts/cluster.py); Ctrl-C stops every process it started.
cluster: install-dev messages nginx
	$(BIN)/python scripts/cluster.py up

# The integration test against that cluster (started and stopped by the test itself).
cluster-test: install-dev messages nginx
	RUN_CLUSTER_TESTS=1 $(BIN)/python -m pytest tests/production/test_cluster.py -p no:cacheprovider -s

# Debian's wrk, the load generator of `make bench`.
wrk:
	@if ! command -v wrk >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	fi

# Requests per second, latency and SQL queries of the main pages at BENCH_ACTIVITIES activities, against a bare
# Django view on the same gunicorn, and 200 simultaneous registrations on PostgreSQL (scripts/bench.py).
bench: install-dev messages wrk
	BENCH_ACTIVITIES=$(BENCH_ACTIVITIES) BENCH_SECONDS=$(BENCH_SECONDS) $(BIN)/python scripts/bench.py
