"""Fatalities by ACLED's rules."""
import pytest

from sahelwatch.acled.coder import read_report


@pytest.mark.parametrize("text, deaths", [
    ("Gunmen attacked the village, three civilians were killed and three others wounded.", 3),
    ("Fulani militiamen attacked the hamlet, two villagers and one attacker were killed.", 3),
    ("JNIM militants killed two soldiers, a customs agent, and four civilians at the checkpoint.", 7),
    ("Militants ambushed the convoy, killing at least four soldiers and wounding two others.", 4),
    ("Between 10 and 15 fishermen were killed on the island.", 10),
    ("Dozens of civilians were killed when gunmen raided the market.", 12),
    ("Gunmen shot dead a trader in the market.", 1),
    ("The driver was killed and two passengers were wounded.", 1),
    ("Unknown gunmen beheaded a woman and her child.", 2),
    ("Gunmen attacked the camp. No casualties were reported.", 0),
    ("Three soldiers were wounded when their vehicle hit a mine.", 0),
    ("Gunmen opened fire against two peacekeepers, killing one and wounding the other.", 1),
    ("Five militiamen (including four CMFPR1 and one GATIA) were killed in the clashes.", 5),
    ("Militants tried to kill a Dozo chief, villagers repelled them and killed four assailants.", 4),
])
def test_fatalities(text, deaths):
    assert read_report(text, "2024-03-10").fatalities == deaths
