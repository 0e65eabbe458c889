"""Reference resolution: pronouns and descriptions ("its", "the group", "the latter", "the junta") linked
to the actors already in play, by salience (recency, subjects first, main clauses first) and, for a state's
government or army, by which state the story is about."""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Token

from sahelwatch.extract.actors import state_actor_for
from sahelwatch.extract.context import Context, Mention, is_locative
from sahelwatch.kb.lexicon import actor_nouns
from sahelwatch.nlp import ACTOR_LABEL

PRONOUNS_NONPERSON = {"it", "its"}
PRONOUNS_PLURAL = {"they", "them", "their"}
#: kinds a plural pronoun may stand for: groups of fighters, movements, blocs
PLURAL_KINDS = {"armed_group", "rebel_group", "militia", "pmc", "unidentified", "group", "bloc", "civilians",
                "state_force"}


PRONOUNS_PERSON = {"he", "his", "him", "she", "her"}


GOVERNMENT_KINDS = {"state", "state_force", "government_body"}


def _state_earlier_in_sentence(ctx: Context, token: Token) -> str | None:
    """'In neighbouring Burkina Faso, a bus struck a mine ..., according to the government': the state the
    sentence is set in, named before the description, as actor or as place."""
    sent = ctx.sent_of(token)
    for t in reversed(sent[: token.i - sent.start]):
        if not t.text[:1].isupper():
            continue
        for a in ctx.kb.lookup(t.text, ctx.published) or ctx.kb.lookup(
                ctx.doc[t.i - 1: t.i + 1].text if t.i > sent.start else t.text, ctx.published):
            if a.kind == "state":
                return a.id
    return None


def _salient_state_for(ctx: Context, word: str, phrase: str | None = None, recent: str | None = None) -> str | None:
    """The most salient state of the story whose government or forces the knowledge base calls by this word
    ("the junta" is Mali's in a story about Mali and Algeria: Algeria has no junta). The whole description
    decides first ("the transitional authorities": only Mali's are called so); where several states fit, the
    one whose government or army was just the subject of a sentence (`recent`)."""
    ranked = [s for s, _ in ctx.state_salience.most_common()]
    for w in ([phrase] if phrase and phrase != word else []) + [word]:
        fitting = []
        for state in ranked:
            names = [n.lower() for a in ctx.kb.forces_of(state, ("government_body", "state_force"))
                     for n in a.all_names]
            if any(re.search(r"\b%s\b" % re.escape(w), n) for n in names):
                fitting.append(state)
        if fitting:
            return recent if recent in fitting else fitting[0]
    return ranked[0] if ranked else None


def _state_named_in(ctx: Context, root: Token) -> str | None:
    """'the government in Bamako', 'the army of Niger': the state named inside the description."""
    for t in root.subtree:
        if t.i <= root.i:
            continue
        for a in ctx.kb.lookup(t.text, ctx.published):
            if a.kind == "state":
                return a.id
        state = ctx.kb.by_capital(t.text) if t.text[:1].isupper() else None
        if state is not None:
            return state.id
    return None


def recent_state_subject(ctx: Context, history: list[Mention], token: Token) -> str | None:
    """The state whose government or army was last the subject of a sentence, within two sentences."""
    here = ctx.sent_index[token.i]
    for h in reversed(history):
        if here - h.sent > 2:
            break
        state = ctx.kb.state_of(h.key) if h.key in ctx.kb.actors else None
        if state is not None and ctx.doc[h.start:h.end].root.dep_ in ("nsubj", "nsubjpass"):
            return state.id
    return None


NUMBER_WORDS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}
PLURAL_STATE_HEADS = {"governments": "government", "juntas": "junta", "countries": None, "states": None,
                      "neighbours": None, "neighbors": None, "capitals": "government", "armies": "army",
                      "regimes": "government", "nations": None}


def _plural_description(ctx: Context, i: int, history: list[Mention]) -> tuple[int, list[str]] | None:
    """'both governments', 'the three juntas', 'the two neighbours': the last N states named, each as its
    government or army when the noun says so."""
    doc = ctx.doc
    j = i + 1 if doc[i].norm_ == "the" else i
    if j >= len(doc) or doc[j].norm_ not in NUMBER_WORDS:
        return None
    n = NUMBER_WORDS[doc[j].norm_]
    k = j + 1
    while k < len(doc) and doc[k].pos_ == "ADJ" and k < j + 3:
        k += 1
    if k >= len(doc) or doc[k].norm_ not in PLURAL_STATE_HEADS:
        return None
    states: list[str] = []
    here = ctx.sent_index[i]
    for h in reversed(history):
        if here - h.sent > 4:
            break
        state = ctx.kb.state_of(h.key) if h.key in ctx.kb.actors else None
        if state is not None and state.id not in states:
            states.append(state.id)
        if len(states) == n:
            break
    if len(states) < n:
        return None
    word = PLURAL_STATE_HEADS[doc[k].norm_]
    return k + 1, [state_actor_for(ctx, s, word) if word else s for s in reversed(states)]


#: French preposition + article contractions ("aux putschistes", "du groupe"): a definite description follows
FRENCH_ARTICLE_PREPOSITIONS = {"aux", "du"}


def _description_at(ctx: Context, i: int, heads: dict[str, set[str]]) -> tuple[int, Token] | None:
    """'the group', 'the transitional government', 'the military junta': (end, head noun) or None."""
    doc = ctx.doc
    if doc[i].norm_ != "the" and not (doc.lang_ == "fr" and doc[i].text.lower() in FRENCH_ARTICLE_PREPOSITIONS):
        return None
    for j in range(i + 1, min(len(doc), i + 4)):
        t = doc[j]
        if t.norm_ in heads and t.dep_ not in ("amod", "compound", "nmod") and t.pos_ in ("NOUN", "PROPN"):
            return j + 1, t
        if t.pos_ not in ("ADJ", "NOUN", "VERB") or t.text[:1].isupper():
            return None
    return None


def resolve_references(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Link pronouns and descriptions to earlier mentions (salience: recency, subjects first). A state's
    government, junta or army is the focus state's unless the description names another."""
    doc = ctx.doc
    heads = {k.split(" ", 1)[1]: set(v) for k, v in actor_nouns()["anaphors"].items()}
    by_start = {m.start: m for m in mentions}
    taken = {i for m in mentions for i in m.tokens}
    history: list[Mention] = []
    out: list[Mention] = []
    kinds = {m.key: m.kind for m in mentions}
    last_pair: tuple[Mention, Mention] | None = None
    i = 0
    while i < len(doc):
        m = by_start.get(i)
        if m is not None:
            history.append(m)
            # "between Algiers and Bamako", "X and Y": remember the pair for "the latter"
            if len(history) >= 2 and history[-2].sent == m.sent and 0 < m.start - history[-2].end <= 2 \
                    and doc[history[-2].end].norm_ in ("and", "or", ","):
                last_pair = (history[-2], m)
            i = m.end
            continue
        t = doc[i]
        if i in taken:
            i += 1
            continue
        two = doc[i: i + 2].text.lower()
        ref = None
        span_end = i + 1
        plural = _plural_description(ctx, i, history)
        if plural is not None:
            span_end, group = plural
            head = doc[span_end - 1]
            members = [Mention(i, span_end, k, ctx.kb[k].kind, "coref", doc[i:span_end].text, ctx.sent_index[i])
                       for k in group]
            ctx.plural_refs[head.i] = members
            out.append(members[0])
            history.extend(members)
            i = span_end
            continue
        description = _description_at(ctx, i, heads)
        head_of_state = _head_of_state_at(ctx, i)
        if two in ("the latter", "the former") and last_pair is not None:
            ref = last_pair[1] if two.endswith("latter") else last_pair[0]
            span_end = i + 2
        elif head_of_state is not None:
            span_end = head_of_state
            ref = _head_of_state_ref(ctx, history, t)
        elif description is not None and not any(j in taken for j in range(i, description[0])):
            span_end, head = description
            wanted = heads[head.norm_]
            if wanted <= GOVERNMENT_KINDS:
                phrase = doc[i + 1: head.i + 1].text.lower()
                recent = recent_state_subject(ctx, history, t)
                named = _state_named_in(ctx, head)
                state = named or _state_earlier_in_sentence(ctx, t) \
                    or _salient_state_for(ctx, head.norm_, phrase, recent) or recent
                body = _junta_body(ctx, [*reversed(history), *mentions], named) \
                    if head.norm_ in actor_nouns()["junta_words"] else None
                if state is not None or body is not None:
                    key = body or state_actor_for(ctx, state, head.norm_)
                    ref = Mention(i, span_end, key, ctx.kb[key].kind, "focus", doc[i:span_end].text,
                                  ctx.sent_index[i])
            if ref is None:
                reach = 6 if head.norm_ in actor_nouns()["definite_group_anaphors"] else 3
                ref = latest_mention(history, lambda h: kinds.get(h.key, h.kind) in wanted and not h.speaker_only, t,
                              ctx, max_sents=reach)
        elif t.norm_ in ("soldiers", "troops") and ctx.focus_state and not any(
                c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in t.children) and t.pos_ == "NOUN":
            # bare "soldiers had executed villagers": the forces of the state the story is about
            key = state_actor_for(ctx, ctx.focus_state, "army")
            ref = Mention(i, i + 1, key, ctx.kb[key].kind, "focus", t.text, ctx.sent_index[i])
        elif t.norm_ in ("army", "military") and t.dep_ in ("compound", "amod", "nmod") and ctx.focus_state \
                and t.head.norm_ in actor_nouns()["force_heads"] + ["position", "positions", "post", "posts",
                                                                     "camp", "headquarters", "checkpoint",
                                                                     "spokesman", "spokesperson", "chief",
                                                                     "commander", "general", "staff"]:
            # "army and militia positions", "a military convoy": the focus state's forces
            key = state_actor_for(ctx, ctx.focus_state, "army")
            ref = Mention(i, i + 1, key, ctx.kb[key].kind, "focus", t.text, ctx.sent_index[i])
        elif t.norm_ in PRONOUNS_PERSON and t.pos_ == "PRON":
            ref = latest_mention(history, lambda h: h.kind == "person", t, ctx, max_sents=2)
        elif t.norm_ in PRONOUNS_NONPERSON and t.pos_ == "PRON" and _is_referential_it(t):
            ref = latest_mention(history, lambda h: h.kind not in ("person",) and not h.speaker_only
                          and h.via != "group", t, ctx, max_sents=1)
        elif t.norm_ in PRONOUNS_PLURAL and t.pos_ == "PRON" and t.dep_ in ("nsubj", "nsubjpass") \
                and t.head.dep_ == "ccomp" and t.head.head.lemma_.lower() in ("say", "claim", "announce", "state"):
            # "the rebels said they had pulled out": the speaker speaks of itself
            speaker = next((c for c in t.head.head.children if c.dep_ == "nsubj"), None)
            ref = next((h for h in reversed(history) if speaker is not None and h.start <= speaker.i < h.end
                        and kinds.get(h.key, h.kind) in PLURAL_KINDS), None)
        if ref is not None:
            new = Mention(i, span_end, ref.key, ref.kind, "coref", doc[i:span_end].text, ctx.sent_index[i])
            out.append(new)
            history.append(new)
            i = span_end
            continue
        i += 1
    return out


def _head_of_state_at(ctx: Context, i: int) -> int | None:
    """End of "the president" / "the head of state" ("le chef de l'État") used alone, or None: not a title
    before a name ("le président Idriss Déby", "le président élu Kaboré"), not "the president of X"."""
    doc = ctx.doc
    if doc[i].norm_ != "the" or i + 1 >= len(doc):
        return None
    words = [t.norm_ for t in doc[i + 1: i + 5]]
    phrase = next((p for p in actor_nouns()["head_of_state"] if words[:len(p.split())] == p.split()), None)
    if phrase is None:
        return None
    end = i + 1 + len(phrase.split())
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and (nxt.pos_ in ("PROPN", "ADJ") or nxt.norm_ in ("of", "'s") or nxt.text[:1].isupper()
                            and nxt.pos_ != "PUNCT"):
        return None
    if any(x.pos_ == "PROPN" or x.ent_type_ for x in doc[end: end + 3]):
        return None  # "le président élu Roch Marc Christian Kaboré"
    return end


def _head_of_state_ref(ctx: Context, history: list[Mention], token: Token) -> Mention | None:
    """The head of state already named: the latest person the knowledge base holds as president or leader of
    a state on the publication date."""
    for h in reversed(history):
        if h.kind != "person" or h.key not in ctx.kb.actors:
            continue
        for r in ctx.kb.relations_of(h.key, ("president_of", "leader_of")):
            if r.source == h.key and ctx.kb[r.target].kind == "state" and r.valid_on(ctx.published):
                return h
    return None


def _junta_body(ctx: Context, candidates: list[Mention], state: str | None) -> str | None:
    """'the junta', 'the putschists': the military council or movement the document has named (the MPSR, the
    CNSP), of the state the description names if it names one, rather than a government at large."""
    for h in candidates:  # the body last named, or failing that one named later
        actor = ctx.kb.get(h.key)
        if actor is None or actor.kind != "government_body" or h.via == "coref":
            continue
        owner = ctx.kb.state_of(h.key)
        if owner is None or h.key == state_actor_for(ctx, owner.id, "government"):
            continue
        if any(w in actor.name.lower() for w in ("ministry", "minister", "government", "presidency")):
            continue
        if (state is None or owner.id == state) and actor.valid_on(ctx.published):
            return h.key
    return None


def _is_referential_it(t: Token) -> bool:
    if t.norm_ == "its":
        return True
    # "it is clear that", "it was reported": expletive
    return not (t.head.lemma_ == "be" or t.dep_ == "expl" or t.head.lemma_ in ("seem", "appear", "remain"))


def latest_mention(history: list[Mention], accept, token: Token, ctx: Context, max_sents: int = 3) -> Mention | None:
    here = ctx.sent_index[token.i]
    candidates = [h for h in reversed(history) if accept(h) and here - h.sent <= max_sents]
    if not candidates:
        return None
    # within the sentence, a subject outranks a nearer non-subject; in an earlier sentence, the subject of
    # its main clause outranks that of a subordinate one ("FACT rejected ..., declaring that Chad was ...")
    same = [h for h in candidates if h.sent == here]
    for h in same:
        if ctx.doc[h.start:h.end].root.dep_ in ("nsubj", "nsubjpass"):
            return h
    if same:
        return same[0]
    prev = [h for h in candidates if h.sent == candidates[0].sent]
    subjects = [h for h in prev if ctx.doc[h.start:h.end].root.dep_ in ("nsubj", "nsubjpass")]
    main = [h for h in subjects if ctx.doc[h.start:h.end].root.head.dep_ in ("ROOT", "conj")]
    return (main or subjects or prev)[0]


def focus_state(ctx: Context, mentions: list[Mention]) -> str | None:
    """The state the article is mostly about, for "the army" or "the junta" with no antecedent."""
    counts: Counter = Counter()
    for m in mentions:
        state = ctx.kb.state_of(m.key) if m.key in ctx.kb.actors else None
        if state is None:
            continue
        weight = 3 if m.sent < 2 else 1  # the headline and lead say what the story is about
        if ctx.doc[m.start:m.end].root.dep_ in ("nsubj", "nsubjpass"):
            weight *= 2
        counts[state.id] += weight
        if m.sent == 0 and m.start == ctx.sents[0].start and m.end < len(ctx.doc) and ctx.doc[m.end].text == ":":
            counts[state.id] += 10  # a headline opening on the country ("Niger : ..."): what the story is about
    for ent in ctx.doc.ents:
        if ent.label_ == ACTOR_LABEL and ctx.kb.get(ent.ent_id_) and ctx.kb[ent.ent_id_].kind == "state" \
                and is_locative(ent.root):
            counts[ent.ent_id_] += 1  # "in Mali": where the story happens
    ctx.state_salience = counts
    return counts.most_common(1)[0][0] if counts else None
