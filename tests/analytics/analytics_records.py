"""Small stores for the analytics tests, built through Store.save from hand-made analyses (original text)."""
from __future__ import annotations

from datetime import date


from sahelwatch.model import (
    Actor,
    Analysis,
    DateInterval,
    Document,
    Event,
    Evidence,
    Participant,
    Place,
    Relation,
)

ACTORS = {"jnim": ("JNIM", "armed_group", "ML"), "fama": ("Military Forces of Mali", "state_force", "ML"),
          "wagner": ("Wagner Group", "pmc", None), "is_sahel": ("Islamic State Sahel Province", "armed_group", None),
          "civilians_mali": ("Civilians (Mali)", "civilians", "ML")}


def evidence(doc_id: str) -> Evidence:
    return Evidence(doc_id=doc_id, start=0, end=10, text="A sentence.", extractor="test", confidence=0.8)


def actor(actor_id: str) -> Actor:
    name, kind, country = ACTORS[actor_id]
    return Actor(id=actor_id, name=name, kind=kind, country=country, in_kb=True)


def event(doc_id: str, event_id: str, day: date, source: str = "jnim", target: str = "fama", *,
          type: str = "ASSAULT", acled: str | None = "Battles", country: str = "ML", admin1: str = "Mopti",
          fatalities: int | None = 5) -> Event:
    return Event(id=event_id, type=type, acled_event_type=acled, trigger="attacked",
                 participants=[Participant(actor_id=source, name=ACTORS[source][0], role="source"),
                               Participant(actor_id=target, name=ACTORS[target][0], role="target")],
                 date=DateInterval(start=day, end=day), place=Place(name="Somewhere", country=country, admin1=admin1),
                 fatalities=fatalities, confidence=0.9, evidence=[evidence(doc_id)])


def relation(doc_id: str, source: str, kind: str, coarse: str, target: str, start: date | None = None,
             end: date | None = None, basis: str = "stated", rel_id: str | None = None) -> Relation:
    valid = DateInterval(start=start, end=end or start, precision="day") if start else None
    return Relation(id=rel_id or f"rel_{source}_{kind}_{target}", source_id=source, source=ACTORS[source][0],
                    target_id=target, target=ACTORS[target][0], kind=kind, coarse=coarse, valid=valid, basis=basis,
                    confidence=0.6, evidence=[evidence(doc_id)])


def analysis(doc_id: str, *, events: list[Event] = (), relations: list[Relation] = (),
             published: date = date(2024, 3, 5), source: str = "Test Wire") -> Analysis:
    doc = Document.from_text(f"Original test text of {doc_id}.", id=doc_id, published=published, source=source)
    ids = {p.actor_id for e in events for p in e.participants} | {r.source_id for r in relations} | \
        {r.target_id for r in relations}
    return Analysis(document=doc, actors=[actor(i) for i in sorted(ids)], events=list(events),
                    relations=list(relations))
