#!/usr/bin/env python3
"""Analysis speed on one core: words per second of the full pipeline, beside a bare spaCy pass.

    python scripts/benchmark.py [--repeat 3] [FILES...]
    python scripts/benchmark.py --acled     # the short event descriptions of ../shared/eval/data, texts/second
    python scripts/benchmark.py --code      # ACLED coding of the same descriptions, reports/second
    python scripts/benchmark.py --long      # one 2,000-word article in English and one in French, seconds

Run under `taskset -c 0` for a one-core figure.

Default input: the bundled example and the original test articles (and ../shared's reference article when
present). Threads are pinned to one so the figure is a one-core figure.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sahelwatch.nlp import load_nlp  # noqa: E402
from sahelwatch.pipeline import analyze  # noqa: E402


def default_files() -> list[Path]:
    files = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))
    files.append(ROOT / "src" / "sahelwatch" / "examples" / "sahel_example.txt")
    ref = ROOT.parent / "shared" / "corpus" / "000_f32bdb9c94879744.txt"
    if ref.exists():
        files.append(ref)
    return files


def acled_rows() -> list[dict]:
    """The ACLED-style development records of ../shared/eval/data ([] when ../shared is absent)."""
    files = sorted((ROOT.parent / "shared" / "eval" / "data").glob("acled_*.jsonl"))
    return read_jsonl(files)


def read_jsonl(files: list[Path]) -> list[dict]:
    return [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def acled_throughput() -> int:
    rows = acled_rows()
    if not rows:
        print("../shared/eval/data is absent", file=sys.stderr)
        return 2
    analyze(rows[0]["text"], published=rows[0]["published"])
    errors = events = 0
    t0 = time.perf_counter()
    for r in rows:
        try:
            events += len(analyze(r["text"], published=r["published"], doc_id=r["id"]).events)
        except Exception as exc:  # noqa: BLE001 - counted and reported, the run goes on
            errors += 1
            print(f"{r['id']}: {exc.__class__.__name__}: {exc}", file=sys.stderr)
    secs = time.perf_counter() - t0
    print(f"{len(rows)} texts, {errors} errors, {events} events, {len(rows) / secs:.1f} texts/s")
    return 0


def code_throughput() -> int:
    """ACLED coding speed (`sahelwatch code`): reports per second, model loading excluded."""
    from sahelwatch.acled.coder import code_report

    rows = acled_rows()
    if not rows:
        rows = read_jsonl([ROOT / "tests" / "fixtures" / "acled" / "reports.jsonl"])
        print("../shared/eval/data is absent: timing the original test reports instead", file=sys.stderr)
    code_report(rows[0]["text"], rows[0]["published"])
    t0 = time.perf_counter()
    for r in rows:
        code_report(r["text"], r["published"], r["id"])
    secs = time.perf_counter() - t0
    words = sum(len(r["text"].split()) for r in rows)
    print(f"{len(rows)} reports ({words / len(rows):.0f} words on average) coded in {secs:.1f} s: "
          f"{len(rows) / secs:.1f} reports/s")
    return 0


def long_article(folders: list[str], words: int = 2000) -> str:
    """A long article made of whole paragraphs of our original articles, cut at the first paragraph that
    reaches ``words`` words (headlines left out)."""
    paragraphs: list[str] = []
    total = 0
    for folder in folders:
        for path in sorted((ROOT / "tests" / "fixtures" / folder).glob("*.txt")):
            for para in path.read_text(encoding="utf-8").split("\n\n")[1:]:
                if total >= words:
                    return "\n\n".join(paragraphs)
                paragraphs.append(para.strip())
                total += len(para.split())
    return "\n\n".join(paragraphs)


def long_article_speed(repeat: int) -> int:
    """Seconds to analyse one 2,000-word article, English and French, models loaded beforehand."""
    for language, folders in (("en", ["articles", "heldout"]), ("fr", ["articles_fr", "heldout_fr"])):
        text = long_article(folders)
        analysis = analyze(text, published="2025-06-10")  # warm: model, knowledge base, gazetteer
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            analysis = analyze(text, published="2025-06-10")
            times.append(time.perf_counter() - t0)
        print(f"{language}: {len(text.split())} words ({analysis.document.language} detected), best of {repeat}: "
              f"{min(times):.2f} s ({len(text.split()) / min(times):.0f} words/s); {len(analysis.events)} events, "
              f"{len(analysis.relations)} relations, {len(analysis.claims)} claims")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--code", action="store_true", help="time ACLED coding of the development reports")
    ap.add_argument("--acled", action="store_true",
                    help="analyse every record of ../shared/eval/data/acled_*.jsonl once and count errors")
    ap.add_argument("--long", action="store_true", help="time one 2,000-word article in English and in French")
    args = ap.parse_args()
    if args.long:
        return long_article_speed(args.repeat)
    if args.acled:
        return acled_throughput()
    if args.code:
        return code_throughput()
    texts = [p.read_text(encoding="utf-8") for p in (args.files or default_files())]
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp("en")
    analyze(texts[0], published="2025-06-10")  # warm caches: model, knowledge base, gazetteer

    def best_of(fn) -> float:
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return min(times)

    bare = best_of(lambda: [nlp(t) for t in texts])
    full = best_of(lambda: [analyze(t, published="2025-06-10") for t in texts])
    print(f"{len(texts)} documents, {words} words, best of {args.repeat}")
    print(f"spaCy alone     {words / bare:8.0f} words/s")
    print(f"full pipeline   {words / full:8.0f} words/s   ({full / bare:.2f}x the spaCy pass)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
