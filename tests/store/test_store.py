"""The DuckDB store: one writer path, idempotent saves, replacement, filters, export, refusal of foreign files."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from sahelwatch.errors import InputError, StoreError
from sahelwatch.model import (
    Actor,
    Analysis,
    Claim,
    DateInterval,
    Document,
    Event,
    Evidence,
    Participant,
    Place,
    Relation,
    Toll,
)
from sahelwatch.store import TABLES, Store

TEXT = ("JNIM fighters attacked Malian soldiers near Menaka on Monday, killing 12, the army said. "
        "The group is allied with local militias.")


def evidence(doc_id: str, start: int = 0, end: int = 40, **kw: object) -> Evidence:
    return Evidence(doc_id=doc_id, start=start, end=end, text=TEXT[start:end], extractor="test", confidence=0.8,
                    **kw)


def jnim(doc_id: str, aliases: tuple[str, ...] = ("GSIM",), **kw: object) -> Actor:
    fields: dict = {"id": "jnim", "name": "JNIM", "acled_name": "JNIM: Group for Support of Islam and Muslims",
                    "kind": "armed_group", "country": "ML", "aliases": list(aliases), "in_kb": True,
                    "evidence": [evidence(doc_id, 0, 4)]}
    fields.update(kw)
    return Actor(**fields)


def fama() -> Actor:
    return Actor(id="mali_army", name="FAMa", kind="state_force", country="ML",
                 aliases=["Malian Armed Forces", "Malian army"], in_kb=True)


def attack(doc_id: str, event_id: str = "ev_1", *, start: date = date(2024, 3, 4), end: date | None = None,
           country: str = "ML", type: str = "ASSAULT", acled: str | None = "Battles") -> Event:
    return Event(
        id=event_id, type=type, acled_event_type=acled, acled_sub_event_type="Armed clash" if acled else None,
        trigger="attacked",
        participants=[Participant(actor_id="jnim", name="JNIM", role="source"),
                      Participant(actor_id="mali_army", name="Malian soldiers", role="target")],
        date=DateInterval(start=start, end=end or start, precision="day" if end is None else "month",
                          text="Monday"),
        place=Place(name="Menaka", country=country, admin1="Menaka", lat=15.92, lon=2.40), fatalities=12,
        tolls=[Toll(value=12, low=12, high=12, outcome="killed", text="12", speaker="the army", start=10, end=12),
               Toll(value=40, low=40, high=40, outcome="killed", text="40", speaker="JNIM", modality="reported",
                    start=60, end=62)],
        confidence=0.9, evidence=[evidence(doc_id, 0, 87)])


def analysis(doc_id: str = "doc_a", text: str = TEXT, events: list[Event] | None = None,
             actors: list[Actor] | None = None, published: date = date(2024, 3, 5)) -> Analysis:
    doc = Document.from_text(text, id=doc_id, published=published, source="Test Wire", title="Attack")
    return Analysis(
        document=doc,
        actors=actors if actors is not None else [jnim(doc_id), fama()],
        events=events if events is not None else [attack(doc_id)],
        relations=[Relation(id="rel_1", source_id="jnim", source="JNIM", target_id="local_militia",
                            target="local militias", kind="ally_of", coarse="cooperative",
                            valid=DateInterval(start=date(2024, 1, 1), end=date(2024, 12, 31), precision="year"),
                            confidence=0.6, evidence=[evidence(doc_id, 88, 128)])],
        claims=[Claim(id="cl_1", speaker_id="mali_army", speaker="the army", modality="reported", cue="said",
                      text="JNIM fighters attacked Malian soldiers near Menaka", event_ids=["ev_1"],
                      relation_ids=["rel_1"],
                      confidence=0.7, evidence=evidence(doc_id, 0, 87, speaker="the army", modality="reported"))],
    )


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "test.duckdb") as s:
        yield s


def test_save_writes_every_table(store: Store) -> None:
    assert store.save(analysis()) is True
    counts = store.counts()
    assert set(counts) == set(TABLES)
    assert counts["documents"] == 1 and counts["events"] == 1 and counts["event_participants"] == 2
    assert counts["relations"] == 1 and counts["claims"] == 1 and counts["claim_events"] == 1
    # jnim, mali_army, plus local_militia named only by the relation
    assert counts["actors"] == 3 and counts["actor_aliases"] == 3
    assert counts["evidence"] == 4  # event, relation, claim, actor
    assert store.migrations() == ["0001_initial", "0002_acled", "0003_claims_and_tolls", "0004_fusion"]


def test_same_document_twice_changes_nothing(store: Store) -> None:
    assert store.save(analysis()) is True
    before = store.export_json()
    assert store.save(analysis()) is False
    assert store.export_json() == before  # not even ingested_at moves


def test_same_text_under_another_id_is_not_stored_twice(store: Store) -> None:
    assert store.save(analysis("doc_a")) is True
    assert store.save(analysis("doc_b")) is False
    assert [d["id"] for d in store.documents()] == ["doc_a"]


def test_changed_text_replaces_the_documents_records(store: Store) -> None:
    store.save(analysis())
    new_text = TEXT + " Updated."
    assert store.save(analysis(text=new_text, events=[attack("doc_a", "ev_2", start=date(2024, 3, 3))])) is True
    assert [e["id"] for e in store.events()] == ["ev_2"]
    assert store.evidence("event", "ev_1") == []
    assert len(store.evidence("event", "ev_2")) == 1
    docs = store.documents()
    assert len(docs) == 1 and docs[0]["sha256"] == Document.from_text(new_text).sha256
    assert store.counts()["claims"] == 1 and store.counts()["relations"] == 1


def test_failed_replacement_leaves_old_records(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save(analysis())
    before = store.export_json()

    def boom(*args: object) -> None:
        raise duckdb.ConstraintException("simulated failure")

    monkeypatch.setattr("sahelwatch.store._upsert_actors_in_order", boom)
    with pytest.raises(StoreError, match="cannot save document doc_a"):
        store.save(analysis(text=TEXT + " Changed.", events=[attack("doc_a", "ev_9")]))
    assert store.export_json() == before


def test_force_rewrites_unchanged_text(store: Store) -> None:
    store.save(analysis())
    assert store.save(analysis(events=[attack("doc_a", "ev_3")]), force=True) is True
    assert [e["id"] for e in store.events()] == ["ev_3"]


def test_actor_shared_by_documents_is_stored_once_with_aliases_unioned(store: Store) -> None:
    store.save(analysis("doc_a", actors=[jnim("doc_a", ("GSIM",)), fama()]))
    candidate = jnim("doc_b", ("Nusrat al-Islam",), name="the jihadists", kind="unknown", in_kb=False)
    store.save(analysis("doc_b", text=TEXT + " More.", actors=[candidate, fama()],
                        events=[attack("doc_b", "ev_1")]))
    rows = [a for a in store.actors() if a["id"] == "jnim"]
    assert len(rows) == 1
    assert rows[0]["name"] == "JNIM" and rows[0]["kind"] == "armed_group" and rows[0]["in_kb"] is True
    assert rows[0]["aliases"] == "GSIM; Nusrat al-Islam"
    assert rows[0]["n_events"] == 2 and rows[0]["n_documents"] == 2
    assert store.events(actor="nusrat al-islam")  # the alias learnt from doc_b finds both events
    assert len(store.events(actor="nusrat al-islam")) == 2


def test_same_event_id_in_two_documents_keeps_both(store: Store) -> None:
    store.save(analysis("doc_a"))
    store.save(analysis("doc_b", text=TEXT + " Copy.", events=[attack("doc_b", "ev_1")]))
    assert sorted(e["doc_id"] for e in store.events()) == ["doc_a", "doc_b"]


def test_event_filters(store: Store) -> None:
    events = [attack("doc_a", "ev_1"),
              attack("doc_a", "ev_month", start=date(2024, 2, 1), end=date(2024, 2, 29), country="BF"),
              Event(id="ev_protest", type="PROTEST", acled_event_type="Protests", trigger="protested",
                    participants=[Participant(actor_id="civilians", name="residents", role="source")],
                    date=DateInterval(start=date(2024, 5, 1), end=date(2024, 5, 1)),
                    evidence=[evidence("doc_a")])]
    store.save(analysis(events=events))
    ids = lambda rows: [r["id"] for r in rows]  # noqa: E731
    assert ids(store.events()) == ["ev_month", "ev_1", "ev_protest"]  # by date
    assert ids(store.events(actor="gsim")) == ["ev_month", "ev_1"]  # alias, any case
    assert ids(store.events(actor="JNIM")) == ids(store.events(actor="jnim"))
    assert ids(store.events(actor="malian army")) == ["ev_month", "ev_1"]
    assert ids(store.events(actor="residents")) == ["ev_protest"]  # participant name without an actor row
    assert ids(store.events(type="assault")) == ["ev_month", "ev_1"]  # PLOVER type
    assert ids(store.events(type="protests")) == ["ev_protest"]  # ACLED event type
    assert ids(store.events(country="bf")) == ["ev_month"]
    assert ids(store.events(start="2024-02-15", end="2024-02-16")) == ["ev_month"]  # overlap, not containment
    assert ids(store.events(start=date(2024, 3, 4))) == ["ev_1", "ev_protest"]
    assert ids(store.events(end="2024-01-31")) == []
    assert ids(store.events(doc_id="doc_a", limit=1)) == ["ev_month"]
    assert ids(store.events(actor="jnim", type="ASSAULT", country="ML")) == ["ev_1"]
    rows = store.events()
    assert all(set(r) == set(rows[0]) for r in rows)  # uniform rows: pandas.DataFrame(rows) works


def test_bad_date_filter_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError, match="bad date"):
        store.events(start="March 2024")


def test_timeline_orders_by_date_and_joins_participants(store: Store) -> None:
    store.save(analysis(events=[attack("doc_a", "late", start=date(2024, 4, 1)),
                                attack("doc_a", "early", start=date(2024, 1, 1))]))
    rows = store.timeline(actor="jnim")
    assert [r["event_id"] for r in rows] == ["early", "late"]
    assert rows[0]["participants"] == "JNIM (source); Malian soldiers (target)"
    assert rows[0]["source"] == "Test Wire" and rows[0]["published"] == date(2024, 3, 5)


def test_relations_claims_documents(store: Store) -> None:
    store.save(analysis())
    assert [r["id"] for r in store.relations(actor="gsim")] == ["rel_1"]
    assert [r["id"] for r in store.relations(actor="local militias")] == ["rel_1"]
    assert store.relations(actor="FAMa") == []
    claims = store.claims(speaker="Malian army")
    assert [c["id"] for c in claims] == ["cl_1"] and claims[0]["event_ids"] == "ev_1"
    assert claims[0]["relation_ids"] == "rel_1"
    assert store.events()[0]["tolls"] == "12 killed (the army); 40 killed (JNIM)"
    assert claims[0]["sentence"] == TEXT[0:87]
    assert store.claims(speaker="the army") == claims
    assert store.claims(doc_id="other") == []
    doc = store.documents()[0]
    assert (doc["id"], doc["n_events"], doc["n_claims"], doc["n_chars"]) == ("doc_a", 1, 1, len(TEXT))
    assert "text" not in doc


def test_actors_filters(store: Store) -> None:
    store.save(analysis())
    assert [a["id"] for a in store.actors(kind="armed_group")] == ["jnim"]
    assert [a["id"] for a in store.actors(name="malian")] == ["mali_army"]  # alias substring
    assert {a["id"] for a in store.actors(country="ml")} == {"jnim", "mali_army"}


def test_export_json_round_trip(store: Store) -> None:
    store.save(analysis())
    exported = store.export_json()
    assert set(exported) == set(TABLES)
    assert json.loads(json.dumps(exported)) == exported
    assert exported["documents"][0]["published"] == "2024-03-05"
    assert exported["events"][0]["date_start"] == "2024-03-04"
    assert exported["evidence"][0]["end"] > 0


def test_store_persists_and_migrates_once(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.save(analysis())
    with Store(path) as s:
        assert s.counts()["documents"] == 1
        assert s.migrations() == ["0001_initial", "0002_acled", "0003_claims_and_tolls", "0004_fusion"]
    with Store(path, read_only=True) as s:
        assert s.counts()["events"] == 1
        with pytest.raises(StoreError, match="read-only"):
            s.save(analysis("doc_z", text="Other text."))


def test_non_duckdb_file_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    content = b"these are my notes, not a database\n" * 50
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert "not a DuckDB database" in str(info.value) and "\n" not in str(info.value)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.duckdb"]


def test_empty_file_and_directory_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    empty.write_bytes(b"")
    with pytest.raises(StoreError):
        Store(empty)
    assert empty.read_bytes() == b""
    with pytest.raises(StoreError, match="is a directory"):
        Store(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing" / "x.duckdb")
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_foreign_duckdb_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table documents (x integer)")
    con.close()
    with pytest.raises(StoreError, match="not made by sahelwatch"):
        Store(path)
    con = duckdb.connect(str(path))
    assert [r[0] for r in con.execute("show tables").fetchall()] == ["documents"]
    con.close()


def test_default_path_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAHELWATCH_DB", str(tmp_path / "env.duckdb"))
    with Store() as s:
        assert s.path == tmp_path / "env.duckdb"
    assert (tmp_path / "env.duckdb").exists()
    monkeypatch.delenv("SAHELWATCH_DB")
    monkeypatch.chdir(tmp_path)
    with Store() as s:
        assert s.path == Path("sahelwatch.duckdb")


def test_inconsistent_analysis_is_refused_before_writing(store: Store) -> None:
    with pytest.raises(StoreError, match="two events with id ev_1"):
        store.save(analysis(events=[attack("doc_a"), attack("doc_a")]))
    with pytest.raises(StoreError, match="another document"):
        store.save(analysis(events=[attack("doc_other")]))
    assert store.counts()["documents"] == 0


def test_closed_store_raises(tmp_path: Path) -> None:
    s = Store(tmp_path / "c.duckdb")
    s.close()
    s.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        s.events()
