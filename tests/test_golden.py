"""Golden files: the bundled seed's tables, checked by hand row by row against the article.

``tests/golden/<slug>/<table>.csv`` holds the columns a reader checks (dates, numbers,
names, sides, lines); each file is its own test. Regenerate only after reading the
diff against the article: ``python tools/golden.py``.
"""

from pathlib import Path

import conflictkit
import pytest
from conflictkit import frames

GOLDEN = Path(__file__).parent / "golden"
FILES = sorted(GOLDEN.glob("*/*.csv"))


def test_golden_files_exist():
    assert len(FILES) >= 9, "the golden glob found nothing: tests/golden/<slug>/<table>.csv"


@pytest.fixture(scope="module")
def articles():
    loaded = [conflictkit.load(seed) for seed in conflictkit.seeds()]
    return {article.slug: article for article in loaded}


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_table_matches_golden(path, articles):
    expected = path.read_text(encoding="utf-8")
    columns = expected.split("\n", 1)[0].split(",")
    table = articles[path.parent.name].tables[path.stem]
    assert frames.csv_text(table[columns], path.stem) == expected
