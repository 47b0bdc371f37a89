"""The document layer: a seed's title, infobox lines, headings, paragraphs and sentences.

A seed looks like::

    = 2017 Abu Kamal offensive =

    Infobox
    - Date: 23 October – 6 December 2017, ()
    ...
    == The offensive ==
    === Advance to the border ===
    On 23 October, government forces started an offensive ...

    == See also ==
    - 2014 Eastern Syria offensive

Every piece keeps its 1-based line and its character span in the normalised text
(BOM removed, CRLF/CR turned into LF), so any table row can be traced to its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from .errors import SeedError, position

# Sections whose "- item" lines are references, not narrative.
LIST_SECTIONS: Final = frozenset(
    {"see also", "references", "notes", "external links", "further reading", "bibliography",
     "sources", "citations", "footnotes"}
)
# "= 2017 Abu Kamal offensive =": the title line
_TITLE: Final = re.compile(r"^=\s*(?P<title>[^=].*?)\s*=\s*$")
# "== The offensive ==", "=== Advance to the border ===": a heading and its level
_HEADING: Final = re.compile(r"^(?P<marks>={2,6})\s*(?P<title>.*?)\s*(?P=marks)\s*$")
# "- Strength2: 5,000–10,000+": one infobox field
_INFOBOX_ITEM: Final = re.compile(r"^-\s*(?P<key>[A-Za-z][A-Za-z0-9 _]*?)\s*:\s?(?P<value>.*)$")
# "- Battle of Mosul (2016–2017)" under "See also": a list item
_LIST_ITEM: Final = re.compile(r"^[-*]\s+(?P<item>.+)$")
# An infobox key is a word or a few, maybe with a side number ("Combatant1", "Partof",
# "Casualties3", "Map Type"); used to recognise an infobox whose "Infobox" marker line is missing.
_INFOBOX_KEY: Final = re.compile(r"^[A-Za-z][A-Za-z_ ]*\d?$")
# A short line standing where the "Infobox" marker should be, right before the first
# "- Key: value" line: an image caption ("Iraqi Army") or a template left over from
# flattening ("Annex|Until the Republic's annexation on 30 September 2022"). Longer
# lines, or lines ending a sentence, are the lead, not a caption.
_CAPTION: Final = re.compile(r"^[^=\-*].{0,158}$")
CAPTION_REASON: Final = "caption or image line where the Infobox marker stands (not part of any table)"

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS: Final = frozenset(
    """gen maj lt col brig capt cpt sgt cpl pvt adm cmdr cdr mr mrs ms dr prof st mt ft no nos
    vs etc approx est jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp jr sr
    gov pres sen rep vol ca fig""".split()
)
# "... Maj. Gen" before a full stop: the word that may be an abbreviation
_LAST_WORD: Final = re.compile(r"([A-Za-z]+)$")
# ". On", ".″ The", ".) The": where a sentence may end (abbreviations are checked after)
_SENTENCE_END: Final = re.compile(r"[.!?][\"'”’″)\]]*(?=\s+[\"“″'(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class InfoboxLine:
    """``- Strength2: 5,000–10,000+`` — one infobox field as written."""

    key: str
    value: str
    line: int
    start: int  # offset of the value's first character
    end: int


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """One sentence of a paragraph, with the headings it sits under."""

    sentence_id: int
    text: str
    line: int
    start: int
    end: int
    section: str  # the top-level (==) heading, "" in the lead
    phase: str  # the innermost heading, "" in the lead
    paragraph: int


@dataclass(frozen=True)
class ListItem:
    text: str
    section: str
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Unparsed:
    line: int
    column: int
    text: str
    reason: str


@dataclass(frozen=True)
class LineUse:
    """Where one non-blank line of the seed went (the 'nothing is lost' ledger)."""

    line: int
    kind: str  # title, infobox-marker, infobox, heading, paragraph, list-item, unparsed


@dataclass(frozen=True)
class Document:
    path: Path | None
    text: str
    title: str
    title_line: int
    infobox: tuple[InfoboxLine, ...]
    headings: tuple[Heading, ...]
    sentences: tuple[Sentence, ...]
    list_items: tuple[ListItem, ...]
    unparsed: tuple[Unparsed, ...]
    ledger: tuple[LineUse, ...] = field(repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        return position(self.text, offset)


def decode(data: bytes, path: Path | None = None) -> str:
    """Bytes to text: UTF-8 (a BOM is dropped), line ends normalised to LF.

    Undecodable bytes are an error at their line and column, not a silent replacement:
    a mis-encoded seed would otherwise teach misspelt names.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
        line, column = position(good, len(good))  # counted like the text would be: CR, CRLF and LF end a line
        raise SeedError(
            path, line, column, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of the sentences in a paragraph, as offsets plus ``offset``.

    Splits after ``.``/``!``/``?`` (and closing quotes) before a capital letter, except
    after abbreviations (``Maj. Gen. Suheil``) and initials (``U.S.``).
    """
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        dot = match.start()
        word = _LAST_WORD.search(text, begin, dot)
        if text[dot] == "." and word is not None:
            token = word.group(1)
            if token.lower() in _ABBREVIATIONS or (len(token) == 1 and token.isupper()):
                continue
        end = match.end()
        spans.append((begin, end))
        begin = end
        while begin < len(text) and text[begin].isspace():
            begin += 1
    stripped_end = len(text.rstrip())
    if begin < stripped_end:
        spans.append((begin, stripped_end))
    return [(offset + s, offset + e) for s, e in spans]


def _starts_infobox(line: str) -> bool:
    """``- Conflict: Battle of X`` opens an infobox; ``- 2014 Eastern Syria offensive`` does not."""
    item = _INFOBOX_ITEM.match(line)
    return item is not None and _INFOBOX_KEY.match(item.group("key")) is not None


def parse_document(text: str, path: Path | None = None) -> Document:
    """Split a seed's text into its constructs; raise :class:`SeedError` if it is not a seed."""
    if not isinstance(text, str):
        hint = " (decode bytes with conflictkit.seed.decode, or read a file with conflictkit.load(path))" if isinstance(
            text, (bytes, bytearray, memoryview)) else ""
        raise TypeError(f"the seed text must be a str, not {type(text).__name__}{hint}")
    lines = text.split("\n")
    if not text.strip():
        raise SeedError(path, 1, 1, "the seed is empty")

    title = ""
    title_line = 0
    infobox: list[InfoboxLine] = []
    headings: list[Heading] = []
    sentences: list[Sentence] = []
    list_items: list[ListItem] = []
    unparsed: list[Unparsed] = []
    ledger: list[LineUse] = []

    state = "title"  # title -> lead -> infobox -> body
    section = ""
    phase = ""
    paragraph = 0
    seen_paragraph = False
    offset = 0
    for number, raw in enumerate(lines, start=1):
        line_start = offset
        offset += len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            if state == "infobox":
                state = "body"
            continue
        lead_ws = len(raw) - len(raw.lstrip())
        s0 = line_start + lead_ws  # offset of the first visible character
        s1 = line_start + len(raw.rstrip())

        if state == "title":
            match = _TITLE.match(stripped)
            if match is None or _HEADING.match(stripped):
                raise SeedError(
                    path, number, lead_ws + 1,
                    "expected the title line '= Title =' before anything else",
                )
            title = match.group("title")
            title_line = number
            ledger.append(LineUse(number, "title"))
            state = "body"
            continue

        if stripped.lower().rstrip(":") == "infobox" and not infobox and not seen_paragraph:
            ledger.append(LineUse(number, "infobox-marker"))
            state = "infobox"
            continue

        item = _INFOBOX_ITEM.match(stripped)
        if (
            state == "body" and item is None and not infobox and not seen_paragraph and not headings
            and _CAPTION.match(stripped) and not stripped.endswith((".", "!", "?")) and number < len(lines)
            and (_starts_infobox(lines[number].strip()) or lines[number].strip().lower().rstrip(":") == "infobox")
        ):
            unparsed.append(Unparsed(number, lead_ws + 1, stripped, CAPTION_REASON))
            ledger.append(LineUse(number, "unparsed"))
            state = "infobox" if _starts_infobox(lines[number].strip()) else "body"  # else the marker follows
            continue
        missing_marker = (
            state == "body" and not seen_paragraph and not headings and item is not None
            and _INFOBOX_KEY.match(item.group("key")) is not None
        )
        if state == "infobox" or missing_marker:
            if item is None:
                unparsed.append(Unparsed(number, lead_ws + 1, stripped, "infobox line is not '- Key: value'"))
                ledger.append(LineUse(number, "unparsed"))
                continue
            state = "infobox"
            value_start = s0 + item.start("value")
            value = item.group("value").rstrip()
            infobox.append(
                InfoboxLine(item.group("key").strip(), value, number, value_start, value_start + len(value))
            )
            ledger.append(LineUse(number, "infobox"))
            continue

        heading = _HEADING.match(stripped)
        if heading is not None:
            level = len(heading.group("marks"))
            name = heading.group("title")
            headings.append(Heading(level, name, number, s0, s1))
            if level <= 2:
                section = name
            phase = name
            ledger.append(LineUse(number, "heading"))
            continue

        listed = _LIST_ITEM.match(stripped)
        if listed is not None and (section.lower() in LIST_SECTIONS or phase.lower() in LIST_SECTIONS):
            item_start = s0 + listed.start("item")
            list_items.append(ListItem(listed.group("item").rstrip(), phase, number, item_start, s1))
            ledger.append(LineUse(number, "list-item"))
            continue

        # Anything else is prose: one line is one paragraph.
        seen_paragraph = True
        paragraph += 1
        for start, end in split_sentences(text[s0:s1], s0):
            sentences.append(
                Sentence(len(sentences) + 1, text[start:end], number, start, end, section, phase, paragraph)
            )
        ledger.append(LineUse(number, "paragraph"))

    if state == "title":  # only blank lines, handled above; kept for type-checkers
        raise SeedError(path, 1, 1, "the seed has no title line")
    return Document(
        path, text, title, title_line, tuple(infobox), tuple(headings), tuple(sentences),
        tuple(list_items), tuple(unparsed), tuple(ledger),
    )
