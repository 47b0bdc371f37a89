"""Screenshots of each lesson in JupyterLab for the README: docs/screenshots/NN-name.png.

    python tools/screenshots.py                 # every lesson (make screenshots)
    python tools/screenshots.py notebooks/02-forces.ipynb

Each lesson is opened in a JupyterLab started on loopback (nothing is saved: autosave
is off), run with Run ▸ Run All Cells, and photographed with its first figure in view.
PNGs are kept under 300 KB (the window is made smaller until they are).
"""

from __future__ import annotations

import argparse
import sys
import typing as t
from pathlib import Path

ROOT: t.Final = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.export import browser  # noqa: E402
from tools.export.build import lessons  # noqa: E402

OUT: t.Final = ROOT / "docs" / "screenshots"
MAX_BYTES: t.Final = 300_000
SIZES: t.Final = [(1280, 800), (1152, 720), (1024, 640)]


def shoot(lab: browser.Lab, chromium: t.Any, notebook: Path, out: Path) -> int:
    """Photograph one lesson; returns the PNG's size in bytes."""
    rel = notebook.resolve().relative_to(ROOT).as_posix()
    for width, height in SIZES:
        context = chromium.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        browser.watch(page, offline=True, allow=(lab.url,))
        lab.open(page, rel)
        page.keyboard.press("Control+b")  # hide the file browser: more room for the lesson
        lab.run_all(page)
        lab.wait_done(page)
        page.wait_for_timeout(500)
        # the first figure, else (lesson 00 has tables only) the first table a cell printed
        plot = page.locator(".jp-OutputArea .js-plotly-plot")
        if not plot.count():
            plot = page.locator(".jp-OutputArea-output table")
        if plot.count():
            plot.first.scroll_into_view_if_needed()
            # show the code cell above the figure too
            page.mouse.wheel(0, -160)
            page.wait_for_timeout(400)
        png = page.screenshot(type="png")
        context.close()
        if len(png) <= MAX_BYTES:
            break
    out.write_bytes(png)
    return len(png)


def main(argv: t.Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every lesson")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not browser.CHROMIUM.exists():
        print(f"{browser.CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    notebooks = args.notebooks or lessons()
    with browser.jupyterlab(ROOT) as lab, sync_playwright() as p:
        chromium = browser.launch(p)
        for nb in notebooks:
            target = args.out / f"{nb.stem}.png"
            size = shoot(lab, chromium, nb, target)
            print(f"{target.relative_to(ROOT)}  {size / 1000:.0f} KB")
            if size > MAX_BYTES:
                print(f"  over {MAX_BYTES / 1000:.0f} KB even at the smallest size", file=sys.stderr)
                return 1
        chromium.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
