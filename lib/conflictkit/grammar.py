"""Shared vocabulary: the words several readers of a seed must agree on.

Month names were written out in ``dates.py``, ``quantities.py`` and ``places.py``, and the
casualty words in ``infobox.py`` and ``chronology.py``; they live here once. Each pattern
is named, with an example. Add words here (small additive edits), not in the readers.
"""

from __future__ import annotations

import re
from typing import Final

MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)
# "Sept" is written too ("29 Sept. 2017"); "May" has no abbreviation of its own
MONTH_ABBREVIATIONS: Final = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
WEEKDAY_NAMES: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_STEMS: Final = tuple(name[:3] for name in MONTH_NAMES)  # "Jan" … "Dec", "May" included
# "october" / "oct" / "sept" → 10 / 10 / 9
MONTHS: Final = (
    {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
    | {stem.lower(): number for number, stem in enumerate(_STEMS, start=1)}
    | {"sept": 9}
)
# "October", "Oct", "Oct.", "Sept." (no word boundary: callers add their own)
MONTH: Final = rf"(?:{'|'.join(MONTH_NAMES)}|(?:{'|'.join(MONTH_ABBREVIATIONS)})\.?)"
# "October" only: "in June" is a month, "in Jun" is not how articles write it
MONTH_FULL: Final = rf"(?:{'|'.join(MONTH_NAMES)})"
# "Oct", "October", "Oct.": any month by its first three letters
MONTH_STEM: Final = rf"(?:{'|'.join(_STEMS)})[a-z]*\.?"
# "23 October", "23 oct.": a month right after a number (so the number is a day, not an amount)
MONTH_AHEAD: Final = re.compile(rf"^\s*{MONTH_STEM}\b", re.IGNORECASE)
# "October 23": a month just before a day number
MONTH_BEHIND: Final = re.compile(rf"{MONTH_STEM}\s+$")

# "ı" (dotless i) and "ſ" (long s): an IGNORECASE pattern reads them as "i" and "s", but
# lower() leaves them as they are, so a scan of lowercased text must not stand in for it
FOLDS_TO_ASCII: Final = ("\u0131", "\u017f")


def lowered_for_scan(text: str) -> str | None:
    """``text.lower()`` when a case-sensitive scan of it finds what an IGNORECASE scan of
    ``text`` finds, at the same offsets; None when it would not: lower() makes a few letters
    longer ("İ" becomes two characters) and leaves "ı" and "ſ" alone (FOLDS_TO_ASCII)."""
    lowered = text.lower()
    if len(lowered) != len(text) or any(c in text for c in FOLDS_TO_ASCII):
        return None
    return lowered

# casualty categories, first match wins: "376+ killed" → killed, "50 vehicles destroyed" → materiel
CASUALTY_CATEGORIES: Final = (
    # "1,000+ killed and wounded", "Killed or Wounded: 848+", "200 civilian casualties": one figure
    # for both, not a death toll
    ("killed or wounded", r"killed (?:and|or) wounded|dead (?:and|or) wounded|casualties|casualty"),
    ("killed", r"killed|dead|deaths?|fatalities|died|slain"),
    ("wounded", r"wounded|injured|injuries"),
    ("captured", r"captured|prisoners?|POWs?|taken prisoner|arrested|detained|surrendered|defected"),
    ("displaced", r"displaced|refugees|fled|evacuated"),
    ("missing", r"missing"),
    ("executed", r"executed"),
    ("materiel", r"destroyed|damaged|lost|shot down|downed|hijacked"),
)
CASUALTY_CATEGORY: Final = re.compile(
    r"\b(?:" + "|".join(f"(?P<{name.replace(' ', '_')}>{pattern})" for name, pattern in CASUALTY_CATEGORIES) + r")\b",
    re.IGNORECASE,
)
# "269 civilians killed", "Ostrel residents", "40,000 people displaced": not combatants
CIVILIAN: Final = re.compile(r"\bcivilians?\b|\bnon-combatants?\b|\bresidents\b|\bpeople\b", re.IGNORECASE)


def casualty_category(text: str) -> str:
    """``"352+ killed"`` → ``killed``; ``""`` when no casualty word is written."""
    match = CASUALTY_CATEGORY.search(text)
    if match is None:
        return ""
    return next(name.replace("_", " ") for name, value in match.groupdict().items() if value)
