"""The JavaScript and CSS a deck or page inlines, read from installed packages.

reveal.js (and, for decks whose figures only use basic traces, the basic plotly.js
bundle) come from ``node_modules/`` as pinned by ``package-lock.json`` (``npm ci``);
the full plotly.js comes from the plotly Python package, so it always matches the
plotly.py that wrote the figures. Nothing is copied into the repository.
"""

from __future__ import annotations

import functools
import json
import os
import re
import typing as t
from pathlib import Path

from .preprocessors import BASIC_TRACE_TYPES

ROOT: t.Final = Path(__file__).resolve().parents[2]
REVEAL_THEME: t.Final = "simple"


class MissingAssetError(RuntimeError):
    """A JavaScript dependency is not installed; the message says how to install it."""


def node_modules() -> Path:
    return Path(os.environ.get("CONFLICTKIT_NODE_MODULES", ROOT / "node_modules"))


def _read(path: Path) -> str:
    if not path.is_file():
        raise MissingAssetError(f"{path} is missing: run `npm ci` in {ROOT} (make slides does it for you)")
    return path.read_text(encoding="utf-8")


def script_safe(js: str) -> str:
    """Make JavaScript safe to put between ``<script>`` tags.

    ``</script`` would end the element and ``<!--``/``<script`` change how the HTML
    parser reads the rest of it; ``\\x3C`` means ``<`` in JS strings, templates and regexes.
    """
    return re.sub(r"<(?=!--|/?script)", r"\\x3C", js, flags=re.IGNORECASE)


def _no_imports(css: str) -> str:
    # Themes @import web fonts from Google; offline that is a failed request.
    return re.sub(r"@import\s+[^;]+;", "", css)


@functools.cache
def reveal(theme: str = REVEAL_THEME) -> dict[str, str]:
    """reveal.js core, its stylesheet, ``theme`` (web-font imports removed) and the
    speaker-notes plugin."""
    dist = node_modules() / "reveal.js" / "dist"
    version = json.loads(_read(node_modules() / "reveal.js" / "package.json"))["version"]
    return {
        "version": version,
        "js": script_safe(_read(dist / "reveal.js")),
        "notes_js": script_safe(_read(dist / "plugin" / "notes.js")),
        "css": _read(dist / "reveal.css"),
        "theme_css": _no_imports(_read(dist / "theme" / f"{theme}.css")),
    }


@functools.cache
def _full_plotlyjs() -> str:
    from plotly.offline import get_plotlyjs

    return script_safe(get_plotlyjs())


def _plotlyjs_version(js: str) -> str | None:
    match = re.search(r"plotly\.js(?: \([^)]*\))? v(\d+\.\d+\.\d+)", js[:400])
    return match.group(1) if match else None


@functools.cache
def _basic_plotlyjs() -> str | None:
    path = node_modules() / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
    if not path.is_file():
        return None
    js = path.read_text(encoding="utf-8")
    # Only use the basic bundle when it is the very plotly.js plotly.py was built for.
    if _plotlyjs_version(js) != _plotlyjs_version(_full_plotlyjs()):
        return None
    return script_safe(js)


def plotlyjs(trace_types: t.Iterable[str]) -> tuple[str, str]:
    """(bundle name, script) of the smallest plotly.js that draws ``trace_types``."""
    if set(trace_types) <= BASIC_TRACE_TYPES:
        basic = _basic_plotlyjs()
        if basic is not None:
            return "plotly.js-basic-dist-min", basic
    return "plotly.js (full, from plotly.py)", _full_plotlyjs()
