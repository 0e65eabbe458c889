"""Which events an export writes: canonical ones once fusion has been run (unfused reports beside them, counted),
report-level ones before that or when asked."""
from __future__ import annotations

import pytest

from sahelwatch.export.events import select_events
from sahelwatch.store.queries import has_fusion
from sahelwatch.store import Store


def test_without_fusion_every_report_is_exported_and_the_note_says_why(store: Store) -> None:
    assert not has_fusion(store.con)
    selection = select_events(store.con)
    assert not selection.canonical
    assert len(selection.views) == store.counts()["events"] == 4
    assert {v["id"] for v in selection.views} == {"doc_a/ev_attack", "doc_a/ev_protest", "doc_a/ev_statement",
                                                 "doc_b/ev_attack"}
    assert "fusion has not been run" in selection.note()


def test_report_view_keeps_participants_tolls_evidence_and_document(store: Store) -> None:
    view = next(v for v in select_events(store.con).views if v["id"] == "doc_b/ev_attack")
    assert [(p["actor_id"], p["role"], p["kind"]) for p in view["participants"]] == [
        ("jnim", "source", "armed_group"), ("mali_army", "target", "state_force")]
    assert [t["value"] for t in view["tolls"]] == [15] and view["fatalities_low"] == view["fatalities_high"] == 15
    assert view["evidence"][0]["text"].startswith("Jihadists killed 15 soldiers")
    assert [d["source"] for d in view["documents"]] == ["Other Outlet"]


def test_with_fusion_canonical_events_and_unfused_reports(fused_store: Store) -> None:
    selection = select_events(fused_store.con)
    assert selection.canonical and selection.n_reports == 4 and selection.n_unfused == 1
    assert [v["id"] for v in selection.views] == ["fz_attack", "fz_protest", "doc_a/ev_statement"]
    attack = selection.views[0]
    assert attack["level"] == "canonical" and attack["n_reports"] == 2 and attack["n_sources"] == 2
    assert attack["fatalities"] == 12 and (attack["fatalities_low"], attack["fatalities_high"]) == (12, 15)
    assert [d["doc_id"] for d in attack["documents"]] == ["doc_a", "doc_b"]  # publication order
    assert len(attack["evidence"]) == 2
    assert attack["contested"] == ["fatalities"]
    assert [(a["value"], a["chosen"]) for a in attack["alternatives"]["fatalities"]] == [("12", True), ("15", False)]
    assert "place" not in attack["alternatives"]  # one value, uncontested
    note = selection.note()
    assert "2 canonical events fused from 3 reports" in note and "1 reports not yet fused" in note


def test_reports_flag_gives_report_level_events_even_after_fusion(fused_store: Store) -> None:
    selection = select_events(fused_store.con, reports=True)
    assert not selection.canonical and len(selection.views) == 4
    assert "fusion has not been run" not in selection.note()


def test_after_a_real_fusion_run_the_two_attack_reports_are_one_event(db_path) -> None:
    fusion = pytest.importorskip("sahelwatch.link.fusion")
    with Store(db_path) as writable:
        fusion.fuse_store(writable)
    with Store(db_path, read_only=True) as store:
        selection = select_events(store.con)
    assert selection.canonical and selection.n_unfused == 0 and len(selection.views) == 3
    attack = next(v for v in selection.views if v["type"] == "ASSAULT")
    assert attack["n_reports"] == 2 and attack["fatalities"] == 12 and "fatalities" in attack["contested"]
