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
    #: predicted mistakes: (what the mistake gives on this article, what to tell the student)
    mistakes: tuple[tuple[t.Callable[[Article], t.Any], str], ...] = ()


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
        said = _canonical(art, given)
        return bool(said) and said == _canonical(art, expected)
    return False


def _canonical(art: Article, name: t.Any) -> str:
    """A name as the article's alias table resolves it ("SOHR" → "syrian observatory for
    human rights"), whole and case-folded: "o" is not SOHR."""
    said = " ".join(str(name).split()).casefold()
    aliases = getattr(art, "aliases", None)
    if aliases is not None and not aliases.empty:
        hit = aliases[aliases["alias"].str.casefold() == said]
        if not hit.empty:
            return " ".join(str(hit["name"].iloc[0]).split()).casefold()
    return said


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


# -- lessons 02–04 (analyses): each answer is computed the way its shown code computes it,
# and each predicted mistake is computed too, so its feedback can name it on any article


def _units(art: Article, side: int = 1) -> pd.DataFrame:
    u = art.units
    return u[u["side"] == side] if not u.empty else u


def _units_in_formation(art: Article) -> int | None:
    mine = _units(art)
    return None if mine.empty else int((mine["parent"] != "").sum())


def _units_side1(art: Article) -> int | None:
    mine = _units(art)
    return None if mine.empty else len(mine)


def _formations_side1(art: Article) -> int | None:
    mine = _units(art)
    return None if mine.empty else int(mine.loc[mine["parent"] != "", "parent"].nunique())


def _strengths_side1(art: Article, origin: str | None = "infobox") -> pd.DataFrame:
    st = art.strengths
    if st.empty:
        return st
    keep = st["side"] == 1
    if origin is not None:
        keep &= st["origin"] == origin
    return st[keep]


def _strength_sum_side1(art: Article) -> float | None:
    s1 = _strengths_side1(art)
    return None if s1.empty else float(s1["low"].sum())


def _strength_sum_side1_with_text(art: Article) -> float | None:
    s1 = _strengths_side1(art, None)
    return None if s1.empty else float(s1["low"].sum())


def _strength_largest_side1(art: Article) -> float | None:
    s1 = _strengths_side1(art)
    return None if s1.empty else float(s1["low"].max())


def _kia(art: Article) -> int | None:
    cm = art.commanders
    return int((cm["fate"] == "KIA").sum()) if not cm.empty else None


def _n_commanders(art: Article) -> int | None:
    return len(art.commanders) or None


def _commanders_side2(art: Article) -> int | None:
    cm = art.commanders
    return int((cm["side"] == 2).sum()) if not cm.empty else None


def _killed(art: Article) -> pd.DataFrame:
    return figures.infobox_losses(art)


def _min_total(art: Article) -> float | None:
    k = _killed(art)
    return None if k.empty else float(k["low"].sum())


def _min_combatants(art: Article) -> float | None:
    k = _killed(art)
    return None if k.empty else float(k.loc[~k["civilian"], "low"].sum())


def _box_plus_text(art: Article) -> float | None:
    k, txt = _killed(art), figures.text_losses(art)
    return None if k.empty or txt.empty else float(k["low"].sum() + txt["low"].sum())


def _share_of_combatants(art: Article, side: int, civilians: bool = False) -> float | None:
    k = _killed(art)
    pool = k if civilians or k.empty else k[~k["civilian"]]
    if pool.empty or not (pool["side"] == side).any() or not pool["low"].sum():
        return None
    return round(float(pool.loc[pool["side"] == side, "low"].sum() / pool["low"].sum() * 100), 1)


def _side2_share(art: Article) -> float | None:
    return _share_of_combatants(art, 2)


def _text_combatants(art: Article, sided_only: bool = False, civilians: bool = False) -> float | None:
    txt = figures.text_losses(art)
    if txt.empty:
        return None
    keep = txt["side"].notna() if sided_only else txt["low"].notna()
    if not civilians:
        keep &= ~txt["civilian"]
    rows = txt[keep]
    return None if rows.empty else float(rows["low"].sum())


def _in_text(art: Article) -> float | None:
    return _text_combatants(art)


def _sourced(art: Article) -> pd.DataFrame:
    cl = art.claims
    return cl[cl["attributed"]] if not cl.empty else cl


def _first_with(art: Article, stance: str) -> pd.Timestamp | None:
    s = _sourced(art)
    rows = s[s["stance"] == stance] if not s.empty else s
    return None if rows.empty else pd.Timestamp(rows["date"].min())


def _first_denial(art: Article) -> pd.Timestamp | None:
    return _first_with(art, "denies")


def _first_statement(art: Article) -> pd.Timestamp | None:
    return None if art.claims.empty else pd.Timestamp(art.claims["date"].min())


def _denied_and_confirmed(art: Article) -> str | None:
    s = _sourced(art)
    if s.empty:
        return None
    denied = s[s["stance"] == "denies"]
    confirmed = s[s["stance"] == "confirms"]
    both = confirmed[confirmed["claimant"].isin(denied["claimant"])]
    return None if both.empty else str(both["claimant"].iloc[0])


def _asserted_only(art: Article) -> str | None:
    """A source that asserted but never denied: the other side of the conflict."""
    conf = figures.conflicting_claims(art)
    if conf.empty:
        return None
    deniers = set(conf.loc[conf["stance"] == "denies", "claimant"])
    others = [c for c in conf["claimant"] if c not in deniers]
    return others[0] if others else None


def _without_named_source(art: Article) -> int | None:
    cl = art.claims
    return None if cl.empty else len(cl) - len(figures.named_claims(cl))


def _unattributed_only(art: Article) -> int | None:
    cl = art.claims
    return None if cl.empty else int((cl["claimant"] == "unattributed").sum())


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
            mistakes=(
                (
                    lambda art: None if _duration(art) is None else t.cast(int, _duration(art)) - 1,
                    "Off by one: that is the days between the dates; count both the first and the last day.",
                ),
            ),
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
            "How many of side 1's units does the infobox list inside a formation (a unit "
            "with a `parent`)?",
            "Filter `art.units` on two conditions joined with `&`: `side` is 1 and `parent` "
            'is not empty (`!= ""`); `len()` counts the rows.',
            "number",
            _units_in_formation,
            'inside = art.units[(art.units["side"] == 1) & (art.units["parent"] != "")]\n'
            "len(inside)",
            lambda art: "A formation and the units inside it are listed separately: the tree "
            "shows which is which.",
            mistakes=(
                (_units_side1, "That counts every unit of side 1; keep only those with a `parent`."),
                (_formations_side1, "That counts the formations; the question asks for the units inside them."),
            ),
        ),
        Exercise(
            "Add up `low` for side 1's strength figures in the infobox. What do you get? "
            "(Then say why that sum is not side 1's strength.)",
            "Filter `art.strengths` on `side` 1 and `origin` \"infobox\", then take "
            '`["low"].sum()`.',
            "number",
            _strength_sum_side1,
            "side1 = art.strengths[(art.strengths[\"side\"] == 1) & (art.strengths[\"origin\"] == \"infobox\")]\n"
            'side1["low"].sum()',
            lambda art: "But it is a sum of parts that may overlap, and it leaves out every "
            "part nobody counted: not the side's strength, and not comparable with a figure "
            "for a whole side. The side was at least as strong as its largest part.",
            mistakes=(
                (_strength_sum_side1_with_text, "That includes the figures told in the text (`origin` \"text\"); keep the infobox's."),
                (_strength_largest_side1, "That is the largest single figure; the question asks for the sum of them all."),
            ),
        ),
        Exercise(
            "How many of the commanders named in the infobox are reported killed in action (KIA)?",
            "Filter `art.commanders` where `fate` is \"KIA\", then count the rows with `len()`.",
            "number",
            _kia,
            'killed = art.commanders[art.commanders["fate"] == "KIA"]\nlen(killed)',
            lambda art: "The infobox marks them with KIA; the text may say more or less.",
            mistakes=(
                (_n_commanders, "That counts every named commander, killed or not."),
                (_commanders_side2, "That counts side 2's commanders; keep those whose `fate` is KIA."),
            ),
        ),
    ],
    "03-casualties": [
        Exercise(
            "According to the infobox, what is the smallest possible number of people killed "
            "(all sides and civilians together)?",
            "`killed` (section 1) holds the infobox's figures of people killed: add up their "
            "lower bounds, `low`.",
            "number",
            _min_total,
            'killed = art.casualties[(art.casualties["origin"] == "infobox") & (art.casualties["category"] == "killed")]\n'
            'killed["low"].sum()',
            lambda art: "With “+” figures the sum of the lower bounds is a floor, not a total.",
            mistakes=(
                (_min_combatants, "Civilians left out: the question counts everyone killed."),
                (_box_plus_text, "You added the text's figures as well: they count some of the same dead."),
            ),
        ),
        Exercise(
            "Reading every figure as exact, what percentage of the combatants killed (not "
            "civilians) were on side 2?",
            "Keep the combatants of `killed` (`~killed[\"civilian\"]`), then divide side 2's "
            "`low` by all of theirs, times 100.",
            "percent",
            _side2_share,
            'combatants = killed[~killed["civilian"]]\n'
            'side2 = combatants[combatants["side"] == 2]\n'
            'side2["low"].sum() / combatants["low"].sum() * 100',
            lambda art: "Read “at least”, the same figures do not give one share: either side "
            "may have lost more than its floor.",
            tolerance=1.0,
            mistakes=(
                (
                    lambda art: _share_of_combatants(art, 2, civilians=True),
                    "Civilians are in your denominator; the question asks for a share of the combatants.",
                ),
                (lambda art: _share_of_combatants(art, 1), "That is side 1's share of the combatants."),
            ),
        ),
        Exercise(
            "How many combatant deaths do the text's own figures add up to (fighters of both "
            "sides included)?",
            "Use `totals` from section 3, or filter the text's rows of killed that are not "
            'civilians and take `["low"].sum()`.',
            "number",
            _in_text,
            'text = art.casualties[(art.casualties["origin"] == "text") & (art.casualties["category"] == "killed")]\n'
            'text[~text["civilian"]]["low"].sum()',
            lambda art: "Compare with the infobox: the text accounts for "
            f"{figures.fmt_share(figures.text_coverage(art)['share'])} of it.",
            mistakes=(
                (
                    lambda art: _text_combatants(art, sided_only=True),
                    "You left out the figures whose side is empty (fighters of both sides): "
                    "`groupby` drops them unless you pass `dropna=False`.",
                ),
                (lambda art: _text_combatants(art, civilians=True), "Civilians included; the question asks for combatants."),
            ),
        ),
    ],
    "04-sources-and-claims": [
        Exercise(
            "On which date does a source first deny a claim? (YYYY-MM-DD)",
            "Keep the claims with a source (`attributed`), then those whose `stance` is "
            "\"denies\", and take the smallest `date` with `.min()`.",
            "date",
            _first_denial,
            'sourced = art.claims[art.claims["attributed"]]\n'
            'denials = sourced[sourced["stance"] == "denies"]\n'
            'denials["date"].min()',
            lambda art: "A denial facing an assertion about the same event is a conflict.",
            mistakes=(
                (lambda art: _first_with(art, "confirms"), "That is the first confirmation, not the first denial."),
                (_first_statement, "That is the date of the first statement in the article; look for stance \"denies\"."),
            ),
        ),
        Exercise(
            "Which source both denied a claim and, later, confirmed one?",
            "Take the claimants of the denials and of the confirmations (filter on `stance`), "
            "and keep the confirmations whose claimant `isin` the denials' claimants.",
            "text",
            _denied_and_confirmed,
            'sourced = art.claims[art.claims["attributed"]]\n'
            'denied = sourced[sourced["stance"] == "denies"]\n'
            'confirmed = sourced[sourced["stance"] == "confirms"]\n'
            'both = confirmed[confirmed["claimant"].isin(denied["claimant"])]\n'
            'both["claimant"].iloc[0]',
            lambda art: "Changing one's account when facts change is a sign of care, not weakness.",
            mistakes=((_asserted_only, "That source asserted the claim; it never denied one."),),
        ),
        Exercise(
            "How many statements in the article have no named source (reported without a "
            "source, or by a collective such as “… sources” or “state media”)?",
            "`figures.named_claims(art.claims)` keeps the claims by a named source; the rest "
            "have none. `len()` counts rows.",
            "number",
            _without_named_source,
            "named = figures.named_claims(art.claims)\nlen(art.claims) - len(named)",
            lambda art: "Few voices are named; most of the article speaks without a source.",
            mistakes=(
                (
                    _unattributed_only,
                    "That counts only the `unattributed` statements; a collective such as "
                    "“pro-government sources” is not a named source either: nobody in "
                    "particular can be asked.",
                ),
            ),
        ),
        Exercise(
            "Source criticism: for the claim that the objective was captured on the day claims "
            "first conflicted, rank the sources from most to least trustworthy, and give "
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

    def __init__(
        self, name: str, path: str | os.PathLike[str] | None = None, *, answers: bool = True
    ) -> None:
        """``answers=False`` is the student edition's (tools/editions.py): ``answer(n)``
        points to the hint and the teacher instead of giving the answer away."""
        if name not in EXERCISES:
            raise ValueError(f"unknown lesson {name!r}; one of {sorted(EXERCISES)}")
        self.name = name
        self.answers = answers
        self.exercises = EXERCISES[name]
        self.art: Article = load_article(path)
        self._picker: t.Any = None

    # -- seeds
    def picker(self) -> t.Any:
        """The seed picker (ipywidgets Dropdown over ``conflictkit.seeds()``)."""
        from conflictkit import explorers

        if self._picker is None:
            current = str(Path(self.art.path).resolve()) if self.art.path is not None else ""
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
        if not self.answers:
            return Note(
                f"Answer {n}",
                f"This is the student edition: answers come from your teacher. Try `lesson.hint({n})`, "
                f"then `lesson.check({n}, my_answer)`: it says what is wrong and why.",
            )
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
        for predict, message in ex.mistakes:
            wrong = predict(self.art)
            if wrong is not None and not compare(self.art, ex, wrong, expected) and compare(self.art, ex, value, wrong):
                return Feedback(False, f"{message} Try again, or `lesson.hint({n})`.")
        return Feedback(
            False, f"You gave {value!r}. Try `lesson.hint({n})`, or `lesson.answer({n})` to see it."
        )
