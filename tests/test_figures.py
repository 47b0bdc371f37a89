"""Figures: every view works on every seed, says "not reported" when empty, escapes seed
text, keeps one colour per side, and carries its source line in the hover text."""

from __future__ import annotations

import json
import re
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


def _killed(art):  # the infobox's killed rows, as lesson 03 selects them
    cas = art.casualties
    return cas[(cas["origin"] == "infobox") & (cas["category"] == "killed")] if not cas.empty else cas


def _totals(art):  # lesson 03's per-side totals: groupby side and origin, empty side kept
    cas = art.casualties
    comb = cas[(cas["category"] == "killed") & ~cas["civilian"]] if not cas.empty else cas
    return comb.groupby(["side", "origin"], dropna=False)["low"].sum() if not comb.empty else comb


def _view(name, make):
    make.__name__ = name
    return make


# the figures of lessons 02–04 take the table the lesson computed, then the article
ANALYSES = [
    _view("order_of_battle", lambda art: figures.order_of_battle(art.units, art)),
    _view("strengths", lambda art: figures.strengths(art.strengths, art)),
    _view("commanders", lambda art: figures.commanders(art.commanders, art)),
    _view("compare_strength", lambda art: figures.compare_sides(figures.side_table(art, "strength"), art, "strength")),
    _view("compare_losses", lambda art: figures.compare_sides(figures.side_table(art, "losses"), art, "losses")),
    _view("compare_units", lambda art: figures.compare_sides(
        art.units.groupby("side", as_index=False).size() if not art.units.empty else art.units, art, "units")),
    _view("losses", lambda art: figures.losses(_killed(art), art)),
    _view("losses_point", lambda art: figures.losses(_killed(art), art, "point")),
    _view("casualty_periods", lambda art: figures.casualty_periods(figures.text_losses(art), art)),
    _view("coverage", lambda art: figures.coverage(_totals(art), art)),
    _view("civilians", lambda art: figures.civilians(_killed(art), art)),
    _view("claims", lambda art: figures.claims(figures.attributed_claims(art), art)),
    _view("claims_table", lambda art: figures.claims_table(figures.named_claims(art), art)),
    _view("conflicts", lambda art: figures.conflicts(figures.conflicting_claims(art), art)),
]  # fmt: skip
VIEWS = [
    figures.source_card,
    figures.table_overview,
    figures.sentence_rows,
    figures.phases,
    figures.timeline,
    figures.front_distance,
    figures.control,
    figures.place_map,
    *ANALYSES,
]
_BY_NAME = {v.__name__: v for v in ANALYSES}
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
        assert layout.xaxis.title.text and layout.yaxis.title.text is not None
        assert layout.xaxis.title.text.strip(), "the x axis says what it measures"
        assert fig["config"]["displaylogo"] is False
        assert bundles[1]["text/html"].startswith('<p class="ck-summary"')


def test_empty_tables_say_not_reported() -> None:
    art = conflictkit.load(SEEDS["empty"])
    for view in (
        figures.front_distance,
        figures.control,
        _BY_NAME["losses"],
        _BY_NAME["claims"],
        _BY_NAME["strengths"],
        _BY_NAME["casualty_periods"],
        _BY_NAME["conflicts"],
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
    for view in (figures.front_distance, *(_BY_NAME[n] for n in ("losses", "claims", "strengths"))):
        text = view(bundled).figure.to_json()
        assert "source, line" in text, view.__name__


def test_one_colour_per_side_across_lessons(bundled: conflictkit.Article) -> None:
    names = figures.side_names(bundled)
    blue, red = palette.side_colour(1), palette.side_colour(2)
    assert blue != red and {blue, red} <= set(palette.OKABE_ITO.values())
    for view in (figures.timeline, _BY_NAME["strengths"]):
        fig = view(bundled).figure
        by_name = {tr.name: tr.marker.color for tr in fig.data if tr.name in names.values()}
        assert by_name.get(names[1], blue) == blue and by_name.get(names[2], red) == red


def test_intervals_keep_open_ends(bundled: conflictkit.Article) -> None:
    at_least = _BY_NAME["losses"](bundled).figure.to_json()
    point = _BY_NAME["losses_point"](bundled).figure.to_json()
    assert "triangle-right-open" in at_least
    assert "triangle-right-open" not in point
    lo, hi = figures.civilian_share(bundled, "at least")
    assert lo == 0 and 0 < hi < 1  # a lower bound on the others: share only bounded above
    plo, phi = figures.civilian_share(bundled, "point")
    assert plo == phi == pytest.approx(hi)
    assert "triangle-right" in _BY_NAME["strengths"](bundled).figure.to_json()


def test_objective_changed_hands_three_times(bundled: conflictkit.Article) -> None:
    h = figures.holders(bundled)
    reported = h[~h["inferred"].astype(bool) & (h["extent"] == "full")]
    assert list(reported["side"]) == [1, 2, 1]  # partial gains ("40 percent of") are not changes of hands
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


# ---------------------------------------------------------------------------- lessons 02–04


def test_strengths_keep_the_stated_upper_figure_and_label_log_ticks(bundled) -> None:
    fig = json.loads(_BY_NAME["strengths"](bundled).figure.to_json())
    texts = [t for tr in fig["data"] for t in (tr.get("text") or [])]
    assert any("5,000–10,000+" in t for t in texts), texts  # not "5,000+"
    xs = [x for tr in fig["data"] if tr.get("mode") == "lines+markers" for x in tr["x"]]
    assert 10_000 in xs  # the interval is drawn up to the article's 10,000
    ticks = fig["layout"]["xaxis"]["ticktext"]
    assert "300" in ticks and "1,000" in ticks  # not "3" under a 300 tick


def test_side_strength_is_not_a_sum_of_parts(bundled) -> None:
    table = figures.side_table(bundled, "strength")
    side1 = table[table["side"] == 1].iloc[0]
    parts = bundled.strengths[bundled.strengths["side"] == 1]
    assert side1["low"] == parts["low"].max() and side1["open_upper"]  # a floor, not 9,050
    view = figures.compare_sides(table, bundled, "strength")
    assert "9,050" not in view.summary and "largest part" in view.summary


def test_titles_are_built_from_the_data() -> None:
    minimal = conflictkit.load(SEEDS["minimal"])
    title = _BY_NAME["losses"](minimal).figure.layout.title.text
    assert "376" not in title and "40+" in title


def test_order_of_battle_uses_basic_traces_and_no_areas(bundled) -> None:
    fig = json.loads(_BY_NAME["order_of_battle"](bundled).figure.to_json())
    assert {tr["type"] for tr in fig["data"]} <= {"scatter", "bar"}
    for name in ("strengths", "compare_strength", "losses", "casualty_periods", "coverage", "claims"):
        spec = _BY_NAME[name](bundled).figure_json()
        assert {tr["type"] for tr in spec["data"]} <= {"scatter", "bar"}, name


def test_claims_legend_keys_are_the_marks(bundled) -> None:
    fig = json.loads(_BY_NAME["claims"](bundled).figure.to_json())
    for tr in fig["data"]:
        colour = tr["marker"]["color"]
        assert isinstance(colour, str), "one colour per legend key, the colour of its marks"


def test_named_source_is_one_definition(bundled) -> None:
    assert figures.is_named_source("SOHR") and figures.is_named_source("Syrian Army High Command")
    for generic in ("pro-government sources", "state media", "LNA officials", "unattributed", ""):
        assert not figures.is_named_source(generic), generic
    named = figures.named_claims(bundled)
    assert "pro-government sources" not in set(named["claimant"])
    assert figures.unattributed_claims(bundled) == len(bundled.claims) - len(named)
    assert not figures.conflicting_claims(bundled).empty  # an unnamed source can be denied


def test_civilian_share_says_what_the_text_supports(bundled) -> None:
    v = _BY_NAME["civilians"](bundled)
    assert "only if every figure is exact" in v.summary and "not bounded" in v.summary


def test_no_in_words_sums_the_casualties(bundled) -> None:
    total = figures.fmt_num(figures.loss_totals(bundled, "point")["all"][0])
    for name in ("losses", "losses_point", "coverage", "casualty_periods"):
        v = _BY_NAME[name](bundled)
        assert total not in v.summary and all(total not in d for d in v.details), name


ANALYSES_LESSONS = ("02-forces", "03-casualties", "04-sources-and-claims")
FIGURE_CALL = r"(?:figures|explorers)\.\w+\("


@pytest.mark.parametrize("name", ANALYSES_LESSONS)
def test_lessons_show_the_working(name: str) -> None:
    """Issue 9 §1: at least three visible pandas cells on the article's tables, more of
    them than bare ``figures.x(art)`` calls, and every figure drawn from a table the
    lesson computed (its first argument is not ``art``)."""
    import re

    import nbformat

    nb = nbformat.read(HERE.parent / "notebooks" / f"{name}.ipynb", as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code" and "exercise" not in c.metadata.get("tags", [])]
    tables = [s for s in code if not s.startswith("# ck:setup")]
    pandas = [s for s in tables if re.search(r"\[\[|\[\(|\[~|\w\[\w+\[|\.groupby\(|\.sort_values\(|\.sum\(", s)]
    bare = [s for s in code if re.fullmatch(FIGURE_CALL + r"art\)", s.strip())]
    assert len(pandas) >= 3 and len(pandas) > len(bare), (pandas, bare)
    for s in code:
        for call in re.findall(r"figures\.(\w+)\(([^,)]*)", s):
            assert call[1].strip() != "art", f"figures.{call[0]} draws from art, not from a table"
        last = s.strip().splitlines()[-1] if s.strip() else ""
        assert "=" not in last.split("(")[0] or last.startswith("#"), f"a cell ends in a bare expression: {s!r}"


def test_every_figure_has_its_own_text_alternative(bundled) -> None:
    """Each figure names its kind and what it shows (``View.alt``, carried in
    ``layout.meta.alt`` to the decks' and handouts' aria-label), never its numbers: a
    screen reader must not hear an exercise's answer the sighted student works out."""
    from tools.export.preprocessors import PLOTLY_MIMETYPE, alt_text

    art = bundled
    views = {
        "phases": figures.phases(art.events, art),
        "timeline": figures.timeline(art),
        "front": figures.front_distance(art),
        "control": figures.control(art),
        "map": figures.place_map(art),
        "day map": figures.day_map(art),
        "walk": figures.day_by_day(art),
        "losses": figures.losses(_killed(art), art),
        "periods": figures.casualty_periods(figures.text_losses(art), art),
        "coverage": figures.coverage(_totals(art), art),
        "claims": figures.claims(figures.attributed_claims(art), art),
        "battle": figures.order_of_battle(art.units, art),
        "strengths": figures.strengths(art.strengths, art),
        "compare": figures.compare_sides(figures.side_table(art, "strength"), art, "strength"),
    }
    alts = {}
    for name, view in views.items():
        assert view.has_figure, name
        fig = view.figure_json()
        alt = alt_text({"data": {PLOTLY_MIMETYPE: fig}, "metadata": {}}, fig)
        assert alt == view.alt and len(alt) >= 30, (name, alt)
        undated = re.sub(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}\b", "", alt)  # a day the map shows may be named
        assert not any(ch.isdigit() for ch in undated), (name, alt)
        alts[name] = alt
    assert len(set(alts.values())) == len(alts)  # each says what it is, not a shared phrase
