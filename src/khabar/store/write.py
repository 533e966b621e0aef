"""The single writer: stores prepared records in batches, links near-duplicates, records failures."""

from __future__ import annotations

import sqlite3
import zlib
from typing import Any

import msgspec

from khabar.errors import StoreError
from khabar.store.db import khabar_version, now
from khabar.store.dedup import band_keys, copy_score
from khabar.store.rows import Prepared, search_text
from khabar.store.textindex import index_forms

NEW, UPDATED, UNCHANGED, FAILED = "new", "updated", "unchanged", "failed"
CACHE_KIB = 65_536  # the writer's page cache: 64 MiB
CHECKPOINT_PAGES = 8_000  # WAL pages (about 32 MB) between automatic checkpoints

_CHILD_TABLES = ("entities", "mentions", "quotes", "amounts", "dates", "events", "arms_transfers")
_INSERTS = {
    "entities": "INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "mentions": "INSERT INTO mentions VALUES (?,?,?,?,?,?)",
    "quotes": "INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "amounts": "INSERT INTO amounts VALUES (?,?,?,?,?,?,?,?,?,?)",
    "dates": "INSERT INTO dates VALUES (?,?,?,?,?,?,?,?,?)",
    "events": "INSERT INTO events VALUES (" + ",".join("?" * 25) + ")",
    "arms_transfers": "INSERT INTO arms_transfers VALUES (?,?,?,?,?,?,?,?,?,?,?)",
}
_ARTICLE_COLUMNS = ("title", "url", "source", "date", "author", "dateline_place", "dateline_agency", "word_count",
                    "reading_minutes")


class Writer:
    """Write prepared records through one connection, committing every `batch_size` records."""

    def __init__(self, conn: sqlite3.Connection, batch_size: int = 100, force: bool = False) -> None:
        self.conn = conn
        self.batch_size = max(1, batch_size)
        self.force = force  # rewrite records stored with the same content (after a khabar upgrade)
        self.pending = 0
        self.version = khabar_version()
        # a bigger page cache keeps the index b-trees hot; a longer WAL means fewer checkpoints (fsyncs)
        conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")

    def write(self, p: Prepared) -> str:
        """Store one record (or its failure) in the open batch; return what happened to it."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("SAVEPOINT article")
        try:
            outcome = self._failure(p) if p.error else self._article(p)
            self.conn.execute("RELEASE article")
        except sqlite3.Error as e:
            # this record alone is undone; what is stored already stays as it was
            self.conn.execute("ROLLBACK TO article")
            self.conn.execute("RELEASE article")
            p.error = f"{p.origin}: cannot store record {p.doc_id!r}: {e}"
            self._failure(p)
            outcome = FAILED
        self.pending += 1
        if self.pending >= self.batch_size:
            self.commit()
        return outcome

    def commit(self) -> None:
        """Commit the open batch."""
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self.pending = 0

    def rollback(self) -> None:
        """Drop the open batch (on interruption): nothing of it is kept, nothing before it is lost."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.pending = 0

    def _failure(self, p: Prepared) -> str:
        self.conn.execute(
            "INSERT INTO failures(doc_id, origin, content_hash, reason, khabar_version, at) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT(doc_id) DO UPDATE SET origin = excluded.origin, content_hash = excluded.content_hash,"
            " reason = excluded.reason, khabar_version = excluded.khabar_version, at = excluded.at",
            (p.doc_id, p.origin, p.content_hash, p.error, self.version, now()))
        return FAILED

    def _article(self, p: Prepared) -> str:
        c = self.conn
        row = c.execute("SELECT id, content_hash FROM articles WHERE doc_id = ?", (p.doc_id,)).fetchone()
        if row is not None and row[1] == p.content_hash and not self.force:
            c.execute("DELETE FROM failures WHERE doc_id = ?", (p.doc_id,))
            return UNCHANGED
        values = (p.content_hash, p.body_hash, p.origin, *p.article, self.version, now())
        if row is None:
            cur = c.execute(
                "INSERT INTO articles(content_hash, body_hash, origin, " + ", ".join(_ARTICLE_COLUMNS)
                + ", khabar_version, ingested_at, doc_id, group_id) VALUES ("
                + ",".join("?" * (len(values) + 1)) + ", 0)", (*values, p.doc_id))
            aid = int(cur.lastrowid or 0)
            outcome = NEW
        else:
            aid = row[0]
            self._remove_children(aid)
            c.execute(
                "UPDATE articles SET content_hash = ?, body_hash = ?, origin = ?, "
                + ", ".join(f"{col} = ?" for col in _ARTICLE_COLUMNS)
                + ", khabar_version = ?, ingested_at = ? WHERE id = ?", (*values, aid))
            outcome = UPDATED
        c.execute("INSERT INTO documents(article_id, minhash, text, record) VALUES (?,?,?,?)",
                  (aid, p.minhash, p.text, p.record))
        for table, rows in zip(_CHILD_TABLES, (p.entities, p.mentions, p.quotes, p.amounts, p.dates, p.events,
                                               p.arms), strict=True):
            if rows:
                c.executemany(_INSERTS[table], [(aid, *r) for r in rows])
        c.execute("INSERT INTO search(rowid, stems, skel) VALUES (?,?,?)", (aid, *p.search))
        self._link(aid, p)
        c.execute("DELETE FROM failures WHERE doc_id = ?", (p.doc_id,))
        return outcome

    def _remove_children(self, aid: int) -> None:
        c = self.conn
        old_minhash, old_record = c.execute("SELECT minhash, record FROM documents WHERE article_id = ?",
                                            (aid,)).fetchone()
        c.execute("DELETE FROM documents WHERE article_id = ?", (aid,))
        for table in _CHILD_TABLES:
            c.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
        if old_minhash is not None:
            c.executemany("DELETE FROM lsh WHERE key = ? AND article_id = ?",
                          [(k, aid) for k in band_keys(old_minhash)])
        # a contentless index forgets a row only when given the very forms it indexed
        c.execute("INSERT INTO search(search, rowid, stems, skel) VALUES ('delete', ?, ?, ?)",
                  (aid, *search_forms(old_record)))

    def _link(self, aid: int, p: Prepared) -> None:
        """Put the article in the near-duplicate group of the earliest stored copy, merging groups it joins."""
        c = self.conn
        groups: dict[int, float] = {}
        for (gid,) in c.execute("SELECT group_id FROM articles WHERE body_hash = ? AND id != ?",
                                (p.body_hash, aid)):
            groups[gid] = 1.0
        if p.minhash is not None:
            keys = band_keys(p.minhash)
            marks = ",".join("?" * len(keys))
            cands = c.execute(
                "SELECT a.id, a.group_id, d.minhash FROM articles a JOIN documents d ON d.article_id = a.id"
                f" WHERE a.id IN (SELECT DISTINCT article_id FROM lsh WHERE key IN ({marks})) AND a.id != ?",
                (*keys, aid)).fetchall()
            for _, gid, sig in cands:
                score = copy_score(p.minhash, sig)
                if score is not None and score > groups.get(gid, 0.0):
                    groups[gid] = score
            c.executemany("INSERT OR IGNORE INTO lsh(key, article_id) VALUES (?, ?)", [(k, aid) for k in keys])
        if not groups:
            c.execute("UPDATE articles SET group_id = ?, resemblance = NULL WHERE id = ?", (aid, aid))
            return
        # the group is named after its earliest article; an updated article may be earlier than its copies
        target = min(*groups, aid)
        c.execute("UPDATE articles SET group_id = ?, resemblance = ? WHERE id = ?",
                  (target, max(groups.values()), aid))
        merged = [g for g in (*groups, aid) if g != target]
        marks = ",".join("?" * len(merged))
        c.execute(f"UPDATE articles SET group_id = ? WHERE group_id IN ({marks})", (target, *merged))


def decode_record(blob: bytes) -> dict[str, Any]:
    """Decode a stored output record."""
    try:
        return msgspec.json.decode(zlib.decompress(blob))
    except (zlib.error, msgspec.DecodeError) as e:
        raise StoreError(f"a stored record is damaged: {e}") from e


def search_forms(blob: bytes) -> tuple[str, str]:
    """Return the indexed forms of a stored record (title and body), as the writer indexed them."""
    return index_forms(search_text(decode_record(blob)))
