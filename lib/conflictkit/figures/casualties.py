"""Lesson 03: losses by side as intervals, casualty periods and what the text accounts for."""

from __future__ import annotations

import math
import typing as t

import pandas as pd

from conflictkit import palette

from ._common import (
    NOT_REPORTED,
    Article,
    View,
    _figure,
    _int,
    _layout,
    _str,
    _table,
    esc,
    fmt_interval,
    fmt_num,
    fmt_span,
    notice,
    side_label,
    side_names,
    source_hover,
)


def infobox_losses(art: Article) -> pd.DataFrame:
    cas = _table(art, "casualties")
    if cas.empty:
        return cas
    c = cas[(cas["origin"] == "infobox") & (cas["category"] == "killed")]
    return c.reset_index(drop=True)


def text_losses(art: Article) -> pd.DataFrame:
    cas = _table(art, "casualties")
    if cas.empty:
        return cas
    c = cas[(cas["origin"] == "text") & (cas["category"] == "killed")]
    return c.reset_index(drop=True)


READINGS: t.Final = ("at least", "point")


def _check_reading(reading: str) -> None:
    if reading not in READINGS:
        raise ValueError(f"reading must be one of {READINGS}, not {reading!r}")


def _bounds(df: pd.DataFrame, reading: str) -> tuple[float, float]:
    """Sum of intervals under a reading: 'point' takes every figure at face value."""
    if df.empty:
        return (0.0, 0.0)
    lo = float(df["low"].sum())
    if reading == "point":
        return (lo, float(df["high"].fillna(df["low"]).sum()))
    if bool(df["open_upper"].any()):
        return (lo, math.inf)
    return (lo, float(df["high"].fillna(df["low"]).sum()))


def loss_totals(art: Article, reading: str = "at least") -> dict[str, tuple[float, float]]:
    """Infobox killed as (low, high) intervals: combatants, civilians, all."""
    _check_reading(reading)
    c = infobox_losses(art)
    if c.empty:
        return {"combatants": (0.0, 0.0), "civilians": (0.0, 0.0), "all": (0.0, 0.0)}
    comb = _bounds(c[~c["civilian"].astype(bool)], reading)
    civ = _bounds(c[c["civilian"].astype(bool)], reading)
    return {"combatants": comb, "civilians": civ, "all": (comb[0] + civ[0], comb[1] + civ[1])}


def civilian_share(art: Article, reading: str = "at least") -> tuple[float, float]:
    """The civilian share of all killed as an interval (interval arithmetic on the totals).

    With "376+" read as "at least", combatant deaths have no upper bound, so the share of
    civilians can only be bounded from above: (0, 269/997). Read as points it is one number.
    """
    tot = loss_totals(art, reading)
    (cl, ch), (ml, mh) = tot["civilians"], tot["combatants"]
    if cl + ml == 0:
        return (float("nan"), float("nan"))
    low = 0.0 if math.isinf(mh) else cl / (cl + mh) if cl + mh else 0.0
    high = 1.0 if math.isinf(ch) else ch / (ch + ml) if ch + ml else 0.0
    return (low, high)


def fmt_share(share: tuple[float, float]) -> str:
    lo, hi = share
    if math.isnan(lo):
        return NOT_REPORTED
    if abs(hi - lo) < 1e-9:
        return f"{lo:.0%}"
    if lo == 0:
        return f"at most {hi:.0%}"
    if hi == 1:
        return f"at least {lo:.0%}"
    return f"{lo:.0%}–{hi:.0%}"


def fmt_bounds(b: tuple[float, float]) -> str:
    lo, hi = b
    if math.isinf(hi):
        return f"at least {fmt_num(lo)}"
    return fmt_num(lo) if lo == hi else f"{fmt_num(lo)}–{fmt_num(hi)}"


def text_coverage(art: Article, reading: str = "at least") -> dict[str, t.Any]:
    """How much of the infobox's killed the text's own figures account for."""
    _check_reading(reading)
    txt = text_losses(art)
    box = infobox_losses(art)
    comb_box = box[~box["civilian"].astype(bool)] if not box.empty else box
    comb_txt = txt[~txt["civilian"].astype(bool)] if not txt.empty else txt
    in_text = float(comb_txt["low"].sum()) if not comb_txt.empty else 0.0
    total = _bounds(comb_box, reading)
    share = (
        (in_text / total[1] if not math.isinf(total[1]) else 0.0, in_text / total[0])
        if total[0]
        else (float("nan"), float("nan"))
    )
    return {"in_text": in_text, "infobox": total, "share": share, "figures": len(comb_txt)}


def conclusions(art: Article, reading: str = "at least") -> list[str]:
    """What a reader may conclude about the losses under a reading of "376+"."""
    _check_reading(reading)
    if infobox_losses(art).empty:
        return [f"Losses: {NOT_REPORTED}."]
    tot = loss_totals(art, reading)
    cov = text_coverage(art, reading)
    word = "at least" if reading == "at least" else "exactly"
    out = [
        f"Combatants killed (infobox): {fmt_bounds(tot['combatants'])}"
        + (
            " — a floor, not a count."
            if math.isinf(tot["combatants"][1])
            else f" — read as {word} this."
        ),
        f"All killed incl. civilians: {fmt_bounds(tot['all'])}.",
        f"Civilian share of all killed: {fmt_share(civilian_share(art, reading))}.",
    ]
    if cov["figures"]:
        out.append(
            f"The text's own figures ({fmt_num(cov['in_text'])} combatants killed) account for "
            f"{fmt_share(cov['share'])} of the infobox combatant total."
        )
    return out


def losses(art: Article, reading: str = "at least") -> View:
    """Infobox losses by side; under "at least" a "+" figure is a floor with an open arrow."""
    _check_reading(reading)
    c = infobox_losses(art)
    if c.empty:
        return notice("Reported losses")
    names = side_names(art)
    traces: list[dict[str, t.Any]] = []
    xmax = float(c["high"].fillna(c["low"]).max()) * 1.6
    for _, r in c.iterrows():
        s = _int(r["side"])
        colour = palette.CIVILIAN if bool(r["civilian"]) else palette.side_colour(s)
        who = _str(r.get("who"))
        y = esc(
            ("civilians" if bool(r["civilian"]) else side_label(art, s, names))
            + (f" ({who})" if who and who != "civilians" else "")
        )
        lo = float(r["low"])
        hi = float(r["high"]) if pd.notna(r["high"]) else lo
        open_ = bool(r["open_upper"]) and reading == "at least"
        label = ("≥ " if open_ else "") + fmt_num(lo) + ("" if hi == lo else f"–{fmt_num(hi)}")
        hover = (
            f"<b>{esc(r['text'])}</b> → read as "
            f"{'at least ' + fmt_num(lo) if open_ else fmt_num(lo)}"
            f"<br>{source_hover(art, r['line'], r.get('start'), r['text'])}"
        )
        traces.append(
            {
                "type": "scatter",
                "x": [0, lo] if hi == lo else [0, lo, hi],
                "y": [y] * (2 if hi == lo else 3),
                "mode": "lines",
                "line": {"color": colour, "width": 14},
                "showlegend": False,
                "hovertext": [hover] * 3,
                "hoverinfo": "text",
            }
        )
        traces.append(
            {
                "type": "scatter",
                "x": [hi],
                "y": [y],
                "mode": "markers+text",
                "marker": {
                    "size": 16,
                    "color": colour,
                    "symbol": "triangle-right-open" if open_ else "line-ns-open",
                    "line": {"width": 3, "color": colour},
                },
                "text": [label],
                "textposition": "top center",
                "name": y,
                "showlegend": False,
                "hovertext": [hover],
                "hoverinfo": "text",
            }
        )
        if open_:
            traces.append(
                {
                    "type": "scatter",
                    "x": [hi, xmax],
                    "y": [y, y],
                    "mode": "lines",
                    "line": {"color": colour, "width": 3, "dash": "dot"},
                    "hoverinfo": "skip",
                    "showlegend": False,
                }
            )
    title = "Reported killed, by side — " + (
        "“376+” read as at least 376" if reading == "at least" else "every figure read as a point"
    )
    title = title.replace(
        "376+", fmt_interval(float(c["low"].iloc[0]), float("nan"), True)
    ).replace("376", fmt_num(float(c["low"].iloc[0])))
    layout = _layout(
        title,
        "people killed"
        + (" (dotted arrow: “or more”, no upper bound)" if reading == "at least" else ""),
        "",
        xaxis={"range": [0, xmax], "rangemode": "tozero"},
        yaxis={"type": "category", "autorange": "reversed"},
        height=160 + 70 * len(c),
        margin={"l": 220},
    )
    lines = conclusions(art, reading)
    return View(
        _figure(traces, layout), " ".join(lines), title=f"losses ({reading})", details=lines
    )


def casualty_periods(art: Article) -> View:
    """Casualty figures from the text, drawn over the days they cover."""
    txt = text_losses(art)
    if txt.empty:
        return notice("Casualty figures in the text")
    names = side_names(art)
    traces: list[dict[str, t.Any]] = []
    shown: set[object] = set()
    start = getattr(art, "date_start", pd.NaT)
    end = getattr(art, "date_end", pd.NaT)
    for _, r in txt.iterrows():
        s = _int(r["side"])
        colour = palette.CIVILIAN if bool(r["civilian"]) else palette.side_colour(s)
        d0 = r["date_start"]
        d1 = r["date_end"] if pd.notna(r["date_end"]) else d0
        if pd.isna(d0):
            continue
        who = esc(_str(r.get("who")) or side_label(art, s, names))
        claim = f" (according to {esc(r['claimant'])})" if _str(r.get("claimant")) else ""
        hover = (
            f"<b>{fmt_interval(r['low'], r['high'], bool(r['open_upper']))} {who}</b> killed{claim}"
            f"<br>{fmt_span(d0, d1)}<br>{source_hover(art, r['line'], r.get('start'), r['text'])}"
        )
        name = esc(side_label(art, s, names))
        traces.append(
            {
                "type": "scatter",
                "x": [d0, d1 + pd.Timedelta(hours=23)],
                "y": [float(r["low"])] * 2,
                "mode": "lines+markers",
                "line": {"color": colour, "width": 8},
                "marker": {
                    "symbol": "line-ns-open",
                    "size": 14,
                    "color": colour,
                    "line": {"width": 2},
                },
                "name": name,
                "legendgroup": name,
                "showlegend": name not in shown,
                "hovertext": [hover, hover],
                "hoverinfo": "text",
            }
        )
        shown.add(name)
    shapes = []
    if pd.notna(start) and pd.notna(end):
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": start,
                "x1": end,
                "y0": 0,
                "y1": 1,
                "fillcolor": "rgba(0,0,0,0.05)",
                "line": {"width": 0},
                "layer": "below",
            }
        )
    layout = _layout(
        "Casualty figures in the text, over the days they cover",
        "date (grey: the whole offensive)",
        "people killed (as reported)",
        yaxis={"rangemode": "tozero"},
        shapes=shapes,
    )
    days: set[pd.Timestamp] = set()
    for _, r in txt.iterrows():
        if pd.notna(r["date_start"]):
            d1 = r["date_end"] if pd.notna(r["date_end"]) else r["date_start"]
            days.update(pd.date_range(r["date_start"], d1, freq="D"))
    total_days = (end - start).days + 1 if pd.notna(start) and pd.notna(end) else 0
    summary = (
        f"The text gives {len(txt)} figures of people killed covering {len(days)} days"
        + (f" of the {total_days} days of the offensive" if total_days else "")
        + f"; together {fmt_num(float(txt['low'].sum()))} deaths."
    )
    return View(_figure(traces, layout), summary, title="casualty periods")


def coverage(art: Article) -> View:
    """Infobox totals beside what the text's own figures account for, per side."""
    box = infobox_losses(art)
    txt = text_losses(art)
    if box.empty:
        return notice("Reported losses")
    names = side_names(art)
    cats: list[tuple[str, float, bool, float, str]] = []
    for _, r in box[~box["civilian"].astype(bool)].iterrows():
        s = _int(r["side"])
        in_text = float(txt.loc[txt["side"] == s, "low"].sum()) if not txt.empty else 0.0
        cats.append(
            (
                side_label(art, s, names),
                float(r["low"]),
                bool(r["open_upper"]),
                in_text,
                palette.side_colour(s),
            )
        )
    both = txt[txt["side"].isna() & ~txt["civilian"].astype(bool)] if not txt.empty else txt
    comb = box[~box["civilian"].astype(bool)]
    if not both.empty:
        cats.append(
            (
                "both sides (text does not split)",
                float(comb["low"].sum()),
                bool(comb["open_upper"].any()),
                float(both["low"].sum()),
                palette.NO_SIDE,
            )
        )
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "name": "infobox total",
            "y": [esc(c[0]) for c in cats],
            "x": [c[1] for c in cats],
            "marker": {"color": "white", "line": {"color": [c[4] for c in cats], "width": 2}},
            "text": [fmt_interval(c[1], float("nan"), c[2]) for c in cats],
            "textposition": "outside",
            "hovertext": [f"infobox: {fmt_interval(c[1], float('nan'), c[2])}" for c in cats],
            "hoverinfo": "text",
        },
        {
            "type": "bar",
            "orientation": "h",
            "name": "figures in the text",
            "y": [esc(c[0]) for c in cats],
            "x": [c[3] for c in cats],
            "marker": {"color": [c[4] for c in cats]},
            "width": 0.45,
            "text": [fmt_num(c[3]) for c in cats],
            "textposition": "inside",
            "hovertext": [f"text: {fmt_num(c[3])}" for c in cats],
            "hoverinfo": "text",
        },
    ]
    layout = _layout(
        "How much of the infobox total the text accounts for",
        "combatants killed",
        "",
        barmode="overlay",
        yaxis={"type": "category", "autorange": "reversed"},
        height=200 + 60 * len(cats),
        margin={"l": 260},
    )
    cov = text_coverage(art)
    summary = (
        f"The text's own figures add up to {fmt_num(cov['in_text'])} combatants killed, "
        f"{fmt_share(cov['share'])} of the infobox's {fmt_bounds(cov['infobox'])}."
    )
    return View(_figure(traces, layout), summary, title="coverage")  # type: ignore[arg-type]  # pandas-stubs/IPython typing
