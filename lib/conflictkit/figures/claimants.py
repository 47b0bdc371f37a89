"""Lesson 04: claims by named sources, where they conflict.

One definition is used by every lesson: a claim *by a named source* is one the
article attributes (``attributed``) to a claimant that names someone in particular —
"SOHR", "Hezbollah", "Syrian Army High Command" — not to a collective nobody can be
asked about: "pro-government sources", "state media", "local officials", "residents".
:func:`named_claims` applies it; :func:`is_named_source` tests one name.
"""

from __future__ import annotations

import re
import typing as t

import pandas as pd

from ._common import (
    Article,
    View,
    _figure,
    _layout,
    _str,
    _table,
    esc,
    fmt_date,
    html_table,
    notice,
    wrap,
)
from .casualties import hover_source

#: The last word of a claimant that is a collective, not a named source.
GENERIC_SOURCES: t.Final = (
    "source", "sources", "official", "officials", "media", "activist", "activists",
    "resident", "residents", "witness", "witnesses", "report", "reports", "group",
    "people", "locals", "observers", "outlets", "commanders", "fighters",
)  # fmt: skip
#: A generic claimant: "pro-government sources", "LNA officials", "state media", "group".
GENERIC_SOURCE: t.Final = re.compile(
    r"(?:^|[\s-])(?:" + "|".join(GENERIC_SOURCES) + r")\s*$", re.IGNORECASE
)
UNATTRIBUTED: t.Final = "unattributed"

#: Stance → (colour, symbol). Colour and symbol both say the stance, so the legend's
#: keys are exactly the marks on the chart; the source is the row.
STANCES: t.Final[dict[str, tuple[str, str]]] = {
    "asserts": ("#444444", "circle"),
    "confirms": ("#009E73", "star"),
    "denies": ("#D55E00", "x-thin-open"),
}


def is_named_source(claimant: object) -> bool:
    """True for "SOHR", "Syrian Army High Command"; False for "pro-government sources",
    "state media", "unattributed" and empty names."""
    name = _str(claimant).strip()
    return bool(name) and name.casefold() != UNATTRIBUTED and not GENERIC_SOURCE.search(name)


def _claims(rows: Article | pd.DataFrame) -> pd.DataFrame:
    return rows if isinstance(rows, pd.DataFrame) else _table(rows, "claims")


def named_claims(rows: Article | pd.DataFrame) -> pd.DataFrame:
    """The claims by a named source (see the module's definition), from ``art.claims``
    (or an article)."""
    cl = _claims(rows)
    if cl.empty:
        return cl
    keep = cl["claimant"].map(is_named_source).astype(bool)
    if "attributed" in cl:
        keep &= cl["attributed"].astype(bool)
    return cl[keep]


def unattributed_claims(rows: Article | pd.DataFrame) -> int:
    """How many claims have no named source (unattributed, or a collective)."""
    cl = _claims(rows)
    return len(cl) - len(named_claims(cl))


def attributed_claims(rows: Article | pd.DataFrame) -> pd.DataFrame:
    """The claims the article gives a source for, named or not ("SOHR", "pro-government
    sources"): everything but "reportedly" statements."""
    cl = _claims(rows)
    if cl.empty:
        return cl
    keep = cl["claimant"].fillna("").ne("") & cl["claimant"].ne(UNATTRIBUTED)
    if "attributed" in cl:
        keep &= cl["attributed"].astype(bool)
    return cl[keep]


def conflicting_claims(rows: Article | pd.DataFrame) -> pd.DataFrame:
    """Claims with a source that contradict another about the same event (or day): a
    denial facing an assertion or a confirmation by a different claimant. A source need
    not be named to be contradicted: "pro-government sources" asserting and SOHR denying
    is a conflict."""
    cl = attributed_claims(rows)
    if cl.empty:
        return cl
    key = cl["event_id"].where(cl["event_id"].fillna("") != "", cl["date"].astype(str))
    out = []
    for _, grp in cl.groupby(key, sort=False):
        stances = set(grp["stance"])
        if (
            "denies" in stances
            and stances & {"asserts", "confirms"}
            and grp["claimant"].nunique() > 1
        ):
            out.append(grp)
    if not out:
        return cl.iloc[0:0]
    return pd.concat(out).sort_values("date", kind="stable")


def claimant_colours(rows: Article | pd.DataFrame) -> dict[str, str]:
    """A colour per claimant with a source, in order of first appearance."""
    from conflictkit import palette

    cl = attributed_claims(rows)
    names = list(dict.fromkeys(cl["claimant"])) if not cl.empty else []
    return {
        n: palette.CLAIMANT_COLOURS[i % len(palette.CLAIMANT_COLOURS)] for i, n in enumerate(names)
    }


def claims(df: pd.DataFrame, art: Article, highlight: str | None = None) -> View:
    """Who said what, when: one row per claimant, one mark per claim; the mark's colour
    and symbol give its stance. Days when a source denied what another asserted are
    shaded. ``df``: claims (``date``, ``claimant``, ``stance``, ``claim``, ``line``),
    e.g. ``figures.attributed_claims(art.claims)``; ``highlight`` dims the other claimants;
    a source that is not named (``is_named_source``) says so on its row."""
    if df is None or df.empty or not {"date", "claimant", "stance"} <= set(df.columns):
        return notice("Claims by named sources")
    cl = df[df["date"].notna()]
    if cl.empty:
        return notice("Claims by named sources", "None of them has a date.")
    order = list(dict.fromkeys(cl["claimant"]))
    traces: list[dict[str, t.Any]] = []
    # several claims by one source on one day: spread them a few hours apart
    nth = cl.groupby(["claimant", "date"]).cumcount()
    size = cl.groupby(["claimant", "date"])["stance"].transform("size")
    cl = cl.assign(_x=cl["date"] + pd.to_timedelta((nth - (size - 1) / 2) * 5, unit="h"))
    for stance, grp in cl.groupby("stance", sort=False):
        colour, symbol = STANCES.get(str(stance), ("#999999", "circle-open"))
        hover = [
            f"<b>{esc(r['claimant'])}</b> {esc(r['stance'])}: {wrap(r.get('claim', ''))}"
            f"<br>{fmt_date(r['date'])}<br>{hover_source(art, r.get('line'), None, r.get('text'))}"
            for r in grp.to_dict("records")
        ]
        dim = [highlight is not None and c != highlight for c in grp["claimant"]]
        traces.append(
            {
                "type": "scatter",
                "x": list(grp["_x"]),
                "y": [order.index(c) for c in grp["claimant"]],
                "mode": "markers",
                "name": esc(stance),
                "marker": {
                    "size": 18,
                    "symbol": symbol,
                    "color": colour,
                    "opacity": [0.2 if d else 1.0 for d in dim],
                    "line": {"width": 2, "color": colour},
                },
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
    conf = conflicting_claims(cl)
    shapes = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": d - pd.Timedelta(hours=12),
            "x1": d + pd.Timedelta(hours=12),
            "y0": 0,
            "y1": 1,
            "fillcolor": "#F0E442",
            "opacity": 0.35,
            "line": {"width": 0},
            "layer": "below",
        }
        for d in (sorted(set(conf["date"])) if not conf.empty else [])
    ]
    layout = _layout(
        "Who said what, and when (yellow: a source denied what another asserted)",
        "date of the claim",
        "",
        xaxis={
            "type": "date",
            "tickformat": "%-d %b %Y",
            # whole days only (a 12-hour tick repeats the date); about eight at most
            "dtick": 86_400_000 * max(1, (cl["date"].max() - cl["date"].min()).days // 8 + 1),
            "range": [
                cl["date"].min() - pd.Timedelta(days=1),
                cl["date"].max() + pd.Timedelta(days=1),
            ],
        },
        yaxis={
            "tickmode": "array",
            "tickvals": list(range(len(order))),
            "ticktext": [esc(c) if is_named_source(c) else f"<i>{esc(c)} (unnamed)</i>" for c in order],
            "range": [len(order) - 0.5, -0.5],
        },
        legend={"title": {"text": "stance"}},
        height=190 + 50 * len(order),
        margin={"l": 200, "t": 90},
        shapes=shapes,
    )
    # no count of claims here: how many statements lack a named source is an exercise
    summary = (
        "Claims over time, one row per source ("
        + ", ".join(order)
        + "); the mark gives the stance"
        + ("; yellow bands mark days when one source denied what another asserted." if shapes else ".")
    )
    return View(_figure(traces, layout), summary, title="claims",
                alt="Dot chart of claims by date, one row per source; the mark's colour and symbol give its stance")


def _claims_frame(cl: pd.DataFrame, with_words: bool) -> pd.DataFrame:
    """Claims as the columns a reader sees (date, who, stance, what, line[, words])."""
    n = len(cl)
    columns = {
        "date": [fmt_date(d) for d in cl["date"]] if "date" in cl else [""] * n,
        "who": cl["claimant"] if "claimant" in cl else [""] * n,
        "stance": cl["stance"] if "stance" in cl else [""] * n,
        "what": cl["claim"] if "claim" in cl else [""] * n,
        "line": cl["line"] if "line" in cl else [""] * n,
    }
    if with_words and "text" in cl:
        columns["words in the article"] = cl["text"]
    return pd.DataFrame(columns).astype(object).fillna("")


def claims_table(
    df: pd.DataFrame, art: Article, claimant: str | None = None, words: bool = True
) -> View:
    """Claims (``df``, e.g. the named claims) as an escaped HTML table, optionally one
    claimant's; ``words=False`` leaves out the "In words" line (a control's notes)."""
    if df is None or df.empty or "claimant" not in df:
        return notice("Claims by named sources")
    cl = df if claimant is None else df[df["claimant"] == claimant]
    table = _claims_frame(cl, with_words=True)
    who = claimant or "every source in the table"
    summary = f"{len(cl)} claim{'s' if len(cl) != 1 else ''} by {who}" + (
        f", from {fmt_date(cl['date'].min())} to {fmt_date(cl['date'].max())}."
        if len(cl) and "date" in cl and cl["date"].notna().any()
        else "."
    )
    block = html_table(table, f"Claims: {who}", summary)
    if not words:
        block = block[: block.index('<p class="ck-summary"')]
    return View(None, summary, block, "claims table")


def conflicts(df: pd.DataFrame, art: Article) -> View:
    """Claims that disagree, side by side: ``df`` holds them (e.g. the claims about an
    event that someone denied); an escaped table with what each source said."""
    if df is None or df.empty or "claimant" not in df:
        return notice("Conflicting claims")
    table = _claims_frame(df, with_words=False)
    key = df["event_id"] if "event_id" in df else df["date"].astype(str)
    stances = set(df["stance"]) if "stance" in df else set()
    # who said what is in the table; the sentence does not name who denied and later
    # confirmed (an exercise) nor the date of the first denial (another one)
    summary = (
        f"{len(df)} statement{'s' if len(df) != 1 else ''} by {df['claimant'].nunique()} "
        f"source{'s' if df['claimant'].nunique() != 1 else ''} about {key.nunique()} "
        f"event{'s' if key.nunique() != 1 else ''}"
        + (": a denial faces an assertion." if {"denies", "asserts"} <= stances else ".")
    )
    return View(None, summary, html_table(table, "Claims that disagree", summary), "conflicts")
