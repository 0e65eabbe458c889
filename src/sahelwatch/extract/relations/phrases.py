"""Relations stated by words: relation nouns ("its alliance with Mali"), verbs ("ostracized by", "replaced
by"), hyphenated modifiers ("al-Qaeda-affiliated", "pro-army") and possessive or demonym patrons ("Russia's
Wagner", "the Russian private military company Wagner").
"""
from __future__ import annotations

from itertools import combinations

from sahelwatch.extract.actors import state_actor_for
from sahelwatch.extract.context import Context, Mention
from sahelwatch.extract.relations.base import (
    RelationSet,
    clause_subject,
    demonym_state,
    mentions_at,
    valid,
)
from sahelwatch.kb.lexicon import relation_cues
from sahelwatch.model import RELATION_TYPES

PATRON_FIRST = {"backed", "sponsored", "supported", "led"}


def possessive_patron(ctx: Context, rs: RelationSet) -> None:
    """"Russia's Wagner", "France's Barkhane": a state's own armed instrument."""
    doc = ctx.doc
    for m in ctx.mentions:
        if m.kind != "state" or m.via == "coref" or m.end >= len(doc) or doc[m.end].tag_ != "POS":
            continue
        nxt = ctx.mention_at(m.end + 1)
        if nxt is not None and nxt.kind in ("pmc", "armed_group", "militia", "mission", "rebel_group"):
            rs.add(m.key, nxt.key, "patron_of", ctx.sents[m.sent], "stated", 0.7, "relations.possessive",
                   names=(m.text, nxt.text))


def demonym_patron(ctx: Context, rs: RelationSet) -> None:
    """'the Russian private military company Wagner': a state's contractor named with its demonym."""
    doc = ctx.doc
    for m in ctx.mentions:
        if m.kind != "pmc" or m.via == "coref":
            continue
        for t in doc[max(0, m.start - 5): m.end]:
            state = demonym_state(ctx, t)
            if state is not None and ctx.mention_at(t.i) in (None, m):
                rs.add(state.id, m.key, "patron_of", ctx.sents[m.sent], "stated", 0.65, "relations.demonym",
                       names=(t.text, m.text))
                break


def relation_nouns(ctx: Context, rs: RelationSet) -> None:
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
                side_a += mentions_at(ctx, c)
                if c.dep_ in ("compound", "amod", "nmod"):
                    modifiers += mentions_at(ctx, c)
            elif c.dep_ == "appos":
                # "the chairman of ECOWAS, Bola Tinubu", "the UN mission, MINUSMA", "the five G5 Sahel
                # countries - Mauritania, Mali, ...": the apposition names who holds the role
                holders = mentions_at(ctx, c)
                if holders:
                    side_b, side_a = side_a + side_b, holders
                    continue
            elif c.dep_ == "prep":
                for p in c.children:
                    if p.dep_ == "pobj":
                        ms = mentions_at(ctx, p)
                        if c.norm_ == "between" and len(ms) == 1:
                            # "la rupture entre Washington et la junte": the small parser hangs the second
                            # party on the relation noun
                            ms += [m for cj in t.children if cj.dep_ == "conj" and cj.i > p.i
                                   for m in mentions_at(ctx, cj) if m.key != ms[0].key]
                            sent_end = ctx.sent_of(t).end
                            for x in ctx.doc[p.i + 1: min(sent_end, p.i + 6)] if len(ms) == 1 else []:
                                other = ctx.mention_at(x.i)
                                if x.dep_ == "conj" and other is not None and other.key != ms[0].key and any(
                                        y.norm_ == "and" for y in ctx.doc[p.i + 1: x.i]):
                                    ms.append(other)
                                    break
                        if c.norm_ == "between" and len(ms) >= 2:
                            side_a.append(ms[0])
                            side_b += ms[1:]
                        elif c.norm_ in ("of", "by") and t.lemma_.lower() in of_agent:
                            agents += ms
                        else:
                            side_b += ms
        # "le Tchad et la Mauritanie, les deux derniers membres": a member noun after a comma that the small
        # parser coordinated with the names it describes
        comma_conj = t.dep_ == "conj" and t.lemma_.lower() in relation_cues()["implicit_bloc_nouns"] and (
            ctx.doc[t.left_edge.i].text == "," or (t.left_edge.i > 0 and ctx.doc[t.left_edge.i - 1].text == ","))
        if t.dep_ in ("appos", "attr") or comma_conj or (t.dep_ == "npadvmod" and t.head.pos_ in ("PROPN", "NOUN")):
            anchor = t.head if t.dep_ != "attr" else next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            # "Dicko, an influential cleric who has become a critic of the junta": through the relative
            # pronoun and the appositions to the name
            if anchor is not None and anchor.norm_ in ("who", "which", "that") and t.head.dep_ == "relcl":
                anchor = t.head.head
            while anchor is not None and ctx.mention_at(anchor.i) is None and anchor.dep_ == "appos":
                anchor = anchor.head
            if anchor is not None:
                anchored = mentions_at(ctx, anchor)
                (side_b if side_a else side_a).extend(anchored)
                if len(anchored) >= 2 and RELATION_TYPES[kind] in ("cooperative", "hostile"):
                    modifiers += anchored  # "JNIM and IS Sahel are bitter rivals": each with the other
        if agents:
            # "under the oversight of the Ministry": the complement oversees the clause's subject
            for a in agents:
                for b in side_a or clause_subject(ctx, t):
                    if a.key != b.key:
                        rs.add(a.key, b.key, kind, sent, "stated", 0.65, "relations.noun", valid(ctx, sent),
                               names=(a.text, b.text))
            continue
        if not side_a and side_b:
            side_a = clause_subject(ctx, t)
        if side_a and not side_b and t.lemma_.lower() in relation_cues()["implicit_bloc_nouns"]:
            # "Chad and Mauritania, the last two members, said ...": members of the bloc the sentence named
            side_b = implicit_bloc(ctx, t, side_a)
        for a in side_a:
            for b in side_b:
                if a.key != b.key:
                    if b.kind == "person" and a.kind != "person" and RELATION_TYPES[kind] == "hierarchical":
                        a, b = b, a  # "the confederation's president, Goita": the person holds the role
                    rs.add(a.key, b.key, kind, sent, "stated", 0.65, "relations.noun", valid(ctx, sent),
                           names=(a.text, b.text))
        # "the U.S.-Algeria agreement": two modifiers of one relation noun
        if len(modifiers) >= 2 and not side_b:
            for a, b in combinations(modifiers, 2):
                rs.add(a.key, b.key, kind, sent, "stated", 0.6, "relations.noun", names=(a.text, b.text))


def joint_actions(ctx: Context, rs: RelationSet) -> None:
    """'Mali and Burkina Faso said in a joint statement', 'a communiqué commun': those who speak or act
    jointly cooperate."""
    cues = relation_cues()["joint"]
    for t in ctx.doc:
        if t.norm_ not in cues["modifiers"]:
            continue
        if t.dep_ == "amod" and t.head.lemma_.lower() in cues["nouns"]:
            phrase = t.head
        elif any(c.dep_ == "amod" and c.lemma_.lower() in cues["nouns"] for c in t.children):
            phrase = t  # "un communiqué conjoint": the small French parser may invert noun and adjective
        else:
            continue
        parties = clause_subject(ctx, phrase)
        if len({m.key for m in parties}) < 2:
            # "the military governments of Mali and Burkina Faso said": every party the subject names
            subject = next((c for h in (phrase, *phrase.ancestors) for c in h.children if c.dep_ == "nsubj"),
                           None)
            if subject is not None:
                parties = [m for m in ctx.mentions_in(subject.left_edge.i, subject.right_edge.i + 1)
                           if m.kind != "person"]
        for a, b in combinations(parties, 2):
            if a.key != b.key:
                rs.add(a.key, b.key, "ally_of", ctx.sent_of(t), "stated", 0.6, "relations.joint",
                       names=(a.text, b.text))


BLOC_KINDS = ("bloc", "mission", "organization")


def implicit_bloc(ctx: Context, t, exclude: list[Mention]) -> list[Mention]:
    """The bloc a complement-less member noun belongs to: the nearest one named before it in its sentence or
    the sentence before."""
    sent = ctx.sent_of(t)
    start = sent.start if sent.start == 0 else ctx.sent_of(ctx.doc[sent.start - 1]).start
    keys = {m.key for m in exclude}
    before = sorted((m for m in ctx.mentions_in(start, t.i) if m.kind in BLOC_KINDS and m.key not in keys),
                    key=lambda m: m.start)
    return before[-1:]


def relation_verbs(ctx: Context, rs: RelationSet) -> None:
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
                    agents += mentions_at(ctx, p)
            elif c.dep_ == "nsubj" and c.norm_ not in ("which", "who", "that") and not passive:
                agents += mentions_at(ctx, c)
            elif c.dep_ in ("nsubjpass", "nsubj"):
                patients += role_holders(ctx, c)
            elif c.dep_ in ("dobj",):
                patients += role_holders(ctx, c)
        preps = {c.norm_: [m for p in c.children for m in mentions_at(ctx, p)] for c in t.children
                 if c.dep_ == "prep"}
        partner = []
        if not agents and t.lemma_.lower() in relation_cues()["partner_verbs"]:
            # "JNIM, affiliated to al-Qaeda", "a group linked with IS", "Moscou, allié de Bamako": the
            # complement is the patron, the subject the affiliate
            partner = [m for w in relation_cues()["partner_verbs"][t.lemma_.lower()] for m in preps.get(w, [])]
            if partner:
                passive = True
        elif agents and not patients and t.lemma_.lower() in relation_cues()["partner_verbs"]:
            # "Niger has allied with Russia", "le Niger s'est rapproché de Moscou": the complement is the partner
            patients = [m for w in relation_cues()["partner_verbs"][t.lemma_.lower()] for m in preps.get(w, [])]
        if kind == "successor_of" and preps.get("with"):
            agents = preps["with"]  # "replaced the chief of staff with General Mody": Mody succeeds
        if kind == "successor_of" and not patients and not passive and t.lemma_.lower() == "succeed":
            # "il doit succéder à Issoufou" ("à" reads "in"): the predecessor is an indirect object
            patients = [m for w in ("in", "to") for m in preps.get(w, [])]
        if t.lemma_.lower() in ("seize", "take", "grab", "wrest", "assume") and preps.get("from") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in ("power", "control") for c in t.children):
            kind = "successor_of"  # "seized power from President Kabore"
            patients = preps["from"]
        if not agents and not passive:
            agents = clause_subject(ctx, t)
        if not patients and passive:
            if t.dep_ in ("acl", "amod", "relcl"):
                head = ctx.mention_at(t.head.i)
                patients = [head] if head is not None else []
            else:
                patients = clause_subject(ctx, t)
        for p in patients if partner else []:
            for a in partner:
                if a.key != p.key:
                    rs.add(p.key, a.key, kind, sent, "stated", 0.65, "relations.verb", valid(ctx, sent),
                           names=(p.text, a.text))
        for a in agents:
            for p in patients:
                if kind == "successor_of":
                    # "Y was replaced by X", "X replaced Y": the newcomer succeeds
                    rs.add(a.key, p.key, kind, sent, "stated", 0.7, "relations.verb", valid(ctx, sent),
                           names=(a.text, p.text))
                elif a.key != p.key:
                    rs.add(a.key, p.key, kind, sent, "stated", 0.65, "relations.verb", valid(ctx, sent),
                           names=(a.text, p.text))


def role_holders(ctx: Context, token) -> list[Mention]:
    """An argument that names a role and then its holder ("replaced the army chief of staff, General Ahmed
    Mohamed, with ..."): the person in apposition, not the institution the role noun belongs to."""
    ms = mentions_at(ctx, token)
    if any(m.kind == "person" for m in ms):
        return ms
    holders = [m for c in token.subtree if c.dep_ == "appos" for m in mentions_at(ctx, c) if m.kind == "person"]
    return holders or ms


def hyphenated(ctx: Context, rs: RelationSet) -> None:
    """'al-Qaeda-affiliated JNIM', 'Russian-backed forces', 'pro-army militias'."""
    suffixes = relation_cues()["hyphen_suffixes"]
    doc = ctx.doc
    for t in doc:
        low = t.norm_
        if low in suffixes and t.i >= 2 and doc[t.i - 1].text in ("-", "–"):
            patron = ctx.mention_at(t.i - 2)
            heads = [x for x in (t.head, *t.head.conjuncts)]
            clients = [m for h in heads for m in mentions_at(ctx, h)] or \
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
            if key is None and ctx.focus_state and word.norm_ in ("army", "government", "junta", "military"):
                key = state_actor_for(ctx, ctx.focus_state, word.norm_)
            if key is None and word.text[:1].isupper() and ctx.kb.by_demonym(word.text):
                key = ctx.kb.by_demonym(word.text).id
            if key and client is not None and client.key != key:
                rs.add(client.key, key, "supports", ctx.sent_of(t), "stated", 0.7, "relations.hyphen",
                       names=(client.text, key))
