"""Flattening one :class:`Analysis` into table rows: pure, so it can be checked before anything is written.

Validation happens here rather than in the database so that a bad analysis is refused with a message naming the
offending record, instead of a constraint error halfway through a transaction.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sahelwatch.acled.convert import split_actors
from sahelwatch.errors import StoreError
from sahelwatch.model import AcledRecord, Actor, Analysis, Evidence

Row = dict[str, Any]
RecordKind = Literal["event", "relation", "claim", "actor"]

#: tables whose rows belong to one document and are replaced with it
DOCUMENT_TABLES = ("events", "event_participants", "event_tolls", "relations", "claims", "claim_events",
                   "claim_relations", "evidence")


@dataclass
class AnalysisRows:
    """Every row one analysis contributes, by table; ``actors``/``actor_aliases`` are upserted, not replaced."""

    document: Row
    events: list[Row] = field(default_factory=list)
    event_participants: list[Row] = field(default_factory=list)
    event_tolls: list[Row] = field(default_factory=list)
    relations: list[Row] = field(default_factory=list)
    claims: list[Row] = field(default_factory=list)
    claim_events: list[Row] = field(default_factory=list)
    claim_relations: list[Row] = field(default_factory=list)
    evidence: list[Row] = field(default_factory=list)
    actors: list[Row] = field(default_factory=list)
    placeholder_actors: list[Row] = field(default_factory=list)
    actor_aliases: list[Row] = field(default_factory=list)


def content_sha256(text: str) -> str:
    """The same hash :meth:`Document.from_text` uses, for documents built without it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def analysis_rows(analysis: Analysis, *, ingested_at: datetime) -> AnalysisRows:
    """Rows for every table, or :class:`StoreError` naming the first inconsistent record."""
    doc = analysis.document
    if not doc.id:
        raise StoreError("cannot store a document without an id")
    out = AnalysisRows(document={
        "id": doc.id, "source": doc.source, "published": doc.published, "language": doc.language,
        "title": doc.title, "text": doc.text, "sha256": doc.sha256 or content_sha256(doc.text),
        "ingested_at": ingested_at,
    })
    _check_unique(doc.id, "event", [e.id for e in analysis.events])
    _check_unique(doc.id, "relation", [r.id for r in analysis.relations])
    _check_unique(doc.id, "claim", [c.id for c in analysis.claims])

    for e in analysis.events:
        date, place = e.date, e.place
        out.events.append({
            "doc_id": doc.id, "id": e.id, "type": e.type, "acled_event_type": e.acled_event_type,
            "acled_sub_event_type": e.acled_sub_event_type, "trigger": e.trigger,
            "date_start": date.start if date else None, "date_end": date.end if date else None,
            "date_precision": date.precision if date else None, "date_text": date.text if date else None,
            "place_name": place.name if place else None, "country": place.country if place else None,
            "admin1": place.admin1 if place else None, "admin2": place.admin2 if place else None,
            "lat": place.lat if place else None, "lon": place.lon if place else None,
            "geo_precision": place.geo_precision if place else None,
            "place_feature": place.feature if place else None, "fatalities": e.fatalities,
            "modality": e.modality, "background": e.background, "confidence": e.confidence,
        })
        seen: set[tuple[str, str]] = set()
        for p in e.participants:
            if (p.actor_id, p.role) in seen:  # the same actor twice in one role adds nothing
                continue
            seen.add((p.actor_id, p.role))
            out.event_participants.append(
                {"doc_id": doc.id, "event_id": e.id, "actor_id": p.actor_id, "name": p.name, "role": p.role})
        out.event_tolls += [{"doc_id": doc.id, "event_id": e.id, "value": t.value, "low": t.low, "high": t.high,
                             "outcome": t.outcome, "text": t.text, "speaker": t.speaker, "modality": t.modality,
                             "start": t.start, "end": t.end}
                            for t in {t.start: t for t in e.tolls}.values()]
        out.evidence += [_evidence_row(doc.id, "event", e.id, ev) for ev in e.evidence]

    for r in analysis.relations:
        out.relations.append({
            "doc_id": doc.id, "id": r.id, "source_id": r.source_id, "source": r.source,
            "target_id": r.target_id, "target": r.target, "kind": r.kind, "coarse": r.coarse,
            "valid_start": r.valid.start if r.valid else None, "valid_end": r.valid.end if r.valid else None,
            "basis": r.basis, "confidence": r.confidence,
        })
        out.evidence += [_evidence_row(doc.id, "relation", r.id, ev) for ev in r.evidence]

    for c in analysis.claims:
        out.claims.append({
            "doc_id": doc.id, "id": c.id, "speaker_id": c.speaker_id, "speaker": c.speaker, "modality": c.modality,
            "cue": c.cue, "text": c.text, "quote": c.quote, "confidence": c.confidence,
        })
        out.claim_events += [{"doc_id": doc.id, "claim_id": c.id, "event_id": ev_id}
                             for ev_id in dict.fromkeys(c.event_ids)]
        out.claim_relations += [{"doc_id": doc.id, "claim_id": c.id, "relation_id": rel_id}
                                for rel_id in dict.fromkeys(c.relation_ids)]
        out.evidence.append(_evidence_row(doc.id, "claim", c.id, c.evidence))

    _actor_rows(analysis, out)
    return out


def acled_rows(record: AcledRecord, analysis: Analysis, *, ingested_at: datetime) -> AnalysisRows:
    """The rows of one imported ACLED event: those of its analysis (see ``acled.convert.record_to_analysis``),
    plus what only ACLED says (its id and date, admin3, actor types, sources' scale, tags) and the side each
    associated actor was listed with, so that exporting the event gives its row back."""
    out = analysis_rows(analysis, ingested_at=ingested_at)
    if len(out.events) != 1:
        raise StoreError(f"ACLED event {record.event_id_cnty}: expected one event, got {len(out.events)}")
    out.document["origin"] = "acled"
    out.events[0].update({
        "acled_event_id": record.event_id_cnty, "acled_event_date": record.event_date,
        "admin3": record.admin3 or None, "inter1": record.inter1 or None, "inter2": record.inter2 or None,
        "interaction": record.interaction or None, "civilian_targeting": record.civilian_targeting or None,
        "source_scale": record.source_scale or None, "tags": record.tags or None,
        "acled_timestamp": record.timestamp or None,
    })
    sides = {name: 2 for name in split_actors(record.assoc_actor_2)}
    sides.update({name: 1 for name in split_actors(record.assoc_actor_1)})
    for p in out.event_participants:
        p["side"] = sides.get(p["name"]) if p["role"] == "other" else None
    return out


def merge_rows(batches: list[AnalysisRows]) -> tuple[list[Row], AnalysisRows]:
    """Many analyses' rows as one batch (documents apart), actors and aliases once each: one insert per table
    instead of one per analysis."""
    documents = [b.document for b in batches]
    out = AnalysisRows(document={})
    actors: dict[str, Row] = {}
    for b in batches:
        for table in DOCUMENT_TABLES:
            getattr(out, table).extend(getattr(b, table))
        for row in b.actors:
            actors.setdefault(row["id"], row)
        out.placeholder_actors += b.placeholder_actors
        out.actor_aliases += b.actor_aliases
    out.actors = list(actors.values())
    out.placeholder_actors = list({r["id"]: r for r in out.placeholder_actors if r["id"] not in actors}.values())
    out.actor_aliases = list({(r["actor_id"], r["alias"]): r for r in out.actor_aliases}.values())
    return documents, out


def _actor_rows(analysis: Analysis, out: AnalysisRows) -> None:
    """Actors of this analysis (merged by id), plus bare rows for ids that records name but the list lacks."""
    merged: dict[str, Actor] = {}
    for a in analysis.actors:
        if a.id in merged:  # keep the first description, union the rest
            first = merged[a.id]
            merged[a.id] = first.model_copy(update={
                "aliases": list(dict.fromkeys(first.aliases + a.aliases)),
                "evidence": first.evidence + a.evidence, "in_kb": first.in_kb or a.in_kb})
        else:
            merged[a.id] = a
    for a in merged.values():
        out.actors.append({"id": a.id, "name": a.name, "acled_name": a.acled_name, "kind": a.kind,
                           "country": a.country, "in_kb": a.in_kb})
        aliases = dict.fromkeys(s.strip() for s in a.aliases if s and s.strip())
        out.actor_aliases += [{"actor_id": a.id, "alias": alias} for alias in aliases]
        out.evidence += [_evidence_row(analysis.document.id, "actor", a.id, ev) for ev in a.evidence]

    named: dict[str, str] = {}
    for e in analysis.events:
        for p in e.participants:
            named.setdefault(p.actor_id, p.name)
    for r in analysis.relations:
        named.setdefault(r.source_id, r.source)
        named.setdefault(r.target_id, r.target)
    for c in analysis.claims:
        if c.speaker_id:
            named.setdefault(c.speaker_id, c.speaker or c.speaker_id)
    out.placeholder_actors = [{"id": actor_id, "name": name} for actor_id, name in named.items()
                              if actor_id and actor_id not in merged]


def _evidence_row(doc_id: str, kind: RecordKind, record_id: str, ev: Evidence) -> Row:
    if ev.doc_id != doc_id:
        raise StoreError(f"{kind} {record_id} of document {doc_id} cites evidence from another document "
                         f"({ev.doc_id})")
    return {"record_kind": kind, "record_id": record_id, "doc_id": doc_id, "start": ev.start, "end": ev.end,
            "sentence": ev.text, "extractor": ev.extractor, "confidence": ev.confidence, "speaker": ev.speaker,
            "modality": ev.modality}


def _check_unique(doc_id: str, kind: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for record_id in ids:
        if record_id in seen:
            raise StoreError(f"document {doc_id} has two {kind}s with id {record_id}")
        seen.add(record_id)
