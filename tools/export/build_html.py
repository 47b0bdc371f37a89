"""Offline standalone HTML pages for the lessons: ``python -m tools.export.build_html``.

Writes ``build/html/NN-name.html``, one self-contained file per lesson. See
:mod:`tools.export.build` for the options.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as tools/export/build_html.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tools.export.build import main

if __name__ == "__main__":
    raise SystemExit(main(formats=("html",)))
