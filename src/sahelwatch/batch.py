"""Analysing many documents in parallel (local processes or a Dask cluster) with one writer.

The main process reads the documents, drops those the sink already holds (resume), sends the rest to the
workers in small batches and stores what comes back. It is the only writer, since DuckDB allows one writing
process. Results are stored in the order the documents were read, whatever order the workers finish in, so
that a parallel run stores exactly what a serial one does; at most ``in_flight`` batches are out at a time, so
results never pile up in memory however large the corpus. Ctrl-C stops the run at once, between two writes, and
keeps what was stored; running it again analyses only the rest.
"""
from __future__ import annotations

import os
import signal
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

from sahelwatch.errors import InputError, SahelwatchError
from sahelwatch.model import Analysis, Document

__all__ = ["BatchResult", "IngestReport", "Sink", "StoreSink", "analyze_batch", "connect_dask", "ingest",
           "run_dask", "run_inline", "run_processes"]

#: documents per task: small, so that the last tasks balance across workers and results stream back steadily
LOCAL_BATCH = 2
DASK_BATCH = 4
#: tasks out per worker (or Dask thread): enough that no worker waits while the writer catches up
IN_FLIGHT_PER_WORKER = 4
DASK_CONNECT_TIMEOUT_S = 10
_ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class Sink(Protocol):
    """Where analyses go: the DuckDB store (through :class:`StoreSink`) or a Parquet dataset."""

    def known_sha256(self) -> set[str]: ...

    def save(self, analysis: Analysis) -> bool: ...

    def flush(self) -> int: ...

    def describe(self) -> str: ...


class StoreSink:
    """The DuckDB :class:`~sahelwatch.store.Store` as a sink, through its writer path: ``save_many``, one
    transaction per ``flush_every`` documents (a statement per table, not per document and table, so that the
    writer keeps up with the workers)."""

    def __init__(self, store: Any, *, flush_every: int = 16) -> None:
        self.store = store
        self.flush_every = flush_every
        self._buffer: list[Analysis] = []
        self._known: set[str] = set()

    def known_sha256(self) -> set[str]:
        self._known = self.store.text_sha256s()
        return set(self._known)

    def save(self, analysis: Analysis) -> bool:
        if analysis.document.sha256 in self._known:
            return False
        self._known.add(analysis.document.sha256)
        self._buffer.append(analysis)
        if len(self._buffer) >= self.flush_every:
            self.flush()
        return True

    def flush(self) -> int:
        batch, self._buffer = self._buffer, []
        return sum(self.store.save_many(batch)) if batch else 0

    def describe(self) -> str:
        c = self.store.counts()
        return (f"store {self.store.path}: {c.get('documents', 0)} documents, {c.get('events', 0)} events, "
                f"{c.get('relations', 0)} relations, {c.get('claims', 0)} claims")


@dataclass
class BatchResult:
    """What a worker sends back for one batch: an analysis or a one-line error per document, in order."""

    outcomes: list[tuple[Analysis | None, str | None]]
    worker: str
    peak_rss: int  # bytes, the worker process's peak so far
    cpu_s: float = 0.0  # the worker process's CPU time so far


@dataclass
class IngestReport:
    stored: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    interrupted: bool = False
    #: peak resident memory (bytes) and CPU seconds of each process that analysed documents, by "host:pid"
    peak_rss: dict[str, int] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)


def analyze_batch(documents: list[Document]) -> BatchResult:
    """Analyse documents in this process (a worker builds its pipelines once, on first use)."""
    from sahelwatch.pipeline import analyze_document

    outcomes: list[tuple[Analysis | None, str | None]] = []
    for doc in documents:
        try:
            outcomes.append((analyze_document(doc), None))
        except SahelwatchError as exc:
            outcomes.append((None, str(exc)))
    return BatchResult(outcomes, f"{socket.gethostname()}:{os.getpid()}", peak_rss(), time.process_time())


def peak_rss() -> int:
    """This process's peak resident set size in bytes (current size where the OS keeps no peak)."""
    try:
        import resource
    except ImportError:  # Windows
        import psutil

        return int(psutil.Process().memory_info().rss)
    scale = 1 if sys.platform == "darwin" else 1024  # macOS reports bytes, Linux kibibytes
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


# -- executors: batches in, BatchResults out in the same order ---------------------------------------------------

Executor = Callable[[Iterator[list[Document]]], Iterator[BatchResult]]


def run_inline(batches: Iterator[list[Document]]) -> Iterator[BatchResult]:
    """In this process, one batch after another (``--workers 1``)."""
    for batch in batches:
        yield analyze_batch(batch)


def _in_order(submit: Callable[[list[Document]], Any], batches: Iterator[list[Document]],
              in_flight: int) -> Iterator[BatchResult]:
    """Keep ``in_flight`` futures out, and yield their results in submission order."""
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _worker_init() -> None:
    """Ctrl-C goes to the whole process group: only the main process handles it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_processes(workers: int, in_flight: int | None = None) -> Executor:
    """``workers`` local processes, started by spawn (safe with DuckDB's threads and on every OS)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    def execute(batches: Iterator[list[Document]]) -> Iterator[BatchResult]:
        for var in _ONE_THREAD:  # the workers share the cores: no extra math threads each (inherited by spawn)
            os.environ.setdefault(var, "1")
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_worker_init)
        finished = False
        try:
            yield from _in_order(lambda batch: pool.submit(analyze_batch, batch), batches,
                                 in_flight or IN_FLIGHT_PER_WORKER * workers)
            finished = True
        finally:
            if not finished:  # Ctrl-C or an error: stop now rather than finish the batches under way
                _terminate(pool)
            pool.shutdown(wait=finished, cancel_futures=True)

    return execute


def _terminate(pool: Any) -> None:
    """Kill a process pool's workers (``terminate_workers`` from Python 3.14; its process table before)."""
    if hasattr(pool, "terminate_workers"):
        pool.terminate_workers()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def connect_dask(address: str, timeout: float = DASK_CONNECT_TIMEOUT_S) -> Any:
    """A client of the Dask scheduler at ``address``, or an :class:`InputError` in one line."""
    _probe(address, timeout)
    try:
        from distributed import Client

        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot connect to the Dask scheduler at {address}: {exc}".splitlines()[0]) from None


def _probe(address: str, timeout: float) -> None:
    """Fail at once on a refused TCP address, rather than after the client's retries."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise InputError(f"bad Dask scheduler address {address!r}: expected tcp://HOST:PORT") from None
    if parts.scheme != "tcp":
        return  # tls://, inproc://, ...: left to the client
    if not host or not port:
        raise InputError(f"bad Dask scheduler address {address!r}: expected tcp://HOST:PORT")
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


def run_dask(client: Any, in_flight: int | None = None) -> Executor:
    """The workers of an existing Dask cluster; they need sahelwatch installed, as here."""

    def execute(batches: Iterator[list[Document]]) -> Iterator[BatchResult]:
        threads = max(1, sum(client.nthreads().values()))
        futures: list = []

        def submit(batch: list[Document]) -> Any:
            futures.append(client.submit(analyze_batch, batch, pure=False))
            return futures[-1]

        try:
            yield from _in_order(submit, batches, in_flight or IN_FLIGHT_PER_WORKER * threads)
        finally:
            client.cancel([f for f in futures if not f.done()])

    return execute


# -- the run ----------------------------------------------------------------------------------------------------

def _chunks(items: list[Document], size: int) -> Iterator[list[Document]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def ingest(items: Iterable[Document | InputError], sink: Sink, executor: Executor = run_inline, *,
           batch_size: int = 1, advance: Callable[[int], None] = lambda n: None,
           skipped: Callable[[str], None] = lambda message: None) -> IngestReport:
    """Analyse and store every document the sink does not hold yet; count the rest.

    ``advance(n)`` is called as ``n`` items are done (progress bars), ``skipped(message)`` for each bad input.
    A KeyboardInterrupt ends the run with ``interrupted`` set: what was stored stays stored.
    """
    report = IngestReport()
    known = sink.known_sha256()
    todo: list[Document] = []
    for item in items:
        if isinstance(item, InputError):
            report.failed.append(str(item))
            skipped(str(item))
            advance(1)
        elif item.sha256 in known:  # stored before, or the same text earlier in this run
            report.unchanged += 1
            advance(1)
        else:
            known.add(item.sha256)
            todo.append(item)
    try:
        with closing(executor(_chunks(todo, batch_size))) as results:
            for result in results:
                with _interrupt_after():
                    _store(result, sink, report, skipped)
                advance(len(result.outcomes))
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        with _interrupt_after():
            sink.flush()
    return report


@contextmanager
def _interrupt_after() -> Iterator[None]:
    """Hold Ctrl-C until the block is done: a write is finished, not cut (DuckDB would fail the query)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _store(result: BatchResult, sink: Sink, report: IngestReport, skipped: Callable[[str], None]) -> None:
    report.peak_rss[result.worker] = max(result.peak_rss, report.peak_rss.get(result.worker, 0))
    report.cpu_s[result.worker] = max(result.cpu_s, report.cpu_s.get(result.worker, 0.0))
    for analysis, error in result.outcomes:
        if analysis is None:
            report.failed.append(error or "unknown error")
            skipped(error or "unknown error")
            continue
        try:
            if sink.save(analysis):
                report.stored += 1
            else:
                report.unchanged += 1
        except InputError as exc:
            report.failed.append(str(exc))
            skipped(str(exc))
