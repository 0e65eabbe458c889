"""Events: a trigger word from the lexicon, its participants with roles, and the date, place and toll told
with it. Reports of one event within a document ("Wagner announced its withdrawal" ... "Wagner's
departure") are merged, keeping every sentence as evidence.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from sahelwatch.extract.actors import display_name
from sahelwatch.extract.context import MEMBER_NOUNS, Context, Mention, Timex
from sahelwatch.extract.quantities import fatalities_in
from sahelwatch.kb.gazetteer import haversine_km
from sahelwatch.kb.lexicon import Trigger, claim_cues, event_triggers
from sahelwatch.model import DateInterval, Event, Participant, stable_id

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
SOURCE_PREPS = {"by"}
TARGET_PREPS = {"on", "against", "of", "targeting", "at", "into"}
PAIR_PREPS = {"between", "with"}
CIRCUMSTANCE_PREPS = {"despite", "after", "following", "since", "before", "amid", "under"}
NEGATIONS = {"not", "no", "never", "n't", "without"}
#: verbs whose subject is the agent of their nominal object ("X launched an offensive", "X signed a pact")
SUPPORT_VERBS = {"launch", "carry", "conduct", "lead", "stage", "mount", "begin", "start", "sign", "hold",
                 "enter", "initiate", "undertake", "wage", "resume", "claim",
                 "perpetrate", "commit", "order", "make", "reach", "conclude", "announce", "ink", "seal",
                 "organize", "organise", "complete", "finalize", "finalise", "execute", "plan", "open"}
#: verbs after which an event is only wished for, not told ("urging them to surrender")
IRREALIS_HEADS = {"order", "tell", "instruct", "urge", "ask", "call", "demand", "want", "seek", "try", "expect", "aim", "intend", "hope",
                  "attempt", "plan", "threaten", "propose", "request", "encourage", "refuse", "fail"}
#: an agreement noun is an event only where it is made ("signed", "reached"); elsewhere it names a standing
#: agreement ("terminated the 2015 agreement", "the core objectives of the agreement")
MAKING_VERBS = {"sign", "reach", "conclude", "ink", "seal", "strike", "broker", "agree", "negotiate", "announce",
                "finalize", "finalise", "approve", "adopt"}
AGENT_PARTICIPLES = {"launched", "carried", "conducted", "led", "staged", "claimed", "mounted", "perpetrated",
                     "committed", "orchestrated", "executed", "organized", "organised", "spearheaded"}
DEMONSTRATIVES = {"this", "that", "these", "those", "such"}
VIOLENT = {"ASSAULT", "COERCE"}


@dataclass
class Draft:
    """An event being assembled before it becomes an immutable record."""

    trigger: Token
    reading: Trigger
    participants: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (role, text)
    timex: Timex | None = None
    place: object | None = None
    fatalities: int | None = None
    fatalities_text: str | None = None
    modality: str = "asserted"
    background: bool = False
    confidence: float = 0.6
    sentences: list[int] = field(default_factory=list)
    refers: bool = False
    inherited: bool = False

    def add(self, m: Mention, role: str) -> None:
        old = self.participants.get(m.key)
        if old is None or (old[0] == "other" and role != "other"):
            self.participants[m.key] = (role, m.text)


def _matches(t: Token, reading: Trigger) -> bool:
    if reading.pos and t.pos_ not in reading.pos:
        return False
    if reading.plural_only and t.tag_ != "NNS":
        return False
    if reading.after:
        if t.i == 0 or t.doc[t.i - 1].lower_ not in reading.after:
            return False
    if reading.needs:
        window = {x.lower_ for x in t.doc[t.i + 1: t.i + 7]}
        if not window & set(reading.needs):
            return False
    if reading.needs_object and not any(c.dep_ in ("dobj", "pobj", "prep") for c in t.children):
        return False
    if reading.needs_person_object and not any(c.dep_ == "dobj" and c.ent_type_ in ("PERSON", "ACTOR")
                                               for c in t.children):
        return False
    return True


def find_triggers(ctx: Context) -> list[tuple[Token, Trigger]]:
    lexicon = event_triggers()
    mention_tokens = {i for m in ctx.mentions if m.via != "coref" for i in m.tokens}
    out = []
    for t in ctx.doc:
        if t.i in mention_tokens or t.is_punct:
            continue
        readings = lexicon.get(t.lemma_.lower()) or lexicon.get(t.lower_) or []
        for reading in readings:
            if _matches(t, reading):
                if _negated(t):
                    break
                out.append((t, reading))
                break
    return out


def _negated(t: Token) -> bool:
    if any(c.dep_ == "neg" for c in t.children):
        return True
    return t.i > 0 and t.doc[t.i - 1].lower_ in NEGATIONS


#: nouns through which a possessor acts ("the bloc's leaders", "Mali's soldiers"), unlike "its targets"
QUANTITY_HEADS = {"thousands", "hundreds", "dozens", "scores", "tens", "group", "band", "column", "number",
                  "some", "many", "most", "several", "members", "unit", "contingent"}
MEMBER_NOUNS = {"leaders", "leader", "members", "fighters", "officials", "troops", "soldiers", "forces", "army",
                "government", "militants", "men", "units", "envoys", "delegation", "representatives", "heads"}


def _mention_for(ctx: Context, token: Token) -> list[Mention]:
    """Mentions at a token and its conjuncts ("Malian forces and Wagner"), through a member noun ("the bloc's
    leaders"), a quantity ("thousands of supporters") or an appositive list ("Mali, Burkina Faso and Niger")."""
    out: list[Mention] = []
    heads = [token, *token.conjuncts]
    heads += [cj for c in token.children if c.dep_ == "appos" for cj in (c, *c.conjuncts)]
    for tok in heads:
        deps = ("compound", "amod", "appos", "poss") if tok.lower_ in MEMBER_NOUNS else ("compound", "amod", "appos")
        subs = [tok, *[c for c in tok.children if c.dep_ in deps]]
        if tok.lower_ in QUANTITY_HEADS:
            subs += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        for sub in subs:
            m = ctx.mention_at(sub.i)
            if m is not None and not m.speaker_only and m not in out:
                out.append(m)
                break
    return out


def _arguments(ctx: Context, t: Token, d: Draft) -> None:
    """Fill participants from the trigger's syntactic arguments."""
    is_verb = t.pos_ in ("VERB", "AUX")
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
    for c in t.children:
        if c.dep_ in SUBJECTS:
            for m in _mention_for(ctx, c):
                d.add(m, "target" if c.dep_ == "nsubjpass" else "source")
        elif c.dep_ in ("dobj", "attr", "oprd"):
            for m in _mention_for(ctx, c):
                d.add(m, "target")
            for g in c.children:
                if g.dep_ == "prep":
                    for p in g.children:
                        for m in _mention_for(ctx, p):
                            d.add(m, "target" if g.lower_ in TARGET_PREPS else "other")
        elif c.dep_ == "poss":
            for m in _mention_for(ctx, c):
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
            prep = c.lower_
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                for m in _mention_for(ctx, p):
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
                        for m in _mention_for(ctx, p):
                            d.add(m, "source")
    if is_verb and passive:
        return
    if not is_verb:
        _agent_phrase(ctx, t, d)
    # a nominal trigger that is the object of a verb takes the verb's subject ("X launched an offensive")
    head = t.head
    if not is_verb and t.dep_ in ("dobj", "pobj", "conj", "attr") and head is not t:
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        if verb.lemma_.lower() not in SUPPORT_VERBS:
            return
        for c in verb.children:
            if c.dep_ in ("nsubj",):
                for m in _mention_for(ctx, c):
                    if m.key not in d.participants:
                        d.add(m, "source")
    # a verb in a relative, open or adverbial clause shares its head's subject
    if is_verb and not any(r == "source" for r, _ in d.participants.values()):
        if t.dep_ in ("xcomp", "conj", "advcl", "ccomp") and t.head is not t:
            for c in t.head.children:
                if c.dep_ in SUBJECTS:
                    for m in _mention_for(ctx, c):
                        d.add(m, "source")
            if t.head.dep_ == "relcl" or t.dep_ == "relcl":
                pass
        if t.dep_ == "relcl":
            for m in _mention_for(ctx, t.head):
                d.add(m, "target" if any(c.dep_ in SUBJECTS for c in t.children) else "source")


def _agent_phrase(ctx: Context, t: Token, d: Draft) -> None:
    """'the offensive on Tinzaouaten, jointly launched by Malian forces and Wagner': the small parser often
    attaches the participle elsewhere, so the phrase is read from the words that follow the trigger."""
    sent = ctx.sent_of(t)
    words = ctx.doc[t.i + 1: min(sent.end, t.i + 14)]
    for i, w in enumerate(words[:-1]):
        if w.lower_ in AGENT_PARTICIPLES and words[i + 1].lower_ == "by":
            by = words[i + 1]
            stop = min(sent.end, by.i + 12)
            for m in ctx.mentions_in(by.i + 1, stop):
                between = ctx.doc[by.i + 1: m.start]
                if any(x.lower_ in (",", ";", "which", "who") or x.pos_ == "VERB" for x in between):
                    break
                d.add(m, "source")
            return


def _victims(ctx: Context, t: Token, d: Draft) -> None:
    """Actors counted among the dead or wounded of the sentence are the attack's targets."""
    sent = ctx.sent_of(t)
    for q in ctx.quantities:
        if q.kind in ("fatalities", "wounded") and sent.start <= q.start < sent.end:
            for m in ctx.mentions_in(q.end, min(sent.end, q.end + 3)):
                d.add(m, "target")


def _window_participants(ctx: Context, t: Token, d: Draft) -> None:
    """When syntax gave nothing, take the actors named near the trigger in its sentence."""
    sent = ctx.sent_of(t)
    near = [m for m in ctx.mentions_in(sent.start, sent.end) if abs(m.start - t.i) <= 12]
    for m in near:
        role = "source" if m.end <= t.i else ("target" if d.reading.plover in ("ASSAULT", "COERCE") else "other")
        d.add(m, role)
    d.confidence = min(d.confidence, 0.45)


def _clause(token: Token) -> Token:
    while token.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "parataxis") and token.head is not token:
        token = token.head
    return token


def _clause_chain(token: Token) -> list[Token]:
    """The trigger's clause and the clauses above it ("X declared it would remain": the declaration's time
    also dates what was declared)."""
    chain = [_clause(token)]
    while (chain[-1].dep_ in ("ccomp", "advcl", "parataxis") or (chain[-1].dep_ == "relcl" and any(
            c.lower_ in ("where", "when") for c in chain[-1].children))) and len(chain) < 4:
        # ("where X inflicted losses": a place's relative clause shares the main clause's time; "the
        # officers who overthrew Bazoum" tells an earlier act)
        chain.append(_clause(chain[-1].head))
    return chain


def _nearest(items, t: Token, sent, max_distance: int = 20) -> object | None:
    """The date or place told with the trigger: in its clause and near it, or right beside it."""
    inside = []
    for x in items:
        if not sent.start <= x.start < sent.end:
            continue
        if _in_other_modifier(t, _span_root(t.doc, x.start, getattr(x, "end", x.start + 1))):
            continue  # "Bazoum, elected in 2021, has refused": the date belongs to "elected"
        distance = x.start - t.i if x.start > t.i else t.i - getattr(x, "end", x.start + 1) + 1
        own = _clause(ctx_doc_token(t, x.start))
        # "Meeting in Abuja on 30 July, the leaders closed borders": a fronted adverbial clause sets the scene
        same_clause = own in _clause_chain(t) or (own.dep_ == "advcl" and own.head in _clause_chain(t)
                                                   and own.i < t.i)
        if distance <= 6 or (same_clause and distance <= max(max_distance, 30)) or \
                (_clause(ctx_doc_token(t, x.start)) in _clause_chain(t)[1:] and distance <= 40):
            inside.append((distance, x))
    return min(inside, key=lambda p: p[0])[1] if inside else None


def _span_root(doc, start: int, end: int) -> Token:
    span = doc[start:end]
    return span.root if len(span) else doc[start]


def _in_other_modifier(trigger: Token, token: Token) -> bool:
    """Is ``token`` inside a participial, relative or appositive modifier that does not hold the trigger?"""
    if token.dep_ in ("nummod", "compound", "amod", "poss") and token.head.pos_ in ("NOUN", "PROPN") \
            and token.head is not trigger:
        return True  # "terminated the 2015 agreement": the year names the agreement, not the act
    node = token
    while node.head is not node:
        if (node.dep_ in ("acl", "relcl", "appos") or (node.tag_ == "VBN" and node.dep_ in ("advcl", "amod"))) \
                and trigger not in node.subtree and node.head is not trigger \
                and not (_is_nominal(trigger) and node.head in trigger.subtree):
            return True
        if trigger in node.subtree:
            return False
        node = node.head
    return False


def ctx_doc_token(t: Token, i: int) -> Token:
    return t.doc[i]


def _modality(ctx: Context, t: Token) -> str:
    cues = claim_cues()
    sent = ctx.sent_of(t)
    words = {x.lower_ for x in sent}
    lemmas = {x.lemma_.lower() for x in sent}
    if words & set(cues["reported_markers"]):
        return "reported"
    local = {x.lower_ for x in t.doc[max(sent.start, t.i - 6): t.i]} | {t.head.lower_}
    if local & set(cues["hedges"]) or (lemmas & set(cues["hedges"]) and t.dep_ in ("xcomp", "ccomp")):
        return "hedged"
    return "asserted"


def _is_nominal(t: Token) -> bool:
    return t.pos_ not in ("VERB", "AUX") or t.tag_ == "VBG" and t.dep_ in ("pobj", "dobj", "nsubj")


def _not_an_event(ctx: Context, t: Token) -> bool:
    """Anaphoric references ("this battle"), wished-for acts ("urging them to surrender") and verbs whose
    subject is no actor ("the collapse threatens ...") report no new event."""
    if _is_nominal(t) and t.dep_ in ("dobj", "pobj") and (t.head.lemma_.lower() in IRREALIS_HEADS or (
            t.head.dep_ == "prep" and t.head.head.lemma_.lower() in IRREALIS_HEADS)):
        return True  # "to demand the departure of French troops"
    if _is_nominal(t):
        if any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in t.children):
            return True
        if event_reading_is(t, "AGREE"):
            made = t.head.lemma_.lower() in MAKING_VERBS and t.dep_ in ("dobj", "nsubjpass", "conj") or any(
                c.dep_ in ("acl", "relcl") and c.lemma_.lower() in MAKING_VERBS for c in t.children) or any(
                c.dep_ == "prep" and c.lower_ == "between" for c in t.children)
            return not made
        return False
    if t.dep_ in ("xcomp", "ccomp") and t.head.lemma_.lower() in IRREALIS_HEADS:
        return True
    if t.dep_ == "relcl" and t.tag_ in ("VBZ", "VBP"):
        return True  # "movements, which demand autonomy": a standing position, not an act
    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    if subj is not None and not _mention_for(ctx, subj) and subj.pos_ in ("NOUN", "PROPN"):
        from sahelwatch.kb.lexicon import event_triggers

        return subj.lemma_.lower() not in event_triggers()
    return False


def _definite(t: Token) -> bool:
    return _is_nominal(t) and any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their")
                                  for c in t.children)


def event_reading_is(t: Token, plover: str) -> bool:
    readings = event_triggers().get(t.lemma_.lower()) or event_triggers().get(t.lower_) or []
    return any(r.plover == plover for r in readings)


def _draft(ctx: Context, t: Token, reading: Trigger) -> Draft | None:
    if _not_an_event(ctx, t):
        return None
    d = Draft(trigger=t, reading=reading, sentences=[ctx.sent_index[t.i]])
    _arguments(ctx, t, d)
    sent = ctx.sent_of(t)
    if _definite(t):
        # "The assault took place last Saturday", "the group claimed the attack": a definite event noun
        # may refer back to an event already told; _resolve_references decides
        d.refers = True
        d.timex = _nearest(ctx.timexes, t, sent)
        d.place = _nearest(ctx.places, t, sent)
        if d.reading.plover == "ASSAULT" and (d.timex is not None or d.place is not None):
            _victims(ctx, t, d)
        return d
    if d.reading.plover == "ASSAULT":
        _victims(ctx, t, d)
    if not d.participants and not _is_nominal(t) and t.dep_ not in ("acl", "amod"):
        # ("the number of people killed": a participle modifier has its victim as head, no agent nearby)
        _window_participants(ctx, t, d)
    elif d.participants:
        d.confidence = 0.7
    if not d.participants:
        return None
    if reading.needs_actor_pair and len(d.participants) < 2:
        return None
    sent = ctx.sent_of(t)
    d.timex = _nearest(ctx.timexes, t, sent)
    d.place = _nearest([p for p in ctx.places if ctx.mention_at(p.start) is None or p.entry.feature != "country"
                        or _locative_place(ctx, p)], t, sent)
    d.modality = _modality(ctx, t)
    d.background = _in_circumstance(t)
    return d


def _in_circumstance(t: Token) -> bool:
    """'after the withdrawal of French forces and the termination of MINUSMA': background, told as a
    circumstance of the sentence's news."""
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    return t.dep_ == "pobj" and t.head.lower_ in CIRCUMSTANCE_PREPS


def _locative_place(ctx: Context, p) -> bool:
    return p.start > 0 and ctx.doc[p.start - 1].lower_ in ("in", "across", "throughout", "to", "into", "from")


def _attach_fatalities(ctx: Context, drafts: list[Draft]) -> None:
    """A sentence's death toll goes to its violent event nearest the figure."""
    by_sent: dict[int, list[Draft]] = {}
    for d in drafts:
        by_sent.setdefault(d.sentences[0], []).append(d)
    for si, group in by_sent.items():
        sent = ctx.sents[si]
        found = fatalities_in(ctx.doc, ctx.quantities, sent.start, sent.end)
        if not found:
            continue
        violent = [d for d in group if d.reading.plover in ("ASSAULT", "COERCE")] or group
        first_q = min(q.start for q in ctx.quantities if q.kind == "fatalities" and sent.start <= q.start < sent.end)
        target = min(violent, key=lambda d: abs(d.trigger.i - first_q))
        target.fatalities, target.fatalities_text = found


def _interval(tx: Timex | None, inherited: bool = False) -> DateInterval | None:
    if tx is None:
        return None
    return DateInterval(start=tx.first, end=tx.last, precision=tx.precision,
                        text=f"(narrative time: {tx.text})" if inherited else tx.text,
                        relative=tx.relative or inherited)


GENERIC_ATTACKER_KINDS = {"unidentified", "armed_group", "militia"}


def _generic_attackers(d: Draft) -> bool:
    """Attackers named only by a common noun ("gunmen", "militants"): any two such reports of one day
    and place may be the same attack."""
    sources = [k for k, (role, _) in d.participants.items() if role == "source"]
    return not sources or all(k.startswith("new_") for k in sources)


def _compatible(a: Draft, b: Draft) -> bool:
    if a.reading.plover != b.reading.plover or a.background != b.background:
        return False
    # "the agreement signed between X and Y": a noun and its verb tell one event
    if a.sentences[0] == b.sentences[-1] and (a.trigger.head == b.trigger or b.trigger.head == a.trigger
                                               or a.trigger.head == b.trigger.head):
        return True
    if a.sentences[0] == b.sentences[0] and a.reading.plover in VIOLENT:
        # "fighters stormed the camp, killing 71 soldiers, in an assault claimed by IS": one attack
        dates_ok = not (a.timex and b.timex) or (a.timex.first <= b.timex.last and b.timex.first <= a.timex.last)
        places_ok = a.place is None or b.place is None or a.place.entry.name == b.place.entry.name
        return dates_ok and places_ok
    if not set(a.participants) & set(b.participants) and not (
            a.reading.plover in VIOLENT and _generic_attackers(a) and _generic_attackers(b)):
        return False
    if a.timex and b.timex and not (a.timex.first <= b.timex.last and b.timex.first <= a.timex.last):
        return False
    if a.place is not None and b.place is not None and a.place.entry.country != b.place.entry.country \
            and a.place.entry.country and b.place.entry.country:
        return False
    if a.reading.plover in VIOLENT and a.sentences[0] != b.sentences[0]:
        # an armed group attacks many times: across sentences, only a shared date or place makes one attack
        same_day = a.timex is not None and b.timex is not None \
            and {a.timex.precision, b.timex.precision} <= {"day", "week"}
        same_place = a.place is not None and b.place is not None and _near(a.place.entry, b.place.entry)
        if a.place is not None and b.place is not None and not same_place:
            return False
        return same_day or same_place
    return True


def _near(a, b, km: float = 30.0) -> bool:
    """The same place, or two names for places a few kilometres apart (a town and its district)."""
    if a.name == b.name:
        return True
    if None in (a.lat, a.lon, b.lat, b.lon) or "region" in (a.feature, b.feature) or "country" in (a.feature,
                                                                                                  b.feature):
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= km


def _merge(a: Draft, b: Draft) -> None:
    for key, (role, text) in b.participants.items():
        old = a.participants.get(key)
        if old is None or (old[0] == "other" and role != "other"):
            a.participants[key] = (role, text)
    if b.timex and (a.timex is None or (b.timex.last - b.timex.first) < (a.timex.last - a.timex.first)):
        a.timex = b.timex
    if a.place is None or (b.place is not None and a.place.entry.feature == "country"
                           and b.place.entry.feature != "country"):
        a.place = b.place or a.place
    if b.fatalities is not None:
        a.fatalities = b.fatalities if a.fatalities is None else min(a.fatalities, b.fatalities)
        a.fatalities_text = a.fatalities_text or b.fatalities_text
    if a.modality != "asserted" and b.modality == "asserted":
        a.modality = "asserted"
    a.background = a.background and b.background
    a.confidence = max(a.confidence, b.confidence)
    a.sentences.extend(s for s in b.sentences if s not in a.sentences)


def merge_within_sentences(drafts: list[Draft]) -> list[Draft]:
    """A sentence that tells one event twice ("fighters stormed the camp ... in an assault") first."""
    out: list[Draft] = []
    for d in drafts:
        same = [m for m in out if m.sentences[0] == d.sentences[0]]
        target = next((m for m in reversed(same) if _compatible(m, d)), None)
        if target is not None:
            _merge(target, d)
        else:
            out.append(d)
    return out


def merge_across_sentences(drafts: list[Draft]) -> list[Draft]:
    """Each draft joins the most recent compatible event told before it."""
    merged: list[Draft] = []
    for d in drafts:
        target = next((m for m in reversed(merged) if _compatible(m, d)), None)
        if target is not None:
            _merge(target, d)
        else:
            merged.append(d)
    return merged


def _elaborations(drafts: list[Draft]) -> list[Draft]:
    """'JNIM entered negotiations ..., urging them to surrender': a participle that spells out the main
    clause's event is part of it, not an event of its own."""
    out = []
    for d in drafts:
        t = d.trigger
        if t.tag_ == "VBG" and t.dep_ == "advcl" and any(
                o is not d and o.sentences[0] == d.sentences[0] and _clause(o.trigger) == _clause(t.head)
                for o in drafts):
            continue
        out.append(d)
    return out


def _resolve_references(drafts: list[Draft]) -> list[Draft]:
    """Give a referring event noun's date and place to the latest event of its kind in the two sentences
    before it, then drop the reference itself."""
    out: list[Draft] = []
    for d in drafts:
        if not d.refers:
            out.append(d)
            continue
        here = d.sentences[0]
        antecedent = next((o for o in reversed(out) if here - 2 <= o.sentences[-1] <= here and o is not d
                           and (o.reading.plover == d.reading.plover
                                or {o.reading.plover, d.reading.plover} <= VIOLENT)
                           and not (o.timex and d.timex and (o.timex.last < d.timex.first
                                                             or d.timex.last < o.timex.first))), None)
        if antecedent is None:
            if d.participants:
                out.append(d)  # a first mention after all ("the attack on the camp by X")
            continue
        for key, (role, text) in d.participants.items():
            old = antecedent.participants.get(key)
            if old is None or (old[0] == "other" and role != "other"):
                antecedent.participants[key] = (role, text)
        if antecedent.timex is None and d.timex is not None:
            antecedent.timex = d.timex
        if antecedent.place is None and d.place is not None:
            antecedent.place = d.place
        if here not in antecedent.sentences:
            antecedent.sentences.append(here)
    return out


def _paragraph_of(ctx: Context, sent_index: int) -> int:
    """Paragraph number of a sentence: paragraphs are separated by line breaks."""
    return ctx.doc.text.count("\n", 0, ctx.sents[sent_index].start_char)


def _narrative_dates(ctx: Context, drafts: list[Draft]) -> None:
    """An event told without a date happened at the story's current time: that of the latest dated event
    in the same paragraph, at most two sentences back ("However, Algeria intervened ...")."""
    for d in drafts:
        if d.timex is not None or d.background or d.trigger.dep_ in ("relcl", "acl") \
                or any(a.dep_ == "relcl" for a in d.trigger.ancestors):
            continue  # a relative clause tells background ("the officers who overthrew Bazoum")
        here = d.sentences[0]
        for back in (0, 1, 2):
            si = here - back
            if si < 0 or _paragraph_of(ctx, si) != _paragraph_of(ctx, here):
                break
            sent = ctx.sents[si]
            found = [tx for tx in ctx.timexes if sent.start <= tx.start < sent.end
                     and (back > 0 or tx.start < d.trigger.i)]
            if not found:
                continue
            # the main clause's time is the story's time ("In April, HRW reported that ... on 25 February")
            main = [tx for tx in found if _clause(ctx.doc[tx.start]).dep_ == "ROOT"]
            d.timex = (main or found)[-1] if back > 0 else found[-1]
            d.inherited = True
            break


def _claimed_responsibility(ctx: Context, drafts: list[Draft]) -> None:
    """'JNIM claimed responsibility', 'the group claimed the attack': the claimant is named as the author
    of the latest attack told in the three sentences before (or in the same one)."""
    for t in ctx.doc:
        if t.lemma_.lower() != "claim" or t.pos_ != "VERB":
            continue
        objs = [c for c in t.children if c.dep_ == "dobj"]
        if not objs or objs[0].lemma_.lower() not in ("responsibility", "attack", "assault", "ambush", "raid",
                                                      "bombing", "killing", "abduction", "kidnapping"):
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        claimants = _mention_for(ctx, subj) if subj is not None else []
        here = ctx.sent_index[t.i]
        target = next((d for d in reversed(drafts) if d.reading.plover == "ASSAULT"
                       and here - 3 <= d.sentences[0] <= here and d.trigger.i < t.i), None)
        if target is None:
            continue
        for m in claimants:
            target.add(m, "source")
        if here not in target.sentences:
            target.sentences.append(here)


def _orphan_tolls(ctx: Context, drafts: list[Draft]) -> None:
    """A toll told in a sentence of its own ("a source put the toll at more than 70 dead") belongs to the
    latest attack before it; ACLED's rule keeps the lowest of competing tolls."""
    with_events = {d.sentences[0] for d in drafts}
    for si, sent in enumerate(ctx.sents):
        if si in with_events:
            continue
        found = fatalities_in(ctx.doc, ctx.quantities, sent.start, sent.end)
        if not found:
            continue
        target = next((d for d in reversed(drafts) if d.reading.plover == "ASSAULT"
                       and si - 3 <= max(d.sentences) < si), None)
        if target is None:
            continue
        value, text = found
        target.fatalities = value if target.fatalities is None else min(target.fatalities, value)
        target.fatalities_text = target.fatalities_text or text
        target.sentences.append(si)


def extract_events(ctx: Context) -> list[Event]:
    drafts = [d for t, r in find_triggers(ctx) if (d := _draft(ctx, t, r)) is not None]
    drafts = merge_within_sentences(_resolve_references(_elaborations(drafts)))
    _narrative_dates(ctx, drafts)
    _attach_fatalities(ctx, drafts)
    drafts = merge_across_sentences(drafts)
    _claimed_responsibility(ctx, drafts)
    _orphan_tolls(ctx, drafts)
    return [to_event(ctx, d) for d in drafts]


def to_event(ctx: Context, d: Draft) -> Event:
    date = _interval(d.timex, d.inherited)
    if date is not None and ctx.published is not None and (ctx.published - date.end).days > 365:
        d.background = True
    participants = [Participant(actor_id=k, name=display_name(ctx, k, text), role=role, text=text)
                    for k, (role, text) in d.participants.items()]
    evidence = [ctx.evidence(ctx.sents[i], "events.trigger", d.confidence, modality=d.modality)
                for i in d.sentences]
    place = d.place.to_place() if d.place is not None else None
    return Event(
        id=stable_id("ev", ctx.doc_id, d.trigger.i, d.reading.plover),
        type=d.reading.plover, acled_event_type=d.reading.acled_event_type,
        acled_sub_event_type=d.reading.acled_sub_event_type, trigger=d.trigger.text,
        participants=participants, date=date, place=place, fatalities=d.fatalities,
        fatalities_text=d.fatalities_text, modality=d.modality, background=d.background,
        confidence=d.confidence, evidence=evidence)
