"""Fusion time at growing sizes of synthetic reports (10k, 100k, 1M by default), to show near-linear growth.

    taskset -c 0 python scripts/benchmark_fusion.py [--sizes 10000,100000,1000000] [--store 100000] [--json]

Synthetic reports copy the shape of real reporting: real events spread over seven Sahel countries at a constant
density of 60 reports a day (so 1M reports cover about 45 years of days), told by one to five reports each,
which shift the date by a day, name a neighbouring village or only the region, drop an actor, give another
toll. Because the true grouping is known, precision and recall on the
synthetic reports are printed too. ``--store N`` also times ``fuse_store`` end to end (reading N reports from
DuckDB and writing the fusion tables back).
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sahelwatch.kb.actors import load_actors
from sahelwatch.link.fusion import fuse
from sahelwatch.link.reports import make_report
from sahelwatch.link.settings import load_settings

# (country, weight, lat range, lon range)
COUNTRIES = [("ML", 0.38, (11.0, 20.0), (-11.0, 4.0)), ("BF", 0.30, (10.0, 15.0), (-5.0, 2.0)),
             ("NE", 0.16, (12.0, 20.0), (0.5, 15.0)), ("TD", 0.06, (8.0, 20.0), (14.0, 23.0)),
             ("DZ", 0.04, (19.0, 32.0), (-5.0, 9.0)), ("MR", 0.03, (15.0, 25.0), (-16.0, -6.0)),
             ("LY", 0.03, (22.0, 32.0), (10.0, 25.0))]
TYPES = [("ASSAULT", 0.62), ("COERCE", 0.13), ("PROTEST", 0.1), ("MOBILIZE", 0.07), ("AGREE", 0.05),
         ("ACCUSE", 0.03)]
FIRST_DAY = date(2012, 1, 1).toordinal()
#: reports per day over the whole region: the density is held constant, so a bigger corpus covers more days
#: (a dense news season; ACLED codes a few dozen events a day across these countries)
REPORTS_PER_DAY = 60
REGION_DEG = 2.0  # synthetic admin1 regions: a grid of 2-degree squares


def synthetic_reports(n: int, seed: int = 7):
    """n reports and, for each, the id of the real event it tells."""
    rng = random.Random(seed)
    s = load_settings()
    days = max(30, n // REPORTS_PER_DAY)
    kb = load_actors()
    armed = [a.id for a in kb.actors.values() if a.kind in ("armed_group", "rebel_group", "militia", "pmc")]
    forces = {c: [a.id for a in kb.actors.values() if a.kind in ("state_force", "state") and a.country == c]
              or ["unknown_force_" + c] for c, *_ in COUNTRIES}
    countries = [c for c in COUNTRIES]
    weights = [c[1] for c in COUNTRIES]
    types, type_weights = [t for t, _ in TYPES], [w for _, w in TYPES]
    reports, truth = [], []
    event = 0
    while len(reports) < n:
        event += 1
        country, _, (la0, la1), (lo0, lo1) = rng.choices(countries, weights)[0]
        lat, lon = rng.uniform(la0, la1), rng.uniform(lo0, lo1)
        day = FIRST_DAY + rng.randrange(days)
        type_ = rng.choices(types, type_weights)[0]
        actors = [(rng.choice(armed), "source"), (rng.choice(forces[country]), "target")]
        if rng.random() < 0.3:
            actors.append((rng.choice(armed), "other"))
        dead = int(rng.paretovariate(1.3)) - 1 if type_ in ("ASSAULT", "COERCE") else None
        n_reports = rng.choices([1, 2, 3, 4, 5], [0.55, 0.22, 0.12, 0.07, 0.04])[0]
        for k in range(min(n_reports, n - len(reports))):
            start = end = day
            precision = "day"
            roll = rng.random()
            if roll < 0.15:
                start = end = day + rng.choice((-1, 1))
            elif roll < 0.19:
                d = date.fromordinal(day)
                start = d.replace(day=1).toordinal()
                end = ((d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).toordinal()
                precision = "month"
            place_roll = rng.random()
            plat, plon, name, feature, gp = lat, lon, f"town_{event}", "town", 1
            if place_roll < 0.15:
                plat, plon = lat + rng.uniform(-0.08, 0.08), lon + rng.uniform(-0.08, 0.08)
                name = f"village_{event}_{k}"
            elif place_roll < 0.25:
                name, feature, gp = f"region_{country}_{int(lat // REGION_DEG)}_{int(lon // REGION_DEG)}", "region", 3
            elif place_roll < 0.30:
                name, feature, plat, plon, gp = country, "country", None, None, 3
            told = [a for a in actors if rng.random() > 0.25] or actors[:1]
            fatalities = None if dead is None or rng.random() < 0.3 else max(0, dead + rng.randint(-2, 3))
            reports.append(make_report(
                key=(f"doc_{event}_{k}", f"ev_{event}_{k}"), type=type_, settings=s,
                start=date.fromordinal(start), end=date.fromordinal(end), precision=precision, place_name=name,
                country=country, admin1=f"{country}_{int(lat // REGION_DEG)}_{int(lon // REGION_DEG)}",
                lat=plat, lon=plon, geo_precision=gp, feature=feature, fatalities=fatalities,
                participants=[(a, a, role) for a, role in told],
                outlet=f"outlet_{rng.randrange(40)}", published=date.fromordinal(end + rng.randint(0, 3))))
            truth.append(event)
    return reports, truth


def pairwise(groups: list[list[int]], truth: list[int]) -> tuple[float, float]:
    """Pairwise precision and recall of a grouping against the true events (counted, not enumerated)."""
    from collections import Counter

    predicted = sum(len(g) * (len(g) - 1) // 2 for g in groups)
    correct = 0
    for g in groups:
        for c in Counter(truth[i] for i in g).values():
            correct += c * (c - 1) // 2
    true_pairs = sum(c * (c - 1) // 2 for c in Counter(truth).values())
    return (correct / predicted if predicted else 1.0), (correct / true_pairs if true_pairs else 1.0)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_store(n: int) -> dict:
    """fuse_store end to end on a DuckDB store holding n synthetic reports."""
    import pyarrow as pa

    from sahelwatch.link import fuse_store
    from sahelwatch.store import Store

    reports, _ = synthetic_reports(n)
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "bench.duckdb") as store:
            docs = {r.key[0]: r for r in reports}
            store.con.register("d", pa.Table.from_pylist([
                {"id": k, "source": r.outlet, "published": date.fromordinal(r.published), "language": "en",
                 "title": None, "text": "", "sha256": k, "ingested_at": date(2025, 1, 1), "origin": "text"}
                for k, r in docs.items()]))
            store.con.execute("insert into documents by name select * from d")
            store.con.register("e", pa.Table.from_pylist([
                {"doc_id": r.key[0], "id": r.key[1], "type": r.type, "trigger": "attack",
                 "date_start": date.fromordinal(r.start), "date_end": date.fromordinal(r.end),
                 "date_precision": r.precision, "place_name": r.place_name, "country": r.country,
                 "admin1": r.admin1, "lat": r.lat, "lon": r.lon, "geo_precision": r.geo_precision,
                 "place_feature": "country" if r.area == 2 else "region" if r.area == 1 else "town",
                 "fatalities": r.fatalities, "modality": "asserted", "background": False, "confidence": 0.6}
                for r in reports]))
            store.con.execute("insert into events by name select * from e")
            store.con.register("p", pa.Table.from_pylist([
                {"doc_id": r.key[0], "event_id": r.key[1], "actor_id": a, "name": name, "role": role}
                for r in reports for a, name, role in r.names]))
            store.con.execute("insert into event_participants by name select * from p")
            began = time.perf_counter()
            summary = fuse_store(store)
            return {"reports": n, "seconds": round(time.perf_counter() - began, 2),
                    "canonical": summary.fused_events}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--store", type=int, default=0, help="also time fuse_store on a store of N reports")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        began = time.perf_counter()
        reports, truth = synthetic_reports(n)
        built = time.perf_counter() - began
        result = fuse(reports)
        p, r = pairwise(result.groups, truth)
        rows.append({"reports": n, "build_s": round(built, 1), "fusion_s": round(result.seconds, 2),
                     "us_per_report": round(result.seconds / n * 1e6, 1), "pairs_compared": result.pairs_compared,
                     "canonical": len(result.groups), "precision": round(p, 3), "recall": round(r, 3),
                     "peak_rss_mb": round(peak_rss_mb())})
        del reports, truth, result
    store = time_store(args.store) if args.store else None
    if args.json:
        print(json.dumps({"sizes": rows, "store": store}, indent=1))
        return 0
    print("| reports | fusion s | µs per report | pairs compared | canonical events | precision | recall "
          "| peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for x in rows:
        print(f"| {x['reports']:,} | {x['fusion_s']} | {x['us_per_report']} | {x['pairs_compared']:,} | "
              f"{x['canonical']:,} | {x['precision']} | {x['recall']} | {x['peak_rss_mb']} |")
    if store:
        print(f"\nfuse_store end to end (read from DuckDB, fuse, write back): {store['reports']:,} reports "
              f"in {store['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
