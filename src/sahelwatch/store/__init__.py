"""The embedded DuckDB store: schema and migrations from ``schema.sql``, one writer path, named read queries.

DuckDB allows one writing process per file, so every write goes through :meth:`Store.save`, one transaction per
analysis, or :meth:`Store.import_acled`, one per ACLED file, both building their rows in ``rows.py``. Reads are
plain SQL in :mod:`sahelwatch.store.queries` and return lists of dicts (``pandas.DataFrame`` accepts them as
they are).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from sahelwatch.acled.convert import (
    acled_document_id,
    record_from_store,
    record_to_analysis,
)
from sahelwatch.errors import InputError, StoreError
from sahelwatch.kb.actors import ActorKB, load_actors
from sahelwatch.model import AcledRecord, Analysis
from sahelwatch.store import queries
from sahelwatch.store.rows import (
    DOCUMENT_TABLES,
    AnalysisRows,
    Row,
    acled_rows,
    analysis_rows,
    merge_rows,
)

#: the tables a fusion run replaces whole (judgements and runs are kept)
FUSION_TABLES = ("fused_events", "fused_event_members", "fused_event_values", "fused_event_participants")

__all__ = ["Store", "default_store_path", "load_migrations", "TABLES"]

#: every table, in the order export_json and counts list them
TABLES = ("documents", "actors", "actor_aliases", "events", "event_participants", "event_tolls", "relations",
          "claims", "claim_events", "claim_relations", "evidence", "fused_events", "fused_event_members",
          "fused_event_values", "fused_event_participants", "fusion_judgements", "fusion_runs", "migrations")

_MIGRATION_MARK = re.compile(r"^-- migration: *(\S+) *$", re.MULTILINE)
_INSERT_CHUNK = 200  # rows per insert statement: one statement per row is several times slower
_DUCKDB_MAGIC = b"DUCK"  # bytes 8..12 of every DuckDB database file


def default_store_path() -> Path:
    """``$SAHELWATCH_DB`` if set, else ``./sahelwatch.duckdb``; read at call time so tests can set the env."""
    return Path(os.environ.get("SAHELWATCH_DB") or "sahelwatch.duckdb")


def load_migrations() -> tuple[str, list[tuple[str, str]]]:
    """The bootstrap SQL and the named migrations of ``schema.sql``, in file order."""
    text = resources.files("sahelwatch.store").joinpath("schema.sql").read_text(encoding="utf-8")
    parts = _MIGRATION_MARK.split(text)
    return parts[0], list(zip(parts[1::2], parts[2::2]))


def _one_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def _check_path(path: Path, read_only: bool) -> None:
    """Refuse anything that is not (or cannot become) a DuckDB file before DuckDB touches it."""
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a DuckDB database")
    if path.exists():
        try:
            with path.open("rb") as fh:
                head = fh.read(12)
        except OSError as exc:
            raise StoreError(f"{path}: cannot read store: {exc.strerror or _one_line(exc)}") from exc
        if head[8:12] != _DUCKDB_MAGIC:
            raise StoreError(f"{path}: not a DuckDB database; refusing to open it (file left unchanged)")
    elif read_only:
        raise StoreError(f"{path}: no such store")
    elif not path.parent.is_dir():
        raise StoreError(f"{path}: directory {path.parent} does not exist")


class Store:
    """A DuckDB file holding documents and everything extracted from them, with provenance.

    ``Store(path)`` opens or creates the file and applies pending migrations; ``read_only=True`` lets several
    readers share a file no writer holds. Use as a context manager, or call :meth:`close`.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        self.read_only = read_only
        in_memory = str(path) == ":memory:"
        if not in_memory:
            _check_path(self.path, read_only)
        try:
            self._con: duckdb.DuckDBPyConnection | None = duckdb.connect(
                ":memory:" if in_memory else str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open store: {_one_line(exc)}") from exc
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise

    # -- lifecycle -------------------------------------------------------------------------------------------

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection, for the query functions; writing through it bypasses the one writer path."""
        if self._con is None:
            raise StoreError(f"{self.path}: store is closed")
        return self._con

    def migrations(self) -> list[str]:
        """Names of the applied migrations, oldest first."""
        return [r[0] for r in self.con.execute("select name from migrations order by applied_at, name").fetchall()]

    def _migrate(self) -> None:
        """Run the bootstrap and every migration not yet recorded, each in its own transaction."""
        bootstrap, migrations = load_migrations()
        known = {name for name, _ in migrations}
        try:
            tables = {r[0] for r in self.con.execute(queries.OWN_TABLES).fetchall()}
            if tables and "migrations" not in tables:
                raise StoreError(f"{self.path}: a DuckDB database not made by sahelwatch; refusing to change it")
            if self.read_only:
                applied = set(self.migrations())
            else:
                self.con.execute(bootstrap)
                applied = set(self.migrations())
                for name, sql in migrations:
                    if name in applied:
                        continue
                    with self._transaction():
                        self.con.execute(sql)
                        self.con.execute("insert into migrations (name, applied_at) values (?, ?)",
                                         [name, _utcnow()])
                    applied.add(name)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot prepare store schema: {_one_line(exc)}") from exc
        unknown = sorted(applied - known)
        if unknown:
            raise StoreError(f"{self.path}: written by a newer sahelwatch (unknown migration {unknown[0]})")
        pending = [name for name, _ in migrations if name not in applied]
        if pending:
            raise StoreError(f"{self.path}: store needs migration {pending[0]}; open it once without read_only")

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.con.execute("begin transaction")
        try:
            yield self.con
        except BaseException:
            self.con.execute("rollback")
            raise
        self.con.execute("commit")

    # -- the one writer path ---------------------------------------------------------------------------------

    def save(self, analysis: Analysis, *, force: bool = False) -> bool:
        """Store one analysis atomically; False (and nothing written) when its text is already stored.

        A document is known by its sha256: the same text under any id is not stored twice. The same id with a
        different text replaces that document's events, relations, claims and evidence. Actors are upserted:
        stored once, aliases unioned, a knowledge-base description never overwritten by a candidate's.
        ``force=True`` rewrites the document's records even if its text is unchanged (after re-analysis).
        """
        return self.save_many([analysis], force=force)[0]

    def save_many(self, analyses: Iterable[Analysis], *, force: bool = False) -> list[bool]:
        """Store analyses in one transaction as :meth:`save` would one after another (a text met again is not
        stored; an id met again replaces), with one statement per table instead of one per document and table:
        what a parallel ingest's single writer needs to keep up with its workers."""
        if self.read_only:
            raise StoreError(f"{self.path}: store is open read-only")
        now = _utcnow()
        batch = [analysis_rows(a, ingested_at=now) for a in analyses]
        saved: list[bool] = []
        what = f"document {batch[0].document['id']}" if len(batch) == 1 else f"{len(batch)} documents"
        try:
            with self._transaction() as con:
                shas = [rows.document["sha256"] for rows in batch]
                known = set() if force else \
                    {r[0] for r in con.execute(queries.DOCUMENTS_BY_SHAS, [shas]).fetchall()}
                fresh = []
                for rows in batch:
                    saved.append(rows.document["sha256"] not in known)
                    if saved[-1]:
                        known.add(rows.document["sha256"])
                        fresh.append(rows)
                latest = list({rows.document["id"]: rows for rows in fresh}.values())  # the last of an id wins
                ids = [rows.document["id"] for rows in latest]
                for table in DOCUMENT_TABLES:
                    con.execute(f"delete from {table} where list_contains(?, doc_id)", [ids])
                con.execute("delete from documents where list_contains(?, id)", [ids])
                documents, merged = merge_rows(latest)
                _insert(con, "documents", documents)
                for table in DOCUMENT_TABLES:
                    _insert(con, table, getattr(merged, table))
                _upsert_actors_in_order(con, fresh)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot save {what}: {_one_line(exc)}") from exc
        return saved

    def import_acled(self, records: Iterable[AcledRecord], *, kb: ActorKB | None = None) -> tuple[int, int]:
        """Store ACLED rows as documents with one event each, atomically; returns (added, already present).

        A row is known by its ``event_id_cnty``: importing the same file twice adds nothing, and a row met twice
        in ``records`` counts as present the second time. Actors are linked to the knowledge base by their ACLED
        name (``kb``, default the packaged one) and upserted as :meth:`save` does.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: store is open read-only")
        kb = kb if kb is not None else load_actors()
        records = list(records)
        now = _utcnow()
        try:
            with self._transaction() as con:
                present = {r[0] for r in con.execute(queries.ACLED_DOCUMENT_IDS).fetchall()}
                fresh = []
                for record in records:
                    doc_id = acled_document_id(record.event_id_cnty)
                    if record.event_id_cnty and doc_id in present:
                        continue
                    present.add(doc_id)
                    fresh.append(acled_rows(record, record_to_analysis(record, kb), ingested_at=now))
                documents, merged = merge_rows(fresh)
                _insert(con, "documents", documents)
                for table in DOCUMENT_TABLES:
                    _insert(con, table, getattr(merged, table))
                _upsert_actors(con, merged)
        except InputError as exc:
            raise StoreError(f"{self.path}: cannot import: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot import ACLED events: {_one_line(exc)}") from exc
        return len(fresh), len(records) - len(fresh)

    # -- fusion decisions (derived tables, replaced whole by each run) ----------------------------------------

    def save_fusion(self, result: Any, run: Row) -> None:
        """Replace the fusion tables with one run's result (a :class:`sahelwatch.link.FusionResult`), in one
        transaction; analysts' judgements stay."""
        if self.read_only:
            raise StoreError(f"{self.path}: store is open read-only")
        try:
            with self._transaction() as con:
                for table in FUSION_TABLES:
                    con.execute(f"delete from {table}")
                _insert_frame(con, "fused_events", result.fused_events)
                _insert_frame(con, "fused_event_members", result.members)
                _insert_frame(con, "fused_event_values", result.values)
                _insert_frame(con, "fused_event_participants", result.participants)
                _insert(con, "fusion_runs", [run])
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot save fusion: {_one_line(exc)}") from exc

    def judge(self, a: tuple[str, str], b: tuple[str, str], judgement: str, note: str | None = None) -> None:
        """Record that reports ``a`` and ``b`` (doc_id, event_id) are the same event or different ones; the
        next fusion run honours it. Judging a pair again replaces the earlier judgement."""
        if self.read_only:
            raise StoreError(f"{self.path}: store is open read-only")
        if judgement not in ("same", "different"):
            raise InputError(f"judgement must be 'same' or 'different', not {judgement!r}")
        if a == b:
            raise InputError("a report cannot be judged against itself")
        for doc_id, event_id in (a, b):
            if not self.con.execute(queries.EVENT_EXISTS, [doc_id, event_id]).fetchone():
                raise InputError(f"no stored event {event_id} in document {doc_id}")
        a, b = sorted((a, b))
        with self._transaction() as con:
            con.execute(queries.DELETE_JUDGEMENT, [*a, *b])
            con.execute(queries.INSERT_JUDGEMENT, [*a, *b, judgement, note, _utcnow()])

    def fusion_judgements(self) -> tuple[list, list]:
        """(same, different): pairs of report keys ((doc_id, event_id), (doc_id, event_id))."""
        same, different = [], []
        for doc_a, ev_a, doc_b, ev_b, judgement in self.con.execute(queries.JUDGEMENTS).fetchall():
            (same if judgement == "same" else different).append(((doc_a, ev_a), (doc_b, ev_b)))
        return same, different

    def fused_events(self, actor: str | None = None, type: str | None = None, country: str | None = None,
                     start: date | str | None = None, end: date | str | None = None,
                     contested: bool = False, limit: int | None = None) -> list[Row]:
        """Canonical events, filtered as :meth:`events`; ``contested`` keeps those whose reports disagree."""
        return queries.fused_events(self.con, actor=actor, type=type, country=country, start=start, end=end,
                                    contested=contested, limit=limit)

    def fused_event(self, fused_id: str) -> Row:
        """One canonical event with its reports (and why each joined), every alternative value and actors."""
        return queries.fused_event(self.con, fused_id)

    def text_sha256s(self) -> set[str]:
        """The content hashes of every text stored (not of imported ACLED rows)."""
        return {row[0] for row in self.con.execute(queries.TEXT_SHAS).fetchall()}

    def fused_id_of(self, doc_id: str, event_id: str) -> str | None:
        row = self.con.execute(queries.FUSED_ID_OF, [doc_id, event_id]).fetchone()
        return row[0] if row else None

    # -- named reads (SQL in queries.py) ---------------------------------------------------------------------

    def events(self, actor: str | None = None, type: str | None = None, country: str | None = None,
               start: date | str | None = None, end: date | str | None = None, doc_id: str | None = None,
               limit: int | None = None, origin: str | None = None) -> list[Row]:
        """Events, filtered; ``actor`` matches id, name or alias and dates match by interval overlap; ``origin``
        is ``text`` (read from an article) or ``acled`` (imported from an ACLED file)."""
        return queries.events(self.con, actor=actor, type=type, country=country, start=start, end=end,
                              doc_id=doc_id, origin=origin, limit=limit)

    def timeline(self, actor: str | None = None, type: str | None = None, country: str | None = None,
                 start: date | str | None = None, end: date | str | None = None,
                 origin: str | None = None) -> list[Row]:
        """Events by date, participants in one string, with the reporting document's source."""
        return queries.timeline(self.con, actor=actor, type=type, country=country, start=start, end=end,
                                origin=origin)

    def acled_records(self, actor: str | None = None, type: str | None = None, country: str | None = None,
                      start: date | str | None = None, end: date | str | None = None, origin: str | None = None,
                      *, kb: ActorKB | None = None) -> list[AcledRecord]:
        """Every event with an ACLED event type and a date, imported or read from text, as an ACLED row.

        Imported events give back what was read; text-derived ones are named by the knowledge base's ACLED
        names on the event's date (``kb``, default the packaged one). Filters as :meth:`events`."""
        kb = kb if kb is not None else load_actors()
        rows = queries.acled_events(self.con, actor=actor, type=type, country=country, start=start, end=end,
                                    origin=origin)
        return [r for r in (record_from_store(row, kb) for row in rows) if r is not None]

    def actors(self, kind: str | None = None, country: str | None = None, name: str | None = None) -> list[Row]:
        """Actors with their aliases and how many events and documents mention them."""
        return queries.actors(self.con, kind=kind, country=country, name=name)

    def documents(self) -> list[Row]:
        """Stored documents without their text, with counts of what was extracted from each."""
        return queries.documents(self.con)

    def relations(self, actor: str | None = None) -> list[Row]:
        """Relations with ``actor`` (id, name or alias) on either side, or all."""
        return queries.relations(self.con, actor=actor)

    def claims(self, speaker: str | None = None, doc_id: str | None = None) -> list[Row]:
        """Claims, by speaker (id, name or alias) and/or document, in reading order."""
        return queries.claims(self.con, speaker=speaker, doc_id=doc_id)

    def evidence(self, record_kind: str, record_id: str, doc_id: str | None = None) -> list[Row]:
        """The sentences a record was read from."""
        return queries.evidence(self.con, record_kind=record_kind, record_id=record_id, doc_id=doc_id)

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {table: queries.count(self.con, table) for table in TABLES}

    def export_json(self) -> dict[str, list[dict[str, Any]]]:
        """Every table as a list of records, dates and times as ISO strings: ``json.dumps`` takes it as is."""
        return {table: [_jsonable(row) for row in queries.table_rows(self.con, table)] for table in TABLES}


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[Row], on_conflict: str = "") -> None:
    """Insert dict rows, many per statement; the column list comes from our own row builders, never from input."""
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = "(" + ", ".join("?" for _ in columns) + ")"
    for i in range(0, len(rows), _INSERT_CHUNK):
        chunk = rows[i:i + _INSERT_CHUNK]
        con.execute(f"insert into {table} ({names}) values {', '.join([marks] * len(chunk))} {on_conflict}",
                    [r[c] for r in chunk for c in columns])


def _insert_frame(con: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> None:
    """Insert many dict rows at once through an Arrow table: a million rows in seconds, not minutes."""
    if not rows:
        return
    import pyarrow as pa

    frame = pa.Table.from_pylist(rows)
    con.register("_sahelwatch_frame", frame)
    try:
        names = ", ".join(f'"{c}"' for c in frame.column_names)
        con.execute(f"insert into {table} ({names}) select {names} from _sahelwatch_frame")
    finally:
        con.unregister("_sahelwatch_frame")


def _upsert_actors(con: duckdb.DuckDBPyConnection, rows: AnalysisRows) -> None:
    """Many rows per statement: ``executemany`` runs one upsert per row, ten times slower than the analysis.
    Ids are unique within one analysis, as one statement needs."""
    _insert(con, "actors", rows.actors, on_conflict=queries.ON_CONFLICT_ACTOR)
    _insert(con, "actors", rows.placeholder_actors, on_conflict="on conflict (id) do nothing")
    _insert(con, "actor_aliases", rows.actor_aliases, on_conflict="on conflict do nothing")


def _upsert_actors_in_order(con: duckdb.DuckDBPyConnection, batch: list[AnalysisRows]) -> None:
    """The actors of many analyses with the result of upserting them one analysis after another, in few
    statements: each id's descriptions in order (a repeat of the one before changes nothing and is dropped),
    statement k upserting the k-th description of every id (rows of different ids do not interact)."""
    descriptions: dict[str, list[Row]] = {}
    for rows in batch:
        for row in rows.actors:
            seen = descriptions.setdefault(row["id"], [])
            if not seen or seen[-1] != row:
                seen.append(row)
    for k in range(max(map(len, descriptions.values()), default=0)):
        layer = [rows[k] for rows in descriptions.values() if len(rows) > k]
        _insert(con, "actors", layer, on_conflict=queries.ON_CONFLICT_ACTOR)
    placeholders = {r["id"]: r for rows in batch for r in rows.placeholder_actors}
    _insert(con, "actors", list(placeholders.values()), on_conflict="on conflict (id) do nothing")
    aliases = {(r["actor_id"], r["alias"]): r for rows in batch for r in rows.actor_aliases}
    _insert(con, "actor_aliases", list(aliases.values()), on_conflict="on conflict do nothing")




def _jsonable(row: Row) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, (date, datetime)) else v for k, v in row.items()}


def _utcnow() -> datetime:
    """UTC as a naive timestamp: DuckDB ``timestamp`` columns carry no zone."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
