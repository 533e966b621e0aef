"""Cut an article's clean text into highlighted segments from the record's offsets, with each mark's details."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any
from urllib.parse import quote

from khabar.arabic import normalize
from khabar.store.rows import entity_key
from khabar.web import labels


@dataclass(slots=True)
class Mark:
    """One highlighted span: its key in the details table, its kind (PER ... quote, amount, date, event)."""

    key: str
    kind: str
    start: int
    end: int


def entity_href(key: str) -> str:
    """Return the page of an entity across articles."""
    return "/entities/" + quote(key, safe="")


def article_href(doc_id: str) -> str:
    """Return the page of an article."""
    return "/articles/" + quote(doc_id, safe="")


def number(v: Any) -> str:
    """Format a number for reading: thousands separated, no needless decimals."""
    if v is None:
        return "—"
    if isinstance(v, int | float) and float(v).is_integer():
        return f"{int(v):,}"
    if isinstance(v, int | float):
        return f"{v:,.2f}"
    return str(v)


def _fields(*pairs: tuple[str, Any]) -> list[list[str]]:
    return [[k, str(v)] for k, v in pairs if v not in (None, "", [])]


def entity_list(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the article's entities with their ids across articles and their pages, most mentioned first."""
    out = []
    for e in record.get("entities") or []:
        t = e.get("type")
        key = entity_key(t, e.get("code"), normalize(str(e.get("name") or "")))
        out.append({"local": e.get("id"), "id": key, "href": entity_href(key), "name": e.get("name"), "type": t,
                    "kind": t if t in labels.ENTITY_TYPES else "other", "label": labels.label(labels.ENTITY_TYPES, t),
                    "code": e.get("code"), "mentions": len(e.get("mentions") or [])})
    return sorted(out, key=lambda e: -e["mentions"])


def annotate(record: dict[str, Any], text: str) -> tuple[list[Mark], dict[str, dict[str, Any]]]:
    """Return every span to highlight and the details shown for each (hover or click)."""
    marks: list[Mark] = []
    details: dict[str, dict[str, Any]] = {}
    hrefs = {e["local"]: e["href"] for e in entity_list(record)}
    for e in record.get("entities") or []:
        for k, m in enumerate(e.get("mentions") or []):
            mk = f"e{e.get('id')}-{k}"
            t = e.get("type")
            details[mk] = {
                "kind": t if t in labels.ENTITY_TYPES else "other", "label": labels.label(labels.ENTITY_TYPES, t),
                "title": e.get("name"), "href": hrefs.get(e.get("id")),
                "fields": _fields(("الرمز", e.get("code")), ("القطاع", e.get("sector")), ("الصفة", e.get("role")),
                                  ("صيغ أخرى", "، ".join(str(a) for a in e.get("aliases") or [])),
                                  ("كما ورد", m.get("text")), ("وُجد عبر", m.get("source"))),
            }
            marks.append(Mark(mk, details[mk]["kind"], m.get("start"), m.get("end")))
    for i, q in enumerate(record.get("quotes") or []):
        details[f"q{i}"] = {
            "kind": "quote", "label": labels.MARK_KINDS["quote"],
            "title": q.get("speaker") or q.get("speaker_description") or "متحدث غير مسمّى",
            "href": hrefs.get(q.get("speaker_id")),
            "fields": _fields(("الصيغة", "مباشر" if q.get("direct") else "منقول"), ("فعل القول", q.get("cue")),
                              ("وصف المتحدث", q.get("speaker_description")), ("نقلًا عن", q.get("via"))),
        }
        marks.append(Mark(f"q{i}", "quote", q.get("start"), q.get("end")))
    for i, a in enumerate(record.get("amounts") or []):
        value = number(a.get("value"))
        if a.get("value_max") is not None:
            value += " – " + number(a.get("value_max"))
        details[f"a{i}"] = {
            "kind": "amount", "label": labels.MARK_KINDS["amount"], "title": value, "href": None,
            "fields": _fields(("النوع", labels.label(labels.AMOUNT_KINDS, a.get("kind"))),
                              ("العملة", a.get("currency")), ("المعدود", a.get("unit"))),
        }
        marks.append(Mark(f"a{i}", "amount", a.get("start"), a.get("end")))
    for i, d in enumerate(record.get("dates") or []):
        details[f"d{i}"] = {
            "kind": "date", "label": labels.MARK_KINDS["date"], "title": d.get("iso") or d.get("text"), "href": None,
            "fields": _fields(("الدقة", d.get("granularity")), ("التقويم", d.get("calendar")),
                              ("نسبي", "نعم" if d.get("relative") else None)),
        }
        marks.append(Mark(f"d{i}", "date", d.get("start"), d.get("end")))
    for i, ev in enumerate(record.get("events_all") or []):
        src, tgt = ev.get("source_actor") or {}, ev.get("target_actor") or {}
        details[f"v{i}"] = {
            "kind": "event", "label": labels.MARK_KINDS["event"],
            "title": f"{labels.label(labels.EVENT_TYPES, ev.get('type'))} ({ev.get('type')})", "href": None,
            "fields": _fields(("الفاعل", _actor(ev.get("source"), src)), ("المفعول به", _actor(ev.get("target"), tgt)),
                              ("الحالة", labels.label(labels.EVENT_STATUSES, ev.get("status"))),
                              ("الثقة", ev.get("confidence")), ("CAMEO", ev.get("cameo")),
                              ("التاريخ", ev.get("date")), ("المكان", ev.get("location")),
                              ("داخل اقتباس", "نعم" if ev.get("in_quote") else None)),
        }
        marks.append(Mark(f"v{i}", "event", ev.get("trigger_start"), ev.get("trigger_end")))
    n = len(text)
    good = [m for m in marks if isinstance(m.start, int) and isinstance(m.end, int) and 0 <= m.start < m.end <= n]
    return good, details


def _actor(code: Any, actor: dict[str, Any]) -> str | None:
    text = actor.get("text")
    if code and text and text != code:
        return f"{code} · {text}"
    return code or text


def segments(text: str, start: int, end: int, marks: list[Mark]) -> list[dict[str, Any]]:
    """Cut text[start:end] at every mark boundary; each piece lists the marks covering it."""
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = sorted({start, end, *(max(m.start, start) for m in inside), *(min(m.end, end) for m in inside)})
    out = []
    for a, b in pairwise(cuts):
        # innermost first: a name inside a quote is what the reader points at
        cover = sorted((m for m in inside if m.start <= a and m.end >= b), key=lambda m: m.end - m.start)
        kinds = list(dict.fromkeys(m.kind for m in cover))
        out.append({"text": text[a:b], "marks": [m.key for m in cover], "kinds": kinds})
    return out


def blocks(record: dict[str, Any], text: str, marks: list[Mark]) -> list[dict[str, Any]]:
    """Return the body paragraphs and captions in text order, each cut into highlighted segments."""
    spans: list[tuple[int, int, str, str | None]] = [
        (p["start"], p["end"], p.get("kind") or "paragraph", None) for p in record.get("paragraphs") or []]
    spans += [(c["start"], c["end"], "caption", c.get("credit")) for c in record.get("captions") or []]
    out = []
    for start, end, kind, credit in sorted(spans, key=lambda s: s[0]):
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            continue
        out.append({"kind": kind, "start": start, "end": end, "credit": credit,
                    "segments": segments(text, start, end, marks)})
    return out


def legend(marks: list[Mark]) -> list[dict[str, Any]]:
    """Return the colour legend: every kind of mark with how many the article has."""
    counts: dict[str, int] = {}
    for m in marks:
        counts[m.kind] = counts.get(m.kind, 0) + 1
    return [{"kind": k, "label": lab, "count": counts.get(k, 0)} for k, lab in labels.MARK_KINDS.items()]
