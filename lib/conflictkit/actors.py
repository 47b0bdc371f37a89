"""Who is who: the words a text uses for each side of the infobox.

Built per article from its combatants, units and commanders, acronyms the text defines
("the Islamic State (IS)"), and the generic words reporters use: "government forces",
"pro-government", "the Army" go to the side whose combatants are a state's forces;
"militants", "jihadists" to the side that is a jihadist group; "rebels", "insurgents",
"opposition" to the non-government side of a two-sided war. Nothing here knows the
Abu Kamal article in particular.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from .infobox import CommanderRecord, SideRecord, UnitRecord

_STATE: Final = re.compile(
    r"Armed Forces|\bArmy\b|Government|Republic|Ministry|\bPolice\b|National Defen[cs]e|Military of (?!the Islamic)|Air Force|Aerospace|Navy|Guard",
)
# A combatant written as a bare country name ("Mali", "Iraq", "Ukraine") is that state's forces.
COUNTRIES: Final = frozenset(
    """Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh
    Belarus Belgium Benin Bolivia Bosnia Botswana Brazil Bulgaria Burkina Burundi Cambodia Cameroon Canada Chad
    Chile China Colombia Congo Croatia Cuba Cyprus Czechia Denmark Djibouti Ecuador Egypt Eritrea Estonia
    Eswatini Ethiopia Finland France Gabon Gambia Georgia Germany Ghana Greece Guatemala Guinea Haiti Honduras
    Hungary India Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya Kosovo Kuwait
    Kyrgyzstan Laos Latvia Lebanon Liberia Libya Lithuania Macedonia Madagascar Malawi Malaysia Mali Mauritania
    Mexico Moldova Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nepal Netherlands Nicaragua Niger
    Nigeria Norway Oman Pakistan Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania
    Russia Rwanda Senegal Serbia Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan
    Tajikistan Tanzania Thailand Togo Tunisia Turkey Turkmenistan Uganda Ukraine Uruguay Uzbekistan Venezuela
    Vietnam Yemen Zambia Zimbabwe""".split()
) | frozenset({"Central African Republic", "Ivory Coast", "Côte d'Ivoire", "Saudi Arabia", "Sierra Leone",
               "South Africa", "South Sudan", "Sri Lanka", "United Kingdom", "United States", "Soviet Union",
               "United Arab Emirates", "North Korea", "South Korea", "Burkina Faso", "New Zealand"})
_COUNTRY_NAME: Final = re.compile(
    r"^(?:(?:Republic|Kingdom|State|Federation|Islamic Republic|Democratic Republic) of (?:the )?)?(?:"
    + "|".join(sorted((re.escape(c) for c in COUNTRIES), key=len, reverse=True))
    + r")$"
)
_NOT_STATE: Final = re.compile(r"Free |Islamic State|ISIL|Liberation|Front|Qaeda|Tahrir|Rebel|Opposition", re.IGNORECASE)
_JIHADIST: Final = re.compile(r"Islamic State|ISIL|ISIS|Daesh|Qaeda|Nusra|Tahrir al-Sham|Taliban|Shabaab|Boko Haram", re.IGNORECASE)
_GOVERNMENT_WORDS: Final = (
    r"pro-government (?:forces|fighters|troops|militias|sources)", r"government (?:forces|troops|soldiers|fighters)",
    r"pro-government", r"government", r"regime(?: forces)?", r"loyalists?", r"[Tt]he (?:Syrian |Iraqi |national )?[Aa]rmy",
    r"[Tt]he military", r"(?:the )?(?:[A-Z][a-z]+ )?(?:Arab )?Army(?: forces| troops)?", r"soldiers", r"troops",
)
_JIHADIST_WORDS: Final = (
    r"\bIS\b", r"\bISIL\b", r"\bISIS\b", r"Daesh", r"Islamic State", r"(?:IS |ISIL |jihadist )?militants?",
    r"jihadists?", r"IS (?:forces|fighters)",
)
_REBEL_WORDS: Final = (r"rebels?", r"insurgents?", r"(?:the )?opposition(?! sources)", r"militants?")
_GENERIC_TOKENS: Final = frozenset(
    """brigade brigades division divisions forces force army armed military special operations
    regiment battalion corps unit units group guard air aerospace navy police national the of and
    islamic state russian syrian iraqi iranian turkish american mechanized armoured armored
    infantry fighters militia militias republican""".split()
)
# words of a combatant's name that name a country or people more than the side itself
_COUNTRY_WORDS: Final = frozenset("syria syrian iraq iraqi iran iranian russia russian turkey turkish arab republic kingdom federation united states democratic people".split())
_BOTH: Final = re.compile(r"\bboth sides\b|\beach side\b|\bboth\b", re.IGNORECASE)


# Acronyms reporters use without spelling them out ("the pro-opposition SOHR"): read only when the
# acronym stands in the text and the text does not define it otherwise.
KNOWN_ACRONYMS: Final = {
    "SOHR": "Syrian Observatory for Human Rights", "PMF": "Popular Mobilization Forces",
    "PMU": "Popular Mobilization Units", "IRGC": "Islamic Revolutionary Guard Corps", "SAA": "Syrian Arab Army",
    "SDF": "Syrian Democratic Forces", "YPG": "People's Protection Units", "FSA": "Free Syrian Army",
    "ISIL": "Islamic State", "ISIS": "Islamic State", "HTS": "Hay'at Tahrir al-Sham",
    "ACLED": "Armed Conflict Location and Event Data Project", "ISW": "Institute for the Study of War",
    "HRW": "Human Rights Watch", "UN": "United Nations", "NATO": "North Atlantic Treaty Organization",
    "AQIM": "al-Qaeda in the Islamic Maghreb", "OCHA": "UN Office for the Coordination of Humanitarian Affairs",
}
# an acronym the text defines: "the Free Karsun Front (FKF)", "Syrian Observatory for Human Rights (SOHR)"
_DEFINED_ACRONYM: Final = re.compile(
    r"(?P<name>(?:[A-Z][\w'’\-]*\s+(?:(?:of|for|the|and|in|al-|wal)\s+)*){1,7}[A-Z][\w'’\-]*)\s*\((?P<abbr>[A-Z][A-Za-z\-]{1,8})\)"
)
# any of KNOWN_ACRONYMS as a word: "the pro-opposition SOHR"
_KNOWN_ACRONYM: Final = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(KNOWN_ACRONYMS, key=len, reverse=True)) + r")(?![\w-])")
# " and " between two names: where _COORDINATED may match
_AND: Final = re.compile(r" and (?=(?:the )?[A-Z])")
# "(SOHR)", "(IS)": where a defined acronym may be
_ACRONYM_BRACKET: Final = re.compile(r"\((?:[A-Z][A-Za-z\-]{1,8})\)")
# a name standing with a known actor as one subject: "the Syrian Army and Hezbollah reportedly
# managing to surround", "Hezbollah and the army stormed"
_COORDINATED: Final = re.compile(
    r"(?:^|[,;(]\s*|\b(?:with|and|while|as|when|after)\s+)(?P<first>(?:the\s+)?(?:[A-Z][\w'’\-]*\s+)*[\w'’\-]+)"
    r"\s+and\s+(?P<second>(?:the\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*)"
    r"(?=\s+(?:reportedly\s+|also\s+|then\s+)?(?:[a-z]+(?:ed|ing)|took|began|fought|stormed|seized|held)\b)"
)
# the words that name a side in general, one written form each, for the alias table
_GENERIC_ALIASES: Final = {
    "government": ("government forces", "pro-government forces", "the Army", "the military"),
    "jihadist": ("militants", "jihadists"),
    "rebel": ("rebels", "insurgents", "the opposition"),
}


@dataclass(frozen=True, kw_only=True)
class AliasRecord:
    """One name an article uses for an actor: ``SOHR`` → Syrian Observatory for Human Rights.

    ``origin`` says where the pairing comes from: ``infobox`` (a combatant), ``text`` (defined
    in the text: "(FKF)", or named beside a known side: "the Syrian Army and Hezbollah"),
    ``known`` (a common acronym the text leaves undefined), ``generic`` (a word reporters use
    for a side: "government forces").
    """

    alias: str
    name: str
    side: int | None
    origin: str


@dataclass(frozen=True)
class Mention:
    side: int
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Lexicon:
    """The words that name each side, compiled into one longest-first alternation."""

    entries: tuple[tuple[str, int], ...]  # (regex source, side), longest first
    labels: dict[int, str]
    government_side: int | None
    opponent_side: int | None
    pattern: re.Pattern[str] | None = None
    aliases: tuple[AliasRecord, ...] = ()
    # the same alternation without groups: sre skips a branch at once when its first character
    # differs, which it cannot do behind a group, so this finds where (~5x faster) and
    # ``pattern`` then tells which entry, matched at that place only
    scan: re.Pattern[str] | None = None
    # the chronology asks about the same clause several times (events, control, claims)
    _seen: dict[str, tuple[Mention, ...]] = field(default_factory=dict, compare=False, repr=False)

    def mentions(self, text: str, offset: int = 0) -> list[Mention]:
        """Every side mention in ``text``, non-overlapping, leftmost and (mostly) longest."""
        if self.pattern is None:
            return []
        found = self._seen.get(text)
        if found is None:
            where = self.scan.finditer(text) if self.scan is not None else self.pattern.finditer(text)
            found = tuple(
                Mention(self.entries[(m.lastindex or 1) - 1][1], m.group(0), m.start(), m.end())
                for m in (self.pattern.match(text, w.start()) for w in where) if m is not None
            )
            self._seen[text] = found
        if not offset:
            return list(found)
        return [Mention(m.side, m.name, m.start + offset, m.end + offset) for m in found]

    def side_of(self, phrase: str) -> int | None:
        """The one side a phrase names, or None ("fighters on both sides", unknown actors)."""
        if _BOTH.search(phrase):
            return None
        sides = {m.side for m in self.mentions(phrase)}
        return sides.pop() if len(sides) == 1 else None

    def sides_in(self, text: str) -> list[int]:
        return sorted({m.side for m in self.mentions(text)})


def _acronyms(names: Iterable[str], text: str) -> list[str]:
    """Acronyms the text defines for ``names``: ``Islamic State (IS)`` → ``IS``."""
    found = []
    for name in names:
        for match in re.finditer(re.escape(name) + r"\s*\((?P<abbr>[A-Z][A-Za-z\-]{1,8})\)", text):
            found.append(match.group("abbr"))
    return found


def build_lexicon(
    sides: Sequence[SideRecord], units: Sequence[UnitRecord], commanders: Sequence[CommanderRecord], text: str
) -> Lexicon:
    by_side: dict[int, list[str]] = {}
    for record in sides:
        by_side.setdefault(record.side, []).append(record.combatant)
    labels = {side: names[0] + (" and allies" if len(names) > 1 else "") for side, names in by_side.items()}
    entries: list[tuple[str, int]] = []
    for side, names in by_side.items():
        for name in names:
            entries.append((re.escape(name), side))
        for abbr in _acronyms(names, text):
            entries.append((re.escape(abbr), side))
    for commander in commanders:
        if commander.side is not None:
            entries.append((re.escape(commander.name), commander.side))
    token_sides: dict[str, set[int]] = {}
    token_units: dict[str, set[str]] = {}
    for unit in units:
        if unit.side is None:
            continue
        entries.append((re.escape(unit.unit), unit.side))
        for token in re.findall(r"[A-Z][\w'’\-]{3,}", unit.unit):
            if token.lower() not in _GENERIC_TOKENS:
                token_sides.setdefault(token, set()).add(unit.side)
                token_units.setdefault(token, set()).add(unit.unit)
    # a word shared by several units names none of them: "Hezbollah" in "Kata'ib Hezbollah" and
    # "Harakat Hezbollah al-Nujaba" is neither, nor Lebanese Hezbollah
    shared = {token for token, owners in token_units.items() if len(owners) > 1}
    # distinctive words of the combatants' own names ("League forces" for "Coastal League")
    for side, names in by_side.items():
        for name in names:
            for token in re.findall(r"[A-Z][\w'’\-]{3,}", name):
                if token.lower() not in _GENERIC_TOKENS and token.lower() not in _COUNTRY_WORDS:
                    token_sides.setdefault(token, set()).add(side)
    for token, owners in token_sides.items():
        if len(owners) == 1 and token not in shared:
            entries.append((re.escape(token), next(iter(owners))))

    state = [
        s for s, names in by_side.items()
        if any((_STATE.search(n) or _COUNTRY_NAME.match(n)) and not _NOT_STATE.search(n) for n in names)
    ]
    jihadist = [s for s, names in by_side.items() if any(_JIHADIST.search(n) for n in names)]
    government = state[0] if len(state) == 1 else None
    opponent: int | None = None
    if jihadist and jihadist[0] != government:
        opponent = jihadist[0]
    elif government is not None and len(by_side) == 2:
        opponent = next(s for s in by_side if s != government)
    if government is not None:
        entries += [(word, government) for word in _GOVERNMENT_WORDS]
    if len(jihadist) == 1:
        entries += [(word, jihadist[0]) for word in _JIHADIST_WORDS]
    if opponent is not None and opponent not in jihadist:
        # "rebels" and "the opposition" are not what reporters call a jihadist group
        entries += [(word, opponent) for word in _REBEL_WORDS]
    # Nationality adjectives of a side's own forces ("Russian air-strikes")
    adjectives: dict[str, set[int]] = {}
    for side, names in by_side.items():
        for name in names:
            first = name.split()[0]
            if re.fullmatch(r"[A-Z][a-z]+(?:ian|ish|ese|i|an)", first):
                adjectives.setdefault(first, set()).add(side)
    for adjective, owners in adjectives.items():
        if len(owners) == 1:
            owner = next(iter(owners))
            entries.append((adjective, owner))
            if adjective.endswith("ian"):  # "Russian" -> "Russia"
                entries.append((adjective[:-1], owner))
    aliases = [AliasRecord(alias=name, name=name, side=side, origin="infobox") for side, names in by_side.items() for name in names]
    defined = _defined_acronyms(text)
    # The first passes only read short phrases (names, acronyms): no scan pattern for them.
    # Compiling these alternations is most of a new seed's lexicon cost (~7 ms of a cold
    # parse when Python's pattern cache does not already hold them).
    first_pass = _compile(entries, labels, government, opponent, with_scan=False)
    compiled = len(entries)
    for abbr, name in defined.items():
        defined_side = _side_of_whole(first_pass, name, abbr)
        if defined_side is not None:
            entries.append((re.escape(abbr), defined_side))
        aliases.append(AliasRecord(alias=abbr, name=name, side=defined_side, origin="text"))
    written = set(_KNOWN_ACRONYM.findall(text))
    for abbr, name in KNOWN_ACRONYMS.items():
        if abbr in defined or abbr not in written:
            continue
        aliases.append(AliasRecord(alias=abbr, name=name, side=_side_of_whole(first_pass, abbr, name), origin="known"))
    # a name beside a known actor in one subject takes its side ("the Syrian Army and Hezbollah
    # reportedly managing to surround"): named in the text, no infobox needed
    if len(entries) != compiled:  # entries are only ever appended: same length, same lexicon
        first_pass = _compile(entries, labels, government, opponent, with_scan=False)
    seen: set[tuple[int, int]] = set()
    for joint in _AND.finditer(text):
        # read each pairing around its "and" only (the pattern is slow over a whole text)
        match = _COORDINATED.search(text, max(0, joint.start() - 80), joint.end() + 80)
        if match is None or match.span() in seen:
            continue
        seen.add(match.span())
        as_written = [match.group("first"), match.group("second")]
        pair = [re.sub(r"^the\s+", "", p) for p in as_written]
        pair_sides = [first_pass.mentions(p)[0].side if _whole(first_pass, p) else None for p in as_written]
        for (name, own), other in (((pair[0], pair_sides[0]), pair_sides[1]), ((pair[1], pair_sides[1]), pair_sides[0])):
            if own is None and other is not None and not first_pass.mentions(name) and name not in COUNTRIES and name not in KNOWN_ACRONYMS:
                entries.append((re.escape(name), other))
                aliases.append(AliasRecord(alias=name, name=name, side=other, origin="text"))
    for group, words in _GENERIC_ALIASES.items():
        holder: int | None = government if group == "government" else (
            (jihadist[0] if len(jihadist) == 1 else None) if group == "jihadist"
            else opponent if opponent is not None and opponent not in jihadist else None
        )
        if holder is not None:
            aliases += [AliasRecord(alias=word, name=labels.get(holder, ""), side=holder, origin="generic") for word in words]
    lexicon = _compile(entries, labels, government, opponent)
    unique_aliases = tuple({(a.alias, a.name): a for a in aliases}.values())
    return replace(lexicon, aliases=unique_aliases)


def _side_of_whole(lexicon: Lexicon, *names: str) -> int | None:
    """The side of the first of ``names`` that a known actor's name covers whole: "Syrian
    Observatory for Human Rights" is no side though "Syrian" is one word of side 1's name."""
    return next((lexicon.mentions(n)[0].side for n in names if _whole(lexicon, n)), None)


def _whole(lexicon: Lexicon, phrase: str) -> bool:
    """Whether a known actor's name covers the whole phrase ("Syrian Army", not "Syrian Army Day")."""
    mentions = lexicon.mentions(phrase)
    return len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(phrase)


def _defined_acronyms(text: str) -> dict[str, str]:
    """``Free Karsun Front (FKF)`` → {FKF: Free Karsun Front}: acronyms whose letters are the
    name's initials (small words like "of" may be skipped), so "(translated Operation Dawn 3)" is none."""
    found: dict[str, str] = {}
    # find the brackets first, then read the name just before each: one pass over the text
    for bracket in _ACRONYM_BRACKET.finditer(text):
        match = next((m for m in _DEFINED_ACRONYM.finditer(text, max(0, bracket.start() - 120), bracket.end()) if m.end() == bracket.end()), None)
        if match is None:
            continue
        abbr = match.group("abbr")
        words = match.group("name").split()
        # the shortest tail of capitalised words whose initials spell the acronym
        for begin in range(len(words) - 1, -1, -1):
            tail = words[begin:]
            if not tail[0][:1].isupper():
                continue
            initials = "".join(w[0] for w in tail if w[:1].isupper())
            if initials.upper() == abbr.upper().replace("-", "") or initials.upper() == abbr[: len(initials)].upper() == abbr.upper():
                found.setdefault(abbr, " ".join(tail))
                break
    return found


def _compile(
    entries: Sequence[tuple[str, int]], labels: dict[int, str], government: int | None, opponent: int | None,
    with_scan: bool = True,
) -> Lexicon:
    # longest first, so "pro-government forces" wins over "government"
    unique: dict[str, int] = {}
    for source, owner in entries:
        unique.setdefault(source, owner)
    ordered = tuple(sorted(unique.items(), key=lambda item: len(item[0]), reverse=True))
    pattern = (
        re.compile(r"(?<![\w-])(?:" + "|".join(f"({p})" for p, _ in ordered) + r")(?![\w-])")
        if ordered else None
    )
    scan = re.compile(r"(?<![\w-])(?:" + "|".join(p for p, _ in ordered) + r")(?![\w-])") if ordered and with_scan else None
    return Lexicon(ordered, labels, government, opponent, pattern, scan=scan)
