"""The JSON API against a real server over a store built from real articles."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

import httpx
from hand_story import EVENTS_ID, HOSTILE_NAME

from khabar.web.views import MAX_PER_PAGE, MAX_QUERY_CHARS

API_ROUTES = ("/api/search", "/api/articles/{article_id}", "/api/events", "/api/entities",
              "/api/entities/{entity_id}", "/api/arms", "/api/stats")


def _db(web_db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{web_db}?mode=ro", uri=True)


def test_openapi_documents_every_api_route(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    assert set(API_ROUTES) <= set(spec["paths"])
    for path in API_ROUTES:
        op = spec["paths"][path]["get"]
        assert op.get("summary") and op.get("description"), path
        for param in op.get("parameters", []):
            assert param.get("description"), f"{path}: parameter {param['name']} is undocumented"
    # pages are HTML, not API: they stay out of the schema
    assert not any(p.startswith(("/search", "/articles")) for p in spec["paths"])


def test_search_finds_the_example_first(client: httpx.Client) -> None:
    r = client.get("/api/search", params={"q": "ميناء الدقم"})
    assert r.status_code == 200
    body = r.json()
    assert body["results"][0]["id"] == "gulf_port_deal"
    assert body["page"]["total"] >= 1
    hits = [text for text, hit in body["results"][0]["snippet"] if hit]
    assert "الدقم" in hits


def test_search_normalises_spelling_variants(client: httpx.Client) -> None:
    # the example spells it عمان; a search for the hamza-less and diacritised forms finds it alike
    plain = client.get("/api/search", params={"q": "سلطنة عمان"}).json()
    marked = client.get("/api/search", params={"q": "سَلْطَنَة عُمان"}).json()
    assert [r["id"] for r in plain["results"]] == [r["id"] for r in marked["results"]]
    assert "gulf_port_deal" in [r["id"] for r in plain["results"]]


def test_search_filters_by_source_and_dates(client: httpx.Client, web_db: Path) -> None:
    with _db(web_db) as conn:
        source, n = conn.execute("SELECT source, count(*) FROM articles WHERE source IS NOT NULL"
                                 " GROUP BY source ORDER BY 2 DESC LIMIT 1").fetchone()
        first, last = conn.execute("SELECT min(date), max(date) FROM articles").fetchone()
    body = client.get("/api/search", params={"source": source, "per_page": 100}).json()
    assert body["page"]["total"] == n
    assert {r["source"] for r in body["results"]} == {source}
    body = client.get("/api/search", params={"since": last, "until": last, "per_page": 100}).json()
    assert body["results"] and all(r["date"].startswith(last) for r in body["results"])
    everything = client.get("/api/search", params={"since": first[:4]}).json()["page"]["total"]
    assert everything > body["page"]["total"]


def test_search_filters_by_entity_and_event_type(client: httpx.Client, web_db: Path) -> None:
    with _db(web_db) as conn:
        with_russia = {r[0] for r in conn.execute(
            "SELECT a.doc_id FROM articles a JOIN entities e ON e.article_id = a.id"
            " WHERE e.type = 'LOC' AND e.code = 'RUS'")}
        threatening = {r[0] for r in conn.execute(
            "SELECT a.doc_id FROM articles a JOIN events e ON e.article_id = a.id"
            " WHERE e.type = 'THREATEN' AND e.scored")}
    by_entity = client.get("/api/search", params={"entity": "LOC:RUS", "per_page": 100}).json()
    assert {r["id"] for r in by_entity["results"]} == with_russia and EVENTS_ID in with_russia
    assert by_entity["filters"]["entity_name"] == "روسيا"
    by_type = client.get("/api/search", params={"type": "threaten", "per_page": 100}).json()
    assert {r["id"] for r in by_type["results"]} == threatening and EVENTS_ID in threatening
    # a denied or hypothetical event does not count: the hand story's SANCTION is hypothetical
    sanction = client.get("/api/search", params={"type": "SANCTION", "per_page": 100}).json()
    assert EVENTS_ID not in [r["id"] for r in sanction["results"]]
    unknown = client.get("/api/search", params={"entity": "PER:nobody at all"}).json()
    assert unknown["page"]["total"] == 0 and unknown["filters"]["entity_name"] == "nobody at all"


def test_search_pages_do_not_overlap(client: httpx.Client) -> None:
    one = client.get("/api/search", params={"per_page": 10, "page": 1}).json()
    two = client.get("/api/search", params={"per_page": 10, "page": 2}).json()
    assert one["page"]["total"] == two["page"]["total"] > 20
    assert one["page"]["has_next"] and two["page"]["has_prev"]
    assert not {r["id"] for r in one["results"]} & {r["id"] for r in two["results"]}
    assert len(one["results"]) == len(two["results"]) == 10


def test_article_has_record_text_and_segments(client: httpx.Client) -> None:
    body = client.get("/api/articles/gulf_port_deal").json()
    record = body["record"]
    assert record["id"] == "gulf_port_deal"
    assert body["text"].startswith("الكويت وسلطنة عمان")
    assert body["article"]["dateline"]["place"] == "مسقط"
    paragraphs = [b for b in body["highlight"]["blocks"] if b["kind"] != "caption"]
    # the segments of each block put its text back together exactly
    assert ["".join(s["text"] for s in b["segments"]) for b in paragraphs] == record["body"]
    captions = [b for b in body["highlight"]["blocks"] if b["kind"] == "caption"]
    assert len(captions) == len(record["captions"])


def test_every_mention_is_highlighted_with_its_own_text(client: httpx.Client) -> None:
    body = client.get(f"/api/articles/{EVENTS_ID}").json()
    text = body["text"]
    covered: dict[str, str] = {}
    for block in body["highlight"]["blocks"]:
        for seg in block["segments"]:
            for key in seg["marks"]:
                covered[key] = covered.get(key, "") + seg["text"]
    for e in body["record"]["entities"]:
        for k, m in enumerate(e["mentions"]):
            assert covered[f"e{e['id']}-{k}"] == text[m["start"]:m["end"]]
    assert covered["a0"] == "2.5 مليار دولار"
    assert covered["d0"] == "يوم الاثنين"
    assert covered["v0"] == "سلمت"
    assert covered["q0"].startswith("إن روسيا")
    assert body["highlight"]["marks"]["e3-0"]["title"] == HOSTILE_NAME


def test_unknown_article_is_a_json_404(client: httpx.Client) -> None:
    r = client.get("/api/articles/no-such-article")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert "no-such-article" in r.json()["error"]["message"]


def test_events_filters_and_counts(client: httpx.Client, web_db: Path) -> None:
    body = client.get("/api/events", params={"source": "usa", "target": "TUR"}).json()
    assert [(e["type"], e["source"], e["target"]) for e in body["events"] if e["article"] == EVENTS_ID] == [
        ("THREATEN", "USA", "TUR")]
    assert all(e["source"] == "USA" and e["target"] == "TUR" for e in body["events"])
    with _db(web_db) as conn:
        n = conn.execute("SELECT count(*) FROM events WHERE scored AND type = 'COOPERATE'").fetchone()[0]
    body = client.get("/api/events", params={"type": "COOPERATE", "per_page": 100}).json()
    assert sum(e["sentences"] for e in body["events"]) == n
    assert sum(t["events"] for t in body["types"]) == len(body["events"])
    months = {row["month"] for row in body["timeline"]}
    assert months and all(len(m) == 7 for m in months)
    none = client.get("/api/events", params={"since": "2030"}).json()
    assert none["events"] == [] and none["timeline"] == [] and none["pairs"] == []


def test_event_pairs_order_symmetric_events(client: httpx.Client) -> None:
    pairs = client.get("/api/events", params={"type": "CONSULT", "since": "2015-07-20",
                                              "until": "2015-07-20"}).json()["pairs"]
    # CONSULT is symmetric: TUR meets RUS is counted as the ordered pair RUS–TUR
    assert {"source": "RUS", "target": "TUR"}.items() <= pairs[0].items()


def test_entities_list_and_detail(client: httpx.Client) -> None:
    listing = client.get("/api/entities", params={"type": "LOC", "per_page": 100}).json()
    assert listing["entities"] and all(e["type"] == "LOC" for e in listing["entities"])
    stories = [e["stories"] for e in listing["entities"]]
    assert stories == sorted(stories, reverse=True)
    turkey = client.get("/api/entities/LOC:TUR").json()
    assert turkey["entity"]["code"] == "TUR"
    assert EVENTS_ID in [a["article"] for a in turkey["articles"]]
    assert {e["type"] for e in turkey["events_as_target"] if e["article"] == EVENTS_ID} == {"COOPERATE", "THREATEN"}
    assert {e["type"] for e in turkey["events_as_source"] if e["article"] == EVENTS_ID} == {"CONSULT"}
    mention = next(a for a in turkey["articles"] if a["article"] == EVENTS_ID)["mentions"][0]
    assert mention["text"] == "تركيا" and mention["before"].endswith("سلمت ")


def test_entity_quotes_by_speaker(client: httpx.Client) -> None:
    key = "PER:" + HOSTILE_NAME
    body = client.get("/api/entities/" + quote(key, safe="")).json()
    assert body["entity"]["name"] == HOSTILE_NAME
    assert [q["article"] for q in body["quotes"]] == [EVENTS_ID]


def test_unknown_entity_is_404(client: httpx.Client) -> None:
    assert client.get("/api/entities/PER:nobody-at-all").status_code == 404
    assert client.get("/api/entities/no-colon").status_code == 404


def test_arms_transfers(client: httpx.Client) -> None:
    body = client.get("/api/arms", params={"supplier": "rus"}).json()
    mine = [t for t in body["transfers"] if t["article"] == EVENTS_ID]
    assert len(mine) == 1 and mine[0]["recipient"] == "TUR" and mine[0]["sentences"][0].startswith("قال المتحدث")
    assert client.get("/api/arms", params={"recipient": "ZZZ"}).json()["transfers"] == []


def test_stats_count_the_store(client: httpx.Client, web_db: Path) -> None:
    body = client.get("/api/stats").json()
    with _db(web_db) as conn:
        assert body["articles"] == conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert "path" not in body


def test_limits_and_bad_input_are_400(client: httpx.Client) -> None:
    cases = [
        {"q": "ا" * (MAX_QUERY_CHARS + 1)},
        {"per_page": MAX_PER_PAGE + 1},
        {"page": 0},
        {"page": "two"},
        {"since": "yesterday"},
        {"until": "2015-13-01"},
        {"type": "DROP TABLE"},
        {"entity": "no-colon"},
        {"q": "!!! ؟؟"},
    ]
    for params in cases:
        r = client.get("/api/search", params=params)
        assert r.status_code == 400, params
        assert r.json()["error"]["status"] == 400 and r.json()["error"]["message"], params
    assert client.get("/api/events", params={"per_page": 1000}).status_code == 400


def test_sql_in_inputs_is_only_data(client: httpx.Client) -> None:
    for params in ({"source": "x' OR '1'='1"}, {"q": "\" OR 1=1 --"}, {"entity": "LOC:x') OR 1=1 --"}):
        r = client.get("/api/search", params=params)
        assert r.status_code in (200, 400), params
        if r.status_code == 200:
            assert r.json()["page"]["total"] == 0, params
    r = client.get("/api/events", params={"source": "RUS' OR 1=1 --"})
    assert r.status_code == 200 and r.json()["events"] == []
