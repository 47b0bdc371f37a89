"""Lesson 03: losses by side as intervals, casualty periods and what the text accounts for.

The figures take the rows a lesson selected (``killed``: the infobox rows of
``art.casualties`` whose category is "killed"; ``text``: the rows the prose gives; or a
per-side total the lesson computed with ``groupby``) and draw them. The interval
arithmetic that a reading of “N+” implies (:func:`loss_totals`, :func:`civilian_share`)
stays here because the explorer and the civilians table need it under every reading;
the lesson does the same sums by hand, as points, first.
"""

from __future__ import annotations

import functools
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
    html_table,
    notice,
    rows_axis,
    side_label,
    side_names,
    source_hover,
)

TOP: t.Final = 56  # top margin with no legend: the title, then the plot (no empty band)


def _plain(value: object) -> object:
    """A hashable stand-in for a cell: None for NA/NaN."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value if isinstance(value, (int, float, str)) else str(value)


@functools.lru_cache(maxsize=2048)
def _cached_hover(art: Article, line: object, start: object, text: object) -> str:
    return source_hover(art, line, start, text)


def hover_source(art: Article, line: object, start: object = None, text: object = None) -> str:
    """``source_hover`` remembered per article: a control redraws the same rows on every
    change, and finding a row's sentence costs a few ms (a redraw must stay under 30 ms)."""
    try:
        return _cached_hover(art, _plain(line), _plain(start), _plain(text))
    except TypeError:  # an article that cannot be hashed
        return source_hover(art, line, start, text)


def infobox_losses(art: Article) -> pd.DataFrame:
    """The infobox rows of ``art.casualties`` whose category is "killed"."""
    cas = _table(art, "casualties")
    if cas.empty:
        return cas
    c = cas[(cas["origin"] == "infobox") & (cas["category"] == "killed")]
    return c.reset_index(drop=True)


def text_losses(art: Article) -> pd.DataFrame:
    """The rows of ``art.casualties`` that the prose gives, category "killed"."""
    cas = _table(art, "casualties")
    if cas.empty:
        return cas
    c = cas[(cas["origin"] == "text") & (cas["category"] == "killed")]
    return c.reset_index(drop=True)


READINGS: t.Final = ("at least", "point")


def _check_reading(reading: str) -> None:
    if reading not in READINGS:
        raise ValueError(f"reading must be one of {READINGS}, not {reading!r}")


def _killed(rows: Article | pd.DataFrame) -> pd.DataFrame:
    """The killed rows: a DataFrame as given, else the article's infobox rows."""
    return rows if isinstance(rows, pd.DataFrame) else infobox_losses(rows)


def _civ(df: pd.DataFrame) -> pd.Series:
    return df["civilian"].astype(bool) if "civilian" in df else pd.Series(False, index=df.index)


def _bounds(df: pd.DataFrame, reading: str) -> tuple[float, float]:
    """Sum of intervals under a reading: 'point' takes every figure at face value."""
    if df.empty:
        return (0.0, 0.0)
    lo = float(df["low"].sum())
    high = float(df["high"].fillna(df["low"]).sum())
    if reading == "point":
        return (lo, high)
    if bool(df["open_upper"].any()):
        return (lo, math.inf)
    return (lo, high)


def loss_totals(
    rows: Article | pd.DataFrame, reading: str = "at least"
) -> dict[str, tuple[float, float]]:
    """Killed as (low, high) intervals under a reading: combatants, civilians, all.
    ``rows``: the killed rows (e.g. :func:`infobox_losses`) or an article."""
    _check_reading(reading)
    c = _killed(rows)
    if c.empty:
        return {"combatants": (0.0, 0.0), "civilians": (0.0, 0.0), "all": (0.0, 0.0)}
    comb = _bounds(c[~_civ(c)], reading)
    civ = _bounds(c[_civ(c)], reading)
    return {"combatants": comb, "civilians": civ, "all": (comb[0] + civ[0], comb[1] + civ[1])}


def civilian_share(rows: Article | pd.DataFrame, reading: str = "at least") -> tuple[float, float]:
    """The civilian share of all killed as an interval (interval arithmetic on the totals).

    Read "at least", a “+” figure is a floor while a figure without “+” is taken as
    exact: combatant deaths then have no upper bound, so the share of civilians is only
    bounded from above, (0, civilians / all). Read as points it is one number. If the
    civilian figure is not exact either, nothing bounds it: see :func:`civilians`.
    """
    tot = loss_totals(rows, reading)
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
    if lo == 0 and hi >= 1:
        return "not bounded by the article (anywhere from 0% to 100%)"
    if lo == 0:
        return f"at most {hi:.0%}"
    if hi >= 1:
        return f"at least {lo:.0%}"
    return f"{lo:.0%}–{hi:.0%}"


def fmt_bounds(b: tuple[float, float]) -> str:
    lo, hi = b
    if math.isinf(hi):
        return f"at least {fmt_num(lo)}"
    return fmt_num(lo) if lo == hi else f"{fmt_num(lo)}–{fmt_num(hi)}"


def text_coverage(art: Article, reading: str = "at least") -> dict[str, t.Any]:
    """How much of the infobox's combatants killed the text's own figures account for."""
    _check_reading(reading)
    txt = text_losses(art)
    box = infobox_losses(art)
    comb_box = box[~_civ(box)] if not box.empty else box
    comb_txt = txt[~_civ(txt)] if not txt.empty else txt
    in_text = float(comb_txt["low"].sum()) if not comb_txt.empty else 0.0
    total = _bounds(comb_box, reading)
    share = (
        (in_text / total[1] if not math.isinf(total[1]) else 0.0, in_text / total[0])
        if total[0]
        else (float("nan"), float("nan"))
    )
    return {"in_text": in_text, "infobox": total, "share": share, "figures": len(comb_txt)}


def _written(df: pd.DataFrame) -> list[str]:
    """The open-ended figures as the article writes them: ``376+``."""
    return [
        fmt_interval(float(r["low"]), float("nan"), True)
        for r in df.to_dict("records")
        if bool(r.get("open_upper", False))
    ]


def _quoted(items: list[str]) -> str:
    q = [f"“{x}”" for x in items]
    return q[0] if len(q) == 1 else ", ".join(q[:-1]) + " and " + q[-1]


def conclusions(rows: Article | pd.DataFrame, reading: str = "at least") -> list[str]:
    """What a reader may conclude from the killed rows under a reading of “N+”.

    Said in words, not as totals: the totals are what the lesson asks students to
    compute, so they are not printed beside the figure."""
    _check_reading(reading)
    c = _killed(rows)
    if c.empty:
        return [f"Losses: {NOT_REPORTED}."]
    open_ = _written(c)
    civ = c[_civ(c)]
    share_at_least = fmt_share(civilian_share(c, "at least"))
    out: list[str] = []
    if reading == "at least":
        if open_:
            out.append(
                f"{_quoted(open_)} {'is a floor' if len(open_) == 1 else 'are floors'}: the "
                "true number may be higher, by an amount the article does not give."
            )
            out.append("So any total of these figures is a floor too: say “at least”.")
        else:
            out.append("No figure carries a “+”: each is given as a count.")
        if not civ.empty and open_:
            out.append(
                f"If the civilian figure is exact, civilians are {share_at_least} of all "
                "killed; if it is itself one source's count, the article does not bound "
                "the share."
            )
    else:
        out.append(
            "Read as exact counts, the figures can be added and divided: totals and "
            "shares become single numbers."
        )
        if open_:
            out.append(
                f"But nothing in the article says {_quoted(open_)} "
                f"{'is' if len(open_) == 1 else 'are'} exact: this reading claims more "
                "than the text does."
            )
        if not civ.empty:
            out.append(
                f"Civilian share if every figure is exact: "
                f"{fmt_share(civilian_share(c, 'point'))}."
            )
    return out


def _who(art: Article, r: t.Mapping[t.Any, t.Any], names: dict[int, str]) -> str:
    who = _str(r.get("who"))
    if bool(r.get("civilian", False)):
        return "civilians"
    s = _int(r.get("side"))
    base = side_label(art, s, names)
    return base + (f" ({who})" if who and who not in ("civilians", base) else "")


def losses(df: pd.DataFrame, art: Article, reading: str = "at least") -> View:
    """Killed by side, one row per row of ``df`` (the infobox's killed rows): under
    "at least" a “+” figure is a floor with a dotted open arrow; as "point", a count."""
    _check_reading(reading)
    if df is None or df.empty or "low" not in df:
        return notice("Reported losses")
    names = side_names(art)
    traces: list[dict[str, t.Any]] = []
    records = df.to_dict("records")
    highs = [float(r["high"]) if pd.notna(r.get("high")) else float(r["low"]) for r in records]
    xmax = max(highs) * 1.6 if highs and max(highs) > 0 else 1.0
    ticktext: list[str] = []
    words: list[str] = []
    for i, r in enumerate(records):
        s = _int(r.get("side"))
        civilian = bool(r.get("civilian", False))
        colour = palette.CIVILIAN if civilian else palette.side_colour(s)
        who = _who(art, r, names)
        ticktext.append(esc(who))
        lo = float(r["low"])
        hi = float(r["high"]) if pd.notna(r.get("high")) else lo
        written = fmt_interval(lo, hi, bool(r.get("open_upper", False)))
        open_ = bool(r.get("open_upper", False)) and reading == "at least"
        label = ("at least " if open_ else "") + fmt_num(lo) + ("" if hi == lo else f"–{fmt_num(hi)}")
        words.append(f"{who} {written}")
        hover = (
            f"<b>{esc(_str(r.get('text')) or written)}</b> → read as {label}"
            f"<br>{hover_source(art, r.get('line'), r.get('start'), r.get('text'))}"
        )
        traces.append(
            {
                "type": "scatter",
                "x": [0, lo] if hi == lo else [0, lo, hi],
                "y": [i] * (2 if hi == lo else 3),
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
                "y": [i],
                "mode": "markers+text",
                "marker": {
                    "size": 16,
                    "color": colour,
                    "symbol": "triangle-right-open" if open_ else "line-ns-open",
                    "line": {"width": 3, "color": colour},
                },
                "text": [esc(label)],
                # above the bar, inside the plot: the y range leaves room over the first row
                "textposition": "top center",
                "cliponaxis": False,
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
                    "y": [i, i],
                    "mode": "lines",
                    "line": {"color": colour, "width": 3, "dash": "dot"},
                    "hoverinfo": "skip",
                    "showlegend": False,
                }
            )
    open_written = _written(df) if reading == "at least" else []
    title = "Reported killed, by side: " + (
        f"{_quoted(open_written)} read as “at least”"
        if open_written
        else ("every figure read as a count" if reading == "point" else "no figure has a “+”")
    )
    n = len(records)
    layout = _layout(
        title,
        "people killed"
        + (" (dotted arrow: “or more”, no upper bound)" if open_written else ""),
        "",
        xaxis={"range": [0, xmax], "rangemode": "tozero"},
        yaxis={
            "tickmode": "array",
            "tickvals": list(range(n)),
            "ticktext": ticktext,
            "range": [n - 0.5, -0.95],  # room above the first row for its label
            "showgrid": False,
        },
        height=150 + 70 * n,
        margin={"l": 220, "t": TOP},
        showlegend=False,
    )
    summary = (
        f"The infobox gives {n} figure{'s' if n != 1 else ''} of people killed: "
        + "; ".join(words)
        + "."
        + (
            f" {len(_written(df))} of them {'is' if len(_written(df)) == 1 else 'are'} "
            "“at least” figures."
            if _written(df)
            else ""
        )
    )
    lines = conclusions(df, reading)
    return View(_figure(traces, layout), summary, title=f"losses ({reading})", details=lines,
                alt="Bar chart of people killed per side as the infobox gives them; a figure with a plus sign is a floor, drawn with an open arrow")


def casualty_periods(df: pd.DataFrame, art: Article) -> View:
    """Figures from the text, one row each, as a bar over the days its sentence covers.

    The number is the row's label, not a height: a figure for three days and one for
    three weeks are not rates and are not drawn as if they were."""
    if df is None or df.empty or "date_start" not in df:
        return notice("Casualty figures in the text")
    names = side_names(art)
    records = [r for r in df.to_dict("records") if pd.notna(r.get("date_start"))]
    if not records:
        return notice("Casualty figures in the text", "None of them has a date.")
    traces: list[dict[str, t.Any]] = []
    ticktext: list[str] = []
    shown: set[str] = set()
    spans: list[str] = []
    for i, r in enumerate(records):
        s = _int(r.get("side"))
        civilian = bool(r.get("civilian", False))
        colour = palette.CIVILIAN if civilian else palette.side_colour(s) if s is not None else palette.NO_SIDE
        d0 = pd.Timestamp(r["date_start"])
        d1 = pd.Timestamp(r["date_end"]) if pd.notna(r.get("date_end")) else d0
        who = _str(r.get("who")) or side_label(art, s, names)
        figure = fmt_interval(float(r["low"]), float(r.get("high", float("nan"))), bool(r.get("open_upper", False)))
        ticktext.append(f"{esc(figure)} {esc(who)}")
        claim = f" (according to {esc(r['claimant'])})" if _str(r.get("claimant")) else ""
        hover = (
            f"<b>{esc(figure)} {esc(who)}</b> killed{claim}"
            f"<br>{fmt_span(d0, d1)}<br>{hover_source(art, r.get('line'), r.get('start'), r.get('text'))}"
        )
        legend = "civilians" if civilian else side_label(art, s, names) if s is not None else "both sides / not split"
        days = (d1 - d0).days + 1
        spans.append(f"{figure} {who}, {fmt_span(d0, d1)} ({days} day{'s' if days != 1 else ''})")
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "base": [d0.isoformat()],
                "x": [(d1 + pd.Timedelta(days=1) - d0).total_seconds() * 1000],
                "y": [i],
                "marker": {"color": colour},
                "name": esc(legend),
                "legendgroup": esc(legend),
                "showlegend": legend not in shown,
                "hovertext": [hover],
                "hoverinfo": "text",
                "width": 0.6,
            }
        )
        shown.add(legend)
    start = getattr(art, "date_start", pd.NaT)
    end = getattr(art, "date_end", pd.NaT)
    shapes = []
    if pd.notna(start) and pd.notna(end):
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": pd.Timestamp(start).isoformat(),
                "x1": (pd.Timestamp(end) + pd.Timedelta(days=1)).isoformat(),
                "y0": 0,
                "y1": 1,
                "fillcolor": "rgba(0,0,0,0.05)",
                "line": {"width": 0},
                "layer": "below",
            }
        )
    n = len(records)
    layout = _layout(
        "Casualty figures in the text, each over the days it covers",
        "date (grey: the whole offensive; a bar's length is the period, not the number)",
        "",
        xaxis={"type": "date", "tickformat": "%-d %b"},
        yaxis=rows_axis(ticktext),
        shapes=shapes,
        height=170 + 55 * n,
        margin={"l": 240, "t": 90},
        barmode="overlay",
    )
    summary = (
        f"The text gives {n} figure{'s' if n != 1 else ''} of people killed, each for its "
        "own period: " + "; ".join(spans) + "."
    )
    return View(_figure(traces, layout), summary, title="casualty periods",
                alt="Bar chart of the text's figures of people killed, each a bar over the days its sentence covers, with the number as its label")


def _side_name(art: Article, side: object, names: dict[int, str]) -> str:
    s = _int(side)
    return "fighters of both sides (not split)" if s is None else side_label(art, s, names)


def coverage(totals: pd.DataFrame | pd.Series, art: Article) -> View:
    """Per side, the infobox figure beside what the text's own figures add up to.

    ``totals`` is the lesson's ``groupby(["side", "origin"], dropna=False)["low"].sum()``
    (a Series, or the same as a DataFrame with ``side``, ``origin``, ``low``); a side
    left empty is "fighters of both sides", which the text does not split."""
    if isinstance(totals, pd.Series):
        totals = totals.reset_index()
    if totals is None or totals.empty or not {"side", "origin", "low"} <= set(totals.columns):
        return notice("Reported losses")
    names = side_names(art)
    box = infobox_losses(art)
    sides: list[object] = list(dict.fromkeys(_int(s) for s in totals["side"]))
    sides.sort(key=lambda s: (s is None, s))
    cats = []
    for s in sides:
        mine = totals[[_int(v) == s for v in totals["side"]]]
        in_box = mine.loc[mine["origin"] == "infobox", "low"]
        in_txt = mine.loc[mine["origin"] == "text", "low"]
        rows = box[(box["side"] == s) & ~_civ(box)] if not box.empty and s is not None else box.iloc[0:0]
        open_ = bool(rows["open_upper"].any()) if not rows.empty else False
        cats.append(
            (
                _side_name(art, s, names),
                float(in_box.sum()) if not in_box.empty else None,
                open_,
                float(in_txt.sum()) if not in_txt.empty else None,
                palette.side_colour(s) if s is not None else palette.NO_SIDE,
            )
        )
    ys = list(range(len(cats)))
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "name": "infobox figure",
            "y": ys,
            "x": [c[1] for c in cats],
            "marker": {"color": "white", "line": {"color": [c[4] for c in cats], "width": 2}},
            "text": [fmt_interval(c[1], float("nan"), c[2]) if c[1] is not None else "" for c in cats],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertext": [
                f"infobox: {fmt_interval(c[1], float('nan'), c[2])}" if c[1] is not None else "infobox: —"
                for c in cats
            ],
            "hoverinfo": "text",
        },
        {
            "type": "bar",
            "orientation": "h",
            "name": "the text's figures, added up",
            "y": ys,
            "x": [c[3] for c in cats],
            "marker": {"color": [c[4] for c in cats]},
            "width": 0.45,
            "text": [fmt_num(c[3]) if c[3] is not None else "" for c in cats],
            "textposition": "auto",
            "cliponaxis": False,
            "hovertext": [f"text: {fmt_num(c[3])}" if c[3] is not None else "text: —" for c in cats],
            "hoverinfo": "text",
        },
    ]
    top = max([v for c in cats for v in (c[1], c[3]) if v is not None] or [1.0])
    layout = _layout(
        "Per side: the infobox figure and the text's own figures",
        "combatants killed",
        "",
        barmode="overlay",
        xaxis={"range": [0, top * 1.25]},
        yaxis={
            "tickmode": "array",
            "tickvals": ys,
            "ticktext": [esc(c[0]) for c in cats],
            "range": [len(cats) - 0.5, -0.5],
            "showgrid": False,
        },
        height=200 + 60 * len(cats),
        margin={"l": 260, "t": 90},
    )
    parts = []
    for name, b, op, x, _ in cats:
        if b is None:
            parts.append(f"{name}: {fmt_num(x or 0)} in the text, no infobox figure to set it against")
        else:
            parts.append(
                f"{name}: {fmt_num(x) if x is not None else 'nothing'} in the text against "
                f"{fmt_interval(b, float('nan'), op)} in the infobox"
            )
    summary = "Combatants killed, per side. " + "; ".join(parts) + "."
    return View(_figure(traces, layout), summary, title="coverage",
                alt="Bar chart of combatants killed per side: the infobox figure beside what the text's own figures add up to")


def civilians(df: pd.DataFrame, art: Article) -> View:
    """The civilian share of all killed under three readings of the figures in ``df``
    (the infobox's killed rows): every figure exact; “+” figures as floors; every figure,
    also the unmarked civilian one, as possibly one source's count (a floor)."""
    c = df if df is not None else pd.DataFrame()
    if c.empty or "low" not in c or float(c.loc[_civ(c), "low"].sum()) == 0:
        return notice("Civilian deaths")
    point = loss_totals(c, "point")
    floors = c.assign(open_upper=True)
    readings = [
        ("every figure is exact", point["civilians"], point["all"], civilian_share(c, "point")),
        (
            "“+” means at least; a figure without “+” is exact",
            loss_totals(c, "at least")["civilians"],
            loss_totals(c, "at least")["all"],
            civilian_share(c, "at least"),
        ),
        (
            "every figure may be one source's count (at least)",
            loss_totals(floors, "at least")["civilians"],
            loss_totals(floors, "at least")["all"],
            civilian_share(floors, "at least"),
        ),
    ]
    # no "all killed" column: the smallest total is what lesson 03 asks students to compute
    table = pd.DataFrame(
        [(r, fmt_bounds(cv), fmt_share(sh)) for r, cv, _, sh in readings],
        columns=["if we read", "civilians killed", "civilian share of all killed"],
    )
    p, a, f = (fmt_share(r[3]) for r in readings)
    summary = (
        f"Civilians are {p} of all killed only if every figure is exact; {a} if “+” means "
        f"“at least” and the civilian figure is exact; and {f.split(' (')[0]} if the civilian "
        "figure may itself be a lower count."
    )
    return View(None, summary, html_table(table, "Civilian share of the dead", summary), "civilians")

