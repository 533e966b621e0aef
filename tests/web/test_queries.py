"""The web app's own read queries agree with the store's on a store built from real articles."""

from __future__ import annotations

from pathlib import Path

from khabar.store import open_readonly
from khabar.store import query as store_query
from khabar.web import queries


def test_event_aggregates_count_as_the_store_does(web_db: Path) -> None:
    conn = open_readonly(web_db)
    try:
        for filters in ({}, {"type": "CONSULT"}, {"source": "USA"}, {"since": "2015-07-20", "until": "2015-08"}):
            agg = queries.event_aggregates(conn, pairs=10_000, **filters)
            types = store_query.event_counts(conn, "type", limit=10_000, **filters)
            assert sorted(map(tuple, map(dict.values, agg["types"]))) == sorted(map(tuple, map(dict.values, types)))
            pairs = [p for p in store_query.event_counts(conn, "pair", limit=10_000, **filters)
                     if p["source"] and p["target"]]
            assert sorted(map(tuple, map(dict.values, agg["pairs"]))) == sorted(map(tuple, map(dict.values, pairs)))
            months = store_query.event_counts(conn, "month", limit=10_000, **filters)
            per_month: dict[str, int] = {}
            for row in agg["timeline"]:
                per_month[row["month"]] = per_month.get(row["month"], 0) + row["events"]
            # one story's events of several types are one row per type here, one in total there: never fewer
            for m in months:
                if m["month"] and len(m["month"]) == 7:
                    assert per_month[m["month"]] >= m["events"]
    finally:
        conn.close()


def test_entity_table_pages_and_filters(web_db: Path) -> None:
    conn = open_readonly(web_db)
    try:
        table = queries.entity_table(conn)
        top = store_query.top_entities(conn, 5)
        page = queries.entity_page(table, type=None, name=None, limit=5, offset=0)
        assert [(e["id"], e["name"], e["stories"], e["mentions"]) for e in page] == [
            (e["key"], e["name"], e["stories"], e["mentions"]) for e in top]
        second = queries.entity_page(table, type=None, name=None, limit=5, offset=5)
        assert not {e["id"] for e in page} & {e["id"] for e in second}
        locs = queries.entity_page(table, type="LOC", name=None, limit=1000, offset=0)
        assert locs and all(e["type"] == "LOC" for e in locs)
        # a name filter ignores hamza and ta marbuta spellings; a code matches too
        found = queries.entity_page(table, type=None, name="روسيا", limit=50, offset=0)
        assert "LOC:RUS" in [e["id"] for e in found]
        assert "LOC:RUS" in [e["id"] for e in queries.entity_page(table, type=None, name="rus", limit=50, offset=0)]
        assert queries.entity_exists(conn, "LOC:RUS") and not queries.entity_exists(conn, "LOC:NOWHERE")
    finally:
        conn.close()
