"""Word lists the extractors read (``kb/data/lexicon/*.yaml``), loaded once and validated."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from sahelwatch.errors import KnowledgeBaseError
from sahelwatch.kb.actors import data_dir
from sahelwatch.model import PLOVER_TYPES, RELATION_TYPES


@dataclass(frozen=True)
class Trigger:
    lemma: str
    plover: str
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    pos: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    needs_object: bool = False
    needs_actor_pair: bool = False
    plural_only: bool = False
    needs_person_object: bool = False
    own_object: bool = False


def _read(name: str):
    path = data_dir() / "lexicon" / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"lexicon {name}: {exc}") from exc


@lru_cache(maxsize=1)
def event_triggers() -> dict[str, list[Trigger]]:
    """Triggers by lemma; one lemma may have several readings told apart by ``needs``."""
    out: dict[str, list[Trigger]] = {}
    for row in _read("event_triggers.yaml"):
        if row["plover"] not in PLOVER_TYPES:
            raise KnowledgeBaseError(f"event trigger {row['lemma']}: unknown PLOVER type {row['plover']}")
        acled = row.get("acled") or [None, None]
        out.setdefault(row["lemma"], []).append(Trigger(
            lemma=row["lemma"], plover=row["plover"], acled_event_type=acled[0], acled_sub_event_type=acled[1],
            pos=tuple(row.get("pos") or ()), needs=tuple(row.get("needs") or ()),
            after=tuple(row.get("after") or ()), needs_object=bool(row.get("needs_object")),
            needs_actor_pair=bool(row.get("needs_actor_pair")), plural_only=bool(row.get("plural_only")),
            needs_person_object=bool(row.get("needs_person_object")), own_object=bool(row.get("own_object"))))
    return out


@lru_cache(maxsize=1)
def claim_cues() -> dict:
    data = _read("claim_cues.yaml")
    verbs = {}
    for modality, words in data["reporting_verbs"].items():
        for w in words:
            verbs.setdefault(w, modality)
    data["verb_modality"] = verbs
    return data


@lru_cache(maxsize=1)
def relation_cues() -> dict:
    data = _read("relation_cues.yaml")
    for section in ("nouns", "verbs", "hyphen_suffixes", "titles"):
        for word, kind in data[section].items():
            if kind not in RELATION_TYPES:
                raise KnowledgeBaseError(f"relation cue {word!r}: unknown relation type {kind!r}")
    return data


@lru_cache(maxsize=1)
def actor_nouns() -> dict:
    return _read("actor_nouns.yaml")
