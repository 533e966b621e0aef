"""`khabar serve`: its arguments, the read-only connection, and refusal of files that are not stores."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

import pytest

from khabar.errors import StoreError
from khabar.store.db import open_store
from khabar.web.app import create_app
from khabar.web.pool import ReadPool
from khabar.web_cli import add_web_commands


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="khabar")
    add_web_commands(parser.add_subparsers(dest="command", required=True))
    return parser


def test_serve_arguments_default_to_loopback() -> None:
    args = _parser().parse_args(["serve", "--db", "x.db"])
    assert (args.db, args.host, args.port) == ("x.db", "127.0.0.1", 8000)
    args = _parser().parse_args(["serve", "--db", "x.db", "--host", "0.0.0.0", "--port", "9001"])
    assert (args.host, args.port) == ("0.0.0.0", 9001)
    assert callable(args.func)


def test_connections_cannot_write(web_db: Path) -> None:
    pool = ReadPool(web_db)
    try:
        with pool.connection() as conn:
            before = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            for sql in ("DELETE FROM articles", "CREATE TABLE x (y)", "INSERT INTO meta VALUES ('k', 'v')"):
                with pytest.raises(sqlite3.OperationalError):
                    conn.execute(sql)
            assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == before
    finally:
        pool.close()


def test_cache_follows_store_changes(web_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    src = sqlite3.connect(f"file:{web_db}?mode=ro", uri=True)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    pool = ReadPool(copy)
    try:
        calls: list[int] = []

        def compute(conn: sqlite3.Connection) -> int:
            calls.append(1)
            return int(conn.execute("SELECT count(*) FROM meta").fetchone()[0])

        first = pool.cached(("n",), compute)
        assert pool.cached(("n",), compute) == first and len(calls) == 1
        writer = open_store(copy)
        writer.execute("INSERT INTO meta(key, value) VALUES ('web-test', 'x')")
        writer.close()
        assert pool.cached(("n",), compute) == first + 1 and len(calls) == 2
    finally:
        pool.close()


def test_files_that_are_not_stores_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database", encoding="utf-8")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    for path in (text, other, tmp_path / "missing.db"):
        with pytest.raises(StoreError):
            create_app(path)
