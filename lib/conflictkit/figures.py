"""DataFrames to figures: every picture a lesson shows, built from an article's tables.

Each public function takes an article (``conflictkit.load()``) and returns a :class:`View`:
a plotly figure (or an HTML table) together with a one-sentence summary computed from the
same data, for readers who cannot see the figure. A view displays itself in Jupyter
without plotly's renderer machinery (which imports nbformat and jsonschema, ~1.2 s on the
first ``fig.show()``): it emits the ``application/vnd.plotly.v1+json`` bundle directly.

Seed text is untrusted. Everything taken from it is passed through :func:`esc` before it
reaches a hover label, a title, a tick label or an HTML table, so ``<script>`` in a seed
shows as text. When a table is empty the view says "not reported in this article".

plotly is imported inside functions only: ``import conflictkit`` stays plotly-free.
"""

from __future__ import annotations

import html
import json
import math
import textwrap
import typing as t

import pandas as pd

from conflictkit import palette

if t.TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

Article = t.Any  # conflictkit.Article; kept loose so figures work on any object with the tables

NOT_REPORTED: t.Final = "not reported in this article"
PLOTLY_MIME: t.Final = "application/vnd.plotly.v1+json"
PLOTLY_CONFIG: t.Final = {"displaylogo": False, "responsive": True}
WRAP: t.Final = 72


# ---------------------------------------------------------------------------- text helpers


def esc(value: object) -> str:
    """Escape seed text for plotly labels and HTML: ``<`` ``>`` ``&`` become entities."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=False)


def esc_attr(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def wrap(text: object, width: int = WRAP) -> str:
    """Escape, then wrap long text for a hover label (``<br>`` is added after escaping)."""
    raw = "" if text is None or text is pd.NA else str(text)
    return "<br>".join(esc(line) for line in textwrap.wrap(raw, width) or [""])


def fmt_date(value: object) -> str:
    """``8 Nov 2017``; empty for missing dates."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        ts = pd.Timestamp(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if pd.isna(ts):
        return ""
    return f"{ts.day} {ts:%b %Y}"


def fmt_span(start: object, end: object) -> str:
    a, b = fmt_date(start), fmt_date(end)
    if not b or a == b:
        return a
    return f"{a} – {b}"


def fmt_num(x: float) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "?"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def fmt_interval(low: float, high: float, open_upper: bool) -> str:
    """``376+``, ``5,000–10,000+``, ``269``: the way the article writes a quantity."""
    if low is None or (isinstance(low, float) and math.isnan(low)):
        return "?"
    has_high = not (high is None or (isinstance(high, float) and math.isnan(high)))
    if has_high and high != low:
        s = f"{fmt_num(low)}–{fmt_num(high)}"
    else:
        s = fmt_num(low)
    return s + ("+" if open_upper else "")


def _int(value: object) -> int | None:
    try:
        if value is None or pd.isna(value):  # type: ignore[call-overload]
            return None
        return int(value)  # type: ignore[call-overload,no-any-return]
    except (TypeError, ValueError):
        return None


def _str(value: object) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):  # type: ignore[call-overload]
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _table(art: Article, name: str) -> pd.DataFrame:
    df = getattr(art, name, None)
    if df is None:
        return pd.DataFrame()
    return t.cast(pd.DataFrame, df)


# ---------------------------------------------------------------------------- sides and lines


def side_names(art: Article) -> dict[int, str]:
    """Short legend label per infobox side (the library's when it offers one)."""
    try:
        import conflictkit

        fn = getattr(conflictkit, "side_names", None)
        if fn is not None:
            got = fn(art)
            if got:
                return {int(k): str(v) for k, v in got.items()}
    except Exception:  # noqa: BLE001 - fall back to the sides table below
        pass
    names: dict[int, str] = {}
    sides = _table(art, "sides")
    if not sides.empty and "side" in sides:
        for side, grp in sides.groupby("side", sort=True):
            n = _int(side)
            if n is not None:
                names[n] = str(grp["combatant"].iloc[0])
    cas = _table(art, "casualties")
    if not cas.empty and "side" in cas:
        for _, row in cas.iterrows():
            n = _int(row["side"])
            if n is not None and n not in names:
                names[n] = "Civilians" if bool(row.get("civilian", False)) else f"Side {n}"
    return names


def side_label(art: Article, side: object, names: dict[int, str] | None = None) -> str:
    n = _int(side)
    if n is None:
        return "both sides / unattributed"
    names = side_names(art) if names is None else names
    return names.get(n, f"Side {n}")


def line_text(art: Article, line: object) -> str:
    n = _int(line)
    text = getattr(art, "text", "") or ""
    if n is None or n < 1:
        return ""
    lines = text.split("\n")
    return lines[n - 1] if n <= len(lines) else ""


def sentence_for(art: Article, line: object, start: object = None, text: object = None) -> str:
    """The sentence of the seed that a row came from (its line when no sentence matches)."""
    n = _int(line)
    sents = _table(art, "sentences")
    if n is not None and not sents.empty and "line" in sents:
        on_line = sents[sents["line"] == n]
        s = _int(start)
        if s is not None and "start" in on_line:
            hit = on_line[(on_line["start"] <= s) & (on_line["end"] > s)]
            if not hit.empty:
                return str(hit["text"].iloc[0])
        needle = _str(text)
        if needle:
            hit = on_line[on_line["text"].str.contains(needle, regex=False)]
            if not hit.empty:
                return str(hit["text"].iloc[0])
    whole = line_text(art, n)
    needle = _str(text)
    if whole and needle and needle in whole and len(whole) > 400:
        # a long paragraph: show the part around the phrase
        i = whole.index(needle)
        a = max(whole.rfind(". ", 0, i) + 2, 0)
        b = whole.find(". ", i + len(needle))
        return whole[a : b + 1 if b != -1 else len(whole)]
    return whole


def source_hover(art: Article, line: object, start: object = None, text: object = None) -> str:
    """Hover footer: the line number and the (escaped, wrapped) source sentence."""
    n = _int(line)
    sent = sentence_for(art, line, start, text)
    where = f"line {n}" if n is not None else "line ?"
    return f"<i>source, {where}:</i><br>“{wrap(sent)}”"


# ---------------------------------------------------------------------------- views


Spec = dict[str, t.Any]  # {"data": [...], "layout": {...}}: a figure before validation


def to_json_compatible(obj: t.Any) -> t.Any:
    """Plain JSON values for a figure spec: dates to ISO strings, NaN/NA/NaT to null.

    This is what plotly's encoder does for our specs, without importing plotly.
    """
    if isinstance(obj, dict):
        return {k: to_json_compatible(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json_compatible(v) for v in obj]
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, float):
        return None if math.isnan(obj) or math.isinf(obj) else obj
    if isinstance(obj, int):
        return obj
    if obj is pd.NaT or obj is pd.NA:
        return None
    if isinstance(obj, pd.Timestamp):
        return obj.isoformat()
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    if hasattr(obj, "tolist"):  # numpy scalars and arrays
        return to_json_compatible(obj.tolist())
    return str(obj)


class View:
    """A figure or an HTML block plus a one-sentence summary; both display in Jupyter.

    ``view.figure`` is the plotly figure (``None`` for tables and notices),
    ``view.summary`` the plain-text sentence, ``view.html`` the HTML block if any,
    ``view.details`` extra sentences computed with it (e.g. the conclusions).

    A view keeps the figure as a plain spec and serialises that directly: building a
    validated ``go.Figure`` costs 10–20 ms, so it happens only when ``.figure`` is read.
    """

    def __init__(
        self,
        figure: go.Figure | Spec | None = None,
        summary: str = "",
        html_block: str | None = None,
        title: str = "",
        empty: bool = False,
        details: t.Sequence[str] = (),
    ) -> None:
        self.spec: Spec | None = figure if isinstance(figure, dict) else None
        self._figure: go.Figure | None = None if isinstance(figure, dict) else figure
        self.summary = summary
        self.html = html_block
        self.title = title
        self.empty = empty
        self.details = list(details)

    @property
    def figure(self) -> go.Figure | None:
        if self._figure is None and self.spec is not None:
            import plotly.graph_objects as go

            self._figure = go.Figure(self.spec)
        return self._figure

    @property
    def has_figure(self) -> bool:
        return self.spec is not None or self._figure is not None

    def __repr__(self) -> str:
        kind = "figure" if self.has_figure else "table" if self.html else "notice"
        return f"<View {kind} {self.title!r}: {self.summary}>"

    def figure_json(self) -> dict[str, t.Any]:
        """The figure as the JSON plotly.js draws, with the config added."""
        if self.spec is not None:
            fig = to_json_compatible(self.spec)
        else:
            assert self._figure is not None
            fig = json.loads(self._figure.to_json())
        fig["config"] = dict(PLOTLY_CONFIG)
        return t.cast(dict[str, t.Any], fig)

    def figure_bundle(self) -> dict[str, t.Any]:
        """The mimebundle plotly's own renderer would produce, without importing nbformat."""
        return {
            PLOTLY_MIME: self.figure_json(),
            "text/plain": f"[figure: {self.title}] {self.summary}",
        }

    def summary_bundle(self) -> dict[str, str]:
        return {
            "text/html": '<p class="ck-summary" role="note"><b>In words:</b> '
            f"{esc(self.summary)}</p>",
            "text/plain": f"In words: {self.summary}",
        }

    def bundles(self) -> list[dict[str, t.Any]]:
        out: list[dict[str, t.Any]] = []
        if self.has_figure:
            out.append(self.figure_bundle())
        if self.html is not None:
            out.append({"text/html": self.html, "text/plain": self.summary})
            return out  # tables and notices carry their summary inside
        if self.summary:
            out.append(self.summary_bundle())
        return out

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for bundle in self.bundles():
            display(bundle, raw=True)  # type: ignore[no-untyped-call]  # pandas-stubs/IPython typing

    def _repr_mimebundle_(self, include: t.Any = None, exclude: t.Any = None) -> dict[str, t.Any]:
        if self.has_figure:
            return self.figure_bundle()
        return self.bundles()[0]


def notice(what: str, detail: str = "") -> View:
    """The view shown instead of a figure when the article reports nothing for it."""
    text = f"{what}: {NOT_REPORTED}."
    if detail:
        text += f" {detail}"
    block = f'<p class="ck-empty" role="note"><b>{esc(what)}</b>: {esc(NOT_REPORTED)}.'
    block += f" {esc(detail)}</p>" if detail else "</p>"
    return View(None, text, block, title=what, empty=True)


def html_table(df: pd.DataFrame, caption: str, summary: str) -> str:
    """An HTML table with every cell escaped (pandas' to_html escapes too; this is explicit)."""
    head = "".join(f"<th>{esc(c)}</th>" for c in df.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(_str(v))}</td>" for v in row) + "</tr>"
        for row in df.itertuples(index=False)
    )
    return (
        f'<table class="ck-table"><caption>{esc(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f'<p class="ck-summary" role="note"><b>In words:</b> {esc(summary)}</p>'
    )


AXIS: t.Final = {
    "showgrid": True,
    "gridcolor": "#eeeeee",
    "showline": True,
    "linecolor": "#444444",
    "ticks": "outside",
    "zeroline": False,
    "automargin": True,
}


def _layout(title: str, xtitle: str, ytitle: str, **extra: t.Any) -> dict[str, t.Any]:
    layout: dict[str, t.Any] = {
        "title": {"text": title, "x": 0.01, "xanchor": "left", "y": 0.98, "yanchor": "top"},
        "xaxis": {"title": {"text": xtitle}, **AXIS},
        "yaxis": {"title": {"text": ytitle}, **AXIS},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": list(palette.CLAIMANT_COLOURS),
        "font": {"family": palette.FONT, "size": 13},
        "hoverlabel": {"align": "left", "bgcolor": "white", "font": {"size": 12}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0.0},
        "margin": {"l": 60, "r": 20, "t": 110, "b": 60},
        "height": 420,
    }
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(layout.get(key), dict):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return layout


def _figure(traces: list[dict[str, t.Any]], layout: dict[str, t.Any]) -> Spec:
    """A figure spec; validated into a ``go.Figure`` only when someone reads ``view.figure``."""
    return {"data": traces, "layout": layout}


def objective(art: Article) -> str:
    obj = _str(getattr(art, "objective", None))
    if obj:
        return obj
    control = _table(art, "control")
    if not control.empty:
        return str(control["place"].mode().iloc[0])
    return "the objective"


# ---------------------------------------------------------------------------- 00: source


def source_card(art: Article) -> View:
    """What the source is: title, licence, where from, size, and what could not be read."""
    meta = getattr(art, "meta", {}) or {}
    src = meta.get("source", {}) if isinstance(meta, dict) else {}
    if not isinstance(src, dict):
        src = {"title": str(src)}
    text = getattr(art, "text", "") or ""
    sections = meta.get("sections", []) if isinstance(meta, dict) else []
    unparsed = _table(art, "unparsed")
    n_sent = len(_table(art, "sentences"))
    rows = [
        ("Article", getattr(art, "title", "")),
        ("Source", src.get("title") or src.get("name") or "Wikipedia"),
        ("Where from", src.get("url") or src.get("where") or ""),
        ("Licence", src.get("licence") or src.get("license") or "CC BY-SA 4.0"),
        ("Seed file", str(getattr(art, "path", ""))),
        ("Lines / sentences", f"{text.count(chr(10)) + 1} lines, {n_sent} sentences"),
        ("Sections", "; ".join(str(s) for s in sections)),
        ("Lines not understood", f"{len(unparsed)}"),
    ]
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    summary = (
        f"The seed is the article “{_str(getattr(art, 'title', ''))}”: "
        f"{n_sent} sentences in {len(sections)} sections; "
        f"{len(unparsed)} lines were not understood by the parser."
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


# ---------------------------------------------------------------------------- 01: chronology


def _phases_table(art: Article) -> pd.DataFrame:
    ev = _table(art, "events")
    if ev.empty:
        return pd.DataFrame(columns=["phase", "start", "end", "events"])
    ev = ev.assign(
        end=ev["date_end"].fillna(ev["date_start"]), phase=ev["phase"].replace("", "(no heading)")
    )
    g = ev.groupby("phase", sort=False).agg(
        start=("date_start", "min"), end=("end", "max"), events=("event_id", "count")
    )
    return g.reset_index().sort_values("start", kind="stable").reset_index(drop=True)


def phases(art: Article) -> View:
    """The phases of the offensive (section headings) as bars from first to last event."""
    ph = _phases_table(art)
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
    return View(_figure(traces, layout), summary, title="phases")


def _event_side(value: object) -> int | None:
    parts = [p.strip() for p in _str(value).split(";") if p.strip()]
    return _int(parts[0]) if len(parts) == 1 else None


def timeline(art: Article) -> View:
    """Every dated event on a time axis, one row per phase; spans drawn as bars."""
    ev = _table(art, "events")
    if ev.empty:
        return notice("Dated events")
    names = side_names(art)
    ev = ev.assign(
        _side=[_event_side(v) for v in ev.get("sides", pd.Series([""] * len(ev)))],  # type: ignore[misc]  # pandas-stubs/IPython typing
        _phase=[esc(p or "(no heading)") for p in ev["phase"]],
    )
    traces: list[dict[str, t.Any]] = []
    spans = ev[ev["date_end"].notna() & (ev["date_end"] > ev["date_start"])]
    if not spans.empty:
        xs: list[t.Any] = []
        ys: list[t.Any] = []
        for _, r in spans.iterrows():
            xs += [r["date_start"], r["date_end"], None]
            ys += [r["_phase"], r["_phase"], None]
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
                "y": list(grp["_phase"]),
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
            "type": "category",
            "categoryorder": "array",
            "categoryarray": list(
                dict.fromkeys(ev.sort_values("date_start", kind="stable")["_phase"])
            ),
        },
        height=160 + 60 * ev["_phase"].nunique(),
    )
    busiest = ev["date_start"].dt.normalize().value_counts()
    summary = (
        f"{len(ev)} dated events from {fmt_date(ev['date_start'].min())} to "
        f"{fmt_date(ev['date_end'].fillna(ev['date_start']).max())}; the busiest day is "
        f"{fmt_date(busiest.index[0])} with {int(busiest.iloc[0])} events."
    )
    return View(_figure(traces, layout), summary, title="timeline")


def front_distance(art: Article) -> View:
    """Reported distance from the front to the objective; ranges drawn as vertical bars."""
    fr = _table(art, "front")
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
        for _, c in control.iterrows():
            if _str(c["place"]) != obj:
                continue
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
                    "y": 1,
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
    return View(_figure(traces, layout), summary, title="front distance")


def holders(art: Article, place: str | None = None) -> pd.DataFrame:
    """Periods of control of ``place`` (default: the objective): side, start, end, inferred.

    Before the first reported change the holder is inferred as the side it was taken
    from when the article has exactly two combatant sides; ``inferred`` marks that row.
    ``end`` is exclusive (the day of the next change, or the day after the article ends).
    """
    control = _table(art, "control")
    place = place or objective(art)
    cols = ["place", "side", "controller", "start", "end", "inferred", "line", "text"]
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
            }
        )
    out = pd.DataFrame(rows, columns=cols)
    out = out[out["end"] > out["start"]].reset_index(drop=True)
    return out


def holder_on(art: Article, day: object, place: str | None = None) -> int | None:
    """The side holding ``place`` on ``day`` (None when the article does not say)."""
    h = holders(art, place)
    d = pd.Timestamp(day)  # type: ignore[arg-type]
    hit = h[(h["start"] <= d) & (h["end"] > d)]
    return None if hit.empty else _int(hit["side"].iloc[-1])


def control(art: Article) -> View:
    """Who held each contested place, day by day (the objective first)."""
    ctl = _table(art, "control")
    if ctl.empty:
        return notice("Changes of hands")
    obj = objective(art)
    places = [obj] if obj in set(ctl["place"]) else []
    places += [p for p in dict.fromkeys(ctl["place"]) if p != obj]
    names = side_names(art)
    traces: list[dict[str, t.Any]] = []
    shown: set[int | None] = set()
    for place in places:
        h = holders(art, place)
        for _, r in h.iterrows():
            s = _int(r["side"])
            days = (r["end"] - r["start"]).days
            label = esc(side_label(art, s, names) if s is not None else r["controller"])
            src = (
                "inferred: the article does not report it"
                if r["inferred"]
                else source_hover(art, r["line"], None, r["text"])
            )
            hover = (
                f"<b>{esc(place)}</b>: held by {label}<br>from {fmt_date(r['start'])} "
                f"for {days} day{'s' if days != 1 else ''}<br>{src}"
            )
            traces.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "base": [r["start"].isoformat()],
                    "x": [days * 86_400_000],
                    "y": [esc(place)],
                    "name": label + (" (inferred)" if r["inferred"] else ""),
                    "legendgroup": label,
                    "showlegend": (s, bool(r["inferred"])) not in shown,  # type: ignore[comparison-overlap]
                    "marker": {
                        "color": palette.side_colour(s),
                        "opacity": 0.45 if r["inferred"] else 1.0,
                        "pattern": {"shape": "/" if r["inferred"] else ""},
                        "line": {"color": "white", "width": 2},
                    },
                    "text": [f"{days} d"],
                    "textposition": "inside",
                    "hovertext": [hover],
                    "hoverinfo": "text",
                }
            )
            shown.add((s, bool(r["inferred"])))  # type: ignore[arg-type]
    layout = _layout(
        f"Who held {esc(obj)} (and other places), day by day",
        "date",
        "",
        xaxis={"type": "date"},
        yaxis={"type": "category", "autorange": "reversed"},
        barmode="overlay",
        height=180 + 60 * len(places),
    )
    h = holders(art, places[0])
    reported = h[~h["inferred"].astype(bool)]
    steps = "; ".join(
        f"{side_label(art, r['side'], names)} from {fmt_date(r['start'])}"
        for _, r in reported.iterrows()
    )
    times = {1: "once", 2: "twice"}.get(len(reported), f"{len(reported)} times")
    summary = f"{places[0]} changed hands {times}: {steps}."
    return View(_figure(traces, layout), summary, title="control")


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
    return View(_figure(traces, layout), summary, title="map")


# ---------------------------------------------------------------------------- 02: forces


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


# ---------------------------------------------------------------------------- 03: casualties


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


# ---------------------------------------------------------------------------- 04: claims


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


def claims_table(art: Article, claimant: str | None = None) -> View:
    """The claims as an escaped HTML table (optionally one claimant's)."""
    cl = named_claims(art)
    if cl.empty:
        return notice("Claims by named sources")
    if claimant is not None:
        cl = cl[cl["claimant"] == claimant]
    df = (
        pd.DataFrame(
            {
                "date": [fmt_date(d) for d in cl["date"]],
                "who": cl["claimant"],
                "stance": cl["stance"],
                "what": cl["claim"],
                "line": cl["line"],
                "words in the article": cl["text"],
            }
        )
        .astype(object)
        .fillna("")
    )
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
    df = (
        pd.DataFrame(
            {
                "date": [fmt_date(d) for d in conf["date"]],
                "who": conf["claimant"],
                "stance": conf["stance"],
                "what": conf["claim"],
                "line": conf["line"],
            }
        )
        .astype(object)
        .fillna("")
    )
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
