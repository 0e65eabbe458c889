"""The place gazetteer: GeoNames towns of the Sahel and its neighbours, their admin units, curated places.

The data is ``kb/data/gazetteer.csv``, built by ``scripts/build_gazetteer.py`` (see its docstring for the
sources).  Names are compared under :func:`sahelwatch.kb.actors.normalize` (casefolded, accents and
punctuation stripped), so "Tombouctou", "TOMBOUCTOU" and "Tombouctou," are one key.

>>> gaz = load_gazetteer()
>>> gaz.best("Tombouctou").name
'Timbuktu'
"""
from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sahelwatch.kb.actors import data_dir, normalize
from sahelwatch.model import Place

#: the Sahel core: at equal footing its places come before homonyms elsewhere
CORE_COUNTRIES = frozenset({"ML", "NE", "BF", "DZ", "MR", "LY", "TD"})
FEATURES = ("city", "town", "village", "site", "mine", "base", "region", "country")
#: features that are points on the ground, as opposed to areas
POINT_FEATURES = frozenset({"city", "town", "village", "site", "mine", "base"})


@dataclass(frozen=True)
class GazetteerEntry:
    geonameid: int | None
    name: str
    asciiname: str
    alternate_names: tuple[str, ...]
    lat: float | None  # None only for a toponym read in a text that the gazetteer lacks
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None
    feature: str
    population: int
    source: str

    @property
    def all_names(self) -> tuple[str, ...]:
        """The name, the ASCII name and the alternate names, each once."""
        seen, out = set(), []
        for n in (self.name, self.asciiname, *self.alternate_names):
            if n and n not in seen:
                seen.add(n)
                out.append(n)
        return tuple(out)

    @property
    def is_admin_unit(self) -> bool:
        """An admin-1 or admin-2 region (not a macro-region such as the Sahel)."""
        return self.feature == "region" and bool(self.country) and self.name in (self.admin1, self.admin2)

    def distance_km(self, lat: float, lon: float) -> float:
        return haversine_km(self.lat, self.lon, lat, lon)

    def to_place(self, text: str = "", geo_precision: int = 1) -> Place:
        return Place(name=self.name, country=self.country or None, admin1=self.admin1 or None,
                     admin2=self.admin2 or None, lat=self.lat, lon=self.lon, feature=self.feature,
                     geonameid=self.geonameid, geo_precision=geo_precision, text=text)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


_TIER = {"country": 1, "region": 2}


class Gazetteer:
    """Entries plus an index from normalized name to entries."""

    def __init__(self, entries: Iterable[GazetteerEntry], stoplist: Iterable[str] = ()):
        self.entries: tuple[GazetteerEntry, ...] = tuple(entries)
        self.stoplist = frozenset(s.strip().casefold() for s in stoplist if s.strip())
        self._index: dict[str, list[int]] = {}
        self._primary: dict[int, str] = {}
        self._countries: dict[str, GazetteerEntry] = {}
        for i, e in enumerate(self.entries):
            self._primary[i] = normalize(e.name)
            for n in e.all_names:
                key = normalize(n)
                if key:
                    bucket = self._index.setdefault(key, [])
                    if not bucket or bucket[-1] != i:
                        bucket.append(i)
            if e.feature == "country" and e.country not in self._countries:
                self._countries[e.country] = e
        self._points = [i for i, e in enumerate(self.entries) if e.feature in POINT_FEATURES]
        self._admin2_seats: dict[tuple[str, str], list[GazetteerEntry]] = {}
        for e in self.entries:
            if e.is_admin_unit and e.admin2:
                self._admin2_seats.setdefault((e.country, e.admin1), []).append(e)

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def from_csv(cls, path: Path | str, stoplist_path: Path | str | None = None) -> "Gazetteer":
        with open(path, encoding="utf-8", newline="") as fh:
            entries = [_entry(row) for row in csv.DictReader(fh)]
        stop: list[str] = []
        if stoplist_path is not None and Path(stoplist_path).exists():
            with open(stoplist_path, encoding="utf-8", newline="") as fh:
                stop = [row["name"] for row in csv.DictReader(fh) if row.get("name")]
        return cls(entries, stop)

    # ------------------------------------------------------------------ lookups
    def lookup(self, name: str, country: str | None = None) -> list[GazetteerEntry]:
        """All entries answering to ``name``, best first.

        Order: entries of the ``country`` hint (ISO2) first; then curated entries, countries, regions, other
        places; within a tier places of the Sahel core (ML NE BF DZ MR LY TD) first, entries whose own name
        (not an alias) matches first, then by population.  An admin unit met under its bare name ("Kidal",
        "Tillaberi") comes after a place of the same name in that unit: the town is meant more often.
        """
        key = normalize(name)
        ids = self._index.get(key)
        if not ids:
            return []
        hint = country.upper() if country else None
        cands = [(i, self.entries[i]) for i in ids]
        # towns etc. that share the name, by (country, admin1): they take precedence over their admin unit
        places = {(e.country, e.admin1) for _, e in cands if e.feature in POINT_FEATURES}

        def rank(item: tuple[int, GazetteerEntry]):
            i, e = item
            tier = 0 if e.source == "curated" else _TIER.get(e.feature, 3)
            if e.is_admin_unit and (e.country, e.admin1) in places and not _qualified(key, e):
                tier = 4
            return (0 if hint is None or e.country == hint else 1, tier, e.country not in CORE_COUNTRIES,
                    self._primary[i] != key, -e.population, e.name, e.geonameid or 0)

        return [e for _, e in sorted(cands, key=rank)]

    def best(self, name: str, country: str | None = None) -> GazetteerEntry | None:
        found = self.lookup(name, country)
        return found[0] if found else None

    def nearest(self, lat: float, lon: float, max_km: float | None = None,
                *, features: Iterable[str] | None = None) -> GazetteerEntry | None:
        """The entry nearest to (lat, lon) among ``features`` (default: points — towns, villages, bases,
        mines, sites; not regions or countries); None when it lies beyond ``max_km``."""
        wanted = frozenset(features) if features is not None else POINT_FEATURES
        coslat = math.cos(math.radians(lat))
        best_i, best_d = None, float("inf")
        for i in (self._points if features is None else range(len(self.entries))):
            e = self.entries[i]
            if e.feature not in wanted:
                continue
            dlat = e.lat - lat
            dlon = (e.lon - lon) * coslat
            d = dlat * dlat + dlon * dlon          # equirectangular, for ranking only
            if d < best_d:
                best_i, best_d = i, d
        if best_i is None:
            return None
        e = self.entries[best_i]
        if max_km is not None and e.distance_km(lat, lon) > max_km:
            return None
        return e

    def admin_at(self, lat: float, lon: float, max_km: float | None = None) -> tuple[str, str, str] | None:
        """(country, admin1, admin2) at a point: admin-1 of the nearest place, admin-2 of the nearest
        admin-2 seat within that admin-1 (where the gazetteer has admin-2 units: Mali, Burkina Faso)."""
        e = self.nearest(lat, lon, max_km)
        if e is None:
            return None
        seats = self._admin2_seats.get((e.country, e.admin1))
        if not seats:
            return e.country, e.admin1, e.admin2
        seat = min(seats, key=lambda s: s.distance_km(lat, lon))
        return e.country, e.admin1, seat.admin2

    def names(self, min_population: int = 0) -> Iterator[tuple[str, str]]:
        """(surface name, feature) pairs for an entity ruler, each surface once, labelled as :meth:`best` reads it.

        Countries, regions and curated places always; GeoNames places with at least ``min_population``
        inhabitants.  Skipped: names of one or two characters (after normalization), all-lowercase
        variants, and the stoplist (``kb/data/gazetteer_stoplist.csv``: English and French words and
        personal names that are also place names, e.g. "Man", "Mango", "Say", "Keita"; matched without
        regard to case but with accents, so "Dire" is dropped and "Diré" kept).
        """
        seen: set[str] = set()
        for e in self.entries:
            if e.feature not in ("country", "region") and e.source != "curated" and e.population < min_population:
                continue
            for n in e.all_names:
                if n in seen:
                    continue
                seen.add(n)
                if len(normalize(n)) <= 2 or n.casefold() in self.stoplist or not any(c.isupper() for c in n):
                    continue
                top = self.best(n)
                yield n, (top.feature if top is not None else e.feature)

    def country(self, iso2: str) -> GazetteerEntry | None:
        return self._countries.get(iso2.upper())


_QUALIFIERS = frozenset({"region", "cercle", "circle", "province", "state", "wilaya", "district", "governorate",
                         "departement", "prefecture"})


def _qualified(key: str, e: GazetteerEntry) -> bool:
    """Was the unit named with a qualifier ("Kidal region", "cercle de Douentza") rather than a bare name?"""
    return not _QUALIFIERS.isdisjoint(key.split())


def _entry(row: dict) -> GazetteerEntry:
    alts = row.get("alternate_names") or ""
    return GazetteerEntry(
        geonameid=int(row["geonameid"]) if row.get("geonameid") else None,
        name=row["name"], asciiname=row.get("asciiname") or row["name"],
        alternate_names=tuple(a for a in alts.split("|") if a),
        lat=float(row["lat"]), lon=float(row["lon"]), country=row.get("country") or "",
        admin1=row.get("admin1") or "", admin2=row.get("admin2") or "", feature=row["feature"],
        population=int(row.get("population") or 0), source=row.get("source") or "geonames",
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer (``kb/data/gazetteer.csv``), loaded once."""
    d = data_dir()
    return Gazetteer.from_csv(d / "gazetteer.csv", d / "gazetteer_stoplist.csv")
