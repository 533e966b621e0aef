"""The writer: every annotation is stored, updates replace, failures never damage stored articles."""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from khabar.store.db import open_store
from khabar.store.dedup import band_keys
from khabar.store.query import article, event_counts, stats
from khabar.store.rows import Prepared, from_record
from khabar.store.search import count
from khabar.store.write import FAILED, NEW, UNCHANGED, UPDATED, Writer, search_forms

Records = list[tuple[dict[str, Any], str]]
Counter = Callable[[sqlite3.Connection, str], int]


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    c = open_store(tmp_path / "w.db")
    yield c
    c.close()


def _write(conn: sqlite3.Connection, record: dict[str, Any], text: str, chash: str | None = None) -> str:
    w = Writer(conn)
    out = w.write(from_record(record["id"], chash or "h-" + record["id"], "hand", dict(record), text))
    w.commit()
    return out


def test_every_annotation_is_stored(conn: sqlite3.Connection, hand_records: Records, rows_of: Counter) -> None:
    record, text = hand_records[0]
    assert _write(conn, record, text) == NEW
    assert rows_of(conn, "entities") == 4
    assert rows_of(conn, "mentions") == sum(len(e["mentions"]) for e in record["entities"])
    assert rows_of(conn, "quotes") == rows_of(conn, "amounts") == rows_of(conn, "dates") == 1
    assert rows_of(conn, "events") == 4
    assert rows_of(conn, "arms_transfers") == 1
    # offsets point into the stored input text
    start, end, surface = conn.execute("SELECT start, end, text FROM mentions WHERE text = 'أنقرة'").fetchone()
    stored_text = conn.execute("SELECT text FROM documents").fetchone()[0]
    assert stored_text[start:end] == surface
    # the hypothetical AGREE is kept but not scored
    assert conn.execute("SELECT status, scored FROM events WHERE type = 'AGREE'").fetchone() == ("hypothetical", 0)
    amount = conn.execute("SELECT kind, value, currency FROM amounts").fetchone()
    assert amount == ("money", 2.5e9, "USD")
    stored = article(conn, record["id"])
    assert stored is not None
    assert stored["record"]["events_all"] == record["events_all"]
    assert stored["text"] == text


def test_same_content_is_not_stored_twice(conn: sqlite3.Connection, hand_records: Records, rows_of: Counter) -> None:
    record, text = hand_records[0]
    assert _write(conn, record, text) == NEW
    before = {t: rows_of(conn, t) for t in ("articles", "entities", "mentions", "events", "lsh")}
    assert _write(conn, record, text) == UNCHANGED
    assert {t: rows_of(conn, t) for t in before} == before


def test_changed_text_replaces_the_article(conn: sqlite3.Connection, hand_records: Records,
                                           rows_of: Counter) -> None:
    record, text = hand_records[0]
    _write(conn, record, text)
    changed, new_text = hand_records[2]
    assert _write(conn, dict(changed, id=record["id"]), new_text, chash="changed") == UPDATED
    assert rows_of(conn, "articles") == 1
    assert rows_of(conn, "entities") == 3
    assert rows_of(conn, "events") == 3
    assert rows_of(conn, "arms_transfers") == 0
    # the index forgot the old text and knows the new one
    assert count(conn, "عقوبات") == 0
    assert count(conn, "داعش") == 1
    assert conn.execute("SELECT count(*) FROM search").fetchone()[0] == 1


def test_a_failure_leaves_the_stored_article_alone(conn: sqlite3.Connection, hand_records: Records,
                                                   rows_of: Counter) -> None:
    record, text = hand_records[0]
    _write(conn, record, text)
    w = Writer(conn)
    assert w.write(Prepared(record["id"], "other", "in.jsonl:3", error="in.jsonl:3: record has no text")) == FAILED
    w.commit()
    assert rows_of(conn, "failures") == 1
    assert rows_of(conn, "events") == 4
    assert conn.execute("SELECT content_hash FROM articles").fetchone()[0] == "h-" + record["id"]
    # the same record succeeding later clears its failure
    _write(conn, record, text, chash="fixed")
    assert rows_of(conn, "failures") == 0


def test_a_record_the_database_rejects_fails_alone(conn: sqlite3.Connection, hand_records: Records,
                                                   rows_of: Counter) -> None:
    record, text = hand_records[0]
    bad = from_record("bad", "h", "hand", dict(record), text)
    bad.entities.append(bad.entities[0])  # the same entity id twice breaks the table's key
    w = Writer(conn)
    assert w.write(bad) == FAILED
    assert w.write(from_record("good", "h2", "hand", dict(record), text)) == NEW
    w.commit()
    assert [r[0] for r in conn.execute("SELECT doc_id FROM articles")] == ["good"]
    assert rows_of(conn, "entities") == 4
    reason = conn.execute("SELECT reason FROM failures WHERE doc_id = 'bad'").fetchone()[0]
    assert "cannot store record 'bad'" in reason


def test_copies_are_grouped_and_counted_once(conn: sqlite3.Connection, hand_records: Records) -> None:
    write_all = [_write(conn, r, t) for r, t in hand_records]
    assert write_all == [NEW, NEW, NEW]
    groups = dict(conn.execute("SELECT doc_id, group_id FROM articles"))
    assert groups["hand-sanction-copy"] == groups["hand-sanction"]
    assert groups["hand-arrest"] != groups["hand-sanction"]
    s = stats(conn)
    assert s["stories"] == 2
    assert s["duplicate_groups"] == 1
    by_type = {r["type"]: r for r in event_counts(conn, "type")}
    # two papers reported the sanction: one event, two reports
    assert by_type["SANCTION"]["events"] == 1
    assert by_type["SANCTION"]["reports"] == 2
    assert "MOBILIZE" not in by_type  # denied


def test_exact_copy_under_another_id_joins_the_group(conn: sqlite3.Connection, hand_records: Records) -> None:
    record, text = hand_records[2]  # the arrest story is short enough that only the body hash can link it
    _write(conn, record, text)
    _write(conn, dict(record, id="arrest-again", source="other"), text)
    assert conn.execute("SELECT count(DISTINCT group_id) FROM articles").fetchone()[0] == 1
    assert conn.execute("SELECT resemblance FROM articles WHERE doc_id = 'arrest-again'").fetchone()[0] == 1.0


def test_an_article_linking_two_groups_merges_them(conn: sqlite3.Connection, hand_records: Records) -> None:
    record, text = hand_records[0]
    first, second = text.split("\n\n")[0], text.split("\n\n")[1]
    _write(conn, dict(record, id="a", body=[first]), first)
    _write(conn, dict(record, id="b", body=[second]), second)
    assert conn.execute("SELECT count(DISTINCT group_id) FROM articles").fetchone()[0] == 2
    _write(conn, dict(record, id="c", body=[first, second]), text)
    assert conn.execute("SELECT count(DISTINCT group_id) FROM articles").fetchone()[0] == 1


def test_update_finds_the_forms_it_indexed(hand_records: Records) -> None:
    # a contentless index deletes a row only with the very forms inserted: rebuilt from the stored record
    for record, text in hand_records:
        prepared = from_record(record["id"], "h", "hand", dict(record), text)
        assert prepared.search == search_forms(zlib.compress(msgspec.json.encode(dict(record, id=record["id"]))))


def test_a_changed_copy_leaves_its_group(conn: sqlite3.Connection, hand_records: Records) -> None:
    (sanction, s_text), (copy, c_text), (arrest, a_text) = hand_records
    _write(conn, sanction, s_text)
    _write(conn, copy, c_text)
    assert conn.execute("SELECT count(DISTINCT group_id) FROM articles").fetchone()[0] == 1
    aid, old = conn.execute("SELECT a.id, d.minhash FROM articles a JOIN documents d ON d.article_id = a.id"
                            " WHERE a.doc_id = ?", (copy["id"],)).fetchone()
    _write(conn, dict(arrest, id=copy["id"]), a_text, chash="now another story")
    groups = dict(conn.execute("SELECT doc_id, group_id FROM articles"))
    assert groups[copy["id"]] != groups[sanction["id"]]
    # its old band keys are gone, its new ones are in
    keys = {k for (k,) in conn.execute("SELECT key FROM lsh WHERE article_id = ?", (aid,))}
    new = conn.execute("SELECT minhash FROM documents WHERE article_id = ?", (aid,)).fetchone()[0]
    assert keys == set(band_keys(new))
    assert not keys & (set(band_keys(old)) - set(band_keys(new)))
