"""Write the student edition of the lessons: no teacher notes, no answers.

The lessons in ``notebooks/NN-*.ipynb`` are the teacher edition: teacher notes are
markdown cells tagged ``teacher`` (speaker notes in the decks), and each exercise's
"stuck?" cell offers ``lesson.hint(n)`` and ``lesson.answer(n)``. The student edition
keeps everything else cell for cell (same ids), and:

- drops every cell tagged ``teacher`` or ``answer``;
- drops every line that calls ``answer(`` from code cells, and a comment offering it
  (the hint stays);
- loads the lesson with ``answers=False``, so ``lesson.answer(n)`` typed by hand points
  to the hint and the checker instead of giving the answer away.

It is committed in ``notebooks/student/`` so that a Binder or JupyterHub (nbgitpuller)
link for the class opens it with no build step; ``tests/test_editions.py`` fails when it
is stale. The notebooks find ``seeds/`` from there too (``conflictkit.seeds_dir`` looks
in the working folder and the folders above it).

    python tools/editions.py                  # rewrite notebooks/student/
    python tools/editions.py --check          # exit 1 if notebooks/student/ is stale
    python tools/editions.py --out DIR        # write the edition elsewhere (an LMS upload)
    python tools/editions.py --out DIR --zip  # ... and DIR.zip beside it
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
import typing as t
from pathlib import Path

import nbformat

ROOT: t.Final = Path(__file__).resolve().parent.parent
NOTEBOOKS: t.Final = ROOT / "notebooks"
STUDENT: t.Final = NOTEBOOKS / "student"
#: Cells only a teacher sees: notes (speaker notes in decks) and worked answers.
TEACHER_ONLY_TAGS: t.Final = frozenset({"teacher", "answer"})
#: ``# lesson.answer(2)``, ``lesson.answer(2)``: a line that reveals an answer.
ANSWER_LINE: t.Final = re.compile(r"^\s*#?\s*\w+\.answer\(")
#: ``lesson = lessons.Lesson("01-chronology")`` in the generated setup cell.
LESSON_CALL: t.Final = re.compile(r'lessons\.Lesson\(("[^"]+")\)')
README: t.Final = """\
# Student edition (generated: do not edit)

These are the lessons of `notebooks/` without teacher notes and without answers, for a
class on Binder, a JupyterHub (nbgitpuller) or an LMS. `lesson.hint(n)` and
`lesson.check(n, my_answer)` work as in the teacher edition; `lesson.answer(n)` points to
them instead of giving the answer away.

Edit the lessons in `notebooks/`, then run `make student` to write this folder again
(`tests/test_editions.py` fails while it is stale). See `docs/TEACHER_GUIDE.md`.
"""


def lessons() -> list[Path]:
    """The teacher edition: ``notebooks/NN-*.ipynb`` in order."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def dropped_reason(cell: nbformat.NotebookNode) -> str:
    """Why the student edition leaves a cell out ("" when it keeps it)."""
    meta = cell.get("metadata", {})
    tags = set(meta.get("tags", []))
    if tags & TEACHER_ONLY_TAGS:
        return f"tagged {sorted(tags & TEACHER_ONLY_TAGS)[0]}"
    if meta.get("slideshow", {}).get("slide_type") == "notes":
        return "speaker notes"
    return ""


def student_notebook(teacher: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The student edition of one lesson (``name`` for error messages)."""
    nb = copy.deepcopy(teacher)
    cells = []
    setups = 0
    for cell in nb.cells:
        if dropped_reason(cell):
            continue
        if cell.cell_type == "code":
            kept = []
            for line in cell.source.split("\n"):
                if ANSWER_LINE.match(line):
                    continue
                if ".answer(" in line and "#" in line:  # "lesson.hint(1)  # stuck? lesson.answer(1)"
                    line = line.split("#", 1)[0].rstrip()
                kept.append(line)
            cell.source = "\n".join(kept)
            cell.source, n = LESSON_CALL.subn(r"lessons.Lesson(\1, answers=False)", cell.source)
            setups += n
        cells.append(cell)
    if setups != 1:
        raise ValueError(f"{name}: expected one `lessons.Lesson(\"...\")` setup call, found {setups}")
    nb.cells = cells
    nb.metadata.setdefault("conflictkit", {})["edition"] = "student"
    return nb


def render(path: Path) -> str:
    """The student edition of ``path`` as the text written to disk."""
    teacher = nbformat.read(path, as_version=4)
    return nbformat.writes(student_notebook(teacher, path.name)) + "\n"


def expected_files() -> dict[str, str]:
    """File name → content of the whole student edition."""
    files = {path.name: render(path) for path in lessons()}
    files["README.md"] = README
    return files


def stale(folder: Path = STUDENT, files: dict[str, str] | None = None) -> list[str]:
    """The files of ``folder`` that differ from the edition (``files``, default: computed),
    and lessons it holds that the teacher edition no longer has."""
    files = expected_files() if files is None else files
    out = [n for n, text in files.items()
           if not (folder / n).exists() or (folder / n).read_text(encoding="utf-8") != text]
    out += [p.name for p in folder.glob("*.ipynb") if p.name not in files]
    return out


def write(folder: Path) -> list[str]:
    """Write the edition into ``folder``; return the names that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    files = expected_files()
    changed = stale(folder, files)
    for name in changed:
        if name in files:
            (folder / name).write_text(files[name], encoding="utf-8")
        else:  # a lesson renamed or removed in the teacher edition
            (folder / name).unlink()
    return changed


def main(argv: t.Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if notebooks/student/ is stale")
    ap.add_argument("--out", type=Path, default=STUDENT, help="folder to write (default: notebooks/student)")
    ap.add_argument("--zip", action="store_true", help="also write OUT.zip (for an LMS upload)")
    args = ap.parse_args(argv)
    if args.check:
        names = stale(args.out)
        for name in names:
            print(f"stale: {args.out / name} (run `make student`)", file=sys.stderr)
        return 1 if names else 0
    changed = write(args.out)
    print(f"student edition: {args.out} ({len(changed)} file(s) written)")
    if args.zip:
        archive = shutil.make_archive(str(args.out), "zip", root_dir=args.out)
        print(f"zip: {archive}")
    if args.out.resolve() != STUDENT.resolve():
        print("note: outside notebooks/student the lessons find the article only if a seeds/ "
              "folder is beside or above them, or CONFLICTKIT_SEEDS is set; otherwise they use "
              "the bundled article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
