"""``python -m conflictkit``: export a seed's tables, check what was understood, refresh data/.

    python -m conflictkit export seeds/x.txt --out data/x/
    python -m conflictkit check seeds/x.txt
    python -m conflictkit data            # data/<slug>/ for every seed in seeds/

A bad seed prints one line (``seeds/x.txt:14:22: message``) and exits 2: no traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .article import BUNDLED_SEEDS, Article, export, load, seeds, seeds_dir
from .errors import ExportRefused, SeedError


def _summary(article: Article) -> str:
    lines = [f"{article.title}  ({article.path})"]
    meta = article.meta
    lines.append(f"  period     {meta['date_start'] or '?'} – {meta['date_end'] or '?'}"
                 + (f"  ({meta['duration_days']} days)" if meta["duration_days"] else ""))
    lines.append(f"  objective  {meta['objective'] or 'not stated'}")
    names = article.side_names()
    for side, name in names.items():
        lines.append(f"  side {side}     {name}")
    for name, df in article.tables.items():
        if name in ("lines", "unparsed"):
            continue
        lines.append(f"  {name:<11}{len(df):>4} rows")
    kinds = article.lines["kind"].value_counts().to_dict()
    lines.append("  lines      " + ", ".join(f"{k} {v}" for k, v in kinds.items()))
    if len(article.unparsed):
        lines.append(f"  unparsed   {len(article.unparsed)}:")
        for row in article.unparsed.itertuples():
            lines.append(f"    {article.path}:{row.line}:{row.column}: {row.reason}: {str(row.text)[:70]}")
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
    export_cmd.add_argument("seed")
    export_cmd.add_argument("--out", required=True)
    check_cmd = commands.add_parser("check", help="print what was understood and every unparsed line")
    check_cmd.add_argument("seed", nargs="?")
    data_cmd = commands.add_parser("data", help="regenerate data/<slug>/ for every seed in seeds/")
    data_cmd.add_argument("--out", default=None, help="default: data/ beside the seeds folder (the checkout's), else ./data")
    args = parser.parse_args(argv)
    try:
        if args.command == "export":
            folder = export(load(args.seed), args.out)
            print(f"wrote {folder}")
        elif args.command == "check":
            print(_summary(load(args.seed)))
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
