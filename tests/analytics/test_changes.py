"""'What changed between two dates': the period against the one of the same length before it."""
from __future__ import annotations

from datetime import date

import pytest
from analytics_records import analysis, event, relation

from sahelwatch.analytics import what_changed
from sahelwatch.analytics.changes import periods
from sahelwatch.errors import InputError
from sahelwatch.store import Store


def test_periods_are_of_equal_length() -> None:
    p = periods("2024-04-01", "2024-04-30")
    assert p == {"before_start": date(2024, 3, 2), "day1": date(2024, 4, 1), "day2": date(2024, 4, 30)}
    with pytest.raises(InputError):
        periods("2024-05-01", "2024-04-01")


def test_what_changed_compares_regions_types_and_actors(store: Store) -> None:
    store.save(analysis("a", events=[event("a", "e1", date(2024, 3, 10), admin1="Mopti", fatalities=4)]))
    store.save(analysis("b", events=[event("b", "e1", date(2024, 4, 5), admin1="Gao", fatalities=2),
                                     event("b", "e2", date(2024, 4, 9), "is_sahel", "civilians_mali",
                                           admin1="Gao", fatalities=7)],
                        relations=[relation("b", "wagner", "supports", "cooperative", "fama", date(2024, 4, 2),
                                            date(2024, 12, 31))]))
    out = what_changed(store, "2024-04-01", "2024-04-30")
    regions = {r.admin1: (r.before, r.after, r.change) for r in out["regions"].itertuples()}
    assert regions == {"Gao": (0, 2, 2), "Mopti": (1, 0, -1)}
    assert out["regions"].iloc[0]["admin1"] == "Gao"  # largest movement first
    summary = dict(zip(out["summary"]["measure"], zip(out["summary"]["before"], out["summary"]["after"])))
    assert summary["events"] == (1, 2) and summary["fatalities"] == (4, 9)
    assert set(out["new_actors"]["actor_id"]) == {"is_sahel", "civilians_mali"}
    movers = dict(zip(out["movers"]["actor_id"], out["movers"]["change"]))
    assert movers["is_sahel"] == 1 and "jnim" not in movers  # one event before, one after
    began = out["relations"][out["relations"]["change"] == "began"]
    assert ("wagner", "supports", "fama") in set(zip(began["source"], began["kind"], began["target"]))
