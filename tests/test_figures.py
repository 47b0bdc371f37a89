"""Figures: every view works on every seed, says "not reported" when empty, escapes seed
text, keeps one colour per side, and carries its source line in the hover text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import conflictkit
import pytest
from conflictkit import figures, palette

HERE = Path(__file__).parent
SEEDS = {
    "bundled": None,
    "minimal": HERE / "seeds" / "minimal.txt",
    "empty": HERE / "seeds" / "minimal_empty.txt",
}
VIEWS = [
    figures.source_card,
    figures.table_overview,
    figures.sentence_rows,
    figures.phases,
    figures.timeline,
    figures.front_distance,
    figures.control,
    figures.place_map,
    figures.order_of_battle,
    figures.strengths,
    figures.commanders,
    figures.compare_sides,
    figures.losses,
    figures.casualty_periods,
    figures.coverage,
    figures.civilians,
    figures.claims,
    figures.claims_table,
    figures.conflicts,
]
HOSTILE = ("<script>alert(1)</script>", '<img src=x onerror="alert(2)">')


@pytest.fixture(scope="module", params=list(SEEDS))
def art(request: pytest.FixtureRequest) -> conflictkit.Article:
    return conflictkit.load(SEEDS[request.param])


@pytest.fixture(scope="module")
def bundled() -> conflictkit.Article:
    return conflictkit.load()


@pytest.mark.parametrize("view", VIEWS, ids=lambda f: f.__name__)
def test_every_view_renders_with_a_summary(art: conflictkit.Article, view) -> None:
    v = view(art)
    assert v.summary and v.summary.endswith((".", ")")), v.summary
    bundles = v.bundles()
    assert bundles, "a view must display something"
    json.dumps(bundles)  # the mimebundles are plain JSON
    if v.figure is not None:
        layout = v.figure.layout
        assert layout.title.text, "every figure has a title"
        fig = bundles[0][figures.PLOTLY_MIME]
        if fig["data"][0]["type"] != "treemap":
            assert layout.xaxis.title.text and layout.yaxis.title.text is not None
            assert layout.xaxis.title.text.strip(), "the x axis says what it measures"
        assert fig["config"]["displaylogo"] is False
        assert bundles[1]["text/html"].startswith('<p class="ck-summary"')


def test_empty_tables_say_not_reported() -> None:
    art = conflictkit.load(SEEDS["empty"])
    for view in (
        figures.front_distance,
        figures.control,
        figures.losses,
        figures.claims,
        figures.strengths,
        figures.casualty_periods,
        figures.conflicts,
    ):
        v = view(art)
        assert v.empty and v.figure is None
        assert figures.NOT_REPORTED in v.summary and figures.NOT_REPORTED in v.html


def test_hover_carries_line_and_sentence(bundled: conflictkit.Article) -> None:
    fig = figures.timeline(bundled).figure
    hovers = [h for tr in fig.data if tr.hovertext is not None for h in tr.hovertext]
    ev = bundled.events.iloc[0]
    assert any(f"line {int(ev.line)}" in h for h in hovers)
    words = ev.sentence.split()[:4]
    assert any(" ".join(words) in h.replace("<br>", " ") for h in hovers)
    for view in (figures.front_distance, figures.losses, figures.claims, figures.strengths):
        text = view(bundled).figure.to_json()
        assert "source, line" in text, view.__name__


def test_one_colour_per_side_across_lessons(bundled: conflictkit.Article) -> None:
    names = figures.side_names(bundled)
    blue, red = palette.side_colour(1), palette.side_colour(2)
    assert blue != red and {blue, red} <= set(palette.OKABE_ITO.values())
    for view in (figures.timeline, figures.strengths):
        fig = view(bundled).figure
        by_name = {tr.name: tr.marker.color for tr in fig.data if tr.name in names.values()}
        assert by_name.get(names[1], blue) == blue and by_name.get(names[2], red) == red


def test_intervals_keep_open_ends(bundled: conflictkit.Article) -> None:
    at_least = figures.losses(bundled, "at least").figure.to_json()
    point = figures.losses(bundled, "point").figure.to_json()
    assert "triangle-right-open" in at_least
    assert "triangle-right-open" not in point
    lo, hi = figures.civilian_share(bundled, "at least")
    assert lo == 0 and 0 < hi < 1  # a lower bound on the others: share only bounded above
    plo, phi = figures.civilian_share(bundled, "point")
    assert plo == phi == pytest.approx(hi)
    assert "triangle-right" in figures.strengths(bundled).figure.to_json()


def test_objective_changed_hands_three_times(bundled: conflictkit.Article) -> None:
    h = figures.holders(bundled)
    reported = h[~h["inferred"]]
    assert list(reported["side"]) == [1, 2, 1]
    assert (
        "three times" in figures.control(bundled).summary
        or "3 times" in figures.control(bundled).summary
    )


def test_map_is_offline_equal_aspect_with_date_slider(bundled: conflictkit.Article) -> None:
    fig = json.loads(figures.place_map(bundled).figure.to_json())
    assert {tr["type"] for tr in fig["data"]} == {"scatter"}  # no tiles, no geo
    assert fig["layout"]["yaxis"]["scaleanchor"] == "x"
    names = [tr.get("name", "") for tr in fig["data"]]
    assert any("Euphrates" in n for n in names) and any("border" in n for n in names)
    steps = fig["layout"]["sliders"][0]["steps"]
    assert len(steps) >= 3 and all(s["method"] == "update" for s in steps)
    first, last = steps[0]["args"][0]["visible"], steps[-1]["args"][0]["visible"]
    assert sum(first) < sum(last)  # fewer places known on the first day
    summary = figures.place_map(bundled).summary
    assert "not mapped" in summary


def _hostile_seed(tmp_path: Path) -> Path:
    text = (HERE / "seeds" / "minimal.txt").read_text(encoding="utf-8")
    a, b = HOSTILE
    text = text.replace("= 2031 Vellmar offensive =", f"= 2031 Vellmar {a} offensive =")
    text = text.replace("Harbour Guard,", f"Harbour Guard {b},", 1)
    text = text.replace("River Flotilla", f"River {b} Flotilla")
    text = text.replace("the Lowland Monitor denied", f"the Lowland Monitor {a} denied")
    text = text.replace("League forces were within 20 km", f"League forces {b} were within 20 km")
    path = tmp_path / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_text_is_escaped_everywhere(tmp_path: Path) -> None:
    art = conflictkit.load(_hostile_seed(tmp_path))
    assert "<script>" in art.text
    for view in VIEWS:
        # text/plain is never rendered as HTML; everything else is
        rendered = [{k: v for k, v in b.items() if k != "text/plain"} for b in view(art).bundles()]
        out = json.dumps(rendered).lower()
        assert "<script" not in out and "<img" not in out, view.__name__
    assert any("&lt;script&gt;" in json.dumps(v(art).bundles()) for v in VIEWS)


def test_import_conflictkit_stays_light() -> None:
    code = (
        "import sys, conflictkit; conflictkit.load(); "
        "from conflictkit import lessons; "
        "bad = [m for m in ('plotly', 'ipywidgets', 'nbformat') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_display_avoids_plotly_renderer_imports() -> None:
    code = (
        "import sys, conflictkit; from conflictkit import figures; "
        "v = figures.timeline(conflictkit.load()); v.bundles(); "
        "bad = [m for m in ('nbformat', 'jsonschema', 'plotly') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
