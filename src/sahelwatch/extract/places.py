"""Toponyms resolved to the gazetteer.

A capitalised stretch of text is a place candidate when the model tags it as a place, when a locative
preposition governs it ("in Gao", "near Boulkessi"), or when it is a curated place or an administrative
region. Country names used as actors ("Mali said") are left to the actor stage. A place noun that follows
("Nataka gold mine", "Kidal region") is taken into the name when the gazetteer knows the longer form.
"""
from __future__ import annotations

from dataclasses import dataclass

from sahelwatch.extract.context import (
    LOCATIVE_PREPS,
    MOVEMENT_VERBS,
    Context,
    is_locative,
)
from sahelwatch.kb.gazetteer import GazetteerEntry, load_gazetteer
from sahelwatch.model import Place

PLACE_NOUNS = ("gold mine", "mine", "mining site", "region", "district", "circle", "cercle", "camp", "base",
               "airport", "airbase", "village", "town", "commune", "province", "department")
#: sites named by the town they are in ("the Inates camp", "the Tessalit base")
SITE_NOUNS = {"camp", "base", "garrison", "outpost", "airport", "airbase", "barracks", "checkpoint"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
SKIP_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    entry: GazetteerEntry
    near: bool = False

    def to_place(self) -> Place:
        place = self.entry.to_place(text=self.text, geo_precision=2 if self.near else 1)
        if self.entry.feature in ("region",):
            place.geo_precision = 3
        return place


def _candidate_spans(ctx: Context):
    doc = ctx.doc
    actor_tokens = {i for m in ctx.mentions for i in m.tokens}
    seen: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in SKIP_LABELS:
            continue
        # the small model tags many Sahel towns as NORP or PERSON: those are candidates, not evidence
        yield ent.start, ent.end, ent.label_ in PLACE_LABELS or ent.label_ in ("ACTOR", "CAPITAL")
        seen.update(range(ent.start, ent.end))
    # capitalised words the model did not tag (it often tags Sahel towns as PERSON or NORP)
    i = 0
    while i < len(doc):
        t = doc[i]
        if t.i in seen or t.i in actor_tokens or not t.text[:1].isupper() or t.is_sent_start:
            i += 1
            continue
        j = i
        while j < len(doc) and doc[j].text[:1].isupper() and j not in actor_tokens:
            j += 1
        if j > i:
            yield i, j, False
        i = max(j, i + 1)


PLACE_HEAD_WORDS = {"town", "village", "city", "commune", "locality", "region", "area", "outskirts", "district",
                    "circle", "cercle", "province", "department", "capital", "camp", "base"}


def _governed_by_locative(ctx: Context, start: int) -> tuple[bool, bool]:
    """(is the name governed by a locative word, is that word one of nearness) - "in Gao", "near the town
    of Boulkessi", "control of Kidal", "north of Gao"."""
    doc = ctx.doc
    root = doc[start]
    if root.dep_ == "dobj" and (root.head.lemma_.lower() in MOVEMENT_VERBS or root.head.norm_ in MOVEMENT_VERBS):
        return True, False  # "entered Kidal", "retook Djibo"
    k = start - 1
    while k >= 0 and (doc[k].norm_ == "the" or doc[k].pos_ == "ADJ"):
        k -= 1
    # "from Tessalit and Aguelhok": a coordinated name shares the first one's preposition
    if k >= 1 and doc[k].norm_ in ("and", "or", ",") and doc[k - 1].text[:1].isupper():
        k -= 1
        while k >= 0 and doc[k].text[:1].isupper() and doc[k].pos_ == "PROPN":
            k -= 1
        while k >= 0 and doc[k].norm_ in ("and", "or", ",") or (k >= 0 and doc[k].text[:1].isupper()
                                                                and doc[k].pos_ == "PROPN"):
            k -= 1
    head = k - 1
    while head >= 1 and doc[k].norm_ == "of" and doc[head].pos_ == "ADJ" and doc.lang_ == "fr":
        head -= 1  # "la base militaire de Bohoma": the adjective follows the French noun
    if k >= 1 and doc[k].norm_ == "of" and doc[head].norm_ in PLACE_HEAD_WORDS:
        k = head - 1  # "the town of X": look before "the town"
        while k >= 0 and (doc[k].norm_ in ("the", "a") or doc[k].pos_ == "ADJ"):
            k -= 1
        if k < 0 or doc[k].norm_ not in LOCATIVE_PREPS:
            return True, False  # "stormed the base of Bohoma": the head noun makes X a place
    if k < 0:
        return False, False
    word = doc[k].norm_
    compass = ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")
    if word == "of" and k >= 1 and doc[k - 1].norm_ in compass:
        return True, True  # "north of Timbuktu"
    return word in LOCATIVE_PREPS or word in ("on", "of", "outside") + compass, \
        word in ("near", "around", "outside") + compass


def _toponym_shape(span) -> bool:
    return len(span) <= 3 and all(t.text[:1].isupper() and t.is_alpha and not t.is_stop for t in span) \
        and not any(t.ent_type_ in ("PERSON", "ORG", "DATE") for t in span)


def _unresolved(name: str) -> GazetteerEntry:
    return GazetteerEntry(geonameid=None, name=name, asciiname=name, alternate_names=(), lat=None, lon=None,
                          country=None, admin1=None, admin2=None, feature="unresolved", population=0,
                          source="text")


def extract_places(ctx: Context) -> list[PlaceMention]:
    gaz = load_gazetteer()
    doc = ctx.doc
    out: list[PlaceMention] = []
    used: set[int] = set()
    for start, end, tagged in _candidate_spans(ctx):
        if any(i in used for i in range(start, end)):
            continue
        while start < end and doc[start].norm_ == "the":
            start += 1
        if start >= end:
            continue
        text = doc[start:end].text
        # a longer name with a place noun ("Nataka gold mine", "Kidal region")
        best, best_end = None, end
        for noun in PLACE_NOUNS:
            n = len(noun.split())
            tail = doc[end:end + n].text.lower()
            if tail == noun:
                entry = gaz.best(doc[start:end + n].text)
                if entry is not None:
                    best, best_end = entry, end + n
                    break
        entry = best or gaz.best(text)
        if entry is None and end - start > 1 and doc[end - 1].norm_ in PLACE_NOUNS:
            entry = gaz.best(doc[start:end - 1].text)  # "the Inates camp" -> Inates
        elif best is None and entry is not None and end < len(doc) and doc[end].norm_ in SITE_NOUNS \
                and doc[end].pos_ == "NOUN":
            best_end = end + 1  # "stormed the Inates camp": the camp is the place, named by its town
        governed, near = _governed_by_locative(ctx, start)
        if not governed and end < len(doc) and doc[end].norm_ in SITE_NOUNS and doc[end].pos_ == "NOUN":
            governed = True  # "the Inates camp": a site noun makes its modifier a place, as "the town of X"
        if entry is None:
            # a toponym the gazetteer lacks ("an army position at Mansila"): kept by name, unplaced
            if governed and tagged is not None and _toponym_shape(doc[start:end]) and ctx.mention_at(start) is None:
                out.append(PlaceMention(start, end, text, _unresolved(text), near))
                used.update(range(start, end))
            continue
        actor_here = ctx.mention_at(start)
        if actor_here is not None and not is_locative(doc[start]):
            continue  # "the crisis between Algiers and Bamako": parties, not places
        strong = entry.source == "curated" or entry.feature in ("country", "region", "mine", "base") \
            or entry.population >= 20000
        if not (governed or (tagged and strong) or (strong and entry.population >= 100000)):
            continue
        out.append(PlaceMention(start, best_end, doc[start:best_end].text, entry, near))
        used.update(range(start, best_end))
    out.sort(key=lambda p: p.start)
    out = _place_references(ctx, out, used)
    ctx.dateline_end = dateline_end(doc)
    ctx.dateline_places = [p for p in out if p.end <= ctx.dateline_end]
    out = [p for p in out if p.end > ctx.dateline_end]
    ctx.places = out
    return out


DATELINE_DASHES = {"-", "–", "—"}


def dateline_end(doc) -> int:
    """The token index just after a wire dateline ("NIAMEY/PARIS -", "OUAGADOUGOU –", "NIAMEY, Jan 14 (wire)
    -") at the head of one of the first sentences, or 0. A dateline says where and when the reporter filed,
    not where or when anything happened: its places and dates are kept apart from the events."""
    for sent in list(doc.sents)[:3]:
        first = sent[0]
        if not (first.is_alpha and first.text.isupper() and len(first.text) > 1):
            continue
        for t in sent[:12]:
            if t.pos_ in ("VERB", "AUX"):
                break
            if t.text in DATELINE_DASHES and t.i > sent.start:
                head = [w for w in doc[sent.start:t.i] if w.is_alpha]
                if all(w.text.isupper() for w in head) or any(w.like_num for w in doc[sent.start:t.i]):
                    return t.i + 1
                break
    return 0


REFERRING_PLACE_NOUNS = {"town", "village", "city", "camp", "base", "locality", "commune", "area"}


def _focus_capital(ctx: Context) -> GazetteerEntry | None:
    state = ctx.kb.actors.get(ctx.focus_state) if ctx.focus_state else None
    return load_gazetteer().best(state.capital) if state is not None and state.capital else None


def _place_references(ctx: Context, places: list[PlaceMention], used: set[int]) -> list[PlaceMention]:
    """'drone strikes on the town': the town last named, within three sentences."""
    doc = ctx.doc
    out = list(places)
    for t in doc:
        if t.norm_ == "capital" and t.i > 0 and doc[t.i - 1].norm_ == "the" and t.i not in used \
                and not (t.i + 1 < len(doc) and doc[t.i + 1].norm_ == "of"):
            capital = _focus_capital(ctx)
            if capital is not None:  # "thousands marched in the capital": the capital of the story's state
                out.append(PlaceMention(t.i - 1, t.i + 1, doc[t.i - 1:t.i + 1].text, capital))
            continue
        if t.norm_ not in REFERRING_PLACE_NOUNS or t.i in used or t.i == 0 or doc[t.i - 1].norm_ != "the":
            continue
        after = t.i + 1
        while after < len(doc) and doc[after].pos_ == "ADJ" and doc.lang_ == "fr":
            after += 1  # "la base militaire de Bohoma"
        if after < len(doc) and doc[after].norm_ == "of":
            continue  # "the town of Boulkessi" names its place
        here = ctx.sent_index[t.i]
        earlier = [p for p in out if p.start < t.i and here - ctx.sent_index[p.start] <= 3
                   and p.entry.feature in ("town", "village", "city", "site", "base", "mine", "unresolved")]
        if earlier:
            ref = earlier[-1]
            out.append(PlaceMention(t.i - 1, t.i + 1, doc[t.i - 1:t.i + 1].text, ref.entry, ref.near))
    out.sort(key=lambda p: p.start)
    return out
