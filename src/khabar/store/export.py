"""Export a store as JSONL, CSV or Parquet tables, with a GDELT-style event table."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from khabar.errors import StoreError
from khabar.store.write import decode_record

FORMATS = ("jsonl", "csv", "parquet")
PARQUET_BATCH = 10_000  # rows per Parquet row group: bounded memory on large stores

# The GDELT-style table keeps GDELT 2.0's column names where khabar has the value (no Goldstein scale,
# tone or root-paragraph flag), and adds khabar's own after them (PloverType ... Sentence).
# CAMEO event code per PLOVER type, for events the events stage left without one. PLOVER folds
# several CAMEO roots into one type; the code given is the base code of the root it mostly comes from.
PLOVER_CAMEO = {
    "AGREE": "057", "CONSULT": "040", "SUPPORT": "051", "CONCEDE": "080", "COOPERATE": "060", "AID": "070",
    "RETREAT": "087", "REQUEST": "020", "ACCUSE": "112", "REJECT": "120", "THREATEN": "130", "PROTEST": "140",
    "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170", "ASSAULT": "190",
}


@dataclass(frozen=True, slots=True)
class Table:
    """An exported table: its columns with their types, and how to read its rows."""

    name: str
    columns: tuple[tuple[str, str], ...]  # (name, type); types: str, int, float, bool, list
    rows: Callable[[sqlite3.Connection], Iterator[tuple[Any, ...]]]


def _query(sql: str, convert: Callable[[tuple[Any, ...]], tuple[Any, ...]] | None = None
           ) -> Callable[[sqlite3.Connection], Iterator[tuple[Any, ...]]]:
    def rows(conn: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
        cur = conn.execute(sql)
        while batch := cur.fetchmany(1000):
            yield from (map(convert, batch) if convert else batch)
    return rows


def _with_lists(*positions: int) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    def convert(r: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(json.loads(v) if i in positions and v is not None else v for i, v in enumerate(r))
    return convert


def _with_bools(*positions: int) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    def convert(r: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(bool(v) if i in positions and v is not None else v for i, v in enumerate(r))
    return convert


def _article_rows(conn: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    cur = conn.execute(
        "SELECT a.doc_id, a.title, a.url, a.source, a.date, a.author, a.dateline_place, a.dateline_agency,"
        " a.word_count, a.reading_minutes, d.record, g.doc_id, a.resemblance, a.ingested_at"
        " FROM articles a JOIN articles g ON g.id = a.group_id JOIN documents d ON d.article_id = a.id"
        " ORDER BY a.id")
    while batch := cur.fetchmany(500):
        for r in batch:
            body = "\n\n".join(str(p) for p in decode_record(r[10]).get("body") or [])
            yield (*r[:10], body, *r[11:])


_A = "(SELECT doc_id FROM articles WHERE id = t.article_id)"


def _gdelt_rows(conn: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    sql = (
        "WITH g AS (SELECT count(DISTINCT a.id) AS articles, count(DISTINCT a.source) AS papers,"
        " count(*) AS sentences, min((a.id << 20) + e.seq) AS first FROM events e"
        " JOIN articles a ON a.id = e.article_id WHERE e.scored GROUP BY a.group_id, e.type, e.source, e.target)"
        " SELECT coalesce(e.date, a.date), e.source, e.source_text, e.source_sector, e.target, e.target_text,"
        " e.target_sector, e.type, e.cameo, e.status, e.confidence, e.location, e.in_quote, g.sentences, g.papers,"
        " g.articles, a.ingested_at, a.url, a.doc_id, e.sentence FROM g JOIN events e"
        " ON e.article_id = g.first >> 20 AND e.seq = g.first & 1048575 JOIN articles a ON a.id = e.article_id"
        " ORDER BY a.id, e.seq"
    )
    for n, r in enumerate(conn.execute(sql), 1):
        (day, src, src_text, src_sector, tgt, tgt_text, tgt_sector, ptype, cameo, status, conf, loc, in_quote,
         sentences, papers, articles, added, url, doc_id, sentence) = r
        code = _cameo(cameo, ptype)
        root = code[:2] if code else None
        yield (
            n, _int_date(day, 10), _int_date(day, 7), _int_date(day, 4), day,
            *_actor(src, src_text, src_sector), *_actor(tgt, tgt_text, tgt_sector),
            code, code[:3] if code else None, root, _quad(root),
            sentences, papers, articles, loc, _int_date(added, 19), url,
            ptype, status, conf, bool(in_quote), doc_id, sentence,
        )


def _cameo(cameo: str | None, ptype: str) -> str | None:
    code = (cameo or "").strip()
    if code.isdigit() and len(code) >= 2:
        return code if len(code) >= 3 else code + "0"
    return PLOVER_CAMEO.get(ptype)


def _quad(root: str | None) -> int | None:
    """Return GDELT's QuadClass: verbal/material cooperation (1, 2), verbal/material conflict (3, 4)."""
    if not root or not root.isdigit():
        return None
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def _int_date(value: str | None, length: int) -> int | None:
    """Return YYYYMMDD, YYYYMM or YYYY (or YYYYMMDDHHMMSS) as an int, if value is that precise."""
    if not value or len(value) < length:
        return None
    digits = "".join(ch for ch in value[:length] if ch.isdigit())
    return int(digits) if digits else None


def _actor(code: str | None, text: str | None, sector: str | None) -> tuple[Any, ...]:
    is_state = bool(code) and len(code) == 3 and code.isalpha() and code.isupper()
    # CAMEO actor codes append the role to the country: USA + GOV = USAGOV
    cameo = (code + (sector or "")) if is_state else code
    return cameo, text or code, code if is_state else None, sector


TABLES: tuple[Table, ...] = (
    Table("articles", (("id", "str"), ("title", "str"), ("url", "str"), ("source", "str"), ("date", "str"),
                       ("author", "str"), ("dateline_place", "str"), ("dateline_agency", "str"),
                       ("word_count", "int"), ("reading_minutes", "int"), ("body", "str"), ("group", "str"),
                       ("resemblance", "float"), ("ingested_at", "str")), _article_rows),
    Table("entities", (("article", "str"), ("entity", "int"), ("name", "str"), ("type", "str"), ("code", "str"),
                       ("sector", "str"), ("role", "str"), ("aliases", "list"), ("mentions", "int")),
          _query(f"SELECT {_A}, entity, name, type, code, sector, role, aliases, mention_count FROM entities t"
                 " ORDER BY article_id, entity", _with_lists(7))),
    Table("mentions", (("article", "str"), ("entity", "int"), ("start", "int"), ("end", "int"), ("text", "str"),
                       ("source", "str")),
          _query(f"SELECT {_A}, entity, start, end, text, source FROM mentions t ORDER BY article_id, rowid")),
    Table("quotes", (("article", "str"), ("seq", "int"), ("speaker", "str"), ("speaker_entity", "int"),
                     ("speaker_description", "str"), ("via", "str"), ("text", "str"), ("direct", "bool"),
                     ("cue", "str"), ("start", "int"), ("end", "int")),
          _query(f"SELECT {_A}, seq, speaker, speaker_entity, speaker_description, via, text, direct, cue, start, end"
                 " FROM quotes t ORDER BY article_id, seq", _with_bools(7))),
    Table("amounts", (("article", "str"), ("seq", "int"), ("kind", "str"), ("value", "float"), ("currency", "str"),
                      ("unit", "str"), ("value_max", "float"), ("text", "str"), ("start", "int"), ("end", "int")),
          _query(f"SELECT {_A}, seq, kind, value, currency, unit, value_max, text, start, end FROM amounts t"
                 " ORDER BY article_id, seq")),
    Table("dates", (("article", "str"), ("seq", "int"), ("text", "str"), ("iso", "str"), ("granularity", "str"),
                    ("calendar", "str"), ("relative", "bool"), ("start", "int"), ("end", "int")),
          _query(f"SELECT {_A}, seq, text, iso, granularity, calendar, relative, start, end FROM dates t"
                 " ORDER BY article_id, seq", _with_bools(6))),
    Table("events", (("article", "str"), ("seq", "int"), ("type", "str"), ("source", "str"), ("target", "str"),
                     ("source_entity", "int"), ("target_entity", "int"), ("source_text", "str"),
                     ("target_text", "str"), ("source_sector", "str"), ("target_sector", "str"), ("trigger", "str"),
                     ("trigger_start", "int"), ("trigger_end", "int"), ("sentence", "str"),
                     ("sentence_start", "int"), ("sentence_end", "int"), ("status", "str"), ("date", "str"),
                     ("location", "str"), ("confidence", "float"), ("cameo", "str"), ("symmetric", "bool"),
                     ("in_quote", "bool"), ("scored", "bool"), ("group", "str")),
          _query(f"SELECT {_A}, seq, type, source, target, source_entity, target_entity, source_text, target_text,"
                 " source_sector, target_sector, trigger, trigger_start, trigger_end, sentence, sentence_start,"
                 " sentence_end, status, date, location, confidence, cameo, symmetric, in_quote, scored,"
                 " (SELECT g.doc_id FROM articles a JOIN articles g ON g.id = a.group_id WHERE a.id = t.article_id)"
                 " FROM events t ORDER BY article_id, seq", _with_bools(22, 23, 24))),
    Table("arms_transfers", (("article", "str"), ("seq", "int"), ("supplier", "str"), ("recipient", "str"),
                             ("system", "str"), ("status", "str"), ("quantity", "float"), ("value", "float"),
                             ("currency", "str"), ("year", "int"), ("sentences", "list")),
          _query(f"SELECT {_A}, seq, supplier, recipient, system, status, quantity, value, currency, year, sentences"
                 " FROM arms_transfers t ORDER BY article_id, seq", _with_lists(10))),
    Table("gdelt_events", (
        ("GLOBALEVENTID", "int"), ("SQLDATE", "int"), ("MonthYear", "int"), ("Year", "int"), ("DateText", "str"),
        ("Actor1Code", "str"), ("Actor1Name", "str"), ("Actor1CountryCode", "str"), ("Actor1Type1Code", "str"),
        ("Actor2Code", "str"), ("Actor2Name", "str"), ("Actor2CountryCode", "str"), ("Actor2Type1Code", "str"),
        ("EventCode", "str"), ("EventBaseCode", "str"), ("EventRootCode", "str"),
        ("QuadClass", "int"), ("NumMentions", "int"), ("NumSources", "int"), ("NumArticles", "int"),
        ("ActionGeo_FullName", "str"), ("DATEADDED", "int"), ("SOURCEURL", "str"),
        ("PloverType", "str"), ("Status", "str"), ("Confidence", "float"), ("InQuote", "bool"), ("ArticleId", "str"),
        ("Sentence", "str")), _gdelt_rows),
)
TABLE_NAMES = tuple(t.name for t in TABLES)


def export(conn: sqlite3.Connection, out_dir: str | Path, fmt: str,
           tables: tuple[str, ...] = TABLE_NAMES) -> dict[str, dict[str, Any]]:
    """Write each table to out_dir/<table>.<fmt>; return each file's path and row count.

    Args:
        conn: a store connection (read-only is enough).
        out_dir: the folder to write into (created if absent).
        fmt: jsonl, csv or parquet (Parquet needs pyarrow).
        tables: which tables to write.

    Returns:
        {table: {"path": str, "rows": int}}.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    unknown = [t for t in tables if t not in TABLE_NAMES]
    if unknown:
        raise StoreError(f"unknown table {unknown[0]!r}; the tables are {', '.join(TABLE_NAMES)}")
    writer = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}[fmt]
    if fmt == "parquet":
        _pyarrow()
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise StoreError(f"{out} exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    result = {}
    # one read transaction: every table of the export shows the same moment of the store
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        for table in TABLES:
            if table.name in tables:
                path = out / f"{table.name}.{fmt}"
                n = writer(path, table, table.rows(conn))
                result[table.name] = {"path": str(path), "rows": n}
    finally:
        if own:
            conn.execute("COMMIT")
    return result


def _write_jsonl(path: Path, table: Table, rows: Iterator[tuple[Any, ...]]) -> int:
    names = [c[0] for c in table.columns]
    enc = msgspec.json.Encoder()
    n = 0
    with path.open("wb") as f:
        for r in rows:
            f.write(enc.encode(dict(zip(names, r, strict=True))) + b"\n")
            n += 1
    return n


def _write_csv(path: Path, table: Table, rows: Iterator[tuple[Any, ...]]) -> int:
    kinds = [c[1] for c in table.columns]
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([c[0] for c in table.columns])
        for r in rows:
            w.writerow([_csv_cell(v, k) for v, k in zip(r, kinds, strict=True)])
            n += 1
    return n


def _csv_cell(v: Any, kind: str) -> Any:
    if v is None:
        return ""
    if kind == "list":
        return json.dumps(v, ensure_ascii=False)
    if kind == "bool":
        return "true" if v else "false"
    return v


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as e:
        raise StoreError("Parquet export needs pyarrow: pip install 'khabar[store]' (or pip install pyarrow)") from e
    return pyarrow


def _write_parquet(path: Path, table: Table, rows: Iterator[tuple[Any, ...]]) -> int:
    pa = _pyarrow()
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "list": pa.list_(pa.string())}
    schema = pa.schema([(name, types[kind]) for name, kind in table.columns])
    n = 0
    with pa.parquet.ParquetWriter(path, schema) as w:
        batch: list[tuple[Any, ...]] = []
        for r in rows:
            batch.append(r)
            if len(batch) >= PARQUET_BATCH:
                w.write_table(_arrow_table(pa, schema, batch))
                n += len(batch)
                batch = []
        if batch or n == 0:
            w.write_table(_arrow_table(pa, schema, batch))
            n += len(batch)
    return n


def _arrow_table(pa: Any, schema: Any, batch: list[tuple[Any, ...]]) -> Any:
    columns = list(zip(*batch, strict=True)) if batch else [[] for _ in schema]
    return pa.Table.from_arrays([pa.array(list(col), type=f.type) for col, f in zip(columns, schema, strict=True)],
                                schema=schema)


def export_records(conn: sqlite3.Connection, path: str | Path) -> int:
    """Write every stored output record as JSONL (the same records `khabar extract` prints)."""
    n = 0
    with Path(path).open("wb") as f:
        cur = conn.execute("SELECT record FROM documents ORDER BY article_id")
        while batch := cur.fetchmany(500):
            for (blob,) in batch:
                f.write(msgspec.json.encode(decode_record(blob)) + b"\n")
                n += 1
    return n
