"""The document layer: title, infobox lines, headings, sentences, and the seed's bytes."""

import hashlib
from pathlib import Path

import pytest
from conflictkit import SeedError
from conflictkit.seed import decode, parse_document, split_sentences

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "2017_abu_kamal_offensive.txt"
SHARED = ROOT.parent / "shared" / "seeds" / "000_5851eff4bc42fc0b.txt"
SEED_SHA256 = "0e0c04f53f465c9a0a6d25523a3be0bf088dbf2b51463186d4cf99eeeef18d80"


def test_bundled_seed_is_byte_for_byte_the_supplied_article():
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256
    if SHARED.exists():
        assert SEED.read_bytes() == SHARED.read_bytes()


@pytest.fixture(scope="module")
def doc():
    return parse_document(decode(SEED.read_bytes()), SEED)


def test_title_infobox_and_headings(doc):
    assert doc.title == "2017 Abu Kamal offensive"
    assert [line.key for line in doc.infobox][:3] == ["Conflict", "Partof", "Date"]
    assert len(doc.infobox) == 17
    assert [(h.level, h.title) for h in doc.headings] == [
        (2, "The offensive"), (3, "Advance to the border"), (3, "First attack on the city"),
        (3, "Second attack on the city"), (2, "See also"),
    ]
    assert [item.text for item in doc.list_items][-1] == "2017 Mayadin offensive"


def test_every_piece_slices_back_to_its_text(doc):
    for line in doc.infobox:
        assert doc.text[line.start:line.end] == line.value
    for sentence in doc.sentences:
        assert doc.text[sentence.start:sentence.end] == sentence.text
    for item in doc.list_items:
        assert doc.text[item.start:item.end] == item.text


def test_every_non_blank_line_is_accounted_for(doc):
    non_blank = [n for n, line in enumerate(doc.text.split("\n"), 1) if line.strip()]
    assert [use.line for use in doc.ledger] == non_blank


def test_sentences_carry_their_sections(doc):
    first = next(s for s in doc.sentences if s.text.startswith("On 23 October"))
    assert (first.section, first.phase, first.line) == ("The offensive", "Advance to the border", 28)
    lead = doc.sentences[0]
    assert (lead.section, lead.phase) == ("", "")
    assert len(doc.sentences) == 45


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Maj. Gen. Suheil al-Hassan led it. Then it ended.", ["Maj. Gen. Suheil al-Hassan led it.", "Then it ended."]),
        ("Forces of the U.S. arrived. They left.", ["Forces of the U.S. arrived.", "They left."]),
        ("It said: ″Go now.″ The army went.", ["It said: ″Go now.″", "The army went."]),
        ("On 5 Dec. the town fell. Next.", ["On 5 Dec. the town fell.", "Next."]),
        ("No full stop at the end", ["No full stop at the end"]),
    ],
)
def test_sentence_splitting(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_decode_normalises_bom_and_line_ends():
    assert decode(b"\xef\xbb\xbf= T =\r\nx\ry\n") == "= T =\nx\ny\n"


def test_decode_reports_the_position_of_a_bad_byte():
    with pytest.raises(SeedError) as caught:
        decode("= T =\nab\xff".encode("latin-1"), Path("x.txt"))
    assert (caught.value.line, caught.value.column) == (2, 3)
    assert str(caught.value).startswith("x.txt:2:3: not UTF-8")


def test_missing_infobox_marker_still_reads_the_infobox():
    doc = parse_document("= T =\n\n- Date: 4–17 October 2017\n- Combatant1: A\n\nProse here.\n")
    assert [line.key for line in doc.infobox] == ["Date", "Combatant1"]
    assert [use.kind for use in doc.ledger] == ["title", "infobox", "infobox", "paragraph"]


def test_a_bad_infobox_line_goes_to_unparsed_with_its_reason():
    doc = parse_document("= T =\nInfobox\n- Date: 2017\nnot a field\n\nProse.\n")
    assert [(u.line, u.reason) for u in doc.unparsed] == [(4, "infobox line is not '- Key: value'")]


@pytest.mark.parametrize("caption", ["Iraqi Army", "Annex|Until the Republic's annexation on 30 September 2022"])
def test_a_caption_where_the_marker_stands_keeps_the_infobox(caption):
    doc = parse_document(f"= Battle of X =\n\n{caption}\n- Conflict: Battle of X\n- Date: 1–5 May 2016\n\nOn 1 May, troops attacked.\n")
    assert [(i.key, i.value) for i in doc.infobox] == [("Conflict", "Battle of X"), ("Date", "1–5 May 2016")]
    assert [(u.line, u.text) for u in doc.unparsed] == [(3, caption)]
    assert "caption" in doc.unparsed[0].reason
    assert [s.text for s in doc.sentences] == ["On 1 May, troops attacked."]


def test_a_lead_sentence_is_not_a_caption():
    doc = parse_document("= Battle of X =\n\nThe battle was fought.\n- Conflict: Battle of X\n")
    assert doc.infobox == () and doc.unparsed == ()


def test_a_caption_before_the_marker_keeps_the_infobox():
    doc = parse_document("= Battle of X =\n\nMap of the battle\nInfobox\n- Date: 1–5 May 2016\n\nOn 1 May, troops attacked.\n")
    assert [(i.key, i.value) for i in doc.infobox] == [("Date", "1–5 May 2016")]
    assert [(u.line, u.text) for u in doc.unparsed] == [(3, "Map of the battle")]
