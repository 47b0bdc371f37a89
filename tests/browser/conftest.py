"""Fixtures for the browser suite: one build of every deck and page per session, one
Chromium per session, pages that may not touch the network.

Browser tests skip (with the reason) when /usr/bin/chromium is missing; .ci/run
installs it, so in CI they run. The build needs reveal.js from npm: if node_modules is
missing it is installed with ``npm ci`` (the lock file pins it), or the tests skip.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import typing as t
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.export import assets, browser  # noqa: E402
from tools.export.build import Built, build, lessons  # noqa: E402
from tools.nbexec import patch_nbclient_hang  # noqa: E402

FIXTURES = ROOT / "tests" / "browser" / "fixtures"
DEMO = FIXTURES / "demo.ipynb"
#: The real seed with <script>, <img onerror> and javascript: links in its title,
#: commanders, combatants, units, a heading and a sentence.
HOSTILE_SEED = FIXTURES / "hostile_seed.txt"

patch_nbclient_hang()


def _ensure_node_modules() -> None:
    try:
        assets.reveal()
        return
    except assets.MissingAssetError as exc:
        missing = str(exc)
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip(f"reveal.js is not installed and npm is missing ({missing})")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT,
                   check=True)  # fmt: skip
    assets.reveal.cache_clear()
    assets.reveal()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Every lesson plus the demo fixture, executed once and exported as deck and page."""
    _ensure_node_modules()
    out = tmp_path_factory.mktemp("build")
    results = build([*lessons(), DEMO], out, formats=("slides", "html"), jobs=2)
    return {r.notebook.stem: r for r in results}


@pytest.fixture(scope="session")
def hostile_built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Every lesson run on the hostile seed, exported as deck and page."""
    _ensure_node_modules()
    if not lessons():
        pytest.skip("no lessons in notebooks/ yet")
    out = tmp_path_factory.mktemp("hostile")
    results = build(lessons(), out, formats=("slides", "html"), seed=HOSTILE_SEED, jobs=2)
    return {r.notebook.stem: r for r in results}


@pytest.fixture(scope="session")
def chromium() -> t.Iterator[t.Any]:
    if not browser.CHROMIUM.exists():
        pytest.skip(f"{browser.CHROMIUM} is missing: `apt-get install chromium` (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = browser.launch(p)
        yield b
        b.close()


@pytest.fixture
def offline_page(chromium: t.Any) -> t.Iterator[tuple[t.Any, browser.PageLog]]:
    """A 16:9 page whose every non-file request is aborted and recorded."""
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    log = browser.watch(page, offline=True)
    yield page, log
    context.close()
