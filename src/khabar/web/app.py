"""The khabar web application: one ASGI app with Arabic pages and a JSON API over a read-only store."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from khabar.errors import StoreError
from khabar.store.db import khabar_version
from khabar.web import labels, markup, views
from khabar.web.api import JSONBytes, api_router
from khabar.web.pages import page_router
from khabar.web.pool import ReadPool

log = logging.getLogger("khabar.web")

# Scripts and styles come from /static only: an injected tag or attribute would not run anyway.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
       " base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
ERROR_TITLES = {400: "طلب غير صالح", 404: "غير موجود", 405: "طريقة غير مسموحة", 500: "خطأ في الخادم"}
DESCRIPTION = (
    "Read-only JSON API over a khabar store of Arabic news articles: full-text search with Arabic"
    " normalisation, articles with every annotation and its character offsets, PLOVER events,"
    " entities across articles, and arms-transfer records. Errors come back as"
    ' {"error": {"status": ..., "message": ...}} with status 400 (bad input) or 404 (unknown id).'
)


class SecurityHeaders:
    """Add the security headers to every HTTP response (plain ASGI: no per-request task overhead)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on and add the headers to the response start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def url(path: str, **params: Any) -> str:
    """Return a local URL with the non-empty parameters as its query string."""
    qs = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{path}?{qs}" if qs else path


def external_url(value: Any) -> str | None:
    """Return a link to the article's original page only if it is http(s): never javascript: or data:."""
    if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
        return value
    return None


def template_env(folder: Path) -> Environment:
    """Return the Jinja environment: autoescaping on for every template, whatever its name."""
    env = Environment(loader=FileSystemLoader(folder), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(
        url=url, external_url=external_url, article_href=markup.article_href, entity_href=markup.entity_href,
        number=markup.number, label=labels.label, css_class=labels.css_class, ENTITY_TYPES=labels.ENTITY_TYPES,
        EVENT_TYPES=labels.EVENT_TYPES, EVENT_STATUSES=labels.EVENT_STATUSES, AMOUNT_KINDS=labels.AMOUNT_KINDS,
        ARMS_STATUSES=labels.ARMS_STATUSES, MAX_QUERY_CHARS=views.MAX_QUERY_CHARS,
    )
    return env


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


def error_response(request: Request, status: int, message: str) -> Response:
    """Answer an error as JSON for the API and as an Arabic page for everything else."""
    if _wants_json(request):
        return JSONBytes({"error": {"status": status, "message": message}}, status_code=status)
    env: Environment = request.app.state.templates
    html = env.get_template("error.html").render(
        status=status, title=ERROR_TITLES.get(status, "خطأ"), message=message, path=request.url.path)
    return HTMLResponse(html, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ())[1:]) or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    async def bad_request(request: Request, exc: Exception) -> Response:
        return error_response(request, 400, str(exc))

    async def not_found(request: Request, exc: Exception) -> Response:
        return error_response(request, 404, str(exc))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, 400, _validation_message(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        return error_response(request, exc.status_code, message)

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path, exc_info=exc)
        return error_response(request, 500, "the server failed on this request; the log has the details")

    handlers: dict[Any, Callable[[Request, Exception], Any]] = {
        views.BadRequest: bad_request, views.NotFound: not_found, RequestValidationError: invalid,
        HTTPException: http_error, Exception: server_error,
    }
    for exc_class, handler in handlers.items():
        app.add_exception_handler(exc_class, handler)


def _warm(pool: ReadPool) -> None:
    try:
        views.home_view(pool)
    except Exception:  # a failure here shows again, with its page, on the first request
        log.exception("could not prepare the front page")


DB_ENV = "KHABAR_WEB_DB"  # how `khabar serve --workers N` tells each worker process its store


def create_app_from_env() -> FastAPI:
    """Build the app over the store named by $KHABAR_WEB_DB (the factory each uvicorn worker calls)."""
    db = os.environ.get(DB_ENV)
    if not db:
        raise StoreError(f"${DB_ENV} names no store; start the app with `khabar serve --db PATH`")
    return create_app(db)


def create_app(db: str | Path) -> FastAPI:
    """Build the web app over the store at db, opened read-only (fails now if db is not a khabar store).

    Args:
        db: the store file made by `khabar ingest`.

    Returns:
        The ASGI application, ready for uvicorn.
    """
    pool = ReadPool(db)
    here = Path(__file__).resolve().parent

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # the front page's aggregates take seconds on a large store: compute them before anyone asks
        threading.Thread(target=_warm, args=(pool,), name="khabar-web-warm", daemon=True).start()
        yield
        pool.close()

    app = FastAPI(title="khabar", description=DESCRIPTION, version=khabar_version(), docs_url=None,
                  redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan, default_response_class=JSONBytes)
    app.state.pool = pool
    app.state.templates = template_env(here / "templates")
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=here / "static"), name="static")
    app.include_router(api_router)
    app.include_router(page_router)
    _install_error_handlers(app)
    return app
