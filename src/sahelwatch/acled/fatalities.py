"""Fatalities by ACLED's rules: the most conservative figure the report gives (the lower bound of a range; vague
words read as the codebook reads them: "dozens" 12, "tens" 10, "several" 3), the dead of every side added up
("three assailants killed and two soldiers"), one for each single death ("the driver was killed", "killing a
herder"), and zero when no death is reported.

A figure belongs to the outcome word it meets first: "three civilians killed and three others wounded" is
three dead; "two soldiers and a civilian were wounded, one soldier and the civilian succumbed" is two."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from sahelwatch.acled.rules import load_actor_rules
from sahelwatch.extract.context import Context
from sahelwatch.extract.quantities import DEATH_WORDS, WOUND_WORDS

#: the quantity stage's death words ("lost" only counts there, beside "lives"), and how short reports also say it
DEATH = (DEATH_WORDS - {"lost"}) | {"kills", "dies", "murdered", "beheaded", "decapitated", "lynched", "assassinated",
                                     "succumbed", "body", "corpse", "corpses", "shot-dead"}
#: outcomes that are not deaths: a figure that meets one of these first counts no dead
OTHER_OUTCOMES = WOUND_WORDS | {
    "arrested", "captured", "abducted", "kidnapped", "released", "freed", "detained", "missing", "escaped", "fled",
    "rescued", "displaced", "seized", "stolen", "burned", "burnt", "destroyed", "taken", "held", "hostage",
    "hostages", "returned", "surrendered", "deserted", "recruited", "evacuated", "treated", "unharmed", "survived",
    "spared"}
NEGATIONS = {"no", "not", "without", "none", "neither", "nor", "zero"}
SINGLE = {"a", "an", "one", "the", "his", "her"}
SCAN = 12
#: nouns of the civilian lexicon that name a group or a place, not one person
COLLECTIVE = {"family", "community", "household", "hamlet", "village", "population", "people", "staff", "body",
              "corpse", "crowd", "mob", "group", "party"}


def code_fatalities(ctx: Context) -> tuple[int, str]:
    """(fatalities, the words they were read from)."""
    doc = ctx.doc
    counted: list[tuple[int, str]] = []
    figures = [q for q in ctx.quantities if q.kind != "subset"]
    taken: set[int] = set()
    for q in figures:
        taken.update(range(q.start, q.end))
        if _inside_parenthesis(doc, q.start) or (q.start > 0 and doc[q.start - 1].lower_ in ("including", "among")):
            continue
        if _outcome(doc, q.start, q.end) == "death":
            counted.append((q.low, q.text))
    for tok in doc:
        if tok.i in taken or tok.lower_ not in SINGLE or tok.i + 1 >= len(doc):
            continue
        noun = _person_noun_after(doc, tok)
        if noun is None or _inside_parenthesis(doc, tok.i):
            continue
        if not _death_right_after(doc, noun) and not _killed_before(doc, tok.i) \
                and not _is_killed_object(doc, noun.i, noun.i + 1):
            continue  # "the driver died", "killing a merchant" count; "to target a Dozo chief" does not
        if _outcome(doc, tok.i, noun.i + 1) == "death":
            counted.append((1, doc[tok.i:noun.i + 1].text))
            taken.update(range(tok.i, noun.i + 1))
    if not counted:
        counted += _object_deaths(ctx)
    return sum(n for n, _ in counted), "; ".join(t for _, t in counted)


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """Nouns for one person: the civilian and force nouns of the actor rules, and the combatants'."""
    rules = load_actor_rules()
    return frozenset((set(rules.noun_category) - COLLECTIVE) | set(rules.state_forces["military"])
                     | set(rules.state_forces["police"]) | rules.person_nouns)


def _person_noun_after(doc, det: Token) -> Token | None:
    """The person noun a determiner introduces ("a Fulani shopkeeper", "one MSA militiaman")."""
    people = _person_nouns()
    for t in doc[det.i + 1:det.i + 4]:
        if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in people and t.tag_ in ("NN", "NNP"):
            return t
        if t.pos_ not in ("ADJ", "PROPN", "NOUN", "ADV"):
            return None
    return None


def _death_right_after(doc, noun: Token) -> bool:
    window = doc[noun.i + 1:noun.i + 5]
    return any(t.lower_ in DEATH for t in window)


def _inside_parenthesis(doc, i: int) -> bool:
    opened = 0
    for t in doc[max(0, i - 10):i]:
        opened += (t.text == "(") - (t.text == ")")
    return opened > 0


ATTEMPTS = {"try", "attempt", "seek", "plan", "threaten", "want", "intend", "fail"}
KILL_VERBS = {"kill", "execute", "murder", "behead", "decapitate", "massacre", "lynch", "assassinate", "slay",
              "neutralize", "neutralise"}


def _is_killed_object(doc, start: int, end: int) -> bool:
    """"killed two soldiers", "killing two gendarmes, a customs agent, and four civilians", "shot dead three
    peacekeepers": the figure counts the object of a killing verb."""
    head = doc[end - 1]
    if head.dep_ == "nummod":
        head = head.head
    hops = 0
    while head.dep_ in ("conj", "appos") and hops < 4:
        head, hops = head.head, hops + 1
    verb = head.head
    if head.dep_ not in ("dobj", "obj") or verb.pos_ != "VERB":
        return False
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ATTEMPTS:
        return False  # "tried to kill a chief": no one died
    lemma = verb.lemma_.lower()
    return lemma in KILL_VERBS or (lemma == "shoot" and any(c.lower_ == "dead" for c in verb.children))


MODIFIERS = {"at", "least", "about", "around", "some", "nearly", "almost", "over", "more", "than", "up", "to",
             "approximately", "roughly", "an", "estimated"}
KILLED_BEFORE = {"killing", "killed", "executed", "executing", "beheaded", "beheading", "massacred", "massacring",
                 "murdered", "murdering", "dead", "slaughtered"}


def _killed_before(doc, start: int) -> bool:
    """"killing at least four", "shot dead a": a killing word right before the figure."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in MODIFIERS:
        i -= 1
    return i >= 0 and doc[i].lower_ in KILLED_BEFORE


def _outcome(doc, start: int, end: int) -> str | None:
    """"death", "other" or None: what happened to the people a figure counts."""
    if _killed_before(doc, start) or _is_killed_object(doc, start, end):
        return "death"
    for t in doc[end:min(len(doc), end + SCAN)]:
        word = t.lower_
        if t.text in (";",) or (t.is_sent_start and t.i > end):
            return None
        if t.text == "," and t.i + 1 < len(doc) and doc[t.i + 1].tag_ in ("VBG", "VBD", "VBN"):
            return None  # "opened fire against two peacekeepers, killing one": a new clause
        if word in DEATH:
            if any(x.lower_ in NEGATIONS for x in doc[max(start, t.i - 3):t.i]):
                return "other"
            return "death"
        if word in OTHER_OUTCOMES:
            return "other"
    return None


def _object_deaths(ctx: Context) -> list[tuple[int, str]]:
    """Deaths told by the verb alone: "killing him", "shot dead a man", "beheaded a woman and her child"."""
    out = []
    for tok in ctx.doc:
        if tok.lemma_.lower() not in ("kill", "murder", "execute", "behead", "assassinate", "lynch", "slay") \
                or tok.pos_ != "VERB":
            continue
        objects = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
        for obj in objects:
            victims = [obj] + [c for c in obj.conjuncts]
            n = sum(1 if v.tag_ in ("NN", "NNP", "PRP") else 0 for v in victims)
            if n:
                out.append((n, f"{tok.text} {obj.text}"))
    return out
