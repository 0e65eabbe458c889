"""The training script: deterministic, and its output loads as the package's model."""
import importlib.util
import json
from argparse import Namespace
from pathlib import Path

from sahelwatch.acled.classifier import LinearTextModel

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "train_acled.py"


def load_script():
    spec = importlib.util.spec_from_file_location("train_acled", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TEXTS = ["gunmen attacked soldiers at a checkpoint", "soldiers clashed with militants near the river",
         "residents marched peacefully in the capital", "students marched to protest fees",
         "an IED struck an army vehicle", "a landmine exploded under a truck"] * 3
LABELS = ["Armed clash", "Armed clash", "Peaceful protest", "Peaceful protest", "Remote explosive/landmine/IED",
          "Remote explosive/landmine/IED"] * 3


def test_fit_is_deterministic_and_learns(tmp_path):
    train = load_script()
    args = Namespace(min_df=2, l2=3e-5, epochs=200, lr=0.1, cue_weight=2.0)
    cues = [("has:state",)] * len(TEXTS)
    first = train.fit(TEXTS, cues, LABELS, args)
    assert first == train.fit(TEXTS, cues, LABELS, args)
    assert train.accuracy(first, TEXTS, cues, LABELS) == 1.0
    path = tmp_path / "model.json"
    train.write(first, path, "synthetic")
    model = LinearTextModel.from_file(path)
    assert model.predict("students marched in the capital")[0] == "Peaceful protest"
    assert json.loads(path.read_text())["trained_on"] == "synthetic"
