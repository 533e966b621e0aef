"""Word notes: what later stages look for in each token, read by the text stage once per new chunk."""

from __future__ import annotations

from khabar import extract
from khabar.document import Document
from khabar.resources import Resources, default_resources
from khabar.stages import word_notes
from khabar.stages.word_notes import (
    AMOUNT,
    COMMA,
    DATE,
    ENTITY,
    ENTITY_LISTED,
    EVENT,
    EVENT_LISTED,
    QUOTE,
    UNJOINED,
)


def _listed(doc: Document, which: int) -> list[str]:
    return [doc.tokens[k].text for k in doc.noted[which]]


def test_the_text_stage_lists_each_stages_words_in_the_seed(seed_text: str) -> None:
    doc = extract(seed_text, id="seed")
    assert doc.notes_of is doc.tokens and len(doc.notes) == len(doc.tokens)
    assert "وقال" in _listed(doc, QUOTE) and "نقلت" in _listed(doc, QUOTE)
    assert "8.6" in _listed(doc, AMOUNT) and "مليار" in _listed(doc, AMOUNT)
    assert "2019" in _listed(doc, DATE)
    assert "،" in _listed(doc, COMMA) and all(t in "،,؛;" for t in _listed(doc, COMMA))
    assert {"روسيا", "تركيا", "موسكو"} <= set(_listed(doc, ENTITY_LISTED))
    assert any(doc.tokens[k].norm == "عقوبات" for k in doc.noted[EVENT_LISTED])
    # every list is in token order, and a listed entity or event word carries its lexicon reading
    for listed in doc.noted:
        assert listed == sorted(set(listed))
    assert all(doc.notes[k][ENTITY] is not None for k in doc.noted[ENTITY_LISTED])
    assert all(doc.notes[k][EVENT][0] for k in doc.noted[EVENT_LISTED])
    # a leading و is a conjunction before a known word only (وقال, not واشنطن)
    unjoined = {t.text: doc.notes[k][UNJOINED] for k, t in enumerate(doc.tokens)}
    assert unjoined["وقال"] == "قال" and unjoined["واشنطن"] is None and unjoined["وزارة"] is None
    # a common word means nothing to any stage: it shares the one empty note
    assert doc.notes[[t.text for t in doc.tokens].index("الرغم")] is word_notes.load(default_resources()).empty


def test_notes_read_again_for_tokens_set_otherwise_match_the_text_stage(seed_text: str) -> None:
    resources = default_resources()
    doc = extract(seed_text, id="seed", resources=resources)
    made = (list(doc.notes), tuple(list(x) for x in doc.noted))
    doc.tokens = list(doc.tokens)  # another list: the notes no longer belong to it
    notes, noted = word_notes.columns(doc, resources)
    assert (notes, noted) == made
    assert doc.notes_of is doc.tokens


def test_a_new_word_is_read_once_and_shared_by_every_chunk_it_is_in() -> None:
    resources = Resources()
    doc = extract("عنوان\nقال الوزير: الوزير، «الوزير» والوزير.", id="w", resources=resources)
    notes = [doc.notes[k] for k, t in enumerate(doc.tokens) if t.norm == "الوزير"]
    assert len(notes) == 3 and notes[0] is notes[1] is notes[2]
    reader = word_notes.load(resources)
    assert reader.read("الوزير", "word")[0] is notes[0]


def test_stages_given_tokens_the_text_stage_did_not_make_read_the_same_notes(seed_text: str,
                                                                             corpus_sample: list[dict]) -> None:
    from khabar.output import to_record
    from khabar.pipeline import STAGES

    texts = [seed_text] + [r["text"] for r in corpus_sample[:12] if (r.get("text") or "").strip()]
    for text in texts:
        made = extract(text, id="a", resources=default_resources())
        again = extract(text, id="a", resources=default_resources())
        # the same tokens in another list, and fresh resources: every stage after the text layer reads its
        # notes anew through word_notes.columns, with lexicons built from scratch
        again.tokens = list(again.tokens)
        fresh = Resources()
        for stage in STAGES[2:]:
            again = stage(again, fresh)
        assert again.notes_of is again.tokens
        assert to_record(again) == to_record(made)
