"""Fatalities by ACLED's rules: the most conservative figure the report gives (lower bound of a range, vague
words read as the codebook reads them: "dozens" 12, "tens" 10, "several" 3), counts of the dead summed over the
sides ("two villagers and one attacker killed" is 3), one for a single named death ("a herder was shot dead"),
and zero when no death is reported."""
from __future__ import annotations

from sahelwatch.extract.context import Context

DEATH_LEMMAS = {"kill", "die", "dead", "murder", "execute", "slay", "behead", "massacre", "lynch", "assassinate",
                "succumb", "death", "body", "corpse", "perish", "neutralize", "neutralise"}
NEGATIONS = {"no", "not", "without", "none", "neither", "nor", "unharmed"}
SINGULAR_DETS = {"a", "an", "the", "one", "his", "her", "its", "their"}


def code_fatalities(ctx: Context) -> tuple[int, str]:
    """(fatalities, the words they were read from)."""
    counted = [q for q in ctx.quantities if q.kind == "fatalities"]
    if counted:
        total = sum(q.low for q in counted)
        return total, "; ".join(q.text for q in counted)
    return _single_deaths(ctx)


def _single_deaths(ctx: Context) -> tuple[int, str]:
    """A death with no figure: "killed a herder", "the driver was killed", "The officer died"."""
    doc = ctx.doc
    found = []
    for tok in doc:
        if tok.lemma_.lower() not in DEATH_LEMMAS or tok.pos_ not in ("VERB", "ADJ", "NOUN", "AUX"):
            continue
        if any(t.lower_ in NEGATIONS for t in doc[max(0, tok.i - 4):tok.i]) or tok.lower_ in ("death threats",):
            continue
        if tok.lemma_.lower() in ("death", "body", "corpse") and not any(c.lower_ in SINGULAR_DETS for c in tok.children):
            continue
        victims = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "nsubj", "obj")]
        if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
            victims.append(tok.head)
        for v in victims:
            if v.tag_ in ("NN", "NNP") and (any(c.lower_ in SINGULAR_DETS for c in v.children) or v.pos_ == "PROPN"
                                            or v.lower_ in ("one",)):
                found.append(f"{v.text} {tok.text}" if v.i < tok.i else f"{tok.text} {v.text}")
                break
    return len(found), "; ".join(found)
