"""Turn one input record into the rows the store writes; runs in the worker processes."""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from khabar.arabic import normalize
from khabar.batch import process
from khabar.ingest import InputRecord
from khabar.output import UNSCORED_STATUSES
from khabar.resources import default_resources
from khabar.store.dedup import signature_of_words
from khabar.store.textindex import WORD_RE, index_words, words_of

_SYNTHETIC_ID = re.compile(r"line-(\d+)")
_ENCODER = msgspec.json.Encoder(order="sorted")
RECORD_COMPRESSION = 3  # zlib level: measured 0.305 of the JSON size at half the time of level 6 (0.282)


@dataclass(slots=True)
class Prepared:
    """What the writer needs to store one record, or the reason it failed."""

    doc_id: str
    content_hash: str
    origin: str
    error: str | None = None
    body_hash: str = ""
    article: tuple[Any, ...] = ()  # the articles columns from title to reading_minutes
    text: str = ""
    record: bytes = b""  # the compressed output record
    search: tuple[str, str] = ("", "")
    minhash: bytes | None = None
    entities: list[tuple[Any, ...]] = field(default_factory=list)
    mentions: list[tuple[Any, ...]] = field(default_factory=list)
    quotes: list[tuple[Any, ...]] = field(default_factory=list)
    amounts: list[tuple[Any, ...]] = field(default_factory=list)
    dates: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    arms: list[tuple[Any, ...]] = field(default_factory=list)


def store_key(rec: InputRecord) -> str:
    """Return the id an input record is stored under.

    JSONL lines without an id get `line-N` from the reader, which would collide across files;
    the store names them after their file instead (`news.jsonl#12`).
    """
    m = _SYNTHETIC_ID.fullmatch(rec.id)
    if m and rec.origin.endswith(f":{m.group(1)}"):
        name = Path(rec.origin[: -len(m.group(1)) - 1]).name
        return f"{name}#{m.group(1)}"
    return rec.id


def content_hash(rec: InputRecord) -> str:
    """Return a hash of the record's input fields (text and metadata, not its id)."""
    fields = {k: v for k, v in rec.fields.items() if k != "id"}
    if rec.error:
        fields["_error"] = rec.error  # unreadable lines have no fields: tell them apart by their error
    return hashlib.blake2b(_ENCODER.encode(fields), digest_size=16).hexdigest()


def prepare(item: tuple[str, str, InputRecord]) -> Prepared:
    """Extract one record and build its rows (the work a pool worker does)."""
    doc_id, chash, rec = item
    record = process(rec, default_resources())
    if "error" in record:
        return Prepared(doc_id, chash, rec.origin, error=str(record["error"]))
    return from_record(doc_id, chash, rec.origin, record, str(rec.fields.get("text", "")))


def prepare_many(items: list[tuple[str, str, InputRecord]]) -> list[Prepared]:
    """Prepare a chunk of records (one task of the worker pool)."""
    return [prepare(item) for item in items]


def from_record(doc_id: str, chash: str, origin: str, record: dict[str, Any], text: str) -> Prepared:
    """Build the rows of an output record (as `khabar.output.to_record` makes it) and its input text."""
    out = Prepared(doc_id, chash, origin)
    try:
        record["id"] = doc_id
        _fill(out, record, text)
    except Exception as e:  # a record of unexpected shape fails alone, naming itself, and the run goes on
        reason = f"{origin}: cannot store record {doc_id!r}: {type(e).__name__}: {e}"
        out = Prepared(doc_id, chash, origin, error=reason)
    return out


def _s(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, list | tuple):
        return " / ".join(str(x) for x in v if x is not None) or None
    return str(v)


def search_text(r: dict[str, Any]) -> str:
    """Return the text of a record that search indexes: its title and clean body."""
    return (_s(r.get("title")) or "") + "\n" + "\n".join(str(p) for p in r.get("body") or [])


def _fill(out: Prepared, r: dict[str, Any], text: str) -> None:
    body = "\n".join(str(p) for p in r.get("body") or [])
    title = _s(r.get("title"))
    norm_body = normalize(body).lower()
    out.body_hash = hashlib.blake2b(norm_body.encode(), digest_size=16).hexdigest()
    body_words = WORD_RE.findall(norm_body)
    dl = r.get("dateline") or {}
    out.record = zlib.compress(msgspec.json.encode(r), RECORD_COMPRESSION)
    out.text = text
    out.article = (
        title, _s(r.get("url")), _s(r.get("source")), _s(r.get("date")), _s(r.get("author")),
        _s(dl.get("place")), _s(dl.get("agency")), r.get("word_count"), r.get("reading_minutes"),
    )
    # the same words as index_forms(search_text(r)) gives, without normalising the body twice
    out.search = index_words([*words_of((title or "") + "\n"), *body_words])
    out.minhash = signature_of_words(body_words)
    for n, e in enumerate(r.get("entities") or []):
        ent = e.get("id", n)
        mentions = e.get("mentions") or []
        name = str(e.get("name") or "")
        norm = normalize(name)
        etype, code = e.get("type"), e.get("code")
        out.entities.append((ent, name, norm, entity_key(etype, code, norm), etype, code, e.get("sector"),
                             e.get("role"), msgspec.json.encode(e.get("aliases") or []).decode(), len(mentions)))
        out.mentions.extend((ent, m.get("start"), m.get("end"), m.get("text"), m.get("source")) for m in mentions)
    out.quotes = [
        (n, _s(q.get("speaker")), q.get("speaker_id"), q.get("speaker_description"), q.get("via"), q.get("text"),
         _bool(q.get("direct")), q.get("cue"), q.get("start"), q.get("end"))
        for n, q in enumerate(r.get("quotes") or [])
    ]
    out.amounts = [
        (n, a.get("kind"), a.get("value"), a.get("currency"), a.get("unit"), a.get("value_max"), a.get("text"),
         a.get("start"), a.get("end"))
        for n, a in enumerate(r.get("amounts") or [])
    ]
    out.dates = [
        (n, d.get("text"), d.get("iso"), d.get("granularity"), d.get("calendar"), _bool(d.get("relative")),
         d.get("start"), d.get("end"))
        for n, d in enumerate(r.get("dates") or [])
    ]
    events = r.get("events_all") or [dict(ev, sentence=(ev.get("sentences") or [None])[0])
                                     for ev in r.get("events") or []]
    out.events = [_event_row(n, ev) for n, ev in enumerate(events)]
    out.arms = [
        (n, t.get("supplier"), t.get("recipient"), t.get("system"), t.get("status"), t.get("quantity"),
         t.get("value"), t.get("currency"), t.get("year"), msgspec.json.encode(t.get("sentences") or []).decode())
        for n, t in enumerate(r.get("arms_transfers") or [])
    ]


def entity_key(etype: str | None, code: str | None, norm: str) -> str:
    """Return the id of an entity across articles: TYPE:CODE, or TYPE:normalised name where it has no code."""
    return f"{etype or ''}:{code or norm}"


def _bool(v: Any) -> int | None:
    return None if v is None else int(bool(v))


def _event_row(n: int, ev: dict[str, Any]) -> tuple[Any, ...]:
    src = ev.get("source_actor") or {}
    tgt = ev.get("target_actor") or {}
    status = ev.get("status") or "done"
    return (
        n, str(ev.get("type")), _s(ev.get("source")), _s(ev.get("target")), src.get("entity"), tgt.get("entity"),
        src.get("text"), tgt.get("text"), src.get("sector"), tgt.get("sector"),
        ev.get("trigger"), ev.get("trigger_start"), ev.get("trigger_end"),
        ev.get("sentence"), ev.get("sentence_start"), ev.get("sentence_end"),
        status, _s(ev.get("date")), _s(ev.get("location")), ev.get("confidence"), _s(ev.get("cameo")),
        int(bool(ev.get("symmetric"))), int(bool(ev.get("in_quote"))), int(status not in UNSCORED_STATUSES),
    )
