"""The translation between an ACLED row and what the store keeps.

In the store an imported row becomes a document (id ``acled:<event_id_cnty>``, the notes as its text, ACLED's
source as its source) with one event, so that imported events and events read from text are kept, queried and
exported alike; :func:`record_to_analysis` builds it and :func:`record_from_store` turns any stored event with
an ACLED type, imported or read from text, back into a row.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sahelwatch.acled.countries import Countries, load_countries
from sahelwatch.acled.taxonomy import Taxonomy, load_taxonomy
from sahelwatch.errors import InputError
from sahelwatch.kb.actors import ActorKB, KBActor, normalize
from sahelwatch.model import (
    AcledRecord,
    Actor,
    Analysis,
    DateInterval,
    Document,
    Event,
    Evidence,
    Participant,
    Place,
    Role,
    stable_id,
)

__all__ = ["acled_document_id", "acled_interval", "kb_actor_for", "record_from_store", "record_to_analysis",
           "split_actors", "strip_period"]

EXTRACTOR = "acled_import"

_PERIOD = re.compile(r"\s*\(\d{4}\s*-\s*(?:\d{4})?\)")
#: actor kind by ACLED actor type (inter1/inter2: a code, or since 2024 its name, singular or plural)
_KIND_OF_INTER = {"state force": "state_force", "rebel group": "rebel_group", "political militia": "militia",
                  "identity militia": "militia", "civilian": "civilians"}


# -- actors --------------------------------------------------------------------------------------------------

def strip_period(name: str) -> str:
    """An ACLED actor name without its regime period: "Police Forces of Mali (2013-2020) Gendarmerie" ->
    "Police Forces of Mali Gendarmerie"."""
    return re.sub(r"\s+", " ", _PERIOD.sub("", name)).strip()


def split_actors(value: str) -> list[str]:
    """ACLED's associated actors ("A; B"), each once."""
    return list(dict.fromkeys(s.strip() for s in value.split(";") if s.strip()))


@lru_cache(maxsize=4)
def _acled_name_index(kb: ActorKB) -> dict[str, tuple[str, ...]]:
    """Knowledge-base ids by ACLED name (canonical and per period), the period left out of the key."""
    index: dict[str, list[str]] = {}
    for actor in kb.actors.values():
        for name in (actor.acled_name, *(period[2] for period in actor.acled_periods)):
            if name:
                ids = index.setdefault(normalize(strip_period(name)), [])
                if actor.id not in ids:
                    ids.append(actor.id)
    return {key: tuple(ids) for key, ids in index.items()}


def kb_actor_for(name: str, day: date | None, kb: ActorKB) -> KBActor | None:
    """The knowledge-base actor an ACLED actor name stands for, whatever regime period it carries.

    ACLED names come first; failing those, the knowledge base's names and aliases, but only when they point at
    one actor (valid on ``day``): a wrong link is worse than a new actor."""
    bare = strip_period(name)
    ids = _acled_name_index(kb).get(normalize(bare))
    if ids:
        candidates = [kb[i] for i in ids]
        return next((a for a in candidates if a.valid_on(day)), candidates[0])
    candidates = kb.lookup(bare, day)
    valid = [a for a in candidates if a.valid_on(day)]
    if len(valid) == 1:
        return valid[0]
    return candidates[0] if len(candidates) == 1 else None


def _kind_of_inter(inter: str, taxonomy: Taxonomy) -> str:
    text = inter.strip()
    if text.isdigit():
        text = taxonomy.inter_codes.get(int(text), "")
    return _KIND_OF_INTER.get(text.lower().rstrip("s"), "unknown")


def _acled_actor(name: str, inter: str, day: date, kb: ActorKB, taxonomy: Taxonomy) -> Actor:
    """The store's actor for an ACLED name: the knowledge base's, or a new one whose id hangs on the name."""
    known = kb_actor_for(name, day, kb)
    if known is not None:
        return Actor(id=known.id, name=known.name, acled_name=name, kind=known.kind, country=known.country,
                     aliases=list(dict.fromkeys((*known.all_names, name))), in_kb=True)
    bare = strip_period(name)
    return Actor(id=stable_id("acled", normalize(bare)), name=bare, acled_name=name,
                 kind=_kind_of_inter(inter, taxonomy), aliases=list(dict.fromkeys((name, bare))))


# -- ACLED row -> store --------------------------------------------------------------------------------------

def acled_document_id(event_id_cnty: str) -> str:
    return f"acled:{event_id_cnty}"


def acled_interval(day: date, time_precision: int) -> DateInterval:
    """ACLED's date as an interval: the day (1), the week around it (2), its month (3)."""
    if time_precision == 1:
        return DateInterval(start=day, end=day, precision="day", text=day.isoformat())
    if time_precision == 2:
        return DateInterval(start=day - timedelta(days=3), end=day + timedelta(days=3), precision="week",
                            text=day.isoformat())
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return DateInterval(start=first, end=last, precision="month", text=day.isoformat())


def describe(record: AcledRecord) -> str:
    """A one-line stand-in for empty notes, so that the document has a sentence to cite."""
    who = " and ".join(a for a in (record.actor1, record.actor2) if a) or "unnamed actors"
    where = ", ".join(p for p in (record.location, record.admin1, record.country) if p)
    return (f"{record.sub_event_type} ({record.event_type}) involving {who}"
            f"{' in ' + where if where else ''} on {record.event_date.isoformat()}.")


def record_to_analysis(record: AcledRecord, kb: ActorKB, *, countries: Countries | None = None,
                       taxonomy: Taxonomy | None = None) -> Analysis:
    """One ACLED row as the store keeps a read text: a document (the notes, ACLED's source, the event date as
    publication date) with one event, its participants (actor1 source, actor2 target, associated actors
    other) and the notes as evidence, read by ``acled_import`` with full confidence."""
    if not record.event_id_cnty:
        raise InputError("an ACLED record needs its event_id_cnty to be imported")
    countries = countries or load_countries()
    taxonomy = taxonomy or load_taxonomy()
    doc_id = acled_document_id(record.event_id_cnty)
    text = record.notes.strip() or describe(record)
    document = Document.from_text(text, id=doc_id, published=record.event_date, source=record.source or None,
                                  title=f"ACLED event {record.event_id_cnty}")
    evidence = Evidence(doc_id=doc_id, start=0, end=len(text), text=text, extractor=EXTRACTOR, confidence=1.0)

    actors: dict[str, Actor] = {}
    participants: list[Participant] = []
    named: list[tuple[str, str, Role]] = [(record.actor1, record.inter1, "source"),
                                          (record.actor2, record.inter2, "target")]
    named += [(name, "", "other") for name in split_actors(record.assoc_actor_1) + split_actors(record.assoc_actor_2)]
    for name, inter, role in named:
        if name:
            actor = _acled_actor(name, inter, record.event_date, kb, taxonomy)
            actors.setdefault(actor.id, actor)
            participants.append(Participant(actor_id=actor.id, name=name, role=role, text=name))

    place_name = record.location or record.admin3 or record.admin2 or record.admin1 or record.country
    place = Place(name=place_name, country=countries.iso2_of(record.country, record.iso),
                  admin1=record.admin1 or None, admin2=record.admin2 or None, lat=record.latitude,
                  lon=record.longitude, geo_precision=record.geo_precision,
                  text=record.location) if place_name else None
    event = Event(id=record.event_id_cnty, type=taxonomy.plover_of(record.sub_event_type, record.event_type),
                  acled_event_type=record.event_type, acled_sub_event_type=record.sub_event_type,
                  trigger=record.sub_event_type, participants=participants,
                  date=acled_interval(record.event_date, record.time_precision), place=place,
                  fatalities=record.fatalities, confidence=1.0, evidence=[evidence])
    return Analysis(document=document, actors=list(actors.values()), events=[event])


# -- store -> ACLED row --------------------------------------------------------------------------------------

def record_from_store(row: dict[str, Any], kb: ActorKB, *, countries: Countries | None = None,
                      taxonomy: Taxonomy | None = None) -> AcledRecord | None:
    """A stored event (a row of ``queries.ACLED_EVENTS``) as an ACLED row; None without an ACLED type or a date.

    An imported event gives back what was read; a text-derived one is coded from what was extracted: the
    knowledge base's ACLED name for the event's date, the place, the toll (0 when none was read), and the
    sentences it was read from as notes."""
    event_type = row.get("acled_event_type")
    day = row.get("acled_event_date") or row.get("date_start")
    if not event_type or day is None:
        return None
    countries = countries or load_countries()
    taxonomy = taxonomy or load_taxonomy()
    imported = row.get("origin") == "acled"
    sub_event_type = row.get("acled_sub_event_type") or ""
    actor1, assoc1, actor2, assoc2 = _acled_actors(row.get("acled_participants") or [], day, kb, imported)
    country = countries.get(row.get("country"))
    known_sub = taxonomy.sub_event_types.get(sub_event_type)
    sentences = dict.fromkeys(s.strip() for s in row.get("sentences") or [] if s and s.strip())
    return AcledRecord(
        doc_id=(row.get("acled_event_id") or row["doc_id"]) if imported else row["doc_id"],
        event_id_cnty=row.get("acled_event_id") or "", event_date=day,
        time_precision={"day": 1, "week": 2}.get(row.get("date_precision") or "", 3),
        disorder_type=known_sub.disorder_type if known_sub else "", event_type=event_type,
        sub_event_type=sub_event_type, actor1=actor1, assoc_actor_1=assoc1, inter1=row.get("inter1") or "",
        actor2=actor2, assoc_actor_2=assoc2, inter2=row.get("inter2") or "",
        interaction=row.get("interaction") or "", civilian_targeting=row.get("civilian_targeting") or "",
        iso=str(country.iso_numeric) if country else "", region=country.region if country else "",
        country=country.name if country else "", admin1=row.get("admin1") or "", admin2=row.get("admin2") or "",
        admin3=row.get("admin3") or "", location=row.get("place_name") or "", latitude=row.get("lat"),
        longitude=row.get("lon"), geo_precision=row.get("geo_precision") or 3,
        source=row.get("document_source") or "", source_scale=row.get("source_scale") or "",
        notes=" ".join(sentences), fatalities=row.get("fatalities") or 0, tags=row.get("tags") or "",
        timestamp=row.get("acled_timestamp") or "", plover_type=row.get("type") or "OTHER",
        confidence=min(1.0, max(0.0, float(row.get("confidence") or 0.0))),
        origin="acled" if imported else "coded",
    )


def _acled_actors(participants: Sequence[dict[str, Any]], day: date, kb: ActorKB,
                  imported: bool) -> tuple[str, str, str, str]:
    """actor1, assoc_actor_1, actor2, assoc_actor_2 from an event's participants.

    Sources make actor1 and its associates, targets actor2 and its; an 'other' participant joins the side it
    was imported with, else fills an empty actor slot, else stands with actor1."""
    actor1 = actor2 = ""
    assoc1: list[str] = []
    assoc2: list[str] = []
    for role in ("source", "target", "other"):
        for p in participants:
            if p.get("role") != role:
                continue
            name = _acled_name(p, day, kb, imported)
            if role == "source" or (role == "other" and p.get("side") == 1):
                if role == "source" and not actor1:
                    actor1 = name
                else:
                    assoc1.append(name)
            elif role == "target" or p.get("side") == 2:
                if role == "target" and not actor2:
                    actor2 = name
                else:
                    assoc2.append(name)
            elif not actor1:
                actor1 = name
            elif not actor2:
                actor2 = name
            else:
                assoc1.append(name)
    main = {actor1, actor2}
    return (actor1, "; ".join(n for n in dict.fromkeys(assoc1) if n not in main),
            actor2, "; ".join(n for n in dict.fromkeys(assoc2) if n not in main))


def _acled_name(participant: dict[str, Any], day: date, kb: ActorKB, imported: bool) -> str:
    """An imported event names its actors as ACLED did; a text-derived one by the knowledge base's ACLED name for
    the day (regime periods differ), else the stored actor's ACLED name or name."""
    if imported:
        return participant["name"]
    known = kb.get(participant.get("actor_id") or "")
    if known is not None:
        return known.acled_name_on(day)
    return participant.get("acled_name") or participant.get("actor_name") or participant["name"]
