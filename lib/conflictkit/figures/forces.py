"""Lesson 02: order of battle, strengths, commanders and the sides compared.

Each figure takes the table a lesson computed (``art.units``, a filtered
``art.strengths``, a per-side count...) and draws it; the article is used only for
side names, colours and the source sentences in the hover text. Nothing here adds
figures up: whether two strengths may be added is the lesson's question, not the
figure's.
"""

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
    html_table,
    notice,
    rows_axis,
    side_label,
    side_names,
    wrap,
)
from .casualties import hover_source, infobox_losses

#: Top margin of a figure without a legend: room for the title only (no empty band).
TOP: t.Final = 56
LABEL_ROOM: t.Final = 5.0  # x units right of the deepest marker kept free for its label
LEVEL_STEP: t.Final = 0.8  # x units between a level of the order of battle and the next
COLUMN_ROWS: t.Final = 11  # a longer order of battle is set in columns (a slide holds ~11 rows)


def _col(df: pd.DataFrame, name: str, default: object = "") -> pd.Series:
    """A column of ``df``, or ``default`` on every row when a student's table lacks it."""
    if name in df:
        return df[name]
    return pd.Series([default] * len(df), index=df.index, dtype=object)


def _high(row: t.Mapping[t.Any, t.Any]) -> float:
    """The upper figure as written: ``high``, else ``stated_high`` (10,000 in
    ``5,000–10,000+``, whose ``high`` is empty because it is open-ended), else ``low``."""
    for key in ("high", "stated_high", "low"):
        v = row.get(key)
        if v is not None and not (isinstance(v, float) and math.isnan(v)) and not pd.isna(v):
            return float(v)
    return float("nan")


def _quantity(row: t.Mapping[t.Any, t.Any]) -> str:
    """``5,000–10,000+``, ``450``, ``200–999`` ("hundreds"): the figure as an interval."""
    lo = float(row.get("low", float("nan")))
    return fmt_interval(lo, _high(row), bool(row.get("open_upper", False)))


# ---------------------------------------------------------------------------- order of battle


def _tree_order(grp: pd.DataFrame) -> list[tuple[int, pd.Series]]:
    """Rows of one side in tree order (a formation, then the units inside it), each with
    its level: 1 for a unit at the top of the side, 2 for a unit inside it, ..."""
    names = [_str(u) for u in grp["unit"]]
    known = set(names)
    children: dict[str, list[int]] = {}
    roots: list[int] = []
    for i, (_, r) in enumerate(grp.iterrows()):
        parent = _str(r.get("parent"))
        if parent and parent in known and parent != names[i]:
            children.setdefault(parent, []).append(i)
        else:
            roots.append(i)
    out: list[tuple[int, pd.Series]] = []
    seen: set[int] = set()

    def walk(i: int, level: int) -> None:
        if i in seen:  # a cycle in a hostile seed must not loop
            return
        seen.add(i)
        out.append((level, grp.iloc[i]))
        for j in children.get(names[i], []):
            walk(j, level + 1)

    for i in roots:
        walk(i, 1)
    for i in range(len(grp)):  # anything a cycle left out, at the top
        walk(i, 1)
    return out


def _blocks(tree: list[tuple[int, pd.Series]]) -> list[list[tuple[int, pd.Series]]]:
    """A side's tree cut where a unit at the top level starts: a formation stays whole."""
    blocks: list[list[tuple[int, pd.Series]]] = []
    for level, row in tree:
        if level == 1 or not blocks:
            blocks.append([])
        blocks[-1].append((level, row))
    return blocks


def _columns(sides: list[tuple[int | None, list[list[tuple[int, pd.Series]]]]], n_cols: int) -> list[list[t.Any]]:
    """Pack each side's header and blocks into ``n_cols`` columns of about equal height,
    in reading order; a side that goes on in the next column gets its header again."""
    total = sum(1 + sum(len(b) for b in blocks) + 1 for _, blocks in sides)
    target = math.ceil(total / n_cols)
    cols: list[list[t.Any]] = [[]]
    for side, blocks in sides:
        if cols[-1] and len(cols[-1]) + 2 > target and len(cols) < n_cols:
            cols.append([])
        cols[-1].append(("side", side, False))
        for block in blocks:
            if len(cols[-1]) + len(block) > target and len(cols) < n_cols and len(cols[-1]) > 1:
                cols.append([("side", side, True)])
            cols[-1].extend(("unit", side, level, row) for level, row in block)
        cols[-1].append(("gap",))
    return cols


def order_of_battle(units: pd.DataFrame, art: Article) -> View:
    """The order of battle as an indented tree: side → formation → unit.

    ``units`` is ``art.units`` or any selection of its rows (``side``, ``unit``,
    ``parent``; ``note``, ``line`` when present). Every unit is one marker of the same
    size: the infobox lists units, it does not measure them, so nothing here has an area
    or a length. A unit with a strength in ``art.strengths`` says so in its hover. A long
    list is set in two or three columns, so that it fits a slide with readable text.
    """
    if units is None or units.empty or "unit" not in units or "side" not in units:
        return notice("Order of battle")
    names = side_names(art)
    st = _table(art, "strengths")
    sides: list[tuple[int | None, list[list[tuple[int, pd.Series]]]]] = []
    counts: list[str] = []
    max_level = 1
    for side, grp in units.groupby("side", sort=True, dropna=False):
        s = _int(side)
        tree = _tree_order(grp)
        max_level = max([max_level, *(level for level, _ in tree)])
        sides.append((s, _blocks(tree)))
        # how many sit inside a formation is exercise 1's question: the tree shows it
        counts.append(f"{side_label(art, s, names)}: {len(grp)} unit{'s' if len(grp) != 1 else ''}")
    rows_needed = sum(2 + sum(len(b) for b in blocks) for _, blocks in sides)
    n_cols = 1 if rows_needed <= COLUMN_ROWS else 2 if rows_needed <= 2 * COLUMN_ROWS else 3
    columns = _columns(sides, n_cols)
    step = LEVEL_STEP
    width = max_level * step + LABEL_ROOM  # one column, in x units
    xs: list[float] = []
    ys: list[int] = []
    labels: list[str] = []
    hovers: list[str] = []
    colours: list[str] = []
    symbols: list[str] = []
    sizes: list[int] = []
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    rows = 0
    for c, column in enumerate(columns):
        x0 = c * width
        y = -1
        last_at: dict[int, int] = {}
        for item in column:
            if item[0] == "gap":
                y += 1
                continue
            y += 1
            s = item[1]
            colour = palette.side_colour(s)
            label = side_label(art, s, names)
            if item[0] == "side":
                xs.append(x0)
                ys.append(y)
                labels.append(f"<b>{esc(label)}</b>" + (" <i>(continued)</i>" if item[2] else ""))
                hovers.append(f"<b>{esc(label)}</b>")
                colours.append(colour)
                symbols.append(palette.side_symbol(s))
                sizes.append(16)
                last_at = {0: y}
                continue
            level, r = item[2], item[3]
            unit = _str(r.get("unit"))
            note = _str(r.get("note"))
            hit = (
                st[(st["side"] == s) & (st["unit"] == unit)]
                if not st.empty and "unit" in st and unit
                else st.iloc[0:0]
            )
            strength = "; ".join(_quantity(x) for x in hit.to_dict("records"))
            xs.append(x0 + level * step)
            ys.append(y)
            labels.append(esc(unit) + (f" <i>({esc(note)})</i>" if note else ""))
            parent = _str(r.get("parent"))
            hovers.append(
                f"<b>{esc(unit)}</b>"
                + (f"<br>part of {esc(parent)}" if parent and level > 1 else "")
                + f"<br>strength: {esc(strength) + ' fighters' if strength else NOT_REPORTED}"
                + f"<br>{hover_source(art, r.get('line'), r.get('start'), unit)}"
            )
            colours.append(colour)
            symbols.append("square" if level == 1 else "circle")
            sizes.append(11 if level == 1 else 9)
            # an elbow from the parent's row down and across to this unit
            py = last_at.get(level - 1, last_at.get(0, y))
            px = x0 + (level - 1) * step
            edge_x += [px, px, x0 + level * step, None]
            edge_y += [py, y, y, None]
            last_at[level] = y
        rows = max(rows, y)
    traces: list[dict[str, t.Any]] = [
        {
            "type": "scatter",
            "x": edge_x,
            "y": edge_y,
            "mode": "lines",
            "line": {"color": "#999999", "width": 1},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "mode": "markers+text",
            "text": labels,
            "textposition": "middle right",
            "textfont": {"color": "#222222"},
            "marker": {"color": colours, "symbol": symbols, "size": sizes},
            "hovertext": hovers,
            "hoverinfo": "text",
            "showlegend": False,
            "cliponaxis": False,
        },
    ]
    # two ticks per column (deeper levels are told by the indent and the axis title):
    # a label per level would run into its neighbour on a slide
    tickvals = [c * width + k * step for c in range(len(columns)) for k in (0, 1)]
    ticktext = ["side", "unit"] * len(columns)
    layout = _layout(
        "Order of battle: side → formation → unit (as listed, not to scale)",
        "indent: a side, its units, and indented under a formation the units inside it",
        "",
        xaxis={
            "range": [-0.3, len(columns) * width - 0.3],
            "tickvals": tickvals,
            "ticktext": ticktext,
            "showgrid": False,
        },
        yaxis={
            "range": [rows + 0.7, -0.7],
            "showticklabels": False,
            "showgrid": False,
            "showline": False,
            "ticks": "",
        },
        height=max(220, 120 + 30 * (rows + 1)),
        margin={"t": TOP, "l": 20, "r": 20},
        showlegend=False,
    )
    summary = (
        "Units listed in the infobox, a formation's units indented under it: "
        + "; ".join(counts)
        + "."
    )
    return View(_figure(traces, layout), summary, title="order of battle",
                alt="Tree of the units each side lists in the infobox, a formation's units indented under it")


# ---------------------------------------------------------------------------- strengths


def _log_ticks(lo: float, hi: float) -> tuple[list[float], list[str]]:
    """Ticks 1, 3, 10, 30 ... between ``lo`` and ``hi``, written in full (300, not "3")."""
    lo = max(lo, 1.0)
    vals: list[float] = []
    k = math.floor(math.log10(lo))
    while 10**k <= hi * 1.0001:
        for m in (1, 3):
            v = float(m * 10**k)
            if lo <= v <= hi:
                vals.append(v)
        k += 1
    if len(vals) < 2:  # a narrow range: its ends
        vals = sorted({float(f"{lo:.2g}"), float(f"{hi:.2g}")})
    return vals, [fmt_num(v) for v in vals]


def _open_arrow(x_end: float, y: object, colour: str, factor: float) -> dict[str, t.Any]:
    """A dotted tail and an arrowhead to the right of ``x_end``: "and possibly more"."""
    return {
        "type": "scatter",
        "x": [x_end, x_end * factor],
        "y": [y, y],
        "mode": "lines+markers",
        "line": {"color": colour, "width": 3, "dash": "dot"},
        "marker": {"symbol": ["line-ns", "triangle-right"], "size": [0, 14], "color": colour},
        "hoverinfo": "skip",
        "showlegend": False,
    }


def strengths(df: pd.DataFrame, art: Article) -> View:
    """Strengths as intervals, one row each: ``5,000–10,000+`` is a bar from 5,000 to
    10,000 with an arrow (“or more”), ``450`` a dot, ``hundreds`` a bar from 200 to 999.

    ``df`` is ``art.strengths`` or a selection of it, in the order to draw (top first):
    ``side``, ``low``; ``high``, ``stated_high``, ``open_upper``, ``subject``, ``text``,
    ``line`` when present. The axis is logarithmic with its ticks written in full.
    """
    if df is None or df.empty or "low" not in df or "side" not in df:
        return notice("Strengths")
    names = side_names(art)
    records = df.to_dict("records")
    traces: list[dict[str, t.Any]] = []
    shown: set[int | None] = set()
    ticktext: list[str] = []
    ends: list[float] = []
    lows: list[float] = []
    arrow = 2.0  # the arrow's tip, as a factor of the upper figure (log axis)
    for i, r in enumerate(records):
        s = _int(r.get("side"))
        colour = palette.side_colour(s)
        lo = float(r["low"])
        if math.isnan(lo):
            continue
        hi = _high(r)
        open_ = bool(r.get("open_upper", False))
        what = _str(r.get("subject")) or "the whole side"
        # the side is the colour and the legend; the row says what was counted (two lines
        # at most, so that rows do not run into each other on a projected slide)
        ticktext.append(
            wrap(_str(r.get("subject")), 34)
            if _str(r.get("subject"))
            else f"<b>{esc(side_label(art, s, names))}</b>: whole side"
        )
        quantity = _quantity(r)
        hover = (
            f"<b>{esc(_str(r.get('text')) or quantity)}</b><br>"
            f"{esc(side_label(art, s, names))}, {esc(what)}: "
            f"{'at least ' if open_ else ''}{quantity}"
            + (" (no upper bound)" if open_ else "")
            + f"<br>{hover_source(art, r.get('line'), r.get('start'), r.get('text'))}"
        )
        two = hi > lo
        tip = hi * arrow if open_ else hi
        traces.append(
            {
                "type": "scatter",
                "x": [lo, hi] if two else [lo],
                "y": [i, i] if two else [i],
                "mode": "lines+markers",
                "line": {"color": colour, "width": 10},
                "marker": {"size": 12, "color": colour, "symbol": palette.side_symbol(s)},
                "name": esc(side_label(art, s, names)),
                "legendgroup": str(s),
                "showlegend": s not in shown,
                "hovertext": [hover] * (2 if two else 1),
                "hoverinfo": "text",
            }
        )
        shown.add(s)
        if open_:
            traces.append(_open_arrow(hi, i, colour, arrow))
        traces.append(
            {
                "type": "scatter",
                "x": [tip],
                "y": [i],
                "mode": "text",
                "text": [f"  {esc(quantity)}"],
                "textposition": "middle right",
                "textfont": {"color": colour},
                "hoverinfo": "skip",
                "showlegend": False,
                "cliponaxis": False,
            }
        )
        ends.append(tip)
        lows.append(lo)
    if not lows:
        return notice("Strengths")
    lo_axis, hi_axis = min(lows) / 1.6, max(ends) * 4.5  # room for the label after the tip
    tickvals, ticklabels = _log_ticks(lo_axis, hi_axis)
    n = len(ticktext)
    layout = _layout(
        "Reported strengths (fighters), as intervals",
        "fighters (log scale: each step multiplies; an arrow means “or more”)",
        "",
        xaxis={
            "type": "log",
            "range": [math.log10(lo_axis), math.log10(hi_axis)],
            "tickmode": "array",
            "tickvals": tickvals,
            "ticktext": ticklabels,
        },
        yaxis=rows_axis(ticktext),
        height=150 + 62 * n,
        margin={"l": 260, "t": 90},
    )
    # one sentence per side; whole-side figures and figures for parts are told apart,
    # and parts are never added up (they may overlap, and a sum of parts is not the side)
    parts = []
    frame = pd.DataFrame(records)
    present = {_int(v) for v in frame["side"]}
    for s in sorted(n for n in present if n is not None):
        sub = frame[frame["side"] == s]
        subject = _col(sub, "subject").fillna("").astype(str)
        whole = sub[subject == ""]
        part = sub[subject != ""]
        bits = [f"{_quantity(r)} for the whole side" for r in whole.to_dict("records")]
        if not part.empty:
            bits.append(
                f"{len(part)} figure{'s' if len(part) != 1 else ''} for parts of it"
                + (" (not added up: parts may overlap)" if len(part) > 1 else "")
            )
        parts.append(f"{side_label(art, s, names)}: " + ", ".join(bits))
    summary = "Reported strengths. " + "; ".join(parts) + "."
    return View(_figure(traces, layout), summary, title="strengths",
                alt="Chart of reported strengths, one row each, on a log scale: a bar for a range, a dot for a single number, an arrow for or more")


# ---------------------------------------------------------------------------- commanders


FATES: t.Final = {"KIA": "killed in action", "WIA": "wounded", "POW": "captured"}


def commanders(df: pd.DataFrame, art: Article) -> View:
    """Commanders with rank, role and fate as an escaped HTML table, one row per row of
    ``df`` (``art.commanders`` or a selection of it), in its order."""
    if df is None or df.empty or "name" not in df:
        return notice("Commanders")
    names = side_names(art)
    table = (
        pd.DataFrame(
            {
                "side": [side_label(art, s, names) for s in _col(df, "side", None)],
                "rank": _col(df, "rank"),
                "name": df["name"],
                "role": _col(df, "role"),
                "fate": [FATES.get(_str(f), _str(f)) for f in _col(df, "fate")],
                "note": _col(df, "qualifier"),
                "line": _col(df, "line"),
            }
        )
        .astype(object)
        .fillna("")
    )
    per = df.groupby("side").size() if "side" in df else pd.Series(dtype=int)
    summary = (
        f"{len(df)} commander{'s' if len(df) != 1 else ''} named ("
        + ", ".join(f"{int(n)} for {side_label(art, s, names)}" for s, n in per.items())
        + "), with rank, role and fate as the infobox gives them."
    )
    return View(
        None, summary, html_table(table, "Commanders named in the infobox", summary), "commanders"
    )


# ---------------------------------------------------------------------------- sides compared


COMPARE: t.Final = {
    "strength": ("reported strength (fighters)", "strength"),
    "losses": ("reported killed (infobox)", "killed"),
    "units": ("units named", "units"),
    "commanders": ("commanders named", "commanders"),
}
INTERVALS: t.Final = ("strength", "losses")


def _largest(rows: pd.DataFrame) -> dict[str, t.Any] | None:
    if rows.empty:
        return None
    return t.cast(dict[str, t.Any], rows.sort_values("low", ascending=False).iloc[0].to_dict())


def side_table(
    art: Article, measure: str = "strength", sides: t.Sequence[int] | None = None
) -> pd.DataFrame:
    """One row per side for :func:`compare_sides`: ``side`` and ``value`` for counts;
    ``side``, ``low``, ``high``, ``open_upper``, ``basis`` for strength and losses.

    Strength is never a sum of parts: a side with a figure for the whole side gets it;
    a side with figures for parts only gets the largest of them as a floor (``open_upper``,
    ``basis`` "largest part"), because the whole is at least its largest part and the
    parts may overlap.
    """
    if measure not in COMPARE:
        raise ValueError(f"measure must be one of {sorted(COMPARE)}, not {measure!r}")
    pool = [_table(art, n) for n in ("sides", "units", "commanders", "strengths")]
    every = sorted({s for df in pool if not df.empty for s in map(_int, df["side"]) if s is not None})
    if sides is not None:
        every = [s for s in every if s in set(sides)]
    rows: list[dict[str, t.Any]] = []
    for s in every:
        if measure in ("units", "commanders"):
            df = _table(art, measure)
            rows.append({"side": s, "value": int((df["side"] == s).sum()) if not df.empty else 0})
            continue
        if measure == "strength":
            st = _table(art, "strengths")
            st = st[st["side"] == s] if not st.empty else st
            whole = _largest(st[_col(st, "subject").fillna("") == ""]) if not st.empty else None
            part = _largest(st[_col(st, "subject").fillna("") != ""]) if not st.empty else None
            if whole is not None:
                rows.append({"side": s, "low": whole["low"], "high": _high(whole),
                             "open_upper": bool(whole["open_upper"]), "basis": "whole side"})  # fmt: skip
            elif part is not None:
                rows.append({"side": s, "low": part["low"], "high": float("nan"), "open_upper": True,
                             "basis": f"largest part reported: {_quantity(part)} {_str(part['subject'])}"})  # fmt: skip
            else:
                rows.append({"side": s, "low": float("nan"), "high": float("nan"),
                             "open_upper": False, "basis": NOT_REPORTED})  # fmt: skip
            continue
        box = infobox_losses(art)
        mine = box[(box["side"] == s) & ~box["civilian"].astype(bool)] if not box.empty else box
        one = _largest(mine)
        if one is None:
            rows.append({"side": s, "low": float("nan"), "high": float("nan"), "open_upper": False,
                         "basis": NOT_REPORTED})  # fmt: skip
        elif len(mine) > 1:  # several figures for one side: not added up, the largest a floor
            rows.append({"side": s, "low": one["low"], "high": float("nan"), "open_upper": True,
                         "basis": f"largest of {len(mine)} figures: {_quantity(one)}"})  # fmt: skip
        else:
            rows.append({"side": s, "low": one["low"], "high": _high(one),
                         "open_upper": bool(one["open_upper"]), "basis": "infobox"})  # fmt: skip
    cols = ["side", "value"] if measure in ("units", "commanders") else ["side", "low", "high", "open_upper", "basis"]
    return pd.DataFrame(rows, columns=cols)


def side_facts(art: Article) -> pd.DataFrame:
    """One row per side (``side``, ``name``): the sides a comparison can choose from."""
    names = side_names(art)
    table = side_table(art, "units")
    return pd.DataFrame(
        {"side": table["side"], "name": [side_label(art, s, names) for s in table["side"]]}
    )


def compare_sides(df: pd.DataFrame, art: Article, measure: str = "units") -> View:
    """One bar per side. ``df`` has one row per side: ``side`` and a count (``value``, or
    the only numeric column besides ``side``, e.g. ``size`` from
    ``art.units.groupby("side", as_index=False).size()``), or an interval (``low``,
    ``high``, ``open_upper``; a pale bar to ``high``, a solid one to ``low``, an arrow for
    “or more”; a hollow bar when ``basis`` says the figure is a floor from a part)."""
    if measure not in COMPARE:
        raise ValueError(f"measure must be one of {sorted(COMPARE)}, not {measure!r}")
    label = COMPARE[measure][0]
    if df is None or df.empty or "side" not in df:
        return notice(f"Comparison of {label}")
    names = side_names(art)
    interval = "low" in df
    value_col = "value" if "value" in df else next(
        (c for c in df.columns if c != "side" and pd.api.types.is_numeric_dtype(df[c])), None
    )
    if not interval and value_col is None:
        raise ValueError("compare_sides needs a count column (e.g. 'size') or low/high columns")
    traces: list[dict[str, t.Any]] = []
    parts = []
    ticktext: list[str] = []
    tips: list[float] = []
    for i, r in enumerate(df.to_dict("records")):
        s = _int(r.get("side"))
        colour = palette.side_colour(s)
        name = side_label(art, s, names)
        ticktext.append(esc(name))
        if not interval:
            v = float(r[value_col]) if not pd.isna(r[value_col]) else 0.0
            traces.append({"type": "bar", "orientation": "h", "x": [v], "y": [i],
                           "marker": {"color": colour}, "text": [fmt_num(v)],
                           "textposition": "outside", "cliponaxis": False,
                           "hovertext": [f"{esc(name)}: {fmt_num(v)} {label}"],
                           "hoverinfo": "text", "showlegend": False})  # fmt: skip
            parts.append(f"{name} {fmt_num(v)}")
            tips.append(v)
            continue
        lo = float(r["low"]) if not pd.isna(r["low"]) else float("nan")
        basis = _str(r.get("basis"))
        if math.isnan(lo):
            parts.append(f"{name}: {NOT_REPORTED}" + (f" ({basis})" if basis and basis != NOT_REPORTED else ""))
            traces.append({"type": "scatter", "x": [None], "y": [i], "mode": "markers", "showlegend": False})  # fmt: skip
            continue
        hi = _high(r)
        open_ = bool(r.get("open_upper", False))
        floor = basis.startswith("largest")
        text = ("at least " if floor else "") + fmt_interval(lo, hi, open_ and not floor)
        words = f"{text} ({basis})" if basis and basis not in ("whole side", "infobox") else text
        if hi > lo:
            traces.append({"type": "bar", "orientation": "h", "x": [hi], "y": [i],
                           "marker": {"color": colour, "opacity": 0.35}, "showlegend": False,
                           "hovertext": [f"{esc(name)}: {esc(words)}"], "hoverinfo": "text"})  # fmt: skip
        traces.append({"type": "bar", "orientation": "h", "x": [lo], "y": [i],
                       "marker": ({"color": "white", "line": {"color": colour, "width": 2}, "pattern": {"shape": "/", "fgcolor": colour}}
                                  if floor else {"color": colour}),
                       "showlegend": False,
                       "hovertext": [f"{esc(name)}: {esc(words)} (solid part: the lower bound)"],
                       "hoverinfo": "text"})  # fmt: skip
        tip = max(lo, hi if not math.isnan(hi) else lo)
        if open_:
            traces.append({**_open_arrow(tip, i, colour, 1.3)})
            tip *= 1.3
        traces.append({"type": "scatter", "x": [tip], "y": [i], "mode": "text",
                       "text": [f"  {esc(text)}"], "textposition": "middle right",
                       "textfont": {"color": colour}, "cliponaxis": False,
                       "hoverinfo": "skip", "showlegend": False})  # fmt: skip
        tips.append(tip)
        parts.append(f"{name} {words}")
    n = len(ticktext)
    top = max(tips) if tips else 1.0
    layout = _layout(
        f"Sides compared: {label}",
        label + (" (hatched: only a part of the side was reported)" if interval else ""),
        "",
        barmode="overlay",
        xaxis={"range": [0, top * 1.6 if top > 0 else 1], "rangemode": "tozero"},
        yaxis=rows_axis(ticktext),
        height=150 + 70 * n,
        margin={"l": 220, "t": TOP},
        showlegend=False,
    )
    summary = f"{label.capitalize()}: " + "; ".join(parts) + "."
    return View(_figure(traces, layout), summary, title=f"compare {measure}",
                alt=f"Bar chart of {label} per side")
