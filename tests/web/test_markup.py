"""Cutting text into highlighted segments, and the chart layouts, on hand-made spans."""

from __future__ import annotations

from khabar.web import charts
from khabar.web.markup import Mark, annotate, blocks, legend, segments

TEXT = "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو ستدفع 5 ملايين دولار."


def _span(surface: str) -> tuple[int, int]:
    s = TEXT.index(surface)
    return s, s + len(surface)


def test_nested_and_crossing_marks_cut_cleanly() -> None:
    quote = Mark("q0", "quote", *_span("إن موسكو ستدفع 5 ملايين دولار"))
    city = Mark("e1-0", "LOC", *_span("موسكو"))
    money = Mark("a0", "amount", *_span("5 ملايين دولار"))
    crossing = Mark("d0", "date", *_span("دولار."))  # runs past the quote's end
    segs = segments(TEXT, 0, len(TEXT), [quote, city, money, crossing])
    assert "".join(s["text"] for s in segs) == TEXT
    by_text = {s["text"]: s["marks"] for s in segs}
    assert by_text["موسكو"] == ["e1-0", "q0"]  # innermost first
    assert by_text["دولار"] == ["d0", "a0", "q0"]
    assert by_text["."] == ["d0"]
    assert by_text["قال وزير الخارجية الروسي سيرغي لافروف "] == []


def test_segments_stay_inside_their_block() -> None:
    m = Mark("q0", "quote", 0, len(TEXT))
    segs = segments(TEXT, 4, 8, [m])
    assert segs == [{"text": TEXT[4:8], "marks": ["q0"], "kinds": ["quote"]}]


def test_annotate_drops_spans_outside_the_text() -> None:
    record = {
        "entities": [{"id": 0, "name": "موسكو", "type": "LOC", "code": "RUS", "aliases": [],
                      "mentions": [{"start": 41, "end": 46, "text": "موسكو"},
                                   {"start": 500, "end": 505, "text": "?"},
                                   {"start": None, "end": None, "text": "?"}]}],
        "quotes": [], "amounts": [{"kind": "money", "value": 5e6, "currency": "USD", "start": 9, "end": 3}],
        "dates": [], "events_all": [],
    }
    marks, details = annotate(record, TEXT)
    assert [(m.key, m.start, m.end) for m in marks] == [("e0-0", 41, 46)]
    assert TEXT[41:46] == "موسكو"
    assert details["e0-0"]["href"] == "/entities/LOC%3ARUS"
    assert details["a0"]["title"] == "5,000,000"
    counts = {k["kind"]: k["count"] for k in legend(marks)}
    assert counts["LOC"] == 1 and counts["amount"] == 0


def test_blocks_follow_text_order_and_skip_bad_offsets() -> None:
    record = {"paragraphs": [{"start": 10, "end": 20, "kind": "paragraph"}, {"start": 30, "end": 999}],
              "captions": [{"start": 0, "end": 5, "text": TEXT[:5], "credit": None}]}
    out = blocks(record, TEXT, [])
    assert [(b["kind"], b["start"]) for b in out] == [("caption", 0), ("paragraph", 10)]


def test_timeline_fills_missing_months_and_stacks_types() -> None:
    rows = [{"month": "2015-01", "type": "ASSAULT", "events": 4}, {"month": "2015-01", "type": "AGREE", "events": 2},
            {"month": "2015-03", "type": "AGREE", "events": 1}]
    t = charts.timeline(rows)
    assert [x["text"] for x in t["xlabels"]] == ["2015-01", "2015-02", "2015-03"]
    jan = [b for b in t["bars"] if b["title"].startswith("2015-01")]
    assert len(jan) == 2
    # the tallest month fills the plot; stacked bars touch
    assert round(sum(b["h"] for b in jan)) == round(t["base"] - t["ylabels"][-1]["y"])
    assert jan[0]["y"] == round(jan[1]["y"] + jan[1]["h"], 1)
    assert [(leg["type"], leg["events"]) for leg in t["legend"]] == [("ASSAULT", 4), ("AGREE", 3)]


def test_timeline_counts_by_year_over_long_spans() -> None:
    rows = [{"month": "2001-05", "type": "AID", "events": 1}, {"month": "2015-07", "type": "AID", "events": 3}]
    t = charts.timeline(rows)
    assert t["unit"] == "year" and t["xlabels"][0]["text"] == "2001"
    assert len(t["bars"]) == 2


def test_pairs_scale_to_the_largest() -> None:
    p = charts.pairs([{"source": "USA", "target": "TUR", "events": 10, "reports": 12},
                      {"source": "RUS", "target": None, "events": 5, "reports": 5}])
    a, b = p["bars"]
    assert a["w"] == 2 * b["w"] and a["x"] + a["w"] == b["x"] + b["w"]
    assert b["label"] == "RUS → ؟"
    assert charts.pairs([])["empty"] and charts.timeline([])["empty"]
