"""``sahelwatch export`` end to end through ``sahelwatch.cli.main``: every format round-trips into its usual
reader; bad targets and options end in one line on stderr and a non-zero exit, the store untouched."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from sahelwatch.cli import main
from sahelwatch.store import TABLES, Store


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    try:
        main([str(a) for a in args])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_event_format_round_trips(tmp_path: Path, fused_db_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = ("--db", fused_db_path)
    code, out, err = run(capsys, "export", "--format", "plover", *db)
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["fz_attack", "fz_protest", "doc_a/ev_statement"]
    assert "canonical events" in err

    code, out, err = run(capsys, "export", "--format", "geojson", "-o", tmp_path / "e.geojson", *db)
    assert code == 0 and out == "" and "wrote" in err and "left out 2 events without coordinates" in err
    assert json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))["type"] == "FeatureCollection"

    code, _, err = run(capsys, "export", "--format", "acled", "--reports", "-o", tmp_path / "r.csv", *db)
    assert code == 0 and len(pd.read_csv(tmp_path / "r.csv")) == 3 and "report-level" in err

    code, _, err = run(capsys, "export", "--format", "parquet", "-o", tmp_path / "pq", *db)
    assert code == 0 and f"wrote {len(TABLES)} tables" in err
    with Store(fused_db_path, read_only=True) as store:
        counts = store.counts()
    assert {t: pq.read_table(tmp_path / "pq" / f"{t}.parquet").num_rows for t in TABLES} == counts


def test_json_export_is_unchanged(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "--db", db_path)
    assert code == 0 and len(json.loads(out)["events"]) == 4


@pytest.mark.parametrize(("args", "message"), [
    (("--format", "plover", "-o", "{tmp}"), "is a directory"),
    (("--format", "geojson", "-o", "{tmp}/missing/e.geojson"), "does not exist"),
    (("--format", "parquet"), "--format parquet needs -o DIR"),
    (("--format", "graphml"), "--format graphml needs -o"),
    (("--format", "parquet", "-o", "{db}"), "not a directory"),
    (("--format", "json", "--reports"), "--reports applies to"),
    (("--format", "plover", "--as-of", "2024-01-01"), "--as-of applies to --format graphml"),
    (("--format", "acled", "-o", "{tmp}/e.xlsx"), "unsupported file type"),
])
def test_bad_targets_and_options_fail_in_one_line(tmp_path: Path, fused_db_path: Path,
                                                  capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
                                                  message: str) -> None:
    before = digest(fused_db_path)
    argv = [a.format(tmp=tmp_path, db=fused_db_path) for a in args]
    code, out, err = run(capsys, "export", *argv, "--db", fused_db_path)
    assert code != 0 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and message in err
    assert digest(fused_db_path) == before


def test_a_file_that_is_not_a_store_is_refused_and_left_alone(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    not_a_store = tmp_path / "notes.duckdb"
    not_a_store.write_text("just text\n", encoding="utf-8")
    code, _, err = run(capsys, "export", "--format", "plover", "--db", not_a_store)
    assert code != 0 and "not a DuckDB database" in err and err.count("\n") == 1
    assert not_a_store.read_text(encoding="utf-8") == "just text\n"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes to read-only directories")
def test_an_unwritable_file_is_one_line(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = run(capsys, "export", "--format", "plover", "-o", locked / "e.json", "--db", db_path)
    finally:
        locked.chmod(0o700)
    assert code != 0 and "cannot write" in err and err.count("\n") == 1


def test_an_unwritable_file_is_an_input_error(tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path for root, who may write anywhere: the OSError of opening the file becomes one line."""
    from sahelwatch.errors import InputError
    from sahelwatch.export import run_export

    def refuse(*args: object, **kw: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError, match="cannot write: Permission denied"):
        run_export(store, "geojson", tmp_path / "e.geojson")


@pytest.mark.skipif(importlib.util.find_spec("sahelwatch.export.graphml") is None,
                    reason="sahelwatch.export.graphml is not written yet")
def test_graphml_loads_in_networkx(tmp_path: Path, fused_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import networkx as nx

    path = tmp_path / "actors.graphml"
    code, _, err = run(capsys, "export", "--format", "graphml", "-o", path, "--db", fused_db_path)
    graph = nx.read_graphml(path)
    assert code == 0 and f"{graph.number_of_edges()} edges" in err
    assert "jnim" in graph.nodes
    code, _, err = run(capsys, "export", "--format", "graphml", "-o", path, "--as-of", "2024-03-10",
                       "--db", fused_db_path)
    assert code == 0 and "as of 2024-03-10" in err and "jnim" in nx.read_graphml(path).nodes
