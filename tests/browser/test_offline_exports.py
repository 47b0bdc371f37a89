"""Every deck and page, opened from disk with the network cut: nothing requested,
nothing logged as an error, every figure drawn, every slide reachable."""

from __future__ import annotations

import re
import typing as t

import nbformat
import pytest
from conftest import DEMO, lessons

from tools.export import assets
from tools.export.browser import LOCAL_SCHEMES
from tools.export.preprocessors import PLOTLY_MIMETYPE, WIDGET_VIEW_MIMETYPE, widget_outputs

NAMES = [p.stem for p in [*lessons(), DEMO]]
BUDGET = 1_500_000  # bytes a deck may add to the plotly.js it inlines


def plotly_outputs(executed: nbformat.NotebookNode) -> int:
    """Plotly figures in an executed notebook: cell outputs plus those shown by widgets."""
    state = executed.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}
    ).get("state", {})  # fmt: skip
    count = 0
    for cell in executed.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            count += PLOTLY_MIMETYPE in data
            if WIDGET_VIEW_MIMETYPE in data:
                inner = widget_outputs(data[WIDGET_VIEW_MIMETYPE]["model_id"], state)
                count += sum(PLOTLY_MIMETYPE in o.get("data", {}) for o in inner)
    return count


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
    assert all(r.startswith(LOCAL_SCHEMES) for r in log.requests)
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


def test_hostile_text_is_text(built: dict[str, t.Any], offline_page: t.Any) -> None:
    """The demo shows a string with <script>, <img onerror> and a javascript: link
    through Markdown, HTML, print and a DataFrame: all of it must stay text."""
    page, log = offline_page
    for fmt in ("slides", "html"):
        page.goto(built["demo"].outputs[fmt].as_uri())
        page.wait_for_load_state("load")
        if fmt == "slides":
            page.wait_for_selector(".reveal.ready")
            for _ in range(30):
                page.evaluate("Reveal.next()")
        assert page.evaluate("window.__pwned") is None
        assert page.locator("main img, .reveal img").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        text = page.locator("body").inner_text()
        assert '<img src=x onerror="window.__pwned = 2">' in text
        assert "<script>window.__pwned = 1</script>" in text
    assert log.blocked == [] and log.errors == []
