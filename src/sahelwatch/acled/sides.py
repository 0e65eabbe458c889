"""Actor 1 and actor 2 (and associated actors) of an event, chosen among the report's candidate actors by ACLED's
conventions for the event type: protesters alone unless someone intervenes, civilians as the target of violence
against civilians, battles between armed sides, an unnamed attacker when none is named, contractors beside an
army as its associates. Also the cues the actors give the event classifier."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from sahelwatch.acled.actors import CodedActor
from sahelwatch.acled.rules import load_actor_rules


@dataclass
class Sides:
    actor1: CodedActor | None
    actor2: CodedActor | None
    assoc1: list[CodedActor] = field(default_factory=list)
    assoc2: list[CodedActor] = field(default_factory=list)


def _generic(category: str, country: str, position: int = 10**6) -> CodedActor:
    spec = load_actor_rules().generic[category]
    return CodedActor(name=spec["name"].format(country=country), inter=spec["inter"], role="other",
                      position=position, kind=category)


def choose_sides(candidates: list[CodedActor], event_type: str, sub_event_type: str, country: str) -> Sides:
    """Actor 1 (who acted) and actor 2 (against whom) by ACLED's conventions for the event type."""
    main = [a for a in candidates if not a.assoc_only]
    assoc = [a for a in candidates if a.assoc_only]
    civilians = next((a for a in main if a.kind == "civilians" and a.name.startswith("Civilians")), None)
    armed = [a for a in main if a.kind not in ("civilians", "protesters", "rioters")]

    if event_type == "Protests":
        actor1 = next((a for a in main if a.kind == "protesters"), None) or _generic("protesters", country)
        # "teachers staged a sit-in": who protested, as associated actors (on a copy: candidates stay as read)
        actor1 = replace(actor1, groups=list(dict.fromkeys(
            actor1.groups + [g for a in main if a.kind == "civilians" and a.role == "agent" for g in a.groups])))
        actor2 = None
        if sub_event_type != "Peaceful protest":
            actor2 = next((a for a in armed if a.inter in (1, 8)), None)
        return Sides(actor1, actor2, assoc1=[a for a in assoc if a.kind != "state"])
    if event_type == "Riots" and sub_event_type == "Violent demonstration":
        actor1 = next((a for a in main if a.kind in ("rioters", "protesters")), None)
        actor1 = _generic("rioters", country) if actor1 is None or actor1.kind == "protesters" else actor1
        actor2 = next((a for a in armed if a.inter in (1, 8)), None)
        return Sides(actor1, actor2)

    agents = [a for a in armed if a.role == "agent"]
    others = [a for a in armed if a.role != "patient"]
    actor1 = agents[0] if agents else (others[0] if others else None)
    rest = [a for a in main if a is not actor1]
    patients = [a for a in rest if a.role == "patient"]
    actor2 = patients[0] if patients else (rest[0] if rest else None)
    if actor1 is not None and actor1.kind == "unidentified" and actor2 is not None and actor2.kind != "civilians" \
            and actor2.role == "agent" and actor1.role != "agent":
        actor1, actor2 = actor2, actor1
    if event_type == "Violence against civilians":
        if actor2 is None or actor2.kind not in ("civilians",):
            actor2 = civilians or _generic("civilians", country)
        if actor1 is None or actor1.kind == "civilians":
            actor1 = _generic("unidentified", country)
    elif event_type in ("Battles", "Explosions/Remote violence"):
        if actor1 is None:
            actor1 = _generic("unidentified", country)
        armed_rest = [a for a in armed if a is not actor1 and a.name != actor1.name]
        if event_type == "Battles" and (actor2 is None or actor2.kind == "civilians") and armed_rest:
            # a battle is fought between armed sides: civilians caught in it are not the other side
            actor2 = next((a for a in armed_rest if a.role == "patient"), armed_rest[0])
        if event_type == "Battles" and actor2 is None:
            actor2 = _generic("unidentified", country) if actor1.kind != "unidentified" else None
    elif event_type == "Riots":  # mob violence
        if actor1 is None:
            actor1 = next((a for a in main if a.kind == "rioters"), None) or _generic("rioters", country)
        if actor2 is None and civilians is not None and civilians is not actor1:
            actor2 = civilians
    elif sub_event_type == "Looting/property destruction":
        if actor1 is None:
            actor1 = _generic("unidentified", country)
        if actor2 is None:
            actor2 = civilians or _generic("civilians", country)
    if actor2 is not None and actor1 is not None and actor2.name == actor1.name and actor2 is not actor1:
        actor2 = None
    assoc1 = []
    if actor1 is not None and actor2 is not None and {actor1.kind, actor2.kind} == {"state_force", "pmc"} \
            and actor1.role == actor2.role:
        # "Malian soldiers and Wagner mercenaries": the contractor fights beside the army, as its associate
        force, pmc = (actor1, actor2) if actor1.kind == "state_force" else (actor2, actor1)
        rest = [a for a in main if a not in (force, pmc) and a.kind not in ("state_force", "pmc")]
        actor1, actor2, assoc1 = force, (rest[0] if rest else None), [pmc]
    elif actor1 is not None and actor1.kind == "state_force":
        assoc1 = [a for a in main if a.kind == "pmc" and a.role == actor1.role and a not in (actor1, actor2)]
    return Sides(actor1, actor2, assoc1=assoc1, assoc2=[a for a in assoc if a.kind in ("organization",)])


def classifier_cues(candidates: list[CodedActor]) -> tuple[str, ...]:
    """What the actors say about the event type: "agent:state_force", "patient:civilians", "has:protesters"."""
    out = set()
    for a in candidates:
        kind = {1: "state", 2: "rebel", 3: "militia", 4: "identity_militia", 5: "rioters", 6: "protesters",
                7: "civilians", 8: "external"}.get(a.inter, a.kind)
        if a.kind == "unidentified":
            kind = "unidentified"
        out.add(f"has:{kind}")
        out.add(f"{a.role}:{kind}")
    return tuple(sorted(out))
