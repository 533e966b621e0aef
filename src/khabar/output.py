"""Turn a Document into the output record of the guidelines (plain dicts, ready for JSON)."""

from __future__ import annotations

from typing import Any

from khabar.document import Actor, Document, Event

# Statuses the scored `events` list leaves out (kept under events_all): the guidelines score what is
# done, under way or imminent; a threatened sanction is coded as THREATEN, not SANCTION.
UNSCORED_STATUSES = frozenset({"denied", "hypothetical", "conditional", "threatened"})


def to_record(doc: Document) -> dict[str, Any]:
    """Build the output record: every field of the guidelines, plus khabar's own detail."""
    text = doc.text
    entities = doc.entities
    names = {e.id: e.name for e in entities}
    record: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title if doc.title is not None else _headline(doc),
        "url": doc.url,
        "source": doc.source,
        "date": doc.published or doc.date,
        "author": doc.author,
        "dateline": None if doc.dateline is None else {
            "place": doc.dateline.place,
            "agency": doc.dateline.agency,
            "date_text": doc.dateline.date_text,
            "origin": doc.dateline.origin,
            "start": doc.dateline.start,
            "end": doc.dateline.end,
        },
        "bylines": doc.bylines,
        "body": [p.text for p in doc.paragraphs],
        "paragraphs": [{"start": p.start, "end": p.end, "kind": p.kind} for p in doc.paragraphs],
        "captions": [{"text": c.text, "credit": c.credit, "start": c.start, "end": c.end, "repeats": c.repeats}
                     for c in doc.captions],
        "furniture": [{"rule": f.rule, "start": f.start, "end": f.end} for f in doc.furniture],
        "word_count": doc.word_count,
        "reading_minutes": doc.reading_minutes,
        "entities": [
            {
                "id": e.id, "name": e.name, "type": e.type, "code": e.code, "sector": e.sector, "role": e.role,
                "aliases": e.aliases,
                "mentions": [{"start": m.start, "end": m.end, "text": m.text, "source": m.source} for m in e.mentions],
            }
            for e in entities
        ],
        "quotes": [
            {
                "speaker": q.speaker_name if q.speaker_name is not None else names.get(q.speaker),
                "speaker_id": q.speaker, "speaker_description": q.speaker_description, "via": q.via,
                "text": q.text, "direct": q.direct, "cue": q.cue, "start": q.start, "end": q.end,
            }
            for q in doc.quotes
        ],
        "amounts": [
            {"kind": a.kind, "value": a.value, "currency": a.currency, "unit": a.unit, "value_max": a.value_max,
             "text": a.text, "start": a.start, "end": a.end}
            for a in doc.amounts
        ],
        "dates": [
            {"text": d.text, "iso": d.iso, "granularity": d.granularity, "calendar": d.calendar,
             "relative": d.relative, "start": d.start, "end": d.end}
            for d in doc.dates
        ],
        "events": _scored_events(doc),
        "events_all": [_event(doc, ev) for ev in doc.events],
        "arms_transfers": [
            {"supplier": t.supplier, "recipient": t.recipient, "system": t.system, "status": t.status,
             "quantity": t.quantity, "value": t.value, "currency": t.currency, "year": t.year,
             "sentences": [text[s.start:s.end] for s in t.sentences]}
            for t in doc.arms_transfers
        ],
    }
    return record


def _headline(doc: Document) -> str | None:
    if doc.headline is None:
        return None
    return doc.text[doc.headline.start:doc.headline.end]


def _actor(a: Actor) -> dict[str, Any]:
    return {"code": a.code, "entity": a.entity, "text": a.text, "sector": a.sector,
            "start": a.mention.start if a.mention else None, "end": a.mention.end if a.mention else None}


def _event(doc: Document, ev: Event) -> dict[str, Any]:
    return {
        "type": ev.type, "source": ev.source.code, "target": ev.target.code,
        "source_actor": _actor(ev.source), "target_actor": _actor(ev.target),
        "trigger": ev.trigger_text, "trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end,
        "sentence": doc.text[ev.sentence.start:ev.sentence.end],
        "sentence_start": ev.sentence.start, "sentence_end": ev.sentence.end,
        "status": ev.status, "date": ev.date, "location": ev.location, "confidence": ev.confidence,
        "cameo": ev.cameo, "symmetric": ev.symmetric, "in_quote": ev.in_quote,
    }


def _scored_events(doc: Document) -> list[dict[str, Any]]:
    """One entry per distinct (type, source, target), with every supporting sentence."""
    grouped: dict[tuple[str, str | None, str | None], dict[str, Any]] = {}
    for ev in doc.events:
        if ev.status in UNSCORED_STATUSES:
            continue
        key = (ev.type, ev.source.code, ev.target.code)
        if ev.symmetric and (ev.type, ev.target.code, ev.source.code) in grouped:
            key = (ev.type, ev.target.code, ev.source.code)
        sentence = doc.text[ev.sentence.start:ev.sentence.end]
        entry = grouped.get(key)
        if entry is None:
            grouped[key] = {
                "type": ev.type, "source": key[1], "target": key[2], "cameo": ev.cameo,
                "status": ev.status, "date": ev.date, "confidence": ev.confidence, "symmetric": ev.symmetric,
                "sentences": [sentence],
            }
        else:
            if sentence not in entry["sentences"]:
                entry["sentences"].append(sentence)
            entry["confidence"] = max(entry["confidence"], ev.confidence)
    return list(grouped.values())
