"""Any input: the bundled seed, mutated, must parse or fail with a positioned SeedError.

Mutations: truncation anywhere, lines deleted or duplicated, paragraphs shuffled, dashes
swapped, unicode and control characters inserted (NUL, RTL marks, emoji, line and
paragraph separators), CRLF or CR line ends, a BOM, tabs. For each mutant:

* ``parse`` returns an Article or raises ``SeedError`` with ``line >= 1``, nothing else;
* every non-blank line is in ``article.lines`` with a kind, and ``unparsed`` lines are
  in ``article.unparsed`` with a reason;
* every row with ``start``/``end`` slices back to its ``text``;
* ``export`` then ``load(folder)`` gives back equal tables and meta.

Runs are derandomized (the same examples every time) and write no example database,
so the suite is reproducible and leaves nothing behind in the checkout.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import conflictkit
import pandas as pd
import pytest
from conflictkit.article import export, parse
from conflictkit.errors import SeedError
from conflictkit.quantities import format_interval, parse_quantity
from conflictkit.seed import decode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SEED_PATH = Path(__file__).resolve().parents[1] / "seeds" / "2017_abu_kamal_offensive.txt"
SEED = SEED_PATH.read_text(encoding="utf-8")

FUZZ = settings(
    max_examples=100, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Characters that break naive parsers: NUL and other controls, bidi marks, zero-width
# characters, emoji (astral and joined), line/paragraph separators, a BOM mid-text.
NASTY = [
    "\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1c", "\x7f", "\x85", "\u00a0", "\u2028", "\u2029",
    "\u200b", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\ufeff", "\ufffd", "\t",
    "😀", "👨‍👩‍👧", "🇸🇾", "ﷺ", "\u0301", "İ", "ß", "–", "—", "-", "(", ")", "*", ":", "'", '"', ",", ";", "+",
    "\n", "\n\n", "=", "== ", "- ", "KIA", "16px ", "&amp;", "<b>", "99999999999999999999", "0",
]
DASHES = ["–", "-", "—"]


@st.composite
def mutations(draw: st.DrawFn) -> list[tuple]:
    """A short list of edits, applied in order by :func:`mutate`."""
    op = st.one_of(
        st.tuples(st.just("truncate"), st.floats(0, 1)),
        st.tuples(st.just("delete-line"), st.integers(0, 10_000)),
        st.tuples(st.just("duplicate-line"), st.integers(0, 10_000)),
        st.tuples(st.just("shuffle-paragraphs"), st.integers(0, 2**32)),
        st.tuples(st.just("dashes"), st.sampled_from(DASHES), st.sampled_from(DASHES)),
        st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(NASTY)),
        st.tuples(st.just("insert"), st.floats(0, 1), st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=4)),
        st.tuples(st.just("tabs"), st.integers(0, 2)),
        st.tuples(st.just("delete-span"), st.floats(0, 1), st.integers(1, 80)),
    )
    return draw(st.lists(op, min_size=1, max_size=5))


def mutate(text: str, edits: list[tuple]) -> str:
    for edit in edits:
        kind = edit[0]
        lines = text.split("\n")
        if kind == "truncate":
            text = text[: int(edit[1] * len(text))]
        elif kind == "delete-line":
            del lines[edit[1] % len(lines)]
            text = "\n".join(lines)
        elif kind == "duplicate-line":
            i = edit[1] % len(lines)
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif kind == "shuffle-paragraphs":
            paragraphs = text.split("\n\n")
            random.Random(edit[1]).shuffle(paragraphs)
            text = "\n\n".join(paragraphs)
        elif kind == "dashes":
            text = text.replace(edit[1], edit[2])
        elif kind == "insert":
            at = int(edit[1] * len(text))
            text = text[:at] + edit[2] + text[at:]
        elif kind == "tabs":
            text = [
                text.replace("- ", "-\t"),
                text.replace(": ", ":\t"),
                re.sub(r"(?m)^", "\t", text),
            ][edit[1]]
        elif kind == "delete-span":
            at = int(edit[1] * len(text))
            text = text[:at] + text[at + edit[2]:]
    return text


def encode(text: str, bom: bool, ending: str) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", ending).encode("utf-8")


def read(data: bytes) -> conflictkit.Article | None:
    """Parse bytes as ``load`` does; a SeedError is fine if it says where."""
    try:
        return parse(decode(data))
    except SeedError as error:
        assert error.line >= 1 and error.column >= 1, str(error)
        assert str(error).startswith(f"<text>:{error.line}:{error.column}: "), str(error)
        return None


def check_ledger_and_slices(article: conflictkit.Article) -> None:
    text = article.text
    assert "\r" not in text and not text.startswith("\ufeff")
    non_blank = [n for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    assert article.lines["line"].tolist() == non_blank
    assert (article.lines["kind"] != "").all()
    unparsed_kind = set(article.lines.loc[article.lines["kind"] == "unparsed", "line"])
    assert unparsed_kind <= set(article.unparsed["line"])
    assert (article.unparsed["reason"] != "").all()
    for name, df in article.tables.items():
        if {"start", "end", "text"} <= set(df.columns):
            for row in df.itertuples():
                assert text[row.start:row.end] == row.text, (name, row.Index)
    for row in article.infobox.itertuples():
        assert text[row.start:row.end] == row.value


def assert_same_article(back: conflictkit.Article, article: conflictkit.Article) -> None:
    assert back.meta == article.meta
    assert back.text == article.text
    assert set(back.tables) == set(article.tables)
    for name, df in article.tables.items():
        pd.testing.assert_frame_equal(back.tables[name], df, obj=name)


# --------------------------------------------------------------------------- mutants


@FUZZ
@given(edits=mutations(), bom=st.booleans(), ending=st.sampled_from(["\n", "\r\n", "\r"]))
def test_mutated_seed_parses_or_fails_with_a_position(edits, bom, ending):
    text = mutate(SEED, edits)
    article = read(encode(text, bom, ending))
    if article is not None:
        check_ledger_and_slices(article)


@settings(FUZZ, max_examples=60)
@given(edits=mutations(), bom=st.booleans(), ending=st.sampled_from(["\n", "\r\n"]))
def test_mutated_seed_loads_from_a_file_and_survives_export(tmp_path_factory, edits, bom, ending):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "seed.txt"
    path.write_bytes(encode(mutate(SEED, edits), bom, ending))
    try:
        article = conflictkit.load(path)
    except SeedError as error:
        assert error.line >= 1 and str(error).startswith(f"{path}:{error.line}:{error.column}: ")
        return
    check_ledger_and_slices(article)
    back = conflictkit.load(export(article, folder / "out"))
    assert_same_article(back, article)


def test_a_one_megabyte_seed(tmp_path):
    """Paragraphs repeated to ~1 MB: read, accounted for, exported and read back (one example)."""
    head, body = SEED.split("\n\n== The offensive ==\n", 1)
    story, see_also = body.split("\n\n== See also ==\n", 1)
    paragraphs = [p for p in story.split("\n\n") if p and not p.startswith("==")]
    chunks = [head, "== The offensive =="]
    size = len(head)
    i = 0
    while size < 1_000_000:
        paragraph = paragraphs[i % len(paragraphs)]
        chunks.append(paragraph)
        size += len(paragraph) + 2
        i += 1
    text = "\n\n".join(chunks) + "\n\n== See also ==\n" + see_also
    assert len(text.encode("utf-8")) >= 1_000_000
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    article = conflictkit.load(path)
    check_ledger_and_slices(article)
    assert len(article.lines) == sum(1 for line in text.split("\n") if line.strip())
    assert_same_article(conflictkit.load(export(article, tmp_path / "out")), article)


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_line_ends_and_bom_do_not_change_the_tables(ending):
    plain = parse(SEED)
    other = parse(decode(encode(SEED, True, ending)))
    assert_same_article(other, plain)


# --------------------------------------------------------------------------- properties


intervals = st.one_of(
    st.integers(0, 10**7).map(lambda n: (float(n), float(n), False)),
    st.tuples(st.integers(0, 10**7), st.integers(1, 10**6)).map(lambda t: (float(t[0]), float(t[0] + t[1]), False)),
    st.integers(0, 10**7).map(lambda n: (float(n), None, True)),
    st.decimals(0, 10**6, places=2, allow_nan=False).map(lambda d: (float(d), float(d), False)),
)


@settings(FUZZ, max_examples=150)
@given(interval=intervals, unit=st.sampled_from(["", "km", "mi", "m", "percent", "km2", "days", "hours"]))
def test_format_interval_then_parse_quantity_is_the_same_interval(interval, unit):
    low, high, open_upper = interval
    label = format_interval(low, high, open_upper, unit)
    q = parse_quantity(label)
    assert q is not None, label
    assert (q.low, q.high, q.open_upper, q.unit) == (low, high, open_upper, unit), label
    assert q.text == label


RELATIVE = {
    # phrase -> days after the previous event's (last) day
    "The next day": 1, "The following day": 1, "A day later": 1, "Two days later": 2, "Three days later": 3,
    "A week later": 7, "That evening": 0, "Later that day": 0, "Meanwhile": 0,
}


@settings(FUZZ, max_examples=60)
@given(
    start=st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 1)),
    steps=st.lists(st.one_of(st.sampled_from(sorted(RELATIVE)), st.integers(1, 20)), min_size=1, max_size=12),
)
def test_relative_dates_never_go_back_past_their_anchor(start, steps):
    """ "The next day" is after the previous event; "that evening" is its day; an
    absolute date ("On 14 March") re-anchors, including across a new year."""
    sentences = [f"On {start.day} {start:%B} {start.year}, the army advanced."]
    expected = [start]
    day = start
    for step in steps:
        if isinstance(step, int):
            day = day + dt.timedelta(days=step)
            sentences.append(f"On {day.day} {day:%B}, the army advanced again.")
        else:
            day = day + dt.timedelta(days=RELATIVE[step])
            sentences.append(f"{step}, the army advanced again.")
        expected.append(day)
    end = day + dt.timedelta(days=1)
    text = (
        f"= Test advance =\n\nInfobox\n- Date: {start.day} {start:%B} {start.year} – {end.day} {end:%B} {end.year}\n"
        f"- Combatant1: Army\n- Combatant2: Rebels\n\n" + " ".join(sentences) + "\n"
    )
    article = parse(text)
    got = [d.date() for d in article.events["date_start"]]
    assert got == expected, text
    assert got == sorted(got)


@pytest.mark.parametrize("year", ["1500", "2999"])
def test_a_year_pandas_cannot_hold_never_becomes_another_date(year):
    article = parse(SEED.replace("2017", year))
    assert article.meta["date_start"] == f"{year}-10-23"
    for name, df in article.tables.items():
        for column in df.columns:
            if str(df[column].dtype).startswith("datetime64"):
                years = set(df[column].dropna().dt.year)
                assert years <= {int(year)}, (name, column, years)
