"""The issue's bar on the reference article (article-level intelligence: events 0.85, relations 0.80, claims
0.80, date 0.90, place 0.90, fatalities 1.00), scored by the evaluation kit's own scorer (CI has ../shared)."""
import json
import subprocess
import sys

import pytest

REF = "000_f32bdb9c94879744"
THRESHOLDS = {"events": 0.85, "relations": 0.80, "claims": 0.80}
EVENT_FIELDS = {"date_accuracy": 0.90, "place_accuracy": 0.90, "fatalities_accuracy": 1.00}


@pytest.fixture(scope="module")
def scores(shared, tmp_path_factory):
    from sahelwatch.pipeline import analyze

    text = (shared / "corpus" / f"{REF}.txt").read_text(encoding="utf-8")
    pred = tmp_path_factory.mktemp("ref") / "pred.json"
    pred.write_text(json.dumps(analyze(text, published="2025-06-10", doc_id=REF).to_json()), encoding="utf-8")
    out = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "doc",
                          str(shared / "eval" / "gold" / f"{REF}.json"), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.JSONDecoder().raw_decode(out.stdout)[0]


@pytest.mark.parametrize("part", sorted(THRESHOLDS))
def test_reference_article_meets_the_bar(scores, part):
    assert scores[part]["f1"] >= THRESHOLDS[part], scores[part]


@pytest.mark.parametrize("field", sorted(EVENT_FIELDS))
def test_reference_event_fields_meet_the_bar(scores, field):
    assert scores["events"][field] >= EVENT_FIELDS[field], scores["events"]
