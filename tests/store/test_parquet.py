"""The Parquet sink: typed parts readable by pyarrow, pandas and DuckDB, the DuckDB store's rows, atomic batches."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from sahelwatch.errors import StoreError
from sahelwatch.pipeline import analyze
from sahelwatch.store import Store
from sahelwatch.store import parquet as parquet_module
from sahelwatch.store.parquet import SCHEMAS, ParquetStore
from sahelwatch.store.rows import analysis_rows

TEXTS = {
    "p1": "Gunmen attacked an army post near Menaka on 3 March 2024, killing four soldiers, the army said.",
    "p2": ("JNIM, an al-Qaeda-affiliated group, ambushed a convoy near Gao on 5 March 2024, killing two drivers, a "
           "local official said. The army said Russia's Wagner was backing the Malian troops."),
    "p3": "The weather in Bamako was mild on Tuesday and the markets were busy.",  # no event at all
}


@pytest.fixture(scope="module")
def analyses():
    return {doc_id: analyze(text, published="2024-03-06", doc_id=doc_id) for doc_id, text in TEXTS.items()}


def test_schemas_are_the_rows_columns_with_the_duckdb_types(analyses):
    rows = analysis_rows(analyses["p2"], ingested_at=datetime(2024, 3, 6))
    with Store(":memory:") as store:
        for table, schema in SCHEMAS.items():
            if table == "placeholder_actors":  # rare in text; inserted into actors by the DuckDB store
                assert schema.names == ["id", "name"]
                continue
            got = [rows.document] if table == "documents" else getattr(rows, table)
            assert got, f"fixture yields no {table} rows"
            assert list(got[0]) == schema.names, table
            duck = store.con.sql(f"select * from {table} limit 0").to_arrow_table().schema
            assert [duck.field(name).type for name in schema.names] == list(schema.types), table


def test_parts_are_typed_and_readable_by_pyarrow_pandas_and_duckdb(tmp_path, analyses):
    with ParquetStore(tmp_path / "pq") as sink:
        assert sink.save(analyses["p3"])  # a batch without events, relations or claims
    events = tmp_path / "pq" / "events"
    assert [p.name for p in events.iterdir()] == ["part-000001.parquet"]
    dataset = ds.dataset(events, format="parquet")
    assert dataset.schema.field("date_start").type == pa.date32() and dataset.count_rows() == 0
    assert pd.read_parquet(events).empty
    with ParquetStore(tmp_path / "pq") as sink:
        assert sink.save(analyses["p1"])
        assert not sink.save(analyses["p1"])  # the same text again, in the buffer
    frame = pd.read_parquet(events)
    assert set(frame["doc_id"]) == {"p1"} and frame["fatalities"].tolist() == [4]
    assert ds.dataset(events, format="parquet").schema.field("fatalities").type == pa.int32()
    con = duckdb.connect()
    n, docs = con.execute(f"select count(*), count(distinct doc_id) from read_parquet('{events}/*.parquet')"
                          ).fetchone()
    assert n == len(frame) and docs == 1


def test_rows_are_those_the_duckdb_store_holds(tmp_path, analyses):
    with Store(tmp_path / "s.duckdb") as store, ParquetStore(tmp_path / "pq") as sink:
        for analysis in analyses.values():
            store.save(analysis)
            sink.save(analysis)
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        for table in ("events", "event_participants", "relations", "claims", "evidence", "actor_aliases"):
            names = ", ".join(f'"{c}"' for c in SCHEMAS[table].names)
            stored = store.con.sql(f"select {names} from {table}").to_arrow_table().to_pylist()
            written = pd.read_parquet(tmp_path / "pq" / table).astype(object).where(lambda f: f.notna(), None)
            key = repr
            assert sorted(map(key, stored)) == sorted(map(key, written.to_dict("records"))), table


def test_shared_rows_are_written_once_across_batches(tmp_path, analyses):
    with ParquetStore(tmp_path / "pq", flush_every=1) as sink:
        for analysis in analyses.values():
            sink.save(analysis)
    with ParquetStore(tmp_path / "pq") as sink:  # reopened: knows what is there
        counts = sink.counts()
        assert sink.known_sha256() == {a.document.sha256 for a in analyses.values()}
    assert counts["documents"] == 3 and len(list((tmp_path / "pq" / "documents").iterdir())) == 3
    actors = pd.read_parquet(tmp_path / "pq" / "actors")
    aliases = pd.read_parquet(tmp_path / "pq" / "actor_aliases")
    assert actors["id"].is_unique and not aliases.duplicated().any()
    assert counts["actors"] == len(actors)


def test_a_batch_interrupted_before_its_documents_part_is_not_stored(tmp_path, analyses, monkeypatch):
    with ParquetStore(tmp_path / "pq") as sink:
        sink.save(analyses["p1"])
    real = parquet_module._publish

    def dies_at_documents(tmp: Path, final: Path) -> None:
        if final.parent.name == "documents":
            raise KeyboardInterrupt
        real(tmp, final)

    monkeypatch.setattr(parquet_module, "_publish", dies_at_documents)
    sink = ParquetStore(tmp_path / "pq")
    sink.save(analyses["p2"])
    with pytest.raises(KeyboardInterrupt):
        sink.flush()
    monkeypatch.setattr(parquet_module, "_publish", real)
    orphan = tmp_path / "pq" / "events" / "part-000002.parquet"
    assert orphan.exists() and list((tmp_path / "pq").rglob(".tmp-*"))  # published, never committed

    ParquetStore(tmp_path / "pq").close()  # opening alone drops the uncommitted batch
    assert not orphan.exists() and not list((tmp_path / "pq").rglob(".tmp-*"))
    with ParquetStore(tmp_path / "pq") as sink:
        assert sink.known_sha256() == {analyses["p1"].document.sha256}
        assert sink.save(analyses["p2"])
    events = pd.read_parquet(tmp_path / "pq" / "events")
    assert set(events["doc_id"]) == {"p1", "p2"} and not events.duplicated(["doc_id", "id"]).any()


def test_a_file_is_not_a_dataset(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        ParquetStore(tmp_path / "f")
    with pytest.raises(StoreError, match="does not exist"):
        ParquetStore(tmp_path / "missing" / "pq")
