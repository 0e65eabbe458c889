"""Pair comparison: hard rules keep distinct events apart; the score says how alike two reports are."""
from __future__ import annotations

from datetime import date

from link_records import DJIBO, report

from sahelwatch.link.compare import explain, match


def test_two_reports_of_one_attack_match_with_reasons(settings) -> None:
    a = report("d1")
    b = report("d2", day=date(2025, 6, 2))  # "late Saturday" against "on Sunday"
    assert match(a, b, settings) is not None
    reason = explain(a, b, settings)
    assert "dates within a day" in reason and "shared actors: fama, jnim" in reason and "0 km" in reason


def test_same_place_different_month_is_another_event(settings) -> None:
    assert match(report("d1"), report("d2", day=date(2025, 8, 1)), settings) is None


def test_same_day_other_country_is_another_event(settings) -> None:
    assert match(report("d1"), report("d2", place=DJIBO), settings) is None


def test_places_too_far_apart_are_another_event(settings) -> None:
    far = dict(place_name="Menaka", country="ML", admin1="Menaka", lat=15.92, lon=2.40, feature="town")
    assert match(report("d1"), report("d2", place=far), settings) is None


def test_an_attack_and_talks_are_never_one_event(settings) -> None:
    assert match(report("d1"), report("d2", type="CONSULT"), settings) is None


def test_compatible_types_can_match(settings) -> None:
    assert match(report("d1"), report("d2", type="COERCE"), settings) is not None


def test_a_year_of_fighting_is_not_one_battle(settings) -> None:
    year = report("d2", day=date(2025, 1, 1), end=date(2025, 12, 31), precision="year")
    assert match(report("d1"), year, settings) is None


def test_a_month_mention_meets_the_dated_report(settings) -> None:
    month = report("d2", day=date(2025, 6, 1), end=date(2025, 6, 30), precision="month")
    assert match(report("d1"), month, settings) is not None


def test_two_named_different_perpetrators_in_a_region_do_not_match(settings) -> None:
    region = dict(place_name="Mopti region", country="ML", admin1="Mopti", lat=14.5, lon=-4.2, feature="region")
    a = report("d1", place=region, actors=(("jnim", "source"),))
    b = report("d2", place=region, actors=(("islamic_state_sahel", "source"),))
    assert match(a, b, settings) is None


def test_acled_rows_are_distinct_events_by_definition(settings) -> None:
    assert match(report("d1", origin="acled"), report("d2", origin="acled"), settings) is None
    assert match(report("d1", origin="acled"), report("d2"), settings) is not None


def test_undated_reports_meet_only_inside_their_document(settings) -> None:
    assert match(report("d1", "a", day=None), report("d2", "b", day=None), settings) is None
