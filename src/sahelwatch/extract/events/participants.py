"""Who took part in an event, and in which role, read from the trigger's syntax."""
from __future__ import annotations

from spacy.tokens import Token

from sahelwatch.extract.context import Context, Mention, mentions_of
from sahelwatch.extract.events.draft import SUBJECTS, VIOLENT, Draft, demonym_people, is_nominal, readings_for
from sahelwatch.kb.lexicon import claim_cues

SOURCE_PREPS = {"by"}
#: verbs whose subject is an event noun that breaks out between parties
OUTBREAK_VERBS = {"erupt", "break", "resume", "continue", "flare", "intensify", "rage", "escalate", "begin", "start"}


TARGET_PREPS = {"on", "against", "of", "targeting", "at", "into"}


PAIR_PREPS = {"between", "with"}
RELATIVE_PRONOUNS = {"which", "who", "that", "qui"}


#: verbs whose subject is the agent of their nominal object ("X launched an offensive", "X signed a pact")
SUPPORT_VERBS = {"launch", "carry", "conduct", "lead", "stage", "mount", "begin", "start", "sign", "hold",
                 "enter", "initiate", "undertake", "wage", "resume", "claim",
                 "perpetrate", "commit", "order", "make", "reach", "conclude", "announce", "ink", "seal",
                 "organize", "organise", "complete", "finalize", "finalise", "execute", "plan", "open", "step",
                 "intensify", "escalate", "increase", "multiply"}
#: verbs whose subject is on the receiving end of their nominal object ("the army repelled an attack")
VICTIM_VERBS = {"suffer", "repel", "repulse", "survive", "withstand", "face", "foil", "thwart"}


AGENT_PARTICIPLES = {"launched", "carried", "conducted", "led", "staged", "claimed", "mounted", "perpetrated",
                     "committed", "orchestrated", "executed", "organized", "organised", "spearheaded"}


def arguments(ctx: Context, t: Token, d: Draft) -> None:
    """Fill participants from the trigger's syntactic arguments."""
    is_verb = t.pos_ in ("VERB", "AUX")
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
    for c in t.children:
        if c.dep_ in SUBJECTS:
            found = mentions_of(ctx, c)
            if not found and (people := demonym_people(ctx, c)) is not None:
                found = [people]
            for m in found:
                d.add(m, "target" if c.dep_ == "nsubjpass" else "source")
        elif c.dep_ in ("dobj", "attr", "oprd"):
            for m in mentions_of(ctx, c):
                d.add(m, "target")
            for g in c.children:
                if g.dep_ == "prep":
                    for p in g.children:
                        for m in mentions_of(ctx, p):
                            d.add(m, "target" if g.norm_ in TARGET_PREPS else "other")
        elif c.dep_ == "poss":
            for m in mentions_of(ctx, c):
                d.add(m, "source")
        elif c.dep_ in ("compound", "amod", "nmod"):
            m = ctx.mention_at(c.i)
            if m is None and c.text[:1].isupper() and ctx.kb.by_demonym(c.text) is not None:
                # "Russian deployments", "a French airstrike": the state acts
                state = ctx.kb.by_demonym(c.text)
                m = Mention(c.i, c.i + 1, state.id, state.kind, "demonym", c.text, ctx.sent_index[c.i])
                d.add(m, "source")
            elif m is not None and not m.speaker_only:
                d.add(m, "source")  # "a JNIM attack", "a Malian drone strike": the modifier acts
        elif c.dep_ in ("agent", "prep"):
            prep = c.norm_
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                for m in mentions_of(ctx, p):
                    if prep in SOURCE_PREPS or c.dep_ == "agent":
                        d.add(m, "source")
                    elif prep in PAIR_PREPS:
                        # "clashes between the army and JNIM": two sides, not two allies
                        first = not any(r == "source" for r, _ in d.participants.values())
                        d.add(m, "source" if prep == "between" and (first or d.reading.plover not in VIOLENT)
                              else "target")
                    elif prep == "of" and not is_verb and d.reading.plover not in VIOLENT:
                        d.add(m, "source")  # "the withdrawal of French forces": they withdraw
                    elif prep in TARGET_PREPS:
                        d.add(m, "target")
        elif c.dep_ == "acl":
            # "the offensive ..., jointly launched by Malian forces and Wagner"
            for g in c.children:
                if g.dep_ == "agent":
                    for p in g.children:
                        for m in mentions_of(ctx, p):
                            d.add(m, "source")
    if is_verb and passive:
        return
    if not is_verb and t.dep_ == "nsubj" and t.head.lemma_.lower() in OUTBREAK_VERBS:
        # "fighting erupted around the camp between the army and CSP fighters"
        # ("erupted around the camp between the army and ...": the pair may hang on the place)
        preps = [c for c in t.head.children if c.dep_ == "prep"]
        preps += [g for c in preps for p in c.children if p.dep_ == "pobj" for g in p.children
                  if g.dep_ == "prep" and g.norm_ == "between"]
        for c in preps:
            if c.norm_ in ("between", "with"):
                for p in c.children:
                    for m in mentions_of(ctx, p):
                        first = not any(r == "source" for r, _ in d.participants.values())
                        d.add(m, "source" if first else "target")
    if not is_verb:
        agent_phrase(ctx, t, d)
    # a nominal trigger that is the object of a verb takes the verb's subject ("X launched an offensive")
    head = t.head
    if not is_verb and t.dep_ in ("dobj", "pobj", "conj", "attr") and head != t:
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        lemma = verb.lemma_.lower()
        if lemma not in SUPPORT_VERBS and lemma not in VICTIM_VERBS:
            return
        for c in verb.children:
            if c.dep_ in ("nsubj",):
                for m in mentions_of(ctx, c):
                    if m.key not in d.participants:
                        d.add(m, "target" if lemma in VICTIM_VERBS else "source")
    # a verb in a relative, open or adverbial clause shares its head's subject
    if is_verb and not any(r == "source" for r, _ in d.participants.values()):
        if t.dep_ in ("xcomp", "conj", "advcl", "ccomp") and t.head != t:
            head = t.head
            while t.dep_ == "conj" and head.dep_ == "conj" and head.head != head \
                    and not any(c.dep_ in SUBJECTS for c in head.children):
                head = head.head  # "It dissolved ..., suspended ..., closed ... and imposed ...": the first verb's
            for c in head.children:
                if c.dep_ in SUBJECTS:
                    for m in mentions_of(ctx, c):
                        d.add(m, "source")
        if t.dep_ == "relcl":
            # "the United States, which has agreed to withdraw": a relative pronoun subject is the antecedent
            own_subject = any(c.dep_ in SUBJECTS and c.norm_ not in RELATIVE_PRONOUNS for c in t.children)
            for m in mentions_of(ctx, t.head):
                d.add(m, "target" if own_subject else "source")


#: words that put an actor named just before a trigger outside the trigger's clause or in another role
FALLBACK_BLOCKERS = {"by", "of", "that", "which", "who", "whom", "whose", "where", "when", "against", "on", "to",
                     "with", "and", "or", "but", "after", "before", "since", "following", "said", "say", "says"}
#: how many words may stand between that actor and the trigger
FALLBACK_GAP = 3


def preceding_actor(ctx: Context, t: Token, d: Draft) -> None:
    """'ECOWAS imposed sanctions on Niger', where the small parser makes the acronym a verb: when syntax gave
    the event no acting side, the actor named just before the trigger in the same clause (a few words back,
    with no punctuation, preposition, conjunction or other actor between) is its source."""
    if any(r == "source" for r, _ in d.participants.values()) or not is_nominal(t):
        return
    sent = ctx.sent_of(t)
    before = ctx.mentions_in(sent.start, t.i)
    if not before:
        return
    m = max(before, key=lambda x: x.end)
    between = ctx.doc[m.end:t.i]
    if len(between) > FALLBACK_GAP or m.key in d.participants:
        return
    if any(x.is_punct or x.norm_ in FALLBACK_BLOCKERS or x.pos_ in ("ADP", "SCONJ", "CCONJ") for x in between):
        return
    if any(x.pos_ in ("VERB", "AUX") and x.lemma_.lower() not in SUPPORT_VERBS
           and not any(r.plover == d.reading.plover for r in readings_for(x)) for x in between):
        return  # "Kaboré condemned the attack": only a verb that makes the event lends it its subject
    root = ctx.doc[m.start:m.end].root
    if root.dep_ in ("pobj", "poss") and root.head.i < m.start:
        return  # "the army of Mali attacked": the named actor hangs on another word
    d.add(m, "source")


def agent_phrase(ctx: Context, t: Token, d: Draft) -> None:
    """'the offensive on Tinzaouaten, jointly launched by Malian forces and Wagner': the small parser often
    attaches the participle elsewhere, so the phrase is read from the words that follow the trigger."""
    sent = ctx.sent_of(t)
    words = ctx.doc[t.i + 1: min(sent.end, t.i + 14)]
    for i, w in enumerate(words[:-1]):
        if w.norm_ in AGENT_PARTICIPLES and words[i + 1].norm_ == "by":
            by = words[i + 1]
            stop = min(sent.end, by.i + 12)
            for m in ctx.mentions_in(by.i + 1, stop):
                between = ctx.doc[by.i + 1: m.start]
                if any(x.norm_ in (",", ";", "which", "who") or x.pos_ == "VERB" for x in between):
                    break
                d.add(m, "source")
            return


def victims(ctx: Context, t: Token, d: Draft) -> None:
    """Actors counted among the dead or wounded of the sentence are the attack's targets."""
    sent = ctx.sent_of(t)
    for q in ctx.quantities:
        if q.kind in ("fatalities", "wounded") and sent.start <= q.start < sent.end:
            for m in ctx.mentions_in(q.end, min(sent.end, q.end + 3)):
                d.add(m, "target")


def _is_speaker(root: Token, reporting: dict) -> bool:
    """'Human Rights Watch said ... 300 men killed': who reports a killing is not a party to it."""
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in reporting


def window_participants(ctx: Context, t: Token, d: Draft) -> None:
    """When syntax gave nothing, take the actors named near the trigger in its sentence."""
    sent = ctx.sent_of(t)
    reporting = claim_cues()["verb_modality"]
    near = [m for m in ctx.mentions_in(sent.start, sent.end) if abs(m.start - t.i) <= 12
            and not _is_speaker(ctx.doc[m.start:m.end].root, reporting)]
    near = [m for m in near if not _modifies_other(ctx, m, near)]
    for m in near:
        role = "source" if m.end <= t.i else ("target" if d.reading.plover in VIOLENT else "other")
        d.add(m, role)
    d.confidence = min(d.confidence, 0.45)


def _modifies_other(ctx: Context, m: Mention, others: list[Mention]) -> bool:
    """'des manifestants favorables aux putschistes', 'militants close to the junta': an actor named inside
    the adjective phrase of another actor describes that actor; it takes no part of its own."""
    root = ctx.doc[m.start:m.end].root
    prep = root if root.dep_ == "prep" else root.head  # "aux putschistes" spans its preposition
    if prep.dep_ != "prep" or root.dep_ not in ("pobj", "prep") or m.start not in (prep.i, prep.i + 1) \
            or prep.i == 0:
        return False
    adj = ctx.doc[prep.i - 1]  # the parser hangs the preposition on the adjective or on its noun
    return adj.pos_ == "ADJ" and any(o is not m and o.start <= adj.i < o.end for o in others)
