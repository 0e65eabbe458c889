"""The whole coder: original reports from several countries and years (tests/fixtures/acled/reports.jsonl,
written for these tests), and, where ../shared is present, the 2019 development records the models never saw."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sahelwatch.acled.coder import code_report
from sahelwatch.acled.evaluation import actors_f1, field_scores, mean_scores
from sahelwatch.errors import InputError
from sahelwatch.model import ACLED_COLUMNS

FIXTURES = Path(__file__).parents[1] / "fixtures" / "acled"
REPORTS = [json.loads(line) for line in (FIXTURES / "reports.jsonl").read_text(encoding="utf-8").splitlines()
           if line.strip()]


def test_one_record_per_report_with_provenance():
    report = REPORTS[0]
    records = code_report(report["text"], report["published"], report["id"], source="test desk")
    assert len(records) == 1
    r = records[0]
    assert r.doc_id == report["id"] and r.notes == report["text"] and r.source == "test desk"
    assert r.origin == "coded" and 0 < r.confidence <= 1
    assert r.disorder_type == "Political violence" and r.plover_type == "ASSAULT"
    assert r.latitude is not None and r.longitude is not None and r.iso == "466" and r.country == "Mali"
    assert r.region == "Western Africa"
    row = r.to_row()
    assert list(row)[0] == "doc_id" and all(c in row for c in ACLED_COLUMNS) and row["year"] == 2024


def test_original_reports_field_accuracy():
    per = [field_scores(code_report(r["text"], r["published"], r["id"])[0], r["expected"]) for r in REPORTS]
    scores = mean_scores(per)
    # measured 0.93 / 0.93 / 0.99 / 1.00 / 1.00 / 1.00 on these 40 reports
    assert scores["event_type"] >= 0.85
    assert scores["sub_event_type"] >= 0.85
    assert scores["actors"] >= 0.90
    assert scores["event_date"] >= 0.95
    assert scores["fatalities"] >= 0.90
    assert scores["admin1"] >= 0.90


def test_actor_matching_rules():
    assert actors_f1(["Military Forces of Mali (2013-2020)"], ["Military Forces of Mali (2021-)"]) == 1.0
    assert actors_f1(["JNIM: Group for Support of Islam and Muslims"], ["JNIM"]) == 1.0
    assert actors_f1(["Civilians (Mali)"], ["Civilians (Niger)"]) == 0.0


@pytest.mark.parametrize("text, published, message", [
    ("", "2024-01-01", "empty"),
    ("   ", "2024-01-01", "empty"),
    ("Gunmen attacked a bus near Gao.", None, "no date"),
    ("Gunmen attacked a bus near Gao.", "01/02/2024", "bad publication date"),
    ("word " * 5000, "2024-01-01", "not a short event report"),
])
def test_bad_input_is_a_clear_error(text, published, message):
    with pytest.raises(InputError, match=message):
        code_report(text, published)


def dev_rows_2019(shared: Path) -> list[dict]:
    path = shared / "eval" / "data" / "acled_mali_2017_2019.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["gold"]["event_date"].startswith("2019")]


def test_development_records_2019(shared, tmp_path):
    """The issue's bar on the 2019 records (never seen by the shipped models), scored by the evaluation kit.
    Measured: event_type 0.853, sub_event_type 0.830, actors 0.856, event_date 0.989, fatalities 0.912,
    admin1 0.798, geo_25km 0.397, record 0.805. The floors sit a little below what was measured; admin1 and
    geo_25km are held back by the gazetteer, which lacks most Malian villages (see the README)."""
    rows = dev_rows_2019(shared)
    preds = [rec.to_row() for r in rows for rec in code_report(r["text"], r["published"], r["id"])]
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pred.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    out = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "acled", str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True).stdout
    res = json.JSONDecoder().raw_decode(out)[0]
    assert res["found"] == 1.0 and res["extra_events_per_text"] == 0.0
    assert res["event_type"] >= 0.83
    assert res["sub_event_type"] >= 0.80
    assert res["actors"] >= 0.84
    assert res["event_date"] >= 0.97
    assert res["fatalities"] >= 0.89
    assert res["admin1"] >= 0.78
    assert res["geo_25km"] >= 0.38
    assert res["record_score"] >= 0.79


@pytest.mark.xfail(strict=True, reason="the gazetteer (GeoNames cities500) lacks most Malian villages: "
                                       "admin1 0.80 and geo_25km 0.40 against the bar of 0.90 and 0.85")
def test_place_fields_reach_the_issue_bar(shared):
    rows = dev_rows_2019(shared)[:200]
    hits = sum(code_report(r["text"], r["published"], r["id"])[0].admin1 == r["gold"]["admin1"] for r in rows)
    assert hits / len(rows) >= 0.90
