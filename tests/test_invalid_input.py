"""Bad input: every way a seed can be wrong gives one positioned message, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import conflictkit
import pandas as pd
import pytest
from conflictkit.article import parse
from conflictkit.seed import decode

ROOT = Path(__file__).resolve().parents[1]
SEED_PATH = ROOT / "seeds" / "2017_abu_kamal_offensive.txt"
SEED = SEED_PATH.read_text(encoding="utf-8")


def write(tmp_path: Path, data: bytes | str, name: str = "bad.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def load_error(path: Path) -> conflictkit.SeedError:
    with pytest.raises(conflictkit.SeedError) as caught:
        conflictkit.load(path)
    error = caught.value
    assert isinstance(error, ValueError)
    assert str(error) == f"{path}:{error.line}:{error.column}: {error.message}"
    return error


def same_tables(a: conflictkit.Article, b: conflictkit.Article) -> None:
    """Equal tables and meta (apart from the file name the seed was read from)."""
    assert {**a.meta, "source": None} == {**b.meta, "source": None}
    assert {**a.meta["source"], "file": None} == {**b.meta["source"], "file": None}
    for name in a.tables:
        pd.testing.assert_frame_equal(a.tables[name], b.tables[name], obj=name)


# --------------------------------------------------------------------------- not a seed


@pytest.mark.parametrize("data", [b"", b"\n", b"  \n\t\n\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n"], ids=["empty", "newline", "whitespace", "bom-only", "bom-whitespace"])
def test_empty_or_blank_file(tmp_path, data):
    error = load_error(write(tmp_path, data))
    assert (error.line, error.column) == (1, 1)
    assert "empty" in error.message


def test_no_title_names_the_first_line(tmp_path):
    error = load_error(write(tmp_path, "\n\n  The offensive began on 5 May.\n"))
    assert (error.line, error.column) == (3, 3)
    assert "title" in error.message


def test_a_heading_is_not_a_title(tmp_path):
    error = load_error(write(tmp_path, "== The offensive ==\nOn 5 May, it began.\n"))
    assert (error.line, error.column) == (1, 1)


def test_title_only(tmp_path):
    article = conflictkit.load(write(tmp_path, "= Only a title ="))
    assert article.title == "Only a title" and article.slug == "only-a-title"
    assert article.lines.to_dict("records") == [{"line": 1, "kind": "title"}]
    for name in ("infobox", "sides", "commanders", "units", "strengths", "casualties", "events", "front", "control", "claims", "unparsed"):
        assert article.tables[name].empty, name
    assert article.meta["date_start"] is None and pd.isna(article.date_start)


# --------------------------------------------------------------------------- encodings


def test_non_utf8_byte_names_line_and_column(tmp_path):
    error = load_error(write(tmp_path, b"= T =\n\nInfobox\n- Place: X\xffY\n"))
    assert (error.line, error.column) == (4, 11)
    assert "UTF-8" in error.message and "0xff" in error.message


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"], ids=["crlf", "cr"])
def test_non_utf8_position_counts_any_line_end(tmp_path, ending):
    data = ending.join([b"= T =", b"", b"Infobox", b"- Place: \xc3\xa9X\xe9Y"])
    error = load_error(write(tmp_path, data))
    assert (error.line, error.column) == (4, 12)  # "é" is one column


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 4, b"\xff\xfe= \x00T\x00 \x00=\x00", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\x00" * 64],
    ids=["all-bytes", "utf-16", "png", "nul-bytes"],
)
def test_binary_files_are_a_positioned_error(tmp_path, data):
    error = load_error(write(tmp_path, data))
    assert error.line >= 1 and error.column >= 1


def test_bom_is_dropped_and_changes_nothing(tmp_path):
    article = conflictkit.load(write(tmp_path, b"\xef\xbb\xbf" + SEED.encode("utf-8")))
    assert article.text == SEED
    same_tables(article, parse(SEED))


def test_crlf_changes_nothing(tmp_path):
    article = conflictkit.load(write(tmp_path, SEED.replace("\n", "\r\n").encode("utf-8")))
    assert article.text == SEED
    same_tables(article, parse(SEED))


def test_tabs_are_whitespace(tmp_path):
    text = (
        SEED.replace("- Combatant1: ", "-\tCombatant1:\t")
        .replace("== The offensive ==", "==\tThe offensive\t==")
        .replace("\nOn 23 October,", "\n\tOn 23 October,")
    )
    article = conflictkit.load(write(tmp_path, text))
    assert article.sides.combatant.tolist()[:3] == ["Syrian Arab Armed Forces", "Russian Aerospace Forces", "IRGC"]
    assert article.meta["sections"][0] == "The offensive"
    assert article.events.text.iloc[0].startswith("On 23 October")
    assert article.unparsed.empty


# --------------------------------------------------------------------------- misplaced lines


def test_key_value_line_in_the_middle_of_prose_is_not_infobox(tmp_path):
    lines = SEED.split("\n")
    at = lines.index("=== First attack on the city ===") + 2
    lines.insert(at, "- Strength3: 999 fighters")
    article = conflictkit.load(write(tmp_path, "\n".join(lines)))
    assert "Strength3" not in set(article.infobox.field)
    assert 3 not in set(article.strengths.side.dropna())
    kind = article.lines.set_index("line").loc[at + 1, "kind"]
    assert kind in ("paragraph", "unparsed")
    assert len(article.infobox) == 17


def test_infobox_line_without_a_colon_is_reported_and_the_rest_is_read(tmp_path):
    article = conflictkit.load(write(tmp_path, SEED.replace("- Place: Deir", "- Place Deir")))
    assert article.unparsed.to_dict("records") == [
        {"line": 7, "column": 1, "text": "- Place Deir ez-Zor Governorate, Syria", "reason": "infobox line is not '- Key: value'"}
    ]
    assert article.meta["unparsed"][0]["line"] == 7
    assert article.lines.set_index("line").loc[7, "kind"] == "unparsed"
    assert len(article.infobox) == 16 and article.meta["place"] == ""
    assert article.meta["result"] == "Decisive Syrian Army and allies victory"  # the line after it


def test_infobox_line_without_a_dash(tmp_path):
    article = conflictkit.load(write(tmp_path, SEED.replace("- Combatant2: Islamic State", "Combatant2 Islamic State")))
    assert article.unparsed[["line", "column"]].values.tolist() == [[11, 1]]
    assert 2 not in set(article.sides.side)


def test_unclosed_parenthesis_is_reported_with_its_column(tmp_path):
    article = conflictkit.load(write(tmp_path, SEED.replace("Abu Bakr al-Baghdadi (possibly)", "Abu Bakr al-Baghdadi (possibly")))
    # "Abu Ruqayya ..." and the rest of the line are read as inside the parenthesis
    row = article.unparsed.iloc[0]
    assert (row.line, row.column) == (13, 36) and row.text.startswith("(possibly, Abu Ruqayya")
    assert article.commanders[article.commanders.side == 2].name.iloc[0] == "Abu Bakr al-Baghdadi"


# --------------------------------------------------------------------------- wrong paths and types


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.txt"
    with pytest.raises(conflictkit.SeedError) as caught:
        conflictkit.load(path)
    assert str(path) in str(caught.value) and "no such file" in str(caught.value)


def test_exported_folder_loads():
    article = conflictkit.load(ROOT / "data" / "2017-abu-kamal-offensive")
    assert article.title == "2017 Abu Kamal offensive"


def test_a_directory_that_is_not_an_export(tmp_path):
    with pytest.raises(conflictkit.SeedError):
        conflictkit.load(tmp_path)


@pytest.mark.parametrize("argument", [123, 1.5, b"seeds/x.txt", ["seeds/x.txt"], object()], ids=["int", "float", "bytes", "list", "object"])
def test_load_wrong_type_says_how_to_call_it(argument):
    with pytest.raises(TypeError, match=r"str or os\.PathLike.*load\('seeds/x\.txt'\)"):
        conflictkit.load(argument)


@pytest.mark.parametrize("argument", [SEED.encode("utf-8"), None, 42, Path("seeds/x.txt")], ids=["bytes", "none", "int", "path"])
def test_parse_wrong_type_says_what_it_needs(argument):
    with pytest.raises(TypeError, match=r"must be a str"):
        parse(argument)


def test_decode_then_parse_is_how_bytes_are_read():
    assert parse(decode(SEED.encode("utf-8"))).title == "2017 Abu Kamal offensive"


def test_export_wrong_type(tmp_path):
    with pytest.raises(TypeError):
        conflictkit.export("seeds/x.txt", tmp_path / "out")


# --------------------------------------------------------------------------- the command line


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "conflictkit", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )


BAD = {
    "empty": (b"", 1, 1),
    "no-title": (b"On 5 May it began.\n", 1, 1),
    "not-utf8": (b"= T =\n\nInfobox\n- Place: X\xffY\n", 4, 11),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_cli_check_bad_seed_prints_one_line_and_exits_2(tmp_path, name):
    data, line, column = BAD[name]
    path = write(tmp_path, data)
    result = run_cli("check", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert f"{path}:{line}:{column}: " in result.stderr


def test_cli_message_starts_with_the_position(tmp_path):
    path = write(tmp_path, b"= T =\n\nInfobox\n- Place: X\xffY\n")
    result = run_cli("check", str(path))
    assert result.stderr.startswith(f"{path}:4:11: ")


@pytest.mark.parametrize("target", ["missing", "directory"])
def test_cli_bad_path_prints_one_line_and_exits_2(tmp_path, target):
    path = tmp_path / "nowhere.txt" if target == "missing" else tmp_path
    result = run_cli("check", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_cli_check_good_seed():
    result = run_cli("check", str(ROOT / "tests" / "seeds" / "truncated_infobox.txt"))
    assert result.returncode == 0 and result.stderr == ""
    assert "unclosed parenthesis" in result.stdout
