"""ACLED files in the store: imports are idempotent and atomic, imported and text-derived events are listed side
by side and found by the same actor, both export as ACLED rows, and an older store migrates."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from sahelwatch import analyze
from sahelwatch.acled.exchange import read_acled_csv
from sahelwatch.errors import StoreError
from sahelwatch.model import (
    AcledRecord,
    Analysis,
    DateInterval,
    Document,
    Event,
    Participant,
)
from sahelwatch.store import Store, load_migrations

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "acled"

#: an original report of its own, analysed by the pipeline
TEXT = ("On 3 March 2024, JNIM fighters attacked Malian soldiers near Boulkessi, killing 12 soldiers, the army "
        "said.")


@pytest.fixture(scope="module")
def records() -> list[AcledRecord]:
    records, problems = read_acled_csv(FIXTURES / "dyadic.csv")
    assert problems == []
    return records


@pytest.fixture(scope="module")
def text_analysis():
    return analyze(TEXT, published="2024-03-05", source="Test Wire", doc_id="wire_1")


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "acled.duckdb") as s:
        yield s


def test_import_is_idempotent(store: Store, records: list[AcledRecord]) -> None:
    assert store.import_acled(records) == (5, 0)
    before = store.export_json()
    assert store.import_acled(records) == (0, 5)
    assert store.export_json() == before
    monadic, _ = read_acled_csv(FIXTURES / "monadic.csv")
    assert store.import_acled(monadic) == (0, 5)  # the same events in the other layout
    counts = store.counts()
    assert counts["documents"] == counts["events"] == 5
    assert counts["evidence"] == 5 and counts["event_participants"] == 13


def test_a_row_twice_in_one_import_counts_as_present(store: Store, records: list[AcledRecord]) -> None:
    assert store.import_acled([records[0], records[0], records[1]]) == (2, 1)
    assert store.import_acled([]) == (0, 0)


def test_imported_event_rows(store: Store, records: list[AcledRecord]) -> None:
    store.import_acled(records)
    events = {e["id"]: e for e in store.events()}
    clash = events["MLI90001"]
    assert (clash["doc_id"], clash["origin"], clash["type"], clash["acled_event_type"]) == (
        "acled:MLI90001", "acled", "ASSAULT", "Battles")
    assert (clash["country"], clash["admin1"], clash["place_name"], clash["fatalities"]) == ("ML", "Menaka",
                                                                                            "Menaka", 3)
    assert clash["participants"] == ("JNIM: Group for Support of Islam and Muslims (source); "
                                     "Military Forces of Mali (2021-) (target); Wagner Group (other)")
    week = events["BFO90002"]
    assert (week["date_start"], week["date_end"], week["date_precision"]) == (
        date(2019, 1, 2), date(2019, 1, 8), "week")
    assert week["acled_event_date"] == date(2019, 1, 5) and week["admin3"] == "Titao"
    doc = next(d for d in store.documents() if d["id"] == "acled:MLI90001")
    assert (doc["source"], doc["published"], doc["origin"]) == ("Sahel Monitor; Radio Kayira", date(2024, 3, 4),
                                                                "acled")
    [ev] = store.evidence("event", "MLI90001")
    assert ev["extractor"] == "acled_import" and ev["confidence"] == 1.0
    assert ev["sentence"] == records[0].notes
    actors = {a["id"]: a for a in store.actors()}
    assert actors["fama"]["in_kb"] and actors["fama"]["acled_name"] == "Military Forces of Mali (2021-)"
    assert actors["mali_government"]["acled_name"] == "Government of Mali (2013-2020)"


def test_text_and_acled_events_side_by_side(store: Store, records: list[AcledRecord], text_analysis) -> None:
    assert store.save(text_analysis) is True
    store.import_acled(records)
    origins = [e["origin"] for e in store.events()]
    assert origins.count("acled") == 5 and origins.count("text") == len(text_analysis.events) > 0
    assert {e["origin"] for e in store.events(origin="text")} == {"text"}
    assert len(store.events(origin="acled")) == 5
    jnim = store.events(actor="JNIM")  # the same knowledge-base actor on both sides
    assert {e["origin"] for e in jnim} == {"text", "acled"}
    timeline = store.timeline(actor="jnim", start="2024-01-01")
    assert [r["date_start"] for r in timeline] == sorted(r["date_start"] for r in timeline)
    assert {(r["origin"], r["source"]) for r in timeline} == {("text", "Test Wire"),
                                                             ("acled", "Sahel Monitor; Radio Kayira")}
    assert {r["origin"] for r in store.timeline(origin="acled")} == {"acled"}


def test_notes_analysed_as_text_are_not_duplicates(store: Store, records: list[AcledRecord]) -> None:
    store.import_acled(records)
    notes = records[0].notes
    assert store.save(analyze(notes, published="2024-03-04", doc_id="notes_as_text")) is True
    assert store.save(analyze(notes, published="2024-03-04", doc_id="again")) is False


def test_export_of_both_origins(store: Store, records: list[AcledRecord], text_analysis) -> None:
    store.save(text_analysis)
    store.import_acled(records)
    exported = store.acled_records()
    imported = {r.event_id_cnty: r for r in exported if r.origin == "acled"}
    assert set(imported) == {r.event_id_cnty for r in records}
    for record in records:  # what was read comes back, but for a generated line in place of empty notes
        back = imported[record.event_id_cnty]
        assert back.model_copy(update={"notes": record.notes}) == record
    assert imported["NIG90003"].notes.startswith("Remote explosive/landmine/IED")
    coded = [r for r in exported if r.origin == "coded"]
    assert coded and all(r.doc_id == "wire_1" and r.source == "Test Wire" for r in coded)
    attack = next(r for r in coded if r.actor1.startswith("JNIM"))
    assert attack.actor2 == "Military Forces of Mali (2021-)"
    assert (attack.event_date, attack.fatalities, attack.country) == (date(2024, 3, 3), 12, "Mali")
    assert attack.notes == TEXT
    assert [r.origin for r in store.acled_records(origin="text")] == ["coded"] * len(coded)
    assert {r.event_id_cnty for r in store.acled_records(actor="wagner")} == {"MLI90001"}


def test_events_without_an_acled_type_or_date_are_left_out(store: Store) -> None:
    def event(event_id: str, acled: str | None, day: date | None) -> Event:
        return Event(id=event_id, type="ASSAULT" if acled else "CONSULT", acled_event_type=acled,
                     acled_sub_event_type="Armed clash" if acled else None, trigger="t",
                     date=DateInterval(start=day, end=day) if day else None,
                     participants=[Participant(actor_id="jnim", name="JNIM", role="source")])

    doc = Document.from_text("Three things happened.", id="d", published=date(2024, 3, 5))
    store.save(Analysis(document=doc, events=[event("typed", "Battles", date(2024, 3, 4)),
                                              event("untyped", None, date(2024, 3, 4)),
                                              event("undated", "Battles", None)]))
    [record] = store.acled_records()
    assert (record.doc_id, record.actor1, record.notes) == ("d", "JNIM: Group for Support of Islam and Muslims", "")


def test_import_is_refused_read_only_and_rolled_back_on_failure(tmp_path: Path, records: list[AcledRecord],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.import_acled(records[:1])
    with Store(path, read_only=True) as s, pytest.raises(StoreError, match="read-only"):
        s.import_acled(records)

    def boom(*args: object) -> None:
        raise duckdb.ConstraintException("simulated failure")

    monkeypatch.setattr("sahelwatch.store._upsert_actors", boom)
    with Store(path) as s:
        before = s.export_json()
        with pytest.raises(StoreError, match="cannot import ACLED events"):
            s.import_acled(records)
        assert s.export_json() == before


def test_a_store_made_before_acled_files_migrates(tmp_path: Path, text_analysis) -> None:
    path = tmp_path / "old.duckdb"
    bootstrap, migrations = load_migrations()
    con = duckdb.connect(str(path))
    con.execute(bootstrap)
    name, sql = migrations[0]
    con.execute(sql)
    con.execute("insert into migrations values (?, current_timestamp)", [name])
    con.execute("insert into documents (id, text, sha256, ingested_at) values ('old', 'Old text.', 'x', "
                "current_timestamp)")
    con.close()
    with Store(path) as s:
        assert s.migrations() == ["0001_initial", "0002_acled", "0003_claims_and_tolls", "0004_fusion"]
        assert [(d["id"], d["origin"]) for d in s.documents()] == [("old", "text")]
        s.save(text_analysis)
        assert s.import_acled(read_acled_csv(FIXTURES / "dyadic.csv")[0]) == (5, 0)
