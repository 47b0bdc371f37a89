"""Lesson 01's day-by-day view: each place's last reported holder on a chosen day.

A holder is *known* on the day of a report, *last reported* after it (with the date of
that report), and *unknown* ("no report yet") before the first report. Partial control
(``extent == "partial"``, a ``share`` where the text gives one) stays partial. Nothing
is carried forward as known: these statuses are computed here from ``art.control`` and
never stored as fact.

The tables are what the lesson computes in plain pandas (``last_reported`` is the cell
``reports.sort_values("date").groupby("place").last()`` plus the status column), and the
figures are drawn from the table a student passes in, so editing the cell changes the
figure. ``day_map`` is one day (the ipywidgets explorer redraws it); ``day_by_day`` is
the same map with a plotly slider and a play button over every day, which works without
a kernel (slides and handouts).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import math
import typing as t

import pandas as pd

from conflictkit import palette

from ._common import (
    Article,
    View,
    _figure,
    _int,
    _layout,
    _str,
    _table,
    esc,
    fmt_date,
    fmt_interval,
    notice,
    sentence_for,
    side_label,
    side_names,
    source_hover,
    to_json_compatible,
    wrap,
)
from .chronology import AREA_KINDS, _geography

KNOWN: t.Final = "known"
LAST_REPORTED: t.Final = "last reported"
UNKNOWN: t.Final = "no report yet"
STATUSES: t.Final = (KNOWN, LAST_REPORTED, UNKNOWN)
HOLDER_COLUMNS: t.Final = (
    "place", "date", "side", "controller", "extent", "share", "inferred", "status", "line", "text",
)
#: Colour for a holder the text names without an infobox side (e.g. the PMF): not a side's.
NO_SIDE_COLOURS: t.Final = ("#8c564b", "#17becf", "#bcbd22", "#9467bd")


#: Longer than this, the slider steps through the days with news only (a report, an event
#: or a distance): a year of empty days is no walk through anything, and every day is a
#: frame in the deck.
MAX_DAYS: t.Final = 92


def days(art: Article) -> list[pd.Timestamp]:
    """The days to walk through: every calendar day of the infobox period (else of the
    dated rows); over ``MAX_DAYS`` days, only the days with a dated row, plus both ends."""
    start, end = getattr(art, "date_start", pd.NaT), getattr(art, "date_end", pd.NaT)
    ev = _table(art, "events")
    dated = [
        s
        for s in (ev.get("date_start"), ev.get("date_end"), _table(art, "control").get("date"),
                  _table(art, "front").get("date"))
        if s is not None
    ]
    seen = pd.concat(dated).dropna() if dated else pd.Series(dtype="datetime64[ns]")
    seen = pd.to_datetime(seen).dt.normalize()
    if pd.isna(start):
        if seen.empty:
            return []
        start = seen.min()
    start = pd.Timestamp(start).normalize()
    if pd.isna(end):
        later = seen[seen >= start]
        end = later.max() if not later.empty else start
    end = max(pd.Timestamp(end).normalize(), start)
    every = list(pd.date_range(start, end, freq="D"))
    if len(every) <= MAX_DAYS:
        return every
    news = seen[(seen >= start) & (seen <= end)]
    return sorted({start, end, *news})


def last_reported(control: pd.DataFrame, day: object) -> pd.DataFrame:
    """One row per place reported by ``day``: its last report and whether that is today.

    The lesson's pandas: ``control[control["date"] <= day].sort_values("date")
    .groupby("place").last()``, plus ``status`` (``known`` on the day of the report,
    ``last reported`` after it). Places never reported by then are absent (unknown).
    """
    d = pd.Timestamp(day).normalize()  # type: ignore[arg-type]
    if control.empty or "date" not in control:
        return pd.DataFrame(columns=list(HOLDER_COLUMNS))
    reports = control[control["date"] <= d]
    # stable sort: of two reports on one day, the later sentence of the text wins
    rows = reports.sort_values("date", kind="stable").groupby("place", sort=False).tail(1)
    out = pd.DataFrame(
        {
            "place": rows["place"],
            "date": rows["date"],
            "side": rows["side"] if "side" in rows else pd.NA,
            "controller": rows.get("controller", pd.Series("", index=rows.index)),
            "extent": rows.get("extent", pd.Series("full", index=rows.index)).fillna("full"),
            "share": rows.get("share", pd.Series(float("nan"), index=rows.index)),
            "inferred": rows.get("inferred", pd.Series(False, index=rows.index)),
            "status": [KNOWN if x.normalize() == d else LAST_REPORTED for x in rows["date"]],
            "line": rows.get("line", pd.Series(pd.NA, index=rows.index)),
            "text": rows.get("text", pd.Series("", index=rows.index)),
        }
    )
    return out.sort_values("date", kind="stable").reset_index(drop=True)


def front_on(front: pd.DataFrame, day: object) -> pd.DataFrame:
    """The front's last reported distance on ``day`` (zero or one row)."""
    d = pd.Timestamp(day).normalize()  # type: ignore[arg-type]
    if front.empty or "date" not in front:
        return front.head(0)
    return front[front["date"] <= d].sort_values("date", kind="stable").tail(1)


def events_on(events: pd.DataFrame, day: object) -> pd.DataFrame:
    """The events dated on ``day`` (a span counts on each of its days)."""
    d = pd.Timestamp(day).normalize()  # type: ignore[arg-type]
    if events.empty or "date_start" not in events:
        return events.head(0)
    start = events["date_start"].dt.normalize()
    end = events["date_end"].fillna(events["date_start"]).dt.normalize()
    return t.cast(pd.DataFrame, events[(start <= d) & (end >= d)])


def _distance(row: t.Any, obj: str) -> str:
    within = _str(row.get("relation")) in {"within", "under", "less than"}
    km = fmt_interval(row["km_low"], row["km_high"], False)
    rel = "within " if within else ""
    return f"{rel}{km} km from {_str(row.get('reference')) or obj}"


@functools.lru_cache(maxsize=512)
def front_sentence(art: Article, day: object) -> str:
    """“Front: within 15 km of Abu Kamal (reported 5 Nov 2017)” or “no report yet”."""
    fr = front_on(_table(art, "front"), day)
    if fr.empty:
        return "Front: no report of its distance yet."
    r = fr.iloc[-1]
    when = "reported today" if r["date"].normalize() == pd.Timestamp(day).normalize() else (  # type: ignore[arg-type]
        f"last reported {fmt_date(r['date'])}"
    )
    from ._common import objective

    return f"Front: {_distance(r, objective(art))} ({when})."


@functools.lru_cache(maxsize=1024)
def cached_source(art: Article, line: object, start: object, text: str, sentence: bool = False) -> str:
    """``source_hover`` (or ``sentence_for``) remembered: the same rows recur on every day,
    and looking a sentence up costs a few ms (the widget must redraw in ≤ 30 ms)."""
    if sentence:
        return sentence_for(art, line, start, text)
    return source_hover(art, line, start, text)


def _key(value: object) -> object:
    return None if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) else value


def _colour(art: Article, side: object, controller: str, names: dict[int, str]) -> str:
    s = _int(side)
    if s is not None:
        return palette.side_colour(s)
    # an actor without an infobox side keeps its own grey-family colour, not a side's
    return NO_SIDE_COLOURS[sum(map(ord, controller)) % len(NO_SIDE_COLOURS)]


def _holder(art: Article, r: t.Mapping[t.Any, t.Any], names: dict[int, str]) -> str:
    s = _int(r["side"])
    return side_label(art, s, names) if s is not None else (_str(r["controller"]) or "no side")


def _extent(r: t.Mapping[t.Any, t.Any]) -> str:
    if _str(r.get("extent")) != "partial":
        return ""
    share = r.get("share")
    if share is not None and not (isinstance(share, float) and math.isnan(share)) and pd.notna(share):
        return f"part ({float(share):.0%})"
    return "part"


@functools.lru_cache(maxsize=1)
def _geo_traces() -> tuple[dict[str, t.Any], ...]:
    # drawn once per process: the outlines are the same on every day (JSON-ready already)
    out = []
    for name, kind, lons, lats in _geography():
        river = kind == "river" or "river" in name.lower()
        out.append(
            to_json_compatible(
                {
                    "type": "scatter",
                    "x": lons,
                    "y": lats,
                    "mode": "lines",
                    "name": esc(name),
                    "line": {
                        "color": palette.RIVER if river else palette.BORDER,
                        "width": 3 if river else 1.5,
                        "dash": "solid" if river else "dash",
                    },
                    "hoverinfo": "name",
                }
            )
        )
    return tuple(out)


#: Label positions tried in order, with the label box's offset from the marker:
#: (plotly textposition, horizontal anchor -1 left / 0 centre / 1 right, vertical).
_POSITIONS: t.Final = (
    ("top center", 0, 1), ("bottom center", 0, -1), ("middle right", 1, 0), ("middle left", -1, 0),
    ("top right", 1, 1), ("bottom left", -1, -1), ("top left", -1, 1), ("bottom right", 1, -1),
)


def label_positions(mapped: pd.DataFrame, layout: dict[str, t.Any], longest: int = 16) -> dict[str, str]:
    """A text position per place whose label box overlaps no marker and no earlier label.

    Boxes are estimated in pixels from the axis ranges and the plot height (the map keeps
    equal ground distances, so one scale serves both axes): 7 px per character of the
    place's name plus ``longest`` characters of status, 14 px a line, 9 px a marker.
    """
    yr = layout["yaxis"]["range"]
    margin = layout.get("margin", {})
    ppd_y = (layout.get("height", 600) - margin.get("t", 100) - margin.get("b", 80)) / (yr[1] - yr[0])
    ppd_x = ppd_y * math.cos(math.radians((yr[0] + yr[1]) / 2))
    pts = [(str(r["place"]), float(r["lon"]) * ppd_x, float(r["lat"]) * ppd_y) for r in mapped.to_dict("records")]
    boxes: list[tuple[float, float, float, float]] = [(x - 9, y - 9, x + 9, y + 9) for _, x, y in pts]
    out: dict[str, str] = {}
    for place, x, y in sorted(pts, key=lambda p: -p[2]):
        w, h = 7.0 * (len(place) + longest), 14.0
        best, best_hits = _POSITIONS[0][0], 10**9
        for name, hx, vy in _POSITIONS:
            cx = x + hx * (w / 2 + 10)
            cy = y + vy * (h / 2 + 10)
            box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            hits = sum(
                1 for b in boxes
                if b != (x - 9, y - 9, x + 9, y + 9)
                and box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
            )
            if hits < best_hits:
                best, best_hits = name, hits
                chosen = box
            if hits == 0:
                break
        out[place] = best
        boxes.append(chosen)
    return out


def _mapped_places(art: Article) -> pd.DataFrame:
    """Places with coordinates that are points (no country, river or region)."""
    pl = _table(art, "places")
    if pl.empty or "lat" not in pl or "lon" not in pl:
        return pd.DataFrame(columns=["place", "lat", "lon"])
    kind = pl["kind"] if "kind" in pl else pd.Series("", index=pl.index)
    keep = pl["lat"].notna() & pl["lon"].notna() & ~kind.isin(AREA_KINDS)
    return pl.loc[keep, ["place", "lat", "lon"]].reset_index(drop=True)


def _day_traces(
    art: Article, holders: pd.DataFrame, day: pd.Timestamp, mapped: pd.DataFrame,
    names: dict[int, str], positions: dict[str, str],
) -> list[dict[str, t.Any]]:
    """One marker trace per mapped place (same order on every day, so frames line up)."""
    by_place = {str(r["place"]): r for r in holders.to_dict("records")}
    traces = []
    for p in mapped.to_dict("records"):
        place = str(p["place"])
        r = by_place.get(place)
        if r is None:
            colour, symbol, status = "#777777", "circle-open", UNKNOWN
            label = f"{esc(place)} ?"
            hover = f"<b>{esc(place)}</b>: no report of who holds it by {fmt_date(day)}"
        else:
            holder = _holder(art, r, names)
            part = _extent(r)
            status = _str(r["status"])
            colour = _colour(art, r["side"], _str(r["controller"]), names)
            symbol = "circle-open-dot" if part else "circle"
            # short labels keep nearby places apart; holder and date are in the hover,
            # the holder's colour in the legend
            label = esc(place) + (" (part)" if part else "") + ("" if status == KNOWN else f" · {r['date']:%-d %b}")
            hover = (
                f"<b>{esc(place)}</b>: {esc(holder)}"
                + (f" holds {part}" if part else "")
                + f"<br>{status} ({fmt_date(r['date'])})"
                + (" · inferred from the text" if bool(r.get("inferred")) else "")
                + f"<br>{wrap(r['text'])}<br>{cached_source(art, _key(r['line']), None, _str(r['text']))}"
            )
        traces.append(
            {
                "type": "scatter",
                "x": [float(p["lon"])],
                "y": [float(p["lat"])],
                "mode": "markers+text",
                "name": esc(place),
                "showlegend": False,
                "text": [label],
                "textposition": positions.get(place, "top center"),
                "textfont": {"size": 11, "color": "#222222" if status != UNKNOWN else "#777777"},
                "marker": {
                    "size": 16 if status == KNOWN else 13,
                    "symbol": symbol,
                    "color": colour,
                    "opacity": 1.0 if status == KNOWN else 0.55 if status == LAST_REPORTED else 1.0,
                    "line": {"width": 3 if status == KNOWN else 1.5, "color": colour if symbol != "circle" else "black"},
                },
                "hovertext": [hover],
                "hoverinfo": "text",
            }
        )
    return traces


def _events_note(art: Article, events: pd.DataFrame, width: int = 95, most: int = 4) -> str:
    if events.empty:
        return "No event dated this day."
    lines = []
    for e in events.head(most).to_dict("records"):
        lines.append("• " + wrap(_str(e.get("text")), width).replace("<br>", "<br>  "))
    if len(events) > most:
        lines.append(f"… and {len(events) - most} more (hover the timeline)")
    return "<br>".join(lines)


def _unmapped_note(art: Article, holders: pd.DataFrame, mapped: pd.DataFrame, names: dict[int, str]) -> str:
    off = holders[~holders["place"].isin(set(mapped["place"]))]
    if off.empty:
        return ""
    parts = []
    for r in off.to_dict("records"):
        when = "today" if r["status"] == KNOWN else f"last reported {r['date']:%-d %b}"
        part = _extent(r)
        parts.append(f"{esc(r['place'])}: {esc(_holder(art, r, names))}{' · ' + part if part else ''} ({when})")
    return "<br>".join(_chunks("Not on the map: " + "; ".join(parts), 120))


def _chunks(text: str, width: int) -> list[str]:
    """Break an already escaped line at "; " so that no part is much longer than ``width``."""
    out: list[str] = []
    for piece in text.split("; "):
        if out and len(out[-1]) + len(piece) + 2 <= width:
            out[-1] += "; " + piece
        else:
            out.append(piece)
    return out


def _title(art: Article, day: pd.Timestamp, holders: pd.DataFrame) -> str:
    known = int((holders["status"] == KNOWN).sum()) if not holders.empty else 0
    return (
        f"Who held what on {fmt_date(day)}: last reported holders "
        f"({known} reported that day)<br><sup>{esc(front_sentence(art, day))}</sup>"
    )


LEGEND_CHARS: t.Final = 30


def _short(name: str, limit: int = LEGEND_CHARS) -> str:
    """``Syrian Arab Armed Forces and allies and militias`` → ``Syrian Arab Armed Forces and…``."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _holder_keys(art: Article, names: dict[int, str]) -> list[dict[str, t.Any]]:
    """One legend key per holder the control table ever names (the same on every day)."""
    ctl = _table(art, "control")
    if ctl.empty:
        return []
    seen: dict[str, str] = {}
    for r in ctl.to_dict("records"):
        r.setdefault("controller", "")
        seen.setdefault(_holder(art, r, names), _colour(art, r.get("side"), _str(r["controller"]), names))
    return [
        {
            # a legend key is cut to a few words: a long name (a hostile or verbose seed)
            # would otherwise push the legend margin past the figure's width in print
            "type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": esc(_short(name)),
            "legendgroup": "holders", "legendgrouptitle": {"text": "holder"},
            "marker": {"symbol": "circle", "size": 12, "color": colour},
        }
        for name, colour in seen.items()
    ]


def _legend_keys() -> list[dict[str, t.Any]]:
    keys = [
        ("reported that day (known)", "circle", 16, 1.0),
        ("last reported earlier", "circle", 13, 0.55),
        ("part of the place (partial control)", "circle-open-dot", 13, 1.0),
        ("no report yet (unknown)", "circle-open", 13, 1.0),
    ]
    return [
        {
            "type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": name,
            "legendgroup": "status", "legendgrouptitle": {"text": "status"},
            "marker": {"symbol": sym, "size": size, "opacity": op, "color": "#555555",
                       "line": {"width": 1.5, "color": "black"}},
        }
        for name, sym, size, op in keys
    ]


@functools.lru_cache(maxsize=512)
def _events_html(art: Article, day: pd.Timestamp) -> str:
    return f"<b>Events on {fmt_date(day)}</b><br>{_events_note(art, events_on(_table(art, 'events'), day))}"


def _frame_layout(art: Article, day: pd.Timestamp, holders: pd.DataFrame, mapped: pd.DataFrame,
                  names: dict[int, str]) -> dict[str, t.Any]:
    off = _unmapped_note(art, holders, mapped, names)
    return {
        "title": {"text": _title(art, day, holders)},
        "annotations": [
            {
                "text": _events_html(art, day) + (f"<br>{off}" if off else ""),
                "xref": "paper", "yref": "paper", "x": 0.0, "y": -0.2,
                "xanchor": "left", "yanchor": "top", "align": "left", "showarrow": False,
                "font": {"size": 11},
            }
        ],
    }


def _base_layout(art: Article, mapped: pd.DataFrame) -> dict[str, t.Any]:
    if not mapped.empty:
        x0, x1 = float(mapped["lon"].min()), float(mapped["lon"].max())
        y0, y1 = float(mapped["lat"].min()), float(mapped["lat"].max())
        pad = max(0.3, 0.15 * max(x1 - x0, y1 - y0))
        xr, yr, lat0 = [x0 - pad, x1 + pad], [y0 - pad, y1 + pad], (y0 + y1) / 2
    else:
        xr, yr, lat0 = [39.5, 42.0], [33.5, 35.5], 34.5
    return _layout(
        "",
        "longitude (° E)",
        "latitude (° N)",
        xaxis={"range": xr},
        yaxis={"range": yr, "scaleanchor": "x", "scaleratio": 1 / math.cos(math.radians(lat0))},
        height=760,
        margin={"t": 150, "b": 230},
        legend={"orientation": "v", "x": 1.02, "y": 1.0, "xanchor": "left", "yanchor": "top"},
    )


@dataclasses.dataclass(frozen=True)
class _Static:
    """What does not change from one day to the next (the widget redraws in ≤ 30 ms)."""

    days: list[pd.Timestamp]
    names: dict[int, str]
    mapped: pd.DataFrame
    layout: dict[str, t.Any]
    positions: dict[str, str]
    keys: list[dict[str, t.Any]]


@functools.lru_cache(maxsize=4)
def _static(art: Article) -> _Static:
    names = side_names(art)
    mapped = _mapped_places(art)
    layout = _base_layout(art, mapped)
    positions = label_positions(mapped, layout) if not mapped.empty else {}
    return _Static(days(art), names, mapped, layout, positions, [*_holder_keys(art, names), *_legend_keys()])


def day_map(art: Article, holders: pd.DataFrame | None = None, day: object = None) -> View:
    """The map on one day, drawn from ``holders`` (default: ``last_reported(art.control, day)``)."""
    st = _static(art)
    all_days = st.days
    if not all_days:
        return notice("Day by day", "The article gives no dates.")
    d = pd.Timestamp(day).normalize() if day is not None else all_days[-1]  # type: ignore[arg-type]
    if holders is None:
        holders = last_reported(_table(art, "control"), d)
    holders = _as_holders(holders, d)
    names, mapped, positions = st.names, st.mapped, st.positions
    layout = copy.deepcopy(st.layout)
    traces = [*_geo_traces(), *_day_traces(art, holders, d, mapped, names, positions), *st.keys]
    frame = _frame_layout(art, d, holders, mapped, names)
    layout["title"] = {**layout["title"], **frame["title"]}
    layout["annotations"] = frame["annotations"]
    return View(_figure(traces, layout), summary_for(art, holders, d), title="day by day")


def _as_holders(table: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """Accept the lesson's ``groupby("place").last()`` (place as index, no status) too."""
    if "place" not in table.columns:
        table = table.reset_index()
    if "status" not in table.columns:
        table = table.assign(
            status=[KNOWN if pd.Timestamp(x).normalize() == day else LAST_REPORTED
                    for x in table["date"]]
        )
    for col, default in (("side", pd.NA), ("controller", ""), ("extent", "full"),
                         ("share", float("nan")), ("inferred", False), ("line", pd.NA),
                         ("text", "")):
        if col not in table.columns:
            table = table.assign(**{col: default})  # type: ignore[arg-type]  # pandas-stubs
    return table


def summary_for(art: Article, holders: pd.DataFrame, day: pd.Timestamp) -> str:
    names = _static(art).names
    known = holders[holders["status"] == KNOWN]
    older = holders[holders["status"] == LAST_REPORTED]
    words = [f"On {fmt_date(day)}"]
    if holders.empty:
        words.append("no place has a reported holder yet")
    else:
        words.append(
            f"{len(holders)} places have a reported holder, {len(known)} of them reported that day"
        )
        if not older.empty:
            words.append(
                "the others are last reports: "
                + ", ".join(f"{r['place']} ({_holder(art, r, names)}, {fmt_date(r['date'])})"
                            for r in older.to_dict("records"))
            )
    return "; ".join(words) + ". " + front_sentence(art, day)


def day_by_day(art: Article) -> View:
    """The day map for every day, with a plotly slider and a play button (no kernel needed)."""
    st = _static(art)
    all_days = st.days
    if not all_days:
        return notice("Day by day", "The article gives no dates.")
    control = _table(art, "control")
    names, mapped, positions = st.names, st.mapped, st.positions
    geo = list(_geo_traces())
    first = geo.__len__()
    place_ids = list(range(first, first + len(mapped)))
    frames, steps = [], []
    for d in all_days:
        h = last_reported(control, d)
        name = f"{d:%Y-%m-%d}"
        frames.append(
            {
                "name": name,
                "data": _day_traces(art, h, d, mapped, names, positions),
                "traces": place_ids,
                "layout": _frame_layout(art, d, h, mapped, names),
            }
        )
        steps.append(
            {
                "method": "animate",
                "label": f"{d.day} {d:%b}",
                "args": [[name], {"mode": "immediate", "frame": {"duration": 0, "redraw": True},
                                  "transition": {"duration": 0}}],
            }
        )
    last = all_days[-1]
    view = day_map(art, day=last)
    spec = view.spec
    assert spec is not None
    spec["frames"] = frames
    layout = spec["layout"]
    layout["sliders"] = [
        {
            "active": len(steps) - 1,
            "currentvalue": {"prefix": "day: "},
            "pad": {"t": 10, "l": 80},
            "x": 0.1, "len": 0.9, "y": 1.0, "yanchor": "bottom",
            "steps": steps,
        }
    ]
    layout["updatemenus"] = [
        {
            "type": "buttons", "showactive": False, "x": 0.0, "y": 1.0,
            "xanchor": "left", "yanchor": "bottom", "pad": {"t": 10},
            "buttons": [
                {"label": "▶ play", "method": "animate",
                 "args": [None, {"frame": {"duration": 700, "redraw": True},
                                 "fromcurrent": True, "transition": {"duration": 0}}]},
            ],
        }
    ]
    layout["margin"] = {**layout.get("margin", {}), "t": 210}
    view.summary = (
        # no count of days here: how long the offensive lasted is exercise 1 of lesson 01
        f"A map for each day from {fmt_date(all_days[0])} to "
        f"{fmt_date(last)}: move the slider or press play. " + view.summary
    )
    return view
