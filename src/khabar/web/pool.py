"""Read-only store connections for the web app: one per concurrent request, reused, plus a small cache."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from khabar.errors import StoreError
from khabar.store import open_readonly
from khabar.store.db import get_meta
from khabar.store.textindex import FORMS_VERSION

T = TypeVar("T")
CACHE_ENTRIES = 256  # aggregate answers kept; each is a few kilobytes at most
MMAP_BYTES = 1 << 30  # address space, not memory: pages come from the OS cache that every connection shares


class ReadPool:
    """Hand out read-only connections to one store; cache aggregate answers until the store changes."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[Any, ...], tuple[tuple[int, ...], float, Any]] = OrderedDict()
        self._key_locks: dict[tuple[Any, ...], threading.Lock] = {}
        self.release(self._open())  # fail now, with the store's own message, if the file is not a store

    def _open(self) -> sqlite3.Connection:
        conn = open_readonly(self.path)
        forms = get_meta(conn, "search_forms")
        if forms != str(FORMS_VERSION):
            conn.close()
            # a read-only app cannot rebuild the index itself; the store's writer does it on open
            raise StoreError(f"{self.path}: its search index was built with forms version {forms} and this khabar"
                             f" uses {FORMS_VERSION}; run `khabar stats --db {self.path}` once to rebuild it")
        # a second guard besides mode=ro: this connection refuses every write statement
        conn.execute("PRAGMA query_only = 1")
        # memory-mapped reads: aggregates touch every article row, and read() calls on a store of
        # hundreds of megabytes cost more than the query itself; the mapping is shared, not copied
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        return conn

    def acquire(self) -> sqlite3.Connection:
        """Take an idle connection, or open one."""
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self._open()

    def release(self, conn: sqlite3.Connection) -> None:
        """Give a connection back for the next request."""
        with self._lock:
            self._idle.append(conn)

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """Lend a connection for the length of a with-block."""
        conn = self.acquire()
        try:
            yield conn
        finally:
            self.release(conn)

    def close(self) -> None:
        """Close every idle connection."""
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    def generation(self) -> tuple[int, ...]:
        """Return a stamp that changes whenever a writer commits (the WAL) or checkpoints (the file)."""
        stamp: list[int] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(f"{self.path}{suffix}")
            except OSError:
                stamp += [0, 0]
                continue
            stamp += [st.st_mtime_ns, st.st_size]
        return tuple(stamp)

    def cached(self, key: tuple[Any, ...], compute: Callable[[sqlite3.Connection], T],
               max_age: float | None = None) -> T:
        """Return compute(conn), from the cache while the store is unchanged (or for max_age seconds).

        One caller computes a missing answer while the others asking for it wait: an aggregate over a
        large store is computed once, not once per concurrent request.
        """
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            gen = self.generation()
            with self._lock:
                hit = self._cache.get(key)
                if hit is not None and (hit[0] == gen or (max_age is not None and
                                                           time.monotonic() - hit[1] < max_age)):
                    self._cache.move_to_end(key)
                    return hit[2]
            with self.connection() as conn:
                value = compute(conn)
            with self._lock:
                self._cache[key] = (gen, time.monotonic(), value)
                self._cache.move_to_end(key)
                while len(self._cache) > CACHE_ENTRIES:
                    old, _ = self._cache.popitem(last=False)
                    self._key_locks.pop(old, None)
            return value
