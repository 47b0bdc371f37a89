"""Any seed: invented articles, one per shape an infobox or a narrative can take.

Every seed in ``tests/seeds/`` (see its README) and the bundled one must parse, leave no
flattening leftovers in names, account for each of its lines and trace every row back
to its words. Then each seed's own shape is checked against values read off its text
by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import conflictkit
import pandas as pd
import pytest
from conflictkit.article import parse

SEED_DIR = Path(__file__).parent / "seeds"
TEST_SEEDS = sorted(SEED_DIR.glob("*.txt"))
# the shape study's fixtures (tests/seeds/shapes/) meet the same checks as every other seed
SHAPE_SEEDS = sorted((SEED_DIR / "shapes").glob("*.txt"))
ALL_SEEDS = [*TEST_SEEDS, *SHAPE_SEEDS, *conflictkit.seeds()]
assert len(TEST_SEEDS) >= 10, f"the generality seeds are missing from {SEED_DIR}"

# A name must not keep what flattening the wiki markup left behind.
LEFTOVER = re.compile(
    r"KIA\b|\b\d{1,3}px\b|\*|\(\s*\)|^['’]|['’]$|^\s|\s$|\s{2}"
)


@pytest.fixture(scope="module", params=ALL_SEEDS, ids=lambda p: p.name)
def article(request):
    return conflictkit.load(request.param)


def load(name: str) -> conflictkit.Article:
    return conflictkit.load(SEED_DIR / name)


def rows(df: pd.DataFrame, *columns: str) -> list[tuple]:
    """The columns as plain tuples: NA/NaN/NaT -> None, dates -> ISO strings, floats as written."""
    out = []
    for record in df[list(columns)].itertuples(index=False):
        values = []
        for value in record:
            if pd.isna(value):
                values.append(None)
            elif isinstance(value, pd.Timestamp):
                values.append(value.strftime("%Y-%m-%d"))
            else:
                values.append(value.item() if hasattr(value, "item") else value)
        out.append(tuple(values))
    return out


# --------------------------------------------------------------------------- every seed


def test_parses_with_a_title_and_the_contract_tables(article):
    assert article.title
    for name in ("infobox", "sides", "commanders", "units", "strengths", "casualties", "events", "lines", "unparsed"):
        assert isinstance(article.tables[name], pd.DataFrame)


def test_no_leftovers_in_names(article):
    for table, column in (("sides", "combatant"), ("commanders", "name"), ("units", "unit")):
        for name in article.tables[table][column]:
            assert name, f"{table}: empty name"
            assert not LEFTOVER.search(name), f"{table}.{column}: leftover in {name!r}"
            assert name.count("(") == name.count(")"), f"{table}.{column}: unbalanced {name!r}"
    # fates are a "; "-joined list in the order written ("WIA; POW"), docs/API.md
    for fate in article.commanders.fate:
        assert set(filter(None, fate.split("; "))) <= {"KIA", "WIA", "POW", "MIA", "DOW", "executed"}, fate


def test_every_non_blank_line_is_accounted_for(article):
    lines = article.text.split("\n")
    non_blank = [n for n, line in enumerate(lines, start=1) if line.strip()]
    assert article.lines["line"].tolist() == non_blank
    assert (article.lines["kind"] != "").all()
    unparsed_lines = set(article.unparsed["line"])
    assert set(article.lines.loc[article.lines["kind"] == "unparsed", "line"]) <= unparsed_lines
    assert (article.unparsed["reason"] != "").all()
    assert all(1 <= n <= len(lines) for n in unparsed_lines)


def test_every_row_slices_back_to_its_text(article):
    text = article.text
    for name, df in article.tables.items():
        if not {"start", "end", "text"} <= set(df.columns):
            continue
        for row in df.itertuples():
            assert text[row.start:row.end] == row.text, f"{name} row {row.Index}"
            assert text.count("\n", 0, row.start) + 1 == row.line, f"{name} row {row.Index}: line"
    for row in article.infobox.itertuples():
        assert text[row.start:row.end] == row.value
    for row in article.sides.itertuples():
        assert row.combatant in text[row.start:row.end]


# --------------------------------------------------------------------------- one shape each


def test_three_sides():
    art = load("three_sides.txt")
    assert rows(art.sides, "side", "combatant", "role") == [
        (1, "Marren Republic", ""), (1, "Osterland", "Supported by"),
        (2, "Northern Accord", ""), (3, "Karsk Free Militia", ""),
    ]
    assert art.side_names() == {1: "Marren Republic and allies", 2: "Northern Accord", 3: "Karsk Free Militia"}
    assert rows(art.commanders, "side", "name", "rank", "fate", "qualifier", "role") == [
        (1, "Pavla Ortun", "Gen.", "", "", ""), (1, "Ivo Dask", "Col.", "", "", ""),
        (2, "Saad Vellik", "", "KIA", "", "field commander"), (2, "Rolan Ketch", "", "", "possibly", ""),
        (3, "Mira Hollis", "", "", "", ""), (3, "Tomek Brana", "", "", "", ""),
    ]
    assert rows(art.units, "side", "unit", "parent", "depth", "note") == [
        (1, "Marren Army", "", 0, ""), (1, "7th Motorised Brigade", "Marren Army", 1, ""),
        (1, "Osterland advisers", "", 0, "non combat role"), (2, "Accord Vanguard", "", 0, ""),
        (3, "Old Town Company", "", 0, ""),
    ]
    assert rows(art.strengths, "side", "low", "high", "open_upper") == [
        (1, 3500.0, 3500.0, False), (2, 1200.0, 1500.0, False), (3, 400.0, None, True),
    ]
    box = art.casualties[art.casualties.origin == "infobox"]
    # a third combatant makes Casualties3 that side's losses, not the civilians'
    assert rows(box, "side", "category", "civilian", "low", "high", "open_upper", "field") == [
        (1, "killed", False, 61.0, 61.0, False, "Casualties1"), (1, "wounded", False, 140.0, 140.0, False, "Casualties1"),
        (2, "killed", False, 210.0, None, True, "Casualties2"), (2, "captured", False, 35.0, 35.0, False, "Casualties2"),
        (3, "killed", False, 44.0, 44.0, False, "Casualties3"),
    ]
    assert rows(art.events, "date_start", "resolved_from") == [
        ("2029-08-14", ""), ("2029-08-15", "The next day"), ("2029-08-20", ""), ("2029-09-02", ""),
    ]


def test_status_instead_of_result_and_an_ongoing_period():
    art = load("ongoing_status.txt")
    meta = art.meta
    assert (meta["date_start"], meta["date_end"], meta["duration_days"], meta["ongoing"]) == ("2019-05-05", None, None, True)
    assert (meta["result"], meta["status"]) == ("Ongoing", "Ongoing")
    assert art.date_start == pd.Timestamp("2019-05-05") and pd.isna(art.date_end)
    assert meta["part_of"] == ["Halvard insurgency"]
    # "Units2: Unknown" names no unit; "Strength2: Unknown" is a strength without a figure
    assert rows(art.units, "side", "unit") == [(1, "2nd Mountain Brigade")]
    assert rows(art.strengths, "side", "low", "high", "note") == [(1, 2000.0, 2000.0, ""), (2, None, None, "unknown")]
    assert rows(art.casualties, "side", "low", "open_upper", "date_start", "date_end") == [
        (1, 90.0, True, "2019-05-05", None), (2, None, False, "2019-05-05", None),
    ]
    # the period runs forward from 5 May 2019: "2 February" is the next February
    assert rows(art.events, "date_start", "date_end", "date_precision") == [
        ("2019-05-05", "2019-05-05", "day"), ("2019-05-20", "2019-05-20", "day"),
        ("2019-06-01", "2019-06-10", "approx"), ("2020-02-02", "2020-02-02", "day"),
    ]


def test_no_strengths_and_no_units():
    art = load("no_strengths.txt")
    assert art.strengths.empty and list(art.strengths.columns)[:6] == ["side", "subject", "unit", "low", "high", "open_upper"]
    assert art.units.empty
    assert (art.meta["date_start"], art.meta["date_end"], art.meta["duration_days"]) == ("2031-10-11", "2031-10-11", 1)
    assert rows(art.commanders, "side", "name", "rank") == [(1, "Hela Morrow", "Capt.")]  # "Commander2: Unknown" names nobody
    box = art.casualties[art.casualties.origin == "infobox"]
    assert rows(box, "side", "category", "low") == [(1, "wounded", 3.0), (2, "killed", 5.0), (2, "captured", 2.0)]
    assert rows(art.events, "date_start", "time_of_day") == [("2031-10-11", ""), ("2031-10-11", "evening")]


def test_several_claims_in_one_casualty_field():
    art = load("several_claims.txt")
    box = art.casualties[art.casualties.origin == "infobox"]
    assert rows(box, "side", "who", "category", "civilian", "low", "high", "open_upper", "claimant", "date_start", "date_end") == [
        (1, "", "killed", False, 120.0, 150.0, False, "SOHR", "2024-03-01", "2024-03-12"),
        (1, "", "killed", False, 300.0, None, True, "Army", "2024-03-03", "2024-03-09"),
        # "Several claims:" is a header, not a claimant
        (2, "", "killed", False, 80.0, 80.0, False, "Valley Monitor", "2024-03-01", "2024-03-12"),
        (2, "", "killed", False, 45.0, 45.0, False, "Front", "2024-03-01", "2024-03-12"),
        (2, "", "captured", False, 12.0, 12.0, False, "Front", "2024-03-01", "2024-03-12"),
        # Casualties3 without a Combatant3 is the civilians' column
        (None, "civilians", "killed", True, 30.0, 30.0, False, "UN", "2024-03-01", "2024-03-12"),
    ]
    assert box.text.tolist()[:2] == ["120–150 killed (per SOHR)", "300+ killed (Army claim; 3 Mar. – 9 Mar.)"]


def test_deep_unit_nesting_and_icons():
    art = load("deep_units.txt")
    assert rows(art.sides, "side", "combatant") == [(1, "Estmark"), (2, "Harrow Separatists")]
    assert rows(art.units, "side", "unit", "parent", "depth", "note") == [
        (1, "Northern Army Group", "", 0, ""),
        (1, "1st Corps", "Northern Army Group", 1, ""),
        (1, "3rd Division", "1st Corps", 2, ""),
        (1, "9th Rifle Regiment", "3rd Division", 3, ""),
        (1, "11th Rifle Regiment", "3rd Division", 3, ""),
        (1, "4th Division", "1st Corps", 2, ""),
        (1, "1st Brigade", "Northern Army Group", 1, ""),  # "*1st Brigade": no space after the star
        (1, "2nd Battalion", "1st Brigade", 2, ""),
        (1, "Coastal Flotilla", "", 0, "non combat role"),
        (2, "Harrow Home Guard", "", 0, ""),
        (2, "North Company", "Harrow Home Guard", 1, ""),
        (2, "South Company", "Harrow Home Guard", 1, ""),
    ]
    assert rows(art.commanders, "name", "rank") == [("Oskar Lind", "Field Marshal"), ("Mara Seft", "Lt. Col."), ("Jon Iver", "")]
    assert rows(art.strengths, "side", "subject", "unit", "low") == [
        (1, "9th Rifle Regiment", "9th Rifle Regiment", 800.0),
        (1, "1st Corps's 3rd Division", "3rd Division", 5000.0),
        (2, "", "", 1500.0),
    ]


def test_labelled_sub_ranges_of_the_period():
    art = load("phased_date.txt")
    assert art.meta["date_parts"] == [
        {"label": "Phase I", "date_start": "2016-05-01", "date_end": "2016-05-05"},
        {"label": "Phase II", "date_start": "2016-05-09", "date_end": "2016-06-02"},
    ]
    assert (art.meta["date_start"], art.meta["date_end"], art.meta["duration_days"]) == ("2016-05-01", "2016-06-02", 33)
    assert rows(art.events, "date_start", "phase") == [
        ("2016-05-01", "Phase I"), ("2016-05-05", "Phase I"), ("2016-05-09", "Phase II"), ("2016-06-02", "Phase II"),
    ]


def test_truncated_in_the_middle_of_an_infobox_line():
    art = load("truncated_infobox.txt")
    assert not art.text.endswith("\n")
    assert rows(art.commanders, "name", "rank", "qualifier", "text") == [("Ruth Amsel", "Col.", "possibly", "Col. Ruth Amsel (possibly")]
    assert rows(art.unparsed, "line", "column", "text") == [(9, 31, "(possibly")]
    assert art.unparsed.reason.iloc[0].startswith("unclosed parenthesis")
    assert art.meta["unparsed"][0]["line"] == 9
    assert art.events.empty and art.sentences.empty
    assert art.meta["result"] == ""


def test_truncated_in_the_middle_of_a_sentence():
    art = load("truncated_prose.txt")
    assert art.sentences.text.iloc[-1] == "On 9 April, the Tallow Brigades began to"
    assert rows(art.events, "date_start")[-1] == ("2030-04-09",)
    assert rows(art.casualties, "side", "low", "claimant") == [(1, 14.0, "Guard radio"), (2, 30.0, "")]
    assert rows(art.unparsed, "line", "column", "text") == [(12, 26, "(per Guard radio")]


def test_missing_infobox_marker():
    art = load("no_infobox_marker.txt")
    assert "infobox-marker" not in set(art.lines.kind)
    assert art.lines.kind.tolist()[:11] == ["title"] + ["infobox"] * 10
    assert len(art.infobox) == 10 and art.infobox.field.iloc[0] == "Conflict"
    assert rows(art.sides, "side", "combatant") == [(1, "Lowland Rangers"), (2, "Fennick Smugglers")]
    assert art.unparsed.empty
    assert rows(art.events, "date_start", "resolved_from") == [("2033-07-07", ""), ("2033-07-09", "Two days later")]


def test_year_boundary_us_dates_and_relative_dates():
    art = load("year_boundary.txt")
    assert (art.meta["date_start"], art.meta["date_end"], art.meta["duration_days"]) == ("2022-12-28", "2023-01-06", 10)
    assert rows(art.events, "date_start", "date_end", "resolved_from", "time_of_day") == [
        ("2022-12-28", "2022-12-28", "", ""),  # "On December 28"
        ("2022-12-29", "2022-12-29", "The next day", ""),
        ("2022-12-31", "2022-12-31", "Two days later", ""),
        ("2022-12-31", "2022-12-31", "That evening", "evening"),
        ("2022-12-31", "2022-12-31", "Meanwhile", ""),
        ("2023-01-02", "2023-01-02", "", ""),  # "On January 2": the year after the start
        ("2023-01-05", "2023-01-05", "", ""),
        ("2023-01-06", "2023-01-06", "The next day", ""),
    ]


def test_flag_and_icon_leftovers():
    art = load("flag_leftovers.txt")
    # lone quotes and empty items vanish; icons go; "Supported by:" becomes a role; two
    # flagged names that merged stay as written (nothing in the text says where to cut)
    assert rows(art.sides, "side", "combatant", "role") == [
        (1, "Estmark Republic Osterland", ""), (1, "Marren Volunteer Corps", ""), (1, "Vellany", "Supported by"),
        (2, "Corven Liberation Army", ""),
    ]
    assert rows(art.commanders, "side", "name", "rank", "fate") == [(1, "Adam Roth", "Gen.", ""), (1, "Liv Tarn", "Col.", "KIA")]
    assert rows(art.units, "side", "unit") == [(1, "Estmark Air Wing"), (1, "Marren Volunteer Corps")]
    assert rows(art.strengths, "side", "low", "note", "text") == [
        (1, None, "unknown", "Unknown"), (2, 700.0, "", "700"), (2, None, "unknown", "Unknown"),
    ]
    assert rows(art.casualties, "side", "category", "low", "open_upper") == [(1, "", None, False), (2, "killed", 120.0, True)]


def test_hostile_text_is_kept_verbatim():
    art = load("hostile.txt")
    assert art.title == """<script>alert(1)</script> "Quoted" & 'single' &amp; battle"""
    assert art.meta["result"] == """"Victory" for O'Brien &amp; Sons <b>bold</b>"""
    assert art.meta["place"] == "<img src=x onerror=alert(1)>, Nowhere"
    assert rows(art.sides, "side", "combatant") == [
        (1, "<script>alert(1)</script> Brigade"),
        (1, """Tom &amp; Jerry's "Irregulars\""""),  # the ';' of '&amp;' separates nothing
        (2, "<img src=x onerror=alert(1)> Front"),
    ]
    assert rows(art.commanders, "side", "name", "role") == [
        (1, "Sean O'Brien", ""), (1, """"Mad" Max <i>Payne</i>""", ""), (2, "javascript:alert(1) Lee", ""),
    ]
    assert rows(art.units, "unit", "parent", "note") == [
        ("<b>Bold</b> Company", "", ""), ("[click](javascript:alert(1)) Platoon", "<b>Bold</b> Company", ""),
    ]
    assert rows(art.casualties, "side", "low", "claimant") == [(1, 12.0, "<script>alert(1)</script>"), (2, 7.0, "")]
    assert art.sentences.text.tolist() == [
        "The <script>alert(1)</script> battle is an invented fight written to check that markup in a seed stays text:"
        " <img src=x onerror=alert(1)> and a [link](javascript:alert(document.cookie)) must be shown, never run.",
        """On 1 May, Sean O'Brien's "Irregulars" attacked the <img src=x onerror=alert(1)> Front near Tom &amp; Jerry's farm.""",
        """On 3 May, the Front withdrew, saying "it's over" & 'done'.""",
    ]


def test_hostile_text_survives_export(tmp_path):
    art = load("hostile.txt")
    back = conflictkit.load(conflictkit.export(art, tmp_path / "out"))
    assert back.meta == art.meta
    for name in art.tables:
        pd.testing.assert_frame_equal(back.tables[name], art.tables[name], check_dtype=True)


def test_parse_of_text_equals_load_of_the_file():
    path = SEED_DIR / "year_boundary.txt"
    from_text = parse(path.read_text(encoding="utf-8"))
    from_file = conflictkit.load(path)
    for name in from_file.tables:
        pd.testing.assert_frame_equal(from_text.tables[name], from_file.tables[name])
    assert dt.date.fromisoformat(from_text.meta["date_end"]) == dt.date(2023, 1, 6)


@pytest.mark.parametrize("path", TEST_SEEDS, ids=lambda p: p.name)
def test_a_cached_load_equals_a_fresh_parse(path, tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICTKIT_CACHE", str(tmp_path))
    first, second = conflictkit.load(path), conflictkit.load(path)
    assert list(tmp_path.glob("*.json")), "load wrote no cache entry"
    fresh = parse(path.read_text(encoding="utf-8"), path)
    for article in (first, second):
        assert article.meta == fresh.meta and article.text == fresh.text
        for name in fresh.tables:
            pd.testing.assert_frame_equal(article.tables[name], fresh.tables[name], obj=name)
