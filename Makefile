# Everything a newcomer needs: `make lab` to teach, `make test` to check.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip install --progress-bar on --disable-pip-version-check
# One stamp per pyproject.toml content: a dependency change reinstalls.
HASH   := $(shell cat pyproject.toml | cksum | cut -d' ' -f1)
STAMP  := $(VENV)/.installed-$(HASH)
TEST_STAMP := $(VENV)/.installed-test-$(HASH)
# reveal.js and plotly.js-basic for the decks, pinned by package-lock.json (tools/export).
NODE_STAMP := node_modules/.package-lock.json
# Installed before the tests when npm exists; without npm the tests that need them skip
# and say so. Never installed by a test: the suite must not depend on its order.
NODE_FOR_TESTS := $(if $(shell command -v npm 2>/dev/null),$(NODE_STAMP),)
# JupyterLab refuses to run as root unless told: containers, Codespaces, hub images.
AS_ROOT := $(filter 0,$(shell id -u))

.PHONY: lab test data bench lint slides html clean install student

# The library and JupyterLab: all `make lab` needs.
$(STAMP): pyproject.toml
	@echo "==> [1/2] $(VENV): a Python environment for the lessons"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	@echo "==> [2/2] conflictkit with pandas, plotly, ipywidgets and JupyterLab (first time: a few minutes; pip shows each download)"
	$(PIP) -e .
	rm -f $(VENV)/.installed-[0-9]* && touch $@
	@echo "==> installed"

# What the tests, the bench and the exports need on top (pytest, nbclient, playwright, ...).
$(TEST_STAMP): $(STAMP)
	@echo "==> the test tools (pytest, nbclient, playwright, ruff, mypy)"
	$(PIP) -e '.[test]'
	rm -f $(VENV)/.installed-test-* && touch $@

install: $(STAMP) $(TEST_STAMP)

lab: $(STAMP)
ifneq ($(AS_ROOT),)
	@echo "==> running as root (a container or hub image?): passing --allow-root, which JupyterLab needs as root"
endif
	$(VENV)/bin/jupyter lab $(if $(AS_ROOT),--allow-root) notebooks/00-start-here.ipynb

# The whole suite (it must stay under 15 minutes on 2 cores). Fast loop: pytest -m "not browser and not slow"
test: $(TEST_STAMP) $(NODE_FOR_TESTS)
	@command -v npm >/dev/null 2>&1 || echo "note: npm not found: the deck tests skip (apt-get install npm, then make test installs the npm packages)"
	@test -x "$${CONFLICTKIT_CHROMIUM:-/usr/bin/chromium}" || echo "note: chromium not found: the browser tests skip (apt-get install chromium)"
	$(PY) -m pytest -q

# The gazetteer and map lines the library reads live in the package; data/ keeps the
# readers' copies. Refreshed here, unless data/ holds a newer edit (copy it over first).
PACKAGE_DATA := lib/conflictkit/data

data: $(STAMP)
	@for f in places.csv geography.csv; do \
	    if ! cmp -s $(PACKAGE_DATA)/$$f data/$$f; then \
	        if [ data/$$f -nt $(PACKAGE_DATA)/$$f ]; then \
	            echo "data/$$f was edited, but the library reads $(PACKAGE_DATA)/$$f: copy your edit there, then make data" >&2; exit 2; \
	        fi; \
	        cp $(PACKAGE_DATA)/$$f data/$$f && echo "copied $(PACKAGE_DATA)/$$f to data/"; \
	    fi; \
	done
	$(PY) -m conflictkit data

# The student edition (no teacher notes, no answers) in notebooks/student/, the folder a
# class link opens; `make student OUT=dir` writes it elsewhere plus dir.zip, for an LMS.
student: $(STAMP)
	$(PY) tools/editions.py $(if $(OUT),--out $(OUT) --zip)

bench: $(TEST_STAMP)
	$(PY) tools/bench.py

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check lib tests tools notebooks
	$(VENV)/bin/mypy

clean:
	rm -rf build .pytest_cache .hypothesis

# Offline exports, README screenshots and Binder pins (tools/export, tools/screenshots.py,
# tools/pin_binder.py). reveal.js and plotly.js-basic come from npm, pinned by package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

.PHONY: screenshots binder-pins

slides: $(TEST_STAMP) $(NODE_STAMP)
	$(PY) -m tools.export.build_slides

html: $(TEST_STAMP) $(NODE_STAMP)
	$(PY) -m tools.export.build_html

screenshots: $(TEST_STAMP)
	$(PY) tools/screenshots.py

binder-pins: $(TEST_STAMP)
	$(PY) tools/pin_binder.py
