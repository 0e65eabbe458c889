"""Events through the whole pipeline: PLOVER type, participants and roles (source = attacker or initiator,
target = victim or addressee), date interval, place and toll, read from short original sentences."""
from datetime import date

import pytest

from sahelwatch.pipeline import analyze

D = date.fromisoformat


def _of_type(analysis, plover):
    return [e for e in analysis.events if e.type == plover]


def _one(analysis, plover):
    found = _of_type(analysis, plover)
    assert len(found) == 1, [(e.type, e.trigger, [(p.actor_id, p.role) for p in e.participants])
                             for e in analysis.events]
    return found[0]


def _roles(event):
    return {(p.actor_id, p.role) for p in event.participants}


# text, published, PLOVER type, (actor, role) pairs that must be there, date (first, last), place, fatalities
CASES = [
    pytest.param("JNIM fighters ambushed a Malian army convoy near Boni on Sunday, killing 15 soldiers.",
                 "2025-06-10", "ASSAULT", {("jnim", "source"), ("fama", "target")},
                 ("2025-06-08", "2025-06-08"), "Boni", 15, id="ambush"),
    pytest.param("Gunmen abducted five aid workers near Ménaka on Tuesday.",
                 "2024-05-15", "ASSAULT", {("new_gunmen", "source")},
                 ("2024-05-14", "2024-05-14"), "Ménaka", None, id="abduction"),
    pytest.param("A Malian drone strike killed 21 civilians in Tinzaouaten on Sunday.",
                 "2024-08-27", "ASSAULT", {("fama", "source"), ("new_civilians", "target")},
                 ("2024-08-25", "2024-08-25"), "Tinzaouaten", 21, id="drone-strike"),
    pytest.param("French troops withdrew from Niger on Friday.",
                 "2023-12-23", "RETREAT", {("france_military", "source")},
                 ("2023-12-22", "2023-12-22"), "Niger", None, id="withdrawal"),
    pytest.param("France completed the withdrawal of its troops from Niger on December 22, 2023.",
                 "2023-12-23", "RETREAT", {("france", "source")},
                 ("2023-12-22", "2023-12-22"), "Niger", None, id="nominal-withdrawal"),
    pytest.param("Mali and Russia signed a nuclear energy agreement on Monday.",
                 "2025-06-25", "AGREE", {("mali", "source"), ("russia", "source")},
                 ("2025-06-23", "2025-06-23"), None, None, id="agreement"),
    pytest.param("Mali, Burkina Faso and Niger signed a mutual defence pact in Bamako on Saturday.",
                 "2023-09-18", "AGREE", {("mali", "source"), ("burkina_faso", "source"), ("niger", "source")},
                 ("2023-09-16", "2023-09-16"), "Bamako", None, id="three-party-pact"),
    pytest.param("ECOWAS leaders met in Abuja on Sunday to discuss the coup in Niger.",
                 "2023-07-31", "CONSULT", {("ecowas", "source")},
                 ("2023-07-30", "2023-07-30"), "Abuja", None, id="meeting"),
    pytest.param("Russia deployed military instructors to Niamey on Wednesday.",
                 "2024-04-15", "MOBILIZE", {("russia", "source")},
                 ("2024-04-10", "2024-04-10"), "Niamey", None, id="deployment"),
    pytest.param("Burkinabe gendarmes arrested a journalist in Ouagadougou on Tuesday.",
                 "2024-11-20", "COERCE", {("burkina_gendarmerie", "source")},
                 ("2024-11-19", "2024-11-19"), "Ouagadougou", None, id="arrest"),
    pytest.param("ECOWAS leaders imposed sanctions on Niger on Sunday.",
                 "2023-07-31", "SANCTION", {("ecowas", "source"), ("niger", "target")},
                 ("2023-07-30", "2023-07-30"), None, None, id="sanctions"),
    pytest.param("ECOWAS imposed sanctions on Niger on Sunday.",
                 "2023-07-31", "SANCTION", {("ecowas", "source"), ("niger", "target")},
                 ("2023-07-30", "2023-07-30"), None, None, id="sanctions-bare-acronym"),
    # (the small parser makes 'ECOWAS' the root verb: the actor named right before the trigger is the fallback)
    pytest.param("Burkina Faso suspended the broadcasts of TV5 Monde on Saturday.",
                 "2023-12-05", "SANCTION", {("burkina_faso", "source")},
                 ("2023-12-02", "2023-12-02"), None, None, id="suspension"),
    pytest.param("Mali accused Algeria of harbouring terrorists on Sunday.",
                 "2024-12-30", "ACCUSE", {("mali", "source"), ("algeria", "target")},
                 ("2024-12-29", "2024-12-29"), None, None, id="accusation"),
    pytest.param("Protesters demonstrated outside the French embassy in Niamey on Sunday.",
                 "2023-08-01", "PROTEST", {("new_protesters", "source")},
                 ("2023-07-30", "2023-07-30"), "Niamey", None, id="protest"),
    pytest.param("Thousands of protesters marched in Niamey on Saturday to demand the departure of French troops.",
                 "2023-09-04", "PROTEST", {("new_protesters", "source")},
                 ("2023-09-02", "2023-09-02"), "Niamey", None, id="march"),
]


@pytest.mark.parametrize("text,published,plover,roles,dates,place,fatalities", CASES)
def test_event_from_one_sentence(text, published, plover, roles, dates, place, fatalities):
    e = _one(analyze(text, published=published), plover)
    assert roles <= _roles(e), _roles(e)
    assert e.date is not None and (e.date.start, e.date.end) == (D(dates[0]), D(dates[1]))
    if place is not None:
        assert e.place is not None and e.place.name == place, e.place
    assert e.fatalities == fatalities


def test_no_participant_is_both_attacker_and_victim():
    for text, published in [("JNIM fighters ambushed a Malian army convoy near Boni on Sunday.", "2025-06-10"),
                            ("FAMa and Wagner fought JNIM near Léré in February 2022.", "2022-03-01")]:
        for e in analyze(text, published=published).events:
            sources = {p.actor_id for p in e.participants if p.role == "source"}
            targets = {p.actor_id for p in e.participants if p.role == "target"}
            assert not sources & targets, e


def test_passive_attack_keeps_the_agent_as_source():
    a = analyze("Twelve soldiers were killed by JNIM fighters near Boulkessi on Monday.", published="2025-06-10")
    e = _one(a, "ASSAULT")
    assert ("jnim", "source") in _roles(e)
    assert ("jnim", "target") not in _roles(e)
    assert (e.date.start, e.date.end) == (D("2025-06-09"), D("2025-06-09"))
    assert e.place.name == "Boulkessi" and e.place.country == "ML"
    assert e.fatalities == 12


def test_nominal_trigger_takes_the_agent_of_its_participle():
    a = analyze("The offensive on Tinzaouaten, launched by Malian forces and Wagner in late July 2024, "
                "ended in a rout.", published="2024-08-05")
    e = _one(a, "ASSAULT")
    assert {("fama", "source"), ("wagner", "source")} <= _roles(e)
    assert e.place.name == "Tinzaouaten"


def test_nominal_trigger_takes_the_date_of_its_participle():
    a = analyze("The offensive on Tinzaouaten, launched by Malian forces and Wagner in late July 2024, "
                "ended in a rout.", published="2024-08-05")
    e = _one(a, "ASSAULT")
    assert e.date is not None and e.date.start >= D("2024-07-15") and e.date.end == D("2024-07-31")


def test_subject_of_a_support_verb_is_the_agent_of_the_event_noun():
    e = _one(analyze("JNIM launched an offensive on Boulkessi on Sunday.", published="2025-06-10"), "ASSAULT")
    assert ("jnim", "source") in _roles(e)
    assert e.place.name == "Boulkessi"


@pytest.mark.parametrize("text", [
    "The army did not attack the town.",
    "Algeria did not close its border with Mali.",
    "Wagner has not withdrawn from Mali.",
    "Malian troops never attacked the camp at Tinzaouaten.",
])
def test_a_negated_event_is_no_event(text):
    assert analyze(text, published="2025-06-10").events == []


@pytest.mark.parametrize("text,plover", [
    ("JNIM surrounded the soldiers, urging them to surrender.", "CONCEDE"),
    ("ECOWAS threatened to intervene militarily in Niger.", "COERCE"),
    ("Algeria called on Mali to withdraw its troops from the border.", "RETREAT"),
    pytest.param("Thousands of protesters marched in Niamey on Saturday to demand the departure of French troops.",
                 "RETREAT"),
])
def test_a_wished_for_event_is_no_event(text, plover):
    a = analyze(text, published="2023-09-04")
    assert _of_type(a, plover) == [], [(e.type, e.trigger) for e in a.events]


def test_two_reports_of_one_withdrawal_are_one_event():
    text = ("Wagner announced on Friday that it was leaving Mali. "
            "The departure of the mercenaries was confirmed by Malian officials.")
    a = analyze(text, published="2025-06-10")
    e = _one(a, "RETREAT")
    assert ("wagner", "source") in _roles(e)
    assert (e.date.start, e.date.end) == (D("2025-06-06"), D("2025-06-06"))
    assert len(e.evidence) == 2
    assert [text[ev.start:ev.end].strip() for ev in e.evidence] == [
        "Wagner announced on Friday that it was leaving Mali.",
        "The departure of the mercenaries was confirmed by Malian officials."]


def test_two_attacks_by_one_group_at_two_places_and_dates_stay_apart():
    a = analyze("JNIM fighters attacked a military camp in Djibo on October 5. "
                "On October 12, the group attacked a convoy near Arbinda.", published="2024-10-20")
    attacks = _of_type(a, "ASSAULT")
    assert len(attacks) == 2
    assert all(("jnim", "source") in _roles(e) for e in attacks)
    assert [e.date.start for e in attacks] == [D("2024-10-05"), D("2024-10-12")]
    assert [e.place.name for e in attacks] == ["Djibo", "Aribinda"]


def test_an_attack_told_twice_in_one_sentence_is_one_event():
    a = analyze("JNIM fighters stormed the camp at Boulkessi on Sunday, killing 30 soldiers in an assault "
                "that lasted hours.", published="2025-06-10")
    attacks = _of_type(a, "ASSAULT")
    assert len(attacks) == 1
    assert attacks[0].fatalities == 30


def test_an_old_event_is_background():
    e = _one(analyze("French troops withdrew from Niger in December 2023.", published="2025-06-10"), "RETREAT")
    assert e.background


TEXT = ("JNIM claims deadly ambush\n"
        "JNIM fighters ambushed a Malian army convoy near Boni on Sunday, killing 15 soldiers. "
        "Malian officials said reinforcements were deployed to Douentza.\n\n"
        "In Niamey, protesters demonstrated outside the French embassy on Saturday.")


def test_evidence_points_at_the_sentence_of_its_trigger():
    a = analyze(TEXT, published="2025-06-10")
    assert a.events
    for e in a.events:
        for ev in e.evidence:
            span = TEXT[ev.start:ev.end]
            assert span.strip() == ev.text
            assert "\n" not in span.strip()
        first = TEXT[e.evidence[0].start:e.evidence[0].end]
        assert e.trigger in first, (e.trigger, first)


def test_plural_description_stands_for_each_state():
    a = analyze("Mali accused Algeria of interference on Monday. Before the end of the month both governments "
                "had recalled their ambassadors.", published="2024-01-05")
    recall = [e for e in a.events if e.type == "RETREAT"]
    assert recall, [e.type for e in a.events]
    ids = {p.actor_id for p in recall[0].participants}
    assert {"mali_government", "algeria_government"} <= ids or {"mali", "algeria"} <= ids, ids


@pytest.mark.parametrize("text,role", [
    ("The Nigerien army repelled an attack by ISGS fighters near Ayorou on Sunday.", "target"),
    ("JNIM stepped up attacks on the Malian army in the centre of the country.", "source"),
])
def test_verbs_around_an_event_noun_give_their_subject_a_role(text, role):
    e = _one(analyze(text, published="2024-05-15"), "ASSAULT")
    subject = "niger_military" if "Nigerien" in text else "jnim"
    assert (subject, role) in _roles(e), _roles(e)


NEWS_STORY = ("Niger junta expels French envoy\n\n"
              "NIAMEY - Niger's military rulers ordered the French ambassador to leave the country on Friday, "
              "state television said.\n\n"
              "The government of Mali condemned the decision.\n\n"
              "The junta had dissolved the National Assembly after it seized power. "
              "In March 2024, it revoked a military cooperation accord with the United States.")


def test_an_undated_act_in_the_simple_past_happened_at_the_news_time():
    a = analyze(NEWS_STORY, published="2023-09-04")
    e = _one(a, "ACCUSE")  # "The government of Mali condemned the decision": no date of its own
    assert e.date is not None and (e.date.start, e.date.end) == (D("2023-09-01"), D("2023-09-01"))


def test_past_perfect_and_later_dated_paragraphs_do_not_take_the_news_time():
    a = analyze(NEWS_STORY, published="2023-09-04")
    for e in a.events:
        if e.trigger in ("dissolved", "seized"):  # past perfect, and a circumstance clause ("after it seized")
            assert e.date is None or e.date.start != D("2023-09-01"), e
        if e.trigger == "revoked":
            assert e.date is not None and e.date.start == D("2024-03-01")


def test_a_definite_time_of_its_own_keeps_an_act_off_the_news_time():
    text = ("Niger junta expels French envoy\n\n"
            "NIAMEY - Niger's military rulers ordered the French ambassador to leave the country on Friday, "
            "state television said.\n\n"
            "On the day of the coup, the government of Mali condemned the putschists.")
    e = _one(analyze(text, published="2023-09-04"), "ACCUSE")
    assert e.date is None or e.date.start != D("2023-09-01"), e.date


# ---- trigger words, participants, dates and merging: one test per mechanism ----

@pytest.mark.parametrize("text,plover,role", [
    ("Des milliers de manifestants ont défilé à Niamey samedi.", "PROTEST", ("new_manifestants", "source")),
    ("Le général Tiani s'est entretenu au téléphone avec Vladimir Poutine mardi.", "CONSULT", ("tiani", "source")),
    ("FACT rejected the council on Tuesday. It said its fighters were heading for N'Djamena.", "MOBILIZE",
     ("fact", "source")),
])
def test_trigger_words(text, plover, role):
    e = _one(analyze(text, published="2024-04-20"), plover)
    assert role is None or role in _roles(e), _roles(e)


@pytest.mark.parametrize("text", ["Les Américains ont quitté la base aérienne de Niamey le 7 juillet.",
                                  "The Americans left the air base in Niamey on 7 July."])
def test_a_plural_demonym_subject_is_its_state(text):
    e = _one(analyze(text, published="2024-08-10"), "RETREAT")
    assert ("usa", "source") in _roles(e), _roles(e)


@pytest.mark.parametrize("text", ["Some Boko Haram fighters could have withdrawn to Niger.",
                                  "Une partie des combattants de Boko Haram pourrait s'être repliée vers le Niger."])
def test_a_possibility_is_no_event(text):
    a = analyze(text, published="2020-04-20")
    assert _of_type(a, "RETREAT") == [], [(e.type, e.trigger) for e in a.events]


def test_quoted_words_do_not_hide_what_a_trigger_needs():
    a = analyze("Le 16 mars, le CNSP a dénoncé « avec effet immédiat » l'accord militaire avec les États-Unis.",
                published="2024-03-20")
    e = _one(a, "REJECT")
    assert ("niger_cnsp", "source") in _roles(e), _roles(e)


def test_ordering_ones_own_staff_out_is_a_retreat():
    e = _one(analyze("On Saturday the United States ordered non-essential embassy staff to leave N'Djamena.",
                     published="2021-04-20"), "RETREAT")
    assert ("usa", "source") in _roles(e), _roles(e)
    a = analyze("Niger's military rulers ordered the French ambassador to leave the country on Friday.",
                published="2023-09-04")
    assert _of_type(a, "RETREAT") == [] and _of_type(a, "COERCE"), [(e.type, e.trigger) for e in a.events]


def test_the_pair_of_an_outbreak_may_hang_on_its_place():
    e = _one(analyze("Fighting erupted around the camp between the Malian army and JNIM fighters on Sunday.",
                     published="2024-06-10"), "ASSAULT")
    assert {"fama", "jnim"} <= {k for k, _ in _roles(e)}, _roles(e)


def test_two_verbs_with_subjects_of_their_own_are_two_events():
    a = analyze("On 19 December President Abdelmadjid Tebboune received Imam Mahmoud Dicko, while Algerian "
                "officials met representatives of the CSP.", published="2023-12-28")
    assert len(_of_type(a, "CONSULT")) == 2, [(e.trigger, _roles(e)) for e in a.events]


def test_a_list_of_conjoined_verbs_shares_the_first_verbs_subject():
    a = analyze("The military council dissolved the government and the National Assembly, suspended the "
                "constitution, closed the borders and imposed a curfew on Tuesday.", published="2021-04-22")
    for e in a.events:
        assert not any(k == "chad_government" and r == "source" for k, r in _roles(e)), _roles(e)


@pytest.mark.parametrize("text,plover", [
    ("In his New Year's Eve address, Colonel Assimi Goita announced an inter-Malian dialogue.", "CONSULT"),
    ("On 30 June the Security Council voted to end the mandate of MINUSMA.", "RETREAT"),
])
def test_more_trigger_nouns(text, plover):
    assert _of_type(analyze(text, published="2024-01-05"), plover)


def test_a_relative_pronoun_subject_is_the_antecedent():
    a = analyze("Niger revoked its accord with the United States, which has since agreed to withdraw its troops.",
                published="2024-07-10")
    e = _one(a, "AGREE")
    assert ("usa", "source") in _roles(e), _roles(e)


def test_a_date_in_a_modifier_of_the_subject_does_not_date_the_act():
    a = analyze("Bazoum, elected in 2021, has refused to sign a resignation.", published="2023-09-10")
    e = _one(a, "REJECT")
    assert e.date is None or e.date.start.year == 2023, e.date


def test_the_dateline_date_does_not_date_the_events():
    a = analyze("Niger army loses 89 soldiers\n\nNIAMEY, Jan 14 (wire) - At least 89 Nigerien soldiers were killed "
                "in last Thursday's assault on the army camp at Chinagodrar.", published="2020-01-14")
    e = _one(a, "ASSAULT")
    assert (e.date.start, e.date.end) == (D("2020-01-09"), D("2020-01-09")), e.date


def test_one_sentence_one_attack_across_a_place_and_its_province():
    a = analyze("On Dec. 10, fighters stormed the Inates camp, also in Tillaberi, killing 71 soldiers in an assault "
                "that was later claimed by the Islamic State.", published="2019-12-20")
    assert len(_of_type(a, "ASSAULT")) == 1, [(e.trigger, e.place) for e in a.events]


def test_a_deadline_of_another_verb_does_not_date_the_act():
    a = analyze("Russian instructors arrived in Niamey in April, weeks after Niger revoked its accord with the United "
                "States, which has since agreed to withdraw its troops by mid-September.", published="2024-07-10")
    e = _one(a, "AGREE")
    assert e.date is None or e.date.start.month != 9, e.date


@pytest.mark.parametrize("text,published", [
    ("Protesters set fire to the French embassy in Niamey on Sunday.", "2023-08-01"),
    ("Samedi soir, des manifestants ont allumé un incendie devant l'ambassade de France à Ouagadougou.",
     "2022-10-05"),
])
def test_violence_by_protesters_is_a_violent_demonstration(text, published):
    from sahelwatch.pipeline import analyze

    events = analyze(text, published=published).events
    assert [(e.type, e.acled_sub_event_type) for e in events] == [("PROTEST", "Violent demonstration")]


def test_an_actor_inside_another_actors_adjective_phrase_takes_no_part():
    # "des manifestants favorables aux putschistes": the junta describes the protesters, it does not act
    text = ("Le CNSP a pris le pouvoir à Niamey. Samedi soir, des manifestants favorables aux putschistes, "
            "certains brandissant des drapeaux, ont allumé un incendie devant l'ambassade de France.")
    events = [e for e in analyze(text, published="2023-08-05", language="fr").events
              if any(p.actor_id == "france" for p in e.participants)]
    assert events
    for e in events:
        assert "niger_cnsp" not in {p.actor_id for p in e.participants}, e
