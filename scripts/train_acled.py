#!/usr/bin/env python3
"""Train the ACLED event classifier shipped in src/sahelwatch/acled/model/event_classifier.json.

    python scripts/train_acled.py [--data ../shared/eval/data/acled_mali_2017_2019.jsonl]
                                  [--train-years 2017 2018] [--tune-year 2019]

Trains a multinomial logistic regression (numpy, full-batch Adam, L2) on the reports of the training years and
prints its accuracy on the tuning year, which it never sees. Deterministic: the same data gives the same model.
The model file holds only derived numbers (feature strings, idf, weights), never the training reports.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sahelwatch.acled.classifier import ADMIN1_MODEL_FILE, ADMIN2_MODEL_FILE, MODEL_FILE, features, softmax, vectorize  # noqa: E402
from sahelwatch.acled.coder import read_report  # noqa: E402
from sahelwatch.acled.taxonomy import load_taxonomy  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "data" / "acled_mali_2017_2019.jsonl"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def report_cues(rows: list[dict]) -> list[tuple[str, ...]]:
    """The actor cues the coder gives the classifier at run time, read the same way from each report."""
    return [read_report(r["text"], r.get("published"), r["id"]).cues for r in rows]


def build_vocabulary(texts: list[str], cues: list[tuple[str, ...]], min_df: int,
                     cue_weight: float = 1.0) -> tuple[dict[str, int], np.ndarray]:
    """Features seen in at least ``min_df`` reports, with idf weights; the cues the other coders give (who
    acts, who suffers, the codebook's signals) weigh ``cue_weight`` times more than a word."""
    df = Counter(f for t, c in zip(texts, cues) for f in set(features(t, c)))
    kept = sorted(f for f, n in df.items() if n >= min_df)
    idf = np.array([(math.log((1 + len(texts)) / (1 + df[f])) + 1.0) * (cue_weight if f.startswith("cue:") else 1.0)
                    for f in kept], dtype=np.float32)
    return {f: i for i, f in enumerate(kept)}, idf


def train(x: np.ndarray, y: np.ndarray, n_classes: int, l2: float, epochs: int, lr: float) -> tuple[np.ndarray, np.ndarray]:
    n, d = x.shape
    w = np.zeros((d, n_classes), dtype=np.float32)
    b = np.zeros(n_classes, dtype=np.float32)
    onehot = np.eye(n_classes, dtype=np.float32)[y]
    mw, vw, mb, vb = (np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b))
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for t in range(1, epochs + 1):
        p = softmax(x @ w + b)
        grad = (p - onehot) / n
        gw = x.T @ grad + l2 * w
        gb = grad.sum(axis=0)
        for param, g, m, v in ((w, gw, mw, vw), (b, gb, mb, vb)):
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * g * g
            param -= lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    return w, b


def fit(texts: list[str], cues: list[tuple[str, ...]], labels: list[str], args) -> dict:
    """A trained model as the JSON the package loads (LinearTextModel.from_file)."""
    classes = sorted(set(labels))
    index = {c: i for i, c in enumerate(classes)}
    vocabulary, idf = build_vocabulary(texts, cues, args.min_df, args.cue_weight)
    x = vectorize(texts, vocabulary, idf, cues)
    w, b = train(x, np.array([index[y] for y in labels]), len(classes), args.l2, args.epochs, args.lr)
    return {"format": 1, "classes": classes, "features": sorted(vocabulary, key=vocabulary.get),
            "idf": [round(float(v), 5) for v in idf],
            "weights": [[round(float(v), 4) for v in row] for row in w], "bias": [round(float(v), 5) for v in b]}


def accuracy(model: dict, texts: list[str], cues: list[tuple[str, ...]], labels: list[str], map_label=None) -> float:
    vocabulary = {f: i for i, f in enumerate(model["features"])}
    scores = vectorize(texts, vocabulary, np.asarray(model["idf"], dtype=np.float32), cues) \
        @ np.asarray(model["weights"], dtype=np.float32) + np.asarray(model["bias"], dtype=np.float32)
    pred = [model["classes"][i] for i in scores.argmax(axis=1)]
    map_label = map_label or (lambda v: v)
    return float(np.mean([map_label(p) == map_label(y) for p, y in zip(pred, labels)]))


def write(model: dict, path: Path, trained_on: str, **meta) -> None:
    model = {**model, "trained_on": trained_on, **meta}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--train-years", nargs="+", default=["2017", "2018"])
    ap.add_argument("--tune-year", default="2019")
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument("--l2", type=float, default=3e-5)
    ap.add_argument("--epochs", type=int, default=1000)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--cue-weight", type=float, default=2.0)
    ap.add_argument("--dry-run", action="store_true", help="report the tuning accuracy, write nothing")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"error: {args.data} not found (the development data lives in ../shared/eval/data)", file=sys.stderr)
        return 2
    rows = load(args.data)
    train_rows = [r for r in rows if r["gold"]["event_date"][:4] in args.train_years]
    tune_rows = [r for r in rows if r["gold"]["event_date"][:4] == args.tune_year]
    taxonomy = load_taxonomy()
    trained_on = f"{args.data.name}, events of {', '.join(args.train_years)}"

    texts, cues = [r["text"] for r in train_rows], report_cues(train_rows)
    tune_texts, tune_cues = [r["text"] for r in tune_rows], report_cues(tune_rows)
    events = fit(texts, cues, [r["gold"]["sub_event_type"] for r in train_rows], args)
    print(f"event classifier: {len(train_rows)} reports, {len(events['features'])} features, "
          f"{len(events['classes'])} classes")
    if tune_rows:
        gold = [r["gold"]["sub_event_type"] for r in tune_rows]
        print(f"  {args.tune_year} ({len(tune_rows)} reports, never seen): "
              f"event_type {accuracy(events, tune_texts, tune_cues, gold, taxonomy.event_type_of):.3f}, "
              f"sub_event_type {accuracy(events, tune_texts, tune_cues, gold):.3f} (model alone, before cue rules)")

    # the region fallback is learned per country; the development data covers Mali
    by_country = [(r, c) for r, c in zip(train_rows, cues) if r["gold"].get("admin1")]
    countries = sorted({r["gold"]["country"] for r, _ in by_country})
    admin1 = {}
    if len(countries) == 1:
        admin1 = fit([r["text"] for r, _ in by_country], [() for _ in by_country],
                     [r["gold"]["admin1"] for r, _ in by_country], args)
        country_rows = [r for r in tune_rows if r["gold"]["country"] == countries[0]]
        if country_rows:
            acc = accuracy(admin1, [r["text"] for r in country_rows], [() for _ in country_rows],
                           [r["gold"]["admin1"] for r in country_rows])
            print(f"admin1 fallback ({countries[0]}): {args.tune_year} accuracy alone {acc:.3f}")
        with_admin2 = [r for r, _ in by_country if r["gold"].get("admin2")]
        admin2 = fit([r["text"] for r in with_admin2], [() for _ in with_admin2],
                     [f"{r['gold']['admin1']}|{r['gold']['admin2']}" for r in with_admin2], args)
    if args.dry_run:
        return 0
    write(events, MODEL_FILE, trained_on)
    if admin1:
        iso = {"Mali": "ML", "Niger": "NE", "Burkina Faso": "BF", "Mauritania": "MR", "Algeria": "DZ", "Libya": "LY",
               "Chad": "TD"}.get(countries[0], countries[0])
        write(admin1, ADMIN1_MODEL_FILE, trained_on, country=iso)
        write(admin2, ADMIN2_MODEL_FILE, trained_on, country=iso)
    return 0


if __name__ == "__main__":
    sys.exit(main())
