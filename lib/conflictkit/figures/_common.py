"""What every figure is drawn with: escaped text, sides, source sentences, the View, the layout."""

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

if t.TYPE_CHECKING:  # checked against the real class; no import cost at run time
    from conflictkit.article import Article as Article
else:
    Article = t.Any

NOT_REPORTED: t.Final = "not reported in this article"
PLOTLY_MIME: t.Final = "application/vnd.plotly.v1+json"
# No "responsive": with it plotly.js sizes the graph from its parent on every relayout,
# and a JupyterLab output area takes its height from the graph, so moving a plotly
# slider or box-zooming collapsed the figure to zero height. Figures set their height.
PLOTLY_CONFIG: t.Final = {"displaylogo": False}
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


def data_and_article(
    data: pd.DataFrame | Article, art: Article | None, table: str, figure: str
) -> tuple[pd.DataFrame, Article]:
    """``figure(df, art)`` draws the rows a lesson selected; ``figure(art)`` all of
    ``art.<table>``. The article is still needed for side names and the objective."""
    if isinstance(data, pd.DataFrame):
        if art is None:
            raise TypeError(f"figures.{figure}(df, art): pass the article too, e.g. figures.{figure}(df, art)")
        return data, art
    return _table(data, table), data


# ---------------------------------------------------------------------------- sides and lines


def side_names(art: Article) -> dict[int, str]:
    """Short legend label per infobox side: the article's own; with no combatants at all,
    labels for the sides the casualties name."""
    names = dict(art.side_names())
    if names:
        return names
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
    ``view.details`` extra sentences computed with it (e.g. the conclusions),
    ``view.alt`` a short text alternative: the kind of chart and what it shows, never
    its numbers (the summary gives those). It travels in ``layout.meta.alt``, where the
    deck and handout exporters make it the figure's accessible name.

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
        alt: str = "",
    ) -> None:
        self.spec: Spec | None = figure if isinstance(figure, dict) else None
        self._figure: go.Figure | None = None if isinstance(figure, dict) else figure
        self.summary = summary
        self.html = html_block
        self.title = title
        self.empty = empty
        self.details = list(details)
        self.alt = alt

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
        if self.alt:
            layout = fig.setdefault("layout", {})
            meta = layout.get("meta")
            layout["meta"] = {**(meta if isinstance(meta, dict) else {}), "alt": self.alt}
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


def rows_axis(labels: list[str]) -> dict[str, t.Any]:
    """A y axis of one labelled row per item, the first item at the top (bars, intervals)."""
    n = len(labels)
    return {"tickmode": "array", "tickvals": list(range(n)), "ticktext": labels,
            "range": [n - 0.5, -0.5], "showgrid": False}  # fmt: skip


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
