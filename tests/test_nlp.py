"""The spaCy pipeline: loaded once, with the knowledge-base ruler after the statistical NER, and sentences
that never run across a line break."""
import pytest

from sahelwatch.nlp import ACTOR_LABEL, load_nlp


def test_pipeline_is_built_once(nlp):
    assert load_nlp("en") is nlp
    assert load_nlp("en") is load_nlp("en")


def test_default_language_shares_the_pipeline(nlp):
    assert load_nlp() is nlp


def test_actor_ruler_runs_after_the_statistical_ner(nlp):
    names = nlp.pipe_names
    assert "sahel_actors" in names and "ner" in names
    assert names.index("sahel_actors") > names.index("ner")


def _actors(nlp, text):
    return [(e.text, e.ent_id_) for e in nlp(text).ents if e.label_ == ACTOR_LABEL]


@pytest.mark.parametrize("text,name,actor_id", [
    ("FAMa units pushed north towards the Algerian border.", "FAMa", "fama"),
    ("Africa Corps instructors arrived in Niamey in April 2024.", "Africa Corps", "africa_corps"),
    ("JNIM fighters blockaded the road to Timbuktu.", "JNIM", "jnim"),
    ("Wagner commanders left the base at Tessalit.", "Wagner", "wagner"),
    ("The last MINUSMA peacekeepers flew out of Gao in December 2023.", "MINUSMA", "minusma"),
    ("ECOWAS leaders met in Abuja to discuss the coup in Niger.", "ECOWAS", "ecowas"),
])
def test_curated_names_become_actor_entities(nlp, text, name, actor_id):
    assert (name, actor_id) in _actors(nlp, text)


def test_curated_name_wins_over_the_model_label(nlp):
    # whatever the small model thinks "Africa Corps" is, the ruler's ACTOR label and id replace it
    ents = [e for e in nlp("Russia sent the Africa Corps to Burkina Faso.").ents if e.text == "Africa Corps"]
    assert len(ents) == 1 and ents[0].label_ == ACTOR_LABEL and ents[0].ent_id_ == "africa_corps"


def test_short_all_caps_alias_is_case_sensitive(nlp):
    assert ("IS", "islamic_state") in _actors(nlp, "IS fighters overran the outpost at Tillia.")
    assert _actors(nlp, "The situation is tense and the road is closed.") == []


def test_a_line_break_ends_a_sentence(nlp):
    doc = nlp("Mali and Algeria at odds\nThe two neighbours have quarrelled over a downed drone for months.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["Mali and Algeria at odds",
                     "The two neighbours have quarrelled over a downed drone for months."]


def test_a_paragraph_break_ends_a_sentence_even_without_punctuation(nlp):
    doc = nlp("JNIM claims the ambush\n\nThe group said its fighters destroyed three vehicles near Douentza.")
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents[0] == "JNIM claims the ambush"
    assert sents[1].startswith("The group said")


@pytest.mark.parametrize("text,name", [
    ("Assimi Goita met the envoy in Koulouba.", "Assimi Goita"),
    ("Colonel Goita met the envoy in Koulouba.", "Colonel Goita"),
])
def test_an_alias_spelt_without_accents_is_matched(nlp, text, name):
    assert (name, "goita") in _actors(nlp, text)


def test_an_alias_spelt_with_accents_is_matched(nlp):
    assert ("Assimi Goïta", "goita") in _actors(nlp, "Assimi Goïta met the envoy in Koulouba.")


def test_hard_wrapped_text_keeps_its_sentences_whole():
    from sahelwatch.nlp import hard_wrapped, load_nlp

    text = ("Gunmen attacked a gendarmerie post near Dori on Monday, killing at least twelve\n"
            "gendarmes, security sources said. The next day the army said it had repelled\n"
            "the attackers and killed several of them.\n\nThe government declared three days\nof mourning.")
    assert hard_wrapped(text)
    sents = [s.text.strip() for s in load_nlp("en")(text).sents]
    assert len(sents) == 3 and sents[0].endswith("security sources said.")


def test_one_paragraph_per_line_is_not_hard_wrapped():
    from sahelwatch.nlp import hard_wrapped

    text = "Mali ends the Algiers accord\nThe junta said on Thursday that the accord was void.\nAlgeria regretted it."
    assert not hard_wrapped(text)
