"""The ``sahelwatch`` command line: each command calls one core function and prints its result.

Every user error (bad file, bad date, a store that is not a DuckDB file) ends in a one-line message on
stderr and a non-zero exit, never a traceback. Set SAHELWATCH_DEBUG=1 to see the traceback of an
unexpected error.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from sahelwatch import __version__
from sahelwatch.errors import InputError, SahelwatchError

EXIT_USAGE = 2
EXIT_ERROR = 1
EXAMPLE_DIR = Path(__file__).parent / "examples"

err_console = Console(stderr=True)


def _fail(message: str, code: int = EXIT_ERROR) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _date_option(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: expected YYYY-MM-DD")


def _open_store(db: str | None, read_only: bool = False):
    from sahelwatch.store import Store

    return Store(db, read_only=read_only)


def _print_rows(rows: list[dict], fmt: str, columns: list[str], title: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else columns, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: ("" if v is None else v) for k, v in r.items()})
        click.echo(buf.getvalue(), nl=False)
        return
    table = Table(title=f"{title} ({len(rows)})", show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*["" if r.get(c) is None else str(r.get(c)) for c in columns])
    _console().print(table)


def _console() -> Console:
    """A terminal's own width, or a wide page when the output goes to a file or a pipe."""
    console = Console()
    return console if console.is_terminal else Console(width=160)


FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                      show_default=True, help="output format")
DB = click.option("--db", envvar="SAHELWATCH_DB", default=None, metavar="PATH",
                  help="DuckDB store file (default: $SAHELWATCH_DB or ./sahelwatch.duckdb)")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sahelwatch")
def cli() -> None:
    """sahelwatch: actors, events, relations and claims from Sahel conflict reporting, each traced to its
    sentence."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--published", callback=_date_option, help="publication date (YYYY-MM-DD) anchoring relative dates")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
@click.option("--source", default=None, help="name of the outlet, kept with the document")
def analyze(files: tuple[Path, ...], published: date | None, fmt: str, source: str | None) -> None:
    """Analyse article files (.txt, .html) and print the analysis without storing it.

    The JSON of one file is the evaluation kit's `doc` format; several files give a JSON list."""
    from sahelwatch.ingest import read_path
    from sahelwatch.pipeline import analyze_document

    results = []
    for path in files:
        docs = read_path(path, published=published, source=source)
        for doc in docs:
            results.append(analyze_document(doc))
    if fmt == "json":
        payload = [a.to_json() for a in results]
        click.echo(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=1))
        return
    for analysis in results:
        _print_analysis(analysis)


def _print_analysis(analysis) -> None:
    console = _console()
    console.rule(f"[bold]{analysis.document.id}[/] published {analysis.document.published or '?'}")
    t = Table(title=f"events ({len(analysis.events)})")
    for c in ("type", "actors", "date", "place", "dead", "figures given", "modality"):
        t.add_column(c, overflow="fold")
    for e in analysis.events:
        actors = "; ".join(f"{p.name} ({p.role})" for p in e.participants)
        when = "" if e.date is None else (e.date.start.isoformat() if e.date.start == e.date.end
                                          else f"{e.date.start}..{e.date.end}")
        figures = "; ".join(f"{x.value} {x.outcome}" + (f" ({x.speaker})" if x.speaker else "") for x in e.tolls)
        t.add_row(e.type, actors, when, e.place.name if e.place else "",
                  "" if e.fatalities is None else str(e.fatalities), figures, e.modality)
    console.print(t)
    t = Table(title=f"relations ({len(analysis.relations)})")
    for c in ("source", "kind", "target", "basis"):
        t.add_column(c, overflow="fold")
    for r in analysis.relations:
        t.add_row(r.source, r.kind, r.target, r.basis)
    console.print(t)
    t = Table(title=f"claims ({len(analysis.claims)})")
    for c in ("speaker", "modality", "text"):
        t.add_column(c, overflow="fold")
    for c in analysis.claims:
        t.add_row(c.speaker or "(unattributed)", c.modality, c.text)
    console.print(t)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", callback=_date_option, help="publication date for .txt/.html files")
@click.option("--source", default=None, help="outlet name for .txt/.html files")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="analyse in N local processes (default 1: in this process); this process alone writes")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="analyse on the workers of a running Dask cluster, e.g. tcp://127.0.0.1:8786")
@click.option("--parquet", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="store as Parquet datasets DIR/<table>/part-*.parquet instead of the DuckDB store")
@click.option("--no-fuse", is_flag=True, help="do not fuse the store's reports into canonical events afterwards")
@DB
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], published: date | None, source: str | None,
           workers: int | None, dask_address: str | None, parquet: Path | None, no_fuse: bool,
           db: str | None) -> None:
    """Analyse files (.txt, .html, .jsonl, or directories of them) and store the results.

    A bad file or line is reported and skipped; the rest is stored; the exit status is 1 if anything was
    skipped. Texts already stored are not analysed again, so running the same command again after an
    interruption (Ctrl-C, exit status 130) stores the rest and nothing twice. With --workers or --dask the
    analysis runs in parallel and what is stored is the same as without. --parquet writes every table as a
    Parquet dataset (one part per table per batch; readable by pandas, pyarrow and DuckDB) instead of the
    DuckDB store; it cannot be combined with --db. After storing new documents in the DuckDB store, the store's
    reports are fused into canonical events (`sahelwatch fuse`), unless --no-fuse."""
    from sahelwatch import batch
    from sahelwatch.ingest import iter_documents
    from sahelwatch.store.parquet import ParquetStore

    if workers is not None and dask_address is not None:
        _fail("--workers and --dask exclude each other: the Dask cluster has its own workers", EXIT_USAGE)
    if parquet is not None and ctx.get_parameter_source("db") == click.core.ParameterSource.COMMANDLINE:
        _fail("--parquet and --db exclude each other: --parquet writes a Parquet dataset instead", EXIT_USAGE)
    items = list(iter_documents(paths, published=published, source=source))
    client = batch.connect_dask(dask_address) if dask_address else None  # before anything is written
    if client is not None:
        executor, size = batch.run_dask(client), batch.DASK_BATCH
    elif (workers or 1) > 1:
        executor, size = batch.run_processes(workers), batch.LOCAL_BATCH
    else:
        executor, size = batch.run_inline, 1
    try:
        with (ParquetStore(parquet) if parquet is not None else _open_store(db)) as store:
            sink = store if parquet is not None else batch.StoreSink(store)
            with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                          MofNCompleteColumn(), TimeElapsedColumn(), console=err_console,
                          disable=not err_console.is_terminal) as bar:
                task = bar.add_task("analysing", total=len(items))
                report = batch.ingest(items, sink, executor, batch_size=size,
                                      advance=lambda n: bar.advance(task, n),
                                      skipped=lambda message: click.echo(f"skipped: {message}", err=True))
            summary = sink.describe()
            fused = None
            if parquet is None and not no_fuse and report.stored and not report.interrupted:
                from sahelwatch.link import fuse_store

                fused = fuse_store(store)
    finally:
        if client is not None:
            client.close()
    line = (f"{report.stored} stored, {report.unchanged} already in the store, {len(report.failed)} skipped; "
            f"{summary}")
    if report.interrupted:
        click.echo(f"interrupted: {line}; run the same command again to store the rest", err=True)
        sys.exit(130)
    click.echo(line)
    if fused is not None:
        click.echo(f"fused: {fused.reports} reports -> {fused.fused_events} canonical events "
                   f"({fused.contested} with contested values) in {fused.seconds:.1f} s")
    if report.failed:
        sys.exit(EXIT_ERROR)


@cli.command()
@click.argument("input_path", metavar="INPUT.jsonl", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="OUT.jsonl or OUT.csv: one row per event, ACLED column names, doc_id = the report's id")
@click.option("--published", callback=_date_option, help="report date for records that lack `published`")
def code(input_path: Path, output: Path, published: date | None) -> None:
    """Code short event reports to ACLED's standard (type, actors, place, date, fatalities).

    INPUT.jsonl holds one {"id", "text", "published"} object per line. A bad line is reported and skipped;
    the exit status is 1 if anything was skipped."""
    from sahelwatch.acled.coder import code_report
    from sahelwatch.acled.exchange import write_records
    from sahelwatch.ingest import iter_documents

    if output.suffix.lower() not in (".jsonl", ".csv"):
        _fail(f"{output}: the output must end in .jsonl or .csv", EXIT_USAGE)
    if input_path.suffix.lower() != ".jsonl":
        _fail(f"{input_path}: expected a .jsonl file of reports", EXIT_USAGE)
    if not input_path.is_file():
        _fail(f"{input_path}: no such file")
    items = list(iter_documents([input_path], published=published))
    records, failed = [], 0
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console, disable=not err_console.is_terminal) as bar:
        task = bar.add_task("coding", total=len(items))
        for item in items:
            try:
                if isinstance(item, InputError):
                    raise item
                records += code_report(item.text, item.published, doc_id=item.id, source=item.source or "")
            except InputError as exc:
                failed += 1
                click.echo(f"skipped: {exc}", err=True)
            bar.advance(task)
    write_records(records, output)
    click.echo(f"{len(records)} events from {len(items) - failed} reports written to {output}; {failed} skipped")
    if failed:
        sys.exit(EXIT_ERROR)


@cli.command()
@DB
def demo(db: str | None) -> None:
    """Analyse the bundled example article and store it (what the README's first command runs)."""
    from sahelwatch.ingest import read_path
    from sahelwatch.pipeline import analyze_document

    meta = (EXAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    published = next((line.split(":", 1)[1].strip() for line in meta.splitlines()
                      if line.startswith("published:")), None)
    example = next(iter(sorted(EXAMPLE_DIR.glob("*.txt"))))
    from sahelwatch.link import fuse_store

    with _open_store(db) as store:
        analysis = analyze_document(read_path(example, published=published, source="sahelwatch example")[0])
        fresh = store.save(analysis)
        if fresh:
            fuse_store(store)
        counts = store.counts()
    _print_analysis(analysis)
    click.echo(f"{'stored' if fresh else 'already stored'}: {example.name} in {store.path} "
               f"({counts.get('documents', 0)} documents, {counts.get('events', 0)} events, "
               f"{counts.get('fused_events', 0)} canonical events in the store)")


def _filters(f):
    f = click.option("--actor", help="actor id, name or alias")(f)
    f = click.option("--type", "type_", help="PLOVER or ACLED event type")(f)
    f = click.option("--country", help="ISO country code of the event place (ML, DZ, ...)")(f)
    f = click.option("--from", "start", callback=_date_option, help="events ending on or after (YYYY-MM-DD)")(f)
    f = click.option("--to", "end", callback=_date_option, help="events starting on or before (YYYY-MM-DD)")(f)
    return f


ORIGIN = click.option("--origin", type=click.Choice(["text", "acled"]), default=None,
                      help="only events read from text, or only those imported from ACLED files")


@cli.command()
@_filters
@ORIGIN
@click.option("--limit", type=click.IntRange(min=1), default=None)
@FORMAT
@DB
def events(actor, type_, country, start, end, origin, limit, fmt, db) -> None:
    """Stored events, filtered: read from text and imported from ACLED files side by side."""
    with _open_store(db, read_only=True) as store:
        rows = store.events(actor=actor, type=type_, country=country, start=start, end=end, limit=limit,
                            origin=origin)
    _print_rows(rows, fmt, ["date_start", "date_end", "type", "participants", "place_name", "fatalities",
                            "origin", "doc_id"], "events")


@cli.command()
@_filters
@ORIGIN
@FORMAT
@DB
def timeline(actor, type_, country, start, end, origin, fmt, db) -> None:
    """Stored events in date order, with their participants."""
    with _open_store(db, read_only=True) as store:
        rows = store.timeline(actor=actor, type=type_, country=country, start=start, end=end, origin=origin)
    _print_rows(rows, fmt, ["date_start", "date_end", "type", "participants", "place_name", "fatalities"],
                "timeline")


@cli.command()
@click.option("--kind", help="actor kind (state, armed_group, person, ...)")
@click.option("--country", help="ISO country code")
@click.option("--name", help="part of a name or alias")
@FORMAT
@DB
def actors(kind, country, name, fmt, db) -> None:
    """Stored actors with their event counts."""
    with _open_store(db, read_only=True) as store:
        rows = store.actors(kind=kind, country=country, name=name)
    _print_rows(rows, fmt, ["id", "name", "kind", "country", "n_events", "n_documents"], "actors")


@cli.command()
@click.option("--actor", help="actor id, name or alias on either side")
@FORMAT
@DB
def relations(actor, fmt, db) -> None:
    """Stored relations between actors, with their class, basis and validity."""
    with _open_store(db, read_only=True) as store:
        rows = store.relations(actor=actor)
    _print_rows(rows, fmt, ["source", "kind", "target", "coarse", "basis", "valid_start", "valid_end", "doc_id"],
                "relations")


@cli.command()
@click.option("--speaker", help="speaker id, name or alias")
@click.option("--doc", "doc_id", help="document id")
@FORMAT
@DB
def claims(speaker, doc_id, fmt, db) -> None:
    """Stored claims: who said what, and how firmly."""
    with _open_store(db, read_only=True) as store:
        rows = store.claims(speaker=speaker, doc_id=doc_id)
    _print_rows(rows, fmt, ["speaker", "modality", "text", "doc_id"], "claims")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "acled", "plover", "geojson", "parquet", "graphml"]),
              default="json", show_default=True,
              help="json: every table; parquet: every table, one file each (-o DIR); acled (CSV, or JSONL for an "
                   "-o ending in .jsonl), plover (JSON, or JSON Lines for .jsonl), geojson: events; graphml: the "
                   "actor graph (-o FILE)")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="file to write, or directory for parquet (default: standard output)")
@click.option("--reports", is_flag=True,
              help="acled, plover, geojson: one event per report, not one per canonical (fused) event")
@click.option("--as-of", "as_of", callback=_date_option, help="graphml: the actor graph on this date (YYYY-MM-DD)")
@DB
def export(fmt, output, reports, as_of, db) -> None:
    """Export the store: every table (JSON, Parquet), its events (ACLED, PLOVER, GeoJSON) or its actor graph
    (GraphML).

    Event formats write canonical events, one per real event, once fusion has been run, and one event per report
    before that or with --reports; stderr says which."""
    from sahelwatch.export import check_target, run_export

    check_target(fmt, output, reports=reports, as_of=as_of)
    with _open_store(db, read_only=True) as store:
        outcome = run_export(store, fmt, output, reports=reports, as_of=as_of)
    if outcome.text is not None:
        click.echo(outcome.text, nl=False)
    for note in outcome.notes:
        click.echo(note, err=True)


#: malformed rows listed one per line before the rest are only counted
MAX_LISTED_PROBLEMS = 20


@cli.command("import-acled")
@click.argument("file", metavar="FILE.csv", type=click.Path(dir_okay=False, path_type=Path))
@DB
def import_acled(file: Path, db: str | None) -> None:
    """Import an ACLED export (dyadic or monadic layout) as events with their source, beside text-derived ones.

    A malformed row is reported on stderr and skipped; importing the same file again adds nothing. The exit
    status is 1 only when the file holds no valid row."""
    from sahelwatch.acled.exchange import read_acled_csv

    records, problems = read_acled_csv(file)
    for problem in problems[:MAX_LISTED_PROBLEMS]:  # click, not rich: one line each, however long
        click.echo(f"skipped: {file}: {problem}", err=True)
    if len(problems) > MAX_LISTED_PROBLEMS:
        click.echo(f"... and {len(problems) - MAX_LISTED_PROBLEMS} more malformed rows", err=True)
    if not records:
        _fail(f"{file}: no valid ACLED event rows to import ({len(problems)} malformed)")
    busy = err_console.status(f"importing {len(records)} events") if err_console.is_terminal else nullcontext()
    with _open_store(db) as store:
        with busy:
            added, present = store.import_acled(records)
        counts = store.counts()
    click.echo(f"imported {added} events, skipped {len(problems)} malformed rows, {present} already present; "
               f"store {store.path}: {counts.get('documents', 0)} documents, {counts.get('events', 0)} events")


def _add_area_commands() -> None:
    from sahelwatch.commands import all_commands

    for command in all_commands():
        cli.add_command(command)


_add_area_commands()


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="sahelwatch", standalone_mode=False)
    except click.exceptions.Abort:
        _fail("aborted", 130)
    except click.ClickException as exc:
        _fail(exc.format_message(), EXIT_USAGE)
    except SahelwatchError as exc:
        _fail(str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        if os.environ.get("SAHELWATCH_DEBUG"):
            raise
        _fail(f"internal error: {exc.__class__.__name__}: {exc}".splitlines()[0])


if __name__ == "__main__":
    main()
