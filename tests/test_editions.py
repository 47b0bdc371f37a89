"""The student edition (notebooks/student/, written by tools/editions.py): up to date,
without teacher notes or answers, otherwise the same lessons, and it runs."""

from __future__ import annotations

import json
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pytest
from conflictkit import lessons

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import editions  # noqa: E402

TEACHER = editions.lessons()
STUDENT = [editions.STUDENT / p.name for p in TEACHER]


def test_up_to_date() -> None:
    assert editions.stale() == [], "notebooks/student is stale: run `make student`"


def test_every_lesson_has_a_student_edition() -> None:
    assert TEACHER and all(p.exists() for p in STUDENT)
    assert sorted(p.name for p in editions.STUDENT.glob("*.ipynb")) == [p.name for p in TEACHER]


@pytest.mark.parametrize("teacher", TEACHER, ids=lambda p: p.stem)
def test_same_lesson_without_teacher_material(teacher: Path) -> None:
    t_nb = nbformat.read(teacher, as_version=4)
    s_nb = nbformat.read(editions.STUDENT / teacher.name, as_version=4)
    nbformat.validate(s_nb)
    kept = {c.id: c for c in s_nb.cells}
    dropped = 0
    for cell in t_nb.cells:
        reason = editions.dropped_reason(cell)
        if reason:
            dropped += 1
            assert cell.id not in kept, cell.source[:60]
        else:  # every other cell is there, in order, the same but for answer lines
            assert cell.id in kept, f"{teacher.name}: lost {cell.source[:60]!r}"
    assert dropped >= 3  # every lesson has teacher notes
    assert [c.id for c in s_nb.cells] == [c.id for c in t_nb.cells if c.id in kept]
    text = json.dumps([c.source for c in s_nb.cells])
    assert "Teacher notes" not in text
    for cell in s_nb.cells:
        assert not set(cell.metadata.get("tags", [])) & editions.TEACHER_ONLY_TAGS
        assert cell.metadata.get("slideshow", {}).get("slide_type") != "notes"
        if cell.cell_type == "code":
            assert ".answer(" not in cell.source, cell.source
    assert "answers=False" in s_nb.cells[1].source
    assert s_nb.metadata["conflictkit"]["edition"] == "student"


@pytest.mark.parametrize("student", STUDENT, ids=lambda p: p.stem)
def test_links_stay_in_the_edition(student: Path) -> None:
    nb = nbformat.read(student, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for link in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", cell.source):
            if link.startswith(("http://", "https://", "mailto:")):
                continue
            assert (student.parent / link).exists(), f"{student.name}: {link}"


def test_answers_withheld_hints_and_checks_work() -> None:
    lesson = lessons.Lesson("03-casualties", answers=False)
    answer = repr(lesson.answer(1))
    right = lessons.Lesson("03-casualties").solution(1)
    assert "student edition" in answer and str(right) not in answer
    assert lesson.hint(1).text
    assert lesson.check(1, right).ok and not lesson.check(1, ...).ok


def test_generator_refuses_a_lesson_without_setup() -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(ValueError, match="setup call"):
        editions.student_notebook(nb, "broken.ipynb")


def test_check_mode_reports_stale(tmp_path: Path) -> None:
    assert editions.main(["--out", str(tmp_path)]) == 0
    assert editions.main(["--check", "--out", str(tmp_path)]) == 0
    (tmp_path / TEACHER[0].name).write_text("{}", encoding="utf-8")
    assert editions.main(["--check", "--out", str(tmp_path)]) == 1


def _run(path: str) -> tuple[str, str]:
    from nbexec import execute_notebook

    try:
        out = execute_notebook(path, timeout=60)
    except Exception as exc:  # noqa: BLE001 - reported by the test
        return ("error", f"{type(exc).__name__}: {exc}"[-2000:])
    errors = [o.ename for c in out.cells for o in c.get("outputs", []) if o.output_type == "error"]
    return ("error", str(errors)) if errors else ("ok", "")


def test_student_edition_runs() -> None:
    """Run All from notebooks/student/ (the folder a class link opens): the lessons find
    the seeds from there and no cell fails."""
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = dict(zip([p.stem for p in STUDENT], pool.map(_run, map(str, STUDENT)), strict=True))
    failed = {k: v for k, v in results.items() if v[0] != "ok"}
    assert not failed, failed
