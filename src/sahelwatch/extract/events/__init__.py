"""Events: a trigger word from the lexicon, its participants with roles, and the date, place and toll told
with it. Reports of one event within a document ("Wagner announced its withdrawal" ... "Wagner's
departure") are merged, keeping every sentence as evidence.

The stages: ``triggers`` finds them, ``participants`` reads who took part, ``anchoring`` dates and places
them, ``merging`` joins reports of one event; this module drafts each event and runs the stages."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from sahelwatch.extract.actors import display_name
from sahelwatch.extract.context import Context
from sahelwatch.extract.events.anchoring import (
    attach_fatalities,
    in_circumstance,
    in_dateline,
    locative_place,
    modality,
    dateline_places,
    narrative_dates,
    narrative_places,
    nearest,
    news_dates,
    orphan_tolls,
)
from sahelwatch.extract.events.draft import Draft, definite, is_nominal
from sahelwatch.extract.events.merging import (
    claimed_responsibility,
    elaborations,
    merge_reports,
    resolve_references,
)
from sahelwatch.extract.events.participants import (
    arguments,
    preceding_actor,
    victims,
    window_participants,
)
from sahelwatch.extract.events.triggers import find_triggers, not_an_event
from sahelwatch.kb.lexicon import Trigger
from sahelwatch.model import Event, Participant, Toll, stable_id


def draft_event(ctx: Context, t: Token, reading: Trigger) -> Draft | None:
    if not_an_event(ctx, t):
        return None
    d = Draft(trigger=t, reading=reading, sentences=[ctx.sent_index[t.i]])
    arguments(ctx, t, d)
    sent = ctx.sent_of(t)
    d.timex = nearest([tx for tx in ctx.timexes if not in_dateline(ctx, tx)], t, sent)
    if definite(t):
        # "The assault took place last Saturday", "the group claimed the attack": a definite event noun
        # may refer back to an event already told; resolve_references decides
        d.refers = True
        d.place = nearest(ctx.places, t, sent)
        if d.reading.plover == "ASSAULT" and (d.timex is not None or d.place is not None):
            victims(ctx, t, d)
        return d
    if d.reading.plover == "ASSAULT":
        victims(ctx, t, d)
    preceding_actor(ctx, t, d)
    if not d.participants and not is_nominal(t) and t.dep_ not in ("acl", "amod"):
        # ("the number of people killed": a participle modifier has its victim as head, no agent nearby)
        window_participants(ctx, t, d)
    elif d.participants:
        d.confidence = 0.7
    if not d.participants:
        return None
    if reading.needs_actor_pair and len(d.participants) < 2:
        return None
    d.place = _antecedent_place(ctx, t) or nearest(
        [p for p in ctx.places if ctx.mention_at(p.start) is None or p.entry.feature != "country"
         or locative_place(ctx, p)], t, sent)
    d.modality = modality(ctx, t)
    d.background = in_circumstance(t)
    if _by_protesters(ctx, d):
        # "protesters set fire to the embassy": a violent demonstration (PLOVER PROTEST, ACLED riots)
        d.reading = replace(d.reading, plover="PROTEST", acled_event_type="Riots",
                            acled_sub_event_type="Violent demonstration")
    return d


#: crowds whose violence is a riot rather than an armed attack
PROTESTER_NOUNS = {"protesters", "demonstrators", "rioters", "crowd", "crowds", "mob", "mobs"}


def _by_protesters(ctx: Context, d: Draft) -> bool:
    if d.reading.plover not in ("ASSAULT", "COERCE"):
        return False
    sources = [k for k, (role, _) in d.participants.items() if role == "source"]
    if not sources:
        return False
    heads = {ctx.doc[m.start].norm_ for m in ctx.mentions if m.key in sources and m.via == "group"}
    return len(heads) == len(sources) and heads <= PROTESTER_NOUNS


def _antecedent_place(ctx: Context, t: Token):
    """'the Nataka gold mine, the largest mining site in northern Mali, which Wagner had taken over': a
    relative clause's act happens at the place it hangs on. An area named inside the noun's own locative
    modifier ("in northern Mali") is not the antecedent, and an apposition (after a comma or a dash) stands
    for the place just before it."""
    if t.dep_ != "relcl":
        return None
    node = t.head
    for _ in range(4):
        place = _place_at(ctx, node.i)
        if place is not None and place.entry.feature in AREA_FEATURES and node.dep_ == "pobj" \
                and node.head.norm_ == "in" and node.head.head.pos_ == "NOUN":
            node = node.head.head  # "site in northern Mali, which ...": the site
            continue
        if place is not None:
            return place
        if node.dep_ != "appos" or node.head == node:
            return None
        before = node.left_edge.i - 1
        while before >= 0 and ctx.doc[before].is_punct:
            before -= 1
        place = _place_at(ctx, before) if before >= 0 else None
        if place is not None:
            return place
        node = node.head
    return None


#: places that are areas rather than points: a relative clause rarely hangs on them
AREA_FEATURES = {"country", "region"}


def _place_at(ctx: Context, i: int):
    return next((p for p in ctx.places if p.start <= i < p.end), None)


def extract_events(ctx: Context) -> list[Event]:
    drafts = [d for t, r in find_triggers(ctx) if (d := draft_event(ctx, t, r)) is not None]
    drafts = merge_reports(resolve_references(elaborations(drafts)), within_sentence=True)
    narrative_dates(ctx, drafts)
    news_dates(ctx, drafts)
    narrative_places(ctx, drafts)
    dateline_places(ctx, drafts)
    attach_fatalities(ctx, drafts)
    drafts = merge_reports(drafts, within_sentence=False)
    claimed_responsibility(ctx, drafts)
    orphan_tolls(ctx, drafts)
    return [to_event(ctx, d) for d in drafts]


def to_event(ctx: Context, d: Draft) -> Event:
    date = d.timex.to_interval(d.inherited) if d.timex is not None else None
    if date is not None and ctx.published is not None and (ctx.published - date.end).days > 365:
        d.background = True
    participants = [Participant(actor_id=k, name=display_name(ctx, k, text), role=role, text=text)
                    for k, (role, text) in d.participants.items()]
    evidence = [ctx.evidence(ctx.sents[i], "events.trigger", d.confidence, modality=d.modality)
                for i in d.sentences]
    place = d.place.to_place() if d.place is not None else None
    tolls = [Toll(value=q.value, low=q.low, high=q.high, outcome="killed" if q.kind == "fatalities" else "wounded",
                  text=q.text, start=ctx.doc[q.start].idx, end=ctx.doc[q.end - 1].idx + len(ctx.doc[q.end - 1]))
             for i in sorted(set(d.sentences)) for q in ctx.quantities
             if q.kind in ("fatalities", "wounded") and ctx.sents[i].start <= q.start < ctx.sents[i].end]
    return Event(
        id=stable_id("ev", ctx.doc_id, d.trigger.i, d.reading.plover),
        type=d.reading.plover, acled_event_type=d.reading.acled_event_type,
        acled_sub_event_type=d.reading.acled_sub_event_type, trigger=d.trigger.text,
        participants=participants, date=date, place=place, fatalities=d.fatalities,
        fatalities_text=d.fatalities_text, tolls=tolls, modality=d.modality, background=d.background,
        confidence=d.confidence, evidence=evidence)
