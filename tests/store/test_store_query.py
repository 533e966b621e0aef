"""Search, event queries and entity counts on a real small store (corpus articles + annotated stories)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.arabic import normalize
from khabar.errors import StoreError
from khabar.store.db import open_readonly
from khabar.store.query import article, duplicate_groups, event_counts, events, failures, stats, top_entities
from khabar.store.search import count, search


@pytest.fixture
def conn(small_store: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to 120 real corpus articles plus the three annotated stories."""
    c = open_readonly(small_store)
    yield c
    c.close()


@pytest.fixture
def hand(hand_store: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the three annotated stories alone, whose counts are known exactly."""
    c = open_readonly(hand_store)
    yield c
    c.close()


def test_search_finds_spelling_variants_with_snippets(conn: sqlite3.Connection) -> None:
    hits = search(conn, "الأمريكية", limit=50)
    assert len(hits) >= 5
    # the corpus paper writes الأميركية: found through the query's normalised skeleton
    assert any("[الأميركية]" in h["snippet"] for h in hits)
    # the snippet is cut from the body; an article that matched on its title alone has no marks in it
    assert all("[" in h["snippet"] or "مريك" in normalize(h["title"]) or "ميرك" in normalize(h["title"])
               for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert count(conn, "الأمريكية") == count(conn, "الأميركية") >= len(hits)


def test_clitics_do_not_hide_a_word(conn: sqlite3.Connection) -> None:
    plain = {h["id"] for h in search(conn, "العقوبات", limit=100)}
    assert "hand-sanction" in plain  # the text has عقوبات and العقوبات
    with_clitic = {h["id"] for h in search(conn, "وبالعقوبات", limit=100)}
    assert with_clitic == plain


def test_all_words_must_match(conn: sqlite3.Connection) -> None:
    sanctions = {h["id"] for h in search(conn, "عقوبات", limit=200)}
    turkey = {h["id"] for h in search(conn, "تركيا", limit=200)}
    both = {h["id"] for h in search(conn, "عقوبات تركيا", limit=200)}
    assert {"hand-sanction", "hand-sanction-copy"} <= both
    assert both == sanctions & turkey
    assert "hand-arrest" in turkey - both


def test_search_filters(conn: sqlite3.Connection) -> None:
    assert {h["id"] for h in search(conn, "عقوبات تركيا", source="paper")} == {"hand-sanction-copy"}
    later = search(conn, "عقوبات تركيا", since="2015-07-21")
    assert "hand-sanction-copy" in {h["id"] for h in later}
    assert all(h["date"] >= "2015-07-21" for h in later)
    earlier = search(conn, "عقوبات تركيا", until="2015-07-20")
    assert {h["id"] for h in earlier} == {"hand-sanction"}
    with pytest.raises(StoreError, match="YYYY"):
        search(conn, "عقوبات", since="yesterday")


def test_search_reports_the_group_of_copies(conn: sqlite3.Connection) -> None:
    hits = {h["id"]: h for h in search(conn, "عقوبات تركيا")}
    assert hits["hand-sanction-copy"]["group"] == "hand-sanction"


def test_search_paging(conn: sqlite3.Connection) -> None:
    first = search(conn, "السعودية", limit=5)
    second = search(conn, "السعودية", limit=5, offset=5)
    assert len(first) == len(second) == 5
    assert not {h["id"] for h in first} & {h["id"] for h in second}


def test_events_with_filters(hand: sqlite3.Connection) -> None:
    conn = hand
    rows = events(conn, source="USA", target="TUR")
    assert [(r["type"], r["source"], r["target"]) for r in rows] == [("SANCTION", "USA", "TUR")]
    assert rows[0]["articles"] == 2  # the copy reports it too
    assert rows[0]["article"] == "hand-sanction"
    assert "فرضت" in rows[0]["sentence"]
    assert {r["type"] for r in events(conn, type="sanction")} == {"SANCTION"}
    assert {r["type"] for r in events(conn, source="tur")} == {"REJECT", "COERCE"}
    assert {r["type"] for r in events(conn, since="2015-08")} == {"COERCE", "THREATEN", "COOPERATE"}
    assert {r["type"] for r in events(conn, until="2015-07")} == {"SANCTION", "REJECT"}
    assert {r["type"] for r in events(conn, until="2019-12", since="2019")} == {"COOPERATE"}


def test_denied_and_hypothetical_events_are_kept_apart(hand: sqlite3.Connection) -> None:
    conn = hand
    scored = {r["type"] for r in events(conn)}
    everything = {r["type"]: r["status"] for r in events(conn, scored_only=False)}
    assert "MOBILIZE" not in scored
    assert everything["MOBILIZE"] == "denied"
    assert everything["AGREE"] == "hypothetical"


def test_copies_option_lists_every_report(hand: sqlite3.Connection) -> None:
    conn = hand
    rows = events(conn, type="SANCTION", copies=True)
    assert sorted(r["article"] for r in rows) == ["hand-sanction", "hand-sanction-copy"]


def test_event_counts_by_type_and_pair(hand: sqlite3.Connection) -> None:
    conn = hand
    by_type = {r["type"]: (r["events"], r["reports"]) for r in event_counts(conn, "type")}
    assert by_type == {"SANCTION": (1, 2), "REJECT": (1, 2), "COOPERATE": (1, 1), "COERCE": (1, 1),
                       "THREATEN": (1, 1)}
    pairs = {(r["source"], r["target"]): r["events"] for r in event_counts(conn, "pair")}
    assert pairs[("USA", "TUR")] == 1
    assert pairs[("TUR", "USA")] == 1
    assert pairs[("SYR", "TUR")] == 1
    months = {r["month"]: r["events"] for r in event_counts(conn, "month")}
    assert months == {"2015-07": 2, "2015-08": 2, "2019-07": 1}
    with pytest.raises(StoreError, match="cannot count events by"):
        event_counts(conn, "colour")


def test_top_entities_count_stories_not_copies(hand: sqlite3.Connection) -> None:
    conn = hand
    top = {(e["type"], e["code"] or e["name"]): e for e in top_entities(conn, 10)}
    turkey = top[("LOC", "TUR")]
    assert (turkey["stories"], turkey["articles"]) == (2, 3)
    assert turkey["name"] == "تركيا"
    # NATO is in two articles of one story, داعش in one: both count one story; mentions break the tie
    assert [e["name"] for e in top_entities(conn, 5, type="ORG")] == ["حلف شمال الأطلسي", "داعش"]


def test_stats_of_the_hand_store(hand: sqlite3.Connection) -> None:
    s = stats(hand)
    assert (s["articles"], s["stories"], s["duplicate_groups"], s["articles_in_duplicate_groups"]) == (3, 2, 1, 2)
    assert (s["events"], s["scored_events"], s["distinct_events"]) == (9, 7, 5)
    assert (s["quotes"], s["amounts"], s["dates"]) == (3, 3, 2)
    assert s["arms_transfers"] == 1
    assert s["entities"] == 4 + 3 + 3
    assert s["distinct_entities"] == 6
    assert s["failures"] == 0
    assert s["size_bytes"] > 0
    assert s["schema_version"] == 1


def test_stats_of_the_corpus_store(conn: sqlite3.Connection) -> None:
    s = stats(conn)
    assert s["articles"] == 123
    assert s["stories"] == s["articles"] - s["articles_in_duplicate_groups"] + s["duplicate_groups"]
    assert s["events"] >= 9
    assert s["scored_events"] <= s["events"]
    assert s["distinct_events"] <= s["scored_events"]


def test_event_filters_hold_on_the_corpus_store(conn: sqlite3.Connection) -> None:
    everything = events(conn, limit=10_000, scored_only=False, copies=True)
    assert len(everything) == stats(conn)["events"]
    for source in {r["source"] for r in everything if r["source"]}:
        rows = events(conn, source=source, limit=10_000, copies=True, scored_only=False)
        assert len(rows) == sum(1 for r in everything if r["source"] == source)
    totals = event_counts(conn, "type", limit=1000)
    assert sum(r["events"] for r in totals) == stats(conn)["distinct_events"]
    assert len(events(conn, limit=10_000)) == stats(conn)["distinct_events"]


def test_article_and_groups(hand: sqlite3.Connection) -> None:
    conn = hand
    a = article(conn, "hand-sanction")
    assert a is not None
    assert a["copies"] == ["hand-sanction-copy"]
    assert a["record"]["arms_transfers"][0]["system"] == "S-400"
    assert article(conn, "no-such-article") is None
    groups = duplicate_groups(conn)
    assert any({m["id"] for m in g["articles"]} == {"hand-sanction", "hand-sanction-copy"} for g in groups)
    assert failures(conn) == []
