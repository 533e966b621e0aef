"""`khabar serve`: its arguments, the read-only connection, and refusal of files that are not stores."""

from __future__ import annotations

import argparse
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
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


def _serve(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "khabar.cli", "serve", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_command_serves_the_store(web_db: Path, workers: int) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = _serve("--db", str(web_db), "--port", str(port), "--workers", str(workers), "--log-level", "warning",
                  "--no-access-log")
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=30)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "khabar serve did not answer"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["articles"] > 50
    finally:
        proc.terminate()
        proc.wait(15)


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    proc = _serve("--db", str(tmp_path / "nothing.db"), "--port", "1")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert b"no khabar store here" in err


def test_every_serve_option_is_documented() -> None:
    sub = _parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    serve = sub.choices["serve"]
    assert serve.description or sub._choices_actions[0].help
    for action in serve._actions:
        if action.dest != "help":
            assert action.help, f"--{action.dest} has no help text"


def test_worker_factory_needs_the_store_path(monkeypatch: pytest.MonkeyPatch, web_db: Path) -> None:
    from khabar.web.app import DB_ENV, create_app_from_env

    monkeypatch.delenv(DB_ENV, raising=False)
    with pytest.raises(StoreError, match=DB_ENV):
        create_app_from_env()
    monkeypatch.setenv(DB_ENV, str(web_db))
    app = create_app_from_env()
    app.state.pool.close()
