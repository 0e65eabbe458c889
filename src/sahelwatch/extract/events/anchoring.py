"""The date, place, toll and modality told with an event, and the story's narrative time."""
from __future__ import annotations

from datetime import timedelta

from spacy.tokens import Token

from sahelwatch.extract.context import Context, Timex, clause
from sahelwatch.extract.events.draft import VIOLENT, Draft, clause_chain, is_nominal
from sahelwatch.extract.quantities import fatalities_in
from sahelwatch.kb.lexicon import claim_cues

#: prepositions that give a deadline rather than the time of an act
DEADLINE_PREPS = {"by", "until"}
CIRCUMSTANCE_PREPS = {"despite", "after", "following", "since", "before", "amid", "under"}


def nearest(items, t: Token, sent) -> object | None:
    """The date or place told with the trigger: in its own clause first, then in a clause above it or a
    fronted scene-setting clause, nearest first; a modifier of another word does not count."""
    chain = clause_chain(t)
    inside = []
    for x in items:
        if not sent.start <= x.start < sent.end:
            continue
        if in_other_modifier(t, span_root(t.doc, x.start, getattr(x, "end", x.start + 1))):
            continue  # "Bazoum, elected in 2021, has refused": the date belongs to "elected"
        if x.start > 0 and t.doc[x.start - 1].norm_ in DEADLINE_PREPS and t.doc[x.start - 1].head != t:
            continue  # "agreed to withdraw its troops by mid-September": another verb's deadline
        distance = x.start - t.i if x.start > t.i else t.i - getattr(x, "end", x.start + 1) + 1
        own = clause(t.doc[x.start])
        if own == chain[0] and distance <= 30:
            level = 0
        elif distance <= 6:
            level = 0
        elif (own in chain[1:] and distance <= 40) or (own.dep_ == "advcl" and own.head in chain and own.i < t.i):
            level = 1
        else:
            continue
        inside.append((level, distance, x))
    return min(inside, key=lambda p: (p[0], p[1]))[2] if inside else None


def in_dateline(ctx: Context, tx) -> bool:
    """'NIAMEY, Jan 14 (wire) - At least 89 soldiers were killed in last Thursday's assault': the date of a
    wire dateline is when the story was filed, not when anything in it happened."""
    return tx.end <= ctx.dateline_end


def span_root(doc, start: int, end: int) -> Token:
    span = doc[start:end]
    return span.root if len(span) else doc[start]


def in_other_modifier(trigger: Token, token: Token) -> bool:
    """Is ``token`` inside a participial, relative or appositive modifier that does not hold the trigger?"""
    if token.dep_ in ("nummod", "compound", "amod", "poss") and token.head.pos_ in ("NOUN", "PROPN") \
            and token.head != trigger:  # (spaCy makes a new Token object on each access: compare, never ``is``)
        return True  # "terminated the 2015 agreement": the year names the agreement, not the act
    node = token
    while node.head != node:
        if (node.dep_ in ("acl", "relcl", "appos") or (node.tag_ == "VBN" and node.dep_ in ("advcl", "amod"))) \
                and trigger not in node.subtree and node.head != trigger \
                and not (is_nominal(trigger) and node.head in trigger.subtree):
            return True
        if trigger in node.subtree:
            return False
        node = node.head
    return False


def modality(ctx: Context, t: Token) -> str:
    cues = claim_cues()
    sent = ctx.sent_of(t)
    words = {x.norm_ for x in sent}
    lemmas = {x.lemma_.lower() for x in sent}
    if words & set(cues["reported_markers"]):
        return "reported"
    local = {x.norm_ for x in t.doc[max(sent.start, t.i - 6): t.i]} | {t.head.norm_}
    if local & set(cues["hedges"]) or (lemmas & set(cues["hedges"]) and t.dep_ in ("xcomp", "ccomp")):
        return "hedged"
    return "asserted"


def in_circumstance(t: Token) -> bool:
    """'after the withdrawal of French forces and the termination of MINUSMA': background, told as a
    circumstance of the sentence's news."""
    while t.dep_ == "conj" and t.head != t:
        t = t.head
    return t.dep_ == "pobj" and t.head.norm_ in CIRCUMSTANCE_PREPS


def locative_place(ctx: Context, p) -> bool:
    return p.start > 0 and ctx.doc[p.start - 1].norm_ in ("in", "across", "throughout", "to", "into", "from")


def attach_fatalities(ctx: Context, drafts: list[Draft]) -> None:
    """A sentence's death toll goes to its violent event nearest the figure."""
    by_sent: dict[int, list[Draft]] = {}
    for d in drafts:
        by_sent.setdefault(d.sentences[0], []).append(d)
    for si, group in by_sent.items():
        sent = ctx.sents[si]
        found = fatalities_in(ctx.doc, ctx.quantities, sent.start, sent.end)
        if not found:
            continue
        violent = [d for d in group if d.reading.plover in VIOLENT] or group
        first_q = min(q.start for q in ctx.quantities if q.kind == "fatalities" and sent.start <= q.start < sent.end)
        target = min(violent, key=lambda d: abs(d.trigger.i - first_q))
        target.fatalities, target.fatalities_text = found


def paragraph_of(ctx: Context, sent_index: int) -> int:
    """Paragraph number of a sentence: paragraphs are separated by line breaks."""
    return ctx.sent_paragraph[sent_index]


def narrative_dates(ctx: Context, drafts: list[Draft]) -> None:
    """An event told without a date happened at the story's current time: that of the latest dated event
    in the same paragraph, at most two sentences back ("However, Algeria intervened ...")."""
    for d in drafts:
        if d.timex is not None or d.background or d.trigger.dep_ in ("relcl", "acl") \
                or any(a.dep_ == "relcl" for a in d.trigger.ancestors):
            continue  # a relative clause tells background ("the officers who overthrew Bazoum")
        here = d.sentences[0]
        for back in (0, 1, 2):
            si = here - back
            if si < 0 or paragraph_of(ctx, si) != paragraph_of(ctx, here):
                break
            sent = ctx.sents[si]
            found = [tx for tx in ctx.timexes if sent.start <= tx.start < sent.end and not in_dateline(ctx, tx)
                     and (back > 0 or (tx.start < d.trigger.i and not _describes_subject(
                         d.trigger, span_root(ctx.doc, tx.start, tx.end))))]
            if not found:
                continue
            # the main clause's time is the story's time ("In April, HRW reported that ... on 25 February")
            main = [tx for tx in found if clause(ctx.doc[tx.start]).dep_ == "ROOT"]
            d.timex = (main or found)[-1] if back > 0 else found[-1]
            d.inherited = True
            break
        if d.timex is None and ctx.published is not None and _present_perfect(d.trigger):
            # "JNIM has reportedly entered negotiations": news in the present perfect is recent
            d.timex = Timex(d.trigger.i, d.trigger.i + 1, "(recent: present perfect)",
                            ctx.published - timedelta(days=RECENT_DAYS), ctx.published, "month", True)


def _describes_subject(trigger: Token, token: Token) -> bool:
    """'Bazoum, elected in 2021, has refused to sign': a date told in a modifier of the trigger's subject
    belongs to the subject's past, not to the act."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    for node in (token, *token.ancestors):
        if node.dep_ in ("acl", "relcl", "appos") or (node.tag_ == "VBN" and node.dep_ in ("advcl", "amod")):
            head = node.head
            return head.dep_ in ("nsubj", "nsubjpass") and head.head in (verb, *verb.ancestors) \
                and trigger not in node.subtree
    return False


def news_time(ctx: Context) -> Timex | None:
    """The date of the story's news: the time the lead sentence gives its main clause ("the army announced
    on Tuesday", "the UN office said in a report published on Friday"), else the last one it gives ("were
    killed in last Thursday's assault"), to the day. The headline, a paragraph of its own, is not the lead."""
    if not ctx.sents:
        return None
    lead = 0
    if len(ctx.sents) > 1 and paragraph_of(ctx, 1) != paragraph_of(ctx, 0):
        lead = 1  # a headline, its own paragraph
    sent = ctx.sents[lead]
    found = [tx for tx in ctx.timexes if sent.start <= tx.start < sent.end and tx.precision == "day"]
    if not found:
        return None
    main = [tx for tx in found if clause(ctx.doc[tx.start]).dep_ == "ROOT"]
    return (main or found)[-1]


def news_dates(ctx: Context, drafts: list[Draft]) -> None:
    """An act told in the simple past without a date, with no date told before it in its paragraph, is part
    of the story's news: it happened at the lead's time ("Opposition politicians called the move a coup").
    Attacks are left alone: a story lists earlier attacks without dates, and an attack's date decides which
    reports of it are one."""
    news = news_time(ctx)
    if news is None:
        return
    for d in drafts:
        t = d.trigger
        if d.timex is not None or d.background or d.reading.plover == "ASSAULT" or not _simple_past(t) \
                or t.dep_ in ("relcl", "acl") or any(a.dep_ in ("relcl", "acl") for a in t.ancestors) \
                or _in_circumstance_clause(t):
            continue
        para = paragraph_of(ctx, d.sentences[0])
        if any(tx.start < t.i and paragraph_of(ctx, ctx.sent_index[tx.start]) == para for tx in ctx.timexes):
            continue  # the paragraph has moved the story to another time
        if _own_unresolved_time(ctx, t):
            continue  # "On the day of the Abuja summit, ...": a time of its own, though not one we can date
        d.timex, d.inherited = news, True


def _own_unresolved_time(ctx: Context, t: Token) -> bool:
    """Does the trigger's sentence name a definite time (the parser's DATE or TIME: "on the day of the
    summit", "in the preceding days") that no timex resolved? A bare span ("within hours") does not move
    the story away from its news."""
    sent = ctx.sent_of(t)
    dated = {i for tx in ctx.timexes for i in range(tx.start, tx.end)}
    return any(e.label_ in ("DATE", "TIME") and e[0].norm_ == "the" and not any(x.i in dated for x in e)
               for e in sent.ents)


def _simple_past(t: Token) -> bool:
    """Is the trigger (or the verb governing an event noun) in the simple past ("dissolved", "called the move
    a coup"), not the past perfect, the future or a modal?"""
    verb = t
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.norm_ in ("had", "will", "would", "may", "might", "could", "should",
                                                         "has", "have", "can", "to")
           for c in verb.children):
        return False
    return verb.tag_ == "VBD"


def _in_circumstance_clause(t: Token) -> bool:
    """'after the president dies fighting rebels', 'since the coup': told as the news's background."""
    for a in [t, *t.ancestors]:
        if a.dep_ == "advcl" and any(c.dep_ == "mark" and c.norm_ in CIRCUMSTANCE_PREPS for c in a.children):
            return True
        if a.dep_ == "pobj" and a.head.norm_ in CIRCUMSTANCE_PREPS:
            return True
    return False


def dateline_places(ctx: Context, drafts: list[Draft]) -> None:
    """An event of the lead paragraph told without a place happened where the story was filed: the first
    city of the dateline ("NIAMEY/ABUJA - The juntas signed a treaty ...")."""
    if not ctx.dateline_places:
        return
    lead = paragraph_of(ctx, ctx.sent_index[ctx.dateline_places[0].start])
    for d in drafts:
        if d.place is None and not d.background and paragraph_of(ctx, d.sentences[0]) == lead:
            d.place = ctx.dateline_places[0]


def narrative_places(ctx: Context, drafts: list[Draft]) -> None:
    """A fight told without a place, dated relative to the story ("the next day", "hours later") or by its
    narrative time, happened where the fighting just told happened: the latest violent event with a place,
    at most two sentences back in the same paragraph."""
    for d in drafts:
        if d.place is not None or d.background or d.reading.plover != "ASSAULT" or d.timex is None \
                or not (d.timex.relative or d.inherited):
            continue
        here = d.sentences[0]
        earlier = [o for o in drafts if o is not d and o.place is not None and o.reading.plover in VIOLENT
                   and here - 2 <= o.sentences[0] <= here
                   and paragraph_of(ctx, o.sentences[0]) == paragraph_of(ctx, here)
                   and (o.sentences[0] < here or o.trigger.i < d.trigger.i)]
        if earlier:
            d.place = max(earlier, key=lambda o: (o.sentences[0], o.trigger.i)).place


#: how far back "has done" reaches in a news story
RECENT_DAYS = 60


def _present_perfect(t: Token) -> bool:
    verb = t if t.pos_ in ("VERB", "AUX") else t.head
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.norm_ in ("has", "have") for c in verb.children)


def orphan_tolls(ctx: Context, drafts: list[Draft]) -> None:
    """A toll told in a sentence of its own ("a source put the toll at more than 70 dead") belongs to the
    latest attack before it; ACLED's rule keeps the lowest of competing tolls."""
    with_events = {d.sentences[0] for d in drafts}
    for si, sent in enumerate(ctx.sents):
        if si in with_events:
            continue
        found = fatalities_in(ctx.doc, ctx.quantities, sent.start, sent.end)
        if not found:
            continue
        recent = [d for d in drafts if d.reading.plover == "ASSAULT" and si - 3 <= max(d.sentences) < si]
        # the story's main attack, told in most sentences, rather than a side report of its end
        target = max(recent, key=lambda d: (len(d.sentences), max(d.sentences)), default=None)
        if target is None:
            continue
        value, text = found
        target.fatalities = value if target.fatalities is None else min(target.fatalities, value)
        target.fatalities_text = target.fatalities_text or text
        target.sentences.append(si)
