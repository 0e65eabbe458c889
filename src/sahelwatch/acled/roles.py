"""Who does what to whom in a short report, from the dependency parse: the agent of the violence, its target
(patient), a speaker who only reports it, or a bystander; and whether an attribution is hedged."""
from __future__ import annotations

from spacy.tokens import Token

from sahelwatch.acled.rules import load_actor_rules
from sahelwatch.extract.context import Context


def _words(key: str) -> frozenset[str]:
    return load_actor_rules().syntax[key]


def _explosive(tok: Token) -> bool:
    """An explosive, directly or as the object of a preposition ("stepped on a mine")."""
    explosives = _words("explosives")
    if tok.lower_ in explosives or tok.lemma_.lower() in explosives:
        return True
    return tok.dep_ == "prep" and any(c.lower_ in explosives or c.lemma_.lower() in explosives for c in tok.children)


def token_role(tok: Token) -> str:
    """Agent, patient, speaker or other, climbing from a modifier ("a Malian army convoy") to the noun it
    modifies. The subject of a reporting verb ("authorities said the army ...") is a speaker, not a side."""
    seen = 0
    while tok.dep_ in ("compound", "amod", "poss", "nmod", "appos", "conj") and tok.head != tok and seen < 4:
        tok, seen = tok.head, seen + 1
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in load_actor_rules().reporting_verbs:
        return "speaker"
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _words("hit_verbs") and any(
            c.dep_ in ("dobj", "obj", "pobj", "prep") and _explosive(c) for c in tok.head.children):
        return "patient"  # "a Malian army vehicle hit an IED"
    if tok.dep_ in _words("agent_deps"):
        return "agent"
    if tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.head.lemma_.lower() in _words("event_nouns"):
        return "agent"  # "an attack by AQM fighters"
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return "agent"
    if tok.dep_ in _words("patient_deps"):
        return "patient"
    if tok.dep_ == "pobj" and tok.head.lower_ in _words("target_preps"):
        return "patient"
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in _words("patient_deps"):
        return "patient"  # "two members of the Fulani community were killed"
    if tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.pos_ == "VERB":
        return "patient"  # "clashed with GATIA"
    return "other"


def is_hedged(ctx: Context, start: int) -> bool:
    lo = max(0, start - 3)
    return any(t.lower_ in _words("hedges") for t in ctx.doc[lo:start])


