"""The infobox, typed: period, sides, commanders, units, strengths and casualties.

Values arrive flattened from wiki markup, so the leftovers of that flattening are part
of the grammar (see docs/DATA_CONTRACT.md, "how an infobox reads once flattened")::

    - Commander2: Abu Bakr al-Baghdadi (possibly), Hani Al-ThaljiKIA, (field commander)
    - Units1: 16px Republican Guard, * 124th Brigade, Tiger Forces
    - Strength1: 8,000 Lebanese, Iraqi, Afghan and Palestinian fighters, Tiger Forces: 450
    - Casualties1: 376+ killed

Items are split at top-level commas and semicolons (never inside parentheses or
thousands separators); ``*``/``**`` give tree depth; ``16px``, lone ``'`` and empty
items are flag and icon leftovers and are dropped; ``KIA`` glued to a name is a fate.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from . import grammar
from .dates import Period, find_window, parse_period
from .quantities import Quantity, find_quantities
from .seed import InfoboxLine, Unparsed

# "combatant1", "commanders2", "casualties3", "losses1", "milstrength2": a side's field (normalised key)
_FIELD: Final = re.compile(
    r"^(?P<base>combatants?|commanders?|leaders?|units?|strengths?|polstrengths?|milstrengths?"
    r"|casualties|casualty|losses)(?P<side>\d)?$"
)
# "16px ", "16px 16px ", "23px|border|link ", "border|20px ": flag and icon leftovers before a name
_ICON: Final = re.compile(r"^(?:(?:border\|)?\d{1,3}x?\d{0,3}px(?:\|[\w=-]*)*\s+|border\s+)+")
# "Kessa Brigade ---- Western Coalition": a rule between two groups of a side, flattened
# into the value; it separates items like a comma and ends a "Supported by:" group
_RULE: Final = re.compile(r"-{4,}")
# "Black Banner[2]", "Free Army[a]", "[citation needed]", "[note 1]": footnote marks. They are
# blanked (same length, so offsets hold) before a value is read: "[14]" is not 14 killed.
_FOOTNOTE: Final = re.compile(
    r"\[(?:\d{1,3}|[a-z]{1,2}|(?:note|nb|n) ?\d{1,3}|citation needed|clarification needed|dubious|"
    r"better source needed|failed verification|verification needed|when\?|who\?|which\?)\]",
    re.IGNORECASE,
)
# "Islamists groups: 25px Jamaat Nusra": a group label and its first name in one item
_LABELLED: Final = re.compile(r"^(?P<label>[A-Z][^:()\d]{0,40}?):\s+(?P<name>\S.*)$")
# "and allied contractors": the name before "and" was a link lost in flattening
_LEADING_AND: Final = re.compile(r"^(?:and|&)\s+", re.IGNORECASE)
# "Maj. Gen. ", "Field Marshal ", "Lt. Col. ": ranks before a commander's name
_RANK: Final = re.compile(
    r"^(?:(?:Field Marshal|Grand Ayatollah|Major General|Lieutenant General|Brigadier General|"
    r"Lieutenant Colonel|Vice Admiral|Rear Admiral|General|Colonel|Major|Captain|Lieutenant|"
    r"Brigadier|Admiral|Commander|Sergeant|Emir|Sheikh|Marshal|"
    r"Maj\.|Gen\.|Lt\.|Col\.|Brig\.|Capt\.|Cpt\.|Sgt\.|Adm\.|Cdr\.|Cmdr\.|Vice Adm\.|Rear Adm\.|"
    r"Air Marshal|Air Vice-Marshal|Staff|Lt|Gen|Col|Maj|Brig)\s+)+"
)
# "Hani Al-ThaljiKIA", "Emrah Ismail (WIA)", "Hebun Sina †": a fate at the end of a name
_FATE: Final = re.compile(
    # glued after any lowercase letter, accented ones too ("TraoréKIA"), or after a closing
    # quote ('Nadim Sultan "Abu Ghanem"KIA'); alone when the name was an image ("23px KIA")
    r"(?:^|(?<=[^\W\dA-Z_])|(?<=[.)'’\"”])|\s+|\s*\(\s*)(?P<fate>KIA|WIA|POW|MIA|DOW|†|executed|Executed)\s*\)?\s*$"
)
_FATE_WORDS: Final = frozenset({"KIA", "WIA", "POW", "MIA", "DOW"})
# '(alias "Ibn Omari")', '("Abu Layla")', '(a.k.a. "Abu Ahmed")': a nickname, kept in the name
# ; "(a.k.a. Abu Ibrahim Al-Francy)": an alias word makes the quotes unnecessary
_NICKNAME: Final = re.compile(
    r"^(?:(?:alias|a\.k\.a\.?|aka|nicknamed|known as|nom de guerre)\s+)?[\"“](?P<nick>[^\"”]+)[\"”]$"
    r"|^(?:alias|a\.k\.a\.?|aka|nicknamed|known as)\s+(?P<bare>[A-Z][^\"“”]*)$",
    re.IGNORECASE,
)
# 'Haider Dahlan Gen. Fares Wahbi', 'Mahmud al-Ajran (Army Commander) Sulaiman Ali Musa': two
# commanders whose separating line break was lost; they split before an inner rank or after a role
_MERGED_COMMANDERS: Final = re.compile(
    r"(?<=[a-zà-ÿ])\s+(?=(?:Gen|Maj|Col|Lt|Brig|Capt|Adm)\.\s+[A-Z]|(?:General|Colonel|Major General|Brigadier|Field Marshal|Admiral)\s+[A-Z])"
    r"|(?<=\))\s+(?=[A-Z][a-zà-ÿ'-]+\s+[A-Z])"
)
_QUALIFIERS: Final = frozenset(
    {"possibly", "allegedly", "reportedly", "unconfirmed", "disputed", "presumed", "rumored",
     "rumoured", "alleged", "claimed", "uncertain", "probably", "likely"}
)
# "(until 3 January 2023)", "(from May)": when the command held, a qualifier, not a role
_TIME_QUALIFIER: Final = re.compile(r"^(?:until|till|since|from|after|before|to|between|acting|interim)\b", re.IGNORECASE)


def _is_qualifier(note: str) -> bool:
    return note.lower() in _QUALIFIERS or _TIME_QUALIFIER.match(note) is not None


# casualty words are shared with the chronology (grammar.py); kept under these names for it
_CATEGORY_RE: Final = grammar.CASUALTY_CATEGORY
_CIVILIAN: Final = grammar.CIVILIAN
# "per SOHR", "according to the MNLA", "Syrian claim", "U.N. report": who gives the figure
_CLAIMANT_IN_PARENS: Final = re.compile(
    r"^(?:per|according to|claimed by|reported by|source:)\s+(?P<a>.+)$|^(?P<b>.+?)\s+(?:claim|claims|estimate|figures?|report)$",
    re.IGNORECASE,
)
# "Tom &amp" before ";": the semicolon closes an HTML entity
_ENTITY_END: Final = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6})$")
# "Unknown", "N/A", "none": no figure and nothing else
_UNKNOWN: Final = re.compile(r"^(?:unknown|n/a|none|not known|unclear)\.?$", re.IGNORECASE)
# "Unknown soldiers", "unknown killed", "N/A wounded", "Unknown number of police": no figure, but a subject
_UNKNOWN_LEAD: Final = re.compile(r"^(?:unknown|n/a|not known|unclear)\s+(?:number of\s+)?(?P<rest>\S.*)$", re.IGNORECASE)
# "150,00–78,055": digits grouped wrongly, so no reading of the figure can be trusted
_MALFORMED_FIGURE: Final = re.compile(r"(?<![\d,])\d{1,3},(?:\d{1,2}|\d{4,})(?![\d,])")
MALFORMED_REASON: Final = "figure with malformed digit grouping ({figure!r}): not read, check the article"
# "Total: 149 killed overall": a figure for everyone, written in a side's or the shared row
_TOTAL: Final = re.compile(r"(?:^|[,;]\s*)total\s*:?\s*$", re.IGNORECASE)
# "See order of battle", "see § Military casualties", "Estimates vary": the field points elsewhere
_ELSEWHERE: Final = re.compile(r"^(?:see\b|see also\b|estimates vary\b|full list\b|§)", re.IGNORECASE)
ELSEWHERE_REASON: Final = "points to another part of the article, not a value: {text!r}"
# "(according to Ansar Sedda)", "(Drava claim)", "(field commander)": a note standing as an item of its own
_NOTE_ONLY: Final = re.compile(r"^\((?P<note>[^()]*)\)$")
# a window note's first word: "before 14 May" ends there, "since 3 June" starts there
_UNTIL_WORDS: Final = ("before", "until", "till", "by", "as of", "up to")
_FROM_WORDS: Final = ("since", "after", "from")

_KEY_SPACES: Final = re.compile(r"[\s_]+")  # "Part of" / "part_of" → "partof"
_STARS: Final = re.compile(r"^\*+\s*")  # "** 10th Division": the tree depth
_EMPTY_BRACKETS: Final = re.compile(r"[\s'’\"]*\(\s*\)[\s'’\"]*")  # "' ()": a template left nothing
_EMPTY_PARENS: Final = re.compile(r"\(\s*\)")  # "Name ()"
_SPACES: Final = re.compile(r"\s{2,}")  # "Narin Avar    (nom de guerre)" after a footnote was blanked
_WORD: Final = re.compile(r"[a-z0-9]+")  # "4th Division's" → "4th", "division", "s"
_NOTE_SEPARATOR: Final = re.compile(r"[;,]\s*")  # "SAA claim; 29 Sep. – 13 Oct."
# "SOHR", "Pinnacle Radio", "U.N.": a note that is only a proper name is its claimant
_PROPER_NAME: Final = re.compile(r"[A-Z][A-Za-z0-9\-\.]*(?:[ -][A-Z][A-Za-z0-9\-\.]*){0,3}")
# "Several claims:", "Army figures:": a header naming no one
_CLAIM_HEADER: Final = re.compile(r"claims?$|estimates?$|figures?$|^several", re.IGNORECASE)
# "the Eastern Syria campaign and the, Russian military intervention": a link cut out after "the"
_CUT_LINK: Final = re.compile(r"\b(the|and|of|in|a|an)\s*,\s+")
_CAMPAIGNS: Final = re.compile(r",\s+|;\s+|\s+and the\s+")  # "the A campaign, and the B war"
_LEADING_THE: Final = re.compile(r"^(?:and\s+)?the\s+")  # "and the Raqqa campaign" → "Raqqa campaign"


@dataclass(frozen=True)
class Item:
    """One comma-separated item of an infobox value, leftovers removed."""

    text: str  # as written, == seed_text[start:end]
    start: int
    end: int
    depth: int  # number of leading '*'
    line: int
    column: int
    after_rule: bool = False  # the first item after a "----" rule
    placeholder: bool = False  # "** ,": a tree level whose name was lost in flattening


@dataclass(frozen=True)
class SideRecord:
    side: int
    combatant: str
    role: str
    depth: int
    parent: str
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class CommanderRecord:
    side: int | None
    name: str
    rank: str
    fate: str
    qualifier: str
    role: str
    text: str
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class UnitRecord:
    side: int | None
    unit: str
    parent: str
    depth: int
    note: str
    text: str
    line: int
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class StrengthRecord:
    side: int | None
    subject: str
    unit: str
    low: float | None
    high: float | None
    open_upper: bool
    approx: bool
    vague: bool
    note: str
    text: str
    line: int
    start: int
    end: int
    stated_high: float | None = None


@dataclass(frozen=True, kw_only=True)
class CasualtyRecord:
    """One casualty figure (17 fields: built by keyword only, so none can slip into another's place)."""

    origin: str
    side: int | None
    who: str
    category: str
    civilian: bool
    low: float | None
    high: float | None
    open_upper: bool
    date_start: dt.date | None
    date_end: dt.date | None
    claimant: str
    event_id: str
    text: str
    line: int
    start: int
    end: int
    field: str


@dataclass(frozen=True)
class Infobox:
    """Everything the infobox says, typed."""

    lines: tuple[InfoboxLine, ...]
    fields: dict[str, InfoboxLine]  # normalised key -> first line with that key
    period: Period
    sides: tuple[SideRecord, ...]
    commanders: tuple[CommanderRecord, ...]
    units: tuple[UnitRecord, ...]
    strengths: tuple[StrengthRecord, ...]
    casualties: tuple[CasualtyRecord, ...]
    part_of: tuple[str, ...]
    unparsed: tuple[Unparsed, ...]

    def value(self, *keys: str) -> str:
        for key in keys:
            line = self.fields.get(normalise_key(key))
            if line is not None:
                return line.value
        return ""


def normalise_key(key: str) -> str:
    """``Part of`` / ``Partof`` / ``part_of`` → ``partof``."""
    return _KEY_SPACES.sub("", key).lower()


def split_items(value: str, start: int, line: int, line_start: int) -> tuple[list[Item], list[Unparsed]]:
    """Split ``value`` at top-level ``,``/``;`` followed by a space (never ``8,000``) and at ``----``.

    Returns the items with leftovers removed, and a note for unbalanced parentheses
    (read as closing at the end of the value, so nothing after them is lost). Footnote
    marks are blanked first; an item's ``text`` is then the seed's words with the marks
    as spaces (callers re-slice the seed for provenance). ``** ,`` comes back as a
    ``placeholder`` item with no text, so that a unit tree can say where a name was lost.
    """
    value = _FOOTNOTE.sub(lambda m: " " * len(m.group(0)), value)
    items: list[Item] = []
    problems: list[Unparsed] = []
    depth = 0
    opened_at = -1
    pieces: list[tuple[int, int, bool]] = []
    begin = 0
    after_rule = False
    i = 0
    while i < len(value):
        char = value[i]
        if char in "([":
            if depth == 0:
                opened_at = i
            depth += 1
        elif char in ")]" and depth > 0:
            depth -= 1
        elif depth == 0 and char == "-" and (rule := _RULE.match(value, i)) is not None:
            pieces.append((begin, i, after_rule))
            begin = i = rule.end()
            after_rule = True
            continue
        elif char in ",;" and depth == 0 and (i + 1 == len(value) or value[i + 1] in " \t"):
            if char == ";" and _ENTITY_END.search(value, 0, i):
                i += 1
                continue  # "Tom &amp; Jerry": the ';' closes an HTML entity, it separates nothing
            pieces.append((begin, i, after_rule))
            begin = i + 1
            after_rule = False
        i += 1
    pieces.append((begin, len(value), after_rule))
    if depth > 0:
        problems.append(
            Unparsed(line, start - line_start + opened_at + 1, value[opened_at:], "unclosed parenthesis (read to the end of the value)")
        )
    pending_rule = False
    for s, e, ruled in pieces:
        pending_rule = pending_rule or ruled
        piece = value[s:e]
        lead = len(piece) - len(piece.lstrip())
        s += lead
        piece = piece.strip()
        stars = _STARS.match(piece)
        star_count = 0
        if stars:
            star_count = stars.group(0).count("*")
            s += stars.end()
            piece = piece[stars.end():]
        icon = _ICON.match(piece)
        if icon:
            s += icon.end()
            piece = piece[icon.end():]
        piece = piece.rstrip()
        # lone quotes and empty parentheses are flag/template leftovers, not content
        if not piece.strip(" '’\"") or _EMPTY_BRACKETS.fullmatch(piece):
            if star_count:
                items.append(Item("", start + s, start + s, star_count, line, start - line_start + s + 1, placeholder=True))
            continue
        items.append(Item(piece, start + s, start + s + len(piece), star_count, line, start - line_start + s + 1, pending_rule))
        pending_rule = False
    return items, problems


def _close_parentheses(text: str) -> str:
    """A truncated ``Name (possi`` reads as ``Name (possi)``: the note is kept, the name clean."""
    return text + ")" * max(0, text.count("(") - text.count(")"))


def _notes(text: str, keep_fates: bool = False) -> tuple[str, list[str]]:
    """``Name (possibly) (field commander)`` → (``Name``, [``possibly``, ``field commander``]).

    Only top-level, balanced parentheses are notes, nested ones stay inside them
    (``(per Monitor (UK))``). A parenthesis glued to the word before it belongs to the
    name (``alert(1)``, ``Unit(B)``) unless it holds a qualifier or a fate. With
    ``keep_fates`` a ``(KIA)`` stays in the text for the fate pattern to find.
    """
    kept: list[str] = []
    notes: list[str] = []
    depth = 0
    opened = 0
    last = 0
    for i, char in enumerate(text):
        if char == "(":
            if depth == 0:
                opened = i
            depth += 1
        elif char == ")" and depth > 0:
            depth -= 1
            if depth:
                continue
            inner = text[opened + 1:i].strip()
            glued = opened > 0 and not text[opened - 1].isspace() and text[opened - 1] not in "([,;"
            fate = inner.upper() in _FATE_WORDS
            if (keep_fates and fate) or (glued and not fate and inner.lower() not in _QUALIFIERS):
                continue
            kept.append(text[last:opened])
            kept.append(" ")
            last = i + 1
            if inner and not fate:
                notes.append(inner)
    kept.append(text[last:])
    return "".join(kept), notes


def _strip_stray_quotes(text: str) -> str:
    """Drop quotes left by flag templates (``' Gen. Adam Roth``), keep quoted words (``"Mad" Max``)."""
    while text:
        first, last = text[0], text[-1]
        if first in "'’\"" and (
            len(text) == 1 or text[1].isspace()
            or (text.count(first) % 2 == 1 if first == '"' else not text.endswith(first))
        ):
            text = text[1:].lstrip()
        elif last in "'’\"" and (
            text[-2].isspace() or (text.count(last) % 2 == 1 if last == '"' else not text.startswith(last))
        ):
            text = text[:-1].rstrip()
        else:
            break
    return text


def _clean_name(text: str) -> str:
    text = _EMPTY_PARENS.sub("", text)
    return _strip_stray_quotes(_SPACES.sub(" ", text).strip())


def _split_merged(item: Item) -> list[Item]:
    """``Haider Dahlan Gen. Fares Wahbi`` → two items (see :data:`_MERGED_COMMANDERS`)."""
    cuts = [m for m in _MERGED_COMMANDERS.finditer(item.text) if m.start() > 0]
    if not cuts:
        return [item]
    parts: list[Item] = []
    begin = 0
    for cut in [*cuts, None]:
        end = cut.start() if cut is not None else len(item.text)
        text = item.text[begin:end]
        parts.append(replace(item, text=text, start=item.start + begin, end=item.start + end, column=item.column + begin))
        begin = cut.end() if cut is not None else begin
    return parts


def _commanders(side: int | None, items: Sequence[Item], problems: list[Unparsed] | None = None) -> list[CommanderRecord]:
    records: list[CommanderRecord] = []
    for item in [part for whole in items for part in _split_merged(whole)]:
        role_only = _NOTE_ONLY.fullmatch(item.text)
        if role_only is not None and records:
            role = role_only.group("note").strip()
            last = records[-1]
            nickname = _NICKNAME.match(role)
            if nickname is not None:
                records[-1] = replace(last, name=f'{last.name} "{(nickname.group("nick") or nickname.group("bare")).strip()}"')
            elif role.upper() in _FATE_WORDS:
                records[-1] = replace(last, fate="; ".join(filter(None, [last.fate, role.upper()])))
            elif _is_qualifier(role):
                records[-1] = replace(last, qualifier="; ".join(filter(None, [last.qualifier, role])))
            else:
                records[-1] = replace(last, role="; ".join(filter(None, [last.role, role])))
            records[-1] = replace(records[-1], end=item.end)  # text is re-sliced from the seed
            continue
        if item.text.endswith(":") or _UNKNOWN.match(item.text):
            continue
        without_parens, notes = _notes(_close_parentheses(item.text), keep_fates=True)
        nicknames = [(m.group("nick") or m.group("bare")).strip() for m in map(_NICKNAME.match, notes) if m is not None]
        notes = [words for words in notes if _NICKNAME.match(words) is None]
        qualifiers = [words for words in notes if _is_qualifier(words)]
        roles = [words for words in notes if not _is_qualifier(words)]
        # "Name (WIA) (POW)": every fate written, the last one outermost
        fates: list[str] = []
        while (fate_match := _FATE.search(without_parens)) is not None:
            fate = fate_match.group("fate").replace("†", "KIA")
            fates.insert(0, fate.upper() if fate.lower() != "executed" else "executed")
            without_parens = without_parens[: fate_match.start()]
        name = _clean_name(without_parens)
        rank_match = _RANK.match(name)
        rank = ""
        if rank_match is not None and rank_match.end() < len(name):
            rank = rank_match.group(0).strip()
            name = name[rank_match.end():].strip()
        if not name:
            if fates and problems is not None:
                problems.append(Unparsed(
                    item.line, item.column, item.text,
                    f"a fate ({'; '.join(fates)}) with no name: the name was a link or image lost in flattening",
                ))
            continue
        name = " ".join([name, *(f'"{nick}"' for nick in nicknames)])
        records.append(
            CommanderRecord(side, name, rank, "; ".join(dict.fromkeys(fates)), "; ".join(qualifiers), "; ".join(roles), item.text, item.line, item.start, item.end)
        )
    return records


def _units(side: int | None, items: Sequence[Item], problems: list[Unparsed] | None = None) -> list[UnitRecord]:
    """A unit tree of any depth. ``** ,`` (a level whose name was lost) is kept on the stack
    as a nameless node, so the units under it take the nearest *named* ancestor as parent
    rather than a sibling of the lost one; each such level is reported in ``problems``."""
    records: list[UnitRecord] = []
    stack: list[tuple[int, str]] = []  # (depth, name); "" for a lost level
    for item in items:
        while stack and stack[-1][0] >= item.depth:
            stack.pop()
        if item.placeholder:
            stack.append((item.depth, ""))
            if problems is not None:
                problems.append(Unparsed(
                    item.line, item.column, "*" * item.depth,
                    f"empty unit at depth {item.depth} (its name was a link or flag lost in flattening); "
                    "the units under it are attached to the nearest named unit above",
                ))
            continue
        if item.text.endswith(":") or _UNKNOWN.match(item.text):
            continue
        bare, notes = _notes(_close_parentheses(item.text))
        name = _LEADING_AND.sub("", _clean_name(bare))
        if not name:
            continue
        parent = next((named for _, named in reversed(stack) if named), "")
        # a '**' under a top-level unit keeps its written depth; its parent is the nearest shallower one
        records.append(UnitRecord(side, name, parent, item.depth, "; ".join(notes), item.text, item.line, item.start, item.end))
        stack.append((item.depth, name))
    return records


def _has_amount(text: str) -> bool:
    """``1,000 soldiers`` and ``Unknown number of police forces`` each stand alone."""
    stripped = text.strip()
    return bool(find_quantities(text)) or bool(_UNKNOWN.match(stripped)) or bool(_UNKNOWN_LEAD.match(stripped))


def _merge_continuations(items: Sequence[Item], value: str, value_start: int) -> list[Item]:
    """Re-join items that a list comma split inside one figure's description.

    ``8,000 Lebanese, Iraqi, Afghan and Palestinian fighters`` is one strength: the
    items ``Iraqi`` and ``Afghan and Palestinian fighters`` carry no amount of their own.
    """
    merged: list[Item] = []
    for item in items:
        if (
            merged and not _has_amount(item.text) and not item.text.endswith(":")
            and not _CATEGORY_RE.search(item.text) and item.depth == merged[-1].depth
            and _has_amount(merged[-1].text) and ":" not in merged[-1].text
            and not item.text.startswith("(")
        ):
            last = merged[-1]
            text = value[last.start - value_start: item.end - value_start]
            merged[-1] = replace(last, text=text, end=item.end)
        else:
            merged.append(item)
    return merged


def _strengths(
    side: int | None, items: Sequence[Item], units: Sequence[UnitRecord], problems: list[Unparsed] | None = None,
) -> list[StrengthRecord]:
    records: list[StrengthRecord] = []

    def record(item: Item, subject: str, note: str, q: Quantity | None = None) -> StrengthRecord:
        return StrengthRecord(
            side=side, subject=subject, unit=_match_unit(subject, side, units), low=q.low if q else None,
            high=q.high if q else None, open_upper=q.open_upper if q else False, approx=q.approx if q else False,
            vague=q.vague if q else False, note=note, text=item.text, line=item.line, start=item.start, end=item.end,
            stated_high=q.stated_high if q else None,
        )

    header = ""  # "FADM:, Unknown soldiers, 40 policemen": the group the next figures belong to
    header_line = 0
    for item in items:
        if item.line != header_line:
            header = ""
        if item.text.endswith(":"):
            header, header_line = item.text[:-1].strip(), item.line
            continue
        note_only = _NOTE_ONLY.match(item.text)
        if note_only is not None and records and records[-1].line == item.line:
            # "15,000–17,000 , (Drava claim)": the note was cut off its figure by a stray comma
            last = records[-1]
            records[-1] = replace(last, note="; ".join(filter(None, [last.note, note_only.group("note").strip()])), end=item.end)
            continue
        bare, notes = _notes(_close_parentheses(item.text))
        note = "; ".join(filter(None, [header, *notes]))
        if _UNKNOWN.match(bare.strip()):
            records.append(record(item, "", "; ".join(filter(None, ["unknown", note]))))
            continue
        unknown_lead = _UNKNOWN_LEAD.match(bare.strip())
        if unknown_lead is not None and not find_quantities(unknown_lead.group("rest")):
            subject = _clean_name(unknown_lead.group("rest"))
            records.append(record(item, subject, "; ".join(filter(None, ["unknown", note]))))
            continue
        quantities = [q for q in find_quantities(item.text) if q.unit in ("", "percent")]
        malformed = _MALFORMED_FIGURE.search(bare)
        if malformed is not None and problems is not None:
            problems.append(Unparsed(item.line, item.column + malformed.start(), item.text, MALFORMED_REASON.format(figure=malformed.group(0))))
            quantities = []
        if not quantities:
            records.append(replace(record(item, "", "; ".join(filter(None, ["no figure", header]))), subject=_clean_name(item.text)))
            continue
        q = quantities[0]
        subject = item.text[: q.start] + item.text[q.end:]
        subject = _clean_name(_notes(_close_parentheses(subject))[0]).strip(" :–-,")
        records.append(record(item, subject, note, q))
    return records


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in {"the", "of", "s", "and"}}


def _match_unit(subject: str, side: int | None, units: Sequence[UnitRecord]) -> str:
    """``Republican Guard's 124th Brigade`` → ``124th Brigade`` (parent Republican Guard).

    ``4th Division's 42nd Brigade`` → ``42nd Brigade`` under ``4th Armoured Division``:
    the possessive names the parent loosely, so parents are compared by shared words.
    """
    if not subject:
        return ""
    candidates = [u for u in units if u.side == side] or list(units)
    for unit in candidates:
        if unit.unit.lower() == subject.lower():
            return unit.unit
    owner, _, own = subject.rpartition("'s ")
    if not own:
        owner, _, own = subject.rpartition("’s ")
    if own:
        named = [u for u in candidates if u.unit.lower() == own.strip().lower()]
        if len(named) == 1:
            return named[0].unit
        if named:
            best = max(named, key=lambda u: len(_words(u.parent) & _words(owner)))
            return best.unit
    return ""


def _split_note(note: str) -> list[str]:
    """``SAA claim; 29 Sep. – 13 Oct.`` → two parts; the ``;`` of ``&amp;`` splits nothing."""
    parts: list[str] = []
    begin = 0
    for match in _NOTE_SEPARATOR.finditer(note):
        if match.group(0)[0] == ";" and _ENTITY_END.search(note, 0, match.start()):
            continue
        parts.append(note[begin:match.start()])
        begin = match.end()
    parts.append(note[begin:])
    return parts


def _parenthetical_claims(text: str, period: tuple[dt.date | None, dt.date | None]) -> tuple[str, dt.date | None, dt.date | None]:
    """``(per SOHR)`` → SOHR; ``(SAA claim; 29 Sep. – 13 Oct.)`` → SAA and the window."""
    claimant = ""
    start: dt.date | None = None
    end: dt.date | None = None
    for paren in _notes(_close_parentheses(text))[1]:
        for part in _split_note(paren):
            part = part.strip()
            window = find_window(part, period)
            if window is not None:
                start, end = window
                lead = part.lower()
                if lead.startswith(_FROM_WORDS):
                    end = None  # "since 3 June": to the end of the period
                elif lead.startswith(_UNTIL_WORDS):
                    start = None  # "before 14 May": from the start of the period
                continue
            match = _CLAIMANT_IN_PARENS.match(part)
            if match is not None:
                claimant = _LEADING_THE.sub("", (match.group("a") or match.group("b") or "").strip())
            elif _PROPER_NAME.fullmatch(part) and part.lower() not in _QUALIFIERS:
                claimant = part
    return claimant, start, end


def _casualties(
    side: int | None, field: str, items: Sequence[Item], civilians_side: bool,
    period: tuple[dt.date | None, dt.date | None], problems: list[Unparsed],
) -> list[CasualtyRecord]:
    records: list[CasualtyRecord] = []
    context_claimant = ""

    def civilian(who: str) -> bool:
        # in the civilians' row a figure with no subject of its own is the civilians'
        return bool(_CIVILIAN.search(who)) or (civilians_side and not who)

    def record(who: str, category: str, civ: bool, q: Quantity | None, claimant: str,
               window: tuple[dt.date | None, dt.date | None], item: Item) -> CasualtyRecord:
        return CasualtyRecord(
            origin="infobox", side=side, who=who, category=category, civilian=civ,
            low=q.low if q else None, high=q.high if q else None, open_upper=q.open_upper if q else False,
            date_start=window[0], date_end=window[1], claimant=claimant, event_id="", text=item.text,
            line=item.line, start=item.start, end=item.end, field=field,
        )

    for item in items:
        if item.text.endswith(":"):
            header = item.text[:-1].strip()
            found = _CLAIMANT_IN_PARENS.match(header)
            context_claimant = (found.group("a") or found.group("b")).strip() if found else ""
            if _CLAIM_HEADER.search(header) and not found:
                context_claimant = ""
            continue
        note_only = _NOTE_ONLY.match(item.text)
        if note_only is not None and records and records[-1].line == item.line:
            # "560 captured, (according to Ansar Sedda)": the note belongs to the figures before it
            claimant, d0, d1 = _parenthetical_claims(item.text, period)
            owner = records[-1].start
            for index, previous in enumerate(records):
                if previous.start == owner:
                    records[index] = replace(
                        previous, claimant=previous.claimant or claimant,
                        date_start=previous.date_start or d0, date_end=previous.date_end or d1, end=item.end,
                    )
            continue
        if _UNKNOWN.match(item.text):
            records.append(record("", "", civilians_side, None, "", (None, None), item))
            continue
        claimant, d0, d1 = _parenthetical_claims(item.text, period)
        bare = _notes(_close_parentheses(item.text))[0]
        malformed = _MALFORMED_FIGURE.search(bare)
        if malformed is not None:
            problems.append(Unparsed(item.line, item.column + malformed.start(), item.text, MALFORMED_REASON.format(figure=malformed.group(0))))
            records.append(record("", _category(bare), civilians_side, None, claimant or context_claimant, (d0, d1), item))
            continue
        unknown_lead = _UNKNOWN_LEAD.match(bare.strip())
        quantities: list[Quantity] = [q for q in find_quantities(bare) if q.unit == ""]
        if unknown_lead is not None and not quantities:
            bare = unknown_lead.group("rest")  # "unknown killed", "N/A wounded": no figure, a category
        if not quantities:
            category = _category(bare)
            match = _CATEGORY_RE.search(bare)
            who = _who(bare[: match.start()] if match else bare)
            records.append(record(who, category, civilian(who), None, claimant or context_claimant, (d0, d1), item))
            continue
        for index, q in enumerate(quantities):
            following = bare[q.end: quantities[index + 1].start if index + 1 < len(quantities) else len(bare)]
            category = _category(following) or _category(bare)
            who_match = _CATEGORY_RE.search(following)
            who = _who(following[: who_match.start()] if who_match else following)
            if not who and _TOTAL.search(bare, 0, q.start) and index == 0:
                who = "total"  # "Total: 149 killed overall" counts everyone, not the row's people
            records.append(record(who, category, civilian(who), q, claimant or context_claimant, (d0, d1), item))
    return records


def _who(text: str) -> str:
    """``cargo ship possibly`` → ``cargo ship``: who was hit, without the hedge."""
    words = _clean_name(text).strip(" ,;:").split()
    while words and words[-1].lower() in _QUALIFIERS:
        words.pop()
    return " ".join(words)


def _category(text: str) -> str:
    return grammar.casualty_category(text)


def _part_of(value: str) -> tuple[str, ...]:
    """``the Eastern Syria campaign and the, Russian military intervention in ...`` → 2 names.

    A comma right after a function word ("and the,") is where a link was cut out; the
    value is re-joined there before splitting into campaigns.
    """
    joined = _CUT_LINK.sub(r"\1 ", value)
    parts = _CAMPAIGNS.split(joined)
    names = []
    for part in parts:
        part = _LEADING_THE.sub("", part.strip())
        if part:
            names.append(part)
    return tuple(names)


def parse_infobox(lines: Sequence[InfoboxLine], text: str) -> Infobox:
    """Type every infobox line; nothing is dropped (lines keep their raw value too)."""
    fields: dict[str, InfoboxLine] = {}
    grouped: dict[tuple[str, int | None], list[InfoboxLine]] = {}
    for line in lines:
        key = normalise_key(line.key)
        fields.setdefault(key, line)
        match = _FIELD.match(key)
        if match is not None:
            base = match.group("base").rstrip("s") if match.group("base") != "casualties" else "casualties"
            base = {"casualty": "casualties", "losse": "casualties", "leader": "commander",
                    "polstrength": "strength", "milstrength": "strength"}.get(base, base)
            side = int(match.group("side")) if match.group("side") else None
            grouped.setdefault((base, side), []).append(line)

    period = parse_period(fields["date"].value) if "date" in fields else Period(None, None, False, ())
    window = (period.start, period.end)
    problems: list[Unparsed] = []

    def items_of(base: str, side: int | None, placeholders: bool = False) -> list[Item]:
        result: list[Item] = []
        for line in grouped.get((base, side), []):
            line_start = text.rfind("\n", 0, line.start) + 1
            items, notes = split_items(line.value, line.start, line.line, line_start)
            problems.extend(notes)
            for item in items:
                if _ELSEWHERE.match(item.text):
                    problems.append(Unparsed(item.line, item.column, item.text, ELSEWHERE_REASON.format(text=item.text)))
                elif placeholders or not item.placeholder:
                    result.append(item)
        return result

    side_numbers = sorted({s for _, s in grouped if s is not None})
    sides: list[SideRecord] = []
    commanders: list[CommanderRecord] = []
    units: list[UnitRecord] = []
    strengths: list[StrengthRecord] = []
    casualties: list[CasualtyRecord] = []
    combatant_sides = {s for (b, s) in grouped if b == "combatant" and s is not None}
    for side in [None, *side_numbers]:
        role = ""
        parents: list[SideRecord] = []
        side_count = len(sides)
        for item in items_of("combatant", side):
            if item.after_rule:
                role = ""  # "---- CJTF–OIR": a new group of the side, not one more supporter
            if item.text.endswith(":"):
                role = item.text[:-1].strip()
                continue
            labelled = _LABELLED.match(item.text)
            if labelled is not None:  # "Islamists groups: 25px Jamaat Nusra"
                role = labelled.group("label").strip()
                offset = labelled.start("name")
                icon = _ICON.match(labelled.group("name"))
                offset += icon.end() if icon else 0
                item = replace(item, text=item.text[offset:], start=item.start + offset, column=item.column + offset)
            name = _LEADING_AND.sub("", _clean_name(item.text))
            if not name or side is None:
                continue
            while parents and parents[-1].depth >= item.depth:
                parents.pop()
            record = SideRecord(side, name, role, item.depth, parents[-1].combatant if parents else "", item.line, item.start, item.end)
            sides.append(record)
            parents.append(record)
        if side is not None and len(sides) == side_count:
            for line in grouped.get(("combatant", side), []):
                problems.append(Unparsed(
                    line.line, line.start - text.rfind("\n", 0, line.start), line.value,
                    f"{line.key} names no combatant (only flag or link leftovers are left)",
                ))
        commanders += _commanders(side, items_of("commander", side), problems)
        side_units = _units(side, items_of("unit", side, placeholders=True), problems)
        units += side_units
        strength_items = items_of("strength", side)
        merged: list[Item] = []
        for line in grouped.get(("strength", side), []):
            line_items = [i for i in strength_items if i.line == line.line]
            merged += _merge_continuations(line_items, line.value, line.start)
        strengths += _strengths(side, merged, units, problems)
        casualty_items = items_of("casualties", side)
        # Casualties3 with no Combatant3 is the row the template spans under both sides
        # (civilians, totals), not a third side; it is the civilians' when its words say so
        shared_row = side is not None and side >= 3 and side not in combatant_sides
        civilian_column = shared_row and any(_CIVILIAN.search(i.text) for i in casualty_items)
        casualty_side = None if shared_row else side
        for line in grouped.get(("casualties", side), []):
            line_items = [i for i in casualty_items if i.line == line.line]
            casualties += _casualties(
                casualty_side, line.key, _merge_continuations(line_items, line.value, line.start), civilian_column, window, problems,
            )

    part_of = _part_of(fields["partof"].value) if "partof" in fields else ()
    # every record's text is exactly its span of the seed (provenance round-trip)
    commanders = [replace(r, text=text[r.start:r.end]) for r in commanders]
    units = [replace(r, text=text[r.start:r.end]) for r in units]
    strengths = [replace(r, text=text[r.start:r.end]) for r in strengths]
    casualties = [
        replace(r, text=text[r.start:r.end], date_start=r.date_start or period.start, date_end=r.date_end or period.end)
        for r in casualties
    ]
    return Infobox(
        tuple(lines), fields, period, tuple(sides), tuple(commanders), tuple(units), tuple(strengths),
        tuple(casualties), part_of, tuple(problems),
    )

