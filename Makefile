# Concerto — the two commands of the README are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_CONTRIBUTIONS ?= 400
export DJANGO_SETTINGS_MODULE ?= concerto.settings

.PHONY: demo serve test lint typecheck pytest install install-dev browser-deps screenshots bench clean

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 est nécessaire ($(PYTHON) introuvable)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Debian's chromium for Playwright (it cannot download its own browser here) and
# the axe-core accessibility engine from npm.
browser-deps:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Installez chromium : sudo apt-get install chromium"; exit 1; fi; }
	@test -f node_modules/axe-core/axe.min.js || npm install --silent --no-audit --no-fund >/dev/null

demo: export CONCERTO_DEBUG = 1
demo: $(VENV)/.installed
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py loaddemo --live --contributions $(DEMO_CONTRIBUTIONS)
	@echo "Concerto : http://$(HOST):$(PORT)/  (Ctrl-C pour arrêter)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py db_worker --interval 2 >var/worker.log 2>&1 & \
	  $(PY) manage.py runserver $(HOST):$(PORT)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(VENV)/bin/mypy concerto

pytest: $(VENV)/.installed-dev browser-deps
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

screenshots: $(VENV)/.installed-dev browser-deps
	$(PY) -m tests.browser.screenshots

clean:
	rm -rf $(VENV) var node_modules
