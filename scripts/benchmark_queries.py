"""Latency of the analytics queries on a synthetic store (the bar: under 200 ms at 1M events).

    python scripts/synthetic_store.py out/synthetic_1m.duckdb          # once (about 40 s)
    python scripts/benchmark_queries.py out/synthetic_1m.duckdb [--runs 20] [--json out/bench.json]

Each query goes through the Python function the CLI calls (``sahelwatch.analytics`` and ``Store.events``), is run
once to warm up, then ``--runs`` times; the median and 95th percentile of the wall time are reported. Queries on
canonical events (the default once fusion has run) and on raw reports are both measured.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sahelwatch.analytics import region_month, timeline
from sahelwatch.store import Store

BAR_MS = 200.0


def queries(store: Store, actor: str, country: str, type_: str) -> dict[str, Callable[[], Any]]:
    return {
        f"timeline by month, actor {actor}": lambda: timeline(store, actor=actor),
        f"timeline by month, country {country}": lambda: timeline(store, country=country),
        f"timeline by month, type {type_}": lambda: timeline(store, type=type_),
        f"region_month, country {country}": lambda: region_month(store, country=country),
        "region_month, everything": lambda: region_month(store),
        f"timeline by month, actor {actor}, raw reports": lambda: timeline(store, actor=actor, fused=False),
        "region_month, everything, raw reports": lambda: region_month(store, fused=False),
        "events page (limit 100)": lambda: store.events(limit=100),
        f"events page (limit 100), country {country}": lambda: store.events(country=country, limit=100),
    }


def measure(fn: Callable[[], Any], runs: int) -> dict[str, float]:
    fn()  # warm-up: caches, first-use compilation
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
    return {"median_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="a store written by scripts/synthetic_store.py")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--actor", default="JNIM")
    parser.add_argument("--country", default="ML")
    parser.add_argument("--type", dest="type_", default="Battles")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    if not args.path.exists():
        print(f"error: {args.path}: no such store (write one with scripts/synthetic_store.py)", file=sys.stderr)
        return 1
    results = []
    with Store(args.path, read_only=True) as store:
        n_events = store.con.execute("select count(*) from events").fetchone()[0]
        n_fused = store.con.execute("select count(*) from fused_events").fetchone()[0]
        print(f"{args.path}: {n_events:,} events, {n_fused:,} canonical events; {args.runs} runs after a warm-up")
        for name, fn in queries(store, args.actor, args.country, args.type_).items():
            figures = measure(fn, args.runs)
            results.append({"query": name, **figures, "under_bar": figures["p95_ms"] < BAR_MS})
            print(f"  {name:<48} median {figures['median_ms']:>8.1f} ms   p95 {figures['p95_ms']:>8.1f} ms"
                  f"{'' if figures['p95_ms'] < BAR_MS else '   OVER ' + str(int(BAR_MS)) + ' ms'}")
    if args.json:
        args.json.write_text(json.dumps({"events": n_events, "fused_events": n_fused, "runs": args.runs,
                                         "results": results}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
