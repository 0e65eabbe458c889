"""Where an event happened, as ACLED codes it: a gazetteer place with admin-1 and admin-2, and a geo precision
(1 the place itself, 2 near it or somewhere in its district, 3 only the region is known).

Reports name the place first ("in Gossi", "between Koro and Bankass") and often carry the administrative units
in parentheses ("Sobane (Bankass, Mopti)"), which both disambiguate a name and locate a village the gazetteer
lacks: that village is then coded at its district's main town with precision 2, as ACLED does."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sahelwatch.acled.classifier import load_admin1_model, load_admin2_model
from sahelwatch.extract.context import Context
from sahelwatch.kb.gazetteer import (
    CORE_COUNTRIES,
    Gazetteer,
    GazetteerEntry,
    load_gazetteer,
)

HINT_RX = re.compile(r"\(([^()]{2,80})\)")
AREA_WORDS = {"area", "vicinity", "outskirts", "region", "cercle", "circle", "district", "commune", "zone",
              "surroundings", "environs", "axis", "road", "forest"}
POINT_FEATURES = {"town", "city", "village", "site", "base", "mine", "capital", "camp", "airport"}


@dataclass
class CodedPlace:
    location: str
    country: str | None
    admin1: str
    admin2: str
    latitude: float | None
    longitude: float | None
    geo_precision: int
    via: str


def _hints(text: str, gaz: Gazetteer) -> list[GazetteerEntry]:
    """Administrative units named in parentheses, smallest first: "(Bankass, Mopti)" -> [Bankass, Mopti]."""
    out = []
    for m in HINT_RX.finditer(text):
        for part in m.group(1).split(","):
            part = part.strip()
            entry = gaz.best(part) if part and part[:1].isupper() else None
            if entry is not None and entry.lat is not None:
                out.append(entry)
    return out


def _consistent(entry: GazetteerEntry, hints: list[GazetteerEntry]) -> bool:
    admins = {h.admin1 for h in hints if h.admin1}
    return not admins or entry.admin1 in admins


def _resolve(gaz: Gazetteer, name: str, hints: list[GazetteerEntry], country: str | None) -> GazetteerEntry | None:
    found = [e for e in gaz.lookup(name, country) if e.lat is not None]
    if not found:
        return None
    for e in found:
        if _consistent(e, hints):
            return e
    return found[0]


def _is_area(ctx: Context, start: int, end: int) -> bool:
    """"in the area of X", "near X", "X area", "outskirts of X": somewhere around the place, not in it."""
    doc = ctx.doc
    before = {t.lower_ for t in doc[max(0, start - 3):start]}
    after = doc[end].lower_ if end < len(doc) else ""
    return bool(before & ({"near", "around", "outside", "between"} | AREA_WORDS)) or after in AREA_WORDS


#: words after which a capitalised name is read as a place: the common locative prepositions, and "the village of
#: X", "between X and Y", "an attack on X"
SCAN_PREPS = {"in", "at", "near", "of", "between", "and", "around", "outside", "to", "from", "toward", "towards",
              "into", "on", "via", "in-between"}
#: a place outside the Sahel countries this small is more likely a Sahel village the gazetteer lacks
NOTABLE_POPULATION = 20_000


@dataclass
class _Candidate:
    start: int
    end: int
    text: str
    entry: GazetteerEntry | None
    near: bool


def _candidates(ctx: Context, gaz: Gazetteer, country: str | None) -> list[_Candidate]:
    """The place stage's toponyms, and the gazetteer names it passed over after a preposition ("the
    Badalabougou area of Bamako"), in text order; a name known only outside the Sahel while the report is
    about a Sahel country is treated as unknown (a Malian village that shares a name with an Ivorian town)."""
    out = [_Candidate(p.start, p.end, p.text, p.entry if p.entry.lat is not None else None, p.near)
           for p in ctx.places]
    used = {i for p in ctx.places for i in range(p.start, p.end)}
    doc = ctx.doc
    for tok in doc:
        if tok.i in used or not tok.text[:1].isupper() or tok.i == 0 or doc[tok.i - 1].lower_ not in SCAN_PREPS:
            continue
        for n in (3, 2, 1):
            span = doc[tok.i:tok.i + n]
            if len(span) < n or any(i in used for i in range(span.start, span.end)):
                continue
            if not all(t.text[:1].isupper() or t.text == "-" for t in span):
                continue
            entry = gaz.best(span.text, country)
            if entry is not None and entry.lat is not None and entry.feature != "country":
                out.append(_Candidate(span.start, span.end, span.text, entry, False))
                used.update(range(span.start, span.end))
                break
    for c in out:
        if c.entry is not None and _longer_name(doc, c.end):
            c.entry = None  # "Bangui" in "Bangui Mallam": a place the gazetteer lacks
        if c.entry is None or c.entry.country in CORE_COUNTRIES:
            continue
        if country in CORE_COUNTRIES or (country is None and c.entry.population < NOTABLE_POPULATION):
            c.entry = None
    out.sort(key=lambda c: c.start)
    return out


def report_country(ctx: Context) -> str | None:
    """The country the report's actors belong to: the state it is about, or the country of its named actors
    (used to keep ambiguous place names at home)."""
    if ctx.focus_state and ctx.kb.get(ctx.focus_state) and ctx.kb[ctx.focus_state].country:
        return ctx.kb[ctx.focus_state].country
    countries = Counter(ctx.kb[m.key].country for m in ctx.mentions
                        if m.key in ctx.kb.actors and ctx.kb[m.key].country)
    return countries.most_common(1)[0][0] if countries else None


def event_country(ctx: Context) -> str | None:
    """Where an event with no place the gazetteer knows happened: the home country of its non-state actors
    (foreign forces fight abroad; armed groups and communities mostly at home), else a country the report
    names as a place ("in northern Burkina Faso")."""
    home = Counter(ctx.kb[m.key].country for m in ctx.mentions if m.key in ctx.kb.actors
                   and ctx.kb[m.key].country and ctx.kb[m.key].kind not in ("state", "state_force", "government_body",
                                                                             "mission", "pmc", "bloc", "person"))
    if home:
        return home.most_common(1)[0][0]
    named = [p.entry.country for p in ctx.places if p.entry.feature == "country" and p.entry.country]
    return named[0] if named else None


#: below these probabilities the learned region or district is not used (on the 2019 development reports the
#: region is right 76% of the time at 0.3 and above, the district 64%)
MIN_REGION_CONFIDENCE = 0.3
MIN_DISTRICT_CONFIDENCE = 0.3

NAME_TAILS = {"region", "cercle", "circle", "district", "province", "commune", "area", "town", "city", "village",
              "airport", "camp", "base", "forest", "market", "road", "axis", "department", "prefecture"}


def _longer_name(doc, end: int) -> bool:
    """The toponym goes on past the gazetteer's match with another capitalised word. (A hyphenated tail is
    not a sign: "Bamako-Coura" is a district of Bamako, "Sobane-Da" the gazetteer's "Sobane Da".)"""
    if end >= len(doc):
        return False
    nxt = doc[end]
    return nxt.text[:1].isupper() and nxt.is_alpha and not nxt.is_sent_start and nxt.lower_ not in NAME_TAILS \
        and nxt.ent_type_ not in ("DATE", "ORG", "NORP")


def code_place(ctx: Context, country_hint: str | None = None) -> CodedPlace | None:
    gaz = load_gazetteer()
    hints = _hints(ctx.doc.text, gaz)
    country_hint = country_hint or report_country(ctx)
    first_unresolved: str | None = None
    for p in _candidates(ctx, gaz, country_hint):
        entry = p.entry
        if entry is not None and entry.feature == "country":
            continue
        if entry is None:
            if first_unresolved is None and hints:
                # "Tondibogou (Koro, Mopti)": the unknown village is coded at its district's main town
                hinted = _from_hints(gaz, hints)
                if hinted is not None:
                    return hinted
            first_unresolved = first_unresolved or p.text
            continue
        if not _consistent(entry, hints):
            entry = _resolve(gaz, p.text, hints, entry.country) or entry
        if entry.feature == "region":
            if entry.is_admin_unit or first_unresolved is None:
                town = _main_town(gaz, entry)
                if first_unresolved is None or town is not None:
                    return _coded(town or entry, 3 if entry.name == entry.admin1 else 2, "region")
            continue
        precision = 2 if (first_unresolved or p.near or _is_area(ctx, p.start, p.end)) else 1
        if first_unresolved:
            return _coded(entry, 2, f"near {entry.name} (for {first_unresolved})")
        return _coded(entry, precision, "named place")
    if first_unresolved is None and not _names_a_place(ctx):
        return _from_hints(gaz, hints)  # the report names no place: nothing to locate from its words
    return _from_hints(gaz, hints) or _region_from_words(ctx, gaz, country_hint)


def _from_hints(gaz: Gazetteer, hints: list[GazetteerEntry]) -> CodedPlace | None:
    for h in hints:
        town = _main_town(gaz, h) if h.feature == "region" else h
        if town is not None:
            return _coded(town, 3 if h.feature == "region" and h.name == h.admin1 else 2, "admin hint")
    return None


def _names_a_place(ctx: Context) -> bool:
    """A capitalised name after a locative word ("in Tiguila", "the village of Djeri") that is not an actor or a
    date: the report names where it happened, even if no gazetteer knows the name."""
    # names the model guessed as new people or groups ("the village of Toye") may well be places
    actor_tokens = {i for m in ctx.mentions if not m.key.startswith("new_") for i in m.tokens}
    for tok in ctx.doc[1:]:
        if tok.text[:1].isupper() and not tok.is_sent_start and tok.i not in actor_tokens \
                and ctx.doc[tok.i - 1].lower_ in SCAN_PREPS and tok.ent_type_ not in ("DATE", "TIME", "NORP"):
            return True
    return False


def _region_from_words(ctx: Context, gaz: Gazetteer, country: str | None) -> CodedPlace | None:
    """A place the report names but the gazetteer lacks: the district or region the report's words point to
    (learned from coded reports), coded at its main town with precision 2 or 3, as ACLED codes an event known
    only by its district or region."""
    model, districts = load_admin1_model(), load_admin2_model()
    if model is None or country not in (None, model.meta.get("country")):
        return None
    admin1, confidence = model.predict(ctx.doc.text)
    if confidence < MIN_REGION_CONFIDENCE:
        return None  # the words do not point anywhere: better no place than an invented one
    district, district_confidence = districts.predict(ctx.doc.text) if districts else ("|", 0.0)
    district_admin1, admin2 = district.split("|", 1)
    if district_admin1 == admin1 and district_confidence >= MIN_DISTRICT_CONFIDENCE:
        seat = next((e for e in gaz.lookup(admin2, model.meta.get("country")) if e.feature in POINT_FEATURES
                     and e.admin1 == admin1 and e.lat is not None), None)
        if seat is not None:
            place = _coded(seat, 2, f"district from words ({district_confidence:.2f})")
            place.admin1 = admin1
            return place
    region = next((e for e in gaz.lookup(admin1, model.meta.get("country")) if e.feature == "region"
                   and e.admin1 == admin1), None)
    town = _main_town(gaz, region) if region is not None else None
    if town is None:
        return CodedPlace(admin1, model.meta.get("country"), admin1, "", None, None, 3, "region from words")
    place = _coded(town, 3, f"region from words ({confidence:.2f})")
    place.admin1 = admin1
    return place


def _main_town(gaz: Gazetteer, region: GazetteerEntry) -> GazetteerEntry | None:
    """The town a region or district is named after (ACLED codes region-level events there)."""
    towns = [e for e in gaz.lookup(region.name, region.country)
             if e.feature in POINT_FEATURES and e.lat is not None and e.admin1 == region.admin1]
    return towns[0] if towns else None


def _coded(entry: GazetteerEntry, precision: int, via: str) -> CodedPlace:
    return CodedPlace(location=entry.name, country=entry.country, admin1=entry.admin1 or "",
                      admin2=entry.admin2 or "", latitude=entry.lat, longitude=entry.lon,
                      geo_precision=precision, via=via)
