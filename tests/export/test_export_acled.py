"""ACLED CSV of canonical events: one row per real event with the conservative toll and every outlet, read back by
pandas under ACLED's column names; report-level rows with --reports."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from sahelwatch.acled.exchange import FILE_COLUMNS
from sahelwatch.export import run_export
from sahelwatch.model import ACLED_COLUMNS, AcledRecord
from sahelwatch.store import Store


def _read(tmp_path: Path, store: Store, name: str = "events.csv", **kw: bool) -> pd.DataFrame:
    path = tmp_path / name
    outcome = run_export(store, "acled", path, **kw)
    assert outcome.text is None and any(str(path) in note for note in outcome.notes)
    return pd.read_csv(path, keep_default_na=False)


def test_canonical_rows_load_in_pandas_with_acleds_columns(tmp_path: Path, fused_store: Store) -> None:
    frame = _read(tmp_path, fused_store)
    assert list(frame.columns) == list(FILE_COLUMNS) and set(ACLED_COLUMNS) <= set(frame.columns)
    assert list(frame["doc_id"]) == ["fz_attack", "fz_protest"]  # the statement has no ACLED type
    attack = frame.iloc[0]
    assert attack["fatalities"] == 12  # the conservative canonical value, not 12 + 15
    assert attack["source"] == "Test Wire; Other Outlet"
    assert "killing 12" in attack["notes"] and "killed 15" in attack["notes"]
    assert attack["actor1"].startswith("JNIM") and attack["event_type"] == "Battles"
    assert (float(attack["latitude"]), float(attack["longitude"])) == (15.92, 2.4)


def test_reports_flag_writes_one_row_per_report(tmp_path: Path, fused_store: Store) -> None:
    frame = _read(tmp_path, fused_store, reports=True)
    assert sorted(frame["doc_id"]) == ["doc_a", "doc_a", "doc_b"]
    assert sorted(frame["fatalities"]) == [0, 12, 15]


def test_without_fusion_rows_are_report_level_and_stderr_says_so(tmp_path: Path, store: Store) -> None:
    outcome = run_export(store, "acled", None)
    assert outcome.text is not None and outcome.text.count("\n") == 4  # header + 3 events with an ACLED type
    assert any("fusion has not been run" in n for n in outcome.notes)
    assert any("left out 1 events without an ACLED event type" in n for n in outcome.notes)


def test_a_lone_imported_acled_row_comes_back_unchanged(tmp_path: Path) -> None:
    record = AcledRecord(doc_id="MLI1", event_id_cnty="MLI1", event_date="2024-03-04", event_type="Battles",
                         sub_event_type="Armed clash", actor1="JNIM: Group for Support of Islam and Muslims",
                         actor2="Military Forces of Mali (2021-)", country="Mali", iso="466", location="Menaka",
                         latitude=15.92, longitude=2.4, source="Local media", notes="Clash near Menaka.",
                         fatalities=3, origin="acled")
    path = tmp_path / "acled.duckdb"
    with Store(path) as store:
        store.import_acled([record])
        doc_id = f"acled:{record.event_id_cnty}"
        store.con.execute("""insert into fused_events (id, type, n_reports, n_documents, n_sources, confidence)
                             values ('fz_1', 'ASSAULT', 1, 1, 1, 1.0)""")
        store.con.execute("insert into fused_event_members (fused_id, doc_id, event_id) values ('fz_1', ?, ?)",
                          [doc_id, record.event_id_cnty])
    with Store(path, read_only=True) as store:
        canonical = run_export(store, "acled", None)
        reports = run_export(store, "acled", None, reports=True)
    assert "1 canonical events fused from 1 reports" in canonical.notes[0]
    assert canonical.text == reports.text and "MLI1" in canonical.text
