"""Lesson 04: claims by named sources, where they conflict, and the civilian share."""

from __future__ import annotations

import typing as t

import pandas as pd

from conflictkit import palette

from ._common import (
    Article,
    View,
    _figure,
    _layout,
    _table,
    esc,
    fmt_date,
    html_table,
    notice,
    source_hover,
    wrap,
)
from .casualties import READINGS, civilian_share, fmt_bounds, fmt_share, infobox_losses, loss_totals


def named_claims(art: Article) -> pd.DataFrame:
    """Claims the article attributes to a named source (not "reportedly" statements)."""
    cl = _table(art, "claims")
    if cl.empty:
        return cl
    keep = cl["claimant"].ne("") & cl["claimant"].ne("unattributed")
    if "attributed" in cl:
        keep &= cl["attributed"].astype(bool)
    return cl[keep]


def unattributed_claims(art: Article) -> int:
    cl = _table(art, "claims")
    return len(cl) - len(named_claims(art))


def conflicting_claims(art: Article) -> pd.DataFrame:
    """Claims that contradict another claim about the same event or day (a denial
    facing an assertion or confirmation by a different claimant)."""
    cl = named_claims(art)
    if cl.empty:
        return cl
    key = cl["event_id"].where(cl["event_id"] != "", cl["date"].astype(str))
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


def claimant_colours(art: Article) -> dict[str, str]:
    cl = named_claims(art)
    names = list(dict.fromkeys(cl["claimant"])) if not cl.empty else []
    return {
        n: palette.CLAIMANT_COLOURS[i % len(palette.CLAIMANT_COLOURS)] for i, n in enumerate(names)
    }


def claims(art: Article, highlight: str | None = None) -> View:
    """Who said what, when: one row per claimant, symbol by stance; conflicts shaded."""
    cl = named_claims(art)
    if cl.empty:
        return notice("Claims by named sources")
    colours = claimant_colours(art)
    n_unattributed = unattributed_claims(art)
    traces: list[dict[str, t.Any]] = []
    # several claims by one source on one day: spread them a few hours apart
    nth = cl.groupby(["claimant", "date"]).cumcount()
    size = cl.groupby(["claimant", "date"])["claim"].transform("size")
    cl = cl.assign(_x=cl["date"] + pd.to_timedelta((nth - (size - 1) / 2) * 5, unit="h"))
    for stance, grp in cl.groupby("stance", sort=False):
        hover = [
            f"<b>{esc(r['claimant'])}</b> {esc(r['stance'])}: {wrap(r['claim'])}"
            f"<br>{fmt_date(r['date'])}<br>{source_hover(art, r['line'], None, r['text'])}"
            for _, r in grp.iterrows()
        ]
        dim = [highlight is not None and c != highlight for c in grp["claimant"]]
        traces.append(
            {
                "type": "scatter",
                "x": list(grp["_x"]),
                "y": [esc(c) for c in grp["claimant"]],
                "mode": "markers",
                "name": esc(stance),
                "marker": {
                    "size": 18,
                    "symbol": palette.STANCE_SYMBOLS.get(str(stance), "circle-open"),
                    "color": [colours[c] for c in grp["claimant"]],
                    "opacity": [0.2 if d else 1.0 for d in dim],
                    "line": {"width": 2, "color": [colours[c] for c in grp["claimant"]]},
                },
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
    conf = conflicting_claims(art)
    shapes = []
    for d in sorted(set(conf["date"])) if not conf.empty else []:
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": d - pd.Timedelta(hours=12),
                "x1": d + pd.Timedelta(hours=12),
                "y0": 0,
                "y1": 1,
                "fillcolor": palette.HIGHLIGHT,
                "opacity": 0.35,
                "line": {"width": 0},
                "layer": "below",
            }
        )
    layout = _layout(
        "Who said what, and when (yellow: claims in conflict)",
        "date of the claim",
        "who said it",
        xaxis={
            "tickformat": "%-d %b %Y",
            "dtick": 86_400_000,
            "range": [
                cl["date"].min() - pd.Timedelta(days=1),
                cl["date"].max() + pd.Timedelta(days=1),
            ],
        },
        yaxis={"type": "category", "autorange": "reversed"},
        height=180 + 50 * cl["claimant"].nunique(),
        margin={"l": 200},
        shapes=shapes,
    )
    summary = f"{len(cl)} claims by {cl['claimant'].nunique()} named sources" + (
        f"; they conflict on {', '.join(fmt_date(d) for d in sorted(set(conf['date'])))}"
        f" ({', '.join(dict.fromkeys(conf['claimant']))})."
        if not conf.empty
        else "; none contradict each other."
    )
    if n_unattributed:
        summary += f" Another {n_unattributed} statements are reported without a named source."
    return View(_figure(traces, layout), summary, title="claims")


def _claims_frame(cl: pd.DataFrame, with_words: bool) -> pd.DataFrame:
    """Claims as the columns a reader sees (date, who, stance, what, line[, words])."""
    columns = {
        "date": [fmt_date(d) for d in cl["date"]],
        "who": cl["claimant"],
        "stance": cl["stance"],
        "what": cl["claim"],
        "line": cl["line"],
    }
    if with_words:
        columns["words in the article"] = cl["text"]
    return pd.DataFrame(columns).astype(object).fillna("")


def claims_table(art: Article, claimant: str | None = None) -> View:
    """The claims as an escaped HTML table (optionally one claimant's)."""
    cl = named_claims(art)
    if cl.empty:
        return notice("Claims by named sources")
    if claimant is not None:
        cl = cl[cl["claimant"] == claimant]
    df = _claims_frame(cl, with_words=True)
    who = claimant or "all named sources"
    summary = f"{len(cl)} claims by {who}" + (
        f", from {fmt_date(cl['date'].min())} to {fmt_date(cl['date'].max())}." if len(cl) else "."
    )
    return View(None, summary, html_table(df, f"Claims: {who}", summary), "claims table")


def conflicts(art: Article) -> View:
    """The claims that contradict each other, side by side (escaped table)."""
    conf = conflicting_claims(art)
    if conf.empty:
        return notice("Conflicting claims")
    df = _claims_frame(conf, with_words=False)
    days = sorted(set(conf["date"]))
    summary = (
        f"{len(conf)} claims conflict, on {', '.join(fmt_date(d) for d in days)}: "
        + "; ".join(f"{r['claimant']} {r['stance']}" for _, r in conf.iterrows())
        + "."
    )
    return View(None, summary, html_table(df, "Claims in conflict", summary), "conflicts")


def civilians(art: Article) -> View:
    """The civilian share of all killed under both readings of "+" figures."""
    if infobox_losses(art).empty or loss_totals(art, "point")["civilians"][0] == 0:
        return notice("Civilian deaths")
    rows = []
    for reading in READINGS:
        tot = loss_totals(art, reading)
        rows.append(
            (
                "“+” means at least" if reading == "at least" else "every figure is exact",
                fmt_bounds(tot["civilians"]),
                fmt_bounds(tot["all"]),
                fmt_share(civilian_share(art, reading)),
            )
        )
    df = pd.DataFrame(
        rows, columns=["if we read", "civilians killed", "all killed", "civilian share"]
    )
    summary = (
        f"Civilians are {rows[1][3]} of all killed if every figure is exact, "
        f"but {rows[0][3]} if “+” means “at least”."
    )
    return View(None, summary, html_table(df, "Civilian share of the dead", summary), "civilians")
