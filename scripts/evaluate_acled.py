#!/usr/bin/env python3
"""Reproduce the README's ACLED coding figures.

Codes the development records of ../shared/eval/data (by default the 2019 ones, which the shipped models never
saw) with `sahelwatch.acled.code_report`, writes the predictions under out/acled/, and scores them with
../shared/eval/score.py acled. Then codes the original reports of tests/fixtures/acled/reports.jsonl (other
countries and years) and scores them field by field by the same rules.

    python scripts/evaluate_acled.py [--years 2019] [--shared ../shared] [--json | --markdown]
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

from sahelwatch.acled.coder import code_report  # noqa: E402
from sahelwatch.acled.evaluation import FIELDS, field_scores, mean_scores  # noqa: E402
from sahelwatch.errors import SahelwatchError  # noqa: E402

OWN_REPORTS = ROOT / "tests" / "fixtures" / "acled" / "reports.jsonl"
SCORER_FIELDS = ("event_type", "sub_event_type", "actors", "event_date", "fatalities", "admin1", "geo_25km")


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def code_all(rows: list[dict]) -> tuple[list[dict], int, float]:
    preds, errors = [], 0
    t0 = time.perf_counter()
    for r in rows:
        try:
            preds += [rec.to_row() for rec in code_report(r["text"], r.get("published"), r["id"])]
        except SahelwatchError as exc:
            errors += 1
            print(f"{r['id']}: {exc}", file=sys.stderr)
    return preds, errors, time.perf_counter() - t0


def dev_scores(shared: Path, years: list[str], out: Path) -> dict | None:
    scorer = shared / "eval" / "score.py"
    data = sorted((shared / "eval" / "data").glob("acled_*.jsonl"))
    if not scorer.exists() or not data:
        print(f"evaluation kit not found at {shared}/eval: development figures skipped", file=sys.stderr)
        return None
    rows = [r for path in data for r in load(path) if r["gold"]["event_date"][:4] in years]
    preds, errors, secs = code_all(rows)
    out.mkdir(parents=True, exist_ok=True)
    gold_path, pred_path = out / "gold.jsonl", out / "pred.jsonl"
    gold_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    pred_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    res = subprocess.run([sys.executable, str(scorer), "acled", str(gold_path), str(pred_path), "--json"],
                         capture_output=True, text=True, check=True)
    scores = json.JSONDecoder().raw_decode(res.stdout)[0]
    scores.update(errors=errors, reports_per_second=len(rows) / secs if secs else 0.0)
    return scores


def own_scores() -> dict:
    rows = load(OWN_REPORTS)
    per = []
    for r in rows:
        record = code_report(r["text"], r["published"], r["id"])[0]
        per.append(field_scores(record, r["expected"]))
    out = mean_scores(per)
    out["texts"] = len(rows)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--years", nargs="+", default=["2019"], help="event years of the development file to score")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    dev = dev_scores(args.shared, args.years, ROOT / "out" / "acled")
    own = own_scores()
    if args.json:
        print(json.dumps({"development": dev, "own_reports": own}, indent=1))
        return 0
    if args.markdown:
        print("| set | texts | " + " | ".join(SCORER_FIELDS) + " | record |")
        print("|---|---:|" + "---:|" * (len(SCORER_FIELDS) + 1))
        if dev:
            print(f"| ACLED development records, {', '.join(args.years)} | {dev['texts']} | "
                  + " | ".join(f"{dev[f]:.3f}" for f in SCORER_FIELDS) + f" | {dev['record_score']:.3f} |")
        print(f"| own original reports | {own['texts']} | " + " | ".join(f"{own[f]:.3f}" for f in FIELDS)
              + f" | – | {own['record']:.3f} (6 fields) |")
        return 0
    if dev:
        print(f"development records {', '.join(args.years)}: {dev['texts']} texts, {dev['errors']} errors, "
              f"{dev['reports_per_second']:.1f} reports/s")
        for f in SCORER_FIELDS:
            print(f"  {f:<16} {dev[f]:.3f}")
        print(f"  sub_event_type macro-F1 {dev['sub_event_type_macro_f1']:.3f}")
        print(f"  record score     {dev['record_score']:.3f}")
    print(f"own original reports: {own['texts']} texts")
    for f in FIELDS:
        print(f"  {f:<16} {own[f]:.3f}")
    print(f"  record (6 fields) {own['record']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
