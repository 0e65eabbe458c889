"""``sahelwatch graph``: the temporal actor graph (relations as of a date, chains, changes, measures).

GraphML of the graph is ``sahelwatch export --format graphml -o FILE.graphml [--as-of DATE]``."""
from __future__ import annotations

import click

from sahelwatch.cli import DB, FORMAT, _date_option, _open_store, _print_rows

EDGE_COLUMNS = ["source_name", "kind", "target_name", "coarse", "basis", "valid_start", "valid_end",
                "n_documents", "n_events"]
AS_OF = click.option("--as-of", "as_of", callback=_date_option, help="only ties that hold on this day (YYYY-MM-DD)")


@click.group()
def graph() -> None:
    """The temporal actor graph: stated, curated and event-inferred ties, each with its validity."""


@graph.command("relations")
@click.argument("actor")
@AS_OF
@FORMAT
@DB
def relations_cmd(actor, as_of, fmt, db) -> None:
    """ACTOR's ties (id, name or alias) that hold on --as-of, or all of them with their validity."""
    from sahelwatch.analytics import actor_graph, records, relations_as_of

    with _open_store(db, read_only=True) as store:
        rows = records(relations_as_of(actor_graph(store), actor, as_of))
    _print_rows(rows, fmt, ["direction"] + EDGE_COLUMNS, f"ties of {actor}" + (f" on {as_of}" if as_of else ""))


@graph.command("chain")
@click.argument("actor")
@click.option("--kind", type=click.Choice(["succession", "hierarchy"]), default="succession", show_default=True)
@AS_OF
@FORMAT
@DB
def chain_cmd(actor, kind, as_of, fmt, db) -> None:
    """The succession line (Wagner -> Africa Corps) or hierarchy (Katiba Macina -> JNIM -> al-Qaeda) through
    ACTOR; depth < 0 is before or below it."""
    from sahelwatch.analytics import actor_graph, chain, records

    with _open_store(db, read_only=True) as store:
        rows = records(chain(actor_graph(store), actor, kind, as_of=as_of))
    ends = ["predecessor_name", "successor_name"] if kind == "succession" else ["lower_name", "upper_name"]
    _print_rows(rows, fmt, ["depth", ends[0], "kind", ends[1], "valid_start", "valid_end", "basis"],
                f"{kind} of {actor}")


@graph.command("changes")
@click.option("--from", "start", required=True, callback=_date_option, help="first day (YYYY-MM-DD)")
@click.option("--to", "end", required=True, callback=_date_option, help="last day (YYYY-MM-DD)")
@click.option("--actor", default=None, help="only ties of this actor")
@FORMAT
@DB
def changes_cmd(start, end, actor, fmt, db) -> None:
    """Ties that began or ended between two dates, and pairs whose class of tie changed."""
    from sahelwatch.analytics import actor_graph, changes_between, records

    with _open_store(db, read_only=True) as store:
        rows = records(changes_between(actor_graph(store), start, end, actor=actor))
    _print_rows(rows, fmt, ["change", "date", "source_name", "kind", "target_name", "coarse", "before", "after",
                            "basis"], f"changes {start}..{end}")


@graph.command("measures")
@AS_OF
@click.option("--limit", type=click.IntRange(min=1), default=None, help="only the most connected actors")
@FORMAT
@DB
def measures_cmd(as_of, limit, fmt, db) -> None:
    """Per actor: degree, weighted degree, betweenness, and its hostile and cooperative ties."""
    from sahelwatch.analytics import actor_graph, network_measures, records

    with _open_store(db, read_only=True) as store:
        frame = network_measures(actor_graph(store), as_of=as_of)
    rows = records(frame.head(limit) if limit else frame)
    _print_rows(rows, fmt, ["id", "name", "kind", "degree", "weighted_degree", "betweenness", "n_hostile",
                            "n_cooperative"], "network measures" + (f" on {as_of}" if as_of else ""))


COMMANDS = [graph]
