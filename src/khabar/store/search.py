"""Full-text search over stored articles with khabar's normalisation, ranked by BM25, with snippets."""

from __future__ import annotations

import sqlite3
from typing import Any

from khabar.errors import StoreError
from khabar.store.db import get_meta
from khabar.store.query import date_bound
from khabar.store.textindex import FORMS_VERSION, parse_query, snippet
from khabar.store.write import decode_record, search_forms

# BM25 weight per indexed column: a word's clitic-free forms count more than its vowel-less skeleton
# (which finds spelling variants, but also unrelated words that share their consonants).
WEIGHTS = (4.0, 1.0)


def search(conn: sqlite3.Connection, query: str, *, limit: int = 10, offset: int = 0, source: str | None = None,
           since: str | None = None, until: str | None = None, mark: tuple[str, str] = ("[", "]"),
           width: int = 30) -> list[dict[str, Any]]:
    """Return the articles matching every word of query, best first, each with a marked snippet.

    Args:
        conn: a store connection (read-only is enough).
        query: words to find; "quoted words" must occur close together.
        limit: results to return.
        offset: results to skip (for paging).
        source: only articles of this source (newspaper).
        since: only articles dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
        until: only articles dated on or before this date.
        mark: what to put around matched words in the snippet (e.g. ("<mark>", "</mark>")).
        width: snippet length in words.

    Returns:
        Dicts with id, title, source, date, url, group (the near-duplicate group's first article),
        score (higher is better) and snippet.
    """
    _check_forms(conn)
    q = parse_query(query)
    where, params = ["search MATCH ?"], [q.expression]
    _filters(where, params, source, since, until)
    sql = (
        "SELECT a.doc_id, a.title, a.source, a.date, a.url, g.doc_id, d.record, bm25(search, ?, ?) AS rank"
        " FROM search JOIN articles a ON a.id = search.rowid JOIN articles g ON g.id = a.group_id"
        f" JOIN documents d ON d.article_id = a.id WHERE {' AND '.join(where)} ORDER BY rank, a.id LIMIT ? OFFSET ?"
    )
    try:
        rows = conn.execute(sql, (*WEIGHTS, *params, limit, offset)).fetchall()
    except sqlite3.OperationalError as e:
        raise StoreError(f"search for {query!r} failed: {e}") from e
    out = []
    for doc_id, title, src, date, url, group, blob, rank in rows:
        body = "\n".join(str(p) for p in decode_record(blob).get("body") or [])
        out.append({"id": doc_id, "title": title, "source": src, "date": date, "url": url, "group": group,
                    "score": round(-rank, 3), "snippet": snippet(body, q, width, mark)})
    return out


def count(conn: sqlite3.Connection, query: str, *, source: str | None = None, since: str | None = None,
          until: str | None = None) -> int:
    """Return how many articles match query (with the same filters as search)."""
    _check_forms(conn)
    q = parse_query(query)
    where, params = ["search MATCH ?"], [q.expression]
    _filters(where, params, source, since, until)
    sql = f"SELECT count(*) FROM search JOIN articles a ON a.id = search.rowid WHERE {' AND '.join(where)}"
    try:
        return int(conn.execute(sql, params).fetchone()[0])
    except sqlite3.OperationalError as e:
        raise StoreError(f"search for {query!r} failed: {e}") from e


def _filters(where: list[str], params: list[Any], source: str | None, since: str | None,
             until: str | None) -> None:
    if source:
        where.append("a.source = ?")
        params.append(source)
    if since:
        where.append("a.date >= ?")
        params.append(date_bound(since, "since"))
    if until:
        bound = date_bound(until, "until")
        where.append("substr(a.date, 1, ?) <= ?")
        params += [len(bound), bound]


def _check_forms(conn: sqlite3.Connection) -> None:
    stored = get_meta(conn, "search_forms")
    if stored != str(FORMS_VERSION):
        raise StoreError(f"the search index was built with forms version {stored} and this khabar uses"
                         f" {FORMS_VERSION}; run `khabar stats` on the store once to rebuild it")


def rebuild_index(conn: sqlite3.Connection) -> int:
    """Index every stored article again with this khabar's forms (in one transaction); return the count."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT INTO search(search) VALUES ('delete-all')")
        n = 0
        for aid, blob in conn.execute("SELECT article_id, record FROM documents ORDER BY article_id").fetchall():
            conn.execute("INSERT INTO search(rowid, stems, skel) VALUES (?,?,?)", (aid, *search_forms(blob)))
            n += 1
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('search_forms', ?)", (str(FORMS_VERSION),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return n
