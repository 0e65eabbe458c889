"""Grouping: strongest pairs first, no chaining across days, analysts' judgements honoured."""
from __future__ import annotations

from datetime import date

from link_records import report

from sahelwatch.link import fuse


def keys(result) -> list[set[str]]:
    return sorted(({result.reports[i].key[0] for i in g} for g in result.groups), key=sorted)


def test_three_reports_of_one_attack_become_one_event(settings) -> None:
    result = fuse([report("a"), report("b", day=date(2025, 6, 2)), report("c")], settings)
    assert keys(result) == [{"a", "b", "c"}]


def test_no_chain_from_the_first_to_the_third_day(settings) -> None:
    reports = [report("a", day=date(2025, 6, 1)), report("b", day=date(2025, 6, 2)),
               report("c", day=date(2025, 6, 3))]
    groups = keys(fuse(reports, settings))
    assert len(groups) == 2 and {"a", "c"} not in groups and not any({"a", "c"} <= g for g in groups)


def test_judgement_different_splits_and_same_joins(settings) -> None:
    reports = [report("a"), report("b"), report("c", day=date(2025, 7, 9))]
    apart = fuse(reports, settings, different=[(("a", "ev_1"), ("b", "ev_1"))])
    assert keys(apart) == [{"a"}, {"b"}, {"c"}]
    joined = fuse(reports, settings, same=[(("a", "ev_1"), ("c", "ev_1"))])
    assert keys(joined) == [{"a", "b", "c"}]
    member = next(m for m in joined.members if m["doc_id"] == "c")
    assert member["reason"] == "analyst judgement: same event"


def test_at_most_one_acled_row_per_event(settings) -> None:
    reports = [report("a", origin="acled"), report("b"), report("c", origin="acled")]
    groups = keys(fuse(reports, settings))
    assert all(len({k for k in g if k in ("a", "c")}) <= 1 for g in groups)
