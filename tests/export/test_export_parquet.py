"""Parquet of every table: pyarrow and pandas read each file back with the store's row counts and types; only
the table files are written."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from sahelwatch.errors import InputError
from sahelwatch.export import run_export
from sahelwatch.export.parquet import sql_string, write_parquet
from sahelwatch.store import TABLES, Store


def test_every_table_reads_back_with_its_row_count(tmp_path: Path, fused_store: Store) -> None:
    out = tmp_path / "tables"
    outcome = run_export(fused_store, "parquet", out)
    counts = fused_store.counts()
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
    for table in TABLES:
        assert pq.read_table(out / f"{table}.parquet").num_rows == counts[table], table
    events = pd.read_parquet(out / "events.parquet")
    assert list(events["doc_id"]) == ["doc_a", "doc_a", "doc_a", "doc_b"]  # stable order
    assert events.loc[events["id"] == "ev_attack", "date_start"].iloc[0] == date(2024, 3, 4)  # a date, not text
    assert str(sum(counts.values())) in outcome.notes[0] and "fused_events 2" in outcome.notes[0]


def test_overwrites_only_the_files_it_names(tmp_path: Path, store: Store) -> None:
    out = tmp_path / "tables"
    out.mkdir()
    (out / "events.parquet").write_text("stale", encoding="utf-8")
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    write_parquet(store.con, out)
    assert pq.read_table(out / "events.parquet").num_rows == 4
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_a_quote_in_the_directory_name_is_safe(tmp_path: Path, store: Store) -> None:
    out = tmp_path / "it's here; drop table events"
    written = write_parquet(store.con, out)
    assert written["events"] == 4 and pq.read_table(out / "events.parquet").num_rows == 4
    assert sql_string("a'b") == "'a''b'"


def test_a_file_or_a_missing_parent_is_refused(tmp_path: Path, store: Store) -> None:
    a_file = tmp_path / "file.parquet"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a directory"):
        write_parquet(store.con, a_file)
    with pytest.raises(InputError, match="does not exist"):
        write_parquet(store.con, tmp_path / "missing" / "tables")
