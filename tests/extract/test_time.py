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
