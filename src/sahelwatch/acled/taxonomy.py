"""ACLED's event taxonomy, loaded from ``kb/data/acled_taxonomy.yaml``: the one place that lists the event
and sub-event types, their disorder type and the PLOVER root type of each."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from sahelwatch.errors import KnowledgeBaseError

TAXONOMY_FILE = Path(__file__).resolve().parents[1] / "kb" / "data" / "acled_taxonomy.yaml"


@dataclass(frozen=True)
class SubEventType:
    name: str
    event_type: str
    disorder_type: str
    plover: str


@dataclass(frozen=True)
class Taxonomy:
    sub_event_types: dict[str, SubEventType]
    inter_codes: dict[int, str]

    @property
    def event_types(self) -> list[str]:
        return list(dict.fromkeys(s.event_type for s in self.sub_event_types.values()))

    def sub_event(self, name: str) -> SubEventType:
        try:
            return self.sub_event_types[name]
        except KeyError:
            raise KnowledgeBaseError(f"unknown ACLED sub-event type {name!r}") from None

    def event_type_of(self, sub_event_type: str) -> str:
        return self.sub_event(sub_event_type).event_type

    def plover_of(self, sub_event_type: str | None, event_type: str | None = None) -> str:
        if sub_event_type in self.sub_event_types:
            return self.sub_event_types[sub_event_type].plover
        roots = {s.plover for s in self.sub_event_types.values() if s.event_type == event_type}
        return roots.pop() if len(roots) == 1 else "OTHER"

    def is_valid(self, event_type: str, sub_event_type: str) -> bool:
        sub = self.sub_event_types.get(sub_event_type)
        return sub is not None and sub.event_type == event_type


@lru_cache(maxsize=1)
def load_taxonomy(path: Path = TAXONOMY_FILE) -> Taxonomy:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    subs: dict[str, SubEventType] = {}
    for event_type, spec in data["event_types"].items():
        for name, plover in spec["sub_event_types"].items():
            if name in subs:
                raise KnowledgeBaseError(f"{path.name}: sub-event type {name!r} listed twice")
            subs[name] = SubEventType(name, event_type, spec["disorder_type"], plover)
    return Taxonomy(subs, {int(k): v for k, v in data["inter_codes"].items()})
