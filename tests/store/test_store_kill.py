"""An ingest killed with SIGKILL mid-way resumes to exactly the store an uninterrupted run makes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from khabar.store.db import open_readonly, open_store
from khabar.store.ingest import ingest

REPO = Path(__file__).resolve().parents[2]
N = 300
KILL_AFTER = 40  # stored articles: a few batches of 10 are committed, most of the input is still to do


def _command(src: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "khabar.cli", "ingest", str(src), "--db", str(db), "--workers", "2",
            "--batch-size", "10", "--quiet"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    return env


def _stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet, or mid-creation


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_then_resume(corpus_writer: Callable[[Path, int, int], int], tmp_path: Path,
                             table_counts: Callable[[Path], dict[str, int]]) -> None:
    src = tmp_path / "corpus.jsonl"
    with_text = corpus_writer(src, N, 600)  # this stretch has records without text: failures survive too
    assert with_text < N
    db = tmp_path / "killed.db"

    proc = subprocess.Popen(_command(src, db), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _stored(db) < KILL_AFTER and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, f"ingest ended before it could be killed: {proc.communicate()}"
    proc.send_signal(signal.SIGKILL)
    try:
        # the pipes close only when the workers, which share them, have ended with their parent
        proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("extraction workers outlived the killed ingest")
    assert proc.returncode == -signal.SIGKILL
    at_kill = _stored(db)
    assert KILL_AFTER <= at_kill < with_text

    resumed = subprocess.run([*_command(src, db), "--json"], env=_env(), capture_output=True, text=True,
                             timeout=300)
    assert resumed.returncode == 1, resumed.stderr  # 1: the records without text failed (again or first time)
    assert '"unchanged": ' + str(at_kill) in resumed.stdout

    clean = tmp_path / "clean.db"
    ingest([str(src)], clean, workers=1, progress=False)
    counts = table_counts(db)
    assert counts == table_counts(clean)
    assert counts["articles"] == with_text
    assert counts["failures"] == N - with_text

    conn = open_readonly(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(DISTINCT doc_id) FROM articles").fetchone()[0] == with_text
    rows = "SELECT id, doc_id, content_hash, group_id FROM articles ORDER BY id"
    ref = open_readonly(clean)
    assert conn.execute(rows).fetchall() == ref.execute(rows).fetchall()
    conn.close()
    ref.close()
    writer = open_store(db)
    writer.execute("INSERT INTO search(search) VALUES ('integrity-check')")  # raises if the index is damaged
    writer.close()

    again = ingest([str(src)], db, workers=2, progress=False)
    assert (again.new, again.updated, again.failed, again.processed) == (0, 0, 0, 0)
    assert table_counts(db) == counts
