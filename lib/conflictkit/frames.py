"""Records to DataFrames, and DataFrames to and from CSV: the public data contract.

Each table's columns and their kinds are declared once in :data:`SCHEMA`; building a
table from records, writing it and reading it back all go through that declaration, so
``export`` then ``load`` gives back equal tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

# column -> kind: int (nullable Int64), float, bool, str, date (datetime64, NaT when unknown)
SCHEMA: Final[dict[str, dict[str, str]]] = {
    "infobox": {"field": "str", "value": "str", "line": "int", "start": "int", "end": "int"},
    "sides": {"side": "int", "combatant": "str", "role": "str", "depth": "int", "parent": "str",
              "line": "int", "start": "int", "end": "int"},
    "commanders": {"side": "int", "name": "str", "rank": "str", "fate": "str", "qualifier": "str",
                   "role": "str", "text": "str", "line": "int", "start": "int", "end": "int"},
    "units": {"side": "int", "unit": "str", "parent": "str", "depth": "int", "note": "str", "text": "str",
              "line": "int", "start": "int", "end": "int"},
    "strengths": {"side": "int", "subject": "str", "unit": "str", "low": "float", "high": "float",
                  "open_upper": "bool", "stated_high": "float", "approx": "bool", "vague": "bool", "note": "str", "text": "str",
                  "line": "int", "start": "int", "end": "int", "origin": "str"},
    "casualties": {"origin": "str", "side": "int", "who": "str", "category": "str", "civilian": "bool",
                   "low": "float", "high": "float", "open_upper": "bool", "date_start": "date",
                   "date_end": "date", "claimant": "str", "event_id": "str", "field": "str", "text": "str",
                   "line": "int", "start": "int", "end": "int"},
    "events": {"event_id": "str", "date_start": "date", "date_end": "date", "date_precision": "str",
               "date_qualifier": "str", "resolved_from": "str", "time_of_day": "str", "section": "str",
               "phase": "str", "text": "str", "sentence": "str", "sentence_id": "int", "places": "str",
               "sides": "str", "actor": "str", "line": "int", "start": "int", "end": "int"},
    "front": {"date": "date", "km_low": "float", "km_high": "float", "reference": "str", "relation": "str",
              "direction": "str", "event_id": "str", "text": "str", "line": "int", "start": "int", "end": "int"},
    "control": {"date": "date", "place": "str", "side": "int", "controller": "str", "change": "str",
                "kind": "str", "extent": "str", "share": "float", "area": "bool", "objective": "bool", "inferred": "bool", "hedged": "bool", "event_id": "str", "text": "str",
                "line": "int", "start": "int", "end": "int"},
    "claims": {"date": "date", "claimant": "str", "claimant_side": "int", "claim": "str", "stance": "str",
               "attributed": "bool", "event_id": "str", "text": "str", "line": "int", "start": "int", "end": "int"},
    "aliases": {"alias": "str", "name": "str", "side": "int", "origin": "str"},
    "places": {"place": "str", "mentions": "int", "first_date": "date", "last_date": "date", "first_line": "int",
               "known": "bool", "name": "str", "aliases": "str", "lat": "float", "lon": "float", "kind": "str",
               "country": "str", "precision": "str", "source": "str"},
    "sentences": {"sentence_id": "int", "section": "str", "phase": "str", "paragraph": "int", "text": "str",
                  "line": "int", "start": "int", "end": "int"},
    "lines": {"line": "int", "kind": "str"},
    "unparsed": {"line": "int", "column": "int", "text": "str", "reason": "str"},
}
TABLES: Final = tuple(SCHEMA)


def _convert(values: list[Any], kind: str) -> Any:
    # Build arrays directly: Series-per-value conversion was most of the load time.
    if kind == "int":
        return pd.array([None if v is None or v == "" else int(v) for v in values], dtype="Int64")
    if kind == "float":
        return np.array([np.nan if v is None or v == "" else float(v) for v in values], dtype="float64")
    if kind == "bool":
        return np.array([v is True or v == "true" or v == "True" for v in values], dtype=bool)
    if kind == "date":
        return np.array(
            ["NaT" if v is None or v == "" or v is pd.NaT else str(v)[:10] for v in values], dtype="datetime64[D]"
        ).astype("datetime64[s]")  # seconds, not nanoseconds: years 1–9999 all fit
    return np.array(
        ["" if v is None else "; ".join(map(str, v)) if isinstance(v, tuple) else str(v) for v in values], dtype=object
    )


def frame(table: str, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """A contract table from dict-like rows (missing columns become empty)."""
    columns = SCHEMA[table]
    rows = list(rows)
    data = {name: _convert([row.get(name) for row in rows], kind) for name, kind in columns.items()}
    return pd.DataFrame(data, columns=list(columns))


def records_frame(table: str, records: Sequence[Any], defaults: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """A contract table from frozen dataclass records (tuples are joined with ``; ``).

    Records of several classes may mix (the infobox's strengths and the text's); a column a
    record's class lacks takes ``defaults[column]`` (``{"origin": "infobox"}``), else stays empty.
    """
    if not records:
        return frame(table, [])
    fields: dict[type, list[str]] = {}
    rows = []
    for r in records:
        names = fields.get(type(r))
        if names is None:
            names = fields[type(r)] = [f.name for f in dataclasses.fields(r)]
        rows.append({**(defaults or {}), **{name: getattr(r, name) for name in names}})
    return frame(table, rows)


def csv_text(df: pd.DataFrame, table: str) -> str:
    """The table as CSV text: ISO dates, ``true``/``false``, empty cells for missing values."""
    out = df.copy()
    for name in out.columns:
        kind = SCHEMA[table].get(name, "str")
        if kind == "date":
            out[name] = out[name].dt.strftime("%Y-%m-%d").fillna("")
        elif kind == "bool":
            out[name] = out[name].map({True: "true", False: "false"})
    return str(out.to_csv(index=False, lineterminator="\n"))


def to_csv(df: pd.DataFrame, path: Path, table: str) -> None:
    path.write_text(csv_text(df, table), encoding="utf-8")


def read_csv(path: Path, table: str) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame(table, [{str(k): v for k, v in row.items()} for row in raw.to_dict("records")])


def json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()[:10]
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def write_json(meta: Mapping[str, Any], path: Path) -> None:
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=2, default=json_default) + "\n", encoding="utf-8")
