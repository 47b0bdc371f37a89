"""Numbers as intervals."""

import pytest
from conflictkit.quantities import find_quantities, format_interval, parse_quantity
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize(
    "text, low, high, open_upper, unit",
    [
        ("8,000 Lebanese", 8000, 8000, False, ""),
        ("376+ killed", 376, None, True, ""),
        ("5,000–10,000+", 5000, None, True, ""),
        ("25-35 km west", 25, 35, False, "km"),
        ("one to two kilometers from", 1, 2, False, "km"),
        ("40 percent of", 40, 40, False, "percent"),
        ("hundreds of fighters", 200, 999, False, ""),
        ("dozens of people", 24, 99, False, ""),
        ("at least 30 civilians", 30, None, True, ""),
        ("more than 1,200 fighters", 1200, None, True, ""),
        ("1.5 km", 1.5, 1.5, False, "km"),
        ("Tiger Forces: 450", 450, 450, False, ""),
    ],
)
def test_amounts(text, low, high, open_upper, unit):
    q = parse_quantity(text)
    assert q is not None
    assert (q.low, q.high, q.open_upper, q.unit) == (low, high, open_upper, unit)
    assert text[q.start:q.end] == q.text


@pytest.mark.parametrize(
    "text",
    ["On 23 October 2017", "the T-2 Station", "Tu-22MZ bombers", "the 42nd Brigade", "March 5", "in 2017"],
)
def test_dates_years_and_codes_are_not_amounts(text):
    assert find_quantities(text) == []


def test_vague_words_are_flagged():
    (q,) = find_quantities("hundreds of fighters")
    assert q.vague and not q.exact


@given(
    low=st.integers(min_value=0, max_value=10**7),
    width=st.integers(min_value=0, max_value=10**6),
    open_upper=st.booleans(),
    unit=st.sampled_from(["", "km", "percent"]),
)
def test_format_then_parse_round_trips(low, width, open_upper, unit):
    high = None if open_upper else low + width
    text = format_interval(low, high, open_upper, unit)
    q = parse_quantity(text)
    assert q is not None, text
    assert (q.low, q.high, q.open_upper, q.unit) == (low, high, open_upper, unit), text


@given(st.text(max_size=200))
def test_any_text_gives_spans_that_slice_back(text):
    for q in find_quantities(text, offset=7):
        assert text[q.start - 7:q.end - 7] == q.text
        assert q.low is not None and (q.high is None or q.high >= q.low)


@pytest.mark.parametrize(
    "text, low, high, open_upper, approx, unit",
    [
        ("60 + injured", 60, None, True, False, ""),  # flattening put a space before the plus
        ("est. 2,000 reserves", 2000, 2000, False, True, ""),
        ("2 Mil Mi-24s", 2, 2, False, False, ""),  # helicopters, not miles
        ("a 15 km-long front", 15, 15, False, False, "km"),
    ],
)
def test_infobox_figure_shapes(text, low, high, open_upper, approx, unit):
    q = parse_quantity(text)
    assert q is not None
    assert (q.low, q.high, q.open_upper, q.approx, q.unit) == (low, high, open_upper, approx, unit)


def test_a_plus_between_two_figures_is_not_open_ended():
    assert [(q.low, q.open_upper) for q in find_quantities("1 + 2 vehicles")] == [(1, False), (2, False)]
