"""The public API, the export round trip, the committed data, and the CLI."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import conflictkit
import pandas as pd
import pytest
from conflictkit import frames

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def art():
    return conflictkit.load()


def test_public_surface():
    assert set(conflictkit.__all__) >= {"load", "Article", "SeedError", "seeds"}
    assert issubclass(conflictkit.SeedError, ValueError)
    assert [p.name for p in conflictkit.seeds()][0] == "2017_abu_kamal_offensive.txt"


def test_every_table_has_the_contract_columns(art):
    contract = {
        "sides": ["side", "combatant", "line", "start", "end", "role"],
        "commanders": ["side", "name", "rank", "fate", "qualifier", "role", "line", "start", "end"],
        "units": ["side", "unit", "parent", "depth", "note", "line", "start", "end"],
        "strengths": ["side", "subject", "unit", "low", "high", "open_upper", "text", "line", "start", "end"],
        "casualties": ["origin", "side", "who", "category", "civilian", "low", "high", "open_upper", "date_start",
                       "date_end", "claimant", "event_id", "text", "line", "start", "end"],
        "events": ["event_id", "date_start", "date_end", "date_precision", "time_of_day", "phase", "text",
                   "sentence", "places", "sides", "line", "start", "end"],
        "front": ["date", "km_low", "km_high", "reference", "relation", "event_id", "text", "line"],
        "control": ["date", "place", "side", "controller", "event_id", "text", "line"],
        "claims": ["date", "claimant", "claim", "stance", "event_id", "text", "line"],
        "places": ["place", "mentions", "first_date", "last_date", "name", "aliases", "lat", "lon", "kind",
                   "country", "precision", "source"],
        "infobox": ["field", "value", "line"],
    }
    for table, columns in contract.items():
        missing = set(columns) - set(art.tables[table].columns)
        assert not missing, (table, missing)
    for key in ["title", "slug", "date_start", "date_end", "duration_days", "place", "result", "territory",
                "part_of", "sections", "see_also", "objective", "source", "unparsed"]:
        assert key in art.meta


def test_every_row_slices_back_to_its_text(art):
    checked = 0
    for name, df in art.tables.items():
        if {"start", "end", "text"} <= set(df.columns):
            for row in df.itertuples():
                assert art.text[row.start:row.end] == row.text, (name, row)
                checked += 1
    assert checked > 100


def test_every_non_blank_line_is_in_a_table_or_unparsed(art):
    lines = art.text.split("\n")
    non_blank = {n for n, line in enumerate(lines, 1) if line.strip()}
    assert set(art.lines.line) == non_blank
    assert set(art.lines[art.lines.kind == "unparsed"].line) <= set(art.unparsed.line)


def test_export_then_load_gives_equal_tables(art, tmp_path):
    folder = conflictkit.export(art, tmp_path / "out")
    again = conflictkit.load(folder)
    for name in frames.TABLES:
        pd.testing.assert_frame_equal(art.tables[name], again.tables[name], obj=name)
    assert json.loads(json.dumps(art.meta)) == again.meta


def test_committed_data_is_fresh(tmp_path):
    """data/<slug>/ must be what `make data` writes now."""
    for seed in conflictkit.seeds():
        article = conflictkit.load(seed)
        fresh = conflictkit.export(article, tmp_path / article.slug)
        committed = ROOT / "data" / article.slug
        assert committed.is_dir(), f"run `make data`: {committed} is missing"
        for path in sorted(fresh.iterdir()):
            assert (committed / path.name).read_bytes() == path.read_bytes(), f"stale {committed / path.name}: run `make data`"


def test_wrong_argument_type_says_how_to_call():
    with pytest.raises(TypeError, match="load\\(path\\)"):
        conflictkit.load(42)  # type: ignore[arg-type]


def test_environment_variable_picks_the_seed(tmp_path, monkeypatch):
    seed = tmp_path / "s.txt"
    seed.write_text("= Battle of Testville =\n\nInfobox\n- Date: 4–17 October 2017\n\nOn 5 October, it began.\n", encoding="utf-8")
    monkeypatch.setenv("CONFLICTKIT_SEED", str(seed))
    article = conflictkit.load()
    assert article.title == "Battle of Testville"
    assert article.events.date_start.dt.strftime("%Y-%m-%d").tolist() == ["2017-10-05"]
    assert article.objective == "Testville"


def run_cli(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "lib"))
    return subprocess.run([sys.executable, "-m", "conflictkit", *args], capture_output=True, text=True, env=env, cwd=ROOT)


def test_cli_check_and_export(tmp_path):
    checked = run_cli("check", "seeds/2017_abu_kamal_offensive.txt")
    assert checked.returncode == 0
    assert "every line was understood" in checked.stdout
    exported = run_cli("export", "seeds/2017_abu_kamal_offensive.txt", "--out", str(tmp_path / "x"))
    assert exported.returncode == 0
    assert (tmp_path / "x" / "events.csv").exists()


def test_cli_bad_seed_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("no title here\n", encoding="utf-8")
    result = run_cli("check", str(bad))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert f"{bad}:1:1:" in result.stderr
    assert "Traceback" not in result.stderr


def test_loading_data_does_not_import_plotly_or_ipywidgets():
    code = "import sys, conflictkit; conflictkit.load(); print(any(m.split('.')[0] in ('plotly', 'ipywidgets') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "False", result.stderr


def test_the_suite_never_touches_the_users_cache():
    """tests/conftest.py points the parse cache, HOME and XDG_CACHE_HOME into a temporary folder."""
    from conflictkit.article import _cache_dir

    folder = _cache_dir()
    assert folder is not None
    assert "conflictkit-tests-" in str(folder), folder
    assert "CONFLICTKIT_SEED" not in os.environ and "CONFLICTKIT_SEEDS" not in os.environ


def test_a_changed_seed_variable_does_not_reach_the_next_test_part_1():
    os.environ["CONFLICTKIT_SEED"] = "/nonexistent/seed.txt"  # leaked on purpose: the isolation must undo it


def test_a_changed_seed_variable_does_not_reach_the_next_test_part_2():
    assert "CONFLICTKIT_SEED" not in os.environ
    assert conflictkit.load().title == "2017 Abu Kamal offensive"


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def test_the_parse_cache_is_data_equal_to_a_fresh_parse_and_holds_no_path(tmp_path, monkeypatch):
    """JSON, not pickle: nothing read from the cache can run code; and no path in it."""
    from conflictkit.article import parse

    monkeypatch.setenv("CONFLICTKIT_CACHE", str(tmp_path / "cache"))
    seed = ROOT / "seeds" / "2017_abu_kamal_offensive.txt"
    here, there = tmp_path / "a" / "first.txt", tmp_path / "b" / "second.txt"
    for copy in (here, there):
        copy.parent.mkdir()
        copy.write_bytes(seed.read_bytes())
    first = conflictkit.load(here)  # parses and writes the cache
    (entry,) = _cache_files(tmp_path / "cache")
    payload = entry.read_text(encoding="utf-8")
    json.loads(payload)
    assert str(tmp_path) not in payload and "first.txt" not in payload
    second = conflictkit.load(there)  # read from the cache
    assert (second.path, second.meta["source"]["file"]) == (there, "second.txt")
    assert (first.path, first.meta["source"]["file"]) == (here, "first.txt")
    fresh = parse(seed.read_text(encoding="utf-8"), there)
    assert second.meta == fresh.meta and second.text == fresh.text
    for name in fresh.tables:
        pd.testing.assert_frame_equal(second.tables[name], fresh.tables[name], obj=name)


def test_a_planted_cache_file_runs_no_code_and_is_parsed_again(tmp_path, monkeypatch):
    import pickle

    monkeypatch.setenv("CONFLICTKIT_CACHE", str(tmp_path / "cache"))
    seed = ROOT / "seeds" / "2017_abu_kamal_offensive.txt"
    conflictkit.load(seed)
    (entry,) = _cache_files(tmp_path / "cache")
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    entry.write_bytes(pickle.dumps(Payload()))
    article = conflictkit.load(seed)
    assert not marker.exists()
    assert article.title == "2017 Abu Kamal offensive" and len(article.events) > 20
    # and a well-formed JSON file that claims another key is not trusted either
    entry.write_text(json.dumps({"format": 1, "key": "other", "text": "", "meta": {}, "tables": {}}), encoding="utf-8")
    assert len(conflictkit.load(seed).events) == len(article.events)


def test_the_cache_key_changes_with_the_pandas_version(monkeypatch):
    from conflictkit import article as module

    module._code_version.cache_clear()
    before = module._code_version()
    monkeypatch.setattr(pd, "__version__", "0.0-other")
    module._code_version.cache_clear()
    try:
        assert module._code_version() != before
    finally:
        monkeypatch.undo()
        module._code_version.cache_clear()


def test_export_replaces_only_a_folder_it_wrote(art, tmp_path):
    own = conflictkit.export(art, tmp_path / "own")
    assert json.loads((own / "article.json").read_text(encoding="utf-8"))["exported_by"] == "conflictkit"
    assert conflictkit.export(art, own) == own  # its own folder: replaced
    empty = tmp_path / "empty"
    empty.mkdir()
    conflictkit.export(art, empty)  # an empty folder: fine
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("two years of work", encoding="utf-8")
    with pytest.raises(conflictkit.ExportRefused, match="foreign"):
        conflictkit.export(art, foreign)
    assert [p.name for p in foreign.iterdir()] == ["thesis.docx"]
    # an article.json that is not conflictkit's does not count
    (foreign / "article.json").write_text('{"title": "mine"}', encoding="utf-8")
    with pytest.raises(conflictkit.ExportRefused):
        conflictkit.export(art, foreign)
    assert (foreign / "article.json").read_text(encoding="utf-8") == '{"title": "mine"}'


@pytest.mark.parametrize("command", ["export", "data"])
def test_cli_refuses_a_foreign_folder_in_one_line_exit_2(tmp_path, command):
    out = tmp_path / "out"
    target = out if command == "export" else out / "2017-abu-kamal-offensive"
    target.mkdir(parents=True)
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    args = ["export", "seeds/2017_abu_kamal_offensive.txt", "--out", str(out)] if command == "export" else ["data", "--out", str(out)]
    result = run_cli(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{target}: not replaced"), result.stderr
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    # once it is a folder conflictkit wrote, the same command replaces it
    (target / "notes.txt").unlink()
    assert run_cli(*args).returncode == 0 and run_cli(*args).returncode == 0
    assert (target / "events.csv").exists()


def test_check_lists_what_to_verify_by_hand_on_the_bundled_seed(art):
    from conflictkit.cli import report

    text = report(art)
    assert "What to verify by hand" in text
    flagged = art.control[art.control["inferred"] | art.control["hedged"]]
    assert f"control: {len(flagged)} of {len(art.control)} rows" in text
    for row in flagged.itertuples():
        assert f"line {row.line}" in text and row.place in text
    for name in art.control[art.control["side"].isna()]["controller"]:
        assert f"    {name}  (control line" in text
    for place in art.places[art.places["lat"].isna()]["place"]:
        assert f"    {place}  (first named on line" in text
    assert "unattributed  (" not in text  # a placeholder, not an actor
    assert "unparsed   none" in text
    assert max(len(line) for line in text.splitlines()) <= 120


def test_check_reads_whatever_flag_columns_a_table_has(art):
    """Other agents add columns (extent, share) and flags; check must not depend on a fixed set."""
    from conflictkit.article import Article
    from conflictkit.cli import report

    tables = {name: df.copy() for name, df in art.tables.items()}
    tables["control"] = tables["control"].drop(columns=["hedged"]).assign(extent="partial", share=0.4)
    tables["strengths"].loc[0, "vague"] = True
    tables["places"] = tables["places"].drop(columns=["lat"])
    tables["unparsed"] = pd.DataFrame({"line": [3], "column": [1], "text": ["- Strange: ((("], "reason": ["not a key: value line"]})
    text = report(Article(art.path, art.text, art.meta, tables))
    assert "control: " in text and "hedged" not in text.split("actors with no side")[0]
    assert "partial · 0.4" in text
    assert f"strengths: {int(tables['strengths']['vague'].sum())} of {len(art.strengths)} rows vague" in text
    assert "places without coordinates: 0" in text
    assert f"{art.path}:3:1: not a key: value line: - Strange: (((" in text


def test_cli_check_on_a_test_seed_lists_every_unparsed_line():
    seed = "tests/seeds/truncated_infobox.txt"
    result = run_cli("check", seed)
    assert result.returncode == 0, result.stderr
    article = conflictkit.load(ROOT / seed)
    assert len(article.unparsed) >= 1
    for row in article.unparsed.itertuples():
        assert f"{seed}:{row.line}:{row.column}: {row.reason}" in result.stdout


def test_every_column_the_data_contract_lists_exists(art):
    """docs/DATA_CONTRACT.md promises its `Columns:` lines; a table may add more, never drop one."""
    text = (ROOT / "docs" / "DATA_CONTRACT.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)
    listed: dict[str, list[str]] = {}
    for section in sections:
        heading = re.match(r"([a-z_]+)\.csv", section)
        for match in re.finditer(r"^(?:- (\w+) — )?Columns: (.+)$", section, flags=re.M):
            table = match.group(1) or (heading.group(1) if heading else None)
            assert table, match.group(0)
            listed[table] = re.findall(r"`(\w+)`", match.group(2))
    assert set(listed) == set(art.tables), set(listed) ^ set(art.tables)
    for table, columns in listed.items():
        missing = [c for c in columns if c not in art.tables[table].columns]
        assert not missing, f"docs/DATA_CONTRACT.md lists {table}.{missing}, which the table does not have"


# Where a reference to a file outside the repository would hide: everything a reader or
# the code opens. "../x" is fine while it stays inside the checkout.
REFERENCE_ROOTS = ("README.md", "docs", "notebooks", "lib", "tools", "seeds", "data", "binder", "Makefile", ".ci")
OUTSIDE = re.compile(r"(?<![\w.-])(?:shared/|/work/|~/shared)")
RELATIVE = re.compile(r"(?:\.\./)+[\w./-]*")


def test_nothing_in_the_repository_refers_to_files_outside_it():
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", *REFERENCE_ROOTS],
                            cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")  # fmt: skip
    problems = []
    for rel in filter(None, listed):
        path = ROOT / rel
        if not path.is_file() or path.suffix in (".png", ".jpg", ".ico", ".whl"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            for match in OUTSIDE.finditer(line):
                problems.append(f"{rel}:{number}: {match.group(0)!r} in {line.strip()[:100]}")
            for match in RELATIVE.finditer(line):
                target = (path.parent / match.group(0)).resolve()
                if not target.is_relative_to(ROOT):
                    problems.append(f"{rel}:{number}: {match.group(0)!r} leaves the repository")
    assert not problems, "\n".join(problems)
