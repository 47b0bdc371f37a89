"""Records to DataFrames, and DataFrames to and from CSV: the public data contract.

Each table's columns and their kinds come from one place, the record dataclass the table
is made of (:func:`schema`, declared per table in ``_TABLES``); building a table from
records, writing it and reading it back all go through it, so ``export`` then ``load``
gives back equal tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib
import json
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

KINDS: Final = ("int", "float", "bool", "str", "date")


@dataclass(frozen=True)
class _Table:
    """Where a table's columns come from: the fields of one record dataclass, in their order
    and with their kinds read from the type hints (``int | None`` → int, ``dt.date`` → date,
    a tuple → str joined with ``; ``). ``order`` is the contract's column order where it
    differs from the record's, ``computed`` the columns no field holds (name → kind), and
    ``dropped`` the fields the table leaves out; every field must be placed or dropped, so a
    field added to a record cannot silently miss its table."""

    record: str  # "module:Class" inside conflictkit
    order: tuple[str, ...] = ()
    computed: Mapping[str, str] = field(default_factory=dict)
    dropped: tuple[str, ...] = ()


# One declaration per table; the columns themselves are the records' fields (see schema()).
_TABLES: Final[dict[str, _Table]] = {
    # an infobox row is the line as written, its key shown as "field"
    "infobox": _Table("seed:InfoboxLine", ("field", "value", "line", "start", "end"), {"field": "str"}, ("key",)),
    "sides": _Table("infobox:SideRecord"),
    "commanders": _Table("infobox:CommanderRecord"),
    "units": _Table("infobox:UnitRecord"),
    # the infobox's strengths and the text's share a table; origin tells them apart
    "strengths": _Table(
        "infobox:StrengthRecord",
        ("side", "subject", "unit", "low", "high", "open_upper", "stated_high", "approx", "vague", "note", "text",
         "line", "start", "end", "origin"),
        {"origin": "str"},
    ),
    "casualties": _Table(
        "infobox:CasualtyRecord",
        ("origin", "side", "who", "category", "civilian", "low", "high", "open_upper", "date_start", "date_end",
         "claimant", "event_id", "field", "text", "line", "start", "end"),
    ),
    "events": _Table("chronology:EventRecord"),
    "front": _Table("chronology:FrontRecord"),
    "control": _Table("chronology:ControlRecord"),
    "claims": _Table("chronology:ClaimRecord"),
    "aliases": _Table("actors:AliasRecord"),
    # the gazetteer's columns after what the article says of each place
    "places": _Table(
        "places:Place",
        ("place", "mentions", "first_date", "last_date", "first_line", "known", "name", "aliases", "lat", "lon", "kind",
         "country", "precision", "source"),
        {"place": "str", "mentions": "int", "first_date": "date", "last_date": "date", "first_line": "int", "known": "bool"},
    ),
    "sentences": _Table("seed:Sentence", ("sentence_id", "section", "phase", "paragraph", "text", "line", "start", "end")),
    "lines": _Table("seed:LineUse"),
    "unparsed": _Table("seed:Unparsed"),
}
TABLES: Final = tuple(_TABLES)


def _kind(hint: Any) -> str:
    """``int | None`` → int, ``dt.date`` → date, ``tuple[str, ...]`` → str."""
    options = [h for h in typing.get_args(hint) if h is not type(None)] if isinstance(hint, types.UnionType) else [hint]
    if len(options) != 1:
        raise TypeError(f"no table kind for {hint!r}")
    base = typing.get_origin(options[0]) or options[0]
    kinds: dict[Any, str] = {bool: "bool", int: "int", float: "float", str: "str", dt.date: "date", tuple: "str"}
    if base not in kinds:
        raise TypeError(f"no table kind for {hint!r}")
    return kinds[base]


def _columns(table: _Table) -> dict[str, str]:
    module, name = table.record.split(":")
    record = getattr(importlib.import_module(f".{module}", __package__), name)
    hints = typing.get_type_hints(record)
    kinds = {f.name: _kind(hints[f.name]) for f in dataclasses.fields(record) if f.name not in table.dropped}
    if any(kind not in KINDS for kind in table.computed.values()):
        raise ValueError(f"{table.record}: a computed column's kind is not one of {KINDS}")
    kinds.update(table.computed)
    order = table.order or tuple(kinds)
    if sorted(order) != sorted(kinds):
        raise ValueError(f"{table.record}: columns {sorted(set(order) ^ set(kinds))} are not both placed and declared")
    return {column: kinds[column] for column in order}


@functools.cache
def schema() -> dict[str, dict[str, str]]:
    """Table → column → kind: int (nullable Int64), float, bool, str, date (datetime64, NaT when unknown).

    Derived from the record dataclasses when first asked (importing the parsing modules then,
    not when the package is imported: loading a cached parse needs none of them).
    """
    return {table: _columns(spec) for table, spec in _TABLES.items()}


def __getattr__(name: str) -> Any:
    if name == "SCHEMA":  # the derived schema under its old name
        return schema()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _convert(values: list[Any], kind: str) -> Any:
    # Build arrays directly: Series-per-value conversion was most of the load time.
    if kind == "int":
        # an IntegerArray from its data and mask: pd.array(..., dtype="Int64") infers and
        # coerces value by value, ~3 ms of the 12 ms that building the 14 tables costs
        mask = np.array([v is None or v == "" for v in values], dtype=bool)
        data = np.array([0 if m else int(v) for v, m in zip(values, mask, strict=True)], dtype="int64")
        return pd.arrays.IntegerArray(data, mask)
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
    columns = schema()[table]
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
        kind = schema()[table].get(name, "str")
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
