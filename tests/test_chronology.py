"""The chronology of the bundled seed, checked clause by clause against a reading of the article."""

import datetime as dt

import conflictkit
import pandas as pd
import pytest
from conflictkit.chronology import find_time_expressions


@pytest.fixture(scope="module")
def art():
    return conflictkit.load()


def event(art, starts_with):
    hits = art.events[art.events.text.str.startswith(starts_with)]
    assert len(hits) == 1, starts_with
    return hits.iloc[0]


def day(row):
    return (row.date_start.strftime("%Y-%m-%d"), row.date_end.strftime("%Y-%m-%d"))


@pytest.mark.parametrize(
    "starts_with, dates, precision, time_of_day",
    [
        ("On 23 October, government forces", ("2017-10-23", "2017-10-23"), "day", ""),
        ("over the next 48 hours", ("2017-10-23", "2017-10-25"), "span", ""),
        ("By 25 October, IS managed", ("2017-10-25", "2017-10-25"), "day", ""),
        ("Meanwhile, heavy fighting raged", ("2017-10-25", "2017-10-25"), "day", ""),
        ("The next day, an IS counter-attack", ("2017-10-28", "2017-10-28"), "day", ""),
        ("The next day, six Russian", ("2017-11-01", "2017-11-01"), "day", ""),
        ("Late that day, Iraqi paramilitary", ("2017-11-03", "2017-11-03"), "day", "late"),
        ("were repelled back across the border by the following day", ("2017-11-04", "2017-11-04"), "day", ""),
        ("At the same time as the Iraqi cross-border attack", ("2017-11-03", "2017-11-03"), "day", ""),
        ("That evening, pro-government sources", ("2017-11-08", "2017-11-08"), "day", "evening"),
        ("The next day, SOHR confirmed", ("2017-11-09", "2017-11-09"), "day", ""),
        ("Late on 9 November", ("2017-11-09", "2017-11-09"), "day", "late"),
        ("The next day, the fighting came close", ("2017-11-10", "2017-11-10"), "day", ""),
        ("Meanwhile, Hezbollah reported", ("2017-11-10", "2017-11-10"), "day", ""),
        ("The military and its allied militias suffered", ("2017-11-11", "2017-11-11"), "day", "end of day"),
        ("Meanwhile, the PMF", ("2017-11-11", "2017-11-11"), "day", ""),
        ("On 17 November", ("2017-11-17", "2017-11-17"), "day", ""),
        ("capturing it by 19 November", ("2017-11-19", "2017-11-19"), "day", ""),
        ("Fighting in the surrounding countryside continued until 6 December", ("2017-11-19", "2017-12-06"), "span", ""),
        ("During the fighting between 15 November and 3 December", ("2017-11-15", "2017-12-03"), "span", ""),
        ("During this time", ("2017-11-15", "2017-12-03"), "span", ""),
        ("The pocket was surrounded on 21 November", ("2017-11-21", "2017-11-21"), "day", ""),
        ("in the following days the Army slowly cleared it", ("2017-11-22", "2017-11-28"), "span", ""),
        ("By 5 December", ("2017-12-05", "2017-12-05"), "day", ""),
        ("on 6 December the link-up came", ("2017-12-06", "2017-12-06"), "day", ""),
    ],
)
def test_event_dates(art, starts_with, dates, precision, time_of_day):
    row = event(art, starts_with)
    assert day(row) == dates
    assert row.date_precision == precision
    assert row.time_of_day == time_of_day


def test_events_are_in_reading_order_and_slice_back(art):
    assert art.events.start.is_monotonic_increasing
    for row in art.events.itertuples():
        assert art.text[row.start:row.end] == row.text
        assert row.text in row.sentence
    assert art.events.event_id.is_unique


def test_lead_without_dates_makes_no_events(art):
    assert (art.events.phase != "").all()
    assert art.events.iloc[0].text.startswith("On 23 October")


def test_relative_times_never_precede_their_anchor(art):
    events = art.events.reset_index(drop=True)
    for i, row in events.iterrows():
        if row.resolved_from.lower().startswith(("the next day", "the following day", "by the following day")) and i:
            assert row.date_start > events.loc[i - 1, "date_start"]


def test_front_is_only_distances_to_the_objective(art):
    front = [(r.date.strftime("%d %b"), r.km_low, r.km_high, r.relation) for r in art.front.itertuples()]
    assert front == [
        ("26 Oct", 45, 45, "at"), ("27 Oct", 40, 40, "within"), ("29 Oct", 65, 65, "at"), ("31 Oct", 50, 50, "within"),
        ("05 Nov", 15, 15, "within"), ("11 Nov", 1, 2, "at"), ("12 Nov", 25, 35, "at"),
    ]
    assert set(art.front.reference) == {"Abu Kamal"}
    assert not art.front.text.str.contains("achieving").any()


def test_abu_kamal_changes_hands_three_times(art):
    city = art.control[art.control.objective & (art.control.extent == "full")]
    assert [(r.date.strftime("%d %b"), r.side) for r in city.itertuples()] == [("09 Nov", 1), ("11 Nov", 2), ("19 Nov", 1)]
    assert art.meta["initial_holder"] == 2


def test_other_changes_of_hands(art):
    others = art.control[~art.control.objective & (art.control.extent == "full") & ~art.control.area & ~art.control.inferred]
    got = [(r.date.strftime("%d %b"), r.place, None if pd.isna(r.side) else r.side) for r in others.itertuples()]
    assert got == [
        ("25 Oct", "Al-Asharah", 2), ("26 Oct", "T-2 Pumping Station", 1), ("03 Nov", "Al-Qa'im", None),
        ("09 Nov", "Hamdan Military Airbase", 1), ("11 Nov", "Abu Kamal–Al-Qa'im border crossing", None),
    ]


def control_rows(df):
    return [
        (r.date.strftime("%d %b"), r.place, None if pd.isna(r.side) else int(r.side), r.kind, r.extent,
         None if pd.isna(r.share) else float(r.share), bool(r.area), bool(r.inferred))
        for r in df.itertuples()
    ]


def test_withdrawals_hand_the_place_to_the_other_side(art):
    # "government troops ... withdrew from Al-Quriyah and Mahkan to Mayadin" (29 Oct): IS, inferred;
    # "By 28 November ... the town of Al-Quriyah was captured": back to side 1, no agent, inferred
    rows = art.control[art.control.kind == "withdrawal"]
    assert control_rows(rows) == [
        ("29 Oct", "Al-Quriyah", 2, "withdrawal", "full", None, False, True),
        ("29 Oct", "Mahkan", 2, "withdrawal", "full", None, False, True),
    ]
    quriyah = art.control[(art.control.place == "Al-Quriyah") & (art.control.extent == "full")]
    assert [(r.date.strftime("%d %b"), r.side) for r in quriyah.itertuples()] == [("29 Oct", 2), ("28 Nov", 1)]


def test_partial_control_keeps_its_extent(art):
    # "as well as parts of Al-Quriyah" (25 Oct), "seizing parts of it" (28 Oct), SOHR "stated only parts
    # of the town had been seized" (8 Nov, hedged), "recaptured 40 percent of Abu Kamal" (late 9 Nov)
    rows = art.control[art.control.extent == "partial"]
    assert control_rows(rows) == [
        ("25 Oct", "Al-Quriyah", 2, "expulsion", "partial", None, False, False),
        ("28 Oct", "Al-Quriyah", 2, "capture", "partial", None, False, False),
        ("08 Nov", "Abu Kamal", 1, "capture", "partial", None, False, True),
        ("09 Nov", "Abu Kamal", 2, "recapture", "partial", 0.4, False, False),
    ]
    assert rows.hedged.tolist() == [False, False, True, False]


def test_areas_are_places(art):
    # "the Army slowly cleared it" (the pocket, 22–28 Nov); "with the whole western bank of the Euphrates cleared"
    rows = art.control[art.control.area]
    assert control_rows(rows) == [
        ("28 Nov", "pocket southeast of Mayadin", 1, "clearance", "full", None, True, False),
        ("06 Dec", "western bank of the Euphrates", 1, "clearance", "full", None, True, True),
    ]


CONTROL_ONLY = """= Battle of Veloria =

Infobox
- Conflict: Battle of Veloria
- Date: 2 March – 30 April 2019
- Combatant1: Republic of Norland
- Combatant2: Tarsk Liberation Front

The Battle of Veloria was fought between the Norland Army and rebels of the Tarsk Liberation Front (TLF) for the town of Veloria.

== Battle ==
{body}
"""


def invented(body):
    from conflictkit.article import parse

    return parse(CONTROL_ONLY.format(body=body))


@pytest.mark.parametrize(
    "body, expected",
    [
        # a withdrawal gives the place to the other side, flagged inferred
        ("On 3 March, the army withdrew from the villages of Kessel and Marrow to Veloria.",
         [("Kessel", 2, "withdrawal", "full", None, False, True), ("Marrow", 2, "withdrawal", "full", None, False, True)]),
        ("On 4 March, rebels retreated from the village of Ostra after heavy shelling.",
         [("Ostra", 1, "withdrawal", "full", None, False, True)]),
        # "retreated to" names where they went: no change of hands
        ("On 4 March, rebels retreated to the hills near Ostra.", []),
        # a share where the text gives one, partial otherwise
        ("On 5 March, the army seized 25 percent of Veloria.", [("Veloria", 1, "capture", "partial", 0.25, False, False)]),
        # parts of what the side already holds are not a change
        ("On 5 March, the TLF seized 25 percent of Veloria.", []),
        ("On 6 March, the army recaptured half of Veloria.", [("Veloria", 1, "recapture", "partial", 0.5, False, False)]),
        ("On 7 March, rebels attacked the village of Dobro near the Vela river, taking parts of it.",
         [("Dobro", 2, "capture", "partial", None, False, False)]),
        ("On 8 March, the army drove the rebels out of Kessel, as well as parts of Marrow.",
         [("Kessel", 1, "expulsion", "full", None, False, False), ("Marrow", 1, "expulsion", "partial", None, False, False)]),
        ("On 9 March, the army fully recaptured Veloria.", [("Veloria", 1, "recapture", "full", None, False, False)]),
        # areas
        ("On 10 March, the army besieged a pocket of rebel territory north of Kessel. "
         "On 12 March, the pocket was eliminated.",
         [("pocket north of Kessel", 1, "clearance", "full", None, True, True)]),
        ("On 14 March, the army linked up, with the whole eastern bank of the Vela cleared.",
         [("eastern bank of the Vela", 1, "clearance", "full", None, True, True)]),
        # not changes: an intention, a withdrawal by nobody named, mines cleared
        ("On 15 March, the army made an effort to push the rebels out of Ostra.", []),
        ("On 16 March, sappers cleared mines on the road.", []),
    ],
)
def test_control_on_invented_sentences(body, expected):
    art = invented(body)
    assert [row[1:] for row in control_rows(art.control)] == expected


def test_claims_who_said_what(art):
    attributed = art.claims[art.claims.attributed]
    got = [(r.date.strftime("%d %b"), r.claimant, r.stance) for r in attributed.itertuples()]
    assert got == [
        ("08 Nov", "pro-government sources", "asserts"), ("08 Nov", "SOHR", "denies"), ("08 Nov", "SOHR", "asserts"),
        ("09 Nov", "SOHR", "confirms"), ("09 Nov", "Syrian Army High Command", "asserts"),
        ("09 Nov", "Syrian Army High Command", "asserts"), ("10 Nov", "Hezbollah", "asserts"),
    ]
    denial = attributed[attributed.stance == "denies"].iloc[0]
    assert denial.claim == "Abu Kamal had been captured"
    assert (art.claims[~art.claims.attributed].claimant == "unattributed").all()
    for row in art.claims.itertuples():
        assert art.text[row.start:row.end] == row.text


def test_casualties_reported_in_the_text(art):
    text = art.casualties[art.casualties.origin == "text"]
    got = [(None if pd.isna(r.side) else r.side, r.who, r.low, r.date_start.strftime("%d %b"), r.date_end.strftime("%d %b")) for r in text.itertuples()]
    assert got == [
        (2, "IS militants", 42, "23 Oct", "25 Oct"),
        (1, "pro-government fighters", 27, "23 Oct", "25 Oct"),
        (None, "fighters on both sides", 447, "15 Nov", "03 Dec"),
    ]


def test_time_expressions_of_a_sentence():
    period = (dt.date(2017, 10, 23), dt.date(2017, 12, 6))
    times = find_time_expressions("On 17 November, forces stormed the city, capturing it by 19 November.", period)
    assert [(t.kind, t.text) for t in times] == [("on", "On 17 November"), ("by", "by 19 November")]
    times = find_time_expressions("Fighting from 5 to 9 November and 15–17 November.", period)
    assert [(t.kind, t.dates[0].start.day, t.dates[-1].start.day) for t in times] == [("between", 5, 9), ("between", 15, 17)]


KARSUN = """= Battle of Karsun =

Infobox
- Conflict: Battle of Karsun
- Date: 28 December 2015 – 20 January 2016
- Combatant1: Syrian Arab Republic
- Combatant2: Free Karsun Front
- Casualties2: 130 killed (per SOHR)

The Battle of Karsun was fought between the Syrian Army and rebels of the Free Karsun Front (FKF) for control of the town of Karsun.

== Battle ==
On 28 December, the army launched an assault on Karsun from the south. Two days later, the army was 8 km from Karsun. In early January, rebels counter-attacked near the village of Tell Abyad, killing 12 soldiers. On 4 and 5 January, heavy shelling hit the town; according to SOHR, 20 civilians died. The next week, the town of Karsun fell to the army. The FKF denied this. In mid-January, rebels recaptured the village of Tell Abyad. Fighting continued until 20 January.
"""


def test_an_invented_article_in_other_words():
    from conflictkit.article import parse

    art = parse(KARSUN)
    dates = [(r.date_start.strftime("%Y-%m-%d"), r.date_end.strftime("%Y-%m-%d"), r.date_precision) for r in art.events.itertuples()]
    assert dates == [
        ("2015-12-28", "2015-12-28", "day"), ("2015-12-30", "2015-12-30", "day"), ("2016-01-01", "2016-01-10", "approx"),
        ("2016-01-04", "2016-01-05", "span"), ("2016-01-06", "2016-01-12", "approx"), ("2016-01-06", "2016-01-12", "approx"),
        ("2016-01-11", "2016-01-20", "approx"), ("2016-01-11", "2016-01-20", "span"),
    ]
    assert art.objective == "Karsun" and art.meta["initial_holder"] == 2
    assert [(r.km_low, r.reference) for r in art.front.itertuples()] == [(8.0, "Karsun")]
    assert [(r.place, r.side) for r in art.control.itertuples()] == [("Karsun", 1), ("Tell Abyad", 2)]
    assert [(r.claimant, r.stance, r.claim) for r in art.claims.itertuples()] == [
        ("SOHR", "asserts", "20 civilians died"),
        ("FKF", "denies", "The next week, the town of Karsun fell to the army"),
    ]
    text = art.casualties[art.casualties.origin == "text"]
    assert [(r.who, r.low, r.claimant) for r in text.itertuples()] == [("soldiers", 12, ""), ("civilians", 20, "SOHR")]
    assert text.side.tolist()[0] == 1


@pytest.mark.parametrize(
    "sentence, kind, time_of_day, days",
    [
        ("On the morning of 5 November, troops moved.", "on", "morning", (5, 5)),
        ("In the evening of 6 November, they left.", "on", "evening", (6, 6)),
        ("On the night of 20–21 November, they crossed.", "between", "night", (20, 21)),
        ("Early on 7 November, they attacked.", "on", "early", (7, 7)),
    ],
)
def test_parts_of_the_day(sentence, kind, time_of_day, days):
    (expr,) = find_time_expressions(sentence, (dt.date(2017, 10, 23), dt.date(2017, 12, 6)))
    assert (expr.kind, expr.time_of_day, expr.dates[0].start.day, expr.dates[-1].end.day) == (kind, time_of_day, *days)
    assert sentence.startswith(expr.text)


def test_weeks_months_and_years():
    from conflictkit.article import parse

    text = KARSUN.replace(
        "Fighting continued until 20 January.",
        "Later that month, the rebels regrouped. The following month, talks began. In 2014, the town had been quiet.",
    )
    art = parse(text)
    tail = [(r.date_start.strftime("%Y-%m-%d"), r.date_end.strftime("%Y-%m-%d"), r.date_precision) for r in art.events.itertuples()][-3:]
    assert tail == [("2016-01-21", "2016-01-31", "approx"), ("2016-02-01", "2016-02-29", "approx"), ("2014-01-01", "2014-12-31", "approx")]


def test_front_with_a_unit_conversion_in_brackets():
    from conflictkit.article import parse

    art = parse(KARSUN.replace("the army was 8 km from Karsun", "the army was 8 kilometres (5.0 mi) north of Karsun"))
    assert [(r.km_low, r.direction, r.reference) for r in art.front.itertuples()] == [(8.0, "north", "Karsun")]


@pytest.mark.parametrize(
    "starts_with, sides, actor",
    [
        # the Iraqi paramilitary attack *on* IS: IS is the object; the attackers are no combatant of the infobox
        ("Late that day, Iraqi paramilitary forces", "", "Iraqi paramilitary forces"),
        # SOHR confirming the government's capture: the claimant acts, and it has no side
        ("The next day, SOHR confirmed", "", "SOHR"),
        # the link-up: no actor named in the clause, so no side
        ("on 6 December the link-up came", "", "link-up"),
        # "capturing it": the subject of the clause before (Syrian Army forces)
        ("capturing it by 19 November", "1", "Syrian Army forces"),
        ("By 25 October, IS managed", "2", "IS"),
        ("over the next 48 hours", "", ""),  # "were killed": done to, not doing
        ("The military subsequently", "1", "military"),
        ("On 11 November, heavy airstrikes", "1", "Syrian government forces"),  # "in an effort by ..."
    ],
)
def test_events_act_by_their_subject(art, starts_with, sides, actor):
    row = event(art, starts_with)
    assert (row.sides, row.actor) == (sides, actor)


@pytest.mark.parametrize(
    "body, sides",
    [
        ("On 3 March, the Marsh Brigade attacked TLF positions near Kessel.", [""]),  # object's side is not the actor's
        ("On 3 March, TLF fighters attacked army positions near Kessel.", ["2"]),
        ("On 3 March, the monitor Veritas confirmed the army's capture of Kessel.", [""]),
        ("On 3 March, rebels stormed Kessel, seizing it by 5 March.", ["2", "2"]),
        ("On 3 March, 12 soldiers were killed near Kessel.", [""]),
        ("On 3 March, rebels were repelled by the army near Kessel.", ["1"]),
        ("On 3 March, the army withdrew and by the end of the day rebels entered Kessel.", ["1", "2"]),
        ("On 3 March, it became apparent that the army had left Kessel.", [""]),
    ],
)
def test_acting_side_on_invented_sentences(body, sides):
    assert invented(body).events.sides.tolist() == sides


def test_alias_table_says_who_is_called_what(art):
    aliases = {(r.alias, r.name): (None if pd.isna(r.side) else int(r.side), r.origin) for r in art.aliases.itertuples()}
    assert aliases[("IS", "Islamic State")] == (2, "text")  # "the Islamic State (IS)"
    assert aliases[("SOHR", "Syrian Observatory for Human Rights")] == (None, "known")  # a monitor, no side
    assert aliases[("PMF", "Popular Mobilization Forces")] == (None, "known")
    assert aliases[("Hezbollah", "Hezbollah")] == (1, "text")  # "the Syrian Army and Hezbollah reportedly managing"
    assert aliases[("the military", "Syrian Arab Armed Forces and allies")] == (1, "generic")
    # the PMF is not "Iraqi security forces", and Hezbollah is not Kata'ib Hezbollah
    assert not any(a == "PMF" and "security" in n for a, n in aliases)
    assert not any(a == "Hezbollah" and n != "Hezbollah" for a, n in aliases)


def test_the_city_is_the_objective(art):
    assert event(art, "On 17 November, Syrian Army forces stormed the city").places == "Abu Kamal"
    assert event(art, "By 28 November, the pocket").places == "Al-Quriyah"  # "the town of Al-Quriyah"


ACTORS = """= Battle of Ostrel =

Infobox
- Conflict: Battle of Ostrel
- Date: 2 March – 30 April 2019
- Combatant1: Chad
- Combatant2: Tarsk Liberation Front
- Units1: Karu Brigade, Lion Guard of Karu

The Battle of Ostrel was fought between Chad and the Tarsk Liberation Front (TLF) over the town of Ostrel. The Independent Casualty Monitor (ICM) counted the dead.

== Battle ==
On 3 March, the army and Sable Company stormed Ostrel. On 4 March, the Karu Militia attacked TLF positions. On 5 March, the military stormed the city again. On 6 March, ICM confirmed the capture of Ostrel.
"""


def test_actors_on_an_invented_article():
    from conflictkit.article import parse

    art = parse(ACTORS)
    aliases = {(r.alias, r.name): (None if pd.isna(r.side) else int(r.side), r.origin) for r in art.aliases.itertuples()}
    assert aliases[("TLF", "Tarsk Liberation Front")] == (2, "text")
    assert aliases[("ICM", "Independent Casualty Monitor")] == (None, "text")
    assert aliases[("Sable Company", "Sable Company")] == (1, "text")  # stands with "the army" (Chad, a bare country)
    # "Karu" is in two units' names: it names neither, so "the Karu Militia" gets no side
    assert art.events.sides.tolist() == ["1", "", "1", ""]
    assert art.events.places.tolist()[2] == "Ostrel"


def test_meanwhile_keeps_on_or_before_and_by_the_following_day_is_by(art):
    assert event(art, "Meanwhile, heavy fighting raged").date_qualifier == "by"  # after "By 25 October, ..."
    assert event(art, "were repelled back across the border by the following day").date_qualifier == "by"
    assert event(art, "The next day, an IS counter-attack").date_qualifier == "relative"


def test_actors_are_not_places(art):
    assert "Russia" not in event(art, "At the same time as the Iraqi cross-border attack").places.split("; ")
    assert "Russia" in event(art, "The next day, six Russian").places.split("; ")  # "air bases in Russia"


def test_strengths_told_in_the_text(art):
    text = art.strengths[art.strengths.origin == "text"]
    assert [(r.side, r.subject, r.low, r.high, r.vague) for r in text.itertuples()] == [(1, "Hezbollah", 200, 999, True)]
    assert (art.strengths[art.strengths.origin != "text"].origin == "infobox").all()
    for r in text.itertuples():
        assert art.text[r.start:r.end] == r.text


@pytest.mark.parametrize(
    "body, qualifiers",
    [
        ("By 4 March, rebels held Kessel. Meanwhile, the army shelled Ostra.", ["by", "by"]),
        ("On 4 March, rebels held Kessel. Meanwhile, the army shelled Ostra.", ["on", "relative"]),
        ("On 4 March, the army attacked Kessel, but was repelled by the following day.", ["on", "by"]),
        ("On 4 March, the army attacked Kessel. The following day, it withdrew.", ["on", "relative"]),
    ],
)
def test_qualifiers_on_invented_sentences(body, qualifiers):
    assert invented(body).events.date_qualifier.tolist() == qualifiers


def test_countries_as_actors_and_strengths_on_invented_sentences():
    art = invented(
        "On 4 March, Chad reportedly shelled the village of Kessel from bases in Chad. "
        "On 5 March, the TLF, which had about 800 fighters in the town, attacked Ostra. "
        "On 6 March, the army deployed 2,000 troops near Veloria."
    )
    assert [p.split("; ") for p in art.events.places][0] == ["Kessel", "Chad"]
    text = art.strengths[art.strengths.origin == "text"]
    assert [(r.side, r.subject, r.low, r.approx) for r in text.itertuples()] == [(2, "TLF", 800, True), (1, "the army", 2000, False)]


@pytest.mark.parametrize(
    "body, expected",
    [
        # a pronoun subject after a fronted date stands for the subject earlier in the sentence
        ("On 3 March, the army launched a push near Kessel, and by 9 March its troops had seized the village of Dobro.",
         [("Dobro", 1, "capture", "full", None, False, False)]),
        # ... or for the sentence before
        ("On 3 March, the TLF attacked near Kessel. By 9 March its fighters had retaken the village of Dobro.",
         [("Dobro", 2, "recapture", "full", None, False, False)]),
    ],
)
def test_pronoun_subjects_on_invented_sentences(body, expected):
    assert [row[1:] for row in control_rows(invented(body).control)] == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        ("On 3 March, the army seized the village of Dobro and the nearby hilltop of Tal Vessa.",
         [("Dobro", 1, "capture", "full", None, False, False), ("Tal Vessa", 1, "capture", "full", None, False, False)]),
        # "The town ... until it was recaptured by": the town is the objective
        ("On 3 March, the TLF held out. The town remained under TLF control until it was recaptured by the army on 9 April.",
         [("Veloria", 1, "recapture", "full", None, False, False)]),
    ],
)
def test_listed_places_and_the_town_on_invented_sentences(body, expected):
    assert [row[1:] for row in control_rows(invented(body).control)] == expected


def _all_seed_sentences():
    from pathlib import Path

    from conflictkit.seed import decode, parse_document

    root = Path(__file__).resolve().parents[1]
    files = sorted([*root.glob("seeds/*.txt"), *root.glob("tests/seeds/*.txt"), *root.glob("tests/seeds/shapes/*.txt")])
    assert files
    texts = [s.text for f in files for s in parse_document(decode(f.read_bytes(), f), f).sentences]
    # phrases each word list must let through, whatever the seeds say
    return texts + [
        "Then the army retook Foo, seized Bar and overran Baz.", "IS fighters broke into the town; troops pulled out of it.",
        "The next morning, SOHR reported 5 dead; three days later the army acknowledged 11 deaths.",
        "At that point, 40 people fled, and by then 20 were taken prisoner.", "Rebels withdrew from Foo and abandoned Bar.", "Foo fell to IS, falling into the hands of the militants.",
        "Fighting resumed in mid-2015 and again in early June.", "The militia, which had sent some 300 militiamen, held.",
    ]


def test_word_prefilters_never_hide_a_match():
    """A sentence is scanned with a case-free pattern only when it holds one of the words every
    match holds (chronology._TWINS_WORDS, _RELATIVE_WORDS): on every seed sentence, the
    prefiltered lowercase scan finds exactly what the pattern finds on the text as written; a
    sentence without a digit or a month's letters holds no date, one without a counted noun no
    strength."""
    from conflictkit import chronology as c
    from conflictkit.actors import Lexicon
    from conflictkit.dates import find_dates

    lexicon = Lexicon((), {}, None, None)
    checked = 0
    for text in _all_seed_sentences():
        reading = c._Reading.of(text, lexicon)
        for pattern in c._TWINS_WORDS:
            assert [m.span() for m in reading.finditer(pattern)] == [m.span() for m in pattern.finditer(text)], (pattern, text)
            for match in pattern.finditer(text):  # each match holds one of the words itself
                assert any(word in match.group(0).lower() for word in c._TWINS_WORDS[pattern]), match.group(0)
                checked += 1
        for pattern, words in c._CASED_WORDS.items():
            assert [m.span() for m in reading.finditer(pattern)] == [m.span() for m in pattern.finditer(text)], (pattern, text)
            assert all(any(w in m.group(0) for w in words) for m in pattern.finditer(text)), text
        for match in c._RELATIVE_RE.finditer(text):  # every relative time holds one of the words
            assert any(word in match.group(0).lower() for word in c._RELATIVE_WORDS), match.group(0)
        if not c._MAY_HOLD_A_DATE.search(text.lower()):  # skipped by find_time_expressions
            assert find_dates(text, (dt.date(2017, 1, 1), dt.date(2017, 12, 31))) == [], text
        if not c._STRENGTH_NOUN.search(text):  # skipped by _text_strengths
            assert c._STRENGTH.search(text) is None, text
    assert checked > 20  # the patterns did match somewhere: the check compared something
