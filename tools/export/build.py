"""Execute lessons once and write offline decks and/or pages for them.

    python -m tools.export.build_slides            # build/slides/NN-name.slides.html
    python -m tools.export.build_html              # build/html/NN-name.html
    python -m tools.export.build_slides --seed seeds/other.txt notebooks/01-*.ipynb

Each lesson is executed headless with tools/nbexec.py (which carries the nbclient hang
fix); the executed copy is kept in ``build/executed/`` so tests can compare a deck
with the notebook it came from.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import typing as t
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT: t.Final = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script, not with -m
    sys.path.insert(0, str(ROOT))

FORMATS: t.Final = ("slides", "html")
SUFFIX: t.Final = {"slides": ".slides.html", "html": ".html"}


@dataclass
class Built:
    """What one lesson turned into."""

    notebook: Path
    executed: Path
    outputs: dict[str, Path] = field(default_factory=dict)
    figures: int = 0
    widgets: int = 0
    plotly_bundle: str = ""
    trace_types: tuple[str, ...] = ()
    seconds: float = 0.0


def lessons(root: Path = ROOT) -> list[Path]:
    """The numbered lessons, ``notebooks/NN-*.ipynb``, in order."""
    return sorted((root / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def build_one(
    notebook: Path,
    out: Path,
    formats: t.Sequence[str] = FORMATS,
    seed: Path | None = None,
    timeout: int = 120,
) -> Built:
    """Execute ``notebook`` and export it in each of ``formats`` under ``out/<format>/``."""
    import nbformat

    from tools.export import assets
    from tools.export.exporters import OfflineHTMLExporter, OfflineSlidesExporter
    from tools.nbexec import execute_notebook

    start = time.monotonic()
    nb = execute_notebook(notebook, seed=seed, timeout=timeout)
    executed = out / "executed" / notebook.name
    executed.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, executed)
    built = Built(notebook=notebook, executed=executed)
    exporters = {"slides": OfflineSlidesExporter, "html": OfflineHTMLExporter}
    for fmt in formats:
        body, resources = exporters[fmt]().from_notebook_node(
            nbformat.from_dict(nb), resources={"metadata": {"name": notebook.stem}}
        )
        target = out / fmt / (notebook.stem + SUFFIX[fmt])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
        built.outputs[fmt] = target
        info = resources.get("conflictkit", {})
        built.figures, built.widgets = info.get("figures", 0), info.get("widgets", 0)
        built.trace_types = tuple(sorted(info.get("trace_types", ())))
        if built.figures:
            built.plotly_bundle = assets.plotlyjs(info.get("trace_types", ()))[0]
    built.seconds = time.monotonic() - start
    return built


def build(
    notebooks: t.Sequence[Path],
    out: Path = ROOT / "build",
    formats: t.Sequence[str] = FORMATS,
    seed: Path | None = None,
    jobs: int | None = None,
    timeout: int = 120,
) -> list[Built]:
    """Build every notebook, ``jobs`` at a time (default: one per core, at most 4)."""
    from tools.export import assets

    assets.reveal()  # fail early, with the npm hint, before executing anything
    jobs = jobs or min(4, os.cpu_count() or 1, max(1, len(notebooks)))
    args = [(Path(nb), Path(out), tuple(formats), seed, timeout) for nb in notebooks]
    if jobs == 1:
        return [build_one(*a) for a in args]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(build_one, *zip(*args, strict=True)))


def main(argv: t.Sequence[str] | None = None, formats: t.Sequence[str] = FORMATS) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/NN-*.ipynb")
    parser.add_argument("--out", type=Path, default=ROOT / "build", help="default: build/")
    parser.add_argument("--seed", type=Path, help="run the lessons on this seed instead")
    parser.add_argument("--jobs", type=int, help="lessons executed at once")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or lessons()
    if not notebooks:
        print("no lessons found in notebooks/ (NN-name.ipynb)", file=sys.stderr)
        return 1
    from tools.export.assets import MissingAssetError

    try:
        results = build(notebooks, args.out, formats, args.seed, args.jobs, args.timeout)
    except MissingAssetError as exc:
        print(exc, file=sys.stderr)
        return 2
    from tools.export.preprocessors import BASIC_TRACE_TYPES

    for r in results:
        extra = sorted(set(r.trace_types) - BASIC_TRACE_TYPES)
        if extra:
            print(f"WARNING: {r.notebook.stem} draws {', '.join(extra)}, outside plotly's basic bundle "
                  f"({', '.join(sorted(BASIC_TRACE_TYPES))}): its files inline the full plotly.js",
                  file=sys.stderr)  # fmt: skip
        for path in r.outputs.values():
            size = path.stat().st_size / 1e6
            print(f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}"
                  f"  {size:.2f} MB  {r.figures} figures  {r.widgets} widgets"
                  f"  {r.plotly_bundle or 'no plotly.js'}  ({r.seconds:.1f} s)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
