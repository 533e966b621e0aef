"""Ingest: real corpus records in, idempotent, updates on change, failures recorded, inputs checked."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from khabar.errors import InputError
from khabar.store.db import open_readonly
from khabar.store.ingest import count_records, ingest

Counts = Callable[[Path], dict[str, int]]


@pytest.fixture
def corpus60(corpus_writer: Callable[[Path, int, int], int], tmp_path: Path) -> tuple[Path, int]:
    """Write 60 corpus records (some without text) and return the file and how many have text."""
    path = tmp_path / "c.jsonl"
    return path, corpus_writer(path, 60, 670)


def test_ingest_stores_every_article_once(corpus60: tuple[Path, int], tmp_path: Path, table_counts: Counts) -> None:
    src, with_text = corpus60
    db = tmp_path / "k.db"
    first = ingest([str(src)], db, workers=1, progress=False, batch_size=7)
    assert first.read == 60
    assert first.new == with_text
    assert first.failed == 60 - with_text > 0  # this stretch of the corpus has records without text
    counts = table_counts(db)
    assert counts["articles"] == counts["search"] == with_text
    assert counts["failures"] == 60 - with_text
    again = ingest([str(src)], db, workers=1, progress=False)
    assert (again.new, again.updated, again.failed, again.processed) == (0, 0, 0, 0)
    assert again.unchanged == with_text
    assert again.known_failures == 60 - with_text
    assert table_counts(db) == counts


def test_parallel_ingest_gives_the_same_store(corpus60: tuple[Path, int], tmp_path: Path,
                                              table_counts: Counts) -> None:
    src, _ = corpus60
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    ingest([str(src)], one, workers=1, progress=False)
    report = ingest([str(src)], two, workers=2, progress=False, batch_size=5)
    assert report.workers == 2
    assert table_counts(one) == table_counts(two)
    a, b = open_readonly(one), open_readonly(two)
    rows = "SELECT doc_id, content_hash, group_id, word_count FROM articles ORDER BY id"
    assert a.execute(rows).fetchall() == b.execute(rows).fetchall()
    a.close()
    b.close()


def test_changed_text_is_updated(corpus60: tuple[Path, int], tmp_path: Path, table_counts: Counts) -> None:
    src, with_text = corpus60
    db = tmp_path / "k.db"
    ingest([str(src)], db, workers=1, progress=False)
    lines = src.read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[0])
    rec["text"] = "عاجل: " + rec["text"].replace("\n", " تحديث الخبر\n", 1)
    lines[0] = json.dumps(rec, ensure_ascii=False)
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ingest([str(src)], db, workers=1, progress=False)
    assert (report.updated, report.new, report.unchanged) == (1, 0, with_text - 1)
    assert table_counts(db)["articles"] == with_text
    conn = open_readonly(db)
    stored = conn.execute("SELECT d.text FROM articles a JOIN documents d ON d.article_id = a.id WHERE a.doc_id = ?",
                          (rec["id"],)).fetchone()[0]
    conn.close()
    assert stored.startswith("عاجل: ")


def test_bad_records_fail_alone(tmp_path: Path, table_counts: Counts) -> None:
    src = tmp_path / "mixed.jsonl"
    good = {"id": "ok-1", "text": "قالت وزارة الخارجية السعودية اليوم إن الرياض ترحب بالاتفاق النووي."}
    src.write_text("\n".join([
        json.dumps(good, ensure_ascii=False),
        '{"id": "broken", "text": "نص',  # cut off
        json.dumps({"id": "english", "text": "Only English here."}),
        json.dumps({"id": "empty", "text": "  "}),
        "[1, 2]",
        json.dumps({"id": "ok-2", "text": "أعلنت الحكومة المصرية خطة جديدة للطاقة."}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "k.db"
    report = ingest([str(src)], db, workers=1, progress=False)
    assert (report.new, report.failed) == (2, 4)
    conn = open_readonly(db)
    reasons = dict(conn.execute("SELECT doc_id, reason FROM failures"))
    conn.close()
    assert set(reasons) == {"mixed.jsonl#2", "english", "empty", "mixed.jsonl#5"}
    assert "broken JSON" in reasons["mixed.jsonl#2"]
    assert all(str(src) in r for r in reasons.values())  # each reason names the input and line


def test_records_without_ids_do_not_collide_across_files(tmp_path: Path, table_counts: Counts) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps({"text": "خبر أول عن الاقتصاد السعودي."}, ensure_ascii=False) + "\n", encoding="utf-8")
    b.write_text(json.dumps({"text": "خبر ثان عن الرياضة المصرية."}, ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "k.db"
    report = ingest([str(a), str(b)], db, workers=1, progress=False)
    assert report.new == 2
    conn = open_readonly(db)
    assert sorted(r[0] for r in conn.execute("SELECT doc_id FROM articles")) == ["a.jsonl#1", "b.jsonl#1"]
    conn.close()


def test_text_files_are_ingested(shared_dir: Path, tmp_path: Path) -> None:
    seeds = sorted((shared_dir / "seed").glob("*.txt"))
    db = tmp_path / "k.db"
    report = ingest([str(p) for p in seeds], db, workers=1, progress=False)
    assert report.new == len(seeds) >= 1
    conn = open_readonly(db)
    assert conn.execute("SELECT doc_id FROM articles").fetchone()[0] == seeds[0].stem
    conn.close()


def test_a_missing_input_is_named_before_anything_is_written(corpus60: tuple[Path, int], tmp_path: Path,
                                                             table_counts: Counts) -> None:
    src, _ = corpus60
    db = tmp_path / "k.db"
    ingest([str(src)], db, workers=1, progress=False, limit=5)
    before = table_counts(db)
    with pytest.raises(InputError, match=r"nope\.jsonl: no such file"):
        ingest([str(src), str(tmp_path / "nope.jsonl")], db, workers=1, progress=False)
    with pytest.raises(InputError, match="is a folder"):
        ingest([str(tmp_path)], db, workers=1, progress=False)
    assert table_counts(db) == before


def test_limit_and_record_count(corpus60: tuple[Path, int], tmp_path: Path) -> None:
    src, _ = corpus60
    assert count_records([str(src)]) == 60
    assert count_records([str(src), "-"]) is None
    report = ingest([str(src)], tmp_path / "k.db", workers=1, progress=False, limit=10)
    assert report.read == 10


def test_progress_goes_to_the_stream(corpus60: tuple[Path, int], tmp_path: Path) -> None:
    import io

    src, _ = corpus60
    err = io.StringIO()
    ingest([str(src)], tmp_path / "k.db", workers=1, progress=True, stream=err, limit=12)
    out = err.getvalue()
    assert "articles/s" in out
    assert "12/12" in out


def test_a_damaged_gzip_input_keeps_what_was_read(corpus60: tuple[Path, int], tmp_path: Path,
                                                  table_counts: Counts) -> None:
    import gzip

    src, _ = corpus60
    data = gzip.compress(src.read_bytes())
    damaged = tmp_path / "cut.jsonl.gz"
    damaged.write_bytes(data[: len(data) // 2])  # a download that broke off
    db = tmp_path / "k.db"
    with pytest.raises(InputError, match=r"cut\.jsonl\.gz: cannot read past .*cut\.jsonl\.gz:\d+"):
        ingest([str(damaged)], db, workers=1, progress=False, batch_size=1000)
    stored = table_counts(db)["articles"]
    assert stored > 0  # the records before the damage are stored, in one committed batch
    report = ingest([str(src)], db, workers=1, progress=False)
    assert report.unchanged == stored


def test_force_rewrites_unchanged_records(corpus60: tuple[Path, int], tmp_path: Path, table_counts: Counts) -> None:
    src, _ = corpus60
    db = tmp_path / "k.db"
    ingest([str(src)], db, workers=1, progress=False, limit=10)
    conn = open_readonly(db)
    before = dict(conn.execute("SELECT doc_id, id FROM articles"))
    conn.close()
    counts = table_counts(db)
    report = ingest([str(src)], db, workers=1, progress=False, limit=10, force=True, retry_failures=True)
    assert report.updated == len(before)
    assert table_counts(db) == counts
    conn = open_readonly(db)
    assert dict(conn.execute("SELECT doc_id, id FROM articles")) == before  # same rows, rewritten in place
    conn.close()
