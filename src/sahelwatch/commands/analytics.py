"""``sahelwatch stats``: counts over time and regions, and what changed between two dates, as tables."""
from __future__ import annotations

import json

import click

from sahelwatch.cli import DB, FORMAT, _date_option, _filters, _open_store, _print_rows

FUSED = click.option("--reports", "reports", is_flag=True,
                     help="count every report, not canonical events (the default once fusion has run)")


@click.group()
def stats() -> None:
    """Counts of events and fatalities, canonical events once `sahelwatch fuse` has run."""


@stats.command("timeline")
@_filters
@click.option("--admin1", default=None, help="admin-1 region of the event place")
@click.option("--freq", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True)
@FUSED
@FORMAT
@DB
def timeline_cmd(actor, type_, country, start, end, admin1, freq, reports, fmt, db) -> None:
    """Events and fatalities per period and event type."""
    from sahelwatch.analytics import records, timeline

    with _open_store(db, read_only=True) as store:
        rows = records(timeline(store, actor=actor, type=type_, country=country, admin1=admin1, start=start,
                                end=end, freq=freq, fused=not reports))
    _print_rows(rows, fmt, ["period", "type", "count", "fatalities"], f"events per {freq}")


@stats.command("region-month")
@_filters
@FUSED
@FORMAT
@DB
def region_month_cmd(actor, type_, country, start, end, reports, fmt, db) -> None:
    """Events and fatalities per country, admin-1 region and month."""
    from sahelwatch.analytics import records, region_month

    with _open_store(db, read_only=True) as store:
        rows = records(region_month(store, country=country, start=start, end=end, fused=not reports, actor=actor,
                                    type=type_))
    _print_rows(rows, fmt, ["country", "admin1", "month", "events", "fatalities"], "events per region and month")


@stats.command("changes")
@click.option("--from", "start", required=True, callback=_date_option, help="first day (YYYY-MM-DD)")
@click.option("--to", "end", required=True, callback=_date_option, help="last day (YYYY-MM-DD)")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="actors listed as movers")
@FUSED
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="output format; csv prints each section after a '# section' line")
@DB
def changes_cmd(start, end, top, reports, fmt, db) -> None:
    """What changed from --from to --to against the period of the same length before: events per region and
    type, new and most changed actors, ties that began, ended or changed class."""
    from sahelwatch.analytics import records, what_changed

    with _open_store(db, read_only=True) as store:
        sections = {name: records(frame) for name, frame in
                    what_changed(store, start, end, fused=not reports, top=top).items()}
    if fmt == "json":
        click.echo(json.dumps(sections, ensure_ascii=False, indent=1, default=str))
        return
    columns = {"summary": ["measure", "before", "after"],
               "regions": ["country", "admin1", "before", "after", "change", "fatalities_before",
                           "fatalities_after"],
               "types": ["type", "before", "after", "change", "fatalities_before", "fatalities_after"],
               "new_actors": ["actor_id", "name", "first_date", "events"],
               "movers": ["actor_id", "name", "before", "after", "change"],
               "relations": ["change", "date", "source_name", "kind", "target_name", "coarse", "before", "after"]}
    for name, rows in sections.items():
        if fmt == "csv":
            click.echo(f"# {name}")
        _print_rows(rows, fmt, columns[name], name.replace("_", " "))


COMMANDS = [stats]
