"""The Arabic pages: each route renders its view's dict through a template."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from khabar.web import charts, views
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

page_router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _pool(request: Request) -> ReadPool:
    return request.app.state.pool


def render(request: Request, template: str, view: dict[str, Any], **extra: Any) -> HTMLResponse:
    """Render a view's dict (as `v`) through a template."""
    env = request.app.state.templates
    return HTMLResponse(env.get_template(template).render(v=view, path=request.url.path, **extra))


@page_router.get("/")
def home_page(request: Request) -> HTMLResponse:
    """Show the front page."""
    return render(request, "home.html", views.home_view(_pool(request)))


@page_router.get("/search")
def search_page(request: Request, q: Q = None, source: Source = None, since: Since = None, until: Until = None,
                entity: EntityFilter = None, type: ArticleEventType = None, page: Page = 1,
                per_page: PerPage = DEFAULT_PER_PAGE) -> HTMLResponse:
    """Show a page of search results with the filter form."""
    view = views.search_view(_pool(request), q=q, source=source, since=since, until=until, entity=entity,
                             type=type, page=page, per_page=per_page)
    return render(request, "search.html", view)


@page_router.get("/articles/{article_id:path}")
def article_page(request: Request, article_id: ArticleId) -> HTMLResponse:
    """Show an article with everything found highlighted in place."""
    return render(request, "article.html", views.article_view(_pool(request), article_id))


@page_router.get("/events")
def events_page(request: Request, type: EventType = None, source: Actor = None, target: Actor = None,
                since: Since = None, until: Until = None, page: Page = 1,
                per_page: PerPage = DEFAULT_PER_PAGE) -> HTMLResponse:
    """Show events with filters and charts."""
    view = views.events_view(_pool(request), type=type, source=source, target=target, since=since, until=until,
                             page=page, per_page=per_page)
    return render(request, "events.html", view, timeline=charts.timeline(view["timeline"]),
                  pairs=charts.pairs(view["pairs"]))


@page_router.get("/entities")
def entities_page(request: Request, type: EntityType = None, q: EntityName = None, page: Page = 1,
                  per_page: PerPage = DEFAULT_PER_PAGE) -> HTMLResponse:
    """Show entities across articles."""
    return render(request, "entities.html",
                  views.entities_view(_pool(request), type=type, q=q, page=page, per_page=per_page))


@page_router.get("/entities/{entity_id:path}")
def entity_page(request: Request, entity_id: EntityId, page: Page = 1,
                per_page: PerPage = DEFAULT_PER_PAGE) -> HTMLResponse:
    """Show one entity across articles."""
    return render(request, "entity.html", views.entity_view(_pool(request), entity_id, page=page, per_page=per_page))


@page_router.get("/arms")
def arms_page(request: Request, supplier: Supplier = None, recipient: Recipient = None, page: Page = 1,
              per_page: PerPage = DEFAULT_PER_PAGE) -> HTMLResponse:
    """Show the arms-transfer records."""
    view = views.arms_view(_pool(request), supplier=supplier, recipient=recipient, page=page, per_page=per_page)
    return render(request, "arms.html", view)
