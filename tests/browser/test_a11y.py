"""Accessibility as a test (issue 8 §3): axe-core (npm, pinned in package-lock.json),
WCAG 2.1 A/AA rules, run in Chromium over every slide of every deck, every handout
page, and every lesson in JupyterLab after Run All: no serious or critical violation.
Every figure in a deck or page is tied to a text alternative: a short alt text (chart
type and what it shows) as its accessible name, and the "In words" sentence as its
description.

JupyterLab's own interface (menus, toolbars, the file browser) has violations we cannot
fix from a lesson, so there the check is scoped to the notebook's output areas and the
markdown we wrote (``.jp-OutputArea``, ``.jp-MarkdownOutput``)."""

from __future__ import annotations

import re
import typing as t
from pathlib import Path

import pytest
from figure_layout import FIGURE_LAYOUT_JS, describe  # tests/browser, on sys.path under pytest

from tools.export import browser
from tools.export.build import lessons

DEMO = Path(__file__).resolve().parent / "fixtures" / "demo.ipynb"
NAMES = [p.stem for p in [*lessons(), DEMO]]
ROOT = Path(__file__).resolve().parents[2]

FIGURES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
  const fig = plot.closest('figure');
  const img = plot.closest('[role="img"]');
  const described = (img && img.getAttribute('aria-describedby')) || (fig && fig.getAttribute('aria-describedby'));
  const desc = described ? document.getElementById(described) : (fig && fig.querySelector('figcaption'));
  return {
    name: (img && img.getAttribute('aria-label')) || (fig && fig.getAttribute('aria-label')) || '',
    description: desc ? desc.textContent.trim() : '',
  };
})"""


#: The exporter's alt when a figure brings none: "Bar chart: <its title>".
FALLBACK_ALT: t.Final = re.compile(r"^(Bar chart|Line chart|Dot chart|Map|Chart|Pie chart|Heat map|Histogram): ")


def severe(violations: list[dict[str, t.Any]]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {target}" for v in violations if v["impact"] in browser.SEVERE
            for target in v["targets"]]  # fmt: skip


def check_figures(page: t.Any, where: str, lesson: bool = True) -> int:
    """Every figure named by an alt text; in a lesson also described by its "In words"
    sentence (the demo fixture's bare plotly figures have none to tie)."""
    figures = page.evaluate(FIGURES)
    for n, fig in enumerate(figures, start=1):
        assert len(fig["name"]) >= 8, f"{where}: figure {n} has no alt text ({fig})"
        assert not lesson or fig["description"].startswith("In words:"), f"{where}: figure {n} is not tied to its 'In words' sentence"
        # a lesson's figure carries its own alt (View.alt), not the exporter's fallback
        assert not lesson or not FALLBACK_ALT.match(fig["name"]), f"{where}: figure {n} has only a fallback alt: {fig['name']!r}"
    return len(figures)


@pytest.mark.parametrize("name", NAMES)
def test_deck_accessible(built: dict[str, t.Any], offline_page: t.Any, name: str) -> None:
    page, _ = offline_page
    page.goto(built[name].outputs["slides"].as_uri())
    page.wait_for_selector(".reveal.ready", timeout=20_000)
    total = page.evaluate("Reveal.getTotalSlides()")
    found: dict[str, None] = {}
    for i in range(total):
        page.evaluate(f"Reveal.slide({i})")
        page.wait_for_timeout(60)
        found.update(dict.fromkeys(severe(browser.axe(page, exclude=["aside.notes"]))))
    assert list(found) == [], f"{len(found)} serious/critical WCAG 2.1 A/AA violations: {list(found)[:8]}"
    assert check_figures(page, f"{name} deck", name != "demo") == built[name].figures


@pytest.mark.parametrize("name", NAMES)
def test_page_accessible(built: dict[str, t.Any], offline_page: t.Any, name: str) -> None:
    page, _ = offline_page
    page.goto(built[name].outputs["html"].as_uri())
    page.wait_for_load_state("load")
    found = severe(browser.axe(page))
    assert found == [], f"{len(found)} serious/critical WCAG 2.1 A/AA violations: {found[:8]}"
    assert check_figures(page, f"{name} page", name != "demo") == built[name].figures


def test_page_toolbar_keyboard(built: dict[str, t.Any], offline_page: t.Any) -> None:
    """plotly's toolbar buttons in a handout can be reached with Tab and pressed with Enter."""
    page, _ = offline_page
    name = next(n for n in NAMES if built[n].figures)
    page.goto(built[name].outputs["html"].as_uri())
    page.wait_for_load_state("load")
    page.locator(".js-plotly-plot").first.hover()
    buttons = page.evaluate("() => [...document.querySelectorAll('.modebar-btn')].map(b => [b.tabIndex, b.getAttribute('role'), b.getAttribute('aria-label')])")
    assert buttons, "no toolbar in the handout"
    assert all(tab == 0 and role == "button" and label for tab, role, label in buttons), buttons[:3]


def test_lessons_in_jupyterlab_accessible(chromium: t.Any) -> None:
    """Each lesson after Run All at 1280×800: axe over the outputs and rendered markdown
    only, and every figure's text inside the figure with no two labels overlapping."""
    found: dict[str, list[str]] = {}
    layout: dict[str, list[str]] = {}
    with browser.jupyterlab(ROOT) as lab:
        context = chromium.new_context(viewport={"width": 1280, "height": 800})
        for lesson in lessons():
            page = context.new_page()
            lab.open(page, lesson.relative_to(ROOT).as_posix())
            lab.run_all(page)
            lab.wait_done(page)
            page.wait_for_timeout(800)  # late outputs (plotly, widgets)
            bad = severe(browser.axe(page, include=OURS, exclude=IPYWIDGETS_OWN))
            if bad:
                found[lesson.stem] = bad
            # the same run checks every figure's text: inside the figure, no two labels
            # overlapping (tests/browser/figure_layout.py); each is scrolled into view first
            problems = page.evaluate(f"""async () => {{
                const all = [];
                for (const plot of document.querySelectorAll('.jp-NotebookPanel .js-plotly-plot')) {{
                    plot.scrollIntoView({{block: 'center'}});
                    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                    all.push(...({FIGURE_LAYOUT_JS})(plot.parentElement));
                }}
                return all;
            }}""")
            if problems:
                layout[lesson.stem] = describe(problems)
            page.close()
        context.close()
    assert found == {}, found
    assert layout == {}, layout


#: What in JupyterLab is ours: what the lessons output and their rendered markdown
#: (not JupyterLab's menus, prompts, toolbars or editor).
OURS: t.Final = (".jp-NotebookPanel .jp-OutputArea-output", ".jp-NotebookPanel .jp-MarkdownOutput")
#: ipywidgets' own markup that its Python API gives no way to label: the Play widget's
#: icon-only buttons (button-name) and the slider's noUiSlider handle (no aria-label).
#: Everything else a lesson outputs, widget labels and options included, is checked.
IPYWIDGETS_OWN: t.Final = (".widget-play .jupyter-button", ".widget-slider .noUi-handle")
