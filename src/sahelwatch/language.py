"""Which language a text is written in, from the function words it uses.

Function words are frequent, short and unambiguous between our languages, so a few hundred words of text
decide reliably without a statistical model; a text with none of them is taken as English."""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from sahelwatch.errors import InputError, KnowledgeBaseError
from sahelwatch.kb.actors import data_dir

DEFAULT_LANGUAGE = "en"
#: enough words to decide; reading more only costs time
SAMPLE_WORDS = 2000
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    path = data_dir() / "languages.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"languages.yaml: {exc}") from exc
    return {lang: frozenset(w.lower() for w in words) for lang, words in data.items()}


def detect_language(text: str) -> str:
    """The language whose function words are most frequent in the text (ties and no evidence: English)."""
    words = [w.lower() for w in WORD.findall(text[: SAMPLE_WORDS * 8])][:SAMPLE_WORDS]
    counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in function_words().items()}
    best = max(counts, key=lambda lang: (counts[lang], lang == DEFAULT_LANGUAGE))
    return best if counts[best] > 0 else DEFAULT_LANGUAGE


def supported_languages() -> tuple[str, ...]:
    return tuple(function_words())


def resolve_language(given: str | None, text: str, where: str = "") -> str:
    """The language a caller names ("fr", "FR", "fr-FR"; checked), else the one the text is written in."""
    if not given:
        return detect_language(text)
    code = given.strip().lower()[:2]
    if code not in supported_languages():
        prefix = f"{where}: " if where else ""
        raise InputError(f"{prefix}unsupported language {given!r} (supported: {', '.join(supported_languages())})")
    return code
