"""A partitioned Parquet dataset as a store: ``DIR/<table>/part-<batch>.parquet``, one part per table per batch.

The rows are those of :func:`sahelwatch.store.rows.analysis_rows`, the same the DuckDB store inserts, under
explicit Arrow schemas so that an empty part or a null keeps its type. Every table is its own dataset, readable
by ``pyarrow.dataset``, ``pandas.read_parquet(DIR/events)`` and DuckDB ``read_parquet('DIR/events/*.parquet')``.

Writes are append-only and atomic per batch: every part of a batch is written under a hidden temporary name,
then each is renamed, the ``documents`` part last. A batch is stored exactly when its documents part exists;
opening the dataset deletes hidden files and the parts of any batch that lacks one (a write killed between two
renames), so a re-run analyses those documents again and stores nothing twice.

Actors, placeholder actors (ids records name without a description; the DuckDB store folds them into actors) and
aliases are written once per id (or alias pair) across the dataset: the first description met is kept. One
writer at a time.
"""
from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

import pyarrow as pa
import pyarrow.parquet as pq

from sahelwatch.errors import StoreError
from sahelwatch.model import Analysis
from sahelwatch.store.rows import AnalysisRows, Row, analysis_rows

__all__ = ["SCHEMAS", "ParquetStore"]

_S, _D, _F, _I, _B = pa.string(), pa.date32(), pa.float64(), pa.int32(), pa.bool_()


def _schema(*fields: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, kind) for name, kind in fields])


#: one schema per table, column for column the keys of ``analysis_rows`` with DuckDB's types
SCHEMAS: dict[str, pa.Schema] = {
    "events": _schema(
        ("doc_id", _S), ("id", _S), ("type", _S), ("acled_event_type", _S), ("acled_sub_event_type", _S),
        ("trigger", _S), ("date_start", _D), ("date_end", _D), ("date_precision", _S), ("date_text", _S),
        ("place_name", _S), ("country", _S), ("admin1", _S), ("admin2", _S), ("lat", _F), ("lon", _F),
        ("geo_precision", _I), ("place_feature", _S), ("fatalities", _I), ("modality", _S), ("background", _B),
        ("confidence", _F)),
    "event_participants": _schema(("doc_id", _S), ("event_id", _S), ("actor_id", _S), ("name", _S), ("role", _S)),
    "event_tolls": _schema(
        ("doc_id", _S), ("event_id", _S), ("value", _I), ("low", _I), ("high", _I), ("outcome", _S), ("text", _S),
        ("speaker", _S), ("modality", _S), ("start", _I), ("end", _I)),
    "relations": _schema(
        ("doc_id", _S), ("id", _S), ("source_id", _S), ("source", _S), ("target_id", _S), ("target", _S),
        ("kind", _S), ("coarse", _S), ("valid_start", _D), ("valid_end", _D), ("basis", _S), ("confidence", _F)),
    "claims": _schema(
        ("doc_id", _S), ("id", _S), ("speaker_id", _S), ("speaker", _S), ("modality", _S), ("cue", _S),
        ("text", _S), ("quote", _B), ("confidence", _F)),
    "claim_events": _schema(("doc_id", _S), ("claim_id", _S), ("event_id", _S)),
    "claim_relations": _schema(("doc_id", _S), ("claim_id", _S), ("relation_id", _S)),
    "evidence": _schema(
        ("record_kind", _S), ("record_id", _S), ("doc_id", _S), ("start", _I), ("end", _I), ("sentence", _S),
        ("extractor", _S), ("confidence", _F), ("speaker", _S), ("modality", _S)),
    "actors": _schema(("id", _S), ("name", _S), ("acled_name", _S), ("kind", _S), ("country", _S), ("in_kb", _B)),
    "placeholder_actors": _schema(("id", _S), ("name", _S)),
    "actor_aliases": _schema(("actor_id", _S), ("alias", _S)),
    # last: its part commits the batch
    "documents": _schema(
        ("id", _S), ("source", _S), ("published", _D), ("language", _S), ("title", _S), ("text", _S),
        ("sha256", _S), ("ingested_at", pa.timestamp("us"))),
}

#: tables whose rows are shared across documents, written once per key
_SHARED_KEYS = {"actors": ("id",), "placeholder_actors": ("id",), "actor_aliases": ("actor_id", "alias")}
_PART = re.compile(r"^part-(\d{6,})\.parquet$")
_TMP_PREFIX = ".tmp-"  # hidden: pyarrow.dataset, pandas and DuckDB's *.parquet glob all skip it


class ParquetStore:
    """Write analyses into ``directory`` as Parquet datasets, buffering ``flush_every`` documents per batch.

    :meth:`save` buffers (False when the text is already stored or buffered, as ``Store.save``); :meth:`flush`
    writes the buffer as one batch; closing flushes. ``known_sha256`` lists the stored texts, for resuming.
    """

    def __init__(self, directory: str | Path, *, flush_every: int = 256) -> None:
        self.path = Path(directory)
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: not a directory; --parquet needs a directory")
        if not self.path.exists() and not self.path.parent.is_dir():
            raise StoreError(f"{self.path}: directory {self.path.parent} does not exist")
        self.flush_every = flush_every
        self._buffer: list[AnalysisRows] = []
        try:
            self.path.mkdir(exist_ok=True)
            committed = _drop_uncommitted(self.path)
            self._next = max(committed, default=0) + 1
            self._sha256 = set(_column(self.path, "documents", "sha256"))
            self._shared = {table: set(_keys(self.path, table, keys)) for table, keys in _SHARED_KEYS.items()}
        except (OSError, pa.ArrowException) as exc:
            raise StoreError(f"{self.path}: cannot open Parquet dataset: {exc}".splitlines()[0]) from exc

    def __enter__(self) -> "ParquetStore":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Write what is buffered; an interrupted write leaves only hidden files, removed on the next open."""
        self.flush()

    def known_sha256(self) -> set[str]:
        """The texts already stored or buffered, by sha256."""
        return set(self._sha256)

    def save(self, analysis: Analysis) -> bool:
        rows = analysis_rows(analysis, ingested_at=_utcnow())
        sha = rows.document["sha256"]
        if sha in self._sha256:
            return False
        self._sha256.add(sha)
        self._buffer.append(rows)
        if len(self._buffer) >= self.flush_every:
            self.flush()
        return True

    def flush(self) -> int:
        """Write the buffered documents as one batch; returns how many."""
        if not self._buffer:
            return 0
        batch, self._buffer = self._buffer, []
        tables = self._tables(batch)
        name = f"part-{self._next:06d}.parquet"
        try:  # every part under a hidden name first, then renamed, documents last: its rename commits the batch
            hidden = [_write_hidden(self.path / table, name, pa.Table.from_pylist(rows, schema=SCHEMAS[table]))
                      for table, rows in tables.items()]
            for path in hidden:
                _publish(path, path.with_name(name))
        except (OSError, pa.ArrowException) as exc:
            raise StoreError(f"{self.path}: cannot write batch {name}: {exc}".splitlines()[0]) from exc
        self._next += 1
        for table, keys in _SHARED_KEYS.items():
            self._shared[table].update(tuple(r[k] for k in keys) for r in tables[table])
        return len(batch)

    def _tables(self, batch: list[AnalysisRows]) -> dict[str, list[Row]]:
        """Rows by table for one batch, shared rows only for keys the dataset does not hold yet."""
        out: dict[str, list[Row]] = {table: [] for table in SCHEMAS}
        for rows in batch:
            for table in SCHEMAS:
                out[table] += [rows.document] if table == "documents" else getattr(rows, table)
        for table, keys in _SHARED_KEYS.items():
            fresh: dict[tuple, Row] = {}
            for row in out[table]:
                key = tuple(row[k] for k in keys)
                if key not in self._shared[table]:
                    fresh.setdefault(key, row)
            out[table] = list(fresh.values())
        return out

    def counts(self) -> dict[str, int]:
        """Rows per table, from the parts' metadata."""
        return {table: sum(pq.read_metadata(p).num_rows for p in _parts(self.path / table)) for table in SCHEMAS}

    def describe(self) -> str:
        c = self.counts()
        return (f"Parquet dataset {self.path}: {c['documents']} documents, {c['events']} events, "
                f"{c['relations']} relations, {c['claims']} claims")


def _parts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("part-*.parquet") if _PART.match(p.name)) if folder.is_dir() else []


def _drop_uncommitted(root: Path) -> set[int]:
    """Delete temporary files and the parts of batches without a documents part; the committed batch numbers."""
    committed = {int(_PART.match(p.name).group(1)) for p in _parts(root / "documents")}
    for table in SCHEMAS:
        folder = root / table
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            match = _PART.match(path.name)
            if path.name.startswith(_TMP_PREFIX) or (match and int(match.group(1)) not in committed):
                path.unlink()
    return committed


def _column(root: Path, table: str, column: str) -> list:
    return [v for p in _parts(root / table) for v in pq.read_table(p, columns=[column]).column(0).to_pylist()]


def _keys(root: Path, table: str, keys: tuple[str, ...]) -> list[tuple]:
    out: list[tuple] = []
    for p in _parts(root / table):
        data = pq.read_table(p, columns=list(keys))
        out += zip(*(data.column(k).to_pylist() for k in keys))
    return out


def _write_hidden(folder: Path, name: str, table: pa.Table) -> Path:
    folder.mkdir(exist_ok=True)
    tmp = folder / f"{_TMP_PREFIX}{name}"
    pq.write_table(table, tmp)
    return tmp


def _publish(tmp: Path, final: Path) -> None:
    os.replace(tmp, final)  # atomic: readers see the whole part or none of it


def _utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
