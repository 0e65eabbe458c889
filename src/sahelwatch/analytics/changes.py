"""'What changed between two dates': the period from day1 to day2 against the period of the same length before.

Events are placed in a period by their first day. The summary is a dict of DataFrames (one per section) so a
notebook can take any of them and the CLI can print each as a table.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from sahelwatch.analytics.graph import TemporalGraph, actor_graph, changes_between
from sahelwatch.analytics.sources import as_date, event_source
from sahelwatch.errors import InputError
from sahelwatch.store import Store

SECTIONS = ("summary", "regions", "types", "new_actors", "movers", "relations")

_BY_GROUP = """
select {columns},
       count(*) filter (where ev.date_start < $day1) as before,
       count(*) filter (where ev.date_start >= $day1) as after,
       coalesce(sum(ev.fatalities) filter (where ev.date_start < $day1), 0)::bigint as fatalities_before,
       coalesce(sum(ev.fatalities) filter (where ev.date_start >= $day1), 0)::bigint as fatalities_after
from ev
where ev.date_start between $before_start and $day2
group by all
"""

_BY_ACTOR = """
, active as (
    select pa.actor_id, ev.key, ev.date_start
    from ev join pa on pa.key = ev.key
    where ev.date_start <= $day2
)
select a.actor_id, coalesce(s.name, a.actor_id) as name, min(a.date_start) as first_date,
       count(distinct a.key) filter (where a.date_start between $before_start and $day1 - 1) as before,
       count(distinct a.key) filter (where a.date_start between $day1 and $day2) as after
from active a
left join actors s on s.id = a.actor_id
group by all
"""


def periods(day1: date | str, day2: date | str) -> dict[str, date]:
    """The compared periods: [before_start, day1) and [day1, day2], of equal length."""
    d1, d2 = as_date(day1), as_date(day2)
    if d1 is None or d2 is None or d2 < d1:
        raise InputError("changes need two dates, the first not after the second")
    return {"before_start": d1 - timedelta(days=(d2 - d1).days + 1), "day1": d1, "day2": d2}


def what_changed(store: Store, day1: date | str, day2: date | str, *, graph: TemporalGraph | None = None,
                 fused: bool = True, top: int = 10) -> dict[str, pd.DataFrame]:
    """Events per region and type before vs after, actors new in the period, actors that moved most, and the
    relations that began, ended or changed class (from the actor graph)."""
    params = periods(day1, day2)
    source = event_source(store.con, fused)
    bound: dict[str, Any] = params | source.params()
    regions = _with_change(store.con.execute(source.ctes() + _BY_GROUP.format(columns="ev.country, ev.admin1"),
                                             bound).df())
    types = _with_change(store.con.execute(source.ctes() + _BY_GROUP.format(columns="ev.type"), bound).df())
    actors = _with_change(store.con.execute(source.ctes() + _BY_ACTOR, bound).df())
    first = pd.to_datetime(actors["first_date"])
    new = actors[(first >= pd.Timestamp(params["day1"])) & (actors["after"] > 0)]
    new = new[["actor_id", "name", "first_date", "after"]].rename(columns={"after": "events"})
    movers = actors[actors["change"] != 0].head(top)[["actor_id", "name", "before", "after", "change"]]
    relations = changes_between(graph if graph is not None else actor_graph(store), params["day1"],
                                params["day2"])
    summary = pd.DataFrame([
        {"measure": "period", "before": f"{params['before_start']}..{params['day1'] - timedelta(days=1)}",
         "after": f"{params['day1']}..{params['day2']}"},
        {"measure": "events", "before": int(types["before"].sum()), "after": int(types["after"].sum())},
        {"measure": "fatalities", "before": int(types["fatalities_before"].sum()),
         "after": int(types["fatalities_after"].sum())},
        {"measure": "active actors", "before": int((actors["before"] > 0).sum()),
         "after": int((actors["after"] > 0).sum())},
        {"measure": "relations began", "before": "", "after": int(relations["change"].str.contains("began").sum())},
        {"measure": "relations ended", "before": "", "after": int(relations["change"].str.contains("ended").sum())},
    ])
    return {"summary": summary, "regions": regions, "types": types,
            "new_actors": new.sort_values(["events", "actor_id"], ascending=[False, True], ignore_index=True),
            "movers": movers.reset_index(drop=True), "relations": relations}


def _with_change(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``change`` (after - before) and sort by its size, largest movement first."""
    frame = frame.assign(change=frame["after"] - frame["before"])
    order = frame["change"].abs().sort_values(ascending=False, kind="stable").index
    return frame.loc[order].reset_index(drop=True)
