"""The Arabic text layer: normalisation with offsets, tokens, clitics, sentences."""

from __future__ import annotations

import pytest

from khabar.arabic import (
    normalize,
    normalize_with_offsets,
    split_clitics,
    split_sentences,
    strip_proclitics,
    suffix_stems,
    tokenize,
)


def test_normalize_folds_forms_used_for_matching() -> None:
    assert normalize("أنقرة") == "انقره"
    assert normalize("إيران") == "ايران"
    assert normalize("مستشفى") == "مستشفي"
    assert normalize("عقوداً") == "عقودا"
    assert normalize("الـــروسية") == "الروسيه"
    assert normalize("٢٠٢١ و۲۰۲۲") == "2021 و2022"


def test_offsets_map_back_to_the_original_text() -> None:
    text = "تقدّر موقفَ أنقرة"
    folded = normalize_with_offsets(text)
    i = folded.text.index("انقره")
    start, end = folded.original_span(i, i + len("انقره"))
    assert text[start:end] == "أنقرة"


def test_identity_map_when_nothing_is_dropped() -> None:
    folded = normalize_with_offsets("روسيا وتركيا")
    assert folded.drops == []
    assert folded.original_span(0, 5) == (0, 5)


def test_offsets_in_a_larger_text_keep_marks_on_the_last_letter() -> None:
    doc = "عنوان\nقالَ الوزيرُ"
    base = doc.index("قال")
    folded = normalize_with_offsets(doc[base:], base)
    assert folded.text == "قال الوزير"
    end = folded.original_end(len("قال"))  # the fatha on لَ belongs to the word
    assert doc[folded.original(0):end] == "قالَ"
    assert doc[folded.original(4):folded.original_end(len(folded.text))] == "الوزيرُ"
    assert folded.folded(base + doc[base:].index("الوزير")) == 4


def test_a_given_matching_form_gives_the_same_map_as_folding_again() -> None:
    # clean hands each paragraph's matching form to the later stages: with marks or without
    for text, base in (("قالَ الوزيرُ إنّ أنقرة", 7), ("روسيا وتركيا تقتربان", 0), ("مصرُ ٢٠٢١", 3)):
        given = normalize_with_offsets(text, base, normalize(text))
        fresh = normalize_with_offsets(text, base)
        assert (given.text, given.drops, given.original_drops) == (fresh.text, fresh.drops, fresh.original_drops)
        offsets = range(len(fresh.text))
        assert [given.original(i) for i in offsets] == [fresh.original(i) for i in offsets]


def test_tokens_separate_punctuation_and_quotation_marks() -> None:
    text = 'وقال، «نحن مستعدون» بقيمة 8.6 مليار (إس 400).'
    tokens = tokenize(text)
    surfaces = [t.text for t in tokens]
    assert surfaces == ["وقال", "،", "«", "نحن", "مستعدون", "»", "بقيمة", "8.6", "مليار", "(", "إس", "400", ")", "."]
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert [t.kind for t in tokens][7] == "number"


def test_reversed_thousands_form_is_one_number() -> None:
    assert [t.text for t in tokenize("بلغ 432ر690ر29 ريالا")][1] == "432ر690ر29"


KNOWN = {"وزير", "ولايه", "دفاع", "وزاره", "حكومه", "تعاون", "شركه", "كتاب"}


@pytest.mark.parametrize(
    ("word", "prefix", "article", "stem", "suffix"),
    [
        ("وزير", "", False, "وزير", ""),
        ("ولايه", "", False, "ولايه", ""),
        ("والوزير", "و", True, "وزير", ""),
        ("للدفاع", "ل", True, "دفاع", ""),
        ("بالتعاون", "ب", True, "تعاون", ""),
        ("وحكومته", "و", False, "حكومه", "ه"),
        ("وكتابهم", "و", False, "كتاب", "هم"),
        ("وليد", "", False, "وليد", ""),
    ],
)
def test_clitic_splitter_is_conservative(word: str, prefix: str, article: bool, stem: str, suffix: str) -> None:
    seg = split_clitics(word, KNOWN.__contains__)
    assert (seg.prefix, seg.article, seg.stem, seg.suffix) == (prefix, article, stem, suffix)


def test_strip_proclitics_keeps_words_that_start_with_clitic_letters() -> None:
    assert strip_proclitics("وروسيا", {"روسيا"}.__contains__) == "روسيا"
    assert strip_proclitics("وليد", {"روسيا"}.__contains__) == "وليد"
    assert strip_proclitics("للشركه") == "الشركه"


def test_sentences_respect_quotation_marks_and_decimals() -> None:
    text = 'وقال ميخيف، "المشاورات مستمرة. في المستقبل القريب سنوقع". وبلغت القيمة 8.6 مليار دولار. انتهى'
    spans = split_sentences(text)
    sentences = [text[s:e] for s, e in spans]
    assert sentences[0].endswith('سنوقع".')
    assert sentences[1] == "وبلغت القيمة 8.6 مليار دولار."
    assert sentences[2] == "انتهى"


def test_guillemets_keep_a_quote_in_one_sentence() -> None:
    text = "قال الرئيس «نحن نعلم. ونعمل» ثم غادر. وعاد."
    assert len(split_sentences(text)) == 2


def test_dotted_acronyms_do_not_end_sentences() -> None:
    text = "وقعت اتفاقا مع شركة جي.ام.ار الهندية. وقالت أ.ف.ب إن الصفقة ألغيت.وأضافت المصادر أنها انتهت."
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == ["وقعت اتفاقا مع شركة جي.ام.ار الهندية.", "وقالت أ.ف.ب إن الصفقة ألغيت.",
                         "وأضافت المصادر أنها انتهت."]


def test_suffix_stems_take_off_a_pronoun_suffix() -> None:
    assert list(suffix_stems("تصريحه")) == ["تصريح"]
    assert "حركه" in set(suffix_stems("حركته"))
    assert list(suffix_stems("كيلونا", suffixes=("ه",))) == []
    assert list(suffix_stems("بيه")) == []  # too short a stem is no word with a suffix


def test_normalize_folds_letters_before_and_after_the_first_mark_or_digit() -> None:
    from khabar.arabic import normalize

    # letters to fold before the first mark (أ), marks and Eastern digits after it, and a mark-free tail
    assert normalize("أعلنت وزارةُ الدفاع شراء ٣٦ طائرة، وأكدت") == "اعلنت وزاره الدفاع شراء 36 طايره، واكدت"
    assert normalize("٢٠١٩ إلى") == "2019 الي" and normalize("مدينة") == "مدينه"
