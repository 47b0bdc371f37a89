"""The lessons: structure of the committed notebooks, the exercises, and a headless run
of every lesson on every seed: bundled, invented, one with empty tables, and each test seed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pytest
from conflictkit import lessons

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SEEDS = {
    "bundled": None,
    "minimal": ROOT / "tests" / "seeds" / "minimal.txt",
    "empty": ROOT / "tests" / "seeds" / "minimal_empty.txt",
}
# every lesson also runs on every shape of article in the generality suite (issue: any seed)
SEEDS |= {p.stem: p for p in sorted((ROOT / "tests" / "seeds").glob("*.txt")) if p.stem not in ("minimal", "minimal_empty")}
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
CELL_TIMEOUT = 60

sys.path.insert(0, str(ROOT / "tools"))
import make_notebooks  # noqa: E402


def test_the_lessons_exist() -> None:
    names = [p.stem for p in NOTEBOOKS]
    assert names == [m.slug for m in make_notebooks.LESSONS]
    assert set(names) == set(lessons.EXERCISES)


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=lambda p: p.stem)
def nb(request: pytest.FixtureRequest) -> nbformat.NotebookNode:
    return nbformat.read(request.param, as_version=4)


def test_committed_without_outputs(nb: nbformat.NotebookNode) -> None:
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:40]


def test_header(nb: nbformat.NotebookNode) -> None:
    head = nb.cells[0].source
    assert head.startswith(make_notebooks.HEADER)
    for word in (
        "# ",
        "Audience",
        "Time",
        "Prerequisites",
        "Data used",
        "By the end",
        "Content note",
    ):
        assert word in head, word
    assert nb.cells[1].source.startswith(make_notebooks.SETUP)
    assert "lesson.picker()" in nb.cells[1].source


def test_footer_and_navigation(nb: nbformat.NotebookNode) -> None:
    i = nb.metadata["conflictkit"]["number"]
    foot = nb.cells[-1].source
    assert foot.startswith(make_notebooks.FOOTER)
    assert "Wikipedia" in foot and "CC BY-SA 4.0" in foot
    for cell in (nb.cells[0], nb.cells[-1]):
        links = re.findall(r"\]\(([^)]+\.ipynb)\)", cell.source)
        for link in links:
            assert (ROOT / "notebooks" / link).exists(), link
        if i > 0:
            assert f"{make_notebooks.LESSONS[i - 1].slug}.ipynb" in cell.source
        if i + 1 < len(make_notebooks.LESSONS):
            assert f"{make_notebooks.LESSONS[i + 1].slug}.ipynb" in cell.source


def test_exercises_discussion_key_points(nb: nbformat.NotebookNode) -> None:
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    checks = [s for s in code if "lesson.check(" in s]
    assert len(checks) >= 2
    assert sum("lesson.hint(" in s for s in code) >= 2
    assert "## Discussion" in md and "## Key points" in md
    # answers stay out of sight: never called in a visible cell, never typed in
    for s in code:
        live = "\n".join(line.split("#", 1)[0] for line in s.splitlines())
        assert "lesson.answer(" not in live and "solution(" not in live


def test_library_does_the_work(nb: nbformat.NotebookNode) -> None:
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        src = cell.source
        assert not re.search(r"import (plotly|ipywidgets)|from (plotly|ipywidgets)", src)
        assert "go.Figure" not in src and "re.search" not in src and "open(" not in src
        assert len(src.splitlines()) <= 6, "code cells stay small"


def test_slide_metadata(nb: nbformat.NotebookNode) -> None:
    types = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert all(t in SLIDE_TYPES for t in types), types
    assert types[0] == "slide" and types.count("slide") >= 4


def _notes(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "notes"
            or "notes" in c.metadata.get("tags", [])]  # fmt: skip


def test_speaker_notes(nb: nbformat.NotebookNode) -> None:
    """Every main section opens with 2–4 teaching notes for the presenter (speaker view),
    with no figure typed in from the article: numbers come from the library only."""
    notes = _notes(nb)
    assert len(notes) >= 3
    for cell in notes:
        assert cell.cell_type == "markdown" and cell.source.startswith(make_notebooks.TEACHER_NOTES)
        points = [line for line in cell.source.splitlines() if line.startswith("- ")]
        assert 2 <= len(points) <= 4, cell.source
        assert not re.search(r"\d", cell.source), cell.source
    for k, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            nxt = nb.cells[k + 1] if k + 1 < len(nb.cells) else None
            assert nxt is not None and nxt in notes, f"no notes after {cell.source.splitlines()[0]!r}"


def test_header_is_two_slides(nb: nbformat.NotebookNode) -> None:
    """The header would run past the bottom of a 1280×720 slide: the deck shows the title,
    description and content note first, the audience and objectives on a sub-slide."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tools.export.preprocessors import SlideLayoutPreprocessor

    head = nbformat.v4.new_notebook(cells=[nbformat.from_dict(nb.cells[0])])
    cells = SlideLayoutPreprocessor().preprocess(head, {})[0].cells
    assert [c.metadata["slideshow"]["slide_type"] for c in cells] == ["slide", "subslide"]
    assert "Content note" in cells[0].source and "Audience" not in cells[0].source
    assert "Audience" in cells[1].source and "By the end" in cells[1].source
    assert make_notebooks.SUBSLIDE not in cells[0].source + cells[1].source


def test_generator_is_up_to_date() -> None:
    assert make_notebooks.main(["--check"]) == 0


@pytest.mark.parametrize("seed", list(SEEDS))
@pytest.mark.parametrize("name", list(lessons.EXERCISES))
def test_self_checks_agree_with_answers(name: str, seed: str) -> None:
    lesson = lessons.Lesson(name, SEEDS[seed])
    for n, ex in enumerate(lesson.exercises, start=1):
        assert lesson.question(n).text and lesson.hint(n).text
        assert lesson.answer(n).text
        if ex.kind == "open":
            continue
        right = lesson.solution(n)
        given = "not reported" if right is None else right
        assert lesson.check(n, given).ok, (name, n, right)
        assert not lesson.check(n, ...).ok
        if ex.kind in ("number", "percent") and right is not None:
            assert not lesson.check(n, float(right) + 1000).ok


def test_bundled_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    lesson = lessons.Lesson("03-casualties")
    assert lesson.check(1, 997).ok and lesson.check(1, "997").ok
    share = lesson._ex(2).solve(lesson.art)
    assert lesson.check(2, f"{share:.0f}%").ok and lesson.check(2, share / 100).ok
    left_out = lesson.check(1, 728)  # the predicted mistake: civilians left out
    assert not left_out.ok and "Civilians left out" in repr(left_out)
    claims = lessons.Lesson("04-sources-and-claims")
    assert claims.check(2, "SOHR").ok and claims.check(2, "Syrian Observatory for Human Rights").ok
    assert not claims.check(2, "o").ok  # whole names, not substrings
    chrono = lessons.Lesson("01-chronology")
    assert chrono.check(2, 1).ok and chrono.check(2, "Syrian Arab Armed Forces").ok
    assert not chrono.check(2, "Islamic State").ok
    days = chrono._ex(1).solve(chrono.art)
    off_by_one = chrono.check(1, days - 1)
    assert chrono.check(1, days).ok and not off_by_one.ok and "Off by one" in repr(off_by_one)


def test_seed_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lessons.SEED_ENV, str(SEEDS["minimal"]))
    assert lessons.Lesson("00-start-here").art.title == "2031 Vellmar offensive"
    monkeypatch.delenv(lessons.SEED_ENV)
    assert lessons.Lesson("00-start-here").art.path.name == "2017_abu_kamal_offensive.txt"


# ---------------------------------------------------------------------------- execution


def _run(args: tuple[str, str | None]) -> tuple[str, float, str]:
    from nbexec import execute_notebook

    path, seed = args
    t0 = time.perf_counter()
    try:
        out = execute_notebook(path, seed=seed, timeout=CELL_TIMEOUT)
    except Exception as exc:  # noqa: BLE001 - reported by the test below
        return ("error", time.perf_counter() - t0, f"{type(exc).__name__}: {exc}"[-3000:])
    return ("ok", time.perf_counter() - t0, nbformat.writes(out))


@pytest.fixture(scope="module")
def executed() -> dict[tuple[str, str], tuple[str, float, str]]:
    """Every lesson on every seed, run in parallel processes (each its own kernel)."""
    jobs = [(p, s) for p in NOTEBOOKS for s in SEEDS]
    args = [(str(p), None if SEEDS[s] is None else str(SEEDS[s])) for p, s in jobs]
    workers = int(os.environ.get("CK_NB_WORKERS", max(2, min(6, (os.cpu_count() or 2) * 2))))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_run, args))
    return {(p.stem, s): r for (p, s), r in zip(jobs, results, strict=True)}


@pytest.mark.parametrize("seed", list(SEEDS))
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_lesson_runs(executed, path: Path, seed: str) -> None:
    status, seconds, payload = executed[(path.stem, seed)]
    assert status == "ok", payload
    out = nbformat.reads(payload, as_version=4)
    errors, html = [], []
    for cell in out.cells:
        for o in cell.get("outputs", []):
            if o.output_type == "error":
                errors.append(f"{o.ename}: {o.evalue}")
            if o.output_type == "stream" and o.name == "stderr" and "Traceback" in o.text:
                errors.append(o.text)
            html.append(json.dumps(o.get("data", {})))
    assert not errors, errors
    shown = "\n".join(html)
    assert "In words:" in shown or "not reported in this article" in shown
    if seed == "empty":
        assert "not reported in this article" in shown
    if path.stem != "00-start-here" and seed == "bundled":
        assert "application/vnd.plotly.v1+json" in shown


def test_ruff_is_happy_with_the_notebooks() -> None:
    ruff = Path(sys.executable).parent / "ruff"
    if not ruff.exists():
        pytest.skip("ruff not installed")
    res = subprocess.run([str(ruff), "check", *map(str, NOTEBOOKS)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_in_words_line_states_an_answer(executed, path: Path) -> None:
    """What a lesson prints on Run All (its "In words" lines, its tables) never states the
    count, amount or share an exercise asks for: students must compute it."""
    status, _, payload = executed[(path.stem, "bundled")]
    assert status == "ok", payload
    out = nbformat.reads(payload, as_version=4)
    words = []
    for cell in out.cells:
        for o in cell.get("outputs", []):
            for text in (o.get("data", {}).get("text/html", ""), o.get("text", "")):
                words += re.findall(r"In words:</b>(.*?)</p>", text, flags=re.S)
    shown = " ".join(words)
    lesson = lessons.Lesson(path.stem)
    for n, ex in enumerate(lesson.exercises, start=1):
        if ex.kind not in ("number", "percent"):
            continue
        value = lesson.solution(n)
        # one-digit counts (5 units, 3 phases) coincide with other counts too often to test
        if value is None or abs(float(value)) < 10:
            continue
        for form in {f"{value:,.0f}", f"{value:.0f}", f"{value:.1f}"}:
            # a number on its own, not part of a date, a range or a longer number
            hit = re.search(rf"(?<![\d.,–-]){re.escape(form)}(?![\d.,–]|\s*(?:Oct|Nov|Dec|km|percent))", shown)
            assert not hit, f"{path.stem}: an In words line states exercise {n}'s answer {form}: …{shown[max(0, hit.start() - 60):hit.end() + 20]}…"
