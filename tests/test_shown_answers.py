"""Every answer a lesson shows (``lesson.answer(n)``) is code that runs as shown, in a
namespace like the lesson's kernel after its setup cell, and gives the checked answer."""

from __future__ import annotations

import ast
import typing as t

import pytest
from conflictkit import figures, lessons


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


@pytest.mark.parametrize(("name", "n"), CASES, ids=[f"{a}-{b}" for a, b in CASES])
def test_shown_answer_runs_and_is_accepted(name: str, n: int) -> None:
    lesson = lessons.Lesson(name)
    namespace: dict[str, t.Any] = {"art": lesson.art, "figures": figures, "lesson": lesson, "lessons": lessons}
    value = _run(lesson._ex(n).how, namespace)
    assert lesson.check(n, value).ok, f"{name} answer {n} shows code giving {value!r}, which the checker refuses"
