"""Fusion commands: run it, list canonical events, show one with its reports and alternatives, judge a pair."""
from __future__ import annotations

import json

import click

from sahelwatch.cli import DB, FORMAT, _console, _filters, _open_store, _print_rows
from sahelwatch.errors import InputError


@click.command()
@DB
def fuse(db: str | None) -> None:
    """Group stored reports of the same real event into canonical events (replaces the previous grouping).

    Reports merge when their event types agree, their dates meet, their places are close and they share
    actors; each canonical event keeps every report and every contested value. Judgements made with
    `sahelwatch judge` are honoured."""
    from sahelwatch.link import fuse_store

    with _open_store(db) as store:
        summary = fuse_store(store)
    click.echo(f"{summary.reports} reports -> {summary.fused_events} canonical events "
               f"({summary.merged} reports merged into another's event, {summary.contested} with contested "
               f"values) in {summary.seconds:.2f} s")


@click.command()
@click.argument("fused_id", required=False)
@_filters
@click.option("--contested", is_flag=True, help="only events whose reports disagree on a value")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@FORMAT
@DB
def fused(fused_id, actor, type_, country, start, end, contested, limit, fmt, db) -> None:
    """Canonical events (after `sahelwatch fuse`), or one of them in full with FUSED_ID: its reports, why each
    joined, and every value the reports give."""
    with _open_store(db, read_only=True) as store:
        if fused_id:
            _show(store.fused_event(fused_id), fmt)
            return
        rows = store.fused_events(actor=actor, type=type_, country=country, start=start, end=end,
                                  contested=contested, limit=limit)
    _print_rows(rows, fmt, ["id", "date_start", "type", "participants", "place_name", "fatalities",
                            "n_reports", "n_sources", "contested"], "canonical events")


def _show(event: dict, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(event, ensure_ascii=False, indent=1, default=str))
        return
    if fmt == "csv":
        _print_rows(event["reports"], "csv", [], "reports")
        return
    console = _console()
    when = event["date_start"] if event["date_start"] == event["date_end"] else \
        f"{event['date_start']}..{event['date_end']}"
    console.rule(f"[bold]{event['id']}[/] {event['type']} {when} {event['place_name'] or ''}")
    click.echo(f"fatalities {event['fatalities']} (reported {event['fatalities_low']}-{event['fatalities_high']}); "
               f"{event['n_reports']} reports from {event['n_sources']} sources; "
               f"contested: {event['contested'] or 'nothing'}")
    _print_rows(event["values"], "table", ["field", "value", "n_reports", "n_sources", "sources", "chosen"],
                "values")
    _print_rows(event["reports"], "table", ["doc_id", "event_id", "source", "published", "date_start",
                                            "place_name", "fatalities", "reason", "sentence"], "reports")


def _report_key(value: str) -> tuple[str, str]:
    doc_id, sep, event_id = value.rpartition(":")
    if not sep or not doc_id or not event_id:
        raise InputError(f"{value!r}: expected DOC_ID:EVENT_ID (see `sahelwatch fused ID`)")
    return doc_id, event_id


@click.command()
@click.argument("report_a", metavar="DOC_ID:EVENT_ID")
@click.argument("report_b", metavar="DOC_ID:EVENT_ID")
@click.argument("judgement", type=click.Choice(["same", "different"]))
@click.option("--note", default=None, help="why (kept with the judgement)")
@click.option("--no-fuse", is_flag=True, help="record only; do not re-run fusion")
@DB
def judge(report_a: str, report_b: str, judgement: str, note: str | None, no_fuse: bool, db: str | None) -> None:
    """Record that two reports are the same real event or different ones; every later fusion honours it."""
    from sahelwatch.link import fuse_store

    a, b = _report_key(report_a), _report_key(report_b)
    with _open_store(db) as store:
        store.judge(a, b, judgement, note)
        click.echo(f"recorded: {report_a} and {report_b} are {judgement}")
        if not no_fuse:
            summary = fuse_store(store)
            click.echo(f"re-fused: {summary.fused_events} canonical events from {summary.reports} reports")


COMMANDS = [fuse, fused, judge]
