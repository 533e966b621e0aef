"""Questions asked of a store: counts, events with filters, event totals, top entities, one article.

Every function takes a connection (read-only is enough) and returns plain dicts, for the command
line and the web app alike. Near-duplicate copies of a story count once in every total.
"""

from __future__ import annotations

import os
import re
import sqlite3
from typing import Any

from khabar.errors import StoreError
from khabar.store.db import get_meta

_DATE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
COUNT_KEYS = ("type", "pair", "source", "target", "month")
# A symmetric event (talks between X and Y) is the same event either way round: order its pair.
_PAIR_SOURCE = "CASE WHEN e.symmetric AND e.target < e.source THEN e.target ELSE e.source END"
_PAIR_TARGET = "CASE WHEN e.symmetric AND e.target < e.source THEN e.source ELSE e.target END"
_DAY = "coalesce(e.date, a.date)"


def date_bound(value: str, name: str) -> str:
    """Check a date filter (YYYY, YYYY-MM or YYYY-MM-DD) and return it."""
    if not _DATE_RE.fullmatch(value):
        raise StoreError(f"--{name} {value!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Return the counts of everything stored, and facts about the store file."""
    def one(sql: str) -> Any:
        return conn.execute(sql).fetchone()[0]

    groups = conn.execute(
        "SELECT count(*), coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM articles GROUP BY group_id"
        " HAVING n > 1)").fetchone()
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    size = sum(os.path.getsize(path + ext) for ext in ("", "-wal") if path and os.path.exists(path + ext))
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "stories": one("SELECT count(DISTINCT group_id) FROM articles"),
        "duplicate_groups": groups[0],
        "articles_in_duplicate_groups": groups[1],
        "entities": one("SELECT count(*) FROM entities"),
        "distinct_entities": one("SELECT count(*) FROM (SELECT DISTINCT type, coalesce(code, norm) FROM entities)"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "amounts": one("SELECT count(*) FROM amounts"),
        "dates": one("SELECT count(*) FROM dates"),
        "events": one("SELECT count(*) FROM events"),
        "scored_events": one("SELECT count(*) FROM events WHERE scored"),
        "distinct_events": one(
            "SELECT count(*) FROM (SELECT DISTINCT a.group_id, e.type, e.source, e.target FROM events e"
            " JOIN articles a ON a.id = e.article_id WHERE e.scored)"),
        "arms_transfers": one("SELECT count(*) FROM arms_transfers"),
        "failures": one("SELECT count(*) FROM failures"),
        "schema_version": one("PRAGMA user_version"),
        "created_with": get_meta(conn, "created_with"),
        "path": path,
        "size_bytes": size,
    }


def failures(conn: sqlite3.Connection, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Return the stored failures, latest first."""
    rows = conn.execute("SELECT doc_id, origin, reason, at FROM failures ORDER BY id DESC LIMIT ? OFFSET ?",
                        (limit, offset)).fetchall()
    return [{"id": r[0], "origin": r[1], "reason": r[2], "at": r[3]} for r in rows]


def _event_where(source: str | None, target: str | None, type: str | None, since: str | None,
                 until: str | None, scored_only: bool) -> tuple[str, list[Any]]:
    where, params = ["1"], []
    if scored_only:
        where.append("e.scored")
    if source:
        where.append("e.source = ? COLLATE NOCASE")
        params.append(source)
    if target:
        where.append("e.target = ? COLLATE NOCASE")
        params.append(target)
    if type:
        where.append("e.type = ? COLLATE NOCASE")
        params.append(type)
    if since:
        where.append(f"{_DAY} >= ?")
        params.append(date_bound(since, "since"))
    if until:
        bound = date_bound(until, "until")
        where.append(f"substr({_DAY}, 1, ?) <= ?")
        params += [len(bound), bound]
    return " AND ".join(where), params


def events(conn: sqlite3.Connection, *, source: str | None = None, target: str | None = None,
           type: str | None = None, since: str | None = None, until: str | None = None,
           scored_only: bool = True, copies: bool = False, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Return events, latest first: one per story and (type, source, target) unless copies is set.

    Args:
        conn: a store connection.
        source: actor code or name that does it (RUS).
        target: actor code or name it is done to (TUR).
        type: PLOVER type (SANCTION).
        since: on or after this date (the event's date, else its article's).
        until: on or before this date.
        scored_only: leave out denied and hypothetical events.
        copies: one row per sentence in every article, near-duplicates included.
        limit: rows to return.
        offset: rows to skip.

    Returns:
        Dicts with date, type, source, target, status, confidence, trigger, sentence, the article
        (id, title, source, url), and for grouped rows how many articles and sentences report it.
    """
    where, params = _event_where(source, target, type, since, until, scored_only)
    cols = ("e.type, e.source, e.target, e.status, e.confidence, e.cameo, e.trigger, e.sentence, e.location,"
            f" e.symmetric, e.in_quote, {_DAY}, a.doc_id, a.title, a.source, a.url")
    names = ("type", "source", "target", "status", "confidence", "cameo", "trigger", "sentence", "location",
             "symmetric", "in_quote", "date", "article", "title", "paper", "url")
    if copies:
        sql = (f"SELECT {cols}, 1, 1 FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}"
               f" ORDER BY {_DAY} DESC, a.id, e.seq LIMIT ? OFFSET ?")
    else:
        # first = the earliest stored sentence reporting the event in its story: article id and seq packed
        sql = (
            "WITH g AS (SELECT count(DISTINCT a.id) AS articles, count(*) AS sentences,"
            " min((a.id << 20) + e.seq) AS first FROM events e JOIN articles a ON a.id = e.article_id"
            f" WHERE {where} GROUP BY a.group_id, e.type, e.source, e.target)"
            f" SELECT {cols}, g.articles, g.sentences FROM g JOIN events e ON e.article_id = g.first >> 20"
            " AND e.seq = g.first & 1048575 JOIN articles a ON a.id = e.article_id"
            f" ORDER BY {_DAY} DESC, a.id, e.seq LIMIT ? OFFSET ?"
        )
    rows = conn.execute(sql, (*params, limit, offset)).fetchall()
    out = []
    for r in rows:
        d = dict(zip(names, r[:-2], strict=True))
        d["symmetric"], d["in_quote"] = bool(d["symmetric"]), bool(d["in_quote"])
        d["articles"], d["sentences"] = r[-2], r[-1]
        out.append(d)
    return out


def event_counts(conn: sqlite3.Connection, by: str = "type", *, source: str | None = None,
                 target: str | None = None, type: str | None = None, since: str | None = None,
                 until: str | None = None, scored_only: bool = True, limit: int = 100) -> list[dict[str, Any]]:
    """Count events by type, actor pair, source, target or month; a story's copies count once.

    Returns:
        Dicts with the key columns, events (distinct per story) and reports (articles, copies included).
    """
    if by not in COUNT_KEYS:
        raise StoreError(f"cannot count events by {by!r}; choose one of {', '.join(COUNT_KEYS)}")
    keys = {"type": ["e.type"], "pair": [_PAIR_SOURCE, _PAIR_TARGET], "source": ["e.source"],
            "target": ["e.target"], "month": [f"substr({_DAY}, 1, 7)"]}[by]
    names = {"type": ["type"], "pair": ["source", "target"], "source": ["source"], "target": ["target"],
             "month": ["month"]}[by]
    where, params = _event_where(source, target, type, since, until, scored_only)
    k = ", ".join(f"{expr} AS k{i}" for i, expr in enumerate(keys))
    kn = ", ".join(f"k{i}" for i in range(len(keys)))
    sql = (
        f"SELECT {kn}, count(DISTINCT grp) AS events, count(DISTINCT aid) AS reports FROM"
        f" (SELECT {k}, a.group_id || ' ' || e.type || ' ' || coalesce(e.source, '') || ' '"
        f" || coalesce(e.target, '') AS grp, a.id AS aid FROM events e JOIN articles a ON a.id = e.article_id"
        f" WHERE {where}) GROUP BY {kn} ORDER BY events DESC, reports DESC, {kn} LIMIT ?"
    )
    rows = conn.execute(sql, (*params, limit)).fetchall()
    return [dict(zip([*names, "events", "reports"], r, strict=True)) for r in rows]


def top_entities(conn: sqlite3.Connection, n: int = 20, type: str | None = None) -> list[dict[str, Any]]:
    """Return the entities in the most stories (a story's copies count once), with their counts."""
    # the ekey index covers the counting; names and codes are read for the top n only
    where, params = ("WHERE e.ekey >= ? AND e.ekey < ?", [f"{type.upper()}:", f"{type.upper()};"]) if type else ("", [])
    sql = (
        "SELECT e.ekey, count(DISTINCT a.group_id) AS stories, count(DISTINCT a.id) AS articles,"
        f" sum(e.mention_count) AS mentions FROM entities e JOIN articles a ON a.id = e.article_id {where}"
        " GROUP BY e.ekey ORDER BY stories DESC, mentions DESC, e.ekey LIMIT ?"
    )
    out = []
    for key, stories, articles, mentions in conn.execute(sql, (*params, n)).fetchall():
        # the name of the row with the most mentions: with one max() SQLite takes the bare columns from it
        _, name, etype, code, sector = conn.execute(
            "SELECT max(mention_count), name, type, code, sector FROM entities WHERE ekey = ?", (key,)).fetchone()
        out.append({"key": key, "name": name, "type": etype, "code": code, "sector": sector, "stories": stories,
                    "articles": articles, "mentions": mentions})
    return out


def article(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    """Return one stored article: its output record, input text, and its near-duplicate copies."""
    from khabar.store.write import decode_record

    row = conn.execute("SELECT a.id, d.text, d.record, a.group_id, a.resemblance, a.ingested_at, a.khabar_version,"
                       " a.origin FROM articles a JOIN documents d ON d.article_id = a.id WHERE a.doc_id = ?",
                       (doc_id,)).fetchone()
    if row is None:
        return None
    copies = [r[0] for r in conn.execute("SELECT doc_id FROM articles WHERE group_id = ? AND id != ? ORDER BY id",
                                         (row[3], row[0]))]
    group = conn.execute("SELECT doc_id FROM articles WHERE id = ?", (row[3],)).fetchone()[0]
    return {"record": decode_record(row[2]), "text": row[1], "group": group, "copies": copies,
            "resemblance": row[4], "ingested_at": row[5], "khabar_version": row[6], "origin": row[7]}


def duplicate_groups(conn: sqlite3.Connection, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Return near-duplicate groups, largest first, with their articles."""
    rows = conn.execute(
        "SELECT group_id, count(*) AS n FROM articles GROUP BY group_id HAVING n > 1 ORDER BY n DESC, group_id"
        " LIMIT ? OFFSET ?", (limit, offset)).fetchall()
    out = []
    for gid, n in rows:
        members = conn.execute("SELECT doc_id, source, title, resemblance FROM articles WHERE group_id = ?"
                               " ORDER BY id", (gid,)).fetchall()
        out.append({"size": n, "articles": [{"id": m[0], "source": m[1], "title": m[2], "resemblance": m[3]}
                                             for m in members]})
    return out
