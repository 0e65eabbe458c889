"""`sahelwatch graph ...` and `sahelwatch stats ...`: JSON output, and a one-line error for an unknown actor."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from analytics_records import analysis, event, relation

from sahelwatch.cli import cli, main
from sahelwatch.store import Store


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.duckdb"
    with Store(path) as store:
        store.save(analysis("a", events=[event("a", "e1", date(2024, 3, 4)), event("a", "e2", date(2024, 5, 6))],
                            relations=[relation("a", "wagner", "supports", "cooperative", "fama", date(2022, 1, 1),
                                                date(2022, 12, 31))]))
    return str(path)


def run_json(*args: str):
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_graph_commands(db: str) -> None:
    ties = run_json("graph", "relations", "Wagner Group", "--as-of", "2022-06-01", "--db", db)
    assert {"direction": "out", "other": "fama", "kind": "supports", "basis": "stated"}.items() <= \
        next(t for t in ties if t["basis"] == "stated").items()
    assert next(t for t in ties if t["basis"] == "stated")["valid_start"] == "2022-01-01"
    line = run_json("graph", "chain", "wagner", "--db", db)
    assert [(r["predecessor"], r["successor"]) for r in line] == [("wagner", "africa_corps")]
    changes = run_json("graph", "changes", "--from", "2021-06-01", "--to", "2022-06-01", "--actor", "fama",
                       "--db", db)
    assert any(c["change"] == "began" and c["source"] == "wagner" and c["kind"] == "supports" for c in changes)
    measures = run_json("graph", "measures", "--as-of", "2024-01-01", "--limit", "5", "--db", db)
    assert len(measures) == 5 and measures[0]["degree"] >= measures[-1]["degree"]


def test_stats_commands(db: str) -> None:
    rows = run_json("stats", "timeline", "--actor", "JNIM", "--freq", "year", "--db", db)
    assert rows == [{"period": "2024-01-01", "type": "ASSAULT", "count": 2, "fatalities": 10}]
    rows = run_json("stats", "region-month", "--country", "ML", "--db", db)
    assert [(r["admin1"], r["month"], r["events"]) for r in rows] == [("Mopti", "2024-03-01", 1),
                                                                       ("Mopti", "2024-05-01", 1)]
    summary = run_json("stats", "changes", "--from", "2024-05-01", "--to", "2024-06-30", "--db", db)
    assert set(summary) == {"summary", "regions", "types", "new_actors", "movers", "relations"}
    assert summary["types"] == [{"type": "ASSAULT", "before": 1, "after": 1, "fatalities_before": 5,
                                 "fatalities_after": 5, "change": 0}]
    text = CliRunner().invoke(cli, ["stats", "changes", "--from", "2024-05-01", "--to", "2024-06-30",
                                    "--format", "csv", "--db", db]).output
    assert text.startswith("# summary\nmeasure,before,after\n")


@pytest.mark.parametrize("args", [["graph", "relations", "Nobody"], ["graph", "chain", "Nobody"],
                                  ["stats", "timeline", "--actor", "Nobody"]])
def test_unknown_actor_is_a_one_line_error(db: str, args: list[str], capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--db", db])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err == "error: unknown actor 'Nobody'\n"
