"""Text dates and infobox periods."""

import datetime as dt

import pytest
from conflictkit.dates import find_dates, fit_year, parse_period
from hypothesis import given
from hypothesis import strategies as st

D = dt.date


@pytest.mark.parametrize(
    "value, start, end, ongoing",
    [
        ("23 October – 6 December 2017, ()", D(2017, 10, 23), D(2017, 12, 6), False),
        ("4–17 October 2017", D(2017, 10, 4), D(2017, 10, 17), False),
        ("26October – 9December 2017", D(2017, 10, 26), D(2017, 12, 9), False),
        ("23 December 2016 – 4 January 2017", D(2016, 12, 23), D(2017, 1, 4), False),
        ("March 5 – April 9, 2018", D(2018, 3, 5), D(2018, 4, 9), False),
        ("5 May 2019 – present", D(2019, 5, 5), None, True),
        ("October 2017", D(2017, 10, 1), D(2017, 10, 31), False),
        ("14 June 2017 (1 month and 2 days)", D(2017, 6, 14), D(2017, 6, 14), False),
    ],
)
def test_periods(value, start, end, ongoing):
    period = parse_period(value)
    assert (period.start, period.end, period.ongoing) == (start, end, ongoing)


def test_labelled_sub_ranges():
    period = parse_period("Phase I: 1–5 May 2016, Phase II: 9 May – 2 June 2016")
    assert period.parts == (("Phase I", D(2016, 5, 1), D(2016, 5, 5)), ("Phase II", D(2016, 5, 9), D(2016, 6, 2)))
    assert (period.start, period.end) == (D(2016, 5, 1), D(2016, 6, 2))


def test_year_comes_from_the_period_across_new_year():
    period = (D(2016, 12, 23), D(2017, 1, 10))
    assert fit_year(1, 5, *period) == 2017
    assert fit_year(12, 28, *period) == 2016
    assert fit_year(1, 5, None, None) is None


def test_text_dates():
    found = find_dates("On 23 October, until 6 December; in mid-November; on 5 Jan.", (D(2017, 10, 23), D(2017, 12, 6)))
    assert [(d.start, d.end, d.precision) for d in found] == [
        (D(2017, 10, 23), D(2017, 10, 23), "day"),
        (D(2017, 12, 6), D(2017, 12, 6), "day"),
        (D(2017, 11, 11), D(2017, 11, 20), "approx"),
        (D(2018, 1, 5), D(2018, 1, 5), "day"),
    ]
    assert found[1].text == "6 December"


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)), st.integers(0, 200))
def test_periods_round_trip(start, days):
    end = start + dt.timedelta(days=days)
    text = f"{start.day} {start:%B} {start.year} – {end.day} {end:%B} {end.year}"
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    "value, start, end",
    [
        ("July 21–22, 2016", D(2016, 7, 21), D(2016, 7, 22)),  # US style: the year after the last day
        ("July 2022 – 20 May 2023", D(2022, 7, 1), D(2023, 5, 20)),
        ("26 June – 21 July 2014, )", D(2014, 6, 26), D(2014, 7, 21)),
    ],
)
def test_periods_seen_in_real_infoboxes(value, start, end):
    period = parse_period(value)
    assert (period.start, period.end) == (start, end)


def test_find_window_reads_a_day_range_in_a_note():
    from conflictkit.dates import find_window

    period = (D(2014, 11, 21), D(2015, 5, 17))
    assert find_window("14–17 May", period) == (D(2015, 5, 14), D(2015, 5, 17))
    assert find_window("18 Sep. – 25 Sep.", (D(2017, 9, 14), D(2017, 11, 17))) == (D(2017, 9, 18), D(2017, 9, 25))
    assert find_window("pro-Hadi claim", period) is None


def test_phases_labelled_with_ordinals_and_an_ongoing_last_phase():
    period = parse_period(
        "1st phase: 13 April 2023 (1 day), 2nd phase: 12–29 May 2023 (ceasefire), "
        "3rd phase: 18 August 2023 – 13 April 2024, 4th phase (offensive): 13 April 2024 – present (ongoing)"
    )
    assert (period.start, period.end, period.ongoing) == (D(2023, 4, 13), None, True)
    assert [(label, start, end) for label, start, end in period.parts] == [
        ("1st phase", D(2023, 4, 13), D(2023, 4, 13)), ("2nd phase", D(2023, 5, 12), D(2023, 5, 29)),
        ("3rd phase", D(2023, 8, 18), D(2024, 4, 13)), ("4th phase (offensive)", D(2024, 4, 13), None),
    ]
