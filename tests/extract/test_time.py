from datetime import date

import pytest

D = date.fromisoformat


@pytest.mark.parametrize("text,published,expected", [
    ("The attack took place on June 6, 2025.", "2025-06-10", ("2025-06-06", "2025-06-06", "day")),
    ("Fighting resumed on 14 November 2023 in Kidal.", "2023-11-20", ("2023-11-14", "2023-11-14", "day")),
    ("The army launched an offensive in October 2024.", "2025-06-10", ("2024-10-01", "2024-10-31", "month")),
    ("A drone was shot down in early April 2025.", "2025-06-10", ("2025-04-01", "2025-04-10", "week")),
    ("The convoy was hit in late March.", "2022-04-20", ("2022-03-21", "2022-03-31", "week")),
    ("The unit was established in early 2024.", "2025-06-10", ("2024-01-01", "2024-04-30", "season")),
    ("The group said it had left over the past weekend.", "2025-06-10", ("2025-06-06", "2025-06-08", "week")),
    ("Talks were held in recent weeks.", "2025-06-10", ("2025-05-13", "2025-06-10", "week")),
    ("Soldiers were killed on Tuesday.", "2024-09-19", ("2024-09-17", "2024-09-17", "day")),
    ("Gunmen attacked the village yesterday.", "2024-09-19", ("2024-09-18", "2024-09-18", "day")),
    ("The junta suspended the broadcaster last month.", "2024-03-05", ("2024-02-01", "2024-02-29", "month")),
    ("The mission ended in 2023.", "2025-06-10", ("2023-01-01", "2023-12-31", "year")),
    ("Le 5 mars", "2025-06-10", None),
])
def test_expressions_resolve_to_intervals(make_ctx, text, published, expected):
    from sahelwatch.extract.time import extract_timexes

    ctx = make_ctx(text, published, upto=0)
    found = extract_timexes(ctx)
    if expected is None:
        assert found == [] or all(t.precision != "day" or t.first.month == 3 for t in found)
        return
    assert found, text
    tx = found[0]
    assert (tx.first, tx.last, tx.precision) == (D(expected[0]), D(expected[1]), expected[2])


def test_next_day_is_anchored_on_the_narrative_not_the_publication(make_ctx):
    from sahelwatch.extract.time import extract_timexes

    ctx = make_ctx("The offensive began on July 25, 2024. An ambush followed the next day. "
                   "Two days later the column withdrew.", "2025-06-10", upto=0)
    found = {t.text: (t.first, t.last) for t in extract_timexes(ctx)}
    assert found["the next day"] == (D("2024-07-26"), D("2024-07-26"))
    first, last = found["Two days later"]
    assert first <= D("2024-07-28") <= last


def test_date_without_year_takes_the_latest_past_year(make_ctx):
    from sahelwatch.extract.time import extract_timexes

    ctx = make_ctx("The attack happened on December 30.", "2024-01-05", upto=0)
    assert extract_timexes(ctx)[0].first == D("2023-12-30")


def test_counts_are_not_years(make_ctx):
    from sahelwatch.extract.time import extract_timexes

    ctx = make_ctx("Some 2000 fighters and 1500 soldiers took part.", "2024-01-05", upto=0)
    assert extract_timexes(ctx) == []


def test_relative_expression_without_anchor_is_dropped(make_ctx):
    from sahelwatch.extract.time import extract_timexes

    ctx = make_ctx("Soldiers were killed yesterday.", None, upto=0)
    assert extract_timexes(ctx) == []


# --- French -------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp_fr():
    from sahelwatch.nlp import load_nlp

    return load_nlp("fr")


@pytest.fixture
def timexes_fr(nlp_fr):
    """The French temporal expressions of a text, by their text."""
    from sahelwatch.extract.context import Context
    from sahelwatch.extract.time import extract_timexes
    from sahelwatch.kb.actors import load_actors

    def run(text: str, published: str | None = "2025-06-10") -> dict[str, tuple]:
        ctx = Context(doc=nlp_fr(text), doc_id="t", published=D(published) if published else None,
                      kb=load_actors())
        assert ctx.doc.lang_ == "fr"
        return {t.text.lower(): (t.first, t.last, t.precision) for t in extract_timexes(ctx)}

    return run


# (text, publication date, the expression, its interval and precision)
FRENCH_EXPRESSIONS = [
    # absolute and partial dates
    ("Les affrontements ont repris le 26 juillet 2024 autour de Kidal.", "2025-06-10", "26 juillet 2024",
     ("2024-07-26", "2024-07-26", "day")),
    ("Attaque du poste de Boni, 26 juillet 2024 : le bilan reste flou.", "2025-06-10", "26 juillet 2024",
     ("2024-07-26", "2024-07-26", "day")),
    ("Le 1er avril, des hommes armés ont incendié le marché de bétail.", "2025-06-10", "1er avril",
     ("2025-04-01", "2025-04-01", "day")),
    ("Le 1er août, un convoi a sauté sur une mine.", "2025-06-10", "1er août", ("2024-08-01", "2024-08-01", "day")),
    ("La route nationale est coupée depuis le 1er octobre 2022.", "2025-06-10", "1er octobre 2022",
     ("2022-10-01", "2022-10-01", "day")),
    ("L'état-major a lancé une opération de ratissage en avril 2025.", "2025-06-10", "en avril 2025",
     ("2025-04-01", "2025-04-30", "month")),
    ("En avril, les enlèvements se sont multipliés sur l'axe.", "2025-06-10", "en avril",
     ("2025-04-01", "2025-04-30", "month")),
    ("En novembre, la garnison a été relevée.", "2025-06-10", "en novembre", ("2024-11-01", "2024-11-30", "month")),
    ("Avril 2025 restera le mois le plus sanglant pour la région.", "2025-06-10", "avril 2025",
     ("2025-04-01", "2025-04-30", "month")),
    ("Début avril, un hélicoptère s'est posé en urgence.", "2025-06-10", "début avril",
     ("2025-04-01", "2025-04-10", "week")),
    ("La base a été évacuée début avril 2024.", "2025-06-10", "début avril 2024",
     ("2024-04-01", "2024-04-10", "week")),
    ("À la mi-mars, les pluies ont coupé la piste.", "2025-06-10", "à la mi-mars",
     ("2025-03-11", "2025-03-20", "week")),
    ("La colonne a été prise à partie fin mars.", "2022-04-20", "fin mars", ("2022-03-21", "2022-03-31", "week")),
    ("Le contingent s'est retiré à la fin du mois de mars.", "2022-04-20", "à la fin du mois de mars",
     ("2022-03-21", "2022-03-31", "week")),
    ("La nouvelle brigade a vu le jour début 2024.", "2025-06-10", "début 2024",
     ("2024-01-01", "2024-04-30", "season")),
    ("Les derniers soldats étrangers sont partis fin 2021.", "2025-06-10", "fin 2021",
     ("2021-09-01", "2021-12-31", "season")),
    ("Courant 2023, la mission onusienne a plié bagage.", "2025-06-10", "courant 2023",
     ("2023-01-01", "2023-12-31", "year")),
    ("Le cessez-le-feu a été rompu en 2019.", "2025-06-10", "en 2019", ("2019-01-01", "2019-12-31", "year")),
    ("Le nord du pays échappe à l'État depuis 2012.", "2025-06-10", "depuis 2012",
     ("2012-01-01", "2012-12-31", "year")),
    ("Depuis avril dernier, la ville est sous blocus.", "2025-06-10", "depuis avril dernier",
     ("2025-04-01", "2025-04-30", "month")),
    # deictic: anchored on the publication date (2025-06-10 is a Tuesday)
    ("Le week-end dernier, des hommes à moto ont pillé deux hameaux.", "2025-06-10", "le week-end dernier",
     ("2025-06-06", "2025-06-08", "week")),
    ("Ces dernières semaines, les enlèvements se sont multipliés.", "2025-06-10", "ces dernières semaines",
     ("2025-05-13", "2025-06-10", "week")),
    ("Au cours des derniers mois, la milice a recruté massivement.", "2025-06-10", "au cours des derniers mois",
     ("2025-03-12", "2025-06-10", "month")),
    ("La semaine dernière, un drone a frappé un rassemblement.", "2025-06-10", "la semaine dernière",
     ("2025-06-02", "2025-06-08", "week")),
    ("La junte a suspendu la radio le mois dernier.", "2024-03-05", "le mois dernier",
     ("2024-02-01", "2024-02-29", "month")),
    ("L'an dernier, la région a connu trois coups de force.", "2025-06-10", "l'an dernier",
     ("2024-01-01", "2024-12-31", "year")),
    ("L'année dernière, l'accord a été dénoncé.", "2025-06-10", "l'année dernière",
     ("2024-01-01", "2024-12-31", "year")),
    ("Cette semaine, les négociateurs se sont revus à Niamey.", "2025-06-10", "cette semaine",
     ("2025-06-09", "2025-06-10", "week")),
    ("Des soldats ont été tués mardi près de la frontière.", "2024-09-19", "mardi",
     ("2024-09-17", "2024-09-17", "day")),
    ("Mardi dernier, une patrouille a été visée.", "2025-06-10", "mardi dernier",
     ("2025-06-03", "2025-06-03", "day")),
    ("Hier, des inconnus ont attaqué le village.", "2024-09-19", "hier", ("2024-09-18", "2024-09-18", "day")),
    ("Aujourd'hui, le calme est revenu dans la ville.", "2024-09-19", "aujourd'hui",
     ("2024-09-19", "2024-09-19", "day")),
    ("Ce matin, des tirs ont été entendus près du camp.", "2024-09-19", "ce matin",
     ("2024-09-19", "2024-09-19", "day")),
    ("Avant-hier, un engin explosif a visé un car.", "2024-09-19", "avant-hier",
     ("2024-09-17", "2024-09-17", "day")),
    ("Dans la nuit de samedi à dimanche, des assaillants ont pris d'assaut le poste.", "2025-06-10",
     "dans la nuit de samedi à dimanche", ("2025-06-07", "2025-06-08", "day")),
    ("Dans la nuit du 4 au 5 juin, le camp a essuyé des tirs d'obus.", "2025-06-10", "dans la nuit du 4 au 5 juin",
     ("2025-06-04", "2025-06-05", "day")),
    ("Dans la nuit du samedi 31 mai au dimanche 1er juin 2025, la caserne a été attaquée.", "2025-06-10",
     "dans la nuit du samedi 31 mai au dimanche 1er juin 2025", ("2025-05-31", "2025-06-01", "day")),
]


@pytest.mark.parametrize("text,published,expression,expected", FRENCH_EXPRESSIONS)
def test_french_expressions_resolve_to_intervals(timexes_fr, text, published, expression, expected):
    found = timexes_fr(text, published)
    assert expression in found, found
    assert found[expression] == (D(expected[0]), D(expected[1]), expected[2])


@pytest.mark.parametrize("text,expected", [
    ("Le 3 fevrier 2023", "2023-02-03"), ("Le 12 août 2021", "2021-08-12"), ("Le 12 aout 2021", "2021-08-12"),
    ("Le 4 décembre 2022", "2022-12-04"), ("Le 4 decembre 2022", "2022-12-04"), ("Le 7 janv. 2024", "2024-01-07"),
    ("Le 8 févr. 2024", "2024-02-08"), ("Le 2 sept. 2021", "2021-09-02"), ("Le 3 oct. 2020", "2020-10-03"),
    ("Le 4 nov. 2019", "2019-11-04"), ("Le 5 déc. 2018", "2018-12-05"), ("Le 9 février 2023", "2023-02-09"),
    ("Le vendredi 9 mai 2025", "2025-05-09"), ("Le 12/03/2024", "2024-03-12"),
])
def test_french_month_names_with_or_without_accents_and_abbreviated(timexes_fr, text, expected):
    (first, last, precision), = timexes_fr(text + ", la situation a basculé.").values()
    assert (first, last, precision) == (D(expected), D(expected), "day")


def test_french_relative_expressions_are_anchored_on_the_narrative(timexes_fr):
    found = timexes_fr("L'offensive a commencé le 25 juillet 2024. Le jour même, un pont a sauté. "
                       "Le lendemain, une embuscade a suivi. La veille, des renforts étaient arrivés. "
                       "Le même jour, la ville a été bouclée.", "2025-06-10")
    assert found["le jour même"][:2] == (D("2024-07-25"), D("2024-07-25"))
    assert found["le lendemain"][:2] == (D("2024-07-26"), D("2024-07-26"))
    # the narrative has moved on to the 26th: "la veille" is the 25th, "le même jour" the 25th too
    assert found["la veille"][:2] == (D("2024-07-25"), D("2024-07-25"))
    assert found["le même jour"][:2] == (D("2024-07-25"), D("2024-07-25"))


def test_french_that_weekday_is_the_story_s_day_not_this_week_s(timexes_fr):
    found = timexes_fr("Tout s'est joué le 16 mars 2024. Ce samedi-là, la junte a dénoncé l'accord. "
                       "Mardi, les derniers soldats sont partis.", "2024-08-07")
    assert found["ce samedi-là"][:2] == (D("2024-03-16"), D("2024-03-16"))
    assert found["mardi"][:2] == (D("2024-08-06"), D("2024-08-06"))


def test_french_counted_offsets_from_the_narrative(timexes_fr):
    found = timexes_fr("Le camp est tombé le 10 mars 2024. Deux jours plus tard, la colonne s'est repliée. "
                       "Trois semaines plus tôt, un émissaire avait été reçu. Quelques heures après, un drone "
                       "a survolé la zone.", "2025-06-10")
    first, last, _ = found["deux jours plus tard"]
    assert first <= D("2024-03-12") <= last
    assert found["trois semaines plus tôt"] == (D("2024-02-15"), D("2024-02-21"), "week")
    assert found["quelques heures après"] == (D("2024-03-10"), D("2024-03-11"), "day")


def test_french_months_relative_to_the_narrative(timexes_fr):
    found = timexes_fr("Le 3 mai 2024, l'armée est entrée dans la ville. Ce mois-là, les pluies ont été fortes. "
                       "Le mois suivant, un accord a été signé. Le mois précédent, les rebelles avaient fui.",
                       "2025-06-10")
    assert found["ce mois-là"] == (D("2024-05-01"), D("2024-05-31"), "month")
    # as "the following month" / "the previous month": thirty days on from the narrative date, give or take
    assert found["le mois suivant"] == (D("2024-05-29"), D("2024-06-06"), "month")
    assert found["le mois précédent"] == (D("2024-03-30"), D("2024-04-07"), "month")


@pytest.mark.parametrize("text", [
    "Sept soldats ont été libérés après sept ans de captivité.",
    "Quelque 1 500 soldats et 2000 combattants se font face.",
    "La veille de l'attaque, les habitants avaient fui.",        # told from the attack, not the narrative
    "Deux jours après l'attaque, la colonne est repartie.",
    "Ces derniers ont démenti toute implication.",
])
def test_french_words_that_are_no_dates(timexes_fr, text):
    assert timexes_fr(text) == {}


def test_patterns_belong_to_their_language(make_ctx, timexes_fr):
    from sahelwatch.extract.time import extract_timexes

    # French words in an English text and English words in a French one are not read
    assert extract_timexes(make_ctx("Fighters came back hier, fin mars, mardi dernier, en avril.", "2025-06-10",
                                    upto=0)) == []
    assert timexes_fr("Le groupe Yesterday a joué last week, in early April, à Bamako.") == {}


# --- spans, ranges, deadlines, counted-back and holiday dates (English and French) -------------------------

@pytest.fixture
def timexes_en(nlp):
    from sahelwatch.extract.context import Context
    from sahelwatch.extract.time import extract_timexes
    from sahelwatch.kb.actors import load_actors

    def run(text: str, published: str = "2025-06-10") -> dict[str, tuple]:
        ctx = Context(doc=nlp(text), doc_id="t", published=D(published), kb=load_actors())
        return {t.text.lower(): (str(t.first), str(t.last), t.precision) for t in extract_timexes(ctx)}

    return run


def test_preceding_and_following_days_are_stretches_around_the_story_day(timexes_en, timexes_fr):
    found = timexes_en("Soldiers entered Gao on Tuesday. In the preceding days, shelling had hit the market. "
                       "Refugees returned in the following days.", "2024-03-08")
    assert found["in the preceding days"] == ("2024-02-27", "2024-03-04", "week")
    assert found["in the following days"] == ("2024-03-06", "2024-03-12", "week")
    fr = timexes_fr("Le 4 mars, la ville a été reprise. Dans les jours qui ont suivi, des pillages ont eu lieu.",
                    "2024-03-20")
    assert fr["dans les jours qui ont suivi"] == (D("2024-03-05"), D("2024-03-11"), "week")


def test_bare_weekend_and_counted_days_later(timexes_en, timexes_fr):
    assert timexes_en("Convoys were ambushed over the weekend.", "2024-10-14")["over the weekend"] == \
        ("2024-10-11", "2024-10-13", "week")
    found = timexes_en("The truce began on 2 May. Three days later it collapsed; days later talks resumed.",
                       "2024-06-01")
    assert found["three days later"] == ("2024-05-05", "2024-05-05", "day")
    assert found["days later"][2] == "week"
    fr = timexes_fr("Le 2 mai, la trêve a commencé. Deux jours plus tard, elle a été rompue.", "2024-06-01")
    assert fr["deux jours plus tard"] == (D("2024-05-04"), D("2024-05-04"), "day")


def test_end_of_the_month_is_its_last_third(timexes_en):
    found = timexes_en("On 9 June the envoy left. Before the end of the month, both capitals cut ties.", "2024-07-20")
    assert found["the end of the month"] == ("2024-06-21", "2024-06-30", "week")


def test_a_deadline_without_a_year_lies_ahead(timexes_en, timexes_fr):
    found = timexes_en("In May, the contingent agreed to leave by mid-October.", "2024-07-01")
    assert found["mid-october"] == ("2024-10-11", "2024-10-20", "week")
    fr = timexes_fr("En mars, les deux pays ont fixé une date butoir au 30 septembre.", "2024-06-01")
    assert fr["30 septembre"] == (D("2024-09-30"), D("2024-09-30"), "day")


def test_month_and_day_ranges_share_their_year(timexes_en, timexes_fr):
    found = timexes_en("The pact, negotiated in February and March 2016, was signed later. Clashes went on "
                       "between 3 and 6 April 2019.", "2025-01-10")
    assert found["in february and march 2016"] == ("2016-02-01", "2016-03-31", "season")
    assert found["between 3 and 6 april 2019"] == ("2019-04-03", "2019-04-06", "week")
    fr = timexes_fr("Le pacte, négocié en février et mars 2016, a été signé. Les combats ont duré du 3 au "
                    "6 avril 2019.", "2025-01-10")
    assert fr["en février et mars 2016"] == (D("2016-02-01"), D("2016-03-31"), "season")
    assert fr["du 3 au 6 avril 2019"] == (D("2019-04-03"), D("2019-04-06"), "week")


def test_ago_counts_back_from_publication_and_holidays_are_dated(timexes_en, timexes_fr):
    found = timexes_en("The colonels seized power a year ago. In his New Year's Eve speech, the leader spoke.",
                       "2025-01-15")
    assert found["a year ago"] == ("2024-01-01", "2024-01-31", "month")
    assert found["new year's eve"] == ("2024-12-31", "2024-12-31", "day")
    fr = timexes_fr("Les colonels ont pris le pouvoir il y a deux mois. Le soir de la Saint-Sylvestre, le chef "
                    "de la junte a parlé.", "2025-01-15")
    assert fr["il y a deux mois"] == (D("2024-11-01"), D("2024-11-30"), "month")
    assert fr["la saint-sylvestre"] == (D("2024-12-31"), D("2024-12-31"), "day")


def test_that_saturday_and_the_following_monday_follow_the_story(timexes_en, timexes_fr):
    found = timexes_en("Fighters raided the post on 16 August 2023. That Saturday the army struck back, and the "
                       "following Monday it withdrew.", "2024-05-01")
    assert found["that saturday"] == ("2023-08-19", "2023-08-19", "day")
    assert found["the following monday"] == ("2023-08-21", "2023-08-21", "day")
    fr = timexes_fr("Le poste a été attaqué le 14 août 2023. Le samedi suivant, l'armée a riposté.", "2024-05-01")
    assert fr["le samedi suivant"] == (D("2023-08-19"), D("2023-08-19"), "day")


def test_capitalised_units_resolve(timexes_en):
    found = timexes_en("The base fell on 2 May. Days later the garrison left. Weeks later it returned.", "2024-06-20")
    assert found["days later"][2] == "week" and found["weeks later"][2] == "week"
