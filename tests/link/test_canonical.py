"""Canonical values: ACLED's conservative toll, shared dates, precise places, every alternative kept."""
from __future__ import annotations

from datetime import date

from link_records import report

from sahelwatch.link import fuse

REGION = dict(place_name="Mopti region", country="ML", admin1="Mopti", lat=14.5, lon=-1.7, feature="region")


def one_event(reports, settings):
    result = fuse(reports, settings)
    assert len(result.groups) == 1
    fid = result.fused_events[0]["id"]
    values = {}
    for v in result.values:
        values.setdefault(v["field"], {})[v["value"]] = v
    return result.fused_events[0], values, [p for p in result.participants if p["fused_id"] == fid]


def test_lowest_credible_toll_is_coded_and_every_figure_kept(settings) -> None:
    reports = [report("a", fatalities=30, outlet="Sahel Wire", tolls=[(30, "the army", "asserted")]),
               report("b", fatalities=84, outlet="Desert Post", tolls=[(84, "CSP-DPA", "reported")]),
               report("c", fatalities=40, outlet="Bamako Daily")]
    event, values, _ = one_event(reports, settings)
    assert event["fatalities"] == 30 and event["fatalities_low"] == 30 and event["fatalities_high"] == 84
    assert "fatalities" in event["contested"]
    assert values["fatalities"]["30"]["chosen"] and not values["fatalities"]["84"]["chosen"]
    assert "Desert Post (CSP-DPA)" in values["fatalities"]["84"]["sources"]
    assert event["n_reports"] == 3 and event["n_sources"] == 3


def test_an_outlets_update_replaces_its_own_earlier_toll(settings) -> None:
    reports = [report("a", fatalities=12, outlet="Sahel Wire", published=date(2025, 6, 2)),
               report("b", fatalities=35, outlet="Sahel Wire", published=date(2025, 6, 4)),
               report("c", fatalities=40, outlet="Desert Post", published=date(2025, 6, 3))]
    event, values, _ = one_event(reports, settings)
    assert event["fatalities"] == 35  # Sahel Wire now says 35; the lowest of 35 and 40
    assert set(values["fatalities"]) == {"12", "35", "40"}


def test_hedged_tolls_count_only_without_a_firm_one(settings) -> None:
    reports = [report("a", fatalities=5, modality="hedged", outlet="X"), report("b", fatalities=20, outlet="Y")]
    assert one_event(reports, settings)[0]["fatalities"] == 20


def test_date_is_what_reports_share_and_place_the_most_precise(settings) -> None:
    reports = [report("a", day=date(2025, 6, 1), end=date(2025, 6, 30), precision="month"),
               report("b", day=date(2025, 6, 2), place=REGION), report("c", day=date(2025, 6, 2))]
    event, values, _ = one_event(reports, settings)
    assert (event["date_start"], event["date_end"], event["date_precision"]) == (date(2025, 6, 2),) * 2 + ("day",)
    assert event["place_name"] == "Boulkessi" and event["lat"] == 14.53
    assert set(values["place"]) == {"Boulkessi", "Mopti region"}
    assert set(values["date"]) == {"2025-06-01..2025-06-30", "2025-06-02"}


def test_a_month_in_a_region_joins_a_dated_attack_only_as_its_one_candidate(settings) -> None:
    vague = report("a", day=date(2025, 6, 1), end=date(2025, 6, 30), precision="month", place=REGION)
    alone = fuse([vague, report("b", day=date(2025, 6, 2))], settings)
    assert len(alone.groups) == 1
    assert next(m for m in alone.members if m["doc_id"] == "a")["reason"].endswith("the only candidate")
    other = dict(place_name="Douentza", country="ML", admin1="Mopti", lat=15.0, lon=-2.95, feature="town")
    two = fuse([vague, report("b", day=date(2025, 6, 2)), report("c", day=date(2025, 6, 20), place=other)],
               settings)
    assert len(two.groups) == 3  # two attacks in the region that month: too little to choose


def test_a_day_in_dispute_is_the_most_reported_and_marked_contested(settings) -> None:
    reports = [report("a", day=date(2025, 6, 1)), report("b", day=date(2025, 6, 2)),
               report("c", day=date(2025, 6, 2))]
    event, values, _ = one_event(reports, settings)
    assert event["date_start"] == date(2025, 6, 2) and "date" in event["contested"]
    assert values["date"]["2025-06-01"]["n_reports"] == 1 and values["date"]["2025-06-02"]["chosen"]


def test_participants_carry_how_many_reports_name_them(settings) -> None:
    reports = [report("a"), report("b", actors=(("jnim", "source"), ("fama", "target"), ("wagner", "target")))]
    _, _, participants = one_event(reports, settings)
    counts = {(p["actor_id"], p["role"]): p["n_reports"] for p in participants}
    assert counts == {("jnim", "source"): 2, ("fama", "target"): 2, ("wagner", "target"): 1}
