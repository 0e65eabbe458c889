"""ACLED actor naming and sides, on small original reports."""
import pytest

from sahelwatch.acled.coder import code_report, read_report


def sides(text: str, published: str = "2024-03-10") -> tuple[str, str]:
    record = code_report(text, published)[0]
    return record.actor1, record.actor2


@pytest.mark.parametrize("text, published, actor1, actor2", [
    # regime periods of state forces follow the event date
    ("On 5 March 2019, Malian soldiers clashed with JNIM militants near Boni.", "2019-03-07",
     "Military Forces of Mali (2013-2020)", "JNIM: Group for Support of Islam and Muslims"),
    ("On 5 March 2024, Malian soldiers clashed with JNIM militants near Boni.", "2024-03-07",
     "Military Forces of Mali (2021-)", "JNIM: Group for Support of Islam and Muslims"),
    # unnamed perpetrators and victims, in the event country
    ("On 2 March 2024, unknown gunmen shot dead a trader in Gao.", "2024-03-04",
     "Unidentified Armed Group (Mali)", "Civilians (Mali)"),
    ("On 2 March 2024, unidentified assailants killed two herders near Djibo.", "2024-03-04",
     "Unidentified Armed Group (Burkina Faso)", "Civilians (Burkina Faso)"),
    # a hedged attribution is coded as the group
    ("On 2 March 2024, suspected JNIM militants abducted a teacher near Douentza.", "2024-03-04",
     "JNIM: Group for Support of Islam and Muslims", "Civilians (Mali)"),
    # a brigade is coded as its umbrella group
    ("On 2 March 2024, Katiba Macina fighters attacked a Dozo checkpoint near Djenne, killing three Dozos.",
     "2024-03-04", "JNIM: Group for Support of Islam and Muslims", "Dozo Communal Militia (Mali)"),
    # the vehicle that hits a mine is the target, the one who planted it the attacker
    ("On 2 March 2024, a Malian army vehicle hit an IED planted by JNIM militants near Boni.", "2024-03-04",
     "JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali (2021-)"),
])
def test_acled_names_and_sides(text, published, actor1, actor2):
    assert sides(text, published) == (actor1, actor2)


def test_joint_attribution():
    a1, _ = sides("On 2 March 2024, presumed JNIM and/or ISGS militants killed a notable near Menaka.")
    assert a1.startswith("JNIM: Group for Support of Islam and Muslims and/or Islamic State")


def test_transnational_group_is_its_local_branch():
    a1, _ = sides("On 2 March 2021, Islamic State militants attacked a Nigerien army post in Banibangou, "
                  "killing ten soldiers.", "2021-03-04")
    assert a1 == "Islamic State (West Africa) - Greater Sahara Faction"
    a1, _ = sides("On 2 March 2024, ISWAP fighters attacked a Chadian army base near Bol.", "2024-03-04")
    assert a1 == "Islamic State (West Africa)"


def test_contractor_is_the_armys_associate():
    record = code_report("On 2 March 2024, Malian soldiers and Wagner Group mercenaries attacked JNIM militants "
                         "near Niono.", "2024-03-04")[0]
    assert record.actor1 == "Military Forces of Mali (2021-)"
    assert "Wagner" in record.assoc_actor_1


def test_communities_as_sides_and_as_victims():
    a1, a2 = sides("On 2 March 2024, clashes between Fulani and Dogons broke out in the area of Bankass.")
    assert {a1, a2} == {"Fulani Ethnic Militia (Mali)", "Dogon Ethnic Militia (Mali)"}
    a1, a2 = sides("On 2 March 2024, presumed Katiba Macina militants killed four Bozos near Djenne.")
    assert a2 == "Civilians (Mali)"


def test_village_self_defence():
    _, a2 = sides("On 2 March 2024, JNIM militants attacked the village of Tanagou, village self-defense "
                  "repelled the attack and killed four assailants.")
    assert a2 == "Tanagou Communal Militia (Mali)"


def test_protests_and_riots():
    record = code_report("On 2 March 2024, hundreds of residents marched peacefully in Kayes to protest "
                         "power cuts.", "2024-03-04")[0]
    assert (record.actor1, record.actor2, record.inter1) == ("Protesters (Mali)", "", "6")
    record = code_report("On 2 March 2024, youths in Kayes barricaded roads and burned tires in protest against "
                         "power cuts, the police fired tear gas.", "2024-03-04")[0]
    assert record.actor1 == "Rioters (Mali)"
    assert record.actor2 == "Police Forces of Mali (2021-)"


def test_reporters_are_not_sides():
    reading = read_report("On 2 March 2024, Malian authorities said that soldiers killed five militants "
                          "near Diafarabe.", "2024-03-04")
    assert "Government of Mali (2021-)" not in {a.name for a in reading.candidates}


def test_inter_codes_and_interaction():
    record = code_report("On 2 March 2024, JNIM militants killed three civilians near Boni.", "2024-03-04")[0]
    assert (record.inter1, record.inter2, record.interaction) == ("2", "7", "27")
    assert record.civilian_targeting == "Civilian targeting"


def test_associated_actors_say_who_the_civilians_were():
    record = code_report("On 2 March 2024, Dogon militiamen shot dead two Fulani herders near Bankass.",
                         "2024-03-04")[0]
    assert record.actor2 == "Civilians (Mali)"
    assert record.assoc_actor_2.split("; ") == ["Pastoralists (Mali)", "Fulani Ethnic Group (Mali)"]
    record = code_report("On 3 March 2024, striking teachers staged a sit-in in front of the ministry in Bamako.",
                         "2024-03-04")[0]
    assert (record.actor1, record.assoc_actor_1) == ("Protesters (Mali)", "Teachers (Mali)")
    record = code_report("An ICRC official was killed in Gao by unidentified assailants.", "2024-03-04")[0]
    assert record.assoc_actor_2.startswith("ICRC")
