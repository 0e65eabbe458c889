"""Parquet of every store table: ``DIR/<table>.parquet``, written by DuckDB itself.

DuckDB writes Parquet natively (``COPY (select ...) TO 'file' (FORMAT parquet)``), with the columns' own types
(dates stay dates), so pandas, pyarrow or another DuckDB read the tables back as they are stored. Only the
files named after the tables are written (an existing one is replaced); nothing else in the directory is
touched. Rows come in the same stable order as the JSON export, so two exports of one store compare equal.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from sahelwatch.errors import InputError
from sahelwatch.store import TABLES
from sahelwatch.store.queries import _TABLE_ORDER


def sql_string(text: str) -> str:
    """A SQL string literal: DuckDB's COPY takes its file name as a literal, never as a bound parameter."""
    return "'" + text.replace("'", "''") + "'"


def parquet_paths(directory: Path) -> dict[str, Path]:
    return {table: directory / f"{table}.parquet" for table in TABLES}


def prepare_directory(directory: Path) -> None:
    """Create the output directory (not its parents); refuse a file or a table file that is a directory."""
    if directory.exists() and not directory.is_dir():
        raise InputError(f"{directory}: not a directory; --format parquet writes one file per table into a "
                         "directory")
    if not directory.exists():
        if not directory.parent.is_dir():
            raise InputError(f"{directory}: directory {directory.parent} does not exist")
        try:
            directory.mkdir()
        except OSError as exc:
            raise InputError(f"{directory}: cannot create directory: {exc.strerror or exc}") from exc
    blocked = [p for p in parquet_paths(directory).values() if p.is_dir()]
    if blocked:
        raise InputError(f"{blocked[0]}: is a directory; cannot write the table there")


def write_parquet(con: duckdb.DuckDBPyConnection, directory: Path) -> dict[str, int]:
    """Every table to ``directory/<table>.parquet``; returns rows written per table."""
    directory = Path(directory)
    prepare_directory(directory)
    written: dict[str, int] = {}
    for table, path in parquet_paths(directory).items():
        sql = (f"copy (select * from {table} order by {_TABLE_ORDER[table]}) "
               f"to {sql_string(str(path.resolve()))} (format parquet)")
        try:
            row = con.execute(sql).fetchone()
        except duckdb.Error as exc:
            first = next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
            raise InputError(f"{path}: cannot write: {first}") from exc
        written[table] = int(row[0]) if row else 0
    return written
