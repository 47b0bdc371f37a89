"""Lesson 00: the source card, the tables it gave and the rows each sentence gave."""

from __future__ import annotations

import typing as t

import pandas as pd

from ._common import (
    NOT_REPORTED,
    Article,
    View,
    _int,
    _str,
    _table,
    esc,
    html_table,
    line_text,
    notice,
)


def source_card(art: Article) -> View:
    """What the source is: title, licence, where from, size, and what could not be read."""
    meta = getattr(art, "meta", {}) or {}
    src = meta.get("source", {}) if isinstance(meta, dict) else {}
    if not isinstance(src, dict):
        src = {"title": str(src)}
    text = getattr(art, "text", "") or ""
    sections = meta.get("sections", []) if isinstance(meta, dict) else []
    n_sent = len(_table(art, "sentences"))
    rows = [
        ("Article", getattr(art, "title", "")),
        ("Source", src.get("title") or src.get("name") or "Wikipedia"),
        ("Where from", src.get("url") or src.get("where") or ""),
        ("Licence", src.get("licence") or src.get("license") or "CC BY-SA 4.0"),
        ("Seed file", str(getattr(art, "path", ""))),
        ("Lines / sentences", f"{text.count(chr(10)) + 1} lines, {n_sent} sentences"),
        ("Sections", "; ".join(str(s) for s in sections)),
        # listed, not counted: how many is lesson 00's third exercise
        ("Lines not understood", "listed with the reason in art.unparsed"),
    ]
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    summary = (
        f"The seed is the article “{_str(getattr(art, 'title', ''))}”: "
        f"{n_sent} sentences in {len(sections)} sections; the lines the parser did not "
        "understand are listed, with the reason, in art.unparsed."
    )
    block = (
        f'<table class="ck-table"><caption>About this source</caption><tbody>{body}</tbody></table>'
        f'<p class="ck-summary" role="note"><b>In words:</b> {esc(summary)}</p>'
    )
    return View(None, summary, block, title="About this source")


TABLES: t.Final = (
    ("events", "dated events"),
    ("front", "distances from the front to the objective"),
    ("control", "changes of hands"),
    ("sides", "combatants"),
    ("commanders", "commanders"),
    ("units", "units"),
    ("strengths", "strengths"),
    ("casualties", "casualty figures"),
    ("claims", "claims by named sources"),
    ("places", "places named"),
)


def table_overview(art: Article) -> View:
    """How many rows each table got; empty ones say "not reported in this article"."""
    rows = []
    for name, what in TABLES:
        n = len(_table(art, name))
        rows.append((f"art.{name}", what, str(n) if n else NOT_REPORTED))
    df = pd.DataFrame(rows, columns=["table", "what a row is", "rows"])
    empty = [r[0] for r in rows if r[2] == NOT_REPORTED]
    total = sum(len(_table(art, n)) for n, _ in TABLES)
    summary = f"The article gave {total} rows in {len(TABLES) - len(empty)} tables" + (
        f"; {', '.join(empty)} {'is' if len(empty) == 1 else 'are'} empty." if empty else "."
    )
    return View(None, summary, html_table(df, "The tables of this article", summary), "tables")


PROVENANCE_TABLES: t.Final = (
    "events",
    "casualties",
    "front",
    "control",
    "claims",
    "commanders",
    "units",
    "strengths",
    "sides",
)


PROVENANCE_COLUMNS: t.Final = ("table", "row", "text", "line", "start", "end")
_PROVENANCE: dict[int, tuple[Article, pd.DataFrame]] = {}


def provenance(art: Article) -> pd.DataFrame:
    """Every row of every table with its line and character span, in one frame (cached)."""
    hit = _PROVENANCE.get(id(art))
    if hit is not None and hit[0] is art:
        return hit[1]
    found = []
    text = getattr(art, "text", "") or ""
    for name in PROVENANCE_TABLES:
        df = _table(art, name)
        if df.empty or "line" not in df:
            continue
        keys = [
            c
            for c in ("event_id", "unit", "name", "combatant", "who", "claimant", "place")
            if c in df
        ]
        for row in df.to_dict("records"):
            line = _int(row.get("line"))
            s, e = _int(row.get("start")), _int(row.get("end"))
            txt = _str(row.get("text"))
            if s is None and txt and line is not None:
                line_start = sum(len(x) + 1 for x in text.split("\n")[: line - 1])
                i = text.find(txt, line_start)
                s, e = (i, i + len(txt)) if i >= 0 else (None, None)
            key = next((f"{c}={_str(row[c])}" for c in keys if _str(row[c])), "")
            found.append(
                {"table": name, "row": key, "text": txt, "line": line, "start": s, "end": e}
            )
    out = pd.DataFrame(found, columns=list(PROVENANCE_COLUMNS))
    if len(_PROVENANCE) > 8:
        _PROVENANCE.clear()
    _PROVENANCE[id(art)] = (art, out)
    return out


def rows_from_line(
    art: Article, line: int, start: int | None = None, end: int | None = None
) -> pd.DataFrame:
    """Every row of every table that came from seed line ``line`` (within [start, end))."""
    prov = provenance(art)
    out = prov[prov["line"] == line]
    if start is not None and end is not None:
        s = pd.to_numeric(out["start"], errors="coerce")
        out = out[(s >= start) & (s < end)]
    return out.sort_values(["start", "table"], na_position="last").reset_index(drop=True)


def _rows_per_sentence(art: Article) -> dict[int, int]:
    """sentence_id -> number of rows whose span starts inside that sentence."""
    sents = _table(art, "sentences")
    prov = provenance(art)
    starts = sorted(int(s) for s in prov["start"].dropna())
    import bisect

    out = {}
    for r in sents.itertuples():
        out[int(r.Index)] = bisect.bisect_left(starts, int(r.end)) - bisect.bisect_left(  # type: ignore[arg-type]  # pandas-stubs/IPython typing
            starts,
            int(r.start),  # type: ignore[arg-type]  # pandas-stubs/IPython typing
        )
    return out


def richest_sentence(art: Article) -> tuple[int, int, int, str]:
    """(line, start, end, text) of the sentence that gave the most rows: the worked example."""
    sents = _table(art, "sentences")
    if sents.empty:
        return (0, 0, 0, "")
    counts = _rows_per_sentence(art)
    best = max(counts, key=lambda i: (counts[i], -i))  # most rows; the first on a tie
    s = sents.loc[best]
    return (int(s["line"]), int(s["start"]), int(s["end"]), str(s["text"]))  # type: ignore[arg-type]  # pandas-stubs/IPython typing


def sentence_rows(art: Article, line: int | None = None) -> View:
    """One sentence with the words each row came from marked, and the rows it gave."""
    if line is None:
        ln, start, end, sent = richest_sentence(art)
    else:
        sents = _table(art, "sentences")
        on = sents[sents["line"] == line] if not sents.empty else sents
        if on.empty:
            ln, start, end, sent = line, None, None, line_text(art, line)
        else:
            per = _rows_per_sentence(art)
            r = on.loc[max(on.index, key=lambda i: (per.get(i, 0), -i))]
            ln, start, end, sent = line, _int(r["start"]), _int(r["end"]), str(r["text"])
    if not sent:
        return notice("Sentences")
    rows = rows_from_line(art, ln, start, end)
    # mark the spans in the sentence: escape each piece, wrap the marked ones in <mark>
    base = start or 0
    marks = sorted(
        {(int(r.start) - base, int(r.end) - base) for r in rows.itertuples() if pd.notna(r.start)}  # type: ignore[arg-type]  # pandas-stubs/IPython typing
    )
    pieces, pos = [], 0
    for a, b in marks:
        if a < pos or a < 0 or b > len(sent):
            continue  # nested or outside: the table below still lists it
        pieces.append(esc(sent[pos:a]))
        pieces.append(f"<mark>{esc(sent[a:b])}</mark>")
        pos = b
    pieces.append(esc(sent[pos:]))
    tables = sorted(set(rows["table"]))
    summary = f"Line {ln} gave {len(rows)} rows in {len(tables)} tables" + (
        f" ({', '.join(tables)})." if tables else "."
    )
    block = (
        f'<blockquote class="ck-sentence"><small>line {ln}</small><br>'
        f"{''.join(pieces)}</blockquote>"
        + html_table(rows.astype(object).fillna(""), f"Rows that came from line {ln}", summary)
    )
    return View(None, summary, block, title=f"line {ln}")
