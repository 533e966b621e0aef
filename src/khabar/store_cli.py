"""The store's subcommands: ingest, stats, search, events, entities, export."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import unicodedata
from collections.abc import Callable
from typing import Any

import msgspec

from khabar.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_SOME_FAILED, StoreError
from khabar.store.db import DEFAULT_DB, open_store

CELL = 60  # widest table cell, in characters: long sentences are cut with …


def add_store_commands(sub: Any) -> None:
    """Add ingest, stats, search, events, entities and export to an argparse subparsers object."""
    p = sub.add_parser("ingest", help="extract articles and store them in a database (resumable, parallel)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="as for extract: .txt, .jsonl, .jsonl.gz, or -")
    _db(p)
    p.add_argument("--workers", type=_positive, help="extraction processes (default: one per core)")
    p.add_argument("--batch-size", type=_positive, default=200, help="records per transaction (default 200)")
    p.add_argument("--limit", type=_positive, help="read at most this many input records")
    p.add_argument("--force", action="store_true", help="extract again records stored with the same content")
    p.add_argument("--retry-failures", action="store_true", help="try again records that failed before")
    p.add_argument("--quiet", action="store_true", help="no progress line and no failure lines")
    p.add_argument("--json", action="store_true", help="print the run's counts as JSON")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("stats", help="counts of what a database holds")
    _db(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--failures", type=int, nargs="?", const=50, metavar="N", help="list the latest N failures")
    p.add_argument("--duplicates", type=int, nargs="?", const=10, metavar="N",
                   help="list the N largest near-duplicate groups")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("search", help="full-text search with Arabic normalisation")
    p.add_argument("query", nargs="+", help='words to find (all must match); "quoted words" stay together')
    _db(p)
    p.add_argument("--limit", type=_positive, default=10)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--source", help="only this newspaper/source")
    p.add_argument("--since", help="only articles on or after YYYY[-MM[-DD]]")
    p.add_argument("--until", help="only articles on or before YYYY[-MM[-DD]]")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("events", help="events with filters, or counts by type or actor pair")
    _db(p)
    p.add_argument("--source", help="actor that does it (code such as RUS, or a name)")
    p.add_argument("--target", help="actor it is done to")
    p.add_argument("--type", help="PLOVER type, such as SANCTION")
    p.add_argument("--since", help="on or after YYYY[-MM[-DD]]")
    p.add_argument("--until", help="on or before YYYY[-MM[-DD]]")
    p.add_argument("--by", choices=("type", "pair", "source", "target", "month"),
                   help="print counts by this key instead of events (a story's copies count once)")
    p.add_argument("--all", action="store_true", help="include denied and hypothetical events")
    p.add_argument("--copies", action="store_true", help="one row per sentence in every article, copies included")
    p.add_argument("--limit", type=_positive, default=50)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("entities", help="the entities in the most stories")
    _db(p)
    p.add_argument("--top", type=_positive, default=20, metavar="N")
    p.add_argument("--type", help="only PER, ORG, LOC, NORP or WEAPON")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_entities)

    p = sub.add_parser("export", help="write tables as JSONL, CSV or Parquet, with a GDELT-style event table")
    _db(p)
    p.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl")
    p.add_argument("--out", required=True, help="folder to write into")
    p.add_argument("--tables", help="comma-separated subset of the tables (default: all)")
    p.set_defaults(func=cmd_export)


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help=f"the database file (default {DEFAULT_DB})")


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of at least 1")
    return n


def cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest the inputs into the store and report the counts."""
    from khabar.store.ingest import ingest

    try:
        report = ingest(args.inputs, args.db, workers=args.workers, batch_size=args.batch_size, limit=args.limit,
                        force=args.force, retry_failures=args.retry_failures, progress=not args.quiet)
    except KeyboardInterrupt:
        print("khabar: interrupted; every committed batch is kept: run the same command to resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    except sqlite3.Error as e:
        raise StoreError(f"{args.db}: {e}") from e
    if args.json:
        _print_json(report.as_dict())
    else:
        print(f"{report.read:,} read: {report.new:,} new, {report.updated:,} updated, {report.unchanged:,} unchanged,"
              f" {report.failed + report.known_failures:,} failed; {report.processed:,} extracted in"
              f" {report.seconds:.1f} s ({report.articles_per_second:,.0f} articles/s) into {args.db}")
    if report.failed:
        print(f"khabar: {report.failed} record(s) failed; `khabar stats --db {args.db} --failures` lists them",
              file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK


def _reading(args: argparse.Namespace, fn: Callable[[sqlite3.Connection], int]) -> int:
    """Open the store (migrating it if it is older) and run fn on it."""
    conn = open_store(args.db, create=False)
    try:
        return fn(conn)
    except sqlite3.Error as e:
        raise StoreError(f"{args.db}: {e}") from e
    finally:
        conn.close()


def cmd_stats(args: argparse.Namespace) -> int:
    """Print the counts of the store, and optionally its failures and duplicate groups."""
    from khabar.store import query

    def run(conn: sqlite3.Connection) -> int:
        data: dict[str, Any] = query.stats(conn)
        if args.failures is not None:
            data["failure_list"] = query.failures(conn, args.failures)
        if args.duplicates is not None:
            data["duplicate_list"] = query.duplicate_groups(conn, args.duplicates)
        if args.json:
            _print_json(data)
            return EXIT_OK
        width = max(len(k) for k in data)
        for k, v in data.items():
            if not isinstance(v, list):
                print(f"{k:<{width}}  {v:,}" if isinstance(v, int) else f"{k:<{width}}  {v}")
        for f in data.get("failure_list", []):
            print(f"failed  {f['id']}  {f['reason']}")
        for g in data.get("duplicate_list", []):
            print(f"group of {g['size']}:")
            for a in g["articles"]:
                print(f"  {a['id']}  {a['source'] or ''}  {_cut(a['title'] or '')}")
        return EXIT_OK

    return _reading(args, run)


def cmd_search(args: argparse.Namespace) -> int:
    """Print the best matches of a query with their snippets."""
    from khabar.store.search import count, search

    def run(conn: sqlite3.Connection) -> int:
        q = " ".join(args.query)
        hits = search(conn, q, limit=args.limit, offset=args.offset, source=args.source, since=args.since,
                      until=args.until)
        total = count(conn, q, source=args.source, since=args.since, until=args.until)
        if args.json:
            _print_json({"query": q, "total": total, "results": hits})
            return EXIT_OK
        print(f"{total:,} article(s) match {q!r}")
        for h in hits:
            print(f"\n{h['id']}  {h['date'] or ''}  {h['source'] or ''}  score {h['score']}")
            if h["title"]:
                print(f"  {h['title']}")
            print(f"  {h['snippet']}")
        return EXIT_OK

    return _reading(args, run)


def cmd_events(args: argparse.Namespace) -> int:
    """Print events matching the filters, or their counts."""
    from khabar.store import query

    filters = {"source": args.source, "target": args.target, "type": args.type, "since": args.since,
               "until": args.until, "scored_only": not args.all}

    def run(conn: sqlite3.Connection) -> int:
        if args.by:
            rows = query.event_counts(conn, args.by, limit=args.limit, **filters)
            cols = ["source", "target"] if args.by == "pair" else [args.by]
            cols += ["events", "reports"]
        else:
            rows = query.events(conn, copies=args.copies, limit=args.limit, offset=args.offset, **filters)
            cols = ["date", "type", "source", "target", "status", "articles", "article", "sentence"]
        if args.json:
            _print_json(rows)
        else:
            _print_table(rows, cols)
        return EXIT_OK

    return _reading(args, run)


def cmd_entities(args: argparse.Namespace) -> int:
    """Print the entities found in the most stories."""
    from khabar.store import query

    def run(conn: sqlite3.Connection) -> int:
        rows = query.top_entities(conn, args.top, args.type)
        if args.json:
            _print_json(rows)
        else:
            _print_table(rows, ["name", "type", "code", "stories", "articles", "mentions"])
        return EXIT_OK

    return _reading(args, run)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the store's tables into a folder."""
    from khabar.store.export import TABLE_NAMES, export

    tables = tuple(t.strip() for t in args.tables.split(",")) if args.tables else TABLE_NAMES

    def run(conn: sqlite3.Connection) -> int:
        for name, info in export(conn, args.out, args.format, tables).items():
            print(f"{name:<15} {info['rows']:>9,} rows  {info['path']}")
        return EXIT_OK

    return _reading(args, run)


def _print_json(data: Any) -> None:
    sys.stdout.buffer.write(msgspec.json.format(msgspec.json.encode(data), indent=2) + b"\n")
    sys.stdout.flush()


def _cut(text: str, width: int = CELL) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _width(text: str) -> int:
    """Return the columns a string takes: combining marks (Arabic harakat) take none."""
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def _print_table(rows: list[dict[str, Any]], cols: list[str]) -> None:
    if not rows:
        print("(nothing)")
        return
    cells = [[_cut("" if r.get(c) is None else r[c]) for c in cols] for r in rows]
    widths = [max(_width(c), *(_width(row[i]) for row in cells)) for i, c in enumerate(cols)]
    print("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(v + " " * (w - _width(v)) for v, w in zip(row, widths, strict=True)).rstrip())
