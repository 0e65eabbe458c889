"""Event classification: the shipped model, its features, and the codebook cue rules that override it."""
import json

import numpy as np
import pytest

from sahelwatch.acled.classifier import (
    MODEL_FILE,
    LinearTextModel,
    features,
    load_classifier,
    load_cues,
    signal_cues,
    stem,
)
from sahelwatch.errors import KnowledgeBaseError


def test_stems_meet():
    assert stem("airstrikes") == stem("airstrike")
    assert stem("killed") == "kill" and stem("burning") == "burn" and stem("churches") == "church"
    assert stem("bus") == "bus"  # too short to strip


def test_features_fold_numbers_drop_months_and_keep_cues():
    f = features("On 12 March, gunmen killed 3 herders", ("patient:civilians",))
    assert "<num>" in f and "march" not in f
    assert "gunmen_kill" in f
    assert "cue:patient:civilians" in f


def test_model_file_holds_no_report_text():
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert set(data) >= {"classes", "features", "idf", "weights", "bias", "trained_on"}
    assert all(len(f) < 60 for f in data["features"])  # words, pairs and cue names only
    assert len(data["weights"]) == len(data["features"]) and len(data["weights"][0]) == len(data["classes"])


@pytest.mark.parametrize("text, sub_event_type", [
    ("On 4 May, a Malian army vehicle hit an IED near Boni, two soldiers were killed.",
     "Remote explosive/landmine/IED"),
    ("On 2 June, hundreds of teachers staged a peaceful march in Segou to demand unpaid salaries.",
     "Peaceful protest"),
    ("On 9 June, unknown gunmen kidnapped a village chief near Douentza.", "Abduction/forced disappearance"),
    ("On 3 July, JNIM militants ambushed an army convoy near Boulkessi and clashed with the soldiers for hours, "
     "six soldiers and ten militants were killed.", "Armed clash"),
    ("On 5 July, suspected jihadists fired mortar shells at the MINUSMA camp in Kidal.",
     "Shelling/artillery/missile attack"),
])
def test_learned_model_on_original_reports(text, sub_event_type):
    # the model is used with the cues the other coders read (who acts on whom, deaths), so through the coder
    from sahelwatch.acled.coder import code_report

    record = code_report(text, "2024-07-20")[0]
    assert record.sub_event_type == sub_event_type
    assert 0.0 < record.confidence <= 1.0


@pytest.mark.parametrize("text, sub_event_type, rule", [
    ("On 3 May, students in Kayes barricaded roads and burned tires to protest the closure of schools.",
     "Violent demonstration", "violent demonstration"),
    ("On 8 May, the air force conducted an air raid on a militant camp in the Wagadou forest.",
     "Air/drone strike", "air strike"),
    ("On 9 May, soldiers defused two landmines on the road to Hombori.", "Disrupted weapons use",
     "weapons disrupted"),
    ("On 10 May, an angry mob lynched a suspected thief in Gao.", "Mob violence", "mob"),
    ("On 11 May, gunmen stole forty head of cattle near Nara, no casualties reported.",
     "Looting/property destruction", "property only"),
    ("A man threw a grenade into a bar in Gao.", "Grenade", "grenade"),
])
def test_codebook_rules_override_the_model(text, sub_event_type, rule):
    prediction = load_classifier().predict(text)
    assert (prediction.sub_event_type, prediction.rule) == (sub_event_type, rule)


def test_rule_exceptions():
    # a combined air-ground operation is a battle, not an air strike; people hurt is no mere looting
    clf = load_classifier()
    assert clf.predict("French forces launched a combined air and ground operation near Gossi, "
                       "ten militants were killed.").rule is None
    assert clf.predict("Gunmen stole cattle and killed a herder near Nara.").rule != "property only"


def test_signals():
    assert "signal:explosive" in signal_cues("the vehicle struck an IED")
    assert "signal:resistance" in signal_cues("villagers repelled the attack")
    assert signal_cues("a quiet day") == ()


def test_every_cue_names_a_taxonomy_type():
    assert {c.sub_event_type for c in load_cues()} <= set(load_classifier().taxonomy.sub_event_types)


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="train_acled"):
        LinearTextModel.from_file(tmp_path / "absent.json")


def test_probabilities_sum_to_one():
    probs = load_classifier().model.probabilities("Gunmen attacked a village.")
    assert np.isclose(sum(probs.values()), 1.0, atol=1e-4)
