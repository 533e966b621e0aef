"""Open khabar stores: create, check, migrate; one writer connection, any number of readers."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from importlib import resources as importlib_resources
from pathlib import Path
from urllib.parse import quote

from khabar.errors import StoreError

SCHEMA_VERSION = 1
APPLICATION_ID = 0x4B484252  # "KHBR": marks the file as a khabar store for `file` and for us
DEFAULT_DB = "khabar.db"
BUSY_TIMEOUT_MS = 30_000  # a reader or a second writer waits this long before giving up

Migration = Callable[[sqlite3.Connection], None]
# MIGRATIONS[v] brings a store from schema v to v + 1, inside the caller's transaction.
MIGRATIONS: dict[int, Migration] = {}

_SQLITE_MAGIC = b"SQLite format 3\x00"


def khabar_version() -> str:
    """Return the installed khabar version, stored with every row written."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("khabar")
    except PackageNotFoundError:
        return "unknown"


def now() -> str:
    """Return the current UTC time in ISO 8601, to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def schema_sql() -> str:
    """Return the text of schema.sql."""
    path = importlib_resources.files("khabar.store").joinpath("schema.sql")
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise StoreError(f"the store schema file is missing from the installed package ({path}): {e}") from e


def open_store(path: str | Path, *, create: bool = True,
               migrations: Mapping[int, Migration] = MIGRATIONS,
               target: int = SCHEMA_VERSION) -> sqlite3.Connection:
    """Open a store for writing: create it if allowed, refuse foreign files, migrate older schemas.

    Args:
        path: the database file.
        create: make a new store when the file is absent or empty; else a missing store is an error.
        migrations: steps from each older schema version to the next.
        target: the schema version this khabar writes.

    Returns:
        A connection in autocommit mode (transactions are explicit), with WAL journaling.
    """
    p = Path(path)
    _check_file(p, must_exist=not create)
    try:
        conn = sqlite3.connect(p, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as e:
        raise StoreError(f"{p}: cannot open the database: {e}") from e
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # read the stamp before changing anything: a foreign file must be left exactly as it was
        app_id, version = _stamp(conn, p)
        fresh = app_id == 0 and version == 0 and _is_empty(conn)
        if not fresh:
            _check_stamp(p, app_id, version, target)
        _configure(conn, p)
        if fresh:
            _create(conn, p, target)
        else:
            if version < target:
                migrate(conn, p, version, target, migrations)
            if get_meta(conn, "search_forms") != str(_forms_version()):
                from khabar.store.search import rebuild_index

                rebuild_index(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """Open an existing store read-only (for queries and the web app); it is never changed."""
    p = Path(path)
    _check_file(p, must_exist=True)
    uri = f"file:{quote(str(p.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
    except sqlite3.Error as e:
        raise StoreError(f"{p}: cannot open the database: {e}") from e
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        app_id, version = _stamp(conn, p)
        _check_stamp(p, app_id, version, SCHEMA_VERSION)
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"{p}: the store has schema version {version} and this khabar reads version {SCHEMA_VERSION};"
                f" run `khabar stats --db {p}` once to migrate it")
    except BaseException:
        conn.close()
        raise
    return conn


def migrate(conn: sqlite3.Connection, path: Path, current: int, target: int,
            migrations: Mapping[int, Migration]) -> None:
    """Bring a store from schema version current to target in one transaction, or fail and leave it as it was."""
    missing = [v for v in range(current, target) if v not in migrations]
    if missing:
        raise StoreError(
            f"{path}: the store has schema version {current}, older than this khabar's {target}, and cannot be"
            f" migrated (no step from version {missing[0]}); ingest the articles into a new store")
    conn.execute("BEGIN IMMEDIATE")
    try:
        for v in range(current, target):
            migrations[v](conn)
            conn.execute(f"PRAGMA user_version = {v + 1}")
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('migrated_at', ?)", (now(),))
        conn.execute("COMMIT")
    except sqlite3.Error as e:
        conn.execute("ROLLBACK")
        raise StoreError(f"{path}: migration from schema version {current} failed and was undone: {e}") from e
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _check_file(p: Path, *, must_exist: bool) -> None:
    if p.is_dir():
        raise StoreError(f"{p} is a folder, not a khabar database file")
    if not p.exists():
        if must_exist:
            raise StoreError(f"{p}: no khabar store here; create one with `khabar ingest INPUT --db {p}`")
        if not p.parent.is_dir():
            raise StoreError(f"{p}: the folder {p.parent} does not exist")
        return
    try:
        with p.open("rb") as f:
            head = f.read(len(_SQLITE_MAGIC))
    except OSError as e:
        raise StoreError(f"{p}: cannot read the file: {e}") from e
    if head and head != _SQLITE_MAGIC:
        raise StoreError(f"{p} is not a khabar database (it is not an SQLite file); refusing to touch it")
    if not head and must_exist:
        raise StoreError(f"{p} is an empty file, not a khabar store")


def _configure(conn: sqlite3.Connection, p: Path) -> None:
    try:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        # NORMAL is safe in WAL mode against a killed process; only a power cut can lose the last commit.
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{p} is not a khabar database ({e}); refusing to touch it") from e
    if mode.lower() != "wal":
        raise StoreError(f"{p}: cannot switch the database to WAL journaling (got {mode!r})")


def _stamp(conn: sqlite3.Connection, p: Path) -> tuple[int, int]:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{p} is not a khabar database ({e}); refusing to touch it") from e
    return app_id, version


def _check_stamp(p: Path, app_id: int, version: int, target: int) -> None:
    if app_id != APPLICATION_ID:
        raise StoreError(f"{p} is an SQLite database but not a khabar store; refusing to touch it")
    if version > target:
        raise StoreError(
            f"{p} was made by a newer khabar (schema version {version}; this one knows up to {target});"
            " upgrade khabar to use it")
    if version < 1:
        raise StoreError(f"{p}: a khabar store without a schema version; it was never completed")


def _is_empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] == 0


def _create(conn: sqlite3.Connection, p: Path, version: int) -> None:
    sql = schema_sql()
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _statements(sql):
            conn.execute(statement)
        conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", [
            ("application", "khabar"),
            ("created_at", now()),
            ("created_with", khabar_version()),
            ("search_forms", str(_forms_version())),
        ])
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as e:
        conn.execute("ROLLBACK")
        if "fts5" in str(e):
            raise StoreError(f"{p}: this Python's SQLite lacks the FTS5 extension the store needs") from e
        raise StoreError(f"{p}: cannot create the store: {e}") from e
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _statements(sql: str) -> list[str]:
    """Split schema.sql into statements (it has no semicolons inside strings or triggers)."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _forms_version() -> int:
    from khabar.store.textindex import FORMS_VERSION

    return FORMS_VERSION


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    """Return one value of the meta table."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None
