"""Relations not stated in so many words: structure the knowledge base confirms where the sentence speaks
of it, and hostility or cooperation read from the events.
"""
from __future__ import annotations

from itertools import combinations

from sahelwatch.extract.context import Context
from sahelwatch.extract.relations.base import RelationSet
from sahelwatch.kb.lexicon import relation_cues
from sahelwatch.model import RELATION_TYPES, Event, Participant

ARMED_KINDS = {"armed_group", "rebel_group", "militia", "pmc"}


def structural_from_kb(ctx: Context, rs: RelationSet) -> None:
    """Let the knowledge base confirm membership and succession where the sentence speaks of structure, or
    where it names two armed groups the knowledge base ties together ("MUJAO and al-Mourabitoun ...")."""
    words = set(relation_cues()["structural_words"])
    for sent in ctx.sents:
        mentioned = {m.key for m in ctx.mentions_in(sent.start, sent.end) if m.key in ctx.kb.actors}
        structural = {t.norm_ for t in sent} & words or {t.lemma_.lower() for t in sent} & words or \
            grouping_clause(sent)
        if not structural and sum(ctx.kb[k].kind in ARMED_KINDS for k in mentioned) < 2:
            continue
        keys = sorted(mentioned if structural else {k for k in mentioned if ctx.kb[k].kind in ARMED_KINDS})
        confidence, extractor = (0.7, "relations.kb_structural") if structural else (0.5, "relations.kb_comention")
        for a, b in combinations(keys, 2):
            for r in ctx.kb.relations_between(a, b):
                if RELATION_TYPES[r.type] in ("hierarchical", "succession"):
                    rs.add(r.source, r.target, r.type, sent, "knowledge_base", confidence, extractor)


GROUPING_VERBS = {"meet", "unite", "group", "gather", "regroup", "comprise", "include", "bring"}


def grouping_clause(sent) -> bool:
    """"la FMM, qui réunit le Nigeria, le Niger et le Cameroun", "the AES, which unites Mali ...": a relative
    clause that lists what a body brings together speaks of its structure."""
    return any(t.lemma_.lower() in GROUPING_VERBS and t.dep_ == "relcl" and any(
        c.dep_ == "nsubj" and c.norm_ in ("who", "which", "that") for c in t.children) for t in sent)


def members_of_each_other(ctx: Context, a: str, b: str) -> bool:
    """A state and the bloc the knowledge base says it belongs to: the bloc's events are not hostility."""
    return any(RELATION_TYPES[r.type] == "hierarchical" for r in ctx.kb.relations_between(a, b))


def actor_kind(ctx: Context, key: str) -> str | None:
    """The kind of an actor, curated or named only in this story."""
    if key in ctx.kb.actors:
        return ctx.kb[key].kind
    return next((m.kind for m in ctx.mentions if m.key == key), None)


def people_with_their_organisations(ctx: Context, rs: RelationSet) -> None:
    """A curated person named in one sentence with the group or state the knowledge base says they lead or
    serve ("Iyad Ag Ghaly's Ansar Dine", "Goïta ... the Malian army"): the sentence implies the tie."""
    for sent in ctx.sents:
        ms = [m for m in ctx.mentions_in(sent.start, sent.end) if m.key in ctx.kb.actors]
        people = {m.key for m in ms if m.kind == "person"}
        others = {m.key for m in ms if m.kind != "person"}
        for p in sorted(people):
            for r in ctx.kb.relations_of(p):
                if r.source == p and r.target in others and RELATION_TYPES[r.type] == "hierarchical":
                    rs.add(p, r.target, r.type, sent, "knowledge_base", 0.5, "relations.kb_person")


def described_targets(ctx: Context, sent, e: Event) -> list[Participant]:
    """The object of a hostile event's verb, when it is a description of an actor named earlier in the story
    ("FACT rejected the military council" after "a Transitional Military Council"): the last actor named
    before whose name ends with the noun and holds its modifiers."""
    words = e.trigger.split()
    verbs = [t for t in sent if words and t.text == words[0]]
    out = []
    for v in verbs[:1]:
        for obj in (c for c in v.children if c.dep_ == "dobj"):
            if ctx.mention_at(obj.i) is not None or obj.pos_ != "NOUN":
                continue
            mods = {c.lemma_.lower() for c in obj.children if c.dep_ in ("amod", "compound")}
            for m in sorted(ctx.mentions, key=lambda m: -m.start):
                if m.start >= obj.i or m.kind == "person" or m.via == "coref":
                    continue
                name = [t.lemma_.lower() for t in ctx.doc[m.start:m.end]]
                if name[-1] == obj.lemma_.lower() and len(name) > 1 and mods <= set(name):
                    out.append(Participant(actor_id=m.key, name=m.text, role="target", text=m.text))
                    break
    return out


def from_events(ctx: Context, rs: RelationSet, events: list[Event]) -> None:
    for e in events:
        sent = ctx.doc.char_span(e.evidence[0].start, e.evidence[0].end, alignment_mode="expand")
        if sent is None:
            continue
        src = [p for p in e.participants if p.role == "source"]
        tgt = [p for p in e.participants if p.role == "target"]
        if e.type == "ASSAULT":
            for a in src:
                for b in tgt:
                    if members_of_each_other(ctx, a.actor_id, b.actor_id):
                        continue
                    rs.add(a.actor_id, b.actor_id, "fights", sent, "inferred", 0.55, "relations.from_event",
                           e.date, names=(a.name, b.name))
            for a, b in combinations(src, 2):
                kinds = (actor_kind(ctx, a.actor_id), actor_kind(ctx, b.actor_id))
                if "civilians" in kinds:
                    # "des jihadistes frappent ... des habitants": civilians beside armed men are their victims
                    if kinds[0] in ARMED_KINDS or kinds[1] in ARMED_KINDS:
                        armed, civ = (a, b) if kinds[0] in ARMED_KINDS else (b, a)
                        rs.add(armed.actor_id, civ.actor_id, "fights", sent, "inferred", 0.45,
                               "relations.from_event", e.date, names=(armed.name, civ.name))
                    continue
                rs.add(a.actor_id, b.actor_id, "ally_of", sent, "inferred", 0.5, "relations.from_event", e.date,
                       names=(a.name, b.name))
        elif e.type in ("ACCUSE", "THREATEN", "SANCTION", "COERCE", "REJECT") and e.modality == "asserted":
            if src and not tgt:
                tgt = described_targets(ctx, sent, e)
            for a in src:
                for b in tgt:
                    if members_of_each_other(ctx, a.actor_id, b.actor_id):
                        continue
                    rs.add(a.actor_id, b.actor_id, "hostile_to", sent, "inferred", 0.45, "relations.from_event",
                           e.date, names=(a.name, b.name))
        elif e.type in ("AGREE", "COOPERATE", "AID") and len(e.participants) >= 2:
            for a, b in combinations(e.participants, 2):
                rs.add(a.actor_id, b.actor_id, "agreement_with" if e.type == "AGREE" else "ally_of", sent,
                       "inferred", 0.5, "relations.from_event", e.date, names=(a.name, b.name))
