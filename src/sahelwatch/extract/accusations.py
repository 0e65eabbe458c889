"""Accusations told as claims: a claim that brands another actor's act ("an act of war", "a war crime") is
itself an ACCUSE event, from the speaker to the accused, dated by the event it answers."""
from __future__ import annotations

import re

from spacy.tokens import Span

from sahelwatch.extract.actors import display_name
from sahelwatch.extract.context import Context
from sahelwatch.kb.lexicon import claim_cues
from sahelwatch.model import Claim, DateInterval, Event, Participant, stable_id


def _story_date(ctx: Context, sent: Span, events) -> DateInterval | None:
    """'The incident sparked a crisis, with Bamako calling it an act of war': an accusation with no date of its
    own answers the event told just before it, in the same paragraph."""
    here = ctx.sent_index[sent.start]
    para = ctx.doc.text.count("\n", 0, sent.start_char)
    for e in reversed(list(events)):
        if e.date is None:
            continue
        span = ctx.doc.char_span(e.evidence[0].start, e.evidence[0].end, alignment_mode="expand")
        if span is None:
            continue
        there = ctx.sent_index[span.start]
        if here - 1 <= there <= here and ctx.doc.text.count("\n", 0, span.start_char) == para:
            return e.date.model_copy(update={"text": f"(narrative time: {e.date.text})", "relative": True})
    return None


def accusation_events(ctx: Context, claims: list[Claim], known_events: list[Event] = ()) -> list[Event]:
    """A claim that brands another actor's act ("an act of war", "terrorism") is itself an accusation."""
    words = [w.lower() for w in claim_cues()["accusatory"]]
    labels = {"terrorist", "terrorists", "terrorism"}
    predicative = set(claim_cues()["predicative"])
    out = []
    for c in claims:
        hits = {w for w in words if re.search(r"\b%s\b" % re.escape(w), c.text.lower())}
        # "terrorists" accuses only when someone is called one ("described them as terrorists"),
        # not in "the fight against terrorism"
        if c.speaker_id is None or not hits or (hits <= labels and c.cue.lower() not in predicative
                                                and not any(c.cue.lower().startswith(p) for p in predicative)):
            continue
        existing = next((e for e in known_events if e.type == "ACCUSE"
                         and any(ev.start == c.evidence.start for ev in e.evidence)
                         and any(p.actor_id == c.speaker_id and p.role == "source" for p in e.participants)), None)
        speaker_mention = ctx.kb.get(c.speaker_id)
        if speaker_mention is None and not c.speaker_id.startswith("new_"):
            continue
        sent = ctx.doc.char_span(c.evidence.start, c.evidence.end, alignment_mode="expand")
        if sent is None:
            continue
        speaker_state = ctx.kb.state_of(c.speaker_id)
        targets = []
        for m in ctx.mentions_in(sent.start, sent.end):
            if m.key == c.speaker_id or m.via == "coref":
                continue
            st = ctx.kb.state_of(m.key)
            if speaker_state is not None and st is not None and st.id == speaker_state.id:
                continue
            if m.key not in [t.key for t in targets]:
                targets.append(m)
        if not targets:
            continue
        if existing is not None:
            # "Bamako condemned the downing, describing it as an act of war by Algeria": one accusation
            known = {p.actor_id for p in existing.participants}
            existing.participants.extend(Participant(actor_id=m.key, name=display_name(ctx, m.key, m.text),
                                                     role="target", text=m.text)
                                         for m in targets if m.key not in known)
            c.event_ids.append(existing.id)
            continue
        participants = [Participant(actor_id=c.speaker_id, name=display_name(ctx, c.speaker_id, c.speaker or ""),
                                    role="source", text=c.speaker or "")]
        participants += [Participant(actor_id=m.key, name=display_name(ctx, m.key, m.text), role="target",
                                     text=m.text) for m in targets]
        ev = Event(id=stable_id("ev", ctx.doc_id, c.id, "ACCUSE"), type="ACCUSE", trigger=c.cue,
                   participants=participants, modality=c.modality, confidence=0.55,
                   date=_story_date(ctx, sent, known_events),
                   evidence=[c.evidence.model_copy(update={"extractor": "events.accusation"})])
        c.event_ids.append(ev.id)
        out.append(ev)
    return out
