"""The text-layer stage: sentences and tokens of the body, with offsets into the input."""

from __future__ import annotations

from khabar import extract


def test_tokens_and_sentences_point_into_the_original_text(seed_text: str) -> None:
    doc = extract(seed_text, id="seed")
    assert doc.tokens and doc.sentences
    for t in doc.tokens:
        assert doc.text[t.start:t.end] == t.text
        s = doc.sentences[t.sentence]
        assert s.start <= t.start < t.end <= s.end
    body_starts = {p.start for p in doc.paragraphs}
    assert doc.sentences[0].start in body_starts
    # no token comes from furniture: the caption credit and the reading-time line are gone
    assert "TASS" not in {t.text for t in doc.tokens}
    assert "القراءة" not in {t.text for t in doc.tokens}


def test_norm_forms_survive_diacritics() -> None:
    doc = extract("عنوان\nتُقدِّرُ موسكو موقفَ أنقرةَ بشأنِ الصفقةِ.", id="d")
    norms = [t.norm for t in doc.tokens]
    assert norms[:4] == ["تقدر", "موسكو", "موقف", "انقره"]
    assert doc.tokens[3].text == "أنقرةَ"


def test_a_quoted_passage_stays_in_one_sentence() -> None:
    text = 'عنوان\nوقال ميخيف، "المشاورات مستمرة. وأعتقد أنها في المرحلة النهائية". وأضاف أن العقد جاهز.'
    doc = extract(text, id="q")
    sentences = [doc.text[s.start:s.end] for s in doc.sentences]
    assert len(sentences) == 2
    assert sentences[0].endswith('النهائية".')


def test_clitic_splitter_with_the_packaged_vocabulary() -> None:
    from khabar.resources import Resources
    from khabar.stages.text import segment

    res = Resources()
    whole = {w: segment(w, res) for w in ("وزير", "ولايه", "بلاد", "وليد")}
    assert all(seg.stem == w and not seg.prefix for w, seg in whole.items())
    split = segment("والوزير", res)
    assert (split.prefix, split.article, split.stem) == ("و", True, "وزير")
    assert segment("وحكومته", res).stem == "حكومه"
    assert segment("بالعقوبات", res).stem == "عقوبات"


def test_word_count_counts_words_and_numbers_of_the_body_once() -> None:
    doc = extract("عنوان الخبر\nبلغ عدد السيارات 676,962 سيارة، بزيادة 8.6% عن العام الماضي.")
    # بلغ عدد السيارات 676,962 سيارة بزيادة 8.6% عن العام الماضي: ten, punctuation and headline left out
    assert doc.word_count == 10
    assert doc.reading_minutes == 1


def test_chunk_memo_gives_the_tokens_of_the_whole_paragraph(corpus_sample: list[dict]) -> None:
    """The memoised chunk tokeniser finds exactly what the token pattern finds over each folded paragraph."""
    from khabar.arabic import TOKEN_RE, normalize_with_offsets

    texts = [rec["text"] for rec in corpus_sample[:150] if (rec.get("text") or "").strip()]
    texts.append("عنوان\nقالَ «الوزيرُ»: (8.6%) مليار—دولار… ЖЖ 5ر1 !!؟ وتُقدِّر، It's")  # marks, dashes, Cyrillic
    # tatweel inside and around words, a mark opening a chunk, joiners and marks closing the paragraph
    texts.append("عنوان\nمـحـمـد ـالعربي ًكلمة سو\u200c35 وزارةٌ\u200f، الرياضُ")
    checked = 0
    for text in texts:
        doc = extract(text, id="memo")
        expected = []
        for para in doc.paragraphs:
            folded = normalize_with_offsets(para.text, para.start)
            for m in TOKEN_RE.finditer(folded.text):
                expected.append((folded.original(m.start()), folded.original_end(m.end()), m.group(), m.lastgroup))
        assert [(t.start, t.end, t.norm, t.kind) for t in doc.tokens] == expected
        assert all(t.text == doc.text[t.start:t.end] for t in doc.tokens)
        checked += len(expected)
    assert checked > 10_000


def test_token_columns_follow_the_tokens() -> None:
    """The norms and kinds lists the text stage keeps beside the tokens, and their rebuild for hand-set tokens."""
    from khabar.arabic import tokenize
    from khabar.document import Document

    doc = extract("عنوان\nقالت أنقرةُ إن الصفقة بلغت 2.5 مليار دولار.", id="c")
    assert doc.norms == [t.norm for t in doc.tokens] and doc.kinds == [t.kind for t in doc.tokens]
    assert doc.norms[1] == "انقره" and doc.kinds[5] == "number"
    hand = Document(id="h", text="وصل الوفد الروسي.")
    hand.tokens = tokenize(hand.text)
    norms, kinds = hand.columns()
    assert norms == ["وصل", "الوفد", "الروسي", "."] and kinds == ["word", "word", "word", "punct"]
    hand.tokens = tokenize("غادر الوفد التركي أمس")  # another list of the same length
    assert hand.columns()[0] == ["غادر", "الوفد", "التركي", "امس"]


def test_offsets_hold_with_one_or_several_whitespace_characters_between_words() -> None:
    # one space between words (the common case, where offsets are counted) and wider gaps (where they are found)
    for body in ("قال الوزير إن الاتفاق جاهز.", "قال  الوزير\u00a0إن   الاتفاق\tجاهز."):
        doc = extract("عنوان\n" + body, id="w")
        assert [t.text for t in doc.tokens] == ["قال", "الوزير", "إن", "الاتفاق", "جاهز", "."]
        assert all(doc.text[t.start:t.end] == t.text for t in doc.tokens)
