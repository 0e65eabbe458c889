"""End to end through the installed command: analyse, ingest, query, export; bad input never a traceback."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src" / "sahelwatch" / "examples" / "sahel_example.txt"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def run(*args, db=None, check=False):
    env = dict(os.environ)
    env.pop("SAHELWATCH_DEBUG", None)
    if db is not None:
        env["SAHELWATCH_DB"] = str(db)
    proc = subprocess.run([sys.executable, "-m", "sahelwatch.cli", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=ROOT)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_analyze_json_is_the_evaluation_format():
    proc = run("analyze", EXAMPLE, "--published", "2024-09-19", "--format", "json", check=True)
    data = json.loads(proc.stdout)
    assert {"actors", "events", "relations", "claims"} <= set(data)
    assert data["events"] and all("type" in e and "actors" in e for e in data["events"])
    ev = data["events"][0]["evidence"][0]
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text[ev["start"]:ev["end"]].strip() == ev["text"]


def test_ingest_query_export_and_idempotence(tmp_path):
    db = tmp_path / "store.duckdb"
    files = sorted(ARTICLES.glob("0[1-3]_*.txt"))
    proc = run("ingest", *files, "--published", "2024-01-01", db=db, check=True)
    assert "3 stored" in proc.stdout
    before = json.loads(run("export", "--format", "json", db=db, check=True).stdout)
    again = run("ingest", *files, db=db, check=True)
    assert "0 stored, 3 already" in again.stdout
    after = json.loads(run("export", "--format", "json", db=db, check=True).stdout)
    assert len(before["events"]) == len(after["events"]) > 0
    rows = json.loads(run("events", "--format", "json", db=db, check=True).stdout)
    assert len(rows) == len(after["events"])
    assault = json.loads(run("events", "--type", "ASSAULT", "--format", "json", db=db, check=True).stdout)
    assert assault and all(r["type"] == "ASSAULT" for r in assault)
    actors = json.loads(run("actors", "--format", "json", db=db, check=True).stdout)
    assert any(a["id"] == "mali" for a in actors)
    tl = json.loads(run("timeline", "--from", "2020-01-01", "--format", "json", db=db, check=True).stdout)
    dates = [r["date_start"] for r in tl if r["date_start"]]
    assert dates == sorted(dates)
    rels = json.loads(run("relations", "--format", "json", db=db, check=True).stdout)
    assert rels and all({"source", "kind", "target"} <= set(r) for r in rels)
    said = json.loads(run("claims", "--format", "json", db=db, check=True).stdout)
    assert said and all(r["modality"] in ("asserted", "hedged", "reported") for r in said)
    out = tmp_path / "export.json"
    run("export", "--format", "json", "-o", out, db=db, check=True)
    assert json.loads(out.read_text())["documents"]


def test_batch_skips_bad_files_and_stores_the_rest(tmp_path):
    db = tmp_path / "store.duckdb"
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text(json.dumps({"id": "w1", "text": "JNIM fighters attacked an army post in Boulkessi on "
                                 "Monday, killing 12 soldiers.", "published": "2024-03-06"}) + "\n{not json\n")
    proc = run("ingest", empty, binary, jsonl, EXAMPLE, db=db)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("skipped:") == 3
    assert "2 stored" in proc.stdout


@pytest.mark.parametrize("args,needle", [
    (["analyze", "/no/such/file.txt"], "no such file"),
    (["analyze", str(EXAMPLE), "--published", "10/06/2025"], "YYYY-MM-DD"),
    (["events", "--from", "yesterday"], "YYYY-MM-DD"),
])
def test_bad_input_is_one_line_and_non_zero(tmp_path, args, needle):
    proc = run(*args, db=tmp_path / "s.duckdb")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and needle.lower() in lines[0].lower(), proc.stderr


def test_a_file_that_is_not_a_store_is_left_alone(tmp_path):
    notdb = tmp_path / "notes.duckdb"
    notdb.write_text("my precious notes")
    proc = run("ingest", EXAMPLE, db=notdb)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert notdb.read_text() == "my precious notes"


def test_every_command_is_documented_in_the_readme():
    from sahelwatch.cli import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"sahelwatch {name}" in readme, name
