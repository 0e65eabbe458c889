"""ACLED's countries: numeric ISO codes and names (with their variants) to alpha-2, in agreement with the
gazetteer's country entries."""
from __future__ import annotations

from sahelwatch.acled.countries import load_countries
from sahelwatch.kb.gazetteer import load_gazetteer


def test_numeric_codes_and_names_map_to_alpha2():
    countries = load_countries()
    assert countries.iso2_of("Mali", "466") == "ML"
    assert countries.iso2_of("", 854) == "BF"
    assert countries.iso2_of("Cote d'Ivoire") == countries.iso2_of("Ivory Coast") == "CI"
    assert countries.iso2_of("NIGER") == "NE"
    assert countries.iso2_of("Atlantis", "999") is None
    assert countries.iso2_of("Chad", "not a code") == "TD"
    chad = countries.get("td")
    assert chad is not None and (chad.name, chad.iso_numeric, chad.region) == ("Chad", 148, "Middle Africa")


def test_every_sahel_country_is_listed_once_and_named_as_the_gazetteer_does():
    countries = load_countries()
    assert {"ML", "NE", "BF", "DZ", "MR", "LY", "TD"} <= set(countries.by_iso2)
    assert len(countries.by_numeric) == len(countries.by_iso2)
    gazetteer_names = {e.country: e.name for e in load_gazetteer().entries if e.feature == "country"}
    for iso2, country in countries.by_iso2.items():
        if iso2 in gazetteer_names:
            assert gazetteer_names[iso2] == country.name, iso2
