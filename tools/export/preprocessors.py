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


class OfflineOutputsPreprocessor(Preprocessor):
    """Plotly outputs to self-contained HTML, widget views to a note plus their contents.

    Records in ``resources["conflictkit"]`` the number of figures and the trace types
    used, so the exporter can inline the smallest plotly.js bundle that draws them.
    """

    figure_height = Int(0, help="If > 0, cap each figure's height at this many pixels (a 16:9 slide).").tag(config=True)
    responsive = Bool(True, help="Let figures take the width of their slide or page.").tag(config=True)
    widget_note = Unicode(WIDGET_NOTE, help="Trusted HTML shown in place of a widget.").tag(config=True)

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
        for output in outputs:
            data = output.get("data", {})
            if PLOTLY_MIMETYPE in data:
                converted.append(self._plotly_output(output))
            elif WIDGET_VIEW_MIMETYPE in data:
                self._info["widgets"] += 1
                converted.append(_trusted_output(self.widget_note, "display_data"))
                model_id = data[WIDGET_VIEW_MIMETYPE].get("model_id", "")
                inner = widget_outputs(model_id, self._widget_state)
                converted.extend(self._convert_outputs([nbformat.from_dict(o) for o in inner]))
            else:
                converted.append(output)
        return converted

    def _plotly_output(self, output: t.Any) -> t.Any:
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
        self._info["figures"] += 1
        self._info["trace_types"] |= trace_types(figure)
        config = dict(spec.get("config", {}) or {})
        config.setdefault("responsive", self.responsive)
        config.setdefault("displaylogo", False)
        html = pio.to_html(
            figure,
            config=config,
            include_plotlyjs=False,
            include_mathjax=False,
            full_html=False,
            default_height=f"{layout.get('height') or 450}px",
            validate=False,
            div_id=f"ck-fig-{uuid.uuid4().hex[:12]}",
        )
        return _trusted_output(f'<div class="ck-figure">{html}</div>', output["output_type"],
                               output.get("execution_count"))  # fmt: skip


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
