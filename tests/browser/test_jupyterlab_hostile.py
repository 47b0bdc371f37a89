"""A hostile seed in JupyterLab: every lesson runs on it, nothing in it executes, and its
markup shows as text (the kernel reads the seed from CONFLICTKIT_SEED, which it inherits
from the server)."""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest

from tools.export import browser

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = Path(__file__).parent / "fixtures" / "hostile_seed.txt"
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_hostile_seed_in_jupyterlab(chromium: t.Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assert LESSONS, "no lessons found"
    monkeypatch.setenv("CONFLICTKIT_SEED", str(HOSTILE))
    dialogs: list[str] = []
    with browser.jupyterlab(ROOT) as lab:
        context = chromium.new_context(viewport={"width": 1366, "height": 900})
        for lesson in LESSONS:
            page = context.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            log = browser.watch(page, offline=True, allow=(lab.url,))
            lab.open(page, lesson.relative_to(ROOT).as_posix())
            lab.run_all(page)
            lab.wait_done(page)
            page.wait_for_timeout(500)  # let late outputs (plotly, widgets) render
            pwned = page.evaluate("() => window.__pwned")
            assert pwned is None, f"{lesson.stem}: seed text executed (window.__pwned={pwned})"
            shown = page.locator(".jp-NotebookPanel:visible").inner_text()
            assert "<script>window.__pwned=1</script>" in shown, f"{lesson.stem}: the hostile title is not shown as text"
            errors = page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
            tracebacks = [e for e in errors.all_inner_texts() if "Traceback" in e or "Error" in e]
            assert tracebacks == [], f"{lesson.stem}: {tracebacks[:1]}"
            assert log.blocked == [], f"{lesson.stem}: JupyterLab asked for the internet"
            page.close()
        context.close()
    assert dialogs == [], f"a dialog opened: {dialogs}"
