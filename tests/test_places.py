"""The gazetteer, place finding and map lines (conflictkit.places).

Sentences other than the seed's are invented for these tests, with invented place
names, so that the unknown-place patterns are checked on names no list could know.
"""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
try:
    from conflictkit import places as P
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT / "lib"))
    from conflictkit import places as P

SEED = ROOT / "seeds" / "2017_abu_kamal_offensive.txt"
WINDOW = (38.0, 33.5, 42.0, 36.5)

# What the seed names, canonical name -> one way the seed writes it.
SEED_PLACES = {
    "Abu Kamal": "Abu Kamal",
    "Mayadin": "Mayadin",
    "Deir ez-Zor": "Deir ez-Zor",
    "Al-Qa'im": "Al-Qa'im",
    "Al-Asharah": "Al-Asharah",
    "Al-Quriyah": "Al-Quriyah",
    "Mahkan": "Mahkan",
    "Hiri": "Hiri",
    "Hamdan Military Airbase": "Hamdan Military Airbase",
    "T-2 Pumping Station": "T-2 Station",
    "Abu Kamal–Al-Qa'im border crossing": "border crossing with Iraq",
    "Euphrates": "Euphrates",
    "Syria": "Syria",
    "Iraq": "Iraq",
    "Russia": "Russia",
}
# Named in the seed but deliberately not gazetteer rows (see data/README-places.md).
SEED_UNKNOWN = {"Deir ez-Zor Governorate", "Mosul"}
ACTORS = {
    "IS", "ISIL", "ISIS", "Islamic State", "Hezbollah", "SOHR", "PMF", "IRGC", "Syrian Army",
    "Army", "Tiger Forces", "Republican Guard", "Syrian", "Iraqi", "Russian",
}


@pytest.fixture(scope="module")
def gazetteer() -> tuple[P.Place, ...]:
    return P.load_gazetteer()


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8-sig").replace("\r\n", "\n")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.radians
    a = (
        math.sin(p(lat2 - lat1) / 2) ** 2
        + math.cos(p(lat1)) * math.cos(p(lat2)) * math.sin(p(lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(a))


# --- gazetteer ----------------------------------------------------------------------


def test_gazetteer_has_the_contract_columns_in_order() -> None:
    with P.GAZETTEER_PATH.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header == ["name", "aliases", "lat", "lon", "kind", "country", "precision", "source"]


def test_gazetteer_rows_are_consistent(gazetteer: tuple[P.Place, ...]) -> None:
    assert gazetteer
    for place in gazetteer:
        assert place.source, place.name
        if place.lat is None:
            assert place.lon is None and place.precision == "", place.name
        else:
            assert place.precision in {"exact", "near", "approximate"}, place.name
            assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180  # type: ignore[operator]
        if place.kind in {"country", "region"} and place.lat is not None:
            assert place.precision == "approximate", place.name


def test_no_name_points_to_two_places(gazetteer: tuple[P.Place, ...]) -> None:
    seen: dict[str, str] = {}
    for place in gazetteer:
        for name in place.names:
            assert seen.setdefault(name, place.name) == place.name, name


def test_every_seed_place_has_a_row(gazetteer: tuple[P.Place, ...]) -> None:
    assert set(SEED_PLACES) <= {p.name for p in gazetteer}


def test_local_points_lie_in_the_map_window(gazetteer: tuple[P.Place, ...]) -> None:
    for place in gazetteer:
        if place.lat is not None and place.kind != "country":
            assert WINDOW[1] <= place.lat <= WINDOW[3], place.name
            assert WINDOW[0] <= place.lon <= WINDOW[2], place.name  # type: ignore[operator]


def test_load_gazetteer_is_cached() -> None:
    assert P.load_gazetteer() is P.load_gazetteer()


def test_bad_gazetteer_says_where(tmp_path: Path) -> None:
    bad = tmp_path / "places.csv"
    bad.write_text(
        "name,aliases,lat,lon,kind,country,precision,source\nX,,1.0,,town,Syria,exact,s\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"places.csv:2: lat and lon"):
        P.load_gazetteer(bad)


# --- mentions in the seed -----------------------------------------------------------


def test_every_seed_place_is_found_with_exact_spans(
    gazetteer: tuple[P.Place, ...], seed_text: str
) -> None:
    mentions = P.find_places(seed_text, gazetteer)
    for m in mentions:
        assert seed_text[m.start : m.end] == m.as_written
    found = {(m.place, m.as_written) for m in mentions if m.known}
    for canonical, written in SEED_PLACES.items():
        assert (canonical, written) in found, canonical
    first = {m.as_written: m for m in reversed(mentions)}
    for written in ("T-2 Station", "Hiri", "Hamdan Military Airbase", "border crossing with Iraq"):
        assert first[written].start == seed_text.index(written)


def test_seed_unknowns_are_places_not_actors(
    gazetteer: tuple[P.Place, ...], seed_text: str
) -> None:
    mentions = P.find_places(seed_text, gazetteer)
    assert {m.place for m in mentions if not m.known} == SEED_UNKNOWN
    assert not {m.as_written for m in mentions} & ACTORS


def test_governorate_is_not_the_city(gazetteer: tuple[P.Place, ...], seed_text: str) -> None:
    start = seed_text.index("Deir ez-Zor Governorate")
    [m] = [m for m in P.find_places(seed_text, gazetteer) if m.start == start]
    assert m.as_written == "Deir ez-Zor Governorate" and not m.known


def test_offsets_point_into_the_whole_seed(
    gazetteer: tuple[P.Place, ...], seed_text: str
) -> None:
    offset = seed_text.index("== The offensive ==")
    for m in P.find_places(seed_text[offset:], gazetteer, offset=offset):
        assert seed_text[m.start : m.end] == m.as_written


# --- mentions in invented sentences -------------------------------------------------


def found(text: str, gazetteer: tuple[P.Place, ...]) -> list[tuple[str, bool]]:
    return [(m.as_written, m.known) for m in P.find_places(text, gazetteer)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels held the village of Tell Qasr for a week.", [("Tell Qasr", False)]),
        ("Mortar fire hit the Nahr Abyad area at dawn.", [("Nahr Abyad", False)]),
        ("Jets flew from Ras al Marj Airbase each night.", [("Ras al Marj Airbase", False)]),
        ("The convoy reached Wadi Sahel Air Base.", [("Wadi Sahel Air Base", False)]),
        ("Crews repaired the Bir Hamra Pumping Station.", [("Bir Hamra Pumping Station", False)]),
        (
            "Clashes spread across the Qasr el-Bint Governorate.",
            [("Qasr el-Bint Governorate", False)],
        ),
        ("Syrian Tell Abyad Airbase was shelled.", [("Tell Abyad Airbase", False)]),
        ("Drones struck Deir ez-Zor Military Airport.", [("Deir ez-Zor Military Airport", False)]),
        ("In Zahrat al-Wadi, shops reopened.", [("Zahrat al-Wadi", False)]),
        ("Units pushed towards Umm Nakhla overnight.", [("Umm Nakhla", False)]),
        ("They regrouped outside Kafr Dabbas.", [("Kafr Dabbas", False)]),
        (
            "Militias entered the villages of Umm Saad, Khirbet Nour and Tell Jamal.",
            [("Umm Saad", False), ("Khirbet Nour", False), ("Tell Jamal", False)],
        ),
        ("A patrol crossed into Iraq near Al-Qa’im.", [("Iraq", True), ("Al-Qa’im", True)]),
        ("Supplies came from the T-2 Station.", [("T-2 Station", True)]),
        ("Guns were moved from Hamdan airport.", [("Hamdan airport", True)]),
        ("Snipers fired at the IS-held town of Sabkha Jadida.", [("Sabkha Jadida", False)]),
    ],
)
def test_patterns_find_unknown_places(
    text: str, expected: list[tuple[str, bool]], gazetteer: tuple[P.Place, ...]
) -> None:
    assert found(text, gazetteer) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Fighters of ISIL withdrew in November.",
        "A spokesman of the Islamic State denied it.",
        "Reinforcements from the Syrian Army and from Hezbollah arrived.",
        "Units of the Tiger Forces and of the 4th Armoured Division advanced.",
        "The statement came from Iraqi militias and from SOHR on Monday.",
        "Orders came from Maj. Gen. Suhail Ahmad.",
        "Syrian and Iraqi troops met; the Russian jets returned.",
    ],
)
def test_actors_and_dates_are_not_places(text: str, gazetteer: tuple[P.Place, ...]) -> None:
    assert found(text, gazetteer) == []


def test_names_inside_longer_words_are_not_matched(gazetteer: tuple[P.Place, ...]) -> None:
    assert found("Iraqi and Syrian officials met Russians.", gazetteer) == []


def test_curly_apostrophe_maps_to_the_canonical_name(gazetteer: tuple[P.Place, ...]) -> None:
    [m] = P.find_places("Shelling near Al-Qa’im.", gazetteer)
    assert (m.place, m.as_written, m.known) == ("Al-Qa'im", "Al-Qa’im", True)


def test_wrong_argument_type_says_how_to_call(gazetteer: tuple[P.Place, ...]) -> None:
    with pytest.raises(TypeError, match="text must be str"):
        P.find_places(b"Abu Kamal", gazetteer)  # type: ignore[arg-type]


PIECES = [
    "Abu Kamal", "Al-Qa'im", "Al-Qa’im", "T-2 Station", "T-2 Pumping Station", "Deir ez-Zor",
    "Deir ez-Zor Governorate", " the town of ", " the ", " area", " in ", " of ", " from ",
    "IS-held ", "Hezbollah", " Airbase", " Pumping Station", ", ", " and ", ". ", "Iraqi",
    "Umm Saad", "al", "ez-", "'s", "\u00a0", "\n",
]


@given(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=30),
    st.integers(min_value=0, max_value=10_000),
)
def test_spans_always_slice_back(parts: list[str], offset: int) -> None:
    text = "".join(parts)
    mentions = P.find_places(text, P.load_gazetteer(), offset=offset)
    previous_end = offset
    for m in mentions:
        assert text[m.start - offset : m.end - offset] == m.as_written
        assert m.as_written and m.start >= previous_end
        previous_end = m.end


# --- geography ----------------------------------------------------------------------


def test_geography_loads_inside_the_window() -> None:
    lines = P.load_geography()
    assert {(line.feature, line.kind) for line in lines} == {
        ("Euphrates", "river"),
        ("Syria-Iraq border", "border"),
    }
    for line in lines:
        assert len(line.points) >= 2
        for lon, lat in line.points:
            assert WINDOW[0] <= lon <= WINDOW[2] and WINDOW[1] <= lat <= WINDOW[3]
    assert P.GEOGRAPHY_PATH.stat().st_size < 100_000


def test_geography_credits_natural_earth() -> None:
    with P.GEOGRAPHY_PATH.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and all("Natural Earth" in r["source"] for r in rows)


def test_river_towns_lie_on_the_river(gazetteer: tuple[P.Place, ...]) -> None:
    # A cross-check of two independent sources: the 1:50m river is within a few km
    # of every riverside town the gazetteer places.
    [river] = [line for line in P.load_geography() if line.kind == "river"]
    for name in ("Abu Kamal", "Mayadin", "Deir ez-Zor", "Al-Asharah", "Al-Quriyah"):
        [place] = [p for p in gazetteer if p.name == name]
        assert place.lat is not None and place.lon is not None
        nearest = min(km(place.lat, place.lon, lat, lon) for lon, lat in river.points)
        assert nearest < 10, name
