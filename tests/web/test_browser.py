"""A real browser (Debian's Chromium, headless) against the real server: search, open an article, see the highlights."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hand_story import EVENTS_ID

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox: CI runs as root in a container; the rest keeps Chromium off the network and quiet.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Launch Debian's Chromium through Playwright, or skip when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package to run the browser test")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any, artifacts: Path) -> Iterator[Any]:
    """Open a page that records console errors, page errors and dialogs (none may happen)."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="ar")
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))

    def on_dialog(d: Any) -> None:
        pg.problems.append(f"dialog: {d.message}")
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    context.close()


def _expected_marks(client: httpx.Client, doc_id: str) -> set[str]:
    body = client.get(f"/api/articles/{doc_id}").json()
    return {k for b in body["highlight"]["blocks"] for s in b["segments"] for k in s["marks"]}


def test_search_open_article_and_see_highlights(page: Any, server: str, client: httpx.Client,
                                                artifacts: Path) -> None:
    page.goto(f"{server}/search")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.fill("#q", "ميناء الدقم")
    with page.expect_navigation():
        page.press("#q", "Enter")
    assert "q=" in page.url
    page.screenshot(path=str(artifacts / "search-results.png"), full_page=True)
    first = page.locator(".results .result h2 a").first
    assert first.get_attribute("href") == "/articles/gulf_port_deal"
    assert page.locator(".results .result .snippet mark").count() >= 1
    with page.expect_navigation():
        first.click()
    assert page.url.endswith("/articles/gulf_port_deal")
    page.wait_for_selector("#body")
    expected = _expected_marks(client, "gulf_port_deal")
    shown = set(" ".join(page.eval_on_selector_all("#body .hl", "els => els.map(e => e.dataset.a)")).split())
    assert expected and shown == expected
    # the dateline and caption are on the page, and the legend counts what is highlighted
    assert page.locator("#dateline").inner_text().startswith("مسقط")
    assert page.locator("figure.caption").count() >= 1
    page.screenshot(path=str(artifacts / "article.png"), full_page=True)
    assert page.problems == []


def test_hover_and_click_show_details_and_link_to_the_entity(page: Any, server: str, client: httpx.Client,
                                                             artifacts: Path) -> None:
    page.goto(f"{server}/articles/{EVENTS_ID}")
    expected = _expected_marks(client, EVENTS_ID)
    shown = set(" ".join(page.eval_on_selector_all("#body .hl", "els => els.map(e => e.dataset.a)")).split())
    assert shown == expected
    russia = page.locator('#body .hl[data-a~="e0-0"]').first
    russia.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "روسيا" in tip.inner_text() and "RUS" in tip.inner_text()
    page.screenshot(path=str(artifacts / "article-hover.png"))
    # the same entity's other highlights light up; a highlight inside the quote shows both details
    russia.click()
    assert "pinned" in (tip.get_attribute("class") or "")
    assert tip.locator("[data-key]").evaluate_all("els => els.map(e => e.dataset.key)") == ["e0-0", "q0"]
    link = tip.locator("a[href='/entities/LOC%3ARUS']")
    with page.expect_navigation():
        link.click()
    assert page.locator("h1").inner_text().strip() == "روسيا"
    page.screenshot(path=str(artifacts / "entity.png"), full_page=True)
    assert page.problems == []


def test_legend_toggles_a_kind(page: Any, server: str) -> None:
    page.goto(f"{server}/articles/{EVENTS_ID}")
    loc = page.locator("#body .hl.k-LOC").first
    before = loc.evaluate("e => getComputedStyle(e).backgroundColor")
    page.click('#legend .key[data-kind="LOC"]')
    after = loc.evaluate("e => getComputedStyle(e).backgroundColor")
    assert before != after and after == "rgba(0, 0, 0, 0)"
    assert page.get_attribute('#legend .key[data-kind="LOC"]', "aria-pressed") == "false"
    assert page.problems == []


def test_markup_in_an_article_stays_text(page: Any, server: str, artifacts: Path) -> None:
    page.goto(f"{server}/articles/markup_article")
    body = page.locator("#body").inner_text()
    assert '<script>alert("xss")</script>' in body and "<img src=x onerror=alert(1)>" in body
    assert page.locator("#body img, #body script, #body b").count() == 0
    page.screenshot(path=str(artifacts / "markup-article.png"), full_page=True)
    assert page.problems == []


def test_events_and_other_pages_render(page: Any, server: str, artifacts: Path) -> None:
    for name, path in (("events", "/events"), ("home", "/"), ("entities", "/entities"), ("arms", "/arms"),
                       ("not-found", "/articles/missing")):
        page.goto(f"{server}{path}")
        page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    page.goto(f"{server}/events")
    assert page.locator("svg.timeline rect").count() >= 1
    assert page.locator("svg.pairs rect").count() >= 1
    # a missing page logs its 404 in the console; nothing else may complain
    assert [p for p in page.problems if "404" not in p] == []
