"""Actors in ACLED naming: the two sides of an event (and their associates) from a short report.

Named actors come from the mention stage and the knowledge base, renamed as ACLED names them on the event's
date (regime-period state forces, brigades rolled up into their umbrella group: "Katiba Macina (JNIM)" is
JNIM from March 2017). Unnamed ones ("unknown gunmen", "a herder", "demonstrators") become ACLED's generic
actors of the event's country (``kb/data/acled_actor_rules.yaml``). Hedged attributions ("suspected JNIM
militants") are coded as the group, as ACLED does, with lower confidence."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Token

from sahelwatch.acled.countries import load_countries
from sahelwatch.acled.roles import is_hedged, token_role
from sahelwatch.acled.rules import load_actor_rules
from sahelwatch.extract.context import Context, Mention

#: knowledge-base kinds that are never a side of an event in ACLED (they are associated actors at most)
ASSOC_ONLY_KINDS = {"organization", "ethnic_group", "person", "bloc", "state"}


@dataclass
class CodedActor:
    """One candidate side of the event, already in ACLED's naming."""

    name: str
    inter: int
    role: str  # "agent", "patient" or "other"
    position: int  # token index of its first mention
    kind: str
    hedged: bool = False
    assoc_only: bool = False
    kb_id: str | None = None
    texts: list[str] = field(default_factory=list)
    #: who they were, as ACLED's associated actors ("Pastoralists (Mali)", "Fulani Ethnic Group (Mali)")
    groups: list[str] = field(default_factory=list)


def country_name(ctx: Context, iso2: str | None) -> str:
    """ACLED's name of a country ("Civilians (Burkina Faso)"), else the knowledge base's."""
    acled = load_countries().get(iso2)
    if acled is not None:
        return acled.name
    state = ctx.kb.state_for_country(iso2)
    return state.name if state is not None else (iso2 or "")


def named_actor(ctx: Context, m: Mention, day: date | None, event_country: str | None) -> CodedActor | None:
    """A knowledge-base mention in ACLED naming, or None when ACLED would not code it as an actor."""
    rules = load_actor_rules()
    actor = ctx.kb.get(m.key)
    if actor is None:
        return None
    umbrella = _umbrella(ctx, actor.id, day)
    if umbrella is not None:
        actor = umbrella
    if actor.kind in ("armed_group", "rebel_group") and not actor.country:
        actor = ctx.kb.branch_in(actor.id, event_country or _focus_country(ctx), day) or actor
    if actor.kind == "person":
        group = _organisation_of(ctx, actor.id, day)
        if group is None:
            return None
        actor = group
    if actor.kind == "government_body" and not actor.acled_name:
        state = ctx.kb.state_of(actor.id)
        if state is None or not any(f.acled_name for f in ctx.kb.forces_of(state.id)):
            return None
    name = actor.acled_name_on(day) if (actor.acled_name or actor.acled_periods) else None
    if name is None and actor.kind == "state_force":
        state = ctx.kb.state_of(actor.id)
        army = next((f for f in ctx.kb.forces_of(state.id) if f.acled_periods and "Military" in f.acled_name_on(day)),
                    None) if state else None
        name = army.acled_name_on(day) if army else None
    if name is None:
        if actor.kind in ("state",):
            army = next((f for f in ctx.kb.forces_of(actor.id) if f.acled_name and "Military" in f.acled_name), None)
            name = army.acled_name_on(day) if army else actor.name
        else:
            name = actor.name
    inter = rules.inter_by_kind.get(actor.kind, 8)
    if "Ethnic Militia" in name or "Communal Militia" in name:
        inter = 4
    if inter == 1 and event_country and actor.country and actor.country != event_country:
        inter = 8
    return CodedActor(name=name, inter=inter, role=token_role(ctx.doc[m.end - 1]), position=m.start,
                      kind=actor.kind, hedged=is_hedged(ctx, m.start),
                      assoc_only=actor.kind in ASSOC_ONLY_KINDS, kb_id=actor.id, texts=[m.text])


def _umbrella(ctx: Context, actor_id: str, day: date | None):
    """The group a brigade belonged to on the day ("Katiba Macina" -> JNIM from 2017-03-02)."""
    if ctx.kb[actor_id].kind not in ("armed_group", "rebel_group") or ctx.kb[actor_id].acled_periods:
        return None
    for r in ctx.kb.relations_of(actor_id, ("member_of", "part_of")):
        if r.source == actor_id and r.valid_on(day) and ctx.kb[r.target].acled_name \
                and ctx.kb[r.target].kind in ("armed_group", "rebel_group"):
            return ctx.kb[r.target]
    return None


def _organisation_of(ctx: Context, person_id: str, day: date | None):
    """The body a person acts for, as ACLED codes it: an armed group's leader is the group; a head of state
    or minister in office is that state's government."""
    for r in ctx.kb.relations_of(person_id):
        if r.source != person_id or not r.valid_on(day):
            continue
        target = ctx.kb[r.target]
        if r.type in ("leader_of", "commander_of", "member_of") and target.kind in ("armed_group", "rebel_group",
                                                                                    "militia"):
            return target
        if r.type in ("president_of", "minister_of", "official_of") and target.kind == "state":
            government = next((g for g in ctx.kb.forces_of(target.id, ("government_body",))
                               if (g.acled_name or "").startswith("Government of")), None)
            if government is not None:
                return government
    return None


def generic_actors(ctx: Context, taken: set[int], country: str, iso2: str | None,
                   day: date | None) -> list[CodedActor]:
    """Unnamed actors ("unknown gunmen", "a herder", "demonstrators", "soldiers", "peacekeepers") as ACLED's
    generic categories or as the forces of the event's country."""
    rules = load_actor_rules()
    forces = rules.state_forces
    out = []
    for tok in ctx.doc:
        if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN", "PRON") and tok.lower_ not in ("gunmen",):
            continue
        lemma = tok.lemma_.lower()
        mods = {c.lower_ for c in tok.children} | ({tok.nbor(-1).lower_} if tok.i else set())
        role = token_role(tok)
        if role == "speaker":
            continue
        force = None
        if lemma in forces["military"] or lemma in forces["police"]:
            force = "police" if lemma in forces["police"] else "military"
        elif lemma in forces["modified"] and mods & set(forces["modifiers"]):
            force = "police" if mods & {"police"} else "military"
        if lemma in ("gendarme", "gendarmerie"):
            force = "gendarmerie"
        if force is not None:
            coded = _state_force(ctx, force, _demonym_state(ctx, tok) or _focus_country(ctx) or iso2, iso2, day,
                                 tok, role)
            if coded is not None:
                out.append(coded)
            continue
        if lemma in rules.peacekeepers or tok.lower_ in rules.peacekeepers:
            coded = _mission(ctx, iso2, day, tok, role)
            if coded is not None:
                out.append(coded)
            continue
        category = rules.noun_category.get(lemma) or rules.noun_category.get(tok.lower_)
        militia = _ethnic_militia(ctx, tok, iso2) if category is None else None
        if militia is not None:
            out.append(CodedActor(name=militia.acled_name_on(day), inter=4, role=role, position=tok.i,
                                  kind="militia", hedged=is_hedged(ctx, tok.i), kb_id=militia.id, texts=[tok.text]))
            continue
        if category is None and tok.text[:1].isupper() and tok.lower_ in _communities().forms and role == "patient":
            category = "civilians"
        self_defense = lemma in rules.self_defense or (lemma in ("defense", "defence") and tok.i >= 2
                                                        and ctx.doc[tok.i - 2].lower_ == "self")
        if self_defense or (lemma in ("villager", "resident") and "armed" in mods):
            out.append(_self_defense(ctx, tok, role, country, iso2, day))
            continue
        if lemma in rules.vehicles:
            # struck, ambushed, burnt or seized (not "destroying several vehicles", said of the attacker's raid)
            struck = (role == "patient" and tok.head.tag_ != "VBG") or (
                tok.dep_ == "nsubj" and tok.head.lemma_.lower() in rules.syntax["hit_verbs"])
            if not struck or any(c.dep_ in ("compound", "amod", "poss") and (c.i in taken or c.lemma_.lower()
                                      in forces["military"] + forces["police"]) for c in tok.children):
                continue  # "a Malian army vehicle": the army's
            category = "civilians"
        if category is None:
            continue
        if category == "unidentified" and mods & set(rules.generic["islamist"]["modifiers"]):
            category = "islamist"
        spec = rules.generic[category]
        if category == "unidentified" and lemma in spec.get("needs_modifier", []):
            if not (mods & set(spec.get("modifiers", []))) and role != "agent":
                continue
        if category == "civilians" and mods & set(rules.generic["unidentified"]["turns_civilians"]):
            category, spec = "unidentified", rules.generic["unidentified"]
        name = spec["name"].format(country=country)
        if category == "civilians":
            foreign = _demonym_state(ctx, tok)
            if foreign is not None and iso2 is not None and foreign != iso2:
                name = "Civilians (International)"
        groups = _civilian_groups(tok, country) if category in ("civilians", "protesters") else []
        out.append(CodedActor(name=name, inter=spec["inter"], role=role, position=tok.i, kind=category,
                              hedged=is_hedged(ctx, tok.i), texts=[tok.text], groups=groups))
    return out


def _civilian_groups(tok: Token, country: str) -> list[str]:
    """"Fulani herders" -> Pastoralists (Mali), Fulani Ethnic Group (Mali); "striking teachers" -> Teachers."""
    rules = load_actor_rules()
    out = []
    label = rules.civilian_groups.get(tok.lemma_.lower())
    if label:
        out.append(f"{label} ({country})")
    for child in tok.children:
        if child.dep_ in ("amod", "compound") and child.text[:1].isupper():
            community = _communities().ethnic_names.get(child.lower_)
            if community:
                out.append(f"{community} Ethnic Group ({country})")
    return out


ETHNIC_MILITIA = re.compile(r"^([A-Z][\w-]+) (Ethnic|Communal) Militia \((.+)\)$")


@dataclass(frozen=True)
class Communities:
    """The communities the knowledge base has a militia for, by the forms their names take in reports."""

    #: (form, ISO2) -> the militia's actor id: ("fulani", "ML") -> Fulani Ethnic Militia (Mali)
    militias: dict[tuple[str, str], str]
    #: form -> ACLED's spelling of an ethnic community: "dogons" -> "Dogon"
    ethnic_names: dict[str, str]
    forms: frozenset[str]


@lru_cache(maxsize=1)
def _communities() -> Communities:
    from sahelwatch.kb.actors import load_actors

    militias: dict[tuple[str, str], str] = {}
    ethnic_names: dict[str, str] = {}
    for actor in load_actors().actors.values():
        m = ETHNIC_MILITIA.match(actor.acled_name or "")
        if not m:
            continue
        word = m.group(1)
        forms = (word.lower(), word.lower() + "s", word.lower() + "es")
        for form in forms:
            if actor.kind == "militia" and actor.country:
                militias.setdefault((form, actor.country), actor.id)
            if m.group(2) == "Ethnic":
                ethnic_names.setdefault(form, word)
    return Communities(militias, ethnic_names, frozenset(form for form, _ in militias))


def _ethnic_militia(ctx: Context, tok: Token, iso2: str | None):
    """A community named as a side of violence ("clashes between Fulani and Dogons", "attacked by Fulani") is
    ACLED's ethnic militia of that community; as a modifier ("a Fulani herder") it is not."""
    if tok.dep_ in ("amod", "compound", "nmod", "poss") or not tok.text[:1].isupper():
        return None
    role = token_role(tok)
    between = tok.head.lower_ == "between" or (tok.dep_ == "conj" and tok.head.head.lower_ == "between")
    if role != "agent" and not between:
        return None  # "killed twelve Dogons": people of that community, civilians
    aid = _communities().militias.get((tok.lower_, iso2 or _focus_country(ctx) or ""))
    return ctx.kb.get(aid) if aid else None


def _self_defense(ctx: Context, tok: Token, role: str, country: str, iso2: str | None,
                  day: date | None) -> CodedActor:
    """A village's self-defence: the militia of the village's community when the report names it ("the Dogon
    village of Banay ... village self-defense"), else ACLED's "<Village> Communal Militia (<Country>)"."""
    for t in ctx.doc:
        if t.lower_ in ("village", "hamlet", "town") and t.i < tok.i:
            for child in t.children:
                if child.dep_ in ("amod", "compound") and child.lower_ in _communities().forms:
                    aid = _communities().militias.get((child.lower_, iso2 or _focus_country(ctx) or ""))
                    if aid:
                        return CodedActor(name=ctx.kb[aid].acled_name_on(day), inter=4, role=role, position=tok.i,
                                          kind="militia", kb_id=aid, texts=[tok.text])
    doc = ctx.doc
    named = next((doc[t.i + 2].text for t in doc[:max(0, len(doc) - 2)] if t.lower_ in ("village", "hamlet", "town")
                  and doc[t.i + 1].lower_ == "of" and doc[t.i + 2].text[:1].isupper()), None)
    place = next((p for p in ctx.places if p.start < tok.i and p.entry.feature != "region"), None) \
        or next(iter(ctx.places), None)
    village = named or (place.text if place else None)
    name = f"{village} Communal Militia ({country})" if village else f"Unidentified Communal Militia ({country})"
    return CodedActor(name=name, inter=4, role=role, position=tok.i, kind="militia", texts=[tok.text])


def _focus_country(ctx: Context) -> str | None:
    """The country whose actors the report is about ("Malian army ... soldiers"): unnamed soldiers are its."""
    state = ctx.kb.get(ctx.focus_state) if ctx.focus_state else None
    return state.country if state is not None else None


def _demonym_state(ctx: Context, tok: Token) -> str | None:
    """The country a demonym in the noun's phrase names ("Burkinabe soldiers" -> BF)."""
    for child in tok.children:
        if child.dep_ in ("amod", "compound", "nmod"):
            state = ctx.kb.by_demonym(child.text)
            if state is not None and state.country:
                return state.country
    return None


def _state_force(ctx: Context, force: str, iso2: str | None, event_iso2: str | None, day: date | None,
                 tok: Token, role: str) -> CodedActor | None:
    state = ctx.kb.state_for_country(iso2)
    if state is None:
        return None
    label = "Military Forces" if force == "military" else "Police Forces"
    body = next((f for f in ctx.kb.forces_of(state.id) if f.acled_name_on(day).startswith(label)
                 and ("Gendarmerie" in f.acled_name_on(day)) == (force == "gendarmerie")), None)
    suffix = ""
    if body is None and force == "gendarmerie":
        # ACLED names a gendarmerie as its country's police with the unit after the period
        body = next((f for f in ctx.kb.forces_of(state.id) if f.acled_name_on(day).startswith(label)), None)
        suffix = " Gendarmerie"
    if body is None:
        return None
    inter = 1 if iso2 == event_iso2 or event_iso2 is None else 8
    return CodedActor(name=body.acled_name_on(day) + suffix, inter=inter, role=role, position=tok.i, kind="state_force",
                      hedged=is_hedged(ctx, tok.i), kb_id=body.id, texts=[tok.text])


def _mission(ctx: Context, iso2: str | None, day: date | None, tok: Token, role: str) -> CodedActor | None:
    mission = next((a for a in ctx.kb.actors.values() if a.kind == "mission" and a.country == iso2
                    and a.valid_on(day) and a.acled_name), None)
    if mission is None:
        return None
    return CodedActor(name=mission.acled_name_on(day), inter=8, role=role, position=tok.i, kind="mission",
                      hedged=is_hedged(ctx, tok.i), kb_id=mission.id, texts=[tok.text])


def new_group_actor(ctx: Context, m: Mention, country: str) -> CodedActor | None:
    """An unnamed group the mention stage found ("unknown gunmen", "Islamist militants")."""
    if m.kind not in ("unidentified", "armed_group"):
        return None
    rules = load_actor_rules()
    islamist = rules.generic["islamist"]
    words = {w.lower().rstrip("s") for w in m.text.split()}
    spec = islamist if words & set(islamist["modifiers"] + islamist["nouns"]) else rules.generic["unidentified"]
    return CodedActor(name=spec["name"].format(country=country), inter=spec["inter"],
                      role=token_role(ctx.doc[m.end - 1]), position=m.start, kind="unidentified",
                      hedged=is_hedged(ctx, m.start), texts=[m.text])


UNKNOWN_WORDS = {"unknown", "unidentified", "armed", "gunmen", "gunman", "bandits", "bandit", "kidnappers",
                 "individuals", "party", "men"}


def _explicitly_unknown(ctx: Context, a: CodedActor) -> bool:
    words = {w.lower() for t in a.texts for w in t.split()}
    window = {t.lower_ for t in ctx.doc[max(0, a.position - 2):a.position + 1]}
    return bool((words | window) & UNKNOWN_WORDS)


def _joint_attributions(ctx: Context, found: list[CodedActor]) -> list[CodedActor]:
    """"JNIM and/or ISGS militants": ACLED's joint name "A and/or B", one actor."""
    out = list(found)
    for a, b in zip(found, found[1:]):
        between = ctx.doc[a.position:b.position].text.lower()
        if a.kb_id and b.kb_id and "and/or" in between and len(between) < len(a.texts[0]) + 12:
            joint = CodedActor(name=f"{a.name} and/or {b.name}", inter=a.inter, role=a.role if a.role != "other"
                               else b.role, position=a.position, kind=a.kind, hedged=True, texts=a.texts + b.texts)
            out = [x for x in out if x is not a and x is not b] + [joint]
    return out


def candidate_actors(ctx: Context, day: date | None, country_iso2: str | None) -> list[CodedActor]:
    """Every actor the report names or describes, merged by ACLED name, in order of first mention."""
    country = country_name(ctx, country_iso2)
    found: list[CodedActor] = []
    taken: set[int] = set()
    for m in ctx.mentions:
        if m.speaker_only or token_role(ctx.doc[m.end - 1]) == "speaker":
            taken.update(m.tokens)
            continue
        coded = named_actor(ctx, m, day, country_iso2) if not m.key.startswith("new_") else new_group_actor(ctx, m, country)
        if coded is None and m.key.startswith("new_"):
            continue  # "two civilians", "the villagers": the generic reading below names them
        taken.update(m.tokens)
        if coded is not None:
            found.append(coded)
    found += generic_actors(ctx, taken, country, country_iso2, day)
    found = _joint_attributions(ctx, found)
    named_armed = [a for a in found if a.kb_id and a.kind in ("armed_group", "rebel_group", "militia", "pmc")]
    if named_armed:
        # "Katiba Macina (JNIM) militants ... the militants": the named group, not a second, unknown one
        found = [a for a in found if a.kind != "unidentified" or _explicitly_unknown(ctx, a)]
    found.sort(key=lambda a: a.position)
    merged: dict[str, CodedActor] = {}
    for a in found:
        if a.name in merged:
            first = merged[a.name]
            if first.role == "other" and a.role != "other":
                first.role = a.role
            first.texts += a.texts
            first.groups += [g for g in a.groups if g not in first.groups]
            first.assoc_only = first.assoc_only and a.assoc_only
        else:
            merged[a.name] = a
    return list(merged.values())
