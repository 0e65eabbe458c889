"""Fusion settings from ``kb/data/fusion.yaml``, validated once into an immutable record."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from sahelwatch.errors import KnowledgeBaseError
from sahelwatch.kb.actors import data_dir
from sahelwatch.model import PLOVER_TYPES

_WEIGHTS = ("time", "place", "actors", "type")


@dataclass(frozen=True)
class FusionSettings:
    type_class: dict[str, str]
    generic_actor_kinds: frozenset[str]
    day_tolerance: int
    fine_days: int
    month_days: int
    max_km: float
    region_km: float
    same_place_km: float
    weights: dict[str, float]
    threshold: float
    weak_threshold: float
    fatalities_policy: str
    implied_days: int
    rare_actor: float
    rarity_bonus: float
    rarity_prior: int
    only_candidate_margin: float

    def class_of(self, plover_type: str) -> str:
        return self.type_class.get(plover_type, "other")

    def describe(self) -> str:
        """One line for the fusion_runs table: what a run decided with."""
        w = ", ".join(f"{k} {v:g}" for k, v in self.weights.items())
        return (f"threshold {self.threshold:g} (weak {self.weak_threshold:g}); weights {w}; "
                f"day tolerance {self.day_tolerance}; max {self.max_km:g} km; fatalities {self.fatalities_policy}")


def settings_from_mapping(data: dict, where: str = "fusion.yaml") -> FusionSettings:
    try:
        type_class: dict[str, str] = {}
        for cls, types in data["type_classes"].items():
            for t in types:
                if t not in PLOVER_TYPES:
                    raise KnowledgeBaseError(f"{where}: unknown PLOVER type {t!r} in class {cls!r}")
                if t in type_class:
                    raise KnowledgeBaseError(f"{where}: PLOVER type {t!r} is in two classes")
                type_class[t] = cls
        weights = {k: float(data["weights"][k]) for k in _WEIGHTS}
        if abs(sum(weights.values()) - 1.0) > 1e-6:
            raise KnowledgeBaseError(f"{where}: weights must add up to 1, not {sum(weights.values()):g}")
        dates, places = data["dates"], data["places"]
        policy = data["policy"]["fatalities"]
        if policy not in ("conservative", "most_reported"):
            raise KnowledgeBaseError(f"{where}: unknown fatalities policy {policy!r}")
        return FusionSettings(
            type_class=type_class, generic_actor_kinds=frozenset(data.get("generic_actor_kinds") or ()),
            day_tolerance=int(dates["day_tolerance_days"]), fine_days=int(dates["fine_days"]),
            month_days=int(dates["month_days"]), max_km=float(places["max_km"]),
            region_km=float(places["region_km"]), same_place_km=float(places["same_place_km"]),
            weights=weights, threshold=float(data["threshold"]),
            weak_threshold=float(data["weak_threshold"]), fatalities_policy=policy,
            implied_days=int(dates["implied_days"]), rare_actor=float(data["rare_actor"]["at_least"]),
            rarity_bonus=float(data["rare_actor"]["bonus"]), rarity_prior=int(data["rare_actor"]["prior"]),
            only_candidate_margin=float(data["only_candidate_margin"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise KnowledgeBaseError(f"{where}: missing or bad setting ({exc.__class__.__name__}: {exc})") from exc


def load_settings_file(path: Path) -> FusionSettings:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"{path.name}: cannot read fusion settings ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"{path.name}: expected a mapping of settings")
    return settings_from_mapping(data, path.name)


@lru_cache(maxsize=1)
def load_settings() -> FusionSettings:
    """The packaged settings (read once per process)."""
    return load_settings_file(data_dir() / "fusion.yaml")
