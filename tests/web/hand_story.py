"""A hand-annotated story for the web tests: events, an arms transfer and hostile names in every annotation."""

from __future__ import annotations

from typing import Any

from khabar.batch import process
from khabar.ingest import InputRecord

# An article whose text carries markup: the pages must show it as text.
MARKUP_TEXT = (
    "بيان <b>عاجل</b> عن الوضع\n\n"
    "الرياض - واس\n\n"
    "قال المتحدث إن <script>alert(\"xss\")</script> الوضع \"مستقر\" & آمن <img src=x onerror=alert(1)>.\n\n"
    "وأضاف أن المملكة ستدفع 5 ملايين دولار.\n"
)
# A hand-annotated story with events and an arms transfer, and hostile names in every annotation.
HOSTILE_NAME = "</script><img src=x onerror=alert(2)>"
EVENTS_ID = "web-hand-events"
EVENTS_TEXT = (
    "موسكو - رويترز\n\n"
    "قال المتحدث <script>alert('x')</script> إن روسيا سلمت تركيا منظومة إس 400 بقيمة 2.5 مليار دولار يوم الاثنين.\n\n"
    "وهددت الولايات المتحدة بفرض عقوبات على أنقرة، فيما اجتمع وزير الخارجية التركي مع نظيره الروسي.\n"
)


def _at(text: str, surface: str) -> tuple[int, int]:
    start = text.index(surface)
    return start, start + len(surface)


def _sentence(text: str, surface: str) -> tuple[int, int]:
    s, _ = _at(text, surface)
    start = text.rfind("\n", 0, s) + 1
    return start, text.index(".", s) + 1


def _entity(text: str, n: int, name: str, etype: str, code: str | None, surfaces: list[str]) -> dict[str, Any]:
    mentions = [{"start": a, "end": b, "text": text[a:b], "source": "gazetteer"} for a, b in map(
        lambda s: _at(text, s), surfaces)]
    return {"id": n, "name": name, "type": etype, "code": code, "sector": "GOV", "role": None,
            "aliases": sorted(set(surfaces) - {name}), "mentions": mentions}


def _event(text: str, etype: str, src: str, tgt: str, trigger: str, status: str, src_entity: int | None,
           tgt_entity: int | None) -> dict[str, Any]:
    ts, te = _at(text, trigger)
    ss, se = _sentence(text, trigger)
    return {"type": etype, "source": src, "target": tgt,
            "source_actor": {"code": src, "entity": src_entity, "text": None, "sector": "GOV", "start": None,
                             "end": None},
            "target_actor": {"code": tgt, "entity": tgt_entity, "text": None, "sector": "GOV", "start": None,
                             "end": None},
            "trigger": trigger, "trigger_start": ts, "trigger_end": te, "sentence": text[ss:se],
            "sentence_start": ss, "sentence_end": se, "status": status, "date": "2015-07-20", "location": None,
            "confidence": 0.8, "cameo": None, "symmetric": etype == "CONSULT", "in_quote": False}


def hand_events_record() -> tuple[dict[str, Any], str]:
    """Run the real pipeline on EVENTS_TEXT, then set hand-checked annotations (events, arms, hostile names)."""
    text = EVENTS_TEXT
    rec = InputRecord("hand:web", EVENTS_ID, {"id": EVENTS_ID, "text": text, "source": "hand", "date": "2015-07-20"})
    record = process(rec)
    assert "error" not in record, record
    record["entities"] = [
        _entity(text, 0, "روسيا", "LOC", "RUS", ["روسيا"]),
        _entity(text, 1, "تركيا", "LOC", "TUR", ["تركيا", "أنقرة"]),
        _entity(text, 2, "الولايات المتحدة", "LOC", "USA", ["الولايات المتحدة"]),
        _entity(text, 3, HOSTILE_NAME, "PER", None, ["<script>alert('x')</script>"]),
    ]
    a, b = _at(text, "إن روسيا سلمت تركيا منظومة إس 400")
    record["quotes"] = [{"speaker": HOSTILE_NAME, "speaker_id": 3, "speaker_description": None, "via": None,
                         "text": text[a:b], "direct": False, "cue": "قال", "start": a, "end": b}]
    a, b = _at(text, "2.5 مليار دولار")
    record["amounts"] = [{"kind": "money", "value": 2.5e9, "currency": "USD", "unit": None, "value_max": None,
                          "text": text[a:b], "start": a, "end": b}]
    a, b = _at(text, "يوم الاثنين")
    record["dates"] = [{"text": text[a:b], "iso": "2015-07-20", "granularity": "day", "calendar": "gregorian",
                        "relative": True, "start": a, "end": b}]
    record["events_all"] = [
        _event(text, "COOPERATE", "RUS", "TUR", "سلمت", "done", 0, 1),
        _event(text, "THREATEN", "USA", "TUR", "وهددت", "done", 2, 1),
        _event(text, "SANCTION", "USA", "TUR", "بفرض عقوبات", "hypothetical", 2, 1),
        _event(text, "CONSULT", "TUR", "RUS", "اجتمع", "done", 1, 0),
    ]
    ss, se = _sentence(text, "سلمت")
    record["arms_transfers"] = [{"supplier": "RUS", "recipient": "TUR", "system": "S-400 " + HOSTILE_NAME,
                                 "status": "delivered", "quantity": None, "value": 2.5e9, "currency": "USD",
                                 "year": 2015, "sentences": [text[ss:se]]}]
    return record, text
