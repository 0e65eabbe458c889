"""End to end through the installed command: analyse, ingest, query, export; bad input never a traceback."""
import csv
import io
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


FRENCH_ARTICLE = """Niger : l'armée dit avoir repoussé une attaque près de Tillabéri

Des hommes armés ont attaqué mardi un poste de l'armée nigérienne près de Tillabéri, tuant au moins douze \
soldats, selon des sources sécuritaires. Le lendemain, le ministère de la Défense a affirmé que les assaillants \
avaient été repoussés.
"""


def test_analyze_a_french_article_detects_its_language(tmp_path):
    path = tmp_path / "tillaberi.txt"
    path.write_text(FRENCH_ARTICLE, encoding="utf-8")
    data = json.loads(run("analyze", path, "--published", "2024-05-02", "--format", "json", check=True).stdout)
    assert data["document"]["language"] == "fr"
    attack = next(e for e in data["events"] if e["type"] == "ASSAULT")
    assert attack["date"]["start"] == "2024-04-30" and attack["place"]["name"] == "Tillabéri"
    assert attack["fatalities"] == 12
    assert any(c["modality"] == "asserted" and c["text"].startswith("les assaillants") for c in data["claims"])
    ev = attack["evidence"][0]
    assert FRENCH_ARTICLE[ev["start"]:ev["end"]].strip() == ev["text"]


def test_ingest_a_jsonl_line_in_an_unsupported_language_is_skipped(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "de1", "text": "Die Armee meldete einen Angriff.", "language": "de"}) + "\n"
                    + json.dumps({"id": "fr1", "text": FRENCH_ARTICLE, "published": "2024-05-02"}) + "\n",
                    encoding="utf-8")
    proc = run("ingest", feed, db=tmp_path / "s.duckdb")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "unsupported language 'de'" in proc.stderr + proc.stdout
    assert "1 stored" in proc.stdout


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


ACLED = ROOT / "tests" / "fixtures" / "acled"


def test_import_acled_then_export_both_origins(tmp_path):
    db = tmp_path / "store.duckdb"
    proc = run("import-acled", ACLED / "dyadic.csv", db=db, check=True)
    assert proc.stdout.startswith("imported 5 events, skipped 0 malformed rows, 0 already present")
    again = run("import-acled", ACLED / "monadic.csv", db=db, check=True)  # same events, other layout
    assert again.stdout.startswith("imported 0 events, skipped 0 malformed rows, 5 already present")
    run("ingest", EXAMPLE, "--published", "2024-09-19", db=db, check=True)

    rows = json.loads(run("events", "--format", "json", db=db, check=True).stdout)
    assert {r["origin"] for r in rows} == {"text", "acled"}
    imported = json.loads(run("events", "--origin", "acled", "--format", "json", db=db, check=True).stdout)
    assert sorted(r["id"] for r in imported) == ["BFO90002", "MLI90001", "MLI90004", "MLI90005", "NIG90003"]
    tl = json.loads(run("timeline", "--origin", "text", "--format", "json", db=db, check=True).stdout)
    assert tl and {r["origin"] for r in tl} == {"text"}

    proc = run("export", "--format", "acled", "--reports", db=db, check=True)  # one row per report
    exported = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert exported and list(exported[0])[:3] == ["doc_id", "event_id_cnty", "event_date"]
    assert {r["origin"] for r in exported} == {"coded", "acled"}
    assert {r["event_id_cnty"] for r in exported if r["origin"] == "acled"} == {r["id"] for r in imported}
    left_out = len(rows) - len(exported)
    assert (f"left out {left_out} events" in proc.stderr) == (left_out > 0)
    out = tmp_path / "events.csv"
    run("export", "--format", "acled", "--reports", "-o", out, db=db, check=True)
    assert out.read_text(encoding="utf-8") == proc.stdout
    # what was exported reads back as ACLED rows: the imported ones with their ids, the coded ones lack one
    reread = run("import-acled", out, db=tmp_path / "other.duckdb")
    assert reread.returncode == 0 and reread.stdout.startswith("imported 5 events")


def test_import_acled_reports_malformed_rows_one_line_each(tmp_path):
    db = tmp_path / "store.duckdb"
    proc = run("import-acled", ACLED / "malformed.csv", db=db)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert proc.stdout.startswith("imported 2 events, skipped 10 malformed rows, 0 already present")
    lines = proc.stderr.splitlines()
    assert len(lines) == 10 and all(line.startswith(f"skipped: {ACLED / 'malformed.csv'}: row ") for line in lines)
    assert "row 8: fatalities '-2' is not a non-negative integer" in lines[5]


def test_import_acled_caps_the_list_and_fails_when_nothing_is_valid(tmp_path):
    bad = tmp_path / "bad.csv"
    header = "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,fatalities\n"
    bad.write_text(header + "".join(f"MLI{i},2024-01-01,Battles,Armed clash,A,B,-1\n" for i in range(25)))
    proc = run("import-acled", bad, db=tmp_path / "s.duckdb")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 22 and lines[20] == "... and 5 more malformed rows"
    assert lines[21] == f"error: {bad}: no valid ACLED event rows to import (25 malformed)"
    assert not (tmp_path / "s.duckdb").exists()


@pytest.mark.parametrize("content,needle", [
    ("id,text\n1,hello\n", "not an ACLED export"),
    ("", "empty file"),
])
def test_import_acled_bad_file_is_one_line(tmp_path, content, needle):
    path = tmp_path / "x.csv"
    path.write_text(content)
    for target in (path, tmp_path / "absent.csv"):
        proc = run("import-acled", target, db=tmp_path / "s.duckdb")
        assert proc.returncode != 0 and "Traceback" not in proc.stderr
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert needle in run("import-acled", path, db=tmp_path / "s.duckdb").stderr


def test_export_acled_refuses_an_unknown_suffix(tmp_path):
    db = tmp_path / "store.duckdb"
    run("import-acled", ACLED / "dyadic.csv", db=db, check=True)
    proc = run("export", "--format", "acled", "-o", tmp_path / "events.xlsx", db=db)
    assert proc.returncode != 0 and proc.stderr.strip().count("\n") == 0 and ".csv or .jsonl" in proc.stderr
    run("export", "--format", "acled", "-o", tmp_path / "events.jsonl", db=db, check=True)
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and all(json.loads(line)["origin"] == "acled" for line in lines)


# ------------------------------------------------------------------ sahelwatch code

def _reports(tmp_path, lines):
    path = tmp_path / "reports.jsonl"
    path.write_text("".join((json.dumps(x) if isinstance(x, dict) else x) + "\n" for x in lines), encoding="utf-8")
    return path


REPORTS = [
    {"id": "r1", "text": "On 2 March 2024, unknown gunmen shot dead a trader in Gao.", "published": "2024-03-04"},
    {"id": "r2", "text": "On 3 March 2024, hundreds of residents marched peacefully in Kayes to protest power cuts.",
     "published": "2024-03-05"},
]


def test_code_writes_acled_rows_the_scorer_reads(tmp_path):
    src = _reports(tmp_path, REPORTS)
    out = tmp_path / "coded.jsonl"
    proc = run("code", src, "--output", out, check=True)
    assert "2 events from 2 reports" in proc.stdout
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in rows] == ["r1", "r2"]
    assert rows[0]["event_type"] == "Violence against civilians" and rows[0]["actor2"] == "Civilians (Mali)"
    assert rows[0]["fatalities"] == 1 and rows[0]["admin1"] == "Gao" and rows[0]["event_date"] == "2024-03-02"
    assert rows[1]["sub_event_type"] == "Peaceful protest" and rows[1]["actor1"] == "Protesters (Mali)"


def test_code_csv_output(tmp_path):
    src = _reports(tmp_path, REPORTS)
    out = tmp_path / "coded.csv"
    run("code", src, "-o", out, check=True)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 2 and rows[0]["doc_id"] == "r1"
    assert {"event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location", "latitude",
            "longitude", "fatalities", "geo_precision", "time_precision"} <= set(rows[0])


def test_code_skips_bad_lines_and_says_so(tmp_path):
    src = _reports(tmp_path, [REPORTS[0], "{not json", {"id": "r3", "text": ""}, REPORTS[1]])
    out = tmp_path / "coded.jsonl"
    proc = run("code", src, "--output", out)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and proc.stderr.count("skipped:") == 2
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


@pytest.mark.parametrize("args, message", [
    (["--output", "coded.txt"], "must end in .jsonl or .csv"),
    ([], "Missing option"),
])
def test_code_usage_errors(tmp_path, args, message):
    src = _reports(tmp_path, REPORTS)
    proc = run("code", src, *[str(tmp_path / a) if a.startswith("coded") else a for a in args])
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


def test_code_missing_input_is_one_line(tmp_path):
    proc = run("code", tmp_path / "absent.jsonl", "--output", tmp_path / "x.jsonl")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
