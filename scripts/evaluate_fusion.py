"""Fusion precision and recall on the labelled report clusters (tests/fixtures/fusion/<set>/).

    python scripts/evaluate_fusion.py [--set dev|heldout|all] [--json] [--verbose] [--acled]

``--acled`` also fuses the reports of ../shared/eval/data (ACLED-style development records): each record is a
distinct event, so events of two records merged together are counted as (probable) false merges.

Thresholds are tuned on ``dev`` only; ``heldout`` is the independent check. See sahelwatch.link.evaluation for
how extracted events are matched to the gold mentions.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from sahelwatch.errors import InputError
from sahelwatch.link.evaluation import analyse_set, load_labelled_set, score_fusion, score_records

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "tests" / "fixtures" / "fusion"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="all", choices=["dev", "heldout", "all"])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true", help="list wrong merges and missed pairs")
    parser.add_argument("--acled", action="store_true", help="false merges among distinct ACLED records")
    args = parser.parse_args(argv)
    if args.acled:
        return acled_merges()
    names = ["dev", "heldout"] if args.set == "all" else [args.set]
    out = {}
    for name in names:
        began = time.perf_counter()
        labelled = load_labelled_set(SETS / name)
        try:
            records = asdict(score_records(labelled))
        except InputError as exc:
            records = {"error": str(exc)}
        score = score_fusion(labelled, analyse_set(labelled))
        out[name] = asdict(score) | {"reports": len(labelled.documents), "clusters": len(labelled.clusters),
                                     "seconds": round(time.perf_counter() - began, 1), "records": records}
    if args.json:
        json.dump(out, sys.stdout, indent=1)
        print()
        return 0
    print("Records (the reports as written; fusion alone):\n")
    print("| set | reports | real events | records | canonical | pairs true/merged/correct | precision | recall "
          "| F1 |")
    print("|---|---:|---:|---:|---:|---|---:|---:|---:|")
    for name, r in out.items():
        x = r["records"]
        if "error" in x:
            print(f"| {name} | {x['error']} |")
            continue
        print(f"| {name} | {r['reports']} | {r['clusters']} | {x['events']} | {x['canonical']} | "
              f"{x['true_pairs']}/{x['predicted_pairs']}/{x['correct_pairs']} | {x['precision']:.3f} | "
              f"{x['recall']:.3f} | {x['f1']:.3f} |")
    print("\nEnd to end (events the pipeline extracted, matched to the gold mentions by anchor):\n")
    print("| set | reports | real events | mentions mapped | events | canonical | pairs true/merged/correct "
          "| precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for name, r in out.items():
        print(f"| {name} | {r['reports']} | {r['clusters']} | {r['mapped']}/{r['mentions']} | {r['events']} | "
              f"{r['canonical']} | {r['true_pairs']}/{r['predicted_pairs']}/{r['correct_pairs']} | "
              f"{r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |")
    if args.verbose:
        for name, r in out.items():
            for w in r["records"].get("wrong_merges", []):
                print(f"{name}: records: wrong merge {w}")
            for m in r["records"].get("missed", []):
                print(f"{name}: records: missed {m}")
            for w in r["wrong_merges"]:
                print(f"{name}: wrong merge {w}")
            for m in r["missed"]:
                print(f"{name}: missed {m}")
    return 0


def acled_merges() -> int:
    """Fuse the events read from the development records' texts; two records' events in one canonical event
    are a merge across distinct events (or a record recalling another's event in passing)."""
    from sahelwatch.ingest import iter_documents
    from sahelwatch.link.fusion import fuse
    from sahelwatch.link.reports import reports_from_analyses
    from sahelwatch.link.settings import load_settings
    from sahelwatch.pipeline import analyze_document

    path = ROOT.parent / "shared" / "eval" / "data" / "acled_mali_2017_2019.jsonl"
    if not path.exists():
        print(f"error: {path} is absent", file=sys.stderr)
        return 1
    began = time.perf_counter()
    docs = [d for d in iter_documents([path]) if not isinstance(d, Exception)]
    analyses = [analyze_document(d) for d in docs]
    s = load_settings()
    result = fuse(list(reports_from_analyses(analyses, s)), s)
    crossing = [g for g in result.groups if len({result.reports[i].key[0] for i in g}) > 1]
    pairs = sum(len({result.reports[i].key[0] for i in g}) * (len({result.reports[i].key[0] for i in g}) - 1) // 2
                for g in crossing)
    records = len({result.reports[i].key[0] for g in crossing for i in g})
    print(f"{len(docs)} ACLED records, {len(result.reports)} events read, {len(result.groups)} canonical events; "
          f"{len(crossing)} canonical events span two or more records ({records} records, {pairs} record pairs) "
          f"in {time.perf_counter() - began:.0f} s")
    for g in crossing[:15]:
        print("  ", sorted({result.reports[i].key[0] for i in g}),
              {result.reports[i].place_name for i in g}, {result.reports[i].type for i in g})
    return 0


if __name__ == "__main__":
    sys.exit(main())
