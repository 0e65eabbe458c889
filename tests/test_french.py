"""The French pipeline: parses rewritten into the English rules' conventions, words read through the glossary."""
import pytest

from sahelwatch.french import glossary
from sahelwatch.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp("fr")


def by_text(doc, text):
    return next(t for t in doc if t.text == text)


def test_prepositions_head_their_nouns_as_in_english(nlp):
    doc = nlp("Les jihadistes ont lancé une attaque contre le camp de Boulkessi.")
    contre, camp = by_text(doc, "contre"), by_text(doc, "camp")
    assert contre.dep_ == "prep" and contre.norm_ == "against"
    assert camp.dep_ == "pobj" and camp.head == contre


def test_passive_agent_and_subject(nlp):
    doc = nlp("Trente soldats ont été tués par les assaillants.")
    tues, par, soldats = by_text(doc, "tués"), by_text(doc, "par"), by_text(doc, "soldats")
    assert tues.lemma_ == "kill" and tues.norm_ == "killed" and tues.tag_ == "VBN"
    assert par.dep_ == "agent" and par.head == tues
    assert soldats.dep_ == "nsubjpass" and soldats.norm_ == "soldiers" and soldats.tag_ == "NNS"


def test_possessive_determiner_and_negation(nlp):
    doc = nlp("Le groupe n'a pas revendiqué son attaque.")
    assert by_text(doc, "son").dep_ == "poss" and by_text(doc, "son").norm_ == "its"
    assert any(c.dep_ == "neg" for c in by_text(doc, "revendiqué").children)


def test_phrases_read_as_one_english_word(nlp):
    doc = nlp("Selon l'armée, l'attaque a eu lieu près de Gao. Ce dernier a démissionné.")
    assert by_text(doc, "Selon").norm_ == "according to"
    de = [t for t in doc if t.text == "de" and doc[t.i - 1].text == "près"][0]
    assert de.norm_ == "near"
    assert [doc[i].norm_ for i in (by_text(doc, "Ce").i, by_text(doc, "dernier").i)] == ["the", "latter"]


def test_entities_carry_the_english_labels(nlp):
    doc = nlp("Le chercheur Yvan Guichaoua a rencontré des habitants à Tombouctou.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Yvan Guichaoua") == "PERSON"
    assert labels.get("Tombouctou") == "GPE"


def test_noun_chunks_keep_the_adjectives_after_the_noun(nlp):
    doc = nlp("Les autorités maliennes ont expulsé l'ambassadeur.")
    assert "Les autorités maliennes" in [c.text for c in doc.noun_chunks]


def test_english_norm_is_the_lower_case_word():
    doc = load_nlp("en")("The defence ministry neutralised the convoy.")
    assert [t.norm_ for t in doc] == [t.lower_ for t in doc]


def test_glossary_is_well_formed():
    g = glossary()
    assert g.verbs["tuer"] == ("kill", "killed")
    assert g.nouns["attaque"] == ("attack", "attacks")
    assert g.nouns["pays"] == ("country", "countries")
    assert all(isinstance(v, str) for v in g.words.values())
    assert all(len(fr) == len(en) for fr, en in g.phrases)
