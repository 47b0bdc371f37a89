"""Regenerate tests/golden/ from the current parser — only after reading the diff against the article.

    python tools/golden.py && git diff tests/golden
"""

from pathlib import Path

import conflictkit
from conflictkit import frames

GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "golden"
# the columns a reader checks by hand against the article
COLUMNS = {
    "sides": ["side", "combatant", "role", "line"],
    "commanders": ["side", "name", "rank", "fate", "qualifier", "role", "line"],
    "units": ["side", "unit", "parent", "depth", "note", "line"],
    "strengths": ["side", "subject", "unit", "low", "high", "open_upper", "vague", "origin", "line"],
    "casualties": ["origin", "side", "who", "category", "civilian", "low", "high", "open_upper", "date_start",
                   "date_end", "claimant", "event_id", "line"],
    "events": ["event_id", "date_start", "date_end", "date_precision", "time_of_day", "phase", "text", "sides", "actor",
               "line"],
    "front": ["date", "km_low", "km_high", "reference", "relation", "event_id", "line"],
    "control": ["date", "place", "side", "controller", "kind", "extent", "share", "area", "objective", "inferred",
                "event_id", "line"],
    "claims": ["date", "claimant", "stance", "claim", "event_id", "line"],
}


def main() -> None:
    for seed in conflictkit.seeds():
        article = conflictkit.load(seed)
        folder = GOLDEN / article.slug
        folder.mkdir(parents=True, exist_ok=True)
        for table, columns in COLUMNS.items():
            (folder / f"{table}.csv").write_text(frames.csv_text(article.tables[table][columns], table), encoding="utf-8")
        print(f"wrote {folder}")


if __name__ == "__main__":
    main()
