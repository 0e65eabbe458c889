"""Fusion on the labelled report clusters (tests/fixtures/fusion), and the reference article fused with
original reports of the same events. Floors sit a little under the figures measured when they were set."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sahelwatch.link import fuse_store
from sahelwatch.link.evaluation import analyse_set, load_labelled_set, score_fusion, score_records
from sahelwatch.store import Store

SETS = Path(__file__).resolve().parents[1] / "fixtures" / "fusion"

#: (precision, recall) the issue asks of fusion on its own, on the reports as written
RECORD_BAR = (0.90, 0.90)
#: end to end, extraction errors included: 0.10 under the measured figures
END_TO_END_FLOORS = {"dev": (0.90, 0.39), "heldout": (0.60, 0.12)}


@pytest.mark.parametrize("name", ["dev", "heldout"])
def test_fusion_alone_meets_the_bar(name: str) -> None:
    score = score_records(load_labelled_set(SETS / name))
    assert score.precision >= RECORD_BAR[0] and score.recall >= RECORD_BAR[1], score


@pytest.mark.parametrize("name", ["dev", "heldout"])
def test_fusion_of_extracted_events_holds_its_floor(name: str) -> None:
    labelled = load_labelled_set(SETS / name)
    score = score_fusion(labelled, analyse_set(labelled))
    precision, recall = END_TO_END_FLOORS[name]
    assert score.precision >= precision and score.recall >= recall, score
    assert score.mapped >= 0.7 * score.mentions  # the anchors still find the events the pipeline reads


@pytest.fixture(scope="module")
def reference_store(shared, tmp_path_factory):
    """The reference article and the dev reports of the same events, fused in one store."""
    from sahelwatch.ingest import read_path
    from sahelwatch.pipeline import analyze_document

    labelled = load_labelled_set(SETS / "dev")
    companions = {m["doc"] for c in labelled.clusters if c.get("reference") for m in c["mentions"]}
    store = Store(tmp_path_factory.mktemp("reference") / "fusion.duckdb")
    article = next((shared / "corpus").glob("000_*.txt"))
    store.save(analyze_document(read_path(article, published="2025-06-10", source="reference article")[0]))
    for doc in labelled.documents:
        if doc.id in companions:
            store.save(analyze_document(doc))
    fuse_store(store)
    yield store, article.stem
    store.close()


def _events(store: Store, type_: str, start: str, end: str, reference: str) -> list[dict]:
    """Canonical events of a type in a window that hold a report of the reference article."""
    found = []
    for row in store.fused_events(type=type_, start=start, end=end):
        event = store.fused_event(row["id"])
        if any(r["doc_id"] == reference for r in event["reports"]):
            found.append(event)
    return found


def test_reference_battle_of_tinzaouaten_is_one_event_with_every_toll(reference_store) -> None:
    store, reference = reference_store
    events = _events(store, "ASSAULT", "2024-07-24", "2024-07-28", reference)
    assert len(events) == 1
    battle = events[0]
    assert battle["place_name"] == "Tinzaouaten" and battle["n_documents"] >= 4
    assert sum(r["doc_id"] == reference for r in battle["reports"]) == 2  # the article's two accounts
    tolls = {v["value"] for v in battle["values"] if v["field"] == "fatalities"}
    assert {"47", "84", "131"} <= tolls and "fatalities" in battle["contested"]


def test_reference_drone_downing_is_one_event(reference_store) -> None:
    store, reference = reference_store
    events = _events(store, "ASSAULT", "2025-03-30", "2025-04-12", reference)
    assert len(events) == 1
    drone = events[0]
    assert {r["doc_id"] for r in drone["reports"]} >= {reference, "dev_r08", "dev_r09"}
    assert drone["date_start"] in (date(2025, 3, 31), date(2025, 4, 1))
    assert any("the only candidate" in (r["reason"] or "") for r in drone["reports"])


def test_reference_wagner_departure_is_one_event(reference_store) -> None:
    store, reference = reference_store
    events = _events(store, "RETREAT", "2025-06-05", "2025-06-08", reference)
    assert len(events) == 1
    # dev_r16 stays apart: its event is placed at "Russian" (an adjective read as a place), with no country
    assert {r["doc_id"] for r in events[0]["reports"]} >= {reference, "dev_r15"}
