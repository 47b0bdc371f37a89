"""The export pieces on their own (no browser needed): sanitiser, preprocessors, assets."""

from __future__ import annotations

import doctest
import typing as t

import nbformat
import pytest

from tools.export import assets, sanitize
from tools.export.preprocessors import (
    OfflineOutputsPreprocessor,
    SlideLayoutPreprocessor,
    widget_outputs,
)
from tools.export.sanitize import TRUSTED_HTML_MIMETYPE, clean_html


def test_sanitize_doctests() -> None:
    assert doctest.testmod(sanitize).failed == 0


@pytest.mark.parametrize(
    ("dirty", "kept", "gone"),
    [
        ("<h2 id='x'>T</h2><p>a <em>b</em></p>", '<h2 id="x">T</h2><p>a <em>b</em></p>', ""),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;", "<img"),
        ("<svg onload=alert(1)>", "&lt;svg onload=alert(1)&gt;", "<svg"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>", "href"),
        ('<a href="https://example.org" onclick="f()">x</a>', 'href="https://example.org"', "onclick"),
        ("<style>.a{}</style><table><thead><tr><th>n</th></tr></thead></table>", "<th>n</th>", ".a{}"),
        ("<iframe src=//evil></iframe>", "&lt;iframe", "<iframe"),
        ('<p style="background:url(//evil)">x</p>', "<p>x</p>", "style"),
    ],
)
def test_clean_html(dirty: str, kept: str, gone: str) -> None:
    clean = clean_html(dirty)
    assert kept in clean
    if gone:
        assert gone not in clean


def test_script_safe() -> None:
    js = 'a = "</script><script>x"; b = /<!--/; c = `</SCRIPT>`'
    safe = assets.script_safe(js)
    assert "</script" not in safe.lower() and "<!--" not in safe and "<script" not in safe


def test_basic_bundle_only_for_basic_traces() -> None:
    assert assets.plotlyjs(["scatter", "bar"])[0] == "plotly.js-basic-dist-min"
    assert "full" in assets.plotlyjs(["scatter", "treemap"])[0]


def _nb(*cells: t.Any) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def test_default_layout_from_headings() -> None:
    md = nbformat.v4.new_markdown_cell
    note = md("say this")
    note.metadata["tags"] = ["notes"]
    skipped = md("draft")
    skipped.metadata["tags"] = ["skip-slides"]
    nb = _nb(md("# Title"), md("text"), md("## Idea"), md("### Detail"), note, skipped)
    nb, _ = SlideLayoutPreprocessor().preprocess(nb, {})
    kinds = [c.metadata["slideshow"].get("slide_type") for c in nb.cells]
    assert kinds == ["slide", None, "slide", "subslide", "notes", "skip"]


def test_existing_layout_is_kept() -> None:
    md = nbformat.v4.new_markdown_cell
    first = md("# Title")
    first.metadata["slideshow"] = {"slide_type": "slide"}
    nb, _ = SlideLayoutPreprocessor().preprocess(_nb(first, md("## not a new slide")), {})
    assert nb.cells[1].metadata["slideshow"].get("slide_type") is None


def test_widget_becomes_note_plus_its_figure() -> None:
    figure = {"data": [{"type": "bar", "x": [1], "y": [2]}], "layout": {"height": 900}}
    state = {
        "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_out"]}},
        "out": {
            "model_name": "OutputModel",
            "state": {"outputs": [{"output_type": "display_data", "metadata": {},
                                   "data": {"application/vnd.plotly.v1+json": figure}}]},
        },
    }  # fmt: skip
    cell = nbformat.v4.new_code_cell("w")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"application/vnd.jupyter.widget-view+json": {"model_id": "box"}},
        )
    ]
    nb = _nb(cell)
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": state}}
    assert len(widget_outputs("box", state)) == 1
    nb, res = OfflineOutputsPreprocessor(figure_height=440).preprocess(nb, {})
    assert "widgets" not in nb.metadata  # the 5 MB of widget state is not carried along
    htmls = [o.data[TRUSTED_HTML_MIMETYPE] for o in nb.cells[0].outputs]
    assert "Run this in JupyterLab or Binder" in htmls[0]
    assert "Plotly.newPlot" in htmls[1] and '"height":440' in htmls[1]
    assert res["conflictkit"] == {"figures": 1, "trace_types": {"bar"}, "widgets": 1}


def test_demo_deck_has_speaker_notes_and_skips(built: dict[str, t.Any]) -> None:
    html = built["demo"].outputs["slides"].read_text(encoding="utf-8")
    assert html.count('<aside class="notes">') == 2
    assert "That's all." not in html
