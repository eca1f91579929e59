# The two set-up commands: `make demo` and `make test` do everything on a fresh machine.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SHARED  ?= ../shared
STORE   ?= demo-data

.PHONY: demo test eval bench venv system-deps clean lock

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

# Debian packages the browser tests need (chromium). Installed when missing and possible.
system-deps:
	@bash scripts/system-deps.sh

demo: $(STAMP)
	rm -rf $(STORE)
	$(BIN)/dateline ingest samples/wikinews samples/written --store $(STORE)
	$(BIN)/dateline stats --store $(STORE)
	$(BIN)/dateline events --store $(STORE) --limit 20
	$(BIN)/dateline timeline --store $(STORE)
	@echo "Next: $(BIN)/dateline serve --store $(STORE)   (web page at http://127.0.0.1:8000)"

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/python -m dateline.evaluation --shared $(SHARED)

bench: $(STAMP)
	$(BIN)/python -m bench

# Regenerate the lock from pyproject's direct dependencies (maintainers only).
lock:
	rm -rf /tmp/dateline-lock && $(PY) -m venv /tmp/dateline-lock
	/tmp/dateline-lock/bin/pip install -q . pytest hypothesis
	/tmp/dateline-lock/bin/pip freeze --exclude dateline > requirements.lock

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache
