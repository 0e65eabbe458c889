"""Exports of the store in the formats other tools read: JSON of every table, Parquet of every table, ACLED CSV,
PLOVER JSON and GeoJSON of events, GraphML of the actor graph.

Event formats write canonical events (one per real event, :mod:`sahelwatch.link` fusion) once fusion has been
run, and report-level events (one per report) before that or with ``reports=True``; the outcome's notes say
which, so that a count is never misread. :func:`run_export` is what ``sahelwatch export`` calls: it checks the
target before writing anything, reads the store (opened read-only by the caller) and returns what goes to
standard output and the one-line notes for stderr.
"""
from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from sahelwatch.errors import InputError

__all__ = ["EVENT_FORMATS", "FORMATS", "Outcome", "check_target", "run_export"]

#: every format, in the order ``--help`` lists them
FORMATS = ("json", "acled", "plover", "geojson", "parquet", "graphml")
#: formats of events, which export canonical events once fusion has been run
EVENT_FORMATS = ("acled", "plover", "geojson")
#: formats that need ``-o``: a directory of files, or a file no terminal should receive
NEEDS_OUTPUT = {"parquet": "DIR", "graphml": "FILE.graphml"}


@dataclass
class Outcome:
    """What an export produced: text for standard output (None when it wrote a file) and notes for stderr."""

    text: str | None = None
    notes: list[str] = field(default_factory=list)


def check_target(fmt: str, output: Path | None, *, reports: bool = False, as_of: date | None = None) -> None:
    """Refuse, before the store is read, options that do not fit the format and targets that cannot be written."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if output is None and fmt in NEEDS_OUTPUT:
        raise InputError(f"--format {fmt} needs -o {NEEDS_OUTPUT[fmt]}")
    if reports and fmt not in EVENT_FORMATS:
        raise InputError(f"--reports applies to --format {', '.join(EVENT_FORMATS)}, not {fmt}")
    if as_of is not None and fmt != "graphml":
        raise InputError(f"--as-of applies to --format graphml, not {fmt}")
    if output is None or fmt == "parquet":
        return
    if output.is_dir():
        raise InputError(f"{output}: is a directory; --format {fmt} writes one file")
    if not output.parent.is_dir():
        raise InputError(f"{output}: directory {output.parent} does not exist")
    if fmt == "acled" and output.suffix.lower() not in (".csv", ".jsonl"):
        raise InputError(f"{output}: unsupported file type {output.suffix or '(no suffix)'!r}; "
                         "expected .csv or .jsonl")


def run_export(store: Any, fmt: str, output: Path | None, *, reports: bool = False,
               as_of: date | None = None) -> Outcome:
    """Export ``store`` (a :class:`sahelwatch.store.Store`) as ``fmt`` to ``output``, or to the outcome's text."""
    check_target(fmt, output, reports=reports, as_of=as_of)
    exporters: dict[str, Callable[..., Outcome]] = {
        "json": _json, "acled": _acled, "plover": _plover, "geojson": _geojson, "parquet": _parquet,
        "graphml": _graphml}
    return exporters[fmt](store, output, reports=reports, as_of=as_of)


def write_output(output: Path | None, write: Callable[[IO[str]], Any]) -> tuple[str | None, Any]:
    """Run ``write`` on the output file, or on a buffer whose text is returned for standard output."""
    if output is None:
        buf = io.StringIO()
        result = write(buf)
        return buf.getvalue(), result
    try:
        with output.open("w", encoding="utf-8", newline="") as fh:
            return None, write(fh)
    except OSError as exc:
        raise InputError(f"{output}: cannot write: {exc.strerror or type(exc).__name__}") from exc


def _json(store: Any, output: Path | None, **_: Any) -> Outcome:
    data = store.export_json()
    text, _n = write_output(output, lambda fh: fh.write(json.dumps(data, ensure_ascii=False, indent=1,
                                                                    default=str) + "\n"))
    notes = [] if output is None else [f"wrote {output} ({sum(len(v) for v in data.values())} rows)"]
    return Outcome(text, notes)


def _acled(store: Any, output: Path | None, *, reports: bool, **_: Any) -> Outcome:
    from sahelwatch.acled.exchange import write_acled_csv, write_acled_jsonl
    from sahelwatch.export.acled import acled_records
    from sahelwatch.export.events import select_events
    from sahelwatch.kb.actors import load_actors

    selection = select_events(store.con, reports=reports)
    records = acled_records(store.con, selection, load_actors())
    jsonl = output is not None and output.suffix.lower() == ".jsonl"
    text, _n = write_output(output, lambda fh: (write_acled_jsonl if jsonl else write_acled_csv)(records, fh))
    notes = [_fusion_note(selection)]
    if output is not None:
        notes.insert(0, f"wrote {output} ({len(records)} ACLED events)")
    if len(selection.views) > len(records):
        notes.append(f"left out {len(selection.views) - len(records)} events without an ACLED event type or a date")
    return Outcome(text, notes)


def _plover(store: Any, output: Path | None, *, reports: bool, **_: Any) -> Outcome:
    from sahelwatch.export.events import select_events
    from sahelwatch.export.plover import write_plover

    selection = select_events(store.con, reports=reports)
    lines = output is not None and output.suffix.lower() == ".jsonl"
    text, n = write_output(output, lambda fh: write_plover(selection.views, fh, lines=lines))
    notes = [_fusion_note(selection)]
    if output is not None:
        notes.insert(0, f"wrote {output} ({n} PLOVER events{', JSON Lines' if lines else ''})")
    return Outcome(text, notes)


def _geojson(store: Any, output: Path | None, *, reports: bool, **_: Any) -> Outcome:
    from sahelwatch.export.events import select_events
    from sahelwatch.export.geojson import write_geojson

    selection = select_events(store.con, reports=reports)
    text, (n, missing) = write_output(output, lambda fh: write_geojson(selection.views, fh))
    notes = [_fusion_note(selection)]
    if output is not None:
        notes.insert(0, f"wrote {output} ({n} events with coordinates)")
    if missing:
        notes.append(f"left out {missing} events without coordinates (a GeoJSON Point needs them)")
    return Outcome(text, notes)


def _parquet(store: Any, output: Path, **_: Any) -> Outcome:
    from sahelwatch.export.parquet import write_parquet

    written = write_parquet(store.con, output)
    return Outcome(None, [f"wrote {len(written)} tables to {output} ({sum(written.values())} rows): "
                          + ", ".join(f"{t} {n}" for t, n in written.items() if n)])


def _graphml(store: Any, output: Path, *, as_of: date | None, **_: Any) -> Outcome:
    from sahelwatch.export.graphml import write_graphml

    try:
        n = write_graphml(store, output, as_of=as_of)
    except OSError as exc:
        raise InputError(f"{output}: cannot write: {exc.strerror or type(exc).__name__}") from exc
    as_of_text = f" as of {as_of.isoformat()}" if as_of else ""
    return Outcome(None, [f"wrote {output} (actor graph{as_of_text}: {n} edges)"])


def _fusion_note(selection: Any) -> str:
    return selection.note() if selection.n_reports else "the store holds no events"
