"""The narrative as dated events, and what the events say about the front, control and claims.

An event is the smallest clause that carries its own time::

    On 23 October, government forces started an offensive to reach Abu Kamal;   -> 23 Oct
    over the next 48 hours, 42 IS militants ... were killed                      -> 23–25 Oct
    Late that day, Iraqi paramilitary forces crossed the border ...,             -> 3 Nov, late
    but were repelled back across the border by the following day.              -> 4 Nov

Relative times resolve against the right anchor: "the next day" counts from the latest
date the text has reached; "meanwhile" and "at the same time" refer back to the main
clause of the previous sentence (so "At the same time as the Iraqi cross-border attack"
is the day of that attack, not the day it was repelled). A sentence with no time of
its own inherits the narrative's date and is marked ``approx``/``inherited``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from .actors import COUNTRIES, AliasRecord, Lexicon, Mention
from .dates import DateMatch, find_dates
from .grammar import CIVILIAN, MONTH, MONTH_NAMES, casualty_category
from .infobox import CasualtyRecord
from .places import Place, PlaceMention, find_places
from .quantities import Quantity, find_quantities
from .seed import Sentence

Span = tuple[dt.date, dt.date]
ONE_DAY: Final = dt.timedelta(days=1)


def _any_of(words: Sequence[str]) -> re.Pattern[str]:
    """A pattern that finds any of the literal ``words`` (``("next", "day")`` → ``next|day``)."""
    return re.compile("|".join(re.escape(word) for word in words))


_NUMBER_WORDS: Final = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "few": 3, "several": 3}
_N: Final = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several)"
# (pattern, kind, time of day). Kinds are resolved in _resolve_relative.
_RELATIVE: Final = [
    (rf"over the (?:next|following|coming) {_N} (?P<u>hours|days|weeks)", "over-next", ""),
    (r"(?:in|over|during) the (?:following|next|coming|subsequent) (?:few |several )?days", "following-days", ""),
    (r"(?:in|over|during) the (?:following|next|coming|subsequent) (?:few |several )?weeks", "following-weeks", ""),
    (r"by the end of the day", "same-day", "end of day"),
    (r"(?:late|later) (?:that|the same|in the) (?:day|night)", "same-day", "late"),
    (r"earlier (?:that|the same) day", "same-day", "early"),
    (r"(?:that|the same) (?P<tod>morning|afternoon|evening|night)", "same-day", ""),
    (r"the (?:next|following) (?P<tod>morning|afternoon|evening|night)", "next-day", ""),
    (r"the (?:next|following) day|the day after|(?:a|one) day later", "next-day", ""),
    (rf"{_N} (?P<u>days|weeks) (?:later|after (?:the|this|that)\s+\w+)", "later", ""),
    (r"(?:a|one) day after (?:the|this|that)\s+\w+", "next-day", ""),
    (r"(?:a|one) week after (?:the|this|that)\s+\w+", "week-later", ""),
    (r"(?:a|one) week later", "week-later", ""),
    (r"(?:in |during |over )?the (?:following|next|coming) week", "following-week", ""),
    (r"later (?:that|in the|the same) month|(?:by|at|towards?) the end of (?:the|that) month", "rest-of-month", ""),
    (r"(?:in |during |over )?the (?:following|next) month|(?:a|one) month later", "next-month", ""),
    (r"the (?:previous|preceding) day|the day before", "previous-day", ""),
    (r"(?:on )?(?:that|the same) day", "same-day", ""),
    (r"meanwhile|in the meantime|at the same time|simultaneously|concurrently", "same-time", ""),
    (r"during (?:this|that|the same) (?:time|period)|in the meantime", "during", ""),
    (r"during the (?:fighting|battle|assault|clashes|operation)(?! between)", "context", ""),
    (r"at this point|at that point|by this point|by then|by this time|at this time", "context", ""),
    (r"subsequently|afterwards|shortly (?:after|afterwards|thereafter)|soon after(?:wards)?|thereafter", "after", ""),
]
# one alternation, leftmost first and then in the order above; group r<i> names the entry
_RELATIVE_RE: Final = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<r{i}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<\g<1>{i}>", p) + ")" for i, (p, _, _) in enumerate(_RELATIVE)) + r")(?![\w-])",
    re.IGNORECASE,
)
# the same alternation without groups, for a lowercased sentence (every pattern above is
# lowercase), and each entry on its own to tell which one matched (see _relative_times)
_RELATIVE_SCAN: Final = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.sub(r"\(\?P<\w+>", "(?:", p) for p, _, _ in _RELATIVE) + r")(?![\w-])"
)
_RELATIVE_ENTRIES: Final = tuple(re.compile(rf"(?:{p})(?![\w-])") for p, _, _ in _RELATIVE)
# every entry of _RELATIVE holds one of these words ("the next day", "meanwhile", "by then"):
# a sentence with none of them holds no relative time (checked in tests/test_chronology.py)
_RELATIVE_WORDS: Final = (
    "next", "following", "coming", "day", "night", "morning", "afternoon", "evening", "week", "month", "meanwhile",
    "meantime", "same time", "simultaneously", "concurrently", "during", "point", "then", "this time", "subsequently",
    "afterwards", "shortly", "soon", "thereafter",
)
_RELATIVE_HINT: Final = re.compile("|".join(_RELATIVE_WORDS))  # plain words, no escaping needed
# group "r3" → 3: which entry of _RELATIVE matched (the outer group closes last: match.lastgroup)
_RELATIVE_INDEX: Final = {f"r{i}": i for i in range(len(_RELATIVE))}
# "between the ", "from ": before the first of two dates that make a range
_BETWEEN_HEAD: Final = re.compile(r"(?:between|from)\s+(?:the\s+)?$", re.IGNORECASE)
# " and ", " to ", "–": between two dates of a range ("between 7 and 9 June", "3 – 5 May")
_RANGE_JOINER: Final = re.compile(r"\s*(?:and|to|until|till|through|[–—-])\s*")
_DASH_JOINER: Final = re.compile(r"\s*[–—-]\s*")
# "June 19 and 21", "June 19–21": the range's last day, written without its month
_US_DAY_TAIL: Final = re.compile(r"\s*(?:and|to|until|through|–|—|-)\s*(\d{1,2})(?!\d|\s*(?:st|nd|rd|th)?\s*[A-Z])")
_US_BETWEEN_HEAD: Final = re.compile(r"(?:[Bb]etween|[Ff]rom)\s+$")
# "between 15 and ", "15–": the range's first day, written without its month ("15–17 November")
_DAY_BEFORE_RANGE: Final = re.compile(
    r"(?:(?:between|from|on|of)\s+(\d{1,2})\s+(?:and|to|until|till|through)|(?<!\d)(\d{1,2})\s*[–—-])\s*$", re.IGNORECASE
)
# "On the night of " before a range of days
_NIGHT_OF: Final = re.compile(r"(?:[Oo]n|[Ii]n|[Dd]uring) the (night|morning|afternoon|evening) of\s*$")
# "on the morning of": a part of the day in a date's preposition
_PART_OF_DAY: Final = re.compile(r"(?:on|in|during) the (night|morning|afternoon|evening) of")
# a digit or the first three letters of a month ("oct" in "October", "Oct.", "october"): what
# every date dates.find_dates reads holds (checked on every seed sentence in tests/test_chronology.py)
_MAY_HOLD_A_DATE: Final = re.compile(r"\d|" + "|".join(name[:3].lower() for name in MONTH_NAMES))
_BEFORE_DATE: Final = re.compile(
    r"(?:(?P<late>late|early|later|earlier)\s+)?(?P<prep>(?:on|in|during) the (?:night|morning|afternoon|evening) of|on|by|until|till|through|since|before|after|from|in|as of|around|at the end of|by the end of)?\s*$",
    re.IGNORECASE,
)
_SEPARATORS: Final = re.compile(r";\s*|,\s*(?:and|but|while|whereas|then)?\s*|\s+(?:and|but|while|whereas)\s+")
_CONTEXT_KINDS: Final = frozenset({"context", "after", "during", "same-time"})
# times that move the narrative on: a clause before them in the sentence is not at that time
_SHIFTING: Final = frozenset(
    {"on", "by", "between", "part", "next-day", "later", "week-later", "following-week", "next-month", "previous-day",
     "over-next", "following-days", "following-weeks"}
)
# "a week after the bombing", "two days after this announcement": counted from the event named
_AFTER_THE: Final = re.compile(r"\bafter (?:the|this|that)\s+(?P<what>[a-z]+)", re.IGNORECASE)
# what may stand before a time that opens its clause: nothing, or a conjunction
_FRONTED: Final = re.compile(r"[\s,;]*(?:(?:and|but|then|while|whereas)\s+)?$", re.IGNORECASE)
# "by the following day": a relative time with "by" before it is on or before that day
_BY_BEFORE: Final = re.compile(r"\bby\s+$", re.IGNORECASE)
_TOD_WORDS: Final = {"late": "late", "later": "late", "early": "early", "earlier": "early"}


@dataclass(frozen=True)
class TimeExpr:
    begin: int  # offsets within the sentence text
    end: int
    text: str
    kind: str  # on, by, until, since, between, part, or a relative kind
    dates: tuple[DateMatch, ...]
    time_of_day: str
    extra: str = ""  # number of hours/days for over-next / later


@dataclass(frozen=True, kw_only=True)
class EventRecord:
    event_id: str
    date_start: dt.date
    date_end: dt.date
    date_precision: str  # day, span, approx
    date_qualifier: str
    resolved_from: str
    time_of_day: str
    section: str
    phase: str
    text: str
    sentence: str
    sentence_id: int
    places: tuple[str, ...]
    sides: tuple[int, ...]  # the acting side(s): of the clause's subject, not of its object or a reported claim
    actor: str  # the subject as written ("Iraqi paramilitary forces", "SOHR"); empty when the text names none
    line: int
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class FrontRecord:
    date: dt.date
    km_low: float
    km_high: float
    reference: str
    relation: str
    direction: str
    event_id: str
    text: str
    line: int
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class ControlRecord:
    """One change of hands: ``place`` passes to ``side`` (``controller`` as written) on ``date``.

    ``kind`` says how the text tells it (``capture``, ``recapture``, ``expulsion``,
    ``withdrawal``, ``fall``, ``clearance``); ``extent`` is ``full`` or ``partial`` with
    ``share`` (0–1) where the text gives one ("40 percent of"); ``area`` marks a place that is
    an area ("the pocket southeast of Mayadin"); ``inferred`` marks a holder the text implies
    but does not name (a withdrawal hands the place to the other side).
    """

    date: dt.date
    place: str
    side: int | None
    controller: str
    change: str
    kind: str
    extent: str
    share: float | None
    area: bool
    objective: bool
    inferred: bool
    hedged: bool
    event_id: str
    text: str
    line: int
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class TextStrengthRecord:
    """A force's size told in the prose: "Hezbollah, which had hundreds of fighters take part"
    (the strengths table's columns, with ``origin`` ``text``)."""

    side: int | None
    subject: str
    unit: str
    low: float | None
    high: float | None
    open_upper: bool
    stated_high: float | None
    approx: bool
    vague: bool
    note: str
    text: str
    line: int
    start: int
    end: int
    origin: str = "text"


@dataclass(frozen=True, kw_only=True)
class ClaimRecord:
    date: dt.date
    claimant: str
    claimant_side: int | None
    claim: str
    stance: str
    attributed: bool
    event_id: str
    text: str
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Chronology:
    events: tuple[EventRecord, ...]
    front: tuple[FrontRecord, ...]
    control: tuple[ControlRecord, ...]
    claims: tuple[ClaimRecord, ...]
    casualties: tuple[CasualtyRecord, ...]
    objective: str | None
    initial_holder: int | None
    aliases: tuple[AliasRecord, ...] = ()
    strengths: tuple[TextStrengthRecord, ...] = ()


# --------------------------------------------------------------------------- time

def find_time_expressions(text: str, period: tuple[dt.date | None, dt.date | None]) -> list[TimeExpr]:
    """Absolute and relative time expressions of one sentence, in order, non-overlapping."""
    found: list[TimeExpr] = []
    lowered = text.lower()
    # a date has a number or a month name ("23 October", "mid-2015", "in June"): a sentence with
    # neither is not scanned for dates (most of an article's sentences are not dated)
    dates = find_dates(text, period) if _MAY_HOLD_A_DATE.search(lowered) else []
    i = 0
    while i < len(dates):
        d = dates[i]
        head = text[max(0, d.begin - 40):d.begin]
        nxt = dates[i + 1] if i + 1 < len(dates) else None
        between = _BETWEEN_HEAD.search(head)
        joiner = text[d.finish:nxt.begin] if nxt is not None else ""
        if nxt is not None and ((between and _RANGE_JOINER.fullmatch(joiner)) or _DASH_JOINER.fullmatch(joiner)):
            begin = d.begin - (len(between.group(0)) if between else 0)
            found.append(TimeExpr(begin, nxt.finish, text[begin:nxt.finish], "between", (d, nxt), ""))
            i += 2
            continue
        # "between June 19 and 21", "June 19–21": the last day has no month of its own
        us_tail = _US_DAY_TAIL.match(text, d.finish)
        if us_tail is not None and d.precision == "day" and "A" <= d.text[:1] <= "Z" and int(us_tail.group(1)) > d.start.day:
            try:
                last_day: dt.date | None = d.start.replace(day=int(us_tail.group(1)))
            except ValueError:  # "February 30"
                last_day = None
            if last_day is not None:
                head_between = _US_BETWEEN_HEAD.search(text[max(0, d.begin - 10):d.begin])
                begin = d.begin - (len(head_between.group(0)) if head_between else 0)
                finish = us_tail.end()
                end_match = DateMatch(last_day, last_day, "day", "", finish, finish)
                found.append(TimeExpr(begin, finish, text[begin:finish], "between", (d, end_match), ""))
                i += 1
                continue
        # "15–17 November": the first day has no month of its own
        dash_day = _DAY_BEFORE_RANGE.search(text[max(0, d.begin - 24):d.begin])
        if dash_day is not None and d.precision == "day":
            first_day = int(dash_day.group(1) or dash_day.group(2))
            if first_day < d.start.day:
                begin = d.begin - len(dash_day.group(0))
                first = DateMatch(d.start.replace(day=first_day), d.start.replace(day=first_day), "day", "", begin, begin)
                night = _NIGHT_OF.search(text[max(0, begin - 30):begin])
                if night:  # "On the night of 20–21 November"
                    begin -= len(night.group(0))
                found.append(TimeExpr(begin, d.finish, text[begin:d.finish], "between", (first, d), night.group(1) if night else ""))
                i += 1
                continue
        lead = _BEFORE_DATE.search(head)
        prep = (lead.group("prep") or "").lower() if lead else ""
        late = (lead.group("late") or "").lower() if lead else ""
        begin = d.begin - (len(lead.group(0)) if lead and (prep or late) else 0)
        while begin < d.begin and text[begin].isspace():
            begin += 1
        kind = {"by": "by", "by the end of": "by", "until": "until", "till": "until", "through": "until",
                "since": "since", "before": "before", "after": "after", "from": "since"}.get(prep, "on")
        if d.precision == "approx":
            kind = "part"
        tod = _TOD_WORDS.get(late, "")
        part_of_day = _PART_OF_DAY.match(prep)
        if part_of_day:
            tod = part_of_day.group(1)
        found.append(TimeExpr(begin, d.finish, text[begin:d.finish], kind, (d,), tod))
        i += 1
    # the patterns are lowercase: matching on the lowercased sentence is what IGNORECASE does,
    # only faster (the spans are the same while lowercasing keeps the length)
    for s, e, index, groups in _relative_times(text, lowered):
        if any(s < t.end and t.begin < e for t in found):
            continue
        _, kind, tod = _RELATIVE[index]
        extra = ""
        if n := groups.get("n"):
            n = n.lower()
            count = int(n) if n.isdigit() else _NUMBER_WORDS.get(n, 1)
            unit = (groups.get("u") or "days").lower()
            extra = str(count * {"hours": 1, "days": 24, "weeks": 24 * 7}[unit])
        found.append(TimeExpr(s, e, text[s:e], kind, (), tod or (groups.get("tod") or "").lower(), extra))
    found.sort(key=lambda t: t.begin)
    return found


# ", and ", "; " right before a time: where the clause that time opens begins
_CLAUSE_JOINT_BEFORE: Final = re.compile(r"(?:,\s*(?:and|but|while)|;)\s+$")


def _relative_times(text: str, lowered: str) -> Iterator[tuple[int, int, int, dict[str, str | None]]]:
    """(begin, end, entry of _RELATIVE, its groups n/u/tod) of each relative time in a sentence.

    The scan runs without groups on the lowercased sentence (sre skips a branch at once when
    its first character differs, which it cannot do behind a group); the entry is then the
    first of _RELATIVE that matches there, which is the one the alternation chose.
    """
    if len(lowered) != len(text):  # lowercasing changed the offsets ("İ"): the pattern as written
        for match in _RELATIVE_RE.finditer(text):
            index = _RELATIVE_INDEX[match.lastgroup or ""]
            yield match.start(), match.end(), index, {
                base: match.group(f"{base}{index}") for base in ("n", "u", "tod") if f"{base}{index}" in _RELATIVE_RE.groupindex
            }
        return
    if _RELATIVE_HINT.search(lowered) is None:
        return  # no word a relative time is made of
    for match in _RELATIVE_SCAN.finditer(lowered):
        s, e = match.span()
        index, entry = next((i, m) for i, p in enumerate(_RELATIVE_ENTRIES) if (m := p.match(lowered, s)) is not None)
        yield s, e, index, entry.groupdict()


def _clause_bounds(text: str, times: Sequence[TimeExpr]) -> list[tuple[int, int, TimeExpr | None]]:
    """Split a sentence so that each clause holds one time expression.

    The split falls on the last separator (``;``, ``,``, ``and``, ``but``, ``while``)
    between two time expressions; a time with no separator before it belongs to the
    clause before (``met up ... on the border on 8 November, ... launched``).
    """
    body_end = len(text.rstrip().rstrip(".!?").rstrip())
    if not times:
        return [(0, body_end, None)]
    cuts: list[tuple[int, int, TimeExpr | None]] = []
    start = 0
    current = times[0]
    lead = _CLAUSE_JOINT_BEFORE.search(text[: current.begin])
    if current.kind in _SHIFTING and lead is not None and len(text[: lead.start()].split()) >= 3:
        # "The LNA denied losing the town, but two days later Reuters confirmed it": the
        # denial keeps the narrative's date; only what follows is two days later
        cuts.append((0, lead.start(), None))
        start = lead.end()
    for previous, nxt in zip(times, times[1:], strict=False):
        window = text[previous.end:nxt.begin]
        # a clause needs a verb-bearing stretch; a bare "and" inside a date range is not one
        seps = [m for m in _SEPARATORS.finditer(window) if m.end() <= len(window)]
        if not seps or nxt.kind in ("context",) and not window.strip(" ,"):
            continue
        sep = seps[-1]
        if nxt.kind in _CONTEXT_KINDS and window[sep.end():].strip():
            # "reported al-Baghdadi was in Abu Kamal during the assault": a context phrase
            # opens a clause only when it stands at the clause's start
            continue
        cut = previous.end + sep.start()
        cuts.append((start, cut, current))
        start = previous.end + sep.end()
        current = nxt
    cuts.append((start, body_end, current))
    return [(s, e, t) for s, e, t in cuts if text[s:e].strip()]


@dataclass
class _Anchor:
    main: Span | None = None  # main clause of the last sentence with its own time
    last: Span | None = None  # the latest time the text has reached
    night: bool = False  # the latest time was a night ("the night of 4–5 June")
    main_qualifier: str = ""  # the main clause's qualifier: "By 25 October ... Meanwhile ..." is on or before too


def _referenced_event(expr: TimeExpr, events: Sequence[EventRecord]) -> Span | None:
    """``A week after the hospital bombing``: the span of the latest event whose sentence
    names it ("... a suicide bomber killed 11 fighters at the town's hospital"), or None."""
    named = _AFTER_THE.search(expr.text)
    if named is None or expr.dates:
        return None
    word = named.group("what").lower()
    stem = re.compile(rf"\b{re.escape(word[: max(4, len(word) - 3)])}", re.IGNORECASE)
    return next(((e.date_start, e.date_end) for e in reversed(events) if stem.search(e.sentence)), None)


def _resolve(
    expr: TimeExpr | None, anchor: _Anchor, future: Sequence[dt.date], period: tuple[dt.date | None, dt.date | None]
) -> tuple[Span, str, str] | None:
    """(span, precision, qualifier) for one clause's time, or None when nothing anchors it."""
    last = anchor.last
    if expr is None:
        return (last, "approx", "inherited") if last else None
    if expr.dates:
        first, final = expr.dates[0], expr.dates[-1]
        if expr.kind == "between":
            return (first.start, final.end), "span", "between"
        if expr.kind == "part":
            return (first.start, first.end), "approx", "part"
        if expr.kind == "until":
            # from the time the text had reached; from the start of a vague one ("mid-January")
            if last and last[1] < first.start:
                begin = last[1]
            elif last and last[0] < first.start:
                begin = last[0]
            else:
                begin = period[0] or first.start
            return (begin, first.end), ("span" if begin < first.end else "day"), "until"
        if expr.kind == "since":
            stop = period[1] if period[1] and period[1] > first.start else first.start
            return (first.start, stop), ("span" if stop > first.start else "day"), "since"
        if expr.kind in ("before", "after"):
            return (first.start, first.end), "approx", expr.kind
        return (first.start, first.end), "day", expr.kind
    if last is None:
        return None
    kind = expr.kind
    if kind == "same-day":
        return (last[1], last[1]), "day", "relative"
    if kind == "next-day":
        if anchor.night and expr.time_of_day == "morning" and last[1] == last[0] + ONE_DAY:
            return (last[1], last[1]), "day", "relative"  # "the night of 4–5 June ... the following morning": 5 June
        return (last[1] + ONE_DAY, last[1] + ONE_DAY), "day", "relative"
    if kind == "previous-day":
        return (last[0] - ONE_DAY, last[0] - ONE_DAY), "day", "relative"
    if kind == "later":
        days = int(expr.extra) // 24
        return (last[1] + dt.timedelta(days=days),) * 2, "day", "relative"
    if kind == "week-later":
        return (last[1] + dt.timedelta(days=7),) * 2, "day", "relative"
    if kind == "following-week":
        return (last[1] + ONE_DAY, last[1] + dt.timedelta(days=7)), "approx", "relative"
    if kind == "rest-of-month":
        month_end = last[1].replace(day=calendar.monthrange(last[1].year, last[1].month)[1])
        return (min(last[1] + ONE_DAY, month_end), month_end), "approx", "relative"
    if kind == "next-month":
        first_next = last[1].replace(day=1) + dt.timedelta(days=32)
        first_next = first_next.replace(day=1)
        return (first_next, first_next.replace(day=calendar.monthrange(first_next.year, first_next.month)[1])), "approx", "relative"
    if kind == "over-next":
        days = max(1, -(-int(expr.extra) // 24))
        if "hour" in expr.text.lower():  # "over the next 48 hours" runs from that day's events
            return (last[0], last[0] + dt.timedelta(days=days)), "span", "relative"
        # "over the next three days": the three days after
        return (last[1] + ONE_DAY, last[1] + dt.timedelta(days=days)), "span", "relative"
    if kind in ("following-days", "following-weeks"):
        begin = last[1] + ONE_DAY
        horizon = 30 if kind == "following-days" else 60
        ahead = [d for d in future if begin <= d <= begin + dt.timedelta(days=horizon)]
        stop = ahead[0] if ahead else begin + dt.timedelta(days=6 if kind == "following-days" else 20)
        return (begin, max(begin, stop)), "span", "relative"
    if kind == "same-time":
        main = anchor.main or last
        return main, ("day" if main[0] == main[1] else "span"), "relative"
    if kind == "during":
        return last, ("day" if last[0] == last[1] else "span"), "relative"
    if kind in ("context", "after"):
        return (last[1], last[1]), "approx", "relative"
    return None


# --------------------------------------------------------------------------- objective

_AIM: Final = re.compile(
    r"\b(?:aim|goal|objective|purpose|target)\b[^.]{0,60}?\b(?:was|were|is)\s+to\s+(?:capture|take|recapture|retake|seize|reach|besiege|liberate|clear|encircle|secure|storm)\b(?P<rest>[^.;]*)"
    r"|\b(?:offensive|operation|attack|assault|campaign)\s+(?:to|aimed at|aiming to)\s+(?:capture|take|recapture|retake|seize|reach|besiege|liberate|clear|encircle|secure|storm|capturing|taking|recapturing|retaking|seizing|reaching)\b(?P<rest2>[^.;,]*)",
    re.IGNORECASE,
)
_TITLE_WORDS: Final = re.compile(
    r"^(?:\d{4}(?:[–-]\d{2,4})?\s+)?(?:(?:first|second|third|fourth|fifth)\s+)?(?:battle|siege|capture|fall|liberation|offensive|operation|campaign|clashes|raid|assault|attack)s?\s+(?:of|on|for|in)\s+"
    r"|\s+(?:offensive|campaign|clashes|operation|battle|raid|siege|assault|attack|fighting)(?:\s+\(\d{4}\))?$"
    r"|^\d{4}(?:[–-]\d{2,4})?\s+",
    re.IGNORECASE,
)


def _kind(name: str, gazetteer: Sequence[Place]) -> str:
    return next((p.kind for p in gazetteer if p.name == name), "")


def find_objective(sentences: Sequence[Sentence], title: str, gazetteer: Sequence[Place]) -> str | None:
    """The place the offensive aimed at, when the text says so; else the title's place."""
    for sentence in sentences:
        for match in _AIM.finditer(sentence.text):
            rest_name = "rest" if match.group("rest") is not None else "rest2"
            rest = match.group(rest_name)
            # "..., the border town of Abu Kamal" yes; "..., which controls the road between X and Y" no
            clause = re.split(r",?\s+(?:which|where|that|who|whose|while|as well as)\b", rest)[0]
            mentions = [
                m for m in _within(find_places(sentence.text, gazetteer), match.start(rest_name), match.start(rest_name) + len(clause))
                if _kind(m.place, gazetteer) not in ("country", "region", "river", "water")
            ]
            if mentions:
                return mentions[-1].place
    name = title
    for _ in range(3):
        name = _TITLE_WORDS.sub("", name).strip()
    name = re.sub(r"\s*\(.*?\)\s*$", "", name)
    if not name or name == title:
        return None
    known = find_places(name, gazetteer, 0)
    return known[0].place if known and known[0].as_written == name else name


# --------------------------------------------------------------------------- facts in clauses

_DIRECTION: Final = r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?"
_DISTANCE_HINT: Final = re.compile(r"km|kilomet|mile|metre|meter|\d\s?m\b")
_CITY_WORDS: Final = re.compile(r"^the (?:city|town|village|cit[yi] centre|city center)$", re.IGNORECASE)
_PARTIAL: Final = re.compile(r"\b(?:parts?|percent|per cent|%|neighbou?rhoods?|districts?|areas? of|half|most of|some of|portions?|sections?|quarters?|outskirts)\b", re.IGNORECASE)
_CAPTURE: Final = re.compile(
    r"\b(?P<verb>(?:re)?captur(?:ed|ing|es|e)|seiz(?:ed|ing|es|e)|(?:re)?tak(?:en|ing|es|e)(?! part\b| place\b)|(?:re)?t(?:ook|aking|akes|ake) (?:full )?control of|retook|retaking|retake|liberat(?:ed|ing|e)|overr(?:an|unning|un)|(?:re)?took over|stormed and (?:captured|took))\b",
    re.IGNORECASE,
)
# "cleared it", "the pocket was eliminated": an area or place taken by clearing it
_CLEAR: Final = re.compile(r"\b(?P<verb>clear(?:ed|ing)|eliminat(?:ed|ing))\b", re.IGNORECASE)
# "withdrew from Al-Quriyah", "retreated from the town", "evacuated Foo", "abandoned the village":
# the place passes to the other side (inferred); "retreated to X" names where they went, not a loss
_WITHDRAW: Final = re.compile(
    r"\b(?P<verb>(?:withdr(?:ew|awn|awing|aws|aw)|retreat(?:ed|ing)|pull(?:ed|ing|s)? out|pull(?:ed|ing) back|fled)\s+from"
    r"|evacuat(?:ed|ing)|abandon(?:ed|ing))\b",
    re.IGNORECASE,
)
# "only parts of", "40 percent of", "half of", "most of the": a share of the place, not all of it
_PART_OF: Final = re.compile(
    r"(?:only\s+)?(?:(?:the\s+)?(?:parts?|most|some|much|half|portions?|sections?|\d+(?:\.\d+)?\s*(?:percent|per cent|%))\s+of\s+)",
    re.IGNORECASE,
)
# "40 percent of", "12.5% of" → 0.4, 0.125; "half of" → 0.5
_SHARE: Final = re.compile(r"(?P<pct>\d+(?:\.\d+)?)\s*(?:percent|per cent|%)|\b(?P<half>half)\b", re.IGNORECASE)
# "fully recaptured", "complete control of": the whole place, said outright
_FULLY: Final = re.compile(r"\b(?:fully|completely|entirely|full control|complete control|whole|entire)\b", re.IGNORECASE)
# "with the whole western bank of the Euphrates cleared": a participle after its place
_WITH_BEFORE: Final = re.compile(r"\bwith\s+$", re.IGNORECASE)
# hedging words before a change: "reportedly captured", "SOHR stated only parts had been seized"
_HEDGE: Final = re.compile(r"\breportedly\b|\breported\b|\bclaimed\b|\bstated\b|\bsaid\b|\balleged(?:ly)?\b|\baccording to\b", re.IGNORECASE)
# an area named by its head noun: "a pocket of IS territory southeast of Mayadin" → "pocket
# southeast of Mayadin"; "the whole western bank of the Euphrates" → "western bank of the Euphrates"
_AREA: Final = re.compile(
    rf"\b(?:[Tt]he|[Aa]n?)\s+(?:whole\s+|entire\s+)?(?:(?P<dir>{_DIRECTION})\s+)?(?P<noun>pocket|enclave|salient|bank|countryside)"
    r"(?:\s+of\s+(?:[\w'’\-]+\s+)?(?:territory|control|fighters))?"
    rf"(?:\s+(?P<rel>(?:{_DIRECTION}\s+)?of)\s+(?P<ref>(?:the\s+)?[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|ez-\w+|al-\w+))*))?",
)
# "the Vela river", "the Euphrates valley": a name the gazetteer may not know, shown a feature by its next word
_FEATURE_AFTER: Final = re.compile(r"\s+(?:river|valley|mountains?|hills|lake|sea|desert|province|governorate|region)\b", re.IGNORECASE)
_AREA_WORD: Final = re.compile(r"pocket|enclave|salient|bank|countryside")
# words that name no place of their own: "it" stands for the place just named, not for these
_NOT_ANTECEDENT: Final = frozenset({"country", "region", "river", "water"})
_CAPTURE_NOUN: Final = re.compile(r"\bthe (?:re)?(?:capture|fall|liberation|seizure) of\b", re.IGNORECASE)
_PUSH_OUT: Final = re.compile(r"\b(?:push(?:ed)?|drove|drive|driven|expell?(?:ed)?|forc(?:ed|e)|ousted|oust)\b(?P<who>[^.;]{0,60}?)\bout of\b", re.IGNORECASE)
# "the militants stormed the village of Doro": an assault that took the place only if the text
# later tells it was retaken ("The army announced that it had retaken Doro")
_STORM: Final = re.compile(r"\b(?P<verb>storm(?:ed|ing|s)?|broke into|overwhelmed)\b", re.IGNORECASE)
_CLAIM_VERB: Final = re.compile(
    r"\b(?P<verb>reported(?:ly)?|stated|said|claimed|announced|declared|denied|rejected|confirmed|acknowledged|asserted|alleged|insisted|recorded|documented|(?:issued a statement )?saying|according to)\b",
    re.IGNORECASE,
)
_PASSIVE_BEFORE: Final = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:also\s+)?$", re.IGNORECASE)
_AUX: Final = re.compile(r"\b(?:was|were|had|has|have|is|are|also|then|reportedly|managed|officially|quickly|once again|again)\b.*$")  # lowercase only: "IS" is an actor


# where a subject's phrase starts: after ", ", "; ", "while", "that" ("SOHR stated that IS ...")
_PHRASE_BREAK: Final = re.compile(r"[,;:]\s*|\bwhile\b|\bthat\b|\bafter which\b")
# "and the", "as", "while" before a subject: not part of its name
_LEADING_JOINER: Final = re.compile(r"^(?:and|but|as|when|while|the)\s+", re.IGNORECASE)
# "the", "a" before a name
_ARTICLE: Final = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _subject_phrase(before: str) -> str:
    """The noun phrase that does the verb: the words after the last comma, minus auxiliaries."""
    chunk = _PHRASE_BREAK.split(before)[-1]
    chunk = _AUX.sub("", chunk).strip()
    chunk = _LEADING_JOINER.sub("", chunk).strip()
    return chunk


# "although the army", "in May SOHR": words before a claimant's name
_CLAIMANT_LEAD: Final = re.compile(
    r"^(?:(?:although|though|while|whereas|but|and|as|when|yet|however|meanwhile|later|then|also|in \w+|on \d+ \w+)\s+)+",
    re.IGNORECASE,
)


def _claimant_name(phrase: str) -> str:
    """``the pro-opposition SOHR`` → ``SOHR``; ``pro-government sources`` stays whole;
    ``although the army`` → ``army``."""
    phrase = _CLAIMANT_LEAD.sub("", phrase.strip())
    phrase = _ARTICLE.sub("", phrase.strip())
    words = phrase.split()
    if len(words) > 1 and words[-1][:1].isupper() and not any(w[:1].isupper() for w in words[:-1]):
        return words[-1]
    return phrase


# what follows a distance: " (22 mi) north of the town", " to the south of Foo", " from Abu Kamal"
_DISTANCE_TAIL: Final = re.compile(
    rf"(?:\s*\([^()]*\))?\s*(?:to the\s+)?(?P<dir>{_DIRECTION})?\s*(?:of|from|short of|away from|outside(?: of)?)\s+"
    r"(?P<ref>the (?:city|town|village)|[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|ez-\w+|al-\w+))*)"
)


def _front(
    clause: str, start: int, event: EventRecord, objective: str | None, aliases: Sequence[str],
    places: Sequence[PlaceMention],
) -> list[FrontRecord]:
    """``within 40 km of Abu Kamal``, ``25-35 km west of the city`` → distances to the objective."""
    records: list[FrontRecord] = []
    if objective is None or _DISTANCE_HINT.search(clause) is None:
        return records
    for q in find_quantities(clause):
        if q.unit not in ("km", "mi", "m") or q.low is None:
            continue
        # "5 kilometres (3.1 mi) from": a unit conversion in brackets may sit in between
        located = _APPOSITIVE_PLACE.search(clause, 0, q.start)
        if located is not None and _TAKEN_BEFORE.search(clause, 0, located.start()) is None:
            # "ambushed at Kel Tafart, 40 km north of Foo": where a place is, not where the front is;
            # "captured the village of Bir Fatma, 35 km north of the town": the new front line
            continue
        tail = _DISTANCE_TAIL.match(clause[q.end:])
        if tail is None:
            continue
        ref = tail.group("ref")
        names = {objective.lower(), *(a.lower() for a in aliases)}
        ref_at = q.end + tail.start("ref")
        mentions = [m for m in places if m.start == ref_at]
        is_objective = ref.lower() in names or _CITY_WORDS.match(ref) is not None or (
            bool(mentions) and mentions[0].place.lower() in names
        )
        if not is_objective:
            continue
        head = clause[max(0, q.start - 12):q.start].lower()
        relation = "within" if head.rstrip().endswith("within") or q.text.lower().startswith("within") else "at"
        factor = {"km": 1.0, "mi": 1.609344, "m": 0.001}[q.unit]
        low = q.low * factor
        high = (q.high if q.high is not None else q.low) * factor
        span_end = q.end + tail.end()
        records.append(
            FrontRecord(
                date=event.date_end, km_low=round(low, 3), km_high=round(high, 3), reference=objective, relation=relation,
                direction=(tail.group("dir") or "").lower(), event_id=event.event_id, text=clause[q.start:span_end],
                line=event.line, start=start + q.start, end=start + span_end,
            )
        )
    return records


# "Kel Tafart, 40 km north of": a place named just before a distance (an appositive)
_APPOSITIVE_PLACE: Final = re.compile(r"\b[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|al-\w+|ez-\w+))*,\s*(?:some |about |around |roughly )?$")
# "captured the village of ", "seized ": a change of hands right before a place's name
_TAKEN_BEFORE: Final = re.compile(
    _CAPTURE.pattern + r"\s+(?:the\s+(?:village|town|city|hill(?:top)?|base|airbase|airport|crossing)\s+of\s+)?$", re.IGNORECASE
)

_ANAPHOR: Final = "the town"  # "the city/town/village": resolved by the caller to the place just named


def _shifted(mention: PlaceMention, by: int) -> PlaceMention:
    """The mention with offsets ``by`` characters earlier (a clause's own offsets)."""
    return PlaceMention(mention.place, mention.as_written, mention.start - by, mention.end - by, mention.known)


def _within(mentions: Sequence[PlaceMention], lo: int, hi: int) -> list[PlaceMention]:
    return [m for m in mentions if lo <= m.start and m.end <= hi]


def find_areas(text: str, known: dict[str, str]) -> list[PlaceMention]:
    """Areas a sentence names: ``a pocket of IS territory southeast of Mayadin`` (a new area,
    added to ``known`` under its head noun) and ``the pocket`` (the last one so named)."""
    found: list[PlaceMention] = []
    if not _AREA_WORD.search(text):
        return found  # most sentences name no area: skip the longer pattern
    for match in _AREA.finditer(text):
        noun = match.group("noun").lower()
        if match.group("ref"):
            direction = f"{match.group('dir').lower()} " if match.group("dir") else ""
            name = f"{direction}{noun} {match.group('rel')} {match.group('ref')}"
            known[noun] = name
        elif noun in known and not match.group("dir"):
            name = known[noun]
        else:
            continue
        found.append(PlaceMention(name, match.group(0), match.start(), match.end(), False))
    return found


def _with_areas(places: Sequence[PlaceMention], areas: Sequence[PlaceMention]) -> list[PlaceMention]:
    """Place mentions with areas in, an area replacing the places inside it ("… of Mayadin")."""
    if not areas:
        return list(places)
    kept = [m for m in places if not any(a.start <= m.start and m.end <= a.end for a in areas)]
    return sorted([*kept, *areas], key=lambda m: m.start)


_THE_AHEAD: Final = re.compile(r"\s*(?:the\s+)?")
# "full control of the city", "it": an object that stands for a place named elsewhere
_DIRECT_OBJECT: Final = re.compile(
    r"\s*(?:full |complete )?(?:control of )?(?P<ref>the (?:city|town|village)(?!\s+(?:of\s+)?[A-Z])|it)\b"
)


def _place_after(text: str, at: int, places: Sequence[PlaceMention], objective: str | None, limit: int = 80) -> tuple[str, int, int] | None:
    """The place a verb acts on: the first one after it, before any comma.

    Returns (place, where its words start, where they end); ``it`` and :data:`_ANAPHOR`
    stand for a place the caller resolves. A share before the place ("40 percent of",
    "parts of it") stays between the verb and the place for the caller to read.
    """
    window = text[at:at + limit]
    part = _THE_AHEAD.match(window)
    lead = _PART_OF.match(window, part.end() if part else 0)
    skip = lead.end() if lead else 0
    direct = _DIRECT_OBJECT.match(window, skip)
    mentions = [_shifted(m, at) for m in _within(places, at, at + limit)]
    first = mentions[0] if mentions else None
    if direct is not None and (first is None or direct.start("ref") <= first.start):
        ref = direct.group("ref")
        return ("it" if ref == "it" else _ANAPHOR, at + direct.start("ref"), at + direct.end())
    if first is None:
        return None
    # only the object of the verb, not a place further on ("captured X, on the border of Y")
    if "," in window[: first.start] or ";" in window[: first.start]:
        return None
    return first.place, at + first.start, at + first.end


# "the town", "The city" (not "the town of X" nor "the town Al-Asharah"): the place meant
_CITY_WORD: Final = re.compile(r"\b[Tt]he (?:city|town|village)\b(?!\s+(?:of\s+)?[A-Z])")


def _place_before(text: str, at: int, places: Sequence[PlaceMention], objective: str | None) -> str | None:
    """The place a passive verb was done to: the nearest one before it."""
    lo = max(0, at - 80)
    window = text[lo:at]
    mentions = _within(places, lo, at)
    city = list(_CITY_WORD.finditer(window))
    if mentions and (not city or mentions[-1].start - lo > city[-1].start()):
        return mentions[-1].place
    if city and objective:
        return objective
    return None


# a country standing as a subject is an actor, not a place: "Russia reportedly conducted a massive
# air-strike", "Iran's support"; "air bases in Russia" stays a place
_ACTOR_BEFORE: Final = re.compile(r"(?:^|[,;:]\s*|\b(?:and|while|but|as|when|after|then)\s+)$")
_ACTOR_AFTER: Final = re.compile(r"(?:['’]s\b|\s+(?:[a-z]+ly\s+|also\s+|then\s+)*(?:[a-z]+ed|was|were|is|are|has|had|have|sent|struck|began|took|gave|said|denied|launched)\b)")


def _names_an_actor(text: str, mention: PlaceMention, kinds: dict[str, str]) -> bool:
    """Whether a country mention is the clause's actor ("Russia reportedly conducted")."""
    if kinds.get(mention.place, "") != "country" and mention.place not in COUNTRIES:
        return False
    return bool(_ACTOR_BEFORE.search(text, 0, mention.start)) and _ACTOR_AFTER.match(text, mention.end) is not None


# "the city", "the town's defenses", not "the town of Al-Quriyah" nor "the town Al-Asharah"
_CITY_REF: Final = re.compile(r"\b[Tt]he (?:city|town)\b(?!\s+(?:of\s+)?[A-Z])")


def _means_objective(text: str, begin: int, end: int, places: Sequence[PlaceMention], kinds: dict[str, str], objective: str) -> bool:
    """Whether "the city" in ``text[begin:end]`` is the objective: no other town is named
    before it in the sentence ("stormed the city again" yes; "attacked Dobro ... the town" no)."""
    ref = _CITY_REF.search(text, begin, end)
    if ref is None:
        return False
    earlier = [m.place for m in places if m.end <= ref.start() and kinds.get(m.place, "") not in _NOT_ANTECEDENT]
    return not earlier or earlier[-1] == objective


# "the town" (not "the town of X"): the place the text has in mind
_THE_SETTLEMENT: Final = re.compile(r"\bthe (?:city|town|village)\b(?!\s+(?:of\s+)?[A-Z])")


def _antecedent(text: str, at: int, places: Sequence[PlaceMention], kinds: dict[str, str], objective: str | None) -> str | None:
    """What "it" stands for: the last place named before ``at`` in the sentence (not a country
    or a river: "attacked the town of X in the Euphrates valley, seizing parts of it" → X)."""
    named = [
        m for m in places
        if m.end <= at and kinds.get(m.place, "") not in _NOT_ANTECEDENT and not _FEATURE_AFTER.match(text, m.end)
    ]
    city = [m.start() for m in _THE_SETTLEMENT.finditer(text[:at])]
    if city and objective and (not named or city[-1] > named[-1].start):
        return objective
    return named[-1].place if named else None


# --------------------------------------------------------------------------- who acts

# what opens a clause before its subject: "After the Syrian Army met up ... on 8 November, ",
# "During the fighting, ", "Meanwhile, "
_FRONTED_PHRASE: Final = re.compile(
    r"^(?:(?:and|but|then|while|whereas|so)\s+)?(?:(?:After|Before|As|When|While|Although|Though|Because|Since|Once|During|"
    r"Following|Despite|At|In|On|By|Over|Meanwhile|Late|Early|Later|Earlier|Then|However|Subsequently|Afterwards)\b[^,;]*,\s*)",
    re.IGNORECASE,
)
# a finite verb: "captured", "was", "took"; not "IS-held", not "its allied militias" (a determiner
# before makes it an adjective)
_FINITE_VERB: Final = re.compile(
    r"(?<![\w-])(?<!\bits )(?<!\btheir )(?<!\bthe )(?<!\ba )(?<!\ban )(?:(?:[a-z]+-)?[a-z]+ed|was|were|is|are|had|has|have|took|began|fell|made|held|"
    r"won|lost|fought|drove|struck|came|went|set|met|overran|retook|withdrew|ran|saw|left|sent|became|gave|kept|"
    r"broke|shot|hit|cut|put|rose|brought|fled|flew|found|said|stood|swept|told|seized|reached|launched|struck|remained)(?![\w-])"
)
# "were killed", "was repelled back", "had been captured": the subject is done to, not doing
_PASSIVE_AFTER: Final = re.compile(r"(?:was|were|is|are|been|being|had been|has been|have been)\s+(?:\w+ly\s+)?(?:being\s+)?[a-z]+(?:ed|en|wn|ung|ept|ent)\b(?!\s+to\b)")
# "was reported to have entered", "were said to": the subject does the reported act
_REPORTED_TO: Final = re.compile(r"(?:was|were|is|are)\s+(?:also\s+)?(?:reported|said|believed|thought|claimed|alleged)\s+to\b")
# "it became apparent that", "it was reported that": no actor at all
_EXPLETIVE: Final = re.compile(r"^it\s+(?:became|was|is|seemed|appeared|emerged)\b", re.IGNORECASE)
# the doer of a passive: "were repelled by IS", "an effort by Syrian government forces"
_BY_AGENT: Final = re.compile(r"\bby\s+(?!the (?:end|following|next|time)\b)(?!\d)")
# clause joints where a new subject may start: ", and", " while ", "; "
_CONJUNCT: Final = re.compile(r",?\s+(?:and|but|while|whereas)\s+|;\s*")
# a clause that opens on a participle or a bare verb has the subject of the clause before
_NO_SUBJECT: Final = re.compile(r"^(?:[a-z]+ing|were|was|had|and)\b")


# words of a subject that are not its name: "also", "reportedly", "once again", ", which ..."
_NOT_NAME: Final = re.compile(r"\s+(?:[a-z]+ly|also|then|once again|again|still|too)(?=\s|$)")
_RELATIVE_TAIL: Final = re.compile(r",|\s+(?:which|that|who|whose)\b")
# the noun phrase after "by": "an effort by Syrian government forces to maintain" → Syrian government forces
_AGENT_PHRASE: Final = re.compile(r"(?P<who>[^,;.]+?)(?=\s+(?:to|in|on|at|from|with|near|outside|inside|around|across|that|which|who|after|before|during|and)\b|[,;.]|$)")


def _actor_name(subject: str) -> str:
    """``Hezbollah, which had ...`` → Hezbollah; ``the militants once again`` → militants."""
    subject = _RELATIVE_TAIL.split(subject, 1)[0]
    subject = _NOT_NAME.sub("", subject).strip()
    return _ARTICLE.sub("", subject)


# "by 22 June ", "On 3 March, ", "by late February ": a date that opens a clause before its subject
_DATED_LEAD: Final = re.compile(
    rf"(?:on|by|in|until|late on|early on)\s+(?:\d{{1,2}}\s+{MONTH}|(?:late|early|mid-?)\s*{MONTH}|{MONTH}\s+\d{{1,2}})\b\s*,?\s*",
    re.IGNORECASE,
)


def _strip_lead(body: str) -> str:
    """``By the end of the day IS managed`` → ``IS managed``: times and fronted phrases before a subject."""
    for _ in range(3):
        fronted = _FRONTED_PHRASE.match(body)
        lowered = body.lower()
        # the group-free twin on the lowercased body finds what _RELATIVE_RE would, faster
        relative = _RELATIVE_SCAN.match(lowered) if len(lowered) == len(body) else _RELATIVE_RE.match(body)
        dated = _DATED_LEAD.match(body)
        if relative is not None:
            body = body[relative.end():].lstrip(" ,;")
        elif dated is not None:
            body = body[dated.end():]
        elif fronted is not None and fronted.end() < len(body):
            body = body[fronted.end():]
        else:
            break
    return body


@dataclass(frozen=True)
class _Reading:
    """One sentence as the readers below need it, worked out once: its side mentions (every
    reader asks about a stretch of the sentence, a clause or the words before a verb, and
    takes its part of them instead of searching each stretch again with the lexicon's long
    pattern), and its lowercased text for the patterns that ignore case (:meth:`finditer`)."""

    text: str
    mentions: tuple[Mention, ...]
    lower: str | None  # text.lower(), None where lowercasing changes the length ("İ")

    @classmethod
    def of(cls, text: str, lexicon: Lexicon) -> _Reading:
        lower = text.lower()
        return cls(text, tuple(lexicon.mentions(text)), lower if len(lower) == len(text) else None)

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, run on the lowercased text where the pattern has a
        lowercase twin (:data:`_TWINS`): same spans, groups in lowercase."""
        twin = _TWINS.get(pattern)
        if twin is not None and self.lower is not None:
            lower = self.lower
            if not any(word in lower for word in _TWINS_WORDS[pattern]):
                return iter(())  # none of the words every match holds: no match
            return twin.finditer(lower)
        cased = _CASED_WORDS.get(pattern)
        if cased is not None and not any(word in self.text for word in cased):
            return iter(())
        return pattern.finditer(self.text)

    def between(self, lo: int, hi: int) -> list[Mention]:
        """The mentions inside ``[lo, hi)``, with offsets from ``lo``."""
        return [Mention(m.side, m.name, m.start - lo, m.end - lo) for m in self.mentions if lo <= m.start and m.end <= hi]


@dataclass(frozen=True)
class _Acting:
    sides: tuple[int, ...]
    actor: str


# "they", "It": a subject that stands for the one before
_BARE_PRONOUN: Final = re.compile(r"(?:they|it|he|she|we)", re.IGNORECASE)
# " they ", "the it": a pronoun subject after a conjunction
_THEY_IT: Final = re.compile(r"\s*(?:the\s+)?(?:they|it)\s*")


def _acting(
    clause: str, time_begin: int | None, time_end: int | None, mentions: Sequence[Mention], previous: _Acting
) -> _Acting:
    """The side that acts in a clause: its subject's, never its object's or a reported claim's.

    ``IS managed to push government troops out of`` → 2; ``SOHR confirmed the capture of``
    → no side (SOHR is no combatant); ``Iraqi paramilitary forces ... attacked IS positions``
    → no side; ``... were killed`` (passive, no agent) → no side; ``capturing it by 19
    November`` → the subject of the clause before.
    """
    start = 0
    if time_begin is not None and time_end is not None and clause[:time_begin].strip(" ,;").lower() in ("", "and", "but", "then", "while"):
        start = time_end
    body = _strip_lead(clause[start:].lstrip(" ,;"))
    offset = len(clause) - len(body)
    if _EXPLETIVE.match(body):
        return _Acting((), "")
    # side mentions of the whole clause (``mentions``, offsets in the clause), in the body's
    # offsets: each subject below is a stretch of the body, so no new search is needed for it
    everyone = [(m.start - offset, m.end - offset, m.side) for m in mentions if m.start >= offset]

    def sides_within(lo: int, hi: int) -> tuple[int, ...]:
        return tuple(sorted({side for ms, me, side in everyone if lo <= ms and me <= hi}))

    if _NO_SUBJECT.match(body):
        lo = hi = 0
    else:
        verb = _FINITE_VERB.search(body)
        if verb is None:
            return _Acting((), "")
        lo, hi = 0, verb.start()
    actors: list[_Acting] = []
    while True:
        subject = body[lo:hi].strip(" ,")
        if not subject or _BARE_PRONOUN.fullmatch(subject):
            subject_of = previous
        else:
            subject = _strip_lead(subject)
            begin = body.find(subject, lo, hi)
            tail = _RELATIVE_TAIL.search(body, begin, begin + len(subject))
            subject_of = _Acting(sides_within(begin, tail.start() if tail else begin + len(subject)), _actor_name(subject))
        if _PASSIVE_AFTER.match(body, hi) and not _REPORTED_TO.match(body, hi):
            agent = _BY_AGENT.search(body, hi)
            phrase = _AGENT_PHRASE.match(body, agent.end()) if agent else None
            if phrase is not None and (named := sides_within(phrase.start("who"), phrase.end("who"))):
                actors.append(_Acting(named, _actor_name(phrase.group("who"))))
        else:
            actors.append(subject_of)
        # a further main clause: ", and IS managed to ...", "while they also withdrew"
        joint: tuple[int, int] | None = None
        nxt: re.Match[str] | None = None
        for j in _CONJUNCT.finditer(body, hi):
            if nxt is None or nxt.start() < j.end():
                # the verb found after an earlier joint is still the first one after this one
                # (a verb is a whole word, so none starts inside the stretch already searched)
                nxt = _FINITE_VERB.search(body, j.end())
            if nxt is None:
                break
            if sides_within(j.end(), nxt.start()) or _THEY_IT.fullmatch(body, j.end(), nxt.start()):
                joint = (j.end(), nxt.start())
                break
        if joint is None:
            break
        previous = actors[-1] if actors and actors[-1].actor else previous
        lo, hi = joint
    sides = tuple(sorted({side for a in actors for side in a.sides}))
    actor = "; ".join(dict.fromkeys(a.actor for a in actors if a.actor))
    return _Acting(sides, actor)


# --------------------------------------------------------------------------- the whole narrative

def build_chronology(
    sentences: Sequence[Sentence],
    period: tuple[dt.date | None, dt.date | None],
    lexicon: Lexicon,
    gazetteer: Sequence[Place],
    title: str,
) -> Chronology:
    objective = find_objective(sentences, title, gazetteer)
    aliases: list[str] = []
    for place in gazetteer:
        if objective and place.name == objective:
            aliases = list(place.aliases)
    initial_holder = _initial_holder(sentences, objective, lexicon)

    per_sentence = [find_time_expressions(s.text, period) for s in sentences]
    explicit_dates = sorted(
        {d.start for times in per_sentence for t in times for d in t.dates}
    )
    anchor = _Anchor()
    events: list[EventRecord] = []
    front: list[FrontRecord] = []
    control: list[ControlRecord] = []
    claims: list[ClaimRecord] = []
    casualties: list[CasualtyRecord] = []
    holders: dict[str, tuple[int | None, str]] = {}
    if objective is not None and initial_holder is not None:
        holders[objective] = (initial_holder, lexicon.labels.get(initial_holder, ""))
    aimed = _aim_side(sentences, objective, lexicon)
    attacker = aimed if aimed is not None and aimed != initial_holder else _attacker(lexicon, initial_holder)
    kinds = {place.name: place.kind for place in gazetteer}
    known_areas: dict[str, str] = {}  # head noun ("pocket") → the last area so named
    assaults: dict[str, ControlRecord] = {}  # see _ControlScope.assaults
    whole = _whole_conflict(title)

    previous_text = ""
    previous_subject: tuple[int | None, str] = (None, "")
    last_actor = _Acting((), "")
    for sentence, times in zip(sentences, per_sentence, strict=True):
        clauses = _clause_bounds(sentence.text, times)
        sentence_places = find_places(sentence.text, gazetteer)
        reading = _Reading.of(sentence.text, lexicon)
        main_of_sentence: Span | None = None
        main_qualifier = ""
        sentence_events: list[tuple[EventRecord, int]] = []
        for s, e, expr in clauses:
            # the explicit dates still ahead: only "in the following days/weeks" looks at them
            future = (
                [d for d in explicit_dates if anchor.last is None or d > anchor.last[1]]
                if expr is not None and expr.kind in ("following-days", "following-weeks") else []
            )
            referenced = _referenced_event(expr, events) if expr is not None else None
            resolved = _resolve(expr, replace(anchor, last=referenced) if referenced else anchor, future, period)
            if resolved is None:
                continue
            (d0, d1), precision, qualifier = resolved
            if d1 < d0:
                d0, d1 = d1, d0
            if expr is not None and expr.kind == "same-time" and anchor.main_qualifier == "by":
                qualifier = "by"  # "By 25 October, ... Meanwhile, ...": on or before the same day
            elif expr is not None and not expr.dates and _BY_BEFORE.search(sentence.text, 0, expr.begin):
                qualifier = "by"  # "repelled ... by the following day": on or before it
            if expr is not None:
                # the main event is the last clause *opened* by its time ("..., and between 11
                # and 14 January it fought ..."); a time trailing its clause ("but were
                # repelled ... by the following day") does not make a new main event
                if main_of_sentence is None or _FRONTED.match(sentence.text, s, expr.begin):
                    main_of_sentence = (d0, d1)
                    main_qualifier = qualifier
                anchor.last = (d0, d1)
                anchor.night = expr.time_of_day == "night"
            text = sentence.text[s:e]
            start = sentence.start + s
            acting = _acting(text, expr.begin - s if expr is not None and s <= expr.begin < e else None,
                             expr.end - s if expr is not None and s <= expr.begin < e else None, reading.between(s, e), last_actor)
            if acting.actor:
                last_actor = acting
            clause_places = [_shifted(m, s) for m in _within(sentence_places, s, e)]
            places = tuple(dict.fromkeys(m.place for m in clause_places if not _names_an_actor(text, m, kinds)))
            if objective is not None and objective not in places and _means_objective(sentence.text, s, e, sentence_places, kinds, objective):
                places += (objective,)
            event = EventRecord(
                event_id=f"E{len(events) + 1:03d}", date_start=d0, date_end=d1, date_precision=precision,
                date_qualifier=qualifier, resolved_from=expr.text if expr is not None and not expr.dates else "",
                time_of_day=expr.time_of_day if expr is not None else "", section=sentence.section, phase=sentence.phase,
                text=text, sentence=sentence.text, sentence_id=sentence.sentence_id, places=places, sides=acting.sides,
                actor=acting.actor, line=sentence.line, start=start, end=sentence.start + e,
            )
            events.append(event)
            sentence_events.append((event, s))
            front += _front(text, start, event, objective, aliases, clause_places)
        if main_of_sentence is not None:
            anchor.main = main_of_sentence
            anchor.main_qualifier = main_qualifier
        if not sentence_events:
            continue
        sentence_claims = _claims(sentence, sentence_events, lexicon, reading, previous_text)
        claims += sentence_claims
        denied = any(c.stance == "denies" for c in sentence_claims)
        control += _control(_ControlScope(
            sentence=sentence, events=sentence_events, lexicon=lexicon,
            places=_with_areas(sentence_places, find_areas(sentence.text, known_areas)), areas=frozenset(known_areas.values()),
            kinds=kinds, objective=objective, holders=holders, denied=denied, attacker=attacker, defender=initial_holder,
            previous_subject=previous_subject, reading=reading, quotes=_quoted(sentence.text), assaults=assaults,
        ))
        first_verb = _first_verb(sentence.text)
        subject = _actor_before(sentence.text[:first_verb], lexicon, previous_subject, reading.between(0, first_verb))
        if subject[0] is not None:
            previous_subject = subject
        casualties += _text_casualties(sentence, sentence_events, lexicon, sentence_claims, _Tally(period, whole, anchor.main), reading)
        previous_text = sentence_events[-1][0].text
    # a change of hands of the objective told before the period ("by late February its units had
    # seized control of X") says who held it when the offensive began
    control.sort(key=lambda c: c.start)  # an assault found to have taken its place goes back to its own time
    told = [c for c in control if c.place == objective and c.extent == "full" and c.side is not None and period[0] and c.date < period[0]]
    if told:
        initial_holder = told[-1].side
    strengths = tuple(record for sentence in sentences for record in _text_strengths(sentence, lexicon))
    return Chronology(
        tuple(events), tuple(front), tuple(control), tuple(claims), tuple(casualties), objective, initial_holder,
        lexicon.aliases, strengths,
    )


# "The militants aim to capture the town", "IS sought to retake": who is on the offensive
_AIMS_TO: Final = re.compile(
    r"\s+(?:aim(?:s|ed)?|s(?:ought|eeks?)|tr(?:y|ied|ies)|attempt(?:s|ed)?|plan(?:s|ned)?)\s+to\s+"
    r"(?:capture|take|seize|retake|recapture|storm|overrun)\b"
)


# "an offensive against the Islamic State": the side it was launched against
_AGAINST: Final = re.compile(r"\bagainst\b(?P<who>[^.;]{0,80})")


def _initial_holder(sentences: Sequence[Sentence], objective: str | None, lexicon: Lexicon) -> int | None:
    """Who held the objective before the offensive: "X-held", or the side it was launched against."""
    if objective is None:
        return None
    held_before = re.compile(r"\b(?P<who>[\w\-]+)-held\b[^.]{0,40}" + re.escape(objective))  # "the IS-held town of X"
    for sentence in sentences:
        held = held_before.search(sentence.text) if "-held" in sentence.text else None
        if held:
            side = lexicon.side_of(held.group("who"))
            if side is not None:
                return side
    for sentence in sentences[:6]:
        # "The militants aim to capture the town": the side that aims at it does not hold it
        aim = _AIMS_TO.search(sentence.text)
        if aim is not None:
            attacker, _ = _actor_before(sentence.text[: aim.start()], lexicon)
            holder = _other_side(attacker, lexicon)
            if holder is not None:
                return holder
        against = _AGAINST.search(sentence.text)
        if against:
            side = lexicon.side_of(against.group("who"))
            if side is not None:
                return side
    return lexicon.opponent_side


def _aim_side(sentences: Sequence[Sentence], objective: str | None, lexicon: Lexicon) -> int | None:
    """The side that set out to take the objective: "the GNA launched an offensive to retake X"."""
    if objective is None:
        return None
    for sentence in sentences:
        if objective not in sentence.text:
            continue
        for match in _AIM.finditer(sentence.text):
            rest = match.group("rest") if match.group("rest") is not None else match.group("rest2")
            if objective in rest:
                side, _ = _actor_before(sentence.text[: match.start()], lexicon)
                if side is not None:
                    return side
    return None


def _attacker(lexicon: Lexicon, defender: int | None) -> int | None:
    """The side on the offensive: the other side of a two-sided war, else the government."""
    sides = sorted(lexicon.labels)
    if defender is not None and len(sides) == 2 and defender in sides:
        return next(s for s in sides if s != defender)
    return lexicon.government_side if lexicon.government_side != defender else None


def _segment_of(sentence_events: Sequence[tuple[EventRecord, int]], at: int) -> EventRecord:
    chosen = sentence_events[0][0]
    for event, s in sentence_events:
        if s <= at:
            chosen = event
    return chosen


def local_clause_start(text: str, at: int) -> int:
    """Where the clause holding ``at`` begins (after the last ``;``/``:`` or at 0)."""
    return max(text.rfind(";", 0, at), text.rfind(":", 0, at)) + 1


# "that ", ": ", "to " before what was claimed ("claimed to have killed 30")
_CLAIM_OPENER: Final = re.compile(r"^\s*(?:that\s+|:\s*|to\s+)?")
# "Meanwhile, " before a reported fact: the narrative's words, not the claim's
_CLAIM_TIME_LEAD: Final = re.compile(r"^(?:Meanwhile|During the fighting|At the same time[^,]*),?\s*")
_CLAIM_JOINER_LEAD: Final = re.compile(r"^(?:with|as|while|and)\s+")
# "according to local officials, ...": the source's name runs to the next comma
_SOURCE_NAME: Final = re.compile(r"\s*([^,.;]+)")
# "; " or nothing before "according to": it opens its clause
_CLAUSE_OPENS: Final = re.compile(r"[;:]\s*$|^\s*$")
_AND_WORD: Final = re.compile(r"\band\b")
# "denied this, while", "denied it; ": a new clause, so no shared claimant
_NOT_CHAINED: Final = re.compile(r"[,;]|\bwhile\b")
# "it stated", "which claimed": no one named
_NO_CLAIMANT: Final = re.compile(r"(?:it|they|this|which|he|she|who)", re.IGNORECASE)
# "denied this", "confirmed the report": the claim is the one before
_CLAIM_ANAPHOR: Final = re.compile(r"(?:this|that|it|so|the (?:claim|report|reports))", re.IGNORECASE)


def _claims(
    sentence: Sentence, sentence_events: Sequence[tuple[EventRecord, int]], lexicon: Lexicon, reading: _Reading,
    previous_text: str = "",
) -> list[ClaimRecord]:
    """Who said what: ``pro-government sources reported X, while SOHR denied this``.

    A verb chained to the one before by "and" keeps its claimant ("SOHR denied this and
    stated ..."); "this"/"it" as the claim means the previous claim; "reportedly" and
    "was reported to" are claims without a claimant (``attributed`` False).
    """
    text = sentence.text
    body_end = len(text.rstrip().rstrip("."))
    quotes = _quoted(text)
    verbs = [m for m in reading.finditer(_CLAIM_VERB) if not any(qs <= m.start() < qe for qs, qe in quotes)]
    records: list[ClaimRecord] = []
    previous_claim = ""
    previous_claimant = ""
    for index, match in enumerate(verbs):
        verb = match.group("verb").lower()
        before = text[: match.start()]
        stop = verbs[index + 1].start() if index + 1 < len(verbs) else body_end
        segment = text[match.end():stop]
        # the claim ends where the next claimant's clause begins
        cut = _CLAIM_END.search(segment)
        claim = segment[: cut.start()] if cut else segment
        claim = _CLAIM_OPENER.sub("", claim).strip().strip(",")
        event = _segment_of(sentence_events, match.start())
        begin = match.start()
        end = match.end() + len(segment[: cut.start()] if cut else segment)
        attributed = True
        claimant = ""
        if verb == "reportedly" or (verb == "reported" and _PASSIVE_BEFORE.search(before)):
            attributed = False
            subject = _subject_phrase(before)
            tail = text[match.end():body_end] if verb == "reportedly" else claim
            claim = _CLAIM_TIME_LEAD.sub("", (subject + " " + tail.strip()).strip())
            claim = _CLAIM_JOINER_LEAD.sub("", claim)
            begin, end = event.start - sentence.start, event.end - sentence.start
        elif verb == "according to":
            name = _SOURCE_NAME.match(text[match.end():])
            claimant = _claimant_name(name.group(1)) if name else ""
            after = text[match.end() + (name.end() if name else 0):body_end]
            opens_clause = match.start() == 0 or _CLAUSE_OPENS.search(text[local_clause_start(text, match.start()):match.start()])
            if opens_clause and after.strip(" ,"):
                claim = after.strip(" ,")  # "according to SOHR, 20 civilians died"
                end = body_end
            else:
                claim = _subject_phrase(before) or text[: match.start()].strip(" ,")
        else:
            between = text[verbs[index - 1].end():match.start()] if index else ""
            chained = index > 0 and _AND_WORD.search(between) is not None and not _NOT_CHAINED.search(between)
            subject = _subject_phrase(before)
            if (chained or (not subject and _PARTICIPLE_CLAIM.fullmatch(verb))) and previous_claimant:
                claimant = previous_claimant  # "denied this and stated", "denied losing the town, saying"
            elif subject and not _NO_CLAIMANT.fullmatch(subject):
                claimant = _claimant_name(subject)
                at = before.rfind(subject)
                if at >= 0:
                    begin = at
        if _CLAIM_ANAPHOR.fullmatch(claim) and (previous_claim or previous_text):
            claim = previous_claim or previous_text  # "X denied this": the claim or the event before
        if not claim or (attributed and not claimant):
            continue
        stance = "denies" if verb in ("denied", "rejected") else "confirms" if verb in ("confirmed", "acknowledged") else "asserts"
        span = text[begin:end].strip()
        begin += len(text[begin:end]) - len(text[begin:end].lstrip())
        records.append(
            ClaimRecord(
                date=event.date_start, claimant=claimant or "unattributed",
                claimant_side=_claimant_side(claimant, lexicon), claim=claim, stance=stance,
                attributed=attributed, event_id=event.event_id, text=span, line=sentence.line,
                start=sentence.start + begin, end=sentence.start + begin + len(span),
            )
        )
        previous_claim = claim
        if claimant:
            previous_claimant = claimant
    return records


def _claimant_side(claimant: str, lexicon: Lexicon) -> int | None:
    """``SOHR`` → None, ``army`` (from "the army acknowledged") → the government's side."""
    if not claimant:
        return None
    side = lexicon.side_of(claimant)
    return side if side is not None or not claimant[:1].islower() else lexicon.side_of(f"the {claimant}")


# where a claim ends: at the next claimant's clause ("…, while SOHR denied"), a ";", or a last
# "and" before a verb of its own ("… and added"); not inside "between 90 and 120 dead"
_CLAIM_END: Final = re.compile(
    r",?\s*(?:while|whereas|but)\b|;|(?<!between \d)(?<!between \d\d)(?<!between \d\d\d)(?<!between \d,\d\d\d),?\s+and\s+(?=\S+(?:\s+\S+)?\s*$)"
    r"|,?\s+and\s*$"
)
# a claim verb as a participle after a comma has the claimant of the verb before:
# "The LNA denied losing the town, saying its troops still held the southern districts"
_PARTICIPLE_CLAIM: Final = re.compile(r"(?:issued a statement )?saying|adding|insisting|claiming|stating")


# “a statement quoted in the text”, "… in quotes"
_QUOTATION: Final = re.compile(r"[″“\"][^″”\"]{8,}[″”\"]")


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans of quotations: a statement quoted in the text is not the narrative's own fact."""
    if "″" not in text and "“" not in text and '"' not in text:
        return []  # no opening quotation mark
    return [m.span() for m in _QUOTATION.finditer(text)]


_PRONOUN: Final = re.compile(r"^(?:they|it|he|she|we|(?:its|their) (?:forces|fighters|troops|units|men|soldiers))$", re.IGNORECASE)
# words after which an actor starts a clause as its subject (articles are looked through)
_SUBJECT_LEAD: Final = re.compile(
    r"(?:^|[,;:(]|\b(?:and|but|while|as|when|after|before|then|days?|weeks?|months?|hours?|night|morning|evening|afternoon|time|point|meanwhile|also|later|that|which|where)\b)\s*(?:(?:the|its|their|a|an)\s+)?$",
    re.IGNORECASE,
)


_UNRESOLVED: Final = (None, "\0")  # what _actor_before gives back for a pronoun when asked to leave it open


_THE: Final = re.compile(r"^(?:the)\s+")
# "the army that evening", "the militants two days later": where the doer's name ends
_AGENT_END: Final = re.compile(r"\s+(?:that|the same|the next|the following|on|in|after|before|two|three|a|when|as)\b")


def _actor_before(
    text: str, lexicon: Lexicon, previous: tuple[int | None, str] = (None, ""), mentions: Sequence[Mention] | None = None
) -> tuple[int | None, str]:
    """Who does the verb that ends ``text``: the last actor standing as a subject.

    An actor right after a verb or preposition is an object ("attacked army positions
    ... and overran", "push government troops out of"); a pronoun ("they seized")
    stands for ``previous``; with no known actor, the bare noun phrase is kept.
    ``mentions`` are the side mentions of ``text`` when the caller has them already.
    """
    found = lexicon.mentions(text) if mentions is None else mentions
    mentions = [m for m in found if _SUBJECT_LEAD.search(text, 0, m.start)]
    if mentions:
        return mentions[-1].side, mentions[-1].name
    phrase = _strip_lead(_subject_phrase(text))
    phrase = _THE.sub("", phrase)
    if _PRONOUN.match(phrase):
        return previous
    return None, phrase


def _agent(text: str, lexicon: Lexicon) -> tuple[int | None, str]:
    """The doer named after "by"/"to": ``by the army that evening`` → the army."""
    mentions = lexicon.mentions(text)
    if mentions:
        return mentions[0].side, mentions[0].name
    phrase = _AGENT_END.split(text.strip())[0]
    return None, _THE.sub("", phrase).strip()


# "after the fall of X", "since the capture of": looks back at a change already told
_LOOKS_BACK: Final = re.compile(r"\b(?:after|since|following|before|until|despite)\s+$")
# "Foo fell to IS", "falling into the hands of the army"
_FELL_TO: Final = re.compile(r"\b(?:fell|falling)\s+(?:to|into the hands of)\b")
# "… had been captured", "was quickly retaken": the place is the subject, done to
_PASSIVE_VERB_BEFORE: Final = re.compile(r"\b(?:was|were|had been|has been|have been|been|being)\s+(?:\w+\s+)?$")
# "X, Y and Z", "X, as well as parts of Y": between listed places
_LIST_JOINT: Final = re.compile(r"(?:\s*,?\s+as well as\s+|\s*,\s*and\s+|\s*,\s*|\s+and\s+)")
# "the village of Marrow", "the nearby hilltop of Tal Masri": words before a listed place's name
_TOWN_OF: Final = re.compile(
    r"(?:the\s+(?:nearby\s+|neighbou?ring\s+|adjacent\s+)?(?:town|village|city|hill(?:top)?|district|base|airbase|airport|crossing|station)\s+of\s+)?"
)
# "an effort … to push", "aimed to retake" (not "managed to"): an intention, not a change
_INTENTION_BEFORE: Final = re.compile(r"\b(?<!managed )(?<!managing )to\s+(?:\w+ly\s+)?$")


@dataclass
class _ControlScope:
    """What every step of reading one sentence's changes of hands needs to know."""

    sentence: Sentence
    events: Sequence[tuple[EventRecord, int]]
    lexicon: Lexicon
    places: Sequence[PlaceMention]  # gazetteer places and areas, offsets within the sentence
    areas: frozenset[str]
    kinds: dict[str, str]  # place name → gazetteer kind
    objective: str | None
    holders: dict[str, tuple[int | None, str]]  # place → who fully holds it, as the text has told so far
    denied: bool
    attacker: int | None
    defender: int | None
    previous_subject: tuple[int | None, str]
    reading: _Reading
    quotes: list[tuple[int, int]] = field(default_factory=list)
    last_place: str | None = None
    # place → the change of hands an assault on it would be ("stormed X"), kept until the text
    # says what came of it: retaken by the other side (the assault took it), or taken again
    assaults: dict[str, ControlRecord] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class _Trigger:
    """A word that tells a change of hands: ``captured``, ``the fall of``, ``withdrew from``."""

    start: int
    end: int
    form: str  # noun, verb, push, fell, clear, withdraw
    kind: str  # capture, recapture, expulsion, fall, clearance, withdrawal


@dataclass(frozen=True, kw_only=True)
class _Target:
    """The place a trigger acts on, and the words between that say how much of it."""

    place: str
    passive: bool
    object_text: str
    end: int | None  # where the place's words end (active voice), for "X and Y"


def _triggers(reading: _Reading) -> list[_Trigger]:
    """Step 1, the verb: every word of the sentence that tells a change of hands."""
    text = reading.text
    # "after the fall of X" looks back at a change already told, not a new one
    found = [
        _Trigger(start=m.start(), end=m.end(), form="noun", kind="recapture" if "re" in m.group(0)[4:7].lower() else "capture")
        for m in reading.finditer(_CAPTURE_NOUN)
        if not _LOOKS_BACK.search(text[max(0, m.start() - 12):m.start()])
    ]
    nouns = [(t.start, t.end) for t in found]
    for m in reading.finditer(_CAPTURE):
        if any(ns <= m.start() < ne for ns, ne in nouns):
            continue
        recapture = m.group(0).lower().startswith("re")
        found.append(_Trigger(start=m.start(), end=m.end(), form="verb", kind="recapture" if recapture else "capture"))
    found += [_Trigger(start=m.start(), end=m.end(), form="push", kind="expulsion") for m in reading.finditer(_PUSH_OUT)]
    found += [_Trigger(start=m.start(), end=m.end(), form="storm", kind="capture") for m in reading.finditer(_STORM)]
    found += [
        _Trigger(start=m.start(), end=m.end(), form="fell", kind="fall")
        for m in reading.finditer(_FELL_TO)
    ]
    found += [_Trigger(start=m.start(), end=m.end(), form="clear", kind="clearance") for m in reading.finditer(_CLEAR)]
    found += [_Trigger(start=m.start(), end=m.end(), form="withdraw", kind="withdrawal") for m in reading.finditer(_WITHDRAW)]
    return sorted(found, key=lambda t: (t.start, t.end))


def _target(scope: _ControlScope, trigger: _Trigger, local_start: int) -> _Target | None:
    """Step 2, the place: what the trigger acts on (the object, or the subject of a passive)."""
    text = scope.sentence.text
    before = text[local_start:trigger.start]
    passive_words = _PASSIVE_VERB_BEFORE.search(before)
    after_place = [m for m in scope.places if m.end <= trigger.start and not text[m.end:trigger.start].strip()]
    absolute = bool(after_place) and _WITH_BEFORE.search(text, 0, after_place[-1].start) is not None
    passive = trigger.form == "fell" or trigger.form in ("verb", "clear") and (bool(passive_words) or absolute)
    if passive:
        place = after_place[-1].place if absolute else _place_before(text, trigger.start, scope.places, scope.objective)
        if place is None:
            return None
        return _Target(place=place, passive=True, object_text=text[max(local_start, trigger.start - 45):trigger.start], end=None)
    found = _place_after(text, trigger.end, scope.places, scope.objective)
    if found is None:
        return None
    place, _, object_end = found
    resolved: str | None = place
    if place == "it":
        resolved = scope.last_place or _antecedent(text, trigger.start, scope.places, scope.kinds, scope.objective)
    elif place == _ANAPHOR:  # "attacked Baz and retook the village": the place just named
        earlier = [m.place for m in scope.places if m.end <= trigger.start and m.place not in COUNTRIES and m.place not in scope.areas]
        resolved = earlier[-1] if earlier else scope.objective
    if resolved is None:
        return None
    return _Target(place=resolved, passive=False, object_text=text[trigger.end:object_end], end=object_end)


def _extent(object_text: str) -> tuple[str, float | None]:
    """``40 percent of Abu Kamal`` → (partial, 0.4); ``parts of it`` → (partial, None)."""
    if _FULLY.search(object_text) or not _PARTIAL.search(object_text):
        return "full", None
    share = _SHARE.search(object_text)
    if share is None:
        return "partial", None
    return "partial", 0.5 if share.group("half") else round(float(share.group("pct")) / 100, 4)


def _other_side(side: int | None, lexicon: Lexicon) -> int | None:
    """The side a place passes to when ``side`` leaves it: clear only in a two-sided war."""
    sides = sorted(lexicon.labels)
    if side is None or len(sides) != 2 or side not in sides:
        return None
    return next(s for s in sides if s != side)


# "fell to IS", "fell into the hands of the army": who took it
_FELL_AGENT: Final = re.compile(r"\s*(?:by\s+)?(?P<who>[^,.;]+)")
# "was recaptured by the army that evening": the doer of a passive
_BY_WHOM: Final = re.compile(r"\s*by\s+(?P<who>[^,.;]+)")


def _new_holder(scope: _ControlScope, trigger: _Trigger, target: _Target, local_start: int) -> tuple[int | None, str, bool] | None:
    """Step 3, the agent: (side, controller, inferred) of who holds the place afterwards."""
    text = scope.sentence.text
    before = text[local_start:trigger.start]
    lexicon = scope.lexicon
    if trigger.form == "withdraw":
        leaver, _ = _actor_before(before, lexicon, scope.previous_subject, scope.reading.between(local_start, trigger.start))
        if leaver is None:
            leaver, _ = _actor_before(text[:trigger.start], lexicon, scope.previous_subject, scope.reading.between(0, trigger.start))
        taker = _other_side(leaver, lexicon)
        if taker is None:
            return None  # who took over is not clear from the text
        return taker, lexicon.labels.get(taker, ""), True
    side: int | None = None
    controller = ""
    agent = None
    if trigger.form == "noun" or target.passive:
        agent = (_FELL_AGENT if trigger.form == "fell" else _BY_WHOM).match(text[trigger.end:])
    if agent is not None:
        side, controller = _agent(agent.group("who"), lexicon)
    elif trigger.form != "noun" and not target.passive:
        side, controller = _actor_before(before, lexicon, _UNRESOLVED, scope.reading.between(local_start, trigger.start))
        if (side, controller) == _UNRESOLVED:
            # "the LNA launched a campaign ..., and by late February its units had seized": a
            # pronoun stands for the subject earlier in the sentence, else the sentence before
            earlier = (
                _actor_before(text[:local_start], lexicon, scope.previous_subject, scope.reading.between(0, local_start))
                if local_start else (None, "")
            )
            side, controller = earlier if earlier[0] is not None else scope.previous_subject
        if not controller:  # "..., capturing it": the subject of the sentence so far
            side, controller = _actor_before(text[:trigger.start], lexicon, scope.previous_subject, scope.reading.between(0, trigger.start))
    if controller:
        return side, controller, False
    # "the capture of X", "X was captured": the attacking side takes, the defender retakes
    side = scope.defender if trigger.kind == "recapture" else scope.attacker
    return side, (lexicon.labels.get(side, "") if side is not None else ""), True


def _more_places(scope: _ControlScope, cursor: int) -> list[tuple[str, str]]:
    """``captured Tal Masri and Khirbet Nafel``, ``…out of X, as well as parts of Y``: the
    places listed after the first, each with the words that say how much of it."""
    text = scope.sentence.text
    listed: list[tuple[str, str]] = []
    while True:
        more = _LIST_JOINT.match(text[cursor:])
        if more is None:
            break
        at = cursor + more.end()
        share = _PART_OF.match(text, at)
        at = share.end() if share else at
        town = _TOWN_OF.match(text, at)
        at = town.end() if town else at
        nxt = [m for m in scope.places if m.start == at]
        if not nxt:
            break
        listed.append((nxt[0].place, share.group(0) if share else ""))
        cursor = nxt[0].end
    return listed


def _control(scope: _ControlScope) -> list[ControlRecord]:
    """Changes of hands in one sentence: verb, place, agent, record.

    ``captured the T-2 Pumping Station``, ``capturing it``, ``push … out of X``,
    ``recaptured 40 percent of`` (partial, share 0.4), ``withdrew from X`` (X passes to the
    other side, inferred), ``the pocket was eliminated`` (an area). Not changes: intentions
    (``an effort … to push IS out of``), captures denied in the same sentence, captures
    inside a quoted statement, and the same holder told again.
    """
    text = scope.sentence.text
    records: list[ControlRecord] = []
    partial_seen: set[tuple[str, int | None]] = set()
    for trigger in _triggers(scope.reading):
        if any(qs <= trigger.start < qe for qs, qe in scope.quotes):
            continue
        lead = text[max(0, trigger.start - 30):trigger.start]
        if trigger.form != "noun" and _INTENTION_BEFORE.search(lead):
            continue  # "an effort ... to push", "aimed at": an intention, not a change
        event = _segment_of(scope.events, trigger.start)
        local_start = event.start - scope.sentence.start
        target = _target(scope, trigger, local_start)
        if target is None:
            continue
        if trigger.form == "clear" and target.place not in scope.areas and target.place != scope.objective and scope.kinds.get(target.place) is None:
            continue  # "cleared mines": only a place or an area is cleared of the enemy
        if scope.denied and trigger.start < _first_denial(text):
            continue  # a capture someone denied at once is a claim, not a change of hands
        holder = _new_holder(scope, trigger, target, local_start)
        if holder is None:
            continue
        side, controller, inferred = holder
        hedged = bool(_HEDGE.search(text, local_start, trigger.end))
        if trigger.form == "storm":
            if side is not None and not target.passive:
                scope.assaults[target.place] = ControlRecord(
                    date=event.date_end, place=target.place, side=side, controller=controller, change="captured",
                    kind="capture", extent="full", share=None, area=target.place in scope.areas,
                    objective=target.place == scope.objective, inferred=True, hedged=hedged, event_id=event.event_id,
                    text=event.text, line=event.line, start=event.start, end=event.end,
                )
            continue
        scope.last_place = target.place
        taken = [(target.place, target.object_text)]
        if not target.passive and target.end is not None:
            taken += _more_places(scope, target.end)
        for place, how in taken:
            extent, share = _extent(how)
            previous = scope.holders.get(place)
            same = previous is not None and previous[0] == side and (side is not None or previous[1] == controller)
            if extent == "full" and same:
                continue  # the same side again (a confirmation, a declaration): not a change
            if extent == "partial" and (same or (place, side) in partial_seen):
                continue  # parts of what the side already holds, or the same parts told twice
            assault = scope.assaults.pop(place, None) if extent == "full" else None
            if (
                assault is not None and trigger.kind == "recapture" and side is not None and assault.side != side
                and (previous is None or previous[0] == side)
            ):
                records.append(assault)  # retaken: the assault told before had taken it (inferred)
            if extent == "full":
                scope.holders[place] = (side, controller)
            else:
                partial_seen.add((place, side))
            records.append(
                ControlRecord(
                    date=event.date_end, place=place, side=side, controller=controller,
                    change="recaptured" if trigger.kind == "recapture" else "captured", kind=trigger.kind,
                    extent=extent, share=share, area=place in scope.areas, objective=place == scope.objective,
                    inferred=inferred, hedged=hedged, event_id=event.event_id, text=event.text,
                    line=event.line, start=event.start, end=event.end,
                )
            )
    return records


# "captured", "was", "took": a word that is most likely a sentence's verb
_ROUGH_VERB: Final = re.compile(r"\b\w+ed\b|\b(?:was|were|is|are|had|has|took|began|fell|made|held|won|lost|fought|drove|struck)\b")
_DENIAL: Final = re.compile(r"\b(?:denied|rejected)\b", re.IGNORECASE)


def _first_verb(text: str) -> int:
    """Where the first finite verb of a sentence roughly is (to find who the sentence is about)."""
    match = _ROUGH_VERB.search(text)
    return match.start() if match else len(text)


def _first_denial(text: str) -> int:
    match = _DENIAL.search(text)
    return match.start() if match else len(text)


# a force's size in the prose: "Hezbollah, which had hundreds of fighters take part",
# "the army deployed 2,000 troops", "the TLF, with about 800 fighters,"
_STRENGTH: Final = re.compile(
    r"(?:,\s*(?:which|who)\s+(?:had|has|have|sent|deployed|committed|fielded|numbered)|,\s*with|\s+(?:sent|deployed|committed|fielded|mobili[sz]ed|massed))\s+"
    r"(?P<amount>(?:some |about |around |roughly |over |more than |up to |at least )?[\w,.+–-]+(?:\s+(?:thousand|hundred))?)"
    r"\s+(?:of\s+)?(?:its\s+|their\s+)?(?P<what>fighters|troops|soldiers|men|militants|personnel|militiamen)\b"
)


# the nouns _STRENGTH counts ("militiamen" holds "men"): a sentence with none of them has no strength
_STRENGTH_NOUN: Final = _any_of(("fighters", "troops", "soldiers", "men", "militants", "personnel"))


def _text_strengths(sentence: Sentence, lexicon: Lexicon) -> list[TextStrengthRecord]:
    """Sizes of forces told in the prose, each credited to the actor just before it."""
    text = sentence.text
    records: list[TextStrengthRecord] = []
    if _STRENGTH_NOUN.search(text) is None:
        return records  # no force is counted without one of its nouns
    for match in _STRENGTH.finditer(text):
        found = find_quantities(match.group("amount"))
        if not found or found[0].low is None or found[0].unit:
            continue
        q = found[0]
        actors = [m for m in lexicon.mentions(text[: match.start()]) if not text[m.end:match.start()].strip(" ,")]
        if not actors:
            continue  # whose force it is must stand right before it
        actor = actors[-1]
        begin, end = actor.start, match.end()
        records.append(
            TextStrengthRecord(
                side=actor.side, subject=actor.name, unit="", low=q.low, high=q.high, open_upper=q.open_upper,
                stated_high=q.stated_high, approx=q.approx, vague=q.vague, note=match.group("what"),
                text=text[begin:end], line=sentence.line, start=sentence.start + begin, end=sentence.start + end,
            )
        )
    return records


_CASUALTY_VERB: Final = re.compile(
    r"\b(?:were|was|had been|have been|being|been)?\s*(?P<cat>killed|dead|deaths|fatalities|died|wounded|injured|captured|taken prisoner|executed|displaced|fled|missing)\b",
    re.IGNORECASE,
)


_ACTIVE_CASUALTY: Final = re.compile(
    r"\b(?P<verb>killing|killed|leaving|left|wounding|wounded|injuring|injured)\s+"
)
_WHO_AFTER: Final = re.compile(
    r"\s*(?P<who>(?:of\s+)?[^\W\d][\w'’\- ]*?)?(?P<state>\s+(?:dead|wounded|injured|killed))?"
    r"(?=[,.;:)]|\s+(?:and|in|on|at|during|according|after|before|while|when|near|as|since|from|by|with|including|towards?)\b|$)"
)
# a word-number that counts raids or days, not people: "in one such raid", "one of the"
_NOT_A_COUNT: Final = re.compile(r"\s+(?:such|of\s+(?:the|its|his|her|their|them)|day|week|month|year|side|time|another|more)\b")
# "killed and 9 wounded": a list of predicates, so the figure is no object of "killed"
_LISTED_BEFORE: Final = re.compile(r"\b(?:and|or)\b|,")
# "residents of the area", "people from Foo": where they were, not who they were
_WHO_WHERE: Final = re.compile(
    r"\s+(?:of|from|in|near)\s+(?:the\s+)?(?:area|town|city|village|region|district|countryside|[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*)$"
)
# "146 of its fighters", "their men": the force of whoever the clause attributes the figure to
_OWN: Final = re.compile(r"^(?:its|their|own)\b", re.IGNORECASE)
# a figure told again with no noun of its own: "6 soldiers were killed and 9 wounded"
_ELLIPSIS_JOINT: Final = re.compile(r"\s*(?:,\s*)?(?:and\s+)?")
# sections that sum the whole conflict up: figures there with no time of their own cover all of it
_TOTALS_SECTION: Final = re.compile(r"aftermath|casualties|losses|humanitarian|impact|consequences|toll", re.IGNORECASE)
# what a title calls the conflict: "Battle of X" → battle, "2016 X offensive" → offensive
_CONFLICT_NOUN: Final = re.compile(r"\b(battle|siege|offensive|campaign|operation|war|clashes|assault|raid|insurgency|uprising)s?\b", re.IGNORECASE)
# "by the end of February 2023", "by late January": on or before a part of a month
_BY_PART: Final = re.compile(rf"\bby\s+(?:the\s+(?:end|middle)\s+of\s+|late\s+|early\s+|mid-?\s*){MONTH}", re.IGNORECASE)
# "in the fighting", "in the operation": the fighting the narrative has just told (its main clause)
_IN_THE_FIGHTING: Final = re.compile(
    r"\b(?:in|during)\s+the\s+(?:fighting|operation|clashes|attack|assault|ambush|battle|offensive|raid|siege)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class _Tally:
    """What dates a casualty figure beyond its own clause: the article's period, what the title
    calls the conflict ("during the offensive" is all of it), and the span of the narrative's
    main clause ("in the fighting" after an inherited time is that fighting)."""

    period: tuple[dt.date | None, dt.date | None]
    whole: re.Pattern[str] | None  # "during the offensive", "in the battle" when the title is "... offensive"
    main: Span | None


def _whole_conflict(title: str) -> re.Pattern[str] | None:
    """``2016 Foo offensive`` → a pattern for "during the offensive" (the whole of it)."""
    noun = _CONFLICT_NOUN.search(title)
    if noun is None:
        return None
    return re.compile(
        # not "the offensive's first assault" nor "the battle for the airport": a part of it
        rf"\b(?:in|during|throughout|over the course of)\s+the\s+(?:whole\s+|entire\s+)?{noun.group(1).lower()}\b"
        r"(?!['’]s\b|\s+(?:for|of|on|at|in|against|to)\b)",
        re.IGNORECASE,
    )


def _casualty_span(event: EventRecord, clause: str, section: str, tally: _Tally) -> Span:
    """The period a figure covers: its clause's, all of the conflict's ("killed during the
    offensive", a total in the aftermath), since the start ("had fled … by the end of
    February"), or the fighting just told ("dead in the fighting")."""
    start, stop = tally.period
    own = (event.date_start, event.date_end)
    if start is not None and (
        (tally.whole is not None and tally.whole.search(clause))
        or (event.date_qualifier == "inherited" and _TOTALS_SECTION.search(section))
    ):
        return start, stop if stop is not None and stop >= start else max(start, event.date_end)
    by = event.date_qualifier == "by" or (event.date_qualifier == "part" and _BY_PART.search(clause) is not None)
    if by and start is not None and start < event.date_start:
        return start, event.date_end  # a total "by" a date counts from the beginning
    if event.date_qualifier == "inherited" and tally.main is not None and _IN_THE_FIGHTING.search(clause):
        return tally.main
    return own


@dataclass(frozen=True)
class _Figure:
    """One casualty figure before it becomes a record: who as written, how, where in the sentence."""

    who: str
    category: str
    q: Quantity
    begin: int
    end: int
    figure_at: int  # where the number starts
    active: bool  # the object of "killing"/"killed" (so the killer is the subject before)
    event: EventRecord


# ", ", " and ", " as well as " ending the words after a figure: another figure follows in a list
_LIST_END: Final = re.compile(r"(?:,\s*|\s+and\s+|\s+as well as\s+)$")
# "near Foo", "; ", "according to": the words after a figure are no list item
_NOT_A_LIST: Final = re.compile(r"[;:]|according to|\b(?:near|in|at|from|during|after|before|since)\b")
# "soldiers were killed" → "soldiers"
_AUX_TAIL: Final = re.compile(r"\s+(?:were|was|had|have|been|being)\b.*$")
# "of the fighters" → "fighters"
_WHO_LEAD: Final = re.compile(r"^(?:of\s+)?(?:the\s+)?")


def _text_casualties(
    sentence: Sentence, sentence_events: Sequence[tuple[EventRecord, int]], lexicon: Lexicon,
    sentence_claims: Sequence[ClaimRecord], tally: _Tally, reading: _Reading,
) -> list[CasualtyRecord]:
    """Casualty figures in the prose, by side, with the period their clause covers.

    Active: ``killing 14 soldiers``, ``killed 11 soldiers and wounded dozens of others``;
    passive: ``42 IS militants and 27 pro-government fighters were killed``,
    ``between 90 and 120 dead``, ``11 deaths``, ``6,000 residents fled``. The claimant is whoever
    said the words that hold the figure.
    """
    text = sentence.text
    figures: list[_Figure] = []
    used: set[int] = set()

    # active verbs: the figure is the verb's object
    for match in reading.finditer(_ACTIVE_CASUALTY):
        window = text[match.end():match.end() + 80]
        found = [q for q in find_quantities(window) if q.unit == ""]
        if not found or found[0].start > 12 or _LISTED_BEFORE.search(window, 0, found[0].start):
            continue
        q = found[0]
        who = _WHO_AFTER.match(window[q.end:])
        if who is None:
            continue
        verb = match.group("verb").lower()
        state = (who.group("state") or "").strip().lower()
        category = "wounded" if verb.startswith(("wound", "injur")) or state in ("wounded", "injured") else "killed"
        used.add(match.end() + q.start)
        figures.append(_Figure(
            who.group("who") or "", category, q, match.start(), match.end() + q.end + who.end(), match.end() + q.start,
            True, _segment_of(sentence_events, match.start()),
        ))

    # passive and predicate forms: the figures stand before the verb
    for verb in reading.finditer(_CASUALTY_VERB):
        event = _segment_of(sentence_events, verb.start())
        local_start = event.start - sentence.start
        # the figures belong to the verb's own clause: after the last ";" or ":"
        local_start += max(text.rfind(";", local_start, verb.start()), text.rfind(":", local_start, verb.start()), local_start - 1) + 1 - local_start
        segment = text[local_start:verb.start()]
        category = casualty_category(verb.group("cat"))
        quantities = [
            q for q in find_quantities(segment)
            if q.unit == ""
            # "hundreds of fighters" is a size, not a casualty count
            and not (q.vague and segment[q.end:q.end + 4].strip().startswith("of"))
            and not (not q.text[:1].isdigit() and _NOT_A_COUNT.match(segment[q.end:]))
            and local_start + q.start not in used
        ]
        # keep only the amounts of the list right before the verb ("42 X and 27 Y were killed")
        chain: list[tuple[int, str]] = []
        for index, q in enumerate(quantities):
            nxt = quantities[index + 1].start if index + 1 < len(quantities) else len(segment)
            words = segment[q.end:nxt]
            if index + 1 < len(quantities):
                joiner = _LIST_END.search(words)
                head = words[: joiner.start()] if joiner else words
                if joiner is None or len(head.split()) > 6 or _NOT_A_LIST.search(head):
                    chain = []
                    continue
                words = head
            chain.append((index, words))
        for index, words in chain:
            q = quantities[index]
            used.add(local_start + q.start)
            words = _AUX_TAIL.sub("", words)
            figures.append(_Figure(words, category, q, local_start + q.start, verb.end(), local_start + q.start, False, event))
    figures.sort(key=lambda f: f.begin)
    return [
        _casualty_record(sentence, figure, figures[:index], lexicon, sentence_claims, tally, reading)
        for index, figure in enumerate(figures)
    ]


def _casualty_record(
    sentence: Sentence, figure: _Figure, before: Sequence[_Figure], lexicon: Lexicon,
    sentence_claims: Sequence[ClaimRecord], tally: _Tally, reading: _Reading,
) -> CasualtyRecord:
    text = sentence.text
    who = _WHO_LEAD.sub("", figure.who.strip(" ,"))
    who = _WHO_WHERE.sub("", who)
    written = text[figure.begin:figure.end]
    # the claimant is whoever said the words holding the figure (the closest such claim)
    holding = [
        c for c in sentence_claims
        if c.attributed and (written in c.claim or c.start <= sentence.start + figure.begin < sentence.start + figure.end <= c.end)
    ]
    claim = min(holding, key=lambda c: len(c.claim)) if holding else None
    side = lexicon.side_of(who) if who else None
    if side is None and not who and before:
        last = before[-1]
        if last.end <= figure.figure_at and _ELLIPSIS_JOINT.fullmatch(text, last.end, figure.figure_at):
            who = _WHO_LEAD.sub("", last.who.strip(" ,"))  # "6 soldiers were killed and 9 wounded"
            side = lexicon.side_of(who)
    if side is None and claim is not None and claim.claimant_side is not None and (
        _OWN.match(who) or (not who and claim.stance == "confirms")
    ):
        side = claim.claimant_side  # "The GNA said 146 of its fighters", "the army acknowledged only 11 deaths"
    if side is None and who and not CIVILIAN.search(who):
        # "ambushed an LNA supply column …, killing 9 soldiers; … claimed that 20 soldiers had been killed":
        # the same word names the same force again in the sentence
        side = next((f_side for f in reversed(before) if f.who.strip() == figure.who.strip()
                     and (f_side := _victim_side(sentence, f, lexicon, reading)) is not None), None)
        if side is None:
            side = _victim_side(sentence, figure, lexicon, reading)
    elif side is None and not who and figure.active:
        killer, _ = _actor_before(text[: figure.begin], lexicon, mentions=reading.between(0, figure.begin))
        side = _other_side(killer, lexicon)  # "JNIM claimed to have killed 30": the other side's dead
    date_start, date_end = _casualty_span(figure.event, figure.event.text, sentence.section, tally)
    return CasualtyRecord(
        origin="text", side=side, who=who, category=figure.category, civilian=bool(CIVILIAN.search(who)),
        low=figure.q.low, high=figure.q.high, open_upper=figure.q.open_upper, date_start=date_start, date_end=date_end,
        claimant=claim.claimant if claim is not None else "", event_id=figure.event.event_id, text=written,
        line=sentence.line, start=sentence.start + figure.begin, end=sentence.start + figure.end, field="",
    )


def _victim_side(sentence: Sentence, figure: _Figure, lexicon: Lexicon, reading: _Reading) -> int | None:
    """Whose men a generic noun ("9 soldiers") counts, killed by the clause's subject: the one
    other side the clause names as the verb's object ("ambushed an LNA supply column")."""
    if not figure.active:
        return None
    local = figure.event.start - sentence.start
    clause = sentence.text[local:figure.begin]
    verb = _first_verb(clause)
    subject, _ = _actor_before(clause[:verb], lexicon, mentions=reading.between(local, local + verb))
    if subject is None:
        return None
    others = {m.side for m in reading.between(local, figure.begin) if m.side != subject}
    return others.pop() if len(others) == 1 else None


def _lowercase_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same pattern without IGNORECASE, to run on lowercased text: its words are all
    lowercase, so that finds what IGNORECASE finds on the text as written, only faster."""
    words = re.sub(r"\(\?P[<=]|\\[A-Za-z]", "", pattern.pattern)  # group syntax and escapes are no words
    if words != words.lower() or not pattern.flags & re.IGNORECASE:
        raise ValueError(f"no lowercase twin for {pattern.pattern!r}")
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


# the case-free patterns every sentence is scanned with (see _Reading.finditer), each with
# words one of which every match holds (lowercase): a sentence with none of them is not scanned.
# tests/test_chronology.py checks on every seed sentence that these find what the patterns find.
_TWINS_WORDS: Final[dict[re.Pattern[str], tuple[str, ...]]] = {
    _CAPTURE_NOUN: ("capture of", "fall of", "liberation of", "seizure of"),
    _CAPTURE: ("captur", "seiz", "tak", "took", "liberat", "overr"),
    _PUSH_OUT: ("out of",),
    _STORM: ("storm", "broke into", "overwhelmed"),
    _CLEAR: ("clear", "eliminat"),
    _WITHDRAW: ("withdr", "retreat", "pull", "fled", "evacuat", "abandon"),
    _CLAIM_VERB: ("report", "stated", "said", "claimed", "announced", "declared", "denied", "rejected", "confirmed",
                  "acknowledged", "asserted", "alleged", "insisted", "recorded", "documented", "saying", "according to"),
    _CASUALTY_VERB: ("killed", "dead", "death", "fatalities", "died", "wounded", "injured", "captured", "taken prisoner",
                     "executed", "displaced", "fled", "missing"),
}
_TWINS: Final = {pattern: _lowercase_twin(pattern) for pattern in _TWINS_WORDS}
# the same for patterns that heed case (run on the text as written)
_CASED_WORDS: Final[dict[re.Pattern[str], tuple[str, ...]]] = {
    _FELL_TO: ("fell", "falling"),
    _ACTIVE_CASUALTY: ("kill", "leav", "left", "wound", "injur"),
}


__all__ = [
    "build_chronology", "find_objective", "find_time_expressions", "Chronology", "EventRecord", "FrontRecord", "ControlRecord",
    "ClaimRecord", "TextStrengthRecord",
]
