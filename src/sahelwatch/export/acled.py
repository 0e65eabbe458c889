"""ACLED rows of canonical events: one row per real event, however many reports told it.

A canonical event becomes the row :func:`sahelwatch.acled.convert.record_from_store` makes of a stored event,
built from the fused values: the canonical type, date, place and conservative fatality count, its actors named
by the knowledge base's ACLED names on its date, ``source`` listing the outlets of every report ("; ", as
ACLED separates sources) and ``notes`` the sentences the reports were read from. An event fused from a single
imported ACLED row gives that row back unchanged; one that merges an imported row with text reports keeps the
row's ``event_id_cnty`` and its actor-type and interaction codes. Reports no fusion run has placed are exported
as the report-level export would.
"""
from __future__ import annotations

from typing import Any

import duckdb

from sahelwatch.acled.convert import record_from_store
from sahelwatch.export.events import Selection, View, outlets
from sahelwatch.kb.actors import ActorKB
from sahelwatch.model import AcledRecord
from sahelwatch.store import queries

#: columns of an imported ACLED row that the event model has no field for, carried into its canonical row
_IMPORTED_ONLY = ("inter1", "inter2", "interaction", "civilian_targeting", "source_scale", "tags", "admin3",
                  "acled_timestamp")

#: the actor's ACLED name, so that a participant unknown to the knowledge base keeps the name ACLED gave it
ACTOR_ACLED_NAMES = "select id, name, acled_name from actors"


def acled_records(con: duckdb.DuckDBPyConnection, selection: Selection, kb: ActorKB) -> list[AcledRecord]:
    """The selection's events with an ACLED type and a date as ACLED rows, in the selection's order."""
    stored = {(r["doc_id"], r["id"]): r for r in queries.acled_events(con)}
    names = {r["id"]: r for r in queries.fetch(con, ACTOR_ACLED_NAMES, {})}
    records = []
    for view in selection.views:
        if view["level"] == "report":
            row = stored.get((view["doc_id"], view["event_id"]))
        else:
            row = canonical_row(view, [stored[key] for key in _member_keys(view) if key in stored], names)
        record = record_from_store(row, kb) if row is not None else None
        if record is not None:
            records.append(record)
    return records


def canonical_row(view: View, members: list[dict[str, Any]], names: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A canonical event in the shape of a ``queries.ACLED_EVENTS`` row, which ``record_from_store`` reads."""
    imported = [m for m in members if m.get("origin") == "acled"]
    if len(members) == 1 and imported:
        return imported[0]
    first = imported[0] if imported else {}
    row: dict[str, Any] = {k: view[k] for k in ("acled_event_type", "acled_sub_event_type", "date_start",
                                                 "date_precision", "place_name", "country", "admin1", "admin2",
                                                 "lat", "lon", "geo_precision", "fatalities", "type", "confidence")}
    row.update({k: first.get(k) for k in _IMPORTED_ONLY})
    row.update(
        doc_id=view["id"], origin="text", acled_event_id=first.get("acled_event_id"), acled_event_date=None,
        document_source="; ".join(outlets(view)),
        acled_participants=[{"actor_id": p["actor_id"], "name": p["name"], "role": p["role"], "side": None,
                             "acled_name": (names.get(p["actor_id"]) or {}).get("acled_name"),
                             "actor_name": p.get("actor_name")} for p in view["participants"]],
        sentences=[e["text"] for e in view["evidence"]],
    )
    return row


def _member_keys(view: View) -> list[tuple[str, str]]:
    return [(m["doc_id"], m["event_id"]) for m in view["members"]]
