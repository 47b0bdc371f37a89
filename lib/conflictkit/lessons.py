"""Lesson plumbing: which seed a lesson reads, the seed picker, and the exercises.

Exercises follow numpy-100: questions, hints and answers live here, in one place, so a
student notebook carries no solution in plain sight. An answer is never typed in: each
exercise has a ``solve(art)`` that computes it from the article's tables through the
library, so the same lesson checks answers for any seed.

In a notebook::

    lesson = lessons.Lesson("03-casualties")   # reads $CONFLICTKIT_SEED or the bundled seed
    art = lesson.art
    lesson.picker()                            # dropdown over conflictkit.seeds()
    lesson.question(1); lesson.hint(1); lesson.check(1, 997); lesson.answer(1)

Nothing here imports plotly or ipywidgets at import time.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import typing as t
from pathlib import Path

import pandas as pd

from conflictkit import figures
from conflictkit.figures import NOT_REPORTED, Article, esc

SEED_ENV: t.Final = "CONFLICTKIT_SEED"


# ---------------------------------------------------------------------------- seeds


def seed_path() -> Path | None:
    """The seed a lesson should read: ``$CONFLICTKIT_SEED`` when set, else None (bundled)."""
    value = os.environ.get(SEED_ENV, "").strip()
    return Path(value) if value else None


def load_article(path: str | os.PathLike[str] | None = None) -> Article:
    import conflictkit

    return conflictkit.load(path if path is not None else seed_path())


def seed_title(path: str | os.PathLike[str]) -> str:
    """The ``= Title =`` line of a seed file, cheaply (without parsing the article)."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            for line in fh:
                m = re.match(r"^\s*=\s*(.+?)\s*=\s*$", line)
                if m:
                    return m.group(1)
                if line.strip():
                    break
    except OSError:
        pass
    return Path(path).stem


def seed_choices(current: str | os.PathLike[str] | None = None) -> list[tuple[str, str]]:
    """(label, path) for each of ``conflictkit.seeds()``, plus ``current`` if it is elsewhere."""
    import conflictkit

    paths = [str(Path(p).resolve()) for p in conflictkit.seeds()]
    if current is not None and str(Path(current).resolve()) not in paths:
        paths.append(str(Path(current).resolve()))
    return [(f"{seed_title(p)} ({Path(p).name})", p) for p in paths]


# ---------------------------------------------------------------------------- exercises


Kind = t.Literal["number", "percent", "date", "side", "text", "open"]


@dataclasses.dataclass(frozen=True)
class Exercise:
    """One exercise. ``solve(art)`` computes the answer (None: not reported in this article)."""

    question: str
    hint: str
    kind: Kind
    solve: t.Callable[[Article], t.Any] | None = None
    how: str = ""  # the library call that gives the answer, shown by answer(n)
    why: t.Callable[[Article], str] | None = None  # a sentence explaining the answer
    tolerance: float = 0.0


@dataclasses.dataclass
class Feedback:
    """What ``check`` says: ``ok`` and a message; displays as a coloured note."""

    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return ("✔ " if self.ok else "✘ ") + self.message

    def _repr_html_(self) -> str:
        colour = "#009E73" if self.ok else "#D55E00"
        mark = "✔ Right" if self.ok else "✘ Not yet"
        return (
            f'<p class="ck-feedback" style="border-left:4px solid {colour};padding-left:8px">'
            f"<b>{mark}.</b> {esc(self.message)}</p>"
        )


@dataclasses.dataclass
class Note:
    """A hint, a question or an answer, shown as a box (escaped)."""

    label: str
    text: str
    code: str = ""

    def __repr__(self) -> str:
        return f"{self.label}: {self.text}" + (f"\n    {self.code}" if self.code else "")

    def _repr_html_(self) -> str:
        code = f"<pre><code>{esc(self.code)}</code></pre>" if self.code else ""
        return (
            f'<div class="ck-note" style="border-left:4px solid #56B4E9;padding-left:8px">'
            f"<b>{esc(self.label)}.</b> {_code_spans(esc(self.text))}{code}</div>"
        )


def _code_spans(escaped: str) -> str:
    """`x` -> <code>x</code>, on text that is already escaped."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


def _number(value: t.Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    m = re.search(r"-?\d[\d,]*(?:\.\d+)?", str(value))
    return float(m.group(0).replace(",", "")) if m else None


def _says_not_reported(value: t.Any) -> bool:
    return value is None or (
        isinstance(value, str) and "not" in value.lower() and "report" in value.lower()
    )


def _side_matches(art: Article, given: t.Any, expected: int) -> bool:
    n = _number(given) if not isinstance(given, str) or given.strip().isdigit() else None
    if n is not None:
        return int(n) == expected
    if isinstance(given, str) and given.strip():
        label = figures.side_label(art, expected).casefold()
        g = given.strip().casefold()
        sides = getattr(art, "sides", None)
        combatants = (
            [str(c).casefold() for c in sides.loc[sides["side"] == expected, "combatant"]]
            if sides is not None and not sides.empty
            else []
        )
        return g in label or label in g or any(g in c or c in g for c in combatants)
    return False


def compare(art: Article, ex: Exercise, given: t.Any, expected: t.Any) -> bool:
    if expected is None:
        return _says_not_reported(given)
    if ex.kind in ("number", "percent"):
        g = _number(given)
        if g is None:
            return False
        e = float(expected)
        if ex.kind == "percent" and g <= 1 and e > 1:
            g *= 100  # a fraction given for a percentage
        return math.isclose(g, e, abs_tol=ex.tolerance + 1e-9)
    if ex.kind == "date":
        try:
            return pd.Timestamp(given).normalize() == pd.Timestamp(expected).normalize()
        except (TypeError, ValueError):
            return False
    if ex.kind == "side":
        return _side_matches(art, given, int(expected))
    if ex.kind == "text":
        said = str(given).strip().casefold()
        return bool(said) and said in str(expected).casefold()
    return False


def shown(art: Article, ex: Exercise, value: t.Any) -> str:
    """How an answer is written for a reader."""
    if value is None:
        return NOT_REPORTED
    if ex.kind == "date":
        return figures.fmt_date(value)
    if ex.kind == "side":
        return f"side {int(value)} ({figures.side_label(art, value)})"
    if ex.kind == "percent":
        return f"{float(value):.0f}%"
    if ex.kind == "number":
        return figures.fmt_num(float(value))
    return str(value)


# -- the answers, computed


def _n_events(art: Article) -> int | None:
    return len(art.events) or None


def _unparsed(art: Article) -> int:
    return len(art.unparsed)


def _infobox_loss_line(art: Article) -> int | None:
    box = figures.infobox_losses(art)
    if box.empty:
        return None
    side1 = box[box["side"] == 1]
    row = side1.iloc[0] if not side1.empty else box.iloc[0]
    return int(row["line"])


def _duration(art: Article) -> int | None:
    meta = getattr(art, "meta", {}) or {}
    if meta.get("duration_days"):
        return int(meta["duration_days"])
    if pd.isna(art.date_start) or pd.isna(art.date_end):
        return None
    return int((art.date_end - art.date_start).days) + 1


def _first_change(art: Article) -> pd.Timestamp | None:
    h = figures.holders(art)
    h = h[~h["inferred"].astype(bool) & (h["extent"] != "partial")] if not h.empty else h
    return None if h.empty else pd.Timestamp(h["start"].iloc[0])


def _holder_day_after_first_change(art: Article) -> int | None:
    d = _first_change(art)
    return None if d is None else figures.holder_on(art, d + pd.Timedelta(days=1))


def _closest_before_first_change(art: Article) -> float | None:
    fr = art.front
    if fr.empty:
        return None
    d = _first_change(art)
    before = fr[fr["date"] < d] if d is not None else fr
    if before.empty:
        return None
    return float(before["km_high"].fillna(before["km_low"]).min())


def _units_side1(art: Article) -> int | None:
    u = art.units
    return int((u["side"] == 1).sum()) if not u.empty else None


def _strength_low_side2(art: Article) -> float | None:
    st = art.strengths
    s2 = st[st["side"] == 2] if not st.empty else st
    return float(s2["low"].sum()) if not s2.empty else None


def _kia(art: Article) -> int | None:
    cm = art.commanders
    return int((cm["fate"] == "KIA").sum()) if not cm.empty else None


def _min_total(art: Article) -> float | None:
    if figures.infobox_losses(art).empty:
        return None
    return figures.loss_totals(art, "at least")["all"][0]


def _civ_share_point(art: Article) -> float | None:
    lo, _ = figures.civilian_share(art, "point")
    if math.isnan(lo) or figures.loss_totals(art, "point")["civilians"][0] == 0:
        return None
    return round(lo * 100, 1)


def _in_text(art: Article) -> float | None:
    cov = figures.text_coverage(art)
    return cov["in_text"] if cov["figures"] else None


def _first_conflict(art: Article) -> pd.Timestamp | None:
    c = figures.conflicting_claims(art)
    return None if c.empty else pd.Timestamp(c["date"].min())


def _denied_then_confirmed(art: Article) -> str | None:
    cl = figures.named_claims(art)
    if cl.empty:
        return None
    for who, grp in cl.groupby("claimant", sort=False):
        stances = list(grp.sort_values("date", kind="stable")["stance"])
        if "denies" in stances and "confirms" in stances[stances.index("denies") :]:
            return str(who)
    return None


def _n_claimants(art: Article) -> int | None:
    cl = figures.named_claims(art)
    return int(cl["claimant"].nunique()) if not cl.empty else None


EXERCISES: t.Final[dict[str, list[Exercise]]] = {
    "00-start-here": [
        Exercise(
            "How many dated events did the parser find in this article?",
            "Each row of `art.events` is one dated event; `len()` counts the rows of a table.",
            "number",
            _n_events,
            "len(art.events)",
            lambda art: "Every clause that carries its own date became one row of art.events.",
        ),
        Exercise(
            "On which line of the seed is the infobox's casualty figure for side 1?",
            "Look at `art.casualties`: the rows with origin 'infobox' carry a `line` column.",
            "number",
            _infobox_loss_line,
            "figures.infobox_losses(art).query('side == 1')['line'].iloc[0]",
            lambda art: (
                "Every row keeps the line it came from, so you can always go back to the words."
            ),
        ),
        Exercise(
            "How many lines of the seed did the parser not understand?",
            "`art.unparsed` lists them, one row each, with the reason.",
            "number",
            _unparsed,
            "len(art.unparsed)",
            lambda art: "A parser that says what it skipped is one you can check.",
        ),
    ],
    "01-chronology": [
        Exercise(
            "How many days did the offensive last, counting the first and the last day?",
            "The infobox gives a start and an end date: `art.date_start`, `art.date_end`. "
            "Subtract them and remember to count both ends.",
            "number",
            _duration,
            "(art.date_end - art.date_start).days + 1",
            lambda art: "Inclusive counting: a battle from the 1st to the 2nd lasts two days.",
        ),
        Exercise(
            "Which side held the objective on the day after it first changed hands? "
            "(answer with the side number or its name)",
            "Use the control figure, or `figures.holders(art)`: each row is a period of "
            "control with a start and an end.",
            "side",
            _holder_day_after_first_change,
            "import pandas as pd\n"
            "periods = figures.holders(art)\n"
            "first = periods.query('~inferred and extent == \"full\"')['start'].iloc[0]\n"
            "figures.holder_on(art, first + pd.Timedelta(days=1))",
            lambda art: "Read the periods of control: a capture holds until the next change.",
        ),
        Exercise(
            "Before the objective first changed hands, what was the closest the front was "
            "reported to be, in km? (for a range, take its far end)",
            "Filter `art.front` to dates before the first change; for a range like "
            "“within N km” the far end is `km_high`.",
            "number",
            _closest_before_first_change,
            "periods = figures.holders(art)\n"
            "first_change = periods.query('~inferred and extent == \"full\"')['start'].iloc[0]\n"
            "before = art.front[art.front.date < first_change]\n"
            "before.km_high.fillna(before.km_low).min()",
            lambda art: "“Within N km” only tells us the front was no further than N km.",
            tolerance=0.5,
        ),
    ],
    "02-forces": [
        Exercise(
            "How many units does the infobox name for side 1?",
            "Count the rows of `art.units` whose `side` is 1, at every depth.",
            "number",
            _units_side1,
            "(art.units.side == 1).sum()",
            lambda art: "The tree has formations and the units inside them; both count.",
        ),
        Exercise(
            "What is the smallest number of fighters side 2 is reported to have had?",
            "Look at `art.strengths` for side 2: the `low` column is the lower bound. "
            "Is there an upper bound?",
            "number",
            _strength_low_side2,
            "art.strengths.query('side == 2')['low'].sum()",
            lambda art: (
                "A figure like “A–B+” has a floor but no ceiling: the “+” "
                "means the top of the range may be exceeded."
            ),
        ),
        Exercise(
            "How many commanders are reported killed in action?",
            "`art.commanders` has a `fate` column; KIA means killed in action.",
            "number",
            _kia,
            "(art.commanders.fate == 'KIA').sum()",
            lambda art: "The infobox marks them with KIA; the text may say more or less.",
        ),
    ],
    "03-casualties": [
        Exercise(
            "According to the infobox, what is the smallest possible number of people killed "
            "(all sides and civilians together)?",
            "Add the lower bounds (`low`) of the infobox rows of `art.casualties` whose "
            "category is 'killed'.",
            "number",
            _min_total,
            "figures.loss_totals(art, 'at least')['all'][0]",
            lambda art: "With “+” figures the sum of the lower bounds is a floor, not a total.",
        ),
        Exercise(
            "If every figure is read as a point, what percentage of all killed were civilians?",
            "Civilian deaths divided by all deaths, times 100. Switch the control to “as a "
            "point” and read the conclusions.",
            "percent",
            _civ_share_point,
            "figures.civilian_share(art, 'point')[0] * 100",
            lambda art: (
                "Read “at least”, the same figures only give an upper bound on the "
                f"share: {figures.fmt_share(figures.civilian_share(art, 'at least'))}."
            ),
            tolerance=1.0,
        ),
        Exercise(
            "How many combatant deaths do the text's own figures add up to?",
            "Look at the rows of `art.casualties` with origin 'text'; add their `low`.",
            "number",
            _in_text,
            "figures.text_coverage(art)['in_text']",
            lambda art: (
                "Compare with the infobox: the text accounts for "
                f"{figures.fmt_share(figures.text_coverage(art)['share'])} of it."
            ),
        ),
    ],
    "04-sources-and-claims": [
        Exercise(
            "On which date do two sources first contradict each other? (YYYY-MM-DD)",
            "The yellow band on the claims figure; or `figures.conflicting_claims(art)`.",
            "date",
            _first_conflict,
            "figures.conflicting_claims(art)['date'].min()",
            lambda art: "A denial facing an assertion about the same event is a conflict.",
        ),
        Exercise(
            "Which source first denied a claim and later confirmed it?",
            "Pick each source in the explorer and read its stances in date order.",
            "text",
            _denied_then_confirmed,
            "named = figures.named_claims(art)\n"
            "denied = named[named.stance == 'denies'].groupby('claimant').date.min()\n"
            "confirmed = named[named.stance == 'confirms'].groupby('claimant').date.max()\n"
            "[who for who in denied.index if who in confirmed.index and confirmed[who] >= denied[who]][0]",
            lambda art: "Changing one's account when facts change is a sign of care, not weakness.",
        ),
        Exercise(
            "How many different named sources make claims in the article?",
            "Count the distinct values of `claimant` among the claims with a named source "
            "(`figures.named_claims(art)`); 'unattributed' is not a source.",
            "number",
            _n_claimants,
            "figures.named_claims(art)['claimant'].nunique()",
            lambda art: "Few voices are named; most of the article speaks without a source.",
        ),
        Exercise(
            "Source criticism: for the claim that the objective was captured on the day claims "
            "first conflicted, rank the named sources from most to least trustworthy, and give "
            "one reason for each (who they are, what they gain, what confirms them).",
            "Ask of each source: were they there? what do they gain if it is believed? did "
            "anyone independent confirm it, and when? did they later change their account?",
            "open",
        ),
    ],
}


# ---------------------------------------------------------------------------- the lesson


class Lesson:
    """A lesson's article, its seed picker and its exercises (``hint``/``answer``/``check``)."""

    def __init__(self, name: str, path: str | os.PathLike[str] | None = None) -> None:
        if name not in EXERCISES:
            raise ValueError(f"unknown lesson {name!r}; one of {sorted(EXERCISES)}")
        self.name = name
        self.exercises = EXERCISES[name]
        self.art: Article = load_article(path)
        self._picker: t.Any = None

    # -- seeds
    def picker(self) -> t.Any:
        """The seed picker (ipywidgets Dropdown over ``conflictkit.seeds()``)."""
        from conflictkit import explorers

        if self._picker is None:
            current = str(Path(self.art.path).resolve())
            self._picker = explorers.SeedPicker(current, seed_choices(current), self.reload)
        return self._picker

    def reload(self, path: str | os.PathLike[str]) -> str:
        """Load another seed: the lesson, the notebook's ``art`` and live explorers follow."""
        old = self.art
        self.art = load_article(path)
        os.environ[SEED_ENV] = str(path)
        try:
            from IPython import get_ipython

            ip = get_ipython()
            if ip is not None and ip.user_ns.get("art") is old:
                ip.user_ns["art"] = self.art
        except ImportError:  # pragma: no cover
            pass
        if "conflictkit.explorers" in __import__("sys").modules:
            from conflictkit import explorers

            explorers.reload_all(self.art)
        return str(self.art.title)

    # -- exercises
    def _ex(self, n: int) -> Exercise:
        if not isinstance(n, int) or not 1 <= n <= len(self.exercises):
            raise ValueError(f"{self.name} has exercises 1 to {len(self.exercises)}, not {n!r}")
        return self.exercises[n - 1]

    def question(self, n: int) -> Note:
        return Note(f"Exercise {n}", self._ex(n).question)

    def hint(self, n: int) -> Note:
        return Note(f"Hint {n}", self._ex(n).hint)

    def solution(self, n: int) -> t.Any:
        """The answer computed from the data (None: not reported in this article)."""
        ex = self._ex(n)
        return None if ex.solve is None else ex.solve(self.art)

    def answer(self, n: int) -> Note:
        ex = self._ex(n)
        if ex.solve is None:
            return Note(f"Answer {n}", "This is a discussion question: there is no single answer.")
        value = ex.solve(self.art)
        why = ex.why(self.art) if ex.why else ""
        return Note(f"Answer {n}", f"{shown(self.art, ex, value)}. {why}".strip(), ex.how)

    def check(self, n: int, value: t.Any) -> Feedback:
        """Say whether ``value`` answers exercise ``n`` for this article, and why."""
        ex = self._ex(n)
        if ex.solve is None:
            return Feedback(True, "Discussion question: compare your answer with a neighbour's.")
        if value is ...:
            return Feedback(False, "Replace the ... with your answer, then run the cell again.")
        expected = ex.solve(self.art)
        ok = compare(self.art, ex, value, expected)
        why = ex.why(self.art) if ex.why else ""
        if ok:
            return Feedback(True, f"{shown(self.art, ex, expected)}. {why}".strip())
        if expected is None:
            return Feedback(
                False, f"This article does not report it: the answer is “{NOT_REPORTED}”."
            )
        return Feedback(
            False, f"You gave {value!r}. Try `lesson.hint({n})`, or `lesson.answer({n})` to see it."
        )
