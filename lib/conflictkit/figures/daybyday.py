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
    "place",
    "date",
    "side",
    "controller",
    "extent",
    "share",
    "inferred",
    "status",
    "line",
    "text",
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
        for s in (ev.get("date_start"), ev.get("date_end"), _table(art, "control").get("date"), _table(art, "front").get("date"))
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
    where = _str(row.get("reference")) or obj
    return f"within {km} km of {where}" if within else f"{km} km from {where}"


@functools.lru_cache(maxsize=512)
def front_sentence(art: Article, day: object) -> str:
    """“Front: within 15 km of Abu Kamal (reported 5 Nov 2017)” or “no report yet”."""
    fr = front_on(_table(art, "front"), day)
    if fr.empty:
        return "Front: no report of its distance yet."
    r = fr.iloc[-1]
    today = r["date"].normalize() == pd.Timestamp(day).normalize()  # type: ignore[arg-type]
    when = "reported today" if today else f"last reported {fmt_date(r['date'])}"
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


#: The map is drawn at the deck's text size (tools/export raises slide text to 19 px,
#: 18 px once reveal.js scales the slide) and at the deck's figure height, so the figure a
#: teacher projects is the one a student explores, and the exporter has nothing to change.
FONT_PX: t.Final = 19
TITLE_PX: t.Final = 23
HEIGHT: t.Final = 440
#: Sizes used to lay the labels out before plotly.js draws them: a character of the
#: lessons' font at 19 px (Verdana, the widest in the stack, averages about 10 px; its
#: Linux stand-ins about 9) and one line of an annotation (plotly.js: 1.3 × the font size).
CHAR_PX: t.Final = 10.5
LINE_PX: t.Final = 25
#: The map's widest; the place labels and the day's news take the width to its right.
MAX_MAP_PX: t.Final = 300
#: The plot's width the maps are laid out for: JupyterLab's output area on a 1280 px
#: screen with the file browser open is 848 px, 760 inside the margins (a slide's is 1200).
PLOT_PX: t.Final = 760
#: The widest plot the slider is placed for (a slide): its right end, a fraction of the
#: plot's width, stays left of the news column at every narrower width too.
WIDEST_PLOT_PX: t.Final = 1220
GAP_PX: t.Final = 24
#: A longer place name is split over two lines of its label.
LABEL_CHARS: t.Final = 20
WITH_SLIDER: t.Final = {"l": 78, "r": 10, "t": 52, "b": 112}
WITHOUT_SLIDER: t.Final = {"l": 78, "r": 10, "t": 52, "b": 40}
#: How far (px) a label may stand above or below the plot area, into the margins.
LABEL_SLACK_PX: t.Final = 8


def _name_lines(place: str) -> list[str]:
    """``Abu Kamal–Al-Qa'im border crossing`` → ``["Abu Kamal–Al-Qa'im", "border crossing"]``:
    at most two lines, split at the space (or dash) nearest the middle."""
    if len(place) <= LABEL_CHARS:
        return [place]
    cuts = [i for i, ch in enumerate(place) if ch == " " or (ch in "–-" and 0 < i < len(place) - 1)]
    if not cuts:
        return [place]
    cut = min(cuts, key=lambda i: abs(i - len(place) / 2))
    head, tail = place[: cut + (place[cut] != " ")].rstrip(), place[cut + 1 :].lstrip()
    return [head, tail] if head and tail else [place]


@dataclasses.dataclass(frozen=True)
class _Label:
    place: str
    lines: tuple[str, ...]
    lon: float
    lat: float
    ax: float  # the label's offset from its marker, in px (right, down)
    ay: float


@dataclasses.dataclass(frozen=True)
class _Geometry:
    """Axis ranges, the map's size in pixels and each place label's place in the column
    to the right of the map (labels on the map itself would hide each other: the towns
    around a border crossing lie a few pixels apart)."""

    xr: tuple[float, float]
    yr: tuple[float, float]
    map_px: float
    labels: tuple[_Label, ...]
    unlabelled: tuple[str, ...]
    news_x_px: float  # where the column of the day's news starts
    news_chars: int
    news_lines: int


def _geometry(
    mapped: pd.DataFrame,
    margin: t.Mapping[str, int],
    reported: t.Collection[str],
    partial: t.Collection[str],
) -> _Geometry:
    plot_h = HEIGHT - margin["t"] - margin["b"]
    if mapped.empty:
        x0, x1, y0, y1 = 39.5, 42.0, 33.5, 35.5
    else:
        x0, x1 = float(mapped["lon"].min()), float(mapped["lon"].max())
        y0, y1 = float(mapped["lat"].min()), float(mapped["lat"].max())
    pad = max(0.15, 0.12 * max(x1 - x0, y1 - y0))
    x0, x1, y0, y1 = x0 - pad, x1 + pad, y0 - pad, y1 + pad
    squash = math.cos(math.radians((y0 + y1) / 2))  # a degree of longitude is this much shorter
    ppd_y = plot_h / (y1 - y0)
    if (x1 - x0) * ppd_y * squash > MAX_MAP_PX:  # too wide: the width decides the scale
        ppd_y = MAX_MAP_PX / (x1 - x0) / squash
    # the latitude range fills the plot's height exactly, so pixel offsets computed here
    # are the ones plotly.js draws (it narrows the longitude axis to keep the scale)
    mid, half = (y0 + y1) / 2, plot_h / ppd_y / 2
    y0, y1 = mid - half, mid + half
    ppd_x = ppd_y * squash
    map_px = (x1 - x0) * ppd_x
    col_px = map_px + GAP_PX

    # ever reported places first: a place never reported is the first to lose its label
    rows = sorted(mapped.to_dict("records"), key=lambda r: str(r["place"]) not in reported)
    budget = plot_h + 2 * LABEL_SLACK_PX
    placed: list[tuple[dict[t.Hashable, t.Any], list[str]]] = []
    used = 0.0
    unlabelled: list[str] = []
    for r in rows:
        lines = _name_lines(str(r["place"]))
        if used + LINE_PX * len(lines) > budget:
            unlabelled.append(str(r["place"]))
            continue
        used += LINE_PX * len(lines)
        placed.append((r, lines))
    # one column, top to bottom in the order of the markers; pushed apart, kept inside
    placed.sort(key=lambda p: -float(p[0]["lat"]))
    tops: list[float] = []
    floor = float(-LABEL_SLACK_PX)
    for r, lines in placed:
        want = (y1 - float(r["lat"])) * ppd_y - LINE_PX * len(lines) / 2
        tops.append(max(want, floor))
        floor = tops[-1] + LINE_PX * len(lines)
    ceiling = float(plot_h + LABEL_SLACK_PX)
    for i in range(len(placed) - 1, -1, -1):
        tops[i] = min(tops[i], ceiling - LINE_PX * len(placed[i][1]))
        ceiling = tops[i]
    labels = []
    widest = 0
    for (r, lines), top in zip(placed, tops, strict=True):
        lon, lat = float(r["lon"]), float(r["lat"])
        mx, my = (lon - x0) * ppd_x, (y1 - lat) * ppd_y
        labels.append(_Label(str(r["place"]), tuple(lines), lon, lat, col_px - mx, top + LINE_PX * len(lines) / 2 - my))
        # the longest suffix a label gets: " · part" and " · 29 Nov"
        suffix = len(" · part") if str(r["place"]) in partial else 0
        widest = max(widest, max(len(x) for x in lines), len(lines[-1]) + suffix)
    news_x = col_px + widest * CHAR_PX + GAP_PX
    return _Geometry(
        (x0, x1),
        (y0, y1),
        map_px,
        tuple(labels),
        tuple(unlabelled),
        news_x,
        max(20, int((PLOT_PX - news_x) / CHAR_PX)),
        int((plot_h + margin["b"] - 24) / LINE_PX)  # less the block's own padding,
    )


def _near_geography(mapped: pd.DataFrame, reach: float = 1.0) -> bool:
    """Whether the bundled river and border lines belong on this map: some mapped place
    lies within ``reach`` degrees of their extent (an article on Mali gets no Euphrates)."""
    points = [
        (float(x), float(y))
        for _, _, xs, ys in _geography()
        for x, y in zip(xs, ys, strict=True)
        if x is not None and y is not None
    ]
    if mapped.empty or not points:
        return False
    x0, x1 = min(p[0] for p in points) - reach, max(p[0] for p in points) + reach
    y0, y1 = min(p[1] for p in points) - reach, max(p[1] for p in points) + reach
    return bool((mapped["lon"].between(x0, x1) & mapped["lat"].between(y0, y1)).any())


def _mapped_places(art: Article) -> pd.DataFrame:
    """Places with coordinates that are points (no country, river or region)."""
    pl = _table(art, "places")
    if pl.empty or "lat" not in pl or "lon" not in pl:
        return pd.DataFrame(columns=["place", "lat", "lon"])
    kind = pl["kind"] if "kind" in pl else pd.Series("", index=pl.index)
    keep = pl["lat"].notna() & pl["lon"].notna() & ~kind.isin(AREA_KINDS)
    return pl.loc[keep, ["place", "lat", "lon"]].reset_index(drop=True)


def _day_traces(
    art: Article,
    holders: pd.DataFrame,
    day: pd.Timestamp,
    mapped: pd.DataFrame,
    names: dict[int, str],
) -> list[dict[str, t.Any]]:
    """One marker trace per mapped place (same order on every day, so frames line up)."""
    by_place = {str(r["place"]): r for r in holders.to_dict("records")}
    traces = []
    for p in mapped.to_dict("records"):
        place = str(p["place"])
        r = by_place.get(place)
        if r is None:
            colour, symbol, status = "#777777", "circle-open", UNKNOWN
            hover = f"<b>{esc(place)}</b>: no report of who holds it by {fmt_date(day)}"
        else:
            holder = _holder(art, r, names)
            part = _extent(r)
            status = _str(r["status"])
            colour = _colour(art, r["side"], _str(r["controller"]), names)
            symbol = "circle-open-dot" if part else "circle"
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
                "mode": "markers",
                "name": esc(place),
                "showlegend": False,
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


def _label_text(label: _Label, r: t.Mapping[t.Hashable, t.Any] | None) -> str:
    """``Abu Kamal · part``: the name, then what the day's table says of it (holder: the
    marker's colour; bold: reported that day; ``?``: no report yet). The date of a last
    report is left to the hover, the lesson's holders table and the text alternative:
    in JupyterLab's 760 px the labels keep to names so that the news has room."""
    lines = [esc(x) for x in label.lines]
    if r is None:
        lines[-1] += " ?"
    else:
        if _extent(r):
            lines[-1] += " · part"
        if _str(r["status"]) == KNOWN:
            lines = [f"<b>{x}</b>" for x in lines]
    return "<br>".join(lines)


def _label_notes(geo: _Geometry, holders: pd.DataFrame) -> list[dict[str, t.Any]]:
    by_place = {str(r["place"]): r for r in holders.to_dict("records")}
    return [
        {
            "x": lab.lon,
            "y": lab.lat,
            "xref": "x",
            "yref": "y",
            "ax": lab.ax,
            "ay": lab.ay,
            "axref": "pixel",
            "ayref": "pixel",
            "text": _label_text(lab, by_place.get(lab.place)),
            "showarrow": True,
            "arrowhead": 0,
            "arrowwidth": 1,
            "arrowcolor": "#999999",
            "standoff": 8,
            "xanchor": "left",
            "yanchor": "middle",
            "align": "left",
            "font": {"size": FONT_PX, "color": "#222222" if lab.place in by_place else "#666666"},
        }
        for lab in geo.labels
    ]


def _wrapped(html_items: list[tuple[str, int]], width: int, sep: str = "  ") -> list[str]:
    """Join (html, visible length) items into lines of at most ``width`` visible characters."""
    lines: list[str] = []
    used = 0
    for html, n in html_items:
        if lines and used + len(sep) + n <= width:
            lines[-1] += sep + html
            used += len(sep) + n
        else:
            lines.append(html)
            used = n
    return lines


def _key_lines(keys: tuple[tuple[str, str], ...], width: int, lines: bool = True) -> list[str]:
    """The map's key, in the news column: holder colours (one a line, a long name wrapped)
    and the river and border lines. The statuses (that day, earlier, part, none) are told
    in the lesson right above the map: in 760 px the news needs the room."""
    holders = [
        f'<span style="color:{c}">●</span> ' + wrap(n, width - 2).replace("<br>", "<br>   ") for n, c in keys
    ]
    geo = []
    for name, kind, _, _ in _geography() if lines else []:
        river = kind == "river" or "river" in name.lower()
        mark = "━" if river else "┅"
        geo.append((f'<span style="color:{palette.RIVER if river else palette.BORDER}">{mark}</span> {esc(name)}',
                    2 + len(name)))  # fmt: skip
    return [*holders, *_wrapped(geo, width)]


def _news_lines(
    art: Article, day: pd.Timestamp, events: pd.DataFrame, off: list[str], width: int, room: int, listed: bool = True
) -> list[str]:
    """The front, the day's events (``listed``: as many as fit, then how many more; else
    only how many), then the reported places not on the map if there is room: at most
    ``room`` lines of ``width`` characters."""
    lines = [wrap(front_sentence(art, day), width)]
    n = len(events)
    if not listed:
        lines.append(wrap(f"{n or 'No'} event{'s' if n != 1 else ''} dated {fmt_date(day)}", width))
    else:
        head = f"Events on {fmt_date(day)}" + (f" ({n})" if n > 1 else "" if n else ": none dated")
        lines.append(f"<b>{wrap(head, width)}</b>")
    off_text = wrap("Not on the map: " + "; ".join(off), width) if off else ""
    off_short = wrap(f"{len(off)} reported place{'s' if len(off) > 1 else ''} not on the map", width) if off else ""
    more = wrap(f"… and {n} more: see the timeline", width)
    used = sum(x.count("<br>") + 1 for x in lines) + (off_short.count("<br>") + 1 if off else 0)
    shown = 0
    for e in events.to_dict("records") if listed else []:
        item = "• " + wrap(_str(e.get("text")), width - 2).replace("<br>", "<br>  ")
        need = item.count("<br>") + 1 + (more.count("<br>") + 1 if shown + 1 < n else 0)
        if used + need > room:
            break
        lines.append(item)
        used += item.count("<br>") + 1
        shown += 1
    if listed and shown < n:
        lines.append(wrap(f"… and {n - shown} more: see the timeline", width))
        used += lines[-1].count("<br>") + 1
    if off:
        used -= off_short.count("<br>") + 1
        lines.append(off_text if used + off_text.count("<br>") + 1 <= room else off_short)
    return lines


def _unmapped(art: Article, holders: pd.DataFrame, mapped: pd.DataFrame, names: dict[int, str]) -> list[str]:
    off = holders[~holders["place"].isin(set(mapped["place"]))]
    out = []
    for r in off.to_dict("records"):
        when = "today" if r["status"] == KNOWN else f"last reported {r['date']:%-d %b}"
        part = _extent(r)
        out.append(f"{r['place']}: {_holder(art, r, names)}{' · ' + part if part else ''} ({when})")
    return out


def _title(art: Article, day: pd.Timestamp, holders: pd.DataFrame) -> str:
    known = int((holders["status"] == KNOWN).sum()) if not holders.empty else 0
    return f"Who held what on {fmt_date(day)}: last reported holders ({known} reported that day)"


def _holder_keys(art: Article, names: dict[int, str]) -> tuple[tuple[str, str], ...]:
    """(name, colour) per holder the control table ever names (the same on every day)."""
    ctl = _table(art, "control")
    seen: dict[str, str] = {}
    for r in ctl.to_dict("records"):
        r.setdefault("controller", "")
        seen.setdefault(_holder(art, r, names), _colour(art, r.get("side"), _str(r["controller"]), names))
    return tuple(seen.items())


def _frame_layout(art: Article, st: _Static, day: pd.Timestamp, holders: pd.DataFrame) -> dict[str, t.Any]:
    geo = st.geometry
    events = events_on(_table(art, "events"), day)
    off = _unmapped(art, holders, st.mapped, st.names)
    news = _news_lines(art, day, events, off, geo.news_chars, geo.news_lines - len(st.key), st.walk)
    return {
        "title": {"text": _title(art, day, holders)},
        "annotations": [
            *_label_notes(geo, holders),
            {
                "text": "<br>".join([*st.key, *news]),
                "xref": "x",
                "yref": "paper",
                "x": geo.xr[0],
                "y": 1.0,
                "xshift": geo.news_x_px,
                "xanchor": "left",
                "yanchor": "top",
                "align": "left",
                "showarrow": False,
                "font": {"size": FONT_PX},
            },
        ],
    }


def _base_layout(geo: _Geometry, margin: t.Mapping[str, int]) -> dict[str, t.Any]:
    plot_h = HEIGHT - margin["t"] - margin["b"]
    # _layout gives both axes the project's AXIS; a map's axes add to it: no automargin
    # (the labels' pixel offsets assume these margins), a domain narrowed to the scale
    axis = {"automargin": False, "constrain": "domain", "tickfont": {"size": FONT_PX}}
    layout = _layout(
        "",
        "",
        "",
        xaxis={
            **axis,
            "range": list(geo.xr),
            "constraintoward": "left",
            "ticksuffix": "°E",
            "nticks": max(2, int(geo.map_px / 110)),
        },
        yaxis={
            **axis,
            "range": list(geo.yr),
            "scaleanchor": "x",
            "scaleratio": 1 / math.cos(math.radians(sum(geo.yr) / 2)),
            "ticksuffix": "°N",
            "nticks": max(2, int(plot_h / 60)),
        },
        height=HEIGHT,
        margin=dict(margin),
        showlegend=False,
        font={"family": palette.FONT, "size": FONT_PX},
        hoverlabel={"align": "left", "bgcolor": "white", "font": {"size": 14}},
    )
    layout["title"]["font"] = {"size": TITLE_PX}
    return layout


@dataclasses.dataclass(frozen=True)
class _Static:
    """What does not change from one day to the next (the widget redraws in ≤ 30 ms)."""

    days: list[pd.Timestamp]
    names: dict[int, str]
    mapped: pd.DataFrame
    margin: dict[str, int]
    geometry: _Geometry
    layout: dict[str, t.Any]
    key: tuple[str, ...]
    walk: bool  # the walk lists the day's events; the one-day map leaves them to the lesson
    lines: tuple[dict[str, t.Any], ...]  # the river and border, if the places are near them


@functools.lru_cache(maxsize=8)
def _static(art: Article, slider: bool = False) -> _Static:
    names = side_names(art)
    mapped = _mapped_places(art)
    control = _table(art, "control")
    reported = set(control["place"]) if "place" in control else set()
    partial = (set(control.loc[control["extent"] == "partial", "place"])
               if {"place", "extent"} <= set(control.columns) else set())  # fmt: skip
    margin = dict(WITH_SLIDER if slider else WITHOUT_SLIDER)
    geo = _geometry(mapped, margin, reported, partial)
    lines = _near_geography(mapped)
    key = tuple(_key_lines(_holder_keys(art, names), geo.news_chars, lines=lines))
    layout = _base_layout(geo, margin)
    return _Static(days(art), names, mapped, margin, geo, layout, key, slider, _geo_traces() if lines else ())


def day_map(art: Article, holders: pd.DataFrame | None = None, day: object = None) -> View:
    """The map on one day, drawn from ``holders`` (default: ``last_reported(art.control, day)``)."""
    return _one_day(art, _static(art), holders, day)


def _one_day(art: Article, st: _Static, holders: pd.DataFrame | None, day: object) -> View:
    if not st.days:
        return notice("Day by day", "The article gives no dates.")
    d = pd.Timestamp(day).normalize() if day is not None else st.days[-1]  # type: ignore[arg-type]
    if holders is None:
        holders = last_reported(_table(art, "control"), d)
    holders = _as_holders(holders, d)
    layout = copy.deepcopy(st.layout)
    traces = [*st.lines, *_day_traces(art, holders, d, st.mapped, st.names)]
    frame = _frame_layout(art, st, d, holders)
    layout["title"] = {**layout["title"], **frame["title"]}
    layout["annotations"] = frame["annotations"]
    return View(_figure(traces, layout), summary_for(art, holders, d), title="day by day",
                alt=f"Map on {fmt_date(d)} of each place's last reported holder (the dot's colour), names in a column beside the map, with the front and the day's news")


def _as_holders(table: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """Accept the lesson's ``groupby("place").last()`` (place as index, no status) too."""
    if "place" not in table.columns:
        table = table.reset_index()
    if "status" not in table.columns:
        table = table.assign(status=[KNOWN if pd.Timestamp(x).normalize() == day else LAST_REPORTED for x in table["date"]])
    for col, default in (
        ("side", pd.NA),
        ("controller", ""),
        ("extent", "full"),
        ("share", float("nan")),
        ("inferred", False),
        ("line", pd.NA),
        ("text", ""),
    ):
        if col not in table.columns:
            table = table.assign(**{col: default})  # type: ignore[arg-type]  # pandas-stubs
    return table


def _part_words(r: t.Mapping[t.Any, t.Any]) -> str:
    part = _extent(r)
    return f", {part}" if part else ""


def summary_for(art: Article, holders: pd.DataFrame, day: pd.Timestamp, lead: str = "On") -> str:
    """“On 10 Nov 2017, 7 places have a reported holder, none reported that day. Last
    reports: Abu Kamal (Islamic State, 9 Nov 2017), … Front: …” (the map's text alternative)."""
    names = _static(art).names
    known = holders[holders["status"] == KNOWN]
    older = holders[holders["status"] == LAST_REPORTED]
    if holders.empty:
        words = f"{lead} {fmt_date(day)}, no place has a reported holder yet."
    else:
        today = f"{len(known)} of them" if len(known) else "none"
        words = f"{lead} {fmt_date(day)}, {len(holders)} places have a reported holder, {today} reported that day."
        if not known.empty:
            words += (
                " Reported that day: "
                + ", ".join(f"{r['place']} ({_holder(art, r, names)}{_part_words(r)})" for r in known.to_dict("records"))
                + "."
            )
        if not older.empty:
            words += (
                " Last reports from earlier days: "
                + ", ".join(
                    f"{r['place']} ({_holder(art, r, names)}{_part_words(r)}, {fmt_date(r['date'])})"
                    for r in older.to_dict("records")
                )
                + "."
            )
    return words + " " + front_sentence(art, day)


def day_by_day(art: Article) -> View:
    """The day map for every day, with a plotly slider and a play button (no kernel needed).

    It opens on the first day, so that play walks through the whole offensive."""
    st = _static(art, slider=True)
    all_days = st.days
    if not all_days:
        return notice("Day by day", "The article gives no dates.")
    control = _table(art, "control")
    first = len(st.lines)
    place_ids = list(range(first, first + len(st.mapped)))
    frames, steps = [], []
    for d in all_days:
        h = last_reported(control, d)
        name = f"{d:%Y-%m-%d}"
        frames.append(
            {
                "name": name,
                "data": _day_traces(art, h, d, st.mapped, st.names),
                "traces": place_ids,
                "layout": _frame_layout(art, st, d, h),
            }
        )
        steps.append(
            {
                "method": "animate",
                "label": f"{d.day} {d:%b}",
                "args": [[name], {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}],
            }
        )
    view = _one_day(art, st, None, all_days[0])
    spec = view.spec
    assert spec is not None
    spec["frames"] = frames
    layout = spec["layout"]
    # under the map and its labels, left of the news column (fractions of the plot's width)
    # (the last step's label stands out past the slider's end by half its width)
    right = min(0.6, (st.geometry.news_x_px - GAP_PX - 3 * CHAR_PX * 2) / WIDEST_PLOT_PX)
    layout["sliders"] = [
        {
            "active": 0,
            "currentvalue": {"visible": False},  # the title names the day
            "pad": {"t": 40, "b": 0},
            "x": 110 / PLOT_PX,
            "len": max(0.1, right - 110 / PLOT_PX),
            "y": 0.0,
            "yanchor": "top",
            "font": {"size": FONT_PX},
            "steps": steps,
        }
    ]
    layout["updatemenus"] = [
        {
            "type": "buttons",
            "showactive": False,
            "x": 0.0,
            "y": 0.0,
            "xanchor": "left",
            "yanchor": "top",
            "pad": {"t": 44},
            "font": {"size": FONT_PX},
            "buttons": [
                {
                    "label": "▶ play",
                    "method": "animate",
                    "args": [
                        None,
                        {"frame": {"duration": 900, "redraw": True}, "fromcurrent": True, "transition": {"duration": 0}},
                    ],
                },
            ],
        }
    ]
    view.alt = (
        f"Map with a slider and a play button, one day at a time from {fmt_date(all_days[0])} to "
        f"{fmt_date(all_days[-1])}: each place's last reported holder (the dot's colour), the front "
        "and the day's events"
    )
    view.summary = (
        # no count of days here: how long the offensive lasted is exercise 1 of lesson 01
        f"A map for each day from {fmt_date(all_days[0])} to {fmt_date(all_days[-1])}: "
        "move the slider or press play. "
        + summary_for(art, h, all_days[-1], "On the last day,")  # h: the last frame's holders
    )
    return view
