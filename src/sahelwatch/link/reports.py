"""Reports: one extracted event in the compact form fusion compares, built from analyses or from the store.

A report keeps what decides "same real event" (type class, date interval as day numbers, place, actors) and
what the canonical event is made of (figures with their speakers, outlet, publication date). Dates are day
ordinals and actors frozensets so that comparing a million pairs stays cheap.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from sahelwatch.kb.actors import load_actors, normalize
from sahelwatch.link.settings import FusionSettings
from sahelwatch.model import Analysis

#: place features that name an area, not a spot: compared with a wider radius
AREA_FEATURES = frozenset({"region", "admin1", "admin2", "province", "area", "water", "unresolved"})
COUNTRY_FEATURES = frozenset({"country"})


@dataclass(slots=True)
class Report:
    key: tuple[str, str]            # (doc_id, event_id)
    type: str
    klass: str
    acled_type: str | None
    acled_sub_type: str | None
    start: int | None               # date.toordinal(); None when undated and unpublished
    end: int | None
    precision: str | None           # 'implied' when undated: the fortnight before publication
    place: str | None               # normalised place name
    place_name: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    area: int                       # 0 a spot (town, site), 1 a region, 2 the country or nothing
    fatalities: int | None
    modality: str
    background: bool
    confidence: float
    actors: frozenset[str]          # actors the knowledge base knows, generic ones ("civilians") apart
    relatives: frozenset[str]       # those actors' states and umbrellas
    generic: frozenset[str]
    homes: frozenset[str]           # countries its known actors are at home or operate in
    perpetrators: tuple[str, ...]   # source-role actor ids
    names: tuple[tuple[str, str, str], ...]   # (actor_id, name, role)
    tolls: tuple[tuple[int, str | None, str], ...]   # (killed, speaker, modality)
    outlet: str | None
    published: int | None
    origin: str                     # 'text' or 'acled'

    @property
    def width(self) -> int:
        return 10_000 if self.start is None else self.end - self.start + 1

    @property
    def implied(self) -> bool:
        """Dated only by the publication of its document, not by the text."""
        return self.precision == "implied"

    @property
    def undated(self) -> bool:
        """The text gives no date: only its own story, or its publication, places it in time."""
        return self.start is None or self.precision == "implied"


@lru_cache(maxsize=1)
def _actor_context() -> tuple[dict[str, str], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Each KB actor's kind, the ids it belongs to (its state, its umbrella groups), and the countries it is
    at home or operates in, from the KB."""
    kb = load_actors()
    kinds = {a.id: a.kind for a in kb.actors.values()}
    homes = {a.id: frozenset({a.country, *a.operates_in} - {None}) for a in kb.actors.values()}
    up: dict[str, set[str]] = {}
    for r in kb.relations:
        # a state's army, a katiba's umbrella; not membership of the UN or a bloc, which relates everyone
        if r.type in ("part_of", "member_of", "affiliate_of") and r.end is None \
                and kinds.get(r.target) not in ("organization", "bloc", "mission"):
            up.setdefault(r.source, set()).add(r.target)
    return kinds, {k: frozenset(v) for k, v in up.items()}, homes


def make_report(*, key: tuple[str, str], type: str, settings: FusionSettings, acled_type: str | None = None,
                acled_sub_type: str | None = None, start: date | None = None, end: date | None = None,
                precision: str | None = None, place_name: str | None = None, country: str | None = None,
                admin1: str | None = None, admin2: str | None = None, lat: float | None = None,
                lon: float | None = None, geo_precision: int | None = None, feature: str | None = None,
                fatalities: int | None = None, modality: str = "asserted", background: bool = False,
                confidence: float = 0.5, participants: Iterable[tuple[str, str, str]] = (),
                tolls: Iterable[tuple[int, str | None, str]] = (), outlet: str | None = None,
                published: date | None = None, origin: str = "text") -> Report:
    """One report; ``participants`` are (actor_id, name, role); ``tolls`` (killed, speaker, modality)."""
    kb_kinds, up, homes = _actor_context()
    names = tuple(dict.fromkeys((aid, name, role) for aid, name, role in participants))
    specific, generic, relatives = set(), set(), set()
    for aid, _, _ in names:
        kind = kb_kinds.get(aid)
        # an actor the knowledge base does not know ("the jihadists", "local militia") names no one in particular
        (generic if kind is None or kind in settings.generic_actor_kinds else specific).add(aid)
    home: set[str] = set()
    for aid in specific:
        relatives |= up.get(aid, frozenset())
        home |= homes.get(aid, frozenset())
    if start is not None and end is None:
        end = start
    if start is None and published is not None and not background:
        # news tells recent events: an undated report is placed in the fortnight before publication, loosely
        start, end, precision = published - timedelta(days=settings.implied_days), published, "implied"
    area = _area(feature, place_name, country, geo_precision)
    return Report(
        key=key, type=type, klass=settings.class_of(type), acled_type=acled_type, acled_sub_type=acled_sub_type,
        start=start.toordinal() if start else None, end=end.toordinal() if end else None, precision=precision,
        place=normalize(place_name) if place_name else None, place_name=place_name, country=country,
        admin1=admin1, admin2=admin2, lat=lat if area < 2 else None, lon=lon if area < 2 else None,
        geo_precision=geo_precision, area=area, fatalities=fatalities, modality=modality, background=background,
        confidence=confidence, actors=frozenset(specific), relatives=frozenset(relatives - specific),
        generic=frozenset(generic), homes=frozenset(home),
        perpetrators=tuple(sorted({a for a, _, r in names if r == "source" and a in specific})),
        names=names, tolls=tuple(tolls), outlet=outlet, published=published.toordinal() if published else None,
        origin=origin)


def _area(feature: str | None, place_name: str | None, country: str | None, geo_precision: int | None) -> int:
    if not place_name:
        return 2
    if feature in COUNTRY_FEATURES:
        return 2
    if feature is None and country and _is_country_name(place_name, country):
        return 2
    if feature in AREA_FEATURES or geo_precision == 3:
        return 1
    return 0


@lru_cache(maxsize=64)
def _is_country_name(name: str, iso2: str) -> bool:
    state = load_actors().state_for_country(iso2)
    return state is not None and normalize(name) in {normalize(n) for n in (state.name, *state.aliases)}


def reports_from_analyses(analyses: Iterable[Analysis], settings: FusionSettings) -> Iterator[Report]:
    """Reports of analysed documents (the labelled sets are fused this way, without a store)."""
    for analysis in analyses:
        doc = analysis.document
        for e in analysis.events:
            d, p = e.date, e.place
            yield make_report(
                key=(doc.id, e.id), type=e.type, settings=settings, acled_type=e.acled_event_type,
                acled_sub_type=e.acled_sub_event_type, start=d.start if d else None, end=d.end if d else None,
                precision=d.precision if d else None, place_name=p.name if p else None,
                country=p.country if p else None, admin1=p.admin1 if p else None, admin2=p.admin2 if p else None,
                lat=p.lat if p else None, lon=p.lon if p else None, geo_precision=p.geo_precision if p else None,
                feature=p.feature if p else None, fatalities=e.fatalities, modality=e.modality,
                background=e.background, confidence=e.confidence,
                participants=[(x.actor_id, x.name, x.role) for x in e.participants],
                tolls=[(t.value, t.speaker, t.modality) for t in e.tolls if t.outcome == "killed"],
                outlet=doc.source, published=doc.published)


#: every stored event with what fusion needs, participants and killed-figures as lists (one scan, no N+1)
STORED_REPORTS = """
with parts as (
    select p.doc_id, p.event_id,
           list(struct_pack(actor_id := p.actor_id, name := p.name, role := p.role)) as participants
    from event_participants p
    group by p.doc_id, p.event_id
), tolls as (
    select t.doc_id, t.event_id, list(struct_pack(value := t.value, speaker := t.speaker,
                                                  modality := t.modality) order by t.start) as tolls
    from event_tolls t where t.outcome = 'killed'
    group by t.doc_id, t.event_id
)
select e.doc_id, e.id, e.type, e.acled_event_type, e.acled_sub_event_type, e.date_start, e.date_end,
       e.date_precision, e.place_name, e.country, e.admin1, e.admin2, e.lat, e.lon, e.geo_precision,
       e.place_feature, e.fatalities, e.modality, e.background, e.confidence,
       parts.participants, tolls.tolls, d.source, d.published, d.origin
from events e
join documents d on d.id = e.doc_id
left join parts on parts.doc_id = e.doc_id and parts.event_id = e.id
left join tolls on tolls.doc_id = e.doc_id and tolls.event_id = e.id
order by e.doc_id, e.id
"""


def reports_from_rows(rows: Iterable[tuple], settings: FusionSettings) -> Iterator[Report]:
    """Reports from the rows of :data:`STORED_REPORTS`, in its column order."""
    for (doc_id, event_id, type_, acled_type, acled_sub, start, end, precision, place_name, country, admin1,
         admin2, lat, lon, geo_precision, feature, fatalities, modality, background, confidence, parts, tolls,
         source, published, origin) in rows:
        parts = parts or ()
        yield make_report(
            key=(doc_id, event_id), type=type_, settings=settings, acled_type=acled_type,
            acled_sub_type=acled_sub, start=start, end=end, precision=precision, place_name=place_name,
            country=country, admin1=admin1, admin2=admin2, lat=lat, lon=lon, geo_precision=geo_precision,
            feature=feature, fatalities=fatalities, modality=modality, background=background,
            confidence=confidence, participants=[(p["actor_id"], p["name"], p["role"]) for p in parts],
            tolls=[(t["value"], t["speaker"], t["modality"] or "asserted") for t in tolls or ()],
            outlet=source, published=published, origin=origin)
