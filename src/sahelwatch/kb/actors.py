"""The curated actor knowledge base: YAML files under ``kb/data/actors/``, loaded into immutable records.

Schema of one entry (see ``kb/data/actors/README.md``)::

    - id: jnim
      name: JNIM
      acled_name: "JNIM: Group for Support of Islam and Muslims"
      kind: armed_group
      country: ML
      valid_from: 2017-03-02
      valid_to: null
      aliases: {en: [...], fr: [...], other: [...]}
      demonyms: [Malian]          # states only
      relations:
        - {type: member_of, target: al_qaeda, from: 2017-03-02, to: null}
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from sahelwatch.errors import KnowledgeBaseError
from sahelwatch.model import RELATION_TYPES

ACTOR_KINDS = (
    "state", "state_force", "government_body", "armed_group", "rebel_group", "militia", "pmc", "mission",
    "bloc", "organization", "person", "civilians", "unidentified", "ethnic_group",
)


def normalize(name: str) -> str:
    """Casefold, strip accents and punctuation: the key under which aliases are compared."""
    s = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()
    return re.sub(r"^the ", "", s)


def within(day: date | None, start: date | None, end: date | None) -> bool:
    """Is ``day`` inside an interval whose missing bounds are open? (No day: always.)"""
    return day is None or ((start is None or start <= day) and (end is None or day <= end))


@dataclass(frozen=True)
class KBRelation:
    type: str
    source: str
    target: str
    start: date | None = None
    end: date | None = None

    def valid_on(self, day: date | None) -> bool:
        return within(day, self.start, self.end)


@dataclass(frozen=True)
class KBActor:
    id: str
    name: str
    kind: str
    acled_name: str | None = None
    country: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    aliases: tuple[str, ...] = ()
    aliases_fr: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    #: the capital's name in other languages ("Moscou", "Alger"), a metonym for the government too
    capital_aliases: tuple[str, ...] = ()
    acled_periods: tuple[tuple[date | None, date | None, str], ...] = ()
    relations: tuple[KBRelation, ...] = field(default_factory=tuple)
    description: str = ""
    #: ISO2 codes of the countries a transnational group's branch operates in, main theatre first
    operates_in: tuple[str, ...] = ()

    @property
    def all_names(self) -> tuple[str, ...]:
        seen, out = set(), []
        for n in (self.name, self.acled_name or "", *self.aliases, *self.aliases_fr):
            if n and n not in seen:
                seen.add(n)
                out.append(n)
        return tuple(out)

    def valid_on(self, day: date | None) -> bool:
        return within(day, self.valid_from, self.valid_to)

    def acled_name_on(self, day: date | None) -> str:
        """ACLED names state forces by regime period: "Military Forces of Mali (2021-)"."""
        for start, end, name in self.acled_periods:
            if day is not None and within(day, start, end):
                return name
        return self.acled_name or self.name


def _as_date(value, where: str, end: bool = False) -> date | None:
    """An ISO date or prefix; a partial end date ("to: 2017") means the last day of that period."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    try:
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            y, m = int(text[:4]), int(text[5:])
            if end:
                return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
            return date(y, m, 1)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise KnowledgeBaseError(f"{where}: bad date {value!r}") from exc


def _actor_from_entry(entry: dict, where: str) -> KBActor:
    if not isinstance(entry, dict) or "id" not in entry or "name" not in entry or "kind" not in entry:
        raise KnowledgeBaseError(f"{where}: each actor needs id, name and kind")
    aid = str(entry["id"])
    if entry["kind"] not in ACTOR_KINDS:
        raise KnowledgeBaseError(f"{where}: actor {aid}: unknown kind {entry['kind']!r}")
    aliases = entry.get("aliases") or {}
    if isinstance(aliases, list):
        aliases = {"en": aliases}
    rels = []
    for r in entry.get("relations") or []:
        if r.get("type") not in RELATION_TYPES:
            raise KnowledgeBaseError(f"{where}: actor {aid}: unknown relation type {r.get('type')!r}")
        rels.append(KBRelation(type=r["type"], source=aid, target=str(r["target"]),
                               start=_as_date(r.get("from"), where), end=_as_date(r.get("to"), where, end=True)))
    return KBActor(
        id=aid, name=str(entry["name"]), kind=entry["kind"], acled_name=entry.get("acled_name"),
        country=entry.get("country"), valid_from=_as_date(entry.get("valid_from"), where),
        valid_to=_as_date(entry.get("valid_to"), where, end=True),
        aliases=tuple(str(a) for a in (aliases.get("en") or []) + (aliases.get("other") or [])),
        aliases_fr=tuple(str(a) for a in aliases.get("fr") or []),
        demonyms=tuple(str(d) for d in entry.get("demonyms") or []),
        capital=entry.get("capital"),
        capital_aliases=tuple(str(c) for c in entry.get("capital_aliases") or []),
        acled_periods=tuple((_as_date(p.get("from"), where), _as_date(p.get("to"), where, end=True), str(p["name"]))
                            for p in entry.get("acled_periods") or []),
        relations=tuple(rels), description=str(entry.get("description") or ""),
        operates_in=tuple(str(c) for c in entry.get("operates_in") or ()),
    )


class ActorKB:
    """Actors by id, an alias index, and the structural relations between them."""

    def __init__(self, actors: list[KBActor]):
        self.actors: dict[str, KBActor] = {}
        for a in actors:
            if a.id in self.actors:
                raise KnowledgeBaseError(f"duplicate actor id {a.id!r}")
            self.actors[a.id] = a
        self.alias_index: dict[str, list[str]] = {}
        self.demonym_index: dict[str, str] = {}
        self.capital_index: dict[str, str] = {normalize(name): a.id for a in actors if a.capital
                                              for name in (a.capital, *a.capital_aliases)}
        self.country_index: dict[str, str] = {a.country: a.id for a in actors if a.kind == "state" and a.country}
        for a in actors:
            for n in a.all_names:
                ids = self.alias_index.setdefault(normalize(n), [])
                if a.id not in ids:
                    ids.append(a.id)
            for d in a.demonyms:
                self.demonym_index.setdefault(normalize(d), a.id)
        self.relations: list[KBRelation] = [r for a in actors for r in a.relations]
        for r in self.relations:
            if r.target not in self.actors:
                raise KnowledgeBaseError(f"relation {r.source} {r.type} {r.target}: unknown target {r.target!r}")

    def __len__(self) -> int:
        return len(self.actors)

    def __getitem__(self, actor_id: str) -> KBActor:
        return self.actors[actor_id]

    def get(self, actor_id: str) -> KBActor | None:
        return self.actors.get(actor_id)

    def lookup(self, name: str, on: date | None = None) -> list[KBActor]:
        """Actors answering to a name, those valid on ``on`` first."""
        found = [self.actors[i] for i in self.alias_index.get(normalize(name), [])]
        return sorted(found, key=lambda a: not a.valid_on(on))

    def by_demonym(self, word: str) -> KBActor | None:
        aid = self.demonym_index.get(normalize(word))
        return self.actors[aid] if aid else None

    def by_capital(self, name: str) -> KBActor | None:
        """The state whose capital this is ("Bamako" -> Mali)."""
        aid = self.capital_index.get(normalize(name))
        return self.actors[aid] if aid else None

    def state_for_country(self, iso2: str | None) -> KBActor | None:
        """The state with this ISO 3166-1 alpha-2 code ("NE" -> Niger)."""
        aid = self.country_index.get(iso2) if iso2 else None
        return self.actors[aid] if aid else None

    def relations_between(self, a: str, b: str, on: date | None = None) -> list[KBRelation]:
        return [r for r in self.relations if {r.source, r.target} == {a, b} and r.valid_on(on)]

    def relations_of(self, actor_id: str, types: tuple[str, ...] | None = None) -> list[KBRelation]:
        return [r for r in self.relations
                if actor_id in (r.source, r.target) and (types is None or r.type in types)]

    def forces_of(self, state_id: str, kinds: tuple[str, ...] = ("state_force",)) -> list[KBActor]:
        """Actors that are ``part_of`` a state and of one of ``kinds`` (its army, its government)."""
        return [self.actors[r.source] for r in self.relations
                if r.type == "part_of" and r.target == state_id and self.actors[r.source].kind in kinds]

    def branch_in(self, actor_id: str, country: str | None, on: date | None = None) -> KBActor | None:
        """The branch of a transnational group that operates in a country ("Islamic State" in Niger -> its
        Sahel province), through the branches' ``affiliate_of``/``part_of`` relations and ``operates_in``."""
        if country is None or country in self.actors[actor_id].operates_in:
            return None
        branches = [self.actors[r.source] for r in self.relations
                    if r.target == actor_id and r.type in ("affiliate_of", "part_of", "member_of")
                    and r.valid_on(on) and country in self.actors[r.source].operates_in]
        return min(branches, key=lambda a: a.operates_in.index(country)) if branches else None

    def state_of(self, actor_id: str) -> KBActor | None:
        """The state an actor belongs to, through ``part_of`` (its forces and government bodies)."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return None
        if actor.kind == "state":
            return actor
        for r in self.relations:
            if r.source == actor_id and r.type == "part_of" and self.actors[r.target].kind == "state":
                return self.actors[r.target]
        return None


def data_dir() -> Path:
    return Path(str(resources.files("sahelwatch") / "kb" / "data"))


def load_actor_files(paths: list[Path]) -> ActorKB:
    actors: list[KBActor] = []
    for path in paths:
        try:
            entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise KnowledgeBaseError(f"{path.name}: not valid YAML ({exc.__class__.__name__})") from exc
        if not isinstance(entries, list):
            raise KnowledgeBaseError(f"{path.name}: expected a list of actors")
        actors.extend(_actor_from_entry(e, path.name) for e in entries)
    return ActorKB(actors)


@lru_cache(maxsize=1)
def load_actors() -> ActorKB:
    """The packaged knowledge base (cached: it is read once per process)."""
    return load_actor_files(sorted((data_dir() / "actors").glob("*.yaml")))
