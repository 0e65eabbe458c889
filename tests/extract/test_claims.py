"""Claims: who said what, and how firmly; accusations carried by claims."""
import pytest

from sahelwatch.pipeline import analyze


def _claims(text, published="2025-06-10"):
    return analyze(text, published=published).claims


def _one_claim(text, published="2025-06-10"):
    claims = _claims(text, published)
    assert len(claims) == 1, [(c.speaker, c.cue, c.text) for c in claims]
    return claims[0]


# text, speaker, speaker id (None: not in the knowledge base or not an actor), words the content must hold
ATTRIBUTED = [
    pytest.param("Algerian Foreign Minister Ahmed Attaf said that Algeria would never accept a military solution "
                 "in northern Mali.", "Ahmed Attaf", "attaf", "would never accept a military solution",
                 id="said-that"),
    pytest.param("Malian officials said the army had repelled the attack.", "Government of Mali",
                 "mali_government", "the army had repelled the attack", id="demonym-speaker"),
    pytest.param("Human Rights Watch reported that soldiers executed dozens of villagers near Moura.",
                 "Human Rights Watch", "hrw", "soldiers executed dozens of villagers", id="reported-that"),
    pytest.param("The attack on the convoy was repelled, the Malian army said.", "Military Forces of Mali", "fama",
                 "The attack on the convoy was repelled", id="postposed"),
    pytest.param("The attack was repelled, the army said.", "army", None, "The attack was repelled",
                 id="postposed-bare-noun"),
    pytest.param("According to Human Rights Watch, soldiers executed dozens of villagers near Moura.",
                 "Human Rights Watch", "hrw", "soldiers executed dozens of villagers near Moura",
                 id="according-to"),
    pytest.param("Twenty soldiers died in the ambush, according to security sources.", "security sources",
                 None, "Twenty soldiers died in the ambush", id="according-to-postposed"),
]


@pytest.mark.parametrize("text,speaker,speaker_id,content", ATTRIBUTED)
def test_attributed_claims(text, speaker, speaker_id, content):
    c = _one_claim(text)
    assert c.speaker == speaker
    if speaker_id is not None:
        assert c.speaker_id == speaker_id
    assert content in c.text
    assert c.modality == "asserted"
    assert c.evidence.text == text and c.evidence.speaker == speaker


def test_according_to_names_the_speaker_not_the_content():
    c = _one_claim("According to Human Rights Watch, soldiers executed dozens of villagers near Moura.")
    assert c.cue == "according to"
    assert "according" not in c.text.lower() and "Human Rights Watch" not in c.text


def test_parenthetical_attribution():
    c = _one_claim("This, Kharief noted, was a defeat for the junta.")
    assert c.speaker == "Kharief"
    assert "was a defeat for the junta" in c.text


def test_parenthetical_attribution_is_not_part_of_the_content():
    c = _one_claim("This, Kharief noted, was a defeat for the junta.")
    assert "noted" not in c.text and "Kharief" not in c.text


@pytest.mark.parametrize("text,speaker", [
    ("Analysts said the drone may have been shot down by Algerian forces.", "Analysts"),
    ("Human Rights Watch said soldiers may have executed dozens of villagers.", "Human Rights Watch"),
    ("Kharief suggested that JNIM could regroup in the Liptako.", "Kharief"),
])
def test_hedged_content_makes_a_hedged_claim(text, speaker):
    c = _one_claim(text)
    assert c.speaker == speaker and c.modality == "hedged"
    assert c.evidence.modality == "hedged"


@pytest.mark.parametrize("text,marker", [
    ("Wagner reportedly lost dozens of fighters near Tinzaouaten.", "reportedly"),
    ("Soldiers allegedly executed civilians in the village of Moura.", "allegedly"),
])
def test_hearsay_without_a_speaker_is_an_unattributed_report(text, marker):
    c = _one_claim(text)
    assert c.speaker is None and c.speaker_id is None
    assert c.modality == "reported" and c.cue == marker


@pytest.mark.parametrize("text", [
    "Wagner announced that it had completed its mission in Mali.",
    "Wagner announced that it would leave Mali.",
])
def test_a_self_announcement_is_not_a_claim(text):
    assert _claims(text) == []


def test_a_reporting_verb_without_a_clause_is_not_a_claim():
    assert _claims("Niger announced sanctions on Benin.", published="2024-06-10") == []


def test_claim_links_the_event_told_in_its_sentence():
    a = analyze("Analysts said the drone may have been shot down by Algerian forces.", published="2025-04-02")
    c = a.claims[0]
    assert c.event_ids
    linked = [e for e in a.events if e.id in c.event_ids]
    assert linked and all(e.evidence[0].start == c.evidence.start for e in linked)


def _accusations(analysis):
    return [e for e in analysis.events if e.type == "ACCUSE"]


@pytest.mark.parametrize("text,source,target", [
    ("Mali condemned the downing of its drone, describing it as an act of war by Algeria.", "mali", "algeria"),
    ("Mali recalled its ambassador from Algiers. The junta said Algeria was a sponsor of terrorism.",
     "mali_government", "algeria"),
])
def test_an_accusatory_claim_is_an_accusation_event(text, source, target):
    a = analyze(text, published="2025-04-08")
    pairs = [{(p.actor_id, p.role) for p in e.participants} for e in _accusations(a)]
    assert any({(source, "source"), (target, "target")} <= p for p in pairs), pairs
    claim = next(c for c in a.claims if c.speaker_id == source)
    acc = next(e for e in _accusations(a) if (target, "target") in {(p.actor_id, p.role) for p in e.participants})
    assert acc.id in claim.event_ids


def test_one_accusation_sentence_gives_one_accusation_event():
    a = analyze("Mali condemned the downing of its drone, describing it as an act of war by Algeria.",
                published="2025-04-08")
    assert len(_accusations(a)) == 1


def test_described_as_an_act_of_war_is_an_accusation():
    a = analyze("The Malian government described the downing of its drone as an act of war by Algeria.",
                published="2025-04-08")
    assert a.claims and a.claims[0].speaker_id == "mali_government"
    pairs = [{(p.actor_id, p.role) for p in e.participants} for e in _accusations(a)]
    assert any({("mali_government", "source"), ("algeria", "target")} <= p for p in pairs), pairs


def test_a_claim_without_accusatory_words_makes_no_accusation():
    a = analyze("Algeria said the Malian drone had crossed into its airspace near Tinzaouaten.",
                published="2025-04-08")
    assert a.claims and _accusations(a) == []


@pytest.mark.parametrize("text", [
    "Soldiers allegedly executed civilians in the village.\nThe army denied it.",
    "The army retook the town.\nAccording to residents, soldiers may have executed villagers near Moura.\nNo "
    "figures were given.",
])
def test_claim_content_at_a_line_end_has_no_trailing_break(text):
    claims = _claims(text)
    assert claims
    for c in claims:
        assert c.text == c.text.strip(" \n.")


# French: the same readers through the French pipeline (original sentences)
FRENCH_ATTRIBUTED = [
    pytest.param("Le porte-parole du gouvernement malien a déclaré que l'armée avait repoussé l'attaque.",
                 "l'armée avait repoussé l'attaque", "asserted", id="a-declare-que"),
    pytest.param("Selon des sources sécuritaires, une dizaine de soldats ont été tués près de Ménaka.",
                 "une dizaine de soldats ont été tués près de Ménaka", "asserted", id="selon"),
    pytest.param("Une dizaine de soldats ont été tués près de Ménaka, selon des sources locales.",
                 "Une dizaine de soldats ont été tués près de Ménaka", "asserted", id="selon-after"),
    pytest.param("Le retrait s'est achevé sans incident, a indiqué le ministère de la Défense.",
                 "Le retrait s'est achevé sans incident", "asserted", id="incise"),
    pytest.param("Pour plusieurs analystes, la junte pourrait se tourner vers Moscou.",
                 "la junte pourrait se tourner vers Moscou", "hedged", id="pour-des-analystes"),
    pytest.param("D'après un responsable local, les assaillants auraient emporté des armes.",
                 "les assaillants auraient emporté des armes", "reported", id="d-apres-conditional"),
]


@pytest.mark.parametrize("text,content,modality", FRENCH_ATTRIBUTED)
def test_french_attributed_claims(text, content, modality):
    claim = _one_claim(text)
    assert content in claim.text and claim.modality == modality, (claim.speaker, claim.text, claim.modality)
    assert claim.speaker


def test_claim_carries_the_relation_told_in_its_sentence():
    analysis = analyze("Malian officials said that Algeria was backing the rebels in Kidal.", published="2024-01-01")
    claim = analysis.claims[0]
    backing = [r for r in analysis.relations if r.coarse == "cooperative"]
    assert backing and claim.relation_ids == [backing[0].id]
    assert backing[0].evidence[0].speaker == claim.speaker


def test_french_hearsay_conditional_is_an_unattributed_report():
    claims = _claims("Le camp aurait été abandonné par ses occupants. Des renforts seraient en route.",
                     published="2024-03-01")
    assert [(c.speaker, c.modality) for c in claims] == [(None, "reported"), (None, "reported")]


def test_french_conditional_after_a_reporting_verb_is_not_hearsay():
    claims = _claims("Le colonel a annoncé que la transition durerait deux ans.")
    assert [c.modality for c in claims] == ["asserted"]


def test_french_pour_inside_a_name_is_not_an_attribution():
    claims = _claims("Le Mouvement patriotique pour la sauvegarde et la restauration a pris le pouvoir.")
    assert claims == []


def test_competing_tolls_stay_side_by_side_each_attributed():
    analysis = analyze("JNIM fighters attacked an army camp near Boulkessi on Monday. The group said it had killed "
                       "50 soldiers, while the army said two soldiers were wounded.", published="2024-05-02")
    attack = next(e for e in analysis.events if e.type == "ASSAULT")
    tolls = [(t.value, t.outcome, t.speaker) for t in attack.tolls]
    assert (50, "killed", "JNIM") in tolls and (2, "wounded", "army") in tolls


def test_french_competing_tolls():
    analysis = analyze("Des jihadistes ont attaqué lundi un camp de l'armée près de Boulkessi. Le groupe a affirmé "
                       "avoir tué 50 soldats, tandis que l'armée a indiqué que deux militaires avaient été blessés.",
                       published="2024-05-02")
    attack = next(e for e in analysis.events if e.type == "ASSAULT")
    assert {(t.value, t.outcome) for t in attack.tolls} >= {(50, "killed"), (2, "wounded")}


# --- speakers, contents and skips (mechanisms, English and French)

def test_description_chosen_by_its_words_not_by_salience():
    # Algeria is named most, but only Mali's government is called "transitional"
    claims = _claims("Algeria criticised Mali's military government on Monday. Algeria recalled its ambassador and "
                     "Algeria closed its airspace. The transitional authorities said the decision was hostile.",
                     published="2024-01-01")
    said = next(c for c in claims if "hostile" in c.text)
    assert said.speaker_id == "mali_government"


def test_junta_speaks_under_its_own_name():
    c = _claims("Mali's junta took power in 2021. The junta said it would hold elections in 2026.")[0]
    assert c.speaker == "junta" and c.speaker_id == "mali_government"
    c = _claims("La junte a pris le pouvoir au Mali en 2021. La junte a assuré que le scrutin se tiendrait en 2026.")[0]
    assert c.speaker.lower() == "la junte"


def test_could_no_longer_is_not_a_hedge():
    assert _one_claim("The army said the town could no longer be defended.").modality == "asserted"


def test_participle_read_as_a_clause_before_the_verb_gives_the_speaker():
    c = _one_claim("Residents interviewed by reporters said the soldiers had burned the market.")
    assert c.speaker.startswith("Residents") and c.text == "the soldiers had burned the market"


def test_clause_across_a_semicolon_is_not_the_content_of_a_verb_with_an_object():
    claims = _claims("UN office says 500 died in Moura; Bamako rejects the findings.")
    assert [c.speaker for c in claims] == ["UN office"]


def test_one_speaker_in_one_sentence_makes_one_claim():
    c = _one_claim("The Malian government said it would sue the team, which it accused of espionage.")
    assert "espionage" in c.text
    c = _one_claim("In a statement, the Malian government described the report as biased and insisted that no "
                   "civilian had died.")
    assert "statement" not in c.text and "biased" in c.text and "no civilian had died" in c.text


def test_participle_after_a_reported_clause_speaks_for_the_reporter():
    for text in ("Idriss Deby warned that his army would withdraw from the lake, adding that Chad had fought alone.",
                 "Idriss Déby a averti que son armée se retirerait du lac, affirmant que le Tchad s'était battu "
                 "seul."):
        claims = _claims(text, published="2020-04-10")
        assert {c.speaker_id for c in claims} == {"idriss_deby"}, [(c.speaker, c.text) for c in claims]


def test_according_to_a_pronoun_is_the_claim_and_its_inner_verb_is_not_another():
    for text in ("Prosecutor Youssouf Tom spoke on Saturday. According to him, the autopsy revealed traces of poison "
                 "in the bodies.",
                 "Le procureur Youssouf Tom s'est exprimé samedi. D'après lui, l'autopsie a révélé la présence d'un "
                 "poison dans les corps."):
        c = _one_claim(text)
        assert c.speaker == "Youssouf Tom" and "autopsie" not in c.speaker.lower()


def test_events_do_not_speak():
    assert _claims("The assault on Bohoma showed that the group remained able to strike hard.") == []
    assert _claims("L'assaut de Bohoma a rappelé que le groupe reste capable de frapper durement.") == []


def test_named_actor_speaks_even_when_its_name_is_a_mute_word():
    c = _one_claim("FACT rejected the council, declaring that Chad was not a monarchy.", published="2021-04-21")
    assert c.speaker_id == "fact" and "monarchy" in c.text


def test_he_reaches_back_to_a_person_named_a_few_sentences_earlier():
    for text in ("Idriss Deby visited the base at Bohoma on Tuesday. The next day the troops left the island. "
                 "Reinforcements arrived from the capital. He announced that 92 soldiers had been killed.",
                 "Idriss Déby s'est rendu mardi à la base de Bohoma. Le lendemain, les troupes ont quitté l'île. Des "
                 "renforts sont arrivés de la capitale. Il a annoncé que 92 soldats avaient été tués."):
        assert _one_claim(text, published="2020-03-30").speaker_id == "idriss_deby"


def test_he_carries_on_a_person_told_by_a_description():
    for text in ("The new strongman said elections would be held in 2024. He had earlier said that the transition "
                 "would be short.",
                 "Le nouvel homme fort a indiqué que le scrutin se tiendrait en 2024. La veille, il avait affirmé "
                 "qu'il se contenterait d'expédier les affaires courantes."):
        claims = _claims(text, published="2022-10-05")
        assert len(claims) == 2 and claims[0].speaker == claims[1].speaker, [(c.speaker, c.text) for c in claims]


def test_justification_is_a_claim():
    c = _one_claim("The officers justified the coup by the worsening security situation.")
    assert "worsening security situation" in c.text
    c = _one_claim("Le groupe d'officiers a justifié son coup de force par la dégradation de la situation sécuritaire.")
    assert "dégradation de la situation" in c.text


def test_reply_is_a_reporting_verb():
    for text in ("ECOWAS replied that it had not received any formal notification of the withdrawal.",
                 "La CEDEAO a répondu qu'elle n'avait reçu aucune notification formelle du retrait."):
        assert _one_claim(text, published="2024-02-01").speaker_id == "ecowas"


def test_unresolved_pronoun_is_no_speaker():
    assert _claims("They described the sanctions as illegal and inhumane.") == []


def test_french_pour_specialists_attributes():
    c = _one_claim("Pour plusieurs spécialistes, les combattants pourraient s'être repliés au Niger.")
    assert c.speaker == "plusieurs spécialistes" and c.modality == "hedged"


def test_denouncing_a_characterized_act_is_a_claim():
    c = _one_claim("Le gouvernement burkinabè condamne un acte irresponsable qui menace la sécurité des civils.")
    assert c.speaker_id == "burkina_government" and "acte irresponsable" in c.text


def test_french_il_carries_on_the_organisation_that_spoke_before():
    claims = _claims("Le gouvernement malien affirme que les soldats ont repoussé l'attaque. Il dénonce un acte "
                     "hostile et prémédité des groupes terroristes.")
    assert len(claims) == 2 and claims[1].speaker_id == claims[0].speaker_id is not None, \
        [(c.speaker, c.text) for c in claims]


def test_unresolved_selon_lui_is_no_speaker():
    claims = _claims("Le conseil condamne une agression injustifiable qui viserait, selon lui, toute la région.")
    assert all(c.speaker != "lui" for c in claims), [(c.speaker, c.text) for c in claims]


def test_relative_clause_before_the_verb_is_no_incise():
    c = _one_claim("Le collège des chefs d'État de la CEDEAO, qui réunit quinze pays, condamne un acte "
                   "irresponsable qui menacerait la paix régionale.")
    assert "irresponsable" in c.text and "CEDEAO" in c.speaker, (c.speaker, c.text)


def test_french_typographic_apostrophes_read_like_straight_ones():
    text = "L’armée malienne a affirmé qu’elle avait repoussé l’attaque près de Ménaka."
    claims = _claims(text, published="2024-05-02")
    assert [c.speaker_id for c in claims] == ["fama"], [(c.speaker, c.text) for c in claims]
    # the evidence is the document's own text, curly apostrophes included
    assert claims[0].evidence.text == text


def test_french_source_ends_at_the_comma():
    claim = _one_claim("Selon des sources locales, au moins 12 civils ont été tués près de Ménaka.",
                       published="2024-05-02")
    assert claim.speaker == "des sources locales" and claim.text.startswith("au moins 12 civils")
