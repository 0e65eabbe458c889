"""ACLED's country names, numeric ISO codes and regions for the Sahel and its neighbours, from
``kb/data/acled_countries.csv``.

ACLED files name a country ("Mali", "Ivory Coast") and give its ISO 3166 *numeric* code (466); the store keys
places by ISO alpha-2 ("ML"). This table goes both ways. A country it lacks keeps its place but not its
country code on import: add a row to the file rather than guess.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sahelwatch.errors import KnowledgeBaseError
from sahelwatch.kb.actors import data_dir, normalize


@dataclass(frozen=True)
class Country:
    iso2: str
    iso_numeric: int
    name: str
    region: str


@dataclass(frozen=True)
class Countries:
    by_iso2: dict[str, Country]
    by_numeric: dict[int, Country]
    by_name: dict[str, Country]

    def iso2_of(self, name: str = "", iso_numeric: str | int | None = None) -> str | None:
        """The alpha-2 code of an ACLED country, by numeric code first (names vary: "Cote d'Ivoire")."""
        code = str(iso_numeric).strip() if iso_numeric is not None else ""
        if code.isdigit() and int(code) in self.by_numeric:
            return self.by_numeric[int(code)].iso2
        found = self.by_name.get(normalize(name)) if name else None
        return found.iso2 if found else None

    def get(self, iso2: str | None) -> Country | None:
        return self.by_iso2.get(iso2.upper()) if iso2 else None


def countries_file() -> Path:
    return data_dir() / "acled_countries.csv"


@lru_cache(maxsize=1)
def load_countries(path: Path | None = None) -> Countries:
    path = path or countries_file()
    by_iso2: dict[str, Country] = {}
    by_name: dict[str, Country] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, row in enumerate(csv.DictReader(fh), start=2):
            try:
                country = Country(row["iso2"].strip().upper(), int(row["iso_numeric"]), row["name"].strip(),
                                  row["region"].strip())
            except (KeyError, ValueError, AttributeError) as exc:
                raise KnowledgeBaseError(f"{path.name}:{lineno}: bad country row ({exc})") from None
            if country.iso2 in by_iso2:
                raise KnowledgeBaseError(f"{path.name}:{lineno}: country {country.iso2} listed twice")
            by_iso2[country.iso2] = country
            for name in (country.name, *(row.get("aliases") or "").split("|")):
                if name.strip():
                    by_name.setdefault(normalize(name), country)
    return Countries(by_iso2, {c.iso_numeric: c for c in by_iso2.values()}, by_name)
