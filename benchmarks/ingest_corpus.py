"""Ingest the shared corpus (or its first N records) into a fresh store and print the figures.

    python benchmarks/ingest_corpus.py [--limit N] [--workers N] [--db PATH]

Prints articles/s of the ingest, the database size, the store's counts, and the time a few
searches and event queries take on it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from khabar.store.db import open_readonly
from khabar.store.ingest import ingest
from khabar.store.query import event_counts, events, stats, top_entities
from khabar.store.search import count, search

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "saudinewsnet.jsonl.gz"
QUERIES = ("الأمريكية", "وزير الخارجية", "عقوبات", '"ولي العهد"', "النفط السعودي")


def main() -> int:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="ingest only the first N records")
    ap.add_argument("--workers", type=int, help="extraction processes (default: one per core)")
    ap.add_argument("--db", help="store file to (re)create (default: a temporary file, removed after)")
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--corpus", default=str(CORPUS))
    args = ap.parse_args()
    if not Path(args.corpus).exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.db"
        for ext in ("", "-wal", "-shm"):
            Path(f"{db}{ext}").unlink(missing_ok=True)
        report = ingest([args.corpus], db, workers=args.workers, batch_size=args.batch_size, limit=args.limit)
        print(f"ingest: {report.read:,} read, {report.new:,} stored, {report.failed:,} failed,"
              f" {report.seconds:.1f} s with {report.workers} worker(s)")
        print(f"ingest: {report.articles_per_second:,.1f} articles/s")
        resumed = ingest([args.corpus], db, workers=args.workers, limit=args.limit, progress=False)
        print(f"re-ingest of the same input: {resumed.seconds:.1f} s, {resumed.processed} extracted")
        conn = open_readonly(db)
        try:
            s = stats(conn)
            size = sum(os.path.getsize(f"{db}{ext}") for ext in ("", "-wal") if os.path.exists(f"{db}{ext}"))
            print(f"database: {size / 1e6:,.1f} MB ({size / max(s['articles'], 1) / 1e3:,.1f} kB per article)")
            for key in ("articles", "stories", "duplicate_groups", "articles_in_duplicate_groups", "entities",
                        "quotes", "amounts", "dates", "events", "distinct_events", "arms_transfers", "failures"):
                print(f"  {key:<30} {s[key]:>10,}")
            for q in QUERIES:
                t = time.perf_counter()
                hits = search(conn, q, limit=10)
                n = count(conn, q)
                print(f"search {q!r}: {n:,} matches, top 10 with snippets in {1e3 * (time.perf_counter() - t):.0f} ms"
                      + (f"; first: {hits[0]['id']}" if hits else ""))
            for label, fn in (("events (latest 50)", lambda: events(conn, limit=50)),
                              ("event counts by type", lambda: event_counts(conn, "type")),
                              ("event counts by pair", lambda: event_counts(conn, "pair")),
                              ("top 20 entities", lambda: top_entities(conn, 20))):
                t = time.perf_counter()
                rows = fn()
                print(f"{label}: {len(rows)} rows in {1e3 * (time.perf_counter() - t):.0f} ms")
        finally:
            conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
