"""The JSON API: each route returns its view's dict as it is, encoded by msgspec."""

from __future__ import annotations

from typing import Any

import msgspec
from fastapi import APIRouter, Request, Response

from khabar.web import views
from khabar.web.params import (
    Actor,
    ArticleEventType,
    ArticleId,
    EntityFilter,
    EntityId,
    EntityName,
    EntityType,
    EventType,
    Page,
    PerPage,
    Q,
    Recipient,
    Since,
    Source,
    Supplier,
    Until,
)
from khabar.web.pool import ReadPool
from khabar.web.views import DEFAULT_PER_PAGE

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Bad input (too long, not a date, out of range); the message says what to change."},
    404: {"description": "No such article or entity in the store."},
}


class JSONBytes(Response):
    """A JSON response encoded by msgspec (FastAPI's encoder is many times slower on article records)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        """Encode the content."""
        return msgspec.json.encode(content)


api_router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS, default_response_class=JSONBytes)


def _pool(request: Request) -> ReadPool:
    return request.app.state.pool


@api_router.get("/search", summary="Search articles")
def api_search(request: Request, q: Q = None, source: Source = None, since: Since = None, until: Until = None,
               entity: EntityFilter = None, type: ArticleEventType = None, page: Page = 1,
               per_page: PerPage = DEFAULT_PER_PAGE) -> JSONBytes:
    """Full-text search with filters; ranked by relevance, or latest first without q. Snippets come as
    [text, matched] parts; `page.total` counts every match."""
    view = views.search_view(_pool(request), q=q, source=source, since=since, until=until, entity=entity,
                             type=type, page=page, per_page=per_page)
    return JSONBytes(view)


@api_router.get("/articles/{article_id:path}", summary="One article with its annotations")
def api_article(request: Request, article_id: ArticleId) -> JSONBytes:
    """The article's output record (entities, quotes, amounts, dates, events with character offsets into
    `text`), its input text, its near-duplicate copies, and the clean text cut into highlighted segments."""
    return JSONBytes(views.article_view(_pool(request), article_id))


@api_router.get("/events", summary="Events with filters, counts over time and by actor pair")
def api_events(request: Request, type: EventType = None, source: Actor = None, target: Actor = None,
               since: Since = None, until: Until = None, page: Page = 1,
               per_page: PerPage = DEFAULT_PER_PAGE) -> JSONBytes:
    """Events, latest first, one per story and (type, source, target) with how many articles report it;
    plus counts per month and type (`timeline`), per actor pair (`pairs`) and per type (`types`).
    Denied and hypothetical events are left out."""
    view = views.events_view(_pool(request), type=type, source=source, target=target, since=since, until=until,
                             page=page, per_page=per_page)
    return JSONBytes(view)


@api_router.get("/entities", summary="Entities across articles")
def api_entities(request: Request, type: EntityType = None, q: EntityName = None, page: Page = 1,
                 per_page: PerPage = DEFAULT_PER_PAGE) -> JSONBytes:
    """Entities grouped across articles (by code, else by normalised name), in the most stories first."""
    return JSONBytes(views.entities_view(_pool(request), type=type, q=q, page=page, per_page=per_page))


@api_router.get("/entities/{entity_id:path}", summary="One entity across articles")
def api_entity(request: Request, entity_id: EntityId, page: Page = 1,
               per_page: PerPage = DEFAULT_PER_PAGE) -> JSONBytes:
    """An entity's names, roles and counts; the articles mentioning it (paged) with mentions in context;
    the quotes it is the speaker of; the events it is the source or the target of."""
    return JSONBytes(views.entity_view(_pool(request), entity_id, page=page, per_page=per_page))


@api_router.get("/arms", summary="Arms-transfer records")
def api_arms(request: Request, supplier: Supplier = None, recipient: Recipient = None, page: Page = 1,
             per_page: PerPage = DEFAULT_PER_PAGE) -> JSONBytes:
    """Arms transfers (supplier, recipient, system, status, quantity, value, year), latest article first."""
    view = views.arms_view(_pool(request), supplier=supplier, recipient=recipient, page=page, per_page=per_page)
    return JSONBytes(view)


@api_router.get("/stats", summary="Store counts")
def api_stats(request: Request) -> JSONBytes:
    """Counts of articles, stories, entities, quotes, amounts, events, arms transfers and failures."""
    return JSONBytes(views.stats_view(_pool(request)))
