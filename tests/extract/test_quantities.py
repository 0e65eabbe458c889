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
