"""Scoring fusion on a labelled set of report clusters (``tests/fixtures/fusion/<set>/``).

A set is a folder of reports (``reports.json``: id, file, published, source, language) and ``clusters.json``:
the real events, each with the mentions that report it, a mention being a document id and an *anchor*, an
exact piece of the sentence that reports the event. The pipeline analyses every report; an extracted event
stands for a gold mention when one of its evidence sentences contains the anchor (when its sentences hold
anchors of two real events, the one in its first sentence; if that is still two, it is left out). Fusion is
then scored on pairs of mapped events: precision is the share of merged pairs that are one real event,
recall the share of same-event pairs that were merged.

Two measures come out of one set. *End to end* fuses what the pipeline extracted, so extraction errors (a
wrong day, a missed place) count against fusion too. *Records* fuses the reports as they are written: each
mention in ``clusters.json`` also carries, under ``report``, what that report states (type, date as a day, a
month or a range, place, actors with roles, toll, modality), so fusion's own decisions are measured alone, as
record-linkage benchmarks do.
"""
from __future__ import annotations

import calendar
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sahelwatch.errors import InputError
from sahelwatch.kb.gazetteer import load_gazetteer
from sahelwatch.link.fusion import fuse
from sahelwatch.link.reports import Report, make_report, reports_from_analyses
from sahelwatch.link.settings import FusionSettings, load_settings
from sahelwatch.model import Analysis, Document


@dataclass
class LabelledSet:
    name: str
    documents: list[Document]
    clusters: list[dict]


@dataclass
class FusionScore:
    precision: float
    recall: float
    f1: float
    mentions: int                 # gold mentions
    mapped: int                   # gold mentions some extracted event stands for
    events: int                   # extracted events
    canonical: int                # canonical events after fusion
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    wrong_merges: list[tuple[str, str]] = field(default_factory=list)   # (cluster, cluster) merged wrongly
    missed: list[tuple[str, str, str]] = field(default_factory=list)    # (cluster, key, key) left apart


def load_labelled_set(folder: str | Path) -> LabelledSet:
    folder = Path(folder)
    try:
        meta = json.loads((folder / "reports.json").read_text(encoding="utf-8"))
        clusters = json.loads((folder / "clusters.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{folder}: not a labelled fusion set ({exc.__class__.__name__}: {exc})") from exc
    documents = []
    for m in meta:
        text = (folder / m["file"]).read_text(encoding="utf-8")
        documents.append(Document.from_text(text, id=m["id"], published=m.get("published"),
                                            source=m.get("source"), language=m.get("language", "en")))
    return LabelledSet(folder.name, documents, clusters)


def analyse_set(labelled: LabelledSet) -> list[Analysis]:
    from sahelwatch.pipeline import analyze_document

    return [analyze_document(d) for d in labelled.documents]


def gold_of_events(labelled: LabelledSet, analyses: list[Analysis]) -> tuple[dict[tuple[str, str], str], int]:
    """Extracted event key -> gold cluster id, and how many gold mentions were found."""
    anchors: dict[str, list[tuple[str, str]]] = {}
    for c in labelled.clusters:
        for m in c["mentions"]:
            anchors.setdefault(m["doc"], []).append((m["anchor"], c["id"]))
    gold: dict[tuple[str, str], str] = {}
    found: set[tuple[str, str]] = set()
    for a in analyses:
        doc_id = a.document.id
        for e in a.events:
            sentences = [ev.text for ev in e.evidence]
            hits = {(anchor, cid) for anchor, cid in anchors.get(doc_id, []) if any(anchor in s for s in sentences)}
            if len({cid for _, cid in hits}) > 1:  # a sentence telling two events: the first sentence decides
                hits = {(anchor, cid) for anchor, cid in hits if sentences and anchor in sentences[0]}
            if len({cid for _, cid in hits}) == 1:
                gold[(doc_id, e.id)] = next(iter(hits))[1]
                found |= {(doc_id, anchor) for anchor, _ in hits}
    return gold, len(found)


def score_fusion(labelled: LabelledSet, analyses: list[Analysis],
                 settings: FusionSettings | None = None) -> FusionScore:
    """End to end: fusion of the events the pipeline extracted from the set's reports."""
    s = settings or load_settings()
    reports = list(reports_from_analyses(analyses, s))
    gold, mapped = gold_of_events(labelled, analyses)
    return _pairwise(labelled, reports, gold, mapped, s)


def score_records(labelled: LabelledSet, settings: FusionSettings | None = None) -> FusionScore:
    """Fusion alone: the reports as written (``mention["report"]``), one record per mention."""
    s = settings or load_settings()
    reports, gold = [], {}
    for cluster in labelled.clusters:
        for k, mention in enumerate(cluster["mentions"]):
            if "report" not in mention:
                raise InputError(f"{labelled.name}: mention {k} of {cluster['id']} has no 'report' record")
            r = record_report(labelled, cluster, mention, k, s)
            reports.append(r)
            gold[r.key] = cluster["id"]
    return _pairwise(labelled, reports, gold, len(reports), s)


def _parse_when(text: str | None) -> tuple[date | None, date | None, str | None]:
    """'2024-07-26', '2024-07' (a month), '2024' (a year) or '2024-07-25..2024-07-27'."""
    if not text:
        return None, None, None
    if ".." in text:
        a, b = text.split("..", 1)
        return date.fromisoformat(a), date.fromisoformat(b), "week"
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts), "day"
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(*parts)[1]), "month"
    return date(parts[0], 1, 1), date(parts[0], 12, 31), "year"


def record_report(labelled: LabelledSet, cluster: dict, mention: dict, k: int, s: FusionSettings) -> Report:
    rec = mention["report"]
    doc = next(d for d in labelled.documents if d.id == mention["doc"])
    start, end, precision = _parse_when(rec.get("date"))
    place = dict(place_name=None, country=rec.get("country"))
    if rec.get("place"):
        entry = load_gazetteer().best(rec["place"], rec.get("country"))
        place = dict(place_name=rec["place"], country=rec.get("country") or (entry.country if entry else None))
        if entry is not None:
            place.update(country=place["country"] or entry.country, admin1=entry.admin1 or None,
                         admin2=entry.admin2 or None, lat=entry.lat, lon=entry.lon, feature=entry.feature,
                         geo_precision=3 if entry.feature in ("region", "country") else 1)
    return make_report(
        key=(doc.id, f"{cluster['id']}_m{k}"), type=rec.get("type") or cluster["type"], settings=s,
        start=start, end=end, precision=precision, **place, fatalities=rec.get("fatalities"),
        modality=rec.get("modality", "asserted"),
        participants=[(a["id"], a["id"], a.get("role", "other")) for a in rec.get("actors", [])],
        outlet=doc.source, published=doc.published)


def _pairwise(labelled: LabelledSet, reports: list[Report], gold: dict[tuple[str, str], str], mapped: int,
              s: FusionSettings) -> FusionScore:
    result = fuse(reports, s)
    group = result.group_of()
    keys = sorted(gold)
    true_pairs = predicted = correct = 0
    wrong: list[tuple[str, str]] = []
    missed: list[tuple[str, str, str]] = []
    for x, a in enumerate(keys):
        for b in keys[x + 1:]:
            same_gold = gold[a] == gold[b]
            same_pred = group[a] == group[b]
            true_pairs += same_gold
            predicted += same_pred
            correct += same_gold and same_pred
            if same_pred and not same_gold:
                wrong.append((gold[a], gold[b]))
            if same_gold and not same_pred:
                missed.append((gold[a], f"{a[0]}:{a[1]}", f"{b[0]}:{b[1]}"))
    precision = correct / predicted if predicted else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return FusionScore(precision=round(precision, 3), recall=round(recall, 3), f1=round(f1, 3),
                       mentions=sum(len(c["mentions"]) for c in labelled.clusters), mapped=mapped,
                       events=len(reports), canonical=len(result.groups), true_pairs=true_pairs,
                       predicted_pairs=predicted, correct_pairs=correct, wrong_merges=wrong, missed=missed)
