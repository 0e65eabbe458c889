"""analyze(): the whole pipeline over one document, its JSON form, determinism, refusals and provenance."""
import pytest

from sahelwatch.errors import InputError
from sahelwatch.model import PLOVER_TYPES, RELATION_TYPES, Analysis
from sahelwatch.pipeline import analyze

TEXT = ("Ambush near Boni\n"
        "JNIM fighters ambushed a Malian army convoy near Boni on Sunday, killing 15 soldiers, "
        "security sources said. The group later claimed the attack.\n\n"
        "Malian officials said reinforcements were deployed to Douentza. "
        "According to Human Rights Watch, soldiers may have executed villagers near Moura last month.\n"
        "Algerian Foreign Minister Ahmed Attaf called the crisis between Algiers and Bamako regrettable.")


@pytest.fixture(scope="module")
def analysis():
    return analyze(TEXT, published="2025-06-10", doc_id="boni")


def test_analyze_returns_an_analysis(analysis):
    assert isinstance(analysis, Analysis)
    assert analysis.document.id == "boni" and analysis.document.text == TEXT
    assert str(analysis.document.published) == "2025-06-10"
    assert analysis.actors and analysis.events and analysis.relations and analysis.claims


def test_json_has_the_evaluation_keys(analysis):
    out = analysis.to_json()
    assert {"actors", "events", "relations", "claims"} <= set(out)
    assert "text" not in out["document"]
    assert out["events"]
    for e in out["events"]:
        assert e["type"] in PLOVER_TYPES
        assert isinstance(e["actors"], list)
        for a in e["actors"]:
            assert {"name", "role"} <= set(a) and a["role"] in ("source", "target", "other")
        if e["date"] is not None:
            assert {"start", "end"} <= set(e["date"])
            assert e["date"]["start"] <= e["date"]["end"]
    for r in out["relations"]:
        assert r["kind"] in RELATION_TYPES and r["coarse"] == RELATION_TYPES[r["kind"]]
        assert {"source", "target", "source_id", "target_id"} <= set(r)
    for c in out["claims"]:
        assert {"speaker", "text", "modality"} <= set(c)
    ids = [a["id"] for a in out["actors"]]
    assert len(ids) == len(set(ids))


def test_json_of_the_ambush(analysis):
    out = analysis.to_json()
    ambush = next(e for e in out["events"] if e["trigger"] == "ambushed")
    assert ambush["type"] == "ASSAULT"
    assert {"name": "JNIM", "role": "source"}.items() <= next(a for a in ambush["actors"]
                                                             if a["id"] == "jnim").items()
    assert any(a["id"] == "fama" and a["role"] == "target" for a in ambush["actors"])
    assert ambush["date"]["start"] == ambush["date"]["end"] == "2025-06-08"
    assert ambush["fatalities"] == 15
    assert ambush["place"]["name"] == "Boni"


def test_the_same_text_twice_gives_the_same_ids():
    one = analyze(TEXT, published="2025-06-10").to_json()
    two = analyze(TEXT, published="2025-06-10").to_json()
    assert one == two
    for part in ("actors", "events", "relations", "claims"):
        ids = [x["id"] for x in one[part]]
        assert len(ids) == len(set(ids)), part


def test_ids_depend_on_the_document():
    one = analyze(TEXT, published="2025-06-10", doc_id="a").to_json()
    two = analyze(TEXT, published="2025-06-10", doc_id="b").to_json()
    assert {e["id"] for e in one["events"]}.isdisjoint({e["id"] for e in two["events"]})


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_empty_text_is_refused(text):
    with pytest.raises(InputError):
        analyze(text)


@pytest.mark.parametrize("published", ["2025-13-01", "yesterday", "10/06/2025", "2025-02-30"])
def test_a_bad_publication_date_is_refused(published):
    with pytest.raises(InputError, match="publication date"):
        analyze("JNIM fighters attacked the camp.", published=published)


def test_no_publication_date_is_allowed():
    a = analyze("JNIM fighters attacked the camp at Boulkessi on June 1, 2025.")
    assert a.document.published is None
    assert a.events and a.events[0].date is not None


def _all_evidence(analysis):
    for actor in analysis.actors:
        yield from actor.evidence
    for e in analysis.events:
        yield from e.evidence
    for r in analysis.relations:
        yield from r.evidence
    for c in analysis.claims:
        yield c.evidence


def test_every_evidence_slices_the_text_to_its_sentence(analysis):
    evidence = list(_all_evidence(analysis))
    assert evidence
    for ev in evidence:
        assert ev.doc_id == "boni"
        assert 0 <= ev.start < ev.end <= len(TEXT)
        assert TEXT[ev.start:ev.end].strip() == ev.text
        assert ev.text and ev.text == ev.text.strip()
