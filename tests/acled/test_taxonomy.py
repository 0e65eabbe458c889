"""The ACLED taxonomy file: every sub-event type of the codebook, once, with a PLOVER root."""
import pytest

from sahelwatch.acled.taxonomy import load_taxonomy
from sahelwatch.errors import KnowledgeBaseError
from sahelwatch.model import PLOVER_TYPES


def test_all_25_sub_event_types_in_six_event_types():
    tax = load_taxonomy()
    assert len(tax.sub_event_types) == 25
    assert tax.event_types == ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
                               "Riots", "Strategic developments"]
    assert "Headquarters or base established" in tax.sub_event_types
    assert all(s.plover in PLOVER_TYPES for s in tax.sub_event_types.values())


@pytest.mark.parametrize("sub, event_type, plover", [
    ("Armed clash", "Battles", "ASSAULT"),
    ("Remote explosive/landmine/IED", "Explosions/Remote violence", "ASSAULT"),
    ("Abduction/forced disappearance", "Violence against civilians", "ASSAULT"),
    ("Peaceful protest", "Protests", "PROTEST"),
    ("Agreement", "Strategic developments", "AGREE"),
    ("Non-violent transfer of territory", "Strategic developments", "RETREAT"),
])
def test_event_type_and_plover_root(sub, event_type, plover):
    tax = load_taxonomy()
    assert tax.event_type_of(sub) == event_type
    assert tax.plover_of(sub) == plover
    assert tax.is_valid(event_type, sub)


def test_invalid_pairs_and_unknown_names():
    tax = load_taxonomy()
    assert not tax.is_valid("Protests", "Armed clash")
    with pytest.raises(KnowledgeBaseError):
        tax.sub_event("Skirmish")
    assert tax.plover_of(None, "Battles") == "ASSAULT"
    assert tax.plover_of(None, "Protests") == "OTHER"  # peaceful protest or excessive force: two roots
    assert tax.plover_of(None, "Strategic developments") == "OTHER"
