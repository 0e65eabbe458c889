"""``code_report(text, published) -> [AcledRecord]``: one short event report coded to ACLED's standard.

The report goes through the shared front of the analysis pipeline (spaCy, actor mentions, time, places,
quantities); then each ACLED field has its own small coder: the classifier (type), actors (ACLED naming and
sides), place, date and fatalities. One report describes one event, as ACLED's notes do."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sahelwatch.acled.actors import CodedActor, candidate_actors, country_name
from sahelwatch.acled.classifier import load_classifier, signal_cues
from sahelwatch.acled.countries import load_countries
from sahelwatch.acled.dates import code_date
from sahelwatch.acled.fatalities import code_fatalities
from sahelwatch.acled.places import CodedPlace, code_place, event_country
from sahelwatch.acled.rules import load_actor_rules
from sahelwatch.acled.sides import choose_sides, classifier_cues
from sahelwatch.acled.taxonomy import load_taxonomy
from sahelwatch.errors import InputError
from sahelwatch.extract.context import Context
from sahelwatch.extract.mentions import extract_mentions
from sahelwatch.extract.places import extract_places
from sahelwatch.extract.quantities import extract_quantities
from sahelwatch.extract.time import extract_timexes
from sahelwatch.kb.actors import load_actors
from sahelwatch.model import AcledRecord
from sahelwatch.nlp import load_nlp
from sahelwatch.pipeline import parse_date

MAX_REPORT_CHARS = 20_000


@dataclass
class Reading:
    """What the front of the pipeline and the field coders read from a report, before classification."""

    ctx: Context
    event_date: date
    time_precision: int
    place: CodedPlace | None
    iso2: str | None
    country: str
    candidates: list[CodedActor]
    fatalities: int

    @property
    def cues(self) -> tuple[str, ...]:
        return classifier_cues(self.candidates) + (f"deaths:{'yes' if self.fatalities else 'no'}",) \
            + signal_cues(self.ctx.doc.text)


def read_report(text: str, published=None, doc_id: str = "report") -> Reading:
    if not text or not text.strip():
        raise InputError(f"report {doc_id}: empty text")
    if len(text) > MAX_REPORT_CHARS:
        raise InputError(f"report {doc_id}: {len(text)} characters is not a short event report "
                         f"(limit {MAX_REPORT_CHARS}); use `sahelwatch analyze` for articles")
    day: date | None = parse_date(published)
    ctx = Context(doc=load_nlp("en")(text), doc_id=doc_id, published=day, kb=load_actors())
    extract_mentions(ctx)
    extract_timexes(ctx)
    extract_places(ctx)
    extract_quantities(ctx)
    if day is None and not ctx.timexes:
        raise InputError(f"report {doc_id}: no date in the text and no publication date given")
    event_date, time_precision, _ = code_date(ctx, day)
    place = code_place(ctx)
    iso2 = place.country if place and place.country else (event_country(ctx) or load_actor_rules().default_country)
    fatalities, _ = code_fatalities(ctx)
    return Reading(ctx, event_date, time_precision, place, iso2, country_name(ctx, iso2),
                   candidate_actors(ctx, event_date, iso2), fatalities)


def code_report(text: str, published=None, doc_id: str = "report", source: str = "") -> list[AcledRecord]:
    reading = read_report(text, published, doc_id)
    prediction = load_classifier().predict(text, reading.cues)
    sides = choose_sides(reading.candidates, prediction.event_type, prediction.sub_event_type, reading.country)
    taxonomy = load_taxonomy()
    place, iso2, country = reading.place, reading.iso2, reading.country
    acled_country = load_countries().get(iso2)  # ACLED's iso column is the numeric ISO 3166 code
    a1, a2 = sides.actor1, sides.actor2
    inter1, inter2 = (a1.inter if a1 else None), (a2.inter if a2 else None)
    interaction = "".join(str(c) for c in sorted(c for c in (inter1, inter2) if c)) if inter1 else ""
    confidence = prediction.confidence * (0.8 if a1 is not None and a1.hedged else 1.0)
    record = AcledRecord(
        doc_id=doc_id, event_date=reading.event_date, time_precision=reading.time_precision,
        disorder_type=taxonomy.sub_event(prediction.sub_event_type).disorder_type,
        event_type=prediction.event_type, sub_event_type=prediction.sub_event_type,
        actor1=a1.name if a1 else "", assoc_actor_1=_associates(a1, sides.assoc1),
        inter1=str(inter1 or ""), actor2=a2.name if a2 else "", assoc_actor_2=_associates(a2, sides.assoc2),
        inter2=str(inter2 or ""), interaction=interaction,
        civilian_targeting="Civilian targeting" if a2 is not None and a2.inter == 7 else "",
        iso=str(acled_country.iso_numeric) if acled_country else "", region=acled_country.region if acled_country else "",
        country=country, admin1=place.admin1 if place else "", admin2=place.admin2 if place else "",
        location=place.location if place else "", latitude=place.latitude if place else None,
        longitude=place.longitude if place else None, geo_precision=place.geo_precision if place else 3,
        source=source, notes=text.strip(), fatalities=reading.fatalities, plover_type=prediction.plover,
        confidence=round(confidence, 3))
    return [record]


def _associates(actor: CodedActor | None, others: list[CodedActor]) -> str:
    """ACLED's associated actors of one side: who its members were, and who acted with it ("; "-separated)."""
    names = (actor.groups if actor is not None else []) + [a.name for a in others]
    return "; ".join(dict.fromkeys(n for n in names if actor is None or n != actor.name))
