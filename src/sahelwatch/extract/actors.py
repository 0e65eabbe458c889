"""Actor mentions and their linking to the knowledge base.

Mentions come from four places, in order of trust: curated names matched by the entity ruler; a state's
demonym or possessive before a force or government noun ("Malian soldiers", "Mali's military regime"); the
capital used as a metonym ("Bamako said"); and names or group phrases the knowledge base lacks, kept as new
candidate actors. A last pass links descriptions and pronouns ("the group", "its", "the latter") to the
actors already in play.
"""
from __future__ import annotations

import re

from sahelwatch.extract.context import MEMBER_NOUNS, Context, Mention, is_locative
from sahelwatch.kb.actors import normalize
from sahelwatch.kb.gazetteer import load_gazetteer
from sahelwatch.kb.lexicon import actor_nouns
from sahelwatch.model import Actor
from sahelwatch.nlp import ACTOR_LABEL, CAPITAL_LABEL

SPEAKER_ONLY_HEADS = {"analysts", "reports", "media", "sources", "observers", "experts", "witnesses", "report"}
QUANTIFIERS = {"least", "most", "more", "than", "about", "around", "nearly", "almost", "over", "roughly", "up",
               "to", "dozens", "hundreds", "thousands", "scores", "tens", "of", "few"}
DETERMINERS = {"the", "a", "an", "these", "those", "this", "that", "some", "many", "several", "other", "all"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalize(text)).strip("_")[:48] or "actor"


def state_actor_for(ctx: Context, state_id: str, head_word: str) -> str:
    """The state itself, or its forces or government when the head noun says so."""
    nouns = actor_nouns()
    if head_word in nouns["force_heads"]:
        forces = ctx.kb.forces_of(state_id, ("state_force",))
        military = [f for f in forces if "police" not in normalize(f.name) and "gendarm" not in normalize(f.name)]
        if head_word in ("police",):
            military = [f for f in forces if "police" in normalize(f.name)] or military
        if military:
            return military[0].id
    if head_word in nouns["government_heads"]:
        govs = ctx.kb.forces_of(state_id, ("government_body",))
        govs = [g for g in govs if normalize(g.name).startswith("government")] or govs
        if govs:
            return govs[0].id
    return state_id


def _compound_head(doc, start: int, end: int, words: list[str]) -> tuple[str, int] | None:
    """Longest head phrase (one or two words) right after [start, end) that appears in ``words``."""
    tail = [t.norm_ for t in doc[end: end + 3]]
    for n in (2, 1):
        if len(tail) >= n and " ".join(tail[:n]) in words:
            return " ".join(tail[:n]), end + n
    return None


#: nouns for the members of a named militia: "GATIA militiamen" is the militia, "Fulani herders" are not one
MILITIA_MEMBER_NOUNS = {"militiamen", "militiaman", "militia", "militias", "fighters", "militants", "members",
                        "combatants", "elements", "gunmen", "men"}


def find_kb_mentions(ctx: Context) -> list[Mention]:
    doc, out = ctx.doc, []
    for ent in doc.ents:
        if ent.label_ not in (ACTOR_LABEL, CAPITAL_LABEL):
            continue
        sent = ctx.sent_index[ent.start]
        if ent.label_ == CAPITAL_LABEL:
            if is_locative(ent.root) or is_locative(doc[ent.start]):
                continue
            nxt = doc[ent.end] if ent.end < len(doc) else None
            if ent.text.isupper() or (nxt is not None and nxt.text in ("-", "/", "—", "–", "(")
                                      and doc[ent.start].is_sent_start):
                continue  # a dateline ("BAMAKO - ...") names where the story was filed
            state = ctx.kb.get(ent.ent_id_)
            if state is None:
                continue
            key = state_actor_for(ctx, state.id, "government")
            out.append(Mention(ent.start, ent.end, key, ctx.kb[key].kind, "capital", ent.text, sent))
            continue
        candidates = ctx.kb.lookup(ent.text, ctx.published) or [ctx.kb[ent.ent_id_]]
        actor = candidates[0]
        start, end, key = ent.start, ent.end, actor.id
        if actor.kind != "state" and is_locative(doc[ent.start]) and load_gazetteer().best(ent.text) is not None:
            continue  # "in Azawad": the region, not the movement
        if actor.kind in ("state_force", "government_body") and _describes_occupation(doc, ent.end):
            continue  # "a Nigerien military analyst": a person's field, not the army
        if actor.kind in ("militia", "ethnic_group", "civilians") and len(ent) == 1 \
                and ent.root.dep_ in ("amod", "compound") and ent.root.head.pos_ == "NOUN" \
                and not (actor.kind == "militia" and ent.root.head.norm_ in MILITIA_MEMBER_NOUNS):
            continue  # "the veteran Tuareg commander", "Fulani herders": an adjective of origin
        if actor.kind in ("armed_group", "rebel_group", "militia", "pmc"):
            end = _member_phrase_end(doc, end)  # "Azawad nationalist movements", "Wagner mercenaries"
        if actor.kind == "state":
            if is_locative(doc[ent.start]):
                continue
            # "Mali's military regime", "Algeria's army": the possessive names the state's own body
            if end < len(doc) and doc[end].tag_ == "POS":
                head = _compound_head(doc, start, end + 1, force_and_government_heads())
                if head:
                    key = state_actor_for(ctx, actor.id, head[0].split()[-1])
                    end = head[1]
        out.append(Mention(start, end, key, ctx.kb[key].kind, "kb", doc[start:end].text, sent))
    return out


def _member_phrase_end(doc, end: int) -> int:
    """Extend a group's name over the nouns that name its members ("JNIM fighters", "Azawad opposition
    forces"), with at most one adjective between ("Azawad nationalist movements")."""
    heads = set(actor_nouns()["member_heads"])
    k, adjectives = end, 0
    while k < len(doc):
        if doc[k].norm_ in heads:
            end = k = k + 1
            continue
        if doc[k].pos_ == "ADJ" and adjectives == 0 and k + 1 < len(doc) and doc[k + 1].norm_ in heads:
            adjectives, k = 1, k + 1
            continue
        break
    return end


def force_and_government_heads() -> list[str]:
    nouns = actor_nouns()
    return list(nouns["force_heads"]) + list(nouns["government_heads"]) + list(nouns["source_heads"])


def find_surname_mentions(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """'Captain Ibrahim Traore ... Traore ousted Damiba': a curated person once named in full is then
    named by surname, when no other person of the document shares it."""
    by_surname: dict[str, set[str]] = {}
    first_seen: dict[str, int] = {}
    for m in mentions:
        if m.kind == "person" and m.key in ctx.kb.actors:
            for name in (m.text, ctx.kb[m.key].name):
                surname = normalize(name.split()[-1]) if name.split() else ""
                if len(surname) > 2:
                    by_surname.setdefault(surname, set()).add(m.key)
                    first_seen.setdefault(surname, m.start)
    taken = {i for m in mentions for i in m.tokens}
    out = []
    for t in ctx.doc:
        # ("Traore ousted Damiba": the small model tags an unfamiliar name opening a sentence as a noun)
        if t.i in taken or t.pos_ not in ("PROPN", "NOUN") or not t.text[:1].isupper():
            continue
        keys = by_surname.get(normalize(t.text))
        if keys and len(keys) == 1 and t.i > first_seen[normalize(t.text)]:
            key = next(iter(keys))
            out.append(Mention(t.i, t.i + 1, key, "person", "surname", t.text, ctx.sent_index[t.i]))
    return out


def find_demonym_mentions(ctx: Context, taken: set[int]) -> list[Mention]:
    """'Malian forces', 'Algerian security sources', 'the Malian junta'."""
    doc, out = ctx.doc, []
    heads = force_and_government_heads()
    for t in doc:
        if doc.lang_ == "fr" and t.i not in taken and t.dep_ == "amod" and t.i > t.head.i:
            mention = _french_demonym_phrase(ctx, t, heads, taken)
            if mention is not None:
                out.append(mention)
            continue
        if t.i in taken or not t.text[:1].isupper():
            continue
        state = ctx.kb.by_demonym(t.text)
        if state is None:
            continue
        found = _compound_head(doc, t.i, t.i + 1, heads)
        if not found:
            for n in doc[t.i + 1: t.i + 3]:  # one adjective may come between ("Malian regular forces")
                if n.norm_ in heads:
                    found = (n.norm_, n.i + 1)
                    break
                if n.pos_ != "ADJ":
                    break
        if not found:
            continue
        head_word, end = found
        if _describes_occupation(doc, end):
            continue  # "an Algerian military and security affairs expert": a person's field, not a force
        if any(i in taken for i in range(t.i, end)) or (end < len(doc) and doc[end].ent_type_ in ("PERSON", "ACTOR")
                                                         and doc[end].pos_ == "PROPN"):
            continue  # "Nigerian President Bola Tinubu": a title before a name, not the government
        key = state_actor_for(ctx, state.id, head_word.split()[-1])
        start = t.i - 1 if t.i > 0 and doc[t.i - 1].norm_ == "the" else t.i
        out.append(Mention(start, end, key, ctx.kb[key].kind, "demonym", doc[start:end].text,
                           ctx.sent_index[t.i], speaker_only=head_word in ("sources", "security sources")))
    return out


def _french_demonym_phrase(ctx: Context, adj, heads: list[str], taken: set[int]) -> Mention | None:
    """'les autorités maliennes', 'l'armée tchadienne', 'une délégation américaine': in French the demonym
    follows the force or government noun."""
    state = ctx.kb.by_demonym(adj.text) or ctx.kb.by_demonym(adj.lemma_)
    noun = adj.head
    if state is None or (noun.norm_ not in heads and noun.norm_ not in DELEGATION_NOUNS):
        return None
    start = min(c.i for c in noun.children if c.dep_ == "det" and c.i < noun.i) if any(
        c.dep_ == "det" and c.i < noun.i for c in noun.children) else noun.i
    if any(i in taken for i in range(start, adj.i + 1)):
        return None
    key = state_actor_for(ctx, state.id, noun.norm_ if noun.norm_ in heads else "government")
    return Mention(start, adj.i + 1, key, ctx.kb[key].kind, "demonym", ctx.doc[start:adj.i + 1].text,
                   ctx.sent_index[adj.i], speaker_only=noun.norm_ in ("sources", "source"))


#: bodies sent by a state that speak and act for its government
DELEGATION_NOUNS = {"delegation", "delegations", "embassy", "envoys"}


def _describes_occupation(doc, end: int) -> bool:
    """Is the phrase ending at ``end`` only a modifier of an occupation ("military analyst", "security
    affairs expert"), possibly through a coordinated modifier?"""
    occupations = set(actor_nouns()["occupation_nouns"])
    for t in doc[end: end + 4]:
        if t.norm_ in occupations:
            return True
        if not (t.norm_ in ("and", "or") or t.pos_ in ("ADJ", "NOUN") and t.dep_ in ("compound", "amod", "conj")):
            return False
    return False


def find_new_actor_mentions(ctx: Context, taken: set[int]) -> list[Mention]:
    """Names and group phrases the knowledge base lacks: kept as new candidate actors."""
    gazetteer = load_gazetteer()
    doc, out = ctx.doc, []
    group_heads = actor_nouns()["group_heads"]
    persons: dict[str, str] = {}
    for ent in doc.ents:
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        # the small model often tags Sahel towns as people ("an offensive on Tinzaouaten")
        if (len(ent) == 1 or is_locative(ent.root) or ent.root.head.norm_ in ("on", "of")) \
                and gazetteer.best(ent.text) is not None:
            continue
        if _names_a_place(ent):
            continue  # "les localités d'Intazayane, de Bakorat et de Wirsnat": villages the model calls people
        if ent.label_ == "PERSON" and ent.text[:1].isupper() and (all(t.pos_ == "PROPN" for t in ent) or (
                doc.lang_ == "fr" and len(ent) > 1 and all(t.text[:1].isupper() and t.is_alpha for t in ent))):
            # (the small French model tags some names ADJ or NOUN: "Zakaria/ADJ Abdourahamane/NOUN")
            words = ent.text.split()
            key = persons.get(words[-1]) or persons.get(ent.text)
            if key is None:
                key = "new_" + _slug(ent.text)
                persons[ent.text] = key
                persons[words[-1]] = key
            out.append(Mention(ent.start, ent.end, key, "person", "ner", ent.text, ctx.sent_index[ent.start]))
        elif ent.label_ == "ORG" and all(t.pos_ == "PROPN" for t in ent) and not is_locative(ent.root):
            if len(ent) == 1 and not (ent.text.isupper() or re.search(r"[a-z][A-Z]", ent.text)):
                continue
            out.append(Mention(ent.start, ent.end, "new_" + _slug(ent.text), "organization", "ner", ent.text,
                               ctx.sent_index[ent.start]))
    taken = taken | {i for m in out for i in m.tokens}
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.norm_ not in group_heads or any(i in taken for i in range(chunk.start, chunk.end)):
            continue
        if root.norm_ in actor_nouns()["definite_group_anaphors"] and any(
                c.dep_ == "det" and c.norm_ == "the" for c in root.children):
            continue  # "les assaillants", "the attackers": the attackers already named (see coreference)
        if any(c.dep_ == "poss" for c in root.children):
            continue  # "the bloc's leaders" speak for the bloc
        if root.norm_ in MEMBER_NOUNS and any(
                c.dep_ == "prep" and c.norm_ == "of" and any(p.i in taken for p in c.children)
                for c in root.children):
            continue  # "fighters of the Islamic State", "les jihadistes du JNIM": the group itself
        words = [t for t in chunk if t.norm_ not in DETERMINERS and t.pos_ not in ("PRON", "NUM")
                 and t.dep_ != "poss" and t.norm_ not in QUANTIFIERS]
        while words and (words[0].pos_ in ("ADP", "PUNCT", "CCONJ") or words[0].norm_ in QUANTIFIERS):
            words = words[1:]
        # keep a following participle or prepositional modifier that names the group
        end = chunk.end
        for t in doc[chunk.end: chunk.end + 4]:
            if t.head == root and t.dep_ == "acl" and t.tag_ == "VBG":
                end = max(x.i for x in t.subtree) + 1
                break
        if doc.lang_ == "fr" and end < len(doc) and doc[end].text.lower() in ("de", "d'") \
                and doc[end].head == root and end + 1 < len(doc) and doc[end + 1].pos_ == "NOUN":
            # "des organisations de défense des droits humains": the noun complement names the group
            inside, stop = {x.i for x in root.subtree}, end
            while stop < len(doc) and stop in inside and stop not in taken \
                    and doc[stop].pos_ in ("ADP", "DET", "NOUN", "ADJ", "PROPN"):
                stop += 1
            if not (stop < len(doc) and stop in taken):  # "chefs d'État de l'AES" hang on a named actor
                while stop > end and doc[stop - 1].pos_ in ("ADP", "DET"):
                    stop -= 1
                end = stop
        if not words:
            continue
        text = doc[words[0].i: end].text
        out.append(Mention(words[0].i, end, "new_" + _slug(text), group_heads[root.norm_], "group", text,
                           ctx.sent_index[root.i], speaker_only=root.norm_ in SPEAKER_ONLY_HEADS))
    return out


def _names_a_place(ent) -> bool:
    """A one-word name in the complement of a place noun, or coordinated with one ("les localités d'X, de Y et
    de Z", "the villages of X and Y")."""
    if len(ent) != 1:
        return False
    t = ent.root
    while t.dep_ == "conj" and t.head != t:
        t = t.head
    return t.dep_ == "pobj" and t.head.norm_ == "of" and t.head.head.norm_ in PLACE_HEAD_NOUNS


#: nouns whose "of" complement names a place
PLACE_HEAD_NOUNS = {"town", "towns", "village", "villages", "locality", "localities", "commune", "communes",
                    "city", "cities", "district", "districts", "hamlet", "hamlets"}


def build_actors(ctx: Context) -> list[Actor]:
    """One Actor per linked or candidate actor, with the surface forms seen in this document."""
    actors: dict[str, Actor] = {}
    for m in ctx.mentions:
        kb = ctx.kb.get(m.key)
        if m.key not in actors:
            if kb is not None:
                actors[m.key] = Actor(id=kb.id, name=kb.name, acled_name=kb.acled_name_on(ctx.published),
                                      kind=kb.kind, country=kb.country, aliases=list(kb.all_names), in_kb=True)
            else:
                actors[m.key] = Actor(id=m.key, name=m.text, kind=m.kind, aliases=[m.text])
        actor = actors[m.key]
        actor.mentions += 1
        if m.via != "coref" and m.text not in actor.aliases:
            actor.aliases.append(m.text)
        if len(actor.evidence) < 3 and m.via != "coref":
            actor.evidence.append(ctx.evidence(ctx.sents[m.sent], f"actors.{m.via}", 0.9 if kb else 0.6))
    return list(actors.values())


def display_name(ctx: Context, key: str, fallback: str) -> str:
    """The knowledge base's name, or for a new actor the first way the text named it (not "it" or "he")."""
    kb = ctx.kb.get(key)
    if kb is not None:
        return kb.name
    for m in ctx.mentions:
        if m.key == key and m.via != "coref":
            return m.text
    return fallback
