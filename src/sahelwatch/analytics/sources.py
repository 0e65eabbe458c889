"""Where analytics read events from: canonical (fused) events where fusion has run, raw reports otherwise.

Fusion groups the reports of one real event, so counting fused events counts each battle once however many
outlets told it. Reports that arrived after the last fusion run are in no cluster yet; they are counted as
they are, beside the fused events, rather than silently left out. Both sources are written as two SQL
fragments with the same columns, so every query here reads one ``ev`` relation and one ``pa`` relation.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb

from sahelwatch.errors import InputError
from sahelwatch.store.queries import has_fusion

#: the columns every event source gives, in order
EVENT_COLUMNS = ("key", "type", "acled_event_type", "acled_sub_event_type", "date_start", "date_end",
                 "country", "admin1", "fatalities")

_FUSED_EVENTS = """
select f.id as key, f.type, f.acled_event_type, f.acled_sub_event_type, f.date_start, f.date_end,
       f.country, f.admin1, f.fatalities
from fused_events f
"""

_UNFUSED = """not exists (select 1 from fused_event_members m
                    where m.doc_id = {alias}.doc_id and m.event_id = {alias}.{event})"""

_RAW_EVENTS = """
select e.doc_id || chr(31) || e.id as key, e.type, e.acled_event_type, e.acled_sub_event_type, e.date_start,
       e.date_end, e.country, e.admin1, e.fatalities
from events e
"""

_FUSED_PARTICIPANTS = "select fused_id as key, actor_id, role from fused_event_participants"

_RAW_PARTICIPANTS = """
select p.doc_id || chr(31) || p.event_id as key, p.actor_id, p.role
from event_participants p
"""

#: the reports (document, event) behind each key: a fused event's members, or the raw report itself
_FUSED_REPORTS = "select fused_id as key, doc_id from fused_event_members"
_RAW_REPORTS = "select e.doc_id || chr(31) || e.id as key, e.doc_id from events e"

#: the actor ids answering to a name: id, name, ACLED name or alias, case-insensitively
ACTOR_IDS = """
select id from actors
where lower(id) = lower($name) or lower(name) = lower($name) or lower(acled_name) = lower($name)
union
select actor_id from actor_aliases where lower(alias) = lower($name)
"""


@dataclass(frozen=True)
class EventSource:
    """SQL for the events (``ev``), their participants (``pa``) and reports (``rp``) an analysis reads.

    ``fused``: canonical events, plus the reports no cluster holds. Those are looked for only among documents
    ingested after the last fusion run (``fused_since``), which keeps the query fast at a million events; with
    no run recorded, among all documents."""

    fused: bool
    fused_since: datetime | None = None
    #: are there documents the last fusion run did not see? (always assumed when no run is recorded)
    pending: bool = True

    def ctes(self) -> str:
        """A ``with`` clause defining ``ev``, ``pa`` and ``rp``; bind :meth:`params` with it."""
        if not self.fused:
            return f"with ev as ({_RAW_EVENTS}), pa as ({_RAW_PARTICIPANTS}), rp as ({_RAW_REPORTS})\n"
        if not self.pending:
            return f"with ev as ({_FUSED_EVENTS}), pa as ({_FUSED_PARTICIPANTS}), rp as ({_FUSED_REPORTS})\n"
        recent = ("" if self.fused_since is None else
                  " and {alias}.doc_id in (select id from documents where ingested_at > $fused_since)")
        unfused_e = _UNFUSED.format(alias="e", event="id") + recent.format(alias="e")
        unfused_p = _UNFUSED.format(alias="p", event="event_id") + recent.format(alias="p")
        return (f"with ev as ({_FUSED_EVENTS} union all {_RAW_EVENTS} where {unfused_e}),\n"
                f"pa as ({_FUSED_PARTICIPANTS} union all {_RAW_PARTICIPANTS} where {unfused_p}),\n"
                f"rp as ({_FUSED_REPORTS} union all {_RAW_REPORTS} where {unfused_e})\n")

    def params(self) -> dict[str, Any]:
        needed = self.fused and self.pending and self.fused_since is not None
        return {"fused_since": self.fused_since} if needed else {}


def event_source(con: duckdb.DuckDBPyConnection, fused: bool = True) -> EventSource:
    """Fused events (with reports not yet fused) when asked for and fusion has run; raw reports otherwise."""
    if not (fused and has_fusion(con)):
        return EventSource(fused=False)
    row = con.execute("select max(started_at) from fusion_runs").fetchone()
    since = row[0] if row else None
    if since is None:
        return EventSource(fused=True)
    row = con.execute("select exists (select 1 from documents where ingested_at > $since)", {"since": since})
    return EventSource(fused=True, fused_since=since, pending=bool(row.fetchone()[0]))


def actor_ids(con: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    """Ids of the stored actors answering to ``name``; an unknown name is the user's error."""
    ids = [r[0] for r in con.execute(ACTOR_IDS, {"name": name.strip()}).fetchall()]
    if not ids:
        raise InputError(f"unknown actor {name!r}")
    return sorted(ids)


def as_date(value: date | str | None) -> date | None:
    """A date from a date or an ISO string (what the CLI and notebooks pass); a bad string is an InputError."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"bad date {value!r}: expected YYYY-MM-DD") from None
