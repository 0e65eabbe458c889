"""The records sahelwatch produces, defined once.

Every extracted value carries an :class:`Evidence` — the document, the character span of the sentence it came
from, the extractor that made it, a confidence and, where the text attributes it, the speaker and modality.
The JSON form of :class:`Analysis` is the ``doc`` format of the evaluation kit (extra keys are allowed there).
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Modality = Literal["asserted", "hedged", "reported"]
Precision = Literal["day", "week", "month", "season", "year", "multi_year"]
Role = Literal["source", "target", "other"]

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "OTHER",
)

#: fine relation type -> coarse class; the knowledge base and the extractors use only these types
RELATION_TYPES: dict[str, str] = {
    "ally_of": "cooperative",
    "partner_of": "cooperative",
    "patron_of": "cooperative",
    "supports": "cooperative",
    "agreement_with": "cooperative",
    "hostile_to": "hostile",
    "fights": "hostile",
    "member_of": "hierarchical",
    "part_of": "hierarchical",
    "umbrella_of": "hierarchical",
    "affiliate_of": "hierarchical",
    "leader_of": "hierarchical",
    "commander_of": "hierarchical",
    "minister_of": "hierarchical",
    "president_of": "hierarchical",
    "official_of": "hierarchical",
    "runs": "hierarchical",
    "oversees": "hierarchical",
    "successor_of": "succession",
}


def stable_id(prefix: str, *parts: object) -> str:
    """A short content hash, so that analysing the same text twice yields the same ids."""
    digest = hashlib.sha1(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()
    return f"{prefix}_{digest[:16]}"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Evidence(Record):
    """Where a value came from: a sentence of a document, and who (which extractor) read it there."""

    doc_id: str
    start: int = Field(ge=0, description="character offset of the sentence in the document text")
    end: int = Field(ge=0)
    text: str = Field(description="the sentence itself")
    extractor: str
    confidence: float = Field(ge=0.0, le=1.0)
    speaker: str | None = None
    modality: Modality = "asserted"


class Document(Record):
    id: str
    text: str
    published: date | None = None
    source: str | None = None
    title: str | None = None
    language: str = "en"
    sha256: str = ""

    @classmethod
    def from_text(cls, text: str, *, id: str | None = None, published: date | None = None,
                  source: str | None = None, title: str | None = None, language: str = "en") -> "Document":
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return cls(id=id or f"doc_{sha[:16]}", text=text, published=published, source=source, title=title,
                   language=language, sha256=sha)


class DateInterval(Record):
    """A date known to lie within [start, end]; ``precision`` says how coarse the text was."""

    start: date
    end: date
    precision: Precision = "day"
    text: str = ""
    relative: bool = False

    @property
    def acled_time_precision(self) -> int:
        return {"day": 1, "week": 2}.get(self.precision, 3)

    def overlaps(self, other: "DateInterval") -> bool:
        return self.start <= other.end and other.start <= self.end

    def to_json(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "precision": self.precision,
                "text": self.text}


class Place(Record):
    name: str
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str = "town"
    geonameid: int | None = None
    geo_precision: int = Field(1, description="ACLED: 1 the place, 2 near it / part of region, 3 region")
    text: str = ""


class Actor(Record):
    """An actor as seen in one analysis: a knowledge-base entry, or a new candidate found in the text."""

    id: str
    name: str
    acled_name: str | None = None
    kind: str = "unknown"
    country: str | None = None
    aliases: list[str] = Field(default_factory=list)
    in_kb: bool = False
    mentions: int = 0
    evidence: list[Evidence] = Field(default_factory=list)


class Participant(Record):
    actor_id: str
    name: str
    role: Role = "other"
    text: str = ""


class Toll(Record):
    """One figure for an event's dead or wounded as one source gives it. Competing figures ("the group claimed
    50 dead, the army two wounded") stay side by side, each with its speaker; ``Event.fatalities`` is the
    conservative count chosen among them."""

    value: int
    low: int
    high: int
    outcome: Literal["killed", "wounded"]
    text: str
    speaker: str | None = None
    modality: Modality = "asserted"
    start: int = Field(description="character offset of the figure in the document")
    end: int


class Event(Record):
    id: str
    type: str = Field(description="PLOVER root type")
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    trigger: str
    participants: list[Participant] = Field(default_factory=list)
    date: DateInterval | None = None
    place: Place | None = None
    fatalities: int | None = None
    fatalities_text: str | None = None
    tolls: list[Toll] = Field(default_factory=list)
    modality: Modality = "asserted"
    background: bool = False
    confidence: float = 0.5
    evidence: list[Evidence] = Field(default_factory=list)


class Relation(Record):
    id: str
    source_id: str
    source: str
    target_id: str
    target: str
    kind: str = Field(description="fine type, a key of RELATION_TYPES")
    coarse: str
    valid: DateInterval | None = None
    basis: Literal["stated", "inferred", "knowledge_base"] = "stated"
    confidence: float = 0.5
    evidence: list[Evidence] = Field(default_factory=list)


class Claim(Record):
    id: str
    speaker_id: str | None = None
    speaker: str | None = Field(None, description="who the text says said it; None when unattributed")
    modality: Modality = "asserted"
    cue: str = ""
    text: str
    quote: bool = False
    event_ids: list[str] = Field(default_factory=list)
    relation_ids: list[str] = Field(default_factory=list)
    confidence: float = 0.5
    evidence: Evidence


class Analysis(Record):
    document: Document
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)

    def to_json(self, *, include_text: bool = False) -> dict:
        """The evaluation kit's ``doc`` format, plus provenance under extra keys."""
        doc = self.document.model_dump(mode="json", exclude={"text"} if not include_text else set())
        return {
            "document": doc,
            "actors": [a.model_dump(mode="json") for a in self.actors],
            "events": [_event_json(e) for e in self.events],
            "relations": [_relation_json(r) for r in self.relations],
            "claims": [c.model_dump(mode="json") for c in self.claims],
        }


def _event_json(e: Event) -> dict:
    out = e.model_dump(mode="json", exclude={"date", "participants"})
    out["actors"] = [{"name": p.name, "id": p.actor_id, "role": p.role, "text": p.text} for p in e.participants]
    out["date"] = e.date.to_json() if e.date else None
    return out


def _relation_json(r: Relation) -> dict:
    out = r.model_dump(mode="json", exclude={"valid"})
    out["valid"] = r.valid.to_json() if r.valid else None
    return out


#: ACLED's export columns, in ACLED's order (the fields sahelwatch fills; others stay empty on export)
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


class AcledRecord(Record):
    """One event coded to ACLED's standard (one row of an ACLED export), with where it came from.

    ``doc_id`` is the report it was coded from (or the ACLED event id for an imported row); ``origin`` says
    whether sahelwatch coded it from text or it was imported from an ACLED file."""

    doc_id: str
    event_id_cnty: str = ""
    event_date: date
    time_precision: int = Field(1, ge=1, le=3)
    disorder_type: str = ""
    event_type: str
    sub_event_type: str
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: str = ""
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: str = ""
    interaction: str = ""
    civilian_targeting: str = ""
    iso: str = ""
    region: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = Field(1, ge=1, le=3)
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int = Field(0, ge=0)
    tags: str = ""
    timestamp: str = ""
    plover_type: str = "OTHER"
    confidence: float = Field(1.0, ge=0.0, le=1.0)
    origin: Literal["coded", "acled"] = "coded"

    @property
    def year(self) -> int:
        return self.event_date.year

    def to_row(self) -> dict:
        """ACLED column order, then sahelwatch's own columns (doc_id first, as the evaluation kit reads it)."""
        out = {"doc_id": self.doc_id}
        for col in ACLED_COLUMNS:
            value = self.year if col == "year" else getattr(self, col)
            out[col] = value.isoformat() if isinstance(value, date) else value
        out.update(plover_type=self.plover_type, confidence=round(self.confidence, 3), origin=self.origin)
        return out
