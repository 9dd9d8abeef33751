# One target per chore. `make demo` runs the product, `make test` runs every check.
# Both set everything up themselves: a virtualenv in .venv and, when
# DATABASE_URL / REDIS_URL are unset, embedded PostgreSQL and Redis in .data/.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LOAD ?=
PORT ?= 8000

.PHONY: demo test lint format install stop search-words bench-ingest bench-tag bench-pipeline bench-scale bench-web bench-alerts eval train browser-deps web-bench-deps vendor messages

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt requirements-camel.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	# camel-tools without its declared dependencies (torch, transformers):
	# only its text utilities are used, and their needs are in requirements.txt.
	$(PY) -m pip install --quiet --no-deps -r requirements-camel.txt
	touch $(STAMP)

demo: $(STAMP)
	$(PY) manage.py demo --port $(PORT) $(if $(LOAD),--load $(LOAD),)

test: $(STAMP) browser-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Headless Chromium for the browser tests, from the system's packages (no
# browser download). Without root or apt the browser tests skip and say why.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || \
	  { command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && \
	    (apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ; } || \
	  echo "chromium not installed: browser tests will be skipped"

stop:
	$(PY) -m negotiation_tracker.localservices stop

# Rebuild the word list search strips clitics against (see scripts/build_search_words.py).
search-words: $(STAMP)
	$(PY) -m pip install --quiet -r requirements-build.txt
	$(PY) scripts/build_search_words.py

# Scores of the rules, the committed models (in sample) and models trained
# on the other folds (out of fold), then the out-of-fold errors by field.
# The tagger runs on the shipped lexicon: no database is needed. SPLITS=4 also
# scores four other splits by thread and their mean.
eval: $(STAMP)
	$(PY) -m articles.nlp.learn eval $(if $(SPLITS),--splits $(SPLITS),)

# Fits the learned components on ../shared/eval into articles/nlp/models/.
train: $(STAMP)
	$(PY) -m articles.nlp.learn train

CORPUS ?= ../shared/corpus/saudinewsnet
bench-ingest: $(STAMP)
	$(PY) manage.py benchmark ingest $(CORPUS)
bench-tag: $(STAMP)
	$(PY) manage.py benchmark tag $(CORPUS)
bench-pipeline: $(STAMP)
	$(PY) manage.py benchmark pipeline $(CORPUS)
bench-alerts: $(STAMP)
	$(PY) manage.py benchmark alerts $(CORPUS)
N ?= 1000000
bench-scale: $(STAMP)
	$(PY) manage.py benchmark scale $(N)
bench-web: $(STAMP) web-bench-deps
	$(PY) manage.py benchmark web

# The HTTP load tool for bench-web, from the system's packages.
web-bench-deps:
	@command -v wrk >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && apt-get update -qq >/dev/null && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null ; }

# Refresh the vendored front-end files in static/vendor from npm.
vendor:
	npm ci && npm run vendor

messages: $(STAMP)
	$(PY) manage.py makemessages -l ar --ignore=.venv --ignore=node_modules --ignore=static/vendor
	$(PY) manage.py compilemessages --ignore=.venv
