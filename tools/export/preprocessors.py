"""nbconvert preprocessors that make an executed lesson presentable with no network.

- :class:`OfflineOutputsPreprocessor` turns plotly mimetype outputs (which stock
  nbconvert drops) into plotly's own HTML without plotly.js (the template inlines
  plotly.js once), and replaces each widget view with a short note followed by what
  the widget showed when the notebook was executed (the figure inside its ``Output``),
  so the deck keeps the picture but not a control that would need a kernel.
- :class:`SlideLayoutPreprocessor` makes cells tagged ``notes`` speaker notes, hides
  cells tagged ``skip-slides``, splits a markdown cell at a ``<!-- ck:subslide -->``
  line into a slide and a sub-slide (the lessons' long header cell), and gives a
  notebook without any slide metadata a sensible layout (a new slide at every H1/H2,
  a sub-slide at every H3).
"""

from __future__ import annotations

import json
import re
import typing as t
import uuid

import nbformat
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Int, Unicode

from .sanitize import TRUSTED_HTML_MIMETYPE

PLOTLY_MIMETYPE: t.Final = "application/vnd.plotly.v1+json"
WIDGET_VIEW_MIMETYPE: t.Final = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE_MIMETYPE: t.Final = "application/vnd.jupyter.widget-state+json"

#: Trace types drawn by the ``plotly.js-basic-dist-min`` bundle; anything else needs
#: the full plotly.js.
BASIC_TRACE_TYPES: t.Final = frozenset({"scatter", "bar", "pie"})

WIDGET_NOTE: t.Final = (
    '<div class="ck-widget-note" role="note">'
    "<strong>Interactive control.</strong> Run this in JupyterLab or Binder to move it; "
    "below is what it showed when this file was built.</div>"
)


def trace_types(figure: dict[str, t.Any]) -> set[str]:
    """The trace types a plotly figure dict draws (``scatter`` when a trace has none)."""
    types = {trace.get("type", "scatter") for trace in figure.get("data", [])}
    for frame in figure.get("frames", []) or []:
        types |= {trace.get("type", "scatter") for trace in frame.get("data", [])}
    return types


def widget_state(metadata: t.Mapping[str, t.Any]) -> dict[str, t.Any]:
    """model id → saved model, from a notebook's metadata (empty if it saved none)."""
    return dict(metadata.get("widgets", {}).get(WIDGET_STATE_MIMETYPE, {}).get("state", {}))


def widget_outputs(model_id: str, state: dict[str, t.Any]) -> list[dict[str, t.Any]]:
    """The outputs held by the ``Output`` widgets under ``model_id``, in display order."""
    found: list[dict[str, t.Any]] = []
    seen: set[str] = set()

    def walk(mid: str) -> None:
        if mid in seen or mid not in state:
            return
        seen.add(mid)
        model = state[mid]
        widget_state = model.get("state", {})
        if model.get("model_name") == "OutputModel":
            found.extend(widget_state.get("outputs", []))
        for child in widget_state.get("children", []) or []:
            if isinstance(child, str) and child.startswith("IPY_MODEL_"):
                walk(child[len("IPY_MODEL_") :])

    walk(model_id)
    return found


def widget_controls(model_id: str, state: dict[str, t.Any]) -> list[str]:
    """What each control under ``model_id`` offers and what it showed at build time, as
    plain sentences: ``"Compare: strength, losses (shown: strength)"``."""
    found: list[str] = []
    seen: set[str] = set()

    def walk(mid: str) -> None:
        if mid in seen or mid not in state:
            return
        seen.add(mid)
        model = state[mid].get("state", {})
        label = str(model.get("description") or "").rstrip(": ") or "Choice"
        options = model.get("_options_labels")
        if isinstance(options, list) and options:
            index = model.get("index")
            chosen = [options[i] for i in (index if isinstance(index, list) else [index])
                      if isinstance(i, int) and 0 <= i < len(options)]  # fmt: skip
            listed = ", ".join(map(str, options[:6])) + (f"… ({len(options)} in all)" if len(options) > 6 else "")
            found.append(f"{label}: {listed} (shown: {', '.join(map(str, chosen)) or 'none'})")
        elif "min" in model and "max" in model and "value" in model:
            found.append(f"{label}: from {model['min']} to {model['max']} (shown: {model['value']})")
        for child in model.get("children", []) or []:
            if isinstance(child, str) and child.startswith("IPY_MODEL_"):
                walk(child[len("IPY_MODEL_") :])

    walk(model_id)
    return found


class OfflineOutputsPreprocessor(Preprocessor):
    """Plotly outputs to self-contained HTML, widget views to a note plus their contents.

    Records in ``resources["conflictkit"]`` the number of figures and the trace types
    used, so the exporter can inline the smallest plotly.js bundle that draws them.
    """

    figure_height = Int(0, help="If > 0, cap each figure's height at this many pixels (a 16:9 slide).").tag(config=True)
    responsive = Bool(True, help="Let figures take the width of their slide or page.").tag(config=True)
    widget_note = Unicode(WIDGET_NOTE, help="Trusted HTML shown in place of a widget.").tag(config=True)
    min_font_px = Int(0, help="If > 0, no plot text smaller than this many pixels (slides: 18).").tag(config=True)
    modebar = Bool(True, help="Keep plotly's toolbar (never its buttons that need the internet).").tag(config=True)

    def preprocess(
        self, nb: nbformat.NotebookNode, resources: dict[str, t.Any]
    ) -> tuple[nbformat.NotebookNode, dict[str, t.Any]]:
        info = resources.setdefault("conflictkit", {})
        info.setdefault("figures", 0)
        info.setdefault("trace_types", set())
        info.setdefault("widgets", 0)
        self._widget_state = widget_state(nb.metadata)
        nb.metadata.pop("widgets", None)  # ~5 MB of widget JavaScript state a static file cannot use
        self._info = info
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = self._convert_outputs(cell.outputs)
        return nb, resources

    def _convert_outputs(self, outputs: list[t.Any]) -> list[t.Any]:
        converted: list[t.Any] = []
        pending: list[t.Any] = list(outputs)
        while pending:
            output = pending.pop(0)
            data = output.get("data", {})
            if PLOTLY_MIMETYPE in data:
                summary = None
                nxt = pending[0].get("data", {}).get("text/html", "") if pending else ""
                if isinstance(nxt, str) and SUMMARY_CLASS in nxt:
                    summary = pending.pop(0)["data"]["text/html"]
                converted.append(self._plotly_output(output, summary))
            elif WIDGET_VIEW_MIMETYPE in data:
                self._info["widgets"] += 1
                model_id = data[WIDGET_VIEW_MIMETYPE].get("model_id", "")
                controls = widget_controls(model_id, self._widget_state)
                note = self.widget_note
                if controls:  # what the control changes, so the reader knows what is not shown
                    import html as html_mod

                    items = "".join(f"<li>{html_mod.escape(c)}</li>" for c in controls)
                    note = note.replace("</div>", f'<ul class="ck-controls">{items}</ul></div>', 1)
                converted.append(_trusted_output(note, "display_data"))
                inner = widget_outputs(model_id, self._widget_state)
                converted.extend(self._convert_outputs([nbformat.from_dict(o) for o in inner]))
            else:
                html = data.get("text/html")
                if isinstance(html, str) and "dataframe" in html:
                    data["text/html"] = reading_table(html)
                converted.append(output)
        return converted

    def _plotly_output(self, output: t.Any, summary: str | None = None) -> t.Any:
        import plotly.io as pio

        spec = output["data"][PLOTLY_MIMETYPE]
        if isinstance(spec, str):
            spec = json.loads(spec)
        figure = {"data": spec.get("data", []), "layout": dict(spec.get("layout", {}))}
        if spec.get("frames"):
            figure["frames"] = spec["frames"]
        layout = figure["layout"]
        if self.figure_height > 0:
            layout["height"] = min(int(layout.get("height") or self.figure_height),
                                   self.figure_height)  # fmt: skip
        if self.responsive:
            layout.pop("width", None)
            layout["autosize"] = True
        if self.min_font_px > 0:
            legible(figure, self.min_font_px)
        self._info["figures"] += 1
        self._info["trace_types"] |= trace_types(figure)
        config = dict(spec.get("config", {}) or {})
        config.setdefault("responsive", self.responsive)
        config.update(OFFLINE_CONFIG)
        if not self.modebar:
            config["displayModeBar"] = False
        html = pio.to_html(
            figure,
            config=config,
            include_plotlyjs=False,
            include_mathjax=False,
            full_html=False,
            default_height=f"{layout.get('height') or 450}px",
            validate=False,
            # plotly.py starts an animation on page load by default: a deck would open
            # on a day map already walking away from the day its slider and title show
            auto_play=False,
            div_id=f"ck-fig-{uuid.uuid4().hex[:12]}",
        )
        return _trusted_output(figure_html(html, alt_text(output, figure), summary),
                               output["output_type"], output.get("execution_count"))  # fmt: skip


#: No toolbar button that needs the internet (Chart Studio links, "send to cloud").
OFFLINE_CONFIG: t.Final = {
    "displaylogo": False,
    "showSendToCloud": False,  # (plotly.js 4 has dropped showLink and showEditInChartStudio)
    "modeBarButtonsToRemove": ["sendDataToCloud", "editInChartStudio", "toggleHover", "lasso2d", "select2d"],
}

_CHART_KIND: t.Final = {"bar": "Bar chart", "pie": "Pie chart", "heatmap": "Heat map", "histogram": "Histogram"}


def chart_kind(figure: dict[str, t.Any]) -> str:
    """The kind of chart ("Bar chart", "Line chart", "Dot chart", "Map") from its first traces."""
    for trace in figure.get("data", []):
        kind = trace.get("type", "scatter")
        if kind in _CHART_KIND:
            return _CHART_KIND[kind]
        if kind.startswith("scatter") and kind != "scatter":
            return "Map" if "geo" in kind or "map" in kind else "Chart"
        if kind == "scatter":
            mode = trace.get("mode") or "lines+markers"
            return "Line chart" if "lines" in mode else "Dot chart"
    return "Chart"


def _title_text(layout: dict[str, t.Any]) -> str:
    title = layout.get("title")
    text = title.get("text", "") if isinstance(title, dict) else str(title or "")
    return re.sub(r"<[^>]+>", " ", text).strip()


def alt_text(output: t.Any, figure: dict[str, t.Any]) -> str:
    """A short alternative text: the ``alt`` that ``View`` puts in the output's metadata
    (or in the figure's ``layout.meta.alt``), else the chart type and the figure's title."""
    meta = output.get("metadata", {}) or {}
    layout_meta = figure.get("layout", {}).get("meta")
    for alt in (meta.get("alt"), (meta.get(PLOTLY_MIMETYPE) or {}).get("alt"),
                layout_meta.get("alt") if isinstance(layout_meta, dict) else None):  # fmt: skip
        if isinstance(alt, str) and alt.strip():
            return alt.strip()
    title = _title_text(figure.get("layout", {}))
    return f"{chart_kind(figure)}: {title}" if title else chart_kind(figure)


def figure_html(plot_html: str, alt: str, summary_html: str | None) -> str:
    """A plot in a ``<figure>`` named by its alt text and described by its "In words"
    sentence (the ``figcaption``); the sentence is notebook HTML, so it is sanitised.
    Not ``role="img"``: the plot's toolbar buttons must stay reachable inside it."""
    import html as html_mod

    from .sanitize import clean_html

    fid = f"ck-cap-{uuid.uuid4().hex[:12]}"
    described = f' aria-describedby="{fid}"' if summary_html else ""
    caption = f'<figcaption id="{fid}">{clean_html(summary_html)}</figcaption>' if summary_html else ""
    return (f'<figure class="ck-figure" role="group" aria-label="{html_mod.escape(alt)}"{described}>'
            f'<div class="ck-plot">{plot_html}</div>'
            f"{caption}</figure>")  # fmt: skip


def _bump(font: t.Any, minimum: int) -> dict[str, t.Any]:
    font = dict(font) if isinstance(font, dict) else {}
    size = font.get("size")
    if not isinstance(size, (int, float)) or size < minimum:
        font["size"] = minimum
    return font


def legible(figure: dict[str, t.Any], minimum: int) -> None:
    """Raise every text size in ``figure`` to at least ``minimum`` px (in place): the
    base font, titles, axes, legend, annotations, slider labels and trace text."""
    layout = figure["layout"]
    layout["font"] = _bump(layout.get("font"), minimum)
    title = layout.get("title")
    if isinstance(title, dict):
        title["font"] = _bump(title.get("font"), minimum + 4)
    elif title:
        layout["title"] = {"text": str(title), "font": {"size": minimum + 4}}
    for key, axis in list(layout.items()):
        if re.fullmatch(r"[xy]axis\d*", key) and isinstance(axis, dict):
            axis["tickfont"] = _bump(axis.get("tickfont"), minimum)
            if isinstance(axis.get("title"), dict):
                axis["title"]["font"] = _bump(axis["title"].get("font"), minimum)
    if isinstance(layout.get("legend"), dict) or "legend" not in layout:
        legend = dict(layout.get("legend") or {})
        legend["font"] = _bump(legend.get("font"), minimum)
        if isinstance(legend.get("title"), dict):
            legend["title"]["font"] = _bump(legend["title"].get("font"), minimum)
        layout["legend"] = legend
    for note in layout.get("annotations", []) or []:
        note["font"] = _bump(note.get("font"), minimum)
    for group in ("sliders", "updatemenus"):
        for item in layout.get(group, []) or []:
            item["font"] = _bump(item.get("font"), minimum)
            if group == "sliders":
                cv = item.get("currentvalue")
                if isinstance(cv, dict):
                    cv["font"] = _bump(cv.get("font"), minimum)
    for trace in figure.get("data", []):
        for key in ("textfont", "insidetextfont", "outsidetextfont"):
            if key in trace or trace.get("text") is not None or trace.get("texttemplate"):
                trace[key] = _bump(trace.get(key), minimum)
    for key, axis in layout.items():
        # a log axis labels its minor ticks (2, 3, 5…) at 3/4 of the tick font: decades only
        if re.fullmatch(r"[xy]axis\d*", key) and isinstance(axis, dict) and axis.get("type") == "log":
            axis.setdefault("dtick", 1)
    # what frames, sliders and buttons set later (restyle/relayout arguments) as well
    _bump_everywhere(figure.get("frames", []), minimum)
    for group in ("sliders", "updatemenus"):
        for item in layout.get(group, []) or []:
            _bump_everywhere(item.get("steps", []) or item.get("buttons", []), minimum)
    margin = dict(layout.get("margin") or {})
    margin.setdefault("t", 70 if layout.get("title") else 30)
    layout["margin"] = margin


_FONT_KEY: t.Final = re.compile(r"(?:^|\.)\w*font$")  # font, tickfont, textfont, annotations[0].font
_FONT_SIZE_KEY: t.Final = re.compile(r"(?:^|\.)\w*font\.size$")  # "textfont.size" in restyle args


def _bump_everywhere(node: t.Any, minimum: int) -> None:
    """Raise every ``…font`` size found anywhere under ``node`` (frames, step args)."""
    if isinstance(node, list):
        for item in node:
            _bump_everywhere(item, minimum)
    elif isinstance(node, dict):
        for key, value in list(node.items()):
            if _FONT_KEY.search(key) and isinstance(value, dict):
                node[key] = _bump(value, minimum)
            elif _FONT_SIZE_KEY.search(key) and isinstance(value, (int, float)) and value < minimum:
                node[key] = minimum
            elif key in ("data", "layout", "args", "annotations") or isinstance(value, (list, dict)):
                _bump_everywhere(value, minimum)


_TD: t.Final = re.compile(r"(<td[^>]*>)(.*?)(</td>)", re.DOTALL)
_INDEX_HEAD: t.Final = re.compile(r"(<thead>\s*<tr[^>]*>)\s*<th[^>]*>\s*</th>")
_INDEX_CELL: t.Final = re.compile(r"(<tbody>.*?</tbody>)", re.DOTALL)
_ROW_HEADER: t.Final = re.compile(r"(<tr[^>]*>)\s*<th[^>]*>\s*\d+\s*</th>")
_WHOLE_FLOAT: t.Final = re.compile(r"^\s*(-?\d+)\.0+\s*$")  # 8000.0
_MIDNIGHT: t.Final = re.compile(r"^\s*(\d{4}-\d\d-\d\d)[ T]00:00:00\s*$")  # 2017-09-13 00:00:00
_MISSING: t.Final = frozenset({"NaN", "nan", "&lt;NA&gt;", "<NA>", "None", "NaT"})
_BOOL: t.Final = {"True": "yes", "False": "no"}


def reading_table(html: str) -> str:
    """A pandas ``text/html`` table made for reading: no 0, 1, 2… index column, whole
    numbers without ``.0``, missing values as a dash, dates whole (no midnight time),
    yes/no for booleans; the ``dataframe`` class kept so the CSS can style it."""
    if _ROW_HEADER.search(html):
        html = _INDEX_HEAD.sub(r"\1", html)
        html = _INDEX_CELL.sub(lambda m: _ROW_HEADER.sub(r"\1", m.group(1)), html)

    def cell(m: re.Match[str]) -> str:
        text = m.group(2)
        stripped = text.strip()
        if stripped in _MISSING:
            return f'{m.group(1)}<span aria-label="missing">–</span>{m.group(3)}'
        if stripped in _BOOL:
            return m.group(1) + _BOOL[stripped] + m.group(3)
        whole = _WHOLE_FLOAT.match(text)
        if whole:
            return m.group(1) + whole.group(1) + m.group(3)  # no separator: years stay 2017
        date = _MIDNIGHT.match(text)
        if date:
            return m.group(1) + date.group(1) + m.group(3)
        return m.group(0)

    return _TD.sub(cell, html)


def _trusted_output(html: str, output_type: str, execution_count: int | None = None) -> t.Any:
    out = nbformat.v4.new_output(
        "execute_result" if output_type == "execute_result" else "display_data",
        data={TRUSTED_HTML_MIMETYPE: html},
    )
    if output_type == "execute_result":
        out.execution_count = execution_count
    return out


_HEADING: t.Final = re.compile(r"^\s{0,3}(#{1,6})\s", re.MULTILINE)


class SlideLayoutPreprocessor(Preprocessor):
    """Speaker notes from tags, sub-slides from a marker line, and a default slide
    layout for notebooks without one."""

    notes_tags = Unicode("notes", help="Comma-separated tags that make a cell a speaker note.").tag(config=True)
    skip_tags = Unicode("skip-slides,remove-cell", help="Comma-separated tags that leave a cell out.").tag(config=True)
    subslide_marker = Unicode(
        "<!-- ck:subslide -->",
        help="A line of a markdown cell that starts a sub-slide (empty: never split).",
    ).tag(config=True)

    def preprocess(
        self, nb: nbformat.NotebookNode, resources: dict[str, t.Any]
    ) -> tuple[nbformat.NotebookNode, dict[str, t.Any]]:
        if self.subslide_marker:
            nb.cells = [part for cell in nb.cells for part in self._split(cell)]
        notes = {s.strip() for s in self.notes_tags.split(",") if s.strip()}
        skips = {s.strip() for s in self.skip_tags.split(",") if s.strip()}
        has_layout = any(cell.metadata.get("slideshow", {}).get("slide_type") for cell in nb.cells)
        for cell in nb.cells:
            tags = set(cell.metadata.get("tags", []))
            slideshow = cell.metadata.setdefault("slideshow", {})
            if tags & skips:
                slideshow["slide_type"] = "skip"
            elif tags & notes:
                slideshow["slide_type"] = "notes"
            elif not has_layout and cell.cell_type == "markdown":
                match = _HEADING.match(cell.source)
                if match and len(match.group(1)) <= 2:
                    slideshow["slide_type"] = "slide"
                elif match and len(match.group(1)) == 3:
                    slideshow["slide_type"] = "subslide"
        return nb, resources

    def _split(self, cell: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
        """The cell, or one markdown cell per part between marker lines: the first keeps
        the cell's metadata, the others are sub-slides."""
        if cell.cell_type != "markdown":
            return [cell]
        parts: list[list[str]] = [[]]
        for line in cell.source.splitlines():
            if line.strip() == self.subslide_marker:
                parts.append([])
            else:
                parts[-1].append(line)
        if len(parts) == 1:
            return [cell]
        cell.source = "\n".join(parts[0]).rstrip()
        cells = [cell]
        for n, lines in enumerate(parts[1:], start=1):
            part = nbformat.v4.new_markdown_cell("\n".join(lines).strip("\n"))
            part.metadata["slideshow"] = {"slide_type": "subslide"}
            part.metadata["tags"] = list(cell.metadata.get("tags", []))
            if cell.get("id"):
                part["id"] = f"{cell['id'][:60]}-{n}"
            cells.append(part)
        return cells


# --------------------------------------------------------------------------- presenting

#: Cell tags the lessons use (see the team board): exercise scaffolding, teacher notes.
EXERCISE_TAG: t.Final = "exercise"
TEACHER_TAG: t.Final = "teacher"
#: A markdown cell opening with this is a teacher note even without the tag, e.g.
#: "**Teacher notes**\n\n- Ask ...".
TEACHER_NOTE: t.Final = re.compile(r"^\s*(?:<!--.*?-->\s*)?\*\*Teacher notes?\b", re.IGNORECASE)
#: Exercise scaffolding a class should not see on a slide or paper: ``my_answer = ...``
#: then ``lesson.check(1, my_answer)``.
SCAFFOLD: t.Final = re.compile(r"^\s*my_answer\s*=|\blesson\.check\(", re.MULTILINE)
#: Hints and answers are for the teacher: ``lesson.hint(1)  # stuck? lesson.answer(1)``.
HINT: t.Final = re.compile(r"^\s*lesson\.(?:hint|answer)\(", re.MULTILINE)
#: A setup cell: ``# ck:setup: load the article ...``.
SETUP: t.Final = re.compile(r"^\s*#\s*ck:setup\b")
#: A one-line call of a lesson tool, which teaches nothing on a slide:
#: ``figures.strengths(art)``, ``explorers.side_comparison(art)``, ``lesson.question(1)``.
BARE_CALL: t.Final = re.compile(r"^\s*(?:figures|explorers|lesson|lessons)\.\w+\([^\n]*\)\s*(?:#[^\n]*)?\s*$")
#: A link to a sibling lesson: ``](01-chronology.ipynb)``, ``href="02-forces.ipynb#x"``.
LESSON_LINK: t.Final = re.compile(r"""(?P<pre>\]\(|href=["'])(?P<name>\d\d-[A-Za-z0-9_-]+)\.ipynb(?P<frag>#[^)"'\s]*)?""")
#: The article and its licence in a lesson's footer:
#: ``[*2017 Abu Kamal offensive*](https://en.wikipedia.org/wiki/...)`` and ``(CC BY-SA 4.0)``.
ARTICLE_LINK: t.Final = re.compile(r"\[\*(?P<title>[^*\]]+)\*\]\((?P<url>https?://[^)\s]+)\)")
LICENCE: t.Final = re.compile(r"\b(CC BY(?:-SA)? \d\.\d|CC0|public domain)\b", re.IGNORECASE)
#: A markdown heading line: ``## 1. The order of battle``.
HEADING_LINE: t.Final = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$", re.MULTILINE)
SUMMARY_CLASS: t.Final = 'class="ck-summary"'


#: A teacher note inside a student-facing markdown cell: a blockquote or paragraph that
#: opens with it, e.g. ``> **Teacher note.** SOHR is a UK-based monitor ...``.
TEACHER_BLOCK: t.Final = re.compile(
    r"(?:^|\n)(?P<block>(?:>[ \t]*)?\*\*Teacher notes?\b.*?)(?=\n[ \t]*\n|\Z)", re.IGNORECASE | re.DOTALL
)


def split_teacher_notes(source: str) -> tuple[str, list[str]]:
    """(the markdown without its teacher-note paragraphs, those paragraphs unquoted)."""
    notes: list[str] = []

    def take(m: re.Match[str]) -> str:
        notes.append(re.sub(r"^>[ \t]?", "", m["block"], flags=re.MULTILINE))
        return ""

    kept = TEACHER_BLOCK.sub(take, source)
    return kept.strip("\n"), notes


#: A markdown cell for the student to type into: ``*Write your ranking here (double-click to edit):*``.
ANSWER_CELL: t.Final = re.compile(r"double-click to edit", re.IGNORECASE)


def tags(cell: t.Any) -> set[str]:
    return set(cell.metadata.get("tags", []))


def is_teacher(cell: t.Any) -> bool:
    """Teacher material: tagged ``teacher``, a markdown "**Teacher notes**" cell, or a hint/answer call."""
    if TEACHER_TAG in tags(cell):
        return True
    if cell.cell_type == "markdown":
        return bool(TEACHER_NOTE.match(cell.source))
    return cell.cell_type == "code" and bool(HINT.search(cell.source)) and not SCAFFOLD.search(cell.source)


def is_scaffolding(cell: t.Any) -> bool:
    """Exercise check cells (tagged ``exercise`` or ``my_answer = ...``/``lesson.check``)."""
    if cell.cell_type != "code":
        if ANSWER_CELL.search(cell.source):
            return True
        return EXERCISE_TAG in tags(cell) and not cell.source.lstrip().startswith("#")
    return EXERCISE_TAG in tags(cell) or bool(SCAFFOLD.search(cell.source))


def rewrite_lesson_links(text: str, suffix: str) -> str:
    """``01-chronology.ipynb`` → ``01-chronology<suffix>`` (the exported sibling)."""
    return LESSON_LINK.sub(lambda m: f"{m['pre']}{m['name']}{suffix}{m['frag'] or ''}", text)


class LessonLinksPreprocessor(Preprocessor):
    """Links between lessons point at the exported siblings, not at ``.ipynb`` files
    that are not beside a deck or page."""

    suffix = Unicode(".html", help="What a lesson's name gets instead of .ipynb").tag(config=True)

    def preprocess(
        self, nb: nbformat.NotebookNode, resources: dict[str, t.Any]
    ) -> tuple[nbformat.NotebookNode, dict[str, t.Any]]:
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = rewrite_lesson_links(cell.source, self.suffix)
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                for mime in ("text/html", "text/markdown"):
                    if isinstance(data.get(mime), str):
                        data[mime] = rewrite_lesson_links(data[mime], self.suffix)
        return nb, resources


class HandoutPreprocessor(Preprocessor):
    """A student's page: no teacher notes, hints or answers, no setup noise, and exercise
    checks shown as the line to complete (without the "✘ Not yet" of an unanswered run)."""

    def preprocess(
        self, nb: nbformat.NotebookNode, resources: dict[str, t.Any]
    ) -> tuple[nbformat.NotebookNode, dict[str, t.Any]]:
        kept = []
        for cell in nb.cells:
            if is_teacher(cell) or "notes" in tags(cell):
                continue
            if cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
                continue
            if cell.cell_type == "code" and is_scaffolding(cell):
                cell.outputs = []
            if cell.cell_type == "markdown":
                cell.source, _ = split_teacher_notes(cell.source)
            kept.append(cell)
        nb.cells = kept
        return nb, resources


def _headings(source: str) -> list[tuple[int, str]]:
    return [(len(m["hashes"]), m["text"]) for m in HEADING_LINE.finditer(source)]


def _plain(markdown: str) -> str:
    text = re.sub(r"<[^>]+>", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`#>]", "", text).strip()


def _has_figure(cell: t.Any) -> bool:
    return any(PLOTLY_MIMETYPE in o.get("data", {}) or WIDGET_VIEW_MIMETYPE in o.get("data", {})
               for o in cell.get("outputs", []))  # fmt: skip


def _summaries(cell: t.Any) -> list[str]:
    found = []
    for o in cell.get("outputs", []):
        html = o.get("data", {}).get("text/html", "")
        if isinstance(html, str) and SUMMARY_CLASS in html:
            found.append(_plain(html))
    return found


class PresentationPreprocessor(Preprocessor):
    """Turn a lesson into a deck for the back of the room.

    Runs after :class:`SlideLayoutPreprocessor`. One level of slides (no vertical
    stacks, no fragments), so → alone walks everything and ``?print-pdf`` gives one page
    per slide; exercise scaffolding, setup cells and skipped cells left out; teacher
    notes and hints as speaker notes; the input of one-line calls (``figures.x(art)``)
    hidden; a heading-and-text slide merged with the figure that follows; a title on
    every slide; speaker notes on every slide with a chart; a title slide first.
    """

    title_slide = Bool(True, help="Start with a slide naming lesson, article, date and licence.").tag(config=True)
    merge_chars = Int(420, help="A slide with no output and at most this much text joins the next one.").tag(config=True)

    def preprocess(
        self, nb: nbformat.NotebookNode, resources: dict[str, t.Any]
    ) -> tuple[nbformat.NotebookNode, dict[str, t.Any]]:
        cells = []
        for cell in nb.cells:
            kind = cell.metadata.get("slideshow", {}).get("slide_type")
            if is_scaffolding(cell) or (cell.cell_type == "code" and SETUP.match(cell.source)):
                continue
            if kind == "skip" and not is_teacher(cell):
                continue
            if is_teacher(cell) or kind == "notes":
                cell.metadata.setdefault("slideshow", {})["slide_type"] = "notes"
                if cell.cell_type == "code":
                    cell.metadata.setdefault("transient", {})["remove_source"] = True
                cells.append(cell)
                continue
            if cell.cell_type == "markdown":
                cell.source, notes = split_teacher_notes(cell.source)
                if notes:
                    note = nbformat.v4.new_markdown_cell("\n\n".join(notes))
                    note.metadata["slideshow"] = {"slide_type": "notes"}
                    cells.append(note)
            if cell.cell_type == "code" and BARE_CALL.match(cell.source):
                cell.metadata.setdefault("transient", {})["remove_source"] = True
            if cell.cell_type == "code" and not cell.get("outputs") and cell.metadata.get("transient", {}).get("remove_source"):
                continue
            cell.metadata.setdefault("slideshow", {})["slide_type"] = "slide" if kind in ("slide", "subslide") else "-"
            cells.append(cell)
        groups = self._group(cells)
        groups = self._merge(groups)
        out: list[t.Any] = []
        if self.title_slide:
            out.append(self._title_cell(nb))
        last_heading = ""
        for group in groups:
            visible = [c for c in group if c.metadata["slideshow"]["slide_type"] != "notes"]
            heads = [h for c in visible if c.cell_type == "markdown" for h in _headings(c.source)]
            if heads:
                last_heading = heads[-1][1]
            elif last_heading and visible:
                # every slide says what it is about, even the second of a section
                cont = nbformat.v4.new_markdown_cell(f"### {last_heading} (continued)")
                cont.metadata["slideshow"] = {"slide_type": "-"}
                group.insert(group.index(visible[0]), cont)
                visible.insert(0, cont)
            if not visible:
                continue
            for cell in visible:
                cell.metadata["slideshow"]["slide_type"] = "-"
            visible[0].metadata["slideshow"]["slide_type"] = "slide"
            has_notes = any(c.metadata["slideshow"]["slide_type"] == "notes" for c in group)
            charts = [c for c in visible if _has_figure(c)]
            if charts and not has_notes:
                words = [s for c in charts for s in _summaries(c)] or ["Let the class read the chart before you explain it."]
                note = nbformat.v4.new_markdown_cell("\n\n".join(words))
                note.metadata["slideshow"] = {"slide_type": "notes"}
                group.append(note)
            out.extend(group)
        nb.cells = out
        return nb, resources

    @staticmethod
    def _group(cells: list[t.Any]) -> list[list[t.Any]]:
        groups: list[list[t.Any]] = []
        for cell in cells:
            if cell.metadata["slideshow"]["slide_type"] == "slide" or not groups:
                groups.append([])
            groups[-1].append(cell)
        return groups

    def _merge(self, groups: list[list[t.Any]]) -> list[list[t.Any]]:
        """A slide with only text (a section heading and its sentence) takes the next
        slide's content when that slide does not open with a heading of its own level."""
        merged: list[list[t.Any]] = []
        for group in groups:
            if merged and (self._can_take(merged[-1], group) or self._joins(merged[-1], group)):
                group[0].metadata["slideshow"]["slide_type"] = "-"
                merged[-1].extend(group)
            else:
                merged.append(group)
        return merged

    def _joins(self, prev: list[t.Any], group: list[t.Any]) -> bool:
        """Short text-only slides in a row (the exercise questions) share one slide."""
        return self._text_only(prev, 900) and self._text_only(group, 300, heading_ok=False)

    @staticmethod
    def _text_only(group: list[t.Any], chars: int, heading_ok: bool = True) -> bool:
        shown = [c for c in group if c.metadata["slideshow"]["slide_type"] != "notes"]
        if not shown or any(_has_figure(c) for c in shown):
            return False
        if any(c.source.lstrip().startswith("<!-- ck:") for c in shown):
            return False
        text = 0
        for c in shown:
            if c.cell_type == "markdown":
                if not heading_ok and _headings(c.source)[:1] and _headings(c.source)[0][0] <= 2:
                    return False
                text += len(_plain(c.source))
            else:
                if c.metadata.get("transient", {}).get("remove_source") is not True:
                    text += len(c.source)
                for o in c.get("outputs", []):
                    html = o.get("data", {}).get("text/html", "")
                    if "<table" in str(html):
                        return False
                    text += len(_plain(str(html or o.get("text", ""))))
        return text <= chars

    def _can_take(self, prev: list[t.Any], nxt: list[t.Any]) -> bool:
        shown = [c for c in prev if c.metadata["slideshow"]["slide_type"] != "notes"]
        if not shown or any(c.cell_type == "code" for c in shown):
            return False
        if any(c.source.lstrip().startswith("<!-- ck:") for c in shown):  # header, footer
            return False
        text = sum(len(_plain(c.source)) for c in shown)
        first = next((c for c in nxt if c.metadata["slideshow"]["slide_type"] != "notes"), None)
        if first is None:
            return True
        if first.cell_type == "markdown" and _headings(first.source)[:1] and \
                _headings(first.source)[0][0] <= 2:  # fmt: skip
            return False
        return text <= self.merge_chars

    @staticmethod
    def _title_cell(nb: nbformat.NotebookNode) -> t.Any:
        import datetime
        import html

        everything = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        title = next((txt for level, txt in _headings(everything) if level == 1), "")
        article = ARTICLE_LINK.search(everything)
        licence = LICENCE.search(everything)
        lines = [f"<h1>{html.escape(_plain(title) or 'Lesson')}</h1>"]
        if article:
            lines.append(f'<p>Article: <a href="{html.escape(article["url"])}"><cite>'
                         f"{html.escape(article['title'])}</cite></a> (Wikipedia)</p>")  # fmt: skip
        lines.append(f"<p>Built {datetime.date.today().isoformat()}</p>")
        if licence:
            lines.append(f"<p>Licence: {html.escape(licence.group(1))} (text, tables and figures)</p>")
        cell = nbformat.v4.new_markdown_cell('<div class="ck-title">' + "\n".join(lines) + "</div>")
        cell.metadata["slideshow"] = {"slide_type": "slide"}
        return cell
