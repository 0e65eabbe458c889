"""ACLED files in and out.

ACLED publishes events in two layouts: the standard *dyadic* export, one row per event with ``actor1`` and
``actor2`` side by side, and a *monadic* one, one row per actor of an event (``actor``, ``assoc_actor``,
``inter``) under the same ``event_id_cnty``. Both read into :class:`AcledRecord`. A malformed row is reported
("row N: why") and skipped rather than fatal: one bad line of a 50,000-row export should not cost the analyst
the rest. Rows are numbered as a spreadsheet shows them, the header being row 1.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import ValidationError

from sahelwatch.acled.taxonomy import Taxonomy, load_taxonomy
from sahelwatch.errors import InputError
from sahelwatch.ingest import decode_text
from sahelwatch.model import ACLED_COLUMNS, AcledRecord

__all__ = ["FILE_COLUMNS", "detect_layout", "parse_acled_date", "read_acled_csv", "write_acled_csv",
           "write_acled_jsonl", "write_records"]

Layout = Literal["dyadic", "monadic"]

#: the columns of the files sahelwatch writes: the keys of AcledRecord.to_row, in its order
FILE_COLUMNS = ("doc_id", *ACLED_COLUMNS, "plover_type", "confidence", "origin")

#: every ACLED row needs these; the layout adds actor1/actor2 (dyadic) or actor (monadic)
REQUIRED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type")

_MONTHS = {name: i for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTEGER = re.compile(r"\d+(?:\.0*)?")
#: spellings ACLED has used for a sub-event type the taxonomy names otherwise
_SUB_EVENT_SPELLINGS = {"excessive force against protestors": "Excessive force against protesters"}


# -- reading -------------------------------------------------------------------------------------------------

def read_acled_csv(path: str | Path) -> tuple[list[AcledRecord], list[str]]:
    """The events of an ACLED export, and one "row N: why" line per malformed row (which is skipped).

    A file that cannot be read, or whose header is neither layout, is an :class:`InputError`."""
    path = Path(path)
    header, rows = _read_table(path)
    layout = detect_layout(header)
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if layout is None or missing:
        if layout is None:
            missing.append("actor1 and actor2 (or actor, for the monadic layout)")
        raise InputError(f"{path}: not an ACLED export: the header lacks {', '.join(missing)}")
    taxonomy = load_taxonomy()
    read = _read_dyadic if layout == "dyadic" else _read_monadic
    records, problems = read(header, rows, taxonomy)
    return records, [why for _, why in sorted(problems, key=lambda p: p[0])]


def detect_layout(columns: Iterable[str]) -> Layout | None:
    """``dyadic`` for actor1/actor2 columns, ``monadic`` for a single actor column, else None."""
    names = {c.strip().lower() for c in columns}
    if {"actor1", "actor2"} <= names:
        return "dyadic"
    if "actor" in names and "actor1" not in names:
        return "monadic"
    return None


def parse_acled_date(value: str) -> date:
    """``YYYY-MM-DD``, or the "05 January 2019" form of older exports (month names in English)."""
    text = value.strip()
    if not text:
        raise InputError("missing event_date")
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
        m = _DAY_MONTH_YEAR.fullmatch(text)
        if m and m.group(2).lower() in _MONTHS:
            return date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        pass
    raise InputError(f"event_date {value!r} is not a date (YYYY-MM-DD or DD Month YYYY)")


_Row = dict[str, str]
_Numbered = list[tuple[int, list[str]]]
_Problems = list[tuple[int, str]]


def _read_table(path: Path) -> tuple[list[str], _Numbered]:
    """The lower-cased header and the numbered non-blank rows of a CSV file (UTF-8, BOM allowed)."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or type(exc).__name__}") from exc
    text = decode_text(data, str(path))
    try:
        table = [(n, values) for n, values in enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
                 if any(v.strip() for v in values)]
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV file ({exc})") from None
    if not table:
        raise InputError(f"{path}: empty file")
    header = [h.strip().lower() for h in table[0][1]]
    doubled = sorted({h for h in header if h and header.count(h) > 1})
    if doubled:
        raise InputError(f"{path}: column {doubled[0]!r} appears twice in the header")
    return header, table[1:]


def _row(header: list[str], values: list[str]) -> _Row:
    if len(values) != len(header):
        raise InputError(f"{len(values)} fields, the header has {len(header)}")
    return {h: v.strip() for h, v in zip(header, values)}


def _event_fields(row: _Row, taxonomy: Taxonomy) -> dict[str, Any]:
    """The event-level fields of a row, checked; an InputError says what is wrong with it."""
    event_id = row.get("event_id_cnty", "")
    if not event_id:
        raise InputError("missing event_id_cnty")
    day = parse_acled_date(row.get("event_date", ""))
    year = row.get("year", "")
    if year and year != str(day.year):
        raise InputError(f"year {year!r} does not match event_date {day.isoformat()}")
    event_type, sub_event_type = _types(row.get("event_type", ""), row.get("sub_event_type", ""), taxonomy)
    latitude, longitude = _coordinate(row, "latitude", 90.0), _coordinate(row, "longitude", 180.0)
    if (latitude is None) != (longitude is None):
        raise InputError("latitude and longitude must be given together")
    text = {k: row.get(k, "") for k in ("interaction", "civilian_targeting", "iso", "region", "country", "admin1",
                                        "admin2", "admin3", "location", "source", "source_scale", "notes", "tags",
                                        "timestamp")}
    return {
        **text, "event_id_cnty": event_id, "event_date": day, "time_precision": _code(row, "time_precision"),
        "disorder_type": row.get("disorder_type") or taxonomy.sub_event(sub_event_type).disorder_type,
        "event_type": event_type, "sub_event_type": sub_event_type, "latitude": latitude, "longitude": longitude,
        "geo_precision": _code(row, "geo_precision"), "fatalities": _fatalities(row),
    }


def _types(event_type: str, sub_event_type: str, taxonomy: Taxonomy) -> tuple[str, str]:
    """The taxonomy's spelling of an event type pair (case aside), or an InputError for an unknown pair."""
    if not event_type or not sub_event_type:
        raise InputError(f"missing {'event_type' if not event_type else 'sub_event_type'}")
    types = {t.lower(): t for t in taxonomy.event_types}
    subs = {s.lower(): s for s in taxonomy.sub_event_types}
    canonical_type = types.get(event_type.lower(), event_type)
    canonical_sub = (_SUB_EVENT_SPELLINGS.get(sub_event_type.lower())
                     or subs.get(sub_event_type.lower(), sub_event_type))
    if not taxonomy.is_valid(canonical_type, canonical_sub):
        raise InputError(f"unknown event type / sub-event type pair {event_type!r} / {sub_event_type!r}")
    return canonical_type, canonical_sub


def _coordinate(row: _Row, key: str, limit: float) -> float | None:
    text = row.get(key, "")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"{key} {text!r} is not a number") from None
    if not -limit <= value <= limit:  # also false for nan
        raise InputError(f"{key} {text!r} is out of range (-{limit:g} to {limit:g})")
    return value


def _code(row: _Row, key: str) -> int:
    """A precision code, 1 to 3; 1 when the column is absent or empty."""
    text = row.get(key, "")
    if not text:
        return 1
    if text not in ("1", "2", "3"):
        raise InputError(f"{key} {text!r} is not 1, 2 or 3")
    return int(text)


def _fatalities(row: _Row) -> int:
    """A count ("12", or "12.0" as spreadsheets write it); an empty cell is ACLED's 0."""
    text = row.get("fatalities", "")
    if not text:
        return 0
    if not _INTEGER.fullmatch(text):
        raise InputError(f"fatalities {text!r} is not a non-negative integer")
    return int(float(text))


def _record(fields: dict[str, Any], taxonomy: Taxonomy, **actors: str) -> AcledRecord:
    try:
        return AcledRecord(**fields, **actors, doc_id=fields["event_id_cnty"], origin="acled", confidence=1.0,
                           plover_type=taxonomy.plover_of(fields["sub_event_type"], fields["event_type"]))
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None


def _read_dyadic(header: list[str], rows: _Numbered,
                 taxonomy: Taxonomy) -> tuple[list[AcledRecord], _Problems]:
    records: list[AcledRecord] = []
    problems: _Problems = []
    first_row: dict[str, int] = {}
    for n, values in rows:
        try:
            row = _row(header, values)
            fields = _event_fields(row, taxonomy)
            event_id = fields["event_id_cnty"]
            if event_id in first_row:
                raise InputError(f"event {event_id} already read on row {first_row[event_id]}")
            records.append(_record(fields, taxonomy, **{k: row.get(k, "") for k in (
                "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2")}))
            first_row[event_id] = n
        except InputError as exc:
            problems.append((n, f"row {n}: {exc}"))
    return records, problems


def _read_monadic(header: list[str], rows: _Numbered,
                  taxonomy: Taxonomy) -> tuple[list[AcledRecord], _Problems]:
    """Rows grouped by event: the first row's actor is actor1, the second's actor2. An event with a bad row is
    skipped whole, since its other row alone would put the wrong actor first."""
    problems: _Problems = []
    events: dict[str, list[tuple[int, _Row, dict[str, Any]]]] = {}
    bad: dict[str, int] = {}
    for n, values in rows:
        try:
            row = _row(header, values)
        except InputError as exc:
            problems.append((n, f"row {n}: {exc}"))
            continue
        try:
            fields = _event_fields(row, taxonomy)
        except InputError as exc:
            problems.append((n, f"row {n}: {exc}"))
            if row.get("event_id_cnty"):
                bad.setdefault(row["event_id_cnty"], n)
            continue
        events.setdefault(fields["event_id_cnty"], []).append((n, row, fields))

    records: list[AcledRecord] = []
    for event_id, members in events.items():
        first_n, first, fields = members[0]
        if event_id in bad:
            problems += [(n, f"row {n}: skipped with malformed row {bad[event_id]} of the same event {event_id}")
                         for n, _, _ in members]
            continue
        if len(members) > 2:
            third = members[2][0]
            numbers = ", ".join(str(n) for n, _, _ in members)
            why = f"event {event_id} has more than two actor rows (rows {numbers}); skipped"
            problems.append((third, f"row {third}: {why}"))
            continue
        second_n, second, second_fields = members[1] if len(members) == 2 else (0, {}, fields)
        differing = [k for k in ("event_date", "event_type", "sub_event_type") if second_fields[k] != fields[k]]
        if differing:
            why = f"{differing[0]} differs from row {first_n} of the same event {event_id}; skipped"
            problems.append((second_n, f"row {second_n}: {why}"))
            continue
        try:
            records.append(_record(fields, taxonomy, actor1=first.get("actor", ""),
                                   assoc_actor_1=first.get("assoc_actor", ""), inter1=first.get("inter", ""),
                                   actor2=second.get("actor", ""), assoc_actor_2=second.get("assoc_actor", ""),
                                   inter2=second.get("inter", "")))
        except InputError as exc:
            problems.append((first_n, f"row {first_n}: {exc}"))
    return records, problems


# -- writing -------------------------------------------------------------------------------------------------

def write_acled_csv(records: Iterable[AcledRecord], fh: IO[str]) -> int:
    """ACLED rows as CSV (header :data:`FILE_COLUMNS`); returns how many were written."""
    writer = csv.DictWriter(fh, fieldnames=FILE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for record in records:
        writer.writerow({k: "" if v is None else v for k, v in record.to_row().items()})
        n += 1
    return n


def write_acled_jsonl(records: Iterable[AcledRecord], fh: IO[str]) -> int:
    """One JSON object per line, keyed as the CSV header; returns how many were written."""
    n = 0
    for record in records:
        fh.write(json.dumps(record.to_row(), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_records(records: Iterable[AcledRecord], path: str | Path) -> int:
    """Write ``.csv`` or ``.jsonl`` by the file's suffix; any other suffix is an InputError."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl"):
        raise InputError(f"{path}: unsupported file type {suffix or '(no suffix)'!r}; expected .csv or .jsonl")
    try:
        with path.open("w", encoding="utf-8", newline="") as fh:
            return write_acled_csv(records, fh) if suffix == ".csv" else write_acled_jsonl(records, fh)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or type(exc).__name__}") from exc
