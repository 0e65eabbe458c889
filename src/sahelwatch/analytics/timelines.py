"""Counts over time and space as DataFrames: events and fatalities per period and type, per region and month.

Each function is one DuckDB query over the event source of :mod:`sahelwatch.analytics.sources` (canonical events
where fusion has run), so it stays fast at a million events: filters are pushed into the scan and only the
aggregate comes back to Python.
"""
from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from sahelwatch.analytics.sources import actor_ids, as_date, event_source
from sahelwatch.errors import InputError
from sahelwatch.store import Store

FREQUENCIES = ("day", "week", "month", "year")

#: filter snippets over the ``ev`` relation; only those whose parameter is given are used and bound
_FILTERS = {
    "actor_ids": "ev.key in (select pa.key from pa where list_contains($actor_ids, pa.actor_id))",
    "type": """(upper(ev.type) = upper($type) or lower(ev.acled_event_type) = lower($type)
               or lower(ev.acled_sub_event_type) = lower($type))""",
    "country": "ev.country = upper($country)",
    "admin1": "lower(ev.admin1) = lower($admin1)",
    "start": "coalesce(ev.date_end, ev.date_start) >= $start",
    "end": "ev.date_start <= $end",
}

_TIMELINE = """
select date_trunc('{freq}', ev.date_start)::date as period, ev.type, count(*) as count,
       coalesce(sum(ev.fatalities), 0)::bigint as fatalities
from ev
where ev.date_start is not null {filters}
group by all
order by period, ev.type
"""

_REGION_MONTH = """
select ev.country, ev.admin1, date_trunc('month', ev.date_start)::date as month, count(*) as events,
       coalesce(sum(ev.fatalities), 0)::bigint as fatalities
from ev
where ev.date_start is not null {filters}
group by all
order by ev.country nulls last, ev.admin1 nulls last, month
"""


def timeline(store: Store, actor: str | None = None, type: str | None = None, country: str | None = None,
             admin1: str | None = None, start: date | str | None = None, end: date | str | None = None,
             freq: str = "month", fused: bool = True) -> pd.DataFrame:
    """Events and fatalities per period (its first day) and PLOVER type, filtered like ``store.events``.

    ``fused`` counts canonical events where fusion has run (one battle once), raw reports otherwise."""
    if freq not in FREQUENCIES:
        raise InputError(f"bad frequency {freq!r}: expected one of {', '.join(FREQUENCIES)}")
    params = _params(store, actor=actor, type=type, country=country, admin1=admin1, start=start, end=end)
    return _run(store, _TIMELINE.replace("{freq}", freq), params, fused)


def region_month(store: Store, country: str | None = None, start: date | str | None = None,
                 end: date | str | None = None, fused: bool = True, actor: str | None = None,
                 type: str | None = None) -> pd.DataFrame:
    """Events and fatalities per country, admin-1 region and month (the month's first day)."""
    params = _params(store, actor=actor, type=type, country=country, start=start, end=end)
    return _run(store, _REGION_MONTH, params, fused)


def _params(store: Store, *, actor: str | None = None, **values: Any) -> dict[str, Any]:
    """Given filters only, blanks dropped, dates parsed, the actor resolved to its ids."""
    params: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, str):
            value = value.strip() or None
        if key in ("start", "end"):
            value = as_date(value)
        if value is not None:
            params[key] = value
    if actor is not None and actor.strip():
        params["actor_ids"] = actor_ids(store.con, actor)
    return params


def _run(store: Store, template: str, params: dict[str, Any], fused: bool) -> pd.DataFrame:
    filters = "".join(f"\n  and {_FILTERS[k]}" for k in _FILTERS if k in params)
    source = event_source(store.con, fused)
    sql = source.ctes() + template.replace("{filters}", filters)
    return store.con.execute(sql, params | source.params()).df()
