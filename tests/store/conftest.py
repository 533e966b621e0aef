"""Fixtures for the store tests: a small real corpus file and a store built from it."""

from __future__ import annotations

import gzip
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from khabar.batch import process
from khabar.ingest import InputRecord
from khabar.store.db import open_store
from khabar.store.ingest import ingest
from khabar.store.rows import from_record
from khabar.store.write import Writer

# Hand-written wire story, a trimmed re-headed copy of it in another paper, and an unrelated story.
SANCTION_TEXT = (
    "واشنطن (رويترز) - فرضت الولايات المتحدة يوم الاثنين عقوبات جديدة على تركيا بسبب شرائها منظومة"
    " الدفاع الجوي الروسية إس 400، وقال وزير الخارجية الأميركي إن واشنطن ستواصل الضغط على أنقرة حتى"
    " تتخلى عن الصفقة التي بلغت قيمتها 2.5 مليار دولار.\n\n"
    "وأضاف الوزير في مؤتمر صحافي أن العقوبات تشمل هيئة الصناعات الدفاعية التركية ورئيسها، وأن بلاده"
    " لن تقبل بوجود المنظومة الروسية داخل حلف شمال الأطلسي. وردت وزارة الخارجية التركية بأن القرار"
    " خاطئ وأن أنقرة لن تتراجع عن حقها في الدفاع عن نفسها.\n\n"
    "وكانت روسيا قد سلمت تركيا الدفعة الأولى من المنظومة في يوليو 2019، وتتفاوض الدولتان منذ أشهر على"
    " دفعة ثانية تقول موسكو إنها باتت قريبة."
)
SANCTION_COPY = (
    "فرضت الولايات المتحدة يوم الاثنين عقوبات جديدة على تركيا بسبب شرائها منظومة"
    " الدفاع الجوي الروسية إس 400، وقال وزير الخارجية الأميركي إن واشنطن ستواصل الضغط على أنقرة حتى"
    " تتخلى عن الصفقة التي بلغت قيمتها 2.5 مليار دولار.\n\n"
    "وأضاف الوزير في مؤتمر صحافي أن العقوبات تشمل هيئة الصناعات الدفاعية التركية ورئيسها، وأن بلاده"
    " لن تقبل بوجود المنظومة الروسية داخل حلف شمال الأطلسي. وردت وزارة الخارجية التركية بأن القرار"
    " خاطئ وأن أنقرة لن تتراجع عن حقها في الدفاع عن نفسها."
)
ARREST_TEXT = (
    "اعتقلت الشرطة التركية اليوم عشرين شخصا يشتبه في انتمائهم إلى تنظيم داعش في مداهمات شملت مدنا عدة"
    " في جنوب البلاد، بحسب ما أعلنت وزارة الداخلية في بيان. وقال البيان إن المعتقلين كانوا يخططون"
    " لهجمات في إسطنبول وأنقرة، وإن الأجهزة الأمنية صادرت أسلحة ومتفجرات. وهددت الحكومة السورية"
    " بالرد على أي توغل تركي، فيما نفت أنقرة أنها تنوي إرسال قوات إلى الحدود."
)


def _at(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def _sentence(text: str, surface: str) -> tuple[str, int, int]:
    s, _ = _at(text, surface)
    start = max(text.rfind(".", 0, s), text.rfind("\n", 0, s)) + 1
    while text[start] in " \n":
        start += 1
    end = text.index(".", s) + 1
    return text[start:end], start, end


def _event(text: str, etype: str, src: str | None, tgt: str | None, trigger: str, status: str = "done",
           date: str | None = None, cameo: str | None = None, symmetric: bool = False) -> dict[str, Any]:
    ts, te = _at(text, trigger)
    sentence, ss, se = _sentence(text, trigger)
    actor = {"entity": None, "text": None, "sector": "GOV", "start": None, "end": None}
    return {"type": etype, "source": src, "target": tgt, "source_actor": dict(actor, code=src),
            "target_actor": dict(actor, code=tgt), "trigger": trigger, "trigger_start": ts, "trigger_end": te,
            "sentence": sentence, "sentence_start": ss, "sentence_end": se, "status": status, "date": date,
            "location": None, "confidence": 0.8, "cameo": cameo, "symmetric": symmetric, "in_quote": False}


def _entity(text: str, n: int, name: str, etype: str, code: str | None, surfaces: list[str]) -> dict[str, Any]:
    mentions = []
    for s in surfaces:
        a, b = _at(text, s)
        mentions.append({"start": a, "end": b, "text": s, "source": "gazetteer"})
    return {"id": n, "name": name, "type": etype, "code": code, "sector": None, "role": None,
            "aliases": sorted(set(surfaces) - {name}), "mentions": mentions}


def annotate_sanction(record: dict[str, Any], text: str) -> dict[str, Any]:
    """Add the annotations a full pipeline gives the sanction story (hand-checked against its text)."""
    record["entities"] = [
        _entity(text, 0, "الولايات المتحدة", "LOC", "USA", ["الولايات المتحدة", "واشنطن"]),
        _entity(text, 1, "تركيا", "LOC", "TUR", ["تركيا", "أنقرة"]),
        _entity(text, 2, "حلف شمال الأطلسي", "ORG", "NATO", ["حلف شمال الأطلسي"]),
    ]
    if "روسيا" in text:
        record["entities"].append(_entity(text, 3, "روسيا", "LOC", "RUS", ["روسيا", "موسكو"]))
    a, b = _at(text, "إن واشنطن ستواصل الضغط على أنقرة")
    record["quotes"] = [{"speaker": None, "speaker_id": None, "speaker_description": "وزير الخارجية الأميركي",
                         "via": None, "text": text[a:b], "direct": False, "cue": "قال", "start": a, "end": b}]
    a, b = _at(text, "2.5 مليار دولار")
    record["amounts"] = [{"kind": "money", "value": 2.5e9, "currency": "USD", "unit": None, "value_max": None,
                          "text": text[a:b], "start": a, "end": b}]
    a, b = _at(text, "يوم الاثنين")
    record["dates"] = [{"text": text[a:b], "iso": "2015-07-20", "granularity": "day", "calendar": "gregorian",
                        "relative": True, "start": a, "end": b}]
    record["arms_transfers"] = []
    record["events_all"] = [
        _event(text, "SANCTION", "USA", "TUR", "فرضت", date="2015-07-20", cameo="163"),
        _event(text, "REJECT", "TUR", "USA", "لن تتراجع", date="2015-07-20"),
    ]
    if "سلمت" in text:
        record["events_all"].append(_event(text, "COOPERATE", "RUS", "TUR", "سلمت", date="2019-07"))
        record["events_all"].append(_event(text, "AGREE", "RUS", "TUR", "تتفاوض", status="hypothetical"))
        s, _, _ = _sentence(text, "سلمت")
        record["arms_transfers"] = [{"supplier": "RUS", "recipient": "TUR", "system": "S-400", "status": "delivered",
                                     "quantity": None, "value": None, "currency": None, "year": 2019,
                                     "sentences": [s]}]
    return record


def annotate_arrest(record: dict[str, Any], text: str) -> dict[str, Any]:
    """Add the annotations of the arrest story: a coercion, a threat, and a denied deployment."""
    record["entities"] = [
        _entity(text, 0, "تركيا", "LOC", "TUR", ["التركية", "أنقرة"]),
        _entity(text, 1, "داعش", "ORG", None, ["داعش"]),
        _entity(text, 2, "سوريا", "LOC", "SYR", ["السورية"]),
    ]
    a, b = _at(text, "إن المعتقلين كانوا يخططون لهجمات في إسطنبول وأنقرة")
    record["quotes"] = [{"speaker": None, "speaker_id": None, "speaker_description": "البيان", "via": None,
                         "text": text[a:b], "direct": False, "cue": "قال", "start": a, "end": b}]
    a, b = _at(text, "عشرين شخصا")
    record["amounts"] = [{"kind": "count", "value": 20.0, "currency": None, "unit": "شخص", "value_max": None,
                          "text": text[a:b], "start": a, "end": b}]
    record["dates"] = []
    record["arms_transfers"] = []
    record["events_all"] = [
        _event(text, "COERCE", "TUR", "داعش", "اعتقلت", date="2015-08-02", cameo="173"),
        _event(text, "THREATEN", "SYR", "TUR", "وهددت", date="2015-08-02", cameo="138"),
        _event(text, "MOBILIZE", "TUR", "SYR", "إرسال قوات", status="denied", date="2015-08-02"),
    ]
    return record


def annotated(doc_id: str, text: str, source: str, date: str,
              annotate: Callable[[dict[str, Any], str], dict[str, Any]]) -> tuple[dict[str, Any], str]:
    """Run the real pipeline on text, then add the hand-checked annotations."""
    rec = InputRecord(f"hand:{doc_id}", doc_id, {"id": doc_id, "text": text, "source": source, "date": date})
    record = process(rec)
    assert "error" not in record, record
    return annotate(record, text), text


@pytest.fixture(scope="session")
def hand_records() -> list[tuple[dict[str, Any], str]]:
    """Return the three hand-annotated records (output record, input text)."""
    return [
        annotated("hand-sanction", SANCTION_TEXT, "wire", "2015-07-20", annotate_sanction),
        annotated("hand-sanction-copy", SANCTION_COPY, "paper", "2015-07-21", annotate_sanction),
        annotated("hand-arrest", ARREST_TEXT, "wire", "2015-08-02", annotate_arrest),
    ]


def write_records(conn: sqlite3.Connection, records: list[tuple[dict[str, Any], str]]) -> list[str]:
    """Store hand-made records through the real writer; return the outcomes."""
    w = Writer(conn, batch_size=10)
    outcomes = [w.write(from_record(r["id"], "hash-" + r["id"], f"hand:{r['id']}", dict(r), text))
                for r, text in records]
    w.commit()
    return outcomes


@pytest.fixture(scope="session")
def small_store(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory,
                hand_records: list[tuple[dict[str, Any], str]]) -> Path:
    """Build a store from 120 real corpus articles and the hand-annotated records; return its path."""
    folder = tmp_path_factory.mktemp("store")
    src = folder / "corpus.jsonl"
    write_corpus(shared_dir, src, 120)
    db = folder / "small.db"
    report = ingest([str(src)], db, workers=1, progress=False)
    assert report.new > 100
    conn = open_store(db)
    try:
        write_records(conn, hand_records)
    finally:
        conn.close()
    return db


def write_corpus(shared: Path, path: Path, n: int, start: int = 0) -> int:
    """Copy corpus records [start, start + n) to a JSONL file; return how many have text."""
    with_text = 0
    with gzip.open(shared / "corpus" / "saudinewsnet.jsonl.gz", "rt", encoding="utf-8") as src, \
            path.open("w", encoding="utf-8") as f:
        for i, line in enumerate(src):
            if i >= start + n:
                break
            if i >= start:
                with_text += bool((json.loads(line).get("text") or "").strip())
                f.write(line)
    return with_text


@pytest.fixture
def rows_of() -> Iterator[Callable[[sqlite3.Connection, str], int]]:
    """Return a function counting a table's rows."""
    yield lambda conn, table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


STORED_TABLES = ("articles", "documents", "entities", "mentions", "quotes", "amounts", "dates", "events",
                 "arms_transfers", "failures", "lsh", "search")


@pytest.fixture
def table_counts() -> Callable[[Path], dict[str, int]]:
    """Return a function giving the row count of every stored table of a store file."""
    from khabar.store.db import open_readonly

    def counts(db: Path) -> dict[str, int]:
        conn = open_readonly(db)
        try:
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in STORED_TABLES}
        finally:
            conn.close()
    return counts


@pytest.fixture
def corpus_writer(shared_dir: Path) -> Callable[[Path, int, int], int]:
    """Return a function copying corpus records [start, start + n) to a file; it returns how many have text."""
    return lambda path, n, start=0: write_corpus(shared_dir, path, n, start)


@pytest.fixture(scope="session")
def hand_store(tmp_path_factory: pytest.TempPathFactory, hand_records: list[tuple[dict[str, Any], str]]) -> Path:
    """Build a store of the three hand-annotated records only: exact counts are known."""
    db = tmp_path_factory.mktemp("hand") / "hand.db"
    conn = open_store(db)
    try:
        write_records(conn, hand_records)
    finally:
        conn.close()
    return db
