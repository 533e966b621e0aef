"""Opening stores: creation, refusal of foreign files, newer and older schema versions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from khabar.errors import StoreError
from khabar.store.db import APPLICATION_ID, SCHEMA_VERSION, get_meta, migrate, open_readonly, open_store


def _pragma(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def test_new_store_is_stamped_and_in_wal_mode(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    conn = open_store(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert get_meta(conn, "application") == "khabar"
    conn.close()
    assert _pragma(db, "application_id") == APPLICATION_ID
    assert _pragma(db, "user_version") == SCHEMA_VERSION
    open_store(db).close()  # opening again changes nothing
    assert _pragma(db, "user_version") == SCHEMA_VERSION


def test_an_empty_file_becomes_a_store(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    open_store(db).close()
    assert _pragma(db, "application_id") == APPLICATION_ID


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("مذكرات شخصية، ليست قاعدة بيانات\n", encoding="utf-8")
    before = db.read_bytes()
    with pytest.raises(StoreError, match=r"not a khabar database .*not an SQLite file"):
        open_store(db)
    with pytest.raises(StoreError, match="not a khabar database"):
        open_readonly(db)
    assert db.read_bytes() == before
    assert not (tmp_path / "notes.db-wal").exists()


def test_another_sqlite_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="SQLite database but not a khabar store"):
        open_store(db)
    assert db.read_bytes() == before
    assert _pragma(db, "journal_mode") == "delete"


def test_a_store_from_a_newer_khabar_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    open_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer khabar"):
        open_store(db)
    with pytest.raises(StoreError, match="newer khabar"):
        open_readonly(db)


def _add_language(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE articles ADD COLUMN language TEXT")


def _broken(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE articles ADD COLUMN language TEXT")
    conn.execute("ALTER TABLE no_such_table ADD COLUMN x TEXT")


def test_an_older_store_is_migrated(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    open_store(db).close()
    conn = open_store(db, migrations={SCHEMA_VERSION: _add_language}, target=SCHEMA_VERSION + 1)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
    conn.close()
    assert "language" in columns
    assert _pragma(db, "user_version") == SCHEMA_VERSION + 1


def test_a_failed_migration_is_undone(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    open_store(db).close()
    with pytest.raises(StoreError, match=r"migration from schema version .* failed and was undone"):
        open_store(db, migrations={SCHEMA_VERSION: _broken}, target=SCHEMA_VERSION + 1)
    conn = open_store(db)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
    conn.close()
    assert "language" not in columns
    assert _pragma(db, "user_version") == SCHEMA_VERSION


def test_an_older_store_without_a_migration_path_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    open_store(db).close()
    with pytest.raises(StoreError, match="cannot be migrated"):
        open_store(db, migrations={}, target=SCHEMA_VERSION + 1)
    conn = sqlite3.connect(db)
    with pytest.raises(StoreError, match="cannot be migrated"):
        migrate(conn, db, 0, SCHEMA_VERSION, {})
    conn.close()


def test_readers_need_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no khabar store here"):
        open_readonly(tmp_path / "missing.db")
    with pytest.raises(StoreError, match="no khabar store here"):
        open_store(tmp_path / "missing.db", create=False)
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


def test_a_read_only_connection_cannot_write(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    open_store(db).close()
    conn = open_readonly(db)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("INSERT INTO meta VALUES ('x', 'y')")
    conn.close()
