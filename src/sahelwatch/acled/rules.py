"""The curated word lists of ACLED actor coding (``kb/data/acled_actor_rules.yaml``), loaded once."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

RULES_FILE = Path(__file__).resolve().parents[1] / "kb" / "data" / "acled_actor_rules.yaml"


@dataclass(frozen=True)
class ActorRules:
    generic: dict[str, dict]
    noun_category: dict[str, str]
    inter_by_kind: dict[str, int]
    state_forces: dict[str, list[str]]
    peacekeepers: frozenset[str]
    reporting_verbs: frozenset[str]
    self_defense: frozenset[str]
    vehicles: frozenset[str]
    syntax: dict[str, frozenset[str]]
    default_country: str
    civilian_groups: dict[str, str]
    person_nouns: frozenset[str]


@lru_cache(maxsize=1)
def load_actor_rules(path: Path = RULES_FILE) -> ActorRules:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    noun_category: dict[str, str] = {}
    for category, spec in data["generic_actors"].items():
        for noun in spec["nouns"]:
            noun_category.setdefault(noun, category)
    return ActorRules(data["generic_actors"], noun_category, dict(data["inter_by_kind"]), data["state_forces"],
                      frozenset(data["peacekeepers"]), frozenset(data["reporting_verbs"]),
                      frozenset(data["self_defense"]), frozenset(data["civilian_vehicles"]),
                      {k: frozenset(v) for k, v in data["syntax"].items()}, str(data["default_country"]),
                      dict(data["civilian_groups"]), frozenset(data["person_nouns"]))
