"""Read queries the web app needs beyond khabar.store: filtered search, entity pages, charts, arms.

Parameterised SQL only; every function takes a read-only connection and returns plain dicts. An
entity across articles is the store's own grouping, its `ekey`: its type plus its code, or its
normalised name where it has no code (TYPE:CODE or TYPE:name), as in khabar.store.query.top_entities.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import msgspec

from khabar.arabic import normalize
from khabar.store.search import WEIGHTS
from khabar.store.textindex import Query, snippet
from khabar.store.write import decode_record

# Characters the search snippet puts around matched words; private-use, so never in an article.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
SNIPPET_WORDS = 30
SNIPPET_FALLBACK_CHARS = 1500
SNIPPET_BEFORE_CHARS, SNIPPET_AFTER_CHARS = 150, 400  # a 30-word snippet is about 200 characters
SUMMARY_NAMES = 30  # names and spellings listed for an entity
CONTEXT_CHARS = 70  # text shown either side of an entity mention on its page
_DAY = "coalesce(e.date, a.date)"


def is_entity_key(key: str) -> bool:
    """Tell whether a string has the shape of an entity id: TYPE:CODE or TYPE:name."""
    type, sep, ident = key.partition(":")
    return bool(sep and type and ident)


def entity_exists(conn: sqlite3.Connection, key: str) -> bool:
    """Tell whether any stored article has the entity."""
    return conn.execute("SELECT 1 FROM entities WHERE ekey = ? LIMIT 1", (key,)).fetchone() is not None


def _match(x: str, key: str) -> tuple[str, tuple[str, ...]]:
    """Return the condition (on entities alias x) and parameters selecting an entity's rows (by its index)."""
    return f"{x}.ekey = ?", (key,)


def _date_range(where: list[str], params: list[Any], column: str, since: str | None, until: str | None) -> None:
    """Add the conditions of a date range; until may be a day, month or year, and includes all of it."""
    if since:
        where.append(f"{column} >= ?")
        params.append(since)
    if until:
        where.append(f"substr({column}, 1, ?) <= ?")
        params += [len(until), until]


def _article_filters(where: list[str], params: list[Any], *, fts: bool, source: str | None, since: str | None,
                     until: str | None, entity: str | None, event_type: str | None) -> None:
    # With a text query the full-text index must drive the join: given an index on a filter column,
    # SQLite would walk that index and run the MATCH once per article (a thousand times slower).
    # A unary + keeps a column out of index selection.
    x = "+a" if fts else "a"
    if source:
        where.append(f"{x}.source = ?")
        params.append(source)
    _date_range(where, params, f"{x}.date", since, until)
    # uncorrelated IN lists: built once from an index, where EXISTS would rescan per article
    if entity:
        cond, p = _match("en", entity)
        where.append(f"{x}.id IN (SELECT en.article_id FROM entities en WHERE {cond})")
        params += p
    if event_type:
        where.append(f"{x}.id IN (SELECT ev.article_id FROM events ev WHERE ev.type = ? AND ev.scored)")
        params.append(event_type)


def _snippet_text(paragraphs: list[str], q: Query) -> str:
    """Return the stretch of the body a snippet is cut from: around the first place a query word shows.

    The store's snippet() weighs every word of what it is given; handing it a window of the first
    paragraph that has a query word, instead of the whole body, makes a page of results several times
    cheaper. Offsets in the normalised paragraph are close enough to the original's for a window.
    """
    forms = [f for f in (*q.cores, *q.words) if f]
    for p in paragraphs:
        norm = normalize(p).lower()
        hits = [i for i in (norm.find(f) for f in forms) if i >= 0]
        if hits:
            first = min(hits)
            start = p.rfind(" ", 0, max(0, first - SNIPPET_BEFORE_CHARS)) + 1
            end = p.find(" ", first + SNIPPET_AFTER_CHARS)
            return p[start:end if end >= 0 else len(p)]
    # a match through a spelling variant only: look near the top
    return "\n".join(paragraphs)[:SNIPPET_FALLBACK_CHARS]


def _snippet_parts(paragraphs: list[str], q: Query | None) -> list[tuple[str, bool]]:
    """Cut a snippet and return it as (text, matched) parts, so that it is escaped piece by piece."""
    if q is None:
        words = " ".join(paragraphs).split()
        return [(" ".join(words[:SNIPPET_WORDS]) + ("…" if len(words) > SNIPPET_WORDS else ""), False)]
    cut = snippet(_snippet_text(paragraphs, q), q, SNIPPET_WORDS, (MARK_OPEN, MARK_CLOSE))
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(cut.split(MARK_OPEN)):
        if i == 0:
            parts.append((chunk, False))
            continue
        hit, _, rest = chunk.partition(MARK_CLOSE)
        parts += [(hit, True), (rest, False)]
    return [p for p in parts if p[0]]


def find_articles(conn: sqlite3.Connection, q: Query | None, *, limit: int, offset: int, **filters: Any
                  ) -> list[dict[str, Any]]:
    """Return articles matching the query and filters: best first with a query, latest first without."""
    where: list[str] = []
    params: list[Any] = []
    if q is not None:
        where.append("search MATCH ?")
        params.append(q.expression)
    _article_filters(where, params, fts=q is not None, **filters)
    cond = " AND ".join(where) or "1"
    if q is not None:
        weights = ", ".join("?" * len(WEIGHTS))  # one per indexed column, as the store ranks
        sql = (f"SELECT a.id, a.doc_id, a.title, a.source, a.date, a.url, g.doc_id, bm25(search, {weights})"
               " AS rank FROM search JOIN articles a ON a.id = search.rowid JOIN articles g ON g.id = a.group_id"
               f" WHERE {cond} ORDER BY rank, a.id LIMIT ? OFFSET ?")
        params = [*WEIGHTS, *params]
    else:
        sql = ("SELECT a.id, a.doc_id, a.title, a.source, a.date, a.url, g.doc_id, 0"
               " FROM articles a JOIN articles g ON g.id = a.group_id"
               f" WHERE {cond} ORDER BY a.date DESC, a.id DESC LIMIT ? OFFSET ?")
    rows = conn.execute(sql, (*params, limit, offset)).fetchall()
    # the records (for snippets) of this page only: kept out of the ranking sort, which sees every match
    marks = ",".join("?" * len(rows))
    records = dict(conn.execute(f"SELECT article_id, record FROM documents WHERE article_id IN ({marks})",
                                [r[0] for r in rows]).fetchall())
    out = []
    for aid, doc_id, title, src, date, url, group, rank in rows:
        blob = records.get(aid)
        paragraphs = [str(p) for p in decode_record(blob).get("body") or []] if blob else []
        out.append({"id": doc_id, "title": title, "source": src, "date": date, "url": url,
                    "group": group if group != doc_id else None, "score": round(-rank, 3),
                    "snippet": _snippet_parts(paragraphs, q)})
    return out


def count_articles(conn: sqlite3.Connection, q: Query | None, **filters: Any) -> int:
    """Return how many articles match the query and filters."""
    where: list[str] = []
    params: list[Any] = []
    if q is not None:
        where.append("search MATCH ?")
        params.append(q.expression)
    _article_filters(where, params, fts=q is not None, **filters)
    cond = " AND ".join(where) or "1"
    table = "search JOIN articles a ON a.id = search.rowid" if q is not None else "articles a"
    return int(conn.execute(f"SELECT count(*) FROM {table} WHERE {cond}", params).fetchone()[0])


def sources(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Return every source (newspaper) with its article count, largest first."""
    rows = conn.execute("SELECT source, count(*) AS n FROM articles WHERE source IS NOT NULL"
                        " GROUP BY source ORDER BY n DESC, source").fetchall()
    return [{"source": s, "articles": n} for s, n in rows]


def event_types(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Return the event types present, with how many event sentences each has."""
    rows = conn.execute("SELECT type, count(*) AS n FROM events WHERE scored GROUP BY type"
                        " ORDER BY n DESC, type").fetchall()
    return [{"type": t, "sentences": n} for t, n in rows]


def _entity_row(r: tuple[Any, ...]) -> dict[str, Any]:
    return {"id": r[0], "name": r[1], "type": r[2], "code": r[3], "sector": r[4], "stories": r[5],
            "articles": r[6], "mentions": r[7]}


def entity_table(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """Return every entity across articles, in the most stories first (one pass; callers slice it).

    Rows are (id, name, type, code, sector, stories, articles, mentions, every normalised name it goes
    by); the name filter matches against the last.
    """
    # with a single max() aggregate SQLite takes the bare columns (name, code...) from that row
    return conn.execute(
        "SELECT e.ekey, e.name, e.type, e.code, e.sector, count(DISTINCT a.group_id) AS stories,"
        " count(DISTINCT a.id) AS articles, sum(e.mention_count) AS mentions, group_concat(DISTINCT e.norm),"
        " max(e.mention_count) FROM entities e JOIN articles a ON a.id = e.article_id"
        " GROUP BY e.ekey ORDER BY stories DESC, mentions DESC, e.ekey").fetchall()


def entity_page(table: list[tuple[Any, ...]], *, type: str | None, name: str | None, limit: int,
                offset: int) -> list[dict[str, Any]]:
    """Return one page of entity_table, optionally of one type and with name in the name (normalised) or as code."""
    rows: list[tuple[Any, ...]] | Any = table
    if type is not None:
        rows = (r for r in rows if r[2] == type)
    if name:
        needle, code = normalize(name), name.upper()
        rows = (r for r in rows if needle in (r[8] or "") or r[3] == code)
    out = []
    for n, r in enumerate(rows):
        if n >= offset + limit:
            break
        if n >= offset:
            out.append(_entity_row(r))
    return out


def _top(counts: dict[Any, int], n: int) -> list[Any]:
    return sorted(counts, key=lambda k: (-counts[k], str(k)))[:n]


def entity_summary(conn: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    """Return an entity's names, roles and counts across articles, or None if no article has it."""
    cond, params = _match("e", key)
    # one pass over the entity's rows (a country has one in most articles), counted here
    names: dict[str, int] = {}
    alias_lists: dict[str, int] = {}
    roles: dict[str, int] = {}
    sectors: dict[str, int] = {}
    articles: set[int] = set()
    mentions = 0
    codes: dict[str, int] = {}
    for name, aliases, role, sector, n, aid, code in conn.execute(
            "SELECT e.name, e.aliases, e.role, e.sector, e.mention_count, e.article_id, e.code FROM entities e"
            f" WHERE {cond}", params):
        names[name] = names.get(name, 0) + n
        alias_lists[aliases] = alias_lists.get(aliases, 0) + 1
        if role:
            roles[role] = roles.get(role, 0) + 1
        if sector:
            sectors[sector] = sectors.get(sector, 0) + 1
        if code:
            codes[code] = codes.get(code, 0) + 1
        articles.add(aid)
        mentions += n
    if not articles:
        return None
    ranked = _top(names, SUMMARY_NAMES)
    for aliases in _top(alias_lists, SUMMARY_NAMES):
        ranked += [str(x) for x in msgspec.json.decode(aliases or "[]") if str(x) not in ranked]
    stories = conn.execute(f"SELECT count(DISTINCT a.group_id) FROM articles a WHERE a.id IN"
                           f" (SELECT e.article_id FROM entities e WHERE {cond})", params).fetchone()[0]
    return {
        "id": key, "type": key.partition(":")[0], "code": _top(codes, 1)[0] if codes else None, "name": ranked[0],
        "aliases": ranked[1:SUMMARY_NAMES], "roles": _top(roles, 8),
        "sector": _top(sectors, 1)[0] if sectors else None,
        "articles": len(articles), "stories": stories, "mentions": mentions,
    }


def entity_articles(conn: sqlite3.Connection, key: str, *, limit: int, offset: int,
                    contexts: int = 3) -> list[dict[str, Any]]:
    """Return the articles that mention an entity, latest first, each with its first mentions in context."""
    cond, params = _match("e", key)
    # an article may hold the entity twice (two names with one code): the IN list lists it once
    rows = conn.execute(
        "SELECT a.id, a.doc_id, a.title, a.source, a.date FROM articles a"
        f" WHERE a.id IN (SELECT e.article_id FROM entities e WHERE {cond})"
        " ORDER BY a.date DESC, a.id DESC LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
    out = []
    for aid, doc_id, title, src, date in rows:
        local = conn.execute(f"SELECT e.entity, e.mention_count FROM entities e WHERE e.article_id = ? AND {cond}",
                             (aid, *params)).fetchall()
        marks = ",".join("?" * len(local))
        # substr is 1-based and counts characters, as the stored offsets do
        ctx = conn.execute(
            "SELECT m.start, m.end, substr(d.text, max(m.start - ?, 0) + 1, m.end - max(m.start - ?, 0) + ?)"
            f" FROM mentions m JOIN documents d ON d.article_id = m.article_id WHERE m.article_id = ?"
            f" AND m.entity IN ({marks})"
            " AND m.start IS NOT NULL ORDER BY m.start LIMIT ?",
            (CONTEXT_CHARS, CONTEXT_CHARS, CONTEXT_CHARS, aid, *(e for e, _ in local), contexts)).fetchall()
        mentions = []
        for start, end, chunk in ctx:
            cut = start - max(start - CONTEXT_CHARS, 0)
            mentions.append({"start": start, "end": end, "before": chunk[:cut], "text": chunk[cut:cut + end - start],
                             "after": chunk[cut + end - start:]})
        out.append({"article": doc_id, "title": title, "source": src, "date": date,
                    "mention_count": sum(n for _, n in local), "mentions": mentions})
    return out


def entity_quotes(conn: sqlite3.Connection, key: str, *, limit: int) -> list[dict[str, Any]]:
    """Return the quotes whose speaker is the entity, latest first."""
    cond, params = _match("e", key)
    rows = conn.execute(
        "SELECT q.text, q.direct, q.cue, q.via, q.start, q.end, a.doc_id, a.title, a.date FROM quotes q"
        " JOIN entities e ON e.article_id = q.article_id AND e.entity = q.speaker_entity"
        f" JOIN articles a ON a.id = q.article_id WHERE {cond}"
        " ORDER BY a.date DESC, a.id DESC, q.seq LIMIT ?", (*params, limit)).fetchall()
    return [{"text": r[0], "direct": None if r[1] is None else bool(r[1]), "cue": r[2], "via": r[3],
             "start": r[4], "end": r[5], "article": r[6], "title": r[7], "date": r[8]} for r in rows]


def entity_events(conn: sqlite3.Connection, key: str, role: str, *, limit: int) -> list[dict[str, Any]]:
    """Return the events the entity is the source (role "source") or target ("target") of, latest first."""
    col = {"source": "source", "target": "target"}[role]
    cond, params = _match("e", key)
    rows = conn.execute(
        f"SELECT DISTINCT e2.type, e2.source, e2.target, e2.source_text, e2.target_text, e2.status, e2.trigger,"
        f" e2.sentence, coalesce(e2.date, a.date) AS day, a.doc_id, a.title, e2.article_id, e2.seq"
        f" FROM entities e JOIN events e2 ON e2.article_id = e.article_id JOIN articles a ON a.id = e2.article_id"
        f" WHERE {cond} AND e2.scored AND (e2.{col}_entity = e.entity OR (e.code IS NOT NULL AND e2.{col} = e.code))"
        f" ORDER BY day DESC, e2.article_id DESC, e2.seq LIMIT ?", (*params, limit)).fetchall()
    names = ("type", "source", "target", "source_text", "target_text", "status", "trigger", "sentence", "date",
             "article", "title")
    return [dict(zip(names, r[:11], strict=True)) for r in rows]


def event_filters(*, type: str | None = None, source: str | None = None, target: str | None = None,
                  since: str | None = None, until: str | None = None) -> tuple[str, list[Any]]:
    """Return the WHERE clause and parameters of the event filters (as khabar.store.query applies them)."""
    where, params = ["e.scored"], []
    for col, value in (("type", type), ("source", source), ("target", target)):
        if value:
            where.append(f"e.{col} = ? COLLATE NOCASE")
            params.append(value)
    _date_range(where, params, _DAY, since, until)
    return " AND ".join(where), params


def event_aggregates(conn: sqlite3.Connection, *, pairs: int, **filters: Any) -> dict[str, list[dict[str, Any]]]:
    """Count events per month and type, per type, and per actor pair, in one pass over the matching rows.

    Counted as khabar.store.query.event_counts counts: an event is (story, type, source, target), so a
    story's copies count once, and a symmetric event's pair is ordered (talks between X and Y).
    """
    where, params = event_filters(**filters)
    rows = conn.execute(
        f"SELECT substr({_DAY}, 1, 7), e.type, e.source, e.target, e.symmetric, a.group_id, a.id"
        f" FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}", params)
    months: dict[tuple[str, str], set[tuple[Any, ...]]] = {}
    types: dict[str, tuple[set[tuple[Any, ...]], set[int]]] = {}
    pair: dict[tuple[Any, Any], tuple[set[tuple[Any, ...]], set[int]]] = {}
    for month, etype, src, tgt, symmetric, group, aid in rows:
        event = (group, etype, src, tgt)
        if month and len(month) == 7 and month[4] == "-":
            months.setdefault((month, etype), set()).add(event)
        t = types.setdefault(etype, (set(), set()))
        t[0].add(event)
        t[1].add(aid)
        key = (tgt, src) if symmetric and tgt is not None and src is not None and tgt < src else (src, tgt)
        pr = pair.setdefault(key, (set(), set()))
        pr[0].add(event)
        pr[1].add(aid)
    ranked_pairs = sorted(pair.items(), key=lambda kv: (-len(kv[1][0]), -len(kv[1][1]), str(kv[0])))
    return {
        "timeline": [{"month": m, "type": t, "events": len(v)} for (m, t), v in sorted(months.items())],
        "types": [{"type": t, "events": len(v[0]), "reports": len(v[1])}
                  for t, v in sorted(types.items(), key=lambda kv: (-len(kv[1][0]), -len(kv[1][1]), kv[0]))],
        "pairs": [{"source": k[0], "target": k[1], "events": len(v[0]), "reports": len(v[1])}
                  for k, v in ranked_pairs if k[0] and k[1]][:pairs],
    }


def arms_transfers(conn: sqlite3.Connection, *, supplier: str | None, recipient: str | None, limit: int,
                   offset: int) -> list[dict[str, Any]]:
    """Return arms-transfer records, latest article first, optionally by supplier and recipient."""
    where, params = ["1"], []
    for col, value in (("supplier", supplier), ("recipient", recipient)):
        if value:
            where.append(f"t.{col} = ? COLLATE NOCASE")
            params.append(value)
    rows = conn.execute(
        "SELECT t.supplier, t.recipient, t.system, t.status, t.quantity, t.value, t.currency, t.year, t.sentences,"
        " a.doc_id, a.title, a.date, a.source FROM arms_transfers t JOIN articles a ON a.id = t.article_id"
        f" WHERE {' AND '.join(where)} ORDER BY a.date DESC, a.id DESC, t.seq LIMIT ? OFFSET ?",
        (*params, limit, offset)).fetchall()
    names = ("supplier", "recipient", "system", "status", "quantity", "value", "currency", "year")
    out = []
    for r in rows:
        d = dict(zip(names, r[:8], strict=True))
        d["sentences"] = msgspec.json.decode(r[8] or "[]")
        d.update({"article": r[9], "title": r[10], "date": r[11], "paper": r[12]})
        out.append(d)
    return out
