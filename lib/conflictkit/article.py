"""One seed, read: the Article and ``load``."""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd

from . import frames
from .errors import ExportRefused, SeedError

if TYPE_CHECKING:  # the parsing modules load only when a seed is not in the cache
    from .chronology import Chronology
    from .infobox import Infobox
    from .seed import Document

# The gazetteer, map lines and bundled seed ship inside the package (package data), so
# an installed conflictkit needs no checkout; data/ and seeds/ at the top of the
# repository hold identical copies for readers (tests/test_install.py).
PACKAGE_DATA: Final = Path(str(importlib.resources.files("conflictkit") / "data"))
BUNDLED_SEEDS: Final = PACKAGE_DATA / "seeds"
DEFAULT_SEED: Final = "2017_abu_kamal_offensive.txt"
LICENCE: Final = "CC BY-SA 4.0"
# article.json's first key: how export recognises a folder it may replace
EXPORTED_BY: Final = "exported_by"


def seeds_dir() -> Path:
    """``$CONFLICTKIT_SEEDS``, else a ``seeds/`` folder in the working directory or one
    above it (a checkout, from its root or ``notebooks/``), else the bundled seeds."""
    env = os.environ.get("CONFLICTKIT_SEEDS")
    if env:
        return Path(env)
    for base in (Path.cwd(), *Path.cwd().parents):
        if (base / "seeds").is_dir():
            return base / "seeds"
    return BUNDLED_SEEDS


def seeds() -> list[Path]:
    """The seeds a lesson can switch between: every ``*.txt`` in the seeds folder."""
    return sorted(seeds_dir().glob("*.txt"))


def slugify(title: str) -> str:
    """``2017 Abu Kamal offensive`` → ``2017-abu-kamal-offensive``."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug or "untitled"


class Article:
    """A seed as tables. Every DataFrame is also in ``tables`` under its contract name."""

    infobox: pd.DataFrame
    sides: pd.DataFrame
    commanders: pd.DataFrame
    units: pd.DataFrame
    strengths: pd.DataFrame
    casualties: pd.DataFrame
    events: pd.DataFrame
    front: pd.DataFrame
    control: pd.DataFrame
    claims: pd.DataFrame
    aliases: pd.DataFrame
    places: pd.DataFrame
    sentences: pd.DataFrame
    lines: pd.DataFrame
    unparsed: pd.DataFrame

    def __init__(self, path: Path | None, text: str, meta: dict[str, Any], tables: dict[str, pd.DataFrame]) -> None:
        self.path = path
        self.text = text
        self.meta = meta
        self.tables = tables
        for name, df in tables.items():
            setattr(self, name, df)

    @property
    def title(self) -> str:
        return str(self.meta["title"])

    @property
    def slug(self) -> str:
        return str(self.meta["slug"])

    @property
    def objective(self) -> str | None:
        value = self.meta.get("objective")
        return str(value) if value else None

    @property
    def date_start(self) -> pd.Timestamp | Any:
        return pd.Timestamp(self.meta["date_start"]) if self.meta.get("date_start") else pd.NaT

    @property
    def date_end(self) -> pd.Timestamp | Any:
        return pd.Timestamp(self.meta["date_end"]) if self.meta.get("date_end") else pd.NaT

    def side_names(self) -> dict[int, str]:
        """Short legend labels: side -> first combatant (+ "and allies")."""
        names: dict[int, str] = {}
        for side, group in self.sides.groupby("side", sort=True):
            top = group[group["depth"] == 0]["combatant"].tolist() or group["combatant"].tolist()
            names[int(str(side))] = top[0] + (" and allies" if len(top) > 1 else "")
        return names

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(df)}" for name, df in self.tables.items() if name not in ("lines",))
        return f"<Article {self.title!r}: {counts}>"


def side_names(article: Article) -> dict[int, str]:
    return article.side_names()


def _meta(doc: Document, infobox: Infobox, chron: Chronology, path: Path | None, unparsed: pd.DataFrame) -> dict[str, Any]:
    period = infobox.period
    title = infobox.value("conflict") or doc.title
    duration = (period.end - period.start).days + 1 if period.start and period.end else None
    return {
        "title": doc.title,
        "slug": slugify(doc.title),
        "conflict": title,
        "date_start": period.start.isoformat() if period.start else None,
        "date_end": period.end.isoformat() if period.end else None,
        "duration_days": duration,
        "ongoing": period.ongoing,
        "date_parts": [
            {"label": label, "date_start": s.isoformat() if s else None, "date_end": e.isoformat() if e else None}
            for label, s, e in period.parts
        ],
        "place": infobox.value("place", "location"),
        "result": infobox.value("result") or infobox.value("status"),
        "status": infobox.value("status"),
        "territory": infobox.value("territory"),
        "part_of": list(infobox.part_of),
        "sections": [h.title for h in doc.headings],
        "see_also": [item.text for item in doc.list_items if item.section.lower() == "see also"],
        "objective": chron.objective,
        "initial_holder": chron.initial_holder,
        "source": {
            "title": doc.title,
            "publisher": "Wikipedia, the free encyclopedia",
            "url": "https://en.wikipedia.org/wiki/" + doc.title.replace(" ", "_"),
            "licence": LICENCE,
            "licence_url": "https://creativecommons.org/licenses/by-sa/4.0/",
            "file": path.name if path is not None else None,
        },
        "unparsed": [
            {"line": int(str(r.line)), "column": int(str(r.column)), "text": str(r.text), "reason": str(r.reason)}
            for r in unparsed.itertuples()
        ],
    }


def _places_table(doc: Document, chron: Chronology, gazetteer: tuple[Any, ...]) -> pd.DataFrame:
    """Per seed: each place named in the prose, how often, and the dates of its events."""
    from .places import TEXT_ONLY, find_places

    counts: Counter[str] = Counter()
    first_line: dict[str, int] = {}
    known: dict[str, bool] = {}
    for sentence in doc.sentences:
        for mention in find_places(sentence.text, gazetteer, sentence.start):
            counts[mention.place] += 1
            first_line.setdefault(mention.place, sentence.line)
            known[mention.place] = mention.known
    first_date: dict[str, Any] = {}
    last_date: dict[str, Any] = {}
    for event in chron.events:
        for place in event.places:
            first_date[place] = min(first_date.get(place, event.date_start), event.date_start)
            last_date[place] = max(last_date.get(place, event.date_end), event.date_end)
    by_name = {p.name: p for p in gazetteer}
    rows = []
    for place in counts:
        row: dict[str, Any] = {
            "place": place, "mentions": counts[place], "first_line": first_line[place], "known": known[place],
            "first_date": first_date.get(place), "last_date": last_date.get(place),
        }
        entry = by_name.get(place)
        if entry is not None:
            row["known"] = entry.source != TEXT_ONLY
            row |= {"name": entry.name, "aliases": "; ".join(entry.aliases), "lat": entry.lat, "lon": entry.lon,
                    "kind": entry.kind, "country": entry.country, "precision": entry.precision, "source": entry.source}
        else:
            row |= {"name": place, "source": TEXT_ONLY}
        rows.append(row)
    return frames.frame("places", rows)


@dataclass(frozen=True)
class Records:
    """A seed parsed to records (no pandas yet): the first half of ``parse``."""

    text: str
    path: Path | None
    doc: Document
    infobox: Infobox
    gazetteer: tuple[Any, ...]
    chron: Chronology


def parse_records(text: str, path: Path | None = None) -> Records:
    """Text → records: document, typed infobox, chronology (what ``make bench`` times as parsing)."""
    from .actors import build_lexicon
    from .chronology import build_chronology
    from .infobox import parse_infobox
    from .places import load_gazetteer, with_text_places
    from .seed import parse_document

    doc = parse_document(text, path)
    infobox = parse_infobox(doc.infobox, text)
    gazetteer = with_text_places(load_gazetteer(), [s.text for s in doc.sentences])
    lexicon = build_lexicon(infobox.sides, infobox.units, infobox.commanders, text)
    chron = build_chronology(doc.sentences, (infobox.period.start, infobox.period.end), lexicon, gazetteer, doc.title)
    return Records(text, path, doc, infobox, gazetteer, chron)


def parse(text: str, path: Path | None = None) -> Article:
    """Parse seed text (already decoded) into an Article."""
    return to_article(parse_records(text, path))


def to_article(records: Records) -> Article:
    """Records → DataFrames: the second half of ``parse``."""
    text, path, doc, infobox, gazetteer, chron = (
        records.text, records.path, records.doc, records.infobox, records.gazetteer, records.chron,
    )
    tables: dict[str, pd.DataFrame] = {}
    tables["infobox"] = frames.frame(
        "infobox", ({"field": f.key, "value": f.value, "line": f.line, "start": f.start, "end": f.end} for f in doc.infobox)
    )
    tables["sides"] = frames.records_frame("sides", infobox.sides)
    tables["commanders"] = frames.records_frame("commanders", infobox.commanders)
    tables["units"] = frames.records_frame("units", infobox.units)
    tables["strengths"] = frames.records_frame("strengths", [*infobox.strengths, *chron.strengths], {"origin": "infobox"})
    tables["casualties"] = frames.records_frame("casualties", [*infobox.casualties, *chron.casualties])
    tables["events"] = frames.records_frame("events", chron.events)
    tables["front"] = frames.records_frame("front", chron.front)
    tables["control"] = frames.records_frame("control", chron.control)
    tables["claims"] = frames.records_frame("claims", chron.claims)
    tables["aliases"] = frames.records_frame("aliases", chron.aliases)  # control's: who is called what
    tables["places"] = _places_table(doc, chron, gazetteer)
    tables["sentences"] = frames.records_frame("sentences", doc.sentences)
    tables["lines"] = frames.records_frame("lines", doc.ledger)
    unparsed = [*doc.unparsed, *infobox.unparsed]
    unparsed.sort(key=lambda u: (u.line, u.column))
    tables["unparsed"] = frames.records_frame("unparsed", unparsed)
    meta = _meta(doc, infobox, chron, path, tables["unparsed"])
    return Article(path, text, meta, tables)


def read_export(folder: Path) -> Article:
    """Read a folder written by :func:`export` back into an Article (equal tables)."""
    if not (folder / "article.json").exists():
        raise SeedError(folder, 0, 0, "is a folder but not an export (no article.json); pass a seed file or a folder written by export")
    meta = json.loads((folder / "article.json").read_text(encoding="utf-8"))
    meta.pop(EXPORTED_BY, None)
    tables = {name: frames.read_csv(folder / f"{name}.csv", name) for name in frames.TABLES}
    seed_copy = folder / "seed.txt"
    text = seed_copy.read_text(encoding="utf-8") if seed_copy.exists() else ""
    return Article(folder, text, meta, tables)


def _cache_dir() -> Path | None:
    """Where parsed seeds are kept: ``$CONFLICTKIT_CACHE`` (``off`` disables), else ~/.cache."""
    setting = os.environ.get("CONFLICTKIT_CACHE", "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "conflictkit"


# Bump when the layout of a cache file changes.
CACHE_FORMAT: Final = 1


@functools.cache
def _code_version() -> str:
    """A hash of the package's code, the gazetteer, pandas' version and the cache format:
    any change to one of them invalidates the cache.

    Every module directly in the package counts (not figures/ or exercises/), so a parser
    module added later cannot be forgotten in a list; a change to one that does not parse
    (lessons.py, explorers.py) only costs one parse.
    """
    digest = hashlib.sha256(f"format {CACHE_FORMAT}; pandas {pd.__version__}".encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    gazetteer = PACKAGE_DATA / "places.csv"
    if gazetteer.exists():
        digest.update(gazetteer.read_bytes())
    return digest.hexdigest()[:16]


# How each dtype a table may hold is written to JSON and rebuilt from it. A table with
# any other dtype is simply not cached.
_FROM_JSON: Final[dict[str, Callable[[list[Any]], Any]]] = {
    "Int64": lambda values: pd.array(values, dtype="Int64"),
    "float64": lambda values: np.array(values, dtype="float64"),  # None -> NaN
    "bool": lambda values: np.array(values, dtype=bool),
    "object": lambda values: np.array(values, dtype=object),
}


def _table_to_json(df: pd.DataFrame) -> dict[str, Any] | None:
    """A table as JSON-ready columns, or None when it holds something JSON cannot say exactly."""
    if not isinstance(df.index, pd.RangeIndex) or df.index.start != 0 or df.index.step != 1:
        return None
    dtypes, data = [], []
    for name in df.columns:
        column = df[name]
        dtype = str(column.dtype)
        values: list[Any]
        if isinstance(column.dtype, pd.StringDtype):  # pandas 3's default for text
            na = "nan" if column.dtype.na_value is np.nan else "NA"
            dtype = f"string:{column.dtype.storage}:{na}"
            values = [None if pd.isna(v) else str(v) for v in column.tolist()]
        elif dtype.startswith("datetime64[") and column.dt.tz is None:
            values = [None if pd.isna(v) else v.isoformat() for v in column]
        elif dtype == "object":
            values = column.tolist()
            if not all(isinstance(v, str) for v in values):
                return None
        elif dtype in _FROM_JSON:
            values = [None if pd.isna(v) else v for v in column.astype(object).tolist()]
            if dtype == "float64" and not all(v is None or np.isfinite(v) for v in values):
                return None
        else:
            return None
        dtypes.append(dtype)
        data.append(values)
    return {"columns": [str(c) for c in df.columns], "dtypes": dtypes, "data": data}


def _table_from_json(table: dict[str, Any]) -> pd.DataFrame:
    columns: dict[str, Any] = {}
    for name, dtype, values in zip(table["columns"], table["dtypes"], table["data"], strict=True):
        if dtype.startswith("string:"):
            _, storage, na = dtype.split(":")
            string = pd.StringDtype(storage, na_value=np.nan if na == "nan" else pd.NA)
            columns[name] = pd.array(values, dtype=string)
        elif dtype.startswith("datetime64["):
            columns[name] = np.array(["NaT" if v is None else v for v in values], dtype=dtype)
        else:
            columns[name] = _FROM_JSON[dtype](values)
    return pd.DataFrame(columns, columns=table["columns"])


def _cache_payload(article: Article, key: str) -> str | None:
    """The parse as JSON: data only, so reading it back can never run code (a pickle could)."""
    tables = {}
    for name, df in article.tables.items():
        encoded = _table_to_json(df)
        if encoded is None:
            return None
        tables[name] = encoded
    # Where the seed lies is not part of its parse: the load call supplies the path.
    meta = {**article.meta, "source": {**article.meta["source"], "file": None}}
    try:
        return json.dumps({"format": CACHE_FORMAT, "key": key, "text": article.text, "meta": meta, "tables": tables},
                          ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return None


def _from_cache(cached: Path, key: str, path: Path) -> Article | None:
    try:
        payload = json.loads(cached.read_text(encoding="utf-8"))
        if payload.get("format") != CACHE_FORMAT or payload.get("key") != key:
            return None
        tables = {str(name): _table_from_json(table) for name, table in payload["tables"].items()}
        meta = payload["meta"]
        meta["source"]["file"] = path.name
        return Article(path, str(payload["text"]), meta, tables)
    except Exception:  # a damaged or foreign cache file: parse again
        return None


def _cached_parse(data: bytes, path: Path) -> Article:
    """Parse a seed once; later loads of the same bytes with the same code read JSON.

    Loading then costs about what importing pandas costs, and the parsing modules are
    not even imported. The cache holds data only (JSON: nothing in it can run code), and
    nothing that depends on where the seed lies. A cache that cannot be read or written
    is ignored.
    """
    folder = _cache_dir()
    key = hashlib.sha256(data).hexdigest()[:24] + "-" + _code_version()
    cached = folder / f"{key}.json" if folder is not None else None
    if cached is not None and cached.exists():
        article = _from_cache(cached, key, path)
        if article is not None:
            return article
    from .seed import decode

    article = parse(decode(data, path), path)
    payload = _cache_payload(article, key) if cached is not None else None
    if cached is not None and payload is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cached.parent, suffix=".tmp", delete=False) as temporary:
                temporary.write(payload)
            os.replace(temporary.name, cached)
        except OSError:
            pass
    return article


def load(path: str | os.PathLike[str] | None = None) -> Article:
    """Read a seed (or an exported folder) into an :class:`Article`.

    With no argument: ``$CONFLICTKIT_SEED`` if set, else the Abu Kamal seed of the
    seeds folder (:func:`seeds_dir`), else the copy bundled with the package.
    Raises :class:`SeedError` (with file, line and column) for a file that is not a seed.
    """
    if path is None:
        env = os.environ.get("CONFLICTKIT_SEED")
        path = env if env else seeds_dir() / DEFAULT_SEED
        if not env and not Path(path).is_file():
            path = BUNDLED_SEEDS / DEFAULT_SEED
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"load(path): path must be a str or os.PathLike, not {type(path).__name__}; e.g. load('seeds/x.txt')")
    seed_path = Path(path)
    if seed_path.is_dir():
        return read_export(seed_path)
    try:
        data = seed_path.read_bytes()
    except FileNotFoundError:
        raise SeedError(seed_path, 0, 0, "no such file") from None
    except IsADirectoryError:
        raise SeedError(seed_path, 0, 0, "is a directory") from None
    return _cached_parse(data, seed_path)


def written_by_export(folder: Path) -> bool:
    """Whether ``folder`` holds an ``article.json`` that :func:`export` wrote."""
    try:
        meta = json.loads((folder / "article.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(meta, dict) and meta.get(EXPORTED_BY) == "conflictkit"


def export(article: Article, out: str | os.PathLike[str]) -> Path:
    """Write every table as CSV, plus ``article.json`` and the normalised seed text.

    ``out`` may be new, empty, or a folder this function wrote before (its files are
    replaced); any other folder raises :class:`ExportRefused` and is left untouched.
    """
    if not isinstance(article, Article):
        raise TypeError(f"export(article, out): article must be an Article from conflictkit.load(), not {type(article).__name__}")
    folder = Path(out)
    if folder.is_dir() and any(folder.iterdir()) and not written_by_export(folder):
        raise ExportRefused(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in article.tables.items():
        frames.to_csv(df, folder / f"{name}.csv", name)
    frames.write_json({EXPORTED_BY: "conflictkit", **article.meta}, folder / "article.json")
    (folder / "seed.txt").write_text(article.text, encoding="utf-8")
    return folder


__all__ = ["Article", "load", "export", "read_export", "parse", "seeds", "seeds_dir", "side_names", "slugify"]
