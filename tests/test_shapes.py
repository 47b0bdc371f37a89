"""Infobox shapes met in real conflict articles, reproduced by invented fixtures.

``tests/seeds/shapes/README.md`` lists the articles studied and, per fixture, the real
article that showed each shape. Here every fixture must parse without a traceback (also
when cut short anywhere), give its golden tables (``tests/golden/shapes/<fixture>/``),
account for every line (a table row or ``unparsed`` with a reason), keep no flattening
leftover in a name. tests/test_generality.py runs its checks on these fixtures too (every
row traces back to its words and line, fates from the documented list).

Regenerate the goldens only after reading the diff against the fixture, line by line:
``python tests/test_shapes.py --write && git diff tests/golden/shapes``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
import pytest
from conflictkit import frames
from conflictkit.article import Article, parse
from conflictkit.errors import SeedError
from conflictkit.infobox import normalise_key
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HERE = Path(__file__).parent
SHAPES = HERE / "seeds" / "shapes"
GOLDEN = HERE / "golden" / "shapes"
FIXTURES = sorted(SHAPES.glob("*.txt"))
assert len(FIXTURES) >= 12, f"the shape fixtures are missing from {SHAPES}"

# the columns a reader checks by hand against the fixture; casualties are the infobox's
# rows only (the narrative's belong to the chronology and its own tests)
COLUMNS = {
    "infobox": ["field", "value", "line"],
    "sides": ["side", "combatant", "role", "depth", "parent", "line"],
    "commanders": ["side", "name", "rank", "fate", "qualifier", "role", "line"],
    "units": ["side", "unit", "parent", "depth", "note", "line"],
    "strengths": ["side", "subject", "unit", "low", "high", "open_upper", "approx", "vague", "note", "line"],
    "casualties": ["side", "who", "category", "civilian", "low", "high", "open_upper", "date_start", "date_end",
                   "claimant", "field", "line"],
    "unparsed": ["line", "column", "text", "reason"],
}
# infobox fields whose every line must give a typed row (or an unparsed reason)
TYPED = {"combatant": "sides", "commander": "commanders", "unit": "units", "strength": "strengths",
         "casualties": "casualties"}
_TYPED_KEY = re.compile(r"^(?P<base>combatant|commander|unit|strength|casualties)s?\d?$")
_UNKNOWN_VALUE = re.compile(r"^\s*(?:unknown|n/a|none)\.?\s*$", re.IGNORECASE)

# What flattening leaves behind and no name may keep: fates glued on, icons, footnote
# marks, link pipes, rules, tree stars, empty brackets, stray or unbalanced quotes.
LEFTOVER = re.compile(
    r"(?:KIA|WIA|POW|MIA|DOW)\b|†|\b\d{1,3}px\b|\[[^\]]*\]|[\[\]|]|-{4}|\*|\(\s*\)"
    r"|^['’]|['’]$|^\s|\s$|\s{2}|^and\s"
)


def table(article: Article, name: str) -> pd.DataFrame:
    df = article.tables[name]
    if name == "casualties":
        df = df[df["origin"] == "infobox"]
    return df[COLUMNS[name]]


def golden_text(article: Article, name: str) -> str:
    return frames.csv_text(table(article, name), name)


@pytest.fixture(scope="module", params=FIXTURES, ids=lambda p: p.stem)
def shaped(request) -> tuple[Path, Article]:
    path = request.param
    return path, parse(path.read_text(encoding="utf-8"), path)


GOLDEN_FILES = sorted(GOLDEN.glob("*/*.csv"))


def test_every_fixture_has_its_golden_tables():
    for path in FIXTURES:
        for name in COLUMNS:
            assert (GOLDEN / path.stem / f"{name}.csv").is_file(), f"no golden {name} for {path.name}"


def test_every_fixture_names_its_real_article():
    readme = (SHAPES / "README.md").read_text(encoding="utf-8")
    for path in FIXTURES:
        row = next((line for line in readme.splitlines() if line.startswith(f"| `{path.name}`")), None)
        assert row is not None, f"{path.name}: no provenance row in the README"
        assert re.search(r"\(#\d+\)", row), f"{path.name}: the provenance names no studied article"
    studied = [line for line in readme.splitlines() if re.match(r"^\| \d+ \| .+ \| https?://", line)]
    assert len(studied) >= 30, f"the study lists {len(studied)} articles"


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=[f"{p.parent.name}/{p.stem}" for p in GOLDEN_FILES])
def test_table_matches_golden(path):
    article = parse((SHAPES / f"{path.parent.name}.txt").read_text(encoding="utf-8"), SHAPES / path.parent.name)
    assert golden_text(article, path.stem) == path.read_text(encoding="utf-8")


def test_the_infobox_is_found(shaped):
    path, article = shaped
    assert len(article.infobox) >= 8, f"{path.name}: the infobox was lost"
    assert article.meta["date_start"], f"{path.name}: no period"
    assert len(article.commanders) >= 1
    kinds = set(article.lines["kind"])
    assert "infobox" in kinds and "paragraph" in kinds


def test_every_line_ends_in_a_table_or_unparsed(shaped):
    path, article = shaped
    lines = article.text.split("\n")
    non_blank = [n for n, line in enumerate(lines, start=1) if line.strip()]
    assert article.lines["line"].tolist() == non_blank
    unparsed_lines = set(article.unparsed["line"])
    assert (article.unparsed["reason"].str.len() > 0).all()
    for row in article.lines.itertuples():
        assert row.kind in {"title", "infobox-marker", "infobox", "heading", "paragraph", "list-item", "unparsed"}
        if row.kind == "unparsed":
            assert row.line in unparsed_lines, f"{path.name}:{row.line} unparsed without a reason"
    # every side field's line gives a typed row, says it is unknown, or is in unparsed
    for field in article.infobox.itertuples():
        match = _TYPED_KEY.match(normalise_key(field.field))
        if match is None or _UNKNOWN_VALUE.match(field.value):
            continue
        rows = article.tables[TYPED[match.group("base")]]
        assert field.line in set(rows["line"]) | unparsed_lines, f"{path.name}:{field.line} {field.field} gave nothing"


def test_no_leftovers_in_names(shaped):
    path, article = shaped
    for name, column in (("sides", "combatant"), ("commanders", "name"), ("units", "unit"),
                         ("strengths", "subject"), ("casualties", "who")):
        for value in article.tables[name][column]:
            if name in ("sides", "commanders", "units"):
                assert value, f"{path.name} {name}: empty name"
            assert not LEFTOVER.search(value), f"{path.name} {name}.{column}: leftover in {value!r}"
            assert value.count("(") == value.count(")"), f"{path.name} {name}.{column}: unbalanced {value!r}"
            assert value.count('"') % 2 == 0, f"{path.name} {name}.{column}: unbalanced quote {value!r}"


def test_cut_anywhere_parses_or_names_the_place(shaped):
    """No traceback on a fixture cut short: a table, or one SeedError with its line."""
    path, article = shaped
    text = article.text
    for cut in range(1, len(text), max(1, len(text) // 40)):
        try:
            parse(text[:cut], path)
        except SeedError as error:
            assert error.line >= 1


# --------------------------------------------------------------------------- the shapes, by hand


def rows(df: pd.DataFrame, *columns: str) -> list[tuple]:
    return [tuple(None if pd.isna(v) else v for v in r) for r in df[list(columns)].itertuples(index=False)]


def load(name: str) -> Article:
    path = SHAPES / name
    return parse(path.read_text(encoding="utf-8"), path)


def test_caption_where_the_marker_stands():
    art = load("caption_for_marker.txt")
    assert (art.meta["date_start"], art.meta["date_end"]) == ("2017-09-20", "2017-10-08")
    assert rows(art.unparsed, "line", "text")[0] == (3, "Coastal Guard")
    assert "Combatant2 names no combatant" in art.unparsed["reason"].iloc[1]


def test_nickname_glued_to_kia():
    art = load("nickname_fates.txt")
    names = dict(rows(art.commanders, "name", "fate"))
    assert names['Nadim Sultan "Abu Ghanem"'] == "KIA"
    assert names["Abdel 'Kojak' Mansur"] == "KIA"
    assert names['Ibrahim Noor "Ibn Noor"'] == ""
    assert names["Mikhail Petrosyan"] == "WIA; POW"
    assert ("Haider Dahlan", "") in rows(art.commanders, "name", "rank")
    assert ("Fares Wahbi", "Gen.") in rows(art.commanders, "name", "rank")
    assert "a fate (KIA) with no name" in " ".join(art.unparsed["reason"])


def test_unit_tree_of_any_depth_with_placeholders():
    art = load("deep_unit_tree.txt")
    tree = {unit: (parent, depth) for unit, parent, depth in rows(art.units, "unit", "parent", "depth")}
    assert tree["Mortar Company"] == ("3rd Battalion", 5)
    assert tree["Coastal Marines"] == ("Tessalian Army", 3)  # under a lost level: the nearest named one
    assert tree["National Guard"] == ("Tessalian Armed Forces", 1)
    assert tree["allied contractors"] == ("", 0)
    assert list(art.unparsed["text"]).count("**") == 2


def test_bare_country_and_labelled_combatants():
    art = load("bare_country.txt")
    assert rows(art.sides, "side", "combatant", "role")[:2] == [(1, "Mali", ""), (2, "Jamaat Nusra", "Islamists groups")]
    wounded = [r for r in rows(table(art, "casualties"), "category", "low", "high", "open_upper") if r[0] == "wounded"]
    assert wounded == [("wounded", 60.0, None, True)]
    # "the army" and "soldiers" in the text are the bare country's, side 1
    text_rows = art.casualties[art.casualties["origin"] == "text"]
    assert rows(text_rows, "side", "who", "low") == [(1, "soldiers", 12.0)]
    assert rows(art.control, "place", "side") == [("Tenkar", 1)]


if __name__ == "__main__" and "--write" in sys.argv:
    for fixture in FIXTURES:
        folder = GOLDEN / fixture.stem
        folder.mkdir(parents=True, exist_ok=True)
        parsed = parse(fixture.read_text(encoding="utf-8"), fixture)
        for table_name in COLUMNS:
            (folder / f"{table_name}.csv").write_text(golden_text(parsed, table_name), encoding="utf-8")
        print(f"wrote {folder}")


# --------------------------------------------------------------------------- unseen mixes

_ITEM_LINE = re.compile(r"^- (?P<key>[A-Za-z ]+?)(?P<side>\d?): (?P<value>.*)$")
_LINES = sorted({
    (m.group("key"), m.group("value"))
    for path in FIXTURES
    for line in path.read_text(encoding="utf-8").splitlines()
    if (m := _ITEM_LINE.match(line)) and m.group("key") not in {"Date", "Conflict"}
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_LINES), st.integers(1, 4)), min_size=1, max_size=14))
def test_unseen_mixes_of_the_shapes_parse_cleanly(picked):
    """Infobox lines of every fixture, shuffled onto other sides: an article never seen."""
    lines = [f"- {key}{side}: {value}" for (key, value), side in picked]
    text = "= Battle of Nowhere =\n\nInfobox\n- Date: 4–17 October 2017\n" + "\n".join(lines) + "\n\nOn 5 October, the army attacked.\n"
    article = parse(text)
    for name, column in (("sides", "combatant"), ("commanders", "name"), ("units", "unit")):
        for value in article.tables[name][column]:
            assert value and not LEFTOVER.search(value), f"{name}: leftover in {value!r}"
            assert value.count('"') % 2 == 0 and value.count("(") == value.count(")"), value
    for row in article.infobox.itertuples():
        assert text[row.start:row.end] == row.value
