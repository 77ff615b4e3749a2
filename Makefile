# docintake: `make demo` and `make test` work from a clean clone on Debian as root; a second run is fast.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_PACKAGES := tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd fonts-dejavu-core fonts-freefont-ttf fonts-liberation fonts-urw-base35
DEMO_HOME := $(or $(DEMO_HOME),$(shell mktemp -d -u /tmp/docintake-demo.XXXXXX))

.PHONY: demo test deps system-deps venv services lint typecheck bench clean

demo: deps
	@echo "== docintake demo in $(DEMO_HOME)" >&2
	@mkdir -p $(DEMO_HOME)
	$(BIN)/docintake --home $(DEMO_HOME) patients import samples/roster.csv
	$(BIN)/docintake --home $(DEMO_HOME) batch samples/docs || [ $$? -eq 1 ]
	$(BIN)/docintake --home $(DEMO_HOME) documents list
	$(BIN)/docintake --home $(DEMO_HOME) review list

test: deps services lint
	OMP_THREAD_LIMIT=1 DOCINTAKE_REQUIRE_POSTGRES=1 $(BIN)/pytest -q -p no:cacheprovider

deps: system-deps venv

# Tesseract (with English and orientation data) and the fonts the sample generator draws with (DejaVu, and
# the thin printer faces FreeMono, Liberation Mono and Nimbus Mono PS that bench/intake.py renders in).
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "== installing$$missing" >&2; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >&2; \
	fi

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip >&2
	$(BIN)/pip install -q -e '.[dev]' >&2
	@touch $(STAMP)

# The test suite uses the machine's PostgreSQL, Redis and RabbitMQ; start them when they are down.
services:
	@if command -v pg_ctlcluster >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; fi
	@if command -v redis-server >/dev/null && ! (redis-cli -h 127.0.0.1 ping 2>/dev/null | grep -q PONG); then \
	  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no; fi
	@if command -v rabbitmq-server >/dev/null && ! rabbitmq-diagnostics -q ping >/dev/null 2>&1; then \
	  rabbitmq-server -detached; \
	  for i in $$(seq 60); do rabbitmq-diagnostics -q ping >/dev/null 2>&1 && break; sleep 1; done; fi

lint:
	$(BIN)/ruff check pipeline tests bench samples
	$(BIN)/mypy pipeline

bench: deps
	$(BIN)/pip install -q -e '.[bench]' >&2
	$(BIN)/python bench/ocr.py
	$(BIN)/python bench/ocr_accuracy.py
	$(BIN)/python bench/match.py
	$(BIN)/python bench/classify.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/batch.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
