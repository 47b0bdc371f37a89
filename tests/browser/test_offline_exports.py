"""Every deck and page, opened from disk with the network cut: nothing requested,
nothing logged as an error, every figure drawn, every slide reachable."""

from __future__ import annotations

import re
import typing as t
from pathlib import Path

import nbformat
import pytest

from tools.export import assets
from tools.export.build import lessons
from tools.export.preprocessors import PLOTLY_MIMETYPE, WIDGET_VIEW_MIMETYPE, widget_outputs, widget_state

DEMO = Path(__file__).resolve().parent / "fixtures" / "demo.ipynb"
NAMES = [p.stem for p in [*lessons(), DEMO]]
BUDGET = 1_500_000  # bytes a deck may add to the plotly.js it inlines


def plotly_outputs(executed: nbformat.NotebookNode) -> int:
    """Plotly figures in an executed notebook: cell outputs plus those shown by widgets."""
    state = widget_state(executed.metadata)
    count = 0
    for cell in executed.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            count += PLOTLY_MIMETYPE in data
            if WIDGET_VIEW_MIMETYPE in data:
                inner = widget_outputs(data[WIDGET_VIEW_MIMETYPE]["model_id"], state)
                count += sum(PLOTLY_MIMETYPE in o.get("data", {}) for o in inner)
    return count


def only_itself(requests: list[str], url: str) -> bool:
    """True if a page loaded nothing but itself and data:/blob: URLs (an injected
    <img src=x> would show up here as a file: request)."""
    return all(r == url or r.startswith(("data:", "blob:")) for r in requests)


def walk_deck(page: t.Any) -> None:
    page.wait_for_selector(".reveal.ready", timeout=20_000)
    for _ in range(1000):
        if page.evaluate("Reveal.isLastSlide() && !Reveal.availableFragments().next"):
            break
        page.evaluate("Reveal.next()")


INJECTED = """() => ({
    pwned: window.__pwned === undefined ? null : window.__pwned,
    images: document.querySelectorAll('main img, .reveal img').length,
    scriptLinks: [...document.querySelectorAll('a')].map(
        a => (a.getAttribute('href') || a.getAttribute('xlink:href') || '').trim().toLowerCase()
    ).filter(h => h.startsWith('javascript:')).length,
})"""


def test_lessons_found() -> None:
    # the glob must not silently find nothing once the lessons are in
    assert DEMO.exists()
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+", name) for name in NAMES[:-1]), NAMES


@pytest.mark.parametrize("name", NAMES)
def test_deck_is_self_contained(built: dict[str, t.Any], name: str) -> None:
    html = built[name].outputs["slides"].read_text(encoding="utf-8")
    assert not re.search(r"<(script|img|iframe)[^>]+src=[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"@import\s", html)
    # nbconvert's MathJax loader and config are gone (plotly.js only mentions the name)
    assert "MathJax.Hub.Config" not in html and "tex-chtml" not in html
    assert "require.js" not in html and "unpkg.com" not in html
    assert html.count("* plotly.js") <= 1, "plotly.js must be inlined at most once"
    bundles = [assets.plotlyjs(kind)[1] for kind in (["scatter"], ["treemap"])]
    inlined = next((len(b.encode()) for b in bundles if b in html), 0)
    assert len(html.encode()) - inlined <= BUDGET


@pytest.mark.parametrize("name", NAMES)
def test_deck_offline(built: dict[str, t.Any], offline_page: t.Any, name: str) -> None:
    page, log = offline_page
    result = built[name]
    expected = plotly_outputs(nbformat.read(result.executed, as_version=4))
    page.goto(result.outputs["slides"].as_uri())
    page.wait_for_selector(".reveal.ready", timeout=20_000)

    total = page.evaluate("Reveal.getTotalSlides()")
    where = "(() => { const i = Reveal.getIndices(); return i.h + '/' + (i.v || 0); })()"
    visited = {page.evaluate(where)}
    for _ in range(1000):  # slides and fragments
        if page.evaluate("Reveal.isLastSlide() && !Reveal.availableFragments().next"):
            break
        page.evaluate("Reveal.next()")
        visited.add(page.evaluate(where))
    assert len(visited) == total, f"reached {len(visited)} of {total} slides"

    drawn = page.locator(".js-plotly-plot:has(svg.main-svg)").count()
    assert page.locator(".js-plotly-plot").count() == expected
    assert drawn == expected, f"{drawn} of {expected} figures drawn"
    assert log.blocked == [], "the deck asked for the network"
    assert only_itself(log.requests, result.outputs["slides"].as_uri())
    assert log.errors == []


@pytest.mark.parametrize("name", NAMES)
def test_page_offline(built: dict[str, t.Any], offline_page: t.Any, name: str) -> None:
    page, log = offline_page
    result = built[name]
    expected = plotly_outputs(nbformat.read(result.executed, as_version=4))
    page.goto(result.outputs["html"].as_uri())
    page.wait_for_load_state("load")
    assert page.locator(".js-plotly-plot:has(svg.main-svg)").count() == expected
    assert log.blocked == [] and log.errors == []
    assert only_itself(log.requests, result.outputs["html"].as_uri())


def test_hostile_text_is_text(built: dict[str, t.Any], offline_page: t.Any) -> None:
    """The demo shows a string with <script>, <img onerror> and a javascript: link
    through Markdown, HTML, print and a DataFrame: all of it must stay text."""
    page, log = offline_page
    for fmt in ("slides", "html"):
        page.goto(built["demo"].outputs[fmt].as_uri())
        page.wait_for_load_state("load")
        if fmt == "slides":
            walk_deck(page)
        assert page.evaluate(INJECTED) == {"pwned": None, "images": 0, "scriptLinks": 0}
        text = page.locator("body").inner_text()
        assert '<img src=x onerror="window.__pwned = 2">' in text
        assert "<script>window.__pwned = 1</script>" in text
    assert log.blocked == [] and log.errors == []


@pytest.mark.parametrize("fmt", ["slides", "html"])
@pytest.mark.parametrize("name", NAMES[:-1])
def test_hostile_seed(hostile_built: dict[str, t.Any], offline_page: t.Any, name: str,
                      fmt: str) -> None:  # fmt: skip
    """Every lesson run on a seed whose title, names and text carry markup: the deck
    and page show it as text, run none of it, and load nothing because of it."""
    page, log = offline_page
    url = hostile_built[name].outputs[fmt].as_uri()
    page.goto(url)
    page.wait_for_load_state("load")
    if fmt == "slides":
        walk_deck(page)
    assert page.evaluate(INJECTED) == {"pwned": None, "images": 0, "scriptLinks": 0}
    assert log.blocked == [] and log.errors == []
    assert only_itself(log.requests, url)


def test_hostile_seed_reaches_the_text(hostile_built: dict[str, t.Any]) -> None:
    """Guard for the test above: the hostile strings do reach the lessons' text, escaped."""
    shown = [
        name
        for name, result in hostile_built.items()
        if "&lt;img src=x onerror=" in result.outputs["slides"].read_text(encoding="utf-8")
    ]
    assert len(shown) >= 2, shown
