"""Finding trigger words, and telling reported acts from negated, wished-for or merely referred-to ones."""
from __future__ import annotations

from spacy.tokens import Token

from sahelwatch.extract.context import Context, mentions_of
from sahelwatch.extract.events.draft import demonym_people, event_reading_is, is_nominal, readings_for
from sahelwatch.kb.lexicon import Trigger, claim_cues

#: how many punctuation marks a trigger's ``needs`` window may step over
NEEDS_PUNCT_SLACK = 4

NEGATIONS = {"not", "no", "never", "n't", "without"}


#: verbs after which an event is only wished for, not told ("urging them to surrender")
IRREALIS_HEADS = {"order", "tell", "instruct", "urge", "ask", "call", "demand", "want", "seek", "try", "expect", "aim", "intend", "hope",
                  "attempt", "plan", "threaten", "propose", "request", "encourage", "refuse", "fail"}


#: an agreement noun is an event only where it is made ("signed", "reached"); elsewhere it names a standing
#: agreement ("terminated the 2015 agreement", "the core objectives of the agreement")
MAKING_VERBS = {"sign", "reach", "conclude", "ink", "seal", "strike", "broker", "agree", "negotiate", "announce",
                "finalize", "finalise", "approve", "adopt"}


#: heads whose object noun is only wished for ("to demand the departure of French troops"); "ordered the
#: activation of its force" is itself the act
WISHING_HEADS = {"demand", "call", "urge", "seek", "want", "ask", "request", "hope", "plan", "propose"}
#: heads whose infinitive complement is a purpose or a need, not an act done
PURPOSE_HEADS = {"need", "require", "aim", "seek", "plan", "prepare", "vow", "pledge", "promise", "want", "hope"}
DEMONSTRATIVES = {"this", "that", "these", "those", "such"}
#: modals that make an act a possibility ("could have withdrawn", « pourrait s'être replié »), not a report
POSSIBILITY_MODALS = {"could", "might", "may"}


#: possessives by which an object is the subject's own ("ordered its troops to withdraw")
OWN_POSSESSIVES = {"its", "their", "his", "her", "our"}


def own_object(ctx: Context | None, t: Token) -> bool:
    """Does the verb's object name the subject's own people ("ordered non-essential embassy staff to leave",
    "ordered its troops home") rather than another actor ("ordered the French ambassador to leave")?"""
    objs = [c for c in t.children if c.dep_ == "dobj"]
    if not objs or ctx is None:
        return False
    return all(any(c.dep_ == "poss" and c.norm_ in OWN_POSSESSIVES for c in o.children)
               or not (mentions_of(ctx, o) or any(c.dep_ in ("amod", "compound") and c.text[:1].isupper()
                                                  and ctx.kb.by_demonym(c.text) for c in o.children))
               for o in objs)


def matches(t: Token, reading: Trigger, ctx: Context | None = None) -> bool:
    if reading.pos and t.pos_ not in reading.pos:
        return False
    if reading.plural_only and t.tag_ != "NNS":
        return False
    if reading.after:
        if t.i == 0 or t.doc[t.i - 1].norm_ not in reading.after:
            return False
    if reading.needs:
        # the next six words, quotes and commas not counted (« a dénoncé "avec effet immédiat" l'accord »)
        words = [x for x in t.doc[t.i + 1: min(len(t.doc), t.i + 7 + NEEDS_PUNCT_SLACK)] if not x.is_punct][:6]
        window = {w for x in words for w in (x.norm_, x.lemma_.lower())}
        if not window & set(reading.needs):
            return False
    if reading.own_object and not own_object(ctx, t):
        return False
    if reading.needs_object and not any(c.dep_ in ("dobj", "pobj", "prep") for c in t.children):
        return False
    if reading.needs_person_object and not any(c.dep_ == "dobj" and c.ent_type_ in ("PERSON", "ACTOR")
                                               for c in t.children):
        return False
    return True


def find_triggers(ctx: Context) -> list[tuple[Token, Trigger]]:
    mention_tokens = {i for m in ctx.mentions if m.via != "coref" for i in m.tokens}
    out = []
    for t in ctx.doc:
        if t.i in mention_tokens or t.is_punct:
            continue
        for reading in readings_for(t):
            if matches(t, reading, ctx):
                if negated(t):
                    break
                out.append((t, reading))
                break
    return out


def negated(t: Token) -> bool:
    if any(c.dep_ == "neg" for c in t.children):
        return True
    return t.i > 0 and t.doc[t.i - 1].norm_ in NEGATIONS


def not_an_event(ctx: Context, t: Token) -> bool:
    """Anaphoric references ("this battle"), wished-for acts ("urging them to surrender") and verbs whose
    subject is no actor ("the collapse threatens ...") report no new event."""
    if is_nominal(t) and t.dep_ in ("dobj", "pobj") and (t.head.lemma_.lower() in WISHING_HEADS or (
            t.head.dep_ == "prep" and t.head.head.lemma_.lower() in WISHING_HEADS)):
        return True  # "to demand the departure of French troops"
    if is_nominal(t):
        if any(c.dep_ == "det" and c.norm_ in DEMONSTRATIVES for c in t.children):
            return True
        if event_reading_is(t, "AGREE"):
            made = t.head.lemma_.lower() in MAKING_VERBS and t.dep_ in ("dobj", "nsubjpass", "conj") or any(
                c.dep_ in ("acl", "relcl") and c.lemma_.lower() in MAKING_VERBS for c in t.children) or any(
                c.dep_ == "prep" and c.norm_ == "between" for c in t.children)
            return not made
        return False
    if t.dep_ in ("xcomp", "ccomp") and t.head.lemma_.lower() in IRREALIS_HEADS:
        return True
    if (any(c.dep_ == "aux" and c.norm_ in POSSIBILITY_MODALS for c in t.children) or (
            t.dep_ == "xcomp" and t.head.norm_ in POSSIBILITY_MODALS)) \
            and not any(a.lemma_.lower() in claim_cues()["verb_modality"] for a in t.ancestors):
        # "some fighters could have withdrawn to Niger": the writer's guess, not an act told; a speaker's
        # ("analysts said the drone may have been shot down") is a hedged event of the speaker's claim
        return True
    if t.dep_ in ("acl", "advcl", "relcl", "xcomp") and any(c.dep_ == "aux" and c.norm_ == "to" for c in t.children) \
            and (t.dep_ != "xcomp" or t.head.pos_ in ("NOUN", "ADJ") or t.head.lemma_.lower() in PURPOSE_HEADS):
        return True  # "a common force to fight the jihadists", "the steps needed to dissolve it"
    if t.lemma_.lower() == "warn" and any(c.dep_ == "ccomp" for c in t.children):
        return True  # "warned that the region faced disintegration": a statement, read as a claim
    if t.dep_ == "relcl" and t.tag_ in ("VBZ", "VBP"):
        return True  # "movements, which demand autonomy": a standing position, not an act
    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    if subj is not None and not mentions_of(ctx, subj) and subj.pos_ in ("NOUN", "PROPN") \
            and demonym_people(ctx, subj) is None:
        return not readings_for(subj)
    return False
