"""The infobox, typed, on the bundled seed and on invented values."""

import conflictkit
import pandas as pd
import pytest
from conflictkit.infobox import parse_infobox, split_items
from conflictkit.seed import parse_document


@pytest.fixture(scope="module")
def art():
    return conflictkit.load()


def rows(df, *columns):
    return [tuple(None if pd.isna(v) else v for v in r) for r in df[list(columns)].itertuples(index=False)]


def test_sides(art):
    assert rows(art.sides, "side", "combatant") == [
        (1, "Syrian Arab Armed Forces"), (1, "Russian Aerospace Forces"), (1, "IRGC"), (2, "Islamic State"),
    ]


def test_commanders_rank_fate_qualifier_role(art):
    assert rows(art.commanders, "side", "name", "rank", "fate", "qualifier", "role") == [
        (1, "Suheil al-Hassan", "Maj. Gen.", "", "", ""),
        (1, "Qasem Soleimani", "Maj. Gen.", "", "", ""),
        (2, "Abu Bakr al-Baghdadi", "", "", "possibly", ""),
        (2, "Abu Ruqayya al-Ansari", "", "", "", ""),
        (2, "Hani Al-Thalji", "", "KIA", "", "field commander"),
        (2, "Abu Munzer Al-Shishani", "", "KIA", "", "field commander"),
        (2, "Abu Mohammad Al-Safi", "", "KIA", "", "field commander"),
    ]


def test_units_form_a_tree(art):
    tree = rows(art.units, "unit", "parent", "depth")
    assert tree[:3] == [("Republican Guard", "", 0), ("124th Brigade", "Republican Guard", 1), ("125th Brigade", "Republican Guard", 1)]
    assert ("42nd Brigade", "4th Armoured Division", 1) in tree
    assert ("12th Mechanized Brigade", "Harakat Hezbollah al-Nujaba", 1) in tree
    assert ("Kafeel Zaynab Brigade", "Asa'ib Ahl al-Haq", 1) in tree
    special = art.units[art.units.unit == "Russian special operations forces"].iloc[0]
    assert special.note == "non combat role"
    assert not art.units.unit.str.contains(r"px|\*|\(").any()
    assert rows(art.units[art.units.side == 2], "unit") == [("Military of the Islamic State",)]


def test_strengths_are_intervals_linked_to_units(art):
    infobox_rows = art.strengths[art.strengths["origin"] == "infobox"]  # text strengths are tested in test_chronology
    assert rows(infobox_rows, "side", "subject", "unit", "low", "high", "open_upper") == [
        (1, "Lebanese, Iraqi, Afghan and Palestinian fighters", "", 8000.0, 8000.0, False),
        (1, "Tiger Forces", "Tiger Forces", 450.0, 450.0, False),
        (1, "Republican Guard's 124th Brigade", "124th Brigade", 300.0, 300.0, False),
        (1, "4th Division's 42nd Brigade", "42nd Brigade", 300.0, 300.0, False),
        (2, "", "", 5000.0, None, True),
    ]


def test_infobox_casualties(art):
    box = art.casualties[art.casualties.origin == "infobox"]
    assert rows(box, "side", "who", "category", "civilian", "low", "high", "open_upper") == [
        (1, "", "killed", False, 376.0, None, True),
        (2, "", "killed", False, 352.0, None, True),
        (None, "civilians", "killed", True, 269.0, 269.0, False),
    ]
    assert set(box.date_start.dt.strftime("%Y-%m-%d")) == {"2017-10-23"}


def test_article_meta(art):
    meta = art.meta
    assert (meta["date_start"], meta["date_end"], meta["duration_days"]) == ("2017-10-23", "2017-12-06", 45)
    assert meta["part_of"] == ["Eastern Syria campaign", "Russian military intervention in the Syrian civil war"]
    assert meta["result"] == "Decisive Syrian Army and allies victory"
    assert meta["objective"] == "Abu Kamal"
    assert meta["see_also"][0] == "2014 Eastern Syria offensive"
    assert meta["unparsed"] == []
    assert len(art.infobox) == 17 and art.infobox.field.tolist()[-1] == "Casualties3"


def infobox_of(lines: str):
    text = "= T =\nInfobox\n" + lines + "\n\nProse.\n"
    doc = parse_document(text)
    return parse_infobox(doc.infobox, text), text


def test_split_items_respects_parentheses_and_thousands():
    value = "A (x, y), 8,000 men, ' , , 16px B, *C"
    items, problems = split_items(value, 10, 1, 0)
    assert [(i.text, i.depth) for i in items] == [("A (x, y)", 0), ("8,000 men", 0), ("B", 0), ("C", 1)]
    assert problems == []


def test_unclosed_parenthesis_is_read_to_the_end_and_reported():
    box, _ = infobox_of("- Commander1: Ali Hassan (possi")
    assert [c.name for c in box.commanders] == ["Ali Hassan"]
    assert box.unparsed[0].reason.startswith("unclosed parenthesis")
    assert (box.unparsed[0].line, box.unparsed[0].column) == (3, 26)


def test_three_sides_supported_by_and_deep_units():
    box, _ = infobox_of(
        "- Combatant1: Republic of Arland, Supported by:, Kingdom of Beron\n"
        "- Combatant2: Free Arland Front\n- Combatant3: Coastal Militia\n"
        "- Units1: 1st Corps, *2nd Division, ** 3rd Brigade, *** 4th Battalion, 20px 5th Corps"
    )
    assert [(s.side, s.combatant, s.role) for s in box.sides] == [
        (1, "Republic of Arland", ""), (1, "Kingdom of Beron", "Supported by"), (2, "Free Arland Front", ""), (3, "Coastal Militia", ""),
    ]
    assert [(u.unit, u.parent, u.depth) for u in box.units] == [
        ("1st Corps", "", 0), ("2nd Division", "1st Corps", 1), ("3rd Brigade", "2nd Division", 2),
        ("4th Battalion", "3rd Brigade", 3), ("5th Corps", "", 0),
    ]


def test_casualty_claimants_and_windows():
    box, _ = infobox_of(
        "- Date: 1 March – 30 April 2016\n"
        "- Casualties1: 120–150 killed (per SOHR), 300+ killed (Army claim; 3 Mar. – 9 Mar.), 40 captured\n"
        "- Casualties2: Unknown"
    )
    c = [(r.side, r.category, r.low, r.high, r.open_upper, r.claimant, str(r.date_start), str(r.date_end)) for r in box.casualties]
    assert c == [
        (1, "killed", 120, 150, False, "SOHR", "2016-03-01", "2016-04-30"),
        (1, "killed", 300, None, True, "Army", "2016-03-03", "2016-03-09"),
        (1, "captured", 40, 40, False, "", "2016-03-01", "2016-04-30"),
        (2, "", None, None, False, "", "2016-03-01", "2016-04-30"),
    ]


def test_unknown_strength_is_kept_without_a_number():
    box, _ = infobox_of("- Strength1: Unknown\n- Strength2: 2,000–3,000")
    assert [(s.side, s.low, s.high, s.note) for s in box.strengths] == [(1, None, None, "unknown"), (2, 2000, 3000, "")]


def test_split_items_at_a_rule_blanks_footnotes_and_keeps_placeholders():
    value = "Syria[1], , Allied militias:, Hezbollah ---- CJTF–OIR, ** , *** 9th Division"
    items, problems = split_items(value, 100, 3, 90)
    assert [(i.text.strip(), i.depth, i.after_rule, i.placeholder) for i in items] == [
        ("Syria", 0, False, False), ("Allied militias:", 0, False, False), ("Hezbollah", 0, False, False),
        ("CJTF–OIR", 0, True, False), ("", 2, False, True), ("9th Division", 3, False, False),
    ]
    assert problems == []


def box_of(*lines):
    text = "= T =\n\nInfobox\n" + "\n".join(lines) + "\n"
    return parse_infobox(parse_document(text).infobox, text)


def test_fates_glued_after_quotes_several_fates_and_a_fate_without_a_name():
    box = box_of('- Commander2: Nadim Sultan "Abu Ghanem"KIA, (), Mikhail Petrosyan (WIA) (POW), 23px KIA, Ivo Dask (alias "Ibn Dask")')
    assert [(c.name, c.fate) for c in box.commanders] == [
        ('Nadim Sultan "Abu Ghanem"', "KIA"), ("Mikhail Petrosyan", "WIA; POW"), ('Ivo Dask "Ibn Dask"', ""),
    ]
    assert [p.reason.split(":")[0] for p in box.unparsed] == ["a fate (KIA) with no name"]


def test_merged_commanders_split_before_a_rank_or_after_a_role():
    box = box_of("- Commander1: Haider Dahlan Gen. Fares Wahbi, General Mahmud Ajran (Army Commander) Sulaiman Musa")
    assert [(c.rank, c.name, c.role) for c in box.commanders] == [
        ("", "Haider Dahlan", ""), ("Gen.", "Fares Wahbi", ""), ("General", "Mahmud Ajran", "Army Commander"),
        ("", "Sulaiman Musa", ""),
    ]


def test_unit_placeholders_are_reported_and_skipped():
    box = box_of("- Units1: Army, * 1st Corps, ** , *** 9th Division, **** 2nd Battalion")
    assert [(u.unit, u.parent, u.depth) for u in box.units] == [
        ("Army", "", 0), ("1st Corps", "Army", 1), ("9th Division", "1st Corps", 3), ("2nd Battalion", "9th Division", 4),
    ]
    assert [p.text for p in box.unparsed] == ["**"]


def test_stray_combatant_and_shared_casualty_row():
    box = box_of("- Combatant1: Mali", "- Combatant2: '", "- Casualties3: 20 killed, 3,000 displaced")
    assert [(s.side, s.combatant) for s in box.sides] == [(1, "Mali")]
    assert "Combatant2 names no combatant" in box.unparsed[0].reason
    assert [(c.side, c.category, c.civilian) for c in box.casualties] == [(None, "killed", False), (None, "displaced", False)]


def test_notes_standing_alone_attach_to_the_figure_before():
    box = box_of("- Date: 1 May – 30 June 2015", "- Strength2: 15,000–17,000 , (Drava claim)",
                     "- Casualties2: 560 captured, (according to the Front), 380 killed, (14–17 May)")
    assert [(s.low, s.note) for s in box.strengths] == [(15000.0, "Drava claim")]
    assert [(c.low, c.claimant, str(c.date_start), str(c.date_end)) for c in box.casualties] == [
        (560.0, "Front", "2015-05-01", "2015-06-30"), (380.0, "", "2015-05-14", "2015-05-17"),
    ]


def test_killed_and_wounded_together_is_not_a_death_toll():
    box = box_of("- Casualties2: 1,000+ killed and wounded (per the ministry), 20 killed")
    assert [(c.category, c.low) for c in box.casualties] == [("killed or wounded", 1000.0), ("killed", 20.0)]
