"""Lesson 01: phases, the timeline, the front, changes of hands and the map of places."""

from __future__ import annotations

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
    data_and_article,
    esc,
    fmt_date,
    fmt_interval,
    fmt_span,
    notice,
    objective,
    sentence_for,
    side_label,
    side_names,
    source_hover,
    wrap,
)


def _phases_table(ev: pd.DataFrame) -> pd.DataFrame:
    if ev.empty:
        return pd.DataFrame(columns=["phase", "start", "end", "events"])
    ev = ev.assign(
        end=ev["date_end"].fillna(ev["date_start"]), phase=ev["phase"].replace("", "(no heading)")
    )
    g = ev.groupby("phase", sort=False).agg(
        start=("date_start", "min"), end=("end", "max"), events=("event_id", "count")
    )
    return g.reset_index().sort_values("start", kind="stable").reset_index(drop=True)


def phases(data: pd.DataFrame | Article, art: Article | None = None) -> View:
    """The phases of the offensive (section headings) as bars from the first to the last
    of the events ``data`` (``art.events`` or a selection of it)."""
    ev, art = data_and_article(data, art, "events", "phases")
    ph = _phases_table(ev)
    if ph.empty:
        return notice("Phases")
    traces = []
    for i, r in ph.iterrows():
        hover = (
            f"<b>{esc(r['phase'])}</b><br>{fmt_span(r['start'], r['end'])}"
            f"<br>{r['events']} dated events"
        )
        traces.append(
            {
                "type": "scatter",
                "x": [r["start"], r["end"]],
                "y": [esc(r["phase"])] * 2,
                "mode": "lines+markers",
                "line": {"width": 16, "color": palette.CLAIMANT_COLOURS[int(i) % 3]},  # type: ignore[call-overload]  # pandas-stubs/IPython typing
                "marker": {"size": 8, "color": "black", "symbol": "line-ns-open"},
                "hovertext": [hover, hover],
                "hoverinfo": "text",
                "showlegend": False,
            }
        )
    layout = _layout(
        f"Phases of the {esc(getattr(art, 'title', ''))}",
        "date",
        "phase (section of the article)",
        yaxis={"autorange": "reversed", "type": "category"},
        height=120 + 50 * len(ph),
    )
    first, last = ph.iloc[0], ph.iloc[-1]
    summary = (
        f"The article tells the offensive in {len(ph)} phases, from “{first['phase']}” "
        f"({fmt_date(first['start'])}) to “{last['phase']}” (ending {fmt_date(last['end'])})."
    )
    return View(_figure(traces, layout), summary, title="phases",
                alt="Bar chart of the article's phases (its section headings) on a time axis")


def _event_side(value: object) -> int | None:
    parts = [p.strip() for p in _str(value).split(";") if p.strip()]
    return _int(parts[0]) if len(parts) == 1 else None


def timeline(data: pd.DataFrame | Article, art: Article | None = None) -> View:
    """The dated events ``data`` (``art.events`` or a selection) on a time axis, one row
    per phase; spans drawn as bars."""
    ev, art = data_and_article(data, art, "events", "timeline")
    if ev.empty:
        return notice("Dated events")
    names = side_names(art)
    ev = ev.assign(
        _side=[_event_side(v) for v in ev.get("sides", pd.Series([""] * len(ev)))],  # type: ignore[misc]  # pandas-stubs/IPython typing
        _phase=[esc(p or "(no heading)") for p in ev["phase"]],
    )
    # phases as numbered rows; events of one day in one phase stack downwards within the
    # row (0.16 apart) so that none hides another
    order = list(dict.fromkeys(ev.sort_values("date_start", kind="stable")["_phase"]))
    row = ev["_phase"].map({p: i for i, p in enumerate(order)}).astype(float)
    nth = ev.groupby([ev["_phase"], ev["date_start"].dt.normalize()]).cumcount()
    size = ev.groupby([ev["_phase"], ev["date_start"].dt.normalize()])["event_id"].transform("count")
    ev = ev.assign(_y=row + (nth - (size - 1) / 2) * min(0.16, 0.8 / max(int(size.max()), 1)))
    traces: list[dict[str, t.Any]] = []
    spans = ev[ev["date_end"].notna() & (ev["date_end"] > ev["date_start"])]
    if not spans.empty:
        xs: list[t.Any] = []
        ys: list[t.Any] = []
        for _, r in spans.iterrows():
            xs += [r["date_start"], r["date_end"], None]
            ys += [r["_y"], r["_y"], None]
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "line": {"width": 8, "color": "rgba(0,0,0,0.18)"},
                "name": "span of days",
                "hoverinfo": "skip",
            }
        )
    for side, grp in ev.groupby(ev["_side"].astype("Int64"), dropna=False, sort=True):
        s = _int(side)
        hover = [
            f"<b>{fmt_span(r['date_start'], r['date_end'])}</b>"
            + (f" ({esc(r['time_of_day'])})" if _str(r.get("time_of_day")) else "")
            + f"<br>{wrap(r['text'])}<br>{source_hover(art, r['line'], r.get('start'), r['text'])}"
            for _, r in grp.iterrows()
        ]
        traces.append(
            {
                "type": "scatter",
                "x": list(grp["date_start"]),
                "y": [float(y) for y in grp["_y"]],
                "mode": "markers",
                "name": esc(side_label(art, s, names)),
                "marker": {
                    "size": 11,
                    "color": palette.side_colour(s),
                    "symbol": palette.side_symbol(s),
                    "line": {"width": 1, "color": "white"},
                },
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
    layout = _layout(
        f"Dated events of the {esc(getattr(art, 'title', ''))}",
        "date (day reported in the article)",
        "phase",
        yaxis={
            "autorange": "reversed",
            "type": "linear",
            "tickmode": "array",
            "tickvals": list(range(len(order))),
            "ticktext": order,
            "showgrid": False,
            "zeroline": False,
        },
        height=200 + 110 * len(order),
    )
    busiest = ev["date_start"].dt.normalize().value_counts()
    summary = (
        f"{len(ev)} dated events from {fmt_date(ev['date_start'].min())} to "
        f"{fmt_date(ev['date_end'].fillna(ev['date_start']).max())}; the busiest day is "
        f"{fmt_date(busiest.index[0])} with {int(busiest.iloc[0])} events."
    )
    return View(_figure(traces, layout), summary, title="timeline",
                alt="Dot chart of the dated events on a time axis, one row per phase")


def front_distance(data: pd.DataFrame | Article, art: Article | None = None) -> View:
    """Reported distances ``data`` (``art.front`` or a selection) from the front to the
    objective; ranges drawn as vertical bars."""
    fr, art = data_and_article(data, art, "front", "front_distance")
    obj = objective(art)
    if fr.empty:
        return notice(f"Distances to {obj}")
    fr = fr.sort_values("date", kind="stable").reset_index(drop=True)
    hi = fr["km_high"].fillna(fr["km_low"])
    # "within 40 km" says no further than 40 km: a range from the town out to 40 km
    within = fr.get("relation", pd.Series([""] * len(fr))).isin(["within", "under", "less than"])
    lo = fr["km_low"].where(~within, 0.0).fillna(0.0)
    colour = palette.side_colour(1)
    points = fr[(lo == hi)]
    ranges = fr[(lo != hi)]
    traces: list[dict[str, t.Any]] = []

    def hover(r: pd.Series) -> str:
        rel = _str(r.get("relation"))
        return (
            f"<b>{fmt_date(r['date'])}</b>: {esc(rel)} "
            f"{fmt_interval(lo[r.name], hi[r.name], False)} km"  # type: ignore[call-overload]  # pandas-stubs/IPython typing
            f"<br>{wrap(r['text'])}<br>{source_hover(art, r['line'], None, r['text'])}"
        )

    if not ranges.empty:
        xs: list[t.Any] = []
        ys: list[t.Any] = []
        hv: list[t.Any] = []
        for i, r in ranges.iterrows():
            h = hover(r)
            xs += [r["date"], r["date"], None]
            ys += [lo[i], hi[i], None]  # type: ignore[call-overload]  # pandas-stubs/IPython typing
            hv += [h, h, None]
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines+markers",
                "name": "reported as a range (e.g. “within 40 km”)",
                "line": {"width": 10, "color": "rgba(0,114,178,0.35)"},
                "marker": {
                    "symbol": "line-ew-open",
                    "size": 16,
                    "color": colour,
                    "line": {"width": 2},
                },
                "hovertext": hv,
                "hoverinfo": "text",
            }
        )
    if not points.empty:
        traces.append(
            {
                "type": "scatter",
                "x": list(points["date"]),
                "y": [lo[i] for i in points.index],
                "mode": "markers",
                "name": "reported as one distance",
                "marker": {"size": 11, "color": colour, "symbol": "circle"},
                "hovertext": [hover(r) for _, r in points.iterrows()],
                "hoverinfo": "text",
            }
        )
    shapes, notes = [], []
    control = _table(art, "control")
    if not control.empty:
        changes = control[control["place"] == obj].sort_values("date", kind="stable")
        dates = pd.concat([fr["date"], changes["date"]]).dropna()
        span = max((dates.max() - dates.min()).days, 1) if len(dates) else 1
        previous: tuple[pd.Timestamp, float] | None = None
        for _, c in changes.iterrows():
            # two changes a day or two apart would write their labels over each other:
            # the second goes lower down its line
            level = 1.0
            if previous is not None and abs((c["date"] - previous[0]).days) <= 0.04 * span:
                level = 0.55 if previous[1] == 1.0 else 1.0
            previous = (c["date"], level)
            shapes.append(
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "paper",
                    "x0": c["date"],
                    "x1": c["date"],
                    "y0": 0,
                    "y1": 1,
                    "line": {"dash": "dot", "width": 1.5, "color": palette.side_colour(c["side"])},
                }
            )
            notes.append(
                {
                    "x": c["date"],
                    "xref": "x",
                    "y": level,
                    "yref": "paper",
                    "text": esc(_str(c.get("change")) or "changes hands"),
                    "showarrow": False,
                    "textangle": -90,
                    "xanchor": "right",
                    "yanchor": "top",
                    "font": {"size": 10, "color": palette.side_colour(c["side"])},
                }
            )
    layout = _layout(
        f"Distance from the front to {esc(obj)}",
        "date",
        f"distance to {esc(obj)} (km)",
        yaxis={"rangemode": "tozero"},
        shapes=shapes,
        annotations=notes,
    )
    first, last = fr.iloc[0], fr.iloc[-1]
    nearest = hi.idxmin()
    summary = (
        f"{len(fr)} reports of the distance to {obj}: "
        f"{fmt_interval(lo[0], hi[0], False)} km on {fmt_date(first['date'])}, "
        f"{fmt_interval(lo[len(fr) - 1], hi[len(fr) - 1], False)} km on {fmt_date(last['date'])}; "
        f"the closest is {fmt_interval(lo[nearest], hi[nearest], False)} km on "  # type: ignore[call-overload]  # pandas-stubs/IPython typing
        f"{fmt_date(fr.loc[nearest, 'date'])}; "  # type: ignore[index]  # pandas-stubs/IPython typing
        f"{len(ranges)} of them are ranges, not single numbers."
    )
    return View(_figure(traces, layout), summary, title="front distance",
                alt="Line chart of the front's reported distance in km by date; a range is a vertical bar")


def holders(art: Article, place: str | None = None) -> pd.DataFrame:
    """Periods of control of ``place`` (default: the objective): side, start, end, inferred.

    Before the first reported change the holder is inferred as the side it was taken
    from when the article has exactly two combatant sides; ``inferred`` marks that row.
    ``end`` is exclusive (the day of the next change, or the day after the article ends).
    """
    control = _table(art, "control")
    place = place or objective(art)
    cols = [
        "place", "side", "controller", "start", "end", "inferred", "line", "text", "extent", "share",
    ]
    if control.empty:
        return pd.DataFrame(columns=cols)
    c = control[control["place"] == place].sort_values("date", kind="stable")
    if c.empty:
        return pd.DataFrame(columns=cols)
    end_of_article = getattr(art, "date_end", pd.NaT)
    last = c["date"].max()
    stop = (
        end_of_article if pd.notna(end_of_article) and end_of_article >= last else last
    ) + pd.Timedelta(days=1)
    rows = []
    combatants = sorted(side_names(art))
    combatants = [
        s
        for s in combatants
        if not _table(art, "sides").empty
        and s in set(_table(art, "sides")["side"].dropna().astype(int))
    ] or combatants
    first_side = _int(c["side"].iloc[0])
    begin = getattr(art, "date_start", pd.NaT)
    others = [s for s in combatants if s != first_side]
    meta = getattr(art, "meta", {}) or {}
    initial = _int(meta.get("initial_holder")) if place == objective(art) else None
    if initial is not None:
        others = [initial]
    elif place != objective(art):
        others = []  # infer the first holder only for the objective, which the text follows
    if pd.notna(begin) and begin < c["date"].iloc[0] and len(others) == 1:
        rows.append(
            {
                "place": place,
                "side": others[0],
                "controller": side_label(art, others[0]),
                "start": begin,
                "end": c["date"].iloc[0],
                "inferred": True,
                "line": pd.NA,
                "text": "(before the first reported change; inferred)",
                "extent": "full",
                "share": float("nan"),
            }
        )
    dates = list(c["date"]) + [stop]
    for i, (_, r) in enumerate(c.iterrows()):
        rows.append(
            {
                "place": place,
                "side": _int(r["side"]),
                "controller": _str(r.get("controller")),
                "start": r["date"],
                "end": dates[i + 1],
                "inferred": False,
                "line": r["line"],
                "text": _str(r["text"]),
                "extent": _str(r.get("extent")) or "full",
                "share": r.get("share", float("nan")),
            }
        )
    out = pd.DataFrame(rows, columns=cols)
    # a report followed by another on the same day ("captured ... Late that day, IS
    # recaptured 40 percent") lasts no whole day but is still a reported change: keep it
    out = out[(out["end"] > out["start"]) | ~out["inferred"].astype(bool)].reset_index(drop=True)
    return out


def holder_on(art: Article, day: object, place: str | None = None) -> int | None:
    """The side holding ``place`` on ``day`` (None when the article does not say)."""
    h = holders(art, place)
    d = pd.Timestamp(day)  # type: ignore[arg-type]
    # the holder of the whole place: the last full change on or before the day (a partial
    # gain, "recaptured 40 percent of", does not change who holds the whole)
    full = h[(h["extent"] != "partial") & (h["start"] <= d)]
    if full.empty or not (h["end"] > d).any():
        return None
    return _int(full["side"].iloc[-1])


def control(data: pd.DataFrame | Article, art: Article | None = None) -> View:
    """Who held each contested place: known on the day of a report, last reported after it.

    A report is drawn as a solid one-day bar (the holder is *known* that day); the days
    after it until the next report are pale and dotted (*last reported*, not confirmed
    since); before the first report nothing is drawn (*unknown*) unless the holder is
    inferred (hatched). Partial control (``extent`` partial) is cross-hatched.
    """
    from .daybyday import NO_SIDE_COLOURS

    ctl, art = data_and_article(data, art, "control", "control")
    if ctl.empty:
        return notice("Changes of hands")
    obj = objective(art)
    places = [obj] if obj in set(ctl["place"]) else []
    places += [p for p in dict.fromkeys(ctl["place"]) if p != obj]
    names = side_names(art)
    traces: list[dict[str, t.Any]] = []
    day = pd.Timedelta(days=1)

    def bar(place: str, start: t.Any, end: t.Any, colour: str, name: str, group: str,
            pattern: str, opacity: float, text: str, hover: str) -> None:
        days = (end - start).days
        if days <= 0:
            return
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "base": [start.isoformat()],
                "x": [days * 86_400_000],
                "y": [esc(place)],
                "name": name,
                "legendgroup": group,
                "showlegend": False,  # keys below: one per holder, one per status
                "marker": {
                    "color": colour,
                    "opacity": opacity,
                    "pattern": {"shape": pattern},
                    "line": {"color": "white", "width": 1},
                },
                "text": [text],
                "textposition": "inside",
                "insidetextanchor": "start",
                "textfont": {"color": "#222222", "size": 11},
                "hovertext": [hover],
                "hoverinfo": "text",
            }
        )

    for place in places:
        h = holders(art, place)
        for r in h.to_dict("records"):
            s = _int(r["side"])
            label = esc(side_label(art, s, names) if s is not None else r["controller"])
            colour = (
                palette.side_colour(s)
                if s is not None
                else NO_SIDE_COLOURS[sum(map(ord, _str(r["controller"]))) % len(NO_SIDE_COLOURS)]
            )
            partial = _str(r.get("extent")) == "partial"
            share = r.get("share")
            part = (
                f"part ({float(share):.0%})" if partial and share is not None and pd.notna(share)
                else "part" if partial else ""
            )
            if r["inferred"]:
                hover = (
                    f"<b>{esc(place)}</b>: {label} (inferred)<br>from {fmt_date(r['start'])} "
                    "to the first report<br>inferred: the article does not report it"
                )
                bar(place, r["start"], r["end"], colour, label + " (inferred)", label, "/", 0.45,
                    "", hover)
                continue
            src = source_hover(art, r["line"], None, r["text"])
            known = (
                f"<b>{esc(place)}</b>: {label}{' holds ' + part if part else ''}<br>"
                f"reported on {fmt_date(r['start'])} (known that day)<br>{src}"
            )
            bar(place, r["start"], r["start"] + day, colour, label, label,
                "x" if partial else "", 1.0, "", known)
            later = r["end"] - r["start"] - day
            rest = (
                f"<b>{esc(place)}</b>: last reported {label}{' holding ' + part if part else ''} "
                f"on {fmt_date(r['start'])}<br>no report for the next {later.days} "
                f"day{'s' if later.days != 1 else ''}: not confirmed since<br>{src}"
            )
            bar(place, r["start"] + day, r["end"], colour, label, label,
                "x" if partial else ".", 0.35,
                f"last reported {r['start'].day} {r['start']:%b}" + (f" · {part}" if part else ""),
                rest)
    # legend keys: one per holder (its colour), then the statuses (no data)
    for name, colour in dict.fromkeys(
        (tr["legendgroup"], tr["marker"]["color"]) for tr in traces
    ):
        traces.append(
            {
                "type": "bar", "orientation": "h", "x": [None], "y": [None], "name": name,
                "legendgroup": name, "marker": {"color": colour}, "hoverinfo": "skip",
            }
        )
    for name, pattern, opacity in (
        ("known (reported that day)", "", 1.0),
        ("last reported (not confirmed since)", ".", 0.35),
        ("partial control", "x", 1.0),
    ):
        traces.append(
            {
                "type": "bar", "orientation": "h", "x": [None], "y": [None], "name": name,
                "marker": {"color": "#444444", "opacity": opacity, "pattern": {"shape": pattern}},
                "hoverinfo": "skip",
            }
        )
    layout = _layout(
        f"Who held {esc(obj)} (and other places): known, last reported, no report",
        "date",
        "",
        xaxis={"type": "date"},
        yaxis={"type": "category", "autorange": "reversed"},
        barmode="overlay",
        height=200 + 60 * len(places),
        # six keys in a row above the plot wrap into the title; a column on the right
        # does not (plotly widens the right margin to fit it)
        legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1.0, "yanchor": "top"},
    )
    h = holders(art, places[0])
    reported = h[~h["inferred"].astype(bool)]
    steps = "; ".join(
        f"{side_label(art, r['side'], names) if _int(r['side']) is not None else r['controller']}"
        f"{' (part)' if _str(r.get('extent')) == 'partial' else ''} on {fmt_date(r['start'])}"
        for r in reported.to_dict("records")
    )
    def n_times(n: int) -> str:
        return {1: "once", 2: "twice", 3: "three times"}.get(n, f"{n} times")

    # a change of hands is a new side after another one (the inferred first holder counts)
    sides = [_int(x) for x in h["side"]]
    changes = sum(1 for a, b in zip(sides, sides[1:], strict=False) if a != b)
    summary = (
        f"{places[0]} changed hands {n_times(changes)}; its holder was reported "
        f"{n_times(len(reported))}: {steps}. Between reports the chart shows the last report, "
        "not a confirmed holder; before the first, nothing."
    )
    return View(_figure(traces, layout), summary, title="control",
                alt="Bar chart of who held each place by date: a solid one-day bar on the day of a report, a pale bar for the last report after it")


def _geography() -> list[tuple[str, str, list[float | None], list[float | None]]]:
    """(feature, kind, lons, lats) per map feature from ``conflictkit.places.load_geography()``;
    the parts of one feature are joined with gaps (None) so the legend names it once."""
    try:
        from conflictkit import places as _places

        geo = _places.load_geography()
    except Exception:  # noqa: BLE001 - the map still works without the background
        return []
    merged: dict[str, tuple[str, list[float | None], list[float | None]]] = {}
    for line in geo:
        name = str(getattr(line, "feature", getattr(line, "name", "line")))
        kind = str(getattr(line, "kind", ""))
        _, lons, lats = merged.setdefault(name, (kind, [], []))
        if lons:
            lons.append(None)
            lats.append(None)
        for lon, lat in getattr(line, "points", ()):
            lons.append(float(lon))
            lats.append(float(lat))
    return [(name, kind, lons, lats) for name, (kind, lons, lats) in merged.items()]


def _place_sentence(art: Article, place: str) -> tuple[object, str]:
    sents = _table(art, "sentences")
    if sents.empty:
        return None, ""
    hit = sents[sents["text"].str.contains(place, regex=False)]
    if hit.empty:
        return None, ""
    return hit["line"].iloc[0], str(hit["text"].iloc[0])


def _label_positions(mapped: pd.DataFrame, near: float = 0.12) -> dict[str, str]:
    """Text positions that keep labels of nearby places apart (a greedy cycle)."""
    cycle = (
        "top center",
        "bottom center",
        "middle right",
        "middle left",
        "top right",
        "bottom left",
    )
    placed: list[tuple[float, float, int]] = []
    out: dict[str, str] = {}
    for _, r in mapped.sort_values("lat", ascending=False).iterrows():
        taken = {k for (x, y, k) in placed if abs(x - r["lon"]) < near and abs(y - r["lat"]) < near}
        k = next((k for k in range(len(cycle)) if k not in taken), 0)
        placed.append((float(r["lon"]), float(r["lat"]), k))
        out[str(r["place"])] = cycle[k]
    return out


AREA_KINDS: t.Final = frozenset({"country", "river", "region", "governorate", "province", "sea"})


def place_map(art: Article) -> View:
    """The places named, on lon/lat axes (no tile server), with a plotly date slider.

    The Euphrates and the border come from ``conflictkit.places.load_geography()``.
    Marker symbol shows the gazetteer's precision; places without coordinates are
    listed under the map as "not mapped". Moving the slider shows only the places the
    article had named up to that day: it works without a kernel (also in slides).
    """
    pl = _table(art, "places")
    if pl.empty:
        return notice("Places")
    lat = pl["lat"] if "lat" in pl else pd.Series([float("nan")] * len(pl))
    lon = pl["lon"] if "lon" in pl else pd.Series([float("nan")] * len(pl))
    kind = pl["kind"] if "kind" in pl else pd.Series([""] * len(pl), index=pl.index)
    area = kind.isin(AREA_KINDS)
    has = lat.notna() & lon.notna()
    mapped = pl[has & ~area].reset_index(drop=True)
    unmapped = [str(p) for p in pl.loc[~has & ~area, "place"]]
    areas = [str(p) for p in pl.loc[area, "place"]]
    obj = objective(art)
    traces: list[dict[str, t.Any]] = []
    if not mapped.empty:
        lat0 = float(mapped["lat"].mean())
        x0, x1 = float(mapped["lon"].min()), float(mapped["lon"].max())
        y0, y1 = float(mapped["lat"].min()), float(mapped["lat"].max())
        pad = max(0.25, 0.15 * max(x1 - x0, y1 - y0))
        xr, yr = [x0 - pad, x1 + pad], [y0 - pad, y1 + pad]
    else:
        lat0, xr, yr = 34.5, [39.5, 42.0], [33.5, 35.5]
    for name, kind, lons, lats in _geography():  # type: ignore[assignment]  # pandas-stubs/IPython typing
        river = kind == "river" or "river" in name.lower()
        traces.append(
            {
                "type": "scatter",
                "x": lons,
                "y": lats,
                "mode": "lines",
                "name": esc(name) + ("" if river or kind in name.lower() else f" ({esc(kind)})"),  # type: ignore[operator]  # pandas-stubs/IPython typing
                "line": {
                    "color": palette.RIVER if river else palette.BORDER,
                    "width": 3 if river else 1.5,
                    "dash": "solid" if river else "dash",
                },
                "hoverinfo": "name",
            }
        )
    n_geo = len(traces)
    label_pos = _label_positions(mapped)
    # one trace per place so the slider can show/hide them by visibility
    for _, r in mapped.iterrows():
        prec = _str(r.get("precision")) or "unknown"
        line, sent = _place_sentence(art, str(r["place"]))
        if "first_line" in r and _int(r["first_line"]) is not None:
            line = r["first_line"]
            sent = sentence_for(art, line, None, r["place"])
        is_obj = str(r["place"]) == obj
        hover = (
            f"<b>{esc(r['place'])}</b>"
            + (" (the objective)" if is_obj else "")
            + f"<br>{r['lat']:.3f}° N, {r['lon']:.3f}° E; precision: {esc(prec)}"
            + f"<br>named {int(r['mentions']) if pd.notna(r.get('mentions')) else '?'} times, "
            + f"first on {fmt_date(r.get('first_date')) or 'an undated line'}"
            + (f"<br>{source_hover(art, line, None, r['place'])}" if sent else "")
        )
        traces.append(
            {
                "type": "scatter",
                "x": [float(r["lon"])],
                "y": [float(r["lat"])],
                "mode": "markers+text",
                "text": [esc(r["place"])],
                "textposition": label_pos[str(r["place"])],
                "name": esc(r["place"]),
                "showlegend": False,
                "marker": {
                    "size": 16 if is_obj else 11,
                    "symbol": "star"
                    if is_obj
                    else palette.PRECISION_SYMBOLS.get(prec, "square-open"),
                    "color": palette.side_colour(2) if is_obj else "black",
                    "line": {"width": 2, "color": "black"},
                },
                "hovertext": [hover],
                "hoverinfo": "text",
            }
        )
    # legend keys for precision (dummy traces, no data)
    for prec, sym in palette.PRECISION_SYMBOLS.items():
        traces.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "name": f"position {prec}",
                "marker": {"symbol": sym, "color": "black", "size": 10, "line": {"width": 2}},
            }
        )
    n_keys = len(palette.PRECISION_SYMBOLS)
    dates = sorted(
        {d for d in mapped.get("first_date", pd.Series(dtype="datetime64[ns]")) if pd.notna(d)}
    )
    steps = []
    for d in dates:
        vis = (
            [True] * n_geo
            + [bool(pd.isna(fd) or fd <= d) for fd in mapped.get("first_date", [])]
            + [True] * n_keys
        )
        known = sum(vis[n_geo : n_geo + len(mapped)])
        steps.append(
            {
                "method": "update",
                "label": f"{d.day} {d:%b}",
                "args": [
                    {"visible": vis},
                    {"title.text": f"Places named up to {fmt_date(d)} ({known})"},
                ],
            }
        )
    if steps:
        steps[-1]["args"][1]["title.text"] = f"Places named in the article ({len(mapped)} mapped)"  # type: ignore[index]  # pandas-stubs/IPython typing
    title = f"Places named in the article ({len(mapped)} mapped)"
    note = (
        "Not mapped (no coordinates in the gazetteer): " + ", ".join(esc(u) for u in unmapped)
        if unmapped
        else "Every place named has coordinates."
    )
    if areas:
        note += "<br>Areas, not points: " + ", ".join(esc(u) for u in areas)
    layout = _layout(
        title,
        "longitude (° E)",
        "latitude (° N)",
        xaxis={"range": xr},
        # equal ground distances: one degree of latitude is 1/cos(lat) degrees of longitude
        yaxis={"range": yr, "scaleanchor": "x", "scaleratio": 1 / math.cos(math.radians(lat0))},
        height=680,
        margin={"b": 140},
        annotations=[
            {
                "text": note,
                "xref": "paper",
                "yref": "paper",
                "x": 0.01,
                "y": 0.99,
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "top",
                "align": "left",
                "bgcolor": "rgba(255,255,255,0.85)",
                "font": {"size": 11},
            }
        ],
    )
    if steps:
        layout["sliders"] = [
            {
                "active": len(steps) - 1,
                "currentvalue": {"prefix": "known up to: "},
                "pad": {"t": 60},
                "y": 0,
                "yanchor": "top",
                "steps": steps,
            }
        ]
    summary = (
        f"{len(pl)} places are named; {len(mapped)} are on the map"
        + (f", {len(unmapped)} not mapped ({', '.join(unmapped)})" if unmapped else "")
        + (f", {len(areas)} are areas, not points ({', '.join(areas)})" if areas else "")
        + (
            f"; the first was named on {fmt_date(dates[0])} "
            f"and the last new one on {fmt_date(dates[-1])}."
            if dates
            else "."
        )
    )
    return View(_figure(traces, layout), summary, title="map",
                alt="Map of the places named in the article, on longitude and latitude axes, with a date slider")
