"""Language detection from function words."""
import pytest

from sahelwatch.errors import InputError
from sahelwatch.language import detect_language, supported_languages
from sahelwatch.pipeline import analyze


@pytest.mark.parametrize("text, expected", [
    ("Des hommes armés ont attaqué lundi un poste de la gendarmerie près de Dori.", "fr"),
    ("L'armée a confirmé qu'une patrouille avait été prise dans une embuscade.", "fr"),
    ("Gunmen attacked a gendarmerie post near Dori on Monday, officials said.", "en"),
    ("The army said that a patrol had been ambushed on the road to Djibo.", "en"),
    # no function words at all: English, the default
    ("JNIM Boulkessi 2024", "en"),
    ("", "en"),
])
def test_detects_english_and_french(text, expected):
    assert detect_language(text) == expected


def test_a_french_headline_with_an_english_acronym_is_french():
    assert detect_language("Le JNIM revendique l'attaque de Tessit, selon le SITE Intelligence Group") == "fr"


def test_supported_languages_match_the_models():
    from sahelwatch.nlp import MODEL_PACKAGES

    assert set(supported_languages()) == set(MODEL_PACKAGES)


def test_analyze_records_the_detected_language():
    analysis = analyze("Le gouvernement malien a annoncé mardi la fin de l'accord d'Alger.", published="2024-01-27")
    assert analysis.document.language == "fr"


def test_analyze_rejects_an_unsupported_language():
    with pytest.raises(InputError, match="unsupported language 'de'"):
        analyze("Die Armee meldete einen Angriff.", language="de")
