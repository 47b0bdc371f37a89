"""Explorers: drive every control programmatically; the figure must follow, fast."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import conflictkit
import pytest
from conflictkit import explorers, figures, lessons

HERE = Path(__file__).parent
MINIMAL = HERE / "seeds" / "minimal.txt"
EMPTY = HERE / "seeds" / "minimal_empty.txt"
PLOTLY = figures.PLOTLY_MIME


@pytest.fixture(scope="module")
def art() -> conflictkit.Article:
    return conflictkit.load()


def _fig(ex: explorers.Explorer) -> str:
    return json.dumps(ex.view.figure_json()) if ex.view.has_figure else ex.view.html or ""


def test_casualty_reading_moves_conclusions(art: conflictkit.Article) -> None:
    ex = explorers.casualty_reading(art)
    assert ex.control.value == "at least"
    before, notes = _fig(ex), ex.notes.value
    assert "at most" in notes  # civilian share only bounded above
    ex.control.value = "point"
    assert _fig(ex) != before and ex.notes.value != notes
    assert "at most" not in ex.notes.value
    assert ex.renders == 2
    assert PLOTLY in ex.output.outputs[0]["data"]


def test_side_comparison_every_measure(art: conflictkit.Article) -> None:
    ex = explorers.side_comparison(art)
    seen = {_fig(ex)}
    for measure in figures.COMPARE:
        if measure == ex.control.value:
            continue
        ex.control.value = measure
        seen.add(_fig(ex))
    assert len(seen) == len(figures.COMPARE)
    ex.sides.value = (1,)
    assert len([tr for tr in ex.figure.data if tr.type == "bar"]) >= 1
    assert figures.side_names(art)[2] not in ex.view.summary


def test_claims_by_source_highlights(art: conflictkit.Article) -> None:
    ex = explorers.claims_by_source(art)
    assert "SOHR" in ex.control.options and "unattributed" not in ex.control.options
    before = _fig(ex)
    ex.control.value = "SOHR"
    assert _fig(ex) != before
    assert "SOHR" in ex.notes.value


def test_sentence_rows_follows_line(art: conflictkit.Article) -> None:
    ex = explorers.sentence_rows(art)
    before = ex.view.html
    other = next(v for _, v in ex.control.options if v != ex.control.value)
    ex.control.value = other
    assert ex.view.html != before and f"line {other}" in ex.view.html


@pytest.mark.parametrize(
    "make",
    [
        explorers.casualty_reading,
        explorers.side_comparison,
        explorers.claims_by_source,
        explorers.sentence_rows,
    ],
)
def test_explorers_on_empty_seed(make) -> None:
    ex = make(conflictkit.load(EMPTY))
    assert ex.view.summary
    for opt in getattr(ex.control, "options", ()):
        ex.control.value = opt[1] if isinstance(opt, tuple) else opt
    json.dumps([o["data"] for o in ex.output.outputs])


def test_widget_change_is_fast(art: conflictkit.Article) -> None:
    ex = explorers.casualty_reading(art)
    times = []
    for i in range(21):
        t0 = time.perf_counter()
        ex.control.value = "point" if i % 2 == 0 else "at least"
        times.append(time.perf_counter() - t0)
    assert statistics.median(times) <= 0.030, f"median {statistics.median(times) * 1000:.1f} ms"


def test_seed_picker_reloads_lesson_and_explorers() -> None:
    lesson = lessons.Lesson("03-casualties", MINIMAL)
    ex = explorers.casualty_reading(lesson.art)
    picker = lesson.picker()
    values = [v for _, v in picker.control.options]
    assert str(MINIMAL.resolve()) in values
    assert all(str(p.resolve()) in values for p in conflictkit.seeds())
    bundled = next(v for v in values if v != str(MINIMAL.resolve()))
    old_summary = ex.view.summary
    picker.control.value = bundled
    assert lesson.art.path.resolve() == Path(bundled)
    assert "Loaded" in picker.status.value
    assert ex.art is lesson.art and ex.view.summary != old_summary


def test_picker_reports_a_broken_seed(tmp_path: Path) -> None:
    lesson = lessons.Lesson("00-start-here", MINIMAL)
    picker = lesson.picker()
    bad = tmp_path / "bad.txt"
    bad.write_text("not a seed <b>at all</b>\n", encoding="utf-8")
    picker.control.options = [*picker.control.options, ("bad", str(bad))]
    picker.control.value = str(bad)
    assert "<b>at all</b>" not in picker.status.value  # escaped, if shown at all
