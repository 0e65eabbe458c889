"""The events an export writes, as plain dicts ("views"): report-level events, or canonical (fused) ones.

Every event format (ACLED, PLOVER, GeoJSON) reads the same views, so that they agree on which events exist,
what their participants are and which sentences and documents they rest on. A report-level view is one row of
``events`` with its participants, tolls, evidence and document. A canonical view is one row of
``fused_events`` with its participants, member reports (their documents and sentences) and the alternatives
reports give for contested fields. Reports that no fusion run has seen yet (ingested after the last run) are
exported as they are, beside the canonical events, and counted, rather than silently left out.

Each query reads a whole table once and rows are grouped here: one query per event would make an export of
a large store slow.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb

from sahelwatch.store.queries import fetch, has_fusion

View = dict[str, Any]
Row = dict[str, Any]

_ROLE_ORDER = "case {t}.role when 'source' then 0 when 'target' then 1 else 2 end"

REPORT_EVENTS = """
select e.*, d.source as document_source, d.published
from events e
join documents d on d.id = e.doc_id
{where}
order by e.date_start nulls last, e.doc_id, e.id
"""

#: reports no fusion run has placed in a canonical event
UNFUSED = """where not exists (select 1 from fused_event_members m
                  where m.doc_id = e.doc_id and m.event_id = e.id)"""

REPORT_PARTICIPANTS = f"""
select p.doc_id, p.event_id, p.actor_id, p.name, p.role, a.name as actor_name, a.kind, a.country,
       null::integer as n_reports
from event_participants p
left join actors a on a.id = p.actor_id
order by p.doc_id, p.event_id, {_ROLE_ORDER.format(t='p')}, p.name
"""

EVENT_EVIDENCE = """
select doc_id, record_id as event_id, start, "end", sentence as text, speaker, modality
from evidence
where record_kind = 'event'
order by doc_id, record_id, start, "end"
"""

TOLLS = """
select doc_id, event_id, value, low, high, outcome, text, speaker, modality
from event_tolls
order by doc_id, event_id, start
"""

DOCUMENTS = "select id as doc_id, source, title, published, language, origin from documents"

FUSED_EVENTS = "select * from fused_events order by date_start nulls last, id"

FUSED_PARTICIPANTS = f"""
select f.fused_id, f.actor_id, f.name, f.role, f.n_reports, a.name as actor_name, a.kind, a.country
from fused_event_participants f
left join actors a on a.id = f.actor_id
order by f.fused_id, {_ROLE_ORDER.format(t='f')}, f.n_reports desc, f.name
"""

FUSED_MEMBERS = """
select m.fused_id, m.doc_id, m.event_id, m.linked_to_doc, m.linked_to_event, m.score, m.reason
from fused_event_members m
join documents d on d.id = m.doc_id
order by m.fused_id, d.published nulls last, m.doc_id, m.event_id
"""

FUSED_VALUES = """
select fused_id, field, value, n_reports, n_sources, sources, doc_ids, chosen
from fused_event_values
order by fused_id, field, chosen desc, n_reports desc, value
"""

#: fields a view copies from its events / fused_events row as they are
PLACE_FIELDS = ("place_name", "country", "admin1", "admin2", "lat", "lon", "geo_precision")
EVENT_FIELDS = ("type", "acled_event_type", "acled_sub_event_type", "date_start", "date_end", "date_precision",
                *PLACE_FIELDS, "fatalities", "confidence")


@dataclass(frozen=True)
class Selection:
    """The views an export writes and what the user should be told about them."""

    views: list[View]
    canonical: bool  # fused events (plus unfused reports), not one view per report
    n_reports: int  # report-level events in the store
    n_unfused: int  # reports exported as they are beside the canonical events
    fusion_run: bool  # whether the canonical tables are filled

    def note(self) -> str:
        """One line for stderr: which kind of events was exported, so that a count is never misread."""
        if not self.canonical:
            text = f"exported {len(self.views)} report-level events"
            return text if self.fusion_run else text + " (fusion has not been run: one event per report)"
        text = (f"exported {len(self.views) - self.n_unfused} canonical events fused from "
                f"{self.n_reports - self.n_unfused} reports")
        if self.n_unfused:
            text += f", and {self.n_unfused} reports not yet fused (run fusion again to merge them)"
        return text + "; --reports exports one event per report"


def select_events(con: duckdb.DuckDBPyConnection, *, reports: bool = False) -> Selection:
    """Canonical events when fusion has been run and ``reports`` is false, else report-level events."""
    n_reports = int((con.execute("select count(*) from events").fetchone() or (0,))[0])
    fused = has_fusion(con)
    if reports or not fused:
        return Selection(report_views(con), False, n_reports, 0, fused)
    unfused = report_views(con, unfused_only=True)
    return Selection(canonical_views(con) + unfused, True, n_reports, len(unfused), True)


def report_views(con: duckdb.DuckDBPyConnection, *, unfused_only: bool = False) -> list[View]:
    """One view per stored event (or per event no fusion run has placed), by date."""
    events = fetch(con, REPORT_EVENTS.format(where=UNFUSED if unfused_only else ""), {})
    if not events:  # the usual case right after a fusion run: spare reading the other tables
        return []
    participants = _group(fetch(con, REPORT_PARTICIPANTS, {}), "doc_id", "event_id")
    evidence = _group(fetch(con, EVENT_EVIDENCE, {}), "doc_id", "event_id")
    tolls = _group(fetch(con, TOLLS, {}), "doc_id", "event_id")
    documents = {d["doc_id"]: d for d in fetch(con, DOCUMENTS, {})}
    return [report_view(e, participants.get((e["doc_id"], e["id"]), []), evidence.get((e["doc_id"], e["id"]), []),
                        tolls.get((e["doc_id"], e["id"]), []), documents.get(e["doc_id"]))
            for e in events]


def report_view(event: Row, participants: list[Row], evidence: list[Row], tolls: list[Row],
                document: Row | None) -> View:
    """A report-level event; its id joins document and event id, which only together are unique."""
    killed = [t for t in tolls if t["outcome"] == "killed"]
    view: View = {field: event.get(field) for field in EVENT_FIELDS}
    view.update(
        id=f"{event['doc_id']}/{event['id']}", level="report", doc_id=event["doc_id"], event_id=event["id"],
        modality=event.get("modality"),
        fatalities_low=min((t["low"] if t["low"] is not None else t["value"] for t in killed), default=None),
        fatalities_high=max((t["high"] if t["high"] is not None else t["value"] for t in killed), default=None),
        participants=[_participant(p) for p in participants], evidence=[_evidence(e) for e in evidence],
        tolls=[{k: t[k] for k in ("value", "low", "high", "outcome", "text", "speaker", "modality")} for t in tolls],
        documents=[document] if document else [], members=[], n_reports=1, n_documents=1,
        n_sources=1, contested=[], alternatives={},
    )
    return view


def canonical_views(con: duckdb.DuckDBPyConnection) -> list[View]:
    """One view per canonical event, by date, with its member reports and their sentences and documents."""
    fused = fetch(con, FUSED_EVENTS, {})
    participants = _group(fetch(con, FUSED_PARTICIPANTS, {}), "fused_id")
    members = _group(fetch(con, FUSED_MEMBERS, {}), "fused_id")
    values = _group(fetch(con, FUSED_VALUES, {}), "fused_id")
    evidence = _group(fetch(con, EVENT_EVIDENCE, {}), "doc_id", "event_id")
    documents = {d["doc_id"]: d for d in fetch(con, DOCUMENTS, {})}
    views = []
    for row in fused:
        key = (row["id"],)
        own_members = members.get(key, [])
        views.append(canonical_view(
            row, participants.get(key, []), own_members,
            [e for m in own_members for e in evidence.get((m["doc_id"], m["event_id"]), [])],
            [documents[d] for d in dict.fromkeys(m["doc_id"] for m in own_members) if d in documents],
            values.get(key, [])))
    return views


def canonical_view(row: Row, participants: list[Row], members: list[Row], evidence: list[Row],
                   documents: list[Row], values: list[Row]) -> View:
    """A canonical event; ``alternatives`` lists, per contested field, every value reports give and its support."""
    contested = [f.strip() for f in (row.get("contested") or "").split(";") if f.strip()]
    by_field: dict[str, list[Row]] = defaultdict(list)
    for value in values:
        by_field[value["field"]].append(value)
    alternatives = {field: [{k: v[k] for k in ("value", "n_reports", "n_sources", "sources", "doc_ids", "chosen")}
                            for v in rows]
                    for field, rows in by_field.items() if field in contested or len(rows) > 1}
    view: View = {field: row.get(field) for field in EVENT_FIELDS}
    view.update(
        id=row["id"], level="canonical", doc_id=None, event_id=None, modality=None,
        fatalities_low=row.get("fatalities_low"), fatalities_high=row.get("fatalities_high"),
        participants=[_participant(p) for p in participants], evidence=[_evidence(e) for e in evidence],
        tolls=[], documents=documents,
        members=[{k: m[k] for k in ("doc_id", "event_id", "linked_to_doc", "linked_to_event", "score", "reason")}
                 for m in members],
        n_reports=row.get("n_reports"), n_documents=row.get("n_documents"), n_sources=row.get("n_sources"),
        first_published=row.get("first_published"), last_published=row.get("last_published"),
        contested=sorted(set(contested) | {f for f in alternatives}), alternatives=alternatives,
    )
    return view


def iso(value: Any) -> Any:
    """Dates as ISO strings; also ``json.dumps``' fallback, so any other value it cannot write becomes text."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return str(value)


def outlets(view: View) -> list[str]:
    """The outlets the event's documents came from, each once, in publication order (documents without one are
    named by their id)."""
    return list(dict.fromkeys(d.get("source") or d["doc_id"] for d in view["documents"]))


def _participant(row: Row) -> Row:
    return {k: row.get(k) for k in ("actor_id", "name", "role", "actor_name", "kind", "country", "n_reports")}


def _evidence(row: Row) -> Row:
    return {k: row.get(k) for k in ("doc_id", "event_id", "start", "end", "text", "speaker", "modality")}


def _group(rows: Iterable[Row], *keys: str) -> dict[tuple, list[Row]]:
    grouped: dict[tuple, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[tuple(row[k] for k in keys)].append(row)
    return grouped
