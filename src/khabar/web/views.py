"""The views: each checks its inputs and builds one dict, served as JSON by the API or through a template."""

from __future__ import annotations

import re
from typing import Any

from khabar.errors import StoreError
from khabar.store import query as store_query
from khabar.store.textindex import Query, parse_query
from khabar.web import labels, markup, queries
from khabar.web.pool import ReadPool

MAX_QUERY_CHARS = 200  # longer queries are pasted text, not searches, and cost more than they find
MAX_FILTER_CHARS = 100
MAX_PER_PAGE = 100
MAX_ID_CHARS = 500  # article ids are whatever the input gave; entity ids are TYPE: plus a name
DEFAULT_PER_PAGE = 20
MAX_PAGE = 500  # deep pages cost an ever larger OFFSET scan; nobody reads result 10,000
ENTITY_ITEMS = 50  # quotes and events listed on an entity page
TOP_PAIRS = 12
ENTITY_TABLE_MAX_AGE = 60.0  # seconds an aggregate may lag behind a store that an ingest is still filling
_DATE_RE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_TYPE_RE = re.compile(r"[A-Za-z_]{1,20}")


class BadRequest(Exception):
    """A request the app refuses (400): its message says what to change."""


class NotFound(Exception):
    """A request for something the store does not have (404)."""


def text_param(name: str, value: str | None, limit: int = MAX_FILTER_CHARS) -> str | None:
    """Return a stripped text parameter (None when empty), refusing one longer than limit."""
    if value is None:
        return None
    if len(value) > limit:
        raise BadRequest(f"{name} is {len(value)} characters long; the limit is {limit}")
    value = " ".join(value.split())
    return value or None


def date_param(name: str, value: str | None) -> str | None:
    """Return a date filter (YYYY, YYYY-MM or YYYY-MM-DD), refusing anything else."""
    value = text_param(name, value, 10)
    if value is not None and not _DATE_RE.fullmatch(value):
        raise BadRequest(f"{name} {value!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def type_param(name: str, value: str | None) -> str | None:
    """Return a type code (PER, SANCTION ...), upper-cased, refusing anything that is not one."""
    value = text_param(name, value, 20)
    if value is not None and not _TYPE_RE.fullmatch(value):
        raise BadRequest(f"{name} {value!r} is not a type code (letters only, like PER or SANCTION)")
    return value.upper() if value else None


def paging(page: int, per_page: int) -> tuple[int, int]:
    """Check the page number and size; return (limit, offset)."""
    if not 1 <= page <= MAX_PAGE:
        raise BadRequest(f"page must be between 1 and {MAX_PAGE}")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise BadRequest(f"per_page must be between 1 and {MAX_PER_PAGE}")
    return per_page, (page - 1) * per_page


def _page(page: int, per_page: int, *, total: int | None = None, has_next: bool | None = None) -> dict[str, Any]:
    pages = None if total is None else min(MAX_PAGE, max(1, -(-total // per_page)))
    if has_next is None:
        has_next = pages is not None and page < pages
    return {"page": page, "per_page": per_page, "total": total, "pages": pages, "has_prev": page > 1,
            "has_next": has_next}


def _options(pool: ReadPool) -> dict[str, Any]:
    return pool.cached(("options",), lambda c: {
        "sources": queries.sources(c), "event_types": queries.event_types(c),
        "entity_types": [{"type": t, "label": lab} for t, lab in labels.ENTITY_TYPES.items()],
    })


def _entity_table(pool: ReadPool) -> list[tuple[Any, ...]]:
    # one pass over every entity row; while an ingest runs it is refreshed at most once a minute
    return pool.cached(("entity-table",), queries.entity_table, max_age=ENTITY_TABLE_MAX_AGE)


def home_view(pool: ReadPool) -> dict[str, Any]:
    """Build the front page: store counts, sources, top entities of each type, latest articles."""
    def compute(c: Any) -> dict[str, Any]:
        s = store_query.stats(c)
        counts = {k: s[k] for k in ("articles", "stories", "distinct_entities", "quotes", "amounts",
                                    "distinct_events", "arms_transfers")}
        return {"counts": counts, "event_counts": store_query.event_counts(c, "type"),
                "latest": queries.find_articles(c, None, limit=8, offset=0, source=None, since=None, until=None,
                                                entity=None, event_type=None)}
    table = _entity_table(pool)
    top = {t: queries.entity_page(table, type=t, name=None, limit=8, offset=0) for t in labels.ENTITY_TYPES}
    return {**pool.cached(("home",), compute, max_age=ENTITY_TABLE_MAX_AGE), "top_entities": top,
            "options": _options(pool)}


def stats_view(pool: ReadPool) -> dict[str, Any]:
    """Build the store counts (as `khabar stats` prints them, without the file path)."""
    s = pool.cached(("stats",), store_query.stats)
    return {k: v for k, v in s.items() if k != "path"}


def search_view(pool: ReadPool, *, q: str | None = None, source: str | None = None, since: str | None = None,
                until: str | None = None, entity: str | None = None, type: str | None = None, page: int = 1,
                per_page: int = DEFAULT_PER_PAGE) -> dict[str, Any]:
    """Build a page of search results: ranked by the query's words, or latest first when there is none."""
    text = text_param("q", q, MAX_QUERY_CHARS)
    filters = {"source": text_param("source", source), "since": date_param("since", since),
               "until": date_param("until", until), "event_type": type_param("type", type)}
    ent_key = text_param("entity", entity, MAX_FILTER_CHARS)
    if ent_key and not queries.is_entity_key(ent_key):
        raise BadRequest(f"entity {ent_key!r} is not an entity id (TYPE:CODE or TYPE:name, as /api/entities gives)")
    limit, offset = paging(page, per_page)
    parsed: Query | None = None
    if text:
        try:
            parsed = parse_query(text)
        except StoreError as e:
            raise BadRequest(str(e)) from e
    filters["entity"] = ent_key
    frozen = tuple(sorted((k, str(v)) for k, v in filters.items()))
    total = pool.cached(("count", text, frozen), lambda c: queries.count_articles(c, parsed, **filters))
    with pool.connection() as c:
        results = queries.find_articles(c, parsed, limit=limit, offset=offset, **filters)
    entity_name = None
    if ent_key:
        summary = _summary(pool, ent_key)
        entity_name = summary["name"] if summary else ent_key.partition(":")[2]
    return {
        "query": text, "filters": {"source": filters["source"], "since": filters["since"], "until": filters["until"],
                                   "entity": ent_key, "entity_name": entity_name, "type": filters["event_type"]},
        "page": _page(page, per_page, total=total), "results": results, "options": _options(pool),
    }


def article_view(pool: ReadPool, doc_id: str) -> dict[str, Any]:
    """Build an article: its record, input text, and the clean text cut into highlighted segments."""
    if len(doc_id) > MAX_ID_CHARS:
        raise BadRequest(f"the article id is longer than {MAX_ID_CHARS} characters")
    with pool.connection() as c:
        stored = store_query.article(c, doc_id)
    if stored is None:
        raise NotFound(f"no article with id {doc_id!r} in this store")
    record, text = stored["record"], stored["text"]
    marks, details = markup.annotate(record, text)
    return {
        "article": {"id": doc_id, "title": record.get("title"), "source": record.get("source"),
                    "date": record.get("date"), "url": record.get("url"), "author": record.get("author"),
                    "dateline": record.get("dateline"), "bylines": record.get("bylines") or [],
                    "word_count": record.get("word_count"), "reading_minutes": record.get("reading_minutes"),
                    "group": stored["group"], "copies": stored["copies"], "resemblance": stored["resemblance"]},
        "record": record, "text": text,
        "highlight": {"blocks": markup.blocks(record, text, marks), "marks": details,
                      "legend": markup.legend(marks)},
        "entities": markup.entity_list(record),
    }


def events_view(pool: ReadPool, *, type: str | None = None, source: str | None = None, target: str | None = None,
                since: str | None = None, until: str | None = None, page: int = 1,
                per_page: int = DEFAULT_PER_PAGE) -> dict[str, Any]:
    """Build a page of events (one per story and actor pair), with counts over time, by type and by pair."""
    f = {"type": type_param("type", type), "source": text_param("source", source),
         "target": text_param("target", target), "since": date_param("since", since),
         "until": date_param("until", until)}
    limit, offset = paging(page, per_page)
    key = tuple(sorted((k, str(v)) for k, v in f.items()))
    # the store groups every matching event by story before it can page: worth keeping
    rows = pool.cached(("events", key, limit, offset), lambda c: store_query.events(
        c, limit=limit + 1, offset=offset, **f))
    # a pair needs two known actors; events with an unresolved side stay out of the pair chart
    charts = pool.cached(("event-charts", key), lambda c: queries.event_aggregates(c, pairs=TOP_PAIRS, **f))
    return {"filters": f, "page": _page(page, per_page, has_next=len(rows) > limit), "events": rows[:limit],
            **charts, "options": _options(pool)}


def entities_view(pool: ReadPool, *, type: str | None = None, q: str | None = None, page: int = 1,
                  per_page: int = DEFAULT_PER_PAGE) -> dict[str, Any]:
    """Build a page of entities across articles, in the most stories first."""
    t, name = type_param("type", type), text_param("q", q)
    limit, offset = paging(page, per_page)
    rows = queries.entity_page(_entity_table(pool), type=t, name=name, limit=limit + 1, offset=offset)
    return {"filters": {"type": t, "q": name}, "page": _page(page, per_page, has_next=len(rows) > limit),
            "entities": rows[:limit], "options": _options(pool)}


def _summary(pool: ReadPool, key: str) -> dict[str, Any] | None:
    return pool.cached(("entity", key), lambda c: queries.entity_summary(c, key))


def entity_view(pool: ReadPool, key: str, *, page: int = 1, per_page: int = DEFAULT_PER_PAGE) -> dict[str, Any]:
    """Build an entity's page: its names and counts, its mentions by article, its quotes, its events."""
    if len(key) > MAX_ID_CHARS:
        raise BadRequest(f"the entity id is longer than {MAX_ID_CHARS} characters")
    if not queries.is_entity_key(key):
        raise NotFound(f"{key!r} is not an entity id (TYPE:CODE or TYPE:name)")
    limit, offset = paging(page, per_page)
    summary = _summary(pool, key)
    if summary is None:
        raise NotFound(f"no article mentions an entity {key!r}")
    found = pool.cached(("entity-items", key), lambda c: {
        "quotes": queries.entity_quotes(c, key, limit=ENTITY_ITEMS),
        "events_as_source": queries.entity_events(c, key, "source", limit=ENTITY_ITEMS),
        "events_as_target": queries.entity_events(c, key, "target", limit=ENTITY_ITEMS),
    })
    with pool.connection() as c:
        articles = queries.entity_articles(c, key, limit=limit, offset=offset)
    return {"entity": summary, "page": _page(page, per_page, total=summary["articles"]), "articles": articles,
            **found}


def arms_view(pool: ReadPool, *, supplier: str | None = None, recipient: str | None = None, page: int = 1,
              per_page: int = DEFAULT_PER_PAGE) -> dict[str, Any]:
    """Build a page of arms-transfer records, latest first."""
    f = {"supplier": text_param("supplier", supplier), "recipient": text_param("recipient", recipient)}
    limit, offset = paging(page, per_page)
    with pool.connection() as c:
        rows = queries.arms_transfers(c, limit=limit + 1, offset=offset, **f)
    return {"filters": f, "page": _page(page, per_page, has_next=len(rows) > limit), "transfers": rows[:limit]}
