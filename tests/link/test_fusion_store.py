"""fuse_store over a real store: canonical events with their reports, reasons and alternatives; reversible."""
from __future__ import annotations

import json
from datetime import date

import pytest

from sahelwatch.cli import main
from sahelwatch.errors import InputError
from sahelwatch.link import fuse_store
from sahelwatch.model import (
    Analysis,
    DateInterval,
    Document,
    Event,
    Evidence,
    Participant,
    Place,
    Toll,
)
from sahelwatch.store import Store


def attack_report(doc_id: str, day: date, dead: int, source: str, text: str, *, speaker: str | None = None,
                  place: str = "Boulkessi", lat: float = 14.53, lon: float = -1.63) -> Analysis:
    doc = Document.from_text(text, id=doc_id, published=date(2025, 6, 3), source=source)
    ev = Evidence(doc_id=doc_id, start=0, end=len(text), text=text, extractor="test", confidence=0.8)
    event = Event(id="ev_1", type="ASSAULT", acled_event_type="Battles", acled_sub_event_type="Armed clash",
                  trigger="attacked",
                  participants=[Participant(actor_id="jnim", name="JNIM", role="source"),
                                Participant(actor_id="fama", name="Malian army", role="target")],
                  date=DateInterval(start=day, end=day, precision="day", text="Sunday"),
                  place=Place(name=place, country="ML", admin1="Mopti", lat=lat, lon=lon, feature="town"),
                  fatalities=dead,
                  tolls=[Toll(value=dead, low=dead, high=dead, outcome="killed", text=str(dead), speaker=speaker,
                              start=0, end=2)],
                  confidence=0.7, evidence=[ev])
    return Analysis(document=doc, events=[event])


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "fusion.duckdb") as s:
        s.save(attack_report("wire", date(2025, 6, 1), 30, "Sahel Wire",
                             "JNIM fighters attacked the Boulkessi camp on Sunday; the army said 30 died."))
        s.save(attack_report("post", date(2025, 6, 2), 60, "Desert Post",
                             "The group claimed 60 soldiers were killed at Boulkessi.", speaker="JNIM"))
        s.save(attack_report("kidal", date(2025, 6, 1), 4, "Sahel Wire", "Four died in Kidal.", place="Kidal",
                             lat=18.44, lon=1.41))
        yield s


def test_one_canonical_event_per_real_event_with_alternatives(store) -> None:
    summary = fuse_store(store)
    assert (summary.reports, summary.fused_events, summary.merged) == (3, 2, 1)
    boulkessi = store.fused_events(contested=True)
    assert len(boulkessi) == 1
    event = store.fused_event(boulkessi[0]["id"])
    assert event["fatalities"] == 30 and (event["fatalities_low"], event["fatalities_high"]) == (30, 60)
    assert event["n_sources"] == 2 and event["contested"] == "date; fatalities"
    reasons = [r["reason"] for r in event["reports"]]
    assert all("shared actors: fama, jnim" in r for r in reasons)
    figures = {v["value"]: v for v in event["values"] if v["field"] == "fatalities"}
    assert figures["60"]["sources"] == "Desert Post (JNIM)" and figures["30"]["chosen"]
    assert store.fused_events(actor="jnim", country="ML", start="2025-06-01", end="2025-06-01")
    assert store.counts()["fusion_runs"] == 1


def test_fusion_is_reversible_when_a_report_changes(store) -> None:
    fuse_store(store)
    assert store.fused_id_of("wire", "ev_1") == store.fused_id_of("post", "ev_1")
    store.save(attack_report("post", date(2025, 7, 20), 60, "Desert Post",
                             "The group claimed 60 soldiers were killed at Boulkessi in July."))
    fuse_store(store)
    assert store.fused_id_of("wire", "ev_1") != store.fused_id_of("post", "ev_1")
    assert store.counts()["fused_events"] == 3


def test_judgements_are_kept_across_runs(store) -> None:
    store.judge(("wire", "ev_1"), ("post", "ev_1"), "different", "two assaults that weekend")
    fuse_store(store)
    fuse_store(store)
    assert store.fused_id_of("wire", "ev_1") != store.fused_id_of("post", "ev_1")
    store.judge(("wire", "ev_1"), ("post", "ev_1"), "same")
    fuse_store(store)
    assert store.fused_id_of("wire", "ev_1") == store.fused_id_of("post", "ev_1")
    assert store.counts()["fusion_judgements"] == 1


def test_judging_an_unknown_report_is_refused(store) -> None:
    with pytest.raises(InputError, match="no stored event"):
        store.judge(("wire", "ev_1"), ("nowhere", "ev_9"), "same")


def test_cli_fuse_list_show_and_judge(store, capsys) -> None:
    path = str(store.path)
    store.close()
    main(["fuse", "--db", path])
    assert "3 reports -> 2 canonical events" in capsys.readouterr().out
    main(["fused", "--db", path, "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert sorted(r["n_reports"] for r in rows) == [1, 2]
    merged = next(r for r in rows if r["n_reports"] == 2)
    main(["fused", merged["id"], "--db", path, "--format", "json"])
    detail = json.loads(capsys.readouterr().out)
    assert {r["doc_id"] for r in detail["reports"]} == {"wire", "post"}
    main(["judge", "wire:ev_1", "post:ev_1", "different", "--db", path])
    assert "re-fused: 3 canonical events" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["judge", "wire", "post:ev_1", "same", "--db", path])
    assert exit_info.value.code == 1
    assert "expected DOC_ID:EVENT_ID" in capsys.readouterr().err


def test_ingest_fuses_after_storing_unless_told_not_to(tmp_path, capsys) -> None:
    first = tmp_path / "wire.txt"
    first.write_text("JNIM fighters attacked the army camp at Boulkessi on Sunday, killing 30 soldiers, the army "
                     "said.\n", encoding="utf-8")
    second = tmp_path / "post.txt"
    second.write_text("Jihadists of JNIM stormed the Boulkessi military camp on Sunday and killed 60 soldiers, "
                      "the group claimed.\n", encoding="utf-8")
    db = str(tmp_path / "ingest.duckdb")
    main(["ingest", str(first), "--published", "2025-06-03", "--db", db, "--no-fuse"])
    assert "fused:" not in capsys.readouterr().out
    with Store(db, read_only=True) as s:
        assert s.counts()["fused_events"] == 0
    main(["ingest", str(second), "--published", "2025-06-03", "--db", db])
    assert "fused: " in capsys.readouterr().out
    with Store(db, read_only=True) as s:
        camp = [e for e in s.fused_events() if e["place_name"] == "Boulkessi"]
        assert len(camp) == 1 and camp[0]["n_documents"] == 2 and camp[0]["fatalities"] == 30
