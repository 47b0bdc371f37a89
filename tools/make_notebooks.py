"""Write the generated cells of every lesson: header, setup, footer (with navigation).

Cells are found by a marker on their first line (``<!-- ck:header -->``,
``# ck:setup``, ``<!-- ck:footer -->``) and replaced in place, or inserted when missing
(header and setup at the top, footer at the end), so the script can be re-run after
any edit of a lesson or of the lesson list below. It also normalises what must hold
for every committed notebook: no outputs, no execution counts, a slide type on every
cell, speaker notes (markdown cells starting ``**Teacher notes**``) of slide type
``notes``, the python3 kernelspec.

The header is one cell in the notebook but two slides in the deck: the line
``<!-- ck:subslide -->`` in it is where tools/export starts a sub-slide (title, links,
description and content note first; audience, time, objectives below), so that
neither part runs past the bottom of a 1280×720 slide.

    python tools/make_notebooks.py           # rewrite notebooks/NN-*.ipynb in place
    python tools/make_notebooks.py --check   # exit 1 if a notebook is not up to date
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import typing as t
from pathlib import Path

import nbformat

ROOT: t.Final = Path(__file__).resolve().parent.parent
NOTEBOOKS: t.Final = ROOT / "notebooks"
HEADER: t.Final = "<!-- ck:header -->"
SETUP: t.Final = "# ck:setup"
FOOTER: t.Final = "<!-- ck:footer -->"
#: Lesson 00's list of every lesson, where each lesson's "all lessons" link leads.
LESSON_LIST: t.Final = "<!-- ck:lessons -->"
#: A line that starts a sub-slide inside a markdown cell (see tools/export/preprocessors.py).
SUBSLIDE: t.Final = "<!-- ck:subslide -->"
#: First line of a speaker-notes cell: 2–4 short points for the presenter after each
#: ``##`` heading, with no figure or fact typed in from the article.
TEACHER_NOTES: t.Final = "**Teacher notes**"
SLIDE_TYPES: t.Final = ("slide", "subslide", "fragment", "skip", "notes", "-")


@dataclasses.dataclass(frozen=True)
class Meta:
    slug: str
    title: str
    description: str
    time: str
    prerequisites: str
    objectives: tuple[str, ...]
    data: str
    audience: str = (
        "Secondary-school (age 15+) and first-year university students of history, "
        "journalism or data literacy; no programming needed to follow, a little Python to "
        "do the exercises."
    )


LESSONS: t.Final = (
    Meta(
        "00-start-here",
        "Start here: from an article to a table",
        "What the source is, how a paragraph of it becomes rows of a table, and how to use "
        "the controls of these lessons.",
        "20–30 minutes",
        "None. If you have never used Jupyter: click a cell and press Shift+Enter to run it.",
        (
            "say what the source is, who wrote it, under which licence, and what it cannot "
            "tell us;",
            "trace a row of a table back to the words and the line it came from;",
            "use a dropdown and re-run cells to explore another article;",
            "add another article to `seeds/`.",
        ),
        "the seed text and every table the parser makes from it (`art.sentences`, "
        "`art.events`, `art.casualties`, ...).",
    ),
    Meta(
        "01-chronology",
        "Chronology: how the offensive unfolded",
        "The phases of the offensive, its dated events, the front's distance to the "
        "objective, who held the town day by day, and a map of the places named.",
        "30–40 minutes",
        "Lesson 00 (how a sentence becomes rows).",
        (
            "order the events of the offensive and name its phases;",
            "read a distance given as a range (“within N km”) without turning it into a number;",
            "tell from the data who held the town on a given day, and how we know;",
            "read a map drawn from coordinates, and notice what could not be mapped.",
        ),
        "`art.events`, `art.front`, `art.control`, `art.places` and the map lines of the "
        "Euphrates and the Syria–Iraq border (Natural Earth, public domain).",
    ),
    Meta(
        "02-forces",
        "Forces: who fought, and how many",
        "The order of battle as a tree, reported strengths as intervals, the commanders, "
        "and a control to compare the two sides.",
        "20–30 minutes",
        "Lesson 00.",
        (
            "read an order of battle (side → formation → unit);",
            "explain why a strength like “A–B+” is an interval with no upper end, not a number;",
            "compare the sides on what the article reports, and on what it leaves out.",
        ),
        "`art.sides`, `art.units`, `art.strengths`, `art.commanders` (all from the infobox).",
    ),
    Meta(
        "03-casualties",
        "Casualties: counting the dead honestly",
        "Reported losses by side as intervals, the text's figures on the timeline, how much "
        "of the infobox total the text accounts for, the civilian share, and what changes "
        "when a “N+” figure is read as a number.",
        "30–40 minutes",
        "Lessons 00 and 01.",
        (
            "read a “N+” figure as a lower bound and say what that allows us to conclude;",
            "compare the infobox totals with the figures in the text and their periods;",
            "compute a civilian share as an interval, and explain why it is not one number.",
        ),
        "`art.casualties` (infobox and text rows), `art.events`.",
    ),
    Meta(
        "04-sources-and-claims",
        "Sources and claims: who said what",
        "Who reported what (pro-government sources, SOHR, Hezbollah, the Syrian Army High "
        "Command), where their claims conflicted, and how a reader should weigh them.",
        "30–40 minutes",
        "Lessons 00 and 01.",
        (
            "list who is quoted in the article and what each claimed;",
            "find where claims conflict and how the conflict was resolved;",
            "weigh a claim by who makes it, what they gain, and what else confirms it.",
        ),
        "`art.claims`, `art.events`, `art.control`.",
    ),
)

CONTENT_NOTE: t.Final = (
    "**Content note.** This is a real war. The numbers in these tables are people who were "
    "killed, wounded or driven from their homes, and some of the people named were killed. "
    "Take breaks when you need them; a teacher may choose to skip the casualty figures."
)


def header(i: int) -> str:
    m = LESSONS[i]
    objectives = "\n".join(f"- {o}" for o in m.objectives)
    return f"""{HEADER}
# {i:02d} · {m.title}

{nav(i)}

{m.description}

> {CONTENT_NOTE}

{SUBSLIDE}
### About this lesson

| | |
|---|---|
| **Audience** | {m.audience} |
| **Time** | {m.time} |
| **Prerequisites** | {m.prerequisites} |
| **Data used** | {m.data} |

**By the end you can**
{objectives}

*How to use this notebook:* run the cells from top to bottom (Shift+Enter). The first code
cell loads the article; its dropdown switches to another article in `seeds/`."""


def lesson_list() -> str:
    """Every lesson with its link, time and one line: the target of "all lessons"."""
    rows = "\n".join(
        f"| [{k:02d} · {m.title}]({m.slug}.ipynb) | {m.time} | {m.description.split('. ')[0].rstrip('.')}. |"
        for k, m in enumerate(LESSONS)
    )
    return f"""{LESSON_LIST}
## The lessons

Take them in this order; each needs the ones before it (see *Prerequisites* at its top).

| lesson | time | what it is about |
|---|---|---|
{rows}"""


def setup(i: int, body: str = "") -> str:
    """The first code cell; imports only the library modules the lesson body uses."""
    used = [m for m in ("explorers", "figures") if f"{m}." in body]
    return f"""{SETUP}: load the article and the lesson's tools (run this first)
from conflictkit import {", ".join([*used, "lessons"])}

lesson = lessons.Lesson("{LESSONS[i].slug}")
art = lesson.art
lesson.picker()"""


def nav(i: int) -> str:
    prev = (
        f"[← {LESSONS[i - 1].slug}]({LESSONS[i - 1].slug}.ipynb)" if i > 0 else "*(first lesson)*"
    )
    nxt = (
        f"[{LESSONS[i + 1].slug} →]({LESSONS[i + 1].slug}.ipynb)"
        if i + 1 < len(LESSONS)
        else "*(last lesson)*"
    )
    return f"{prev} · [all lessons](00-start-here.ipynb) · {nxt}"


def footer(i: int) -> str:
    return f"""{FOOTER}
---
**Source.** The seed text is the Wikipedia article
[*2017 Abu Kamal offensive*](https://en.wikipedia.org/wiki/2017_Abu_Kamal_offensive), by its
contributors (see the article history), used under the
[Creative Commons Attribution-ShareAlike 4.0 licence (CC BY-SA 4.0)](https://creativecommons.org/licenses/by-sa/4.0/).
The tables and figures derived from it are shared under the same licence. If you picked
another seed, credit it as listed in `seeds/README.md`. Map lines: Natural Earth (public domain).

**This lesson** is part of *conflictkit*; the code is MIT-licensed, the lesson text CC BY-SA 4.0.

{nav(i)}"""


def _first_line(cell: nbformat.NotebookNode) -> str:
    return cell.source.split("\n", 1)[0].strip()


def _find(nb: nbformat.NotebookNode, marker: str) -> int | None:
    for k, cell in enumerate(nb.cells):
        if _first_line(cell).startswith(marker):
            return k
    return None


def _default_slide_type(cell: nbformat.NotebookNode) -> str:
    src = cell.source.lstrip()
    if cell.cell_type == "markdown":
        if src.startswith("## "):
            return "slide"
        if src.startswith("### "):
            return "subslide"
        if src.startswith(("> **Teacher", "**Teacher")):
            return "notes"
        return "-"
    if "lesson.hint(" in src or "lesson.answer(" in src:
        return "skip"
    return "subslide"


def apply(nb: nbformat.NotebookNode, i: int) -> nbformat.NotebookNode:
    """Replace or insert the generated cells of lesson ``i`` and normalise the notebook."""
    body = "\n".join(
        c.source for c in nb.cells if c.cell_type == "code" and not c.source.startswith(SETUP)
    )
    wanted = [
        (HEADER, nbformat.v4.new_markdown_cell(header(i)), "slide"),
        (SETUP, nbformat.v4.new_code_cell(setup(i, body)), "skip"),
    ]
    if i == 0:
        wanted.append((LESSON_LIST, nbformat.v4.new_markdown_cell(lesson_list()), "slide"))
    for pos, (marker, cell, slide) in enumerate(wanted):
        cell.metadata["slideshow"] = {"slide_type": slide}
        cell.metadata["tags"] = ["generated"]
        k = _find(nb, marker)
        if k is None:
            nb.cells.insert(pos, cell)
        else:
            cell["id"] = nb.cells[k].get("id", cell["id"])
            nb.cells[k] = cell
    foot = nbformat.v4.new_markdown_cell(footer(i))
    foot.metadata["slideshow"] = {"slide_type": "slide"}
    foot.metadata["tags"] = ["generated"]
    k = _find(nb, FOOTER)
    if k is None:
        nb.cells.append(foot)
    else:
        foot["id"] = nb.cells[k].get("id", foot["id"])
        nb.cells[k] = foot
    for cell in nb.cells:
        slide = cell.metadata.get("slideshow", {}).get("slide_type")
        if cell.cell_type == "markdown" and cell.source.startswith(TEACHER_NOTES):
            cell.metadata["slideshow"] = {"slide_type": "notes"}
            # the tag is what tools/editions.py drops from the student edition
            tags = cell.metadata.setdefault("tags", [])
            if "teacher" not in tags:
                tags.append("teacher")
        elif slide not in SLIDE_TYPES:
            cell.metadata["slideshow"] = {"slide_type": _default_slide_type(cell)}
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["conflictkit"] = {"lesson": LESSONS[i].slug, "number": i}
    return nb


COURSE_MAP: t.Final = ROOT / "docs" / "COURSE_MAP.md"
#: pandas methods and keywords a lesson's visible code may teach, as written in a cell
PANDAS_IDIOMS: t.Final = (
    "head", "tail", "value_counts", "query", "sort_values", "groupby", "size", "sum",
    "count", "isin", "loc", "nunique", "unique", "mean", "min", "max", "first", "last",
    "dropna", "fillna", "between", "str.contains", "astype", "reset_index", "agg",
    "drop_duplicates", "diff", "nlargest", "merge", "pivot_table", "describe", "iloc",
)


def idioms_in(code: str) -> list[str]:
    """The pandas idioms a piece of code uses: ``.sort_values(``, ``&``, ``~``, ``dropna=False``."""
    found = [name for name in PANDAS_IDIOMS if re.search(rf"\.{re.escape(name)}\b", code)]
    if re.search(r"\[[^\n]*(?:==|!=|>=|<=|\s<\s|\s>\s)[^\n]*\]", code):
        found.append("boolean filter")
    found += [label for token, label in ((" & ", "& (and)"), ("~", "~ (not)"), (" | ", "| (or)"),
                                         ("dropna=False", "dropna=False")) if token in code]
    return found


def course_map() -> str:
    """docs/COURSE_MAP.md: every lesson, its objectives, the pandas it uses and its exercises."""
    from conflictkit import lessons

    parts = [
        "# Course map",
        "",
        "<!-- Generated by tools/make_notebooks.py from its LESSONS list, the notebooks and",
        "conflictkit.lessons.EXERCISES: edit those, then run the script. -->",
        "",
        "Five lessons on one Wikipedia article, in order; each takes the ones before it for",
        "granted. *pandas used* lists the idioms the lesson's visible cells use, in the order",
        "they first appear anywhere in the course, so a student who did the earlier lessons has",
        "seen each one before an exercise needs it.",
        "",
    ]
    seen: list[str] = []
    for i, m in enumerate(LESSONS):
        nb = nbformat.read(path_of(i), as_version=4)
        code = "\n".join(
            c.source for c in nb.cells
            if c.cell_type == "code" and not c.source.startswith(SETUP)
            and "exercise" not in c.metadata.get("tags", [])
        )
        used = idioms_in(code)
        new = [x for x in used if x not in seen]
        seen += new
        objectives = "\n".join(f"- {o}" for o in m.objectives)
        exercises = "\n".join(
            f"{n}. {ex.question}" for n, ex in enumerate(lessons.EXERCISES[m.slug], start=1)
        )
        parts += [
            f"## {i:02d} · {m.title}",
            "",
            f"[notebooks/{m.slug}.ipynb](../notebooks/{m.slug}.ipynb) · "
            f"student edition: [notebooks/student/{m.slug}.ipynb](../notebooks/student/{m.slug}.ipynb)",
            "",
            f"**Time** {m.time}. **Prerequisites** {m.prerequisites}",
            "",
            m.description,
            "",
            "**Objectives**",
            "",
            objectives,
            "",
            f"**Data** {m.data}",
            "",
            "**pandas used** " + (", ".join(f"`{x}`" + (" (new)" if x in new else "") for x in used) or "none"),
            "",
            "**Exercises**",
            "",
            exercises,
            "",
        ]
    return "\n".join(parts)


def path_of(i: int) -> Path:
    return NOTEBOOKS / f"{LESSONS[i].slug}.ipynb"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--check", action="store_true", help="fail if a notebook would change")
    args = ap.parse_args(argv)
    stale = []
    for i in range(len(LESSONS)):
        path = path_of(i)
        if path.exists():
            before = path.read_text(encoding="utf-8")
            nb = nbformat.reads(before, as_version=4)
        else:
            before = ""
            nb = nbformat.v4.new_notebook()
        after = nbformat.writes(apply(nb, i)) + "\n"
        if after != before:
            stale.append(path)
            if not args.check:
                path.write_text(after, encoding="utf-8")
    text = course_map()
    if not COURSE_MAP.exists() or COURSE_MAP.read_text(encoding="utf-8") != text:
        stale.append(COURSE_MAP)
        if not args.check:
            COURSE_MAP.write_text(text, encoding="utf-8")
    for path in stale:
        print(("stale: " if args.check else "wrote: ") + str(path.relative_to(ROOT)))
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
