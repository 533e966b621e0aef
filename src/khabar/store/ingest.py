"""Ingest inputs into a store: parallel extraction, one writer, resumable, idempotent."""

from __future__ import annotations

import gzip
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from khabar.errors import InputError, StoreError
from khabar.ingest import InputRecord, check_path, read_inputs
from khabar.pipeline import warm_up
from khabar.store.db import open_store
from khabar.store.progress import Progress
from khabar.store.rows import Prepared, content_hash, prepare, prepare_many, store_key
from khabar.store.write import FAILED, NEW, UNCHANGED, UPDATED, Writer

DEFAULT_BATCH = 200  # records per transaction: a kill loses at most this much work
MAX_FAILURE_LINES = 20  # failures printed one by one; the rest are counted (all are in the store)
_CHUNK = 8  # records handed to a worker at a time: amortises the pipe, keeps results flowing in order
_AHEAD = 4  # chunks in flight per worker


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did."""

    db: str
    workers: int
    read: int = 0  # input records read
    new: int = 0
    updated: int = 0
    unchanged: int = 0  # already stored with the same content
    failed: int = 0  # failed in this run (stored in the failures table)
    known_failures: int = 0  # failed before with the same content: not tried again
    rechecked: int = 0  # extracted, then found already stored unchanged (another run stored it meanwhile)
    seconds: float = 0.0

    @property
    def processed(self) -> int:
        """Records that went through extraction in this run."""
        return self.new + self.updated + self.failed + self.rechecked

    @property
    def articles_per_second(self) -> float:
        """Records extracted and written per second of the run."""
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Return the report as a plain dict (for --json)."""
        d = asdict(self)
        d["processed"] = self.processed
        d["articles_per_second"] = round(self.articles_per_second, 1)
        return d


def check_inputs(paths: list[str]) -> None:
    """Fail before any work if an input path is missing, a folder or unreadable."""
    if not paths:
        raise InputError("no input given")
    for path in paths:
        if path != "-":
            check_path(path)


def count_records(paths: list[str]) -> int | None:
    """Count the records of the inputs quickly (lines of JSONL files), or None when stdin is among them."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        p = Path(path)
        if p.name.endswith((".jsonl.gz", ".json.gz")):
            opener: Any = gzip.open
        elif p.suffix in (".jsonl", ".ndjson"):
            opener = open
        else:
            total += 1
            continue
        try:
            with opener(p, "rb") as f:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda f=f: f.read(1 << 20), b""))
        except (OSError, EOFError):
            return None  # a damaged file is reported by the reader, with its name
    return total


def ingest(paths: list[str], db: str | Path, *, workers: int | None = None, batch_size: int = DEFAULT_BATCH,
           limit: int | None = None, force: bool = False, retry_failures: bool = False,
           progress: bool = True, stream: TextIO | None = None) -> IngestReport:
    """Extract the input records and store them; records already stored unchanged are skipped.

    Args:
        paths: input files as for `khabar extract` ('-' for JSONL on standard input).
        db: the store file (created if absent).
        workers: extraction processes (default: one per core); 1 extracts in this process.
        batch_size: records per transaction.
        limit: read at most this many input records.
        force: extract and store again even records stored with the same content.
        retry_failures: try again records that failed before with the same content.
        progress: draw the progress line and print failures on stream (standard error by default).
        stream: where progress and failure lines go.

    Returns:
        The counts of the run.
    """
    check_inputs(paths)
    n_workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
    out = stream if stream is not None else sys.stderr
    report = IngestReport(str(db), n_workers)
    conn = open_store(db)
    try:
        known = dict(conn.execute("SELECT doc_id, content_hash FROM articles").fetchall())
        failed_before = dict(conn.execute("SELECT doc_id, content_hash FROM failures").fetchall())
        total = count_records(paths)
        if total is not None and limit is not None:
            total = min(total, limit)
        bar = Progress(total, out, progress)
        todo = _todo(paths, limit, known, failed_before, report, force, retry_failures)
        writer = Writer(conn, batch_size, force=force)
        start = time.monotonic()
        try:
            for p in _extract(todo, n_workers):
                _count(report, writer.write(p))
                if p.error and progress:
                    if report.failed <= MAX_FAILURE_LINES:
                        bar.message(f"khabar: {p.error}")
                    elif report.failed == MAX_FAILURE_LINES + 1:
                        bar.message("khabar: more failures follow; `khabar stats --failures` lists them all")
                bar.update(report.read, report.processed, _detail(report))
            writer.commit()
        except InputError:
            writer.commit()  # an unreadable input stops the run; the articles read before it are whole
            raise
        except BaseException:
            writer.rollback()  # the open batch only; every committed batch stays
            raise
        finally:
            report.seconds = time.monotonic() - start
            bar.update(report.read, report.processed, _detail(report), force=True, final=True)
            bar.finish()
    finally:
        conn.close()
    return report


def _todo(paths: list[str], limit: int | None, known: dict[str, str], failed_before: dict[str, str],
          report: IngestReport, force: bool, retry: bool) -> Iterator[tuple[str, str, InputRecord]]:
    """Yield the records that need extraction; count those that do not."""
    for n, rec in enumerate(_read(paths)):
        if limit is not None and n >= limit:
            return
        report.read += 1
        key = store_key(rec)
        h = content_hash(rec)
        if not force and known.get(key) == h:
            report.unchanged += 1
            continue
        if not retry and failed_before.get(key) == h:
            report.known_failures += 1
            continue
        known[key] = h  # the same record twice in one run is extracted once
        yield key, h, rec


def _read(paths: list[str]) -> Iterator[InputRecord]:
    """Read the inputs in order; a file that breaks off (a damaged .gz) is an InputError naming it."""
    for path in paths:
        last = "its start"
        try:
            for rec in read_inputs([path]):
                last = rec.origin
                yield rec
        except (OSError, EOFError, zlib.error) as e:
            raise InputError(f"{path}: cannot read past {last}: {e}") from e


def _extract(items: Iterable[tuple[str, str, InputRecord]], workers: int) -> Iterator[Prepared]:
    """Yield the prepared records in input order, extracted by a pool of worker processes."""
    if workers == 1:
        yield from map(prepare, items)
        return
    # spawn, not fork: the parent holds an open SQLite connection that a forked child must never inherit
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker)
    source = iter(items)
    pending: deque[Future[list[Prepared]]] = deque()

    def submit() -> None:
        chunk = list(islice(source, _CHUNK))
        if chunk:
            pending.append(pool.submit(prepare_many, chunk))

    try:
        for _ in range(workers * _AHEAD):  # a bounded window: input is read only as fast as it is used
            submit()
        while pending:
            try:
                done = pending.popleft().result()
            except BrokenProcessPool as e:
                raise StoreError("an extraction worker died (out of memory?); every committed batch is kept:"
                                 " run the same command again to resume") from e
            submit()
            yield from done
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _init_worker() -> None:
    """Leave Ctrl-C to the parent, and end with it: a killed ingest must not leave workers behind."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent rolls back its batch and stops the pool
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()
    warm_up()


def _exit_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])  # ready when the parent process is gone, even after SIGKILL
    os._exit(1)


def _count(report: IngestReport, outcome: str) -> None:
    if outcome == NEW:
        report.new += 1
    elif outcome == UPDATED:
        report.updated += 1
    elif outcome == FAILED:
        report.failed += 1
    elif outcome == UNCHANGED:
        report.unchanged += 1
        report.rechecked += 1


def _detail(r: IngestReport) -> str:
    parts = [f"new {r.new:,}"]
    if r.updated:
        parts.append(f"updated {r.updated:,}")
    if r.unchanged:
        parts.append(f"unchanged {r.unchanged:,}")
    if r.failed or r.known_failures:
        parts.append(f"failed {r.failed + r.known_failures:,}")
    return " ".join(parts)

