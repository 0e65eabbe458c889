"""Regression floors on our own original articles, scored by the evaluation kit (CI has ../shared).

The tuning set is what the rules were developed against; the held-out set was written separately and is
kept out of rule development. Floors sit a little under the measured means (README, Quality) so that a
change that breaks a mechanism fails here, while ordinary noise does not.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
FLOORS = {
    "articles": {"events": 0.60, "relations": 0.50, "claims": 0.70},
    "heldout": {"events": 0.50, "relations": 0.35, "claims": 0.62},
}


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_mean_f1_on_original_articles(shared, folder, tmp_path):
    means = _mean_scores(shared, folder, tmp_path)
    for part, floor in FLOORS[folder].items():
        assert means[part] >= floor, (folder, part, means)


def _mean_scores(shared: Path, folder: str, tmp_path: Path) -> dict[str, float]:
    from sahelwatch.pipeline import analyze

    totals: dict[str, list[float]] = {"events": [], "relations": [], "claims": []}
    for gold in sorted((FIXTURES / folder).glob("*.json")):
        header = json.loads(gold.read_text(encoding="utf-8"))["doc"]
        text = gold.with_suffix(".txt").read_text(encoding="utf-8")
        pred = tmp_path / f"{gold.stem}.json"
        pred.write_text(json.dumps(analyze(text, published=header["published"], doc_id=gold.stem).to_json()),
                        encoding="utf-8")
        out = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "doc", str(gold), str(pred),
                              "--json"], capture_output=True, text=True, check=True)
        res = json.JSONDecoder().raw_decode(out.stdout)[0]
        for part in totals:
            totals[part].append(res[part]["f1"])
    return {part: sum(v) / len(v) for part, v in totals.items()}
