#!/usr/bin/env python3
"""Scale-out benchmark, every figure measured side by side in one run:

  (a) a bare spaCy pass over the corpus (the same pipelines `analyze` uses, one document at a time),
  (b) the full pipeline in this process, and its cost as a multiple of (a),
  (c) `ingest` into a fresh DuckDB store with 1 worker and with N workers: wall time, documents/s, speed-up,
  (d) peak resident memory of every process that analysed documents, and of the writing process.

    python scripts/benchmark_scale.py [--docs 200] [--workers 2] [--repeat 1] [--json]

The corpus is the repository's own original articles (tests/fixtures/articles*, heldout*, and the bundled
example), replicated until --docs documents, each copy with its own headline so that it is a new document.
Each ingest runs in a fresh Python process (start-up and model loading included), as the command would.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # one thread per process
    os.environ.setdefault(var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SOURCES = ("tests/fixtures/articles", "tests/fixtures/articles_fr", "tests/fixtures/heldout",
           "tests/fixtures/heldout_fr", "src/sahelwatch/examples")


def articles() -> list[tuple[str, str, str | None]]:
    """(id, text, published) of every original article; the date from its .json sidecar when there is one."""
    out = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).glob("*.txt")):
            meta = path.with_suffix(".json")
            published = json.loads(meta.read_text(encoding="utf-8"))["doc"].get("published") if meta.exists() \
                else None
            out.append((path.stem, path.read_text(encoding="utf-8"), published))
    return out


def build_corpus(n: int, path: Path) -> int:
    """``n`` documents as JSONL: the articles in turn, copy k with " (k)" after its headline; returns words."""
    base = articles()
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            stem, text, published = base[i % len(base)]
            k = i // len(base)
            headline, _, rest = text.partition("\n")
            text = f"{headline} ({k})\n{rest}"
            words += len(text.split())
            fh.write(json.dumps({"id": f"{stem}-{k:03d}", "text": text, "published": published}) + "\n")
    return words


def in_process(corpus: Path) -> dict:
    """(a) and (b): seconds for the bare spaCy pass and the full pipeline over the corpus, warmed up."""
    from sahelwatch.ingest import iter_documents
    from sahelwatch.nlp import load_nlp
    from sahelwatch.pipeline import analyze_document, parser_text

    docs = [d for d in iter_documents([corpus]) if not isinstance(d, Exception)]
    for language in {d.language for d in docs}:  # warm: models, knowledge base, gazetteer
        analyze_document(next(d for d in docs if d.language == language))
    t0 = time.perf_counter()
    for d in docs:
        load_nlp(d.language)(parser_text(d.text, d.language))
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in docs:
        analyze_document(d)
    full = time.perf_counter() - t0
    return {"docs": len(docs), "spacy_s": bare, "pipeline_s": full}


def child(corpus: Path, db: Path, workers: int) -> None:
    """One ingest as `sahelwatch ingest CORPUS --db DB --workers N` runs it; prints its report as JSON."""
    from sahelwatch import batch
    from sahelwatch.ingest import iter_documents
    from sahelwatch.store import Store

    t0 = time.perf_counter()
    executor = batch.run_processes(workers) if workers > 1 else batch.run_inline
    with Store(db) as store:
        report = batch.ingest(iter_documents([corpus]), batch.StoreSink(store), executor,
                              batch_size=batch.LOCAL_BATCH if workers > 1 else 1)
    print(json.dumps({"stored": report.stored, "failed": len(report.failed), "run_s": time.perf_counter() - t0,
                      "worker_peak_rss": sorted(report.peak_rss.values()), "main_peak_rss": batch.peak_rss(),
                      "worker_cpu_s": sorted(report.cpu_s.values()), "main_cpu_s": time.process_time()}))


def ingest_run(corpus: Path, workers: int, folder: Path) -> dict:
    """(c) and (d) for one worker count, in a fresh process: wall time from process start."""
    db = folder / f"w{workers}.duckdb"
    db.unlink(missing_ok=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(db), str(workers)],
                          capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"ingest with {workers} workers failed: {proc.stderr.strip().splitlines()[-1:]}")
    return {"workers": workers, "wall_s": wall, **json.loads(proc.stdout.strip().splitlines()[-1])}


def table(result: dict) -> str:
    mb = 1024 * 1024
    a, runs = result["in_process"], result["ingest"]
    lines = [f"{result['docs']} documents, {result['words']} words; {os.cpu_count()} CPUs; 1-minute load average "
             f"{result['load'][0]:.2f} before, {result['load'][1]:.2f} after (other processes skew the figures)", "",
             "| measure | seconds | docs/s | words/s | note |", "|---|---:|---:|---:|---|"]

    def row(name: str, secs: float, note: str) -> None:
        lines.append(f"| {name} | {secs:.1f} | {result['docs'] / secs:.2f} | {result['words'] / secs:.0f} | "
                     f"{note} |")

    row("(a) bare spaCy pass, in process", a["spacy_s"], "models warm")
    row("(b) full pipeline, in process", a["pipeline_s"], f"{a['pipeline_s'] / a['spacy_s']:.2f}x (a)")
    base = runs[0]["wall_s"]
    for r in runs:
        rss = ", ".join(f"{v / mb:.0f}" for v in r["worker_peak_rss"])
        cpu = ", ".join(f"{v:.0f}" for v in r["worker_cpu_s"])
        row(f"(c) ingest --workers {r['workers']}", r["wall_s"],
            f"speed-up {base / r['wall_s']:.2f}x; peak RSS MiB: main {r['main_peak_rss'] / mb:.0f}"
            + ("" if r["workers"] == 1 else f", workers {rss}") + f"; CPU s: main {r['main_cpu_s']:.0f}"
            + ("" if r["workers"] == 1 else f", workers {cpu}")
            + ("" if len(r["walls_s"]) < 2 else f"; fastest of {', '.join(f'{w:.1f}' for w in r['walls_s'])} s"))
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200, help="documents in the corpus (default 200)")
    ap.add_argument("--workers", type=int, default=2, help="the parallel run's worker count (default 2)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="ingest runs per worker count, alternating; the fastest counts (default 1)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--child", nargs=3, metavar=("CORPUS", "DB", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))
        return 0
    with tempfile.TemporaryDirectory(prefix="sahelwatch-scale-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = build_corpus(args.docs, corpus)
        load = os.getloadavg()[0]
        trials = [[ingest_run(corpus, w, Path(tmp)) for w in (1, args.workers)] for _ in range(args.repeat)]
        runs = [min((t[i] for t in trials), key=lambda r: r["wall_s"]) for i in range(2)]
        for i, r in enumerate(runs):
            r["walls_s"] = [t[i]["wall_s"] for t in trials]
        result = {"docs": args.docs, "words": words, "in_process": in_process(corpus), "ingest": runs,
                  "load": [load, os.getloadavg()[0]]}
    print(json.dumps(result, indent=1) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
