"""Event location with admin units and ACLED geo precision."""
from sahelwatch.acled.coder import code_report


def place(text: str, published: str = "2024-03-10"):
    r = code_report(text, published)[0]
    return r.location, r.admin1, r.geo_precision, r.country


def test_named_town_precision_1():
    assert place("On 2 March 2024, gunmen attacked the gendarmerie in Gossi.") == \
        ("Gossi", "Tombouctou", 1, "Mali")


def test_near_a_town_precision_2():
    loc, admin1, precision, _ = place("On 2 March 2024, gunmen ambushed a convoy near Hombori.")
    assert (loc, admin1, precision) == ("Hombori", "Mopti", 2)


def test_unknown_village_coded_at_known_town_nearby():
    loc, admin1, precision, _ = place("On 2 March 2024, gunmen attacked the village of Zoulbaye in the area of "
                                      "Bankass, killing two civilians.")
    assert (loc, admin1, precision) == ("Bankass", "Mopti", 2)


def test_admin_hint_in_parentheses():
    # the village is unknown to the gazetteer; the district and region in parentheses place it
    loc, admin1, precision, _ = place("On 2 March 2024, gunmen killed a herder in Tondibogou (Koro, Mopti).")
    assert (loc, admin1) == ("Koro", "Mopti") and precision >= 2


def test_other_sahel_countries():
    assert place("On 2 March 2024, soldiers clashed with militants near Djibo.")[1:] == ("Sahel", 2, "Burkina Faso")
    assert place("On 2 March 2024, gunmen killed two villagers in Torodi.")[1::2] == ("Tillaberi", "Niger")


def test_report_country_keeps_names_at_home():
    # "Koro" is also a town of Côte d'Ivoire; the Malian army makes it the Malian one
    assert place("On 2 March 2024, the Malian army clashed with militants in Koro.")[3] == "Mali"


def test_unknown_village_located_from_the_reports_words():
    # neither the hamlet nor anything else is in the gazetteer; the words (Dogon, Fulani, Dan Na Ambassagou)
    # point to a district of Mopti, learned from the training reports
    loc, admin1, precision, _ = place("On 2 March 2024, Dan Na Ambassagou militiamen attacked the Fulani village "
                                      "of Kerewende, killing three civilians.")
    assert admin1 == "Mopti" and loc and precision in (2, 3)


def test_no_place_named_no_place_invented():
    loc, admin1, precision, iso = place("On 2 March 2024, gunmen attacked a bus, killing two passengers.")
    assert (loc, admin1, precision) == ("", "", 3)
    assert iso == "Mali"  # the project's default country (kb/data/acled_actor_rules.yaml)
    loc, admin1, _, iso = place("Gunmen killed 12 people in an attack on a village in northern Burkina Faso "
                                "on Sunday.")
    assert (loc, admin1, iso) == ("", "", "Burkina Faso")
