"""A teacher's path through JupyterLab: open a lesson, Run All, move a widget's control
(slider, toggle buttons or dropdown), and the figure it drives changes."""

from __future__ import annotations

import typing as t
from pathlib import Path

import nbformat
import pytest

from tools.export import browser
from tools.export.preprocessors import PLOTLY_MIMETYPE, WIDGET_VIEW_MIMETYPE, widget_outputs, widget_state

ROOT = Path(__file__).resolve().parents[2]


def slider_lesson(built: dict[str, t.Any]) -> t.Any:
    """The first lesson (else the demo) with a widget whose Output shows a figure."""
    for result in built.values():  # lessons in order, the demo last
        nb = nbformat.read(result.executed, as_version=4)
        state = widget_state(nb.metadata)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                view = out.get("data", {}).get(WIDGET_VIEW_MIMETYPE)
                if view and any(PLOTLY_MIMETYPE in o.get("data", {}) for o in widget_outputs(view["model_id"], state)):
                    return result
    pytest.fail("no lesson shows a figure in a widget")


def test_run_all_then_move_a_control(built: dict[str, t.Any], chromium: t.Any) -> None:
    lesson = slider_lesson(built)
    with browser.jupyterlab(ROOT) as lab:
        context = chromium.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        log = browser.watch(page, offline=True, allow=(lab.url,))
        failed: list[str] = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        lab.open(page, lesson.notebook.relative_to(ROOT).as_posix())
        lab.run_all(page)
        lab.wait_done(page)

        # the innermost widget box holding both a control and a figure
        box = page.locator(".widget-vbox:has(.js-plotly-plot):not(:has(.widget-vbox .js-plotly-plot))")
        box.first.wait_for(timeout=30_000)
        figure = box.first.locator(".js-plotly-plot .main-svg").first
        before = figure.inner_html()
        moved = browser.move_control(box.first)
        page.wait_for_function(
            "([el, old]) => el.isConnected ? el.innerHTML !== old : true",
            arg=[figure.element_handle(), before],
            timeout=15_000,
        )
        after = box.first.locator(".js-plotly-plot .main-svg").first.inner_html()
        assert after != before, f"moving the {moved} did not change the figure"
        context.close()
    # The demo's hostile <img src=x onerror=...> is kept by JupyterLab's sanitiser minus
    # the handler, so the browser asks the server for "x": that 404 is the only one allowed.
    hostile = [u for u in failed if u.split("?")[0].endswith("/fixtures/x")]
    assert [u for u in failed if u not in hostile] == []
    errors = [e for e in log.errors if not (hostile and "status of 404" in e)]
    assert log.blocked == [], "JupyterLab asked for the internet"
    assert errors == []


LESSON_01 = "notebooks/01-chronology.ipynb"

#: Every plotly graph on the page: its drawn height and whether it has a plotly slider.
_GRAPHS_JS = """() => [...document.querySelectorAll('.jp-NotebookPanel .js-plotly-plot')].map(
    g => ({h: g.getBoundingClientRect().height, slider: !!g.querySelector('.slider-rail-touch-rect'),
           drag: !!g.querySelector('.nsewdrag')}))"""


def _graph_height(page: t.Any, i: int) -> float:
    return float(page.evaluate(
        "i => document.querySelectorAll('.jp-NotebookPanel .js-plotly-plot')[i].getBoundingClientRect().height", i
    ))  # fmt: skip


def test_lesson_01_day_control_plotly_sliders_and_zoom(chromium: t.Any) -> None:
    """Lesson 01 in JupyterLab: the day slider changes the map, and after every plotly
    slider move and every box zoom each figure is still drawn (height > 0). With plotly's
    ``responsive`` config a slider move or a zoom collapsed the figure to zero height."""
    with browser.jupyterlab(ROOT) as lab:
        context = chromium.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        log = browser.watch(page, offline=True, allow=(lab.url,))
        lab.open(page, LESSON_01)
        lab.run_all(page)
        lab.wait_done(page)

        # the day-by-day explorer: a Play button and a slider above the map
        box = page.locator(".widget-vbox:has(.widget-play):has(.js-plotly-plot)").first
        box.wait_for(timeout=30_000)
        box.scroll_into_view_if_needed()
        title = box.locator(".js-plotly-plot .gtitle").first
        before = title.text_content()
        assert browser.move_control(box) == "slider"
        page.wait_for_function(
            "([el, old]) => !el.isConnected || el.textContent !== old",
            arg=[title.element_handle(), before], timeout=15_000,
        )  # fmt: skip
        after = box.locator(".js-plotly-plot .gtitle").first.text_content()
        assert after != before, "moving the day slider did not change the map"

        graphs = page.evaluate(_GRAPHS_JS)
        assert len(graphs) >= 6 and all(g["h"] > 0 for g in graphs), graphs
        assert any(g["slider"] for g in graphs), "lesson 01 shows no plotly slider"
        plots = page.locator(".jp-NotebookPanel .js-plotly-plot")
        for i, g in enumerate(graphs):
            plot = plots.nth(i)
            plot.scroll_into_view_if_needed()
            if g["slider"]:
                rail = plot.locator(".slider-rail-touch-rect").first.bounding_box()
                assert rail is not None
                page.mouse.click(rail["x"] + rail["width"] * 0.3, rail["y"] + rail["height"] / 2)
                page.wait_for_timeout(400)
                assert _graph_height(page, i) > 0, f"figure {i} collapsed after its slider moved"
            if g["drag"]:
                area = plot.locator(".nsewdrag").first.bounding_box()
                assert area is not None
                x, y = area["x"] + area["width"] * 0.3, area["y"] + area["height"] * 0.3
                page.mouse.move(x, y)
                page.mouse.down()
                page.mouse.move(x + area["width"] * 0.3, y + area["height"] * 0.3, steps=8)
                page.mouse.up()
                page.wait_for_timeout(400)
                assert _graph_height(page, i) > 0, f"figure {i} collapsed after a box zoom"
        assert all(g["h"] > 0 for g in page.evaluate(_GRAPHS_JS))
        context.close()
    assert log.blocked == [], "JupyterLab asked for the internet"
    assert log.errors == []
