"""Relations between actors: stated in the text, or inferred from the events it reports.

Stated relations come from titles ("Algerian Foreign Minister Ahmed Attaf"), relation nouns ("its alliance
with Mali", "a crisis between Algiers and Bamako"), relation verbs ("ostracized by", "who runs", "replaced
by"), hyphenated modifiers ("al-Qaeda-affiliated", "pro-army") and, where the sentence speaks of structure
("umbrella", "merged"), the knowledge base's dated relations between the actors it names. Inferred ones
come from events: attackers against their targets are hostile, co-attackers and signatories cooperative.
"""
from __future__ import annotations

from itertools import combinations

from spacy.tokens import Span, Token

from sahelwatch.extract.actors import _state_actor_for, display_name
from sahelwatch.extract.context import MEMBER_NOUNS, Context, Mention
from sahelwatch.kb.lexicon import relation_cues
from sahelwatch.model import RELATION_TYPES, DateInterval, Event, Relation, stable_id

SUBJECT_DEPS = ("nsubj", "nsubjpass")
PATRON_FIRST = {"backed", "sponsored", "supported", "led"}
# a clause's content never borrows its reporter as subject: "ccomp" is not climbed
CLIMB_DEPS = ("xcomp", "advcl", "acl", "pcomp", "prep", "pobj", "dobj", "conj", "relcl", "attr", "appos")


class RelationSet:
    """Collects relations, one per (unordered pair, coarse class), keeping every evidence sentence."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.items: dict[tuple, Relation] = {}

    def add(self, src: str, tgt: str, kind: str, sent: Span, basis: str, confidence: float,
            extractor: str, valid: DateInterval | None = None, names: tuple[str, str] | None = None) -> None:
        if src == tgt or not src or not tgt:
            return
        ctx = self.ctx
        sa, ta = ctx.kb.state_of(src), ctx.kb.state_of(tgt)
        if sa is not None and ta is not None and sa.id == ta.id and RELATION_TYPES[kind] != "hierarchical":
            return
        coarse = RELATION_TYPES[kind]
        # a state, its government and its forces are one party for deduplication
        key = (frozenset((sa.id if sa else src, ta.id if ta else tgt)), coarse)
        if sa is not None and ta is not None and sa.id == ta.id:
            key = (frozenset((src, tgt)), coarse)
        ev = ctx.evidence(sent, extractor, confidence)
        if key in self.items:
            rel = self.items[key]
            if all(e.start != ev.start for e in rel.evidence):
                rel.evidence.append(ev)
            if basis == "stated" and rel.basis != "stated":
                rel.basis, rel.kind, rel.source_id, rel.target_id = "stated", kind, src, tgt
                rel.source, rel.target = display_name(ctx, src, names[0] if names else src), \
                    display_name(ctx, tgt, names[1] if names else tgt)
            rel.confidence = max(rel.confidence, confidence)
            return
        self.items[key] = Relation(
            id=stable_id("rel", ctx.doc_id, sorted((src, tgt)), coarse), source_id=src,
            source=display_name(ctx, src, names[0] if names else src), target_id=tgt,
            target=display_name(ctx, tgt, names[1] if names else tgt), kind=kind, coarse=coarse, valid=valid,
            basis=basis, confidence=confidence, evidence=[ev])


def _mentions_at(ctx: Context, token: Token) -> list[Mention]:
    out = []
    for tok in [token, *token.conjuncts]:
        deps = ("compound", "amod", "appos", "poss") if tok.lower_ in MEMBER_NOUNS else ("compound", "amod", "appos")
        for sub in (tok, *[c for c in tok.children if c.dep_ in deps]):
            m = ctx.mention_at(sub.i)
            if m is not None and m not in out:
                out.append(m)
                break
    return out


def _clause_subject(ctx: Context, token: Token) -> list[Mention]:
    """The actor doing what the clause says, climbing from a word to the nearest verb with a subject."""
    t = token
    for _ in range(6):
        # the small parser sometimes hangs the subject on the auxiliary ("Tinubu was re-elected")
        children = list(t.children) + [g for c in t.children if c.dep_ in ("aux", "auxpass") for g in c.children]
        for c in children:
            if c.dep_ in SUBJECT_DEPS:
                if c.lower_ in ("which", "who", "that") and t.dep_ == "relcl":
                    return _mentions_at(ctx, t.head)
                ms = _mentions_at(ctx, c)
                if ms:
                    return ms
        if t.dep_ == "relcl":
            return _mentions_at(ctx, t.head)
        if t.dep_ not in CLIMB_DEPS or t.head is t:
            break
        t = t.head
    return []


def _valid(ctx: Context, sent: Span) -> DateInterval | None:
    inside = [tx for tx in ctx.timexes if sent.start <= tx.start < sent.end]
    if len(inside) != 1:
        return None
    tx = inside[0]
    return DateInterval(start=tx.first, end=tx.last, precision=tx.precision, text=tx.text, relative=tx.relative)


def _titles(ctx: Context, rs: RelationSet) -> None:
    """'Algerian Foreign Minister Ahmed Attaf', 'President Tebboune of Algeria', 'his Russian counterpart X'."""
    titles = relation_cues()["titles"]
    doc = ctx.doc
    for m in ctx.mentions:
        if m.kind != "person" or m.via == "coref":
            continue
        sent = ctx.sents[m.sent]
        # a curated alias may carry the title itself ("Algerian Foreign Minister Ahmed Attaf")
        inner_end = m.start
        while inner_end < m.end - 1 and (doc[inner_end].lower_ in _title_words()
                                         or ctx.kb.by_demonym(doc[inner_end].text) is not None):
            inner_end += 1
        before = doc[max(sent.start, m.start - 6): inner_end]
        # only this name's own title: stop at a comma, "and" or another person before it
        cut = max([t.i + 1 for t in before if t.text in (",", ";") or t.lower_ == "and"
                   or (t.i < m.start and (o := ctx.mention_at(t.i)) is not None and o.kind == "person")]
                  + [before.start])
        before = doc[cut: inner_end]
        words = [t.lower_ for t in before]
        kind = None
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i:i + n])
                if phrase in titles and kind is None:
                    kind = titles[phrase]
            if kind:
                break
        if kind is None:
            continue
        state = None
        for t in before:
            if t.lower_ in ("of", "in"):
                continue
            st = ctx.kb.by_demonym(t.text) if t.text[:1].isupper() else None
            other = ctx.mention_at(t.i)
            if other is not None and other is m:
                other = None
            if other is not None and other.via == "coref" and t.pos_ == "PRON":
                # "its leader X": a pronoun is a weak guide; the knowledge base knows whose leader X is
                known = _kb_superior(ctx, m.key, kind)
                if known:
                    state = known
                    continue
            if st is not None:
                state = st.id
            elif other is not None and other.kind in ("state", "state_force", "armed_group", "pmc", "rebel_group",
                                                         "bloc", "government_body", "mission", "organization"):
                state = other.key
        after = doc[m.end: min(sent.end, m.end + 3)]
        if len(after) >= 2 and after[0].lower_ == "of":
            other = ctx.mention_at(after[1].i)
            if other is not None:
                state = other.key  # "Captain Ibrahim Traore of Burkina Faso"
        if state is None and m.key in ctx.kb.actors:
            # the title alone ("President Mohamed Ould Ghazouani"): the knowledge base says of what
            # (a deposed president is still "President Bazoum": the title, not the date, is the evidence)
            named = {x.key for x in ctx.mentions}
            named_states = {st.id for k in named if (st := ctx.kb.state_of(k)) is not None}
            options = []
            for r in ctx.kb.relations_of(m.key):
                target_state = ctx.kb.state_of(r.target)
                if r.source == m.key and RELATION_TYPES[r.type] == "hierarchical" and (
                        r.target in named or (target_state is not None and target_state.id in named_states)):
                    options.append(r)
            # the role the title names, held when the story was written, comes first
            options.sort(key=lambda r: (r.type != kind, not r.valid_on(ctx.published)))
            for r in options[:1]:
                valid = DateInterval(start=r.start, end=r.end or r.start, precision="day") \
                    if r.start and r.end else None
                rs.add(m.key, r.target, r.type, sent, "knowledge_base", 0.6, "relations.title_kb", valid)
            continue
        if state is not None:
            rs.add(m.key, state, kind, sent, "stated", 0.8, "relations.title", names=(m.text, state))


def _title_words() -> set[str]:
    return {w for phrase in relation_cues()["titles"] for w in phrase.split()}


def _kb_superior(ctx: Context, person: str, kind: str) -> str | None:
    """The actor the knowledge base says a person leads or serves, if it is named in this document."""
    named = {x.key for x in ctx.mentions if x.via != "coref"}
    for r in ctx.kb.relations_of(person):
        if r.source == person and RELATION_TYPES[r.type] == RELATION_TYPES[kind] and r.target in named:
            return r.target
    return None


def _possessive_patron(ctx: Context, rs: RelationSet) -> None:
    """"Russia's Wagner", "France's Barkhane": a state's own armed instrument."""
    doc = ctx.doc
    for m in ctx.mentions:
        if m.kind != "state" or m.via == "coref" or m.end >= len(doc) or doc[m.end].tag_ != "POS":
            continue
        nxt = ctx.mention_at(m.end + 1)
        if nxt is not None and nxt.kind in ("pmc", "armed_group", "militia", "mission", "rebel_group"):
            rs.add(m.key, nxt.key, "patron_of", ctx.sents[m.sent], "stated", 0.7, "relations.possessive",
                   names=(m.text, nxt.text))


def _appositive_titles(ctx: Context, rs: RelationSet) -> None:
    """'Volker Turk, the UN High Commissioner for Human Rights', 'Omar Touray, the president of the ECOWAS
    Commission': a title in apposition after the name, with the organisation inside it."""
    titles = relation_cues()["titles"]
    doc = ctx.doc
    for m in ctx.mentions:
        if m.kind != "person" or m.via == "coref" or m.end >= len(doc) or doc[m.end].text != ",":
            continue
        sent = ctx.sents[m.sent]
        window = []
        for t in doc[m.end + 1: min(sent.end, m.end + 12)]:
            if t.text in (",", ";", ".", "(", ")") or t.pos_ == "VERB":
                break
            window.append(t)
        words = [t.lower_ for t in window]
        kind = next((titles[w] for n in (3, 2, 1) for i in range(len(words) - n + 1)
                     if (w := " ".join(words[i:i + n])) in titles), None)
        if kind is None:
            continue
        for t in window:
            org = ctx.mention_at(t.i)
            state = ctx.kb.by_demonym(t.text) if t.text[:1].isupper() else None
            key = org.key if org is not None and org.kind != "person" else (state.id if state else None)
            if key is not None:
                rs.add(m.key, key, kind, sent, "stated", 0.75, "relations.appositive_title",
                       names=(m.text, org.text if org is not None else t.text))
                break


def _demonym_patron(ctx: Context, rs: RelationSet) -> None:
    """'the Russian private military company Wagner': a state's contractor named with its demonym."""
    doc = ctx.doc
    for m in ctx.mentions:
        if m.kind != "pmc" or m.via == "coref":
            continue
        for t in doc[max(0, m.start - 5): m.end]:
            state = ctx.kb.by_demonym(t.text) if t.text[:1].isupper() else None
            if state is not None and ctx.mention_at(t.i) in (None, m):
                rs.add(state.id, m.key, "patron_of", ctx.sents[m.sent], "stated", 0.65, "relations.demonym",
                       names=(t.text, m.text))
                break


def _under_person(ctx: Context, rs: RelationSet) -> None:
    """'Mali's military regime under Colonel Assimi Goïta'."""
    for m in ctx.mentions:
        if m.kind != "person":
            continue
        t = ctx.doc[m.start:m.end].root
        prep = t.head if t.dep_ == "pobj" else None
        if prep is None or prep.lower_ != "under":
            continue
        for org in _mentions_at(ctx, prep.head):
            if org.kind != "person":
                rs.add(m.key, org.key, "leader_of", ctx.sents[m.sent], "stated", 0.7, "relations.under")


def _nouns(ctx: Context, rs: RelationSet) -> None:
    cues = relation_cues()["nouns"]
    of_agent = set(relation_cues()["of_agent_nouns"])
    for t in ctx.doc:
        kind = cues.get(t.lemma_.lower()) if t.pos_ in ("NOUN", "PROPN") else None
        if kind is None or ctx.mention_at(t.i) is not None:
            continue
        sent = ctx.sent_of(t)
        side_a: list[Mention] = []
        side_b: list[Mention] = []
        agents: list[Mention] = []
        modifiers: list[Mention] = []
        for c in t.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod"):
                side_a += _mentions_at(ctx, c)
                if c.dep_ in ("compound", "amod", "nmod"):
                    modifiers += _mentions_at(ctx, c)
            elif c.dep_ == "prep":
                for p in c.children:
                    if p.dep_ == "pobj":
                        ms = _mentions_at(ctx, p)
                        if c.lower_ == "between" and len(ms) >= 2:
                            side_a.append(ms[0])
                            side_b += ms[1:]
                        elif c.lower_ in ("of", "by") and t.lemma_.lower() in of_agent:
                            agents += ms
                        else:
                            side_b += ms
        if t.dep_ in ("appos", "attr") or (t.dep_ == "npadvmod" and t.head.pos_ in ("PROPN", "NOUN")):
            anchor = t.head if t.dep_ != "attr" else next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            # "Dicko, an influential cleric who has become a critic of the junta": through the relative
            # pronoun and the appositions to the name
            if anchor is not None and anchor.lower_ in ("who", "which", "that") and t.head.dep_ == "relcl":
                anchor = t.head.head
            while anchor is not None and ctx.mention_at(anchor.i) is None and anchor.dep_ == "appos":
                anchor = anchor.head
            if anchor is not None:
                anchored = _mentions_at(ctx, anchor)
                (side_b if side_a else side_a).extend(anchored)
                if len(anchored) >= 2 and RELATION_TYPES[kind] in ("cooperative", "hostile"):
                    modifiers += anchored  # "JNIM and IS Sahel are bitter rivals": each with the other
        if agents:
            # "under the oversight of the Ministry": the complement oversees the clause's subject
            for a in agents:
                for b in side_a or _clause_subject(ctx, t):
                    if a.key != b.key:
                        rs.add(a.key, b.key, kind, sent, "stated", 0.65, "relations.noun", _valid(ctx, sent),
                               names=(a.text, b.text))
            continue
        if not side_a and side_b:
            side_a = _clause_subject(ctx, t)
        for a in side_a:
            for b in side_b:
                if a.key != b.key:
                    if b.kind == "person" and a.kind != "person" and RELATION_TYPES[kind] == "hierarchical":
                        a, b = b, a  # "the confederation's president, Goita": the person holds the role
                    rs.add(a.key, b.key, kind, sent, "stated", 0.65, "relations.noun", _valid(ctx, sent),
                           names=(a.text, b.text))
        # "the U.S.-Algeria agreement": two modifiers of one relation noun
        if len(modifiers) >= 2 and not side_b:
            for a, b in combinations(modifiers, 2):
                rs.add(a.key, b.key, kind, sent, "stated", 0.6, "relations.noun", names=(a.text, b.text))


def _verbs(ctx: Context, rs: RelationSet) -> None:
    cues = relation_cues()["verbs"]
    for t in ctx.doc:
        kind = cues.get(t.lemma_.lower()) if t.pos_ == "VERB" else None
        if kind is None and t.pos_ == "VERB" and t.lemma_.lower() in ("seize", "take", "grab", "wrest", "assume"):
            kind = "successor_of"
        if kind is None or any(c.dep_ == "neg" for c in t.children):
            continue
        sent = ctx.sent_of(t)
        passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in t.children) or \
            (t.tag_ == "VBN" and t.dep_ in ("acl", "amod"))
        agents, patients = [], []
        for c in t.children:
            if c.dep_ == "agent":
                for p in c.children:
                    agents += _mentions_at(ctx, p)
            elif c.dep_ == "nsubj" and c.lower_ not in ("which", "who", "that") and not passive:
                agents += _mentions_at(ctx, c)
            elif c.dep_ in ("nsubjpass", "nsubj"):
                patients += _mentions_at(ctx, c)
            elif c.dep_ in ("dobj",):
                patients += _mentions_at(ctx, c)
        preps = {c.lower_: [m for p in c.children for m in _mentions_at(ctx, p)] for c in t.children
                 if c.dep_ == "prep"}
        if kind == "successor_of" and preps.get("with"):
            agents = preps["with"]  # "replaced the chief of staff with General Mody": Mody succeeds
        if t.lemma_.lower() in ("seize", "take", "grab", "wrest", "assume") and preps.get("from") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in ("power", "control") for c in t.children):
            kind = "successor_of"  # "seized power from President Kabore"
            patients = preps["from"]
        if not agents and not passive:
            agents = _clause_subject(ctx, t)
        if not patients and passive:
            if t.dep_ in ("acl", "amod", "relcl"):
                head = ctx.mention_at(t.head.i)
                patients = [head] if head is not None else []
            else:
                patients = _clause_subject(ctx, t)
        for a in agents:
            for p in patients:
                if kind == "successor_of":
                    # "Y was replaced by X", "X replaced Y": the newcomer succeeds
                    rs.add(a.key, p.key, kind, sent, "stated", 0.7, "relations.verb", _valid(ctx, sent),
                           names=(a.text, p.text))
                elif a.key != p.key:
                    rs.add(a.key, p.key, kind, sent, "stated", 0.65, "relations.verb", _valid(ctx, sent),
                           names=(a.text, p.text))


def _hyphenated(ctx: Context, rs: RelationSet) -> None:
    """'al-Qaeda-affiliated JNIM', 'Russian-backed forces', 'pro-army militias'."""
    suffixes = relation_cues()["hyphen_suffixes"]
    doc = ctx.doc
    for t in doc:
        low = t.lower_
        if low in suffixes and t.i >= 2 and doc[t.i - 1].text in ("-", "–"):
            patron = ctx.mention_at(t.i - 2)
            heads = [x for x in (t.head, *t.head.conjuncts)]
            clients = [m for h in heads for m in _mentions_at(ctx, h)] or \
                [m for m in [ctx.mention_at(t.i + 1)] if m is not None]
            if patron is not None:
                for client in clients:
                    # "Wagner-backed forces": Wagner supports them; "al-Qaeda-affiliated JNIM": JNIM is the affiliate
                    a, b = (patron, client) if low in PATRON_FIRST else (client, patron)
                    rs.add(a.key, b.key, suffixes[low], ctx.sent_of(t), "stated", 0.75,
                           "relations.hyphen", names=(a.text, b.text))
        if low == "pro" and t.i + 2 < len(doc) and doc[t.i + 1].text in ("-", "–"):
            word = doc[t.i + 2]
            client = ctx.mention_at(word.i + 1) or (ctx.mention_at(word.head.i) if word.head.i > word.i else None)
            backed = ctx.mention_at(word.i)
            if backed is not None and backed is client:
                backed = None
            key = backed.key if backed is not None else None
            if key is None and ctx.focus_state and word.lower_ in ("army", "government", "junta", "military"):
                key = _state_actor_for(ctx, ctx.focus_state, word.lower_)
            if key is None and word.text[:1].isupper() and ctx.kb.by_demonym(word.text):
                key = ctx.kb.by_demonym(word.text).id
            if key and client is not None and client.key != key:
                rs.add(client.key, key, "supports", ctx.sent_of(t), "stated", 0.7, "relations.hyphen",
                       names=(client.text, key))


def _structural(ctx: Context, rs: RelationSet) -> None:
    """Let the knowledge base confirm membership and succession where the sentence speaks of structure."""
    words = set(relation_cues()["structural_words"])
    for sent in ctx.sents:
        if not {t.lower_ for t in sent} & words and not {t.lemma_.lower() for t in sent} & words:
            continue
        keys = sorted({m.key for m in ctx.mentions_in(sent.start, sent.end) if m.key in ctx.kb.actors})
        for a, b in combinations(keys, 2):
            for r in ctx.kb.relations_between(a, b):
                if RELATION_TYPES[r.type] in ("hierarchical", "succession"):
                    rs.add(r.source, r.target, r.type, sent, "knowledge_base", 0.7, "relations.kb_structural")


def _from_events(ctx: Context, rs: RelationSet, events: list[Event]) -> None:
    for e in events:
        sent = ctx.doc.char_span(e.evidence[0].start, e.evidence[0].end, alignment_mode="expand")
        if sent is None:
            continue
        src = [p for p in e.participants if p.role == "source"]
        tgt = [p for p in e.participants if p.role == "target"]
        if e.type == "ASSAULT":
            for a in src:
                for b in tgt:
                    rs.add(a.actor_id, b.actor_id, "fights", sent, "inferred", 0.55, "relations.from_event",
                           e.date, names=(a.name, b.name))
            for a, b in combinations(src, 2):
                rs.add(a.actor_id, b.actor_id, "ally_of", sent, "inferred", 0.5, "relations.from_event", e.date,
                       names=(a.name, b.name))
        elif e.type in ("ACCUSE", "THREATEN", "SANCTION", "COERCE", "REJECT") and e.modality == "asserted":
            for a in src:
                for b in tgt:
                    rs.add(a.actor_id, b.actor_id, "hostile_to", sent, "inferred", 0.45, "relations.from_event",
                           e.date, names=(a.name, b.name))
        elif e.type in ("AGREE", "COOPERATE", "AID") and len(e.participants) >= 2:
            for a, b in combinations(e.participants, 2):
                rs.add(a.actor_id, b.actor_id, "agreement_with" if e.type == "AGREE" else "ally_of", sent,
                       "inferred", 0.5, "relations.from_event", e.date, names=(a.name, b.name))


def extract_relations(ctx: Context, events: list[Event]) -> list[Relation]:
    rs = RelationSet(ctx)
    _titles(ctx, rs)
    _appositive_titles(ctx, rs)
    _possessive_patron(ctx, rs)
    _demonym_patron(ctx, rs)
    _under_person(ctx, rs)
    _hyphenated(ctx, rs)
    _nouns(ctx, rs)
    _verbs(ctx, rs)
    _structural(ctx, rs)
    _from_events(ctx, rs, events)
    return list(rs.items.values())
