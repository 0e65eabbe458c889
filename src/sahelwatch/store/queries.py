"""Named SQL for the store: readable statements, values always bound as parameters.

Filters are optional, so each read query is a fixed ``select`` plus a ``where`` made of the fixed condition
snippets below that apply; only those snippets' named parameters are bound (DuckDB refuses unused ones).
"""
from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from sahelwatch.errors import InputError

Row = dict[str, Any]

# -- writes (used only by Store.save and Store.import_acled) ----------------------------------------------------

#: tables of the open database (not of attached ones), to recognise a DuckDB file that is not a store
OWN_TABLES = """
select table_name from information_schema.tables
where table_catalog = current_database() and table_schema = 'main'
"""

#: which of a list of texts (by sha256) are stored, among read texts only: an imported ACLED event's notes may
#: also be analysed as text, side by side
DOCUMENTS_BY_SHAS = "select sha256 from documents where origin = 'text' and list_contains(?, sha256)"

#: every read text's sha256 (what a resumed ingest skips)
TEXT_SHAS = "select sha256 from documents where origin = 'text'"

#: the ACLED events already imported, by document id
ACLED_DOCUMENT_IDS = "select id from documents where origin = 'acled'"

#: a knowledge-base description wins over a candidate's; known values are never replaced by unknown ones
#: the conflict clause of the actor upsert, for a many-row insert (``Store._upsert_actors``)
ON_CONFLICT_ACTOR = """
on conflict (id) do update set
    name       = case when excluded.in_kb or not actors.in_kb then excluded.name else actors.name end,
    acled_name = case when excluded.in_kb or not actors.in_kb
                      then coalesce(excluded.acled_name, actors.acled_name) else actors.acled_name end,
    kind       = case when excluded.kind = 'unknown' or (actors.in_kb and not excluded.in_kb)
                      then actors.kind else excluded.kind end,
    country    = case when excluded.in_kb or not actors.in_kb
                      then coalesce(excluded.country, actors.country) else actors.country end,
    in_kb      = actors.in_kb or excluded.in_kb
"""

# -- filter snippets -----------------------------------------------------------------------------------------

#: ids of the actors whose id, name, ACLED name or any alias is $actor, case-insensitively
_ACTOR_IDS = """(
    select id from actors
    where lower(id) = lower($actor) or lower(name) = lower($actor) or lower(acled_name) = lower($actor)
    union
    select actor_id from actor_aliases where lower(alias) = lower($actor)
)"""

_EVENT_HAS_ACTOR = f"""exists (
    select 1 from event_participants p
    where p.doc_id = e.doc_id and p.event_id = e.id
      and (p.actor_id in {_ACTOR_IDS} or lower(p.name) = lower($actor))
)"""

_EVENT_FILTERS = {
    "actor": _EVENT_HAS_ACTOR,
    "type": """(upper(e.type) = upper($type) or lower(e.acled_event_type) = lower($type)
               or lower(e.acled_sub_event_type) = lower($type))""",
    "country": "upper(e.country) = upper($country)",
    "start": "coalesce(e.date_end, e.date_start) >= $start",
    "end": "e.date_start <= $end",
    "doc_id": "e.doc_id = $doc_id",
    "origin": "exists (select 1 from documents od where od.id = e.doc_id and od.origin = $origin)",
}

_ORIGIN = "(select od.origin from documents od where od.id = e.doc_id)"

_PARTICIPANTS = """(
    select string_agg(p.name || ' (' || p.role || ')', '; '
                      order by case p.role when 'source' then 0 when 'target' then 1 else 2 end, p.name)
    from event_participants p
    where p.doc_id = e.doc_id and p.event_id = e.id
)"""

# -- reads ---------------------------------------------------------------------------------------------------

#: every figure given for an event's dead or wounded, with who gave it: "50 killed (JNIM); 2 wounded (army)"
_TOLLS = """(select string_agg(t.value || ' ' || t.outcome || coalesce(' (' || t.speaker || ')', ''), '; '
                    order by t.start)
            from event_tolls t where t.doc_id = e.doc_id and t.event_id = e.id)"""

#: the page of events first (filtered, ordered, limited), then its participants, tolls and origin by joins on
#: that page only: correlated subqueries over every event made a 100-row page take seconds at 1M events
_EVENT_PAGE = """
select e.* from events e
{where}
order by e.date_start nulls last, e.doc_id, e.id
"""

EVENTS = """
with page as materialized ({page})
select page.*, d.origin, pp.participants, tt.tolls
from page
left join documents d on d.id = page.doc_id
left join (
    select p.doc_id, p.event_id,
           string_agg(p.name || ' (' || p.role || ')', '; '
                      order by case p.role when 'source' then 0 when 'target' then 1 else 2 end, p.name)
               as participants
    from event_participants p join page k on k.doc_id = p.doc_id and k.id = p.event_id
    group by all
) pp on pp.doc_id = page.doc_id and pp.event_id = page.id
left join (
    select t.doc_id, t.event_id,
           string_agg(t.value || ' ' || t.outcome || coalesce(' (' || t.speaker || ')', ''), '; ' order by t.start)
               as tolls
    from event_tolls t join page k on k.doc_id = t.doc_id and k.id = t.event_id
    group by all
) tt on tt.doc_id = page.doc_id and tt.event_id = page.id
order by page.date_start nulls last, page.doc_id, page.id
"""

TIMELINE = f"""
select e.date_start, e.date_end, e.date_precision, e.type, e.acled_event_type, e.acled_sub_event_type,
       {_PARTICIPANTS} as participants, e.trigger, e.place_name, e.country, e.fatalities, e.modality,
       e.background, e.confidence, e.id as event_id, e.doc_id, d.source, d.published, d.origin
from events e
join documents d on d.id = e.doc_id
{{where}}
order by e.date_start nulls last, d.published nulls last, e.doc_id, e.id
"""

ACTORS = """
select a.id, a.name, a.acled_name, a.kind, a.country, a.in_kb,
       (select string_agg(al.alias, '; ' order by al.alias) from actor_aliases al where al.actor_id = a.id)
           as aliases,
       coalesce(c.n_events, 0) as n_events,
       coalesce(c.n_documents, 0) as n_documents
from actors a
left join (
    select actor_id,
           count(distinct doc_id || chr(31) || event_id) as n_events,
           count(distinct doc_id) as n_documents
    from event_participants
    group by actor_id
) c on c.actor_id = a.id
{where}
order by n_events desc, a.name, a.id
"""

_ACTOR_FILTERS = {
    "kind": "lower(a.kind) = lower($kind)",
    "country": "upper(a.country) = upper($country)",
    "name": """(contains(lower(a.name), lower($name)) or contains(lower(a.id), lower($name))
               or contains(lower(coalesce(a.acled_name, '')), lower($name))
               or exists (select 1 from actor_aliases al
                          where al.actor_id = a.id and contains(lower(al.alias), lower($name))))""",
}

DOCUMENTS = """
select d.id, d.source, d.published, d.language, d.title, d.sha256, d.ingested_at, d.origin,
       length(d.text) as n_chars,
       (select count(*) from events e where e.doc_id = d.id) as n_events,
       (select count(*) from relations r where r.doc_id = d.id) as n_relations,
       (select count(*) from claims c where c.doc_id = d.id) as n_claims
from documents d
order by d.published nulls last, d.id
"""

RELATIONS = """
select r.*
from relations r
{where}
order by r.valid_start nulls last, r.doc_id, r.kind, r.source, r.target
"""

_RELATION_FILTERS = {
    "actor": f"""(r.source_id in {_ACTOR_IDS} or r.target_id in {_ACTOR_IDS}
                 or lower(r.source) = lower($actor) or lower(r.target) = lower($actor))""",
}

CLAIMS = """
select c.*,
       (select string_agg(ce.event_id, '; ' order by ce.event_id) from claim_events ce
        where ce.doc_id = c.doc_id and ce.claim_id = c.id) as event_ids,
       (select string_agg(cr.relation_id, '; ' order by cr.relation_id) from claim_relations cr
        where cr.doc_id = c.doc_id and cr.claim_id = c.id) as relation_ids,
       ev.start, ev."end", ev.sentence
from claims c
left join evidence ev on ev.record_kind = 'claim' and ev.record_id = c.id and ev.doc_id = c.doc_id
{where}
order by c.doc_id, ev.start nulls last, c.id
"""

_CLAIM_FILTERS = {
    "speaker": f"(c.speaker_id in {_ACTOR_IDS.replace('$actor', '$speaker')} "
               "or lower(c.speaker) = lower($speaker))",
    "doc_id": "c.doc_id = $doc_id",
}

#: events with what an ACLED row needs: participants with their stored actor, the document's source and origin,
#: and the sentences the event was read from (for an imported event, its notes)
ACLED_EVENTS = """
select e.*, d.origin, d.source as document_source,
       (select list(struct_pack(actor_id := p.actor_id, name := p.name, role := p.role, side := p.side,
                                acled_name := a.acled_name, actor_name := a.name)
                    order by p.role, p.name)
        from event_participants p left join actors a on a.id = p.actor_id
        where p.doc_id = e.doc_id and p.event_id = e.id) as acled_participants,
       (select list(ev.sentence order by ev.start, ev."end")
        from evidence ev
        where ev.record_kind = 'event' and ev.doc_id = e.doc_id and ev.record_id = e.id) as sentences
from events e
join documents d on d.id = e.doc_id
{where}
order by coalesce(e.acled_event_date, e.date_start) nulls last, e.doc_id, e.id
"""

EVIDENCE = """
select * from evidence
where record_kind = $record_kind and record_id = $record_id {and_doc}
order by doc_id, start
"""

#: stable order for export, so two exports of the same store compare equal
_TABLE_ORDER = {
    "documents": "id", "actors": "id", "actor_aliases": "actor_id, alias", "events": "doc_id, id",
    "event_participants": "doc_id, event_id, actor_id, role", "event_tolls": "doc_id, event_id, start",
    "relations": "doc_id, id", "claims": "doc_id, id",
    "claim_events": "doc_id, claim_id, event_id", "claim_relations": "doc_id, claim_id, relation_id",
    "evidence": 'record_kind, doc_id, record_id, start, "end"',
    "fused_events": "id", "fused_event_members": "fused_id, doc_id, event_id",
    "fused_event_values": "fused_id, field, value", "fused_event_participants": "fused_id, actor_id, role",
    "fusion_judgements": "doc_id_a, event_id_a, doc_id_b, event_id_b", "fusion_runs": "started_at",
    "migrations": "name",
}


def events(con: duckdb.DuckDBPyConnection, *, actor: str | None = None, type: str | None = None,
           country: str | None = None, start: date | str | None = None, end: date | str | None = None,
           doc_id: str | None = None, origin: str | None = None, limit: int | None = None) -> list[Row]:
    params = {"actor": _text(actor), "type": _text(type), "country": _text(country), "start": _date(start),
              "end": _date(end), "doc_id": doc_id, "origin": _text(origin)}
    page, bound = _filtered(_EVENT_PAGE, _EVENT_FILTERS, params)
    if limit is not None:
        page += "limit $limit\n"
        bound["limit"] = int(limit)
    return fetch(con, EVENTS.replace("{page}", page), bound)


def timeline(con: duckdb.DuckDBPyConnection, *, actor: str | None = None, type: str | None = None,
             country: str | None = None, start: date | str | None = None,
             end: date | str | None = None, origin: str | None = None) -> list[Row]:
    params = {"actor": _text(actor), "type": _text(type), "country": _text(country), "start": _date(start),
              "end": _date(end), "origin": _text(origin)}
    return fetch(con, *_filtered(TIMELINE, _EVENT_FILTERS, params))


def acled_events(con: duckdb.DuckDBPyConnection, *, actor: str | None = None, type: str | None = None,
                 country: str | None = None, start: date | str | None = None, end: date | str | None = None,
                 origin: str | None = None) -> list[Row]:
    params = {"actor": _text(actor), "type": _text(type), "country": _text(country), "start": _date(start),
              "end": _date(end), "origin": _text(origin)}
    return fetch(con, *_filtered(ACLED_EVENTS, _EVENT_FILTERS, params))


def actors(con: duckdb.DuckDBPyConnection, *, kind: str | None = None, country: str | None = None,
           name: str | None = None) -> list[Row]:
    params = {"kind": _text(kind), "country": _text(country), "name": _text(name)}
    return fetch(con, *_filtered(ACTORS, _ACTOR_FILTERS, params))


def documents(con: duckdb.DuckDBPyConnection) -> list[Row]:
    return fetch(con, DOCUMENTS, {})


def relations(con: duckdb.DuckDBPyConnection, *, actor: str | None = None) -> list[Row]:
    return fetch(con, *_filtered(RELATIONS, _RELATION_FILTERS, {"actor": _text(actor)}))


def claims(con: duckdb.DuckDBPyConnection, *, speaker: str | None = None, doc_id: str | None = None) -> list[Row]:
    return fetch(con, *_filtered(CLAIMS, _CLAIM_FILTERS, {"speaker": _text(speaker), "doc_id": doc_id}))


def evidence(con: duckdb.DuckDBPyConnection, *, record_kind: str, record_id: str,
             doc_id: str | None = None) -> list[Row]:
    params: dict[str, Any] = {"record_kind": record_kind, "record_id": record_id}
    if doc_id is not None:
        params["doc_id"] = doc_id
    sql = EVIDENCE.format(and_doc="and doc_id = $doc_id" if doc_id is not None else "")
    return fetch(con, sql, params)


def count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Rows in one of the store's own tables (the name is checked: identifiers cannot be parameters)."""
    if table not in _TABLE_ORDER:
        raise ValueError(f"unknown table {table!r}")
    row = con.execute(f"select count(*) from {table}").fetchone()
    return int(row[0]) if row else 0


def table_rows(con: duckdb.DuckDBPyConnection, table: str) -> list[Row]:
    """All rows of one of the store's own tables, in a stable order."""
    if table not in _TABLE_ORDER:
        raise ValueError(f"unknown table {table!r}")
    return fetch(con, f"select * from {table} order by {_TABLE_ORDER[table]}", {})


def fetch(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> list[Row]:
    """Run a read query and return its rows as dicts keyed by column name."""
    cursor = con.execute(sql, params)
    columns = [d[0] for d in cursor.description or []]
    return [dict(zip(columns, values)) for values in cursor.fetchall()]


def _filtered(template: str, snippets: dict[str, str], params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The template with a ``where`` of the snippets whose parameter is given, and just those parameters."""
    given = {k: v for k, v in params.items() if v is not None}
    conditions = [snippets[k] for k in snippets if k in given]
    where = ("where " + "\n  and ".join(conditions)) if conditions else ""
    return template.format(where=where), given


def _text(value: str | None) -> str | None:
    """Filters ignore surrounding blanks; an empty filter means no filter."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def _date(value: date | str | None) -> date | None:
    """A date filter from a date or an ISO ``YYYY-MM-DD`` string (what the CLI passes through)."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"bad date {value!r}: expected YYYY-MM-DD") from None


# -- fusion ----------------------------------------------------------------------------------------------------

EVENT_EXISTS = "select 1 from events where doc_id = ? and id = ?"

JUDGEMENTS = """
select doc_id_a, event_id_a, doc_id_b, event_id_b, judgement from fusion_judgements
order by doc_id_a, event_id_a, doc_id_b, event_id_b
"""

DELETE_JUDGEMENT = """
delete from fusion_judgements
where doc_id_a = ? and event_id_a = ? and doc_id_b = ? and event_id_b = ?
"""

INSERT_JUDGEMENT = """
insert into fusion_judgements (doc_id_a, event_id_a, doc_id_b, event_id_b, judgement, note, made_at)
values (?, ?, ?, ?, ?, ?, ?)
"""

FUSED_ID_OF = "select fused_id from fused_event_members where doc_id = ? and event_id = ?"

_FUSED_PARTICIPANTS = """(
    select string_agg(p.name || ' (' || p.role || ')', '; '
                      order by case p.role when 'source' then 0 when 'target' then 1 else 2 end, p.name)
    from fused_event_participants p where p.fused_id = f.id
)"""

FUSED_EVENTS = f"""
select f.*, {_FUSED_PARTICIPANTS} as participants
from fused_events f
{{where}}
order by f.date_start nulls last, f.id
"""

_FUSED_FILTERS = {
    "actor": f"""exists (
        select 1 from fused_event_participants p
        where p.fused_id = f.id and (p.actor_id in {_ACTOR_IDS} or lower(p.name) = lower($actor)))""",
    "type": """(upper(f.type) = upper($type) or lower(f.acled_event_type) = lower($type)
               or lower(f.acled_sub_event_type) = lower($type))""",
    "country": "upper(f.country) = upper($country)",
    "start": "coalesce(f.date_end, f.date_start) >= $start",
    "end": "f.date_start <= $end",
    "contested": "f.contested is not null",
}

FUSED_MEMBERS = """
select m.doc_id, m.event_id, m.linked_to_doc, m.linked_to_event, m.score, m.reason,
       d.source, d.published, e.type, e.date_start, e.date_end, e.place_name, e.fatalities, e.modality,
       (select string_agg(p.name || ' (' || p.role || ')', '; ' order by p.role, p.name)
        from event_participants p where p.doc_id = m.doc_id and p.event_id = m.event_id) as participants,
       (select min(ev.sentence) from evidence ev
        where ev.record_kind = 'event' and ev.doc_id = m.doc_id and ev.record_id = m.event_id) as sentence
from fused_event_members m
join events e on e.doc_id = m.doc_id and e.id = m.event_id
join documents d on d.id = m.doc_id
where m.fused_id = ?
order by d.published nulls last, m.doc_id, m.event_id
"""

FUSED_VALUES = """
select field, value, n_reports, n_sources, sources, doc_ids, chosen from fused_event_values
where fused_id = ? order by field, chosen desc, n_reports desc, value
"""

FUSED_PARTICIPANTS = """
select actor_id, name, role, n_reports from fused_event_participants
where fused_id = ? order by role, n_reports desc, name
"""


def has_fusion(con: duckdb.DuckDBPyConnection) -> bool:
    """Has a fusion run filled the canonical-event tables?"""
    row = con.execute("select exists (select 1 from fused_events)").fetchone()
    return bool(row and row[0])


def fused_events(con: duckdb.DuckDBPyConnection, *, actor: str | None = None, type: str | None = None,
                 country: str | None = None, start: date | str | None = None, end: date | str | None = None,
                 contested: bool = False, limit: int | None = None) -> list[Row]:
    params = {"actor": _text(actor), "type": _text(type), "country": _text(country), "start": _date(start),
              "end": _date(end), "contested": True if contested else None}
    sql, bound = _filtered(FUSED_EVENTS, _FUSED_FILTERS, params)
    bound.pop("contested", None)
    if limit is not None:
        sql += "limit $limit\n"
        bound["limit"] = int(limit)
    return fetch(con, sql, bound)


def fused_event(con: duckdb.DuckDBPyConnection, fused_id: str) -> Row:
    rows = fetch(con, "select * from fused_events where id = $id", {"id": fused_id})
    if not rows:
        raise InputError(f"no canonical event {fused_id!r} (run `sahelwatch fuse` first?)")
    event = rows[0]
    event["reports"] = fetch(con, FUSED_MEMBERS.replace("?", "$id"), {"id": fused_id})
    event["values"] = fetch(con, FUSED_VALUES.replace("?", "$id"), {"id": fused_id})
    event["participants"] = fetch(con, FUSED_PARTICIPANTS.replace("?", "$id"), {"id": fused_id})
    return event
