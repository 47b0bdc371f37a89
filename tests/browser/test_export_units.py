"""The export pieces on their own (no browser needed): sanitiser, preprocessors, assets."""

from __future__ import annotations

import doctest
import typing as t

import nbformat
import pytest

from tools.export import assets, sanitize
from tools.export.preprocessors import (
    HandoutPreprocessor,
    OfflineOutputsPreprocessor,
    PresentationPreprocessor,
    SlideLayoutPreprocessor,
    alt_text,
    legible,
    reading_table,
    rewrite_lesson_links,
    split_teacher_notes,
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
    assert '<figure class="ck-figure"' in htmls[1] and 'aria-label="Bar chart"' in htmls[1]
    assert res["conflictkit"] == {"figures": 1, "trace_types": {"bar"}, "widgets": 1}


def test_an_animation_waits_for_play() -> None:
    """plotly.py starts a figure's frames on page load unless told not to: the deck's day
    map would walk away from the day its slider and title show."""
    figure = {"data": [{"type": "scatter", "x": [1], "y": [1]}], "layout": {},
              "frames": [{"name": "a", "data": [{"y": [2]}]}, {"name": "b", "data": [{"y": [3]}]}]}  # fmt: skip
    cell = nbformat.v4.new_code_cell("f")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"application/vnd.plotly.v1+json": figure})]
    nb, _ = OfflineOutputsPreprocessor(figure_height=440).preprocess(_nb(cell), {})
    html = nb.cells[0].outputs[0].data[TRUSTED_HTML_MIMETYPE]
    assert "Plotly.addFrames" in html and "Plotly.animate" not in html


def test_demo_deck_has_speaker_notes_and_skips(built: dict[str, t.Any]) -> None:
    html = built["demo"].outputs["slides"].read_text(encoding="utf-8")
    # the demo's two notes, plus notes the export adds to chart slides that had none
    assert html.count('<aside class="notes">') >= 2
    assert "Speaker note: introduce the article" in html and "tagged <code>notes</code>" in html
    assert "That's all." not in html


def test_reading_table() -> None:
    html = (
        '<table class="dataframe"><thead><tr style="text-align: right;"><th></th><th>n</th><th>day</th>'
        "<th>ok</th><th>who</th></tr></thead><tbody>"
        "<tr><th>0</th><td>8000.0</td><td>2017-11-08 00:00:00</td><td>True</td><td>NaN</td></tr>"
        "<tr><th>1</th><td>2017.0</td><td>2017-11-09 00:00:00</td><td>False</td><td>&lt;NA&gt;</td></tr>"
        "</tbody></table>"
    )
    out = reading_table(html)
    assert "<th>0</th>" not in out and "<th></th>" not in out
    assert "<td>8000</td>" in out and "<td>2017</td>" in out
    assert "<td>2017-11-08</td>" in out and "<td>yes</td>" in out and "<td>no</td>" in out
    assert out.count("–</span>") == 2 and "NaN" not in out


def test_lesson_links_point_at_siblings() -> None:
    md = "[← 00](00-start-here.ipynb) · [02 →](02-forces.ipynb#top) [wiki](https://x.org/a.ipynb)"
    out = rewrite_lesson_links(md, ".slides.html")
    assert "(00-start-here.slides.html)" in out and "(02-forces.slides.html#top)" in out
    assert "https://x.org/a.ipynb" in out


def test_legible_raises_every_text() -> None:
    fig = {"data": [{"type": "bar", "text": ["a"], "textfont": {"size": 10}}],
           "layout": {"title": {"text": "T"}, "xaxis": {"tickfont": {"size": 11}},
                      "annotations": [{"text": "n", "font": {"size": 9}}]}}  # fmt: skip
    legible(fig, 19)
    lay = fig["layout"]
    assert lay["font"]["size"] == 19 and lay["xaxis"]["tickfont"]["size"] == 19
    assert lay["annotations"][0]["font"]["size"] == 19 and fig["data"][0]["textfont"]["size"] == 19
    assert lay["title"]["font"]["size"] >= 19


def test_alt_text() -> None:
    fig = {"data": [{"type": "scatter", "mode": "lines"}], "layout": {"title": {"text": "Front <b>line</b>"}}}
    assert alt_text({"metadata": {}}, fig) == "Line chart: Front  line"
    assert alt_text({"metadata": {"alt": "Dot chart of events by day"}}, fig) == "Dot chart of events by day"


def test_teacher_notes_inside_a_cell() -> None:
    kept, notes = split_teacher_notes("Intro.\n\n> **Teacher note.** SOHR is\n> a monitor.\n\nAfter.")
    assert "Teacher" not in kept and "After." in kept
    assert notes == ["**Teacher note.** SOHR is\na monitor."]


def _lesson_like() -> nbformat.NotebookNode:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [
        md("# 01 · A lesson\n\n[next](02-b.ipynb)"),
        code("# ck:setup\nart = 1"),
        md("## 1. A point\n\nOne sentence."),
        md("**Teacher notes**\n\n- ask"),
        code("figures.x(art)"),
        md("## 2. Exercises"),
        code("lesson.question(1)"),
        code("my_answer = ...\nlesson.check(1, my_answer)"),
        code("lesson.hint(1)"),
        md("**Source.** [*Some offensive*](https://en.wikipedia.org/wiki/X) CC BY-SA 4.0"),
    ]
    kinds = ["slide", "skip", "slide", "notes", "subslide", "slide", "subslide", "fragment", "skip", "slide"]
    for cell, kind in zip(cells, kinds, strict=True):
        cell.metadata["slideshow"] = {"slide_type": kind}
    cells[4].outputs = [nbformat.v4.new_output("display_data", data={"application/vnd.plotly.v1+json": {"data": []}}),
                        nbformat.v4.new_output("display_data", data={"text/html": '<p class="ck-summary">In words: x</p>'})]  # fmt: skip
    cells[6].outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<div>Exercise 1.</div>"})]
    return _nb(*cells)


def test_presentation_layout() -> None:
    nb, _ = SlideLayoutPreprocessor().preprocess(_lesson_like(), {})
    nb, _ = PresentationPreprocessor().preprocess(nb, {})
    kinds = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
    assert "subslide" not in kinds and "fragment" not in kinds and "skip" not in kinds
    sources = [c.source for c in nb.cells]
    assert not any("my_answer" in s or "ck:setup" in s for s in sources)
    title = nb.cells[0].source
    assert "01 · A lesson" in title and "Some offensive" in title and "CC BY-SA 4.0" in title
    # the point and its figure on one slide, the teacher note as a speaker note
    point = sources.index("## 1. A point\n\nOne sentence.")
    assert kinds[point] == "slide" and kinds[point + 1] == "notes" and kinds[point + 2] == "-"
    assert nb.cells[point + 2].metadata["transient"]["remove_source"] is True  # figures.x(art)
    hint = next(c for c in nb.cells if "lesson.hint" in c.source)
    assert hint.metadata["slideshow"]["slide_type"] == "notes"


def test_handout_has_no_teacher_material() -> None:
    nb, _ = HandoutPreprocessor().preprocess(_lesson_like(), {})
    sources = [c.source for c in nb.cells]
    assert not any("Teacher notes" in s or "lesson.hint" in s for s in sources)
    check = next(c for c in nb.cells if "lesson.check" in c.source)
    assert check.outputs == []
