"""Places: the gazetteer, place mentions in text, and the lines of the lesson map.

Records only (frozen dataclasses, standard library): this module is imported for every
article, so it must not pull in pandas or plotly.

- ``load_gazetteer()`` reads ``data/places.csv``:
  ``Al-Qa'im,Al-Qaim; Al Qaim; ...,34.39251,40.98945,town,Iraq,near,GeoNames ...``
- ``find_places(text, gazetteer)`` finds the gazetteer's names in a text, and also
  place names it does not know from the way conflict articles write them
  ("the town of X", "the X area", "X Airbase", "X Pumping Station", "X Governorate",
  "in/at/near/towards/from/outside/around/into/of X").
- ``load_geography()`` reads ``data/geography.csv``, one polyline per feature part.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import importlib.resources
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, NamedTuple

from . import grammar

# package data (pyproject.toml), so that an installed conflictkit finds it too
DATA_DIR: Final = Path(str(importlib.resources.files("conflictkit") / "data"))
GAZETTEER_PATH: Final = DATA_DIR / "places.csv"
GEOGRAPHY_PATH: Final = DATA_DIR / "geography.csv"

GAZETTEER_COLUMNS: Final = (
    "name", "aliases", "lat", "lon", "kind", "country", "precision", "source",
)
GEOGRAPHY_COLUMNS: Final = ("feature", "kind", "part", "seq", "lon", "lat", "source")
PRECISIONS: Final = frozenset({"exact", "near", "approximate", ""})


@dataclass(frozen=True)
class Place:
    """One gazetteer row; ``lat``/``lon`` are None when no coordinates were found."""

    name: str
    aliases: tuple[str, ...]
    lat: float | None
    lon: float | None
    kind: str
    country: str
    precision: str
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by its aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text: ``text[start - offset:end - offset] == as_written``."""

    place: str
    as_written: str
    start: int
    end: int
    known: bool


@dataclass(frozen=True)
class Polyline:
    """One unbroken line of the map, points as (lon, lat)."""

    feature: str
    kind: str
    points: tuple[tuple[float, float], ...]


def _rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path}:1: missing column(s) {', '.join(missing)}")
        for row in reader:
            yield reader.line_num, row


def _coordinate(value: str, path: Path, line: int, column: str) -> float | None:
    if not value.strip():
        return None
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{path}:{line}: {column} {value!r} is not a number") from None


@functools.cache
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Read the gazetteer, by default the repository's ``data/places.csv``.

    A row reads ``Mahkan,Makhan; Maḥkān,,,town,Syria,,not found ...``: aliases joined
    with ``; ``, empty ``lat``/``lon``/``precision`` when the place was not located.
    Cached, because every article loads it.
    """
    path = GAZETTEER_PATH if path is None else Path(path)
    places: list[Place] = []
    for line, row in _rows(path, GAZETTEER_COLUMNS):
        lat = _coordinate(row["lat"], path, line, "lat")
        lon = _coordinate(row["lon"], path, line, "lon")
        if (lat is None) != (lon is None):
            raise ValueError(f"{path}:{line}: lat and lon must both be given or both empty")
        precision = row["precision"].strip()
        if precision not in PRECISIONS or (lat is None) != (precision == ""):
            raise ValueError(
                f"{path}:{line}: precision {precision!r} must be exact, near or approximate "
                "when there are coordinates and empty when there are none"
            )
        aliases = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
        places.append(
            Place(
                name=row["name"].strip(),
                aliases=aliases,
                lat=lat,
                lon=lon,
                kind=row["kind"].strip(),
                country=row["country"].strip(),
                precision=precision,
                source=row["source"].strip(),
            )
        )
    return Gazetteer(places)


def load_geography(path: Path | None = None) -> tuple[Polyline, ...]:
    """Read ``data/geography.csv`` (``Euphrates,river,0,0,38.2633,36.5,...``) into lines.

    One Polyline per (feature, part), points ordered by ``seq``.
    """
    path = GEOGRAPHY_PATH if path is None else Path(path)
    parts: dict[tuple[str, str], tuple[str, list[tuple[int, float, float]]]] = {}
    for line, row in _rows(path, GEOGRAPHY_COLUMNS):
        lon = _coordinate(row["lon"], path, line, "lon")
        lat = _coordinate(row["lat"], path, line, "lat")
        if lon is None or lat is None:
            raise ValueError(f"{path}:{line}: a map point needs lon and lat")
        key = (row["feature"], row["part"])
        kind, points = parts.setdefault(key, (row["kind"], []))
        points.append((int(row["seq"]), lon, lat))
    return tuple(
        Polyline(feature, kind, tuple((lon, lat) for _, lon, lat in sorted(points)))
        for (feature, _), (kind, points) in parts.items()
    )


# --- finding mentions --------------------------------------------------------------

# Writers and copy-paste mix straight and typographic apostrophes: "Al-Qa'im", "Al-Qa’im".
_APOSTROPHES: Final = "'’‘ʼ"
_APOSTROPHE_CLASS: Final = "['’‘ʼ]"


def _name_pattern(name: str) -> str:
    out: list[str] = []
    for ch in name:
        if ch in _APOSTROPHES:
            out.append(_APOSTROPHE_CLASS)
        elif ch == " ":
            out.append("[ \u00a0]")
        else:
            out.append(re.escape(ch))
    # Not inside a longer word: "Iraq" must not fire in "Iraqi", nor "Syria" in "Syrian".
    if name[:1] and name[0] not in _APOSTROPHES and name[0] != " ":
        # the same test made after the first letter ("I(?<![\w-]I)raq"): a pattern that opens
        # on a literal lets sre jump from one "I" to the next instead of trying every position
        return out[0] + rf"(?<![\w-]{out[0]})" + "".join(out[1:]) + r"(?!\w)"
    return r"(?<![\w-])" + "".join(out) + r"(?!\w)"


_APOSTROPHE_RE: Final = re.compile(_APOSTROPHE_CLASS)


def _fold(name: str) -> str:
    return _APOSTROPHE_RE.sub("'", name).replace("\u00a0", " ")


class Gazetteer(tuple[Place, ...]):
    """The places a seed may name: a tuple of :class:`Place`, with what searching it needs
    built once and kept on the object (name patterns, a folded-name lookup, the answers
    already given per sentence). Nothing is keyed by ``id()``; it all goes when the
    gazetteer does (switching seeds frees the previous one's caches)."""

    base: Gazetteer | None = None  # the gazetteer this one extends with names from the text
    added: tuple[str, ...] = ()  # those names

    @functools.cached_property
    def matchers(self) -> tuple[tuple[re.Pattern[str], str, str], ...]:
        """(pattern, canonical name, the longest piece of the name the pattern matches
        literally); the last is a quick "cannot match" test: a name whose literal piece is
        not in the text is skipped."""
        out = []
        # an extended gazetteer starts with its base: reuse the base's compiled patterns
        inherited = self.base.matchers if self.base is not None else ()
        for place in self[len(self.base) if self.base is not None else 0:]:
            for name in place.names:
                if name:
                    # "Al-Qa'im" → "Al-Qa": apostrophes and spaces match several characters, the rest only itself
                    pieces = _LITERAL_PIECE.findall(name)
                    out.append((re.compile(_name_pattern(name)), place.name, max(pieces, key=len) if pieces else ""))
        return (*inherited, *out)

    @functools.cached_property
    def lookup(self) -> dict[str, str]:
        return {_fold(name): place.name for place in self for name in place.names}

    @functools.cached_property
    def found(self) -> dict[str, tuple[PlaceMention, ...]]:
        """The mentions already found, per sentence text (the same sentence is asked about
        several times per article)."""
        return {}


def as_gazetteer(places: Sequence[Place]) -> Gazetteer:
    return places if isinstance(places, Gazetteer) else Gazetteer(places)


# A word as the scanner sees it: "Deir", "ez-Zor", "Al-Qa'im", "T-2", "IS-held".
_WORD: Final = re.compile(r"[^\W_][\w'’]*(?:-[\w'’]+)*")

# Lowercase pieces of Arabic and European names: "Deir ez-Zor", "Ras al Ain".
_PARTICLES: Final = frozenset(
    "al el ez az as ash ad ar an at ibn bin bint ben bani abu umm de del da di du la le".split()
)
# Words that open a run at a sentence start without being part of the name.
_LEADERS: Final = frozenset(
    "The A An In At Near Towards Toward From Outside Around Into On During After Before By "
    "Meanwhile Late Early Later Then While When Since Until Within Across Along Inside North "
    "South East West".split()
)
_TRIGGERS: Final = frozenset(
    "in at near towards toward from outside around into of".split()
) | frozenset("In At Near Towards Toward From Outside Around Into".split())
_SETTLEMENTS: Final = frozenset("town towns city cities village villages".split())
_AREA_WORDS: Final = frozenset({"area", "region"})
# Suffixes that make a capitalised run a facility or an administrative unit.
_SUFFIXES: Final = (
    ("Military", "Airbase"),
    ("Military", "Airport"),
    ("Air", "Base"),
    ("Airbase",),
    ("Airport",),
    ("airport",),
    ("Airfield",),
    ("Pumping", "Station"),
    ("Governorate",),
    ("Province",),
    ("Subdistrict",),
    ("District",),
    ("Border", "Crossing"),
    ("Dam",),
    ("Oil", "Field"),
    ("Gas", "Field"),
)
_SUFFIX_HEADS: Final = frozenset(suffix[0] for suffix in _SUFFIXES)
# a facility written in lowercase after its name: "the Bara ferry crossing", "Umm al-Khanfus
# airstrip", "the Tishrin bridge" (not "the Gao road": a road runs between places, it is no place held)
_FACILITY_AFTER: Final = re.compile(
    r"[ \u00a0](?:ferry[ \u00a0]crossing|border[ \u00a0]crossing|crossing|airstrip|airfield|air[ \u00a0]base|airbase|bridge|dam|checkpoint)\b"
)
# the stretches of a name that _name_pattern escapes as themselves: "Al Qā'im" → "Al", "Qā", "im"
_LITERAL_PIECE: Final = re.compile(rf"[^ \u00a0{_APOSTROPHES}]+")
# "On 3 June ... in October": calendar words that open a capitalised phrase but name no place
_MONTHS: Final = frozenset(grammar.MONTH_NAMES + grammar.WEEKDAY_NAMES)
# Actors and other capitalised non-places that follow "of"/"from"/"in" in war reporting.
_NOT_PLACES: Final = frozenset(
    {
        "Islamic State", "Daesh", "Hezbollah", "Army", "Syrian Army", "Syrian Arab Army",
        "Tiger Forces", "Republican Guard", "High Command", "Military", "Government",
        "Operation", "Coalition", "Allah",
    }
)
# Organisation heads: "... Forces", "... Brigade", "... Division" name units, not places.
_ORG_HEADS: Final = frozenset(
    "Army Forces Force Brigade Brigades Division Regiment Battalion Corps Guard Guards Militia "
    "Militias Command Committee Council Front Movement Party Organization Organisation "
    "Observatory Ministry Government Coalition Units Unit Mobilization Mobilisation Police "
    "campaign offensive Offensive Campaign Operation Agency News Network".split()
)
_DEMONYMS: Final = frozenset(
    "Syrian Iraqi Russian Iranian Turkish Kurdish American Lebanese Afghan Palestinian Israeli "
    "Saudi Jordanian Yemeni Libyan Egyptian Ukrainian British French German Arab Sunni Shia "
    "Shiite Christian Yazidi Assyrian Chechen Western Eastern Northern Southern".split()
)
# Heads that make a demonym-led run a place after all: "the Syrian Desert".
_GEO_HEADS: Final = frozenset(
    "Desert Plain Plains Mountains Mountain Valley River Lake Dam Bridge Hills Hill Coast "
    "Border Crossing Airbase Airport Base Field Station Camp Countryside".split()
)
_TITLES: Final = frozenset(
    "Maj Gen Col Lt Brig Capt Sgt Sheikh Shaykh President General Colonel Commander King "
    "Prince Emir Caliph Mr Dr Imam".split()
)
_COUNTRY_ACRONYMS: Final = frozenset({"US", "USA", "UK", "UAE", "DRC"})


class _Token(NamedTuple):  # a tuple: the scanner makes hundreds per article
    start: int
    end: int
    text: str
    capital: bool  # may carry a name: "Deir", "ez-Zor"
    particle: bool  # may sit inside a name: "al" in "Ras al Ain"


def _token(match: re.Match[str]) -> tuple[_Token, bool]:
    """The usable part of a word, and whether a name must end after it.

    ``IS-held`` keeps ``IS`` and ends the run (a lowercase compound makes an adjective);
    ``Kamal's`` keeps ``Kamal`` and ends it too.
    """
    word, start = match.group(), match.start()
    if "-" not in word and "'" not in word and "’" not in word:
        # most words: no compound to cut, no possessive to drop (the same answer, sooner)
        return _Token(start, start + len(word), word, word[:1].isupper(), word in _PARTICLES), False
    stop = False
    pieces = word.split("-")
    keep = len(word)
    offset = 0
    for i, piece in enumerate(pieces):
        if i > 0 and piece.islower() and pieces[i - 1].lower() not in _PARTICLES:
            keep, stop = offset - 1, True
            break
        offset += len(piece) + 1
    word = word[:keep]
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and len(word) > len(suffix):
            word, stop = word[: -len(suffix)], True
            break
    first = word.split("-")[0]
    capital = word[:1].isupper() or (
        first in _PARTICLES and "-" in word and word.split("-")[-1][:1].isupper()
    )
    return _Token(start, start + len(word), word, capital, word in _PARTICLES), stop


def _runs(text: str) -> Iterator[list[_Token]]:
    """Maximal sequences of capitalised words joined by single spaces."""
    run: list[_Token] = []
    previous_end = -1
    for match in _WORD.finditer(text):
        word = match.group()
        if word[0].islower() and "-" not in word and word not in _PARTICLES:
            # most words: plain lowercase, which only ends a run (fast path, same result)
            if run and (closed := _close(run)):
                yield closed
            run = []
            previous_end = match.end()
            continue
        token, stop = _token(match)
        joined = bool(run) and text[previous_end : token.start] in (" ", "\u00a0")
        if run and not joined:
            if closed := _close(run):
                yield closed
            run = []
        if token.capital or (run and token.particle):
            run.append(token)
            previous_end = match.end() if not stop else -1
            if stop:
                if closed := _close(run):
                    yield closed
                run = []
        else:
            if run and (closed := _close(run)):
                yield closed
            run = []
            previous_end = match.end()
    if run and (closed := _close(run)):
        yield closed


def _close(run: list[_Token]) -> list[_Token]:
    """The run without the particles it ends in (a name does not end in "al"); may be empty."""
    while run and not run[-1].capital:
        run = run[:-1]
    return run


def _word_before(text: str, pos: int) -> tuple[str, int]:
    """The word ending just before ``pos`` (one space between), and where it starts."""
    if pos < 1 or text[pos - 1] not in " \u00a0":
        return "", pos
    end = pos - 1
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’-"):
        start -= 1
    return text[start:end], start


_NEXT_WORD: Final = re.compile(r"[ \u00a0](\w+)")  # " area" after "the Hiri"


def _word_after(text: str, pos: int) -> str:
    match = _NEXT_WORD.match(text, pos)
    return match.group(1) if match else ""


def _is_place_like(tokens: Sequence[_Token]) -> bool:
    words = [t.text for t in tokens]
    name = " ".join(words)
    first, last = words[0], words[-1]
    if name in _NOT_PLACES or first in _MONTHS or first in _TITLES:
        return False
    if len(words) == 1 and first.isupper() and first.isalpha() and first not in _COUNTRY_ACRONYMS:
        return False  # IS, ISIL, SOHR, PMF, IRGC: acronyms here name organisations
    if last in _ORG_HEADS:
        return False
    if first in _DEMONYMS and last not in _GEO_HEADS:
        return False
    return True


class _Candidate(NamedTuple):
    start: int
    end: int
    place: str
    known: bool


@functools.lru_cache(maxsize=4096)
def _pattern_candidates(text: str) -> tuple[tuple[_Candidate, ...], tuple[_Candidate, ...]]:
    """Unknown-place candidates: (facility/unit names with a suffix, names after a cue).

    Cached: it does not depend on the gazetteer, and an article's sentences are scanned
    again once the names the text alone gives are added to the gazetteer.
    """
    structural, cued = _scan_candidates(text)
    return tuple(structural), tuple(cued)


def _scan_candidates(text: str) -> tuple[list[_Candidate], list[_Candidate]]:
    structural: list[_Candidate] = []
    cued: list[_Candidate] = []
    for run in _runs(text):
        words = [t.text for t in run]
        lead = 0
        while lead < len(run) - 1 and words[lead] in _LEADERS:
            lead += 1
        body = run[lead:]
        if not body:
            continue
        # "Hamdan Military Airbase", "Deir ez-Zor Governorate": name + suffix.
        body_words = [t.text for t in body]
        # "Russian Hmeimim Air Base": the demonym says whose base, not its name.
        named = 0
        while named < len(body) - 1 and body_words[named] in _DEMONYMS:
            named += 1
        for i in range(named + 1, len(body)):
            if body_words[i] not in _SUFFIX_HEADS:
                continue
            for suffix in _SUFFIXES:
                if tuple(body_words[i : i + len(suffix)]) == suffix:
                    span = body[named : i + len(suffix)]
                    structural.append(_Candidate(span[0].start, span[-1].end, "", False))
                    break
            else:
                continue
            break
        if not _is_place_like(body):
            continue
        # "the Bara ferry crossing", "Umm al-Khanfus airstrip": a name and a facility in lowercase
        facility = _FACILITY_AFTER.match(text, body[-1].end)
        if facility is not None:
            structural.append(_Candidate(body[named].start, facility.end(), "", False))
            continue
        cue, cue_start = (words[lead - 1], -1) if lead else _word_before(text, body[0].start)
        if cue == "the" and not lead:
            after = _word_after(text, body[-1].end)
            if after in _AREA_WORDS:  # "the Hiri area"
                cued.append(_Candidate(body[0].start, body[-1].end, "", False))
                continue
            cue, cue_start = _word_before(text, cue_start)
        if cue in _TRIGGERS:  # "towards Abu Kamal", "the town of Al-Quriyah", "In Hajin"
            cued.append(_Candidate(body[0].start, body[-1].end, "", False))
            if cue == "of" and _word_before(text, cue_start)[0] in _SETTLEMENTS:
                cued.extend(_listed_after(text, body[-1].end))
    return structural, cued


# ", ", ", and ", " and ": between the places of a list ("Al-Quriyah, Mahkan and Mayadin")
_LIST_JOINER: Final = re.compile(r"(?:,[ \u00a0](?:and[ \u00a0])?|[ \u00a0]and[ \u00a0])")


def _listed_after(text: str, pos: int) -> list[_Candidate]:
    """The rest of "the villages of Hajin, Susah and Baghuz" after the first name."""
    found: list[_Candidate] = []
    while (joiner := _LIST_JOINER.match(text, pos)) is not None:
        runs = list(_runs(text[joiner.end() : joiner.end() + 80]))
        if not runs or runs[0][0].start != 0 or not _is_place_like(runs[0]):
            break
        start, end = joiner.end() + runs[0][0].start, joiner.end() + runs[0][-1].end
        found.append(_Candidate(start, end, "", False))
        pos = end
    return found


def find_places(text: str, gazetteer: Sequence[Place], offset: int = 0) -> list[PlaceMention]:
    """Every place named in ``text``, in reading order, without overlaps.

    Gazetteer names and aliases match case-sensitively as whole words, the longest
    first: "T-2 Station" is the T-2 Pumping Station, "Al-Qa’im" is Al-Qa'im. Names the
    gazetteer lacks come from the shapes above and have ``known=False``, ``place`` as
    written: in "an assault on the village of Hajin" Hajin is found though unknown.
    ``start``/``end`` are offsets into ``text`` plus ``offset`` (the position of
    ``text`` in the whole seed).
    """
    if not isinstance(text, str):
        raise TypeError(
            f"find_places(text, gazetteer): text must be str, not {type(text).__name__}"
        )
    places = as_gazetteer(gazetteer)
    if places.base is not None and not any(name in text for name in places.added):
        # none of the names added from the text occurs here: the base gazetteer's answer is the same
        places = places.base
    found = places.found.get(text)
    if found is None:
        if len(places.found) > 8192:
            places.found.clear()
        found = places.found[text] = _find_places(text, places)
    if not offset:
        return list(found)
    return [dataclasses.replace(m, start=m.start + offset, end=m.end + offset) for m in found]


def clear_cache(gazetteer: Gazetteer | None = None) -> None:
    """Forget cached searches (for benchmarks that time a cold parse): the sentence
    scanner's, and the answers kept on ``gazetteer`` (the bundled one by default)."""
    (gazetteer if gazetteer is not None else load_gazetteer()).found.clear()
    _pattern_candidates.cache_clear()


def _find_places(text: str, places: Gazetteer) -> tuple[PlaceMention, ...]:
    known: list[_Candidate] = []
    for pattern, canonical, word in places.matchers:
        if not word or word in text:
            known.extend(
                _Candidate(m.start(), m.end(), canonical, True) for m in pattern.finditer(text)
            )
    structural, cued = _pattern_candidates(text)

    taken: list[_Candidate] = []

    def free(c: _Candidate) -> bool:
        return all(c.end <= t.start or c.start >= t.end for t in taken)

    # Longest wins, and at equal length the gazetteer's reading wins:
    # "Deir ez-Zor Governorate" beats "Deir ez-Zor", "Hamdan Military Airbase" stays known.
    for c in sorted([*known, *structural], key=lambda c: (c.start - c.end, not c.known, c.start)):
        if free(c):
            taken.append(c)
    # Cue-found names only fill gaps: they never cut into a name already found.
    for c in sorted(cued, key=lambda c: (c.start - c.end, c.start)):
        if free(c):
            taken.append(c)

    lookup = places.lookup
    mentions: list[PlaceMention] = []
    for c in sorted(taken, key=lambda c: c.start):
        written = text[c.start : c.end]
        canonical = c.place or lookup.get(_fold(written), "")
        mentions.append(
            PlaceMention(
                place=canonical or written,
                as_written=written,
                start=c.start,
                end=c.end,
                known=bool(canonical),
            )
        )
    return tuple(mentions)


TEXT_ONLY: Final = "named in the text; not in the gazetteer (data/places.csv), so no coordinates"
_KIND_BY_SUFFIX: Final = (
    (r"\b(?:Governorate|Province|District|Region|Oblast|County|Canton)$", "region"),
    (r"\b(?:Airbase|Air Base|Airport|Airfield)$", "airbase"),
    (r"\b(?:Pumping Station|Station)$", "station"),
    (r"\b(?:Dam)$", "dam"),
    (r"\b(?:River|Lake)$", "water"),
    (r"\b(?:Mountains?|Hills?|Mount|Desert|Valley|Plain)$", "terrain"),
    (r"\b(?:ferry crossing|bridge|Bridge)$", "crossing"),
    (r"\bairstrip$", "airbase"),
    (r"\b(?:crossing|Crossing)$", "border_crossing"),
)


def guess_kind(name: str) -> str:
    """``Deir ez-Zor Governorate`` → ``region``: a kind for a place the gazetteer lacks."""
    for pattern, kind in _KIND_BY_SUFFIX:
        if re.search(pattern, name):
            return kind
    return ""


def with_text_places(gazetteer: Sequence[Place], texts: Sequence[str]) -> Gazetteer:
    """The gazetteer plus every unknown place the texts name somewhere.

    A name found once by a cue ("the town of Vellmar") is then recognised in every
    sentence ("League forces captured Vellmar"). Added places have no coordinates and
    ``source == TEXT_ONLY``.
    """
    places = as_gazetteer(gazetteer)
    unknown: dict[str, None] = {}
    for text in texts:
        for mention in find_places(text, places):
            if not mention.known:
                unknown.setdefault(mention.place, None)
    if not unknown:
        return places
    extended = Gazetteer(
        (*places, *(Place(name, (), None, None, guess_kind(name), "", "", TEXT_ONLY) for name in unknown))
    )
    extended.base, extended.added = places, tuple(unknown)
    return extended
