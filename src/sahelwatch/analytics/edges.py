"""The statements the temporal actor graph is made of, from three sources, each one row per edge.

- **text**: relations read from documents. The same (source, target, kind) across documents is one edge whose
  support is the documents that state it and whose validity is the union of theirs; a relation a text does not
  date is taken as valid from the first day it was published. Contradictory kinds stay separate edges.
- **knowledge base**: the curated relations (an open bound is open); a stored relation of basis
  ``knowledge_base`` (the text spoke of a curated tie) adds its document to the curated edge's support.
- **events**: repeated violence by one actor (source role) against another (target role) in at least
  ``min_events`` distinct real events is ``hostile_to``, valid from the first to the last such event. Fused
  events are counted where fusion has run, so twenty reports of one battle count once.
"""
from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pandas as pd

from sahelwatch.analytics.sources import event_source
from sahelwatch.kb.actors import ActorKB
from sahelwatch.model import RELATION_TYPES

#: the columns of every edge table, in order
EDGE_COLUMNS = ("source", "target", "kind", "coarse", "valid_start", "valid_end", "basis", "n_documents",
                "n_events", "doc_ids", "confidence")

#: PLOVER and ACLED types that count as violence between two actors
VIOLENT_PLOVER = ("ASSAULT", "COERCE")
VIOLENT_ACLED = ("Battles", "Violence against civilians", "Explosions/Remote violence")

#: at most this many document ids are listed on an edge (the count is in n_documents)
MAX_DOC_IDS = 20

_TEXT_EDGES = """
with per_doc as (
    select r.source_id, r.target_id, r.kind, any_value(r.coarse) as coarse, r.doc_id,
           case when r.basis = 'knowledge_base' then 'knowledge_base' else 'text' end as origin,
           bool_or(r.basis = 'stated') as stated,
           min(coalesce(r.valid_start, d.published)) as valid_start, max(r.valid_end) as valid_end,
           max(least(r.confidence, 0.99)) as confidence
    from relations r
    left join documents d on d.id = r.doc_id
    group by all
)
select source_id as source, target_id as target, kind, any_value(coarse) as coarse,
       min(valid_start) as valid_start, max(valid_end) as valid_end,
       case when origin = 'knowledge_base' then 'knowledge_base' when bool_or(stated) then 'stated'
            else 'inferred' end as basis,
       count(*) as n_documents, 0 as n_events,
       array_to_string(list_slice(list(doc_id order by doc_id), 1, $max_ids), '; ') as doc_ids,
       1 - product(1 - confidence) as confidence
from per_doc
group by source_id, target_id, kind, origin
"""

_EVENT_EDGES = """
, violent as (
    select ev.key, ev.date_start, coalesce(ev.date_end, ev.date_start) as date_end
    from ev
    where list_contains($plover, ev.type) or list_contains($acled, ev.acled_event_type)
), pairs as (
    select s.actor_id as source, t.actor_id as target, v.key, v.date_start, v.date_end
    from violent v
    join pa s on s.key = v.key and s.role = 'source'
    join pa t on t.key = v.key and t.role = 'target'
    where s.actor_id <> t.actor_id
), hostile as (
    select source, target, count(distinct key) as n_events, min(date_start) as valid_start,
           max(date_end) as valid_end
    from pairs
    group by source, target
    having count(distinct key) >= $min_events
), docs as (
    select p.source, p.target, rp.doc_id
    from (select distinct source, target, key from pairs) p
    join hostile h on h.source = p.source and h.target = p.target
    join rp on rp.key = p.key
)
select h.source, h.target, 'hostile_to' as kind, 'hostile' as coarse, h.valid_start, h.valid_end,
       'events' as basis, coalesce(d.n_documents, 0) as n_documents, h.n_events, coalesce(d.doc_ids, '') as doc_ids,
       1 - pow(0.5, h.n_events) as confidence
from hostile h
left join (
    select source, target, count(distinct doc_id) as n_documents,
           array_to_string(list_slice(list(distinct doc_id order by doc_id), 1, $max_ids), '; ') as doc_ids
    from docs group by source, target
) d on d.source = h.source and d.target = h.target
order by h.source, h.target
"""


def text_edges(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Stored relations merged across documents: one row per (source, target, kind, text or curated)."""
    return _frame(con.execute(_TEXT_EDGES, {"max_ids": MAX_DOC_IDS}).df())


def event_edges(con: duckdb.DuckDBPyConnection, *, min_events: int = 2, fused: bool = True) -> pd.DataFrame:
    """``hostile_to`` edges from repeated violent events between a source-role and a target-role actor."""
    source = event_source(con, fused)
    sql = source.ctes() + _EVENT_EDGES
    params = source.params() | {"plover": list(VIOLENT_PLOVER), "acled": list(VIOLENT_ACLED),
                                "min_events": int(min_events), "max_ids": MAX_DOC_IDS}
    return _frame(con.execute(sql, params).df())


def kb_edges(kb: ActorKB) -> pd.DataFrame:
    """The curated relations as edges: basis ``knowledge_base``, no document support, confidence 1."""
    rows = [{"source": r.source, "target": r.target, "kind": r.type, "coarse": RELATION_TYPES[r.type],
             "valid_start": r.start, "valid_end": r.end, "basis": "knowledge_base", "n_documents": 0,
             "n_events": 0, "doc_ids": "", "confidence": 1.0} for r in kb.relations]
    return _frame(pd.DataFrame(rows, columns=list(EDGE_COLUMNS)))


def merge_edges(text: pd.DataFrame, curated: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One table: curated edges take the document support of the stored relations that spoke of them."""
    key = ["source", "target", "kind", "basis"]
    spoken = text[text["basis"] == "knowledge_base"]
    support = spoken[key + ["n_documents", "doc_ids"]]
    curated = curated.drop(columns=["n_documents", "doc_ids"]).merge(support, on=key, how="left")
    curated["n_documents"] = curated["n_documents"].fillna(0)
    curated["doc_ids"] = curated["doc_ids"].fillna("")
    not_curated = spoken.merge(curated[key], on=key, how="left", indicator=True)
    not_curated = not_curated[not_curated["_merge"] == "left_only"].drop(columns="_merge")
    parts = [frame for frame in (text[text["basis"] != "knowledge_base"], not_curated, curated, events)
             if not frame.empty]
    merged = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(EDGE_COLUMNS))
    merged = merged.drop_duplicates(subset=key + ["valid_start", "valid_end"])  # a curated tie listed twice
    return _frame(merged).sort_values(["source", "target", "kind", "basis"], ignore_index=True)


def _frame(df: pd.DataFrame) -> pd.DataFrame:
    """Edge columns in order and in one dtype each: dates as datetime64 (NaT for open), counts as int."""
    df = df.reindex(columns=list(EDGE_COLUMNS))
    for col in ("valid_start", "valid_end"):
        df[col] = pd.to_datetime(pd.Series(list(df[col]), index=df.index, dtype=object)).astype("datetime64[us]")
    for col in ("n_documents", "n_events"):
        df[col] = df[col].fillna(0).astype("int64")
    df["confidence"] = df["confidence"].astype("float64").round(3)
    df["doc_ids"] = df["doc_ids"].fillna("").astype(str)
    return df


def valid_on(edges: pd.DataFrame, day: date | None) -> pd.Series:
    """Which edges hold on ``day`` (an open bound holds; no day: every edge)."""
    if day is None:
        return pd.Series(True, index=edges.index)
    ts = pd.Timestamp(day)
    return (edges["valid_start"].isna() | (edges["valid_start"] <= ts)) & \
        (edges["valid_end"].isna() | (edges["valid_end"] >= ts))


def edge_record(row: Any) -> dict[str, Any]:
    """An edge row as plain values: dates as ISO strings, open bounds as ''."""
    out = {col: getattr(row, col) for col in EDGE_COLUMNS}
    for col in ("valid_start", "valid_end"):
        out[col] = "" if pd.isna(out[col]) else pd.Timestamp(out[col]).date().isoformat()
    return out
