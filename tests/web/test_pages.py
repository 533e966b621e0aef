"""The Arabic pages against a real server: RTL, escaping, highlights in the served HTML, errors, headers."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from urllib.parse import quote

import httpx
from hand_story import EVENTS_ID, HOSTILE_NAME


class Page(HTMLParser):
    """Collect what the tests look at: the html tag, highlighted spans, scripts and images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_attrs: dict[str, str | None] = {}
        self.spans: list[dict[str, str]] = []
        self.scripts: list[dict[str, str | None]] = []
        self.images: list[dict[str, str | None]] = []
        self.json_blobs: list[str] = []
        self._span: dict[str, str] | None = None
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        elif tag == "span" and "data-a" in a:
            self._span = {"marks": a["data-a"] or "", "class": a.get("class") or "", "text": ""}
        elif tag == "script":
            self.scripts.append(a)
            self._in_json = a.get("type") == "application/json"
            if self._in_json:
                self.json_blobs.append("")
        elif tag == "img":
            self.images.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._span is not None:
            self.spans.append(self._span)
            self._span = None
        if tag == "script":
            self._in_json = False

    def handle_data(self, data: str) -> None:
        if self._span is not None:
            self._span["text"] += data
        if self._in_json:
            self.json_blobs[-1] += data


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    return p


PAGES = ["/", "/search", "/search?q=الرياض", "/articles/gulf_port_deal", "/events", "/entities",
         "/entities/LOC:TUR", "/arms", f"/articles/{EVENTS_ID}"]


def test_every_page_is_arabic_rtl_html(client: httpx.Client) -> None:
    for path in PAGES:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html"), path
        page = parse(r.text)
        assert page.html_attrs == {"lang": "ar", "dir": "rtl"}, path
        # scripts only from our own static folder, or inert JSON data
        for s in page.scripts:
            assert s.get("src") == "/static/khabar.js" or s.get("type") == "application/json", path


def test_static_files_are_served_locally(client: httpx.Client) -> None:
    for name, kind in (("khabar.css", "text/css"), ("khabar.js", "javascript"), ("favicon.svg", "image/svg")):
        r = client.get(f"/static/{name}")
        assert r.status_code == 200 and kind in r.headers["content-type"], name
    assert "http" not in client.get("/").text.split("<body>")[0].replace("http-equiv", "")


def test_article_highlights_every_annotation_in_place(client: httpx.Client) -> None:
    api = client.get(f"/api/articles/{EVENTS_ID}").json()
    page = parse(client.get(f"/articles/{EVENTS_ID}").text)
    text_of: dict[str, str] = {}
    for span in page.spans:
        for key in span["marks"].split():
            text_of[key] = text_of.get(key, "") + span["text"]
    for e in api["record"]["entities"]:
        for k, m in enumerate(e["mentions"]):
            assert text_of[f"e{e['id']}-{k}"] == api["text"][m["start"]:m["end"]]
    assert text_of["v1"] == "وهددت" and text_of["a0"] == "2.5 مليار دولار" and text_of["d0"] == "يوم الاثنين"
    kinds = {c for s in page.spans for c in s["class"].split()}
    assert {"hl", "k-LOC", "k-PER", "k-quote", "k-amount", "k-date", "k-event"} <= kinds
    # the details table is valid JSON with the hostile name intact (escaped inside the script element)
    marks = json.loads(page.json_blobs[0])
    assert marks["e3-0"]["title"] == HOSTILE_NAME
    assert marks["e0-0"]["href"] == "/entities/" + quote("LOC:RUS", safe="")


def test_example_article_shows_dateline_caption_and_entity_links(client: httpx.Client) -> None:
    html = client.get("/articles/gulf_port_deal").text
    assert 'class="dateline"' in html and "مسقط" in html and "كونا" in html
    assert '<figure class="caption">' in html
    record = client.get("/api/articles/gulf_port_deal").json()["record"]
    sidebar = html.split('id="entity-list"')[1].split("</ul>")[0]
    assert sidebar.count('href="/entities/') == len(record["entities"])
    sidebar = client.get(f"/articles/{EVENTS_ID}").text.split('id="entity-list"')[1].split("</ul>")[0]
    assert sidebar.count('href="/entities/') == 4 and 'href="/entities/LOC%3ATUR"' in sidebar


def test_markup_in_articles_renders_as_text(client: httpx.Client) -> None:
    for path in ("/articles/markup_article", f"/articles/{EVENTS_ID}", "/entities/" + quote("PER:" + HOSTILE_NAME,
                                                                                             safe=""),
                 "/arms", "/events", "/search?q=الوضع مستقر"):
        r = client.get(path)
        assert r.status_code == 200, path
        page = parse(r.text)
        assert not any(s.get("src") not in ("/static/khabar.js", None) for s in page.scripts), path
        assert [s for s in page.scripts if s.get("src") is None and s.get("type") != "application/json"] == [], path
        assert page.images == [], path
        assert "<script>alert" not in r.text and "<img src=x" not in r.text, path
    html = client.get("/articles/markup_article").text
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in html
    assert "&lt;b&gt;عاجل&lt;/b&gt;" in html


def test_user_input_is_escaped(client: httpx.Client) -> None:
    evil = '"><script>alert(1)</script>'
    r = client.get("/search", params={"q": evil, "source": evil})
    assert r.status_code == 200
    assert "<script>alert(1)" not in r.text
    assert "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    r = client.get("/articles/" + quote(evil, safe=""))
    assert r.status_code == 404 and "<script>alert(1)" not in r.text


def test_clear_404_and_400_pages(client: httpx.Client) -> None:
    for path in ("/no/such/page", "/articles/no-such-article", "/entities/LOC:NOWHERE"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert r.headers["content-type"].startswith("text/html")
        assert "غير موجود" in r.text and 'dir="rtl"' in r.text
    for path in ("/search?per_page=101", "/search?since=tomorrow", "/events?page=-1", "/search?q=" + "ب" * 201):
        r = client.get(path)
        assert r.status_code == 400, path
        assert "طلب غير صالح" in r.text


def test_security_headers(client: httpx.Client) -> None:
    for path in ("/", "/api/stats", "/no/such/page"):
        h = client.get(path).headers
        assert "script-src 'self'" in h["content-security-policy"], path
        assert h["x-content-type-options"] == "nosniff"


def test_search_page_paginates_with_filters_kept(client: httpx.Client) -> None:
    html = client.get("/search", params={"since": "2015", "per_page": 5}).text
    assert 'rel="next"' in html
    nxt = html.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    assert "since=2015" in nxt and "page=2" in nxt and "per_page=5" in nxt
    assert client.get(nxt).status_code == 200


def test_events_page_draws_charts(client: httpx.Client) -> None:
    html = client.get("/events").text
    assert '<svg class="timeline"' in html and '<svg class="pairs"' in html
    assert 'class="t-THREATEN"' in html
    assert client.get("/events", params={"since": "2030"}).text.count("<svg") == 0
