"""``python -m conflictkit``: export a seed's tables, check what was understood, refresh data/.

    python -m conflictkit export seeds/x.txt --out data/x/
    python -m conflictkit check seeds/x.txt   # the page to read before teaching an article
    python -m conflictkit data            # data/<slug>/ for every seed in seeds/

``check`` prints what was understood in a few lines, then what to verify by hand
against the text: rows flagged inferred / hedged / vague, actors with no side, places
without coordinates and every line not understood. ``export`` writes only into a new
or empty folder or one it wrote before.

A bad seed prints one line (``seeds/x.txt:14:22: message``) and exits 2: no traceback.
"""

from __future__ import annotations

import argparse
import math
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import pandas as pd

from .article import BUNDLED_SEEDS, Article, export, load, seeds, seeds_dir
from .errors import ExportRefused, SeedError

# Row flags a teacher should read against the text (whichever a table has).
FLAGS: Final = ("inferred", "hedged", "vague")
# Per table, the columns that say what a row claims, in reading order (read if present).
WHAT: Final = {
    "control": ("date", "place", "change", "extent", "share", "side", "controller"),
    "strengths": ("side", "subject", "unit", "low", "high"),
    "casualties": ("side", "who", "category", "low", "high", "claimant"),
    "claims": ("date", "claimant", "stance", "claim"),
    "events": ("date_start", "text"),
    "front": ("date", "km_low", "km_high", "reference"),
}
# Who acts in a table, and the column giving that actor's side.
ACTORS: Final = (
    ("control", "controller", "side"), ("casualties", "who", "side"), ("claims", "claimant", "claimant_side"),
    ("commanders", "name", "side"), ("units", "unit", "side"), ("strengths", "subject", "side"),
)
# Placeholders the parser writes where the text names nobody: not actors to look up.
NOT_ACTORS: Final = frozenset({"unattributed"})
WIDTH: Final = 108


def _cell(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _row_lines(table: str, row: pd.Series, flags: list[str]) -> list[str]:
    """Two lines per row: where, flags and what it says; then the words of the text."""
    parts = []
    for column in WHAT.get(table, ()):
        value = _cell(row[column]) if column in row.index else ""
        if value:
            parts.append(f"side {value}" if column == "side" else value)
    where = f"line {_cell(row['line'])}" if "line" in row.index else ""
    out = [f"    {where:<9}{', '.join(flags):<10} " + _short(" · ".join(parts), WIDTH - 24)]
    quote = _cell(row["text"]) if "text" in row.index else ""
    if quote and quote not in parts:
        out.append(f'{"":<24}"{_short(quote, WIDTH - 26)}"')
    return out


def _flagged(article: Article) -> list[str]:
    lines: list[str] = []
    for table, df in article.tables.items():
        flags = [f for f in FLAGS if f in df.columns]
        if not flags or df.empty:
            continue
        mask = df[flags].fillna(False).astype(bool)
        rows = df[mask.any(axis=1)]
        if rows.empty:
            continue
        lines.append(f"  {table}: {len(rows)} of {len(df)} rows {' / '.join(flags)}")
        hits = mask[mask.any(axis=1)].to_numpy()
        for (_, row), hit in zip(rows.iterrows(), hits, strict=True):
            lines += _row_lines(table, row, [flag for flag, on in zip(flags, hit, strict=True) if on])
    return lines


def _no_side(article: Article) -> list[str]:
    """Each named actor with no side, and where: a side the parser could not tell."""
    seen: dict[str, dict[str, list[str]]] = {}
    for table, actor, side in ACTORS:
        df = article.tables.get(table)
        if df is None or actor not in df.columns or side not in df.columns:
            continue
        for row in df[df[side].isna()].itertuples():
            name = _cell(getattr(row, actor))
            if name and name not in NOT_ACTORS:
                seen.setdefault(name, {}).setdefault(table, []).append(_cell(getattr(row, "line", "")))
    out = []
    for name, tables in seen.items():
        places = []
        for table, numbers in tables.items():
            numbers = list(dict.fromkeys(filter(None, numbers)))
            places.append(f"{table} line{'s' if len(numbers) > 1 else ''} {', '.join(numbers)}" if numbers else table)
        out.append(f"    {name}  ({'; '.join(places)})")
    return out


def _no_coordinates(article: Article) -> list[str]:
    df = article.tables.get("places")
    if df is None or "lat" not in df.columns:
        return []
    rows = df[df["lat"].isna()]
    out = []
    for row in rows.itertuples():
        line = _cell(getattr(row, "first_line", ""))
        out.append(f"    {_cell(row.place)}" + (f"  (first named on line {line})" if line else ""))
    return out


def report(article: Article) -> str:
    """The page a teacher reads before teaching an article: what was understood, in a
    few lines, then everything to verify by hand against the text."""
    meta = article.meta
    lines = [f"{article.title}  ({article.path})"]
    lines.append(f"  period     {meta.get('date_start') or '?'} – {meta.get('date_end') or '?'}"
                 + (f"  ({meta['duration_days']} days)" if meta.get("duration_days") else ""))
    lines.append(f"  objective  {meta.get('objective') or 'not stated'}")
    for side, name in article.side_names().items():
        lines.append(f"  side {side}     {name}")
    counts = [f"{name} {len(df)}" for name, df in article.tables.items() if name not in ("lines", "unparsed", "sentences")]
    lines += textwrap.wrap(", ".join(counts), WIDTH, initial_indent="  tables     ", subsequent_indent=" " * 13)
    kinds = article.lines["kind"].value_counts().to_dict() if "kind" in article.lines.columns else {}
    lines += textwrap.wrap(", ".join(f"{k} {v}" for k, v in kinds.items()), WIDTH,
                           initial_indent="  lines      ", subsequent_indent=" " * 13)  # fmt: skip

    lines += ["", "What to verify by hand (against the article's text)"]
    flagged = _flagged(article)
    lines += flagged or [f"  no row is {', '.join(FLAGS[:-1])} or {FLAGS[-1]}"]
    no_side = _no_side(article)
    lines.append(f"  actors with no side: {len(no_side)}" + ("" if no_side else " (every actor has a side)"))
    lines += no_side
    no_coordinates = _no_coordinates(article)
    lines.append(f"  places without coordinates: {len(no_coordinates)}"
                 + ("  (not on the map; add them to the gazetteer)" if no_coordinates else ""))
    lines += no_coordinates
    if len(article.unparsed):
        lines.append(f"  unparsed   {len(article.unparsed)}: every line not understood, with the reason")
        for row in article.unparsed.itertuples():
            lines.append(f"    {article.path}:{row.line}:{row.column}: {row.reason}: {_short(str(row.text), 70)}")
    else:
        lines.append("  unparsed   none: every line was understood")
    return "\n".join(lines)


def _default_data_dir() -> Path:
    folder = seeds_dir()
    return Path("data") if folder == BUNDLED_SEEDS else folder.parent / "data"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="conflictkit", description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    export_cmd = commands.add_parser("export", help="write a seed's tables as CSV plus article.json")
    export_cmd.add_argument("seed", nargs="?", help="default: $CONFLICTKIT_SEED, else the bundled seed")
    export_cmd.add_argument("--out", required=True)
    check_cmd = commands.add_parser("check", help="what was understood, and what to verify by hand before teaching")
    check_cmd.add_argument("seed", nargs="?")
    data_cmd = commands.add_parser("data", help="regenerate data/<slug>/ for every seed in seeds/")
    data_cmd.add_argument("--out", default=None, help="default: data/ beside the seeds folder (the checkout's), else ./data")
    args = parser.parse_args(argv)
    try:
        if args.command == "export":
            folder = export(load(args.seed), args.out)
            print(f"wrote {folder}")
        elif args.command == "check":
            print(report(load(args.seed)))
        else:
            out = Path(args.out) if args.out else _default_data_dir()
            for seed in seeds():
                article = load(seed)
                folder = export(article, out / article.slug)  # replaces only a folder it wrote
                print(f"wrote {folder}")
    except (SeedError, ExportRefused) as error:
        print(error, file=sys.stderr)  # "path:line:col: message", like a compiler
        return 2
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
