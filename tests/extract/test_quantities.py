import pytest

from sahelwatch.extract.quantities import word_number


@pytest.mark.parametrize("text,value", [
    ("twelve", 12), ("forty-seven", 47), ("two hundred", 200), ("1,200", 1200), ("a dozen", 12), ("dozens", 12),
])
def test_word_numbers(text, value):
    assert word_number(text) == value


@pytest.mark.parametrize("text,kind,value", [
    ("The ambush resulted in the deaths of 84 fighters.", "fatalities", 84),
    ("At least 20 civilians were killed in the raid.", "fatalities", 20),
    ("Between 30 and 40 soldiers died in the attack.", "fatalities", 30),
    ("Dozens of villagers were killed.", "fatalities", 12),
    ("Twelve soldiers were wounded.", "wounded", 12),
    ("The force comprises 70-80% former fighters.", None, None),
    ("Total strength ranges between 40,000 and 45,000 personnel.", "people", 40000),
])
def test_figures_and_their_kind(make_ctx, text, kind, value):
    ctx = make_ctx(text, upto=4)
    if kind is None:
        assert all(q.kind != "fatalities" for q in ctx.quantities)
        return
    q = ctx.quantities[0]
    assert (q.kind, q.value) == (kind, value)


def test_coordinated_tolls_add_up_and_contested_ones_keep_the_lowest(make_ctx):
    from sahelwatch.extract.quantities import fatalities_in

    ctx = make_ctx("The clash left 84 Wagner fighters and 47 Malian soldiers dead.", upto=4)
    sent = ctx.sents[0]
    assert fatalities_in(ctx.doc, ctx.quantities, sent.start, sent.end)[0] == 131
    ctx = make_ctx("The army said 12 soldiers were killed, while the group claimed it killed 50 soldiers.", upto=4)
    sent = ctx.sents[0]
    assert fatalities_in(ctx.doc, ctx.quantities, sent.start, sent.end)[0] == 12


# --- French -------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp_fr():
    from sahelwatch.nlp import load_nlp

    return load_nlp("fr")


@pytest.fixture
def make_ctx_fr(nlp_fr):
    """A French context with the stages up to quantities run."""
    from datetime import date

    from sahelwatch.extract.context import Context
    from sahelwatch.extract.mentions import extract_mentions
    from sahelwatch.extract.places import extract_places
    from sahelwatch.extract.quantities import extract_quantities
    from sahelwatch.extract.time import extract_timexes
    from sahelwatch.kb.actors import load_actors

    def build(text: str):
        ctx = Context(doc=nlp_fr(text), doc_id="t", published=date(2025, 6, 10), kb=load_actors())
        assert ctx.doc.lang_ == "fr"
        for stage in (extract_mentions, extract_timexes, extract_places, extract_quantities):
            stage(ctx)
        return ctx

    return build


@pytest.mark.parametrize("text,value", [
    ("vingt-sept", 27), ("trente et un", 31), ("soixante-dix-huit", 78), ("quatre-vingt-dix", 90),
    ("deux cents", 200), ("mille cinq cents", 1500), ("1 000", 1000), ("1\u202f000", 1000), ("1.000", 1000),
    ("2,5 millions", 2_500_000), ("une centaine", 100), ("une dizaine de", 10), ("des dizaines", 12),
    ("plusieurs", 3), ("quelques", 3), ("2,5", None),
])
def test_french_word_numbers(text, value):
    from sahelwatch.extract.quantities import word_number_fr

    assert word_number_fr(text) == value


@pytest.mark.parametrize("text,kind,value,high", [
    ("Au moins 27 soldats ont été tués dans l'embuscade.", "fatalities", 27, 27),
    ("Plus de 100 civils ont péri lors du raid.", "fatalities", 100, 101),
    ("Près de 50 décès ont été recensés dans le cercle.", "fatalities", 50, 50),
    ("Entre 20 et 30 jihadistes ont été neutralisés.", "fatalities", 20, 30),
    ("Trente villageois ont perdu la vie dans l'incendie.", "fatalities", 30, 30),
    ("Une centaine de personnes ont été tuées au marché.", "fatalities", 100, 100),
    ("Des dizaines d'éleveurs sont morts sur la route.", "fatalities", 12, 12),
    ("L'explosion a coûté la vie à quatre-vingt-dix passagers.", "fatalities", 90, 90),
    ("Le bilan de l'assaut s'élève à 45 victimes.", "fatalities", 45, 45),
    ("Une dizaine de gendarmes ont été blessés.", "wounded", 10, 10),
    ("Plusieurs militaires ont été blessés par balle.", "wounded", 3, 3),
    ("Quelques assaillants ont été tués en fuyant.", "fatalities", 3, 3),
    ("L'état-major aligne 1 500 soldats dans la zone.", "people", 1500, 1500),
    ("2,5 millions de personnes ont quitté leur foyer.", "people", 2_500_000, 2_500_000),
    ("Trente terroristes ont été arrêtés à l'aube.", "people", 30, 30),
])
def test_french_figures_and_their_kind(make_ctx_fr, text, kind, value, high):
    q = make_ctx_fr(text).quantities[0]
    assert (q.kind, q.value, q.high) == (kind, value, high)


@pytest.mark.parametrize("text", [
    "L'attaque a fait 30 victimes.",                  # victims, but nothing says they died
    "Le taux de malnutrition atteint 2,5 % dans le camp.",
    "Un enfant de 12 ans a été enlevé à 3 km du puits.",
])
def test_french_figures_that_are_no_toll(make_ctx_fr, text):
    assert all(q.kind != "fatalities" for q in make_ctx_fr(text).quantities)


@pytest.mark.parametrize("text", [
    "Le poste se trouve à quelque 1 500 km de la capitale, à une douzaine de kilomètres du fleuve.",
    "Les recrues avaient entre 12 et 14 ans, selon la gendarmerie.",
])
def test_french_measures_and_pieces_of_figures_are_not_counts(make_ctx_fr, text):
    assert make_ctx_fr(text).quantities == []


def test_french_subsets_are_not_added(make_ctx_fr):
    ctx = make_ctx_fr("On dénombre 7 morts, dont 3 enfants.")
    assert [(q.value, q.kind) for q in ctx.quantities] == [(7, "fatalities"), (3, "subset")]
    ctx = make_ctx_fr("Au moins 12 civils ont été tués ; 3 d'entre eux étaient des enfants.")
    assert [(q.value, q.kind) for q in ctx.quantities] == [(12, "fatalities"), (3, "subset")]


def test_french_coordinated_tolls_add_up_and_contested_ones_keep_the_lowest(make_ctx_fr):
    from sahelwatch.extract.quantities import fatalities_in

    def toll(text):
        ctx = make_ctx_fr(text)
        sent = ctx.sents[0]
        return fatalities_in(ctx.doc, ctx.quantities, sent.start, sent.end)[0]

    assert toll("L'affrontement a fait 84 morts chez les rebelles et 47 morts chez les soldats.") == 131
    assert toll("L'armée a annoncé 12 soldats tués, alors que le groupe a affirmé avoir tué 50 soldats.") == 12
    assert toll("Selon l'armée, 12 soldats ont été tués et selon le groupe, 50 soldats ont été tués.") == 12


def test_figures_belong_to_their_language(make_ctx, make_ctx_fr):
    assert make_ctx("Une centaine de soldats et trente civils.", upto=4).quantities == []
    assert make_ctx_fr("Twelve soldiers were killed and dozens wounded.").quantities == []
