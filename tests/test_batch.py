"""Parallel ingest: local processes and a Dask cluster store exactly what one process stores; resume after an
interruption stores the rest and nothing twice; bad options end in one line, with nothing written."""
from __future__ import annotations

import json
import os
import signal
import socket
from pathlib import Path

import pandas as pd
import pytest

from sahelwatch import batch
from sahelwatch.cli import main
from sahelwatch.ingest import iter_documents
from sahelwatch.store import Store
from sahelwatch.store.parquet import ParquetStore

#: small original texts; "d5" repeats "d1" under another id (stored once)
TEXTS = [
    ("d1", "Gunmen attacked an army post near Menaka on 3 March 2024, killing four soldiers, the army said."),
    ("d2", "JNIM fighters ambushed a convoy near Gao on 5 March 2024. Two drivers were killed, an official said."),
    ("d3", "Malian troops and Wagner fighters raided a village near Mopti on 1 March 2024, residents said."),
    ("d4", "Suspected militants burned a school near Dori on 2 March 2024, according to a local source."),
    ("d5", "Gunmen attacked an army post near Menaka on 3 March 2024, killing four soldiers, the army said."),
]
TIMESTAMPS = ("ingested_at", "applied_at")


def write_corpus(folder: Path, texts=TEXTS) -> Path:
    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": t, "published": "2024-03-06"}) + "\n" for i, t in texts),
                    encoding="utf-8")
    return path


def ingest(*args: object) -> int:
    try:
        main(["ingest", *map(str, args), "--no-fuse"])  # fusion is tested in tests/link
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def content(db: Path) -> dict:
    """Every table of the store, timestamps left out."""
    with Store(db, read_only=True) as store:
        data = store.export_json()
    data.pop("migrations")
    return {table: [{k: v for k, v in row.items() if k not in TIMESTAMPS} for row in rows]
            for table, rows in data.items()}


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> tuple[Path, dict]:
    """The corpus and what one process stores from it."""
    folder = tmp_path_factory.mktemp("serial")
    corpus = write_corpus(folder)
    assert ingest(corpus, "--db", folder / "one.duckdb") == 0
    stored = content(folder / "one.duckdb")
    assert len(stored["documents"]) == 4 and stored["events"]
    return corpus, stored


def test_two_local_workers_store_what_one_process_stores(serial, tmp_path, capsys):
    corpus, expected = serial
    assert ingest(corpus, "--workers", "2", "--db", tmp_path / "two.duckdb") == 0
    assert capsys.readouterr().out.startswith("4 stored, 1 already in the store, 0 skipped")
    assert content(tmp_path / "two.duckdb") == expected


def test_a_dask_cluster_stores_what_one_process_stores(serial, tmp_path, capsys):
    distributed = pytest.importorskip("distributed")
    corpus, expected = serial
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  scheduler_port=0) as cluster:
        address = cluster.scheduler_address
        assert ingest(corpus, "--dask", address, "--db", tmp_path / "dask.duckdb") == 0
        assert ingest(corpus, "--dask", address, "--parquet", tmp_path / "pq") == 0
    assert content(tmp_path / "dask.duckdb") == expected
    events = pd.read_parquet(tmp_path / "pq" / "events")
    assert sorted(zip(events["doc_id"], events["id"])) == sorted((e["doc_id"], e["id"]) for e in expected["events"])
    assert capsys.readouterr().out.count("4 stored, 1 already in the store") == 2


def test_resume_stores_the_rest_and_nothing_twice(serial, tmp_path, capsys):
    corpus, expected = serial
    first = write_corpus(tmp_path, TEXTS[:2])  # as if the first run had stopped after two documents
    assert ingest(first, "--db", tmp_path / "r.duckdb") == 0
    assert ingest(corpus, "--db", tmp_path / "r.duckdb") == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("2 stored, 3 already in the store")
    assert content(tmp_path / "r.duckdb") == expected


class Interrupting:
    """An executor that analyses ``n`` batches and then meets Ctrl-C."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __call__(self, batches):
        for i, b in enumerate(batches):
            if i == self.n:
                raise KeyboardInterrupt
            yield batch.analyze_batch(b)


@pytest.mark.parametrize("sink_kind", ["duckdb", "parquet"])
def test_an_interrupted_run_keeps_what_it_stored_and_a_rerun_completes_it(serial, tmp_path, sink_kind):
    corpus, expected = serial
    items = list(iter_documents([corpus]))

    def run(executor):
        if sink_kind == "parquet":
            with ParquetStore(tmp_path / "pq", flush_every=1) as sink:
                return batch.ingest(items, sink, executor)
        with Store(tmp_path / "s.duckdb") as store:
            return batch.ingest(items, batch.StoreSink(store), executor)

    first = run(Interrupting(2))
    assert first.interrupted and first.stored == 2
    analysed: list[str] = []

    def counting(batches):
        for b in batches:
            analysed.extend(d.id for d in b)
            yield batch.analyze_batch(b)

    second = run(counting)
    assert not second.interrupted and (second.stored, second.unchanged) == (2, 3)
    assert analysed == ["d3", "d4"]  # what was stored is not analysed again
    if sink_kind == "duckdb":
        assert content(tmp_path / "s.duckdb") == expected
    else:
        docs = pd.read_parquet(tmp_path / "pq" / "documents")
        events = pd.read_parquet(tmp_path / "pq" / "events")
        assert sorted(docs["id"]) == ["d1", "d2", "d3", "d4"]
        assert sorted(zip(events["doc_id"], events["id"])) == sorted((e["doc_id"], e["id"])
                                                                      for e in expected["events"])


def test_ctrl_c_during_a_write_waits_for_the_write_to_finish():
    done = []
    with pytest.raises(KeyboardInterrupt):
        with batch._interrupt_after():
            os.kill(os.getpid(), signal.SIGINT)
            done.append("write finished")
    assert done == ["write finished"]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("options, message", [
    (["--workers", "0"], "'--workers'"),
    (["--workers", "2", "--dask", "tcp://127.0.0.1:8786"], "exclude each other"),
    (["--dask", f"tcp://127.0.0.1:{closed_port()}"], "cannot reach the Dask scheduler"),
    (["--dask", "tcp://127.0.0.1"], "bad Dask scheduler address"),
    (["--parquet", "PQ", "--db", "DB"], "exclude each other"),
])
def test_bad_options_end_in_one_line_and_write_nothing(tmp_path, capsys, options, message):
    corpus = write_corpus(tmp_path)
    options = [str(tmp_path / o) if o in ("PQ", "DB") else o for o in options]
    code = ingest(corpus, *options, *(() if "--db" in options else ("--db", tmp_path / "db")))
    err = capsys.readouterr().err
    assert code != 0 and err.startswith("error: ") and message in err and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.jsonl"]
