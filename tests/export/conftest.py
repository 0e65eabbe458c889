"""Small stores for the export tests, built from hand-made analyses (original text), with the fusion tables
filled by plain SQL so that the tests do not hang on fusion's thresholds.

The store: two outlets report one attack near Menaka (12 and 15 dead), the first document also reports a
protest in Gao without coordinates and a statement without an ACLED type. Fused: the two attack reports under
``fz_attack`` (fatalities contested), the protest alone under ``fz_protest``; the statement is left unfused, as
a report ingested after the last fusion run would be.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from sahelwatch.model import (
    Actor,
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

TEXT_A = ("JNIM fighters attacked Malian soldiers near Menaka on Monday, killing 12, the army said. "
          "Residents of Gao marched against the curfew. The junta denounced the attack.")
TEXT_B = "Jihadists killed 15 soldiers in an assault on an army post near Menaka on Monday, a local official said."
DAY = date(2024, 3, 4)


def _evidence(doc_id: str, text: str, start: int, end: int, **kw: object) -> Evidence:
    return Evidence(doc_id=doc_id, start=start, end=end, text=text[start:end], extractor="test", confidence=0.8,
                    **kw)


def actors() -> list[Actor]:
    return [Actor(id="jnim", name="JNIM", acled_name="JNIM: Group for Support of Islam and Muslims",
                  kind="armed_group", country="ML", aliases=["GSIM"], in_kb=True),
            Actor(id="mali_army", name="FAMa", kind="state_force", country="ML", in_kb=True),
            Actor(id="gao_residents", name="residents of Gao", kind="civilians", country="ML")]


def attack(doc_id: str, text: str, fatalities: int, speaker: str) -> Event:
    sentence_end = text.index(".") + 1
    return Event(
        id="ev_attack", type="ASSAULT", acled_event_type="Battles", acled_sub_event_type="Armed clash",
        trigger="attacked",
        participants=[Participant(actor_id="jnim", name="JNIM fighters", role="source"),
                      Participant(actor_id="mali_army", name="Malian soldiers", role="target")],
        date=DateInterval(start=DAY, end=DAY, precision="day", text="Monday"),
        place=Place(name="Menaka", country="ML", admin1="Menaka", lat=15.92, lon=2.40, geo_precision=2),
        fatalities=fatalities,
        tolls=[Toll(value=fatalities, low=fatalities, high=fatalities, outcome="killed", text=str(fatalities),
                    speaker=speaker, start=10, end=12)],
        confidence=0.9, evidence=[_evidence(doc_id, text, 0, sentence_end)])


def analysis_a() -> Analysis:
    doc = Document.from_text(TEXT_A, id="doc_a", published=date(2024, 3, 5), source="Test Wire", title="Attack")
    protest_start = TEXT_A.index("Residents")
    statement_start = TEXT_A.index("The junta")
    protest = Event(id="ev_protest", type="PROTEST", acled_event_type="Protests",
                    acled_sub_event_type="Peaceful protest", trigger="marched",
                    participants=[Participant(actor_id="gao_residents", name="Residents of Gao", role="source")],
                    date=DateInterval(start=DAY, end=DAY, precision="day"),
                    place=Place(name="Gao", country="ML", admin1="Gao", geo_precision=1),
                    confidence=0.7, evidence=[_evidence("doc_a", TEXT_A, protest_start, statement_start - 1)])
    statement = Event(id="ev_statement", type="ACCUSE", trigger="denounced",
                      participants=[Participant(actor_id="mali_army", name="The junta", role="source")],
                      confidence=0.6,
                      evidence=[_evidence("doc_a", TEXT_A, statement_start, len(TEXT_A), modality="asserted")])
    return Analysis(document=doc, actors=actors(),
                    events=[attack("doc_a", TEXT_A, 12, "the army"), protest, statement])


def analysis_b() -> Analysis:
    doc = Document.from_text(TEXT_B, id="doc_b", published=date(2024, 3, 6), source="Other Outlet",
                             title="Post attacked")
    return Analysis(document=doc, actors=actors()[:2], events=[attack("doc_b", TEXT_B, 15, "a local official")])


def fill_fusion(store: Store) -> None:
    """What a fusion run would write for the two attack reports and the protest (the statement left out)."""
    con = store.con
    con.execute("""insert into fused_events (id, type, acled_event_type, acled_sub_event_type, date_start,
            date_end, date_precision, place_name, country, admin1, admin2, lat, lon, geo_precision, fatalities,
            fatalities_low, fatalities_high, n_reports, n_documents, n_sources, first_published, last_published,
            contested, confidence) values
        ('fz_attack', 'ASSAULT', 'Battles', 'Armed clash', ?, ?, 'day', 'Menaka', 'ML', 'Menaka', null,
         15.92, 2.40, 2, 12, 12, 15, 2, 2, 2, ?, ?, 'fatalities', 0.95),
        ('fz_protest', 'PROTEST', 'Protests', 'Peaceful protest', ?, ?, 'day', 'Gao', 'ML', 'Gao', null,
         null, null, 1, null, null, null, 1, 1, 1, ?, ?, null, 0.7)""",
                [DAY, DAY, date(2024, 3, 5), date(2024, 3, 6), DAY, DAY, date(2024, 3, 5), date(2024, 3, 5)])
    con.execute("""insert into fused_event_members (fused_id, doc_id, event_id, linked_to_doc, linked_to_event,
            score, reason) values
        ('fz_attack', 'doc_a', 'ev_attack', null, null, null, null),
        ('fz_attack', 'doc_b', 'ev_attack', 'doc_a', 'ev_attack', 0.9, 'same type ASSAULT; 0 km apart'),
        ('fz_protest', 'doc_a', 'ev_protest', null, null, null, null)""")
    con.execute("""insert into fused_event_values (fused_id, field, value, n_reports, n_sources, sources, doc_ids,
            chosen) values
        ('fz_attack', 'fatalities', '12', 1, 1, 'Test Wire', 'doc_a', true),
        ('fz_attack', 'fatalities', '15', 1, 1, 'Other Outlet', 'doc_b', false),
        ('fz_attack', 'place', 'Menaka', 2, 2, 'Other Outlet; Test Wire', 'doc_a; doc_b', true)""")
    con.execute("""insert into fused_event_participants (fused_id, actor_id, name, role, n_reports) values
        ('fz_attack', 'jnim', 'JNIM', 'source', 2),
        ('fz_attack', 'mali_army', 'FAMa', 'target', 2),
        ('fz_protest', 'gao_residents', 'residents of Gao', 'source', 1)""")
    con.execute("""insert into fusion_runs (started_at, n_events, n_fused, n_merged, seconds, settings)
                   values (?, 4, 2, 1, 0.01, 'test')""", [datetime(2024, 3, 7)])


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A closed store file with both documents and no fusion run."""
    path = tmp_path / "export.duckdb"
    with Store(path) as store:
        store.save(analysis_a())
        store.save(analysis_b())
    return path


@pytest.fixture
def fused_db_path(db_path: Path) -> Path:
    """The same store after a (hand-written) fusion run."""
    with Store(db_path) as store:
        fill_fusion(store)
    return db_path


@pytest.fixture
def store(db_path: Path):
    with Store(db_path, read_only=True) as s:
        yield s


@pytest.fixture
def fused_store(fused_db_path: Path):
    with Store(fused_db_path, read_only=True) as s:
        yield s
