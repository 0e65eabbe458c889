"""Comparing two reports: hard rules that keep distinct events apart, then a weighted score with its reasons.

The hard rules say when two reports cannot be the same event whatever else they share: different kinds of
event, dates that do not meet, places too far apart, two rows of an ACLED file (each is a distinct event by
ACLED's own coding). The score weighs how precisely the dates meet, how close the places are, how many actors
the reports share and whether the PLOVER types agree; :func:`explain` spells the same numbers out in words.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from sahelwatch.link.reports import Report
from sahelwatch.link.settings import FusionSettings

#: an undated report and the dated reports of its own document: the story tells them in one time and place
STORY_TIME = 0.9
STORY_PLACE = 0.6
#: in a fight each side's account names itself the defender: roles tell nothing there, elsewhere they do
ROLE_FREE_CLASSES = frozenset({"violence"})
_KM_PER_DEG_LAT = 110.57
_KM_PER_DEG_LON = 111.32


@dataclass(frozen=True, slots=True)
class Components:
    time: float
    place: float
    actors: float
    type: float
    km: float | None
    story: bool = False    # an undated report and another report of the same document
    unplaced: bool = False  # one of the two has no place, not even a country


def distance_km(a: Report, b: Report) -> float | None:
    """Equirectangular distance: exact enough within a few hundred km, and a fraction of haversine's cost."""
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    dy = (a.lat - b.lat) * _KM_PER_DEG_LAT
    dx = (a.lon - b.lon) * _KM_PER_DEG_LON * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(dx, dy)


def components(a: Report, b: Report, s: FusionSettings) -> Components | None:
    """Each component's score in 0..1, or None when a hard rule keeps the two reports apart."""
    if a.klass != b.klass or a.key == b.key:
        return None
    if a.origin == "acled" and b.origin == "acled":
        return None
    story = a.key[0] == b.key[0] and (a.undated or b.undated)
    if not story and a.implied and b.implied:
        return None  # two stories that date nothing: their publication dates are no evidence of one event
    time = STORY_TIME if story else _time(a, b, s)
    if time is None:
        return None
    place, km = _place(a, b, s)
    if place is None:
        return None
    if story and (a.place is None or b.place is None):
        unplaced, placed = (a, b) if a.place is None else (b, a)
        if placed.country and unplaced.homes and placed.country not in unplaced.homes \
                and not (unplaced.actors & placed.actors):
            return None  # the story's rebels of Mali are not the attackers of a village in Burkina Faso
        place = max(place, STORY_PLACE)  # the story's own place
    actors = _actors(a, b)
    if story:
        actors = max(actors, 0.15)  # one story's "rebels" and "CSP" are not two named perpetrators
    return Components(time, place, actors, 1.0 if a.type == b.type else 0.5, km, story,
                      not (a.country and b.country))


def score(c: Components, s: FusionSettings) -> float:
    w = s.weights
    return w["time"] * c.time + w["place"] * c.place + w["actors"] * c.actors + w["type"] * c.type


def match(a: Report, b: Report, s: FusionSettings) -> tuple[float, bool] | None:
    """(score, strong) for a pair worth linking, else None.

    A *strong* pair reaches the threshold with specific evidence and is merged on its own merits. A *weak*
    pair passes every hard rule and shares a named actor, or sits in one story, but says too little to merge
    by itself: it joins a report to an event only when that event is the report's one candidate."""
    c = components(a, b, s)
    if c is None:
        return None
    value = score(c, s)
    if value >= s.threshold and _specific(c):
        return value, True
    if value >= s.weak_threshold and (c.actors >= 0.7 or (c.story and not (a.actors and b.actors
                                                                           and c.actors < 0.3))):
        return value, False
    return None


def _specific(c: Components) -> bool:
    """At least two precise agreements (day-level dates, the same spot, a shared named actor): overlapping
    months in the same country with no shared actor are not evidence of one event. Inside one story an
    undated report needs a shared or related actor besides."""
    if c.story:
        return c.actors >= 0.6
    if c.unplaced:
        # no place, not even a country, on one side: the same day and one shared army is every patrol of
        # that army that day
        return c.time >= 0.9 and c.actors >= 1.0
    return (c.time >= 0.9) + (c.place >= 0.9) + (c.actors >= 0.6) >= 2


def _time(a: Report, b: Report, s: FusionSettings) -> float | None:
    if a.start is None or b.start is None:
        return None  # undated and unpublished: only its own story places it
    wa, wb = a.end - a.start + 1, b.end - b.start + 1
    narrow, wide = min(wa, wb), max(wa, wb)
    if narrow <= s.fine_days and wide > s.month_days:
        return None  # a year of fighting is not one battle
    tol = s.day_tolerance if narrow <= s.fine_days else 0
    if a.start > b.end + tol or b.start > a.end + tol:
        return None
    if wide <= 2:
        return 1.0 if a.start == b.start or a.end == b.end else 0.9
    if wide <= s.fine_days:
        return 0.8
    if narrow <= s.fine_days:
        return 0.55  # a dated report inside a month's span
    return 0.4 if wide <= s.month_days else 0.3


def _place(a: Report, b: Report, s: FusionSettings) -> tuple[float | None, float | None]:
    if a.country and b.country and a.country != b.country:
        km = distance_km(a, b)
        if km is None or km > s.same_place_km:
            return None, km
        # a border post named on both sides of the line (Algiers and Bamako place one drone differently)
    if a.place is not None and a.place == b.place and max(a.area, b.area) < 2:
        return (1.0 if a.area == b.area == 0 else 0.5), 0.0
    if max(a.area, b.area) == 1 and a.admin1 and b.admin1:
        # a region holds the places of its admin1, however far from the region's point they lie
        return (0.5, None) if a.admin1 == b.admin1 else (None, None)
    km = distance_km(a, b)
    if km is not None:
        limit = s.region_km if max(a.area, b.area) >= 1 else s.max_km
        if km > limit:
            return None, km
        if max(a.area, b.area) >= 1:
            return 0.5, km
        if km <= s.same_place_km:
            return 1.0, km
        return max(0.5, 1.0 - km / (2 * s.max_km)), km
    if a.admin1 and b.admin1 and a.area < 2 and b.area < 2:
        return (0.6, None) if a.admin1 == b.admin1 else (None, None)
    if a.country and a.country == b.country:
        return 0.35, None
    return 0.25, None


def _actors(a: Report, b: Report) -> float:
    if a.klass not in ROLE_FREE_CLASSES and _reversed(a, b):
        return 0.0  # Algeria recalling its envoys from Mali is not Mali recalling its envoys from Algeria
    if not a.actors or not b.actors:
        shared_generic = bool(a.generic & b.generic)
        return 0.45 if shared_generic else 0.3
    shared = a.actors & b.actors
    if shared:
        return min(1.0, 0.7 + 0.15 * len(shared))
    if (a.actors & b.relatives) or (b.actors & a.relatives) or (a.relatives & b.relatives):
        return 0.6
    if a.perpetrators and b.perpetrators and not _overlap(a.perpetrators, b.perpetrators):
        # two named, different perpetrators and nothing else in common: contested at most, usually distinct
        return 0.0
    return 0.15


def _reversed(a: Report, b: Report) -> bool:
    """One report's initiator is the other's target, and they share no initiator."""
    if not a.perpetrators or not b.perpetrators or _overlap(a.perpetrators, b.perpetrators):
        return False
    targets_a = {x for x, _, role in a.names if role == "target"}
    targets_b = {x for x, _, role in b.names if role == "target"}
    return bool(set(a.perpetrators) & targets_b or set(b.perpetrators) & targets_a)


def _overlap(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    return any(i in y for i in x)


def explain(a: Report, b: Report, s: FusionSettings) -> str:
    """The pair's score in words: what the two reports share and how well."""
    c = components(a, b, s)
    if c is None:
        return "kept apart by a hard rule"
    parts = [f"same type {a.type}" if a.type == b.type else f"compatible types {a.type}/{b.type}"]
    if c.story:
        parts.append("told in the same story")
    elif a.start is not None and b.start is not None:
        parts.append("same day" if c.time >= 1.0 else "dates within a day" if c.time >= 0.9
                     else "overlapping dates")
    if c.km is not None:
        parts.append(f"{c.km:.0f} km apart")
    elif a.place and a.place == b.place:
        parts.append(f"same place {a.place_name}")
    elif a.country and a.country == b.country:
        parts.append(f"same country {a.country}")
    shared = sorted(a.actors & b.actors)
    if shared:
        parts.append("shared actors: " + ", ".join(shared))
    elif c.actors >= 0.6:
        parts.append("related actors")
    return "; ".join(parts) + f"; score {score(c, s):.2f}"
