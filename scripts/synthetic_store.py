"""Write a synthetic sahelwatch store of N events (default 1,000,000) for benchmarks of the analytics queries.

    python scripts/synthetic_store.py out/synthetic_1m.duckdb --events 1000000 [--seed 7]

The events are made up, spread the way Sahel conflict data is: over Mali, Burkina Faso, Niger, Chad, Libya,
Algeria and Mauritania (places and admin-1 regions of the packaged gazetteer, busiest countries first, a few
regions much busier than the rest), from 2012 to 2025 with activity growing over the years, mostly violent
types, 2-3 participants each from the knowledge base's armed groups, state forces, militias and civilians,
fatalities skewed (most none or few, a long tail). Every real event is told by one to several reports, so
there are about 0.7 canonical events per report, and the fusion tables are filled as a fusion run would, so
that fused queries are measured. Tables are built as DataFrames and inserted whole, never row by row.
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from sahelwatch.kb.actors import data_dir, load_actors
from sahelwatch.store import Store

COUNTRIES = {"ML": 0.36, "BF": 0.30, "NE": 0.17, "TD": 0.07, "LY": 0.05, "DZ": 0.03, "MR": 0.02}
#: PLOVER type, ACLED event type, ACLED sub-event type, share of events, violent (has fatalities)
TYPES = [
    ("ASSAULT", "Battles", "Armed clash", 0.33, True),
    ("ASSAULT", "Violence against civilians", "Attack", 0.24, True),
    ("ASSAULT", "Explosions/Remote violence", "Remote explosive/landmine/IED", 0.09, True),
    ("ASSAULT", "Explosions/Remote violence", "Air/drone strike", 0.07, True),
    ("COERCE", "Violence against civilians", "Abduction/forced disappearance", 0.06, False),
    ("PROTEST", "Protests", "Peaceful protest", 0.08, False),
    ("MOBILIZE", "Strategic developments", "Change to group/activity", 0.06, False),
    ("AGREE", "Strategic developments", "Agreement", 0.03, False),
    ("ACCUSE", None, None, 0.04, False),
]
#: the busiest actors first: each later one is chosen less often (Zipf-like)
HEAD = ["jnim", "is_sahel", "fama", "burkina_military", "niger_military", "civilians_burkina_faso",
        "civilians_mali", "wagner", "vdp", "civilians_niger", "katiba_macina", "ansarul_islam", "africa_corps",
        "dan_na_ambassagou", "chad_military", "boko_haram", "iswap", "fla", "csp_psd", "lna"]
ACTOR_KINDS = ("armed_group", "rebel_group", "militia", "pmc", "state_force", "civilians")
START, END = date(2012, 1, 1), date(2025, 12, 31)
REPORTS_PER_EVENT = 1 / 0.7


def places(rng: np.random.Generator) -> pd.DataFrame:
    """Gazetteer places of the seven countries with an admin-1 region, each with a sampling weight."""
    gaz = pd.read_csv(data_dir() / "gazetteer.csv", usecols=["name", "lat", "lon", "country", "admin1"],
                      keep_default_na=False)
    gaz = gaz[gaz["country"].isin(list(COUNTRIES)) & (gaz["admin1"] != "")].reset_index(drop=True)
    region_weight = {key: w for key, w in zip(gaz.groupby(["country", "admin1"]).groups,
                                              rng.pareto(1.2, gaz.groupby(["country", "admin1"]).ngroups) + 0.05)}
    weight = np.array([region_weight[(c, a)] for c, a in zip(gaz["country"], gaz["admin1"])])
    for country, share in COUNTRIES.items():
        mask = (gaz["country"] == country).to_numpy()
        weight[mask] = weight[mask] / weight[mask].sum() * share
    gaz["weight"] = weight / weight.sum()
    return gaz


def actor_pool() -> pd.DataFrame:
    """Knowledge-base actors that take part in Sahel events, busiest first, with Zipf weights."""
    kb = load_actors()
    ids = [a for a in HEAD if a in kb.actors]
    ids += sorted(a.id for a in kb.actors.values()
                  if a.kind in ACTOR_KINDS and a.id not in ids and (a.country in COUNTRIES or a.country is None))
    weight = 1 / np.arange(1, len(ids) + 1) ** 1.1
    return pd.DataFrame({"id": ids, "name": [kb[i].name for i in ids], "weight": weight / weight.sum()})


def real_events(n: int, rng: np.random.Generator, gaz: pd.DataFrame) -> pd.DataFrame:
    """The n canonical events: type, date, place, fatalities."""
    kinds = rng.choice(len(TYPES), size=n, p=[t[3] for t in TYPES])
    years = np.arange(START.year, END.year + 1)
    year_weight = np.linspace(1, 6, len(years))
    year = rng.choice(years, size=n, p=year_weight / year_weight.sum())
    day = pd.to_datetime(year.astype(str), format="%Y") + pd.to_timedelta(rng.integers(0, 365, n), unit="D")
    month_precise = rng.random(n) < 0.08
    start = day.where(~month_precise, day.to_period("M").to_timestamp())
    end = day.where(~month_precise, day.to_period("M").to_timestamp(how="end").normalize())
    where = rng.choice(len(gaz), size=n, p=gaz["weight"].to_numpy())
    violent = np.array([TYPES[k][4] for k in kinds])
    dead = np.floor(rng.lognormal(0.9, 1.3, n)).astype("int64")
    dead = np.where(violent & (rng.random(n) > 0.3), dead, 0)
    return pd.DataFrame({
        "type": [TYPES[k][0] for k in kinds], "acled_event_type": [TYPES[k][1] for k in kinds],
        "acled_sub_event_type": [TYPES[k][2] for k in kinds],
        "date_start": start.date, "date_end": end.date,
        "date_precision": np.where(month_precise, "month", "day"),
        "place_name": gaz["name"].to_numpy()[where], "country": gaz["country"].to_numpy()[where],
        "admin1": gaz["admin1"].to_numpy()[where], "lat": gaz["lat"].to_numpy()[where],
        "lon": gaz["lon"].to_numpy()[where], "fatalities": dead,
    })


def participants(n: int, rng: np.random.Generator, pool: pd.DataFrame) -> pd.DataFrame:
    """2-3 distinct actors per event: a source, a target, sometimes another; ``event`` indexes the event."""
    picks = rng.choice(len(pool), size=(n, 3), p=pool["weight"].to_numpy())
    for col in (1, 2):  # redraw clashes with earlier columns until every row's actors are distinct
        clash = (picks[:, col, None] == picks[:, :col]).any(axis=1)
        while clash.any():
            picks[clash, col] = rng.choice(len(pool), size=int(clash.sum()), p=pool["weight"].to_numpy())
            clash = (picks[:, col, None] == picks[:, :col]).any(axis=1)
    third = rng.random(n) < 0.5
    frames = []
    for col, role in enumerate(("source", "target", "other")):
        rows = np.arange(n) if col < 2 else np.flatnonzero(third)
        frames.append(pd.DataFrame({"event": rows, "actor": picks[rows, col], "role": role}))
    out = pd.concat(frames, ignore_index=True)
    out["actor_id"] = pool["id"].to_numpy()[out["actor"]]
    out["name"] = pool["name"].to_numpy()[out["actor"]]
    return out.drop(columns="actor")


def build(path: Path, n_reports: int, seed: int) -> dict[str, int]:
    rng = np.random.default_rng(seed)
    gaz, pool = places(rng), actor_pool()
    n_real = max(1, round(n_reports / REPORTS_PER_EVENT))
    real = real_events(n_real, rng, gaz)
    # every real event has one report; the others go to events chosen at random (busy ones get more)
    of_real = np.concatenate([np.arange(n_real), rng.integers(0, n_real, n_reports - n_real)])
    n_docs = max(1, n_reports // 3)
    report_doc = rng.integers(0, n_docs, n_reports)
    events = real.iloc[of_real].reset_index(drop=True)
    events.insert(0, "doc_id", "syn_d" + pd.Series(report_doc).astype(str))
    events.insert(1, "id", "ev_" + pd.Series(np.arange(n_reports)).astype(str))
    events = events.assign(trigger="attacked", modality="asserted", background=False, confidence=0.8,
                           geo_precision=1, date_text="")
    real_parts = participants(n_real, rng, pool)
    fused_ids = "fev_" + pd.Series(np.arange(n_real)).astype(str)

    report_parts = real_parts.merge(pd.DataFrame({"event": of_real, "report": np.arange(n_reports)}), on="event")
    report_parts = pd.DataFrame({"doc_id": events["doc_id"].to_numpy()[report_parts["report"]],
                                 "event_id": events["id"].to_numpy()[report_parts["report"]],
                                 "actor_id": report_parts["actor_id"], "name": report_parts["name"],
                                 "role": report_parts["role"]})
    first_date = pd.to_datetime(events["date_start"]).groupby(report_doc).max()
    documents = pd.DataFrame({"id": "syn_d" + pd.Series(first_date.index).astype(str)})
    documents["published"] = (first_date.to_numpy() + pd.to_timedelta(
        rng.integers(0, 4, len(documents)), unit="D")).astype("datetime64[s]")
    documents["published"] = documents["published"].dt.date
    documents = documents.assign(source="Synthetic Wire " + pd.Series(rng.integers(0, 40, len(documents))).astype(str),
                                 language="en", text="synthetic", sha256=documents["id"], origin="text",
                                 ingested_at=pd.Timestamp("2026-01-01"))

    n_rep = np.bincount(of_real, minlength=n_real)
    fused = real.assign(id=fused_ids, n_reports=n_rep, n_documents=n_rep, n_sources=np.minimum(n_rep, 40),
                        geo_precision=1, confidence=0.8, fatalities_low=real["fatalities"],
                        fatalities_high=real["fatalities"])
    members = pd.DataFrame({"fused_id": fused_ids.to_numpy()[of_real], "doc_id": events["doc_id"],
                            "event_id": events["id"], "score": 1.0})
    fused_parts = pd.DataFrame({"fused_id": fused_ids.to_numpy()[real_parts["event"]],
                                "actor_id": real_parts["actor_id"], "name": real_parts["name"],
                                "role": real_parts["role"], "n_reports": n_rep[real_parts["event"]]})
    kb = load_actors()
    actors = pd.DataFrame({"id": pool["id"], "name": pool["name"],
                           "acled_name": [kb[i].acled_name for i in pool["id"]],
                           "kind": [kb[i].kind for i in pool["id"]], "country": [kb[i].country for i in pool["id"]],
                           "in_kb": True})
    aliases = pd.DataFrame([(i, alias) for i in pool["id"] for alias in set(kb[i].all_names)],
                           columns=["actor_id", "alias"])
    tables = {"documents": documents, "actors": actors, "actor_aliases": aliases, "events": events,
              "event_participants": report_parts, "fused_events": fused, "fused_event_members": members,
              "fused_event_participants": fused_parts}
    with Store(path) as store:
        con = store.con
        con.execute("begin transaction")
        for table, frame in tables.items():
            con.register("frame", frame)
            con.execute(f"insert into {table} by name select * from frame")
            con.unregister("frame")
        con.execute("insert into fusion_runs values ($at, $n, $fused, $merged, 0, 'synthetic')",
                    {"at": pd.Timestamp("2026-01-02").to_pydatetime(), "n": n_reports, "fused": n_real,
                     "merged": n_reports - n_real})
        con.execute("commit")
        con.execute("checkpoint")
        return store.counts()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="the DuckDB file to write (must not exist)")
    parser.add_argument("--events", type=int, default=1_000_000, help="raw event reports (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.path.exists():
        print(f"error: {args.path} exists; remove it or choose another path", file=sys.stderr)
        return 1
    args.path.parent.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    counts = build(args.path, args.events, args.seed)
    print(f"wrote {args.path} in {time.perf_counter() - began:.1f} s: "
          + ", ".join(f"{counts[t]:,} {t}" for t in ("documents", "events", "event_participants", "fused_events",
                                                      "fused_event_members", "fused_event_participants")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
