"""Search forms: normalisation, clitics and spelling variants meet; snippets mark the original text."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from khabar.arabic import normalize
from khabar.errors import StoreError
from khabar.store.db import _statements, schema_sql
from khabar.store.textindex import candidates, index_forms, parse_query, query_core, skeleton, snippet


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    """An in-memory copy of the store's search table, made from schema.sql."""
    conn = sqlite3.connect(":memory:")
    conn.execute(next(s for s in _statements(schema_sql()) if "fts5" in s))
    yield conn
    conn.close()


def _found(fts: sqlite3.Connection, query: str, text: str) -> bool:
    """Index text and tell whether the query's FTS5 expression matches it."""
    fts.execute("INSERT INTO search(search) VALUES ('delete-all')")
    fts.execute("INSERT INTO search(rowid, stems, skel) VALUES (1, ?, ?)", index_forms(text))
    return fts.execute("SELECT count(*) FROM search WHERE search MATCH ?",
                       (parse_query(query).expression,)).fetchone()[0] == 1


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
def test_query_finds_variant(fts: sqlite3.Connection, query: str, text: str) -> None:
    assert _found(fts, query, text)


@pytest.mark.parametrize(("query", "text"), [
    ("الأمريكية", "قالت الخارجية الروسية"),
    ("وزير", "قال الرئيس"),
    ("كامل", "الأمل"),  # ك is not taken off a word that has no article after it
])
def test_query_misses_other_words(fts: sqlite3.Connection, query: str, text: str) -> None:
    assert not _found(fts, query, text)


@pytest.mark.parametrize(("query", "text"), [
    ("الالتزام", "التزام المملكة"),  # a stem that itself begins with ال
    ("التزام", "والالتزام بالقرار"),
    ("التقى", "والتقى الوزير"),
    ("للالتزام", "الالتزام"),
])
def test_stems_that_begin_like_the_article(fts: sqlite3.Connection, query: str, text: str) -> None:
    assert _found(fts, query, text)


def test_spelling_variant_found_through_the_skeleton_alone(fts: sqlite3.Connection) -> None:
    # كتب has no long vowel: its skeleton is the word itself, so only the stems column holds it
    assert _found(fts, "كتاب", "كتب المؤلف")


def test_candidates_strip_clitics_longest_first() -> None:
    assert candidates(normalize("والأميركية")) == ("والاميركيه", "الاميركيه", "اميركيه")
    assert candidates(normalize("للدفاع")) == ("للدفاع", "الدفاع", "دفاع")
    assert candidates("وزير") == ("وزير", "زير")
    assert candidates("الالتزام") == ("الالتزام", "التزام", "تزام")
    assert query_core("الالتزام") == "تزام"


def test_definite_forms_are_not_indexed() -> None:
    # the query side always drops the article, so article-bearing forms need no entry
    stems, skels = index_forms("والأميركية")
    assert stems.split() == ["اميركيه"]
    assert skels.split() == ["امركه"]


def test_parse_query_quotes_every_term() -> None:
    q = parse_query('وزير" OR * الخارجية')
    # OR is a word to find like any other, and * is no word: the user cannot write FTS syntax
    assert q.expression.count(" AND ") == 2
    assert 'stems : "or"' in q.expression
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
