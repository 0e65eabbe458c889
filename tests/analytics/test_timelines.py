"""Timelines and region-month counts: filters, frequencies, fused vs raw counting, reports not yet fused."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from analytics_records import analysis, event

from sahelwatch.analytics import region_month, timeline
from sahelwatch.errors import InputError
from sahelwatch.store import Store


@pytest.fixture
def reports(store: Store) -> Store:
    """Three reports: two outlets telling one battle in Mopti, one attack in Gao a month later."""
    store.save(analysis("a", events=[event("a", "e1", date(2024, 3, 4), fatalities=10)]))
    store.save(analysis("b", events=[event("b", "e1", date(2024, 3, 4), fatalities=12)]))
    store.save(analysis("c", events=[event("c", "e1", date(2024, 4, 2), "is_sahel", "civilians_mali",
                                           acled="Violence against civilians", admin1="Gao", fatalities=3)]))
    return store


def fuse(store: Store, *, at: datetime = datetime(2999, 1, 1)) -> None:
    """What a fusion run writes when it sees the first two reports as one event (columns analytics read)."""
    con = store.con
    con.execute("""insert into fused_events (id, type, acled_event_type, date_start, date_end, country, admin1,
                   fatalities, n_reports, n_documents, n_sources, confidence) values
                   ('f1', 'ASSAULT', 'Battles', date '2024-03-04', date '2024-03-04', 'ML', 'Mopti', 10, 2, 2, 2, .9),
                   ('f2', 'ASSAULT', 'Violence against civilians', date '2024-04-02', date '2024-04-02', 'ML', 'Gao',
                    3, 1, 1, 1, .9)""")
    con.execute("insert into fused_event_members (fused_id, doc_id, event_id) values ('f1', 'a', 'e1'), "
                "('f1', 'b', 'e1'), ('f2', 'c', 'e1')")
    con.execute("""insert into fused_event_participants values ('f1', 'jnim', 'JNIM', 'source', 2),
                   ('f1', 'fama', 'FAMa', 'target', 2), ('f2', 'is_sahel', 'ISSP', 'source', 1),
                   ('f2', 'civilians_mali', 'Civilians', 'target', 1)""")
    con.execute("insert into fusion_runs values (?, 3, 2, 1, 0.1, 'test')", [at])


def counts(frame: pd.DataFrame, key: str, value: str) -> dict:
    return {(k.date().isoformat() if hasattr(k, "date") else k): v for k, v in zip(frame[key], frame[value])}


def test_region_month_counts_reports_before_fusion_and_events_after(reports: Store) -> None:
    raw = region_month(reports)
    assert list(raw.columns) == ["country", "admin1", "month", "events", "fatalities"]
    assert counts(raw, "admin1", "events") == {"Gao": 1, "Mopti": 2}
    fuse(reports)
    fused = region_month(reports)
    assert counts(fused, "admin1", "events") == {"Gao": 1, "Mopti": 1}
    assert counts(fused, "admin1", "fatalities") == {"Gao": 3, "Mopti": 10}
    assert counts(region_month(reports, fused=False), "admin1", "events") == {"Gao": 1, "Mopti": 2}
    assert region_month(reports, country="NE").empty


def test_reports_after_the_last_fusion_run_are_counted_too(reports: Store) -> None:
    fuse(reports, at=datetime(2000, 1, 1))  # every document was ingested after this run
    reports.con.execute("delete from fused_events where id = 'f2'")  # the run did not see report c
    reports.con.execute("delete from fused_event_members where fused_id = 'f2'")
    assert counts(region_month(reports), "admin1", "events") == {"Gao": 1, "Mopti": 1}


def test_timeline_by_month_and_year_with_filters(reports: Store) -> None:
    monthly = timeline(reports)
    assert list(monthly.columns) == ["period", "type", "count", "fatalities"]
    assert counts(monthly, "period", "count") == {"2024-03-01": 2, "2024-04-01": 1}
    assert counts(timeline(reports, freq="year"), "period", "count") == {"2024-01-01": 3}
    assert counts(timeline(reports, actor="Islamic State Sahel Province"), "period", "count") == {"2024-04-01": 1}
    assert counts(timeline(reports, type="battles"), "period", "count") == {"2024-03-01": 2}
    assert counts(timeline(reports, admin1="gao"), "period", "count") == {"2024-04-01": 1}
    assert timeline(reports, start="2024-03-05", end=date(2024, 3, 31)).empty
    fuse(reports)
    assert counts(timeline(reports, actor="jnim"), "period", "count") == {"2024-03-01": 1}


def test_bad_input_is_an_input_error(reports: Store) -> None:
    with pytest.raises(InputError, match="frequency"):
        timeline(reports, freq="fortnight")
    with pytest.raises(InputError, match="unknown actor"):
        timeline(reports, actor="nobody")
    with pytest.raises(InputError, match="bad date"):
        region_month(reports, start="2024-13-01")


def test_the_analytics_package_leaves_the_analyze_function_alone() -> None:
    import sahelwatch
    import sahelwatch.analytics  # noqa: F401 - importing the subpackage must not shadow sahelwatch.analyze

    assert callable(sahelwatch.analyze)
