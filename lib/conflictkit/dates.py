"""Calendar dates as the article writes them.

Absolute: ``23 October``, ``October 23``, ``6 December 2017``, ``26October``,
``early November``, ``mid-November``, ``late October``, ``the end of October``.
Periods (the infobox ``Date``): ``23 October – 6 December 2017``, ``4–17 October 2017``,
``26October – 9December 2017``, ``23 December 2016 – 4 January 2017``,
``Phase I: 1–5 May 2016, Phase II: 9 May – 2 June 2016``, ``5 May 2017 – present``.

A date without a year takes its year from the article's period (see :func:`fit_year`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Final

from . import grammar

MONTH = grammar.MONTH  # "October", "Oct.", "Sept"
# "5", "05", "23" but not "123": a day of the month
_DAY: Final = r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?!\d)"
# "2017", "1998": a year
_YEAR: Final = r"(?<!\d)(?:1\d\d\d|2\d\d\d)(?!\d)"
# "23 October 2017", "23October", "October 23, 2017", "October 2017", "2017"
DATE: Final = (
    rf"(?:(?P<d1>{_DAY})(?:st|nd|rd|th)?\s*(?:of\s+)?(?P<m1>{MONTH})(?![a-z])(?:,?\s*(?P<y1>{_YEAR}))?"
    rf"|(?P<m2>{MONTH})(?![a-z])\s+(?P<d2>{_DAY})(?:st|nd|rd|th)?(?![\d:])(?:,?\s*(?P<y2>{_YEAR}))?)"
)
_DATE_RE: Final = re.compile(DATE)
# "early November", "mid-November", "late October 2017", "the end of October": part of a month
_PART_OF_MONTH: Final = re.compile(
    rf"(?P<part>early|mid|late|the (?:start|beginning|middle|end) of|the first half of|the second half of)[-\s]+(?P<m>{MONTH})(?![a-z])(?:\s+(?P<y>{_YEAR}))?",
    re.IGNORECASE,
)
# The same, matched on lowercased text: a case-sensitive scan is several times faster than an
# IGNORECASE one, and every word of the pattern lowercases to itself ("late october 2017").
_PART_OF_MONTH_LOWER: Final = re.compile(_PART_OF_MONTH.pattern.lower().replace("(?p<", "(?P<"))
# "oct" in "23 October", "sep" in "29 Sept.": every way of writing a month opens with its stem,
# so text without one (lowercased) holds no month and the month scans are skipped
_MONTH_STEMS: Final = tuple(name[:3].lower() for name in grammar.MONTH_NAMES)
# "2" in "2017" or "23 October": a day or a year needs a digit
_DIGIT: Final = re.compile(r"\d")
# "in June", "by July 2017": a whole month, known only to the month
_WHOLE_MONTH: Final = re.compile(
    rf"\b(?:[Ii]n|[Dd]uring|[Bb]y|[Uu]ntil|[Ss]ince|[Tt]hroughout|[Ff]rom)\s+(?P<m>{grammar.MONTH_FULL})\b"
    # "In July and August 2016": two months, one span
    rf"(?:\s+(?:and|to|through|–|-)\s+(?P<m2>{grammar.MONTH_FULL})\b)?"
    rf"(?:\s+(?P<y>{_YEAR}))?(?!\s*\d)"
)
# "in 2014", "since 2012", "early 2016", "mid-2015": a year, or a part of one
_YEAR_ONLY: Final = re.compile(
    rf"\b(?P<lead>[Ii]n|[Dd]uring|[Ss]ince|[Uu]ntil|[Bb]y|[Tt]hroughout|[Ff]rom|[Ee]arly|[Ll]ate|[Mm]id-?|[Ee]arly in|[Ll]ate in)\s*(?P<y>{_YEAR})\b(?!\s*[–—-]?\s*\d)"
)
# "4", "October", "2017" in "4–17 October 2017": the pieces a period is assembled from
_ATOM: Final = re.compile(
    rf"(?P<day>{_DAY})(?:st|nd|rd|th)?(?=\s*(?:[–—-]|to\b|and\b|,\s*\d{{4}}|{MONTH}))|(?P<month>{MONTH})(?![a-z])|(?P<year>{_YEAR})"
)
_EMPTY_PARENS: Final = re.compile(r"\(\s*\)")  # "23 October – 6 December 2017, ()"
_DURATION: Final = re.compile(r"\((?:\d+\s+(?:years?|months?|weeks?|days?)[^)]*)\)")  # "(1 month and 5 days)"
# "Phase I: 1–5 May 2016, Phase II: 9 May – 2 June 2016", "1st phase: 13 April 2023, 2nd phase: …":
# labelled parts of a period
_LABELLED_RANGE: Final = re.compile(
    r"(?:^|[,;]\s*)(?P<label>(?:[A-Z]|\d+(?:st|nd|rd|th)\s)[^:,;]{0,40}?):\s*(?P<range>[^;]+?)"
    r"(?=(?:[,;]\s*(?:[A-Z]|\d+(?:st|nd|rd|th)\s)[^:,;]{0,40}?:)|$)"
)
# "5 May 2019 – present", "(ongoing)": a period still running
_PRESENT: Final = re.compile(r"\b(present|ongoing|now)\b", re.IGNORECASE)


def month_number(name: str) -> int:
    return grammar.MONTHS[name.rstrip(".").lower()]


def fit_year(month: int, day: int, start: dt.date | None, end: dt.date | None) -> int | None:
    """The year that puts ``day month`` closest to the period ``start``–``end``.

    "5 January" in an article about 23 December 2016 – 10 January 2017 is 2017; "28
    December" is 2016. With no period, no year can be known and None is returned.
    """
    if start is None and end is None:
        return None
    # An open period ("5 May 2019 – present") runs forward from its start, so a "2
    # February" in it is the next February, not the one before the fighting began.
    first = start or (end - dt.timedelta(days=365) if end else None)
    last = end or (start + dt.timedelta(days=365) if start else None)
    assert first is not None and last is not None
    best: tuple[int, int] | None = None
    for year in range(first.year - 1, last.year + 2):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        distance = 0 if first <= candidate <= last else min(abs((candidate - first).days), abs((candidate - last).days))
        if best is None or distance < best[0]:
            best = (distance, year)
    return None if best is None else best[1]


@dataclass(frozen=True)
class DateMatch:
    """A date found in running text, with the span of its words."""

    start: dt.date
    end: dt.date  # == start for a day; the last day of the part for "late October"
    precision: str  # day, span, approx
    text: str
    begin: int
    finish: int
    year_written: bool = True  # False when the year came from the period or the context


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, period: tuple[dt.date | None, dt.date | None], offset: int = 0) -> list[DateMatch]:
    """Every calendar date in ``text``; years missing from the text come from ``period``."""
    found: list[DateMatch] = []
    lowered = grammar.lowered_for_scan(text)
    months = lowered is None or any(stem in lowered for stem in _MONTH_STEMS)
    digits = _DIGIT.search(text) is not None
    for match in _DATE_RE.finditer(text) if months and digits else ():
        day = int(match.group("d1") or match.group("d2"))
        month = month_number(match.group("m1") or match.group("m2"))
        year_token = match.group("y1") or match.group("y2")
        year = int(year_token) if year_token else fit_year(month, day, *period)
        if year is None:
            continue
        value = _safe_date(year, month, day)
        if value is None:
            continue
        found.append(DateMatch(value, value, "day", match.group(0), offset + match.start(), offset + match.end(), bool(year_token)))
    part_matches = _PART_OF_MONTH.finditer(text) if lowered is None else _PART_OF_MONTH_LOWER.finditer(lowered)
    for match in part_matches if months else ():
        month = month_number(match.group("m"))
        year = int(match.group("y")) if match.group("y") else fit_year(month, 15, *period)
        if year is None:
            continue
        last_day = calendar.monthrange(year, month)[1]
        part = match.group("part").lower()
        words = text[match.start() : match.end()]  # as written, not lowercased
        if part in ("early", "the start of", "the beginning of", "the first half of"):
            first, last = 1, 10 if "half" not in part else 15
        elif part in ("mid", "the middle of"):
            first, last = 11, 20
        else:
            first, last = (21 if "half" not in part else 16), last_day
        found.append(
            DateMatch(dt.date(year, month, first), dt.date(year, month, last), "approx", words,
                      offset + match.start(), offset + match.end(), bool(match.group("y")))
        )
    for match in _YEAR_ONLY.finditer(text) if digits else ():
        begin, finish = offset + match.start("y"), offset + match.end("y")
        if any(d.begin < finish and begin < d.finish for d in found):
            continue
        year = int(match.group("y"))
        lead = match.group("lead").lower()
        first_month, last_month = {"early": (1, 4), "early in": (1, 4), "late": (9, 12), "late in": (9, 12),
                                   "mid": (5, 8), "mid-": (5, 8)}.get(lead, (1, 12))
        if lead.startswith(("early", "late", "mid")):
            begin = offset + match.start("lead")
        found.append(DateMatch(dt.date(year, first_month, 1), dt.date(year, last_month, calendar.monthrange(year, last_month)[1]),
                               "approx", text[begin - offset:finish - offset], begin, finish))
    for match in _WHOLE_MONTH.finditer(text) if months else ():
        begin, finish = offset + match.start("m"), offset + match.end()
        if any(d.begin < finish and begin < d.finish for d in found):
            continue
        month = month_number(match.group("m"))
        last_month = month_number(match.group("m2")) if match.group("m2") else month
        year = int(match.group("y")) if match.group("y") else fit_year(month, 15, *period)
        if year is None:
            continue
        last_year = year + (1 if last_month < month else 0)
        last_day = calendar.monthrange(last_year, last_month)[1]
        found.append(DateMatch(dt.date(year, month, 1), dt.date(last_year, last_month, last_day), "approx",
                               text[match.start("m"):match.end()], begin, finish, bool(match.group("y"))))
    found.sort(key=lambda d: d.begin)
    return _years_from_context(found)


def _years_from_context(found: list[DateMatch]) -> list[DateMatch]:
    """"In September 2022 ..., and in October ...": a date without a year takes the year
    that puts it nearest the last date of the same sentence that had one."""
    context: dt.date | None = None
    out: list[DateMatch] = []
    for d in found:
        if d.year_written:
            context = d.end
        elif context is not None:
            year = fit_year(d.start.month, d.start.day, context, context)
            if year is not None and year != d.start.year:
                shift = year - d.start.year
                try:
                    d = replace(d, start=d.start.replace(year=d.start.year + shift), end=d.end.replace(year=d.end.year + shift))
                except ValueError:  # 29 February
                    pass
        out.append(d)
    return out


# "14–17 May": the first day of a window, written without its month
_FIRST_DAY: Final = re.compile(rf"(?P<first>{_DAY})\s*[–—-]\s*$")


def find_window(text: str, period: tuple[dt.date | None, dt.date | None]) -> tuple[dt.date, dt.date] | None:
    """The days a note covers: ``(14–17 May)`` → 14–17 May; ``29 Sep. – 13 Oct.`` → both ends."""
    dates = find_dates(text, period)
    if not dates:
        return None
    start, end = dates[0].start, dates[-1].end
    first = _FIRST_DAY.search(text, 0, dates[0].begin)
    if first is not None and int(first.group("first")) < start.day:
        start = start.replace(day=int(first.group("first")))
    return start, end


@dataclass(frozen=True)
class Period:
    """The infobox ``Date`` read as a period, with any labelled sub-ranges."""

    start: dt.date | None
    end: dt.date | None
    ongoing: bool
    parts: tuple[tuple[str, dt.date | None, dt.date | None], ...]


def _atoms(text: str) -> list[dict[str, int | None]]:
    atoms: list[dict[str, int | None]] = []
    for match in _ATOM.finditer(text):
        if match.group("day"):
            day = int(match.group("day"))
            if atoms and atoms[-1]["month"] is not None and atoms[-1]["day"] is None and atoms[-1]["year"] is None:
                atoms[-1]["day"] = day  # "March 5"
            else:
                atoms.append({"day": day, "month": None, "year": None})
        elif match.group("month"):
            month = month_number(match.group("month"))
            if atoms and atoms[-1]["month"] is None and atoms[-1]["year"] is None and atoms[-1]["day"] is not None:
                atoms[-1]["month"] = month
            else:
                atoms.append({"day": None, "month": month, "year": None})
        else:
            year = int(match.group("year"))
            # "23 October 2017", and "July 21–22, 2016" where the year follows the last day
            if atoms and atoms[-1]["year"] is None and (atoms[-1]["month"] is not None or atoms[-1]["day"] is not None):
                atoms[-1]["year"] = year
            else:
                atoms.append({"day": None, "month": None, "year": year})
    return atoms


def _range(text: str) -> tuple[dt.date | None, dt.date | None]:
    """``4–17 October 2017`` → (2017-10-04, 2017-10-17): missing parts come from the right."""
    atoms = _atoms(text)
    if not atoms:
        return None, None
    for i in range(len(atoms) - 2, -1, -1):  # fill from the right: "4–17 October 2017"
        for key in ("month", "year"):
            if atoms[i][key] is None and atoms[i + 1][key] is not None and not (
                key == "month" and atoms[i]["day"] is None
            ):
                atoms[i][key] = atoms[i + 1][key]
    for i in range(1, len(atoms)):  # "2017 – March" style: year from the left
        if atoms[i]["year"] is None and atoms[i - 1]["year"] is not None:
            atoms[i]["year"] = atoms[i - 1]["year"]
        # "July 21–22, 2016": the last day takes the month written before it
        if atoms[i]["month"] is None and atoms[i]["day"] is not None and atoms[i - 1]["month"] is not None:
            atoms[i]["month"] = atoms[i - 1]["month"]

    def bound(atom: dict[str, int | None], first: bool) -> dt.date | None:
        year, month, day = atom["year"], atom["month"], atom["day"]
        if year is None:
            return None
        if month is None:
            return dt.date(year, 1, 1) if first else dt.date(year, 12, 31)
        if day is None:
            day = 1 if first else calendar.monthrange(year, month)[1]
        return _safe_date(year, month, day)

    return bound(atoms[0], True), bound(atoms[-1], False)


def parse_period(value: str) -> Period:
    """Read the infobox ``Date`` value; unknown parts are None, never guessed."""
    cleaned = _EMPTY_PARENS.sub("", value)
    cleaned = _DURATION.sub("", cleaned)
    ongoing = bool(_PRESENT.search(cleaned))
    labelled = list(_LABELLED_RANGE.finditer(cleaned))
    parts: list[tuple[str, dt.date | None, dt.date | None]] = []
    if labelled:
        for match in labelled:
            start, end = _range(match.group("range"))
            parts.append((match.group("label").strip(), start, None if _PRESENT.search(match.group("range")) else end))
        starts = [p[1] for p in parts if p[1] is not None]
        ends = [p[2] for p in parts if p[2] is not None]
        start_all = min(starts) if starts else None
        end_all = None if ongoing else (max(ends) if ends else None)
        return Period(start_all, end_all, ongoing, tuple(parts))
    start, end = _range(cleaned)
    if ongoing:
        end = None
    return Period(start, end, ongoing, ())
