#!/usr/bin/env python3
"""Reproduce the README's quality figures.

Analyses the reference article in ../shared/corpus (published 2025-06-10) and every original test article in
tests/fixtures/articles, writes each prediction under out/eval/, and scores it with ../shared/eval/score.py.

    python scripts/evaluate.py [--shared ../shared] [--json]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sahelwatch.pipeline import analyze  # noqa: E402

REFERENCE = ("corpus/000_f32bdb9c94879744.txt", "eval/gold/000_f32bdb9c94879744.json", "2025-06-10")
#: our original articles with gold: English and French, tuning and held-out
SETS = {"articles": "English, tuning", "heldout": "English, held-out", "articles_fr": "French, tuning",
        "heldout_fr": "French, held-out"}


def score(scorer: Path, gold: Path, pred: dict, out: Path) -> dict:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(pred, ensure_ascii=False, indent=1), encoding="utf-8")
    res = subprocess.run([sys.executable, str(scorer), "doc", str(gold), str(out), "--json"],
                         capture_output=True, text=True, check=True)
    return json.JSONDecoder().raw_decode(res.stdout)[0]  # the headline line follows the JSON


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table (for the README)")
    ap.add_argument("--set", default="articles", choices=sorted(SETS) + ["all"],
                    help="which original test set to score beside the reference (default: articles; "
                         "all: every set)")
    args = ap.parse_args()
    shared = Path(args.shared)
    scorer = shared / "eval" / "score.py"
    if not scorer.exists():
        print(f"evaluation kit not found at {shared}/eval: pass --shared", file=sys.stderr)
        return 2
    cases = [("reference", "reference", shared / REFERENCE[0], shared / REFERENCE[1], REFERENCE[2])]
    folders = sorted(SETS, key=list(SETS).index) if args.set == "all" else [args.set]
    for folder in folders:
        for gold in sorted((ROOT / "tests" / "fixtures" / folder).glob("*.json")):
            header = json.loads(gold.read_text(encoding="utf-8"))["doc"]
            cases.append((folder, gold.stem, gold.with_suffix(".txt"), gold, header["published"]))
    rows: dict[str, dict] = {}
    for folder, name, text_path, gold, published in cases:
        text = text_path.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        analysis = analyze(text, published=published, doc_id=text_path.stem)
        secs = time.perf_counter() - t0
        res = score(scorer, gold, analysis.to_json(), ROOT / "out" / "eval" / f"{name}.json")
        gold_data = json.loads(gold.read_text(encoding="utf-8"))
        has_tolls = any(g.get("fatalities") is not None and g.get("required") for g in gold_data["events"])
        rows[name] = {"set": folder, "language": analysis.document.language,
                      "events_f1": res["events"]["f1"], "relations_f1": res["relations"]["f1"],
                      "claims_f1": res["claims"]["f1"], "date": res["events"]["date_accuracy"],
                      "place": res["events"]["place_accuracy"],
                      "fatalities": res["events"]["fatalities_accuracy"] if has_tolls else None,
                      "modality": res["claims"]["modality_accuracy"], "words": len(text.split()), "seconds": secs}
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    groups = {"reference": [n for n, r in rows.items() if r["set"] == "reference"]}
    groups.update({f: [n for n, r in rows.items() if r["set"] == f] for f in folders})
    if args.markdown:
        print_markdown(rows, groups)
    else:
        print_table(rows, groups)
    return 0


KEYS = ("events_f1", "relations_f1", "claims_f1", "date", "place", "fatalities", "modality")


def mean(rows: list[dict], key: str) -> float | None:
    values = [r[key] for r in rows if r[key] is not None]
    return sum(values) / len(values) if values else None


def fmt(v, width: int = 0) -> str:
    return f"{'-':>{width}}" if v is None else f"{v:{width}.2f}"


def print_markdown(rows: dict[str, dict], groups: dict[str, list[str]]) -> None:
    print("| article | events F1 | relations F1 | claims F1 | date | place | fatalities | modality |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for folder, names in groups.items():
        for name in names:
            print(f"| {name} | " + " | ".join(fmt(rows[name][k]) for k in KEYS) + " |")
        if folder != "reference" and names:
            print(f"| **mean, {SETS[folder]} ({len(names)})** | "
                  + " | ".join(f"**{fmt(mean([rows[n] for n in names], k))}**" for k in KEYS) + " |")


def print_table(rows: dict[str, dict], groups: dict[str, list[str]]) -> None:
    print(f"{'article':32} {'events':>7} {'relat.':>7} {'claims':>7} {'date':>6} {'place':>6} {'fatal.':>6}")
    for folder, names in groups.items():
        for name in names:
            r = rows[name]
            print(f"{name[:32]:32} {r['events_f1']:7.2f} {r['relations_f1']:7.2f} {r['claims_f1']:7.2f} "
                  f"{r['date']:6.2f} {r['place']:6.2f} {fmt(r['fatalities'], 6)}")
        if folder != "reference" and names:
            m = {k: mean([rows[n] for n in names], k) for k in KEYS}
            print(f"{'mean, ' + SETS[folder]:32} {m['events_f1']:7.2f} {m['relations_f1']:7.2f} "
                  f"{m['claims_f1']:7.2f} {m['date']:6.2f} {m['place']:6.2f} {fmt(m['fatalities'], 6)}")


if __name__ == "__main__":
    sys.exit(main())
