"""Numbers as the article writes them, read as intervals.

``8,000`` → [8000, 8000]; ``376+`` → [376, ∞); ``5,000–10,000+`` → [5000, ∞);
``25-35 km`` → [25, 35] km; ``one to two kilometers`` → [1, 2] km; ``40 percent`` →
[40, 40] percent; ``hundreds`` → [200, 999]; ``dozens`` → [24, 99].

Vague words get the narrowest interval their grammar allows (the plural of "hundred"
means at least two hundred and fewer than a thousand); they are flagged ``vague`` so a
lesson can show them differently from counted figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from . import grammar

_UNITS: Final = {
    "km": "km", "kms": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km",
    "kilometres": "km", "mi": "mi", "mile": "mi", "miles": "mi", "m": "m", "meter": "m",
    "meters": "m", "metre": "m", "metres": "m", "percent": "percent", "per cent": "percent",
    "%": "percent", "km2": "km2", "km^{2}": "km2", "km²": "km2", "sq km": "km2",
    "square kilometers": "km2", "square kilometres": "km2", "hours": "hours", "hour": "hours",
    "days": "days", "day": "days",
}
_WORDS: Final = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100, "a thousand": 1000,
    "a dozen": 12, "dozen": 12,
}
# word -> (low, high) for plural vague amounts
_VAGUE: Final = {
    "dozens": (24.0, 99.0), "scores": (40.0, 199.0), "hundreds": (200.0, 999.0),
    "thousands": (2000.0, 9999.0), "tens of thousands": (20000.0, 99999.0),
    "several": (3.0, 9.0), "a few": (2.0, 5.0),
}
_OPEN_BEFORE: Final = ("at least", "more than", "over", "upwards of", "in excess of", "a minimum of")
_APPROX_BEFORE: Final = ("about", "around", "approximately", "some", "nearly", "almost", "roughly", "up to", "an estimated", "estimated", "as many as", "approx.", "c.", "ca.", "est.", "est")

# "8,000", "1.5", "376": a figure in digits
_DIGITS: Final = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
_WORD_NUM: Final = "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True))
NUMBER: Final = rf"(?:{_DIGITS}|(?<![A-Za-z])(?:{_WORD_NUM})(?![A-Za-z]))"
_UNIT: Final = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
# "376+", "5,000–10,000+", "at least 30", "25-35 km", "one to two kilometers", "~1,800": an amount
_PATTERN: Final = re.compile(
    rf"(?P<pre>(?:{'|'.join(re.escape(p) for p in _OPEN_BEFORE + _APPROX_BEFORE)})\s+|~\s*|(?P<between>between)\s+)?"
    rf"(?P<low>{NUMBER})"
    rf"(?:\s*(?:–|—|-|to|or|(?(between)and|(?!)))\s*(?P<high>{NUMBER}))?"
    # "376+", and "60 + injured" where flattening put a space before the plus
    rf"(?P<plus>\+|\s\+(?![\d\s]*\d))?"
    # a unit is a word of its own: "2 Mi-24s" are two helicopters, not two miles
    rf"(?:\s*(?P<unit>(?:{_UNIT}))(?![A-Za-z0-9]|-\d))?",
    re.IGNORECASE,
)
# The same amount, matched on lowercased text: every word of the pattern is lowercase, and a
# case-sensitive scan is about four times faster than an IGNORECASE one (~3 ms of a 20 ms parse).
_PATTERN_LOWER: Final = re.compile(_PATTERN.pattern)
# "hundreds", "dozens", "several", "tens of thousands": a vague amount
_VAGUE_PATTERN: Final = re.compile(
    r"(?<![A-Za-z])(?P<word>" + "|".join(sorted((re.escape(w) for w in _VAGUE), key=len, reverse=True))
    + r")(?![A-Za-z])",
    re.IGNORECASE,
)
_GLUED_LETTER: Final = re.compile(r"(?:st|nd|rd|th|[A-Za-z])")  # "42nd", "22MZ": an ordinal or a code
_YEAR: Final = re.compile(r"(1[89]|20)\d\d")  # "2017": a year, not an amount
# "4 and 5 January", "15–17 November": the first day of a range of days, not an amount
_FIRST_OF_DAYS: Final = re.compile(rf"\s*(?:and|to|–|—|-)\s*\d{{1,2}}\s*{grammar.MONTH_STEM}")


@dataclass(frozen=True)
class Quantity:
    """An interval read from text; ``high`` is None when the figure is open-ended."""

    low: float | None
    high: float | None
    open_upper: bool
    unit: str
    text: str
    start: int
    end: int
    approx: bool = False
    vague: bool = False
    stated_high: float | None = None  # the upper figure as written: 10,000 in "5,000–10,000+"

    @property
    def exact(self) -> bool:
        return self.low is not None and self.low == self.high and not self.open_upper


def number_value(token: str) -> float | None:
    """``8,000`` → 8000.0; ``one`` → 1.0; ``1.5`` → 1.5; anything else → None."""
    token = token.strip().lower()
    if token in _WORDS:
        return float(_WORDS[token])
    token = token.replace(",", "")
    try:
        return float(token)
    except ValueError:
        return None


def _is_date_or_code(text: str, start: int, end: int) -> bool:
    """True for numbers that are not amounts: days of a month, years, ordinals, codes.

    ``23 October``, ``2017``, ``42nd``, ``T-2``, ``Tu-22MZ``, ``Fajr-3``.
    """
    before = text[max(0, start - 1):start]
    after = text[end:end + 3]
    if before and (before.isalpha() or before == "-" and start >= 2 and text[start - 2].isalpha()):
        return True
    if _GLUED_LETTER.match(after):
        return True
    if grammar.MONTH_AHEAD.match(text[end:end + 12]):
        return True
    # "4 and 5 January", "15–17 November": the first day of a range of days
    if _FIRST_OF_DAYS.match(text[end:end + 24]):
        return True
    token = text[start:end]
    if _YEAR.fullmatch(token):
        return True
    # "March 5" style dates (a day of the month is at most 31)
    value = number_value(token)
    return value is not None and value <= 31 and bool(grammar.MONTH_BEHIND.search(text[max(0, start - 12):start]))


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every amount in ``text`` (dates, years and codes skipped), spans plus ``offset``."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    lowered = grammar.lowered_for_scan(text)
    matches = _PATTERN.finditer(text) if lowered is None else _PATTERN_LOWER.finditer(lowered)
    for match in matches:
        low_token = match.group("low")
        if _is_date_or_code(text, match.start("low"), match.end("low")):
            continue
        if match.group("high") and _is_date_or_code(text, match.start("high"), match.end("high")):
            continue
        low = number_value(low_token)
        high = number_value(match.group("high")) if match.group("high") else low
        if low is None or high is None:
            continue
        if high < low:  # "5,000–10,000" read fine; "10-5" is two figures, keep the first only
            high = low
        pre = (match.group("pre") or "").strip().lower()
        plus = bool(match.group("plus"))
        open_upper = plus or pre in _OPEN_BEFORE
        unit = _UNITS.get((match.group("unit") or "").lower(), "")
        start, end = match.start(), match.end()
        if pre == "up to":
            low = 0.0
        stated_high = high if match.group("high") or not open_upper else None
        found.append(
            Quantity(
                low, None if open_upper else high, open_upper, unit, text[start:end],
                offset + start, offset + end, approx=pre in _APPROX_BEFORE or pre == "~", stated_high=stated_high,
            )
        )
        taken.append((start, end))
    for match in _VAGUE_PATTERN.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        low, high = _VAGUE[match.group("word").lower()]
        found.append(
            Quantity(low, high, False, "", match.group(0), offset + match.start(), offset + match.end(), vague=True, stated_high=high)
        )
    found.sort(key=lambda q: q.start)
    return found


def parse_quantity(text: str) -> Quantity | None:
    """The first amount in ``text``: ``5,000–10,000+`` → Quantity(5000, None, open_upper=True)."""
    found = find_quantities(text)
    return found[0] if found else None


def format_interval(low: float | None, high: float | None, open_upper: bool, unit: str = "") -> str:
    """The inverse of parsing, for labels: (5000, None, True) → ``5,000+``."""
    def number(x: float) -> str:
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"

    if low is None:
        return "unknown"
    if open_upper:
        label = f"{number(low)}+"
    elif high is None or high == low:
        label = number(low)
    else:
        label = f"{number(low)}–{number(high)}"
    return f"{label} {unit}".strip()
