"""Blocking: the pairs worth comparing, and not the others."""
from __future__ import annotations

from datetime import date, timedelta

from link_records import DJIBO, report

from sahelwatch.link.blocking import candidate_pairs


def test_reports_of_one_spot_and_day_are_paired(settings) -> None:
    reports = [report("d1"), report("d2", day=date(2025, 6, 2))]
    assert set(candidate_pairs(reports, settings)) == {(0, 1)}


def test_other_regions_and_far_dates_are_never_paired(settings) -> None:
    reports = [report("d1"), report("d2", place=DJIBO), report("d3", day=date(2025, 9, 1))]
    assert not {tuple(sorted(p)) for p in candidate_pairs(reports, settings)}


def test_a_country_level_report_meets_placed_ones_through_a_shared_actor(settings) -> None:
    mali = dict(place_name="Mali", country="ML", feature="country")
    reports = [report("d1"), report("d2", place=mali)]
    assert {tuple(sorted(p)) for p in candidate_pairs(reports, settings)} == {(0, 1)}


def test_pairs_grow_linearly_with_reports_spread_over_time(settings) -> None:
    def pairs(n: int) -> int:
        start = date(2020, 1, 1)
        reports = [report(f"d{i}", day=start + timedelta(days=i // 3)) for i in range(n)]
        return len(list(candidate_pairs(reports, settings)))

    small, big = pairs(300), pairs(3000)
    assert big < 12 * small  # ten times the reports, about ten times the pairs (not a hundred)
