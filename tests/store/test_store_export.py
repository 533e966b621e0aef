"""Exports in every format, read back: same rows, same values, and a GDELT-style event table."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from khabar.errors import StoreError
from khabar.store.db import open_readonly
from khabar.store.export import TABLE_NAMES, export, export_records
from khabar.store.query import stats


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _read_parquet(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


READERS = {"jsonl": _read_jsonl, "csv": _read_csv, "parquet": _read_parquet}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_reads_back(fmt: str, small_store: Path, tmp_path: Path) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    conn = open_readonly(small_store)
    try:
        result = export(conn, tmp_path / fmt, fmt)
        s = stats(conn)
    finally:
        conn.close()
    assert set(result) == set(TABLE_NAMES)
    tables = {name: READERS[fmt](Path(info["path"])) for name, info in result.items()}
    for name, rows in tables.items():
        assert len(rows) == result[name]["rows"], name
    assert len(tables["articles"]) == s["articles"]
    assert len(tables["events"]) == s["events"]
    assert len(tables["entities"]) == s["entities"]
    assert len(tables["quotes"]) == s["quotes"]
    assert len(tables["amounts"]) == s["amounts"]
    assert len(tables["gdelt_events"]) == s["distinct_events"]

    art = {r["id"]: r for r in tables["articles"]}["hand-sanction-copy"]
    assert art["group"] == "hand-sanction"
    assert "فرضت الولايات المتحدة" in art["body"]
    money = [r for r in tables["amounts"] if r["article"] == "hand-sanction" and r["kind"] == "money"]
    assert float(money[0]["value"]) == 2.5e9
    nato = [r for r in tables["entities"] if r["article"] == "hand-sanction" and r["code"] == "NATO"]
    aliases = nato[0]["aliases"]
    assert (json.loads(aliases) if fmt == "csv" else aliases) == []
    turkey = next(r for r in tables["entities"] if r["article"] == "hand-sanction" and r["code"] == "TUR")
    assert (json.loads(turkey["aliases"]) if fmt == "csv" else turkey["aliases"]) == ["أنقرة"]
    arms = next(r for r in tables["arms_transfers"] if r["article"] == "hand-sanction")
    sentences = json.loads(arms["sentences"]) if fmt == "csv" else arms["sentences"]
    assert "سلمت" in sentences[0]
    denied = next(r for r in tables["events"] if r["article"] == "hand-arrest" and r["type"] == "MOBILIZE")
    assert denied["scored"] in (False, "false")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_gdelt_table(fmt: str, hand_store: Path, tmp_path: Path) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    conn = open_readonly(hand_store)
    try:
        info = export(conn, tmp_path, fmt, ("gdelt_events",))["gdelt_events"]
    finally:
        conn.close()
    rows = {r["PloverType"]: r for r in READERS[fmt](Path(info["path"]))}
    assert set(rows) == {"SANCTION", "REJECT", "COOPERATE", "COERCE", "THREATEN"}
    sanction = rows["SANCTION"]

    def val(v: object) -> str:
        return str(v)

    assert val(sanction["EventCode"]) == "163"
    assert val(sanction["EventBaseCode"]) == "163"
    assert val(sanction["EventRootCode"]) == "16"
    assert val(sanction["QuadClass"]) == "4"
    assert val(sanction["SQLDATE"]) == "20150720"
    assert val(sanction["Actor1Code"]) == "USAGOV"  # CAMEO actor code: country + role
    assert val(sanction["Actor1CountryCode"]) == "USA"
    assert val(sanction["Actor2CountryCode"]) == "TUR"
    assert val(sanction["NumArticles"]) == "2"  # the copy in the other paper
    assert val(sanction["NumSources"]) == "2"
    assert sanction["InQuote"] in (False, "false")
    # no CAMEO code from the events stage: the PLOVER type's usual root stands in
    assert val(rows["REJECT"]["EventRootCode"]) == "12"
    assert val(rows["REJECT"]["QuadClass"]) == "3"
    cooperate = rows["COOPERATE"]
    assert val(cooperate["MonthYear"]) == "201907"
    assert cooperate["SQLDATE"] in (None, "")  # a month is not a day
    assert val(rows["COERCE"]["EventRootCode"]) == "17"
    assert val(rows["THREATEN"]["EventCode"]) == "138"


def test_records_export_round_trips(hand_store: Path, hand_records: list, tmp_path: Path) -> None:
    conn = open_readonly(hand_store)
    try:
        n = export_records(conn, tmp_path / "records.jsonl")
    finally:
        conn.close()
    records = _read_jsonl(tmp_path / "records.jsonl")
    assert n == len(records) == 3
    assert records[0]["events_all"] == hand_records[0][0]["events_all"]
    assert records[0]["entities"] == hand_records[0][0]["entities"]


def test_export_errors(hand_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = open_readonly(hand_store)
    try:
        with pytest.raises(StoreError, match="unknown export format"):
            export(conn, tmp_path, "xlsx")
        with pytest.raises(StoreError, match="unknown table 'people'"):
            export(conn, tmp_path, "csv", ("people",))
        (tmp_path / "file").write_text("x")
        with pytest.raises(StoreError, match="not a folder"):
            export(conn, tmp_path / "file", "csv")
        monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if pyarrow were not installed
        with pytest.raises(StoreError, match="Parquet export needs pyarrow"):
            export(conn, tmp_path / "pq", "parquet")
        assert not (tmp_path / "pq").exists()
        # the connection is still usable after a failed export
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    finally:
        conn.close()


def test_export_leaves_no_transaction_open(hand_store: Path, tmp_path: Path) -> None:
    # an open read transaction would pin the WAL and keep a running ingest from checkpointing
    reader = open_readonly(hand_store)
    try:
        export(reader, tmp_path / "a", "jsonl")
        assert not reader.in_transaction
    finally:
        reader.close()
