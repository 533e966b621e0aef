"""The clean stage's data files: furniture, captions, dateline outlets, places."""

from __future__ import annotations

import re

from khabar.arabic import normalize
from khabar.resources import iter_tsv, read_lines

SCOPES = {"line", "trailer", "inline", "byline", "tail"}
_ARABIC = re.compile("[\u0621-\u064A]+")


def _arabic_is_normalised(pattern: str) -> bool:
    return all(normalize(w) == w for w in _ARABIC.findall(pattern))


def test_furniture_patterns_compile_with_known_scopes_and_unique_rules() -> None:
    rows = list(iter_tsv("furniture.tsv"))
    assert rows
    assert len({r[0] for r in rows}) == len(rows)
    for rule, scope, pattern, needles in rows:
        assert needles, rule
        assert scope in SCOPES, rule
        re.compile(pattern)
        assert _arabic_is_normalised(pattern), rule


def test_latin_needles_of_furniture_rules_cover_the_three_casings() -> None:
    """Needles are tested as written while the patterns ignore case: each Latin one is listed lower, Title and UPPER."""
    for rule, _scope, _pattern, needles in iter_tsv("furniture.tsv"):
        listed = set(needles.split("|"))
        for needle in (n for n in listed if n.isascii() and n.isalpha()):
            assert {needle.lower(), needle.capitalize(), needle.upper()} <= listed, (rule, needle)


def test_needleless_line_patterns_can_share_one_alternation() -> None:
    """The clean stage joins the needle-less whole-line patterns with |: none may refer to a group or set a flag."""
    for rule, scope, pattern, _needles in iter_tsv("furniture.tsv"):
        if scope in ("trailer", "line", "byline"):  # (the needle-less ones and those tried without needles)
            assert not re.search(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]+\)", pattern), rule


def test_caption_patterns_compile_and_are_normalised() -> None:
    rows = list(iter_tsv("captions.tsv"))
    assert len({r[0] for r in rows}) == len(rows)
    for rule, pattern, needles in rows:
        assert needles, rule
        re.compile(pattern)
        assert _arabic_is_normalised(pattern), rule


def test_dateline_outlets_are_unique_normalised_and_typed() -> None:
    rows = list(iter_tsv("datelines.tsv"))
    keys = [r[0] for r in rows]
    assert len(set(keys)) == len(keys)
    for variant, canonical, kind in rows:
        assert normalize(variant) == variant
        assert canonical and kind in {"agency", "newspaper", "noise"}


def test_places_are_normalised_unique_and_include_common_datelines() -> None:
    places = read_lines("places.txt")
    assert len(set(places)) == len(places) > 1000
    assert all(normalize(p) == p for p in places)
    for city in ("موسكو", "الرياض", "القاهره", "لندن", "بغداد", "جده", "ينبع", "صور"):
        assert city in places
    for word in ("امس", "دولار", "بيان", "كان"):  # in the source lists, but common words, not places
        assert word not in places
