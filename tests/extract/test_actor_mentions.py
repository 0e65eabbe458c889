"""Actor mentions: curated names, demonym phrases, capitals as metonyms, new candidates and references."""
import pytest


def _mentions(ctx):
    return [(m.text, m.key) for m in ctx.mentions]


def _key_of(ctx, surface):
    found = [m.key for m in ctx.mentions if m.text == surface]
    assert found, f"no mention {surface!r} in {_mentions(ctx)}"
    return found[0]


@pytest.mark.parametrize("text,surface,key", [
    ("FAMa units reinforced the garrison at Léré.", "FAMa", "fama"),
    ("Africa Corps instructors arrived in Ouagadougou.", "Africa Corps", "africa_corps"),
    ("JNIM blockaded the town of Boni for months.", "JNIM", "jnim"),
    ("General Abdourahamane Tiani addressed the nation on television.", "General Abdourahamane Tiani", "tiani"),
    ("Mali's military regime ordered the envoy to leave.", "Mali's military regime", "mali_government"),
    ("The Nigerien army repelled the assault on the camp.", "Nigerien army", "niger_military"),
    ("ECOWAS lifted most of its sanctions on Niger in February 2024.", "ECOWAS", "ecowas"),
])
def test_curated_names_are_linked(make_ctx, text, surface, key):
    assert _key_of(make_ctx(text, upto=1), surface) == key


@pytest.mark.parametrize("text,surface,key", [
    ("Malian soldiers patrolled the market in Mopti.", "Malian soldiers", "fama"),
    ("The Malian government expelled the French ambassador.", "Malian government", "mali_government"),
    ("Burkinabe troops escorted the convoy to Djibo.", "Burkinabe troops", "burkina_military"),
    ("Nigerien authorities suspended the French broadcaster.", "Nigerien authorities", "niger_government"),
    ("French troops completed their pullout from Gao in August 2022.", "French troops", "france_military"),
])
def test_demonym_phrases_name_a_state_body(make_ctx, text, surface, key):
    assert _key_of(make_ctx(text, upto=1), surface) == key


def test_demonym_sources_speak_for_the_state_but_act_for_no_one(make_ctx):
    ctx = make_ctx("Algerian security sources said the drone crossed into Algerian airspace.", upto=1)
    m = next(m for m in ctx.mentions if m.text == "Algerian security sources")
    assert m.key == "algeria"
    assert m.speaker_only


@pytest.mark.parametrize("text,surface,key", [
    ("Bamako rejected the report as biased.", "Bamako", "mali_government"),
    ("Niamey expelled the French ambassador.", "Niamey", "niger_government"),
    ("Ouagadougou denied the report.", "Ouagadougou", "burkina_government"),
])
def test_a_capital_as_subject_is_its_government(make_ctx, text, surface, key):
    assert _key_of(make_ctx(text, upto=1), surface) == key


@pytest.mark.parametrize("text,name", [
    ("Protesters gathered in Bamako on Friday.", "Bamako"),
    ("The envoy arrived in Algiers on Monday.", "Algiers"),
    ("Reinforcements were sent to Mali.", "Mali"),
    ("A drone from Mali crashed in Algeria.", "Mali"),
    ("A drone from Mali crashed in Algeria.", "Algeria"),
    ("Arms traffickers crossed from Niger into Algeria.", "Niger"),
    ("Fighters slipped across Burkina Faso towards Togo.", "Burkina Faso"),
])
def test_a_name_after_a_locative_preposition_is_a_place_not_an_actor(make_ctx, text, name):
    ctx = make_ctx(text, upto=1)
    assert all(name not in m.text for m in ctx.mentions), _mentions(ctx)


def test_a_crisis_between_two_capitals_has_two_parties(make_ctx):
    ctx = make_ctx("The crisis between Algiers and Bamako deepened after the drone was shot down.", upto=1)
    assert _key_of(ctx, "Algiers") == "algeria_government"
    assert _key_of(ctx, "Bamako") == "mali_government"


@pytest.mark.parametrize("text,anaphor,key", [
    ("Algeria and Mali exchanged accusations. The latter recalled its ambassador.", "The latter", "mali"),
    ("JNIM and the Islamic State fought near Ménaka. The latter lost dozens of men.", "The latter",
     "islamic_state"),
    ("Mali and Niger signed a defence pact. The former also hosts the new joint force.", "The former", "mali"),
])
def test_the_latter_and_the_former_pick_from_the_last_pair(make_ctx, text, anaphor, key):
    assert _key_of(make_ctx(text, upto=1), anaphor) == key


def test_the_group_is_the_latest_armed_group_not_the_latest_actor(make_ctx):
    ctx = make_ctx("JNIM ambushed a convoy near Boni. Malian soldiers returned fire. "
                   "The group later claimed the ambush.", upto=1)
    assert _key_of(ctx, "The group") == "jnim"


def test_the_group_may_be_a_private_military_company(make_ctx):
    ctx = make_ctx("Wagner left Mali in June. The group was replaced by the Africa Corps.", upto=1)
    assert _key_of(ctx, "The group") == "wagner"


def test_he_is_the_latest_person(make_ctx):
    ctx = make_ctx("General Abdourahamane Tiani spoke on Tuesday. He said France had armed the rebels.", upto=1)
    assert _key_of(ctx, "He") == "tiani"


def test_he_is_not_resolved_to_an_organisation(make_ctx):
    ctx = make_ctx("JNIM issued a statement on Tuesday. He said nothing more.", upto=1)
    assert all(m.text != "He" for m in ctx.mentions)


@pytest.mark.parametrize("text,anaphor,key", [
    ("Niger ordered the French ambassador to leave. The junta gave him 48 hours.", "The junta",
     "niger_government"),
    ("Mali withdrew from ECOWAS in January 2025. The junta said the bloc had betrayed it.", "The junta",
     "mali_government"),
    ("The Malian government said the junta in Niamey had been consulted.", "the junta", "niger_government"),
])
def test_the_junta_is_a_government(make_ctx, text, anaphor, key):
    assert _key_of(make_ctx(text, upto=1), anaphor) == key


@pytest.mark.parametrize("text,surface,kind", [
    ("Local tribal leaders met the governor of Kidal.", "Local tribal leaders", "group"),
    ("Gunmen killed three herders near Niono.", "Gunmen", "unidentified"),
    ("Gunmen killed three herders near Niono.", "herders", "civilians"),
    ("Arms traffickers crossed from Niger into Algeria.", "Arms traffickers", "group"),
    ("Abu Bakr Ag Issa, a local commander, defected with his men.", "Abu Bakr Ag Issa", "person"),
])
def test_unknown_actors_become_new_candidates(make_ctx, text, surface, kind):
    ctx = make_ctx(text, upto=1)
    m = next((m for m in ctx.mentions if m.text == surface), None)
    assert m is not None, _mentions(ctx)
    assert m.key.startswith("new_") and m.kind == kind


@pytest.mark.xfail(strict=True, reason="the small model tags 'Moussa Ag Najim' as ORG; the new candidate is an "
                                       "organization although the appositive 'a local trader' says person")
def test_a_new_person_mistagged_as_organisation_is_still_a_person(make_ctx):
    ctx = make_ctx("Moussa Ag Najim, a local trader, was arrested by gendarmes in Gao.", upto=1)
    m = next(m for m in ctx.mentions if m.text == "Moussa Ag Najim")
    assert m.key.startswith("new_") and m.kind == "person"


def test_a_new_person_named_again_by_surname_is_one_candidate(make_ctx):
    ctx = make_ctx("Abu Bakr Ag Issa, a local commander, defected on Monday. Issa said he was tired of war.",
                   upto=1)
    keys = {m.key for m in ctx.mentions if m.text in ("Abu Bakr Ag Issa", "Issa")}
    assert len(keys) == 1 and keys.pop().startswith("new_")


def test_build_actors_gives_one_actor_per_key_with_its_surface_forms(make_ctx):
    from sahelwatch.extract.actors import build_actors

    ctx = make_ctx("Malian soldiers clashed with JNIM near Boni. FAMa said the group lost twenty men. "
                   "Local tribal leaders urged both sides to spare the wells.", upto=1)
    actors = build_actors(ctx)
    ids = [a.id for a in actors]
    assert len(ids) == len(set(ids))
    by_id = {a.id: a for a in actors}
    fama = by_id["fama"]
    assert fama.in_kb and fama.name == "Military Forces of Mali"
    assert {"Malian soldiers", "FAMa"} <= set(fama.aliases)
    assert fama.mentions == 2
    jnim = by_id["jnim"]
    assert jnim.mentions == 2  # "JNIM" and "the group"
    assert "the group" not in jnim.aliases  # references are not names
    new = by_id["new_local_tribal_leaders"]
    assert not new.in_kb and new.aliases == ["Local tribal leaders"]
    assert all(e.text in ctx.doc.text for a in actors for e in a.evidence)


@pytest.mark.parametrize("text", [
    "A Nigerien military analyst said the convoy had been ambushed.",
    "The Algerian military and security affairs expert said the pact mattered.",
])
def test_a_field_of_expertise_is_not_a_force(make_ctx, text):
    keys = {m.key for m in make_ctx(text, upto=1).mentions}
    assert not keys & {"niger_military", "anp"}, keys


@pytest.mark.parametrize("text,surface,key", [
    ("Wagner fighters withdrew from the base.", "Wagner fighters", "wagner"),
    ("Azawad opposition forces held the town.", "Azawad opposition forces", "azawad_movements"),
    ("JNIM militants attacked the post.", "JNIM militants", "jnim"),
])
def test_a_group_name_takes_the_noun_for_its_members(make_ctx, text, surface, key):
    mentions = {(m.text, m.key) for m in make_ctx(text, upto=1).mentions}
    assert (surface, key) in mentions, mentions


def test_a_surname_opening_a_sentence_is_the_person_named_before(make_ctx):
    # the small model tags an unfamiliar name at the start of a sentence as a common noun
    ctx = make_ctx("Captain Ibrahim Traore met the envoy. Traore expelled the French ambassador.", upto=1)
    assert ctx.doc[7].text == "Traore" and ctx.doc[7].pos_ == "NOUN"
    assert [m.key for m in ctx.mentions if m.text == "Traore"] == ["traore"], _mentions(ctx)


@pytest.fixture(scope="module")
def make_ctx_fr():
    from datetime import date

    from sahelwatch.extract.context import Context
    from sahelwatch.extract.mentions import extract_mentions
    from sahelwatch.kb.actors import load_actors
    from sahelwatch.nlp import load_nlp

    nlp_fr = load_nlp("fr")

    def build(text: str, published: str = "2025-06-10"):
        ctx = Context(doc=nlp_fr(text), doc_id="t", published=date.fromisoformat(published), kb=load_actors())
        extract_mentions(ctx)
        return ctx

    return build


@pytest.mark.parametrize("text,surface", [
    ("Le Conseil national pour la sauvegarde de la patrie (CNSP) a suspendu la Constitution. Deux jours plus "
     "tard, la junte a fermé les frontières du pays.", "la junte"),
    ("Le CNSP a suspendu la Constitution. Les voisins du pays ont condamné les putschistes.", "les putschistes"),
])
def test_french_junta_is_the_military_council_the_story_names(make_ctx_fr, text, surface):
    assert _key_of(make_ctx_fr(text, published="2023-08-01"), surface) == "niger_cnsp"


def test_the_junta_is_the_council_named_later_in_the_story(make_ctx):
    ctx = make_ctx("The junta closed the borders on Monday. The CNSP also suspended the constitution.",
                   published="2023-08-01", upto=1)
    assert _key_of(ctx, "The junta") == "niger_cnsp"


def test_the_putschists_are_not_the_state_named_earlier_in_the_sentence(make_ctx):
    ctx = make_ctx("The CNSP seized power in Niamey. Paris refused to deal with the putschists.",
                   published="2023-08-01", upto=1)
    assert _key_of(ctx, "the putschists") == "niger_cnsp"


def test_the_head_of_state_is_the_president_already_named(make_ctx_fr):
    ctx = make_ctx_fr("Le président Idriss Déby a visité la base. Le lendemain, le chef de l'État a limogé "
                      "deux généraux.", published="2020-04-01")
    assert _key_of(ctx, "le chef de l'État") == "idriss_deby"


def test_the_president_before_a_name_is_a_title_not_a_reference(make_ctx_fr):
    ctx = make_ctx_fr("Le président Idriss Déby a visité la base. Il a reçu le président élu Roch Marc "
                      "Christian Kaboré.", published="2020-04-01")
    assert not [m for m in ctx.mentions if m.text.lower().startswith("le président") and m.via == "coref"]


@pytest.mark.parametrize("text,surface,key", [
    ("JNIM fighters attacked the post at dawn. Soldiers later pursued the attackers into the forest.",
     "the attackers", "jnim"),
    ("Boko Haram a attaqué le camp de la garnison. Les soldats ont poursuivi les assaillants jusqu'au lac.",
     "les assaillants", "boko_haram"),
])
def test_definite_attackers_are_the_group_already_named(make_ctx, make_ctx_fr, text, surface, key):
    ctx = make_ctx_fr(text) if "camp" in text else make_ctx(text, upto=1)
    assert _key_of(ctx, surface) == key


def test_a_french_group_keeps_its_noun_complement(make_ctx_fr):
    ctx = make_ctx_fr("Des organisations de défense des droits humains réclament une enquête.")
    assert "organisations de défense des droits humains" in [m.text for m in ctx.mentions]


def test_an_acronym_written_as_a_word_is_the_curated_actor(make_ctx_fr):
    ctx = make_ctx_fr("Le chef de la Minusma a rencontré les notables de Gao.", published="2022-06-01")
    assert _key_of(ctx, "Minusma") == "minusma"


def test_a_headline_opening_on_a_country_sets_the_focus(make_ctx_fr):
    ctx = make_ctx_fr("Niger : Washington retire ses troupes\n\nLes États-Unis ont annoncé le retrait de leurs "
                      "soldats. Washington a confirmé que les soldats américains quitteront bientôt le pays.",
                      published="2024-05-01")
    assert ctx.focus_state == "niger"


def test_a_french_name_the_tagger_reads_as_adjective_and_noun_is_still_a_person(make_ctx_fr):
    ctx = make_ctx_fr("Le bilan a été annoncé par le porte-parole du gouvernement, Zakaria Abdourahamane, dans un "
                      "communiqué.", published="2021-03-23")
    assert [m.kind for m in ctx.mentions if m.text == "Zakaria Abdourahamane"] == ["person"]


def test_villages_named_after_a_place_noun_are_no_actors(make_ctx_fr):
    ctx = make_ctx_fr("Des hommes armés ont pris pour cible les localités d'Intazayane, de Bakorat et de Wirsnat.",
                      published="2021-03-23")
    assert not [m for m in ctx.mentions if m.text in ("Bakorat", "Wirsnat")]
