"""One isolation for the whole suite, and the markers that let a developer run part of it.

Isolation: before any test module is imported, the parse cache, the seed variables and
HOME / XDG_CACHE_HOME point into a temporary folder, so no test reads or writes the
user's own ``~/.cache/conflictkit`` and no test sees a seed the developer set in their
shell. After every test those variables are put back, so a test that changes
``CONFLICTKIT_SEED`` (directly or through ``lessons.use_seed``) cannot change the next
one: the result of a run does not depend on the order of the tests.

pip's and npm's caches stay where they were (a fresh venv in ``test_install`` and
``test_binder`` reuses the downloads instead of fetching them again).

Markers (registered in pyproject.toml): ``browser`` for everything under
``tests/browser/`` (added here, by folder), ``slow`` for tests that build venvs or
execute every lesson, ``network`` for tests that may download packages. The fast loop:

    .venv/bin/python -m pytest -m "not browser and not slow"
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BROWSER_DIR = ROOT / "tests" / "browser"
NODE_STAMP = ROOT / "node_modules" / ".package-lock.json"
# What the isolation sets (or removes) for the session and restores after each test.
ISOLATED = ("CONFLICTKIT_CACHE", "CONFLICTKIT_SEED", "CONFLICTKIT_SEEDS", "HOME", "XDG_CACHE_HOME")
# Fixtures that execute every lesson in a kernel: a test using one is `slow`.
SLOW_FIXTURES = frozenset({"executed"})
# What needs node_modules/ (the decks' JavaScript): the fixtures that build decks, and
# the export unit tests, which read the bundles.
NODE_FIXTURES = frozenset({"built", "hostile_built"})
NODE_MODULES_TESTS = frozenset({"test_export_units.py"})

_session_env: dict[str, str | None] = {}
_original_env: dict[str, str | None] = {}
_session_dir: Path | None = None


def _real_cache_dirs() -> dict[str, str]:
    """pip's, npm's and playwright's caches as they are for the user, pinned before HOME moves."""
    home = Path.home()
    xdg = Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache")
    return {
        "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR") or str(xdg / "pip"),
        "npm_config_cache": os.environ.get("npm_config_cache") or str(home / ".npm"),
        "PLAYWRIGHT_BROWSERS_PATH": os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or str(xdg / "ms-playwright"),
    }


def pytest_configure(config: pytest.Config) -> None:
    # At configure time, not in a fixture: test modules are imported (and may load a
    # seed) before the first fixture runs.
    global _session_dir
    _session_dir = Path(tempfile.mkdtemp(prefix="conflictkit-tests-"))
    home = _session_dir / "home"
    (home / ".cache").mkdir(parents=True)
    pinned = _real_cache_dirs()
    for name in (*ISOLATED, *pinned):
        _original_env[name] = os.environ.get(name)
    os.environ.update(pinned)
    _session_env.update(
        CONFLICTKIT_CACHE=str(_session_dir / "parse-cache"),
        CONFLICTKIT_SEED=None,
        CONFLICTKIT_SEEDS=None,
        HOME=str(home),
        XDG_CACHE_HOME=str(home / ".cache"),
    )
    _apply(_session_env)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _session_dir is None:
        return
    _apply(_original_env)
    shutil.rmtree(_session_dir, ignore_errors=True)


def _apply(env: dict[str, str | None]) -> None:
    for name, value in env.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def isolated_environment() -> Iterator[dict[str, str | None]]:
    """Every test starts with the session's isolated variables (set in pytest_configure)
    and whatever it changes in them is undone afterwards, however it changed them."""
    _apply(_session_env)
    yield dict(_session_env)
    _apply(_session_env)


def _missing_node_modules() -> str | None:
    if NODE_STAMP.exists():
        return None
    how = "`make test` installs it (npm ci)" if shutil.which("npm") else "install npm (`apt-get install npm`), then `make test` runs npm ci"
    return f"node_modules/ is missing (reveal.js, plotly.js-basic): {how}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    node_missing = _missing_node_modules()
    for item in items:
        path = Path(str(item.path))
        if path.is_relative_to(BROWSER_DIR):
            item.add_marker(pytest.mark.browser)
            # The Makefile installs node_modules before pytest starts; without it these
            # tests say what is missing instead of installing it mid-run.
            needs_node = NODE_FIXTURES & set(getattr(item, "fixturenames", ())) or path.name in NODE_MODULES_TESTS
            if node_missing and needs_node:
                item.add_marker(pytest.mark.skip(reason=node_missing))
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
