"""The lessons teach the analysis: visible pandas on the article's tables, each idiom
introduced in lesson 00 before a later lesson or an exercise relies on it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest
from conflictkit import lessons

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import make_notebooks  # noqa: E402

NOTEBOOKS = [make_notebooks.path_of(i) for i in range(len(make_notebooks.LESSONS))]
TABLES = ("events", "control", "front", "casualties", "claims", "strengths", "units",
          "commanders", "sides", "places", "sentences", "infobox", "unparsed", "aliases")
#: ``art.events[...]``, ``art.control.sort_values(...)``: pandas on one of the article's tables
ON_A_TABLE = re.compile(rf"\bart\.(?:{'|'.join(TABLES)})\s*(?:\[|\.\w+\()")
#: ``figures.timeline(art)``: a figure of the whole article, no table chosen by the student
BARE_FIGURE = re.compile(r"^\s*figures\.\w+\(art\)\s*$", re.MULTILINE)


def visible_code(path: Path) -> list[str]:
    """The code a student reads and runs: no setup, no exercise scaffolding."""
    nb = nbformat.read(path, as_version=4)
    return [
        c.source for c in nb.cells
        if c.cell_type == "code" and not c.source.startswith(make_notebooks.SETUP)
        and not {"exercise", "generated"} & set(c.metadata.get("tags", []))
        and "lesson." not in c.source
    ]


def test_idioms_helper_finds_what_it_names() -> None:
    found = make_notebooks.idioms_in('x = a[(a["s"] == 1) & ~a["c"]].groupby("s", dropna=False).size()')
    assert {"groupby", "size", "boolean filter", "& (and)", "~ (not)", "dropna=False"} <= set(found)
    assert make_notebooks.idioms_in("figures.timeline(art)") == []


def test_lesson_00_introduces_every_idiom_used_later() -> None:
    """A student who did lesson 00 has seen every pandas idiom a later lesson's cells or
    any exercise's shown answer uses."""
    taught = set(make_notebooks.idioms_in("\n".join(visible_code(NOTEBOOKS[0]))))
    missing = []
    for path in NOTEBOOKS[1:]:
        for idiom in make_notebooks.idioms_in("\n".join(visible_code(path))):
            if idiom not in taught:
                missing.append(f"{path.stem} uses {idiom}")
    for name, exercises in lessons.EXERCISES.items():
        for n, ex in enumerate(exercises, start=1):
            for idiom in make_notebooks.idioms_in(ex.how):
                if idiom not in taught:
                    missing.append(f"{name} exercise {n}'s answer uses {idiom}")
    assert not missing, "lesson 00 does not introduce: " + "; ".join(missing)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_working_is_visible(path: Path) -> None:
    """At least three visible cells of pandas on the article's tables, and more of them
    than bare ``figures.x(art)`` calls."""
    code = visible_code(path)
    pandas_cells = [s for s in code if ON_A_TABLE.search(s)]
    bare = [m for s in code for m in BARE_FIGURE.findall(s)]
    assert len(pandas_cells) >= 3, f"{path.stem}: {len(pandas_cells)} pandas cells on art tables"
    assert len(pandas_cells) > len(bare), f"{path.stem}: {len(pandas_cells)} pandas cells, bare figures {bare}"


@pytest.mark.parametrize("path", NOTEBOOKS[1:], ids=lambda p: p.stem)
def test_figures_draw_the_table_the_student_computed(path: Path) -> None:
    """Most figures take a DataFrame the lesson computed (``figures.x(table, art)``), so
    editing the pandas cell changes the figure."""
    code = "\n".join(visible_code(path))
    from_table = re.findall(r"figures\.\w+\((?!art\))[\w.\[\]\"']+, art", code)
    assert len(from_table) >= 2, f"{path.stem}: {from_table}"


def test_figure_refuses_a_table_without_its_article() -> None:
    from conflictkit import figures, load

    art = load()
    with pytest.raises(TypeError, match="pass the article too"):
        figures.timeline(art.events)
    assert figures.timeline(art.events, art).summary == figures.timeline(art).summary
