"""PLOVER JSON: the manual's field names, actors by role with sector and code where the kind decides them,
provenance (sentences, documents), and the alternatives of contested fields of a canonical event."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sahelwatch.export import run_export
from sahelwatch.export.plover import load_mapping
from sahelwatch.model import PLOVER_TYPES
from sahelwatch.store import Store

PLOVER_FIELDS = {"id", "date", "enddate", "event", "mode", "context", "quad_code", "source", "recipient",
                 "event_loc", "dead", "event_text", "text_info", "cite_info", "coder", "version"}


def test_canonical_records_use_plovers_field_names(fused_store: Store) -> None:
    records = json.loads(run_export(fused_store, "plover", None).text)
    assert [r["id"] for r in records] == ["fz_attack", "fz_protest", "doc_a/ev_statement"]
    attack = records[0]
    assert PLOVER_FIELDS <= set(attack)
    assert attack["date"] == attack["enddate"] == "2024-03-04"
    assert attack["event"] == ["ASSAULT"] and attack["quad_code"] == 4
    assert attack["mode"] == [] and attack["context"] == []  # not coded: left empty, never guessed
    assert [(a["identifier_id"], a["sector"], a["kind"], a["country"]) for a in attack["source"]] == [
        ("jnim", "REB", "armed_group", "ML")]
    assert [(a["identifier_id"], a["sector"]) for a in attack["recipient"]] == [("mali_army", "MIL")]
    assert attack["event_loc"] == {"name": "Menaka", "latitude": 15.92, "longitude": 2.4, "country_code": "ML",
                                   "admin1": "Menaka", "admin2": None, "geo_precision": 2}
    assert (attack["dead"], attack["dead_low"], attack["dead_high"]) == (12, 12, 15)
    assert len(attack["event_text"]) == len(attack["text_info"]) == 2
    assert [c["citation"] for c in attack["cite_info"]] == ["doc_a", "doc_b"]
    assert [c["publication"] for c in attack["cite_info"]] == ["Test Wire", "Other Outlet"]
    fusion = attack["fusion"]
    assert fusion["level"] == "canonical" and fusion["n_reports"] == 2 and fusion["contested"] == ["fatalities"]
    assert {a["value"] for a in fusion["alternatives"]["fatalities"]} == {"12", "15"}
    assert records[1]["event_loc"]["latitude"] is None  # a named place without coordinates stays
    statement = records[2]
    assert statement["fusion"] == {"level": "report", "doc_id": "doc_a", "event_id": "ev_statement"}
    assert statement["quad_code"] == 3 and statement["date"] is None and statement["event_loc"] is None


def test_report_level_records_carry_every_toll_with_its_speaker(store: Store) -> None:
    records = {r["id"]: r for r in json.loads(run_export(store, "plover", None).text)}
    assert len(records) == 4
    tolls = records["doc_a/ev_attack"]["tolls"]
    assert [(t["value"], t["speaker"]) for t in tolls] == [(12, "the army")]
    assert records["doc_a/ev_protest"]["source"][0]["sector"] == "CVL"


def test_jsonl_output_is_one_record_per_line(tmp_path: Path, fused_store: Store) -> None:
    path = tmp_path / "events.jsonl"
    outcome = run_export(fused_store, "plover", path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and [json.loads(line)["id"] for line in lines][0] == "fz_attack"
    assert "JSON Lines" in outcome.notes[0]


def test_mapping_file_names_only_plover_types_and_quad_categories() -> None:
    mapping = load_mapping()
    assert set(mapping["quad"]) <= set(PLOVER_TYPES) and set(mapping["quad"].values()) == {1, 2, 3, 4}
    assert set(mapping["sectors"].values()) <= {"GOV", "MIL", "REB", "CVL", "UAF", "COP", "PRM", "OPP"}
    assert set(mapping["codes"].values()) <= {"IGO", "NGO", "ISM", "IMG", "MNC"}


def test_a_bad_quad_category_is_a_knowledge_base_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from sahelwatch.errors import KnowledgeBaseError
    from sahelwatch.export import plover

    load_mapping.cache_clear()
    monkeypatch.setattr(plover.yaml, "safe_load", lambda _text: {"quad": {"ASSAULT": 5}})
    try:
        with pytest.raises(KnowledgeBaseError, match="quad ASSAULT"):
            load_mapping()
    finally:
        load_mapping.cache_clear()
    assert yaml.safe_load  # the real loader is back once monkeypatch undoes the patch
