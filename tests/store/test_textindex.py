"""Search forms: normalisation, clitics and spelling variants meet; snippets mark the original text."""

from __future__ import annotations

import pytest

from khabar.arabic import normalize
from khabar.errors import StoreError
from khabar.store.textindex import candidates, index_forms, parse_query, query_core, skeleton, snippet


def _indexed(text: str) -> set[str]:
    words, stems, skels = index_forms(text)
    return set(words.split()) | set(stems.split()) | set(skels.split())


def _found(query: str, text: str) -> bool:
    """Tell whether every query word meets the text's forms the way the FTS expression asks."""
    words, stems, skels = (set(c.split()) for c in index_forms(text))
    q = parse_query(query)
    return all(w in words or c in stems or skeleton(c) in skels
               for w, c in ((w, query_core(w)) for w in q.words))


@pytest.mark.parametrize(("query", "text"), [
    ("الأمريكية", "قالت الخارجية الأميركية إن"),  # spelling variant with hamza and ي placement
    ("الأميركية", "والأمريكية"),
    ("وزير", "التقى بالوزير أمس"),  # preposition + article
    ("الوزير", "قال وزير الدفاع"),  # article in the query, none in the text
    ("الدفاع", "للدفاع عن"),  # ل + ال with the alef elided
    ("بريطانيا", "وبريطانيا وفرنسا"),  # a word that starts with a letter that is also a clitic
    ("ميخيف", "قال مخييف"),  # transliteration variants of one name
    ("سبوتنيك", "وكالة سوبتنيك"),
    ("مسؤول", "مسئول كبير"),
    ("الرياض", "الرِّيَاض"),  # diacritics
    ("Reuters", "(REUTERS)"),
])
def test_query_finds_variant(query: str, text: str) -> None:
    assert _found(query, text)


@pytest.mark.parametrize(("query", "text"), [
    ("الأمريكية", "قالت الخارجية الروسية"),
    ("وزير", "قال الرئيس"),
    ("كامل", "الأمل"),  # ك is not taken off a word that has no article after it
])
def test_query_misses_other_words(query: str, text: str) -> None:
    assert not _found(query, text)


def test_candidates_strip_clitics_longest_first() -> None:
    assert candidates(normalize("والأميركية")) == ("والاميركيه", "الاميركيه", "اميركيه")
    assert candidates(normalize("للدفاع")) == ("للدفاع", "الدفاع", "دفاع")
    assert candidates("وزير") == ("وزير", "زير")


def test_definite_forms_are_not_indexed_twice() -> None:
    # the query side always drops the article, so article-bearing forms need no stems entry
    words, stems, _ = index_forms("والأميركية")
    assert words == "والاميركيه"
    assert stems.split() == ["اميركيه"]


def test_parse_query_quotes_every_term() -> None:
    q = parse_query('وزير" OR * الخارجية')
    # OR is a word to find like any other, and * is no word: the user cannot write FTS syntax
    assert q.expression.count(" AND ") == 2
    assert 'words : "or"' in q.expression
    assert "*" not in q.expression
    assert q.cores == {"وزير", "or", "خارجيه"}


def test_phrase_query_keeps_words_together() -> None:
    q = parse_query('"وزير الخارجية"')
    assert q.expression == 'stems : NEAR("وزير" "خارجيه", 8)'


def test_empty_query_is_an_error() -> None:
    with pytest.raises(StoreError, match="no word"):
        parse_query(' " ؟ ')


def test_snippet_marks_original_spelling() -> None:
    text = "بدأ الاجتماع صباحاً. وَقَالَ وزيرُ الخارجيّة الأميركية إن بلاده مستعدة."
    out = snippet(text, parse_query("الأمريكية وزير"), width=8, mark=("<", ">"))
    assert "<وزيرُ>" in out
    assert "<الأميركية>" in out
    assert "الخارجيّة" in out  # the shadda stays: the snippet is cut from the original text


def test_snippet_picks_the_window_with_most_query_words() -> None:
    filler = " ".join(["كلمة"] * 40)
    text = f"وزير الداخلية زار المدينة. {filler} ثم قال وزير الخارجية كلاما."
    out = snippet(text, parse_query("وزير الخارجية"), width=10)
    assert "[وزير] [الخارجية]" in out
    assert out.startswith("…")


def test_skeleton_keeps_short_words() -> None:
    assert skeleton("في") == "في"
    assert skeleton("amerika") == "amerika"
