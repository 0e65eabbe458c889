"""Reading French with the same rules as English.

The extraction rules are written against the English model's conventions: ClearNLP dependency labels
(``nsubj``, ``dobj``, ``prep`` → ``pobj``, ``agent``, ``poss``), Penn Treebank tags and English words. The
French model parses in Universal Dependencies, where a preposition hangs under its noun as ``case``. This
component, run last in the French pipeline, rewrites each parse into those conventions and reads each word
through the glossary (``kb/data/lexicon/fr/glossary.yaml``): LEMMA becomes the English lemma, NORM the English
word form. Text, offsets and sentences are untouched, so evidence stays French.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sahelwatch.errors import KnowledgeBaseError
from sahelwatch.kb.actors import data_dir

#: typographic characters the French model was trained without, mapped one for one (offsets do not move)
TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " "})


def normalise_typography(text: str) -> str:
    """French press typography ("l’armée", a narrow space before ":") as fr_core_news_sm learned it, with
    straight apostrophes; the same length, so character offsets are shared with the original."""
    return text.translate(TYPOGRAPHY)


#: UD label → the English model's label, where the tree shape is the same
LABELS = {"obj": "dobj", "nsubj:pass": "nsubjpass", "aux:tense": "aux", "aux:pass": "auxpass", "aux:caus": "aux",
          "acl:relcl": "relcl", "iobj": "dative", "expl:subj": "expl", "expl:pass": "expl", "expl:comp": "expl",
          "flat:name": "compound", "flat:foreign": "compound", "obl:mod": "npadvmod", "obl:arg": "npadvmod",
          "obl": "npadvmod", "nmod": "nmod", "fixed": "prep"}
#: UD labels of a noun that, with a ``case`` word, becomes "prep → pobj"
PREPOSITIONAL = {"nmod", "obl", "obl:mod", "obl:arg", "obl:agent", "compound", "flat:name", "dep"}
NEGATIVE_ADVERBS = {"ne", "n'", "pas", "jamais", "guère", "point"}
#: the French model's entity labels → the English model's
ENTITY_LABELS = {"PER": "PERSON", "LOC": "GPE", "MISC": "NORP"}


@dataclass(frozen=True)
class Glossary:
    verbs: dict[str, tuple[str, str]]
    nouns: dict[str, tuple[str, str]]
    adjectives: dict[str, str]
    words: dict[str, str]
    determiners: dict[str, str]
    light_verbs: dict[str, dict[str, tuple[str, str]]]
    phrases: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    path = data_dir() / "lexicon" / "fr" / "glossary.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"French glossary: {exc}") from exc
    verbs = {}
    for fr, en in data["verbs"].items():
        if not (isinstance(en, list) and len(en) == 2):
            raise KnowledgeBaseError(f"French glossary: verb {fr!r} needs [lemma, past participle]")
        verbs[fr] = (en[0], en[1])
    nouns = {fr: (en, _plural(en)) if isinstance(en, str) else (en[0], en[1]) for fr, en in data["nouns"].items()}
    phrases = []
    for row in data["phrases"]:
        fr, en = row
        if len(fr) != len(en):
            raise KnowledgeBaseError(f"French glossary: phrase {fr!r} needs one English word per token")
        phrases.append((tuple(w.lower() for w in fr), tuple(en)))
    # longest phrases first, so that "à la suite de" wins over "suite à"
    phrases.sort(key=lambda p: -len(p[0]))
    return Glossary(verbs=verbs, nouns=nouns, adjectives=dict(data["adjectives"]),
                    words={k.lower(): v for k, v in data["words"].items()},
                    determiners={k.lower(): v for k, v in data["determiners"].items()},
                    light_verbs={verb: {noun: (en[0], en[1]) for noun, en in nouns.items()}
                                 for verb, nouns in data["light_verbs"].items()},
                    phrases=tuple(phrases))


def _ptb_tag(t: Token) -> str:
    """The Penn Treebank tag the rules test for (plural nouns, participles, tensed verbs)."""
    morph = t.morph
    if t.pos_ == "NOUN":
        return "NNS" if "Plur" in morph.get("Number") else "NN"
    if t.pos_ == "PROPN":
        return "NNPS" if "Plur" in morph.get("Number") else "NNP"
    if t.pos_ in ("VERB", "AUX"):
        form = morph.get("VerbForm")
        if "Part" in form:
            return "VBN" if "Past" in morph.get("Tense") else "VBG"
        if "Inf" in form:
            return "VB"
        if "Past" in morph.get("Tense") or "Imp" in morph.get("Tense"):
            return "VBD"
        return "VBZ" if "3" in morph.get("Person") and "Sing" in morph.get("Number") else "VBP"
    return t.tag_


#: modal verbs: (English for the indicative, for the conditional); "pourrait" hedges like "could"
MODALS = {"pouvoir": ("can", "could"), "devoir": ("must", "should"), "vouloir": ("want", "would")}
#: endings of the French conditional ("appartiendraient", "serait", "aurais")
CONDITIONAL_ENDINGS = ("rait", "raient", "rais")
#: verbs whose conditional is a hedge or politeness, not hearsay
NOT_HEARSAY = {"pouvoir", "devoir", "vouloir", "falloir", "can", "must", "want"}


def is_hearsay_conditional(t: Token) -> bool:
    """The French journalistic conditional: "ils appartiendraient à l'Africa Corps" (reportedly belong), "le
    bilan serait de 40 morts". A main-clause verb only, outside a "si" condition; the conditional of a verb
    reported by someone ("a annoncé qu'il respecterait") is a future in the past, not hearsay."""
    if t.doc.lang_ != "fr" or t.pos_ not in ("VERB", "AUX") or not t.lower_.endswith(CONDITIONAL_ENDINGS):
        return False
    if t.lemma_.lower() in NOT_HEARSAY or t.lower_.startswith(("pourr", "devr", "voudr", "faudr")):
        return False
    verb = t.head if t.pos_ == "AUX" and t.head != t else t
    if verb.dep_ not in ("ROOT", "conj") or (verb.dep_ == "conj" and verb.head.dep_ != "ROOT"):
        return False
    return not any(x.lower_ in ("si", "s'") and x.dep_ == "mark" for x in verb.sent)


def _read_word(t: Token, g: Glossary) -> tuple[str | None, str | None]:
    """(English lemma, English form) for a French token, or (None, None) when the glossary lacks it."""
    lemma, low = t.lemma_.lower(), t.lower_
    if t.pos_ in ("VERB", "AUX") and lemma in MODALS:
        plain, conditional = MODALS[lemma]
        return plain, conditional if low.endswith(CONDITIONAL_ENDINGS) else plain
    if t.pos_ == "VERB" and lemma not in g.verbs and lemma.endswith("e") and lemma + "r" in g.verbs:
        lemma = lemma + "r"  # the lemmatizer leaves some forms as they are ("estime" for "estimer")
    if t.pos_ in ("VERB", "AUX") and lemma in g.light_verbs:
        # "ont pris d'assaut la base", "a fait état de 11 morts": the noun says what the verb does
        for nxt in t.doc[t.i + 1: t.i + 4]:
            if nxt.lower_ in g.light_verbs[lemma]:
                en, participle = g.light_verbs[lemma][nxt.lower_]
                past = "Part" in t.morph.get("VerbForm") and "Past" in t.morph.get("Tense")
                return en, participle if past else en
    if t.pos_ in ("VERB", "AUX") and lemma in g.verbs:
        en, participle = g.verbs[lemma]
        form = t.morph.get("VerbForm")
        if "Part" in form and "Past" in t.morph.get("Tense"):
            return en, participle
        if "Part" in form:
            return en, (en[:-1] if en.endswith("e") and not en.endswith("ee") else en) + "ing"
        return en, en
    if t.pos_ in ("NOUN", "PROPN") and (lemma in g.nouns or low in g.nouns):
        singular, plural = g.nouns.get(lemma) or g.nouns[low]
        return singular, plural if "Plur" in t.morph.get("Number") else singular
    if t.pos_ == "ADJ" and lemma in g.adjectives:
        return g.adjectives[lemma], g.adjectives[lemma]
    if t.pos_ == "DET" and low in g.determiners:
        return g.determiners[low], g.determiners[low]
    if low in g.words:
        return g.words[low], g.words[low]
    # a trigger noun the tagger read as a verb or adjective, or the reverse
    for table in (g.nouns, g.verbs):
        if lemma in table:
            return table[lemma][0], table[lemma][0]
    if lemma in g.adjectives:
        return g.adjectives[lemma], g.adjectives[lemma]
    return None, None


def _restructure(doc: Doc) -> None:
    """UD → the English model's tree: "attaque contre le camp" becomes attaque →prep→ contre →pobj→ camp;
    "par les assaillants" under a passive verb becomes an ``agent``; possessive determiners ``poss``."""
    for t in list(doc):
        dep = t.dep_
        if dep in PREPOSITIONAL:
            case = [c for c in t.children if c.dep_ == "case"]
            if case and t.head != t:
                prep, head = case[0], t.head
                prep.head = head
                prep.dep_ = "agent" if dep == "obl:agent" else "prep"
                t.head = prep
                t.dep_ = "pobj"
                continue
        if dep == "det" and "Yes" in t.morph.get("Poss"):
            t.dep_ = "poss"
        elif dep == "advmod" and t.lower_ in NEGATIVE_ADVERBS:
            t.dep_ = "neg"
        elif dep in LABELS:
            t.dep_ = LABELS[dep]


#: day and month names, which the small model often tags as adjectives of the noun before them
#: ("35 civils lundi")
CALENDAR_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier", "février",
                  "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout", "septembre", "octobre",
                  "novembre", "décembre", "decembre"}
#: roles only a noun phrase fills: an adjective there is used as a noun ("les civils", "les blessés")
NOMINAL_ROLES = {"nsubj", "nsubjpass", "dobj", "pobj"}


def _gloss(doc: Doc, g: Glossary) -> None:
    for t in doc:
        if t.lower_ in CALENDAR_WORDS and t.pos_ != "NOUN":
            t.pos_ = "NOUN"
            if t.dep_ in ("amod", "xcomp", "acl"):
                t.dep_ = "npadvmod"
        if t.pos_ == "ADJ" and t.dep_ in NOMINAL_ROLES and any(c.dep_ == "det" or c.dep_ == "nummod"
                                                               for c in t.children):
            t.pos_ = "NOUN"
        t.tag_ = _ptb_tag(t)
        lemma, form = _read_word(t, g)
        if lemma is not None:
            t.lemma_ = lemma
            t.norm_ = form
        else:
            t.norm_ = t.lower_
    low = [t.lower_ for t in doc]
    i = 0
    while i < len(doc):
        for french, english in g.phrases:
            if tuple(low[i: i + len(french)]) == french:
                for k, word in enumerate(english):
                    doc[i + k].norm_ = word
                i += len(french) - 1
                break
        i += 1


def _relabel_entities(doc: Doc) -> None:
    doc.ents = [Span(doc, e.start, e.end, label=ENTITY_LABELS.get(e.label_, e.label_), kb_id=e.kb_id,
                     span_id=e.id) for e in doc.ents]


#: labels of a noun phrase's head in the rewritten tree
NP_LABELS = {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos", "attr", "ROOT", "npadvmod", "nmod", "conj"}
#: modifiers that follow a French noun inside its phrase ("les soldats maliens", "le camp militaire")
POST_MODIFIERS = {"amod", "compound", "nummod", "flat"}


def noun_chunks(doclike):
    """Base noun phrases of the rewritten tree: left edge to the noun and its trailing adjectives."""
    prev_end = -1
    for word in doclike:
        if word.pos_ not in ("NOUN", "PROPN", "PRON") or word.dep_ not in NP_LABELS:
            continue
        if word.dep_ == "conj" and word.head.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue
        start = word.left_edge.i
        if start <= prev_end:
            continue
        end = word.i
        for child in word.rights:
            if child.dep_ in POST_MODIFIERS and child.i == end + 1:
                end = child.right_edge.i if child.dep_ == "compound" else child.i
            else:
                break
        prev_end = end
        yield start, end + 1, word.vocab.strings.add("NP")


@Language.component("french_to_canonical")
def french_to_canonical(doc: Doc) -> Doc:
    _restructure(doc)
    _relabel_entities(doc)
    doc.noun_chunks_iterator = noun_chunks
    _gloss(doc, glossary())
    return doc


@Language.component("norm_is_lower")
def norm_is_lower(doc: Doc) -> Doc:
    """English: the rules read NORM as the lower-case word (spaCy's own norms respell British English)."""
    for t in doc:
        t.norm_ = t.lower_
    return doc
