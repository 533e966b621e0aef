"""The amounts stage's data files: number, scale and currency words and the context lists."""

from __future__ import annotations

import re

from khabar.arabic import normalize
from khabar.resources import iter_tsv

ROLES = {"one", "unit", "teen2", "ten", "tens", "hundred", "hundreds", "fraction"}
CONTEXT_KINDS = {
    "designation_before", "year_before", "year_like_before", "date_before", "time_before", "age_before",
    "count_before", "percent_before", "duration_after", "time_after", "year_after", "not_unit", "function_word",
    "after_of", "ordinal_before",
}
_ISO_4217 = re.compile(r"^[A-Z]{3}$")


def _unique_normalised(keys: list[str]) -> None:
    assert keys
    assert len(set(keys)) == len(keys), [k for k in keys if keys.count(k) > 1]
    for k in keys:
        assert normalize(k) == k, k


def test_number_words_are_normalised_unique_with_known_roles() -> None:
    rows = list(iter_tsv("number_words.tsv"))
    _unique_normalised([r[0] for r in rows])
    for form, value, role in rows:
        assert role in ROLES, form
        v = float(value)
        assert 0 < v <= 900, form
        if role == "tens":
            assert v % 10 == 0 and 20 <= v <= 90, form
        if role == "hundreds":
            assert v % 100 == 0, form
    values = {float(r[1]) for r in rows if r[2] in ("unit", "tens", "hundreds")}
    assert set(range(2, 10)) <= values and set(range(20, 100, 10)) <= values and set(range(200, 1000, 100)) <= values


def test_scale_words_cover_every_form() -> None:
    rows = list(iter_tsv("scale_words.tsv"))
    _unique_normalised([r[0] for r in rows])
    by_form = {r[0]: (float(r[1]), r[2]) for r in rows}
    assert {n for _, n in by_form.values()} == {"sg", "du", "pl"}
    for form, expected in [("الف", (1e3, "sg")), ("الاف", (1e3, "pl")), ("الفا", (1e3, "sg")), ("الفين", (1e3, "du")),
                           ("مليون", (1e6, "sg")), ("ملايين", (1e6, "pl")), ("مليونا", (1e6, "sg")),
                           ("مليوني", (1e6, "du")), ("مليار", (1e9, "sg")), ("مليارات", (1e9, "pl")),
                           ("مليارا", (1e9, "sg")), ("مليارين", (1e9, "du")), ("بليون", (1e9, "sg"))]:
        assert by_form[form] == expected, form


def test_currencies_carry_iso_codes_and_known_bases() -> None:
    rows = list(iter_tsv("currencies.tsv"))
    _unique_normalised([r[0] for r in rows])
    bases = {r[1] for r in rows}
    for form, _base, code, factor in rows:
        assert _ISO_4217.match(code), form
        assert 0 < float(factor) <= 1, form
    codes = {r[0]: r[2] for r in rows}
    assert (codes["دولار"], codes["يورو"], codes["ريال"], codes["روبل"], codes["ين"], codes["يوان"]) == (
        "USD", "EUR", "SAR", "RUB", "JPY", "CNY")
    adjectives = list(iter_tsv("currency_adjectives.tsv"))
    keys = [(b, a) for b, a, _ in adjectives]
    assert len(set(keys)) == len(keys)
    for base, adjective, code in adjectives:
        assert base in bases, base
        assert normalize(adjective) == adjective, adjective
        assert code == "-" or _ISO_4217.match(code), adjective
    named = {(b, a): c for b, a, c in adjectives}
    assert named[("ريال", "قطري")] == "QAR" and named[("جنيه", "استرليني")] == "GBP"
    assert named[("جنيه", "مصري")] == "EGP" and named[("درهم", "اماراتي")] == "AED"
    assert named[("دينار", "كويتي")] == "KWD" and named[("ليره", "تركي")] == "TRY"


def test_context_lists_are_normalised_and_typed() -> None:
    rows = list(iter_tsv("amount_context.tsv"))
    pairs = [(k, p) for k, p in rows]
    assert len(set(pairs)) == len(pairs), [p for p in pairs if pairs.count(p) > 1]
    assert {k for k, _ in rows} == CONTEXT_KINDS
    for _kind, phrase in rows:
        for word in phrase.split():
            assert normalize(word) == word, phrase
    kinds = {}
    for kind, phrase in rows:
        kinds.setdefault(kind, set()).add(phrase)
    for word in ("يوما", "سنوات", "عاما", "ساعه", "دقيقه"):
        assert word in kinds["duration_after"]
    for word in ("رقم", "دفعه", "قرار", "اس", "سو", "اف"):
        assert word in kinds["designation_before"]
