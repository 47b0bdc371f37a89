# Everything a newcomer needs: `make lab` to teach, `make test` to check.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: lab test data bench lint slides html clean install

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/00-start-here.ipynb

test: $(STAMP)
	$(PY) -m pytest -q

data: $(STAMP)
	$(PY) -m conflictkit data

bench: $(STAMP)
	$(PY) tools/bench.py

lint: $(STAMP)
	$(VENV)/bin/ruff check lib tests tools notebooks
	$(VENV)/bin/mypy

clean:
	rm -rf build .pytest_cache .hypothesis

# Offline exports, README screenshots and Binder pins (tools/export, tools/screenshots.py,
# tools/pin_binder.py). reveal.js and plotly.js-basic come from npm, pinned by package-lock.json.
NODE_STAMP := node_modules/.package-lock.json

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

.PHONY: screenshots binder-pins

slides: $(STAMP) $(NODE_STAMP)
	$(PY) -m tools.export.build_slides

html: $(STAMP) $(NODE_STAMP)
	$(PY) -m tools.export.build_html

screenshots: $(STAMP)
	$(PY) tools/screenshots.py

binder-pins: $(STAMP)
	$(PY) tools/pin_binder.py
