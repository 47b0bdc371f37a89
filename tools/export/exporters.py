"""nbconvert exporters for offline reveal.js decks and offline standalone HTML pages.

Both derive from nbconvert's own exporters and templates (``reveal`` and ``lab``);
what they change:

- no CDN: reveal.js, its notes plugin and plotly.js are inlined (plotly.js once per
  file, and only if the file has a figure); require.js, jQuery, MathJax, mermaid and
  the widget manager are not loaded at all;
- plotly figures are kept (see :mod:`.preprocessors`), widgets become a note;
- every notebook-supplied HTML is sanitised (see :mod:`.sanitize`).

Use from Python (``OfflineSlidesExporter().from_notebook_node(nb)``) or from the
command line (``python -m tools.export.build_slides``).
"""

from __future__ import annotations

import typing as t
from pathlib import Path

from nbconvert.exporters import HTMLExporter, SlidesExporter
from traitlets import Bool, List, Unicode, default
from traitlets.config import Config

from . import assets
from .preprocessors import (
    HandoutPreprocessor,
    LessonLinksPreprocessor,
    OfflineOutputsPreprocessor,
    PresentationPreprocessor,
    SlideLayoutPreprocessor,
)
from .sanitize import TRUSTED_HTML_MIMETYPE, clean_html

TEMPLATES: t.Final = Path(__file__).resolve().parent / "templates"

#: 16:9, the shape of a classroom projector or a laptop screen in full-screen mode.
SLIDE_WIDTH: t.Final = 1280
SLIDE_HEIGHT: t.Final = 720
#: Tallest figure that leaves room for a heading and a line of code on a 720 px slide.
SLIDE_FIGURE_HEIGHT: t.Final = 440
#: Smallest plot text on a slide, in px at 1280×720: what reads from the back row.
SLIDE_MIN_FONT_PX: t.Final = 19  # 18 px after reveal.js scales a 1280×720 slide by 0.96


def _plotly_js(trace_types: t.Iterable[str]) -> str:
    return assets.plotlyjs(trace_types)[1]


def _plotly_bundle(trace_types: t.Iterable[str]) -> str:
    return assets.plotlyjs(trace_types)[0]


class _OfflineMixin:
    """What the slide and page exporters share: filters, output priority, sanitising."""

    offline_filters: t.ClassVar[dict[str, t.Callable[..., t.Any]]] = {
        # replaces nbconvert's clean_html, whose allow-list lacks <p>, <h1>, <th>...
        "clean_html": clean_html,
        "plotly_js": _plotly_js,
        "plotly_bundle": _plotly_bundle,
    }

    @property
    def default_config(self) -> Config:
        c: Config = super().default_config  # type: ignore[misc]
        priority = [TRUSTED_HTML_MIMETYPE, *c.NbConvertBase.display_data_priority]
        c.merge(Config({"NbConvertBase": {"display_data_priority": priority}}))
        return c

    def default_filters(self) -> t.Iterator[tuple[str, t.Callable[..., t.Any]]]:
        yield from super().default_filters()  # type: ignore[misc]
        yield from self.offline_filters.items()


class OfflineSlidesExporter(_OfflineMixin, SlidesExporter):
    """One self-contained 16:9 reveal.js deck per notebook; works with no network."""

    export_from_notebook = "Offline reveal.js slides"
    sanitize_html = Bool(True).tag(config=True)
    exclude_input_prompt = Bool(True).tag(config=True)
    exclude_output_prompt = Bool(True).tag(config=True)
    extra_template_basedirs = List([str(TEMPLATES)]).tag(config=True)
    extra_template_paths = List([str(TEMPLATES)]).tag(config=True)  # for ck_common.j2
    reveal_theme = Unicode(assets.REVEAL_THEME).tag(config=True)
    reveal_transition = Unicode("none").tag(config=True)
    reveal_number = Unicode("c/t").tag(config=True)
    reveal_width = Unicode(str(SLIDE_WIDTH)).tag(config=True)
    reveal_height = Unicode(str(SLIDE_HEIGHT)).tag(config=True)
    reveal_url_prefix = Unicode("").tag(config=True)  # nothing is fetched

    @default("template_name")
    def _template_name_default(self) -> str:
        return "ck_reveal"

    @default("preprocessors")
    def _preprocessors_default(self) -> list[t.Any]:
        # These run before the reveal template's own metadata preprocessor, so that
        # cells tagged "notes" are already speaker notes when it lays out the slides.
        return [SlideLayoutPreprocessor, PresentationPreprocessor, LessonLinksPreprocessor,
                OfflineOutputsPreprocessor]  # fmt: skip

    @property
    def default_config(self) -> Config:
        c = super().default_config
        c.merge(Config({
            "OfflineOutputsPreprocessor": {"figure_height": SLIDE_FIGURE_HEIGHT, "min_font_px": SLIDE_MIN_FONT_PX,
                                           "modebar": False},
            "LessonLinksPreprocessor": {"suffix": ".slides.html"},
        }))  # fmt: skip
        return c

    def _init_resources(self, resources: dict[str, t.Any]) -> dict[str, t.Any]:
        resources = super()._init_resources(resources)
        resources["reveal_assets"] = assets.reveal(self.reveal_theme)
        return resources


class OfflineHTMLExporter(_OfflineMixin, HTMLExporter):
    """One self-contained HTML page per notebook; works with no network."""

    export_from_notebook = "Offline HTML"
    sanitize_html = Bool(True).tag(config=True)
    extra_template_basedirs = List([str(TEMPLATES)]).tag(config=True)
    extra_template_paths = List([str(TEMPLATES)]).tag(config=True)  # for ck_common.j2

    @default("template_name")
    def _template_name_default(self) -> str:
        return "ck_lab"

    @default("preprocessors")
    def _preprocessors_default(self) -> list[t.Any]:
        return [HandoutPreprocessor, LessonLinksPreprocessor, OfflineOutputsPreprocessor]

    @property
    def default_config(self) -> Config:
        c = super().default_config
        c.merge(Config({"LessonLinksPreprocessor": {"suffix": ".html"},
                        # narrow enough to print whole on A4 and Letter (see ck_lab)
                        "OfflineOutputsPreprocessor": {"figure_height": 460}}))  # fmt: skip
        return c
