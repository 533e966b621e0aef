"""Fixtures for the web tests: a store built by the real ingest from real articles, and a real server on loopback."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hand_story import EVENTS_ID, MARKUP_TEXT, hand_events_record

from khabar.store.db import open_store
from khabar.store.ingest import ingest
from khabar.store.rows import from_record
from khabar.store.write import Writer

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "src" / "khabar" / "examples" / "gulf_port_deal.txt"
ARTIFACTS = REPO / "test-artifacts" / "web"
CORPUS_STEP = 620  # every 620th corpus line: about 50 articles spread over all sources and dates

def write_corpus_sample(shared: Path, path: Path) -> int:
    """Copy every CORPUS_STEP-th corpus record to a JSONL file; return how many."""
    n = 0
    with gzip.open(shared / "corpus" / "saudinewsnet.jsonl.gz", "rt", encoding="utf-8") as src, \
            path.open("w", encoding="utf-8") as out:
        for i, line in enumerate(src):
            if i % CORPUS_STEP == 0:
                out.write(line)
                n += 1
    return n


@pytest.fixture(scope="session")
def web_db(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a store with the real ingest (corpus sample, seed, example, markup article) plus one hand record."""
    folder = tmp_path_factory.mktemp("web")
    corpus = folder / "corpus.jsonl"
    n = write_corpus_sample(shared_dir, corpus)
    markup = folder / "markup_article.txt"
    markup.write_text(MARKUP_TEXT, encoding="utf-8")
    seeds = sorted(str(p) for p in (shared_dir / "seed").glob("*.txt"))
    db = folder / "web.db"
    report = ingest([str(corpus), *seeds, str(EXAMPLE), str(markup)], db, workers=1, progress=False)
    assert report.failed == 0 and report.new == n + len(seeds) + 2, report
    record, text = hand_events_record()
    conn = open_store(db)
    try:
        w = Writer(conn, batch_size=10)
        assert w.write(from_record(EVENTS_ID, "hash-" + EVENTS_ID, "hand:web", record, text)) == "new"
        w.commit()
    finally:
        conn.close()
    return db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(web_db: Path) -> Iterator[str]:
    """Serve the app over web_db with uvicorn on a free loopback port; yield its base URL."""
    import uvicorn

    from khabar.web.app import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning",
                                        access_log=False))
    thread = threading.Thread(target=srv.run, name="khabar-web-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(15)


@pytest.fixture(scope="session")
def client(server: str) -> Iterator[httpx.Client]:
    """Return an HTTP client for the test server."""
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Return the folder for screenshots (gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
