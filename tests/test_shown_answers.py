"""Every answer a lesson shows (``lesson.answer(n)``) is code that runs as shown in the
lesson's kernel after the lesson's own cells (run here in-process, in order), and gives an
answer the checker accepts."""

from __future__ import annotations

import ast
import functools
import typing as t
from pathlib import Path

import nbformat
import pytest
from conflictkit import lessons

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _run(code: str, namespace: dict[str, t.Any]) -> t.Any:
    """Run ``code`` like a notebook cell: the value of its last bare expression."""
    tree = ast.parse(code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<answer>", "exec"), namespace)  # noqa: S102 - our own lesson code
    return eval(compile(ast.Expression(last.value), "<answer>", "eval"), namespace) if last else None


CASES = [
    (name, n)
    for name, exercises in lessons.EXERCISES.items()
    for n, ex in enumerate(exercises, start=1)
    if ex.solve is not None and ex.how
]


@functools.cache
def _kernel_after_lesson(name: str) -> dict[str, t.Any]:
    """The names a student has after running every code cell of the lesson, in order."""
    namespace: dict[str, t.Any] = {"__name__": "__main__"}
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            _run(cell.source, namespace)
    return namespace


@pytest.mark.parametrize(("name", "n"), CASES, ids=[f"{a}-{b}" for a, b in CASES])
def test_shown_answer_runs_and_is_accepted(name: str, n: int) -> None:
    namespace = dict(_kernel_after_lesson(name))
    lesson = namespace["lesson"]
    value = _run(lesson._ex(n).how, namespace)
    assert lesson.check(n, value).ok, f"{name} answer {n} shows code giving {value!r}, which the checker refuses"
