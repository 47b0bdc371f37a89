"""Lesson 02: order of battle, strengths, commanders and the sides compared."""

from __future__ import annotations

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
    html_table,
    line_text,
    notice,
    side_label,
    side_names,
    source_hover,
    wrap,
)
from .casualties import infobox_losses


def _strength_rows(art: Article, side: int | None = None) -> pd.DataFrame:
    st = _table(art, "strengths")
    if st.empty or side is None:
        return st
    return st[st["side"] == side]


def order_of_battle(art: Article) -> View:
    """The order of battle as a treemap: side → formation → unit, strengths where known."""
    units = _table(art, "units")
    if units.empty:
        return notice("Order of battle")
    names = side_names(art)
    st = _table(art, "strengths")
    ids, labels, parents, colours, hovers = (
        ["all"],
        ["Order of battle"],
        [""],
        ["white"],
        ["all sides"],
    )
    for side, grp in units.groupby("side", sort=True, dropna=False):
        s = _int(side)
        sid = f"side{s}"
        side_st = _strength_rows(art, s)
        unnamed = side_st[side_st["unit"] == ""] if not side_st.empty else side_st
        extra = "".join(
            f"<br>strength: {esc(r['text'])} (line {_int(r['line'])})"
            for _, r in unnamed.iterrows()
        )
        ids.append(sid)
        labels.append(esc(side_label(art, s, names)))
        parents.append("all")
        colours.append(palette.side_colour(s))
        hovers.append(f"<b>{esc(side_label(art, s, names))}</b><br>{len(grp)} units named{extra}")
        known = set(grp["unit"])
        for _, r in grp.iterrows():
            parent = _str(r["parent"])
            uid = f"{sid}/{esc(r['unit'])}"
            hit = st[(st["side"] == s) & (st["unit"] == r["unit"])] if not st.empty else st
            strength = "; ".join(
                fmt_interval(float(x["low"]), float(x["high"]), bool(x["open_upper"]))
                for x in hit.to_dict("records")
            )
            label = esc(r["unit"]) + (f"<br>{strength}" if strength else "")
            if _str(r.get("note")):
                label += f"<br><i>({esc(r['note'])})</i>"
            ids.append(uid)
            labels.append(label)
            parents.append(f"{sid}/{esc(parent)}" if parent in known else sid)
            colours.append(palette.side_colour(s))
            hovers.append(
                f"<b>{esc(r['unit'])}</b>"
                + (f"<br>part of {esc(parent)}" if parent else "")
                + f"<br>strength: {esc(strength) if strength else NOT_REPORTED}"
                + f"<br><i>source, line {_int(r['line'])}:</i> "
                + wrap(line_text(art, r["line"])[:300])
            )
    trace = {
        "type": "treemap",
        "ids": ids,
        "labels": labels,
        "parents": parents,
        "marker": {"colors": colours, "line": {"color": "white", "width": 2}},
        "hovertext": hovers,
        "hoverinfo": "text",
        "textinfo": "label",
        "maxdepth": 4,
        "root": {"color": "white"},
    }
    layout = _layout("Order of battle: side → formation → unit", "", "", height=560)
    layout.pop("xaxis")
    layout.pop("yaxis")
    counts = units.groupby("side").size()
    n_str = int(st["unit"].ne("").sum()) if not st.empty else 0
    summary = (
        "Units named: "
        + ", ".join(f"{side_label(art, s, names)} {int(n)}" for s, n in counts.items())
        + f"; {n_str} of them have a strength in the infobox."
    )
    return View(_figure([trace], layout), summary, title="order of battle")


def _open_arrow(x_end: float, y: object, colour: str, log: bool) -> list[dict[str, t.Any]]:
    """A dashed tail and an arrowhead to the right of ``x_end``: "and possibly more"."""
    x_tip = x_end * (2.0 if log else 1.35)
    return [
        {
            "type": "scatter",
            "x": [x_end, x_tip],
            "y": [y, y],
            "mode": "lines+markers",
            "line": {"color": colour, "width": 3, "dash": "dot"},
            "marker": {"symbol": ["line-ns", "triangle-right"], "size": [0, 14], "color": colour},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    ]


def strengths(art: Article) -> View:
    """Reported strengths as intervals: ``5,000–10,000+`` is a bar with an open arrow."""
    st = _table(art, "strengths")
    if st.empty:
        return notice("Strengths")
    names = side_names(art)
    traces: list[dict[str, t.Any]] = []
    rows = []
    for _, r in st.iterrows():
        s = _int(r["side"])
        what = _str(r.get("subject")) or "whole side"
        rows.append((s, f"{esc(side_label(art, s, names))}<br>{wrap(what, 40)}", r))
    shown: set[int | None] = set()
    for s, y, r in rows:
        colour = palette.side_colour(s)
        lo = float(r["low"])
        hi = float(r["high"]) if pd.notna(r["high"]) else lo
        hover = (
            f"<b>{esc(r['text'])}</b><br>{esc(side_label(art, s, names))}: "
            f"{'at least ' if r['open_upper'] else ''}"
            f"{fmt_interval(lo, hi if hi != lo else float('nan'), bool(r['open_upper']))}"
            f"<br>{source_hover(art, r['line'], r.get('start'), r['text'])}"
        )
        traces.append(
            {
                "type": "scatter",
                "x": [lo, hi] if hi != lo else [lo],
                "y": [y, y] if hi != lo else [y],
                "mode": "lines+markers",
                "line": {"color": colour, "width": 10},
                "marker": {"size": 12, "color": colour, "symbol": palette.side_symbol(s)},
                "name": esc(side_label(art, s, names)),
                "legendgroup": str(s),
                "showlegend": s not in shown,
                "hovertext": [hover] * (2 if hi != lo else 1),
                "hoverinfo": "text",
            }
        )
        shown.add(s)
        if bool(r["open_upper"]):
            traces += _open_arrow(hi, y, colour, log=True)
    layout = _layout(
        "Reported strengths (fighters), as intervals",
        "fighters (log scale; an arrow means “or more”)",
        "",
        xaxis={"type": "log"},
        yaxis={"type": "category", "autorange": "reversed"},
        height=180 + 65 * len(rows),
        margin={"l": 300},
    )
    parts = []
    for s in sorted({s for s, _, _ in rows if s is not None}):
        sub = st[st["side"] == s]
        lo = sub["low"].sum()
        hi = sub["high"].fillna(sub["low"]).sum()
        open_ = bool(sub["open_upper"].any())
        parts.append(
            f"{side_label(art, s, names)} {fmt_interval(lo, hi, open_)} "
            f"(sum of {len(sub)} figure{'s' if len(sub) != 1 else ''})"
        )
    summary = (
        "Reported strengths: " + "; ".join(parts) + "; open-ended figures have no upper bound."
    )
    return View(_figure(traces, layout), summary, title="strengths")


FATES: t.Final = {"KIA": "killed in action", "WIA": "wounded", "POW": "captured"}


def commanders(art: Article) -> View:
    """Commanders with rank, role and fate, as an escaped HTML table."""
    cm = _table(art, "commanders")
    if cm.empty:
        return notice("Commanders")
    names = side_names(art)
    df = (
        pd.DataFrame(
            {
                "side": [side_label(art, s, names) for s in cm["side"]],
                "name": cm["name"],
                "rank": cm.get("rank", ""),
                "role": cm.get("role", ""),
                "fate": [FATES.get(_str(f), _str(f)) for f in cm.get("fate", [""] * len(cm))],
                "note": cm.get("qualifier", ""),
                "line": cm["line"],
            }
        )
        .astype(object)
        .fillna("")
    )
    killed = int((cm.get("fate", pd.Series([""] * len(cm))) == "KIA").sum())
    per = cm.groupby("side").size()
    summary = (
        f"{len(cm)} commanders are named ("
        + ", ".join(f"{int(n)} for {side_label(art, s, names)}" for s, n in per.items())
        + f"); {killed} are reported killed in action."
    )
    return View(
        None, summary, html_table(df, "Commanders named in the infobox", summary), "commanders"
    )


def side_facts(art: Article) -> pd.DataFrame:
    """One row per side: units, commanders, killed commanders, strength and losses as intervals."""
    names = side_names(art)
    sides = sorted(
        {
            s
            for df in (_table(art, "sides"), _table(art, "units"), _table(art, "commanders"))
            if not df.empty
            for s in (_int(v) for v in df["side"])
            if s is not None
        }
    )
    cas = infobox_losses(art)
    rows = []
    for s in sides:
        st = _strength_rows(art, s)
        lc = cas[(cas["side"] == s) & ~cas["civilian"]] if not cas.empty else cas
        cm = _table(art, "commanders")
        cm = cm[cm["side"] == s] if not cm.empty else cm
        un = _table(art, "units")
        un = un[un["side"] == s] if not un.empty else un
        rows.append(
            {
                "side": s,
                "name": side_label(art, s, names),
                "units": len(un),
                "commanders": len(cm),
                "commanders_killed": int((cm["fate"] == "KIA").sum()) if not cm.empty else 0,
                "strength_low": float(st["low"].sum()) if not st.empty else float("nan"),
                "strength_high": float(st["high"].fillna(st["low"]).sum())
                if not st.empty
                else float("nan"),
                "strength_open": bool(st["open_upper"].any()) if not st.empty else False,
                "killed_low": float(lc["low"].sum()) if not lc.empty else float("nan"),
                "killed_high": float(lc["high"].fillna(lc["low"]).sum())
                if not lc.empty
                else float("nan"),
                "killed_open": bool(lc["open_upper"].any()) if not lc.empty else False,
            }
        )
    return pd.DataFrame(rows)


COMPARE: t.Final = {
    "strength": ("reported strength (fighters)", "strength"),
    "losses": ("reported killed (infobox)", "killed"),
    "units": ("units named", "units"),
    "commanders": ("commanders named", "commanders"),
    "commanders killed": ("commanders reported killed", "commanders_killed"),
}


def compare_sides(
    art: Article, measure: str = "strength", sides: t.Sequence[int] | None = None
) -> View:
    """One measure for each side, side by side; intervals keep their open ends."""
    if measure not in COMPARE:
        raise ValueError(f"measure must be one of {sorted(COMPARE)}, not {measure!r}")
    facts = side_facts(art)
    if sides is not None:
        facts = facts[facts["side"].isin(list(sides))]
    label, col = COMPARE[measure]
    if facts.empty:
        return notice(f"Comparison of {label}")
    traces: list[dict[str, t.Any]] = []
    parts = []
    interval = col in ("strength", "killed")
    for _, r in facts.iterrows():
        s = int(r["side"])
        colour = palette.side_colour(s)
        y = esc(r["name"])
        if interval:
            lo, hi, op = r[f"{col}_low"], r[f"{col}_high"], bool(r[f"{col}_open"])
            if pd.isna(lo):
                parts.append(f"{r['name']}: {NOT_REPORTED}")
                traces.append(
                    {
                        "type": "scatter",
                        "x": [None],
                        "y": [y],
                        "mode": "markers",
                        "showlegend": False,
                    }
                )
                continue
            text = fmt_interval(lo, hi, op)
            traces.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "x": [hi],
                    "y": [y],
                    "name": y,
                    "marker": {"color": colour, "opacity": 0.35},
                    "showlegend": False,
                    "hovertext": [f"{y}: {text}"],
                    "hoverinfo": "text",
                }
            )
            traces.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "x": [lo],
                    "y": [y],
                    "name": y,
                    "marker": {"color": colour},
                    "text": [text],
                    "textposition": "outside",
                    "hovertext": [f"{y}: {text} (solid part: the lower bound)"],
                    "hoverinfo": "text",
                }
            )
            if op:
                traces += _open_arrow(hi, y, colour, log=False)
            parts.append(f"{r['name']} {text}")
        else:
            v = int(r[col])
            traces.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "x": [v],
                    "y": [y],
                    "name": y,
                    "marker": {"color": colour},
                    "text": [str(v)],
                    "textposition": "outside",
                    "hovertext": [f"{y}: {v} {label}"],
                    "hoverinfo": "text",
                }
            )
            parts.append(f"{r['name']} {v}")
    layout = _layout(
        f"Sides compared: {label}",
        label,
        "",
        barmode="overlay",
        yaxis={"type": "category", "autorange": "reversed"},
        height=160 + 70 * len(facts),
        margin={"l": 220},
        showlegend=False,
    )
    summary = f"{label.capitalize()}: " + "; ".join(parts) + "."
    return View(_figure(traces, layout), summary, title=f"compare {measure}")
